#pragma once
// Report text written before its place in the output is reached (negotiations are rendered
// as they become final, while inputs are still being read; the header that precedes them
// needs every input's counts). Kept in memory up to a limit, then in an unnamed temporary
// file, so memory does not grow with the number of negotiations.

#include <cstdio>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>

namespace ikediff::cli {

class spool {
public:
    explicit spool(std::size_t memory_limit = std::size_t{4} << 20) : m_limit(memory_limit) {}

    void append(std::string_view text);
    bool empty() const { return m_memory.empty() && m_spilled == 0; }
    /// Everything appended, in order; `out` goes bad if the temporary file cannot be read back.
    void write_to(std::ostream& out);

private:
    /// Writes `text` to the temporary file (made on first use); false, with nothing counted,
    /// if it cannot (then memory it is, from now on).
    bool spill(std::string_view text);

    struct file_closer {
        void operator()(std::FILE* f) const { std::fclose(f); }
    };
    std::size_t m_limit;
    std::string m_memory;
    std::unique_ptr<std::FILE, file_closer> m_file;
    std::size_t m_spilled = 0; ///< bytes in m_file
    bool m_no_file = false;    ///< no temporary file could be made: memory it is
};

} // namespace ikediff::cli
