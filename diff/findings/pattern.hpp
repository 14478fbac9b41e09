#pragma once
// A rule's text pattern (docs/rules.md): literal text with named captures,
//
//     failed to get krb5 tgt ticket with error {code:int}
//     log query for {server} failed: NTSTATUS: NT_STATUS_ACCESS_DENIED
//
// A capture is `{name}` or `{name:type}`: `int` (an optional sign and digits), `hex` (an
// optional `0x` and hex digits), `word` (a run of non-blank characters), `text` (the
// default: as few characters as the rest of the pattern allows; at the end of the pattern,
// the rest of the field). A blank in the pattern matches one or more blanks; `{{` and `}}`
// are braces. The match may start anywhere in the field and is case-sensitive.

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

    /// The longest run of literal text without a blank: what a prefilter looks for (a line
    /// without it cannot match). Empty when the pattern has no literal text.
    const std::string& anchor() const { return m_anchor; }
    /// The names of its captures, in order.
    std::vector<std::string_view> capture_names() const;

private:
    enum class kind : unsigned char { literal, blank, integer, hex, word, text };
    struct piece {
        kind what = kind::literal;
        std::string text; ///< a literal's text; a capture's name
    };
    bool match_from(std::size_t index, std::string_view field, std::size_t at, captures& out) const;

    std::vector<piece> m_pieces;
    std::string m_anchor;
};

} // namespace ikediff::diff::findings
