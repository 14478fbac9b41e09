#include "parser/io/archive_reader.hpp"

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <optional>
#include <vector>

namespace ikediff::parser {

namespace {

constexpr std::size_t k_tar_magic_at = 257;
constexpr std::size_t k_tar_block = 512;

std::string message_of(archive* a) {
    const char* m = ::archive_error_string(a);
    return m != nullptr ? m : "unknown archive error";
}

/// libarchive's view of `raw`: it pulls blocks through `read_block`.
struct archive_client {
    byte_source& raw;
    std::vector<char> block;
    std::string error;
};

la_ssize_t read_block(archive* a, void* data, const void** block) {
    auto& client = *static_cast<archive_client*>(data);
    std::size_t got = 0;
    if (!client.raw.read(client.block.data(), client.block.size(), got, client.error)) {
        ::archive_set_error(a, EIO, "%s", client.error.c_str());
        return -1;
    }
    *block = client.block.data();
    return static_cast<la_ssize_t>(got);
}

/// The data of the member libarchive is positioned on, block by block: archive_read_data()
/// would drop the bytes it copied when the member is cut short; blocks keep them.
class member_source final : public byte_source {
public:
    explicit member_source(archive* a) : m_archive(a) {}

    bool read(char* into, std::size_t size, std::size_t& got, std::string& error) override {
        got = 0;
        while (m_left == 0) { // (a zip member may come with an empty block, null data)
            const void* block = nullptr;
            la_int64_t offset = 0;
            const int rc = ::archive_read_data_block(m_archive, &block, &m_left, &offset);
            if (rc == ARCHIVE_EOF) {
                m_left = 0;
                return true;
            }
            if (rc < ARCHIVE_WARN) {
                m_left = 0;
                error = message_of(m_archive); // libarchive repeats a fatal error on later reads
                return false;
            }
            m_block = static_cast<const char*>(block);
            if (m_block == nullptr) {
                m_left = 0;
            }
        }
        got = std::min(size, m_left);
        std::memcpy(into, m_block, got);
        m_block += got;
        m_left -= got;
        return true;
    }

private:
    archive* m_archive;
    const char* m_block = nullptr;
    std::size_t m_left = 0;
};

std::string member_path(const char* name) {
    std::string_view p = name;
    for (;;) {
        if (p.starts_with("./")) {
            p.remove_prefix(2);
        } else if (p.starts_with('/')) {
            p.remove_prefix(1);
        } else {
            return std::string(p);
        }
    }
}

struct archive_deleter {
    void operator()(archive* a) const { ::archive_read_free(a); }
};

} // namespace

bool is_tar(std::string_view head) {
    return head.size() >= k_tar_magic_at + 5 && head.substr(k_tar_magic_at, 5) == "ustar";
}

bool is_archive(std::string_view head) {
    const auto starts = [head](std::string_view magic) { return head.starts_with(magic); };
    if (is_tar(head) || starts("PK\x03\x04") || starts("\xFD" "7zXZ") || starts("\x28\xB5\x2F\xFD") ||
        starts("7z\xBC\xAF\x27\x1C")) {
        return true;
    }
    if (starts("BZh") && head.size() > 3 && head[3] >= '1' && head[3] <= '9') {
        return true;
    }
    return is_gzip(head) && is_tar(gunzip_prefix(head, k_tar_block));
}

bool read_archive(byte_source& raw, const std::function<bool(std::string_view path)>& wanted,
                  const std::function<void(const std::string& path, byte_source& data)>& visit,
                  std::string& error) {
    const std::unique_ptr<archive, archive_deleter> owner(::archive_read_new());
    archive* a = owner.get();
    if (a == nullptr) {
        error = "cannot initialise libarchive";
        return false;
    }
    ::archive_read_support_filter_all(a);
    ::archive_read_support_format_tar(a);
    ::archive_read_support_format_zip(a);
    ::archive_read_support_format_cpio(a);
    ::archive_read_support_format_7zip(a);
    // gzip is undone here rather than by libarchive, whose filter drops the last block it
    // decompressed when the stream is cut short: a half-downloaded tech-support file then
    // gives every member up to the cut.
    peek_source peek(raw, 2);
    std::optional<gunzip_source> gunzip;
    if (is_gzip(peek.head())) {
        gunzip.emplace(peek);
    }
    archive_client client{gunzip ? static_cast<byte_source&>(*gunzip) : peek, std::vector<char>(64 * 1024), {}};
    if (::archive_read_open(a, &client, nullptr, read_block, nullptr) != ARCHIVE_OK) {
        error = message_of(a);
        return false;
    }
    for (;;) {
        archive_entry* entry = nullptr;
        const int rc = ::archive_read_next_header(a, &entry);
        if (rc == ARCHIVE_EOF) {
            return true;
        }
        if (rc < ARCHIVE_WARN) { // a warning (an odd header field) still gives the member
            error = message_of(a);
            return false;
        }
        const char* name = ::archive_entry_pathname(entry);
        if (name == nullptr || ::archive_entry_filetype(entry) != AE_IFREG) {
            continue;
        }
        const std::string path = member_path(name);
        if (wanted(path)) {
            member_source data(a);
            visit(path, data);
        }
    }
}

} // namespace ikediff::parser
