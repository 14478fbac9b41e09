// diff::config: sheet tunnels against the firewall's configuration (contract.md section 9):
// the gateway found by name, else by peer address; list semantics ("every configured member
// allowed"); a missing gateway; the fix commands naming the real gateway and profiles.
// The configuration is built as parser/panos_config reads fixtures/config-deviates (the
// structure of a public exported PAN-OS configuration).

#include "diff/config/check.hpp"
#include "diff/ike/sheet_loader.hpp"

#include <algorithm>
#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace {

using namespace ikediff;

model::vpn_config branch_config() {
    model::vpn_config c;
    c.file = "running-config.xml";
    model::ike_crypto_profile ike;
    ike.name = "IKE-CRYPTO-HQ";
    ike.encryption = {"aes-256-cbc", "aes-128-cbc"};
    ike.hash = {"sha256"};
    ike.dh_group = {"group14"};
    ike.lifetime = 28800;
    c.ike_profiles.push_back(ike);
    model::ipsec_crypto_profile ipsec;
    ipsec.name = "IPSEC-CRYPTO-HQ";
    ipsec.encryption = {"des"};
    ipsec.authentication = {"sha256"};
    ipsec.dh_group = "group14";
    ipsec.lifetime = 3600;
    c.ipsec_profiles.push_back(ipsec);
    model::ike_gateway g;
    g.name = "IKE-GW-BRANCH";
    g.ikev1.crypto_profile = "IKE-CRYPTO-HQ";
    g.ikev1.exchange_mode = "main";
    g.ikev1.dpd = model::config_dpd{true, std::nullopt, std::nullopt};
    g.local_ip = "192.168.1.101";
    g.peer_address = "192.168.1.110";
    g.peer_id = model::config_identity{"ipaddr", "192.168.1.110"};
    g.has_psk = true;
    c.gateways.push_back(g);
    model::ipsec_tunnel t;
    t.name = "IPSEC-TUNNEL-BRANCH";
    t.gateway = "IKE-GW-BRANCH";
    t.crypto_profile = "IPSEC-CRYPTO-HQ";
    t.proxy_ids.push_back({"Azure", "10.10.10.0/24", "10.50.0.0/16", "any"});
    c.tunnels.push_back(t);
    return c;
}

model::sheet sheet_of(const std::string& yaml) {
    auto s = diff::parse_sheet(yaml, "params.yaml");
    EXPECT_TRUE(s) << s.error().located_message();
    return s.value();
}

const model::config_check& find(const std::vector<model::config_check>& checks,
                                std::string_view attribute,
                                std::optional<std::uint32_t> phase = std::nullopt) {
    const auto it = std::find_if(checks.begin(), checks.end(), [&](const model::config_check& c) {
        return c.attribute == attribute && (!phase || c.phase == phase);
    });
    static const model::config_check none{};
    EXPECT_NE(it, checks.end()) << attribute;
    return it == checks.end() ? none : *it;
}

TEST(ConfigCheck, FindsTheGatewayByPeerAddressWhenTheSheetNamesNone) {
    const std::vector<model::vpn_config> configs{branch_config()};
    const model::sheet s = sheet_of("version: 1\nname: branch\npeer_address: 192.168.1.110\n"
                                    "ike: {hash: sha256}\n");
    const auto checks = diff::config::check(s, configs);
    const model::config_check& gw = find(checks, "gateway");
    EXPECT_TRUE(gw.ok);
    EXPECT_EQ(gw.configured, "IKE-GW-BRANCH");
    EXPECT_FALSE(gw.expected);
    EXPECT_TRUE(find(checks, "hash", 1).ok);
    EXPECT_EQ(find(checks, "hash", 1).gateway, "IKE-GW-BRANCH");
}

TEST(ConfigCheck, AMemberListIsOkWhenEveryMemberIsAllowed) {
    const std::vector<model::vpn_config> configs{branch_config()};
    const auto one =
        diff::config::check(sheet_of("version: 1\nname: b\ngateway: IKE-GW-BRANCH\nike: "
                                     "{encryption: [aes-128-cbc, aes-256-cbc]}\n"),
                            configs);
    EXPECT_TRUE(find(one, "encryption", 1).ok);
    EXPECT_EQ(find(one, "encryption", 1).configured, "aes-256-cbc, aes-128-cbc");
    const auto two = diff::config::check(
        sheet_of("version: 1\nname: b\ngateway: IKE-GW-BRANCH\nike: {encryption: aes-256-cbc}\n"),
        configs);
    const model::config_check& enc = find(two, "encryption", 1);
    EXPECT_FALSE(enc.ok); // aes-128-cbc is configured too, and the sheet does not allow it
    ASSERT_EQ(enc.fix.size(), 1u);
    EXPECT_EQ(
        enc.fix[0],
        "set network ike crypto-profiles ike-crypto-profiles IKE-CRYPTO-HQ encryption aes-256-cbc");
}

TEST(ConfigCheck, DeviationsComeWithCommandsNamingTheRealObjects) {
    const std::vector<model::vpn_config> configs{branch_config()};
    const auto checks = diff::config::check(sheet_of(R"(version: 1
name: branch
gateway: IKE-GW-BRANCH
local_address: 192.168.1.101
peer_address: 192.168.1.110
ike:
  exchange_mode: aggressive
  hash: [sha512, sha384]
  lifetime: 1d
  peer_id: none
ipsec:
  encryption: aes-256-cbc
  dh_group: no-pfs
  proxy_ids:
    - {local: 10.10.10.0/24, remote: 10.60.0.0/16, protocol: any}
)"),
                                            configs);
    EXPECT_EQ(find(checks, "exchange_mode", 1).fix,
              std::vector<std::string>{
                  "set network ike gateway IKE-GW-BRANCH protocol ikev1 exchange-mode aggressive"});
    EXPECT_EQ(find(checks, "hash", 1).fix,
              std::vector<std::string>{"set network ike crypto-profiles ike-crypto-profiles "
                                       "IKE-CRYPTO-HQ hash [ sha512 sha384 ]"});
    EXPECT_EQ(
        find(checks, "lifetime", 1).fix,
        std::vector<std::string>{
            "set network ike crypto-profiles ike-crypto-profiles IKE-CRYPTO-HQ lifetime days 1"});
    EXPECT_EQ(find(checks, "peer_id", 1).fix,
              std::vector<std::string>{"delete network ike gateway IKE-GW-BRANCH peer-id"});
    EXPECT_EQ(find(checks, "encryption", 2).fix,
              std::vector<std::string>{"set network ike crypto-profiles ipsec-crypto-profiles "
                                       "IPSEC-CRYPTO-HQ esp encryption aes-256-cbc"});
    EXPECT_EQ(find(checks, "dh_group", 2).fix,
              std::vector<std::string>{"set network ike crypto-profiles ipsec-crypto-profiles "
                                       "IPSEC-CRYPTO-HQ dh-group no-pfs"});
    const model::config_check& proxy = find(checks, "proxy_id", 2);
    EXPECT_FALSE(proxy.ok);
    EXPECT_EQ(proxy.configured, "10.10.10.0/24 10.50.0.0/16 any");
    EXPECT_EQ(proxy.fix,
              (std::vector<std::string>{
                  "delete network tunnel ipsec IPSEC-TUNNEL-BRANCH auto-key proxy-id Azure",
                  "set network tunnel ipsec IPSEC-TUNNEL-BRANCH auto-key proxy-id proxy-id-1 local "
                  "10.10.10.0/24 remote 10.60.0.0/16 protocol any"}));
    EXPECT_TRUE(find(checks, "local_address").ok);
    for (const model::config_check& c : checks) {
        EXPECT_EQ(c.ok, c.fix.empty()) << c.attribute;
    }
}

TEST(ConfigCheck, ATunnelWithoutAGatewayIsOneCheckConfiguredNull) {
    const std::vector<model::vpn_config> configs{branch_config()};
    const auto checks = diff::config::check(
        sheet_of("version: 1\nname: tokyo\npeer_address: 198.51.100.7\nike: {hash: sha256}\n"),
        configs);
    ASSERT_EQ(checks.size(), 1u);
    EXPECT_EQ(checks[0].attribute, "gateway");
    EXPECT_FALSE(checks[0].configured);
    EXPECT_FALSE(checks[0].ok);
    EXPECT_TRUE(checks[0].gateway.empty());
    EXPECT_EQ(checks[0].fix, std::vector<std::string>{
                                 "set network ike gateway tokyo peer-address ip 198.51.100.7"});
}

TEST(ConfigCheck, ADynamicPeerIsTheOnlyDynamicGateway) {
    model::vpn_config c = branch_config();
    model::ike_gateway dyn;
    dyn.name = "IKE-GW-AZURE";
    dyn.version = "ikev2-preferred";
    dyn.peer_kind = "dynamic";
    c.gateways.push_back(dyn);
    std::vector<model::vpn_config> configs{c};
    const model::sheet s =
        sheet_of("version: 1\nname: azure\npeer_address: dynamic\nike: {version: ikev2}\n");
    const auto checks = diff::config::check(s, configs);
    EXPECT_EQ(find(checks, "gateway").configured, "IKE-GW-AZURE");
    EXPECT_TRUE(find(checks, "version", 1).ok); // ikev2-preferred speaks IKEv2 first
    configs[0].gateways.push_back(dyn);
    configs[0].gateways.back().name = "OTHER";
    EXPECT_FALSE(diff::config::check(s, configs)[0].ok); // two dynamic gateways: which one?
}

TEST(ConfigCheck, TheSheetTakesTheNamesItLeavesOut) {
    const std::vector<model::vpn_config> configs{branch_config()};
    model::sheet s = sheet_of("version: 1\nname: b\npeer_address: 192.168.1.110\n"
                              "ipsec: {crypto_profile: mine}\n");
    diff::config::name_from_configuration(s, configs);
    EXPECT_EQ(s.tunnels[0].gateway, "IKE-GW-BRANCH");
    EXPECT_EQ(s.tunnels[0].ike.crypto_profile, "IKE-CRYPTO-HQ");
    // The profile the tunnel uses, not the sheet's name for it (that is a crypto_profile check).
    EXPECT_EQ(s.tunnels[0].ipsec.crypto_profile, "IPSEC-CRYPTO-HQ");
}

TEST(ConfigCheck, NamesWithBlanksAreQuotedInCommands) {
    model::vpn_config c = branch_config();
    c.gateways[0].name = "Branch GW";
    c.tunnels[0].gateway = "Branch GW";
    c.ike_profiles[0].name = "HQ profile";
    c.gateways[0].ikev1.crypto_profile = "HQ profile";
    const std::vector<model::vpn_config> configs{c};
    const auto checks = diff::config::check(
        sheet_of("version: 1\nname: b\npeer_address: 192.168.1.110\n"
                 "ike: {hash: sha512, local_id: {type: dn, id: \"CN=fw, O=Example\"}}\n"),
        configs);
    EXPECT_EQ(
        find(checks, "hash", 1).fix,
        std::vector<std::string>{
            "set network ike crypto-profiles ike-crypto-profiles \"HQ profile\" hash sha512"});
    EXPECT_EQ(find(checks, "local_id", 1).fix,
              std::vector<std::string>{"set network ike gateway \"Branch GW\" local-id type dn id "
                                       "\"CN=fw, O=Example\""});
}

} // namespace

namespace {

TEST(ConfigCheck, ASheetProfileNameTheGatewayDoesNotUseDeviatesAndTheFixesNameTheUsedOne) {
    const std::vector<model::vpn_config> configs{branch_config()};
    model::sheet s = sheet_of("version: 1\nname: branch\npeer_address: 192.168.1.110\n"
                              "ike: {crypto_profile: ike-branch, hash: sha512}\n"
                              "ipsec: {crypto_profile: IPSEC-CRYPTO-HQ}\n");
    const auto checks = diff::config::check(s, configs);
    const model::config_check& ike = find(checks, "crypto_profile", 1);
    EXPECT_FALSE(ike.ok);
    EXPECT_EQ(ike.expected, "ike-branch");
    EXPECT_EQ(ike.configured, "IKE-CRYPTO-HQ");
    ASSERT_EQ(ike.fix.size(), 1u);
    EXPECT_EQ(ike.fix[0], "set network ike gateway IKE-GW-BRANCH protocol ikev1 ike-crypto-profile ike-branch");
    EXPECT_TRUE(find(checks, "crypto_profile", 2).ok);
    // Fixes of negotiations change the profile the gateway negotiates with.
    diff::config::name_from_configuration(s, configs);
    EXPECT_EQ(s.tunnels.front().ike.crypto_profile, "IKE-CRYPTO-HQ");
    EXPECT_EQ(s.tunnels.front().gateway, "IKE-GW-BRANCH");
}

} // namespace
