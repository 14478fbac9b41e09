// The JSON report streams (cli/json_report.cpp): its head is written before any input is
// read, negotiations go out in blocks while inputs are still being read, and the members
// known only at the end follow the list. And the report's destination is settled before
// reading: a missing input or an unwritable --output is said first, and a file named by
// --output does not stay behind when the run ends in trouble.

#include "cli/render.hpp"
#include "diff/compare.hpp"
#include "run_binary.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>
#include <string>

namespace {

using namespace ikediff;
using cli::report;
using test_support::run_in;

/// A failed negotiation with `lines` lines of evidence, each `width` bytes of text.
model::negotiation negotiation_with(std::size_t lines, std::size_t width) {
    model::negotiation n;
    for (std::size_t i = 0; i < lines; ++i) {
        n.lines.push_back({{0, i + 1, 1}, std::string(width, 'x')});
        n.evidence.push_back(i);
    }
    n.result = model::outcome::failed;
    return n;
}

TEST(JsonReportStream, NegotiationsLeaveBeforeTheReportIsFinished) {
    report r;
    r.inputs.emplace_back().name = "ikemgr.log";
    diff::analyser analyse(nullptr, {});
    const auto writer = cli::json_writer();
    std::ostringstream out;
    writer->begin(out, r);
    const std::string head = out.str();
    EXPECT_EQ(head, "{\n  \"schema\": \"ikediff/1\",\n  \"sheet\": null,\n  \"negotiations\": [");

    // About 1.5 MB of negotiations: the first megabyte is out before `finish`.
    std::size_t count = 0;
    while (r.summary().negotiations * 64 * 200 < 1'500'000) {
        const auto nr = analyse.add(negotiation_with(64, 150));
        ASSERT_TRUE(nr.has_value());
        r.count(*nr);
        writer->negotiation(r, *nr);
        ++count;
    }
    const std::size_t before_finish = out.str().size();
    EXPECT_GT(before_finish, head.size() + (std::size_t{1} << 20));

    r.inputs[0].lines = 12345;
    writer->finish(out, r);
    const std::string text = out.str();
    ASSERT_GT(text.size(), before_finish);
    const auto doc = nlohmann::ordered_json::parse(text);
    ASSERT_EQ(doc["negotiations"].size(), count);
    EXPECT_EQ(doc["inputs"][0]["lines"], 12345); // counted after the list was written
    EXPECT_EQ(doc["summary"]["negotiations"], count);
    std::vector<std::string> keys;
    for (const auto& [key, value] : doc.items()) {
        keys.push_back(key);
    }
    EXPECT_EQ(keys, (std::vector<std::string>{"schema", "sheet", "negotiations", "inputs", "summary"}));
    // Laid out as nlohmann lays out the whole document.
    EXPECT_EQ(text, doc.dump(2) + "\n");
}

TEST(JsonReportStream, NoNegotiationsIsAnEmptyList) {
    report r;
    const auto writer = cli::json_writer();
    std::ostringstream out;
    writer->begin(out, r);
    writer->finish(out, r);
    const auto doc = nlohmann::ordered_json::parse(out.str());
    EXPECT_TRUE(doc["negotiations"].is_array());
    EXPECT_TRUE(doc["negotiations"].empty());
    EXPECT_EQ(out.str(), doc.dump(2) + "\n");
}

class ReportDestination : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = test_support::fs::temp_directory_path() /
                ("ikediff-destination-" + std::to_string(::getpid()) + "-" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        test_support::fs::create_directories(m_dir);
    }
    void TearDown() override { test_support::fs::remove_all(m_dir); }

    const test_support::fs::path m_fixtures = test_support::fs::path(IKEDIFF_FIXTURES) / "gzip-input";
    test_support::fs::path m_dir;
};

TEST_F(ReportDestination, AnOutputFileHoldsWhatStandardOutputWouldHold) {
    const auto report_file = (m_dir / "report.json").string();
    const auto to_stdout = run_in(m_fixtures, {"ikemgr.log.1.gz", "--format", "json"}, {});
    const auto to_file = run_in(m_fixtures, {"ikemgr.log.1.gz", "--format", "json", "--output", report_file}, {});
    EXPECT_EQ(to_file.status, to_stdout.status);
    EXPECT_EQ(to_file.out, "");
    EXPECT_EQ(test_support::read_file(report_file), to_stdout.out);
}

TEST_F(ReportDestination, AnOutputFileDoesNotStayBehindWhenAnInputCannotBeRead) {
    const auto report_file = m_dir / "report.json";
    test_support::write_file(report_file, "an older report");
    // The second input is a corrupt gzip: nothing of it can be read (exit status 2) once the
    // first was read and the report begun.
    const auto o = run_in(m_fixtures, {"ikemgr.log.1.gz", "corrupt.gz", "--format", "json", "--output", report_file.string()}, {});
    EXPECT_EQ(o.status, 2);
    EXPECT_NE(o.err.find("corrupt.gz: cannot read"), std::string::npos) << o.err;
    EXPECT_FALSE(test_support::fs::exists(report_file));
}

TEST_F(ReportDestination, AMissingInputIsSaidBeforeAnyReportBegins) {
    const auto report_file = m_dir / "report.json";
    const auto o = run_in(m_fixtures, {"ikemgr.log.1.gz", "no-such.log", "--format", "json", "--output", report_file.string()}, {});
    EXPECT_EQ(o.status, 2);
    EXPECT_EQ(o.err, "ikediff: error: no-such.log: cannot open: No such file or directory\n");
    EXPECT_EQ(o.out, "");
    EXPECT_FALSE(test_support::fs::exists(report_file));
}

TEST_F(ReportDestination, AnOutputThatCannotBeWrittenIsSaidAsTrouble) {
    const auto report_file = m_dir / "no-such-folder" / "report.json";
    const auto o = run_in(m_fixtures, {"ikemgr.log.1.gz", "--format", "json", "--output", report_file.string()}, {});
    EXPECT_EQ(o.status, 2);
    EXPECT_NE(o.err.find("cannot write the report: No such file or directory"), std::string::npos) << o.err;
    EXPECT_EQ(o.out, "");
}

} // namespace
