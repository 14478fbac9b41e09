#pragma once
// How PAN-OS's CLI (configure mode) wants the words of a `set` command: a name quoted when it
// holds blanks or quotes, a member list in brackets, a lifetime in the largest unit that
// divides it. The configuration checks' fixes (check.cpp) and the fixes of negotiations
// (cli/report/advice/remedy.cpp) write their commands with these.

#include <cstdint>
#include <string>
#include <vector>

namespace ikediff::diff::config {

/// `GW-OSAKA` as is; `"Branch GW"` quoted (a double quote inside becomes a single one).
std::string quoted_name(const std::string& name);

/// `sha512`, or `[ sha512 sha384 ]` for several acceptable values (PAN-OS tries them in order).
std::string member_list(const std::vector<std::string>& values);

/// `hours 8` for 28800, `seconds 90` for 90: the largest unit PAN-OS offers that divides it.
std::string lifetime_words(std::uint64_t seconds);

} // namespace ikediff::diff::config
