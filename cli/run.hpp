#pragma once
// The whole program: options -> inputs -> parser -> reconstruction -> diff -> report.

namespace ikediff::cli {

/// Runs ikediff; returns the exit status of contract.md section 2.
int run(int argc, const char* const* argv);

} // namespace ikediff::cli
