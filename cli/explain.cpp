#include "cli/explain.hpp"

#include "cli/report/writer.hpp"
#include "diff/findings/codes/codes.hpp"
#include "diff/findings/rule_loader.hpp"
#include "diff/ike/classify.hpp"
#include "cli/report/advice/remedy.hpp"
#include "model/text.hpp"
#include "parser/system_log/system_log.hpp"

#include <nlohmann/json.hpp>

#include <iostream>
#include <optional>
#include <string>
#include <vector>

namespace ikediff::cli {

namespace {

/// One answer: a term in one table, or a rule, or a class.
struct answer {
    std::string term;
    std::string table; ///< a code table, `rule`, `failure-class`, `system-log-event`
    std::optional<std::int64_t> value;
    std::string name;
    std::string meaning;
    std::vector<std::string> fix;
    std::vector<model::reference> references;
};

bool same_code(const model::code_meaning& c, const diff::findings::code_remedy& remedy) {
    const auto wanted = diff::codes::lookup(remedy.table, remedy.term);
    return wanted && wanted->table == c.table &&
           (wanted->value && c.value ? *wanted->value == *c.value : model::iequals(wanted->name, c.name));
}

/// The answer for a decoded code, with what the rule packs say to do about it.
answer code_answer(const std::string& term, const model::code_meaning& c, const diff::findings::rule_book& book) {
    answer a{term, c.table, c.value, c.name, c.meaning, {}, {}};
    for (const diff::findings::rule& r : book.rules()) {
        for (const auto& remedy : r.codes) {
            if (!same_code(c, remedy)) {
                continue;
            }
            if (!remedy.cause.empty()) {
                a.meaning += (a.meaning.empty() ? "" : "\n") + remedy.cause;
            }
            a.fix.insert(a.fix.end(), remedy.fix.begin(), remedy.fix.end());
            a.fix.push_back("see rule " + r.id + " (" + r.title + ")");
            a.references.insert(a.references.end(), r.references.begin(), r.references.end());
        }
    }
    return a;
}

answer rule_answer(const std::string& term, const diff::findings::rule& r) {
    return {term, "rule", std::nullopt, r.id, r.title + ".\n" + r.cause, r.fix, r.references};
}

/// Every answer for `term`; empty when nothing knows it.
std::vector<answer> answers(const std::string& term, const diff::findings::rule_book& book) {
    namespace codes = diff::codes;
    std::vector<answer> out;
    // `table:value`
    if (const std::size_t colon = term.find(':'); colon != std::string::npos) {
        const std::string table = model::to_lower(term.substr(0, colon));
        for (const std::string_view t : codes::tables()) {
            if (t == table) {
                if (auto c = codes::lookup(table, model::trim(std::string_view(term).substr(colon + 1)))) {
                    out.push_back(code_answer(term, *c, book));
                }
                return out;
            }
        }
    }
    // A rule id, or a phrase a rule names.
    for (const diff::findings::rule& r : book.rules()) {
        // The id, or one of the rule's phrases, whole (case and a final full stop aside).
        const auto bare = [](std::string_view t) {
            t = model::trim(t);
            while (!t.empty() && (t.back() == '.' || t.back() == ':')) {
                t.remove_suffix(1);
            }
            return t;
        };
        bool named = model::iequals(r.id, term);
        for (const std::string& phrase : r.terms) {
            named = named || model::iequals(bare(phrase), bare(term));
        }
        if (named) {
            out.push_back(rule_answer(term, r));
        }
    }
    // A failure class.
    for (unsigned c = 0; c <= static_cast<unsigned>(model::failure_class::dpd_down); ++c) {
        const auto fc = static_cast<model::failure_class>(c);
        if (model::iequals(model::to_string(fc), term)) {
            model::negotiation n;
            n.result = model::outcome::failed;
            n.failure = fc;
            answer a{term, "failure-class", std::nullopt, std::string(model::to_string(fc)),
                     std::string(diff::meaning(fc)), {}, {}};
            for (const guide_step& s : next_steps(n, nullptr)) {
                std::string step = s.text;
                if (!s.command.empty()) {
                    while (!step.empty() && (step.back() == '.' || step.back() == ':')) {
                        step.pop_back();
                    }
                    step += ": " + s.command;
                }
                a.fix.push_back(std::move(step));
            }
            out.push_back(std::move(a));
        }
    }
    // A system log event id.
    if (const auto code = parser::system_event_code(model::to_lower(term))) {
        answer a{term, "system-log-event", std::nullopt, model::to_lower(term), {}, {}, {}};
        if (const diff::rule* r = diff::rule_for(*code)) {
            a.meaning = std::string(r->meaning);
            if (r->failure) {
                a.meaning += " (failure class " + std::string(model::to_string(*r->failure)) + ": " +
                             std::string(diff::meaning(*r->failure)) + ")";
            }
        } else {
            a.meaning = std::string(model::to_string(*code));
        }
        out.push_back(std::move(a));
    }
    // A code in every table that holds it.
    for (const model::code_meaning& c : codes::lookup_all(term)) {
        out.push_back(code_answer(term, c, book));
    }
    return out;
}

void print_text(std::ostream& out, const std::vector<answer>& all) {
    for (const answer& a : all) {
        out << a.table << ' ' << (a.value ? std::to_string(*a.value) : a.term);
        if (!a.name.empty() && a.name != a.term) {
            out << "  " << a.name;
        }
        out << '\n';
        for (std::string_view meaning = a.meaning; !meaning.empty();) {
            const std::size_t nl = std::min(meaning.find('\n'), meaning.size());
            out << "  " << terminal_safe(meaning.substr(0, nl)) << '\n';
            meaning.remove_prefix(std::min(nl + 1, meaning.size()));
        }
        for (std::size_t i = 0; i < a.fix.size(); ++i) {
            out << (i == 0 ? "  fix: " : "       ") << terminal_safe(a.fix[i]) << '\n';
        }
        for (std::size_t i = 0; i < a.references.size(); ++i) {
            out << (i == 0 ? "  see: " : "       ") << terminal_safe(a.references[i].title) << ": "
                << terminal_safe(a.references[i].url) << '\n';
        }
        out << '\n';
    }
}

void print_json(std::ostream& out, const std::vector<answer>& all) {
    nlohmann::ordered_json doc;
    doc["schema"] = "ikediff-explain/1";
    doc["terms"] = nlohmann::ordered_json::array();
    for (const answer& a : all) {
        nlohmann::ordered_json t;
        t["term"] = a.term;
        t["table"] = a.table;
        t["value"] = a.value ? nlohmann::ordered_json(*a.value) : nlohmann::ordered_json();
        t["name"] = a.name;
        t["meaning"] = a.meaning;
        t["fix"] = a.fix;
        t["references"] = nlohmann::ordered_json::array();
        for (const auto& r : a.references) {
            t["references"].push_back({{"title", r.title}, {"url", r.url}});
        }
        doc["terms"].push_back(std::move(t));
    }
    out << doc.dump(2) << '\n';
}

int usage(const std::string& message) {
    std::cerr << "ikediff: error: " << message << "\n"
              << "usage: ikediff explain TERM... [--format text|json] [--rules DIR]\n";
    return 2;
}

} // namespace

int explain(int argc, const char* const* argv) {
    std::vector<std::string> terms;
    std::string format = "text";
    std::optional<std::string> rules_dir;
    for (int i = 0; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--format" || arg == "-f" || arg == "--rules") {
            if (i + 1 == argc) {
                return usage(arg + " needs a value");
            }
            (arg == "--rules" ? rules_dir.emplace() : format) = argv[++i];
        } else if (arg.starts_with("--format=")) {
            format = arg.substr(9);
        } else if (arg.starts_with("--rules=")) {
            rules_dir = arg.substr(8);
        } else if (arg == "--help" || arg == "-h") {
            std::cout << "usage: ikediff explain TERM... [--format text|json] [--rules DIR]\n\n"
                         "Explains a code or a name without any log: krb5:-1765328360, x509:20, errno:145,\n"
                         "tls-alert:handshake_failure, pan-ssl:-12, pan-ssh:-40, decrypt-unsupport-param,\n"
                         "psk-mismatch, ike-nego-p1-fail-psk, \"Error 55\", a rule id. A bare number is\n"
                         "looked up in every table.\n";
            return 0;
        } else if (arg.starts_with("--") && arg.size() > 2) {
            return usage("unknown option '" + arg + "'");
        } else {
            terms.push_back(arg);
        }
    }
    if (format != "text" && format != "json") {
        return usage("unknown --format '" + format + "': use text or json");
    }
    if (terms.empty()) {
        return usage("nothing to explain: name a code or a term");
    }
    auto book = diff::findings::load_rules(rules_dir);
    if (!book) {
        std::cerr << "ikediff: error: " << terminal_safe(book.error().located_message()) << '\n';
        return 2;
    }
    std::vector<answer> all;
    int status = 0;
    for (const std::string& term : terms) {
        if (model::trim(term).empty()) {
            return usage("an empty term explains nothing");
        }
        std::vector<answer> found = answers(term, book.value());
        if (found.empty()) {
            std::cerr << "ikediff: unknown term '" << terminal_safe(term) << "'\n";
            status = 1;
        }
        all.insert(all.end(), found.begin(), found.end());
    }
    if (format == "json") {
        print_json(std::cout, all);
    } else {
        print_text(std::cout, all);
    }
    return status;
}

} // namespace ikediff::cli
