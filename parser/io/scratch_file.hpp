#pragma once
// Bytes set aside to be read later, as sort(1) sets aside what does not fit in memory: in an
// unnamed temporary file in $TMPDIR (else /tmp), which takes no memory of the process and
// which the system removes when it is closed, even when the process is killed. The
// `ikemgr.log*` members of an archive wait here to be read oldest rotation first: a tar
// lists its members in no useful order and can only be read front to back. A text report's
// negotiations wait here too, past a spool's memory (cli/report/spool.hpp), for the header that
// precedes them.

#include "parser/io/byte_source.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace ikediff::parser {

class scratch_file {
public:
    /// What one `keep` set aside: where in the file, and the error that stopped the source
    /// it copied (empty when the source was read to its end).
    struct piece {
        std::uint64_t offset = 0;
        std::uint64_t size = 0;
        std::string error;
    };

    /// Nothing is created until the first `keep`.
    scratch_file() = default;
    ~scratch_file();
    scratch_file(const scratch_file&) = delete;
    scratch_file& operator=(const scratch_file&) = delete;

    /// Copies everything `from` delivers to the end of the file. When no file can be made
    /// (a TMPDIR that cannot hold one), the pieces are kept in memory instead, and
    /// `in_memory_because` says why. Returns false with `failure` set when the file cannot be
    /// written on (a full disk): the message names the folder, so the user can point TMPDIR
    /// elsewhere. An error of `from` is not a failure: it is kept in the piece, and a
    /// `reader` reports it where the bytes stop.
    bool keep(byte_source& from, piece& kept, std::string& failure);

    /// `keep` for bytes already in hand: appends `bytes` as one piece. On a failure part of
    /// them may be in the file, in no piece.
    bool append(std::string_view bytes, piece& kept, std::string& failure);

    /// Why the pieces are in memory rather than in a file; empty when they are in a file.
    const std::string& in_memory_because() const { return m_in_memory_because; }

    /// Reads one piece back, then reports its error if it has one: the same bytes and the
    /// same end as the source it was copied from.
    class reader final : public byte_source {
    public:
        reader(const scratch_file& file, piece p) : m_file(file), m_piece(std::move(p)) {}
        bool read(char* into, std::size_t size, std::size_t& got, std::string& error) override;

    private:
        const scratch_file& m_file;
        piece m_piece;
        std::uint64_t m_done = 0;
    };

private:
    /// Makes the file on the first piece; when it cannot, says why in m_in_memory_because.
    void create_once();
    /// Makes the file; false, with `failure` said, if it cannot.
    bool create(std::string& failure);
    bool write_all(const char* bytes, std::size_t size, std::string& failure);

    int m_fd = -1;
    std::string m_folder;   ///< where the file is, for messages
    std::uint64_t m_end = 0; ///< bytes written so far
    std::string m_memory;   ///< the pieces, when no file could be made
    std::string m_in_memory_because;
};

} // namespace ikediff::parser
