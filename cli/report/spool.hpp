#pragma once
// Report text written before its place in the output is reached (negotiations are rendered
// as they become final, while inputs are still being read; the header that precedes them
// needs every input's counts). Kept in memory up to a limit, then in a scratch file (an
// unnamed temporary file in $TMPDIR: parser/io/scratch_file.hpp), so memory does not grow with
// the number of negotiations.

#include "parser/io/scratch_file.hpp"

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

namespace ikediff::cli {

class spool {
public:
    explicit spool(std::size_t memory_limit = std::size_t{4} << 20) : m_limit(memory_limit) {}

    void append(std::string_view text);
    bool empty() const { return m_memory.empty() && m_spilled == 0; }
    /// Everything appended, in order; `out` goes bad if the scratch file cannot be read back.
    void write_to(std::ostream& out);

private:
    /// Appends `text` to the scratch file; false, with nothing counted, if it cannot be
    /// written on (a full disk: memory it is, from then on). Where no file can be made at all
    /// the scratch file keeps its pieces in memory itself.
    bool spill(std::string_view text);

    std::size_t m_limit;
    std::string m_memory;
    parser::scratch_file m_file;
    std::uint64_t m_spilled = 0; ///< bytes of m_file written whole, from its start
    bool m_file_failed = false;
};

} // namespace ikediff::cli
