#pragma once
// Reads rule packs (docs/rules.md): the built-in ones, compiled into the binary from
// diff/findings/rules/*.yaml so that an installed ikediff needs no other file, and those of
// `--rules DIR`. A pack that is not what docs/rules.md says is an error at `file:line:col`
// (a rule without a sample is one).

#include "diff/findings/rule.hpp"
#include "model/result.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace ikediff::diff::findings {

/// A pack compiled into the binary: its file name and text.
struct embedded_pack {
    std::string_view name;
    std::string_view text;
};
/// The built-in packs (generated at build time from diff/findings/rules/).
std::span<const embedded_pack> built_in_packs();

/// Reads the pack `text` (named `file` in messages) into `into`; the error, if it is not
/// valid. A rule whose id `into` holds replaces it; two rules of one id in one pack are an
/// error.
std::optional<model::diagnostic> read_pack(std::string_view text, const std::string& file, rule_book& into);

/// The rules in force: the built-in packs, then every `*.yaml` of `directory` (in name
/// order) when one is given.
model::result<rule_book> load_rules(const std::optional<std::string>& directory);

/// The log families rules may name.
std::span<const std::string_view> log_families();

} // namespace ikediff::diff::findings
