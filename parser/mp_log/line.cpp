#include "parser/mp_log/line.hpp"

#include "model/text.hpp"

#include <boost/spirit/home/x3.hpp>

#include <array>

namespace ikediff::parser::mp_log {

namespace {

namespace x3 = boost::spirit::x3;

// The grammar --------------------------------------------------------------------------

/// What the grammar's actions fill while it reads a line.
struct reading {
    unsigned year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, millis = 0;
    bool has_millis = false;
    std::optional<std::int32_t> offset;
    bool dated = false;
    std::string_view level, function, source;
};

reading& state(auto& ctx) { return x3::get<reading>(ctx).get(); }
std::string_view view_of(const auto& range) {
    return {&*range.begin(), static_cast<std::size_t>(range.end() - range.begin())};
}

const x3::uint_parser<unsigned, 10, 4, 4> k_year;
const x3::uint_parser<unsigned, 10, 2, 2> k_two;
const x3::uint_parser<unsigned, 10, 3, 3> k_millis;
const x3::uint_parser<unsigned, 10, 4, 4> k_zone;

struct level_words : x3::symbols<char> {
    level_words() {
        for (const char* w : {"Error", "ERROR", "error", "Warning", "WARNING", "warning", "Warn", "Info", "INFO",
                              "info", "Debug", "DEBUG", "debug", "Critical", "CRITICAL", "Notice", "Alert", "Emerg"}) {
            add(w);
        }
    }
};
const level_words k_level;

const auto set_year = [](auto& c) { state(c).year = x3::_attr(c); };
const auto set_month = [](auto& c) { state(c).month = x3::_attr(c); };
const auto set_day = [](auto& c) { state(c).day = x3::_attr(c); };
const auto set_hour = [](auto& c) { state(c).hour = x3::_attr(c); };
const auto set_minute = [](auto& c) { state(c).minute = x3::_attr(c); };
const auto set_second = [](auto& c) { state(c).second = x3::_attr(c); };
const auto set_millis = [](auto& c) {
    const unsigned v = x3::_attr(c);
    state(c).millis = v;
    state(c).has_millis = true;
};
const auto set_zone = [](auto& c) {
    const auto sign = boost::fusion::at_c<0>(x3::_attr(c));
    const unsigned hhmm = boost::fusion::at_c<1>(x3::_attr(c));
    const auto minutes = static_cast<std::int32_t>((hhmm / 100) * 60 + hhmm % 100);
    state(c).offset = sign == '-' ? -minutes : minutes;
};
const auto set_dated = [](auto& c) { state(c).dated = true; };
const auto set_level = [](auto& c) { state(c).level = view_of(x3::_attr(c)); };
const auto set_function = [](auto& c) { state(c).function = view_of(x3::_attr(c)); };
const auto set_source = [](auto& c) { state(c).source = view_of(x3::_attr(c)); };

const auto blanks = +x3::char_(" \t");
const auto timestamp = x3::omit[k_year[set_year] >> '-' >> k_two[set_month] >> '-' >> k_two[set_day] >> blanks >>
                        k_two[set_hour] >> ':' >> k_two[set_minute] >> ':' >> k_two[set_second] >>
                        -('.' >> k_millis[set_millis] >> *x3::char_('0', '9')) >>
                        -(blanks >> (x3::char_("+-") >> k_zone)[set_zone])][set_dated];
const auto level = x3::omit[x3::raw[k_level][set_level] >> ':' >> (blanks | x3::eoi)];
const auto identifier = x3::raw[x3::char_("A-Za-z_") >> *x3::char_("A-Za-z0-9_")];
const auto location = x3::omit[identifier[set_function] >> '(' >> +(x3::char_ - x3::char_("():\t ")) >> ':' >>
                               x3::uint_ >> ')' >> ':'];
// The source is `file:N`: taken whole from after the parenthesis to before it closes.
const auto located = x3::raw[location][([](auto& c) {
    const std::string_view all = view_of(x3::_attr(c));
    const std::size_t open = all.find('(');
    state(c).source = all.substr(open + 1, all.size() - open - 3);
})];
const auto prefix = x3::omit[-(timestamp >> (blanks | x3::eoi)) >> -(level >> -(located >> *x3::char_(" \t")))];

/// Whether `text` starts with a timestamp: a quick look before the grammar runs.
bool opens_with_timestamp(std::string_view text) {
    static constexpr std::string_view k_shape = "dddd-dd-dd dd:dd:dd";
    if (text.size() < k_shape.size()) {
        return false;
    }
    for (std::size_t i = 0; i < k_shape.size(); ++i) {
        const char c = text[i];
        if (k_shape[i] == 'd' ? !model::is_digit(c) : c != k_shape[i]) {
            return false;
        }
    }
    return true;
}

bool boundary_before(std::string_view line, std::size_t at) {
    const auto c = static_cast<unsigned char>(line[at - 1]);
    return model::is_blank(static_cast<char>(c)) || c >= 0x80;
}

/// Whether `text` opens with a run of letters and a colon: what any level word does (a
/// quick look before the grammar runs at every word of a line).
bool level_word_at(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size() && model::is_alpha(text[i])) {
        ++i;
    }
    return i > 0 && i < text.size() && text[i] == ':';
}

/// How far the timestamp and level opening `text` go (0 when it opens with no timestamp).
std::size_t timestamp_length(std::string_view text) {
    reading r;
    auto it = text.begin();
    const auto parser = x3::with<reading>(std::ref(r))[timestamp];
    if (!x3::parse(it, text.end(), parser)) {
        return 0;
    }
    return static_cast<std::size_t>(it - text.begin());
}

} // namespace

entry read_entry(std::string_view line) {
    reading r;
    auto it = line.begin();
    const auto parser = x3::with<reading>(std::ref(r))[prefix];
    x3::parse(it, line.end(), parser);
    entry e;
    if (r.dated) {
        e.time = model::timestamp::from_civil(static_cast<int>(r.year), r.month, r.day, r.hour, r.minute, r.second,
                                              r.millis, r.offset, r.has_millis);
    }
    e.level = r.level;
    e.function = r.function;
    e.source = r.source;
    // What the prefix did not take is the message (`Error: text` without a location: a level
    // and its message).
    e.message = model::trim(line.substr(static_cast<std::size_t>(it - line.begin())));
    return e;
}

bool opens_with_location(std::string_view text) {
    reading r;
    auto it = text.begin();
    const auto parser = x3::with<reading>(std::ref(r))[x3::omit[level >> located]];
    return x3::parse(it, text.end(), parser);
}

void split_entries(std::string_view line, std::vector<piece>& into) {
    into.clear();
    std::size_t start = 0;
    std::size_t at = 1;
    // The first entry's own timestamp is not the start of another.
    if (const std::size_t ts = opens_with_timestamp(line) ? timestamp_length(line) : 0; ts > 0) {
        at = ts;
    }
    while (at < line.size()) {
        if (!boundary_before(line, at)) {
            ++at; // inside a word: neither a timestamp nor a level starts here
            continue;
        }
        const std::string_view rest = line.substr(at);
        const char c = line[at];
        const bool maybe_time = model::is_digit(c) && opens_with_timestamp(rest);
        const bool maybe_level = model::is_alpha(c) && !maybe_time;
        if (maybe_time || maybe_level) {
            if (maybe_time) {
                if (const std::size_t ts = timestamp_length(rest); ts > 0) {
                    into.push_back({start, model::trim(line.substr(start, at - start))});
                    start = at;
                    at += ts + 1;
                    continue;
                }
            } else if (level_word_at(rest) && opens_with_location(rest)) {
                // Not when only the entry's own timestamp precedes: that is its level.
                const std::string_view before = model::trim(line.substr(start, at - start));
                if (!(opens_with_timestamp(before) && timestamp_length(before) == before.size())) {
                    into.push_back({start, before});
                    start = at;
                }
            }
        }
        ++at;
    }
    into.push_back({start, line.substr(start)});
}

std::string_view family_of(std::string_view base_name) {
    std::string_view name = base_name;
    if (name.ends_with(".gz")) {
        name.remove_suffix(3);
    }
    // A rotation: `ms.log.1`.
    while (!name.empty() && model::is_digit(name.back())) {
        name.remove_suffix(1);
    }
    if (name.ends_with(".log.")) {
        name.remove_suffix(1);
    }
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 6> k_names{{
        {"ms.log", "ms.log"},
        {"configd.log", "configd.log"},
        {"devsrv.log", "devsrv.log"},
        {"devsrvr.log", "devsrv.log"},
        {"useridd.log", "useridd.log"},
        {"user-id.log", "useridd.log"},
    }};
    for (const auto& [file, family] : k_names) {
        if (name == file) {
            return family;
        }
    }
    return {};
}

} // namespace ikediff::parser::mp_log
