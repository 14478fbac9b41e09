// --redact: a report that can go to a third party holds none of the original addresses,
// gateway or tunnel names, cookies or hostnames, in any format; and the same value keeps one
// pseudonym throughout. The originals are taken from the unredacted JSON report of the same
// run (every address, name and cookie ikediff found), plus every IPv4 address in the inputs.

#include "cli/options.hpp"
#include "run_binary.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <vector>

namespace {

using namespace ikediff::test_support;
using json = nlohmann::json;

const fs::path k_fixtures = IKEDIFF_FIXTURES;

/// Every dotted quad in `text`.
void add_ipv4s(const std::string& text, std::set<std::string>& out) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (!std::isdigit(static_cast<unsigned char>(text[i])) || (i > 0 && (std::isdigit(static_cast<unsigned char>(text[i - 1])) || text[i - 1] == '.'))) {
            continue;
        }
        std::size_t j = i;
        int dots = 0;
        while (j < text.size() && (std::isdigit(static_cast<unsigned char>(text[j])) || (text[j] == '.' && dots < 3 && j + 1 < text.size() && std::isdigit(static_cast<unsigned char>(text[j + 1]))))) {
            dots += text[j] == '.';
            ++j;
        }
        if (dots == 3) {
            out.insert(text.substr(i, j - i));
        }
        i = j;
    }
}

void add_string(const json& j, std::set<std::string>& out) {
    if (j.is_string() && !j.get<std::string>().empty()) {
        out.insert(j.get<std::string>());
    }
}

/// What the unredacted report names: addresses, gateways, tunnels, cookies, proxy networks.
std::set<std::string> originals(const fs::path& dir, const std::vector<std::string>& args) {
    std::vector<std::string> with_json = args;
    with_json.insert(with_json.end(), {"--format", "json"});
    const outcome plain = run_in(dir, with_json, {});
    std::set<std::string> out;
    const json report = json::parse(plain.out, nullptr, false);
    if (report.is_discarded()) {
        ADD_FAILURE() << "no JSON from " << dir << ": " << plain.err;
        return out;
    }
    for (const auto& n : report["negotiations"]) {
        add_string(n["gateway"], out);
        add_string(n["ipsec_tunnel"], out);
        add_string(n["tunnel"], out);
        add_string(n["cookie"], out);
        for (const char* side : {"local", "peer"}) {
            if (n[side].is_object()) {
                add_string(n[side]["address"], out);
            }
        }
        for (const auto& p : n["proxy_ids"]) {
            add_ipv4s(p["local"].get<std::string>() + " " + p["remote"].get<std::string>(), out);
        }
    }
    for (const auto& entry : fs::directory_iterator(dir)) {
        const std::string name = entry.path().filename().string();
        if (name.ends_with(".log") || name.ends_with(".csv") || name.ends_with(".yaml")) {
            add_ipv4s(read_file(entry.path()), out);
        }
    }
    return out;
}

void expect_redacted(const std::string& fixture, const std::vector<std::string>& args) {
    const fs::path dir = k_fixtures / fixture;
    const std::set<std::string> secret = originals(dir, args);
    ASSERT_FALSE(secret.empty()) << fixture << ": nothing to redact, the test would prove nothing";
    for (const auto& [name, format] : ikediff::cli::k_report_formats) {
        std::vector<std::string> redacted = args;
        redacted.insert(redacted.end(), {"--redact", "--format", std::string(name)});
        const outcome o = run_in(dir, redacted, {});
        ASSERT_NE(o.status, 2) << fixture << " --format " << name << ": " << o.err;
        EXPECT_FALSE(o.out.empty());
        for (const std::string& s : secret) {
            EXPECT_EQ(o.out.find(s), std::string::npos) << fixture << " --format " << name << " shows `" << s << "`";
            EXPECT_EQ(o.err.find(s), std::string::npos) << fixture << " --format " << name << " stderr shows `" << s << "`";
        }
    }
}

TEST(Redact, TheGuideWithItsSheetShowsNoAddressOrName) {
    expect_redacted("guide-hash-local", {"ikemgr.log", "--expect", "params.yaml"});
}

TEST(Redact, SystemLogGatewayNamesAndCookiesAreHidden) {
    expect_redacted("merge-ikemgr-syslog", {"ikemgr.log", "system.csv"});
    expect_redacted("syslog-forwarded", {"panos-syslog.log"});
}

TEST(Redact, ProxyIdNetworksAndManyPeersAreHidden) {
    expect_redacted("class-proxy-id-mismatch", {"ikemgr.log", "--expect", "params.yaml"});
    expect_redacted("many-interleaved", {"ikemgr.log"});
}

TEST(Redact, OneValueKeepsOnePseudonym) {
    const outcome o = run_in(k_fixtures / "merge-ikemgr-syslog", {"ikemgr.log", "system.csv", "--redact"}, {});
    // 200.100.1.254 is the peer of all three negotiations, in ikemgr.log and system.csv.
    EXPECT_EQ(o.out.find("ip4-3"), std::string::npos) << "two addresses in the input, a third pseudonym:\n" << o.out;
    EXPECT_NE(o.out.find("ip4-1[500] <-> ip4-2[500]"), std::string::npos) << o.out;
    EXPECT_NE(o.out.find("Failed SA: ip4-1[500]-ip4-2[500] cookie:cookie-1:cookie-2"), std::string::npos) << o.out;
}

} // namespace

namespace {

TEST(Redact, ThePeersSpiInABundleLineIsHiddenToo) {
    const outcome o = run_in(k_fixtures / "class-no-proposal-p2", {"ikemgr.log", "--redact"}, {});
    EXPECT_NE(o.out.find("spi=spi-"), std::string::npos) << o.out;
    EXPECT_NE(o.out.find("spi_p=spi-"), std::string::npos) << o.out;
    EXPECT_EQ(o.out.find("spi_p=0"), std::string::npos) << o.out;
}

TEST(Redact, AHostInAFileNameIsHidden) {
    const fs::path dir = fs::temp_directory_path() / ("ikediff-redact-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    fs::copy_file(k_fixtures / "guide-hash-local" / "ikemgr.log", dir / "gw1.acme-corp.com.log",
                  fs::copy_options::overwrite_existing);
    const outcome o = run_in(dir, {"gw1.acme-corp.com.log", "--redact"}, {});
    fs::remove_all(dir);
    EXPECT_EQ(o.out.find("acme-corp"), std::string::npos) << o.out;
    EXPECT_NE(o.out.find("host-1.log"), std::string::npos) << o.out;
}

} // namespace

// The firewall's configuration: its gateway, profile and tunnel names and its addresses are
// hidden in the configuration checks and in the commands that fix them, in every format.
namespace {

TEST(Redact, TheConfigurationsNamesAreHiddenInChecksAndFixes) {
    const fs::path dir = k_fixtures / "config-deviates";
    std::set<std::string> secret{"IKE-GW-BRANCH", "IKE-GW-AZURE",       "IKE-CRYPTO-HQ",
                                 "IPSEC-CRYPTO-HQ", "IPSEC-TUNNEL-BRANCH", "IPSEC-CRYPTO-AZURE"};
    add_ipv4s(read_file(dir / "running-config.xml"), secret);
    add_ipv4s(read_file(dir / "params.yaml"), secret);
    for (const auto& [name, format] : ikediff::cli::k_report_formats) {
        const outcome o = run_in(
            dir, {"running-config.xml", "--expect", "params.yaml", "--redact", "--format", std::string(name)}, {});
        ASSERT_EQ(o.status, 1) << name << ": " << o.err;
        EXPECT_NE(o.out.find("set network ike crypto-profiles"), std::string::npos) << name << "\n" << o.out;
        for (const std::string& s : secret) {
            EXPECT_EQ(o.out.find(s), std::string::npos) << "--format " << name << " shows `" << s << "`";
        }
    }
}

} // namespace
