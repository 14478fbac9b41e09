#pragma once
// The firewall's configuration as a format of the registry (parser/log_format.hpp): a
// PAN-OS `<config>` XML given alone, on standard input, in a directory (`*.xml`) or in a
// tech-support archive (`opt/pancfg/mgmt/saved-configs/running-config.xml`), told from its
// content (parser/panos_config/reader.hpp: `is_configuration`). It is a document, not lines:
// cli/reading.cpp reads it whole ahead of every log (`read_configuration`); its `read` only
// counts the lines, which are none of them events.

#include "parser/log_format.hpp"

namespace ikediff::parser::panos_config {

const log_format& format();

} // namespace ikediff::parser::panos_config
