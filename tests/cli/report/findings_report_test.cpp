// Findings (contract.md section 7) and configuration checks (section 9) through the writer
// interface: every format renders them (JSON member by member, text and Markdown line by
// line), they raise the exit status as section 2 says, redaction hides what they name, and a
// report without them has none of their parts (the golden files hold the rest).

#include "cli/report/redact.hpp"
#include "cli/report/writer.hpp"
#include "diff/ike/compare.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace ikediff;
using json = nlohmann::ordered_json;

model::timestamp at(unsigned hour, unsigned minute) {
    return model::timestamp::from_civil(2024, 2, 8, hour, minute, 0, 0, 540, true);
}

/// The contract's example finding, its evidence naming the server and an address.
model::finding kerberos_finding() {
    model::finding f;
    f.rule = "userid-kerberos";
    f.severity = model::finding_severity::high;
    f.status = model::finding_status::observed;
    f.title = "User-ID server monitoring cannot get a Kerberos ticket";
    f.subject = "dc1.example.com";
    f.log = "useridd.log";
    f.count = 12;
    f.first = at(18, 10);
    f.last = at(19, 40);
    f.codes.push_back({"krb5", -1765328360, "-1765328360", "KRB5KDC_ERR_PREAUTH_FAILED", "Preauthentication failed"});
    f.cause = "the service account's password in the server monitor profile is wrong";
    f.fix = {"update the password of the service account", "commit and check show user server-monitor state all"};
    f.references = {{"User-ID server monitoring", "https://docs.example.org/userid"}};
    f.evidence.push_back(
        {{0, 812, 1}, "failed to get krb5 tgt ticket for dc1.example.com (10.1.2.3) with error -1765328360"});
    return f;
}

model::finding finding_of(model::finding_severity severity, model::finding_status status, std::string rule) {
    model::finding f;
    f.rule = std::move(rule);
    f.severity = severity;
    f.status = status;
    f.title = "the symptom of " + f.rule;
    f.count = 1;
    return f;
}

model::config_check hash_check(bool ok) {
    model::config_check c;
    c.tunnel = "osaka-branch";
    c.gateway = "GW-OSAKA";
    c.phase = 1;
    c.attribute = "hash";
    c.expected = "sha512";
    c.configured = ok ? "sha512" : "sha256";
    c.ok = ok;
    return c;
}

/// What goes into a report besides its inputs.
struct items {
    std::vector<model::finding> findings;
    std::vector<model::config_check> checks;
    std::vector<model::rule_check> rules;
};

/// The whole report `writer` writes of `what` (after the input `ikemgr.log`, read), each item
/// counted into `r` before the writer gets it, as the pipeline does.
std::string written(cli::report_writer& writer, cli::report& r, const items& what) {
    r.inputs.emplace_back().name = "useridd.log";
    std::ostringstream out;
    writer.begin(out, r);
    for (const auto& c : what.checks) {
        cli::hand_over(r, writer, c);
    }
    for (const auto& f : what.findings) {
        cli::hand_over(r, writer, f);
    }
    r.rule_checks = what.rules;
    writer.finish(out, r);
    return out.str();
}

std::string written(std::unique_ptr<cli::report_writer> writer, const items& what) {
    cli::report r;
    return written(*writer, r, what);
}

/// The lines of `text`.
std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        out.push_back(line);
    }
    return out;
}

bool has_line(const std::string& text, const std::string& line) {
    const auto lines = lines_of(text);
    return std::find(lines.begin(), lines.end(), line) != lines.end();
}

const items k_both{{kerberos_finding()},
                   {hash_check(true), hash_check(false)},
                   {{"userid-kerberos", {"useridd.log"}, 12}}};

TEST(FindingsJson, FindingsChecksAndConfigChecksAreListedAfterTheNegotiations) {
    const std::string text = written(cli::json_writer(), k_both);
    const json doc = json::parse(text);
    // Laid out as nlohmann lays out the whole document, the lists where they belong.
    EXPECT_EQ(text, doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n");
    std::vector<std::string> keys;
    for (const auto& [key, value] : doc.items()) {
        keys.push_back(key);
    }
    EXPECT_EQ(keys, (std::vector<std::string>{"schema", "sheet", "negotiations", "findings", "checks",
                                              "config_checks", "inputs", "summary"}));

    ASSERT_EQ(doc["findings"].size(), 1u);
    const json& f = doc["findings"][0];
    EXPECT_EQ(f["rule"], "userid-kerberos");
    EXPECT_EQ(f["severity"], "high");
    EXPECT_EQ(f["status"], "observed");
    EXPECT_EQ(f["title"], "User-ID server monitoring cannot get a Kerberos ticket");
    EXPECT_EQ(f["subject"], "dc1.example.com");
    EXPECT_EQ(f["log"], "useridd.log");
    EXPECT_EQ(f["count"], 12);
    EXPECT_EQ(f["first"], "2024-02-08T18:10:00.000+09:00");
    EXPECT_EQ(f["last"], "2024-02-08T19:40:00.000+09:00");
    ASSERT_EQ(f["codes"].size(), 1u);
    EXPECT_EQ(f["codes"][0]["table"], "krb5");
    EXPECT_EQ(f["codes"][0]["value"], -1765328360);
    EXPECT_EQ(f["codes"][0]["term"], "-1765328360");
    EXPECT_EQ(f["codes"][0]["name"], "KRB5KDC_ERR_PREAUTH_FAILED");
    EXPECT_EQ(f["codes"][0]["meaning"], "Preauthentication failed");
    EXPECT_EQ(f["cause"], kerberos_finding().cause);
    EXPECT_EQ(f["fix"], json(kerberos_finding().fix));
    ASSERT_EQ(f["references"].size(), 1u);
    EXPECT_EQ(f["references"][0]["title"], "User-ID server monitoring");
    EXPECT_EQ(f["references"][0]["url"], "https://docs.example.org/userid");
    ASSERT_EQ(f["evidence"].size(), 1u);
    EXPECT_EQ(f["evidence"][0]["input"], "useridd.log");
    EXPECT_EQ(f["evidence"][0]["line"], 812);
    EXPECT_EQ(f["evidence"][0]["text"], kerberos_finding().evidence[0].text);

    EXPECT_EQ(doc["checks"], json::parse(R"([{"rule": "userid-kerberos", "logs": ["useridd.log"], "hits": 12}])"));

    ASSERT_EQ(doc["config_checks"].size(), 2u);
    EXPECT_EQ(doc["config_checks"][1], json::parse(R"({"tunnel": "osaka-branch", "gateway": "GW-OSAKA", "phase": 1,
        "attribute": "hash", "expected": "sha512", "configured": "sha256", "ok": false})"));
    EXPECT_EQ(doc["config_checks"][0]["ok"], true);

    EXPECT_EQ(doc["summary"]["findings"],
              json::parse(R"({"critical": 0, "high": 1, "medium": 0, "low": 0, "info": 0})"));
    EXPECT_EQ(doc["summary"]["config_deviations"], 1);
    EXPECT_EQ(doc["summary"]["exit_status"], 1);
}

TEST(FindingsJson, AbsentValuesAreNull) {
    model::finding f = finding_of(model::finding_severity::info, model::finding_status::explained, "x509-20");
    f.codes.push_back({"x509", std::nullopt, "", "", "unable to get local issuer certificate"});
    model::config_check c;
    c.tunnel = "osaka-branch";
    c.attribute = "gateway";
    const json doc = json::parse(written(cli::json_writer(), {{f}, {c}, {}}));
    const json& out = doc["findings"][0];
    for (const char* member : {"subject", "log", "first", "last"}) {
        EXPECT_TRUE(out[member].is_null()) << member;
    }
    EXPECT_TRUE(out["codes"][0]["value"].is_null());
    EXPECT_TRUE(out["codes"][0]["name"].is_null());
    EXPECT_EQ(out["fix"], json::array());
    // The contract's tunnel without a gateway for its peer address.
    EXPECT_EQ(doc["config_checks"][0], json::parse(R"({"tunnel": "osaka-branch", "gateway": null, "phase": null,
        "attribute": "gateway", "expected": null, "configured": null, "ok": false})"));
    EXPECT_EQ(doc["checks"], json::array()); // the findings part, though no rule was checked
    EXPECT_EQ(doc["summary"]["findings"]["info"], 0); // explained: not counted as observed
    EXPECT_EQ(doc["summary"]["exit_status"], 1);      // the check that is not ok
}

TEST(FindingsJson, RulesCheckedAndNothingFoundIsAnEmptyList) {
    const std::string text = written(cli::json_writer(), {{}, {}, {{"lc-cert-eku", {"ms.log", "configd.log"}, 0}}});
    const json doc = json::parse(text);
    EXPECT_EQ(text, doc.dump(2) + "\n");
    EXPECT_EQ(doc["findings"], json::array());
    EXPECT_EQ(doc["checks"][0]["logs"], json::parse(R"(["ms.log", "configd.log"])"));
    EXPECT_FALSE(doc.contains("config_checks"));
    EXPECT_EQ(doc["summary"]["exit_status"], 0);
}

TEST(FindingsJson, AReportWithoutThemHasNoneOfTheirMembers) {
    const json doc = json::parse(written(cli::json_writer(), {}));
    for (const char* member : {"findings", "checks", "config_checks"}) {
        EXPECT_FALSE(doc.contains(member)) << member;
    }
    EXPECT_FALSE(doc["summary"].contains("findings"));
    EXPECT_FALSE(doc["summary"].contains("config_deviations"));
}

TEST(FindingsJson, ManyFindingsAndANegotiationStayInOneDocument) {
    cli::report r;
    r.inputs.emplace_back().name = "ikemgr.log";
    const auto writer = cli::json_writer();
    std::ostringstream out;
    writer->begin(out, r);
    model::negotiation n;
    n.lines.push_back({{0, 1, 1}, "a line"});
    n.evidence.push_back(0);
    diff::analyser analyse(nullptr, {});
    const auto nr = analyse.add(std::move(n));
    ASSERT_TRUE(nr.has_value());
    r.count(*nr);
    writer->negotiation(r, *nr);
    for (int i = 0; i < 2000; ++i) {
        const auto f = finding_of(model::finding_severity::low, model::finding_status::observed,
                                  "rule-" + std::to_string(i));
        r.count(f);
        writer->finding(r, f);
    }
    writer->finish(out, r);
    const json doc = json::parse(out.str());
    EXPECT_EQ(out.str(), doc.dump(2) + "\n");
    EXPECT_EQ(doc["negotiations"].size(), 1u);
    ASSERT_EQ(doc["findings"].size(), 2000u);
    EXPECT_EQ(doc["findings"][1999]["rule"], "rule-1999"); // in the order they came
    EXPECT_EQ(doc["summary"]["findings"]["low"], 2000);
    EXPECT_EQ(doc["summary"]["exit_status"], 0); // low: below medium
}

TEST(FindingsExitStatus, ObservedMediumOrWorseRaisesItExplainedNever) {
    using model::finding_severity;
    using model::finding_status;
    const auto status_with = [](finding_severity s, finding_status st) {
        cli::report r;
        r.count(finding_of(s, st, "r"));
        return r.exit_status();
    };
    EXPECT_EQ(status_with(finding_severity::critical, finding_status::observed), 1);
    EXPECT_EQ(status_with(finding_severity::high, finding_status::observed), 1);
    EXPECT_EQ(status_with(finding_severity::medium, finding_status::observed), 1);
    EXPECT_EQ(status_with(finding_severity::low, finding_status::observed), 0);
    EXPECT_EQ(status_with(finding_severity::info, finding_status::observed), 0);
    EXPECT_EQ(status_with(finding_severity::critical, finding_status::explained), 0);
    cli::report none;
    EXPECT_EQ(none.exit_status(), 0);
}

TEST(FindingsExitStatus, AConfigCheckNotOkIsADeviation) {
    cli::report ok;
    ok.count(hash_check(true));
    EXPECT_EQ(ok.exit_status(), 0);
    cli::report deviates;
    deviates.count(hash_check(true));
    deviates.count(hash_check(false));
    EXPECT_EQ(deviates.exit_status(), 1);
    EXPECT_EQ(deviates.summary().config_checks, 2u);
    EXPECT_EQ(deviates.summary().config_deviations, 1u);
    deviates.stopped = model::diagnostic{};
    EXPECT_EQ(deviates.exit_status(), 2); // trouble still wins
}

TEST(FindingsText, AFindingIsABlockOfItsOwnWorstFirst) {
    items what = k_both;
    what.findings.insert(what.findings.begin(),
                         finding_of(model::finding_severity::low, model::finding_status::observed, "low-rule"));
    what.findings.push_back(
        finding_of(model::finding_severity::critical, model::finding_status::observed, "worst-rule"));
    what.findings.push_back(
        finding_of(model::finding_severity::info, model::finding_status::explained, "asked-rule"));
    const std::string text = written(cli::text_writer(cli::colors::off), what);
    EXPECT_TRUE(has_line(text, "4 findings: 1 critical, 1 high, 1 low, 1 explained; 2 configuration checks: 1 "
                               "deviates from the sheet"))
        << text;
    EXPECT_TRUE(has_line(text, "HIGH      userid-kerberos  dc1.example.com")) << text;
    EXPECT_TRUE(has_line(text, "  User-ID server monitoring cannot get a Kerberos ticket"));
    EXPECT_TRUE(has_line(text, "  seen 12 times in useridd.log, 2024-02-08T18:10:00.000+09:00 to "
                               "2024-02-08T19:40:00.000+09:00"));
    EXPECT_TRUE(has_line(text, "  code: krb5 -1765328360 KRB5KDC_ERR_PREAUTH_FAILED: Preauthentication failed"));
    EXPECT_TRUE(has_line(text, "  cause: the service account's password in the server monitor profile is wrong"));
    EXPECT_TRUE(has_line(text, "  fix: update the password of the service account"));
    EXPECT_TRUE(has_line(text, "       commit and check show user server-monitor state all"));
    EXPECT_TRUE(has_line(text, "  see: User-ID server monitoring: https://docs.example.org/userid"));
    EXPECT_TRUE(has_line(text, "    useridd.log:812  " + kerberos_finding().evidence[0].text));
    EXPECT_TRUE(has_line(text, "INFO      asked-rule"));
    EXPECT_TRUE(has_line(text, "  explained: no line of the inputs shows it"));
    const auto worst = text.find("CRITICAL  worst-rule");
    const auto high = text.find("HIGH      userid-kerberos");
    const auto low = text.find("LOW       low-rule");
    ASSERT_NE(worst, std::string::npos);
    EXPECT_LT(worst, high);
    EXPECT_LT(high, low);

    EXPECT_TRUE(has_line(text, "configuration: 2 checks against the sheet, 1 deviates")) << text;
    EXPECT_TRUE(has_line(text, "  tunnel        gateway   parameter     expected  configured  result"));
    EXPECT_TRUE(has_line(text, "  osaka-branch  GW-OSAKA  phase 1 hash  sha512    sha512      ok"));
    EXPECT_TRUE(has_line(text, "  osaka-branch  GW-OSAKA  phase 1 hash  sha512    sha256      DEVIATES"));
    EXPECT_TRUE(has_line(text, "rules checked:"));
    EXPECT_TRUE(has_line(text, "  userid-kerberos  useridd.log  12 hits"));
}

TEST(FindingsText, TextFromTheLogCannotReachTheTerminal) {
    model::finding f = kerberos_finding();
    f.subject = "dc1\x1b]0;owned\x07";
    f.evidence[0].text = "line \x1b[2J cleared";
    model::config_check c = hash_check(false);
    c.configured = "sha\x1b[31m256";
    const std::string text = written(cli::text_writer(cli::colors::off), {{f}, {c}, {}});
    EXPECT_EQ(text.find('\x1b'), std::string::npos) << text;
    EXPECT_NE(text.find("dc1\\x1b]0;owned\\x07"), std::string::npos);
    EXPECT_NE(text.find("line \\x1b[2J cleared"), std::string::npos);
}

TEST(FindingsText, AReportWithoutThemHasNoneOfTheirParts) {
    const std::string text = written(cli::text_writer(cli::colors::off), {});
    for (const char* part : {"finding", "configuration", "rules checked"}) {
        EXPECT_EQ(text.find(part), std::string::npos) << part << " in\n" << text;
    }
    EXPECT_TRUE(has_line(written(cli::text_writer(cli::colors::off), {{}, {}, {{"lc-cert-eku", {"ms.log"}, 0}}}),
                         "  lc-cert-eku  ms.log  clean"));
}

TEST(FindingsMarkdown, FindingsAndTheConfigurationTableHaveTheirSections) {
    model::finding f = kerberos_finding();
    f.cause = "a *starred* cause with a | pipe";
    const std::string text = written(cli::markdown_writer(), {{f}, k_both.checks, k_both.rules});
    EXPECT_TRUE(has_line(text, "- **Findings:** 1 (1 high)")) << text;
    EXPECT_TRUE(has_line(text, "- **Configuration checks:** 2 (1 deviating from the sheet)"));
    EXPECT_TRUE(has_line(text, "- **Exit status:** 1"));
    EXPECT_TRUE(has_line(text, "## Findings"));
    EXPECT_TRUE(has_line(text, "### 🔴 HIGH: User-ID server monitoring cannot get a Kerberos ticket"));
    EXPECT_TRUE(has_line(text, "- **Rule:** `userid-kerberos`"));
    EXPECT_TRUE(has_line(text, "- **Subject:** dc1.example.com"));
    EXPECT_TRUE(has_line(text, "- **Seen:** 12 times in `useridd.log`, 2024-02-08T18:10:00.000+09:00 to "
                               "2024-02-08T19:40:00.000+09:00"));
    EXPECT_TRUE(has_line(text, "- **Code:** `krb5` `-1765328360` `KRB5KDC_ERR_PREAUTH_FAILED`: "
                               "Preauthentication failed"));
    EXPECT_TRUE(has_line(text, "**Cause:** a \\*starred\\* cause with a \\| pipe"));
    EXPECT_TRUE(has_line(text, "1. Update the password of the service account"));
    EXPECT_TRUE(has_line(text, "2. Commit and check show user server-monitor state all"));
    EXPECT_TRUE(has_line(text, "- [User-ID server monitoring](<https://docs.example.org/userid>)"));
    EXPECT_TRUE(has_line(text, "useridd.log:812  " + f.evidence[0].text));
    EXPECT_TRUE(has_line(text, "## Configuration checks"));
    EXPECT_TRUE(has_line(text, "| ❌ | osaka-branch | GW-OSAKA | phase 1 `hash` | `sha512` | `sha256` |"));
    EXPECT_TRUE(has_line(text, "| ✅ | osaka-branch | GW-OSAKA | phase 1 `hash` | `sha512` | `sha512` |"));
    EXPECT_TRUE(has_line(text, "- [ ] `userid-kerberos` in `useridd.log`: 12 hits"));
    // Before the inputs, after the summary.
    EXPECT_LT(text.find("## Summary"), text.find("## Configuration checks"));
    EXPECT_LT(text.find("## Configuration checks"), text.find("## Findings"));
    EXPECT_LT(text.find("## Findings"), text.find("## Inputs"));
}

TEST(FindingsMarkdown, AReportWithoutThemHasNoneOfTheirParts) {
    const std::string text = written(cli::markdown_writer(), {});
    for (const char* part : {"Findings", "Configuration", "Rules checked"}) {
        EXPECT_EQ(text.find(part), std::string::npos) << part << " in\n" << text;
    }
    const std::string clean = written(cli::markdown_writer(), {{}, {}, {{"lc-cert-eku", {"ms.log"}, 0}}});
    EXPECT_TRUE(has_line(clean, "No findings."));
    EXPECT_TRUE(has_line(clean, "- [x] `lc-cert-eku` in `ms.log`: clean"));
}

TEST(FindingsMarkdown, AReferenceUrlCannotBreakOutOfItsLink) {
    model::finding f = kerberos_finding();
    f.references = {{"", "https://example.org/a b>c\xc2\x9b"}};
    const std::string text = written(cli::markdown_writer(), {{f}, {}, {}});
    EXPECT_TRUE(has_line(text, "- [https://example.org/a b\\>c\\\\u009b](<https://example.org/a%20b%3Ec%C2%9B>)"))
        << text;
}

TEST(FindingsEveryFormat, EachRegisteredWriterRendersThem) {
    for (const auto& [name, format] : cli::k_report_formats) {
        SCOPED_TRACE(std::string(name));
        const std::string text = written(format.make({}), k_both);
        EXPECT_NE(text.find("User-ID server monitoring cannot get a Kerberos ticket"), std::string::npos) << text;
        EXPECT_NE(text.find("sha256"), std::string::npos) << text;
        EXPECT_NE(text.find("failed to get krb5 tgt ticket"), std::string::npos) << text;
    }
}

TEST(FindingsRedact, SubjectEvidenceAndNamesAreHiddenInEveryFormat) {
    model::finding f = kerberos_finding();
    model::finding by_name = finding_of(model::finding_severity::medium, model::finding_status::observed, "userid-wmi");
    by_name.subject = "DC2";
    by_name.evidence.push_back({{0, 9, 1}, "WMI query to DC2 failed: NT_STATUS_ACCESS_DENIED"});
    model::config_check c = hash_check(false);
    c.attribute = "peer_address";
    c.expected = "200.100.1.254";
    c.configured = "200.100.1.253";
    const items what{{f, by_name}, {c}, {}};
    for (const auto& [name, format] : cli::k_report_formats) {
        SCOPED_TRACE(std::string(name));
        const std::string text = written(cli::redacting_writer(format.make({}), nullptr), what);
        for (const char* secret : {"dc1.example.com", "10.1.2.3", "DC2", "GW-OSAKA", "osaka-branch", "200.100.1.25"}) {
            EXPECT_EQ(text.find(secret), std::string::npos) << "shows " << secret << ":\n" << text;
        }
        EXPECT_NE(text.find("tunnel-1"), std::string::npos) << text;
        EXPECT_NE(text.find("gateway-1"), std::string::npos);
        EXPECT_NE(text.find("subject-1"), std::string::npos);
        // What the rule pack says is kept.
        EXPECT_NE(text.find("https://docs.example.org/userid"), std::string::npos);
        EXPECT_NE(text.find("KRB5KDC_ERR_PREAUTH_FAILED"), std::string::npos);
    }
    // One value, one pseudonym: the subject and the line naming it agree.
    const json doc = json::parse(written(cli::redacting_writer(cli::json_writer(), nullptr), what));
    const std::string subject = doc["findings"][0]["subject"];
    EXPECT_EQ(subject.substr(0, 5), "host-");
    EXPECT_NE(doc["findings"][0]["evidence"][0]["text"].get<std::string>().find(subject + " (ip4-"), std::string::npos)
        << doc.dump(2);
    EXPECT_EQ(doc["findings"][1]["subject"], "subject-1");
    EXPECT_EQ(doc["findings"][1]["evidence"][0]["text"], "WMI query to subject-1 failed: NT_STATUS_ACCESS_DENIED");
    EXPECT_EQ(doc["config_checks"][0]["tunnel"], "tunnel-1");
    EXPECT_EQ(doc["config_checks"][0]["gateway"], "gateway-1");
    EXPECT_EQ(doc["config_checks"][0]["expected"].get<std::string>().substr(0, 4), "ip4-");
    EXPECT_NE(doc["config_checks"][0]["expected"], doc["config_checks"][0]["configured"]);
}

} // namespace

namespace {

TEST(FindingsRedact, AConfiguredIdentityOrGatewayIsHiddenAsAName) {
    // An identity is a name whatever it looks like: a DN, an FQDN without a known top-level
    // domain, a key id. The same value in the sheet and the configuration gets one pseudonym.
    model::config_check id = hash_check(false);
    id.attribute = "peer_id";
    id.expected = "CN=fw-osaka,O=Acme";
    id.configured = "fw-osaka.acme.internal";
    model::config_check gateway = hash_check(false);
    gateway.attribute = "gateway";
    gateway.expected = "GW-OSAKA";
    gateway.configured = "GW-KOBE";
    const items what{{}, {id, gateway}, {}};
    for (const auto& [name, format] : cli::k_report_formats) {
        SCOPED_TRACE(std::string(name));
        const std::string text = written(cli::redacting_writer(format.make({}), nullptr), what);
        for (const char* secret : {"fw-osaka", "Acme", "acme.internal", "GW-KOBE", "GW-OSAKA"}) {
            EXPECT_EQ(text.find(secret), std::string::npos) << "shows " << secret << ":\n" << text;
        }
    }
    const json doc = json::parse(written(cli::redacting_writer(cli::json_writer(), nullptr), what));
    EXPECT_EQ(doc["config_checks"][0]["expected"].get<std::string>().substr(0, 3), "id-") << doc.dump(2);
    EXPECT_NE(doc["config_checks"][0]["expected"], doc["config_checks"][0]["configured"]);
    // The gateway the check names and its expected value are one gateway: one pseudonym.
    EXPECT_EQ(doc["config_checks"][1]["expected"], doc["config_checks"][1]["gateway"]);
}

TEST(FindingsMarkdown, APipeInATableCellDoesNotSplitTheRow) {
    model::config_check c = hash_check(false);
    c.configured = "sha|256";
    const std::string text = written(cli::markdown_writer(), {{}, {c}, {{"rule|x", {"a|b.log"}, 0}}});
    EXPECT_NE(text.find("`sha\\|256`"), std::string::npos) << text;
    // A rule checked is a checklist item, not a table row: its pipes are text.
    EXPECT_NE(text.find("- [x] `rule|x` in `a|b.log`: clean"), std::string::npos) << text;
    for (const auto& line : lines_of(text)) {
        if (line.find("sha") != std::string::npos && line.starts_with("| ")) {
            // Every cell separator is unescaped; the one inside the value is not one.
            std::size_t separators = 0;
            for (std::size_t i = 0; i < line.size(); ++i) {
                if (line[i] == '|' && (i == 0 || line[i - 1] != '\\')) {
                    ++separators;
                }
            }
            EXPECT_EQ(separators, 7u) << line;
        }
    }
}

TEST(FindingsHandOver, AnItemHandedOverIsCountedBeforeTheWriterSeesIt) {
    // The writers decide from the report's totals whether to write a section: what reaches
    // a writer through hand_over is always counted.
    cli::report r;
    r.inputs.emplace_back().name = "useridd.log"; // where the finding's evidence is
    const auto writer = cli::json_writer();
    std::ostringstream out;
    writer->begin(out, r);
    cli::hand_over(r, *writer, kerberos_finding());
    cli::hand_over(r, *writer, hash_check(false));
    EXPECT_EQ(r.summary().config_checks, 1u);
    EXPECT_TRUE(r.has_findings());
    writer->finish(out, r);
    const json doc = json::parse(out.str());
    EXPECT_EQ(doc["findings"].size(), 1u);
    EXPECT_EQ(doc["config_checks"].size(), 1u);
    EXPECT_EQ(r.exit_status(), 1);
}

} // namespace
