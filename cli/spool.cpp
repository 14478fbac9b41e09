#include "cli/spool.hpp"

#include <algorithm>
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
    if (m_no_file) {
        return false;
    }
    if (!m_file) {
        m_file.reset(std::tmpfile());
        if (!m_file) {
            m_no_file = true; // a read-only /tmp: slower to fail than to keep it in memory
            return false;
        }
    }
    if (std::fwrite(text.data(), 1, text.size(), m_file.get()) != text.size()) {
        m_no_file = true; // a full disk: keep what is left in memory from now on
        return false;
    }
    m_spilled += text.size();
    return true;
}

void spool::write_to(std::ostream& out) {
    if (m_file && m_spilled > 0) {
        // Only what was written whole: a failed write may have left part of a chunk after it.
        // A temporary file that cannot be read back makes the report fail, not come out short.
        if (std::fflush(m_file.get()) != 0 || std::fseek(m_file.get(), 0, SEEK_SET) != 0) {
            out.setstate(std::ios::badbit);
            return;
        }
        std::vector<char> chunk(std::size_t{1} << 20);
        for (std::size_t left = m_spilled, n; left > 0; left -= n) {
            n = std::fread(chunk.data(), 1, std::min(chunk.size(), left), m_file.get());
            if (n == 0) {
                out.setstate(std::ios::badbit);
                return;
            }
            out.write(chunk.data(), static_cast<std::streamsize>(n));
        }
    }
    out << m_memory;
}

} // namespace ikediff::cli
