#pragma once
// What one recognised log line says, as a typed value: the parser's output and the
// reconstruction's input. Values inside events are kept as logged (`SHA256`, `DH20`);
// proposals normalise them (model/proposal.hpp).

#include "model/time.hpp"
#include "model/vocabulary.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace ikediff::model {

/// An IKE endpoint as logs print it: `200.100.5.1[500]`.
struct endpoint {
    std::string address;
    std::uint16_t port = 0; ///< 0: the line named the address only
    friend bool operator==(const endpoint&, const endpoint&) = default;
};

/// Where a line came from: input index (into the report's `inputs`), 1-based line and
/// column (a column > 1 means the line was glued behind another one).
struct source_line {
    std::uint32_t input = 0;
    std::uint64_t line = 0;
    std::uint32_t column = 1;
    friend bool operator==(const source_line&, const source_line&) = default;
};

/// PAN-OS's `{ A: B }` context: A numbers a gateway/IKE SA, B (often blank) a phase 2 SA.
struct pan_context {
    std::uint32_t sa = 0;
    std::optional<std::uint32_t> child;
    friend bool operator==(const pan_context&, const pan_context&) = default;
};

enum class role : std::uint8_t { initiator, responder };
enum class exchange : std::uint8_t { main, aggressive, quick, ike_sa_init, ike_auth, create_child_sa };
std::string_view to_string(role v);
std::string_view to_string(exchange v);

/// Attributes of a phase 1 (IKE SA) proposal a line compares or rejects, whatever words the
/// log has for them (racoon's `Compared: DB:Peer` block says `enctype`, `hashtype`, ...: the
/// format's grammar maps them, parser/ikemgr/grammar_def.hpp).
enum class phase1_attribute : std::uint8_t {
    lifetime, lifebytes, cipher, key_length, hash, auth_method, dh_group, version
};
std::string_view to_string(phase1_attribute v);

/// What a recognised line says, as one code per kind of line. The parser assigns it (from a
/// fixed phrase or a structured line); diff/ike/classify.cpp's rule table says what each code
/// means for the negotiation (outcome, failure class, phase).
enum class event_code : std::uint8_t {
    // Phase 1 (IKEv1) proposal comparison and progress
    compared_begin,               ///< `Compared: DB:Peer`
    rejected_attribute,           ///< `rejected hashtype: DB(prop#1:trns#1):Peer(...) = A:B`
    no_suitable_proposal,         ///< `no suitable proposal found.`
    acceptable_proposal,          ///< `an acceptable proposal found.`
    failed_to_get_valid_proposal, ///< `A[p] - B[p]:(nil) failed to get valid proposal.`
    begin_main_mode,              ///< `begin Identity Protection mode.`
    begin_aggressive_mode,        ///< `begin Aggressive mode.`
    agreed_psk_auth,              ///< `agreed on pre-shared key auth.`
    phase1_started,               ///< `respond new phase 1 negotiation: A<=>B`, PAN banner, system log
    phase1_succeeded,             ///< `====> PHASE-1 NEGOTIATION SUCCEEDED ...`, `ike-nego-p1-succ`
    phase1_failed,                ///< `phase1 negotiation failed.`, banner FAILED
    isakmp_sa_established,        ///< `ISAKMP-SA established A[500]-B[500] spi:I:R`
    // Phase 1 failures
    configuration_not_found,      ///< `couldn't find configuration.`, `no configuration found for ADDR.`
    pskey_not_found,              ///< `couldn't find the pskey for ADDR.`
    hash_mismatched,              ///< `HASH mismatched`
    invalid_flag,                 ///< `invalid flag 0x..` (garbage decrypted with a wrong key)
    psk_mismatch_likely,          ///< `... likely due to pre-shared key mismatch.` (system log)
    authentication_failure,       ///< `authentication failure`, `authentication result: failure`
    id_mismatched,                ///< `ID mismatched.`, `... does not match peers id`
    exchange_type_mismatched,     ///< `exchange type is mismatched: db=... packet=...`
    phase1_time_up,               ///< `phase1 negotiation failed due to time up.`, `Due to timeout.`
    retransmit_limit,             ///< `retransmission count exceeded the limit`
    no_proposal_chosen,           ///< `notification message 14:NO-PROPOSAL-CHOSEN`, `no proposal chosen`
    peer_sa_unusable,             ///< `no suitable proposal found in peer's SA payload.` (system log)
    // Phase 2 (quick mode)
    phase2_started,               ///< `respond new phase 2 negotiation: A<=>B`, `ike-nego-p2-start`
    phase2_succeeded,             ///< `ike-nego-p2-succ`
    phase2_failed,                ///< `ike-nego-p2-fail` without a more precise reason
    ipsec_sa_established,         ///< `IPsec-SA established: ESP/Tunnel A->B spi=...`
    begin_compare_proposals,      ///< `begin compare proposals.`
    bundle_header,                ///< `my single bundle:` / `peer's single bundle:`
    bundle_protocol,              ///< `(proto_id=ESP spisize=4 ... encmode=Tunnel reqid=0:0)`
    bundle_transform,             ///< `(trns_id=AES encklen=256 authtype=hmac-sha256)`
    phase2_mismatched,            ///< `trns_id mismatched: my:3DES peer:AES` and the like
    not_matched,                  ///< `not matched`
    no_suitable_policy,           ///< `no suitable policy found.`
    sainfo_not_found,             ///< `failed to get sainfo.`
    policy_not_found,             ///< `no policy found: 10.0.1.0/24[0] 10.9.0.0/24[0] proto=any dir=in`
    idci_mismatched,              ///< `mismatched IDci was returned.`
    ids_mismatch,                 ///< `check and compare ids : value mismatch (...)`
    proxy_id_rejected,            ///< `... failed when processing Proxy ID. Received local id ...` (system log)
    phase2_time_up,               ///< `phase2 negotiation failed due to time up.`
    phase2_time_up_waiting_phase1,///< `phase2 negotiation failed due to time up waiting for phase1.`
    phase2_delete_sent,           ///< `IKE protocol IPSec SA delete message sent to peer.` (system log)
    // IKEv2
    ikev2_started,                ///< `ikev2-nego-ike-start` (system log)
    dh_group_mismatch,            ///< `peer's dh group choice does not match mine`, `received KE type 14, expected 2`
    ke_payload_missing,           ///< `message lacks KE payload`
    no_shared_key,                ///< `no shared key with peer`
    ts_unacceptable,              ///< `ts unacceptable`, `received Notify type TS_UNACCEPTABLE`
    ikev2_not_acceptable,         ///< `ikev2 not acceptable by configuration`
    no_ikev2_configuration,       ///< `received IKEv2 request but no IKEv2 configuration for peer ADDR`
    no_ikev1_configuration,       ///< `received IKEv1 request but no IKEv1 configuration for peer ADDR`
    ikev2_sa_aborted,             ///< `aborting IKEv2 SA GW:6`
    encryption_not_presented,     ///< `Configured encryption algorithm '...' was not presented ...` (system log)
    dpd_down,                     ///< `DPD down, ...`, `... is down determined by DPD.`
    phase1_resent,                ///< `resend phase1 packet ICOOKIE:RCOOKIE` (the peer has answered)
    phase1_resent_unanswered,     ///< `resend phase1 packet ICOOKIE:0000000000000000`: no answer yet
    ikev2_sa_dying,               ///< `IKEv2 SA state {GW:6-I}: SA dying from state ...` (PAN-OS 7.x)
    ikev2_sa_dying_established,   ///< `... SA dying from state ESTABLISHED, caller ikev2_abort`
    /// A line of a kind the parser knows that it could not read (`rejected hashtype: DB(prop#1:`):
    /// no values, only its place, so that its negotiation knows a line of it went unread.
    line_not_understood,
    banner_timeout,               ///< `====> Due to timeout. <====` under a banner, of its phase
};
std::string_view to_string(event_code v);

// Event payloads: the values a structured line carries ------------------------------------

/// One line of a `Compared: DB:Peer` block: `hashtype = SHA256:SHA512`.
struct compared_event {
    phase1_attribute attribute;
    std::string local; ///< DB: this firewall's configuration
    std::string peer;  ///< Peer: what the other device proposed
    friend bool operator==(const compared_event&, const compared_event&) = default;
};

/// `prop#1:trns#1`
struct transform_ref {
    std::uint32_t proposal = 0;
    std::uint32_t transform = 0;
    std::string str() const {
        return "prop#" + std::to_string(proposal) + ":trns#" + std::to_string(transform);
    }
    friend bool operator==(const transform_ref&, const transform_ref&) = default;
};

/// `rejected hashtype: DB(prop#1:trns#1):Peer(prop#1:trns#1) = SHA256:SHA512`
struct rejected_event {
    phase1_attribute attribute;
    transform_ref local_ref;
    transform_ref peer_ref;
    std::string local;
    std::string peer;
    friend bool operator==(const rejected_event&, const rejected_event&) = default;
};

/// racoon's `respond new phase 1 negotiation: A[500]<=>B[500]` (and `initiate ...`, phase 2).
struct phase_start_event {
    model::role role;
    std::uint32_t phase = 1;
    friend bool operator==(const phase_start_event&, const phase_start_event&) = default;
};

/// PAN-OS's `====> PHASE-1 NEGOTIATION STARTED AS RESPONDER, MAIN MODE <====`.
struct banner_event {
    enum class status : std::uint8_t { started, succeeded, failed };
    std::uint32_t phase = 1;
    status state = status::started;
    model::role role = role::initiator;
    model::exchange mode = exchange::main; ///< MAIN, AGGRESSIVE, QUICK
    /// `====> IKEv2 IKE SA NEGOTIATION ...` (phase 1) and `IKEv2 CHILD SA` (phase 2) say IKEv2
    /// (`mode` then `ike_sa_init`, `ike_auth` or, rekeying, `create_child_sa`).
    model::ike_version version = ike_version::ikev1;
    bool role_logged = true; ///< false: the banner named no role (`role` says nothing)
    friend bool operator==(const banner_event&, const banner_event&) = default;
};

/// The SA line under a PAN-OS banner, on a line of its own:
/// `====> Failed SA: 200.100.5.1[500]-200.100.1.254[500] cookie:02f293d180b306a3:0000000000000000 <====`
/// (IKEv1), `====> Initiated SA: A[500]-B[500] SPI:ISPI:RSPI SN:5 <====` (IKEv2). The two
/// endpoints (local first) go in the event's `local` and `peer`.
struct banner_sa_event {
    enum class status : std::uint8_t { initiated, established, failed };
    status state = status::initiated;
    model::ike_version version = ike_version::ikev1; ///< `cookie:` IKEv1, `SPI:` IKEv2
    std::string initiator_spi; ///< the initiator's cookie (IKEv1) or SPI (IKEv2), as logged
    std::string responder_spi; ///< all zeros: the responder never answered
    std::optional<std::uint32_t> sn; ///< IKEv2 `SN:N`, PAN-OS's number of the SA
    friend bool operator==(const banner_sa_event&, const banner_sa_event&) = default;
};

/// `ISAKMP-SA established A[500]-B[500] spi:ICOOKIE:RCOOKIE`
struct sa_established_event {
    std::string initiator_cookie;
    std::string responder_cookie;
    friend bool operator==(const sa_established_event&, const sa_established_event&) = default;
};

/// Which side of a phase 2 comparison a line describes ("my" is the firewall).
enum class p2_side : std::uint8_t { mine, peer };

/// Attributes of a phase 2 (IPsec SA) proposal, whatever words the log has for them
/// (racoon's quick-mode bundles say `proto_id`, `encmode`, `trns_id`, `encklen`, `authtype`).
enum class phase2_attribute : std::uint8_t {
    protocol, encapsulation, cipher, key_length, authentication, pfs_group, lifetime
};
std::string_view to_string(phase2_attribute v);

/// `my single bundle:` / `peer's single bundle:`
struct bundle_header_event {
    p2_side side;
    friend bool operator==(const bundle_header_event&, const bundle_header_event&) = default;
};

/// A bundle's protocol line or transform line: the attributes it names, as logged.
struct bundle_values_event {
    std::vector<std::pair<phase2_attribute, std::string>> values;
    friend bool operator==(const bundle_values_event&, const bundle_values_event&) = default;
};

/// `trns_id mismatched: my:3DES peer:AES`, `key length mismatched, mine:256 peer:128.`
struct phase2_mismatch_event {
    phase2_attribute attribute;
    std::string mine;
    std::string peer;
    friend bool operator==(const phase2_mismatch_event&, const phase2_mismatch_event&) = default;
};

/// A traffic selector pair: `no policy found: 10.0.1.0/24[0] 10.9.0.0/24[0] proto=any dir=in`,
/// or the system log's `Received local id ... received remote id ...` (PAN-OS's view).
struct proxy_id_event {
    std::string local;
    std::string remote;
    std::string protocol; ///< `any`, a name or a number; empty when not logged
    friend bool operator==(const proxy_id_event&, const proxy_id_event&) = default;
};

/// `IPsec-SA established: ESP/Tunnel 200.100.1.254[500]->200.100.5.1[500] spi=...`
struct ipsec_sa_established_event {
    std::string protocol; ///< `ESP`, `AH`
    std::string mode;     ///< `Tunnel`, `Transport`
    endpoint from;        ///< the SA's direction: one of the two is the peer
    endpoint to;
    friend bool operator==(const ipsec_sa_established_event&, const ipsec_sa_established_event&) = default;
};

/// A PAN-OS system log entry (CSV export or syslog): its event id and object (the IKE gateway
/// or tunnel it is about), plus what its description carries besides the phrase that gives
/// the event its code (parser/system_log/system_log.hpp). Every optional is empty when not logged.
struct system_event {
    std::string event_id; ///< `ike-nego-p1-fail-common`
    std::string object;   ///< `GW-OSAKA`
    /// The IKE version the entry is about, when its event says (`ikev2-*`: IKEv2; `ike-nego-*`:
    /// IKEv1 unless a line of the negotiation said otherwise).
    std::optional<model::ike_version> version;
    bool version_certain = false; ///< `version` overrides what the negotiation holds
    /// The entry's event says the negotiation failed (`ike-nego-p2-fail`), whatever its
    /// description names.
    bool failed = false;
    /// `... is failed as initiator, main mode.`: the firewall's role and the exchange.
    std::optional<model::role> role;
    std::optional<model::exchange> exchange; ///< `main`, `aggressive`, `quick`
    /// `Failed SA: A[500]-B[500] cookie:02f293d180b306a3:0000000000000000`, as logged
    /// (an all-zero responder cookie: the peer never answered).
    std::optional<std::string> initiator_cookie;
    std::optional<std::string> responder_cookie;
    std::optional<std::string> message_id; ///< phase 2: `message id:0x2A1C4F52` -> `0x2A1C4F52`
    std::optional<std::string> spi;        ///< `SPI:0xA1CD910F.` -> `0xA1CD910F`
    /// `Received local id 192.168.60.0/24 type IPv4 address protocol 0 port 0, received
    /// remote id 192.168.10.0/24 ...`: local/remote as PAN-OS names them, protocol `any` for 0.
    std::optional<proxy_id_event> proxy_id;
    /// `pfs group mismatched:my: 2peer: 0` -> {pfs_group, "2", "0"}
    std::optional<phase2_mismatch_event> mismatch;
    /// `Configured encryption algorithm 'AES256-CBC' was not presented ...` -> `AES256-CBC`
    std::optional<std::string> configured_encryption;
    friend bool operator==(const system_event&, const system_event&) = default;
};

/// A line of a log that is not about an IKE negotiation: a management-plane log line
/// (`ms.log`, `devsrv.log`, `useridd.log`, ...), a system log entry of a subtype other than
/// `vpn`, a traffic log row. Rule packs (diff/findings/) read these; the IKE reconstruction
/// never sees them (`correlation::by::none`). Its values are named fields, as its format
/// reads them:
/// - management-plane lines: `level` (`Error`), `function` (`verify_cb`), `source`
///   (`pan_ssl_curl_utils.c:652`), `message` (the text after the location);
/// - system log entries: `subtype`, `event_id`, `object`, `module`, `severity`, `description`;
/// - traffic log rows: `subtype`, `session_end_reason`, `source_address`,
///   `destination_address`, `destination_port`, `application`, `rule`, `source_user`,
///   `protocol`, `action`, `vsys`.
/// A field the line does not carry is absent.
struct record_event {
    /// The log it comes from, by family: `ms.log`, `configd.log`, `devsrv.log`,
    /// `useridd.log`, `system-log`, `traffic-log`; empty when neither the input's name nor its
    /// content told which management-plane log it is.
    std::string log;
    std::vector<std::pair<std::string, std::string>> fields;
    /// Whether the line gave a time (`log_event::time`): KB copies of management-plane lines
    /// often have none.
    bool has_time = true;

    /// The value of field `name`, null when the line has none.
    const std::string* field(std::string_view name) const {
        for (const auto& [n, v] : fields) {
            if (n == name) {
                return &v;
            }
        }
        return nullptr;
    }
    friend bool operator==(const record_event&, const record_event&) = default;
};

/// An SA PAN-OS shows in copied CLI output (`show vpn ike-sa`, `show vpn ipsec-sa`, their XML
/// API answers, `show vpn ike-sa detail gateway X`; parser/panos_cli/): what its two sides
/// agreed on, as the command prints it, split into attributes (`PSK/DH14/A128/SHA1` ->
/// auth_method `PSK`, dh_group `DH14`, cipher `AES-CBC`, key_length `128`, hash `SHA1`). Both
/// sides of an SA use the same values, so each value is the firewall's and the peer's.
struct sa_state_event {
    std::uint32_t phase = 1;
    std::optional<model::ike_version> version;
    std::optional<model::role> role;         ///< the firewall's: `Init`, `Resp`
    std::optional<model::exchange> exchange; ///< `Main`, `Aggr`
    /// The state the command names (`Established`, `Mature`, `13`), as shown; empty when it
    /// names none.
    std::string state;
    /// Whether the SA is up: every row of the SA tables is; a detail view says.
    bool up = true;
    std::vector<std::pair<phase1_attribute, std::string>> phase1; ///< phase 1 values agreed on
    std::vector<std::pair<phase2_attribute, std::string>> phase2; ///< phase 2 values agreed on
    std::optional<std::string> spi_in;  ///< phase 2: the inbound SPI, as shown (`8827A3D9`)
    std::optional<std::string> spi_out; ///< phase 2: the outbound SPI
    friend bool operator==(const sa_state_event&, const sa_state_event&) = default;
};

/// A value kept on the heap, copied and compared as a value: a large payload few events carry
/// (a system log entry, 456 bytes) does not make every event that large (an ikemgr.log holds
/// millions of them, each moved from the reading thread to the rebuilding one). A box moved
/// from is empty, as a moved-from std::unique_ptr is: it may be assigned to or destroyed, and
/// nothing else (reading, copying or comparing it is a bug).
template <class T>
class boxed {
public:
    boxed(T value) : m_value(std::make_unique<T>(std::move(value))) {} // NOLINT: as a T converts
    boxed(const boxed& other) : m_value(std::make_unique<T>(*other)) {}
    boxed(boxed&&) noexcept = default;
    boxed& operator=(const boxed& other) {
        m_value = std::make_unique<T>(*other);
        return *this;
    }
    boxed& operator=(boxed&&) noexcept = default;
    ~boxed() = default;

    const T& operator*() const { return *m_value; }
    const T* operator->() const { return m_value.get(); }
    friend bool operator==(const boxed& a, const boxed& b) { return *a == *b; }

private:
    std::unique_ptr<T> m_value; ///< null only once moved from
};

using event_payload =
    std::variant<std::monostate, compared_event, rejected_event, phase_start_event, banner_event,
                 sa_established_event, bundle_header_event, bundle_values_event, phase2_mismatch_event,
                 proxy_id_event, ipsec_sa_established_event, boxed<system_event>,
                 boxed<record_event>, banner_sa_event, boxed<sa_state_event>>;

/// The system log entry a payload is, if it is one.
inline const system_event* system_entry(const event_payload& what) {
    const auto* entry = std::get_if<boxed<system_event>>(&what);
    return entry == nullptr ? nullptr : &**entry;
}

/// The record a payload is, if it is one (a line of a log that is not about IKE).
inline const record_event* record_of(const event_payload& what) {
    const auto* entry = std::get_if<boxed<record_event>>(&what);
    return entry == nullptr ? nullptr : &**entry;
}

/// The SA state a payload is, if it is one (copied CLI output).
inline const sa_state_event* sa_state_of(const event_payload& what) {
    const auto* entry = std::get_if<boxed<sa_state_event>>(&what);
    return entry == nullptr ? nullptr : &**entry;
}

/// Which negotiation a line belongs to, as the line's format tells: the reconstruction
/// (diff/ike/) follows it and knows no format.
struct correlation {
    enum class by : std::uint8_t {
        /// No key of its own: the negotiation its stream last spoke of (a daemon that logs one
        /// exchange at a time, racoon), unless the line starts a new one.
        follow,
        /// The daemon's own numbering, `log_event::context` (PAN-OS 8.x+ `{ A: B }`).
        context,
        /// The peer address the line names (`log_event::peer`); the stream's last otherwise.
        peer,
        /// Either end of the IPsec SA the line names (`ipsec_sa_established_event`),
        /// whichever is a peer a negotiation is open with; the stream's last otherwise.
        sa_ends,
        /// The object the line is about, and its phase: an account kept per object. The object
        /// is `log_event::gateway`, else `ipsec_tunnel`, else the peer's address.
        subject,
        /// None: the line is not about an IKE negotiation (a `record_event`). Only the event
        /// takers (diff/event_taker.hpp) see it; the reconstruction passes it by.
        none,
    };
    by kind = by::follow;
    /// An account written after the fact (a system log entry): its negotiations are merged,
    /// at the end, into the detailed ones they duplicate, so it may reach negotiations of any
    /// age.
    bool summary = false;
    // No text of its own: every key names fields the event has anyway, so the key costs an
    // event two bytes (a GiB of debug log makes 1.7 M events).
    friend bool operator==(const correlation&, const correlation&) = default;
};

/// One recognised line.
struct log_event {
    source_line where;
    timestamp time;
    std::string level;                  ///< as logged: `DEBG`, `PERR`, `ERROR`, ...
    std::optional<pan_context> context; ///< PAN-OS 8.x+ lines only
    std::optional<endpoint> local;      ///< endpoints the line names, local first
    std::optional<endpoint> peer;
    std::optional<std::string> gateway; ///< IKE gateway name, when the line names it
    std::optional<std::string> ipsec_tunnel; ///< IPsec tunnel name (phase 2 system log entries)
    std::optional<event_code> code;     ///< none: the line only names endpoints
    event_payload what;
    std::string text; ///< the message after the line prefix, as logged
    correlation key;  ///< set by the format's feeder
    /// Whether the line gave `time`: copied CLI output (`show vpn ipsec-sa`, the GUI's detail
    /// view) often has none; such a line dates nothing (`time` is left at its default).
    bool has_time = true;
    friend bool operator==(const log_event&, const log_event&) = default;
};

} // namespace ikediff::model
