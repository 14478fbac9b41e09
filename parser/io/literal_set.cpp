#include "parser/io/literal_set.hpp"

#include <hs/hs.h>

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace ikediff::parser {

namespace {

hs_database_t* database(void* p) { return static_cast<hs_database_t*>(p); }
hs_scratch_t* scratch(void* p) { return static_cast<hs_scratch_t*>(p); }

int collect_end(unsigned int /*id*/, unsigned long long /*from*/, unsigned long long to, unsigned int /*flags*/,
                void* context) {
    static_cast<std::vector<std::size_t>*>(context)->push_back(static_cast<std::size_t>(to));
    return 0;
}

int stop_at_first(unsigned int /*id*/, unsigned long long /*from*/, unsigned long long /*to*/,
                  unsigned int /*flags*/, void* /*context*/) {
    return 1; // a non-zero return ends the scan: one is enough
}

} // namespace

namespace {

/// `text` as a Hyperscan expression: every byte as itself (escaped), a run of spaces as
/// one or more blanks.
std::string expression_of(std::string_view text) {
    static constexpr char k_hex[] = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == ' ') {
            out += "[ \\t]+";
            while (i + 1 < text.size() && text[i + 1] == ' ') {
                ++i;
            }
        } else if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            out += static_cast<char>(c);
        } else {
            out += "\\x";
            out += k_hex[c >> 4];
            out += k_hex[c & 0xF];
        }
    }
    return out;
}

} // namespace

literal_set::literal_set(const std::vector<std::string>& literals) {
    std::vector<std::string> expressions;
    for (const std::string& l : literals) {
        if (!l.empty()) {
            expressions.push_back(expression_of(l));
        }
    }
    m_count = expressions.size();
    if (m_count == 0) {
        return;
    }
    std::vector<const char*> texts;
    std::vector<unsigned int> flags(expressions.size(), 0);
    std::vector<unsigned int> ids;
    for (const std::string& e : expressions) {
        texts.push_back(e.c_str());
        ids.push_back(static_cast<unsigned int>(ids.size()));
    }
    hs_database_t* db = nullptr;
    hs_compile_error_t* error = nullptr;
    if (hs_compile_multi(texts.data(), flags.data(), ids.data(), static_cast<unsigned int>(texts.size()),
                         HS_MODE_BLOCK, nullptr, &db, &error) != HS_SUCCESS) {
        std::string message = error != nullptr && error->message != nullptr ? error->message : "unknown error";
        hs_free_compile_error(error);
        throw std::runtime_error("cannot compile the line prefilter: " + message);
    }
    m_database = db;
}

literal_set::~literal_set() {
    if (m_database != nullptr) {
        hs_free_database(database(m_database));
    }
}

literal_set::searcher::searcher(const literal_set& set) : m_set(set) {
    if (set.m_database == nullptr) {
        return;
    }
    hs_scratch_t* s = nullptr;
    if (hs_alloc_scratch(database(set.m_database), &s) != HS_SUCCESS) {
        throw std::runtime_error("cannot allocate the line prefilter's scratch space");
    }
    m_scratch = s;
}

literal_set::searcher::~searcher() {
    if (m_scratch != nullptr) {
        hs_free_scratch(scratch(m_scratch));
    }
}

void literal_set::searcher::find_all(std::string_view text, std::vector<std::size_t>& ends) {
    ends.clear();
    if (m_scratch == nullptr || text.empty()) {
        return;
    }
    // Hyperscan takes at most 4 GiB at a time; buffers here are a chunk.
    constexpr std::size_t k_most = std::numeric_limits<unsigned int>::max();
    for (std::size_t at = 0; at < text.size(); at += k_most) {
        const std::size_t n = std::min(k_most, text.size() - at);
        const std::size_t before = ends.size();
        hs_scan(database(m_set.m_database), text.data() + at, static_cast<unsigned int>(n), 0,
                scratch(m_scratch), collect_end, &ends);
        for (std::size_t i = before; i < ends.size(); ++i) {
            ends[i] += at;
        }
    }
    // Literal matches come in order of their end; said again in case a matcher differs.
    if (!std::is_sorted(ends.begin(), ends.end())) {
        std::sort(ends.begin(), ends.end());
    }
}

bool literal_set::searcher::any_in(std::string_view text) {
    if (m_scratch == nullptr || text.empty()) {
        return false;
    }
    return hs_scan(database(m_set.m_database), text.data(), static_cast<unsigned int>(text.size()), 0,
                   scratch(m_scratch), stop_at_first, nullptr) == HS_SCAN_TERMINATED;
}

} // namespace ikediff::parser
