// The registry of report formats: one line per format, in the order `--help` lists them.
// A format's writer lives in a file of its own (text.cpp, json.cpp, markdown.cpp) and is
// reached only through here: `--format` and the pipeline (cli/run.cpp) ask this list.

#include "cli/report/writer.hpp"

#include <algorithm>
#include <array>

namespace ikediff::cli {

namespace {

constexpr std::array k_formats{
    std::pair<std::string_view, report_format>{
        "text",
        {"failures and deviations first, each fix, the evidence (the default)", false,
         [](const writer_settings& s) { return text_writer(s.color); }}},
    std::pair<std::string_view, report_format>{
        "json",
        {"one JSON object (schema ikediff/1), streamed while the inputs are read", true,
         [](const writer_settings&) { return json_writer(); }}},
    std::pair<std::string_view, report_format>{
        "markdown",
        {"for a ticket: a summary per tunnel, checklists, PAN-OS commands", false,
         [](const writer_settings&) { return markdown_writer(); }}},
};

} // namespace

constinit const std::span<const std::pair<std::string_view, report_format>> k_report_formats{k_formats};

const report_format* find_report_format(std::string_view name) {
    const auto it = std::find_if(k_report_formats.begin(), k_report_formats.end(),
                                 [name](const auto& f) { return f.first == name; });
    return it != k_report_formats.end() ? &it->second : nullptr;
}

std::string report_format_names() {
    std::string out;
    for (std::size_t i = 0; i < k_report_formats.size(); ++i) {
        out += i == 0 ? "" : i + 1 == k_report_formats.size() ? " or " : ", ";
        out += k_report_formats[i].first;
    }
    return out;
}

} // namespace ikediff::cli
