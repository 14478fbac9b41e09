// parser/panos_cli/sa_text.hpp: each reader with the real rows it was written from (the VyOS
// documentation's Palo Alto example, a Zscaler configuration guide, the Palo Alto KB article on
// IKEv2 liveness; fixtures/cli-*/NOTES.md), the algorithm spellings, and rows it must refuse.

#include "model/proposal.hpp"
#include "parser/panos_cli/sa_text.hpp"

#include <gtest/gtest.h>
#include <string>
#include <utility>
#include <vector>

namespace {

using namespace ikediff;
using model::phase1_attribute;
using model::phase2_attribute;
using parser::panos_cli::child_section;
using parser::panos_cli::table;

using p1_values = std::vector<std::pair<phase1_attribute, std::string>>;
using p2_values = std::vector<std::pair<phase2_attribute, std::string>>;

// show vpn ike-sa, PAN-OS 11.0 (VyOS documentation), verbatim.
constexpr std::string_view k_v1_row =
    "1               10.0.1.2               VyOS                                         "
    "                   Resp Main PSK/DH14/A128/SHA1    Jul.31 01:35:00 Jul.31 09:35:00 v1 13 1  1";
constexpr std::string_view k_v1_child =
    "VyOS                                                            1        VyOS-tunnel     "
    "       1                Resp ESP/    /tunl/SHA2 8827A3D9 C204F4FA BD202829 9  1";
constexpr std::string_view k_ipsec_row =
    "1               1      10.0.1.2               VyOS-tunnel(VyOS)                             "
    "ESP/A256/SHA256    8827A3D9 C204F4FA 3600/Unlimited           2733";
// show vpn ike-sa / ipsec-sa (Zscaler's Palo Alto guide), verbatim.
constexpr std::string_view k_v2_row = "17              10.66.88.108           localzs3             "
                                      "  Init 1        PSK/ DH2/A128/SHA1 "
                                      "   Jun.29 12:49:41 Jun.29 12:55:41 0  1      Established";
constexpr std::string_view k_v2_child =
    "localzs3               24       localzs3:primarytunnel     1        1        Init CBF7DC1D "
    "5D1568FD 00000001 Mature";
constexpr std::string_view k_ipsec_old =
    "17              24     10.66.88.108           localzs3:primarytunnel(localzs3)              "
    "  ESP/A256/MD5       CBF7DC1D 5D1568FD 3527/102400";

TEST(PanosCliText, IkeV1PhaseOneRow) {
    const auto row = parser::panos_cli::read_ike_sa_row(k_v1_row);
    ASSERT_TRUE(row);
    EXPECT_EQ(row->gateway, "VyOS");
    EXPECT_EQ(row->peer, "10.0.1.2");
    EXPECT_EQ(row->gateway_id, "1");
    EXPECT_EQ(row->sa.phase, 1u);
    EXPECT_EQ(row->sa.version, model::ike_version::ikev1);
    EXPECT_EQ(row->sa.role, model::role::responder);
    EXPECT_EQ(row->sa.exchange, model::exchange::main);
    EXPECT_EQ(row->sa.state, "13");
    EXPECT_EQ(row->sa.phase1, (p1_values{{phase1_attribute::auth_method, "PSK"},
                                         {phase1_attribute::dh_group, "DH14"},
                                         {phase1_attribute::cipher, "AES-CBC"},
                                         {phase1_attribute::key_length, "128"},
                                         {phase1_attribute::hash, "SHA1"},
                                         {phase1_attribute::lifetime, "28800"}}));
}

TEST(PanosCliText, IkeV2PhaseOneRowWithABlankInItsAlgorithm) {
    const auto row = parser::panos_cli::read_ike_sa_row(k_v2_row);
    ASSERT_TRUE(row);
    EXPECT_EQ(row->gateway, "localzs3");
    EXPECT_EQ(row->peer, "10.66.88.108");
    EXPECT_EQ(row->sa.version, model::ike_version::ikev2);
    EXPECT_EQ(row->sa.role, model::role::initiator);
    EXPECT_FALSE(row->sa.exchange);
    EXPECT_EQ(row->sa.state, "Established");
    EXPECT_EQ(row->sa.phase1, (p1_values{{phase1_attribute::auth_method, "PSK"},
                                         {phase1_attribute::dh_group, "DH2"},
                                         {phase1_attribute::cipher, "AES-CBC"},
                                         {phase1_attribute::key_length, "128"},
                                         {phase1_attribute::hash, "SHA1"},
                                         {phase1_attribute::lifetime, "360"}}));
}

TEST(PanosCliText, GatewayNamesWithBlanksAndCollapsedSpacing) {
    const auto row = parser::panos_cli::read_ike_sa_row(
        "3 203.0.113.9 Branch Office 7 Init Aggr PSK/DH20/A256/SHA384 Dec.31 20:00:00 Jan.01 "
        "04:00:00 v1 13 1 0");
    ASSERT_TRUE(row);
    EXPECT_EQ(row->gateway, "Branch Office 7");
    EXPECT_EQ(row->sa.exchange, model::exchange::aggressive);
    EXPECT_EQ(row->sa.phase1.back(), (std::pair{phase1_attribute::lifetime, std::string("28800")}));
}

TEST(PanosCliText, IkeV1PhaseTwoRowTakesOnlyWholeValues) {
    const auto row = parser::panos_cli::read_child_sa_row(k_v1_child, child_section::ikev1);
    ASSERT_TRUE(row);
    EXPECT_EQ(row->gateway, "VyOS");
    EXPECT_EQ(row->tunnel, "VyOS-tunnel");
    EXPECT_EQ(row->sa.phase, 2u);
    EXPECT_EQ(row->sa.role, model::role::responder);
    EXPECT_EQ(row->sa.spi_in, "8827A3D9");
    EXPECT_EQ(row->sa.spi_out, "C204F4FA");
    EXPECT_EQ(row->sa.state, "9");
    // `SHA2` is a cut `SHA256`, `SHA384` or `SHA512`: not taken.
    EXPECT_EQ(row->sa.phase2, (p2_values{{phase2_attribute::protocol, "ESP"},
                                         {phase2_attribute::encapsulation, "Tunnel"}}));
}

TEST(PanosCliText, IkeV2ChildRow) {
    const auto row = parser::panos_cli::read_child_sa_row(k_v2_child, child_section::ikev2);
    ASSERT_TRUE(row);
    EXPECT_EQ(row->gateway, "localzs3");
    EXPECT_EQ(row->tunnel, "localzs3:primarytunnel");
    EXPECT_EQ(row->sa.version, model::ike_version::ikev2);
    EXPECT_EQ(row->sa.spi_in, "CBF7DC1D");
    EXPECT_EQ(row->sa.spi_out, "5D1568FD");
    EXPECT_EQ(row->sa.state, "Mature");
    EXPECT_TRUE(row->sa.phase2.empty());
}

TEST(PanosCliText, IpsecSaRowWithRemainTimeHasItsLifetime) {
    const auto row = parser::panos_cli::read_ipsec_sa_row(k_ipsec_row);
    ASSERT_TRUE(row);
    EXPECT_EQ(row->peer, "10.0.1.2");
    EXPECT_EQ(row->tunnel, "VyOS-tunnel");
    EXPECT_EQ(row->gateway, "VyOS");
    EXPECT_EQ(row->sa.spi_in, "8827A3D9");
    EXPECT_EQ(row->sa.phase2, (p2_values{{phase2_attribute::protocol, "ESP"},
                                         {phase2_attribute::cipher, "AES-CBC"},
                                         {phase2_attribute::key_length, "256"},
                                         {phase2_attribute::authentication, "SHA256"},
                                         {phase2_attribute::lifetime, "3600"}}));
}

TEST(PanosCliText, IpsecSaRowWithoutRemainTimeLeavesTheLifetime) {
    const auto row = parser::panos_cli::read_ipsec_sa_row(k_ipsec_old);
    ASSERT_TRUE(row);
    EXPECT_EQ(row->tunnel, "localzs3:primarytunnel");
    EXPECT_EQ(row->gateway, "localzs3");
    EXPECT_EQ(row->sa.phase2, (p2_values{{phase2_attribute::protocol, "ESP"},
                                         {phase2_attribute::cipher, "AES-CBC"},
                                         {phase2_attribute::key_length, "256"},
                                         {phase2_attribute::authentication, "MD5"}}));
}

TEST(PanosCliText, RefusesWhatIsNoRow) {
    EXPECT_FALSE(parser::panos_cli::read_ike_sa_row(
        "Show IKEv1 IKE SA: Total 1 gateways found. 1 ike sa found."));
    EXPECT_FALSE(parser::panos_cli::read_ike_sa_row(
        "--------------  ------------           ------------    ---- ---- ---------"));
    // An algorithm with three parts is no phase 1 algorithm.
    EXPECT_FALSE(parser::panos_cli::read_ike_sa_row(
        "1 10.0.1.2 VyOS Resp Main PSK/DH14/A128 Jul.31 01:35:00"));
    EXPECT_FALSE(parser::panos_cli::read_ipsec_sa_row(
        "1 1 10.0.1.2 VyOS-tunnel(VyOS) ESP/A256/SHA256 8827A3D9"));
    EXPECT_FALSE(parser::panos_cli::read_child_sa_row(
        "VyOS 1 VyOS-tunnel 1 Resp ESP/A128/SHA1 zz 12", child_section::ikev1));
    // `show vpn flow`'s row names no SA.
    EXPECT_FALSE(parser::panos_cli::read_ipsec_sa_row(
        "24    localzs3:primarytunnel         active  up      10.96.19.238                  "
        "10.66.88.108 tunnel.2"));
}

TEST(PanosCliText, Ciphers) {
    using parser::panos_cli::read_cipher;
    EXPECT_EQ(read_cipher("A128").family, "AES-CBC");
    EXPECT_EQ(read_cipher("A192").key_bits, 192u);
    EXPECT_EQ(read_cipher("AES256-CBC").key_bits, 256u);
    EXPECT_EQ(read_cipher("AES256-GCM16").family, "AES-GCM");
    EXPECT_EQ(read_cipher("AES128-GCM16").key_bits, 128u);
    EXPECT_EQ(read_cipher("AES").family, "AES");
    EXPECT_FALSE(read_cipher("AES").key_bits); // length not shown: the family only
    EXPECT_EQ(read_cipher(" 3DES").family, "3DES");
    EXPECT_EQ(read_cipher("G999").family, "G999"); // kept as shown
}

TEST(PanosCliText, AlgorithmsReadAsTheVocabulary) {
    model::sa_state_event sa;
    ASSERT_TRUE(parser::panos_cli::read_phase1_algorithm("PSK/ DH5/ AES/SHA512", sa));
    model::phase1_proposal p;
    for (const auto& [attribute, text] : sa.phase1) {
        p.set_logged(attribute, text);
    }
    EXPECT_EQ(p.get(model::phase1_parameter::auth_method),
              (model::value{std::string("pre-shared-key")}));
    EXPECT_EQ(p.get(model::phase1_parameter::dh_group), (model::value{std::string("group5")}));
    EXPECT_EQ(p.get(model::phase1_parameter::hash), (model::value{std::string("sha512")}));
    EXPECT_EQ(p.get(model::phase1_parameter::encryption), (model::value{std::string("aes-cbc")}));

    model::sa_state_event detail;
    ASSERT_TRUE(parser::panos_cli::read_detail_proposal("AES256-CBC/SHA256/DH5", detail));
    model::phase1_proposal d;
    for (const auto& [attribute, text] : detail.phase1) {
        d.set_logged(attribute, text);
    }
    EXPECT_EQ(d.get(model::phase1_parameter::encryption),
              (model::value{std::string("aes-256-cbc")}));
    EXPECT_EQ(d.get(model::phase1_parameter::hash), (model::value{std::string("sha256")}));
    EXPECT_EQ(d.get(model::phase1_parameter::dh_group), (model::value{std::string("group5")}));
}

TEST(PanosCliText, Lifetimes) {
    using parser::panos_cli::lifetime_between;
    EXPECT_EQ(lifetime_between("Jul.31 01:35:00", "Jul.31 09:35:00"), 28800u);
    EXPECT_EQ(lifetime_between("Aug.28 18:44:58", "Aug.29 02:44:58"), 28800u);
    EXPECT_EQ(lifetime_between("Dec.31 23:00:00", "Jan.01 07:00:00"), 28800u);
    EXPECT_FALSE(lifetime_between("Jul.31", "Jul.31 09:35:00"));
    EXPECT_FALSE(lifetime_between("Foo.31 01:35:00", "Jul.31 09:35:00"));
    EXPECT_FALSE(lifetime_between("Jul.31 25:35:00", "Jul.31 09:35:00"));
}

TEST(PanosCliText, TablesByTheirHeadersAndTitles) {
    using parser::panos_cli::table_of;
    EXPECT_EQ(table_of("IKEv1 phase-1 SAs"), table::ike_sa);
    EXPECT_EQ(table_of("IKEv2 SAs"), table::ike_sa);
    EXPECT_EQ(table_of("There is no IKEv2 SA found."), table::none);
    EXPECT_EQ(table_of("GwID/client IP  Peer-Address           Gateway Name   Role Mode Algorithm"),
              table::ike_sa);
    EXPECT_EQ(table_of("Gateway ID      Peer-Address           Gateway Name           Role SN      "
                       " Algorithm"),
              table::ike_sa);
    EXPECT_EQ(
        table_of("Gateway Name  TnID     Tunnel   GwID/IP   Role Algorithm   SPI(in)  SPI(out)"),
        table::child_v1);
    EXPECT_EQ(table_of("Gateway Name   TnID     Tunnel   ID       Parent   Role SPI(in)  SPI(out)"),
              table::child_v2);
    EXPECT_EQ(table_of("output:GwID/client IP  TnID   Peer-Address   Tunnel(Gateway)   Algorithm"),
              table::ipsec_sa);
    // `show vpn gateway`: a list of gateways, no SA.
    EXPECT_EQ(
        table_of("GwID     Name                 Peer-Address/ID                Local Address/ID"),
        table::none);
}

TEST(PanosCliText, DetailViewFlattenedByAWebPage) {
    // The Palo Alto KB article on IKEv2 liveness (kA10g000000ClgcCAC), as the page shows it.
    constexpr std::string_view k_line =
        "IKE Gateway GW, ID 35 2.2.2.2 => 1.1.1.1 Current time: Mar.01 13:49:56 IKE SA: SPI: "
        "8669654AB024E4AE:CABD66D702C02131 Init State: Established SN: 4 Authentication: PSK, peer "
        "PSK Proposal: AES256-CBC/SHA256/DH5 ID local: ipaddr:2.2.2.2 remote: ipaddr:1.1.1.1";
    const auto start = parser::panos_cli::read_detail_start(k_line);
    ASSERT_TRUE(start);
    EXPECT_EQ(start->gateway, "GW");
    parser::panos_cli::sa_row row;
    parser::panos_cli::read_detail_text(start->rest, row);
    EXPECT_EQ(row.local, "2.2.2.2");
    EXPECT_EQ(row.peer, "1.1.1.1");
    EXPECT_EQ(row.sa.version, model::ike_version::ikev2);
    EXPECT_EQ(row.sa.role, model::role::initiator);
    EXPECT_EQ(row.sa.state, "Established");
    EXPECT_TRUE(row.sa.up);
    EXPECT_EQ(row.sa.phase1, (p1_values{{phase1_attribute::auth_method, "PSK"},
                                        {phase1_attribute::cipher, "AES-CBC"},
                                        {phase1_attribute::key_length, "256"},
                                        {phase1_attribute::hash, "SHA256"},
                                        {phase1_attribute::dh_group, "DH5"}}));
    EXPECT_FALSE(parser::panos_cli::read_detail_start("IKE Gateway GW ID 35"));
}

} // namespace
