#pragma once
// The merge of a summary account's negotiations (a system log's, written after the fact by
// another daemon) into the detailed ones they duplicate: the same IKE SA cookie, or else the
// same peer and phase within 10 s of wall-clock time, the nearest one, each once. Also the
// read-ahead index that tells, while the detailed log streams, which of its negotiations one
// of them may merge into (so only those wait for the end), and the order in which the
// account's entries are replayed.

#include "model/event.hpp"
#include "model/negotiation.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ikediff::diff {

/// The negotiations a system log makes, read ahead (its reader reads it twice), to tell
/// which ikemgr.log negotiations one of them may merge into.
class summary_ahead {
public:
    explicit summary_ahead(std::vector<model::negotiation> from_system_log);
    /// Whether one of them may duplicate `n` (same_attempt): those of the same cookie, and
    /// those that start within `n`'s time give or take the slack and name its peer or none,
    /// are looked at, not every one.
    bool may_take(const model::negotiation& n) const;

private:
    std::vector<model::negotiation> m_negotiations;
    /// (start, index into m_negotiations), by start: every one; those that name no peer;
    /// those that name one, by its address_key.
    using by_start = std::vector<std::pair<std::int64_t, std::size_t>>;
    by_start m_all, m_peerless;
    std::unordered_map<std::string, by_start> m_by_peer;
    std::unordered_multimap<std::string, std::size_t> m_by_cookie;
};

/// Merges negotiations built from system log entries into the ikemgr.log negotiations they
/// duplicate; exposed for tests.
void merge_summaries(std::vector<model::negotiation>& negotiations);

/// Which system log negotiation merges into which ikemgr.log one, (system, ikemgr) indexes
/// into `negotiations` in the order merge_summaries() merges them; exposed for tests.
std::vector<std::pair<std::size_t, std::size_t>> summary_matches(const std::vector<model::negotiation>& negotiations);

/// Whether the system log negotiation `s` may duplicate the ikemgr.log negotiation `n`: the
/// same phase, the same peer when both name one, and the same IKE SA cookie when both have
/// one, or else a start of `s` within `n`'s time give or take 10 s; exposed for tests.
bool same_attempt(const model::negotiation& s, const model::negotiation& n);

/// Puts a summary account's entries in the order they are replayed in: each input's in time
/// order; within one second (the system log's resolution), a start before what follows it,
/// and otherwise the order of the file read forwards (oldest first) or backwards (a GUI
/// export, newest first).
void replay_order(std::vector<model::log_event>& entries);

} // namespace ikediff::diff
