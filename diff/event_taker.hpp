#pragma once
// The analysis seam for lines: what the reading pipeline (cli/reading.cpp) hands every event
// to besides the IKE reconstruction (diff/ike/reconstruct.hpp), which takes them by move and
// last. A kind of analysis that reads lines rather than negotiations (a rule pack's scan of a
// management-plane log) is one of these, in a folder of its own under diff/.

#include "model/event.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ikediff::diff {

class event_taker {
public:
    event_taker() = default;
    event_taker(const event_taker&) = delete;
    event_taker& operator=(const event_taker&) = delete;
    virtual ~event_taker() = default;

    /// Input `input` continues stream `stream` (rotated files of one log share a stream);
    /// said before the input's first event.
    virtual void set_stream(std::uint32_t /*input*/, std::uint32_t /*stream*/) {}
    /// One event, in its input's order, inputs in reading order (each archive's members
    /// oldest rotation first). Called on the thread that owns the report.
    virtual void take(const model::log_event& event) = 0;
    /// The fixed texts without which no line of a management-plane log matters to it: a
    /// format that can, hands on only lines holding one of them (parser/io/line_pump.hpp,
    /// the prefilter). None: it wants every line.
    virtual std::optional<std::vector<std::string>> literals() const { return std::nullopt; }
};

} // namespace ikediff::diff
