// mp_logs_generate: writes a mix of PAN-OS management-plane log lines (ms.log, configd.log,
// devsrvr.log, useridd.log, as docs/mp-logs.md section 1 lays them out) of any size, fast and
// seeded, and how many lines of it match each built-in rule (for scripts/bench-findings).
//
//   mp_logs_generate --size SIZE [--seed N] [--out FILE|-] [--counts FILE]
//
//     2024-02-08 18:10:00.412 +0900 Error: verify_cb(pan_ssl_curl_utils.c:652): Failed to ...
//     2024-02-08 18:10:00.431 +0900 debug: pan_user_id_ip_user_map_add(pan_user_id_map.c:822): ...
//     2024-02-08 18:10:00.455 +0900 mlav force_reconnect is true
//
// About one line in a thousand matches a rule: its message is one of the rules' own samples
// (diff/findings/rules/*.yaml, those of `log:` ms.log, configd.log, devsrv.log,
// useridd.log), with what the pattern captures varied (codes, server names, vsys, lengths),
// so findings group by several subjects. Every other line matches no rule, but many share
// words with them (`Error`, `failed`, `Connection`, `certificate`, `code`, the articles'
// context lines such as `Failed to send metadata query`, `Got HTTP resp code 503`, a
// `Connection failed. response code = 0` with another error): a prefilter on the rules'
// literals finds many of them and hands them on, to be told apart by the rules themselves.
//
// The file is one mix of four logs: give it a name that is no log family (`mp-mix-1G-1.log`),
// so ikediff applies every management-plane rule to every line.
//
// The counts come from the sample each matching line was built from, never from ikediff:
// this program links no ikediff library. Streaming, and deterministic per seed (the random
// stream of generate_log.cpp, integer code only): the same options write the same bytes.

#include "bench/generator_support.hpp"

#include <array>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

using ikediff::bench::append_uint;
using ikediff::bench::parse_number;
using ikediff::bench::parse_size;
using ikediff::bench::random_stream;

// The lines ----------------------------------------------------------------------------------

/// One kind of line: its level (empty: none, and no location either), function, source file,
/// line number in that file, and message. The message's `{...}` are filled per line (see
/// `fill`). `weight`: how often it is drawn among the lines of its log, in parts of the sum.
struct line_kind {
    std::string_view level;
    std::string_view function;
    std::string_view file;
    std::uint32_t file_line;
    std::string_view message;
    std::uint32_t weight;
};

enum class family : std::uint8_t { ms, configd, devsrv, useridd };

/// A line a rule matches: the rule's id, and the log and sample it was made from.
struct matching_kind {
    std::string_view rule;
    family log;
    line_kind line;
};
constexpr std::array<std::string_view, 4> k_family_names{"ms.log", "configd.log", "devsrvr.log", "useridd.log"};

/// Shares of the lines per log, in percent (ms.log, configd.log, devsrvr.log, useridd.log).
constexpr std::array<std::uint32_t, 4> k_family_percent{35, 5, 35, 25};

// Lines no rule matches, per log. Near misses (a rule's literal without its whole pattern,
// or the pattern under another function than the rule's `where`) are marked "near".
constexpr std::array k_ms_noise{
    line_kind{"debug", "pan_cms_conn_handler", "cs_conn.c", 612, "connection from {ip}:{port} accepted, fd {n}", 90},
    line_kind{"debug", "pan_logcollector_ring_update", "lc_ring.c", 208, "ring member {small} state up, {small} peers in group lc-grp{small}", 80},
    line_kind{"debug", "pan_mgmt_config_sync", "ms_sync.c", 331, "config sync with peer {ip} done in {ms} ms", 70},
    line_kind{"debug", "pan_ms_stats", "ms_stats.c", 118, "processed {n} logs/s, queue depth {n}, dropped 0", 90},
    line_kind{"debug", "pan_sec_conn_send", "pan_sec_conn_client.c", 733, "sent {n} bytes to {ip}:28270 on conn {hex}", 70},
    line_kind{"Info", "pan_jobmgr_run", "jobmgr.c", 402, "job {job} type commit enqueued by admin", 30},
    line_kind{"Info", "pan_sec_conn_accept", "pan_sec_conn_server.c", 431, "[Secure conn verify result] Certificate verification succeeded for serial {hex}", 25}, // near
    line_kind{"Info", "pan_async_ssl_verify_conn", "cs_async_ssl.c", 140, "Authorization of the incoming client {ip} succeeded.", 20}, // near
    line_kind{"Info", "pan_lc_query_handler", "lc_query.c", 877, "query {job} from Panorama answered with {n} rows in {ms} ms", 30},
    line_kind{"Warning", "pan_ha_peer_status", "ha_peer.c", 77, "HA peer {ip} heartbeat missed ({small})", 8},
    line_kind{"Error", "pan_conn_mgr_connect", "cs_conn.c", 1034, "connect to {ip}:3978 failed: Connection refused", 10}, // near
    line_kind{"Error", "pan_cfg_commit_job", "cfg_commit.c", 1290, "commit job {job} failed: validation error in vsys{small}", 4},
    line_kind{"Error", "pan_async_ssl_perform_enhanced_validation", "cs_async_ssl.c", 99, "[Secure conn cms validation stage] Failed to read the peer certificate.", 3}, // near
    line_kind{"Error", "pan_report_gen", "ms_report.c", 2210, "report job {job} returned error code {small}", 4}, // near
    line_kind{"", "", "", 0, "mgmtsrvr: connected to configd, session {n}", 6},
};

constexpr std::array k_configd_noise{
    line_kind{"Info", "pan_cfg_commit", "cfgd_commit.c", 221, "commit job {job} started by admin", 30},
    line_kind{"debug", "pan_cfg_xml_load", "cfgd_xml.c", 99, "loaded running-config.xml ({big} bytes)", 60},
    line_kind{"debug", "pan_cfg_push", "cfgd_push.c", 512, "pushed config to {small} devices in {ms} ms", 40},
    line_kind{"Error", "pan_cfg_sc3_client", "cfgd_sc3.c", 388, "SSL handshake with {ip} failed: timeout after {ms} ms", 6},
    line_kind{"", "", "", 0, "Client authentication succeeded for {ip}, SSL verification ok", 4}, // near
};

constexpr std::array k_devsrv_noise{
    line_kind{"debug", "pan_cloud_conn_keepalive", "pan_cloud_conn.c", 402, "keepalive sent to {ip}:443, seq {n}", 90},
    line_kind{"debug", "pan_url_cloud_lookup", "pan_url_cloud.c", 910, "lookup www{n}.example.com category 23 in {ms} ms", 120},
    line_kind{"debug", "pan_dns_resolve", "pan_dns.c", 154, "resolved {host} to {ip}, ttl {n}", 60},
    line_kind{"debug", "verify_cb", "pan_ssl_curl_utils.c", 630, "certificate at depth {small} verified: CN=*.paloaltonetworks.com", 15}, // near
    line_kind{"Info", "pan_devsrvr_content_update", "devsrvr_content.c", 233, "content version {n}-{n} loaded in {ms} ms", 30},
    line_kind{"Info", "pan_url_cloud_conn", "pan_url_cloud.c", 301, "Connection to s{small}.urlcloud.paloaltonetworks.com:443 established", 15}, // near
    line_kind{"Warning", "pan_ssl_conn_mgr", "pan_ssl_curl_utils.c", 512, "certificate for {host} expires in {small} days", 4}, // near
    line_kind{"Error", "pan_mlav_get_metadata", "pan_mlav_cloud.c", 1667, "Failed to send metadata query", 4},
    line_kind{"Error", "pan_mlav_get_ver_from_file", "pan_mlav_cloud.c", 187, "Failed to open file[/opt/pancfg/mgmt/content/pan_threatversion]", 4},
    line_kind{"Error", "pan_mlav_send_query", "pan_mlav_cloud.c", 1301, "Failed to parse type[{small}] response", 3},
    line_kind{"Error", "pan_mlav_check_model", "pan_mlav_cloud.c", 1793, "Failed to get metadata from cloud", 3},
    line_kind{"Error", "pan_mlav_req_handler", "pan_mlav_cloud.c", 1915, "meta download s_connection_tries [{small}]", 3},
    line_kind{"Error", "pan_mlav_process_http_resp_code", "pan_mlav_cloud.c", 558, "Got HTTP resp code {http}", 3},   // near
    line_kind{"Error", "pan_wf_http_resp", "pan_wildfire.c", 812, "Got HTTP resp code 404", 2},                               // near: not the rule's function
    line_kind{"Error", "pan_mlav_send_query", "pan_mlav_cloud.c", 1394, "Failed to send req type[{small}], curl error: Couldn't connect to server", 2}, // near
    line_kind{"Error", "pan_wf_upload_file", "pan_wildfire.c", 1022, "upload of {hex} to wildfire failed, curl error: Timeout was reached", 4},
    line_kind{"Error", "pan_edl_fetch", "pan_edl.c", 655, "failed to fetch EDL https://lists.example.net/block-{small}.txt: HTTP error code {http}", 3}, // near
    line_kind{"Error", "pan_ssl_verify_peer", "pan_ssl_utils.c", 301, "Error with certificate at depth: {small}", 1},           // near: not verify_cb
    line_kind{"", "", "", 0, "mlav force_reconnect is true", 3},
};

constexpr std::array k_useridd_noise{
    line_kind{"debug", "pan_user_id_ip_user_map_add", "pan_user_id_map.c", 822, "mapping {ip} -> example\\user{n} timeout 2700", 150},
    line_kind{"debug", "pan_user_id_server_monitor", "pan_user_id_win.c", 1290, "server {server} state: Connected, {n} events read", 40},
    line_kind{"debug", "pan_user_id_krb5_init_ticket", "pan_user_id_win.c", 2055, "got krb5 tgt ticket for svc-userid@EXAMPLE.COM, expires in {big} s", 10}, // near
    line_kind{"Info", "pan_user_id_ts_agent_conn", "pan_user_id_ts.c", 412, "connected to TS agent {ip}:5009", 20},
    line_kind{"Info", "pan_user_id_ldap_group_refresh", "pan_user_id_ldap.c", 1203, "refreshed {n} groups from ldap server {server}", 15},
    line_kind{"Info", "pan_user_id_xmlapi", "pan_user_id_api.c", 640, "login example\\user{n} at {ip} added (source xml-api)", 30},
    line_kind{"Info", "pan_user_id_winrm_query", "pan_user_id_win.c", 2790, "Connection succeeded. response code = 200 in vsys {vsys}", 10}, // near
    line_kind{"Error", "pan_user_id_winrm_query", "pan_user_id_win.c", 2794, "Connection failed. response code = 0, error: Timeout was reached in vsys {vsys}", 3}, // near
    line_kind{"Error", "pan_user_id_win_wmic_log_query", "pan_user_id_win.c", 1670, "log query for {server} failed: NTSTATUS: NT_STATUS_IO_TIMEOUT - The operation timed out", 3}, // near
    line_kind{"Error", "pan_user_id_syslog_listener", "pan_user_id_syslog.c", 340, "connection from {ip} closed: certificate verify failed", 3}, // near
};

// Lines that match a rule: the rules' samples, with their captures varied, each in the log
// its sample names. `weight`: how often it is drawn among the matching lines.
constexpr std::array k_matching{
    matching_kind{"lc-cert-eku", family::ms, {"Error", "pan_sec_conn_cms_validation_impl", "pan_sec_conn_server.c", 445, "[Secure conn verify result] Certificate verification failed due to Error 55 : Invalid Extended Key Usage Purpose", 2}},
    matching_kind{"lc-cert-eku", family::ms, {"Error", "pan_async_ssl_perform_enhanced_validation", "cs_async_ssl.c", 95, "[Secure conn cms validation stage] Failed to validate the connection.", 1}},
    matching_kind{"lc-cert-eku", family::ms, {"Error", "pan_async_ssl_verify_conn", "cs_async_ssl.c", 146, "Authorization of the incoming client failed.", 1}},
    matching_kind{"lc-cert-eku", family::configd, {"", "", "", 0, "Client authentication failed SSL verification error, err: 55", 2}},
    matching_kind{"mlav-cert-validation", family::devsrv, {"Error", "verify_cb", "pan_ssl_curl_utils.c", 641, "Error with certificate at depth: {small}", 2}},
    matching_kind{"mlav-cert-validation", family::devsrv, {"Error", "verify_cb", "pan_ssl_curl_utils.c", 643, "Basic Validation of x509 cert Fail ; Code : {x509}", 1}},
    matching_kind{"mlav-cert-validation", family::devsrv, {"Error", "verify_cb", "pan_ssl_curl_utils.c", 652, "Failed to validate x509 cert from ctx: ({x509}) {x509_reason}", 2}},
    matching_kind{"mlav-cert-validation", family::devsrv, {"Error", "pan_mlav_send_query", "pan_mlav_cloud.c", 1394, "Failed to send req type[{small}], curl error: Peer certificate cannot be authenticated with given CA certificates", 1}},
    matching_kind{"mlav-auth", family::devsrv, {"Error", "pan_mlav_process_http_resp_code", "pan_mlav_cloud.c", 538, "Got HTTP resp code 400", 3}},
    matching_kind{"mlav-auth", family::devsrv, {"Error", "pan_mlav_resp_parser", "pan_mlav_cloud.c", 802, "Server resp code[400], msglen[{msglen}], msg: invalid flatbuffer request: invalid content version (with build number)", 3}},
    matching_kind{"mlav-server-error", family::devsrv, {"Error", "pan_mlav_process_http_resp_code", "pan_mlav_cloud.c", 558, "Got HTTP resp code 404", 2}},
    matching_kind{"mlav-server-error", family::devsrv, {"Error", "pan_mlav_process_http_resp_code", "pan_mlav_cloud.c", 558, "Got HTTP resp code 500", 2}},
    matching_kind{"mlav-server-error", family::devsrv, {"Error", "pan_mlav_resp_parser", "pan_mlav_cloud.c", 822, "Server resp code[500], msglen[{msglen}], msg:", 2}},
    matching_kind{"mlav-dns", family::devsrv, {"Error", "pan_mlav_send_query", "pan_mlav_cloud.c", 1396, "Failed to send req type[{small}], curl error: Couldn't resolve host name", 6}},
    matching_kind{"userid-kerberos", family::useridd, {"Error", "pan_user_id_krb5_init_ticket", "pan_user_id_win.c", 2062, "failed to get krb5 tgt ticket with error {krb5}.", 6}},
    matching_kind{"userid-winrm-connect", family::useridd, {"Error", "pan_user_id_winrm_query", "pan_user_id_win.c", 2794, "Connection failed. response code = 0, error: Couldn't connect to server in vsys {vsys}", 3}},
    matching_kind{"userid-winrm-connect", family::useridd, {"Error", "pan_user_id_winrm_query", "pan_user_id_win.c", 2805, "Connection failed. response code = 0, error: Couldn't resolve host name in vsys {vsys}", 3}},
    matching_kind{"userid-winrm-cert", family::useridd, {"Error", "pan_user_id_winrm_query", "pan_user_id_win.c", 2805, "Connection failed. response code = 0, error: Peer certificate cannot be authenticated with given CA certificates in vsys {vsys}", 4}},
    matching_kind{"userid-winrm-cert", family::useridd, {"Error", "pan_user_id_winrm_query", "pan_user_id_win.c", 2805, "Connection failed. response code = 0, error: SSL peer certificate or SSH remote key was not OK in vsys", 2}},
    matching_kind{"userid-winrm-401", family::useridd, {"Error", "pan_user_id_winrm_query", "pan_user_id_win.c", 2794, "Connection failed. response code = 401, error: (null) in vsys {vsys}", 6}},
    matching_kind{"userid-winrm-500", family::useridd, {"Error", "pan_user_id_winrm_query", "pan_user_id_win.c", 2805, "Connection failed. response code = 500, error: (null) in vsys {vsys}", 6}},
    matching_kind{"userid-wmi-access-denied", family::useridd, {"Error", "pan_user_id_win_wmic_log_query", "pan_user_id_win.c", 1670, "log query for {server} failed: NTSTATUS: NT_STATUS_ACCESS_DENIED - Access denied", 6}},
    matching_kind{"userid-wmi-not-connected", family::useridd, {"Error", "pan_user_id_win_log_query", "pan_user_id_win.c", 1349, "log query for {server} failed: NTSTATUS: NT code 0x80041003 - NT code 0x80041003", 6}},
};

/// Every rule over a management-plane log, in the packs' order: the counts name each, a
/// rule this mix never hits included (ikediff must find it 0 times).
constexpr std::array<std::string_view, 12> k_rules{
    "mlav-cert-validation", "mlav-auth",         "mlav-server-error",    "mlav-dns",
    "lc-cert-eku",          "userid-kerberos",   "userid-winrm-connect", "userid-winrm-cert",
    "userid-winrm-401",     "userid-winrm-500",  "userid-wmi-access-denied", "userid-wmi-not-connected"};

// What `{...}` stands for.
constexpr std::array<std::string_view, 11> k_krb5_codes{
    "-1765328228", "-1765328366", "11",          "145",         "16",         "-1765328237",
    "-1765328378", "-1765328370", "-1765328360", "-1765328316", "-1765328353"};
struct x509_error {
    std::string_view code;
    std::string_view reason;
};
constexpr std::array k_x509_errors{x509_error{"20", "unable to get local issuer certificate"},
                                   x509_error{"2", "unable to get issuer certificate"},
                                   x509_error{"10", "certificate has expired"},
                                   x509_error{"19", "self signed certificate in certificate chain"},
                                   x509_error{"21", "unable to verify the first certificate"}};
constexpr std::array<std::string_view, 6> k_servers{"AD-Server",        "DC01.example.com", "DC02.example.com",
                                                    "EXCH01.example.com", "dc-osaka.corp.example.net",
                                                    "SPFPL-SRV-AD.example.org"};
constexpr std::array<std::string_view, 6> k_hosts{"updates.paloaltonetworks.com", "ml.service.paloaltonetworks.com",
                                                  "wildfire.paloaltonetworks.com", "dc01.example.com",
                                                  "ldap.corp.example.net", "s0000.urlcloud.paloaltonetworks.com"};
/// HTTP codes no rule names (404, 400 and 500 are the rules').
constexpr std::array<std::string_view, 6> k_other_http{"401", "403", "429", "502", "503", "504"};

// Text ---------------------------------------------------------------------------------------


/// `v` in `width` digits, zero-padded.
void append_zero_padded(std::string& out, std::uint64_t v, std::size_t width) {
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    const auto n = static_cast<std::size_t>(r.ptr - buf);
    if (n < width) {
        out.append(width - n, '0');
    }
    out.append(buf, n);
}

/// The log's clock, `YYYY-MM-DD HH:MM:SS.mmm +hhmm`, moved on a few ms per line.
class log_clock {
public:
    log_clock(std::int64_t epoch_ms, std::string_view offset) : m_ms(epoch_ms), m_offset(offset) {}
    void advance(std::uint64_t ms) { m_ms += static_cast<std::int64_t>(ms); }

    void append(std::string& out) const {
        const std::int64_t seconds = m_ms / 1000;
        const std::int64_t days = seconds / 86400;
        const std::int64_t in_day = seconds % 86400;
        // Howard Hinnant's civil_from_days.
        const std::int64_t z = days + 719468;
        const std::int64_t era = z / 146097;
        const std::int64_t doe = z - era * 146097;
        const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        const std::int64_t mp = (5 * doy + 2) / 153;
        const std::int64_t day = doy - (153 * mp + 2) / 5 + 1;
        const std::int64_t month = mp < 10 ? mp + 3 : mp - 9;
        const std::int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        append_zero_padded(out, static_cast<std::uint64_t>(year), 4);
        out += '-';
        append_zero_padded(out, static_cast<std::uint64_t>(month), 2);
        out += '-';
        append_zero_padded(out, static_cast<std::uint64_t>(day), 2);
        out += ' ';
        append_zero_padded(out, static_cast<std::uint64_t>(in_day / 3600), 2);
        out += ':';
        append_zero_padded(out, static_cast<std::uint64_t>(in_day / 60 % 60), 2);
        out += ':';
        append_zero_padded(out, static_cast<std::uint64_t>(in_day % 60), 2);
        out += '.';
        append_zero_padded(out, static_cast<std::uint64_t>(m_ms % 1000), 3);
        out += ' ';
        out += m_offset;
    }

private:
    std::int64_t m_ms;
    std::string_view m_offset;
};

/// Appends `message` with each `{name}` filled with a drawn value.
void fill(std::string& out, std::string_view message, random_stream& rng) {
    std::size_t x509 = k_x509_errors.size(); // one error per line: its code and its reason agree
    while (!message.empty()) {
        const std::size_t open = message.find('{');
        if (open == std::string_view::npos) {
            out += message;
            return;
        }
        out += message.substr(0, open);
        const std::size_t close = message.find('}', open);
        const std::string_view name = message.substr(open + 1, close - open - 1);
        message.remove_prefix(close + 1);
        if (name == "ip") {
            out += "10.";
            append_uint(out, rng.below(256));
            out += '.';
            append_uint(out, rng.below(256));
            out += '.';
            append_uint(out, rng.between64(1, 254));
        } else if (name == "port") {
            append_uint(out, rng.between64(1024, 65535));
        } else if (name == "n") {
            append_uint(out, rng.below(100000));
        } else if (name == "big") {
            append_uint(out, rng.between64(100000, 4000000000));
        } else if (name == "small") {
            append_uint(out, rng.below(10));
        } else if (name == "ms") {
            append_uint(out, rng.between64(1, 5000));
        } else if (name == "job") {
            append_uint(out, rng.between64(1, 99999));
        } else if (name == "hex") {
            constexpr char k_digits[] = "0123456789abcdef";
            std::uint64_t v = rng.next();
            for (int i = 0; i < 8; ++i, v >>= 4) {
                out += k_digits[v & 0xF];
            }
        } else if (name == "vsys") {
            append_uint(out, rng.between64(1, 4));
        } else if (name == "msglen") {
            append_uint(out, rng.between64(20, 400));
        } else if (name == "server") {
            out += rng.pick(k_servers);
        } else if (name == "host") {
            out += rng.pick(k_hosts);
        } else if (name == "http") {
            out += rng.pick(k_other_http);
        } else if (name == "krb5") {
            out += rng.pick(k_krb5_codes);
        } else if (name == "x509" || name == "x509_reason") {
            if (x509 == k_x509_errors.size()) {
                x509 = static_cast<std::size_t>(rng.below(k_x509_errors.size()));
            }
            out += name == "x509" ? k_x509_errors[x509].code : k_x509_errors[x509].reason;
        } else {
            out += "{?}"; // a table's typo shows in the output
        }
    }
}

/// Appends one line of `kind` (without its newline).
void append_line(std::string& out, const log_clock& clock, const line_kind& kind, random_stream& rng) {
    clock.append(out);
    out += ' ';
    if (!kind.level.empty()) {
        out += kind.level;
        out += ": ";
        out += kind.function;
        out += '(';
        out += kind.file;
        out += ':';
        append_uint(out, kind.file_line);
        out += "): ";
    }
    fill(out, kind.message, rng);
}

/// Draws one of `kinds` by weight.
template <class T, std::size_t N>
const T& draw(const std::array<T, N>& kinds, random_stream& rng, std::uint32_t (*weight)(const T&)) {
    std::uint64_t sum = 0;
    for (const T& k : kinds) {
        sum += weight(k);
    }
    std::uint64_t at = rng.below(sum);
    for (const T& k : kinds) {
        if (at < weight(k)) {
            return k;
        }
        at -= weight(k);
    }
    return kinds.back();
}

std::uint32_t noise_weight(const line_kind& k) { return k.weight; }
std::uint32_t matching_weight(const matching_kind& k) { return k.line.weight; }

// Options ------------------------------------------------------------------------------------

struct options {
    std::uint64_t size = 0;
    std::uint64_t seed = 1;
    std::string out = "-";
    std::string counts_file;
};

constexpr std::string_view k_usage =
    "usage: mp_logs_generate --size SIZE [--seed N] [--out FILE|-] [--counts FILE]\n"
    "  --size SIZE    bytes to write: 123, 64K, 256M, 1G (binary multiples)\n"
    "  --seed N       the random seed (default 1): the same options write the same bytes\n"
    "  --out FILE|-   the log (default -: standard output)\n"
    "  --counts FILE  the lines matching each rule (`hits.RULE N`), `matching` and `lines`\n";

int usage_error(const std::string& message) {
    std::fprintf(stderr, "mp_logs_generate: %s\n%.*s", message.c_str(), static_cast<int>(k_usage.size()),
                 k_usage.data());
    return 2;
}

/// Parses the command line; nullopt after a message or the help (`exit_status`: its status).
std::optional<options> parse_options(int argc, char** argv, int& exit_status) {
    options o;
    exit_status = 2;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            std::fwrite(k_usage.data(), 1, k_usage.size(), stdout);
            exit_status = 0;
            return std::nullopt;
        }
        if (i + 1 >= argc) {
            usage_error("option " + std::string(arg) + " needs a value");
            return std::nullopt;
        }
        const std::string_view value = argv[++i];
        if (arg == "--size") {
            const auto v = parse_size(value);
            if (!v || *v == 0) {
                usage_error("bad --size: " + std::string(value));
                return std::nullopt;
            }
            o.size = *v;
        } else if (arg == "--seed") {
            const auto v = parse_number(value);
            if (!v) {
                usage_error("bad --seed: " + std::string(value));
                return std::nullopt;
            }
            o.seed = *v;
        } else if (arg == "--out") {
            o.out = std::string(value);
        } else if (arg == "--counts") {
            o.counts_file = std::string(value);
        } else {
            usage_error("unknown option " + std::string(arg));
            return std::nullopt;
        }
    }
    if (o.size == 0) {
        usage_error("--size is required");
        return std::nullopt;
    }
    return o;
}

// Generation ---------------------------------------------------------------------------------

struct totals {
    std::uint64_t bytes = 0;
    std::uint64_t lines = 0;
    std::uint64_t matching = 0;
    std::array<std::uint64_t, k_rules.size()> hits{};
    std::array<std::uint64_t, 4> per_family{};
};

void count_hit(totals& t, std::string_view rule) {
    for (std::size_t i = 0; i < k_rules.size(); ++i) {
        if (k_rules[i] == rule) {
            ++t.hits[i];
            return;
        }
    }
}

/// One line in a thousand matches a rule (100 in 100,000).
constexpr std::uint64_t k_matching_per_100k = 100;

/// Writes the log to `file`; false when a write failed.
bool generate(const options& o, std::FILE* file, totals& t) {
    random_stream rng(o.seed);
    static constexpr std::array<std::string_view, 5> k_offsets{"+0900", "-0400", "+0800", "-0500", "+0000"};
    // 2024-02-08 18:10:00.000 in the log's local time, plus up to a day per seed.
    log_clock clock(1707415800000 + static_cast<std::int64_t>(rng.below(86400000)), rng.pick(k_offsets));
    std::string out;
    constexpr std::size_t k_flush = 8u << 20;
    out.reserve(k_flush + 4096);
    while (t.bytes < o.size) {
        clock.advance(rng.below(40));
        const std::size_t before = out.size();
        std::size_t f = 0;
        if (rng.below(100000) < k_matching_per_100k) {
            const matching_kind& m = draw(k_matching, rng, matching_weight);
            f = static_cast<std::size_t>(m.log);
            append_line(out, clock, m.line, rng);
            count_hit(t, m.rule);
            ++t.matching;
        } else {
            std::uint64_t which = rng.below(100);
            while (which >= k_family_percent[f]) {
                which -= k_family_percent[f];
                ++f;
            }
            switch (static_cast<family>(f)) {
            case family::ms:
                append_line(out, clock, draw(k_ms_noise, rng, noise_weight), rng);
                break;
            case family::configd:
                append_line(out, clock, draw(k_configd_noise, rng, noise_weight), rng);
                break;
            case family::devsrv:
                append_line(out, clock, draw(k_devsrv_noise, rng, noise_weight), rng);
                break;
            case family::useridd:
                append_line(out, clock, draw(k_useridd_noise, rng, noise_weight), rng);
                break;
            }
        }
        out += '\n';
        ++t.per_family[f];
        ++t.lines;
        t.bytes += out.size() - before;
        if (out.size() >= k_flush) {
            if (std::fwrite(out.data(), 1, out.size(), file) != out.size()) {
                return false;
            }
            out.clear();
        }
    }
    return std::fwrite(out.data(), 1, out.size(), file) == out.size();
}

bool write_counts(const std::string& path, const options& o, const totals& t) {
    std::FILE* f = std::fopen(path.c_str(), "w");
    if (f == nullptr) {
        return false;
    }
    std::fprintf(f, "# Written by mp_logs_generate (seed %llu, size %llu) from the rule sample each matching line was made from.\n",
                 static_cast<unsigned long long>(o.seed), static_cast<unsigned long long>(o.size));
    std::fprintf(f, "# %llu bytes, %llu lines:", static_cast<unsigned long long>(t.bytes),
                 static_cast<unsigned long long>(t.lines));
    for (std::size_t i = 0; i < t.per_family.size(); ++i) {
        std::fprintf(f, " %llu %.*s", static_cast<unsigned long long>(t.per_family[i]),
                     static_cast<int>(k_family_names[i].size()), k_family_names[i].data());
    }
    std::fprintf(f, "; %.3f %% match a rule.\n",
                 t.lines == 0 ? 0.0 : 100.0 * static_cast<double>(t.matching) / static_cast<double>(t.lines));
    std::fprintf(f, "lines %llu\n", static_cast<unsigned long long>(t.lines));
    std::fprintf(f, "matching %llu\n", static_cast<unsigned long long>(t.matching));
    for (std::size_t i = 0; i < k_rules.size(); ++i) {
        std::fprintf(f, "hits.%.*s %llu\n", static_cast<int>(k_rules[i].size()), k_rules[i].data(),
                     static_cast<unsigned long long>(t.hits[i]));
    }
    return std::fclose(f) == 0;
}

} // namespace

int main(int argc, char** argv) {
    int status = 0;
    const std::optional<options> o = parse_options(argc, argv, status);
    if (!o) {
        return status;
    }
    std::FILE* file = o->out == "-" ? stdout : std::fopen(o->out.c_str(), "wb");
    if (file == nullptr) {
        std::fprintf(stderr, "mp_logs_generate: cannot write %s: %s\n", o->out.c_str(), std::strerror(errno));
        return 2;
    }
    totals t;
    const bool written = generate(*o, file, t);
    const bool closed = file == stdout ? std::fflush(stdout) == 0 : std::fclose(file) == 0;
    if (!written || !closed) {
        std::fprintf(stderr, "mp_logs_generate: writing %s failed\n", o->out.c_str());
        return 1;
    }
    if (!o->counts_file.empty() && !write_counts(o->counts_file, *o, t)) {
        std::fprintf(stderr, "mp_logs_generate: cannot write %s\n", o->counts_file.c_str());
        return 1;
    }
    return 0;
}
