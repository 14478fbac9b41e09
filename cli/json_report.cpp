#include "cli/render.hpp"

#include "diff/classify.hpp"

#include "cli/remedy.hpp"
#include "cli/spool.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <string_view>

namespace ikediff::cli {

namespace {

using json = nlohmann::ordered_json;

json value_json(const std::optional<model::value>& v) {
    if (!v) {
        return nullptr;
    }
    if (const auto* n = std::get_if<std::uint64_t>(&*v)) {
        return *n;
    }
    return std::get<std::string>(*v);
}

/// `expected` is one value, as in the contract (the sheet's first, preferred one);
/// `acceptable` always lists every value the sheet allows.
json expected_json(const std::vector<model::value>& values) {
    return values.empty() ? json(nullptr) : value_json(values.front());
}

json acceptable_json(const std::vector<model::value>& values) {
    json list = json::array();
    for (const auto& v : values) {
        list.push_back(value_json(v));
    }
    return list;
}

json endpoint_json(const std::optional<model::endpoint>& e) {
    if (!e) {
        return nullptr;
    }
    return json{{"address", e->address}, {"port", e->port == 0 ? json(nullptr) : json(e->port)}}; // 0: not logged
}

template <class T>
json optional_name(const std::optional<T>& v) {
    return v ? json(std::string(model::to_string(*v))) : json(nullptr);
}

template <class Proposal>
json proposal_json(const Proposal& p, const auto& parameters) {
    json out = json::object();
    for (auto param : parameters) {
        out[std::string(model::to_string(param))] = value_json(p.get(param));
    }
    return out;
}

json line_json(const report& r, const model::evidence_line& l) {
    json out{{"input", r.inputs[l.where.input].name},
             {"line", l.where.line},
             {"column", l.where.column},
             {"text", l.text}};
    if (!l.meaning.empty()) {
        out["means"] = std::string(l.meaning);
    }
    return out;
}

json negotiation_json(const report& r, const diff::negotiation_report& nr) {
    const model::negotiation& n = nr.negotiation;
    const model::tunnel_expectation* tunnel =
        nr.tunnel && r.sheet ? &r.sheet->tunnels[*nr.tunnel] : nullptr;
    json out;
    out["ike_version"] = optional_name(n.version);
    out["phase"] = n.phase;
    out["role"] = optional_name(n.role);
    out["exchange"] = optional_name(n.exchange);
    out["local"] = endpoint_json(n.local);
    out["peer"] = endpoint_json(n.peer);
    out["gateway"] = n.gateway ? json(*n.gateway) : json(nullptr);
    out["ipsec_tunnel"] = n.ipsec_tunnel ? json(*n.ipsec_tunnel) : json(nullptr);
    out["tunnel"] = tunnel ? json(tunnel->name) : json(nullptr);
    out["context"] = n.context ? json(n.context->sa) : json(nullptr);
    out["cookie"] = n.initiator_cookie ? json(*n.initiator_cookie) : json(nullptr);
    out["started"] = n.started ? json(n.started->iso8601()) : json(nullptr);
    out["ended"] = n.ended ? json(n.ended->iso8601()) : json(nullptr);
    out["outcome"] = std::string(model::to_string(n.result));
    out["failure"] = optional_name(n.failure);
    out["failure_meaning"] = n.failure ? json(std::string(diff::meaning(*n.failure))) : json(nullptr);

    json proposals = json::array();
    if (nr.chosen_pair) {
        const auto& pair = n.pairs[*nr.chosen_pair];
        proposals.push_back(json{
            {"phase", 1},
            {"local_ref", pair.local_ref ? json(pair.local_ref->str()) : json(nullptr)},
            {"peer_ref", pair.peer_ref ? json(pair.peer_ref->str()) : json(nullptr)},
            {"local", proposal_json(pair.local, model::k_phase1_parameters)},
            {"peer", proposal_json(pair.peer, model::k_phase1_parameters)},
            {"accepted", pair.accepted}});
    }
    if (nr.chosen_phase2_pair) {
        const auto& pair = n.phase2_pairs[*nr.chosen_phase2_pair];
        proposals.push_back(json{{"phase", 2},
                                 {"local_ref", nullptr},
                                 {"peer_ref", nullptr},
                                 {"local", proposal_json(pair.local, model::k_phase2_parameters)},
                                 {"peer", proposal_json(pair.peer, model::k_phase2_parameters)}});
    }
    json proxy_ids = json::array();
    for (const auto& p : n.proxy_ids) {
        proxy_ids.push_back(json{{"local", p.local}, {"remote", p.remote}, {"protocol", p.protocol}});
    }
    out["proposals"] = proposals;
    out["pairs_compared"] = n.pairs.size() + n.phase2_pairs.size();
    out["proxy_ids"] = proxy_ids;

    json mismatches = json::array();
    for (const auto& m : nr.mismatches) {
        json evidence = json::array();
        for (const auto& where : m.evidence) {
            evidence.push_back(line_json(r, report::line_at(n, where)));
        }
        mismatches.push_back(json{{"phase", m.phase},
                                  {"attribute", m.attribute},
                                  {"expected", expected_json(m.expected)},
                                  {"acceptable", acceptable_json(m.expected)},
                                  {"local", value_json(m.local)},
                                  {"peer", value_json(m.peer)},
                                  {"side", std::string(diff::to_string(m.side))},
                                  {"fix", fix_sentence(m, tunnel)},
                                  {"pan_commands", pan_commands(m, tunnel, n)},
                                  {"evidence", evidence}});
    }
    out["mismatches"] = mismatches;

    json evidence = json::array();
    for (std::size_t i : n.evidence) {
        evidence.push_back(line_json(r, n.lines[i]));
    }
    out["evidence"] = evidence;
    return out;
}

/// Log text may hold bytes that are not UTF-8: replace them rather than fail.
std::string dump(const json& j) { return j.dump(2, ' ', false, json::error_handler_t::replace); }

/// Negotiations are dumped as they come into a spool; at the end the document is dumped with
/// an empty `negotiations` list, and the spooled ones are written in its place, indented
/// as nlohmann would have indented them in the whole document.
class json_report_writer final : public report_writer {
public:
    void negotiation(const report& r, const diff::negotiation_report& nr) override {
        const std::string item = dump(negotiation_json(r, nr));
        std::string indented = m_count == 0 ? "\n    " : ",\n    ";
        indented.reserve(indented.size() + item.size() + item.size() / 8);
        for (std::size_t from = 0; from < item.size();) {
            const std::size_t nl = std::min(item.find('\n', from), item.size());
            indented.append(item, from, nl - from);
            if (nl < item.size()) {
                indented += "\n    ";
            }
            from = nl + 1;
        }
        m_items.append(indented);
        ++m_count;
    }

    void finish(std::ostream& out, const report& r) override;

private:
    spool m_items;
    std::size_t m_count = 0;
};

void json_report_writer::finish(std::ostream& out, const report& r) {
    json doc;
    doc["schema"] = "ikediff/1";
    json inputs = json::array();
    for (const auto& in : r.inputs) {
        json problems = json::array();
        for (const auto& d : in.problems) {
            problems.push_back(json{{"code", d.code}, {"message", d.message}, {"line", d.line}, {"column", d.column}});
        }
        inputs.push_back(json{{"name", in.name},
                              {"format", in.format},
                              {"compression", in.compression.empty() ? json(nullptr) : json(in.compression)},
                              {"lines", in.lines},
                              {"recognized", in.recognized},
                              {"unrecognized", in.unrecognized},
                              {"malformed", in.malformed},
                              {"physical_lines", in.physical_lines},
                              {"oversized", in.oversized},
                              {"diagnostics", problems}});
    }
    doc["inputs"] = inputs;
    doc["sheet"] = r.sheet ? json(r.sheet->file) : json(nullptr);

    doc["negotiations"] = json::array(); // the spooled items go in its place

    json not_seen = json::array();
    for (std::size_t i : r.tunnels_not_seen) {
        not_seen.push_back(r.sheet->tunnels[i].name);
    }
    const auto t = r.summary();
    json failures = json::object();
    for (const auto& [cls, count] : t.failures) {
        failures[cls] = count;
    }
    doc["summary"] = json{{"negotiations", t.negotiations},
                          {"established", t.established},
                          {"failed", t.failed},
                          {"unknown", t.unknown},
                          {"failures", failures},
                          {"mismatches", t.mismatches},
                          {"deviations", t.deviations},
                          {"tunnels_not_seen", not_seen},
                          {"filtered_out", r.filtered_out},
                          {"exit_status", r.exit_status()}};
    if (r.sheet && r.sheet->has_psk()) {
        doc["notes"] = json::array({"the sheet's pre-shared key is never shown, and a log cannot confirm a key's value"});
    }
    const std::string text = dump(doc);
    constexpr std::string_view k_empty = "\n  \"negotiations\": []";
    const std::size_t at = text.find(k_empty);
    if (m_count == 0 || at == std::string::npos) {
        out << text << '\n';
        return;
    }
    const std::size_t list = at + k_empty.size() - 1; // at the `]`
    out.write(text.data(), static_cast<std::streamsize>(list));
    m_items.write_to(out);
    out << "\n  " << std::string_view(text).substr(list) << '\n';
}

} // namespace

std::unique_ptr<report_writer> json_writer() { return std::make_unique<json_report_writer>(); }

} // namespace ikediff::cli
