#pragma once
// Compares what each side used with the sheet, per negotiation and per parameter, and
// says which side deviates (contract.md section 4, `mismatches`).

#include "model/negotiation.hpp"
#include "model/sheet.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ikediff::diff {

/// Who deviates from the sheet.
enum class side : std::uint8_t {
    local,   ///< the firewall (DB) deviates
    peer,    ///< the peer deviates
    both,    ///< both deviate
    neither, ///< the two differ but the sheet allows both values
    unknown  ///< the two differ and no sheet (or a silent one) says which is right
};
std::string_view to_string(side s);

struct mismatch {
    std::uint32_t phase = 1;
    std::string attribute; ///< `hash`, `dh_group`, `exchange_mode`, `proxy_id`, ...
    std::vector<model::value> expected; ///< acceptable values; empty: the sheet is silent
    std::optional<model::value> local;
    std::optional<model::value> peer;
    diff::side side = side::unknown;
    /// The lines that show the two values (`hashtype = SHA256:SHA512`, `rejected ...`).
    std::vector<model::source_line> evidence;
};

/// One parameter the sheet states, as each side used it: a line of an onboarding checklist.
struct parameter_check {
    enum class verdict : std::uint8_t {
        agrees,     ///< every side logged uses a value the sheet allows
        deviates,   ///< a side uses a value the sheet does not allow (see `side`)
        not_logged, ///< the log shows neither side's value
    };
    std::uint32_t phase = 1;
    std::string attribute;
    std::vector<model::value> expected; ///< acceptable values, preferred first
    std::optional<model::value> local;
    std::optional<model::value> peer;
    verdict result = verdict::agrees;
    diff::side side = side::neither; ///< who deviates, for `deviates`
};

struct negotiation_report {
    model::negotiation negotiation;
    /// The sheet's tunnel this negotiation belongs to, if any (index into sheet.tunnels).
    std::optional<std::size_t> tunnel;
    /// The compared pair the report is about (index into negotiation.pairs).
    std::optional<std::size_t> chosen_pair;
    /// The quick-mode comparison the report is about (index into negotiation.phase2_pairs).
    std::optional<std::size_t> chosen_phase2_pair;
    std::vector<mismatch> mismatches;
    /// Every parameter of the matched tunnel's sheet the compared pairs speak of (empty
    /// without a sheet or a matched tunnel), in the order phase 1 then phase 2.
    std::vector<parameter_check> checks;
};

/// Which negotiations to keep (contract.md section 1 filters).
struct filter {
    std::optional<std::string> peer;
    std::optional<std::string> gateway;
    /// Bounds on the start time; `wall_clock` compares with the log's local time instead
    /// of the instant (for a bound written without a zone).
    struct bound {
        std::int64_t ms = 0;
        bool wall_clock = false;
        /// The offset the bound was written with: a log time without a zone (a system log)
        /// is compared as wall-clock time in it.
        std::int32_t offset_minutes = 0;
    };
    std::optional<bound> since;
    std::optional<bound> until;

    /// Whether `n` passes. `tunnel` is the sheet tunnel it belongs to, if any: its
    /// `gateway:` names the negotiation when the log does not.
    bool keeps(const model::negotiation& n, const model::tunnel_expectation* tunnel) const;
};

struct analysis {
    std::vector<negotiation_report> negotiations;
    std::vector<std::size_t> tunnels_not_seen; ///< sheet tunnels no negotiation matched
    std::size_t filtered_out = 0;              ///< negotiations the filter left out
};

/// The analysis one negotiation at a time, as the reconstructor hands them on: memory does
/// not grow with their number.
class analyser {
public:
    analyser(const model::sheet* sheet, filter keep);

    /// The report on `n`, or nullopt when the filter leaves it out.
    std::optional<negotiation_report> add(model::negotiation n);
    /// Sheet tunnels no negotiation so far matched (those the filter does not rule out).
    std::vector<std::size_t> tunnels_not_seen() const;
    std::size_t filtered_out() const { return m_filtered_out; }

private:
    const model::sheet* m_sheet;
    filter m_keep;
    std::vector<bool> m_seen;
    std::size_t m_filtered_out = 0;
};

/// Matches negotiations to the sheet's tunnels (by peer address, gateway, or the only
/// tunnel), picks the compared pair the sheet (or, without one, the fewest differences)
/// says was meant, and lists every deviating parameter.
analysis analyse(std::vector<model::negotiation> negotiations, const model::sheet* sheet,
                 const filter& keep);

/// The tunnel `n` belongs to, if any.
std::optional<std::size_t> match_tunnel(const model::negotiation& n, const model::sheet& sheet);

} // namespace ikediff::diff
