#pragma once
// A negotiation: one attempt to build an IKE SA (phase 1) or a child SA (phase 2) with one
// peer, reconstructed from the lines that share its context.

#include "model/event.hpp"
#include "model/proposal.hpp"
#include "model/time.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ikediff::model {

enum class outcome : std::uint8_t { established, failed, unknown };
std::string_view to_string(outcome v);

/// contract.md section 6.
enum class failure_class : std::uint8_t {
    peer_not_found, timeout, no_proposal, psk_mismatch, proxy_id_mismatch, id_mismatch,
    ike_version_mismatch, exchange_mode_mismatch, dpd_down
};
std::string_view to_string(failure_class v);

/// One `Compared: DB:Peer` pair (or, at normal log level, what `rejected` lines tell of it).
struct proposal_pair {
    std::optional<transform_ref> local_ref; ///< DB(prop#a:trns#b), when a line named it
    std::optional<transform_ref> peer_ref;  ///< Peer(prop#c:trns#d)
    phase1_proposal local;                  ///< DB: the firewall's configuration
    phase1_proposal peer;                   ///< what the peer proposed
    std::vector<phase1_attribute> rejected; ///< attributes a `rejected` line named
    bool accepted = false;                  ///< followed by `an acceptable proposal found.`
    /// The block's own lines and the `rejected` lines about it, with the attribute each
    /// shows (none for the `Compared: DB:Peer` header).
    struct line {
        std::optional<phase1_attribute> attribute;
        source_line where;
    };
    std::vector<line> lines;
};

/// One quick-mode comparison: the peer's bundle against the firewall's ("my"), with the
/// `X mismatched: my:A peer:B` lines that followed.
struct phase2_pair {
    phase2_proposal local; ///< "my": the firewall
    phase2_proposal peer;
    std::vector<phase2_attribute> mismatched;
    struct line {
        std::optional<phase2_attribute> attribute; ///< none: a line naming several (bundle lines)
        source_line where;
    };
    std::vector<line> lines;
};

/// Traffic selectors the log shows for a phase 2 negotiation, as PAN-OS's local/remote.
struct observed_proxy_id {
    std::string local;
    std::string remote;
    std::string protocol;
    source_line where;
};

/// A line kept as proof: where it is, what it says (the message after the prefix) and,
/// when it decided something, what it means (from diff/ike/classify.cpp's rule table).
struct evidence_line {
    source_line where;
    std::string text;
    std::string_view meaning = {};
};

struct negotiation {
    std::optional<model::ike_version> version;
    std::uint32_t phase = 1;
    std::optional<model::role> role;
    std::optional<model::exchange> exchange;
    std::optional<endpoint> local;
    std::optional<endpoint> peer;
    std::optional<std::string> gateway;
    /// The IPsec tunnel (phase 2) a system log entry names in its Object column.
    std::optional<std::string> ipsec_tunnel;
    /// The IKE SA's initiator cookie (`spi:ICOOKIE:RCOOKIE`, system log `cookie:I:R`), which
    /// names one phase 1 exchange in both logs.
    std::optional<std::string> initiator_cookie;
    std::optional<pan_context> context;
    std::optional<timestamp> started;
    std::optional<timestamp> ended;
    model::outcome result = outcome::unknown;
    std::optional<failure_class> failure;
    /// The class came from a line that does not decide alone (one pair of proposals failed).
    bool failure_provisional = false;
    /// When the line that named the class was logged (merging two logs keeps the earlier cause).
    std::optional<timestamp> failure_time;
    std::vector<proposal_pair> pairs;
    std::vector<phase2_pair> phase2_pairs;
    std::vector<observed_proxy_id> proxy_ids;
    /// Built from a summary account's entries only (model::correlation::summary: a PAN-OS
    /// system log's); the reconstruction merges it into the detailed negotiation it
    /// duplicates.
    bool from_summary = false;
    /// Every recognised line of the negotiation, in log order.
    std::vector<evidence_line> lines;
    /// Indices into `lines` of the lines that prove the outcome and failure class.
    std::vector<std::size_t> evidence;
    /// Lines of this negotiation of a kind the parser knows but could not read (each also a
    /// `log-malformed` warning of its input): what they said is missing from the negotiation,
    /// so the reports do not claim it agrees with the sheet.
    std::vector<source_line> not_understood;
};

} // namespace ikediff::model
