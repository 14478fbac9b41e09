// ARCHITECTURE.md's recipe for a kind of analysis that reads lines, carried out: a test-only
// analysis (tests/cli/kv_analysis/, one folder) takes every event the reading pipeline
// reads, beside the IKE reconstruction, and its findings reach the report through
// hand_over, counted into the summary and the exit status, with no change to diff/ or cli/.
// It reads the test-only kv format (tests/cli/kv_format/), so both recipes meet here.

#include "cli/inputs.hpp"
#include "cli/reading.hpp"
#include "cli/report/writer.hpp"
#include "diff/ike/reconstruct.hpp"
#include "kv_analysis/analysis.hpp"
#include "kv_format/format.hpp"
#include "run_binary.hpp"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace ikediff;

TEST(AnalysisRecipe, ATakerSeesEveryEventAndItsFindingsReachTheReport) {
    const test_formats::kv::format kv;
    parser::format_registry formats = parser::format_registry::built_in();
    formats.add(kv);

    const test_support::fs::path dir =
        test_support::fs::temp_directory_path() / ("ikediff-analysis-recipe-" + std::to_string(::getpid()));
    test_support::fs::create_directories(dir);
    test_support::write_file(dir / "router.kv",
                             "kv-log time=1700000000000 peer=10.0.0.2 event=phase1-started\n"
                             "kv-log time=1700000001000 peer=10.0.0.2 event=no-proposal-chosen\n"
                             "kv-log time=1700000900000 peer=10.0.0.2 event=phase1-started\n"
                             "kv-log time=1700000901000 peer=10.0.0.2 event=no-proposal-chosen\n"
                             "kv-log time=1700000902000 peer=10.0.0.9 event=phase1-succeeded\n");
    auto files = cli::expand_inputs({dir.string()}, formats);
    ASSERT_TRUE(files) << files.error().located_message();

    test_analyses::kv::no_proposal_scan scan;
    diff::event_taker* const takers[] = {&scan}; // the pipeline's one new line
    cli::report r;
    std::vector<model::negotiation> negotiations;
    diff::reconstructor rebuild([&](model::negotiation&& n) { negotiations.push_back(std::move(n)); });
    const auto error = cli::read_inputs(files.value(), r.inputs, rebuild, formats, takers);
    test_support::fs::remove_all(dir);
    ASSERT_FALSE(error) << error->located_message();
    rebuild.finish();
    EXPECT_EQ(negotiations.size(), 3u); // the reconstruction took the same events

    const auto writer = cli::json_writer();
    std::ostringstream out;
    writer->begin(out, r);
    for (const model::finding& f : scan.findings()) {
        cli::hand_over(r, *writer, f);
    }
    writer->finish(out, r);
    const auto doc = nlohmann::json::parse(out.str());
    ASSERT_EQ(doc["findings"].size(), 1u) << doc.dump(2);
    const auto& f = doc["findings"][0];
    EXPECT_EQ(f["rule"], "kv-no-proposal");
    EXPECT_EQ(f["subject"], "10.0.0.2");
    EXPECT_EQ(f["count"], 2);
    EXPECT_EQ(f["severity"], "high");
    ASSERT_EQ(f["evidence"].size(), 2u);
    EXPECT_EQ(f["evidence"][1]["line"], 4);
    EXPECT_EQ(doc["summary"]["findings"]["high"], 1);
    EXPECT_EQ(r.exit_status(), 1); // an observed finding of severity high
}

} // namespace
