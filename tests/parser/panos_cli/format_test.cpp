// parser/panos_cli/format.hpp: the feeder over whole copies (prompts, headers, totals, the same
// phase 2 SA shown by two commands), pagers and CRLF, a malformed row, an XML answer glued
// behind text and one cut short, and detection through read_log.

#include "parser/panos_cli/format.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>
#include <string>
#include <string_view>

namespace {

using namespace ikediff;
using test_support::expect_diagnostic;
using test_support::expect_stats;

// The VyOS documentation's `show vpn ike-sa` and `show vpn ipsec-sa` (PAN-OS 11.0), blanks
// collapsed as a web copy does.
constexpr std::string_view k_copy =
    "admin@PA-VM> show vpn ike-sa\n"
    "\n"
    "IKEv1 phase-1 SAs\n"
    "GwID/client IP Peer-Address Gateway Name Role Mode Algorithm Established Expiration V ST Xt "
    "Phase2\n"
    "-------------- ------------ ------------ ---- ---- --------- ----------- ---------- - -- -- "
    "------\n"
    "1 10.0.1.2 VyOS Resp Main PSK/DH14/A128/SHA1 Jul.31 01:35:00 Jul.31 09:35:00 v1 13 1 1\n"
    "\n"
    "Show IKEv1 IKE SA: Total 1 gateways found. 1 ike sa found.\n"
    "IKEv1 phase-2 SAs\n"
    "Gateway Name TnID Tunnel GwID/IP Role Algorithm SPI(in) SPI(out) MsgID ST Xt\n"
    "VyOS 1 VyOS-tunnel 1 Resp ESP/    /tunl/SHA2 8827A3D9 C204F4FA BD202829 9 1\n"
    "admin@PA-VM> show vpn ipsec-sa\n"
    "GwID/client IP TnID Peer-Address Tunnel(Gateway) Algorithm SPI(in) SPI(out) life(Sec/KB) "
    "remain-time(Sec)\n"
    "1 1 10.0.1.2 VyOS-tunnel(VyOS) ESP/A256/SHA256 8827A3D9 C204F4FA 3600/Unlimited 2733\n";

test_support::fed_events feed(const std::string& text) {
    return test_support::feed_text<parser::panos_cli::feeder>(text, "ike-sa.txt");
}

TEST(PanosCliFormat, OneEventPerSaTheSamePhaseTwoSaOnce) {
    const auto f = feed(std::string(k_copy));
    expect_stats(f.stats,
                 {.physical_lines = 14u, .recognized = 3u, .unrecognized = 11u, .malformed = 0u});
    ASSERT_EQ(f.events.size(), 2u);

    const model::log_event& p1 = f.events[0];
    EXPECT_EQ(p1.where, (model::source_line{0, 6, 1}));
    EXPECT_FALSE(p1.has_time);
    EXPECT_EQ(p1.code, model::event_code::phase1_succeeded);
    EXPECT_EQ(p1.gateway, "VyOS");
    ASSERT_TRUE(p1.peer);
    EXPECT_EQ(p1.peer->address, "10.0.1.2");
    EXPECT_EQ(
        p1.text,
        "1 10.0.1.2 VyOS Resp Main PSK/DH14/A128/SHA1 Jul.31 01:35:00 Jul.31 09:35:00 v1 13 1 1");
    EXPECT_EQ(p1.key.kind, model::correlation::by::subject);
    EXPECT_TRUE(p1.key.summary);
    ASSERT_NE(model::sa_state_of(p1.what), nullptr);

    const model::log_event& p2 = f.events[1];
    EXPECT_EQ(p2.where, (model::source_line{0, 11, 1}));
    EXPECT_EQ(p2.code, model::event_code::ipsec_sa_established);
    EXPECT_EQ(p2.ipsec_tunnel, "VyOS-tunnel");
    ASSERT_TRUE(p2.peer); // from the second sighting
    EXPECT_EQ(p2.peer->address, "10.0.1.2");
    const model::sa_state_event* sa = model::sa_state_of(p2.what);
    ASSERT_NE(sa, nullptr);
    // The cut section's values, then what `show vpn ipsec-sa` adds.
    EXPECT_EQ(sa->phase2, (std::vector<std::pair<model::phase2_attribute, std::string>>{
                              {model::phase2_attribute::protocol, "ESP"},
                              {model::phase2_attribute::encapsulation, "Tunnel"},
                              {model::phase2_attribute::cipher, "AES-CBC"},
                              {model::phase2_attribute::key_length, "256"},
                              {model::phase2_attribute::authentication, "SHA256"},
                              {model::phase2_attribute::lifetime, "3600"}}));
}

TEST(PanosCliFormat, PagersEscapesAndCrlf) {
    const auto f =
        feed("GwID/client IP  TnID   Peer-Address   Tunnel(Gateway)  Algorithm  SPI(in)  SPI(out) "
             "life(Sec/KB)\r\n"
             "--More--\x1b[K17  24  10.66.88.108  localzs3:primarytunnel(localzs3)  ESP/A256/MD5  "
             "CBF7DC1D 5D1568FD 3527/102400\r\n"
             "\x1b[7m--More--\x1b[m\r\n");
    expect_stats(f.stats,
                 {.physical_lines = 3u, .recognized = 1u, .unrecognized = 2u, .malformed = 0u});
    ASSERT_EQ(f.events.size(), 1u);
    EXPECT_EQ(f.events[0].where.column, 12u); // after the pager and its escape
    EXPECT_EQ(f.events[0].ipsec_tunnel, "localzs3:primarytunnel");
}

TEST(PanosCliFormat, ARowThatDoesNotReadIsMalformed) {
    const auto f = feed(
        "GwID/client IP  Peer-Address  Gateway Name  Role Mode Algorithm  Established  Expiration\n"
        "1               10.0.1.2      VyOS          Resp Main PSK/DH14\n");
    expect_stats(f.stats,
                 {.physical_lines = 2u, .recognized = 0u, .unrecognized = 1u, .malformed = 1u});
    ASSERT_EQ(f.stats.problems.size(), 1u);
    expect_diagnostic(
        f.stats.problems[0],
        {.code = "log-malformed",
         .message = "CLI output not understood: a row of `show vpn ike-sa`/`show vpn ipsec-sa` "
                    "that does not read as one",
         .file = "ike-sa.txt",
         .line = 2u,
         .column = 1u});
    EXPECT_TRUE(f.events.empty());
}

TEST(PanosCliFormat, XmlGluedBehindTextAndOneCutShort) {
    const auto f =
        feed("output: <response status=\"success\"><result>\n"
             "  <entry><name>c1000v</name><created>Aug.28 18:44:58</created>"
             "<expires>Aug.29 02:44:58</expires><gwid>1</gwid><role>Init</role><mode>Main</mode>"
             "<algo>PSK/ DH5/ AES/SHA512</algo></entry>\n"
             "</result></response>\n"
             "<response status=\"success\"><result>\n"
             "  <entry><name>c1000v</nam\n");
    expect_stats(f.stats,
                 {.physical_lines = 5u, .recognized = 3u, .unrecognized = 1u, .malformed = 1u});
    ASSERT_EQ(f.events.size(), 1u);
    EXPECT_EQ(f.events[0].where, (model::source_line{0, 2, 3}));
    EXPECT_EQ(f.events[0].gateway, "c1000v");
    EXPECT_EQ(f.events[0].text.substr(0, 28), "<entry><name>c1000v</name><c");
    ASSERT_EQ(f.stats.problems.size(), 1u);
    EXPECT_EQ(f.stats.problems[0].line, 5u);
    EXPECT_EQ(f.stats.problems[0].code, "log-malformed");
    EXPECT_TRUE(
        f.stats.problems[0].message.starts_with("CLI output not understood: XML API answer: "));
}

TEST(PanosCliFormat, TwoAnswersOnOneLine) {
    // Device::Firewall::PaloAlto t/xml/op/tunnels/ipsec_up.xml's entries, one answer each.
    const auto f =
        feed("<response status=\"success\"><result><ntun>2</ntun><entries><entry><enc>A128</enc>"
             "<remote>1.1.5.1</remote><name>IPSEC_second_to_default</name><proto>ESP</proto>"
             "<i_spi>3867966326</i_spi><o_spi>2701885222</o_spi><hash>SHA1</hash>"
             "<gateway>default_vr</gateway></entry></entries></result></response> "
             "<response status=\"success\"><result><ntun>2</ntun><entries><entry><enc>A128</enc>"
             "<remote>1.1.5.2</remote><name>IPSEC_default_to_second</name><proto>ESP</proto>"
             "<i_spi>2701885222</i_spi><o_spi>3867966326</o_spi><hash>SHA1</hash>"
             "<gateway>second_vr</gateway></entry></entries></result></response>\n");
    expect_stats(f.stats,
                 {.physical_lines = 1u, .recognized = 1u, .unrecognized = 0u, .malformed = 0u});
    ASSERT_EQ(f.events.size(), 2u);
    EXPECT_EQ(f.events[0].gateway, "default_vr");
    EXPECT_EQ(f.events[1].gateway, "second_vr");
    EXPECT_GT(f.events[1].where.column, 300u);
}

TEST(PanosCliFormat, DetailViewOnItsOwnLines) {
    const auto f = feed("admin@PA> show vpn ike-sa detail gateway GW\n"
                        "IKE Gateway GW, ID 35\n"
                        "  2.2.2.2 => 1.1.1.1\n"
                        "  IKE SA: SPI: 8669654AB024E4AE:CABD66D702C02131  Init\n"
                        "    State: Established\n"
                        "    Authentication: PSK, peer PSK\n"
                        "    Proposal: AES256-CBC/SHA256/DH5\n");
    expect_stats(f.stats,
                 {.physical_lines = 7u, .recognized = 6u, .unrecognized = 1u, .malformed = 0u});
    ASSERT_EQ(f.events.size(), 1u);
    EXPECT_EQ(f.events[0].gateway, "GW");
    ASSERT_TRUE(f.events[0].local);
    EXPECT_EQ(f.events[0].local->address, "2.2.2.2");
    EXPECT_EQ(f.events[0].code, model::event_code::phase1_succeeded);
    EXPECT_EQ(f.events[0].text, "IKE Gateway GW, ID 35");
}

TEST(PanosCliFormat, DetectedByContent) {
    const auto out = test_support::read_log_text(std::string(k_copy), "ticket.txt");
    ASSERT_TRUE(out.ok) << out.error;
    EXPECT_EQ(out.stats.format, "panos-cli");
    EXPECT_EQ(out.events.size(), 2u);
    EXPECT_TRUE(parser::panos_cli::is_panos_cli_head(
        "<response status=\"success\"><result><ntun>1</ntun>"));
    EXPECT_FALSE(parser::panos_cli::is_panos_cli_head(
        "<response status=\"success\"><result><config version=\"10.2.0\">"
        "<ntun>"));
    EXPECT_FALSE(parser::panos_cli::is_panos_cli_head(
        "2021-07-06 18:35:17.869 +0900  [DEBG]: {    9:     }: x\n"));
}

} // namespace
