#include "parser/panos_config/reader.hpp"

#include "model/text.hpp"
#include "model/vocabulary.hpp"

#include <array>
#include <charconv>
#include <optional>
#include <pugixml.hpp>
#include <utility>

namespace ikediff::parser::panos_config {

namespace {

/// Skips a BOM, blanks, an `<?xml ...?>` declaration and comments: what may precede the root.
std::string_view skip_prolog(std::string_view text) {
    if (text.starts_with("\xEF\xBB\xBF")) {
        text.remove_prefix(3);
    }
    for (;;) {
        const auto first = text.find_first_not_of(" \t\r\n");
        text.remove_prefix(first == std::string_view::npos ? text.size() : first);
        if (text.starts_with("<?")) {
            const auto end = text.find("?>");
            if (end == std::string_view::npos) {
                return {};
            }
            text.remove_prefix(end + 2);
        } else if (text.starts_with("<!--")) {
            const auto end = text.find("-->");
            if (end == std::string_view::npos) {
                return {};
            }
            text.remove_prefix(end + 3);
        } else {
            return text;
        }
    }
}

/// A canonical name (contract.md section 5) when the vocabulary knows `text`, else `text`
/// lowercased (shown as configured, and unequal to every canonical value).
template <class E>
std::string canonical(std::string_view text) {
    const std::string_view t = model::trim(text);
    if (auto v = model::canonical_value<E>(t)) {
        return std::string(model::to_string(*v));
    }
    return model::to_lower(t);
}

class reader {
public:
    reader(std::string_view xml, const std::string& name) : m_xml(xml), m_name(name) {}

    model::result<model::vpn_config> read() {
        pugi::xml_document doc;
        const pugi::xml_parse_result parsed =
            doc.load_buffer(m_xml.data(), m_xml.size(), pugi::parse_default, pugi::encoding_utf8);
        if (!parsed) {
            return error_at(static_cast<std::size_t>(parsed.offset), "config-bad-xml",
                            std::string("not well-formed XML: ") + parsed.description());
        }
        const pugi::xml_node root = doc.document_element();
        if (std::string_view(root.name()) != "config") {
            return error_at(static_cast<std::size_t>(root.offset_debug()), "config-not-panos",
                            "not a PAN-OS configuration: the root element is <" +
                                std::string(root.name()) + ">, not <config>");
        }
        model::vpn_config out;
        out.file = m_name;
        for (const pugi::xpath_node& n : root.select_nodes("//network[ike or tunnel]")) {
            read_network(n.node(), out);
            if (m_error) {
                return *m_error;
            }
        }
        return out;
    }

private:
    model::diagnostic error_at(std::size_t offset, std::string code, std::string message) const {
        model::diagnostic d;
        d.code = std::move(code);
        d.message = std::move(message);
        d.file = m_name;
        const text_position at = position_of(m_xml, offset);
        d.line = at.line;
        d.column = at.column;
        return d;
    }
    void fail(const pugi::xml_node& where, std::string message) {
        if (!m_error) {
            // pugixml gives an element's name; the element starts at its `<`.
            auto at = static_cast<std::size_t>(where.offset_debug());
            at -= at > 0 && at <= m_xml.size() && m_xml[at - 1] == '<' ? 1U : 0U;
            m_error = error_at(at, "config-bad-value", std::move(message));
        }
    }

    static std::string text_of(const pugi::xml_node& n) {
        return std::string(model::trim(n.child_value()));
    }
    static std::optional<std::string> child_text(const pugi::xml_node& n, const char* name) {
        const pugi::xml_node c = n.child(name);
        if (!c) {
            return std::nullopt;
        }
        return text_of(c);
    }
    static bool yes(const pugi::xml_node& n) { return model::iequals(text_of(n), "yes"); }

    std::optional<std::uint64_t> number(const pugi::xml_node& n) {
        const std::string t = text_of(n);
        std::uint64_t v = 0;
        const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
        if (ec != std::errc() || end != t.data() + t.size() || t.empty()) {
            fail(n, "<" + std::string(n.name()) + "> holds `" + t + "`, not a number");
            return std::nullopt;
        }
        return v;
    }

    /// `<lifetime><hours>8</hours></lifetime>` in seconds (the unit is the element's name).
    std::optional<std::uint64_t> duration(const pugi::xml_node& n) {
        static constexpr std::array<std::pair<std::string_view, std::uint64_t>, 4> k_units{
            {{"seconds", 1}, {"minutes", 60}, {"hours", 3600}, {"days", 86400}}};
        return scaled(n, k_units);
    }
    /// `<lifesize><mb>100</mb></lifesize>` in bytes.
    std::optional<std::uint64_t> size(const pugi::xml_node& n) {
        static constexpr std::array<std::pair<std::string_view, std::uint64_t>, 4> k_units{
            {{"kb", 1024},
             {"mb", 1024ULL * 1024},
             {"gb", 1024ULL * 1024 * 1024},
             {"tb", 1024ULL * 1024 * 1024 * 1024}}};
        return scaled(n, k_units);
    }
    std::optional<std::uint64_t>
    scaled(const pugi::xml_node& n,
           const std::array<std::pair<std::string_view, std::uint64_t>, 4>& units) {
        if (!n) {
            return std::nullopt;
        }
        for (const pugi::xml_node& c : n.children()) {
            if (c.type() != pugi::node_element) {
                continue;
            }
            for (const auto& [unit, factor] : units) {
                if (unit == c.name()) {
                    const auto v = number(c);
                    return v ? std::optional(*v * factor) : std::nullopt;
                }
            }
            fail(c,
                 "unknown unit <" + std::string(c.name()) + "> in <" + std::string(n.name()) + ">");
            return std::nullopt;
        }
        return std::nullopt;
    }

    template <class E>
    static std::vector<std::string> members(const pugi::xml_node& list) {
        std::vector<std::string> out;
        for (const pugi::xml_node& m : list.children("member")) {
            out.push_back(canonical<E>(m.child_value()));
        }
        return out;
    }

    void read_network(const pugi::xml_node& network, model::vpn_config& out) {
        const pugi::xml_node ike = network.child("ike");
        const pugi::xml_node profiles = ike.child("crypto-profiles");
        for (const pugi::xml_node& e : profiles.child("ike-crypto-profiles").children("entry")) {
            out.ike_profiles.push_back(ike_profile(e));
        }
        for (const pugi::xml_node& e : profiles.child("ipsec-crypto-profiles").children("entry")) {
            out.ipsec_profiles.push_back(ipsec_profile(e));
        }
        for (const pugi::xml_node& e : ike.child("gateway").children("entry")) {
            out.gateways.push_back(gateway(e));
        }
        for (const pugi::xml_node& e : network.child("tunnel").child("ipsec").children("entry")) {
            out.tunnels.push_back(tunnel(e));
        }
    }

    // <entry name="Suite-B-GCM-256"><encryption><member>aes-256-cbc</member></encryption>
    //   <hash><member>sha384</member></hash><dh-group><member>group20</member></dh-group>
    //   <lifetime><hours>8</hours></lifetime></entry>   (iron-skillet)
    model::ike_crypto_profile ike_profile(const pugi::xml_node& e) {
        model::ike_crypto_profile p;
        p.name = e.attribute("name").value();
        p.encryption = members<model::encryption>(e.child("encryption"));
        p.hash = members<model::hash_alg>(e.child("hash"));
        p.dh_group = members<model::dh_group>(e.child("dh-group"));
        p.lifetime = duration(e.child("lifetime"));
        return p;
    }

    // <entry name="IPSEC-CRYPTO-AZURE"><esp><authentication><member>sha256</member>
    //   </authentication><encryption><member>aes-256-cbc</member></encryption></esp>
    //   <lifetime><seconds>3600</seconds></lifetime><dh-group>group14</dh-group></entry>
    model::ipsec_crypto_profile ipsec_profile(const pugi::xml_node& e) {
        model::ipsec_crypto_profile p;
        p.name = e.attribute("name").value();
        pugi::xml_node proto = e.child("esp");
        if (!proto && e.child("ah")) {
            proto = e.child("ah");
            p.protocol = "ah";
        }
        p.encryption = members<model::encryption>(proto.child("encryption"));
        p.authentication = members<model::authentication>(proto.child("authentication"));
        if (auto g = child_text(e, "dh-group")) {
            p.dh_group = canonical<model::dh_group>(*g);
        }
        p.lifetime = duration(e.child("lifetime"));
        p.lifesize = size(e.child("lifesize"));
        return p;
    }

    static std::optional<model::config_identity> identity(const pugi::xml_node& n) {
        if (!n) {
            return std::nullopt;
        }
        return model::config_identity{model::to_lower(text_of(n.child("type"))),
                                      text_of(n.child("id"))};
    }

    model::gateway_protocol protocol(const pugi::xml_node& n) {
        model::gateway_protocol p;
        p.crypto_profile = child_text(n, "ike-crypto-profile");
        if (auto mode = child_text(n, "exchange-mode")) {
            p.exchange_mode = model::to_lower(*mode);
        }
        if (const pugi::xml_node dpd = n.child("dpd")) {
            model::config_dpd d;
            d.enabled = yes(dpd.child("enable"));
            if (dpd.child("interval")) {
                d.interval = number(dpd.child("interval"));
            }
            if (dpd.child("retry")) {
                d.retry = number(dpd.child("retry"));
            }
            p.dpd = d;
        }
        return p;
    }

    // <entry name="IKE-GW-BRANCH"><authentication><pre-shared-key><key>-AQ==...</key>
    //   </pre-shared-key></authentication><protocol><ikev1>...<ike-crypto-profile>
    //   IKE-CRYPTO-HQ</ike-crypto-profile><exchange-mode>main</exchange-mode></ikev1>
    //   <version>ikev1</version></protocol><local-address><ip>192.168.1.101/24</ip>
    //   <interface>ethernet1/1</interface></local-address><peer-address><ip>192.168.1.110</ip>
    //   </peer-address><peer-id><id>192.168.1.110</id><type>ipaddr</type></peer-id></entry>
    model::ike_gateway gateway(const pugi::xml_node& e) {
        model::ike_gateway g;
        g.name = e.attribute("name").value();
        const pugi::xml_node auth = e.child("authentication");
        if (auth.child("certificate")) {
            g.auth_method = "certificate";
        } else {
            g.has_psk = static_cast<bool>(auth.child("pre-shared-key").child("key"));
        }
        const pugi::xml_node proto = e.child("protocol");
        if (auto v = child_text(proto, "version")) {
            g.version = model::to_lower(*v);
        }
        g.ikev1 = protocol(proto.child("ikev1"));
        g.ikev2 = protocol(proto.child("ikev2"));
        const pugi::xml_node local = e.child("local-address");
        g.local_interface = child_text(local, "interface");
        if (auto ip = child_text(local, "ip")) {
            g.local_ip = ip->substr(0, ip->find('/'));
        } else if (const pugi::xml_node floating = local.child("floating-ip")) {
            g.local_ip = text_of(floating);
        }
        const pugi::xml_node peer = e.child("peer-address");
        if (peer.child("dynamic")) {
            g.peer_kind = "dynamic";
        } else if (auto fqdn = child_text(peer, "fqdn")) {
            g.peer_kind = "fqdn";
            g.peer_address = *fqdn;
        } else if (auto ip = child_text(peer, "ip")) {
            g.peer_address = ip->substr(0, ip->find('/'));
        }
        g.local_id = identity(e.child("local-id"));
        g.peer_id = identity(e.child("peer-id"));
        const pugi::xml_node common = e.child("protocol-common");
        g.nat_traversal = yes(common.child("nat-traversal").child("enable"));
        g.passive = yes(common.child("passive-mode"));
        g.disabled = yes(e.child("disabled"));
        return g;
    }

    static void proxy_ids(const pugi::xml_node& list, std::vector<model::config_proxy_id>& out) {
        for (const pugi::xml_node& p : list.children("entry")) {
            model::config_proxy_id id;
            id.name = p.attribute("name").value();
            id.local = text_of(p.child("local"));
            id.remote = text_of(p.child("remote"));
            const pugi::xml_node proto = p.child("protocol");
            if (const pugi::xml_node number = proto.child("number")) {
                id.protocol = text_of(number);
            } else if (proto.child("tcp")) {
                id.protocol = "tcp";
            } else if (proto.child("udp")) {
                id.protocol = "udp";
            }
            out.push_back(std::move(id));
        }
    }

    // <entry name="IPSEC-TUNNEL-AZURE"><auto-key><ike-gateway><entry name="IKE-GW-AZURE"/>
    //   </ike-gateway><ipsec-crypto-profile>IPSEC-CRYPTO-AZURE</ipsec-crypto-profile>
    //   <proxy-id><entry name="Azure"><protocol><any/></protocol><local>0.0.0.0/0</local>
    //   <remote>0.0.0.0/0</remote></entry></proxy-id></auto-key>
    //   <tunnel-interface>tunnel.3</tunnel-interface></entry>
    model::ipsec_tunnel tunnel(const pugi::xml_node& e) {
        model::ipsec_tunnel t;
        t.name = e.attribute("name").value();
        const pugi::xml_node key = e.child("auto-key");
        if (const pugi::xml_node gw = key.child("ike-gateway").child("entry")) {
            t.gateway = gw.attribute("name").value();
        }
        t.crypto_profile = child_text(key, "ipsec-crypto-profile");
        proxy_ids(key.child("proxy-id"), t.proxy_ids);
        proxy_ids(key.child("proxy-id-v6"), t.proxy_ids);
        t.tunnel_interface = child_text(e, "tunnel-interface");
        t.disabled = yes(e.child("disabled"));
        return t;
    }

    std::string_view m_xml;
    const std::string& m_name;
    std::optional<model::diagnostic> m_error;
};

} // namespace

bool is_configuration(std::string_view head) {
    const std::string_view root = skip_prolog(head);
    if (!root.starts_with("<config")) {
        return false;
    }
    return root.size() == 7 || root[7] == '>' || root[7] == ' ' || root[7] == '\t' ||
           root[7] == '\r' || root[7] == '\n' || root[7] == '/';
}

model::result<model::vpn_config> read_configuration(std::string_view xml, const std::string& name) {
    return reader(xml, name).read();
}

text_position position_of(std::string_view text, std::size_t offset) {
    text_position at;
    offset = std::min(offset, text.size());
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++at.line;
            line_start = i + 1;
        }
    }
    at.column = offset - line_start + 1;
    return at;
}

} // namespace ikediff::parser::panos_config
