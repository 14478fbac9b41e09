// The JSON report writes its strings by hand (cli/report/json.cpp): every string a log can
// hand it, of any length, with a character to escape anywhere in it, must come out as
// nlohmann writes it, so that the report parses back to the same text and reads exactly as
// nlohmann's dump(2) of itself.

#include "cli/report/writer.hpp"
#include "diff/ike/compare.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace ikediff;

/// The JSON report of one negotiation whose lines say `texts`, each of them evidence.
std::string report_of(const std::vector<std::string>& texts) {
    cli::report r;
    r.inputs.emplace_back().name = "log \"quoted\" \\ name";
    model::negotiation n;
    for (std::size_t i = 0; i < texts.size(); ++i) {
        n.lines.push_back({{0, i + 1, 1}, texts[i]});
        n.evidence.push_back(i);
    }
    diff::analyser analyse(nullptr, {});
    const auto nr = analyse.add(std::move(n));
    EXPECT_TRUE(nr.has_value());
    const auto writer = cli::json_writer();
    std::ostringstream out;
    writer->begin(out, r);
    r.count(*nr);
    writer->negotiation(r, *nr);
    writer->finish(out, r);
    return out.str();
}

TEST(JsonStrings, EveryLengthWithAnEscapeAnywhereReadsBackAsNlohmannWritesIt) {
    std::vector<std::string> texts;
    // Up to 40 bytes: short strings are looked at in words, longer ones in blocks of 16 (the
    // last block overlapping), so every position of each kind of look is reached.
    for (std::size_t length = 0; length <= 40; ++length) {
        const std::string plain(length, 'k');
        texts.push_back(plain);
        for (std::size_t at = 0; at < length; ++at) {
            for (const char special : {'"', '\\', '\n', '\t', '\x01', '\x1f', '\x7f'}) {
                std::string t = plain;
                t[at] = special;
                texts.push_back(t);
            }
            texts.push_back(plain.substr(0, at) + "\xc3\xa9" + plain.substr(at)); // beyond ASCII: nlohmann's path
        }
    }
    texts.push_back("caf\xc3\xa9 \xe5\xa4\xa7\xe9\x98\xaa"); // UTF-8
    texts.push_back("bad \xff byte");                         // not UTF-8: replaced, as nlohmann does
    const std::string text = report_of(texts);
    const auto doc = nlohmann::ordered_json::parse(text);
    EXPECT_EQ(text, doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n");
    const auto& evidence = doc["negotiations"][0]["evidence"];
    ASSERT_EQ(evidence.size(), texts.size());
    for (std::size_t i = 0; i + 1 < texts.size(); ++i) {
        EXPECT_EQ(evidence[i]["text"].get<std::string>(), texts[i]) << i;
        EXPECT_EQ(evidence[i]["input"].get<std::string>(), "log \"quoted\" \\ name");
    }
    EXPECT_EQ(evidence[texts.size() - 1]["text"].get<std::string>(), "bad \xef\xbf\xbd byte");
}

} // namespace
