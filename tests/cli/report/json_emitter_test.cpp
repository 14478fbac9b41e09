// cli::json_emitter on its own: whatever value it is told to write, at whatever depth, the
// text is what nlohmann's dump(2) writes for the same value (the JSON report's layout rests
// on it), strings are escaped as nlohmann escapes them (invalid UTF-8 replaced), and the
// caller's buffer keeps what precedes the value.

#include "cli/report/json_emitter.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>

namespace {

using ikediff::cli::json_emitter;
using json = nlohmann::ordered_json;

/// Tells `w` to write `v`, member by member (keys through the run-time overload).
void write(json_emitter& w, const json& v) {
    switch (v.type()) {
    case json::value_t::object:
        w.begin_object();
        for (const auto& [k, member] : v.items()) {
            w.key(std::string_view(k));
            write(w, member);
        }
        w.end_object();
        break;
    case json::value_t::array:
        w.begin_array();
        for (const auto& element : v) {
            write(w, element);
        }
        w.end_array();
        break;
    case json::value_t::string: w.text(v.get_ref<const std::string&>()); break;
    case json::value_t::boolean: w.boolean(v.get<bool>()); break;
    case json::value_t::number_unsigned: w.number(v.get<std::uint64_t>()); break;
    case json::value_t::number_integer: w.number(v.get<std::int64_t>()); break;
    case json::value_t::null: w.null(); break;
    default: FAIL() << "no such value in these tests: " << v.dump();
    }
}

/// What the emitter writes for `v` at `depth`, after `lead`.
std::string emitted(const json& v, std::size_t depth = 0, std::string_view lead = "") {
    std::string buffer;
    json_emitter w(buffer, 0, lead, depth);
    write(w, v);
    buffer.resize(w.end());
    return buffer;
}

/// nlohmann's dump(2) of `v` as it reads `depth` levels deep in a document: every line after
/// the first indented by two blanks a level more.
std::string dumped_at(const json& v, std::size_t depth) {
    const std::string flat = v.dump(2, ' ', false, json::error_handler_t::replace);
    std::string out;
    for (const char c : flat) {
        out += c;
        if (c == '\n') {
            out.append(2 * depth, ' ');
        }
    }
    return out;
}

/// A value with every kind of member, nested four deep.
json sample() {
    return json::parse(R"({
        "schema": "ikediff/1", "none": null, "yes": true, "no": false,
        "count": 12, "negative": -1765328360,
        "list": [1, "two", [3, [4]], {"five": 5}, [], {}],
        "nested": {"a": {"b": {"c": ["deep", {"d": null}]}}},
        "empty_list": [], "empty_object": {}
    })");
}

TEST(JsonEmitter, LaysOutAsNlohmannDumpsAtEveryDepth) {
    const json v = sample();
    EXPECT_EQ(emitted(v), v.dump(2));
    // Short and long indentation take different paths: a few blanks, the longest slice
    // copied whole, past it one blank at a time.
    for (const std::size_t depth : {1u, 2u, 5u, 12u, 15u, 16u, 40u, 127u, 128u, 129u, 200u}) {
        EXPECT_EQ(emitted(v, depth), dumped_at(v, depth)) << "depth " << depth;
    }
}

TEST(JsonEmitter, EmptyContainersCloseOnTheirLine) {
    EXPECT_EQ(emitted(json::array()), "[]");
    EXPECT_EQ(emitted(json::object()), "{}");
    EXPECT_EQ(emitted(json::parse(R"({"a": [], "b": {}})")), "{\n  \"a\": [],\n  \"b\": {}\n}");
    EXPECT_EQ(emitted(json::parse("[[], {}]"), 1), "[\n    [],\n    {}\n  ]");
}

TEST(JsonEmitter, TheLeadIsWrittenFirstAsItIs) {
    EXPECT_EQ(emitted(json::parse(R"({"k": 1})"), 2, ",\n    "), ",\n    {\n      \"k\": 1\n    }");
    EXPECT_EQ(emitted(json("x"), 1, "\n  \"name\": "), "\n  \"name\": \"x\"");
}

TEST(JsonEmitter, EscapesQuotesBackslashesAndEveryControlCharacter) {
    EXPECT_EQ(emitted(json("say \"hi\" \\ there")), R"("say \"hi\" \\ there")");
    EXPECT_EQ(emitted(json("\b\f\n\r\t")), R"("\b\f\n\r\t")");
    EXPECT_EQ(emitted(json(std::string("\0\x01\x1b\x1f", 4))), R"("\u0000\u0001\u001b\u001f")");
    EXPECT_EQ(emitted(json("del \x7f stays")), "\"del \x7f stays\"");
    // Every control character, alone and at every place of strings of every length: each
    // length is looked at in its own way (bytes, words, blocks of sixteen).
    for (int c = 0; c < 0x20; ++c) {
        for (std::size_t length = 1; length <= 40; ++length) {
            for (std::size_t at = 0; at < length; ++at) {
                std::string s(length, 'k');
                s[at] = static_cast<char>(c);
                const json v(s);
                ASSERT_EQ(emitted(v), v.dump()) << "control " << c << " at " << at << " of " << length;
            }
        }
    }
    // Keys that need it are escaped the same way.
    std::string buffer;
    json_emitter w(buffer, 0, "", 0);
    w.begin_object();
    w.key(std::string_view("a\"b\\c\n"));
    w.number(1);
    w.end_object();
    buffer.resize(w.end());
    EXPECT_EQ(buffer, "{\n  \"a\\\"b\\\\c\\n\": 1\n}");
}

TEST(JsonEmitter, ReplacesInvalidUtf8AndKeepsValidUtf8) {
    EXPECT_EQ(emitted(json("caf\xc3\xa9 \xe5\xa4\xa7\xe9\x98\xaa")), "\"caf\xc3\xa9 \xe5\xa4\xa7\xe9\x98\xaa\"");
    // Not UTF-8: each bad byte becomes U+FFFD, and an escape after it is still escaped.
    std::string buffer;
    json_emitter w(buffer, 0, "", 0);
    w.text("bad \xff byte\n");
    buffer.resize(w.end());
    EXPECT_EQ(buffer, "\"bad \xef\xbf\xbd byte\\n\"");
    // A string that turns out to hold bytes beyond ASCII after an escape was written.
    EXPECT_EQ(emitted(json("quote \" then \xc3\xa9")), "\"quote \\\" then \xc3\xa9\"");
}

TEST(JsonEmitter, NumbersOfEveryWidthAndSign) {
    std::string buffer;
    json_emitter w(buffer, 0, "", 0);
    w.begin_array();
    w.number(std::uint16_t{500});
    w.number(0);
    w.number(-1);
    w.number(std::numeric_limits<std::int64_t>::min());
    w.number(std::numeric_limits<std::uint64_t>::max());
    w.number(std::uint32_t{28800});
    w.end_array();
    buffer.resize(w.end());
    EXPECT_EQ(buffer, "[\n  500,\n  0,\n  -1,\n  -9223372036854775808,\n  18446744073709551615,\n  28800\n]");
}

TEST(JsonEmitter, LiteralKeysMatchRunTimeKeysAtEveryDepth) {
    // The literal-key overload writes separator, indentation and key in one go where the
    // indentation is short, the general way where it is not: the text is the same.
    for (const std::size_t depth : {0u, 1u, 13u, 14u, 15u, 16u, 30u}) {
        std::string literal;
        std::string run_time;
        json_emitter a(literal, 0, "", depth);
        json_emitter b(run_time, 0, "", depth);
        a.begin_object();
        b.begin_object();
        a.key("first");
        b.key(std::string_view("first"));
        a.begin_object();
        b.begin_object();
        a.key("inner");
        b.key(std::string_view("inner"));
        a.null();
        b.null();
        a.end_object();
        b.end_object();
        a.key("second");
        b.key(std::string_view("second"));
        a.text("x");
        b.text("x");
        a.end_object();
        b.end_object();
        literal.resize(a.end());
        run_time.resize(b.end());
        EXPECT_EQ(literal, run_time) << "depth " << depth;
        EXPECT_EQ(literal, dumped_at(json::parse(R"({"first": {"inner": null}, "second": "x"})"), depth));
    }
}

TEST(JsonEmitter, WritesAfterWhatTheBufferHoldsAndKeepsWorkingRoom) {
    std::string buffer = "kept:";
    const std::size_t from = buffer.size();
    {
        json_emitter w(buffer, from, " ", 0);
        w.text(std::string(10000, 'y')); // grows the buffer past its first step
        EXPECT_GE(buffer.size(), w.end());
        EXPECT_EQ(w.end(), from + 1 + 10002);
        buffer.resize(w.end());
    }
    EXPECT_EQ(buffer.substr(0, 7), "kept: \"");
    EXPECT_EQ(buffer.back(), '"');
    // The next value goes where the last ended: the room past it is overwritten, not kept.
    std::string reused(64, '#');
    json_emitter second(reused, 3, "", 0);
    second.boolean(false);
    EXPECT_EQ(reused.substr(0, second.end()), "###false");
}

TEST(JsonEmitter, NestingDeeperThanTheLimitThrows) {
    std::string buffer;
    json_emitter w(buffer, 0, "", 0);
    for (std::size_t i = 0; i < json_emitter::k_max_nesting; ++i) {
        w.begin_array();
    }
    EXPECT_THROW(w.begin_object(), std::logic_error);

    // The limit itself is fine and closes as nlohmann writes it.
    json deepest = json::array();
    for (std::size_t i = 1; i < json_emitter::k_max_nesting; ++i) {
        deepest = json::array({deepest});
    }
    EXPECT_EQ(emitted(deepest), deepest.dump(2));
}

TEST(JsonEmitter, OptionalTextIsNullWhenAbsent) {
    std::string buffer;
    json_emitter w(buffer, 0, "", 0);
    w.begin_array();
    w.optional_text(std::optional<std::string>("here"));
    w.optional_text(std::optional<std::string>());
    w.optional_text(std::optional<std::string_view>("view"));
    w.end_array();
    buffer.resize(w.end());
    EXPECT_EQ(buffer, "[\n  \"here\",\n  null,\n  \"view\"\n]");
}

} // namespace
