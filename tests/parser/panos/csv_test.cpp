// parser::split_csv and the PAN-OS CSV helpers every PAN-OS CSV log's reader shares
// (parser/panos/csv.hpp).

#include "parser/panos/csv.hpp"

#include <gtest/gtest.h>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace ikediff;

// split_csv ----------------------------------------------------------------------------------

std::vector<std::string> texts(std::string_view line) {
    std::vector<parser::csv_field> fields;
    parser::split_csv(line, fields);
    std::vector<std::string> out;
    for (const auto& f : fields) {
        out.push_back(f.text);
    }
    return out;
}

TEST(SplitCsv, QuotedFieldsCommasAndDoubledQuotes) {
    EXPECT_EQ(texts("a,\"b, c\",\"say \"\"hi\"\"\",,d"),
              (std::vector<std::string>{"a", "b, c", "say \"hi\"", "", "d"}));
    EXPECT_EQ(texts(""), (std::vector<std::string>{""}));
    EXPECT_EQ(texts("a,"), (std::vector<std::string>{"a", ""}));
    EXPECT_EQ(texts("\"\""), (std::vector<std::string>{""}));
    EXPECT_EQ(texts("\"unterminated, still one"),
              (std::vector<std::string>{"unterminated, still one"}));
    EXPECT_EQ(texts("\"quoted\"tail,x"), (std::vector<std::string>{"quotedtail", "x"}));
    EXPECT_EQ(texts("in\"side,x"), (std::vector<std::string>{"in\"side", "x"}));
}

TEST(SplitCsv, OffsetsPointAtEachFieldsStart) {
    std::vector<parser::csv_field> fields;
    parser::split_csv("ab,\"c,d\",,e", fields);
    ASSERT_EQ(fields.size(), 4u);
    EXPECT_EQ(fields[0].offset, 0u);
    EXPECT_EQ(fields[1].offset, 3u);
    EXPECT_EQ(fields[2].offset, 9u);
    EXPECT_EQ(fields[3].offset, 10u);
}

TEST(PanosCsv, RecordOffsetTypeAndTimes) {
    constexpr std::string_view row =
        "<14>Jul 13 20:39:44 host 1,2017/07/13 20:39:44,0009C101317,TRAFFIC,end,1";
    EXPECT_EQ(parser::panos::record_offset(row), std::optional<std::size_t>(row.find("1,2017")));
    EXPECT_EQ(parser::panos::record_type(row), "TRAFFIC");
    EXPECT_TRUE(parser::panos::is_log_type("traffic"));
    EXPECT_FALSE(parser::panos::is_log_type("BANANA"));
    EXPECT_EQ(parser::panos::column_key("Threat/Content Type"), "threatcontenttype");
    ASSERT_TRUE(parser::panos::parse_time(" 2017/07/13 20:39:44 ").has_value());
    EXPECT_EQ(parser::panos::parse_time("2017/07/13 20:39:44")->iso8601(), "2017-07-13T20:39:44");
    EXPECT_FALSE(parser::panos::parse_time("2017/07/13 24:39:44").has_value());
}

TEST(PanosCsv, HeadLinesSkipBlanksAndStopAtTwenty) {
    std::string head = "\xEF\xBB\xBF\n\n";
    for (int i = 0; i < 25; ++i) {
        head += "line " + std::to_string(i) + "\n \n";
    }
    const std::vector<std::string_view> lines = parser::panos::head_lines(head);
    ASSERT_EQ(lines.size(), parser::panos::k_detect_lines);
    EXPECT_EQ(lines.front(), "line 0");
    EXPECT_EQ(lines.back(), "line 19");
}

} // namespace
