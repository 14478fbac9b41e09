#pragma once
// PAN-OS's own wording, shared by the formats of its logs (parser/ikemgr/, parser/system_log/:
// neither includes the other's folder; both include this one).
//
// Phrases found anywhere inside a message: the descriptions of the PAN-OS system log
// (`IKE phase-1 negotiation is failed likely due to pre-shared key mismatch.`) and ikemgr
// messages whose phrase does not open the message
// (`200.100.5.1[500] - 200.100.1.254[500]:0x7fa610013da0 authentication failure`).
// Phrases that open an ikemgr message are the grammar's (`phrase_table` in
// parser/ikemgr/grammar_def.hpp).
//
// One table of (phrase -> event code), searched in order: the first row whose phrase the
// text contains wins, so the table lists causes before consequences and specific wording
// before general wording (`phase-2 negotiation failed due to time up waiting for phase-1`
// before `phase-2 negotiation failed due to time up` before `due to time up`).
//
// Matching is plain `std::string_view::find` (no regex), behind a one-pass prefilter (the
// text's character pairs against pairs sampled from each phrase), so a message without a
// phrase costs about one pass over it whatever the table's length. Two tolerances cover
// wording that varies across PAN-OS releases:
// - an apostrophe in a phrase matches a straight `'` or a curly `’`/`‘` (UTF-8) in the text:
//   `peer's SA payload` matches the guide's `peer’s SA payload`;
// - `phase-N` in a phrase matches `phase-N`, `phase N` and `phaseN`.
// A row is case-sensitive unless marked `phrase_case::any` (ASCII letters only), for
// wording PAN-OS capitalises differently by release (`No suitable proposal found ...`).

#include "model/event.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace ikediff::parser {

/// Whether a phrase's letters must match in case.
enum class phrase_case : std::uint8_t { exact, any };

/// One row of the phrase table.
struct phrase {
    std::string_view text; ///< as written in the logs, with the tolerances above
    model::event_code code;
    phrase_case letters = phrase_case::exact;
};

/// The table, in search order.
std::span<const phrase> phrase_table();

/// The code of the first phrase of `phrase_table()` that `text` contains, or none.
std::optional<model::event_code> find_phrase(std::string_view text);

/// Whether `text` contains `p.text`, with the tolerances above.
bool contains_phrase(std::string_view text, const phrase& p);

} // namespace ikediff::parser
