// rule_literals: prints the literals the built-in rule packs' prefilter looks for, one a
// line: the anchors of every pattern over a management-plane log
// (`diff::findings::rule_scan::literals()`, the longest blank-free literal of each). Given
// to `grep -c -F -f`, grep looks for exactly what ikediff's prefilter looks for
// (scripts/bench-findings).
//
//   rule_literals > LITERALS
//
// Exit status: 0; 1 when a pattern has no literal (the scan then reads every line, and a
// grep for literals would compare nothing fair); 2 when the built-in packs do not load.

#include "diff/findings/rule_loader.hpp"
#include "diff/findings/scan.hpp"

#include <cstdio>
#include <optional>

int main() {
    using namespace ikediff::diff::findings;
    const auto book = load_rules(std::nullopt);
    if (!book) {
        std::fprintf(stderr, "rule_literals: %s\n", book.error().located_message().c_str());
        return 2;
    }
    const rule_scan scan(book.value());
    const auto literals = scan.literals();
    if (!literals) {
        std::fprintf(stderr, "rule_literals: a rule over a management-plane log has a pattern "
                             "without literal text: every line is read\n");
        return 1;
    }
    for (const std::string& l : *literals) {
        std::printf("%s\n", l.c_str());
    }
    return 0;
}
