#include "cli/report/report.hpp"

#include "cli/report/advice/vendor.hpp"

#include <algorithm>
#include <tuple>

namespace ikediff::cli {

void report::count(const diff::negotiation_report& r) {
    totals& t = m_totals;
    ++t.negotiations;
    switch (r.negotiation.result) {
    case model::outcome::established: ++t.established; break;
    case model::outcome::failed: ++t.failed; break;
    case model::outcome::unknown: ++t.unknown; break;
    }
    if (r.negotiation.failure) {
        ++t.failures[std::string(model::to_string(*r.negotiation.failure))];
    }
    if (!r.negotiation.not_understood.empty()) {
        ++t.not_understood;
    }
    t.mismatches += r.mismatches.size();
    for (const auto& m : r.mismatches) {
        if (m.side != diff::side::neither) {
            ++t.deviations;
        }
    }
}

static_assert(std::tuple_size_v<decltype(report::totals::observed)> ==
                  static_cast<std::size_t>(model::finding_severity::info) + 1,
              "one count per severity");

void report::count(const model::finding& f) {
    totals& t = m_totals;
    ++t.findings;
    if (f.status == model::finding_status::observed) {
        ++t.observed[static_cast<std::size_t>(f.severity)];
    }
    if (model::raises_status(f)) {
        ++t.raising_findings;
    }
}

void report::count(const model::config_check& c) {
    ++m_totals.config_checks;
    if (!c.ok) {
        ++m_totals.config_deviations;
    }
}

const model::evidence_line& report::line_at(const model::negotiation& n, const model::source_line& where) {
    // Lines are kept in log order: binary search by position.
    const auto it = std::lower_bound(n.lines.begin(), n.lines.end(), where, [](const auto& l, const auto& w) {
        return std::tie(l.where.input, l.where.line, l.where.column) < std::tie(w.input, w.line, w.column);
    });
    static const model::evidence_line missing{};
    return it != n.lines.end() && it->where == where ? *it : missing;
}

int report::exit_status() const {
    if (stopped) {
        return 2;
    }
    // Observed findings of severity medium or worse count as failures, a configuration that
    // deviates from the sheet as a deviation.
    const totals& t = summary();
    return t.failed > 0 || t.deviations > 0 || !tunnels_not_seen.empty() || t.raising_findings > 0 ||
                   t.config_deviations > 0
               ? 1
               : 0;
}

namespace {

std::string duration_words(std::uint64_t seconds) {
    if (seconds != 0 && seconds % 86400 == 0) {
        return std::to_string(seconds / 86400) + "d";
    }
    if (seconds != 0 && seconds % 3600 == 0) {
        return std::to_string(seconds / 3600) + "h";
    }
    if (seconds != 0 && seconds % 60 == 0) {
        return std::to_string(seconds / 60) + "m";
    }
    return {};
}

std::string show_value(const model::value& v, bool duration) {
    if (const auto* n = std::get_if<std::uint64_t>(&v)) {
        const std::string words = duration ? duration_words(*n) : std::string();
        return words.empty() ? std::to_string(*n) : std::to_string(*n) + " (" + words + ")";
    }
    return std::get<std::string>(v);
}

/// Where PAN-OS keeps a phase 1 parameter, and the word for it there.
struct pan_place {
    std::string_view where; ///< "IKE crypto profile", "IKE gateway"
    std::string_view word;  ///< "hash", "DH group"
};

pan_place place_of(std::uint32_t phase, std::string_view attribute) {
    if (attribute == "proxy_id") return {"IPsec tunnel", "proxy ID"};
    if (phase == 2) {
        if (attribute == "encryption") return {"IPsec crypto profile", "encryption"};
        if (attribute == "authentication") return {"IPsec crypto profile", "authentication"};
        if (attribute == "dh_group") return {"IPsec crypto profile", "DH group (PFS)"};
        if (attribute == "lifetime") return {"IPsec crypto profile", "lifetime"};
        if (attribute == "protocol") return {"IPsec crypto profile", "IPsec protocol"};
        if (attribute == "encapsulation") return {"IPsec tunnel", "encapsulation mode"};
        return {"IPsec configuration", attribute};
    }
    if (attribute == "encryption") return {"IKE crypto profile", "encryption"};
    if (attribute == "hash") return {"IKE crypto profile", "hash"};
    if (attribute == "dh_group") return {"IKE crypto profile", "DH group"};
    if (attribute == "lifetime") return {"IKE crypto profile", "key lifetime"};
    if (attribute == "lifebytes") return {"IKE crypto profile", "lifetime in bytes"};
    if (attribute == "auth_method") return {"IKE gateway", "authentication method"};
    if (attribute == "exchange_mode") return {"IKE gateway", "exchange mode"};
    return {"IKE configuration", attribute};
}

} // namespace

status status_of(const diff::negotiation_report& r) {
    if (r.negotiation.result == model::outcome::failed) {
        return status::failed;
    }
    const bool deviates = std::any_of(r.mismatches.begin(), r.mismatches.end(),
                                      [](const diff::mismatch& m) { return m.side != diff::side::neither; });
    if (deviates) {
        return status::deviates;
    }
    // Lines of it not understood: what they said is unknown, so it is not confirmed.
    return r.negotiation.result == model::outcome::unknown || !r.negotiation.not_understood.empty() ? status::unknown
                                                                                                   : status::ok;
}

std::string not_understood_text(const report& r, const model::negotiation& n) {
    std::string out = std::to_string(n.not_understood.size()) + (n.not_understood.size() == 1 ? " line (" : " lines (");
    for (std::size_t i = 0; i < n.not_understood.size(); ++i) {
        out += i == 0 ? "" : ", ";
        out += location_text(r, n.not_understood[i]);
    }
    out += n.not_understood.size() == 1 ? ") could not be read: what it says" : ") could not be read: what they say";
    out += " is not compared with the sheet";
    return out;
}

std::string endpoint_text(const std::optional<model::endpoint>& e) {
    if (!e) {
        return "?";
    }
    return e->port == 0 ? e->address : e->address + "[" + std::to_string(e->port) + "]"; // 0: not logged
}

std::string location_text(const report& r, const model::source_line& where) {
    std::string out = r.inputs[where.input].name + ":" + std::to_string(where.line);
    if (where.column > 1) {
        out += ':';
        out += std::to_string(where.column);
    }
    return out;
}

std::string describe(const model::negotiation& n) {
    std::vector<std::string> parts;
    std::string first = n.version ? (n.version == model::ike_version::ikev1 ? "IKEv1" : "IKEv2") : "IKE";
    first += " phase " + std::to_string(n.phase);
    parts.push_back(first);
    if (n.exchange) {
        const auto name = model::to_string(*n.exchange);
        const bool v1_mode = *n.exchange == model::exchange::main || *n.exchange == model::exchange::aggressive ||
                             *n.exchange == model::exchange::quick;
        parts.push_back(v1_mode ? std::string(name) + " mode" : std::string(name));
    }
    if (n.role) {
        parts.push_back("PAN-OS is " + std::string(model::to_string(*n.role)));
    }
    if (n.started) {
        parts.push_back("started " + n.started->iso8601());
    }
    std::string out;
    for (const auto& p : parts) {
        out += out.empty() ? "" : ", ";
        out += p;
    }
    return out;
}

std::string show(const std::optional<model::value>& v, std::string_view attribute) {
    return v ? show_value(*v, attribute == "lifetime") : "-";
}

std::string show(const std::vector<model::value>& values, std::string_view attribute) {
    if (values.empty()) {
        return "-";
    }
    std::string out;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i != 0) {
            out += i + 1 == values.size() ? " or " : ", ";
        }
        out += show_value(values[i], attribute == "lifetime");
    }
    return out;
}

std::string_view fix_cell(diff::side s) {
    switch (s) {
    case diff::side::local: return "PAN-OS";
    case diff::side::peer: return "peer";
    case diff::side::both: return "both";
    case diff::side::neither: return "either";
    case diff::side::unknown: return "?";
    }
    return "?";
}

std::string fix_sentence(const diff::mismatch& m, const model::tunnel_expectation* tunnel) {
    const pan_place place = place_of(m.phase, m.attribute);
    std::string pan_where = "the firewall's " + std::string(place.where);
    if (tunnel) {
        if (place.where == "IKE crypto profile" && tunnel->ike.crypto_profile) {
            pan_where = "the firewall's IKE crypto profile `" + *tunnel->ike.crypto_profile + "`";
        } else if (place.where == "IPsec crypto profile" && tunnel->ipsec.crypto_profile) {
            pan_where = "the firewall's IPsec crypto profile `" + *tunnel->ipsec.crypto_profile + "`";
        } else if (place.where == "IKE gateway" && tunnel->gateway) {
            pan_where = "the firewall's IKE gateway `" + *tunnel->gateway + "`";
        }
    }
    const std::string word(place.word);
    const std::string target = (m.expected.size() == 1 ? "" : "one of ") + show(m.expected, m.attribute);
    const std::string local = show(m.local, m.attribute);
    const std::string peer = show(m.peer, m.attribute);
    const std::string peer_where =
        "the peer's " + std::string(m.phase == 2 ? "phase 2 (IPsec) " : "IKE phase 1 ") + word;
    if (m.attribute == "proxy_id") {
        // Proxy IDs are written as PAN-OS sees them: local network first.
        switch (m.side) {
        case diff::side::local:
            return m.peer ? "the peer proposes " + peer + ", which the sheet lists: give " + pan_where +
                                " a matching proxy ID (local remote protocol, as PAN-OS names them)"
                          : "change " + pan_where + " proxy ID from " + local + " to " + target;
        case diff::side::peer:
            return m.peer ? "change the peer's traffic selectors from " + peer + " to " + target +
                                " (PAN-OS's local network first)"
                          : "the peer refused the firewall's proxy ID " + local +
                                ", which the sheet lists: change the peer's traffic selectors to match it";
        default:
            return "the log shows the proxy ID " + (m.peer ? peer : local) + "; " +
                   (tunnel ? "the sheet lists no proxy_ids to compare it with"
                           : "no sheet says which is intended (give one with --expect)");
        }
    }
    // The peer's value in its vendor's words, when the sheet names the vendor.
    std::string in_vendor_words;
    if (tunnel && tunnel->peer_vendor && (m.side == diff::side::peer || m.side == diff::side::both)) {
        std::string words;
        std::string_view vendor;
        for (const auto& v : m.expected) {
            if (const auto* text = std::get_if<std::string>(&v)) {
                if (const auto term = vendor_term(*tunnel->peer_vendor, m.phase, m.attribute, *text)) {
                    vendor = term->vendor;
                    words += (words.empty() ? "" : " or ") + term->word.value_or(*text + " (not offered)");
                }
            }
        }
        if (!words.empty()) {
            in_vendor_words = " (" + std::string(vendor) + ": " + words + ")";
        }
    }
    switch (m.side) {
    case diff::side::local:
        return "change " + pan_where + " " + word + " from " + local + " to " + target;
    case diff::side::peer:
        return "change " + peer_where + " from " + peer + " to " + target + in_vendor_words;
    case diff::side::both:
        if (m.local == m.peer) {
            return "change " + word + " on both sides from " + local + " to " + target + in_vendor_words;
        }
        return "change " + pan_where + " " + word + " from " + local + " to " + target + ", and " +
               peer_where + " from " + peer + " to " + target + in_vendor_words;
    case diff::side::neither:
        return "the sheet allows both " + local + " and " + peer + " as " + word +
               "; make both sides use the same one";
    case diff::side::unknown:
        return "PAN-OS uses " + local + " and the peer " + peer + " as " + word + "; " +
               (tunnel ? "the sheet does not say which is intended"
                       : "no sheet says which is intended (give one with --expect)");
    }
    return {};
}

} // namespace ikediff::cli
