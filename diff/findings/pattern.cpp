#include "diff/findings/pattern.hpp"

#include "model/text.hpp"

namespace ikediff::diff::findings {

pattern pattern::compile(std::string_view text, std::string& error, std::size_t& column) {
    pattern p;
    std::string literal;
    const auto end_literal = [&] {
        if (!literal.empty()) {
            p.m_pieces.push_back({kind::literal, std::move(literal)});
            literal.clear();
        }
    };
    for (std::size_t i = 0; i < text.size();) {
        const char c = text[i];
        if (model::is_blank(c)) {
            end_literal();
            while (i < text.size() && model::is_blank(text[i])) {
                ++i;
            }
            if (p.m_pieces.empty() || p.m_pieces.back().what != kind::blank) {
                p.m_pieces.push_back({kind::blank, {}});
            }
            continue;
        }
        if ((c == '{' || c == '}') && i + 1 < text.size() && text[i + 1] == c) {
            literal += c;
            i += 2;
            continue;
        }
        if (c == '}') {
            error = "a `}` that closes no capture (write `}}` for a brace)";
            column = i;
            return {};
        }
        if (c != '{') {
            literal += c;
            ++i;
            continue;
        }
        const std::size_t close = text.find('}', i);
        if (close == std::string_view::npos) {
            error = "a capture `{` is not closed";
            column = i;
            return {};
        }
        const std::string_view inside = text.substr(i + 1, close - i - 1);
        const std::size_t colon = inside.find(':');
        const std::string_view name = inside.substr(0, colon);
        const std::string_view type = colon == std::string_view::npos ? "text" : inside.substr(colon + 1);
        bool named = !name.empty();
        for (const char n : name) {
            named = named && (model::is_alnum(n) || n == '_');
        }
        if (!named) {
            error = "a capture needs a name of letters, digits and `_`: `{code:int}`";
            column = i;
            return {};
        }
        kind k{};
        if (type == "int") {
            k = kind::integer;
        } else if (type == "hex") {
            k = kind::hex;
        } else if (type == "word") {
            k = kind::word;
        } else if (type == "text") {
            k = kind::text;
        } else {
            error = "unknown capture type `" + std::string(type) + "` (int, hex, word, text)";
            column = i + 1 + colon + 1;
            return {};
        }
        if (!p.m_pieces.empty() && p.m_pieces.back().what == kind::text && literal.empty()) {
            error = "a capture right after a `text` capture cannot be told apart from it";
            column = i;
            return {};
        }
        end_literal();
        p.m_pieces.push_back({k, std::string(name)});
        i = close + 1;
    }
    end_literal();
    // The anchor, and the phrase: the run of literal pieces joined by blanks with the most
    // literal characters (the later of equals: patterns end with their specific words).
    std::string phrase;
    std::size_t phrase_letters = 0;
    std::size_t best_letters = 0;
    for (std::size_t i = 0; i < p.m_pieces.size(); ++i) {
        const piece& pc = p.m_pieces[i];
        if (pc.what == kind::literal) {
            if (pc.text.size() >= p.m_anchor.size()) {
                p.m_anchor = pc.text;
            }
            phrase += pc.text;
            phrase_letters += pc.text.size();
            if (phrase_letters >= best_letters) {
                best_letters = phrase_letters;
                p.m_phrase = phrase;
            }
        } else if (pc.what == kind::blank && !phrase.empty() && i + 1 < p.m_pieces.size() &&
                   p.m_pieces[i + 1].what == kind::literal) {
            phrase += ' ';
        } else {
            phrase.clear();
            phrase_letters = 0;
        }
    }
    return p;
}

std::vector<std::string_view> pattern::capture_names() const {
    std::vector<std::string_view> names;
    for (const piece& pc : m_pieces) {
        if (pc.what != kind::literal && pc.what != kind::blank) {
            names.push_back(pc.text);
        }
    }
    return names;
}

bool pattern::match(std::string_view field, captures& out) const {
    out.clear();
    if (m_pieces.empty()) {
        return false;
    }
    // A line without the anchor cannot match: the common case, one search.
    if (!m_anchor.empty() && field.find(m_anchor) == std::string_view::npos) {
        return false;
    }
    // Where a match may start: at the first literal's occurrences when the pattern opens
    // with one, else anywhere. No piece backtracks (a capture takes what it takes), so one
    // attempt costs at most a search per piece; an attempt that found a literal nowhere
    // ahead ends the search, since no later start can find it either.
    const piece& first = m_pieces.front();
    for (std::size_t at = 0; at <= field.size(); ++at) {
        if (first.what == kind::literal) {
            at = field.find(first.text, at);
            if (at == std::string_view::npos) {
                return false;
            }
        }
        switch (match_from(field, at, out)) {
        case attempt::matched: return true;
        case attempt::impossible: out.clear(); return false;
        case attempt::failed: out.clear(); break;
        }
        if (first.what == kind::text) {
            return false; // a text capture first takes what precedes the rest: one start
        }
    }
    return false;
}

namespace {

/// Where the literal `text` starts at or after `from` with at least one blank before it
/// (`after_blank`), or anywhere; npos when nowhere.
std::size_t find_literal(std::string_view field, std::string_view text, std::size_t from, bool after_blank) {
    for (std::size_t at = field.find(text, from); at != std::string_view::npos; at = field.find(text, at + 1)) {
        if (!after_blank || (at > from && model::is_blank(field[at - 1]))) {
            return at;
        }
    }
    return std::string_view::npos;
}

} // namespace

pattern::attempt pattern::match_from(std::string_view field, std::size_t at, captures& out) const {
    for (std::size_t index = 0; index < m_pieces.size(); ++index) {
        const piece& pc = m_pieces[index];
        const std::string_view rest = field.substr(at);
        // What follows a capture: a literal it ends before (after blanks when a blank
        // piece comes first), if one does.
        const piece* next = index + 1 < m_pieces.size() ? &m_pieces[index + 1] : nullptr;
        const bool blank_next = next != nullptr && next->what == kind::blank;
        const piece* literal_next = blank_next && index + 2 < m_pieces.size() ? &m_pieces[index + 2] : next;
        if (literal_next != nullptr && literal_next->what != kind::literal) {
            literal_next = nullptr;
        }
        std::size_t n = 0;
        switch (pc.what) {
        case kind::literal:
            if (!rest.starts_with(pc.text)) {
                return attempt::failed;
            }
            at += pc.text.size();
            continue;
        case kind::blank:
            while (n < rest.size() && model::is_blank(rest[n])) {
                ++n;
            }
            if (n == 0) {
                return attempt::failed;
            }
            at += n;
            continue;
        case kind::integer:
        case kind::hex: {
            const bool integer = pc.what == kind::integer;
            if (integer && (rest.starts_with('-') || rest.starts_with('+'))) {
                n = 1;
            } else if (!integer && (rest.starts_with("0x") || rest.starts_with("0X"))) {
                n = 2;
            }
            const std::size_t digits_from = n;
            while (n < rest.size() && (integer ? model::is_digit(rest[n]) : model::is_hex(rest[n]))) {
                ++n;
            }
            if (n == digits_from) {
                return attempt::failed;
            }
            break;
        }
        case kind::word: {
            while (n < rest.size() && !model::is_blank(rest[n])) {
                ++n;
            }
            // A literal right behind it ends it: `{server}.` takes `dc1`, not `dc1.`.
            if (literal_next != nullptr && !blank_next) {
                n = std::min(n, rest.substr(0, n).find(literal_next->text));
            }
            if (n == 0 || n == std::string_view::npos) {
                return attempt::failed;
            }
            break;
        }
        case kind::text:
            if (next == nullptr) {
                // The rest of the field, without trailing blanks.
                n = model::trim(rest).empty() ? 0 : rest.find_last_not_of(" \t") + 1;
            } else if (literal_next != nullptr) {
                // Up to the first place the literal follows (after blanks, if the pattern
                // has them between): as few characters as that allows.
                const std::size_t found = find_literal(field, literal_next->text, at + 1, blank_next);
                if (found == std::string_view::npos) {
                    return attempt::impossible;
                }
                n = found - at;
                while (blank_next && n > 0 && model::is_blank(rest[n - 1])) {
                    --n;
                }
            } else {
                // Another capture after blanks: a text takes one word.
                while (n < rest.size() && !model::is_blank(rest[n])) {
                    ++n;
                }
            }
            if (n == 0 && next != nullptr) {
                return attempt::failed;
            }
            break;
        }
        out.emplace_back(pc.text, field.substr(at, n));
        at += n;
    }
    return attempt::matched;
}

} // namespace ikediff::diff::findings
