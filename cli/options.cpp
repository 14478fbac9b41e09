#include "cli/options.hpp"

#include <algorithm>

#include "model/time.hpp"

#include <boost/program_options.hpp>

#include <cstdio>
#include <sstream>

namespace ikediff::cli {

namespace po = boost::program_options;

namespace {

model::diagnostic usage_error(std::string message) {
    model::diagnostic d;
    d.code = "usage";
    d.message = std::move(message);
    d.help = "run `ikediff --help` for the options and an example";
    return d;
}

po::options_description visible_options() {
    po::options_description o("Options");
    o.add_options()
        ("expect,e", po::value<std::string>()->value_name("SHEET"),
         "the intended parameter sheet (YAML) to compare both sides with")
        ("format,f", po::value<std::string>()->value_name("FORMAT")->default_value("text"),
         ("report format: " + report_format_names()).c_str())
        ("output,o", po::value<std::string>()->value_name("FILE"), "write the report to FILE")
        ("peer", po::value<std::string>()->value_name("ADDR"), "only negotiations with this peer address")
        ("gateway", po::value<std::string>()->value_name("NAME"), "only negotiations of this IKE gateway")
        ("since", po::value<std::string>()->value_name("TIME"), "only negotiations started at or after TIME")
        ("until", po::value<std::string>()->value_name("TIME"), "only negotiations started at or before TIME")
        ("color", po::value<std::string>()->value_name("WHEN")->default_value("auto"),
         "colour the text report: auto, always or never (NO_COLOR is honoured)")
        ("emit-sheet", po::value<std::string>()->value_name("FILE"),
         "also write the parameter sheet the firewall's observed configuration corresponds to, one "
         "tunnel per peer, as a starting point for an onboarding sheet")
        ("redact", "replace addresses, hostnames, gateway and tunnel names, IKE cookies and SPIs by "
                   "stable pseudonyms (ip4-1, gateway-1, ...), in every format, so the report can go to "
                   "a third party")
        ("rules", po::value<std::string>()->value_name("DIR"),
         "also read the rule packs (*.yaml) in DIR; a rule with a built-in rule's id replaces it "
         "(docs/rules.md)")
        ("version", "print the version and exit")
        ("help,h", "print this help and exit");
    return o;
}

} // namespace

std::string help_text() {
    std::string out =
        "usage: ikediff [OPTIONS] INPUT... [--expect SHEET]\n"
        "       ikediff explain TERM... [--format text|json] [--rules DIR]\n"
        "\n"
        "Reads PAN-OS ikemgr.log files, system logs (CSV export or syslog), tech-support\n"
        "archives, directories and gzip files ('-' for standard input), rebuilds every IKE\n"
        "negotiation, names why it failed, and compares what the\n"
        "firewall (PAN-OS, \"DB\") and the peer used with the parameter sheet both parties\n"
        "agreed on, to say which side to change. The management-plane logs (ms.log,\n"
        "devsrv.log, useridd.log, ...), system and traffic logs it reads go through rule\n"
        "packs (findings); `ikediff explain` says what a code or a term means. The\n"
        "firewall's configuration (running-config.xml, a PAN-OS config export) is read first:\n"
        "each sheet tunnel is checked against its gateway and profiles, and fixes name them.\n"
        "\n";
    std::ostringstream o;
    o << visible_options();
    out += o.str();
    // The formats the registry holds, each in its line (cli/report/formats.cpp).
    out += "\nReport formats (--format):\n";
    std::size_t width = 0;
    for (const auto& [name, format] : k_report_formats) {
        width = std::max(width, name.size());
    }
    for (const auto& [name, format] : k_report_formats) {
        out += "  " + std::string(name) + std::string(width - name.size() + 2, ' ');
        out += std::string(format.description) + "\n";
    }
    out +=
        "\n"
        "Example: the firewall 200.100.5.1 and a branch device 200.100.1.254 agreed on\n"
        "aes-256-cbc / sha512 / group20 / 8h; phase 1 fails.\n"
        "\n"
        "  $ cat params.yaml\n"
        "  name: osaka-branch\n"
        "  local_address: 200.100.5.1\n"
        "  peer_address: 200.100.1.254\n"
        "  ike: {version: ikev1, exchange_mode: main, auth: pre-shared-key,\n"
        "        encryption: aes-256-cbc, hash: sha512, dh_group: group20, lifetime: 8h}\n"
        "  $ ikediff ikemgr.log --expect params.yaml\n"
        "  ...\n"
        "    parameter  expected  PAN-OS  peer    fix\n"
        "    hash       sha512    sha256  sha512  PAN-OS\n"
        "    fix: change the firewall's IKE crypto profile hash from sha256 to sha512\n"
        "         set network ike crypto-profiles ike-crypto-profiles <ike-crypto-profile> hash sha512\n"
        "\n"
        "  $ ikediff techsupport.tgz --expect params.yaml --format markdown --redact > ticket.md\n"
        "\n"
        "Exit status: 0 nothing failed or deviates, 1 a failure or deviation was found,\n"
        "2 trouble (bad usage, unreadable input, invalid sheet).\n";
    return out;
}

std::optional<diff::filter::bound> parse_time_bound(const std::string& text, bool end_of_day) {
    int year = 0;
    unsigned month = 0, day = 0, hour = 0, minute = 0, second = 0;
    int used = 0;
    if (std::sscanf(text.c_str(), "%4d-%2u-%2u%n", &year, &month, &day, &used) != 3 || used != 10) {
        return std::nullopt;
    }
    std::string_view rest = std::string_view(text).substr(10);
    bool has_time = false;
    if (!rest.empty() && (rest[0] == 'T' || rest[0] == ' ')) {
        const std::string tail(rest.substr(1));
        int n = 0;
        if (std::sscanf(tail.c_str(), "%2u:%2u%n", &hour, &minute, &n) != 2 || n != 5) {
            return std::nullopt;
        }
        rest = rest.substr(1 + 5);
        if (rest.size() >= 3 && rest[0] == ':') {
            int m = 0;
            const std::string sec(rest.substr(1));
            if (std::sscanf(sec.c_str(), "%2u%n", &second, &m) != 1 || m != 2) {
                return std::nullopt;
            }
            rest = rest.substr(3);
        }
        has_time = true;
    }
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
        return std::nullopt;
    }
    std::optional<std::int32_t> offset;
    if (rest == "Z") {
        offset = 0;
    } else if (!rest.empty() && (rest[0] == '+' || rest[0] == '-')) {
        unsigned hh = 0, mm = 0;
        const std::string zone(rest.substr(1));
        int n = 0;
        if (!((std::sscanf(zone.c_str(), "%2u:%2u%n", &hh, &mm, &n) == 2 && n == 5) ||
              (std::sscanf(zone.c_str(), "%2u%2u%n", &hh, &mm, &n) == 2 && n == 4))) {
            return std::nullopt;
        }
        const auto minutes = static_cast<std::int32_t>(hh * 60 + mm);
        offset = rest[0] == '-' ? -minutes : minutes;
    } else if (!rest.empty()) {
        return std::nullopt;
    }
    unsigned millis = 0;
    if (!has_time && end_of_day) {
        hour = 23;
        minute = 59;
        second = 59;
        millis = 999;
    }
    const auto t = model::timestamp::from_civil(year, month, day, hour, minute, second, millis, offset, true);
    // Without a zone the bound is wall-clock time: from_civil read it as UTC already.
    return diff::filter::bound{t.epoch_ms, !offset.has_value(), offset.value_or(0)};
}

model::result<options> parse_options(int argc, const char* const* argv) {
    po::options_description all = visible_options();
    all.add_options()("input", po::value<std::vector<std::string>>(), "input files");
    po::positional_options_description positional;
    positional.add("input", -1);

    po::variables_map vm;
    try {
        po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        return usage_error(e.what());
    }

    options o;
    o.help = vm.count("help") != 0;
    o.version = vm.count("version") != 0;
    if (o.help || o.version) {
        return o;
    }
    if (vm.count("input") != 0) {
        o.inputs = vm["input"].as<std::vector<std::string>>();
    }
    if (o.inputs.empty()) {
        return usage_error("no input: give one or more ikemgr.log files, or '-' for standard input");
    }
    if (vm.count("expect") != 0) {
        o.expect = vm["expect"].as<std::string>();
    }
    o.format = vm["format"].as<std::string>();
    if (find_report_format(o.format) == nullptr) {
        return usage_error("unknown --format '" + o.format + "': use " + report_format_names());
    }
    if (vm.count("output") != 0) {
        o.output = vm["output"].as<std::string>();
    }
    if (vm.count("peer") != 0) {
        o.filter.peer = vm["peer"].as<std::string>();
    }
    if (vm.count("gateway") != 0) {
        o.filter.gateway = vm["gateway"].as<std::string>();
    }
    for (const char* name : {"since", "until"}) {
        if (vm.count(name) == 0) {
            continue;
        }
        const std::string text = vm[name].as<std::string>();
        const bool until = std::string_view(name) == "until";
        auto bound = parse_time_bound(text, until);
        if (!bound) {
            return usage_error("--" + std::string(name) + " '" + text +
                               "' is not a time such as 2021-07-06, '2021-07-06 18:35' or 2021-07-06T18:35:17+09:00");
        }
        (until ? o.filter.until : o.filter.since) = bound;
    }
    const std::string color = vm["color"].as<std::string>();
    if (color == "auto") {
        o.color = color_mode::automatic;
    } else if (color == "always") {
        o.color = color_mode::always;
    } else if (color == "never") {
        o.color = color_mode::never;
    } else {
        return usage_error("unknown --color '" + color + "': use auto, always or never");
    }
    o.redact = vm.count("redact") != 0;
    if (vm.count("rules") != 0) {
        o.rules = vm["rules"].as<std::string>();
    }
    if (vm.count("emit-sheet") != 0) {
        o.emit_sheet = vm["emit-sheet"].as<std::string>();
    }
    return o;
}

} // namespace ikediff::cli
