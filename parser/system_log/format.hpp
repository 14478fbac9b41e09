#pragma once
// The PAN-OS system log format (CSV export, raw CSV, syslog-forwarded:
// parser/system_log/system_log.hpp) in the format registry.

#include "parser/log_format.hpp"

#include <string_view>

namespace ikediff::parser {

namespace system_log {

/// The format: exports named `*.csv` or `*system*` in a directory (a tech-support file
/// holds the system log in the firewall's own database, not as text); detected from its
/// rows; read ahead of the other inputs, its entries being accounts written after the fact.
const log_format& format();

} // namespace system_log

} // namespace ikediff::parser
