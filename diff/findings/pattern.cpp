#include "diff/findings/pattern.hpp"

#include "model/text.hpp"

namespace ikediff::diff::findings {

namespace {

bool is_word_char(char c) { return !model::is_blank(c); }

} // namespace

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
    for (const piece& pc : p.m_pieces) {
        if (pc.what == kind::literal && pc.text.size() >= p.m_anchor.size()) {
            p.m_anchor = pc.text;
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
    // Text captures try every length: bounded, so that a line of a megabyte cannot make a
    // pattern with several of them take long. Messages are a few hundred bytes.
    constexpr std::size_t k_longest = 16 * 1024;
    field = field.substr(0, k_longest);
    // Where a match may start: at the first literal's occurrences when the pattern opens
    // with one, else anywhere.
    const piece& first = m_pieces.front();
    for (std::size_t at = 0; at <= field.size(); ++at) {
        if (first.what == kind::literal) {
            at = field.find(first.text, at);
            if (at == std::string_view::npos) {
                return false;
            }
        }
        if (match_from(0, field, at, out)) {
            return true;
        }
        out.clear();
        if (first.what == kind::text) {
            return false; // a text capture first takes what precedes the rest: one start
        }
    }
    return false;
}

bool pattern::match_from(std::size_t index, std::string_view field, std::size_t at, captures& out) const {
    if (index == m_pieces.size()) {
        return true;
    }
    const piece& pc = m_pieces[index];
    const std::string_view rest = field.substr(at);
    const auto captured = [&](std::size_t length) {
        out.emplace_back(pc.text, field.substr(at, length));
        if (match_from(index + 1, field, at + length, out)) {
            return true;
        }
        out.pop_back();
        return false;
    };
    switch (pc.what) {
    case kind::literal:
        return rest.starts_with(pc.text) && match_from(index + 1, field, at + pc.text.size(), out);
    case kind::blank: {
        std::size_t n = 0;
        while (n < rest.size() && model::is_blank(rest[n])) {
            ++n;
        }
        return n > 0 && match_from(index + 1, field, at + n, out);
    }
    case kind::integer: {
        std::size_t n = rest.starts_with('-') || rest.starts_with('+') ? 1 : 0;
        const std::size_t digits_from = n;
        while (n < rest.size() && model::is_digit(rest[n])) {
            ++n;
        }
        return n > digits_from && captured(n);
    }
    case kind::hex: {
        std::size_t n = rest.starts_with("0x") || rest.starts_with("0X") ? 2 : 0;
        const std::size_t digits_from = n;
        while (n < rest.size() && model::is_hex(rest[n])) {
            ++n;
        }
        return n > digits_from && captured(n);
    }
    case kind::word: {
        std::size_t n = 0;
        while (n < rest.size() && is_word_char(rest[n])) {
            ++n;
        }
        for (; n > 0; --n) { // longest first, shorter when what follows needs it
            if (captured(n)) {
                return true;
            }
        }
        return false;
    }
    case kind::text:
        if (index + 1 == m_pieces.size()) {
            return captured(model::trim(rest).empty() ? 0 : rest.find_last_not_of(" \t") + 1);
        }
        for (std::size_t n = 1; n <= rest.size(); ++n) { // shortest first
            if (captured(n)) {
                return true;
            }
        }
        return false;
    }
    return false;
}

} // namespace ikediff::diff::findings
