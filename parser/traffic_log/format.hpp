#pragma once
// The PAN-OS traffic log format (CSV export, raw CSV, syslog-forwarded:
// parser/traffic_log/traffic_log.hpp) in the format registry.

#include "parser/log_format.hpp"

namespace ikediff::parser {

namespace traffic_log {

/// The format: files whose name contains `traffic` and ends `.csv` or `.gz` in a directory
/// (a tech-support file holds no traffic log as text); detected when one of the first 20
/// non-empty lines is a TRAFFIC record or the export's header row and none is a SYSTEM
/// record (a stream of every log type forwarded to one syslog file stays the system log's,
/// whose vpn entries the IKE analysis needs).
const log_format& format();

} // namespace traffic_log

} // namespace ikediff::parser
