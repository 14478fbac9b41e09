#pragma once
// Copied PAN-OS CLI output about SAs as a log format (contract.md section 9): `show vpn
// ike-sa` (its phase 1 tables, IKEv1 and IKEv2, and its phase 2 sections), `show vpn
// ipsec-sa`, `show vpn ike-sa detail gateway X`, and the XML API's answers to the first two
// (parser/panos_cli/sa_text.hpp, sa_xml.hpp), in any mix, with the prompts, `--More--`
// pagers, column headers and totals around them.
//
// Each SA becomes one IKE event, after the last line (`feeder::finish`):
// - `code`: phase 1 `phase1_succeeded`, phase 2 `ipsec_sa_established` (every SA a table
//   lists is up); a detail view's SA whose State is not `Established`, or an XML entry whose
//   `state` is not `active`: `phase1_started` / `phase2_started` (outcome unknown);
// - `what`: the `model::sa_state_event` (version, role, exchange, the values both sides
//   agreed on, SPIs, the state shown);
// - `gateway`, `ipsec_tunnel` (phase 2), `peer` (the address, no port), `local` (the
//   detail view's); no time (`has_time` false: the tables show none with a year);
// - `text`: the row as shown, its column padding collapsed to one blank (an XML entry: its
//   element on one line); `where`: its line and column;
// - `key`: by subject (the gateway, per phase), a summary account (model/event.hpp).
// The same phase 2 SA shown twice (by `show vpn ike-sa`'s phase 2 section and by `show vpn
// ipsec-sa`: the same SPI(in) and SPI(out)) is one event, at its first sighting, with the
// values of both.
//
// Line accounting: a row, a detail view's line, a line of an XML answer that was read:
// recognised; headers, rules, totals, prompts, pagers, blank lines: noise; a line shaped
// like a table row (`GwID` then an address) that does not read as one: malformed, with a
// `log-malformed` warning at file:line:col; an XML answer that does not parse: one
// malformed line where the parser stopped (`file:line:col`), its other lines noise.

#include "parser/log_format.hpp"
#include "parser/panos_cli/sa_text.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ikediff::parser::panos_cli {

/// Whether an input's first chunk is such output: a table's header or title, a detail
/// view's `IKE Gateway X, ID N`, a prompt running `show vpn ike-sa`/`show vpn ipsec-sa`, or
/// an XML API answer holding an SA's elements (`<algo>`, `<i_spi>`, `<ntun>`).
bool is_panos_cli_head(std::string_view head);

/// Feeds physical lines of copied CLI output, with the interface of `line_feeder`.
class feeder {
public:
    feeder(std::uint32_t input, input_stats& stats, event_sink sink);

    void feed(std::string_view physical_line);
    void feed_oversized();
    /// Reads what is still open (a detail view, an XML answer cut short) and hands every SA
    /// on, in the order they were first shown.
    void finish();

private:
    struct pending {
        sa_row row;
        model::source_line where;
        std::string text;
    };

    void read_line(std::string_view line, std::size_t column);
    /// Takes what `line` (its text from `column`, 1-based) holds of XML answers: the rest of
    /// an open one, answers that start on it (several may share the line). False when the
    /// line is none of an answer's.
    bool read_xml(std::string_view line, std::size_t column);
    void add(sa_row row, std::size_t column, std::string text);
    void close_detail();
    void close_xml();
    void malformed(std::uint64_t line, std::size_t column, std::string message);

    std::uint32_t m_input;
    input_stats& m_stats;
    event_sink m_sink;
    table m_table = table::none; ///< the table whose rows come now
    std::vector<pending> m_sas;
    /// A detail view being read: its gateway, its text so far, where it starts.
    struct detail {
        std::string gateway;
        std::string text;
        model::source_line where;
        std::uint64_t lines = 0;
        std::string first; ///< its first line, as shown: the evidence
    };
    std::optional<detail> m_detail;
    /// An XML answer being gathered: its text from `<response`, where it starts, its lines.
    struct xml {
        std::string text;
        std::uint64_t line = 0;
        std::size_t column = 1;
        std::uint64_t lines = 0;
    };
    std::optional<xml> m_xml;
};

/// The format in the registry: `panos-cli`, detected from content only.
const log_format& format();

} // namespace ikediff::parser::panos_cli
