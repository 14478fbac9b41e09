#pragma once
// A rule's text pattern (docs/rules.md): literal text with named captures,
//
//     failed to get krb5 tgt ticket with error {code:int}
//     log query for {server} failed: NTSTATUS: NT_STATUS_ACCESS_DENIED
//
// A capture is `{name}` or `{name:type}`: `int` (an optional sign and digits), `hex` (an
// optional `0x` and hex digits), `word` (a run of non-blank characters, ended early by the
// literal that follows it), `text` (the default: everything up to the first place the
// literal after it follows; at the end of the pattern, the rest of the field; before
// another capture, one word). A blank in the pattern matches one or more blanks; `{{` and
// `}}` are braces. The match may start anywhere in the field and is case-sensitive.
//
// Nothing backtracks: a capture takes what it takes, and a match costs at most a search per
// piece and start, whatever the line (a rule pack is data a site may write, and a log is
// hostile input).

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ikediff::diff::findings {

/// The captures of one match: name and text (views into the matched field).
using captures = std::vector<std::pair<std::string_view, std::string_view>>;

class pattern {
public:
    /// Compiles `text`; on an error, `error` says what and `column` (0-based, into `text`)
    /// where, and the pattern matches nothing.
    static pattern compile(std::string_view text, std::string& error, std::size_t& column);

    /// Whether `field` holds a match; its captures into `out` (cleared first).
    bool match(std::string_view field, captures& out) const;

    /// The longest run of literal text without a blank (a field without it cannot match).
    /// Empty when the pattern has no literal text.
    const std::string& anchor() const { return m_anchor; }
    /// The longest run of literal words with blanks between them, each blank written as
    /// one space (`tgt ticket with error`): what the prefilter looks for, a blank standing
    /// for any run of blanks (parser/io/literal_set.hpp). Empty when the pattern has no
    /// literal text.
    const std::string& phrase() const { return m_phrase; }
    /// The names of its captures, in order.
    std::vector<std::string_view> capture_names() const;

private:
    enum class kind : unsigned char { literal, blank, integer, hex, word, text };
    struct piece {
        kind what = kind::literal;
        std::string text; ///< a literal's text; a capture's name
    };
    /// What one attempt from a start came to: `impossible` when a literal the pattern needs
    /// is nowhere ahead, so no later start can match either.
    enum class attempt : unsigned char { matched, failed, impossible };
    attempt match_from(std::string_view field, std::size_t at, captures& out) const;

    std::vector<piece> m_pieces;
    std::string m_anchor;
    std::string m_phrase;
};

} // namespace ikediff::diff::findings
