#include "parser/traffic_log/traffic_log.hpp"

#include "model/text.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace ikediff::parser {

namespace {

/// Columns of the syslog field order (mp-logs.md section 1.6).
constexpr std::size_t k_min_positional_fields = 47; // through Session End Reason
const traffic_log_feeder::columns k_positional{
    .type = 3,
    .subtype = 4,
    .generated_time = 6,
    .receive_time = 1,
    .source_address = 7,
    .destination_address = 8,
    .rule = 11,
    .source_user = 12,
    .application = 14,
    .vsys = 15,
    .destination_port = 25,
    .protocol = 29,
    .action = 30,
    .session_end_reason = 46,
};

/// The columns a header row names, or none when it is not a traffic log header (it must
/// name the source and the destination address).
std::optional<traffic_log_feeder::columns> header_columns(const std::vector<csv_field>& fields) {
    using c = traffic_log_feeder::columns;
    static constexpr std::array<panos::column_name<c>, 25> k_names{{
        {"type", &c::type},
        {"subtype", &c::subtype},
        {"threatcontenttype", &c::subtype},
        {"contentthreattype", &c::subtype},
        {"generatetime", &c::generated_time},
        {"generatedtime", &c::generated_time},
        {"timegenerated", &c::generated_time},
        {"receivetime", &c::receive_time},
        {"receivedtime", &c::receive_time},
        {"timereceived", &c::receive_time},
        {"sourceaddress", &c::source_address},
        {"source", &c::source_address},
        {"destinationaddress", &c::destination_address},
        {"destination", &c::destination_address},
        {"rule", &c::rule},
        {"rulename", &c::rule},
        {"sourceuser", &c::source_user},
        {"application", &c::application},
        {"virtualsystem", &c::vsys},
        {"destinationport", &c::destination_port},
        {"ipprotocol", &c::protocol},
        {"protocol", &c::protocol},
        {"action", &c::action},
        {"sessionendreason", &c::session_end_reason},
        {"vsys", &c::vsys},
    }};
    const c out = panos::named_columns(fields, k_names);
    if (!out.source_address || !out.destination_address) {
        return std::nullopt;
    }
    return out;
}

/// A cheap test before reading a line as a header row: it must name a destination.
bool may_be_header(std::string_view line) {
    return line.find("estination") != std::string_view::npos ||
           line.find("ESTINATION") != std::string_view::npos;
}

bool is_header(std::string_view line) {
    if (!may_be_header(line)) {
        return false;
    }
    std::vector<csv_field> fields;
    split_csv(line, fields);
    return header_columns(fields).has_value();
}

/// The greatest column `cols` reads.
std::size_t last_column(const traffic_log_feeder::columns& cols) {
    std::size_t last = 0;
    for (const std::optional<std::size_t>& c :
         {cols.type, cols.subtype, cols.generated_time, cols.receive_time, cols.source_address,
          cols.destination_address, cols.rule, cols.source_user, cols.application, cols.vsys,
          cols.destination_port, cols.protocol, cols.action, cols.session_end_reason}) {
        last = std::max(last, c.value_or(0));
    }
    return last;
}

/// `src -> dst:port app reason`, the parts the row has; an IPv6 destination in brackets.
std::string summary_text(const model::record_event& r) {
    const auto value = [&r](std::string_view name) -> std::string {
        const std::string* v = r.field(name);
        return v != nullptr ? *v : std::string{};
    };
    std::string out = value("source_address") + " -> ";
    std::string destination = value("destination_address");
    const std::string port = value("destination_port");
    if (!port.empty()) {
        destination =
            destination.find(':') != std::string::npos ? "[" + destination + "]" : destination;
        destination += ":" + port;
    }
    out += destination;
    for (const std::string& part : {value("application"), value("session_end_reason")}) {
        if (!part.empty()) {
            out += " " + part;
        }
    }
    return out;
}

} // namespace

bool looks_like_traffic_log(std::string_view line) {
    line = panos::strip_line(line);
    if (model::trim(line).empty()) {
        return false;
    }
    return model::iequals(panos::record_type(line), "TRAFFIC") || is_header(line);
}

// traffic_log_feeder ------------------------------------------------------------------------

traffic_log_feeder::traffic_log_feeder(std::uint32_t input_index, input_stats& stats,
                                       event_sink sink)
    : m_input(input_index), m_stats(stats), m_sink(std::move(sink)) {}

void traffic_log_feeder::feed(std::string_view line) {
    m_line = line;
    const auto header_of = [](std::string_view text, const std::vector<csv_field>& fields) {
        return may_be_header(text) ? header_columns(fields) : std::nullopt;
    };
    const auto other = [](std::string_view) { return false; };
    const panos::routed_row row =
        panos::route_line(line, m_stats, m_header, m_fields, header_of, other);
    if (row.how != panos::row_layout::none) {
        read_row(row.offset,
                 row.how == panos::row_layout::header ? layout::header : layout::positional);
    }
}

void traffic_log_feeder::feed_oversized() {
    panos::count_oversized(m_stats);
}

void traffic_log_feeder::read_row(std::size_t offset, layout how) {
    const columns& cols = how == layout::header ? *m_header : k_positional;
    const auto text_of = [this](std::optional<std::size_t> column) -> std::string_view {
        return column && *column < m_fields.size() ? model::trim(m_fields[*column].text)
                                                   : std::string_view{};
    };
    const auto malformed = [this](std::size_t column, std::string message) {
        panos::malformed_entry(m_stats, "traffic log", column, std::move(message));
    };

    // Type TRAFFIC (every row of an export without a Type column), or noise.
    if (cols.type &&
        (*cols.type >= m_fields.size() || !model::iequals(text_of(cols.type), "TRAFFIC"))) {
        ++m_stats.unrecognized;
        return;
    }
    const std::optional<std::size_t> time_column =
        cols.generated_time ? cols.generated_time : cols.receive_time;
    if (!time_column) {
        malformed(1, "the header row names no time column");
        return;
    }
    const std::size_t needed =
        how == layout::positional ? k_min_positional_fields : last_column(cols) + 1;
    if (m_fields.size() < needed) {
        malformed(m_line.size() + 1, "expected at least " + std::to_string(needed) +
                                         " fields, found " + std::to_string(m_fields.size()));
        return;
    }
    const csv_field& generated = m_fields[*time_column];
    const std::optional<model::timestamp> time = panos::parse_time(generated.text);
    if (!time) {
        malformed(offset + generated.offset + 1, "unreadable time \"" + generated.text + "\"");
        return;
    }

    model::record_event record;
    record.log = "traffic-log";
    const auto add = [&record, &text_of](std::string_view name, std::optional<std::size_t> column) {
        const std::string_view value = text_of(column);
        if (!value.empty()) {
            record.fields.emplace_back(std::string(name), std::string(value));
        }
    };
    add("subtype", cols.subtype);
    add("session_end_reason", cols.session_end_reason);
    add("source_address", cols.source_address);
    add("destination_address", cols.destination_address);
    add("destination_port", cols.destination_port);
    add("application", cols.application);
    add("rule", cols.rule);
    add("source_user", cols.source_user);
    add("protocol", cols.protocol);
    add("action", cols.action);
    add("vsys", cols.vsys);

    model::log_event event;
    event.where = {m_input, m_stats.physical_lines, 1};
    event.time = *time;
    event.text = summary_text(record);
    event.what = std::move(record);
    event.key.kind = model::correlation::by::none;
    ++m_stats.recognized;
    m_sink(std::move(event));
}

} // namespace ikediff::parser
