// libFuzzer target: parser::read_archive over arbitrary bytes (tar, tgz, zip and damaged
// ones), each wanted member set aside in a scratch_file and then read back through
// parser::read_log, as the CLI does: our wrapper around libarchive (blocks, empty and null
// ones, errors repeated, our own gunzip) must never crash, a member's reading must end, and
// what is read back is what was set aside, with the error that cut it.

#include "fuzz_support.hpp"
#include "parser/io/archive_reader.hpp"
#include "parser/log_reader.hpp"
#include "parser/io/scratch_file.hpp"

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace ikediff;

/// The fuzzer's bytes as a byte_source, in small reads (as a pipe delivers them).
class bytes_source final : public parser::byte_source {
public:
    explicit bytes_source(std::string_view bytes) : m_bytes(bytes) {}
    bool read(char* into, std::size_t size, std::size_t& got, std::string&) override {
        got = std::min({size, m_bytes.size(), std::size_t{4096}});
        std::memcpy(into, m_bytes.data(), got);
        m_bytes.remove_prefix(got);
        return true;
    }

private:
    std::string_view m_bytes;
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    (void)parser::is_archive(bytes);
    bytes_source raw(bytes);
    std::string error;
    parser::scratch_file scratch;
    std::vector<parser::scratch_file::piece> members;
    const bool ok = parser::read_archive(
        raw, [](std::string_view) { return true; }, // every member: more code reached
        [&](const std::string& path, parser::byte_source& data) {
            fuzz::check(!path.starts_with("./") && !path.starts_with('/'), "member path not normalised");
            std::string failure;
            fuzz::check(scratch.keep(data, members.emplace_back(), failure), "cannot set a member aside");
        },
        error);
    fuzz::check(ok || !error.empty(), "read_archive failed without an error");
    for (const parser::scratch_file::piece& p : members) {
        {
            parser::scratch_file::reader data(scratch, p);
            std::uint64_t total = 0;
            std::string member_error;
            char chunk[4096];
            for (std::size_t got = 0; data.read(chunk, sizeof chunk, got, member_error) && got != 0;) {
                total += got;
            }
            fuzz::check(total == p.size, "a member read back is not the size set aside");
            fuzz::check(member_error == p.error, "a member read back does not end as it was cut");
        }
        parser::scratch_file::reader data(scratch, p);
        parser::input_stats stats;
        std::string member_error;
        const bool read = parser::read_log(data, 0, stats, [](model::log_event&&) {}, member_error);
        fuzz::check(read || !member_error.empty(), "member read failed without an error");
        fuzz::check(stats.lines == stats.recognized + stats.unrecognized + stats.malformed,
                    "member lines do not add up");
    }
    return 0;
}
