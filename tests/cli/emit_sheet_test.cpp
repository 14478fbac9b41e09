// --emit-sheet: the sheet written is one the loader accepts, and it is the firewall's side as
// seen: given back with --expect on the same log, it never finds the firewall at fault.

#include "diff/ike/sheet_loader.hpp"
#include "run_binary.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace {

using namespace ikediff::test_support;
using json = nlohmann::json;

void expect_round_trip(const std::string& fixture, const std::vector<std::string>& inputs) {
    const fs::path dir = fs::path(IKEDIFF_FIXTURES) / fixture;
    const fs::path sheet = fs::temp_directory_path() / ("ikediff-emitted-" + fixture + ".yaml");
    std::vector<std::string> args = inputs;
    args.insert(args.end(), {"--emit-sheet", sheet.string(), "--format", "json"});
    const outcome emitted = run_in(dir, args, {});
    ASSERT_NE(emitted.status, 2) << emitted.err;
    const std::string text = read_file(sheet);
    const auto loaded = ikediff::diff::parse_sheet(text, sheet.string());
    ASSERT_TRUE(loaded.ok()) << fixture << ": " << loaded.error().located_message() << "\n" << text;
    EXPECT_FALSE(loaded.value().tunnels.empty()) << text;

    std::vector<std::string> again = inputs;
    again.insert(again.end(), {"--expect", sheet.string(), "--format", "json"});
    const outcome judged = run_in(dir, again, {});
    ASSERT_NE(judged.status, 2) << judged.err;
    const json report = json::parse(judged.out);
    for (const auto& n : report["negotiations"]) {
        for (const auto& m : n["mismatches"]) {
            const std::string side = m["side"];
            EXPECT_TRUE(side != "local" && side != "both")
                << fixture << ": the firewall deviates from its own emitted sheet on " << m["attribute"] << "\n"
                << text;
        }
    }
    fs::remove(sheet);
}

TEST(EmitSheet, TheGuideRoundTrips) { expect_round_trip("guide-hash-local", {"ikemgr.log"}); }

TEST(EmitSheet, PhaseTwoAndProxyIdsRoundTrip) {
    expect_round_trip("class-no-proposal-p2", {"ikemgr.log"});
    expect_round_trip("class-proxy-id-mismatch", {"ikemgr.log"});
}

TEST(EmitSheet, ManyPeersGiveOneTunnelEach) {
    expect_round_trip("many-interleaved", {"ikemgr.log"});
    const fs::path sheet = fs::temp_directory_path() / "ikediff-emitted-many.yaml";
    run_in(fs::path(IKEDIFF_FIXTURES) / "many-interleaved", {"ikemgr.log", "--emit-sheet", sheet.string()}, {});
    const auto loaded = ikediff::diff::parse_sheet(read_file(sheet), sheet.string());
    ASSERT_TRUE(loaded.ok());
    EXPECT_EQ(loaded.value().tunnels.size(), 10u); // the generator's ten peers
    fs::remove(sheet);
}

TEST(EmitSheet, AnUnwritableFileIsTrouble) {
    const outcome o = run_in(fs::path(IKEDIFF_FIXTURES) / "guide-hash-local",
                             {"ikemgr.log", "--emit-sheet", "/nonexistent-dir/sheet.yaml"}, {});
    EXPECT_EQ(o.status, 2);
    EXPECT_NE(o.err.find("/nonexistent-dir/sheet.yaml"), std::string::npos) << o.err;
}

} // namespace

// What the sheet cannot hold stays out, so the sheet always loads: a selector with a port, a
// method the sheet has no word for, a value that would be YAML syntax.
#include "cli/emit_sheet.hpp"

namespace {

TEST(EmitSheet, ValuesASheetCannotHoldAreLeftOutAndTheRestLoads) {
    ikediff::diff::negotiation_report nr;
    auto& n = nr.negotiation;
    n.peer = ikediff::model::endpoint{"198.51.100.7", 500};
    n.role = ikediff::model::role::initiator;
    n.gateway = "GW: \"odd\" # name";
    n.pairs.emplace_back();
    n.pairs.back().local.set_logged(ikediff::model::phase1_attribute::auth_method, "Hybrid RSA");
    n.pairs.back().local.set_logged(ikediff::model::phase1_attribute::hash, "SHA256");
    n.proxy_ids.push_back({"10.0.1.0/24[500]", "10.9.0.0/24", "tcp", {}});
    n.proxy_ids.push_back({"10.0.2.0/24", "10.9.0.0/24", "", {}});
    ikediff::cli::sheet_emitter emit;
    emit.add(nr);
    const std::string text = emit.yaml("test");
    const auto loaded = ikediff::diff::parse_sheet(text, "emitted.yaml");
    ASSERT_TRUE(loaded.ok()) << loaded.error().located_message() << "\n" << text;
    const auto& t = loaded.value().tunnels.at(0);
    EXPECT_EQ(t.name, "GW: \"odd\" # name");
    EXPECT_TRUE(t.ike.auth.empty()) << text; // hybrid RSA: no word in the sheet
    ASSERT_EQ(t.ike.hash.size(), 1u);
    ASSERT_EQ(t.ipsec.proxy_ids.size(), 1u) << text; // the one with a port is left out
    EXPECT_EQ(t.ipsec.proxy_ids[0].local, "10.0.2.0/24");
}

} // namespace

// From the firewall's configuration: one complete tunnel per configured IPsec tunnel, which
// given back with --expect agrees with the configuration in every check, and holds no key.
namespace {

TEST(EmitSheet, AConfigurationGivesASheetItAgreesWith) {
    for (const std::string fixture : {"config-deviates", "config-ok", "config-guide"}) {
        const fs::path dir = fs::path(IKEDIFF_FIXTURES) / fixture;
        const fs::path sheet = fs::temp_directory_path() / ("ikediff-emitted-" + fixture + ".yaml");
        const outcome emitted =
            run_in(dir, {"running-config.xml", "--emit-sheet", sheet.string(), "--output", "/dev/null"}, {});
        ASSERT_EQ(emitted.status, 0) << emitted.err;
        const std::string text = read_file(sheet);
        EXPECT_EQ(text.find("-AQ=="), std::string::npos) << text;
        const auto loaded = ikediff::diff::parse_sheet(text, sheet.string());
        ASSERT_TRUE(loaded.ok()) << fixture << ": " << loaded.error().located_message() << "\n" << text;
        EXPECT_FALSE(loaded.value().tunnels.empty());
        const outcome judged = run_in(dir, {"running-config.xml", "--expect", sheet.string(), "--format", "json"}, {});
        EXPECT_EQ(judged.status, 0) << fixture << "\n" << judged.out;
        const json report = json::parse(judged.out);
        ASSERT_TRUE(report.contains("config_checks")) << fixture;
        for (const auto& c : report["config_checks"]) {
            EXPECT_TRUE(c["ok"].get<bool>()) << fixture << ": " << c.dump() << "\n" << text;
        }
        fs::remove(sheet);
    }
}

} // namespace
