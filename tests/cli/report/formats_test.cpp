// The registry of report formats (cli/report/formats.cpp): `--format`, `--help` and the
// pipeline all read it, so every entry must be whole, and a name it does not hold is no format.

#include "cli/report/writer.hpp"

#include <gtest/gtest.h>

#include <set>
#include <sstream>
#include <string>

namespace {

using namespace ikediff;

TEST(ReportFormats, EveryEntryHasAUniqueNameALineOfDescriptionAndAWriter) {
    ASSERT_FALSE(cli::k_report_formats.empty());
    EXPECT_EQ(cli::k_report_formats.front().first, "text"); // the default, listed first
    std::set<std::string_view> names;
    for (const auto& [name, format] : cli::k_report_formats) {
        SCOPED_TRACE(std::string(name));
        EXPECT_TRUE(names.insert(name).second) << "listed twice";
        EXPECT_FALSE(name.empty());
        EXPECT_FALSE(format.description.empty());
        EXPECT_EQ(format.description.find('\n'), std::string_view::npos);
        EXPECT_LE(name.size() + format.description.size(), 76u) << "one line of --help";
        ASSERT_NE(format.make, nullptr);
        const auto writer = format.make({});
        ASSERT_NE(writer, nullptr);
        // A whole report of nothing: the writer works through the interface alone.
        cli::report r;
        std::ostringstream out;
        writer->begin(out, r);
        writer->finish(out, r);
        EXPECT_FALSE(out.str().empty());
        EXPECT_EQ(cli::find_report_format(name), &format);
    }
}

TEST(ReportFormats, OnlyTheJsonReportStreams) {
    for (const auto& [name, format] : cli::k_report_formats) {
        EXPECT_EQ(format.streams, name == "json") << name;
    }
}

TEST(ReportFormats, AnUnknownNameIsNoFormat) {
    EXPECT_EQ(cli::find_report_format("xml"), nullptr);
    EXPECT_EQ(cli::find_report_format(""), nullptr);
    EXPECT_EQ(cli::find_report_format("JSON"), nullptr);
}

TEST(ReportFormats, TheNamesReadAsASentence) {
    // As `--help` and the usage error say them (fixtures/usage-errors/bad-format.stderr).
    EXPECT_EQ(cli::report_format_names(), "text, json or markdown");
}

TEST(ReportFormats, TheTextWriterTakesTheColourSetting) {
    const auto& text = *cli::find_report_format("text");
    cli::report r;
    std::ostringstream plain;
    std::ostringstream coloured;
    model::sheet sheet;
    sheet.file = "params.yaml";
    sheet.tunnels.emplace_back().name = "osaka-branch";
    r.sheet = &sheet;
    r.tunnels_not_seen = {0};
    for (const auto& [out, color] : {std::pair{&plain, cli::colors::off}, std::pair{&coloured, cli::colors::on}}) {
        const auto writer = text.make({.color = color});
        writer->begin(*out, r);
        writer->finish(*out, r);
    }
    EXPECT_EQ(plain.str().find('\x1b'), std::string::npos) << plain.str();
    EXPECT_NE(coloured.str().find("\x1b[1;35mNOT SEEN"), std::string::npos) << coloured.str();
}

} // namespace
