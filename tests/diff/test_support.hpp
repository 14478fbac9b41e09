#pragma once
// Helpers shared by the diff tests (tests/diff/**/*_test.cpp): events scanned from one line
// (parser::scan_line) carry no correlation key, which the reconstructor routes by; the
// ikemgr.log feeder (parser/ikemgr/) sets it. This sets it with the feeder's own rule, for
// tests that scan lines one at a time.

#include "model/event.hpp"
#include "parser/ikemgr/format.hpp"

namespace ikediff::test_support {

/// Gives `event` the correlation key the ikemgr.log feeder gives it
/// (parser::ikemgr::correlation_of).
inline model::log_event& keyed_as_ikemgr(model::log_event& event) {
    event.key.kind = parser::ikemgr::correlation_of(event);
    return event;
}

} // namespace ikediff::test_support
