// system_log_from_report: the PAN-OS system log (the GUI's CSV export of Monitor > Logs >
// System, newest first) a firewall would have written of the phase 1 negotiations an ikediff
// JSON report holds, one row for every EVERY-th of them: `ike-nego-p1-succ` for one
// established, `ike-nego-p1-fail` "Due to timeout" for a timeout, `ike-nego-p1-start` for
// the others, each naming the SA's endpoints and its cookie (the report's, or one made up),
// so that ikediff given the log and this system log merges each row into its negotiation.
// For scripts/bench-system-log: the cost of merging, not a model of every system log row.
//
//   system_log_from_report REPORT.json EVERY > system.csv
//
// The report is read with a callback that drops each negotiation once looked at: memory
// stays small whatever the report's size.

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace {

using json = nlohmann::json;

/// `2022/11/02 08:00:00` from the report's `2022-11-02T08:00:00.010-08:00` (the log's own
/// clock, as the system log of the same firewall shows it).
std::string csv_time(const std::string& iso) {
    std::string t = iso.substr(0, 19);
    t[4] = '/';
    t[7] = '/';
    t[10] = ' ';
    return t;
}

const std::string* text_at(const json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? &it->get_ref<const std::string&>() : nullptr;
}

/// The system log row for negotiation number `index` of the report, if it gets one.
bool row_for(const json& n, std::uint64_t index, std::pair<std::string, std::string>& row) {
    const auto phase = n.find("phase");
    const auto local = n.find("local");
    const auto peer = n.find("peer");
    const std::string* started = text_at(n, "started");
    if (phase == n.end() || *phase != 1 || started == nullptr || started->size() < 19 || local == n.end() ||
        !local->is_object() || peer == n.end() || !peer->is_object()) {
        return false;
    }
    const std::string* local_address = text_at(*local, "address");
    const std::string* peer_address = text_at(*peer, "address");
    if (local_address == nullptr || peer_address == nullptr) {
        return false;
    }
    std::string cookie;
    if (const std::string* c = text_at(n, "cookie"); c != nullptr && c->size() >= 16) {
        cookie = c->substr(0, 16);
    } else {
        char made[17];
        std::snprintf(made, sizeof made, "%016llx",
                      static_cast<unsigned long long>(index * 0x9e3779b97f4a7c15ULL));
        cookie = made;
    }
    const std::string* role = text_at(n, "role");
    const std::string* exchange = text_at(n, "exchange");
    const std::string as = std::string(role != nullptr ? *role : "responder") + ", " +
                           (exchange != nullptr && *exchange == "aggressive" ? "aggressive" : "main") + " mode";
    const std::string sa = *local_address + "[500]-" + *peer_address + "[500] cookie:" + cookie + ":0000000000000000";
    const std::string* outcome = text_at(n, "outcome");
    const std::string* failure = text_at(n, "failure");
    std::string event, severity, description;
    if (outcome != nullptr && *outcome == "established") {
        event = "ike-nego-p1-succ";
        severity = "informational";
        description = "IKE phase-1 negotiation is succeeded as " + as + ". Established SA: " + sa + " lifetime 28800 Sec.";
    } else if (failure != nullptr && *failure == "timeout") {
        event = "ike-nego-p1-fail";
        severity = "high";
        description = "IKE phase-1 negotiation is failed as " + as + ". Failed SA: " + sa + ". Due to timeout.";
    } else {
        event = "ike-nego-p1-start";
        severity = "informational";
        description = "IKE phase-1 negotiation is started as " + as + ". Initiated SA: " + sa + ".";
    }
    const std::string when = csv_time(*started);
    row = {when, "1," + when + ",012801096514,SYSTEM,vpn,0," + when + ",," + event + ",GW-BENCH,0,0,general," +
                     severity + ",\"" + description + "\","};
    return true;
}

} // namespace

int main(int argc, char** argv) {
    const std::string every_text = argc == 3 ? argv[2] : "";
    if (every_text.empty() || every_text.size() > 9 || every_text.find_first_not_of("0123456789") != std::string::npos ||
        std::stoul(every_text) == 0) {
        std::cerr << "usage: system_log_from_report REPORT.json EVERY > system.csv   (EVERY: 1 or more)\n";
        return 2;
    }
    std::ifstream in(argv[1], std::ios::binary);
    if (!in) {
        std::cerr << "system_log_from_report: cannot read " << argv[1] << '\n';
        return 2;
    }
    const std::uint64_t every = std::stoul(every_text);
    std::vector<std::pair<std::string, std::string>> rows;
    std::uint64_t index = 0;
    bool in_negotiations = false;
    const json::parser_callback_t look = [&](int depth, json::parse_event_t event, json& parsed) {
        if (depth == 1 && event == json::parse_event_t::key) {
            in_negotiations = parsed.is_string() && parsed.get_ref<const std::string&>() == "negotiations";
        }
        if (in_negotiations && depth == 2 && event == json::parse_event_t::object_end) {
            std::pair<std::string, std::string> row;
            if (index++ % every == 0 && row_for(parsed, index, row)) {
                rows.push_back(std::move(row));
            }
            return false; // looked at: dropped
        }
        return true;
    };
    try {
        const json rest = json::parse(in, look); // what is left once the negotiations are dropped
        (void)rest;
    } catch (const json::exception& e) {
        std::cerr << "system_log_from_report: " << argv[1] << ": not JSON: " << e.what() << '\n';
        return 2;
    }
    // The GUI's export: newest first, numbered by sequence.
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    std::cout << "Domain,Receive Time,Serial #,Type,Threat/Content Type,Config Version,Generate Time,Virtual System,"
                 "Event ID,Object,FUTURE_USE,FUTURE_USE,Module,Severity,Description,Sequence Number,Action Flags,"
                 "Device Group Hierarchy Level 1,Device Group Hierarchy Level 2,Device Group Hierarchy Level 3,"
                 "Device Group Hierarchy Level 4,Virtual System Name,Device Name\n";
    std::uint64_t sequence = rows.size();
    for (const auto& [when, row] : rows) {
        std::cout << row << sequence-- << ",0x0,0,0,0,0,,PA-BENCH\n";
    }
    std::cerr << "system_log_from_report: " << rows.size() << " rows of " << index << " negotiations\n";
    return std::cout ? 0 : 2;
}
