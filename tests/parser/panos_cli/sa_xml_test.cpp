// parser/panos_cli/sa_xml.hpp: the XML API's answers as CPAN's Device::PaloAlto::Firewall and
// Device::Firewall::PaloAlto test against them (fixtures/cli-ike-sa-xml/NOTES.md), an error
// answer, and XML that does not parse.

#include "parser/panos_cli/sa_xml.hpp"

#include <gtest/gtest.h>
#include <string>
#include <utility>
#include <vector>

namespace {

using namespace ikediff;
using model::phase1_attribute;
using model::phase2_attribute;

// Device::PaloAlto::Firewall t/15-ike_peers.t, verbatim.
constexpr std::string_view k_ike = R"(<response status="success"><result>
  <entry>
    <name>c1000v</name>
    <created>Aug.28 18:44:58</created>
    <expires>Aug.29 02:44:58</expires>
    <gwid>1</gwid>
    <role>Init</role>
    <mode>Main</mode>
    <algo>PSK/ DH5/ AES/SHA512</algo>
  </entry>
</result></response>)";

// Device::PaloAlto::Firewall t/16-ipsec_peers.t, verbatim.
constexpr std::string_view k_ipsec = R"(<response status="success"><result>
  <ntun>1</ntun>
  <entries>
    <entry>
      <kb>4608000</kb>
      <life>3527</life>
      <enc>3DES</enc>
      <remote>192.168.122.30        </remote>
      <name>c1000v(c1000v)</name>
      <proto>ESP</proto>
      <i_spi>-1257231397</i_spi>
      <gwid>1</gwid>
      <o_spi>-2087709595</o_spi>
      <tid>1</tid>
      <hash>MD5</hash>
    </entry>
  </entries>
</result></response>)";

TEST(PanosCliXml, IkeSaAnswer) {
    const parser::panos_cli::xml_answer a = parser::panos_cli::read_xml_answer(k_ike);
    ASSERT_FALSE(a.error_offset) << a.error;
    ASSERT_EQ(a.sas.size(), 1u);
    const parser::panos_cli::sa_row& row = a.sas[0].row;
    EXPECT_EQ(a.sas[0].offset, k_ike.find("<entry>"));
    EXPECT_EQ(row.gateway, "c1000v");
    EXPECT_EQ(row.gateway_id, "1");
    EXPECT_TRUE(row.peer.empty());
    EXPECT_EQ(row.sa.phase, 1u);
    EXPECT_EQ(row.sa.role, model::role::initiator);
    EXPECT_EQ(row.sa.exchange, model::exchange::main);
    EXPECT_EQ(row.sa.version, model::ike_version::ikev1);
    EXPECT_EQ(row.sa.phase1, (std::vector<std::pair<phase1_attribute, std::string>>{
                                 {phase1_attribute::auth_method, "PSK"},
                                 {phase1_attribute::dh_group, "DH5"},
                                 {phase1_attribute::cipher, "AES"},
                                 {phase1_attribute::hash, "SHA512"},
                                 {phase1_attribute::lifetime, "28800"}}));
}

TEST(PanosCliXml, IpsecSaAnswerWithSignedSpis) {
    const parser::panos_cli::xml_answer a = parser::panos_cli::read_xml_answer(k_ipsec);
    ASSERT_FALSE(a.error_offset) << a.error;
    ASSERT_EQ(a.sas.size(), 1u);
    const parser::panos_cli::sa_row& row = a.sas[0].row;
    EXPECT_EQ(row.tunnel, "c1000v");
    EXPECT_EQ(row.gateway, "c1000v");
    EXPECT_EQ(row.peer, "192.168.122.30");
    EXPECT_EQ(row.sa.phase, 2u);
    EXPECT_TRUE(row.sa.up);
    EXPECT_EQ(row.sa.spi_in, "B5102BDB");  // -1257231397 as 32 bits
    EXPECT_EQ(row.sa.spi_out, "83901465"); // -2087709595
    // `life` (3527: what remains of it here) is not the lifetime.
    EXPECT_EQ(row.sa.phase2, (std::vector<std::pair<phase2_attribute, std::string>>{
                                 {phase2_attribute::protocol, "ESP"},
                                 {phase2_attribute::cipher, "3DES"},
                                 {phase2_attribute::authentication, "MD5"}}));
}

TEST(PanosCliXml, NameAndGatewayApartAndAnUnsignedSpi) {
    // Device::Firewall::PaloAlto t/xml/op/tunnels/ipsec_up.xml, its first entry.
    const parser::panos_cli::xml_answer a = parser::panos_cli::read_xml_answer(
        "<response "
        "status=\"success\"><result><ntun>2</ntun><entries><entry><kb>0</kb><life>2512</life>"
        "<enc>A128</enc><remote>1.1.5.1               </remote><name>IPSEC_second_to_default</name>"
        "<proto>ESP</proto><i_spi>3867966326</i_spi><gwid>2</gwid><o_spi>2701885222</o_spi><tid>2</"
        "tid>"
        "<hash>SHA1</hash><gateway>default_vr</gateway></entry></entries></result></response>");
    ASSERT_EQ(a.sas.size(), 1u);
    EXPECT_EQ(a.sas[0].row.tunnel, "IPSEC_second_to_default");
    EXPECT_EQ(a.sas[0].row.gateway, "default_vr");
    EXPECT_EQ(a.sas[0].row.sa.spi_in, "E68C7B76");
    EXPECT_EQ(a.sas[0].row.sa.spi_out, "A10B7F26");
}

TEST(PanosCliXml, EmptyAnswersHoldNoSa) {
    EXPECT_TRUE(
        parser::panos_cli::read_xml_answer("<response status=\"success\"><result/></response>")
            .sas.empty());
    const auto a = parser::panos_cli::read_xml_answer(
        "<response status=\"success\"><result><ntun>0</ntun><entries/></result></response>");
    EXPECT_TRUE(a.sas.empty());
    EXPECT_FALSE(a.error_offset);
}

TEST(PanosCliXml, ErrorsSayWhere) {
    const std::string_view cut =
        "<response status=\"success\"><result>\n  <entry>\n    <name>c1000v</nam";
    const auto a = parser::panos_cli::read_xml_answer(cut);
    ASSERT_TRUE(a.error_offset);
    EXPECT_FALSE(a.error.empty());
    EXPECT_LE(*a.error_offset, cut.size());

    const auto refused = parser::panos_cli::read_xml_answer(
        "<response status=\"error\"><msg><line>Invalid credentials.</line></msg></response>");
    ASSERT_TRUE(refused.error_offset);
    EXPECT_EQ(refused.error, "the API answered an error: Invalid credentials.");
}

} // namespace
