#pragma once
// Reads the parameter sheet (contract.md section 3) with yaml-cpp into model::sheet.
//
// Strict on purpose: an unknown key, a misspelt value or a wrong type is an error with the
// sheet's `file:line:col` and, where a known word is close, a "did you mean" hint, because a
// silently ignored typo would make ikediff compare against the wrong intention. A
// `psk`/`pre_shared_key` key is accepted and its value dropped on the spot.

#include "model/result.hpp"
#include "model/sheet.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace ikediff::diff {

/// Loads the sheet at `path`. Errors use `path` as written as the file name.
model::result<model::sheet> load_sheet(const std::string& path);

/// Parses sheet text; `file` names it in diagnostics.
model::result<model::sheet> parse_sheet(const std::string& text, const std::string& file);

/// The candidate closest to `word` (edit distance), if it is close enough to be a typo.
std::string closest_word(std::string_view word, const std::vector<std::string_view>& candidates);

} // namespace ikediff::diff
