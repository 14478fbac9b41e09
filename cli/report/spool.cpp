#include "cli/report/spool.hpp"

#include <vector>

namespace ikediff::cli {

void spool::append(std::string_view text) {
    if (m_memory.empty() && text.size() >= m_limit && spill(text)) {
        return; // a block as large as the limit goes to the file as it is, not copied first
    }
    m_memory.append(text);
    if (m_memory.size() >= m_limit && spill(m_memory)) {
        m_memory.clear();
    }
}

bool spool::spill(std::string_view text) {
    if (m_file_failed) {
        return false;
    }
    parser::scratch_file::piece ignored;
    std::string failure;
    if (!m_file.append(text, ignored, failure)) {
        m_file_failed = true; // part of `text` may be in the file, after what m_spilled counts
        return false;
    }
    m_spilled += text.size();
    return true;
}

void spool::write_to(std::ostream& out) {
    // Only what was written whole. A scratch file that cannot be read back makes the report
    // fail, not come out short.
    parser::scratch_file::reader spilled(m_file, {.offset = 0, .size = m_spilled, .error = {}});
    std::vector<char> chunk(m_spilled == 0 ? 0 : std::size_t{1} << 20);
    for (std::uint64_t left = m_spilled; left > 0;) {
        std::size_t got = 0;
        std::string error;
        if (!spilled.read(chunk.data(), chunk.size(), got, error) || got == 0) {
            out.setstate(std::ios::badbit);
            return;
        }
        out.write(chunk.data(), static_cast<std::streamsize>(got));
        left -= got;
    }
    out << m_memory;
}

} // namespace ikediff::cli
