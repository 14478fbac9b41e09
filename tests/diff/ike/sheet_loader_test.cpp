// diff/ike/sheet_loader: the parameter sheet (contract.md section 3) read into model::sheet,
// and the diagnostics a wrong sheet gets, asserted whole (code, message, line, column, help).
// Lines and columns are 1-based and were counted by hand in the YAML texts below.

#include "diff/ike/sheet_loader.hpp"

#include <cstdint>
#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace {

using namespace ikediff;

constexpr const char* k_file = "params.yaml";

/// The sheet `text` describes; a failure (with the diagnostic) when it does not load.
model::sheet sheet_of(const std::string& text) {
    auto r = diff::parse_sheet(text, k_file);
    if (!r.ok()) {
        ADD_FAILURE() << "the sheet did not load: " << r.error().code << ": "
                      << r.error().located_message() << " (help: " << r.error().help << ")";
        return {};
    }
    return r.value();
}

struct expected_diagnostic {
    std::string code;
    std::string message;
    std::uint64_t line = 0;
    std::uint64_t column = 0;
    std::string help;
};

/// Parses `text` and checks that it fails with exactly `want` (and the file name).
void expect_error(const std::string& text, const expected_diagnostic& want) {
    SCOPED_TRACE("sheet text:\n" + text);
    const auto r = diff::parse_sheet(text, k_file);
    ASSERT_FALSE(r.ok()) << "the sheet loaded, expected error " << want.code;
    const model::diagnostic& d = r.error();
    EXPECT_EQ(d.level, model::severity::error);
    EXPECT_EQ(d.code, want.code);
    EXPECT_EQ(d.message, want.message);
    EXPECT_EQ(d.file, k_file);
    EXPECT_EQ(d.line, want.line);
    EXPECT_EQ(d.column, want.column);
    EXPECT_EQ(d.help, want.help);
}

/// Every string a sheet holds that this test can reach.
std::vector<std::string> strings_of(const model::sheet& s) {
    std::vector<std::string> out{s.file};
    auto add = [&](const std::optional<std::string>& v) {
        if (v) {
            out.push_back(*v);
        }
    };
    auto add_id = [&](const std::optional<model::ike_identity>& id) {
        if (id) {
            out.push_back(id->type);
            out.push_back(id->id);
        }
    };
    for (const auto& t : s.tunnels) {
        out.push_back(t.name);
        add(t.gateway);
        add(t.peer_vendor);
        add(t.local_address);
        add(t.peer_address);
        add(t.ike.crypto_profile);
        add_id(t.ike.local_id);
        add_id(t.ike.peer_id);
        add(t.ipsec.crypto_profile);
        for (const auto& p : t.ipsec.proxy_ids) {
            out.push_back(p.local);
            out.push_back(p.remote);
            out.push_back(p.protocol);
        }
    }
    return out;
}

// Valid sheets ------------------------------------------------------------------------------

const std::string k_full_sheet =
    "version: 1\n"
    "name: osaka-branch\n"
    "gateway: GW-OSAKA\n"
    "peer_vendor: fortigate\n"
    "local_address: 200.100.5.1\n"
    "peer_address: 200.100.1.254\n"
    "ike:\n"
    "  version: ikev1\n"
    "  crypto_profile: ike-osaka\n"
    "  exchange_mode: main\n"
    "  auth: pre-shared-key\n"
    "  encryption: aes-256-cbc\n"
    "  hash: sha512\n"
    "  dh_group: group20\n"
    "  lifetime: 8h\n"
    "  local_id: none\n"
    "  peer_id: {type: fqdn, id: branch.example.com}\n"
    "  dpd: {enabled: true, interval: 5, retry: 3}\n"
    "ipsec:\n"
    "  protocol: esp\n"
    "  crypto_profile: ipsec-osaka\n"
    "  encryption: aes-128-gcm\n"
    "  authentication: sha256\n"
    "  dh_group: no-pfs\n"
    "  lifetime: 1h\n"
    "  encapsulation: tunnel\n"
    "  proxy_ids:\n"
    "    - {local: 192.168.50.0/24, remote: 192.168.10.0/24, protocol: tcp}\n"
    "    - {local: 192.168.51.0/24, remote: 192.168.11.0/24}\n";

TEST(SheetLoaderTest, TopLevelTunnelReadsEveryTunnelField) {
    const model::sheet s = sheet_of(k_full_sheet);
    EXPECT_EQ(s.file, "params.yaml");
    ASSERT_EQ(s.tunnels.size(), 1u);
    const auto& t = s.tunnels[0];
    EXPECT_EQ(t.name, "osaka-branch");
    EXPECT_EQ(t.gateway, "GW-OSAKA");
    EXPECT_EQ(t.peer_vendor, "fortigate");
    EXPECT_EQ(t.local_address, "200.100.5.1");
    EXPECT_EQ(t.peer_address, "200.100.1.254");
    EXPECT_EQ(t.line, 1u);
    EXPECT_FALSE(t.has_psk);
    EXPECT_FALSE(s.has_psk());
}

TEST(SheetLoaderTest, TopLevelTunnelReadsIkeSection) {
    const model::sheet s = sheet_of(k_full_sheet);
    ASSERT_EQ(s.tunnels.size(), 1u);
    const auto& ike = s.tunnels[0].ike;
    EXPECT_EQ(ike.version, std::vector{model::ike_version::ikev1});
    EXPECT_EQ(ike.crypto_profile, "ike-osaka");
    EXPECT_EQ(ike.exchange_mode, std::vector{model::exchange_mode::main});
    EXPECT_EQ(ike.auth, std::vector{model::auth_method::pre_shared_key});
    EXPECT_EQ(ike.encryption, std::vector{model::encryption::aes_256_cbc});
    EXPECT_EQ(ike.hash, std::vector{model::hash_alg::sha512});
    EXPECT_EQ(ike.dh_group, std::vector{model::dh_group::group20});
    EXPECT_EQ(ike.lifetime, std::vector<std::uint64_t>{28800});
    ASSERT_TRUE(ike.local_id.has_value());
    EXPECT_EQ(ike.local_id->type, "none");
    EXPECT_EQ(ike.local_id->id, "");
    ASSERT_TRUE(ike.peer_id.has_value());
    EXPECT_EQ(ike.peer_id->type, "fqdn");
    EXPECT_EQ(ike.peer_id->id, "branch.example.com");
    ASSERT_TRUE(ike.dpd.has_value());
    EXPECT_EQ(ike.dpd->enabled, true);
    EXPECT_EQ(ike.dpd->interval, std::uint64_t{5});
    EXPECT_EQ(ike.dpd->retry, std::uint64_t{3});
}

TEST(SheetLoaderTest, TopLevelTunnelReadsIpsecSection) {
    const model::sheet s = sheet_of(k_full_sheet);
    ASSERT_EQ(s.tunnels.size(), 1u);
    const auto& ipsec = s.tunnels[0].ipsec;
    EXPECT_EQ(ipsec.protocol, std::vector{model::ipsec_protocol::esp});
    EXPECT_EQ(ipsec.crypto_profile, "ipsec-osaka");
    EXPECT_EQ(ipsec.encryption, std::vector{model::encryption::aes_128_gcm});
    EXPECT_EQ(ipsec.authentication, std::vector{model::authentication::sha256});
    EXPECT_EQ(ipsec.dh_group, std::vector{model::dh_group::no_pfs});
    EXPECT_EQ(ipsec.lifetime, std::vector<std::uint64_t>{3600});
    EXPECT_EQ(ipsec.encapsulation, std::vector{model::encapsulation::tunnel});
    ASSERT_EQ(ipsec.proxy_ids.size(), 2u);
    EXPECT_EQ(ipsec.proxy_ids[0].local, "192.168.50.0/24");
    EXPECT_EQ(ipsec.proxy_ids[0].remote, "192.168.10.0/24");
    EXPECT_EQ(ipsec.proxy_ids[0].protocol, "tcp");
    EXPECT_EQ(ipsec.proxy_ids[1].local, "192.168.51.0/24");
    EXPECT_EQ(ipsec.proxy_ids[1].remote, "192.168.11.0/24");
    EXPECT_EQ(ipsec.proxy_ids[1].protocol, "any"); // the default
}

TEST(SheetLoaderTest, SilentKeysLeaveEmptyLists) {
    const model::sheet s = sheet_of("name: bare\n");
    ASSERT_EQ(s.tunnels.size(), 1u);
    const auto& t = s.tunnels[0];
    EXPECT_EQ(t.name, "bare");
    EXPECT_FALSE(t.gateway.has_value());
    EXPECT_FALSE(t.peer_address.has_value());
    EXPECT_TRUE(t.ike.encryption.empty());
    EXPECT_TRUE(t.ike.hash.empty());
    EXPECT_TRUE(t.ike.dh_group.empty());
    EXPECT_TRUE(t.ike.lifetime.empty());
    EXPECT_FALSE(t.ike.dpd.has_value());
    EXPECT_TRUE(t.ipsec.proxy_ids.empty());
}

TEST(SheetLoaderTest, TunnelsListReadsEachTunnelWithItsLine) {
    const model::sheet s = sheet_of("version: 1\n"                      // 1
                                    "tunnels:\n"                        // 2
                                    "  - name: osaka\n"                 // 3
                                    "    peer_address: 200.100.1.254\n" // 4
                                    "    ike:\n"                        // 5
                                    "      hash: sha512\n"              // 6
                                    "  - name: kyoto\n"                 // 7
                                    "    peer_address: dynamic\n"       // 8
                                    "    ike:\n"                        // 9
                                    "      hash: sha256\n");            // 10
    ASSERT_EQ(s.tunnels.size(), 2u);
    EXPECT_EQ(s.tunnels[0].name, "osaka");
    EXPECT_EQ(s.tunnels[0].peer_address, "200.100.1.254");
    EXPECT_EQ(s.tunnels[0].ike.hash, std::vector{model::hash_alg::sha512});
    EXPECT_EQ(s.tunnels[0].line, 3u);
    EXPECT_EQ(s.tunnels[1].name, "kyoto");
    EXPECT_EQ(s.tunnels[1].peer_address, "dynamic");
    EXPECT_EQ(s.tunnels[1].ike.hash, std::vector{model::hash_alg::sha256});
    EXPECT_EQ(s.tunnels[1].line, 7u);
}

TEST(SheetLoaderTest, TunnelWithoutNameIsNamedByItsPosition) {
    const model::sheet s = sheet_of("tunnels:\n"
                                    "  - name: first\n"
                                    "  - peer_address: 10.0.0.2\n");
    ASSERT_EQ(s.tunnels.size(), 2u);
    EXPECT_EQ(s.tunnels[0].name, "first");
    EXPECT_EQ(s.tunnels[1].name, "tunnel 2");
}

TEST(SheetLoaderTest, ValuesAndListsOfValuesBothGiveLists) {
    const model::sheet s = sheet_of("ike:\n"
                                    "  encryption: [aes-256-cbc, AES-128-CBC]\n"
                                    "  hash:\n"
                                    "    - sha256\n"
                                    "    - sha512\n"
                                    "  dh_group: [group14, group19, group20]\n"
                                    "  auth: pre-shared-key\n"
                                    "  exchange_mode: [main, aggressive]\n"
                                    "  lifetime: [28800, 1d]\n");
    ASSERT_EQ(s.tunnels.size(), 1u);
    const auto& ike = s.tunnels[0].ike;
    EXPECT_EQ(ike.encryption,
              (std::vector{model::encryption::aes_256_cbc, model::encryption::aes_128_cbc}));
    EXPECT_EQ(ike.hash, (std::vector{model::hash_alg::sha256, model::hash_alg::sha512}));
    EXPECT_EQ(ike.dh_group, (std::vector{model::dh_group::group14, model::dh_group::group19,
                                         model::dh_group::group20}));
    EXPECT_EQ(ike.auth, std::vector{model::auth_method::pre_shared_key});
    EXPECT_EQ(ike.exchange_mode,
              (std::vector{model::exchange_mode::main, model::exchange_mode::aggressive}));
    EXPECT_EQ(ike.lifetime, (std::vector<std::uint64_t>{28800, 86400}));
}

TEST(SheetLoaderTest, LifetimeUnitsAllReadAsSeconds) {
    const std::vector<std::pair<std::string, std::uint64_t>> cases{
        {"28800", 28800}, {"28800s", 28800}, {"480m", 28800}, {"8h", 28800},
        {"1d", 86400},    {"3600", 3600},    {"1h", 3600},    {"90m", 5400}};
    for (const auto& [text, seconds] : cases) {
        SCOPED_TRACE("lifetime: " + text);
        const model::sheet s =
            sheet_of("ike:\n  lifetime: " + text + "\nipsec:\n  lifetime: " + text + "\n");
        ASSERT_EQ(s.tunnels.size(), 1u);
        EXPECT_EQ(s.tunnels[0].ike.lifetime, std::vector<std::uint64_t>{seconds});
        EXPECT_EQ(s.tunnels[0].ipsec.lifetime, std::vector<std::uint64_t>{seconds});
    }
}

TEST(SheetLoaderTest, BareDhGroupNumberIsAcceptedAsGroupName) {
    const model::sheet s = sheet_of("ike:\n"
                                    "  dh_group: 20\n"
                                    "ipsec:\n"
                                    "  dh_group: [14, group5]\n");
    ASSERT_EQ(s.tunnels.size(), 1u);
    EXPECT_EQ(s.tunnels[0].ike.dh_group, std::vector{model::dh_group::group20});
    EXPECT_EQ(s.tunnels[0].ipsec.dh_group,
              (std::vector{model::dh_group::group14, model::dh_group::group5}));
}

TEST(SheetLoaderTest, PeerAddressWithPrefixLengthKeepsTheAddress) {
    const model::sheet s = sheet_of("peer_address: 200.100.1.254/24\n"
                                    "local_address: 2001:db8::1\n");
    ASSERT_EQ(s.tunnels.size(), 1u);
    EXPECT_EQ(s.tunnels[0].peer_address, "200.100.1.254");
    EXPECT_EQ(s.tunnels[0].local_address, "2001:db8::1");
}

TEST(SheetLoaderTest, HostNamesAndPlaceholdersAreKeptAsWritten) {
    // A PAN-OS gateway may name its peer by FQDN; a forum post puts `ip.of.vpn.gateway[500]`
    // where the address stood (fixtures/real-placeholder-host).
    const model::sheet s = sheet_of("peer_address: ip.of.vpn.gateway\n"
                                    "local_address: <local-ip>\n");
    ASSERT_EQ(s.tunnels.size(), 1u);
    EXPECT_EQ(s.tunnels[0].peer_address, "ip.of.vpn.gateway");
    EXPECT_EQ(s.tunnels[0].local_address, "<local-ip>");
}

TEST(SheetLoaderTest, PskIsNotedButItsValueIsKeptNowhere) {
    const model::sheet s = sheet_of("name: osaka-branch\n"
                                    "gateway: GW-OSAKA\n"
                                    "local_address: 200.100.5.1\n"
                                    "peer_address: 200.100.1.254\n"
                                    "psk: secret\n"
                                    "ike:\n"
                                    "  crypto_profile: ike-osaka\n"
                                    "  local_id: {type: fqdn, id: fw.example.com}\n"
                                    "  peer_id: {type: ipaddr, id: 200.100.1.254}\n"
                                    "ipsec:\n"
                                    "  crypto_profile: ipsec-osaka\n"
                                    "  proxy_ids:\n"
                                    "    - {local: 192.168.50.0/24, remote: 192.168.10.0/24}\n");
    ASSERT_EQ(s.tunnels.size(), 1u);
    EXPECT_TRUE(s.tunnels[0].has_psk);
    EXPECT_TRUE(s.has_psk());
    for (const std::string& text : strings_of(s)) {
        EXPECT_EQ(text.find("secret"), std::string::npos) << "the key leaked into `" << text << "`";
    }
}

TEST(SheetLoaderTest, PskInsideIkeSectionAlsoCounts) {
    const model::sheet s = sheet_of("tunnels:\n"
                                    "  - name: a\n"
                                    "    ike:\n"
                                    "      pre_shared_key: secret\n"
                                    "  - name: b\n");
    ASSERT_EQ(s.tunnels.size(), 2u);
    EXPECT_TRUE(s.tunnels[0].has_psk);
    EXPECT_FALSE(s.tunnels[1].has_psk);
    EXPECT_TRUE(s.has_psk());
    for (const std::string& text : strings_of(s)) {
        EXPECT_EQ(text.find("secret"), std::string::npos) << "the key leaked into `" << text << "`";
    }
}

TEST(SheetLoaderTest, PskIsNotKeptInTheSheet) {
    const model::sheet s = sheet_of("name: t1\n"
                                    "psk: secret-value\n");
    ASSERT_EQ(s.tunnels.size(), 1u);
    EXPECT_TRUE(s.tunnels[0].has_psk);
    for (const std::string& text : strings_of(s)) {
        EXPECT_EQ(text.find("secret"), std::string::npos) << "the key leaked into `" << text << "`";
    }
}

TEST(SheetLoaderErrorTest, APskThatIsNotOneStringIsAnErrorThatDoesNotQuoteIt) {
    for (const char* psk : {"{anything: [secret]}", "[secret]", "\"\"", "\"secret"}) {
        const auto r = diff::parse_sheet(std::string("name: t1\npsk: ") + psk + "\n", k_file);
        ASSERT_FALSE(r.ok()) << psk;
        EXPECT_EQ(r.error().line, 2u) << psk;
        EXPECT_EQ(r.error().message.find("secret"), std::string::npos) << r.error().message;
        EXPECT_EQ(r.error().help.find("secret"), std::string::npos) << r.error().help;
    }
}

// Contract section 3 lists `auth: pre-shared-key | certificate` as the sheet's spellings.
TEST(SheetLoaderTest, AuthCertificateFromContractSectionThreeIsAccepted) {
    const auto r = diff::parse_sheet("ike:\n  auth: certificate\n", k_file);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message + " / " + r.error().help);
}

// Errors ------------------------------------------------------------------------------------

TEST(SheetLoaderErrorTest, UnknownKeyInIkeSuggestsTheClosestKey) {
    expect_error(
        "name: t1\n"            // 1
        "ike:\n"                // 2
        "  hash: sha512\n"      // 3
        "  dh_grup: group20\n", // 4, key at column 3
        {"sheet-unknown-key", "unknown key `dh_grup` in `ike`", 4, 3, "did you mean `dh_group`?"});
}

TEST(SheetLoaderErrorTest, MisspeltValueSuggestsTheClosestWord) {
    expect_error("name: t1\n"                   // 1
                 "ike:\n"                       // 2
                 "  encryption: aes-257-cbc\n", // 3, value at column 15
                 {"sheet-bad-value", "unknown encryption `aes-257-cbc`", 3, 15,
                  "did you mean `aes-256-cbc`?"});
}

TEST(SheetLoaderErrorTest, MisspeltValueInAListPointsAtTheItem) {
    expect_error("ike:\n"                                      // 1
                 "  encryption: [aes-256-cbc, aes-257-cbc]\n", // 2, 2nd item at column 29
                 {"sheet-bad-value", "unknown encryption `aes-257-cbc`", 2, 29,
                  "did you mean `aes-256-cbc`?"});
}

TEST(SheetLoaderErrorTest, ValueFarFromEveryWordListsTheWords) {
    expect_error("ike:\n"               // 1
                 "  hash: whirlpool\n", // 2, value at column 9
                 {"sheet-bad-value", "unknown hash `whirlpool`", 2, 9,
                  "expected one of: non-auth, md5, sha1, sha256, sha384, sha512"});
}

TEST(SheetLoaderErrorTest, ScalarWhereMappingIsExpectedIsATypeError) {
    expect_error("name: t1\n" // 1
                 "ike: 5\n",  // 2, value at column 6
                 {"sheet-type", "`ike` must be a mapping, not a value", 2, 6, ""});
}

TEST(SheetLoaderErrorTest, MappingWhereValueIsExpectedIsATypeError) {
    expect_error(
        "ike:\n"            // 1
        "  hash: {a: b}\n", // 2, `{` at column 9
        {"sheet-type", "`hash` must be a value or a list of values, not a mapping", 2, 9, ""});
}

TEST(SheetLoaderErrorTest, MappingInsideAListOfValuesIsATypeError) {
    expect_error(
        "ike:\n"                    // 1
        "  hash: [sha1, {a: b}]\n", // 2, `{` at column 16
        {"sheet-type", "each `hash` in the list must be a value, not a mapping", 2, 16, ""});
}

TEST(SheetLoaderErrorTest, EmptyListOfValuesSaysItIsEmpty) {
    // `hash: []` is a list; "must be a value or a list of values, not a list" would contradict
    // itself, so the message has to say what is wrong with it: it is empty.
    const auto r = diff::parse_sheet("ike:\n"        // 1
                                     "  hash: []\n", // 2, `[` at column 9
                                     k_file);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "sheet-type");
    EXPECT_EQ(r.error().line, 2u);
    EXPECT_EQ(r.error().column, 9u);
    EXPECT_NE(r.error().message.find("empty"), std::string::npos) << r.error().message;
}

TEST(SheetLoaderErrorTest, BareNumberThatIsNoDhGroupListsTheGroups) {
    expect_error("ike:\n"           // 1
                 "  dh_group: 3\n", // 2, value at column 13
                 {"sheet-bad-value", "unknown DH group `3`", 2, 13,
                  "expected one of: group1, group2, group5, group14, group15, group16, group19, "
                  "group20, group21, no-pfs"});
}

TEST(SheetLoaderErrorTest, LifetimeInWordsIsRejected) {
    expect_error(
        "ike:\n"                 // 1
        "  lifetime: 8 hours\n", // 2, value at column 13
        {"sheet-bad-value",
         "`lifetime` must be a duration such as 28800, 28800s, 480m, 8h or 1d, not `8 hours`", 2,
         13, ""});
}

TEST(SheetLoaderErrorTest, ZeroOrUnknownUnitLifetimeIsRejected) {
    expect_error("ipsec:\n"          // 1
                 "  lifetime: 0h\n", // 2, value at column 13
                 {"sheet-bad-value",
                  "`lifetime` must be a duration such as 28800, 28800s, 480m, 8h or 1d, not `0h`",
                  2, 13, ""});
    expect_error("ike:\n"            // 1
                 "  lifetime: 8w\n", // 2, value at column 13
                 {"sheet-bad-value",
                  "`lifetime` must be a duration such as 28800, 28800s, 480m, 8h or 1d, not `8w`",
                  2, 13, ""});
}

TEST(SheetLoaderErrorTest, TopLevelListIsNotASheet) {
    expect_error("- name: a\n"
                 "- name: b\n",
                 {"sheet-not-mapping",
                  "the sheet must be a mapping (keys such as `tunnels:` or `ike:`), not a list", 1,
                  1, ""});
}

TEST(SheetLoaderErrorTest, TopLevelScalarIsNotASheet) {
    expect_error("hello\n",
                 {"sheet-not-mapping",
                  "the sheet must be a mapping (keys such as `tunnels:` or `ike:`), not a value", 1,
                  1, ""});
}

TEST(SheetLoaderErrorTest, EmptyDocumentNamesNoTunnel) {
    expect_error("", {"sheet-empty", "the sheet is empty: it names no tunnel", 1, 1, ""});
    expect_error("# only a comment\n",
                 {"sheet-empty", "the sheet is empty: it names no tunnel", 1, 1, ""});
}

TEST(SheetLoaderErrorTest, UnclosedFlowListIsInvalidYamlAtEndOfInput) {
    expect_error("name: t1\n"                 // 1
                 "ike:\n"                     // 2
                 "  hash: [sha256, sha512\n", // 3; the input ends at line 4, column 1
                 {"sheet-yaml", "not valid YAML: end of sequence flow not found", 4, 1, ""});
}

TEST(SheetLoaderErrorTest, BadIndentationIsInvalidYamlAtTheColon) {
    expect_error("a: b\n"    // 1
                 "  c: d\n", // 2, `:` at column 4
                 {"sheet-yaml", "not valid YAML: illegal map value", 2, 4, ""});
}

TEST(SheetLoaderErrorTest, UnknownTopLevelKeySuggestsTheClosestKey) {
    expect_error("name: t1\n"      // 1
                 "gatewy: GW-1\n", // 2, key at column 1
                 {"sheet-unknown-key", "unknown key `gatewy` at top level", 2, 1,
                  "did you mean `gateway`?"});
}

TEST(SheetLoaderErrorTest, UnknownTopLevelKeyFarFromEveryKeyListsTheKeys) {
    expect_error("name: t1\n"     // 1
                 "colour: red\n", // 2, key at column 1
                 {"sheet-unknown-key", "unknown key `colour` at top level", 2, 1,
                  "known keys: name, gateway, peer_vendor, local_address, peer_address, ike, "
                  "ipsec, psk, pre_shared_key, version, tunnels"});
}

TEST(SheetLoaderErrorTest, TunnelSettingsBesideTunnelsListAreUnknownTopLevelKeys) {
    expect_error("version: 1\n"   // 1
                 "ike:\n"         // 2, key at column 1
                 "  hash: sha1\n" // 3
                 "tunnels:\n"     // 4
                 "  - name: a\n", // 5
                 {"sheet-unknown-key", "unknown key `ike` at top level", 2, 1,
                  "known keys: version, tunnels (with `tunnels:`, tunnel settings go inside each "
                  "list item)"});
}

TEST(SheetLoaderErrorTest, UnknownKeyInNamedTunnelItemNamesTheTunnel) {
    expect_error("version: 1\n"            // 1
                 "tunnels:\n"              // 2
                 "  - name: osaka\n"       // 3
                 "    gatway: GW-OSAKA\n", // 4, key at column 5
                 {"sheet-unknown-key", "unknown key `gatway` in tunnel `osaka`", 4, 5,
                  "did you mean `gateway`?"});
}

TEST(SheetLoaderErrorTest, UnknownKeyInUnnamedTunnelItemNumbersTheTunnel) {
    expect_error("tunnels:\n"                   // 1
                 "  - name: a\n"                // 2
                 "  - peer_adress: 10.0.0.1\n", // 3, key at column 5
                 {"sheet-unknown-key", "unknown key `peer_adress` in tunnel 2", 3, 5,
                  "did you mean `peer_address`?"});
}

TEST(SheetLoaderErrorTest, TunnelsThatIsNotAListIsATypeError) {
    expect_error(
        "tunnels: osaka\n", // 1, value at column 10
        {"sheet-type", "`tunnels` must be a non-empty list of tunnels, not a value", 1, 10, ""});
}

TEST(SheetLoaderErrorTest, PeerAddressThatIsNotAnAddressIsRejected) {
    expect_error(
        "name: t1\n"                     // 1
        "peer_address: 200.100.1.300\n", // 2, value at column 15
        {"sheet-bad-value",
         "`peer_address` must be an IPv4 or IPv6 address or `dynamic`, not `200.100.1.300`", 2, 15,
         ""});
}

TEST(SheetLoaderErrorTest, LocalAddressMayNotBeDynamic) {
    expect_error("local_address: dynamic\n", // 1, value at column 16
                 {"sheet-bad-value",
                  "`local_address` must be an IPv4 or IPv6 address, not `dynamic`", 1, 16, ""});
}

TEST(SheetLoaderErrorTest, SheetVersionTwoIsUnsupported) {
    expect_error("version: 2\n" // 1, value at column 10
                 "name: t1\n",
                 {"sheet-version", "unsupported sheet version `2`: this ikediff reads version 1", 1,
                  10, ""});
}

TEST(SheetLoaderErrorTest, UnknownPeerVendorSuggestsTheClosestVendor) {
    expect_error(
        "peer_vendor: fortigat\n", // 1, value at column 14
        {"sheet-bad-value", "unknown peer_vendor `fortigat`", 1, 14, "did you mean `fortigate`?"});
}

TEST(SheetLoaderErrorTest, ProxyIdWithoutRemoteIsMissingAKey) {
    expect_error("ipsec:\n"                          // 1
                 "  proxy_ids:\n"                    // 2
                 "    - {local: 192.168.50.0/24}\n", // 3, `{` at column 7
                 {"sheet-missing-key", "a proxy ID needs both `local` and `remote`", 3, 7, ""});
}

// closest_word ------------------------------------------------------------------------------

TEST(ClosestWordTest, OneEditAwayFindsTheWord) {
    const std::vector<std::string_view> keys{"version", "hash", "dh_group", "lifetime"};
    EXPECT_EQ(diff::closest_word("dh_grup", keys), "dh_group");
    EXPECT_EQ(diff::closest_word("lifetim", keys), "lifetime");
}

TEST(ClosestWordTest, ExactWordIsItsOwnClosest) {
    EXPECT_EQ(diff::closest_word("hash", {"version", "hash"}), "hash");
}

TEST(ClosestWordTest, FarWordHasNoSuggestion) {
    EXPECT_EQ(diff::closest_word("colour", {"name", "gateway", "ike"}), "");
}

TEST(ClosestWordTest, NoCandidatesGiveNoSuggestion) {
    EXPECT_EQ(diff::closest_word("hash", {}), "");
}

TEST(ClosestWordTest, AllowedEditsGrowWithTheWordUpToThree) {
    // Two letters: one edit allowed.
    EXPECT_EQ(diff::closest_word("ah", {"ahx"}), "ahx");
    EXPECT_EQ(diff::closest_word("ah", {"axy"}), "");
    // Six letters: two edits allowed.
    EXPECT_EQ(diff::closest_word("sha-1x", {"sha512"}), "sha512");
    EXPECT_EQ(diff::closest_word("shaxyz", {"sha512"}), "");
    // Thirteen and fifteen letters: capped at three edits.
    EXPECT_EQ(diff::closest_word("encryptionxxx", {"encryption"}), "encryption");
    EXPECT_EQ(diff::closest_word("encryptionxxxxx", {"encryption"}), "");
}

TEST(ClosestWordTest, NearestCandidateWinsAndTiesGoToTheFirst) {
    EXPECT_EQ(diff::closest_word("group2O", {"group14", "group2"}), "group2");
    EXPECT_EQ(diff::closest_word("abcd", {"abce", "abcf"}), "abce");
}

// load_sheet --------------------------------------------------------------------------------

TEST(LoadSheetTest, MissingFileIsUnreadable) {
    const std::string path = "/nonexistent-ikediff-dir/params.yaml";
    const auto r = diff::load_sheet(path);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "sheet-unreadable");
    EXPECT_NE(r.error().message.find("No such file or directory"), std::string::npos)
        << r.error().message;
    EXPECT_EQ(r.error().message, "cannot read the sheet: No such file or directory");
    EXPECT_EQ(r.error().file, path);
    EXPECT_EQ(r.error().line, 0u);
    EXPECT_EQ(r.error().column, 0u);
}

TEST(LoadSheetTest, GuideFixtureLoadsWithoutItsKey) {
    const std::string path = std::string(IKEDIFF_FIXTURES) + "/guide-hash-local/params.yaml";
    const auto r = diff::load_sheet(path);
    ASSERT_TRUE(r.ok()) << r.error().located_message();
    const model::sheet& s = r.value();
    EXPECT_EQ(s.file, path);
    ASSERT_EQ(s.tunnels.size(), 1u);
    EXPECT_EQ(s.tunnels[0].name, "osaka-branch");
    EXPECT_EQ(s.tunnels[0].peer_address, "200.100.1.254");
    EXPECT_EQ(s.tunnels[0].ike.hash, std::vector{model::hash_alg::sha512});
    EXPECT_EQ(s.tunnels[0].ike.lifetime, std::vector<std::uint64_t>{28800});
    EXPECT_TRUE(s.has_psk());
    for (const std::string& text : strings_of(s)) {
        EXPECT_EQ(text.find("testvpn"), std::string::npos)
            << "the key leaked into `" << text << "`";
    }
}

} // namespace
