#include "diff/findings/rule_loader.hpp"

#include "diff/findings/codes/codes.hpp"
#include "diff/yaml_diagnostic.hpp"
#include "model/text.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace ikediff::diff::findings {

namespace {

constexpr std::array<std::string_view, 6> k_families = {"ms.log",     "configd.log", "devsrv.log",
                                                        "useridd.log", "system-log", "traffic-log"};

struct pack_error {
    model::diagnostic d;
};

class pack_reader {
public:
    explicit pack_reader(std::string file) : m_file(std::move(file)) {}

    [[noreturn]] void fail(const YAML::Node& at, std::string message, std::size_t extra_column = 0) const {
        const YAML::Mark mark = at.Mark();
        model::diagnostic d;
        d.code = "rules-invalid";
        d.message = std::move(message);
        d.file = m_file;
        if (mark.line >= 0) {
            d.line = static_cast<std::uint64_t>(mark.line) + 1;
            d.column = static_cast<std::uint64_t>(mark.column) + 1 + extra_column;
        }
        throw pack_error{std::move(d)};
    }

    void read(const YAML::Node& root, rule_book& into) {
        if (!root.IsMap()) {
            fail(root, "a rule pack is a map with `area` and `rules`");
        }
        only_keys(root, {"area", "rules"});
        const std::string area = text(required(root, "area", "the pack"), "area");
        const YAML::Node rules = required(root, "rules", "the pack");
        if (!rules.IsSequence()) {
            fail(rules, "`rules` is a list of rules");
        }
        std::set<std::string> ids;
        for (const YAML::Node& node : rules) {
            rule r = read_rule(node);
            r.area = area;
            r.pack = m_file;
            if (!ids.insert(r.id).second) {
                fail(node["id"], "a second rule with the id `" + r.id + "` in this pack");
            }
            into.put(std::move(r));
        }
    }

private:
    YAML::Node required(const YAML::Node& map, const char* key, const std::string& what) const {
        const YAML::Node node = map[key];
        if (!node) {
            fail(map, what + " has no `" + key + "`");
        }
        return node;
    }

    void only_keys(const YAML::Node& map, std::initializer_list<std::string_view> keys) const {
        for (const auto& kv : map) {
            const std::string key = kv.first.as<std::string>();
            if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
                std::string known;
                for (const std::string_view k : keys) {
                    known += (known.empty() ? "" : ", ") + std::string(k);
                }
                fail(kv.first, "unknown key `" + key + "` (known: " + known + ")");
            }
        }
    }

    std::string text(const YAML::Node& node, std::string_view what) const {
        if (!node.IsScalar() || node.Scalar().empty()) {
            fail(node, "`" + std::string(what) + "` is a text");
        }
        return node.Scalar();
    }

    std::vector<std::string> texts(const YAML::Node& node, std::string_view what) const {
        std::vector<std::string> out;
        if (node.IsScalar()) {
            out.push_back(text(node, what));
            return out;
        }
        if (!node.IsSequence()) {
            fail(node, "`" + std::string(what) + "` is a list of texts");
        }
        for (const YAML::Node& item : node) {
            out.push_back(text(item, what));
        }
        return out;
    }

    std::string family(const YAML::Node& node) const {
        const std::string name = text(node, "logs");
        if (std::find(k_families.begin(), k_families.end(), name) == k_families.end()) {
            fail(node, "unknown log `" + name +
                           "` (ms.log, configd.log, devsrv.log, useridd.log, system-log, traffic-log)");
        }
        return name;
    }

    rule_match read_match(const YAML::Node& node) const {
        if (!node.IsMap()) {
            fail(node, "a match is a map with `logs` and `text` or `where`");
        }
        only_keys(node, {"logs", "field", "text", "where"});
        rule_match m;
        const YAML::Node logs = required(node, "logs", "a match");
        if (logs.IsScalar()) {
            m.logs.push_back(family(logs));
        } else if (logs.IsSequence() && logs.size() > 0) {
            for (const YAML::Node& l : logs) {
                m.logs.push_back(family(l));
            }
        } else {
            fail(logs, "`logs` is a list of log families");
        }
        if (const YAML::Node field = node["field"]) {
            m.field = text(field, "field");
        }
        if (const YAML::Node t = node["text"]) {
            std::string error;
            std::size_t column = 0;
            pattern p = pattern::compile(text(t, "text"), error, column);
            if (!error.empty()) {
                // Where the scalar starts, and where in the pattern: a quoted or folded
                // scalar's text is not its source, column for column.
                fail(t, "in the pattern, at its character " + std::to_string(column + 1) + ": " + error);
            }
            m.text = std::move(p);
        }
        if (const YAML::Node where = node["where"]) {
            if (!where.IsMap() || where.size() == 0) {
                fail(where, "`where` is a map of fields to values");
            }
            for (const auto& kv : where) {
                m.where.emplace_back(text(kv.first, "where"), text(kv.second, "where"));
            }
        }
        if (!m.text && m.where.empty()) {
            fail(node, "a match needs `text`, `where` or both");
        }
        return m;
    }

    rule read_rule(const YAML::Node& node) const {
        if (!node.IsMap()) {
            fail(node, "a rule is a map");
        }
        only_keys(node, {"id", "title", "severity", "match", "subject", "subject_default", "decode", "top", "cause",
                         "fix", "codes", "terms", "references", "samples"});
        rule r;
        r.id = text(required(node, "id", "a rule"), "id");
        const std::string what = "rule `" + r.id + "`";
        r.title = text(required(node, "title", what), "title");
        const YAML::Node severity = required(node, "severity", what);
        const auto level = model::finding_severity_named(text(severity, "severity"));
        if (!level) {
            fail(severity, "unknown severity (critical, high, medium, low, info)");
        }
        r.severity = *level;
        const YAML::Node match = required(node, "match", what);
        if (match.IsSequence()) {
            for (const YAML::Node& m : match) {
                r.matches.push_back(read_match(m));
            }
        } else {
            r.matches.push_back(read_match(match));
        }
        if (r.matches.empty()) {
            fail(match, what + " matches nothing");
        }
        if (const YAML::Node s = node["subject"]) {
            r.subject = texts(s, "subject");
        }
        if (const YAML::Node s = node["subject_default"]) {
            r.subject_default = text(s, "subject_default");
        }
        if (const YAML::Node decode = node["decode"]) {
            if (!decode.IsMap()) {
                fail(decode, "`decode` maps a capture to the code tables it is looked up in");
            }
            for (const auto& kv : decode) {
                std::vector<std::string> tables = texts(kv.second, "decode");
                for (const std::string& t : tables) {
                    const auto known = codes::tables();
                    if (std::find(known.begin(), known.end(), t) == known.end()) {
                        fail(kv.second, "unknown code table `" + t + "`");
                    }
                }
                r.decode.emplace_back(text(kv.first, "decode"), std::move(tables));
            }
        }
        if (const YAML::Node top = node["top"]) {
            r.top = texts(top, "top");
        }
        r.cause = text(required(node, "cause", what), "cause");
        r.fix = texts(required(node, "fix", what), "fix");
        if (const YAML::Node list = node["codes"]) {
            if (!list.IsSequence()) {
                fail(list, "`codes` is a list of remedies per code");
            }
            for (const YAML::Node& c : list) {
                if (!c.IsMap()) {
                    fail(c, "a code's remedy is a map with `code`, `cause`, `fix`");
                }
                only_keys(c, {"code", "cause", "fix"});
                const YAML::Node code = required(c, "code", "a code's remedy");
                const std::string name = text(code, "code");
                const std::size_t colon = name.find(':');
                if (colon == std::string::npos) {
                    fail(code, "a code is `table:value`, e.g. `krb5:-1765328360`");
                }
                code_remedy cr;
                cr.table = name.substr(0, colon);
                cr.term = name.substr(colon + 1);
                if (!codes::lookup(cr.table, cr.term)) {
                    fail(code, "`" + name + "` is in no code table");
                }
                if (const YAML::Node cause = c["cause"]) {
                    cr.cause = text(cause, "cause");
                }
                if (const YAML::Node fix = c["fix"]) {
                    cr.fix = texts(fix, "fix");
                }
                r.codes.push_back(std::move(cr));
            }
        }
        if (const YAML::Node terms = node["terms"]) {
            r.terms = texts(terms, "terms");
        }
        const YAML::Node refs = required(node, "references", what);
        if (!refs.IsSequence() || refs.size() == 0) {
            fail(refs, "`references` lists the articles the rule rests on");
        }
        for (const YAML::Node& ref : refs) {
            if (!ref.IsMap()) {
                fail(ref, "a reference is a map with `title` and `url`");
            }
            only_keys(ref, {"title", "url"});
            r.references.push_back({text(required(ref, "title", "a reference"), "title"),
                                    ref["url"] ? text(ref["url"], "url") : std::string()});
        }
        const YAML::Node samples = node["samples"];
        if (!samples || !samples.IsSequence() || samples.size() == 0) {
            fail(samples ? samples : node, what + " has no sample: each rule carries lines it must match");
        }
        const std::vector<std::string> logs = r.logs();
        for (const YAML::Node& s : samples) {
            if (!s.IsMap()) {
                fail(s, "a sample is a map with `log` and `line`");
            }
            only_keys(s, {"log", "line", "captures"});
            rule_sample sample;
            const YAML::Node log = required(s, "log", "a sample");
            sample.log = family(log);
            if (std::find(logs.begin(), logs.end(), sample.log) == logs.end()) {
                fail(log, "the sample's log is not one " + what + " reads");
            }
            sample.line = text(required(s, "line", "a sample"), "line");
            sample.at_line = static_cast<std::uint64_t>(s.Mark().line + 1);
            if (const YAML::Node caps = s["captures"]) {
                if (!caps.IsMap()) {
                    fail(caps, "`captures` maps a capture to the text it must take");
                }
                for (const auto& kv : caps) {
                    sample.captures[kv.first.as<std::string>()] = kv.second.as<std::string>();
                }
            }
            check_sample(r, sample, s);
            r.samples.push_back(std::move(sample));
        }
        return r;
    }

    /// A sample a rule does not match is an error: a pack tests itself as it loads. The raw
    /// line stands for the record (a pattern may match anywhere in it); the test suite reads
    /// the built-in samples through the real readers (tests/diff/findings/rules_test.cpp).
    void check_sample(const rule& r, const rule_sample& sample, const YAML::Node& at) const {
        captures caught;
        for (const rule_match& m : r.matches) {
            if (std::find(m.logs.begin(), m.logs.end(), sample.log) == m.logs.end()) {
                continue;
            }
            const std::string line = model::to_lower(sample.line);
            const bool where_holds = std::all_of(m.where.begin(), m.where.end(), [&](const auto& w) {
                return line.find(model::to_lower(w.second)) != std::string::npos;
            });
            if (!where_holds || (m.text && !m.text->match(sample.line, caught))) {
                continue;
            }
            for (const auto& [name, value] : sample.captures) {
                const auto it = std::find_if(caught.begin(), caught.end(),
                                             [n = std::string_view(name)](const auto& c) { return c.first == n; });
                if (it == caught.end() || it->second != value) {
                    fail(at["captures"], "the sample's capture `" + name + "` is `" +
                                             (it == caught.end() ? std::string("(none)") : std::string(it->second)) +
                                             "`, not `" + value + "`");
                }
            }
            return;
        }
        fail(at, "the sample matches none of rule `" + r.id + "`'s patterns for " + sample.log);
    }

    std::string m_file;
};

} // namespace

std::span<const std::string_view> log_families() { return k_families; }

std::vector<std::string> rule::logs() const {
    std::vector<std::string> out;
    for (const rule_match& m : matches) {
        for (const std::string& l : m.logs) {
            if (std::find(out.begin(), out.end(), l) == out.end()) {
                out.push_back(l);
            }
        }
    }
    return out;
}

void rule_book::put(rule r) {
    for (rule& existing : m_rules) {
        if (existing.id == r.id) {
            existing = std::move(r);
            return;
        }
    }
    m_rules.push_back(std::move(r));
}

const rule* rule_book::find(std::string_view id) const {
    for (const rule& r : m_rules) {
        if (r.id == id) {
            return &r;
        }
    }
    return nullptr;
}

std::optional<model::diagnostic> read_pack(std::string_view text, const std::string& file, rule_book& into) {
    pack_reader reader(file);
    try {
        const YAML::Node root = YAML::Load(std::string(text));
        reader.read(root, into);
        return std::nullopt;
    } catch (const pack_error& e) {
        return e.d;
    } catch (const YAML::Exception& e) {
        return yaml_diagnostic(e, "rules-yaml", file);
    }
}

model::result<rule_book> load_rules(const std::optional<std::string>& directory) {
    rule_book book;
    for (const embedded_pack& p : built_in_packs()) {
        if (auto error = read_pack(p.text, "(built-in) " + std::string(p.name), book)) {
            return *error;
        }
    }
    if (!directory) {
        return book;
    }
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_directory(*directory, ec)) {
        model::diagnostic d;
        d.code = "rules-unreadable";
        d.message = "--rules names no directory";
        d.file = *directory;
        return d;
    }
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(*directory, ec)) {
        const std::string ext = entry.path().extension().string();
        if (entry.is_regular_file() && (ext == ".yaml" || ext == ".yml")) {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& f : files) {
        std::ifstream in(f, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        if (!in) {
            model::diagnostic d;
            d.code = "rules-unreadable";
            d.message = std::string("cannot read the rule pack: ") + std::strerror(errno);
            d.file = f.string();
            return d;
        }
        if (auto error = read_pack(text.str(), f.string(), book)) {
            return *error;
        }
    }
    return book;
}

} // namespace ikediff::diff::findings
