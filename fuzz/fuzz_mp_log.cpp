// libFuzzer target for the management-plane logs and the rule packs over them: the input
// read as an mp-log (parser/mp_log/) twice, once whole and once through the prefilter with
// the built-in rule packs' anchors (parser/io/line_pump.hpp), every record given to the
// rule scan (diff/findings/scan.hpp). A finding is a sanitizer report, an exception, or a
// broken promise: the prefilter must hand on every line a rule matches (the same findings
// either way), and must count the same physical lines.

#include "diff/findings/rule_loader.hpp"
#include "diff/findings/scan.hpp"
#include "fuzz/fuzz_support.hpp"
#include "parser/io/byte_source.hpp"
#include "parser/io/literal_set.hpp"
#include "parser/log_reader.hpp"
#include "parser/mp_log/format.hpp"
#include "parser/mp_log/line.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace ikediff;
using fuzz::check;

const diff::findings::rule_book& rules() {
    static const diff::findings::rule_book book = diff::findings::load_rules(std::nullopt).value();
    return book;
}

const parser::literal_set& anchors() {
    static const parser::literal_set set(*diff::findings::rule_scan(rules()).literals());
    return set;
}

struct outcome {
    std::vector<model::finding> findings;
    parser::input_stats stats;
};

outcome read(std::string_view text, const parser::literal_set* interest) {
    outcome o;
    o.stats.name = "useridd.log";
    parser::format_registry only_mp;
    only_mp.add(parser::mp_log::format());
    diff::findings::rule_scan scan(rules());
    parser::memory_source source(text);
    std::string error;
    // An input the mp-log format does not take is not read: nothing to compare.
    parser::read_log(
        source, 0, o.stats, [&](model::log_event&& e) { scan.take(e); }, error, only_mp, interest);
    o.findings = scan.findings();
    return o;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    // The line layout on its own: pieces cover the line in order.
    std::vector<parser::mp_log::piece> pieces;
    parser::mp_log::split_entries(text.substr(0, text.find('\n')), pieces);
    std::size_t at = 0;
    for (const auto& p : pieces) {
        check(p.column >= at, "glued entries out of order");
        at = p.column;
        (void)parser::mp_log::read_entry(p.text);
    }
    const outcome whole = read(text, nullptr);
    const outcome filtered = read(text, &anchors());
    check(whole.stats.physical_lines == filtered.stats.physical_lines,
          "the prefilter counted other physical lines than the whole reading");
    check(whole.findings.size() == filtered.findings.size(), "the prefilter lost or made a finding");
    for (std::size_t i = 0; i < whole.findings.size() && i < filtered.findings.size(); ++i) {
        check(whole.findings[i].rule == filtered.findings[i].rule &&
                  whole.findings[i].count == filtered.findings[i].count,
              "the prefilter changed a finding's count");
    }
    return 0;
}
