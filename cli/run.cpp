#include "cli/run.hpp"

#include "cli/destination.hpp"
#include "cli/emit_sheet.hpp"
#include "cli/explain.hpp"
#include "cli/inputs.hpp"
#include "cli/options.hpp"
#include "cli/reading.hpp"
#include "cli/report/redact.hpp"
#include "cli/report/writer.hpp"
#include "diff/config/check.hpp"
#include "diff/ike/reconstruct.hpp"
#include "diff/findings/rule_loader.hpp"
#include "diff/findings/scan.hpp"
#include "diff/ike/sheet_loader.hpp"
#include "parser/mp_log/line.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <stdexcept>

namespace ikediff::cli {

namespace {

constexpr int k_status_trouble = 2;

int trouble(const model::diagnostic& d) {
    std::cerr << "ikediff: error: " << terminal_safe(d.located_message()) << '\n';
    if (!d.help.empty()) {
        std::cerr << "  help: " << terminal_safe(d.help) << '\n';
    }
    return k_status_trouble;
}

colors use_colors(color_mode mode, bool to_terminal) {
    switch (mode) {
    case color_mode::always: return colors::on;
    case color_mode::never: return colors::off;
    case color_mode::automatic: {
        const char* no_color = std::getenv("NO_COLOR");
        const bool disabled = no_color != nullptr && no_color[0] != '\0';
        return to_terminal && !disabled ? colors::on : colors::off;
    }
    }
    return colors::off;
}

/// The error when the file --output names is one of the inputs: the report would replace a
/// log ikediff is asked to read.
std::optional<model::diagnostic> output_is_an_input(const std::optional<std::string>& output,
                                                    const std::vector<input_file>& files) {
    if (!output) {
        return std::nullopt;
    }
    for (const input_file& f : files) {
        std::error_code ec;
        if (f.path != "-" && std::filesystem::equivalent(f.path, *output, ec) && !ec) {
            return input_error(*output, "the report would overwrite the input " + f.path);
        }
    }
    return std::nullopt;
}

/// The log family an input read is, for the rules checked against it: a management-plane
/// log by its file's name (empty when the name does not say), the system and traffic logs by
/// their format; none for other formats.
std::optional<std::string> family_of_input(const parser::input_stats& in) {
    if (in.format == "mp-log") {
        return std::string(parser::mp_log::family_of(parser::base_name(in.name)));
    }
    if (in.format == "system-log" || in.format == "traffic-log") {
        return in.format;
    }
    return std::nullopt;
}

/// Whether every input read is a configuration: the sheet was checked against it alone, and
/// "not seen" does not apply (contract.md section 9).
bool only_configurations(const std::vector<parser::input_stats>& inputs) {
    return !inputs.empty() && std::all_of(inputs.begin(), inputs.end(), [](const parser::input_stats& in) {
        return in.format == "panos-config";
    });
}

/// Ties `n` to the configuration's gateway for its peer, and that gateway's IPsec tunnel,
/// where the log names neither.
void tie_to_configuration(model::negotiation& n, const std::vector<model::vpn_config>& configs) {
    if (configs.empty() || !n.peer || (n.gateway && n.ipsec_tunnel)) {
        return;
    }
    const diff::config::placement p = diff::config::place_peer(n.peer->address, configs);
    if (p.gateway == nullptr) {
        return;
    }
    if (!n.gateway) {
        n.gateway = p.gateway->name;
    }
    if (!n.ipsec_tunnel && p.tunnel != nullptr && n.gateway == p.gateway->name) {
        n.ipsec_tunnel = p.tunnel->name;
    }
}

} // namespace

int run(int argc, const char* const* argv) {
    if (argc > 1 && std::string_view(argv[1]) == "explain") {
        return explain(argc - 2, argv + 2);
    }
    auto parsed = parse_options(argc, argv);
    if (!parsed) {
        return trouble(parsed.error());
    }
    const options& opts = parsed.value();
    if (opts.help) {
        std::cout << help_text();
        return 0;
    }
    if (opts.version) {
        std::cout << "ikediff " IKEDIFF_VERSION "\n";
        return 0;
    }

    std::optional<model::sheet> sheet;
    if (opts.expect) {
        auto loaded = diff::load_sheet(*opts.expect);
        if (!loaded) {
            return trouble(loaded.error());
        }
        sheet = std::move(loaded.value());
    }

    auto rules = diff::findings::load_rules(opts.rules);
    if (!rules) {
        return trouble(rules.error());
    }
    diff::findings::rule_scan scan(rules.value());
    diff::event_taker* const takers[] = {&scan};

    auto files = expand_inputs(opts.inputs);
    if (!files) {
        return trouble(files.error());
    }
    if (auto error = first_unopenable(files.value())) {
        return trouble(*error);
    }
    // The report's destination is opened before reading: a report that cannot be written is
    // said at once, and the JSON report streams (its head is written before any input). A
    // file named by --output gets the report only once it is whole (cli/destination.hpp).
    if (auto error = output_is_an_input(opts.output, files.value())) {
        return trouble(*error);
    }
    auto opened = report_destination::open(opts.output);
    if (!opened) {
        return trouble(opened.error());
    }
    report_destination& destination = *opened.value();
    std::ostream& out = destination.stream();
    // The pipeline, one way: inputs -> parser -> reconstructor -> analyser -> writer. Each
    // negotiation is analysed and rendered as soon as it is final, and then forgotten.
    report r;
    r.sheet = sheet ? &*sheet : nullptr;
    // The writer comes from the registry of formats (cli/report/formats.cpp); parse_options
    // took only a name it holds.
    const report_format& format = *find_report_format(opts.format);
    std::unique_ptr<report_writer> writer =
        format.make({.color = use_colors(opts.color, !opts.output && ::isatty(STDOUT_FILENO) == 1)});
    if (opts.redact) {
        writer = redacting_writer(std::move(writer), r.sheet);
    }
    diff::analyser analyse(r.sheet, opts.filter);
    std::optional<sheet_emitter> emit;
    if (opts.emit_sheet) {
        emit.emplace();
    }
    std::vector<model::vpn_config> configs;
    diff::reconstructor rebuild([&](model::negotiation&& n) {
        tie_to_configuration(n, configs);
        if (auto nr = analyse.add(std::move(n))) {
            if (emit) {
                emit->add(*nr);
            }
            hand_over(r, *writer, *nr);
            if (!out) {
                // A full disk: said now, not after the rest of the log was read.
                throw std::runtime_error(opts.output.value_or("stdout") + ": cannot write the report");
            }
        }
    });
    writer->begin(out, r);
    // An input unreadable after others were read is trouble, and no report replaces what
    // a file held. A report already streaming where it cannot be taken back (the JSON report
    // on standard output) is ended as a whole document of what was read, whose `error` says
    // why it stops.
    // The firewall's configuration is read ahead of the logs: its checks come first, and
    // the sheet takes the names of the gateways and profiles it leaves out (fix commands).
    const auto configured = [&](std::vector<model::vpn_config>&& read) {
        configs = std::move(read);
        if (emit) {
            for (const model::vpn_config& c : configs) {
                emit->add(c);
            }
        }
        if (!sheet) {
            return;
        }
        // The checks judge the sheet as written; the names it then takes serve the fixes.
        const std::vector<model::config_check> checks = diff::config::check(*sheet, configs);
        diff::config::name_from_configuration(*sheet, configs);
        for (const model::config_check& c : checks) {
            hand_over(r, *writer, c);
        }
    };
    r.stopped =
        read_inputs(files.value(), r.inputs, rebuild, parser::format_registry::built_in(), takers, configured);
    if (r.stopped && !(format.streams && destination.in_place())) {
        return trouble(*r.stopped);
    }
    rebuild.finish();
    // The findings, once every line was read: grouped by rule and subject, worst first.
    for (const parser::input_stats& in : r.inputs) {
        if (auto family = family_of_input(in)) {
            scan.read_log_of(*family);
        }
    }
    r.rule_checks = scan.checks();
    const std::vector<model::finding> findings = scan.findings();
    writer->findings_ahead(findings);
    for (const model::finding& f : findings) {
        hand_over(r, *writer, f);
    }
    if (!only_configurations(r.inputs)) {
        r.tunnels_not_seen = analyse.tunnels_not_seen();
    }
    r.filtered_out = analyse.filtered_out();

    writer->finish(out, r);
    if (auto error = destination.commit()) {
        return trouble(*error);
    }
    if (r.stopped) {
        return trouble(*r.stopped);
    }
    if (emit) {
        std::string source;
        for (const auto& in : r.inputs) {
            source += (source.empty() ? "" : ", ") + in.name;
        }
        std::ofstream sheet_file(*opts.emit_sheet, std::ios::binary | std::ios::trunc);
        sheet_file << emit->yaml(source);
        sheet_file.flush();
        if (!sheet_file) {
            return trouble(input_error(*opts.emit_sheet, std::string("cannot write the sheet: ") + std::strerror(errno)));
        }
    }

    return r.exit_status();
}

} // namespace ikediff::cli
