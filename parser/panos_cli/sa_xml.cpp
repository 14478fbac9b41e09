#include "parser/panos_cli/sa_xml.hpp"

#include "model/text.hpp"

#include <array>
#include <cstdint>
#include <cstdio>
#include <pugixml.hpp>

namespace ikediff::parser::panos_cli {

namespace {

using model::phase1_attribute;
using model::phase2_attribute;

/// The trimmed text of `entry`'s first child among `names` that has one, or empty.
template <std::size_t N>
std::string child_text(const pugi::xml_node& entry, const std::array<const char*, N>& names) {
    for (const char* name : names) {
        const std::string_view text = model::trim(entry.child_value(name));
        if (!text.empty()) {
            return std::string(text);
        }
    }
    return {};
}

std::string child_text(const pugi::xml_node& entry, const char* name) {
    return child_text(entry, std::array<const char*, 1>{name});
}

/// An SPI as the tables show it (eight hex digits) from a decimal, possibly signed
/// (`-1257231397`), or a hex one (`A1B2C3D4`).
std::optional<std::string> spi_text(const std::string& decimal, const std::string& hex) {
    if (!decimal.empty()) {
        const bool negative = decimal.front() == '-';
        const std::optional<std::uint64_t> n =
            model::parse_unsigned(negative ? decimal.substr(1) : decimal);
        if (n && *n <= 0xFFFFFFFFULL) {
            const auto value = static_cast<std::uint32_t>(negative ? 0x100000000ULL - *n : *n);
            std::array<char, 9> out{};
            std::snprintf(out.data(), out.size(), "%08X", value);
            return std::string(out.data());
        }
    }
    if (!hex.empty()) {
        return hex; // as shown
    }
    return std::nullopt;
}

std::optional<sa_row> read_phase1(const pugi::xml_node& entry) {
    sa_row row;
    if (!read_phase1_algorithm(child_text(entry, "algo"), row.sa)) {
        return std::nullopt;
    }
    row.gateway = child_text(entry, "name");
    row.gateway_id = child_text(entry, "gwid");
    row.peer = child_text(entry, std::array<const char*, 4>{"peer", "peer-ip", "peerip", "remote"});
    const std::string role = child_text(entry, "role");
    if (model::iequals(role, "Init")) {
        row.sa.role = model::role::initiator;
    } else if (model::iequals(role, "Resp")) {
        row.sa.role = model::role::responder;
    }
    const std::string mode = child_text(entry, "mode");
    if (model::iequals(mode, "Main") || model::iequals(mode, "Aggr")) {
        row.sa.version = model::ike_version::ikev1;
        row.sa.exchange =
            model::iequals(mode, "Main") ? model::exchange::main : model::exchange::aggressive;
    }
    if (const auto seconds =
            lifetime_between(child_text(entry, "created"), child_text(entry, "expires"))) {
        row.sa.phase1.emplace_back(phase1_attribute::lifetime, std::to_string(*seconds));
    }
    return row;
}

sa_row read_phase2(const pugi::xml_node& entry) {
    sa_row row;
    row.sa.phase = 2;
    const std::string name = child_text(entry, "name");
    const std::size_t open = name.rfind('(');
    if (open != std::string::npos && open > 0 && name.ends_with(')')) {
        row.tunnel = name.substr(0, open);
        row.gateway = name.substr(open + 1, name.size() - open - 2);
    } else {
        row.tunnel = name;
        row.gateway = child_text(entry, std::array<const char*, 2>{"gateway", "gw"});
    }
    row.gateway_id = child_text(entry, "gwid");
    row.peer = child_text(entry, std::array<const char*, 2>{"remote", "peerip"});
    row.local = child_text(entry, "localip");
    std::string algorithm = child_text(entry, "proto") + '/' + child_text(entry, "enc") + '/' +
                            child_text(entry, "hash");
    read_phase2_algorithm(algorithm, row.sa);
    if (const std::string dh = child_text(entry, "dh"); !dh.empty()) {
        row.sa.phase2.emplace_back(phase2_attribute::pfs_group, dh);
    }
    const std::string mode = child_text(entry, "mode");
    if (model::iequals(mode, "tunl")) {
        row.sa.phase2.emplace_back(phase2_attribute::encapsulation, "Tunnel");
    } else if (model::iequals(mode, "trns")) {
        row.sa.phase2.emplace_back(phase2_attribute::encapsulation, "Transport");
    }
    if (const std::string hard = child_text(entry, "hardtime"); model::parse_unsigned(hard)) {
        row.sa.phase2.emplace_back(phase2_attribute::lifetime, hard);
    }
    row.sa.spi_in = spi_text(child_text(entry, "i_spi"), child_text(entry, "local-spi"));
    row.sa.spi_out = spi_text(child_text(entry, "o_spi"), child_text(entry, "remote-spi"));
    row.sa.state = child_text(entry, "state");
    row.sa.up = row.sa.state.empty() || model::iequals(row.sa.state, "active") ||
                model::iequals(row.sa.state, "mature");
    return row;
}

} // namespace

xml_answer read_xml_answer(std::string_view text) {
    xml_answer out;
    pugi::xml_document doc;
    const pugi::xml_parse_result parsed =
        doc.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_utf8);
    if (!parsed) {
        out.error_offset = static_cast<std::size_t>(parsed.offset);
        out.error = parsed.description();
        return out;
    }
    const pugi::xml_node response = doc.child("response");
    if (!response) {
        out.error_offset = 0;
        out.error = "no <response> element";
        return out;
    }
    if (std::string_view(response.attribute("status").value()) == "error") {
        out.error_offset = static_cast<std::size_t>(response.offset_debug());
        const pugi::xml_node msg = response.child("msg");
        const std::string message(
            model::trim(msg.child("line") ? msg.child("line").text().get() : msg.text().get()));
        out.error =
            "the API answered an error" + (message.empty() ? std::string() : ": " + message);
        return out;
    }
    for (const pugi::xpath_node& found : response.select_nodes(".//entry")) {
        const pugi::xml_node entry = found.node();
        std::optional<sa_row> row;
        if (entry.child("algo")) {
            row = read_phase1(entry);
        } else if (entry.child("enc") || entry.child("proto") || entry.child("i_spi")) {
            row = read_phase2(entry);
        }
        if (row) {
            // pugixml places an element at its name: the `<` is one before.
            const auto name = static_cast<std::size_t>(entry.offset_debug());
            out.sas.push_back({std::move(*row), name > 0 ? name - 1 : 0});
        }
    }
    return out;
}

} // namespace ikediff::parser::panos_cli
