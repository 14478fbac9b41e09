// libFuzzer target for the parameter sheet loader (diff/ike/sheet_loader.hpp): `parse_sheet` on
// any text returns a sheet or a diagnostic, never throws or crashes; and a `psk` /
// `pre_shared_key` value never reaches a diagnostic nor the sheet (contract.md section 3:
// "its value is never printed anywhere"; model/sheet.hpp).
//
// The psk check cannot be "the diagnostic does not contain the value": the same text may be
// written elsewhere in the sheet (`name: x` next to `psk: x`), reach another key through a
// YAML alias (`psk: &k x` ... `name: *k`), or be a word of the message itself (`psk: a`).
// Instead, every psk value the input writes as a one-line plain or quoted scalar is replaced
// in the text by a sentinel that occurs nowhere else; the new text is parsed with yaml-cpp to
// make sure the sentinel now sits at psk values only; then neither its diagnostic
// (`located_message()`, `help`) nor the sheet read from it may contain the sentinel. The
// loader only prints scalars between backticks and the sentinel has none, so the sentinel
// cannot be spelt across a scalar and the text around it: if it is there, a psk value is.

#include "diff/ike/sheet_loader.hpp"
#include "fuzz/fuzz_support.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>
#include <yaml-cpp/yaml.h>

namespace {

using namespace ikediff;
using fuzz::check;

/// Lower case (the loader lower-cases some values), no blank, quote or backtick, and no
/// prefix of it is also its suffix (so copies of it cannot overlap).
constexpr std::string_view k_sentinel = "zqxpsksentinel7";

/// Nodes a walk may visit: aliases make a small text a large tree ("billion laughs").
constexpr std::size_t k_walk_budget = 10'000;
constexpr int k_walk_depth = 200;

bool is_psk_key(const YAML::Node& key) {
    return key.IsScalar() && (key.Scalar() == "psk" || key.Scalar() == "pre_shared_key");
}

/// Calls `f(scalar, is_psk_value)` for every scalar of the tree, keys included. False when
/// the tree was too large or too deep to walk whole.
class scalar_walk {
public:
    using visitor = std::function<void(const YAML::Node&, bool)>;

    explicit scalar_walk(visitor f) : m_f(std::move(f)) {}

    bool run(const YAML::Node& root) {
        visit(root, false, 0);
        return m_complete;
    }

private:
    void visit(const YAML::Node& node, bool psk_value, int depth) {
        if (m_visited++ >= k_walk_budget || depth > k_walk_depth) {
            m_complete = false;
            return;
        }
        if (node.IsScalar()) {
            m_f(node, psk_value);
        } else if (node.IsSequence()) {
            for (const YAML::Node& item : node) {
                visit(item, false, depth + 1);
            }
        } else if (node.IsMap()) {
            for (const auto& entry : node) {
                visit(entry.first, false, depth + 1);
                visit(entry.second, is_psk_key(entry.first), depth + 1);
            }
        }
    }

    visitor m_f;
    std::size_t m_visited = 0;
    bool m_complete = true;
};

/// A range of the sheet's text.
struct span {
    std::size_t begin = 0;
    std::size_t size = 0;
};

/// Where, in `text`, the characters of a scalar whose node starts at `pos` are written as its
/// value `value` (a plain scalar, or the inside of a quoted one on one line); none when they
/// are not (block scalars, escapes, folded lines, an anchor or tag before it, an alias).
std::optional<span> written_at(std::string_view text, std::size_t pos, std::string_view value) {
    if (value.empty() || pos >= text.size()) {
        return std::nullopt;
    }
    if (text.substr(pos, value.size()) == value) {
        return span{pos, value.size()};
    }
    const char quote = text[pos];
    if ((quote == '"' || quote == '\'') && text.substr(pos + 1, value.size()) == value &&
        pos + 1 + value.size() < text.size() && text[pos + 1 + value.size()] == quote) {
        return span{pos + 1, value.size()};
    }
    return std::nullopt;
}

std::optional<YAML::Node> load(const std::string& text) {
    try {
        return YAML::Load(text);
    } catch (const YAML::Exception&) {
        return std::nullopt;
    }
}

/// `text` with every psk value it writes replaced by the sentinel, when the sentinel then
/// stands for psk values only; none when there is no such value or that cannot be made sure.
std::optional<std::string> with_sentinel_psk(const std::string& text) {
    if (text.find("psk") == std::string::npos && text.find("pre_shared_key") == std::string::npos) {
        return std::nullopt;
    }
    if (text.find(k_sentinel) != std::string::npos) {
        return std::nullopt;
    }
    const std::optional<YAML::Node> root = load(text);
    if (!root) {
        return std::nullopt;
    }
    std::vector<span> spans;
    scalar_walk find([&](const YAML::Node& node, bool psk_value) {
        if (!psk_value || node.Mark().pos < 0) {
            return;
        }
        if (auto s = written_at(text, static_cast<std::size_t>(node.Mark().pos), node.Scalar())) {
            spans.push_back(*s);
        }
    });
    if (!find.run(*root) || spans.empty()) {
        return std::nullopt;
    }
    // An alias visits its node again: one replacement per place; from the end, so that the
    // places before stay where they are. Overlapping places mean a misread: give up.
    std::sort(spans.begin(), spans.end(),
              [](const span& a, const span& b) { return a.begin > b.begin; });
    spans.erase(std::unique(spans.begin(), spans.end(),
                            [](const span& a, const span& b) { return a.begin == b.begin; }),
                spans.end());
    std::string out = text;
    for (std::size_t i = 0; i < spans.size(); ++i) {
        if (i > 0 && spans[i].begin + spans[i].size > spans[i - 1].begin) {
            return std::nullopt;
        }
        out.replace(spans[i].begin, spans[i].size, k_sentinel);
    }

    // The sentinel must now be exactly the psk values it replaced, and nothing else.
    const std::optional<YAML::Node> again = load(out);
    if (!again) {
        return std::nullopt;
    }
    std::size_t at_psk = 0;
    bool elsewhere = false;
    scalar_walk verify([&](const YAML::Node& node, bool psk_value) {
        if (node.Scalar().find(k_sentinel) == std::string::npos) {
            return;
        }
        if (psk_value && node.Scalar() == k_sentinel) {
            ++at_psk;
        } else {
            elsewhere = true;
        }
    });
    if (!verify.run(*again) || elsewhere || at_psk == 0) {
        return std::nullopt;
    }
    return out;
}

bool has_sentinel(const std::string& s) {
    return s.find(k_sentinel) != std::string::npos;
}

bool has_sentinel(const std::optional<std::string>& s) {
    return s && has_sentinel(*s);
}

/// Every text the sheet keeps (model/sheet.hpp): none may be a psk value.
bool sheet_has_sentinel(const model::sheet& sheet) {
    const auto identity = [](const std::optional<model::ike_identity>& id) {
        return id && (has_sentinel(id->type) || has_sentinel(id->id));
    };
    for (const model::tunnel_expectation& t : sheet.tunnels) {
        if (has_sentinel(t.name) || has_sentinel(t.gateway) || has_sentinel(t.peer_vendor) ||
            has_sentinel(t.local_address) || has_sentinel(t.peer_address) ||
            has_sentinel(t.ike.crypto_profile) || identity(t.ike.local_id) ||
            identity(t.ike.peer_id) || has_sentinel(t.ipsec.crypto_profile)) {
            return true;
        }
        for (const model::proxy_id& p : t.ipsec.proxy_ids) {
            if (has_sentinel(p.local) || has_sentinel(p.remote) || has_sentinel(p.protocol)) {
                return true;
            }
        }
    }
    return false;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    (void)diff::parse_sheet(text, "fuzz.yaml");

    const std::optional<std::string> marked = with_sentinel_psk(text);
    if (!marked) {
        return 0;
    }
    const model::result<model::sheet> r = diff::parse_sheet(*marked, "fuzz.yaml");
    if (r) {
        check(!sheet_has_sentinel(r.value()), "a psk value was kept in the sheet");
    } else {
        check(!has_sentinel(r.error().located_message()), "a psk value in a diagnostic's message");
        check(!has_sentinel(r.error().help), "a psk value in a diagnostic's help");
    }
    return 0;
}
