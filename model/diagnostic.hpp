#pragma once
// Diagnostics are data (lnav, ccache): a stable code, a message, where it happened and a
// hint. Library layers return them; only `cli/` decides how to print them and which exit
// status they mean.

#include <cstdint>
#include <string>

namespace ikediff::model {

enum class severity : std::uint8_t { error, warning, note };

struct diagnostic {
    severity level = severity::error;
    /// Stable identifier scripts may match on, e.g. `sheet-unknown-key`, `log-malformed`.
    std::string code;
    std::string message;
    /// File (or input) name; `line`/`column` are 1-based, 0 when not applicable.
    std::string file;
    std::uint64_t line = 0;
    std::uint64_t column = 0;
    /// Optional hint printed as `help: ...` ("did you mean `dh_group`?").
    std::string help;

    /// `file:line:col: message` (the parts that are known), as compilers print it.
    std::string located_message() const {
        std::string out = file;
        if (line != 0) {
            out += ':' + std::to_string(line);
            if (column != 0) {
                out += ':' + std::to_string(column);
            }
        }
        if (!out.empty()) {
            out += ": ";
        }
        return out + message;
    }
};

} // namespace ikediff::model
