#pragma once
// Helpers shared by the diff tests (tests/diff/**/*_test.cpp): events scanned from one line
// (parser::scan_line) carry no correlation key, which the reconstructor routes by; the
// ikemgr.log feeder (parser/ikemgr/) sets it. These set it the same way, for tests that scan
// lines one at a time.

#include "model/event.hpp"

#include <variant>

namespace ikediff::test_support {

/// Gives `event` the correlation key the ikemgr.log feeder gives it: the context when the
/// line has one (`{ A: B }`), else the peer it names, else the ends of the IPsec SA it
/// names, else the negotiation its stream last spoke of.
inline model::log_event& keyed_as_ikemgr(model::log_event& event) {
    using by = model::correlation::by;
    if (event.context) {
        event.key.kind = by::context;
    } else if (event.peer) {
        event.key.kind = by::peer;
    } else if (std::holds_alternative<model::ipsec_sa_established_event>(event.what)) {
        event.key.kind = by::sa_ends;
    } else {
        event.key.kind = by::follow;
    }
    return event;
}

} // namespace ikediff::test_support
