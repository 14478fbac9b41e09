#include "parser/io/scratch_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <vector>

namespace ikediff::parser {

namespace {

constexpr std::size_t k_chunk = 1024 * 1024;

} // namespace

scratch_file::~scratch_file() {
    if (m_fd >= 0) {
        ::close(m_fd);
    }
}

bool scratch_file::create(std::string& failure) {
    std::error_code ec;
    const std::filesystem::path folder = std::filesystem::temp_directory_path(ec);
    m_folder = ec ? "/tmp" : folder.string();
    // An O_TMPFILE file never has a name; where the file system cannot make one, a named
    // file is unlinked at once, which leaves the same thing.
    m_fd = ::open(m_folder.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (m_fd < 0) {
        std::string name = (std::filesystem::path(m_folder) / "ikediff-XXXXXX").string();
        m_fd = ::mkostemp(name.data(), O_CLOEXEC);
        if (m_fd < 0) {
            failure = "cannot create a temporary file in " + m_folder + " (TMPDIR): " + std::strerror(errno);
            return false;
        }
        ::unlink(name.c_str());
    }
    return true;
}

bool scratch_file::write_all(const char* bytes, std::size_t size, std::string& failure) {
    if (m_fd < 0) {
        m_memory.append(bytes, size);
        m_end += size;
        return true;
    }
    while (size != 0) {
        const ::ssize_t done = ::write(m_fd, bytes, size);
        if (done < 0) {
            if (errno == EINTR) {
                continue;
            }
            failure = "cannot write a temporary file in " + m_folder + " (TMPDIR): " + std::strerror(errno);
            return false;
        }
        bytes += done;
        size -= static_cast<std::size_t>(done);
        m_end += static_cast<std::uint64_t>(done);
    }
    return true;
}

void scratch_file::create_once() {
    if (m_fd < 0 && m_in_memory_because.empty()) {
        // Without a file the pieces stay in memory: reading on matters more.
        create(m_in_memory_because);
    }
}

bool scratch_file::append(std::string_view bytes, piece& kept, std::string& failure) {
    create_once();
    kept = piece{};
    kept.offset = m_end;
    if (!write_all(bytes.data(), bytes.size(), failure)) {
        return false;
    }
    kept.size = bytes.size();
    return true;
}

bool scratch_file::keep(byte_source& from, piece& kept, std::string& failure) {
    create_once();
    kept = piece{};
    kept.offset = m_end;
    std::vector<char> chunk(k_chunk);
    for (;;) {
        std::size_t got = 0;
        const bool ok = from.read(chunk.data(), chunk.size(), got, kept.error);
        if (!write_all(chunk.data(), got, failure)) {
            return false;
        }
        if (!ok || got == 0) {
            break;
        }
    }
    kept.size = m_end - kept.offset;
    return true;
}

bool scratch_file::reader::read(char* into, std::size_t size, std::size_t& got, std::string& error) {
    got = 0;
    const std::uint64_t left = m_piece.size - m_done;
    if (left == 0) {
        if (m_piece.error.empty()) {
            return true;
        }
        error = m_piece.error;
        return false;
    }
    const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(size, left));
    if (m_file.m_fd < 0) {
        got = m_file.m_memory.copy(into, want, static_cast<std::size_t>(m_piece.offset + m_done));
        m_done += got;
        return true;
    }
    for (;;) {
        const ::ssize_t done = ::pread(m_file.m_fd, into, want, static_cast<::off_t>(m_piece.offset + m_done));
        if (done > 0) {
            got = static_cast<std::size_t>(done);
            m_done += got;
            return true;
        }
        if (done < 0 && errno == EINTR) {
            continue;
        }
        // The file is ours and was written in full: this is the system failing us. Said on
        // every later read too, as every source does.
        m_piece.error = done < 0 ? std::string("cannot read back a temporary file: ") + std::strerror(errno)
                                 : std::string("a temporary file was shortened while ikediff read it");
        m_piece.size = m_done;
        error = m_piece.error;
        return false;
    }
}

} // namespace ikediff::parser
