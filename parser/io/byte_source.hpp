#pragma once
// Where the bytes of an input come from, read in chunks: a file or standard input, a member
// of an archive, and gzip decompression on top of either. Reading never needs the whole
// input in memory, and never needs to seek: standard input and archive members cannot.

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ikediff::parser {

/// A stream of bytes read front to back. Implementations report an error again on every
/// read after it, so a reader that stops at the first byte count of 0 or error cannot
/// mistake a failure for the end.
class byte_source {
public:
    virtual ~byte_source() = default;

    /// Up to `size` bytes into `into`; `got` is 0 at the end of the stream. False on an
    /// error, with `error` set; the bytes delivered before it stay delivered.
    virtual bool read(char* into, std::size_t size, std::size_t& got, std::string& error) = 0;
};

/// An open `FILE*` (not owned): a file, standard input, or a memory stream. An error is
/// reported again by every later read.
class file_source final : public byte_source {
public:
    explicit file_source(std::FILE* file) : m_file(file) {}
    bool read(char* into, std::size_t size, std::size_t& got, std::string& error) override;

private:
    std::FILE* m_file;
    std::string m_failed;
};

/// Bytes already in memory (not owned): text a test or a caller holds.
class memory_source final : public byte_source {
public:
    explicit memory_source(std::string_view bytes) : m_rest(bytes) {}
    bool read(char* into, std::size_t size, std::size_t& got, std::string& error) override;

private:
    std::string_view m_rest;
};

/// Another source whose first chunk has been read ahead, so the kind of input (gzip,
/// archive, text) can be told from its content before anything is consumed: `head()`,
/// then `read()` delivers the whole stream from its first byte.
class peek_source final : public byte_source {
public:
    /// Reads up to `head_size` bytes ahead; `ok()` false (with `error()`) if that failed.
    peek_source(byte_source& from, std::size_t head_size);

    bool ok() const { return m_ok; }
    const std::string& error() const { return m_error; }
    std::string_view head() const { return {m_head.data(), m_head.size()}; }

    bool read(char* into, std::size_t size, std::size_t& got, std::string& error) override;

private:
    byte_source& m_from;
    std::vector<char> m_head;
    std::size_t m_delivered = 0; ///< bytes of `m_head` already read out
    bool m_ok = true;
    std::string m_error;
};

/// Whether `head` starts with the gzip magic bytes.
bool is_gzip(std::string_view head);

/// Up to `size` decompressed bytes from the start of the gzip stream whose first bytes are
/// `head` (to tell what a compressed input holds without consuming it); shorter when `head`
/// does not decompress that far, empty when it is not gzip.
std::string gunzip_prefix(std::string_view head, std::size_t size);

/// Decompresses the gzip stream read from another source, concatenated members included
/// (as `gzip -dc` does). A stream that ends early is an error ("unexpected end of file"),
/// reported after every byte that could be decompressed was delivered (and by every later
/// read); bytes after the
/// last member that do not start another are ignored, as gzip does.
class gunzip_source final : public byte_source {
public:
    explicit gunzip_source(byte_source& from);
    ~gunzip_source() override;
    gunzip_source(const gunzip_source&) = delete;
    gunzip_source& operator=(const gunzip_source&) = delete;

    bool read(char* into, std::size_t size, std::size_t& got, std::string& error) override;

private:
    struct state;
    byte_source& m_from;
    std::unique_ptr<state> m_state;
};

} // namespace ikediff::parser
