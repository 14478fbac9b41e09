// parser::panos_config: the detection of a PAN-OS configuration by its root element, and
// the reading of its VPN objects. The element snippets are real: the IKE and IPsec crypto
// profiles are iron-skillet's day-1 template (PaloAltoNetworks/iron-skillet,
// templates/panos/full/iron_skillet_panos_full.xml, panos_v10.1), the gateway and tunnel
// entries those of a public exported firewall configuration (PA-HQ: IKE-GW-BRANCH,
// IPSEC-TUNNEL-AZURE), the key replaced by the same `-AQ==` form.

#include "parser/log_reader.hpp"
#include "parser/panos_config/format.hpp"
#include "parser/panos_config/reader.hpp"

#include <gtest/gtest.h>
#include <string>
#include <string_view>

namespace {

using namespace ikediff;
namespace pc = parser::panos_config;

// iron-skillet's `Suite-B-GCM-256` IKE profile and `default` IPsec profile.
constexpr std::string_view k_profiles = R"(<ike>
<crypto-profiles>
<ike-crypto-profiles>
  <entry name="Suite-B-GCM-256">
    <encryption>
      <member>aes-256-cbc</member>
    </encryption>
    <hash>
      <member>sha384</member>
    </hash>
    <dh-group>
      <member>group20</member>
    </dh-group>
    <lifetime>
      <hours>8</hours>
    </lifetime>
  </entry>
</ike-crypto-profiles>
<ipsec-crypto-profiles>
  <entry name="default">
    <esp>
      <encryption>
        <member>aes-128-cbc</member>
        <member>3des</member>
      </encryption>
      <authentication>
        <member>sha1</member>
      </authentication>
    </esp>
    <dh-group>group2</dh-group>
    <lifetime>
      <hours>1</hours>
    </lifetime>
  </entry>
</ipsec-crypto-profiles>
</crypto-profiles>
)";

// The exported configuration's gateway entry (its key replaced).
constexpr std::string_view k_gateway = R"(<gateway>
<entry name="IKE-GW-BRANCH">
<authentication>
<pre-shared-key>
<key>-AQ==Ib0S3Bg/dA7nbye3jrOcitlyp1c=dy3TVto9+oiffckRkFnt4A==</key>
</pre-shared-key>
</authentication>
<protocol>
<ikev1>
<dpd>
<enable>yes</enable>
</dpd>
<ike-crypto-profile>IKE-CRYPTO-HQ</ike-crypto-profile>
<exchange-mode>main</exchange-mode>
</ikev1>
<ikev2>
<dpd>
<enable>yes</enable>
</dpd>
<ike-crypto-profile>IKE-CRYPTO-HQ</ike-crypto-profile>
</ikev2>
<version>ikev1</version>
</protocol>
<local-address>
<ip>192.168.1.101/24</ip>
<interface>ethernet1/1</interface>
</local-address>
<peer-address>
<ip>192.168.1.110</ip>
</peer-address>
<peer-id>
<id>192.168.1.110</id>
<type>ipaddr</type>
</peer-id>
</entry>
</gateway>
</ike>
)";

// The exported configuration's Azure tunnel.
constexpr std::string_view k_tunnel = R"(<tunnel>
<ipsec>
<entry name="IPSEC-TUNNEL-AZURE">
<auto-key>
<ike-gateway>
<entry name="IKE-GW-AZURE"/>
</ike-gateway>
<ipsec-crypto-profile>IPSEC-CRYPTO-AZURE</ipsec-crypto-profile>
<proxy-id>
<entry name="Azure">
<protocol>
<any/>
</protocol>
<local>0.0.0.0/0</local>
<remote>0.0.0.0/0</remote>
</entry>
</proxy-id>
</auto-key>
<tunnel-interface>tunnel.3</tunnel-interface>
</entry>
</ipsec>
</tunnel>
)";

std::string firewall_config() {
    return std::string("<config version=\"10.1.0\" urldb=\"paloaltonetworks\">\n<devices>\n"
                       "<entry name=\"localhost.localdomain\">\n<network>\n") +
           std::string(k_profiles) + std::string(k_gateway) + std::string(k_tunnel) +
           "</network>\n</entry>\n</devices>\n</config>\n";
}

TEST(PanosConfig, DetectsTheConfigRootAfterAProlog) {
    EXPECT_TRUE(pc::is_configuration(
        "<config version=\"10.1.0\" urldb=\"paloaltonetworks\">\n  <mgt-config>"));
    EXPECT_TRUE(
        pc::is_configuration("\xEF\xBB\xBF<?xml version=\"1.0\"?>\r\n<!-- saved -->\n<config>"));
    EXPECT_FALSE(pc::is_configuration("<configuration><system/></configuration>"));
    EXPECT_FALSE(pc::is_configuration("<response status=\"success\"><result><config>"));
    EXPECT_FALSE(
        pc::is_configuration("2021-07-06 18:35:17.861 +0900 [INFO]: {    1:    }: ====> PHASE-1"));
    EXPECT_FALSE(pc::is_configuration("<?xml version=\"1.0\""));
}

TEST(PanosConfig, TheRegistryDetectsItAndWantsOnlyTheTechSupportMember) {
    const parser::log_format* f =
        parser::format_of_head("<?xml version=\"1.0\"?>\n<config version=\"11.0.0\">");
    ASSERT_NE(f, nullptr);
    EXPECT_EQ(f->name(), "panos-config");
    EXPECT_TRUE(f->is_configuration());
    const parser::format_registry& r = parser::format_registry::built_in();
    EXPECT_TRUE(
        r.wants("./opt/pancfg/mgmt/saved-configs/running-config.xml", parser::found_in::archive));
    EXPECT_TRUE(
        r.wants("opt/pancfg/mgmt/saved-configs/running-config.xml", parser::found_in::archive));
    EXPECT_FALSE(r.wants("./opt/pancfg/mgmt/running-config.xml", parser::found_in::archive));
    EXPECT_TRUE(r.wants("fw1-export.xml", parser::found_in::directory));
}

TEST(PanosConfig, ReadsProfilesInTheVocabulary) {
    const auto read = pc::read_configuration(firewall_config(), "running-config.xml");
    ASSERT_TRUE(read) << read.error().located_message();
    const model::vpn_config& c = read.value();
    ASSERT_EQ(c.ike_profiles.size(), 1u);
    const model::ike_crypto_profile& ike = c.ike_profiles[0];
    EXPECT_EQ(ike.name, "Suite-B-GCM-256");
    EXPECT_EQ(ike.encryption, std::vector<std::string>{"aes-256-cbc"});
    EXPECT_EQ(ike.hash, std::vector<std::string>{"sha384"});
    EXPECT_EQ(ike.dh_group, std::vector<std::string>{"group20"});
    EXPECT_EQ(ike.lifetime, 28800u);
    ASSERT_EQ(c.ipsec_profiles.size(), 1u);
    const model::ipsec_crypto_profile& ipsec = c.ipsec_profiles[0];
    EXPECT_EQ(ipsec.protocol, "esp");
    EXPECT_EQ(ipsec.encryption, (std::vector<std::string>{"aes-128-cbc", "3des"}));
    EXPECT_EQ(ipsec.authentication, std::vector<std::string>{"sha1"});
    EXPECT_EQ(ipsec.dh_group, "group2");
    EXPECT_EQ(ipsec.lifetime, 3600u);
}

TEST(PanosConfig, ReadsAGatewayWithoutItsKey) {
    const auto read = pc::read_configuration(firewall_config(), "running-config.xml");
    ASSERT_TRUE(read);
    ASSERT_EQ(read.value().gateways.size(), 1u);
    const model::ike_gateway& g = read.value().gateways[0];
    EXPECT_EQ(g.name, "IKE-GW-BRANCH");
    EXPECT_EQ(g.version, "ikev1");
    EXPECT_EQ(g.active().crypto_profile, "IKE-CRYPTO-HQ");
    EXPECT_EQ(g.ikev1.exchange_mode, "main");
    ASSERT_TRUE(g.ikev1.dpd);
    EXPECT_TRUE(g.ikev1.dpd->enabled);
    EXPECT_EQ(g.local_ip, "192.168.1.101"); // the prefix length dropped
    EXPECT_EQ(g.local_interface, "ethernet1/1");
    EXPECT_EQ(g.peer_kind, "ip");
    EXPECT_EQ(g.peer_address, "192.168.1.110");
    ASSERT_TRUE(g.peer_id);
    EXPECT_EQ(g.peer_id->type, "ipaddr");
    EXPECT_EQ(g.auth_method, "pre-shared-key");
    EXPECT_TRUE(g.has_psk);
    EXPECT_FALSE(g.local_id);
    EXPECT_EQ(read.value().gateway_for_peer("192.168.1.110"), &g);
}

TEST(PanosConfig, ReadsATunnelAndItsProxyIds) {
    const auto read = pc::read_configuration(firewall_config(), "running-config.xml");
    ASSERT_TRUE(read);
    ASSERT_EQ(read.value().tunnels.size(), 1u);
    const model::ipsec_tunnel& t = read.value().tunnels[0];
    EXPECT_EQ(t.name, "IPSEC-TUNNEL-AZURE");
    EXPECT_EQ(t.gateway, "IKE-GW-AZURE");
    EXPECT_EQ(t.crypto_profile, "IPSEC-CRYPTO-AZURE");
    EXPECT_EQ(t.tunnel_interface, "tunnel.3");
    ASSERT_EQ(t.proxy_ids.size(), 1u);
    EXPECT_EQ(t.proxy_ids[0].name, "Azure");
    EXPECT_EQ(t.proxy_ids[0].local, "0.0.0.0/0");
    EXPECT_EQ(t.proxy_ids[0].protocol, "any");
}

TEST(PanosConfig, ReadsDynamicPeersUnitsAndPanoramaTemplates) {
    const std::string xml = R"(<config version="10.1.0">
<devices><entry name="localhost.localdomain"><template><entry name="branch-tpl"><config>
<devices><entry name="localhost.localdomain"><network><ike>
<crypto-profiles><ike-crypto-profiles><entry name="p"><lifetime><days>1</days></lifetime></entry></ike-crypto-profiles>
<ipsec-crypto-profiles><entry name="q"><ah><authentication><member>sha256</member></authentication></ah>
<dh-group>no-pfs</dh-group><lifetime><minutes>90</minutes></lifetime><lifesize><mb>2</mb></lifesize></entry>
</ipsec-crypto-profiles></crypto-profiles>
<gateway><entry name="gw"><authentication><certificate><local-certificate><name>c</name></local-certificate></certificate></authentication>
<protocol><version>ikev2-preferred</version></protocol><peer-address><dynamic/></peer-address></entry></gateway>
</ike></network></entry></devices></config></entry></template></entry></devices>
<shared/><zone><entry name="z"><network><layer3><member>ethernet1/1</member></layer3></network></entry></zone>
</config>)";
    const auto read = pc::read_configuration(xml, "panorama.xml");
    ASSERT_TRUE(read) << read.error().located_message();
    const model::vpn_config& c = read.value();
    ASSERT_EQ(c.ike_profiles.size(), 1u);
    EXPECT_EQ(c.ike_profiles[0].lifetime, 86400u);
    ASSERT_EQ(c.ipsec_profiles.size(), 1u);
    EXPECT_EQ(c.ipsec_profiles[0].protocol, "ah");
    EXPECT_EQ(c.ipsec_profiles[0].dh_group, "no-pfs");
    EXPECT_EQ(c.ipsec_profiles[0].lifetime, 5400u);
    EXPECT_EQ(c.ipsec_profiles[0].lifesize, 2u * 1024 * 1024);
    ASSERT_EQ(c.gateways.size(), 1u);
    EXPECT_EQ(c.gateways[0].peer_kind, "dynamic");
    EXPECT_FALSE(c.gateways[0].peer_address);
    EXPECT_EQ(c.gateways[0].auth_method, "certificate");
    EXPECT_FALSE(c.gateways[0].has_psk);
    EXPECT_EQ(c.gateways[0].version, "ikev2-preferred");
}

TEST(PanosConfig, BadXmlIsAnErrorAtLineAndColumn) {
    const std::string xml = "<config version=\"10.1.0\">\n<devices>\n  <entry name=\"x\">\n  "
                            "</entyr>\n</devices>\n</config>\n";
    const auto read = pc::read_configuration(xml, "running-config.xml");
    ASSERT_FALSE(read);
    EXPECT_EQ(read.error().code, "config-bad-xml");
    EXPECT_EQ(read.error().located_message(),
              "running-config.xml:4:5: not well-formed XML: Start-end tags mismatch");
}

TEST(PanosConfig, ANumberThatIsNoneIsAnErrorWhereItStands) {
    const std::string xml =
        "<config>\n<devices><entry><network><ike><crypto-profiles><ike-crypto-profiles>\n"
        "<entry name=\"p\"><lifetime>\n  <hours>eight</hours></lifetime></entry>\n"
        "</ike-crypto-profiles></crypto-profiles></ike></network></entry></devices></config>";
    const auto read = pc::read_configuration(xml, "c.xml");
    ASSERT_FALSE(read);
    EXPECT_EQ(read.error().code, "config-bad-value");
    EXPECT_EQ(read.error().located_message(), "c.xml:4:3: <hours> holds `eight`, not a number");
}

TEST(PanosConfig, PositionsCountBytesFromOne) {
    EXPECT_EQ(pc::position_of("ab\ncd", 0).line, 1u);
    EXPECT_EQ(pc::position_of("ab\ncd", 4).line, 2u);
    EXPECT_EQ(pc::position_of("ab\ncd", 4).column, 2u);
    EXPECT_EQ(pc::position_of("ab", 99).column, 3u);
}

} // namespace
