#pragma once
// A set of fixed texts searched for at once over large buffers: the prefilter that lets a
// format hand on only the lines an analysis of lines can use (a rule pack's literals,
// diff/findings/), with the lines in between only counted. Backed by Hyperscan (Debian's
// libhyperscan-dev): one pass over a 256 KiB chunk finds every literal, whatever their
// number, at GB/s, where a search per literal or per line would walk the bytes once per
// literal. A literal may be a phrase: its blanks match any run of blanks, so a whole phrase
// (`tgt ticket with error`, far rarer than `ticket`) survives a log's doubled blanks.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ikediff::parser {

class literal_set {
public:
    /// Compiles `literals` (empty ones are left out; case-sensitive). A space in a literal
    /// stands for any run of blanks (spaces and tabs): `tgt ticket` is found in `tgt  ticket`.
    /// Throws std::runtime_error when the matcher refuses them.
    explicit literal_set(const std::vector<std::string>& literals);
    literal_set(const literal_set&) = delete;
    literal_set& operator=(const literal_set&) = delete;
    ~literal_set();

    /// No literal: nothing would ever be found.
    bool empty() const { return m_count == 0; }
    std::size_t size() const { return m_count; }

    /// What searches with one set need of their own (Hyperscan's scratch space): one per
    /// thread that searches.
    class searcher {
    public:
        explicit searcher(const literal_set& set);
        searcher(const searcher&) = delete;
        searcher& operator=(const searcher&) = delete;
        ~searcher();

        /// The end offsets (one past the last byte) of the literals found in `text`, in
        /// increasing order, into `ends` (cleared first). A literal is found wherever it
        /// occurs, overlapping ones included.
        void find_all(std::string_view text, std::vector<std::size_t>& ends);
        /// Whether `text` holds one of the literals.
        bool any_in(std::string_view text);

    private:
        const literal_set& m_set;
        void* m_scratch = nullptr; ///< hs_scratch_t
    };

private:
    void* m_database = nullptr; ///< hs_database_t
    std::size_t m_count = 0;
};

} // namespace ikediff::parser
