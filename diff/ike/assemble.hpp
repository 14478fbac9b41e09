#pragma once
// Assembles one negotiation from the lines the reconstructor (reconstruct.hpp) routes to it:
// its endpoints, names and times, the proposal pairs its `Compared` blocks and quick-mode
// bundles describe, what each line means (classify.hpp), and, once it is final, its `rejected`
// lines matched to the pairs they describe and its lines in log order. Which negotiation a
// line goes to is the router's business; whether a line begins the next one on the same key
// (a retry, a reused context) is said here, from what the negotiation holds so far.

#include "model/event.hpp"
#include "model/negotiation.hpp"
#include "model/time.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace ikediff::diff {

/// One negotiation being assembled: what it holds so far, and what its next lines need to
/// know of the lines before them.
struct assembly {
    model::negotiation n;
    std::optional<std::size_t> open_pair;          ///< the Compared block being read
    std::optional<std::size_t> open_p2;            ///< the quick-mode comparison being read
    model::p2_side p2_side = model::p2_side::peer; ///< whose bundle lines come now
    /// Which start lines were seen: a start line (`phase_start_event`) and a banner
    /// (`banner_event`) may both open one negotiation; a second line of the same kind opens
    /// the next one.
    bool started_by_line = false;
    bool started_by_banner = false;
    /// Whether any line said more than which endpoints talk (kept at complete() only then).
    bool informative = false;
    std::vector<std::pair<model::rejected_event, model::source_line>> rejections;
};

/// Starts `a` as the negotiation `first` opens: its phase (a context naming a child SA is
/// phase 2), and whether it is a summary account's (model::correlation::summary).
void begin(assembly& a, const model::log_event& first);

/// Whether `event`, routed to `a`'s key, begins the next negotiation on it instead: a second
/// start line, a proposal comparison after an outcome, a line of the other phase, or a
/// summary account's new verdict after one.
bool starts_new(const assembly& a, const model::log_event& event);

/// Takes `event` into `a`: its text is moved into the negotiation's lines.
void apply(assembly& a, model::log_event& event);

/// Whether a negotiation is closed while the log goes on (a later line took its place, or it
/// went idle), or because the log ended with it still open.
enum class closed_by : std::uint8_t { log_going_on, log_end };

/// Finalises `a` once no line can reach it: its `rejected` lines matched to the pairs they
/// describe, its lines in log order; a negotiation that had only unanswered retransmits when
/// the log went on without it failed by timeout (one still retransmitting when the log ends
/// is unfinished: contract.md section 4, `unknown`). False when its lines only named
/// endpoints: it is no attempt of its own and is not reported.
bool complete(assembly& a, closed_by how = closed_by::log_going_on);

/// Matches `rejected` lines to the `Compared: DB:Peer` pairs they describe (the daemon prints
/// both in peer-transform x DB-proposal order); a group that matches none becomes a pair of
/// its own (no Compared block at normal log level). Exposed for tests.
void attach_rejections(model::negotiation& n,
                       const std::vector<std::pair<model::rejected_event, model::source_line>>& rejections);

/// Puts `n`'s lines in log order (summary account entries replayed in time order, merged
/// negotiations), keeping its evidence pointing at the same lines.
void sort_lines(model::negotiation& n);

/// The phase a line speaks of, if it says.
std::optional<std::uint32_t> phase_of(const model::log_event& event);

/// Whether the line starts a negotiation (a start line, a `STARTED` banner, a start code).
bool is_start(const model::log_event& event);

/// A timestamp as wall-clock milliseconds (its zone's local time; a time logged without a
/// zone as it stands): what the idle time and the merge of two logs compare.
inline std::int64_t wall_clock_ms(const model::timestamp& t) {
    return t.epoch_ms + std::int64_t{t.offset_minutes.value_or(0)} * 60000;
}

} // namespace ikediff::diff
