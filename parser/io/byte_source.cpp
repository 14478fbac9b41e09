#include "parser/io/byte_source.hpp"

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>

namespace ikediff::parser {

bool memory_source::read(char* into, std::size_t size, std::size_t& got, std::string& /*error*/) {
    got = std::min(size, m_rest.size());
    if (got != 0) { // an empty view's data() may be null
        std::memcpy(into, m_rest.data(), got);
    }
    m_rest.remove_prefix(got);
    return true;
}


bool file_source::read(char* into, std::size_t size, std::size_t& got, std::string& error) {
    got = 0;
    if (m_failed.empty()) {
        got = std::fread(into, 1, size, m_file);
        if (got == 0 && std::ferror(m_file) != 0) {
            m_failed = std::strerror(errno);
        }
    }
    if (!m_failed.empty()) {
        error = m_failed;
        return false;
    }
    return true;
}

peek_source::peek_source(byte_source& from, std::size_t head_size) : m_from(from), m_head(head_size) {
    std::size_t filled = 0;
    while (filled < head_size) {
        std::size_t got = 0;
        if (!m_from.read(m_head.data() + filled, head_size - filled, got, m_error)) {
            m_ok = false;
            break;
        }
        if (got == 0) {
            break;
        }
        filled += got;
    }
    m_head.resize(filled);
}

bool peek_source::read(char* into, std::size_t size, std::size_t& got, std::string& error) {
    if (m_delivered < m_head.size()) {
        got = std::min(size, m_head.size() - m_delivered);
        std::memcpy(into, m_head.data() + m_delivered, got);
        m_delivered += got;
        return true;
    }
    if (!m_ok) {
        error = m_error;
        got = 0;
        return false;
    }
    return m_from.read(into, size, got, error);
}

bool is_gzip(std::string_view head) { return head.starts_with("\x1f\x8b"); }

namespace {

/// zlib's window bits for "a gzip header and trailer around a deflate stream".
constexpr int k_gzip_window = 16 + MAX_WBITS;
constexpr std::size_t k_in_chunk = 64 * 1024;

uInt clamp_uint(std::size_t n) { return static_cast<uInt>(std::min<std::size_t>(n, UINT_MAX)); }

} // namespace

std::string gunzip_prefix(std::string_view head, std::size_t size) {
    if (!is_gzip(head)) {
        return {};
    }
    z_stream z{};
    if (inflateInit2(&z, k_gzip_window) != Z_OK) {
        return {};
    }
    std::string out(size, '\0');
    // zlib's interface is not const-correct; it does not write through next_in.
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(head.data()));
    z.avail_in = clamp_uint(head.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = clamp_uint(size);
    ::inflate(&z, Z_SYNC_FLUSH); // whatever it returns, total_out is what was decompressed
    out.resize(z.total_out);
    ::inflateEnd(&z);
    return out;
}

struct gunzip_source::state {
    z_stream z{};
    bool initialised = false;
    std::vector<unsigned char> in = std::vector<unsigned char>(k_in_chunk);
    bool input_ended = false;  ///< the source has no more bytes
    bool member_ended = true;  ///< between gzip members (none started yet, or one complete)
    bool started = false;      ///< a member was started
    bool finished = false;     ///< the last member ended; nothing more to deliver
    std::string failed; ///< the error met, returned by every read after the bytes before it
};

gunzip_source::gunzip_source(byte_source& from) : m_from(from), m_state(std::make_unique<state>()) {
    m_state->initialised = inflateInit2(&m_state->z, k_gzip_window) == Z_OK;
}

gunzip_source::~gunzip_source() {
    if (m_state->initialised) {
        ::inflateEnd(&m_state->z);
    }
}

bool gunzip_source::read(char* into, std::size_t size, std::size_t& got, std::string& error) {
    state& s = *m_state;
    got = 0;
    if (!s.failed.empty() && s.finished) {
        error = s.failed;
        return false;
    }
    if (!s.initialised) {
        error = "gzip: cannot initialise zlib";
        return false;
    }
    z_stream& z = s.z;
    z.next_out = reinterpret_cast<Bytef*>(into);
    z.avail_out = clamp_uint(size);
    const uInt capacity = z.avail_out;
    // Delivers what was decompressed; an error after some bytes waits for the next read,
    // and every read after that reports it again.
    const auto stop = [&](std::string message) {
        s.failed = std::move(message);
        s.finished = true;
        got = capacity - z.avail_out;
        if (got != 0) {
            return true;
        }
        error = s.failed;
        return false;
    };
    while (!s.finished && z.avail_out > 0) {
        if (z.avail_in == 0) {
            if (s.input_ended) {
                if (s.member_ended && s.started) {
                    s.finished = true;
                    break;
                }
                return stop("gzip: unexpected end of file");
            }
            std::size_t n = 0;
            std::string read_error;
            if (!m_from.read(reinterpret_cast<char*>(s.in.data()), s.in.size(), n, read_error)) {
                return stop(std::move(read_error));
            }
            s.input_ended = n == 0;
            z.next_in = s.in.data();
            z.avail_in = static_cast<uInt>(n);
            continue;
        }
        if (s.member_ended) {
            // Another member follows only if it starts like one; anything else after a
            // complete member is trailing garbage, which gzip ignores too.
            if (s.started && (z.next_in[0] != 0x1f || (z.avail_in > 1 && z.next_in[1] != 0x8b))) {
                s.finished = true;
                break;
            }
            if (s.started) {
                ::inflateReset(&z);
            }
            s.member_ended = false;
            s.started = true;
        }
        const int rc = ::inflate(&z, Z_NO_FLUSH);
        if (rc == Z_STREAM_END) {
            s.member_ended = true;
        } else if (rc == Z_BUF_ERROR) {
            continue; // needs more input, read above
        } else if (rc != Z_OK) {
            return stop(std::string("gzip: ") + (z.msg != nullptr ? z.msg : "corrupt data"));
        }
    }
    got = capacity - z.avail_out;
    return true;
}

} // namespace ikediff::parser
