// ikemgr_generate: writes a realistic PAN-OS 8.x ikemgr.log of any size, fast and seeded, and
// the counts ikediff must find in it (for the benchmark harness).
//
//   ikemgr_generate --size SIZE [--seed N] [--noise PERCENT] [--peers N] [--out FILE|-]
//                   [--counts FILE]
//
// One firewall with two local addresses talks to N peers. Each peer has one chain of
// negotiations in flight at a time (phase 1 in its own `{ A: }` context, its phase 2s in
// child contexts `{ A: B }`, a retry in the same context once the attempt before it ended),
// so N negotiations run at once and their lines interleave, in bursts, as ikemgr writes
// them. A peer's next chain may take up the IKE SA number of its chain before, only when every
// negotiation in that one ended (none is left `unknown`), and never when it opens without a
// start line (peer-not-found, IKEv2 `authentication failure`, `ikev2 not acceptable`): such a
// line joins whatever negotiation its context last held.
//
// The chains, their message bodies and how each negotiation is counted are those of
// fixtures/many-interleaved/generate.py, ported line for line; only the mix (per-peer
// problems, realistic proportions), the noise and the streaming are this file's. The noise is
// racoon/ikemgr debug text (payload dumps, transforms, hex dumps, key computation, packet
// I/O) chosen so that it names no phrase of parser/panos/phrases.cpp nor of the grammar's phrase
// table and starts with nothing the grammar parses: ikediff must skip every such line.
//
// The expected counts come from what each negotiation was built to be, never from ikediff:
// this program links no ikediff library. Every chain it starts is written to its end, so
// the output is SIZE plus at most about one chain; negotiations left running are those the
// chains build that way (a phase 1 or 2 that never hears back), counted `unknown`.
//
// Streaming: memory is one chain's lines per peer plus an output buffer, whatever SIZE.
// Deterministic: one xoshiro256** stream seeded by splitmix64, drawn from with integer code
// only (no std:: distribution); the same options write the same bytes on every platform.

#include "bench/generator_support.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

using ikediff::bench::append_uint;
using ikediff::bench::parse_number;
using ikediff::bench::parse_size;
using ikediff::bench::random_stream;

// Text -------------------------------------------------------------------------------------

constexpr char k_hex_digits[] = "0123456789abcdef";

/// `v` right-aligned in `width` blanks (`%5d`).
void append_padded(std::string& out, std::uint64_t v, std::size_t width) {
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    const auto n = static_cast<std::size_t>(r.ptr - buf);
    if (n < width) {
        out.append(width - n, ' ');
    }
    out.append(buf, n);
}

/// The low `digits` hex digits of `v`, zero-padded (`%016x`, `%08x`).
void append_hex(std::string& out, std::uint64_t v, std::size_t digits) {
    char buf[16];
    for (std::size_t i = 0; i < digits; ++i) {
        buf[digits - 1 - i] = k_hex_digits[v & 0xFu];
        v >>= 4;
    }
    out.append(buf, digits);
}

// The mix of chains ------------------------------------------------------------------------

/// The chains of generate.py's `chains_for`: negotiations that follow each other on one
/// IKE SA number.
enum class recipe : std::uint8_t {
    success_with_children,
    p2_retry_same_child,
    timeout_then_success,
    not_found_then_success,
    no_proposal_retry,
    psk_twice,
    ikev2_auth,
    identity,
    version,
    exchange,
    exchange_then_unknown, ///< generate.py's round 0 `exchange`: then an attempt left running
    proxy_then_dpd,
    dpd_then_new,
    waiting,
    p2_unknown,
};
constexpr std::size_t k_recipes = 15;
static_assert(static_cast<std::size_t>(recipe::p2_unknown) + 1 == k_recipes);

/// Chains that open without a start line: their first line must open a context of its own.
bool opens_without_start_line(recipe r) {
    return r == recipe::not_found_then_success || r == recipe::ikev2_auth || r == recipe::version;
}

/// Weights (out of the sum) of the chains of a healthy peer: mostly tunnels coming up and
/// rekeying, now and then a peer that does not answer or a DPD teardown.
constexpr std::array<std::pair<recipe, std::uint32_t>, 7> k_healthy{{
    {recipe::success_with_children, 66},
    {recipe::dpd_then_new, 8},
    {recipe::timeout_then_success, 8},
    {recipe::p2_retry_same_child, 5},
    {recipe::p2_unknown, 7},
    {recipe::waiting, 3},
    {recipe::proxy_then_dpd, 3},
}};

/// What a misconfigured peer keeps doing (one of these per problem peer).
constexpr std::array<recipe, 12> k_problems{
    recipe::not_found_then_success,
    recipe::no_proposal_retry,
    recipe::psk_twice,
    recipe::ikev2_auth,
    recipe::identity,
    recipe::version,
    recipe::exchange,
    recipe::exchange_then_unknown,
    recipe::proxy_then_dpd,
    recipe::p2_retry_same_child,
    recipe::timeout_then_success,
    recipe::waiting,
};

constexpr std::uint32_t k_problem_peer_percent = 35;  ///< peers with a problem of their own
constexpr std::uint32_t k_problem_chain_percent = 70; ///< chains of such a peer that show it

// Counts -----------------------------------------------------------------------------------

constexpr std::array<std::string_view, 9> k_classes{
    "peer-not-found",    "timeout",     "no-proposal",          "psk-mismatch",
    "proxy-id-mismatch", "id-mismatch", "ike-version-mismatch", "exchange-mode-mismatch",
    "dpd-down",
};

enum class failure : std::uint8_t {
    peer_not_found,
    timeout,
    no_proposal,
    psk_mismatch,
    proxy_id_mismatch,
    id_mismatch,
    ike_version_mismatch,
    exchange_mode_mismatch,
    dpd_down,
};

enum class outcome : std::uint8_t { established, failed, unknown };

/// What the negotiations written so far were built to be.
struct counts {
    std::uint64_t negotiations = 0;
    std::uint64_t established = 0;
    std::uint64_t failed = 0;
    std::uint64_t unknown = 0;
    std::array<std::uint64_t, k_classes.size()> failures{};
    std::uint64_t lines = 0;
    std::uint64_t noise = 0;  ///< debug noise (as generate.py counts it)
    std::uint64_t unread = 0; ///< noise plus IKE lines no rule reads
    std::uint64_t bytes = 0;
};

// Chains -----------------------------------------------------------------------------------

/// One line of a chain: its text after the timestamp and UTC offset (`  [DEBG]: {...}: msg`).
struct line_ref {
    std::uint32_t offset;
    std::uint32_t length;
};

/// A chain's lines, built when it starts, written as the interleaving picks them.
struct chain {
    std::string text;
    std::vector<line_ref> lines;
    std::size_t cursor = 0;
    std::uint64_t bytes_left = 0; ///< bytes its unwritten lines take in the output
    std::uint32_t sa = 0;
    bool reusable = false; ///< every negotiation in it ended: its SA number may serve again
};

/// One peer of the firewall.
struct peer {
    std::string local;
    std::string address;
    std::optional<recipe> problem;
    /// The IKE SA number of its last chain in which every negotiation ended, for the next.
    std::optional<std::uint32_t> free_sa;
};

/// The kind of a line, for the line counts.
enum class line_kind : std::uint8_t {
    ike,    ///< a line ikediff reads
    unread, ///< an IKE line no rule of ikediff reads (not counted as noise, as generate.py)
    noise,  ///< debug noise
};

/// Bytes a line takes in the output besides its text: `YYYY-MM-DD HH:MM:SS.mmm +hhmm` and `\n`.
constexpr std::size_t k_stamp_size = 29;

/// Builds one chain's lines (generate.py's `Builder`).
class builder {
public:
    builder(random_stream& rng, chain& c, const peer& p, counts& totals, double& noise_budget,
            double noise_ratio)
        : m_rng(rng), m_chain(c), m_peer(p), m_totals(totals), m_budget(noise_budget),
          m_ratio(noise_ratio), m_next_child(rng.between(1, 40)) {}

    void build(recipe r) {
        switch (r) {
        case recipe::success_with_children:
            p1_success();
            p2_success();
            if (m_rng.percent(50)) {
                p2_success();
            }
            break;
        case recipe::p2_retry_same_child: {
            p1_success();
            const std::uint32_t child = p2_no_proposal();
            p2_success(child); // the same child context, reused after the failure
            break;
        }
        case recipe::timeout_then_success:
            p1_timeout();
            p1_success();
            p2_timeout();
            break;
        case recipe::not_found_then_success:
            peer_not_found();
            p1_success();
            break;
        case recipe::no_proposal_retry:
            p1_no_proposal();
            p1_no_proposal();
            break;
        case recipe::psk_twice:
            p1_psk();
            p1_psk();
            break;
        case recipe::ikev2_auth:
            ikev2_auth_failure();
            break;
        case recipe::identity:
            p1_id();
            p1_success();
            break;
        case recipe::version:
            ike_version();
            break;
        case recipe::exchange:
            p1_exchange();
            break;
        case recipe::exchange_then_unknown:
            p1_exchange();
            p1_unknown();
            break;
        case recipe::proxy_then_dpd: {
            const std::size_t n = p1_success();
            p2_proxy();
            dpd_down(n);
            break;
        }
        case recipe::dpd_then_new: {
            const std::size_t n = p1_success();
            p2_success();
            dpd_down(n);
            p1_success();
            break;
        }
        case recipe::waiting:
            p1_unknown();
            p2_waiting_for_p1();
            break;
        case recipe::p2_unknown:
            p1_success();
            p2_unknown();
            break;
        }
        m_chain.reusable = true;
        for (const auto& n : m_negotiations) {
            ++m_totals.negotiations;
            switch (n.result) {
            case outcome::established:
                ++m_totals.established;
                break;
            case outcome::failed:
                ++m_totals.failed;
                break;
            case outcome::unknown:
                ++m_totals.unknown;
                m_chain.reusable = false;
                break;
            }
            if (n.cause) {
                ++m_totals.failures[static_cast<std::size_t>(*n.cause)];
            }
        }
    }

private:
    struct negotiation {
        outcome result;
        std::optional<failure> cause;
    };

    random_stream& m_rng;
    chain& m_chain;
    const peer& m_peer;
    counts& m_totals;
    double& m_budget; ///< noise lines owed (shared by all chains, so the ratio holds overall)
    double m_ratio;   ///< noise lines per IKE line
    std::uint32_t m_next_child;
    std::vector<negotiation> m_negotiations;
    std::size_t m_line_start = 0;

    // Lines ------------------------------------------------------------------------------

    /// Starts a line in context `{ sa: child }` (child 0: none); the caller appends the message.
    std::string& begin(std::string_view level, std::uint32_t child) {
        std::string& t = m_chain.text;
        m_line_start = t.size();
        t += "  [";
        t += level;
        t += "]: {";
        append_padded(t, m_chain.sa, 5);
        t += ':';
        if (child == 0) {
            t += "     ";
        } else {
            append_padded(t, child, 5);
        }
        t += "}: ";
        return t;
    }

    void end(line_kind kind) {
        const std::size_t length = m_chain.text.size() - m_line_start;
        m_chain.lines.push_back(
            {static_cast<std::uint32_t>(m_line_start), static_cast<std::uint32_t>(length)});
        m_chain.bytes_left += length + k_stamp_size + 1;
        ++m_totals.lines;
        switch (kind) {
        case line_kind::ike:
            m_budget += m_ratio;
            break;
        case line_kind::unread:
            m_budget += m_ratio;
            ++m_totals.unread;
            break;
        case line_kind::noise:
            m_budget -= 1.0;
            ++m_totals.noise;
            ++m_totals.unread;
            break;
        }
    }

    /// A whole line with a fixed message.
    void line(std::string_view level, std::uint32_t child, std::string_view message,
              line_kind kind) {
        begin(level, child) += message;
        end(kind);
    }

    void cookie(std::string& t) { append_hex(t, m_rng.next(), 16); }

    /// `LOCAL[500] - PEER[500]:(nil) ` or `...:0x7f.. ` (the message follows).
    std::string& tail(std::string& t, bool pointer) {
        t += m_peer.local;
        t += "[500] - ";
        t += m_peer.address;
        t += "[500]:";
        if (pointer) {
            t += "0x7f";
            append_hex(t, m_rng.next(), 10);
        } else {
            t += "(nil)";
        }
        t += ' ';
        return t;
    }

    std::string& tail(std::string& t) { return tail(t, m_rng.percent(50)); }

    std::uint32_t new_child() {
        m_next_child += m_rng.between(1, 3);
        return m_next_child;
    }

    std::size_t add(outcome result, std::optional<failure> cause = std::nullopt) {
        m_negotiations.push_back({result, cause});
        return m_negotiations.size() - 1;
    }

    // Noise ------------------------------------------------------------------------------

    void hex_dump(std::uint32_t child, std::uint32_t rows) {
        for (std::uint32_t r = 0; r < rows; ++r) {
            std::string& t = begin("DEBG", child);
            const std::uint32_t words = r + 1 == rows ? m_rng.between(1, 8) : 8;
            for (std::uint32_t w = 0; w < words; ++w) {
                if (w != 0) {
                    t += ' ';
                }
                append_hex(t, m_rng.next(), 8);
            }
            end(line_kind::noise);
        }
    }

    void endpoint_text(std::string& t, const std::string& address, std::uint32_t port = 500) {
        t += address;
        t += '[';
        append_uint(t, port);
        t += ']';
    }

    /// A block of debug lines ikediff does not interpret.
    void noise_block(std::uint32_t child) {
        static constexpr std::array<std::string_view, 5> k_np{"2(sa)", "4(ke)", "10(nonce)",
                                                              "13(vid)", "20(nat-d)"};
        static constexpr std::array<std::string_view, 7> k_vendor{
            "RFC 3947",
            "DPD",
            "draft-ietf-ipsec-nat-t-ike-02",
            "draft-ietf-ipsec-nat-t-ike-02\\n",
            "CISCO-UNITY",
            "draft-ietf-ipsra-isakmp-xauth-06.txt",
            "FRAGMENTATION"};
        static constexpr std::array<std::string_view, 3> k_cipher{"AES-CBC", "3DES-CBC", "AES-CBC"};
        static constexpr std::array<std::string_view, 4> k_hash{"SHA", "SHA256", "SHA384",
                                                                "SHA512"};
        static constexpr std::array<std::string_view, 4> k_group{
            "1024-bit MODP group", "2048-bit MODP group", "256-bit random ECP group",
            "384-bit random ECP group"};
        static constexpr std::array<std::uint32_t, 5> k_len{92, 156, 188, 292, 372};
        const peer& p = m_peer;
        const std::uint64_t roll = m_rng.below(100);
        if (roll < 30) {
            single_noise(child);
        } else if (roll < 42) {
            // a payload parsed
            line("DEBG", child, "begin.", line_kind::noise);
            for (std::uint32_t i = m_rng.between(2, 5); i > 0; --i) {
                std::string& t = begin("DEBG", child);
                t += "seen nptype=";
                t += m_rng.pick(k_np);
                end(line_kind::noise);
            }
            line("DEBG", child, "succeed.", line_kind::noise);
        } else if (roll < 52) {
            // an SA payload and its transform (ISAKMP in phase 1, ESP in quick mode)
            std::string& t = begin("DEBG", child);
            t += "total SA len=";
            append_uint(t, 40 + 4 * m_rng.below(16));
            end(line_kind::noise);
            hex_dump(child, m_rng.between(1, 3));
            begin("DEBG", child) += child == 0 ? "prop#=1, prot-id=ISAKMP, spi-size=0, #trns="
                                               : "prop#=1, prot-id=IPSEC_ESP, spi-size=4, #trns=";
            append_uint(m_chain.text, m_rng.between(1, 4));
            end(line_kind::noise);
            begin("DEBG", child) += "trns#=";
            append_uint(m_chain.text, m_rng.between(1, 4));
            m_chain.text += child == 0 ? ", trns-id=IKE" : ", trns-id=AES";
            end(line_kind::noise);
            line("DEBG", child,
                 child == 0 ? "type=Life Type, flag=0x8000, lorv=seconds"
                            : "type=SA Life Type, flag=0x8000, lorv=seconds",
                 line_kind::noise);
            begin("DEBG", child) += child == 0 ? "type=Life Duration, flag=0x0000, lorv=4"
                                               : "type=SA Life Duration, flag=0x0000, lorv=4";
            end(line_kind::noise);
            if (child == 0) {
                begin("DEBG", child) += "type=Encryption Algorithm, flag=0x8000, lorv=";
                m_chain.text += m_rng.pick(k_cipher);
                end(line_kind::noise);
            } else {
                line("DEBG", child, "type=Encryption Mode, flag=0x8000, lorv=Tunnel",
                     line_kind::noise);
            }
            begin("DEBG", child) += "type=Key Length, flag=0x8000, lorv=";
            append_uint(m_chain.text, m_rng.percent(70) ? 256 : 128);
            end(line_kind::noise);
            if (child == 0) {
                begin("DEBG", child) += "type=Hash Algorithm, flag=0x8000, lorv=";
                m_chain.text += m_rng.pick(k_hash);
                end(line_kind::noise);
                line("DEBG", child, "type=Authentication Method, flag=0x8000, lorv=pre-shared key",
                     line_kind::noise);
                begin("DEBG", child) += "type=Group Description, flag=0x8000, lorv=";
                m_chain.text += m_rng.pick(k_group);
                end(line_kind::noise);
            } else {
                begin("DEBG", child) += "type=Authentication Algorithm, flag=0x8000, lorv=";
                m_chain.text += m_rng.pick(
                    std::array<std::string_view, 3>{"hmac-sha", "hmac-sha256", "hmac-sha512"});
                end(line_kind::noise);
            }
        } else if (roll < 62) {
            // key material
            static constexpr std::array<std::string_view, 8> k_keys{
                "compute DH's private.", "compute DH's public.", "compute DH's shared.",
                "SKEYID computed:",      "SKEYID_d computed:",   "SKEYID_a computed:",
                "SKEYID_e computed:",    "KEYMAT computed."};
            for (std::uint32_t i = m_rng.between(1, 3); i > 0; --i) {
                line("DEBG", child, m_rng.pick(k_keys), line_kind::noise);
                hex_dump(child, m_rng.between(1, 4));
            }
        } else if (roll < 74) {
            // a packet sent
            for (std::uint32_t i = m_rng.between(1, 3); i > 0; --i) {
                std::string& t = begin("DEBG", child);
                t += "add payload of len ";
                append_uint(t, 8 + 4 * m_rng.below(34));
                t += ", next type ";
                append_uint(t, m_rng.pick(std::array<std::uint32_t, 6>{0, 4, 5, 8, 10, 13}));
                end(line_kind::noise);
            }
            std::string& t = begin("DEBG", child);
            const std::uint32_t len = m_rng.pick(k_len);
            append_uint(t, len);
            t += " bytes from ";
            endpoint_text(t, p.local);
            t += " to ";
            endpoint_text(t, p.address);
            end(line_kind::noise);
            begin("DEBG", child) += "sockname ";
            endpoint_text(m_chain.text, p.local);
            end(line_kind::noise);
            begin("DEBG", child) += "send packet from ";
            endpoint_text(m_chain.text, p.local);
            end(line_kind::noise);
            begin("DEBG", child) += "send packet to ";
            endpoint_text(m_chain.text, p.address);
            end(line_kind::noise);
            std::string& u = begin("DEBG", child);
            u += "1 times of ";
            append_uint(u, len);
            u += " bytes message will be sent to ";
            endpoint_text(u, p.address);
            end(line_kind::noise);
            hex_dump(child, m_rng.between(2, 8));
        } else if (roll < 82) {
            // a packet received
            line("DEBG", child, "===", line_kind::noise);
            std::string& t = begin("DEBG", child);
            append_uint(t, m_rng.pick(k_len));
            t += " bytes message received from ";
            endpoint_text(t, p.address);
            t += " to ";
            endpoint_text(t, p.local);
            end(line_kind::noise);
            hex_dump(child, m_rng.between(2, 8));
        } else if (roll < 88 && child == 0) {
            // vendor IDs and NAT discovery (phase 1)
            for (std::uint32_t i = m_rng.between(1, 3); i > 0; --i) {
                std::string& t = begin("INFO", child);
                t += "received Vendor ID: ";
                t += m_rng.pick(k_vendor);
                end(line_kind::noise);
            }
            for (std::uint32_t i = 0; i < 2; ++i) {
                std::string& t = begin("DEBG", child);
                t += "Hashing ";
                endpoint_text(t, i == 0 ? p.address : p.local);
                t += " with algo #";
                append_uint(t, m_rng.between(1, 4));
                end(line_kind::noise);
                hex_dump(child, 1);
            }
            begin("DEBG", child) += "NAT-D payload #0 verified";
            end(line_kind::noise);
            begin("DEBG", child) += "NAT-D payload #1 verified";
            end(line_kind::noise);
            line("INFO", child, "NAT not detected", line_kind::noise);
        } else if (roll < 94) {
            // encryption of a payload
            line("DEBG", child, m_rng.percent(50) ? "encryption(aes)" : "decryption(aes)",
                 line_kind::noise);
            line("DEBG", child, "with key:", line_kind::noise);
            hex_dump(child, m_rng.between(1, 2));
            line("DEBG", child,
                 m_rng.percent(50) ? "encrypted payload by IV:" : "decrypted payload by IV:",
                 line_kind::noise);
            hex_dump(child, 1);
            line("DEBG", child, "IV freed", line_kind::noise);
        } else {
            // racoon's source locations (sockmisc.c and friends)
            static constexpr std::array<std::string_view, 4> k_where{
                "sockmisc.c:", "isakmp.c:", "pfkey.c:", "schedule.c:"};
            std::string& t = begin("DEBG", child);
            const std::string_view where = m_rng.pick(k_where);
            t += where;
            append_uint(t, m_rng.between(100, 2999));
            if (where == "sockmisc.c:") {
                t += ":sendfromto(): sockname ";
                endpoint_text(t, p.local);
            } else if (where == "isakmp.c:") {
                t += ":isakmp_main(): ISAKMP message of ";
                append_uint(t, m_rng.pick(k_len));
                t += " bytes queued";
            } else if (where == "pfkey.c:") {
                t += ":pk_recvupdate(): pfkey UPDATE succeeded: ESP/Tunnel ";
                endpoint_text(t, p.address, 0);
                t += "->";
                endpoint_text(t, p.local, 0);
            } else {
                t += ":sched_scrub_param(): an undead schedule has been deleted.";
            }
            end(line_kind::noise);
        }
    }

    /// One debug line of many kinds, with varying numbers and levels.
    void single_noise(std::uint32_t child) {
        const peer& p = m_peer;
        const std::uint64_t roll = m_rng.below(24);
        switch (roll) {
        case 0:
            line("DEBG", child, "===", line_kind::noise);
            return;
        case 1:
            line("DEBG", child, "begin.", line_kind::noise);
            return;
        case 2:
            line("DEBG", child, "succeed.", line_kind::noise);
            return;
        case 3: {
            std::string& t = begin("DEBG", child);
            t += "hmac(modp";
            append_uint(t, m_rng.percent(50) ? 1024 : 2048);
            t += ')';
            break;
        }
        case 4:
            line("DEBG", child, "HASH computed:", line_kind::noise);
            return;
        case 5: {
            std::string& t = begin("DEBG", child);
            t += "hash(";
            t += m_rng.pick(std::array<std::string_view, 3>{"sha1", "sha2_256", "sha2_512"});
            t += ')';
            break;
        }
        case 6: {
            std::string& t = begin("DEBG", child);
            t += "new cookie: ";
            cookie(t);
            break;
        }
        case 7: {
            std::string& t = begin("DEBG", child);
            t += "pfkey GETSPI sent: ESP/Tunnel ";
            endpoint_text(t, p.address);
            t += "->";
            endpoint_text(t, p.local);
            break;
        }
        case 8: {
            std::string& t = begin("DEBG", child);
            t += "pfkey GETSPI succeeded: ESP/Tunnel ";
            endpoint_text(t, p.address);
            t += "->";
            endpoint_text(t, p.local);
            t += " spi=";
            const auto spi = static_cast<std::uint32_t>(m_rng.next());
            append_uint(t, spi);
            t += "(0x";
            append_hex(t, spi, 8);
            t += ')';
            break;
        }
        case 9: {
            std::string& t = begin("DEBG", child);
            t += "call pfkey_send_getspi ";
            append_hex(t, m_rng.next(), 2);
            break;
        }
        case 10: {
            std::string& t = begin("DEBG", child);
            t += "src4 ";
            endpoint_text(t, p.local);
            break;
        }
        case 11: {
            std::string& t = begin("DEBG", child);
            t += "dst4 ";
            endpoint_text(t, p.address);
            break;
        }
        case 12:
            line("DEBG", child, "Adding remote and local NAT-D payloads.", line_kind::noise);
            return;
        case 13:
            line("INFO", child, "Selected NAT-T version: RFC 3947", line_kind::noise);
            return;
        case 14:
            line("DEBG", child, "generate HASH_I", line_kind::noise);
            return;
        case 15:
            line("DEBG", child, "generate HASH_R", line_kind::noise);
            return;
        case 16: {
            std::string& t = begin("DEBG", child);
            t += "next payload type: ";
            append_uint(t, m_rng.between(0, 13));
            break;
        }
        case 17:
            line("PWRN", child,
                 "ignore INITIAL-CONTACT notification, because it is only accepted after phase1.",
                 line_kind::noise);
            return;
        case 18:
            line("PWRN", child, "unknown Informational exchange received.", line_kind::noise);
            return;
        case 19: {
            std::string& t = begin("INFO", child);
            t += "purged IPsec-SA proto_id=ESP spi=";
            append_uint(t, static_cast<std::uint32_t>(m_rng.next()));
            t += '.';
            break;
        }
        case 20: {
            std::string& t = begin("DEBG", child);
            t += "ISAKMP message of ";
            append_uint(t, m_rng.between(60, 600));
            t += " bytes, exchange type ";
            append_uint(t, m_rng.pick(std::array<std::uint32_t, 3>{2, 5, 32}));
            break;
        }
        case 21: {
            std::string& t = begin("DEBG", child);
            t += "IV computed:";
            end(line_kind::noise);
            hex_dump(child, 1);
            return;
        }
        case 22: {
            std::string& t = begin("DEBG", child);
            t += "pair 1:";
            end(line_kind::noise);
            std::string& u = begin("DEBG", child);
            u += " 0x";
            append_hex(u, m_rng.next(), 12);
            u += ": next=(nil) tnext=(nil)";
            break;
        }
        default: {
            std::string& t = begin("DEBG", child);
            t += "schedule ";
            append_uint(t, m_rng.between(1, 60));
            t += " sec timer for ";
            t += m_rng.percent(50) ? "isakmp_ph1resend" : "isakmp_ph2resend";
            break;
        }
        }
        end(line_kind::noise);
    }

    /// The noise owed so far, in blocks, before the next IKE line.
    void noise(std::uint32_t child) {
        while (m_budget > 0.0) {
            noise_block(child);
        }
    }

    /// An IKE line with the noise owed before it.
    void step(std::string_view level, std::uint32_t child, std::string_view message,
              line_kind kind = line_kind::ike) {
        noise(child);
        line(level, child, message, kind);
    }

    /// Starts an IKE line with the noise owed before it; the caller appends and calls end().
    std::string& step_begin(std::string_view level, std::uint32_t child) {
        noise(child);
        return begin(level, child);
    }

    // Proposals ----------------------------------------------------------------------------

    struct proposal {
        std::uint32_t lifetime;
        std::uint32_t encklen;
        std::string_view hashtype;
        std::string_view dh_group;
    };

    proposal random_proposal() {
        return {m_rng.percent(50) ? 28800u : 86400u, m_rng.percent(50) ? 128u : 256u,
                m_rng.pick(std::array<std::string_view, 3>{"SHA1", "SHA256", "SHA512"}),
                m_rng.pick(std::array<std::string_view, 3>{"DH14", "DH19", "DH20"})};
    }

    /// The `Compared: DB:Peer` block.
    void compared(const proposal& local, const proposal& peer_side) {
        step("DEBG", 0, "Compared: DB:Peer");
        std::string& a = step_begin("DEBG", 0);
        a += "(lifetime = ";
        append_uint(a, local.lifetime);
        a += ':';
        append_uint(a, peer_side.lifetime);
        a += ')';
        end(line_kind::ike);
        step("DEBG", 0, "(lifebyte = 0:0)");
        step("DEBG", 0, "enctype = AES:AES");
        std::string& b = step_begin("DEBG", 0);
        b += "(encklen = ";
        append_uint(b, local.encklen);
        b += ':';
        append_uint(b, peer_side.encklen);
        b += ')';
        end(line_kind::ike);
        std::string& c = step_begin("DEBG", 0);
        c += "hashtype = ";
        c += local.hashtype;
        c += ':';
        c += peer_side.hashtype;
        end(line_kind::ike);
        step("DEBG", 0, "authmethod = PSK:PSK");
        std::string& d = step_begin("DEBG", 0);
        d += "dh_group = ";
        d += local.dh_group;
        d += ':';
        d += peer_side.dh_group;
        end(line_kind::ike);
    }

    /// `respond|initiate new phase N negotiation: LOCAL[500]<=>PEER[500]`.
    void start_line(std::uint32_t child, bool respond, int phase) {
        std::string& t = step_begin("INFO", child);
        t += respond ? "respond new phase " : "initiate new phase ";
        t += phase == 1 ? "1" : "2";
        t += " negotiation: ";
        t += m_peer.local;
        t += "[500]<=>";
        t += m_peer.address;
        t += "[500]";
        end(line_kind::ike);
    }

    void start_p1(bool respond, bool main_mode = true) {
        if (!respond && m_rng.percent(50)) {
            step("PNTF", 0,
                 main_mode
                     ? "====> PHASE-1 NEGOTIATION STARTED AS INITIATOR, MAIN MODE <===="
                     : "====> PHASE-1 NEGOTIATION STARTED AS INITIATOR, AGGRESSIVE MODE <====");
        }
        start_line(0, respond, 1);
        step("INFO", 0, main_mode ? "begin Identity Protection mode." : "begin Aggressive mode.");
    }

    // Negotiations (generate.py's, in its order) --------------------------------------------

    std::size_t p1_success() {
        const std::size_t n = add(outcome::established);
        start_p1(m_rng.percent(50));
        const proposal p = random_proposal();
        compared(p, p);
        step("DEBG", 0, "an acceptable proposal found.");
        step("DEBG", 0, "agreed on pre-shared key auth.");
        std::string& t = step_begin("INFO", 0);
        t += "ISAKMP-SA established ";
        t += m_peer.local;
        t += "[500]-";
        t += m_peer.address;
        t += "[500] spi:";
        cookie(t);
        t += ':';
        cookie(t);
        end(line_kind::ike);
        noise(0);
        return n;
    }

    /// Tears down the established phase 1 `n` (its context has had no new start since).
    void dpd_down(std::size_t n) {
        for (int i = 0; i < 3; ++i) {
            std::string& t = begin("DEBG", 0);
            t += "sending DPD R-U-THERE seq=0x";
            append_hex(t, m_rng.next(), 8);
            end(line_kind::noise);
        }
        std::string& t = begin("PNTF", 0);
        t += "DPD down, rekey vpn tunnel <tunnel.";
        append_uint(t, m_chain.sa);
        t += ":proxyid";
        append_uint(t, m_rng.between(1, 3));
        t += ">, SA state ESTABLISHED";
        end(line_kind::ike);
        m_negotiations[n] = {outcome::failed, failure::dpd_down};
    }

    void p1_no_proposal() {
        add(outcome::failed, failure::no_proposal);
        start_p1(true);
        const proposal local = random_proposal();
        proposal peer_side = local;
        const bool hash = m_rng.percent(50);
        std::string_view attribute;
        std::string_view mine;
        std::string_view theirs;
        if (hash) {
            peer_side.hashtype = local.hashtype == "SHA1"     ? "SHA256"
                                 : local.hashtype == "SHA256" ? "SHA512"
                                                              : "SHA1";
            attribute = "hashtype";
            mine = local.hashtype;
            theirs = peer_side.hashtype;
        } else {
            peer_side.dh_group = local.dh_group == "DH14" ? "DH2" : "DH14";
            attribute = "dh_group";
            mine = local.dh_group;
            theirs = peer_side.dh_group;
        }
        compared(local, peer_side);
        std::string& t = step_begin("PERR", 0);
        t += "rejected ";
        t += attribute;
        t += ": DB(prop#1:trns#1):Peer(prop#1:trns#1) = ";
        t += mine;
        t += ':';
        t += theirs;
        end(line_kind::ike);
        step("PERR", 0, "no suitable proposal found.");
        tail(step_begin("PERR", 0)) += "failed to get valid proposal.";
        end(line_kind::ike);
        noise(0);
    }

    void p1_timeout() {
        add(outcome::failed, failure::timeout);
        start_p1(false);
        const std::uint64_t c = m_rng.next();
        for (std::uint32_t i = m_rng.between(2, 4); i > 0; --i) {
            std::string& t = begin("DEBG", 0);
            t += "resend phase1 packet ";
            append_hex(t, c, 16);
            t += ":0000000000000000";
            end(line_kind::noise);
        }
        std::string& t = step_begin("PERR", 0);
        t += "phase1 negotiation failed due to time up. ";
        append_hex(t, c, 16);
        t += ":0000000000000000";
        end(line_kind::ike);
    }

    /// No start line: opens its context (see fixtures/many-interleaved/NOTES.md).
    void peer_not_found() {
        add(outcome::failed, failure::peer_not_found);
        tail(step_begin("PERR", 0)) += "couldn't find configuration.";
        end(line_kind::ike);
        noise(0);
    }

    void p1_psk() {
        add(outcome::failed, failure::psk_mismatch);
        start_p1(true);
        const proposal p = random_proposal();
        compared(p, p);
        step("DEBG", 0, "an acceptable proposal found.");
        step("DEBG", 0, "agreed on pre-shared key auth.");
        step("PERR", 0, "HASH mismatched");
        tail(step_begin("PERR", 0)) += "phase1 negotiation failed.";
        end(line_kind::ike);
    }

    /// IKEv2 (no start line in the grammar): opens its context.
    void ikev2_auth_failure() {
        add(outcome::failed, failure::psk_mismatch);
        tail(step_begin("PERR", 0), true) += "authentication failure";
        end(line_kind::ike);
        noise(0);
    }

    void p1_id() {
        add(outcome::failed, failure::id_mismatch);
        start_p1(true, false);
        const proposal p = random_proposal();
        compared(p, p);
        step("DEBG", 0, "an acceptable proposal found.");
        step("PERR", 0, "ID mismatched.");
        tail(step_begin("PERR", 0)) += "phase1 negotiation failed.";
        end(line_kind::ike);
    }

    /// IKEv2 request against an IKEv1 gateway: opens its context.
    void ike_version() {
        add(outcome::failed, failure::ike_version_mismatch);
        tail(step_begin("PERR", 0)) += "ikev2 not acceptable by configuration";
        end(line_kind::ike);
    }

    void p1_exchange() {
        add(outcome::failed, failure::exchange_mode_mismatch);
        step("PNTF", 0, "====> PHASE-1 NEGOTIATION STARTED AS INITIATOR, MAIN MODE <====");
        start_line(0, false, 1);
        step("INFO", 0, "begin Identity Protection mode.");
        step("PERR", 0,
             "exchange type is mismatched: db=Identity Protection packet=Aggressive, ignore it.");
        step("PNTF", 0, "====> PHASE-1 NEGOTIATION FAILED AS INITIATOR, MAIN MODE <====");
    }

    /// Started, and never heard of again.
    void p1_unknown() {
        add(outcome::unknown);
        start_p1(false);
        const std::uint64_t c = m_rng.next();
        for (std::uint32_t i = m_rng.between(1, 3); i > 0; --i) {
            std::string& t = begin("DEBG", 0);
            t += "resend phase1 packet ";
            append_hex(t, c, 16);
            t += ":0000000000000000";
            end(line_kind::noise);
        }
    }

    void bundle(std::uint32_t child, std::string_view trns_id, std::uint32_t encklen,
                std::string_view authtype) {
        step("DEBG", child,
             " (proto_id=ESP spisize=4 spi=00000000 spi_p=00000000 encmode=Tunnel reqid=0:0)");
        std::string& t = step_begin("DEBG", child);
        t += "  (trns_id=";
        t += trns_id;
        t += " encklen=";
        append_uint(t, encklen);
        t += " authtype=";
        t += authtype;
        t += ')';
        end(line_kind::ike);
    }

    struct transform {
        std::string_view trns_id;
        std::uint32_t encklen;
        std::string_view authtype;
    };

    void bundles(std::uint32_t child, const transform& mine, const transform& theirs) {
        step("DEBG", child, "begin compare proposals.");
        step("DEBG", child, "peer's single bundle:");
        bundle(child, theirs.trns_id, theirs.encklen, theirs.authtype);
        step("DEBG", child, "my single bundle:");
        bundle(child, mine.trns_id, mine.encklen, mine.authtype);
    }

    void ipsec_sa(std::uint32_t child, const std::string& from, const std::string& to) {
        std::string& t = step_begin("INFO", child);
        t += "IPsec-SA established: ESP/Tunnel ";
        t += from;
        t += "[500]->";
        t += to;
        t += "[500] spi=";
        const auto spi = static_cast<std::uint32_t>(m_rng.next());
        append_uint(t, spi);
        t += "(0x";
        append_hex(t, spi, 8);
        t += ')';
        end(line_kind::ike);
    }

    std::uint32_t p2_success(std::uint32_t child = 0) {
        add(outcome::established);
        child = child != 0 ? child : new_child();
        start_line(child, m_rng.percent(50), 2);
        static constexpr std::array<transform, 3> k_transforms{
            {{"AES", 256, "hmac-sha256"}, {"AES", 128, "hmac-sha"}, {"3DES", 0, "hmac-sha"}}};
        const transform& t = m_rng.pick(k_transforms);
        bundles(child, t, t);
        ipsec_sa(child, m_peer.address, m_peer.local);
        ipsec_sa(child, m_peer.local, m_peer.address);
        return child;
    }

    std::uint32_t p2_no_proposal() {
        add(outcome::failed, failure::no_proposal);
        const std::uint32_t child = new_child();
        start_line(child, true, 2);
        bundles(child, {"3DES", 0, "hmac-sha"}, {"AES", 256, "hmac-sha256"});
        step("DEBG", child, "trns_id mismatched: my:3DES peer:AES");
        step("DEBG", child, "not matched");
        step("PERR", child, "no suitable policy found.");
        tail(step_begin("PERR", child)) += "failed to pre-process ph2 packet (side: 1, status: 1).";
        end(line_kind::ike);
        return child;
    }

    void p2_proxy() {
        add(outcome::failed, failure::proxy_id_mismatch);
        const std::uint32_t child = new_child();
        start_line(child, true, 2);
        step("PERR", child, "failed to get sainfo.");
        std::string& t = step_begin("PERR", child);
        t += "no policy found: 10.";
        append_uint(t, m_rng.between(1, 250));
        t += ".1.0/24[0] 10.9.0.0/24[0] proto=any dir=in";
        end(line_kind::ike);
        step("PERR", child, "failed to get proposal for responder.", line_kind::unread);
    }

    void p2_timeout() {
        add(outcome::failed, failure::timeout);
        const std::uint32_t child = new_child();
        start_line(child, false, 2);
        std::string index;
        append_hex(index, m_rng.next(), 16);
        index += ':';
        append_hex(index, m_rng.next(), 16);
        index += ':';
        append_hex(index, m_rng.next(), 8);
        for (std::uint32_t i = m_rng.between(2, 3); i > 0; --i) {
            begin("DEBG", child) += "resend phase2 packet ";
            m_chain.text += index;
            end(line_kind::noise);
        }
        step_begin("PERR", child) += "phase2 negotiation failed due to time up. ";
        m_chain.text += index;
        end(line_kind::ike);
    }

    void p2_waiting_for_p1() {
        add(outcome::failed, failure::timeout);
        const std::uint32_t child = new_child();
        start_line(child, false, 2);
        std::string& t = step_begin("PERR", child);
        t += "phase2 negotiation failed due to time up waiting for phase1. ESP ";
        t += m_peer.address;
        t += "[0]->";
        t += m_peer.local;
        t += "[0]";
        end(line_kind::ike);
    }

    void p2_unknown() {
        add(outcome::unknown);
        const std::uint32_t child = new_child();
        start_line(child, false, 2);
        noise(child);
    }
};

// Output -----------------------------------------------------------------------------------

/// A big buffer written with fwrite.
class output {
public:
    explicit output(std::FILE* file) : m_file(file), m_buffer(k_capacity) {}

    char* reserve(std::size_t n) {
        if (m_used + n > m_buffer.size()) {
            flush();
            if (n > m_buffer.size()) {
                m_buffer.resize(n);
            }
        }
        char* at = m_buffer.data() + m_used;
        m_used += n;
        return at;
    }

    void flush() {
        if (m_used != 0 && std::fwrite(m_buffer.data(), 1, m_used, m_file) != m_used) {
            m_failed = true;
        }
        m_used = 0;
    }

    bool failed() const { return m_failed; }

private:
    static constexpr std::size_t k_capacity = 8u << 20;
    std::FILE* m_file;
    std::vector<char> m_buffer;
    std::size_t m_used = 0;
    bool m_failed = false;
};

/// The log's clock, as `YYYY-MM-DD HH:MM:SS.mmm +hhmm`, moved forward a few ms per line.
class log_clock {
public:
    explicit log_clock(std::string_view offset) {
        std::memcpy(m_text.data() + 23, offset.data(), std::min<std::size_t>(offset.size(), 6));
        render();
    }

    void advance(std::uint32_t ms) {
        if (ms == 0) {
            return;
        }
        m_ms += ms;
        while (m_ms >= 1000) {
            m_ms -= 1000;
            if (++m_second == 60) {
                m_second = 0;
                if (++m_minute == 60) {
                    m_minute = 0;
                    if (++m_hour == 24) {
                        m_hour = 0;
                        next_day();
                    }
                }
            }
        }
        render();
    }

    /// The 29 characters before a line's text.
    const char* text() const { return m_text.data(); }

private:
    void next_day() {
        static constexpr std::array<std::uint32_t, 12> k_days{31, 28, 31, 30, 31, 30,
                                                              31, 31, 30, 31, 30, 31};
        const bool leap = (m_year % 4 == 0 && m_year % 100 != 0) || m_year % 400 == 0;
        const std::uint32_t days = m_month == 2 && leap ? 29 : k_days[m_month - 1];
        if (++m_day > days) {
            m_day = 1;
            if (++m_month > 12) {
                m_month = 1;
                ++m_year;
            }
        }
    }

    void put(std::size_t at, std::uint32_t v, std::size_t digits) {
        for (std::size_t i = digits; i > 0; --i) {
            m_text[at + i - 1] = static_cast<char>('0' + v % 10);
            v /= 10;
        }
    }

    void render() {
        put(0, m_year, 4);
        m_text[4] = '-';
        put(5, m_month, 2);
        m_text[7] = '-';
        put(8, m_day, 2);
        m_text[10] = ' ';
        put(11, m_hour, 2);
        m_text[13] = ':';
        put(14, m_minute, 2);
        m_text[16] = ':';
        put(17, m_second, 2);
        m_text[19] = '.';
        put(20, m_ms, 3);
    }

    std::array<char, k_stamp_size> m_text{};
    std::uint32_t m_year = 2022, m_month = 11, m_day = 2, m_hour = 8, m_minute = 0, m_second = 0,
                  m_ms = 0;
};

// Options ----------------------------------------------------------------------------------

struct options {
    std::uint64_t size = 0;
    std::uint64_t seed = 20240611;
    std::uint32_t noise_percent = 85;
    std::uint32_t peers = 40;
    std::string out = "-";
    std::string counts_file;
};

constexpr std::string_view k_usage =
    "usage: ikemgr_generate --size SIZE [--seed N] [--noise PERCENT] [--peers N] [--out FILE|-]\n"
    "                       [--counts FILE]\n"
    "  --size SIZE       bytes to write at least (suffix K, M, G: binary), e.g. 64M, 1G\n"
    "  --seed N          the random seed (default 20240611): the same options write the same "
    "bytes\n"
    "  --noise PERCENT   share of lines that are debug noise, 0-95 (default 85)\n"
    "  --peers N         peers the firewall talks to, one negotiation chain each at a time "
    "(default 40)\n"
    "  --out FILE|-      the log (default -: standard output)\n"
    "  --counts FILE     the counts ikediff must find, as "
    "fixtures/many-interleaved/expected-counts.txt\n";


int usage_error(const std::string& message) {
    std::fprintf(stderr, "ikemgr_generate: %s\n%.*s", message.c_str(),
                 static_cast<int>(k_usage.size()), k_usage.data());
    return 2;
}

/// Parses the command line; nullopt after printing help (`exit`: its status).
std::optional<options> parse_options(int argc, char** argv, int& exit_status) {
    options o;
    bool have_size = false;
    exit_status = 2;
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            std::fwrite(k_usage.data(), 1, k_usage.size(), stdout);
            exit_status = 0;
            return std::nullopt;
        }
        std::string_view value;
        if (const std::size_t eq = arg.find('=');
            arg.starts_with("--") && eq != std::string_view::npos) {
            value = arg.substr(eq + 1);
            arg = arg.substr(0, eq);
        } else if (i + 1 < argc) {
            value = argv[++i];
        } else {
            usage_error("option " + std::string(arg) + " needs a value");
            return std::nullopt;
        }
        if (arg == "--size") {
            const auto v = parse_size(value);
            if (!v || *v == 0) {
                usage_error("bad --size: " + std::string(value));
                return std::nullopt;
            }
            o.size = *v;
            have_size = true;
        } else if (arg == "--seed") {
            const auto v = parse_number(value);
            if (!v) {
                usage_error("bad --seed: " + std::string(value));
                return std::nullopt;
            }
            o.seed = *v;
        } else if (arg == "--noise") {
            const auto v = parse_number(value);
            if (!v || *v > 95) {
                usage_error("bad --noise (0-95): " + std::string(value));
                return std::nullopt;
            }
            o.noise_percent = static_cast<std::uint32_t>(*v);
        } else if (arg == "--peers") {
            const auto v = parse_number(value);
            if (!v || *v == 0 || *v > 100000) {
                usage_error("bad --peers (1-100000): " + std::string(value));
                return std::nullopt;
            }
            o.peers = static_cast<std::uint32_t>(*v);
        } else if (arg == "--out") {
            o.out = std::string(value);
        } else if (arg == "--counts") {
            o.counts_file = std::string(value);
        } else {
            usage_error("unknown option " + std::string(arg));
            return std::nullopt;
        }
    }
    if (!have_size) {
        usage_error("--size is required");
        return std::nullopt;
    }
    return o;
}

// Generation -------------------------------------------------------------------------------

/// generate.py's ten peers first, then addresses of 100.64.0.0/10 (carrier-grade NAT space).
std::vector<peer> make_peers(random_stream& rng, std::uint32_t count) {
    static constexpr std::array<std::string_view, 2> k_locals{"198.18.0.1", "198.18.0.2"};
    static constexpr std::array<std::string_view, 10> k_known{
        "198.51.100.20", "198.51.100.30", "198.51.100.40", "203.0.113.7", "203.0.113.45",
        "192.0.2.77",    "100.64.12.9",   "52.62.10.77",   "20.43.64.18", "185.46.20.9"};
    std::vector<peer> peers(count);
    for (std::uint32_t i = 0; i < count; ++i) {
        peer& p = peers[i];
        p.local = std::string(rng.pick(k_locals));
        if (i < k_known.size()) {
            p.address = std::string(k_known[i]);
        } else {
            // 100.65.0.1 and up: /24 by /24, host 1-253 (clear of 100.64.12.9 above).
            const std::uint32_t k = i - static_cast<std::uint32_t>(k_known.size());
            const std::uint32_t net = k / 253;
            p.address = "100.";
            append_uint(p.address, 65 + net / 256);
            p.address += '.';
            append_uint(p.address, net % 256);
            p.address += '.';
            append_uint(p.address, k % 253 + 1);
        }
        if (rng.percent(k_problem_peer_percent)) {
            p.problem = rng.pick(k_problems);
        }
    }
    return peers;
}

class generator {
public:
    generator(const options& o, output& out)
        : m_options(o), m_out(out), m_rng(o.seed),
          m_clock(m_rng.pick(std::array<std::string_view, 6>{" +0000", " +0900", " -0800", " +0530",
                                                             " +0100", " -0500"})),
          m_ratio(static_cast<double>(o.noise_percent) /
                  static_cast<double>(100 - o.noise_percent)) {
        m_peers = make_peers(m_rng, o.peers);
        m_chains.resize(m_peers.size());
        m_next_sa = m_rng.between(1, 200);
        // The first chains are one of each kind, in a random order: every class occurs.
        for (std::size_t i = 0; i < k_recipes; ++i) {
            m_first.push_back(static_cast<recipe>(i));
        }
        for (std::size_t i = m_first.size(); i > 1; --i) {
            std::swap(m_first[i - 1], m_first[static_cast<std::size_t>(m_rng.below(i))]);
        }
    }

    void run() {
        for (std::size_t p = 0; p < m_peers.size(); ++p) {
            if (!start_chain(p)) {
                break;
            }
        }
        while (!m_active.empty()) {
            const std::size_t slot = static_cast<std::size_t>(m_rng.below(m_active.size()));
            const std::size_t p = m_active[slot];
            chain& c = m_chains[p];
            // ikemgr writes a packet's lines together: a burst of one chain's lines.
            static constexpr std::array<std::uint32_t, 12> k_burst{1, 1, 1, 2, 2,  3,
                                                                   3, 4, 6, 8, 12, 20};
            static constexpr std::array<std::uint32_t, 12> k_gap{0, 0, 1,  1,  2,  3,
                                                                 5, 8, 13, 20, 40, 80};
            m_clock.advance(m_rng.pick(k_gap));
            for (std::uint32_t n = m_rng.pick(k_burst); n > 0 && c.cursor < c.lines.size(); --n) {
                write_line(c.text.data() + c.lines[c.cursor].offset, c.lines[c.cursor].length);
                c.bytes_left -= c.lines[c.cursor].length + k_stamp_size + 1;
                m_pending -= c.lines[c.cursor].length + k_stamp_size + 1;
                ++c.cursor;
                m_clock.advance(m_rng.percent(70) ? 0 : 1);
            }
            if (c.cursor == c.lines.size()) {
                retire(p, c);
                m_active[slot] = m_active.back();
                m_active.pop_back();
                start_chain(p);
            }
            if (m_rng.below(4000) == 0) {
                global_line();
            }
        }
    }

    const counts& totals() const { return m_totals; }

private:
    const options& m_options;
    output& m_out;
    random_stream m_rng;
    log_clock m_clock;
    double m_ratio;
    double m_budget = 0.0;
    counts m_totals;
    std::vector<peer> m_peers;
    std::vector<chain> m_chains;       ///< per peer: its chain in flight
    std::vector<std::size_t> m_active; ///< peers with a chain in flight
    std::vector<recipe> m_first;       ///< the first chains' kinds (consumed from the back)
    std::uint32_t m_next_sa = 1;
    std::uint64_t m_pending = 0; ///< output bytes of the chains' unwritten lines
    bool m_stopped = false;      ///< SIZE is covered: no chain starts any more

    /// Chains of a peer that take up the IKE SA number of its chain before (when free).
    static constexpr std::uint32_t k_reuse_percent = 40;

    recipe choose(const peer& p) {
        if (!m_first.empty()) {
            const recipe r = m_first.back();
            m_first.pop_back();
            return r;
        }
        if (p.problem && m_rng.percent(k_problem_chain_percent)) {
            return *p.problem;
        }
        std::uint32_t total = 0;
        for (const auto& [r, w] : k_healthy) {
            total += w;
        }
        auto pick = static_cast<std::uint32_t>(m_rng.below(total));
        for (const auto& [r, w] : k_healthy) {
            if (pick < w) {
                return r;
            }
            pick -= w;
        }
        return recipe::success_with_children;
    }

    /// Starts peer `p`'s next chain unless SIZE is covered; false when it did not.
    bool start_chain(std::size_t p) {
        if (m_stopped || m_totals.bytes + m_pending >= m_options.size) {
            m_stopped = true;
            return false;
        }
        chain& c = m_chains[p];
        c.text.clear();
        c.lines.clear();
        c.cursor = 0;
        c.bytes_left = 0;
        peer& owner = m_peers[p];
        const recipe r = choose(owner);
        if (!opens_without_start_line(r) && owner.free_sa && m_rng.percent(k_reuse_percent)) {
            c.sa = *owner.free_sa;
            owner.free_sa.reset();
        } else {
            c.sa = m_next_sa;
            m_next_sa += m_rng.between(1, 3);
        }
        builder(m_rng, c, owner, m_totals, m_budget, m_ratio).build(r);
        m_pending += c.bytes_left;
        m_active.push_back(p);
        return true;
    }

    /// Peer `p`'s chain `c` has written its last line.
    void retire(std::size_t p, const chain& c) {
        if (c.reusable) {
            m_peers[p].free_sa = c.sa;
        }
    }

    void write_line(const char* text, std::size_t length) {
        char* at = m_out.reserve(k_stamp_size + length + 1);
        std::memcpy(at, m_clock.text(), k_stamp_size);
        std::memcpy(at + k_stamp_size, text, length);
        at[k_stamp_size + length] = '\n';
        m_totals.bytes += k_stamp_size + length + 1;
    }

    /// A line without a context, as ikemgr writes between negotiations.
    void global_line() {
        static constexpr std::array<std::string_view, 4> k_globals{
            "  [INFO]: pfkey X_SPDDUMP succeeded", "  [INFO]: ikemgr config reload done",
            "  [INFO]: SADB_EXPIRE received", "  [INFO]: ike_gw_cfg: "};
        std::string text(m_rng.pick(k_globals));
        if (text.ends_with(": ")) {
            append_uint(text, m_peers.size());
            text += " gateways loaded";
        }
        write_line(text.data(), text.size());
        ++m_totals.lines;
        ++m_totals.noise;
        ++m_totals.unread;
    }
};

bool write_counts(const std::string& path, const options& o, const counts& t) {
    std::FILE* f = std::fopen(path.c_str(), "w");
    if (f == nullptr) {
        return false;
    }
    const auto percent =
        t.lines == 0 ? 0.0 : 100.0 * static_cast<double>(t.noise) / static_cast<double>(t.lines);
    std::fprintf(
        f,
        "# Written by ikemgr_generate (seed %llu, size %llu, noise %u %%, peers %u) from what each "
        "negotiation was built to be.\n",
        static_cast<unsigned long long>(o.seed), static_cast<unsigned long long>(o.size),
        o.noise_percent, o.peers);
    std::fprintf(f,
                 "# %llu bytes, %llu lines, %llu of them noise (%.0f %%); %llu lines no rule of "
                 "ikediff reads.\n",
                 static_cast<unsigned long long>(t.bytes), static_cast<unsigned long long>(t.lines),
                 static_cast<unsigned long long>(t.noise), percent,
                 static_cast<unsigned long long>(t.unread));
    std::fprintf(f, "negotiations %llu\n", static_cast<unsigned long long>(t.negotiations));
    std::fprintf(f, "established %llu\n", static_cast<unsigned long long>(t.established));
    std::fprintf(f, "failed %llu\n", static_cast<unsigned long long>(t.failed));
    std::fprintf(f, "unknown %llu\n", static_cast<unsigned long long>(t.unknown));
    for (std::size_t i = 0; i < k_classes.size(); ++i) {
        std::fprintf(f, "failure.%.*s %llu\n", static_cast<int>(k_classes[i].size()),
                     k_classes[i].data(), static_cast<unsigned long long>(t.failures[i]));
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
        std::fprintf(stderr, "ikemgr_generate: cannot write %s: %s\n", o->out.c_str(),
                     std::strerror(errno));
        return 2;
    }
    output out(file);
    generator g(*o, out);
    g.run();
    out.flush();
    const bool closed = file == stdout ? std::fflush(stdout) == 0 : std::fclose(file) == 0;
    if (out.failed() || !closed) {
        std::fprintf(stderr, "ikemgr_generate: writing %s failed\n", o->out.c_str());
        return 1;
    }
    const counts& t = g.totals();
    for (std::size_t i = 0; i < k_classes.size(); ++i) {
        if (t.failures[i] == 0) {
            std::fprintf(stderr, "ikemgr_generate: warning: no %.*s negotiation (SIZE too small)\n",
                         static_cast<int>(k_classes[i].size()), k_classes[i].data());
        }
    }
    if (!o->counts_file.empty() && !write_counts(o->counts_file, *o, t)) {
        std::fprintf(stderr, "ikemgr_generate: cannot write %s\n", o->counts_file.c_str());
        return 1;
    }
    return 0;
}
