// ARCHITECTURE.md's recipe for a new log format, carried out: the test-only `kv` format
// (tests/cli/kv_format/, one folder) and one line that adds it to a registry. Directory and
// archive scanning pick its files up, detection reads them as `kv`, and their events
// become negotiations beside an ikemgr.log's, with no change to parser/, diff/ or cli/.

#include "cli/inputs.hpp"
#include "cli/reading.hpp"
#include "diff/ike/reconstruct.hpp"
#include "kv_format/format.hpp"
#include "run_binary.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

using namespace ikediff;
using test_support::fs::path;

const path k_fixtures = IKEDIFF_FIXTURES;

constexpr std::string_view k_kv_log = "kv-log time=1700000000000 peer=10.0.0.2 event=phase1-started\n"
                                      "not a kv line\n"
                                      "kv-log time=1700000001000 peer=10.0.0.2 event=no-proposal-chosen\n"
                                      "kv-log time=1700000002000 peer=10.0.0.9 event=phase1-started\n"
                                      "kv-log time=1700000003000 peer=10.0.0.9 event=phase1-succeeded\n";

/// A folder of its own, removed at the end.
struct scratch_folder {
    scratch_folder() {
        char name[] = "/tmp/ikediff-recipe-XXXXXX";
        where = ::mkdtemp(name);
    }
    ~scratch_folder() {
        std::error_code ec;
        test_support::fs::remove_all(where, ec);
    }
    scratch_folder(const scratch_folder&) = delete;
    scratch_folder& operator=(const scratch_folder&) = delete;
    path where;
};

struct read_back {
    std::optional<model::diagnostic> error;
    std::vector<parser::input_stats> inputs;
    std::vector<model::negotiation> negotiations;
};

read_back read_all(const std::vector<std::string>& arguments, const parser::format_registry& formats) {
    read_back out;
    auto files = cli::expand_inputs(arguments, formats);
    if (!files) {
        out.error = files.error();
        return out;
    }
    diff::reconstructor rebuild;
    out.error = cli::read_inputs(files.value(), out.inputs, rebuild, formats);
    out.negotiations = rebuild.finish();
    return out;
}

const parser::input_stats* input_named(const read_back& r, std::string_view ending) {
    const auto it = std::find_if(r.inputs.begin(), r.inputs.end(),
                                 [&](const parser::input_stats& s) { return s.name.ends_with(ending); });
    return it == r.inputs.end() ? nullptr : &*it;
}

std::vector<const model::negotiation*> with_peer(const read_back& r, std::string_view address) {
    std::vector<const model::negotiation*> out;
    for (const model::negotiation& n : r.negotiations) {
        if (n.peer && n.peer->address == address) {
            out.push_back(&n);
        }
    }
    return out;
}

void expect_kv_negotiations(const read_back& r) {
    const auto failed = with_peer(r, "10.0.0.2");
    ASSERT_EQ(failed.size(), 1u);
    EXPECT_EQ(failed[0]->result, model::outcome::failed);
    ASSERT_TRUE(failed[0]->failure.has_value());
    EXPECT_EQ(model::to_string(*failed[0]->failure), "no-proposal");
    EXPECT_EQ(failed[0]->lines.size(), 2u);
    const auto up = with_peer(r, "10.0.0.9");
    ASSERT_EQ(up.size(), 1u);
    EXPECT_EQ(up[0]->result, model::outcome::established);
}

TEST(FormatRecipe, AFolderAndARegistryLineMakeANewFormatReadInADirectory) {
    const test_formats::kv::format kv;
    parser::format_registry formats = parser::format_registry::built_in();
    formats.add(kv); // the registry line

    scratch_folder dir;
    test_support::write_file(dir.where / "router.kv", std::string(k_kv_log));
    test_support::write_file(dir.where / "notes.txt", "kv-log time=1 peer=10.0.0.7 event=phase1-started\n");
    test_support::fs::copy_file(k_fixtures / "guide-hash-local" / "ikemgr.log", dir.where / "ikemgr.log");

    const read_back r = read_all({dir.where.string()}, formats);
    ASSERT_FALSE(r.error) << r.error->located_message();
    ASSERT_EQ(r.inputs.size(), 2u); // router.kv and ikemgr.log; notes.txt is wanted by none
    const parser::input_stats* stats = input_named(r, "router.kv");
    ASSERT_NE(stats, nullptr);
    EXPECT_EQ(stats->format, "kv");
    EXPECT_EQ(stats->physical_lines, 5u);
    EXPECT_EQ(stats->recognized, 4u);
    EXPECT_EQ(stats->unrecognized, 1u);
    ASSERT_NE(input_named(r, "ikemgr.log"), nullptr);
    EXPECT_EQ(input_named(r, "ikemgr.log")->format, "ikemgr");
    expect_kv_negotiations(r);
    EXPECT_TRUE(with_peer(r, "10.0.0.7").empty());
    // The ikemgr.log's negotiations are there too.
    EXPECT_GT(r.negotiations.size(), 2u);
}

TEST(FormatRecipe, ANewFormatsFilesAreReadFromATechSupportArchive) {
    const test_formats::kv::format kv;
    parser::format_registry formats = parser::format_registry::built_in();
    formats.add(kv);

    scratch_folder dir;
    test_support::fs::create_directories(dir.where / "tree" / "var" / "log" / "pan");
    test_support::write_file(dir.where / "tree" / "var" / "log" / "pan" / "router.kv", std::string(k_kv_log));
    const path archive = dir.where / "techsupport.tgz";
    const std::string command = "tar -C '" + (dir.where / "tree").string() + "' -czf '" + archive.string() + "' var";
    ASSERT_EQ(std::system(command.c_str()), 0) << command;

    const read_back r = read_all({archive.string()}, formats);
    ASSERT_FALSE(r.error) << r.error->located_message();
    ASSERT_EQ(r.inputs.size(), 1u);
    EXPECT_EQ(r.inputs[0].name, archive.string() + "!/var/log/pan/router.kv");
    EXPECT_EQ(r.inputs[0].format, "kv");
    expect_kv_negotiations(r);

    // Without the registry line, the archive holds nothing ikediff reads, and says what it
    // looked for.
    const read_back plain = read_all({archive.string()}, parser::format_registry::built_in());
    ASSERT_TRUE(plain.error);
    EXPECT_EQ(plain.error->message, "the archive holds no ikemgr.log*, ms.log/devsrv.log/useridd.log/configd.log or running-config.xml file");
}

TEST(FormatRecipe, MessagesNameWhatEveryFormatLooksFor) {
    const test_formats::kv::format kv;
    parser::format_registry formats = parser::format_registry::built_in();
    formats.add(kv);
    EXPECT_EQ(formats.wanted_files(parser::found_in::directory), "ikemgr.log*, traffic log, system log, ms.log/devsrv.log/useridd.log/configd.log, running-config.xml or *.kv");
    EXPECT_EQ(formats.wanted_files(parser::found_in::archive), "ikemgr.log*, ms.log/devsrv.log/useridd.log/configd.log, running-config.xml or *.kv");

    scratch_folder dir;
    test_support::write_file(dir.where / "notes.txt", "nothing\n");
    const read_back r = read_all({dir.where.string()}, formats);
    ASSERT_TRUE(r.error);
    EXPECT_EQ(r.error->message, "the directory holds no ikemgr.log*, traffic log, system log, ms.log/devsrv.log/useridd.log/configd.log, running-config.xml or *.kv file");
}

} // namespace
