#pragma once
// `--redact`: a report that can go to a third party. Addresses, hostnames, gateway and tunnel
// names, the subjects of findings, IKE cookies and SPIs are replaced by stable pseudonyms
// (`ip4-1`, `gateway-2`, `cookie-1`...): the same value gets the same pseudonym everywhere in
// the report, so the report still says which negotiations share a peer. A decorator over any
// report writer: what the writer is given is already redacted, so every format is.

#include "cli/report/writer.hpp"
#include "model/sheet.hpp"

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ikediff::cli {

class redactor {
public:
    /// Learns the names a sheet gives (tunnels, gateways, profiles, identities): they are
    /// hidden wherever they appear, also inside log text.
    explicit redactor(const model::sheet* sheet);

    /// `text` with every address, hostname, cookie, SPI and known name replaced.
    std::string text(std::string_view text);
    /// A whole value of a kind (`gateway`, `tunnel`, `host`): its pseudonym, learnt as a name.
    std::string name(std::string_view kind, const std::string& value);
    /// The sheet with its names and addresses replaced.
    model::sheet sheet(const model::sheet& s);
    /// The negotiation report with every string replaced.
    diff::negotiation_report negotiation(const diff::negotiation_report& nr);
    /// The finding with its subject, the log it names, its evidence lines and the prose that
    /// may repeat what the lines captured (title, cause, fix steps, a code as logged)
    /// replaced. The rule pack's own words are kept: the rule id, the code tables' names and
    /// meanings, the references (their URLs name the vendor's sites, not the user's).
    model::finding finding(const model::finding& f);
    /// Learns `f`'s subject as a name (a server, a vsys), so that every text naming it is
    /// redacted, whichever finding is written first.
    void learn_subject(const model::finding& f);
    /// The configuration check with its tunnel and gateway names and its values replaced.
    model::config_check config_check(const model::config_check& c);
    /// A PAN-OS `set` command with the names it gives (gateway, profiles, tunnel, proxy ID,
    /// identity) replaced by their pseudonyms and addresses hidden.
    std::string command(std::string_view command);

private:
    std::string pseudonym(std::string_view kind, const std::string& value);
    std::string value_text(const model::value& v);
    model::value value(const model::value& v);

    std::map<std::string, std::string> m_pseudonyms; ///< original -> pseudonym
    std::map<std::string, std::size_t, std::less<>> m_counters; ///< by kind
    std::vector<std::string> m_names; ///< known names, longest first (found inside text)
};

/// A writer that hands `inner` the redacted report.
std::unique_ptr<report_writer> redacting_writer(std::unique_ptr<report_writer> inner, const model::sheet* sheet);

} // namespace ikediff::cli
