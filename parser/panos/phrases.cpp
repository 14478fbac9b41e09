#include "parser/panos/phrases.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

namespace ikediff::parser {

namespace {

using e = model::event_code;
constexpr phrase_case k_any = phrase_case::any;

// clang-format off
constexpr std::array k_phrases{
    // Phase 2 first: its descriptions also name phase 1 things ("waiting for phase1",
    // "No suitable proposal found in peer's SA payload").
    // `IKE phase-2 negotiation failed when processing SA payload. No suitable proposal found in peer's SA payload.`
    phrase{"phase-2 negotiation failed when processing SA payload", e::no_suitable_policy},
    // `IKE phase-2 negotiation failed when processing Proxy ID. Received local id ...`
    phrase{"failed when processing Proxy ID", e::proxy_id_rejected, k_any},
    phrase{"phase-2 negotiation failed due to time up waiting for phase-1", e::phase2_time_up_waiting_phase1},
    phrase{"phase-2 negotiation failed due to time up", e::phase2_time_up},
    // `pfs group mismatched:my: 2peer: 0` (sic)
    phrase{"pfs group mismatched", e::phase2_mismatched, k_any},
    phrase{"TS_UNACCEPTABLE", e::ts_unacceptable},
    phrase{"ts unacceptable", e::ts_unacceptable, k_any},

    // Phase 1: no gateway for the peer, keys, timeouts
    // `IKE phase-1 negotiation is failed. Couldn't find configuration for IKE phase-1 request for peer IP 200.100.1.254[500].`
    phrase{"Couldn't find configuration for IKE phase-1 request", e::configuration_not_found},
    phrase{"couldn't find configuration", e::configuration_not_found, k_any},
    phrase{"no configuration found for", e::configuration_not_found},
    phrase{"couldn't find the pskey for", e::pskey_not_found},
    // `IKE phase-1 negotiation is failed likely due to pre-shared key mismatch.`
    phrase{"likely due to pre-shared key mismatch", e::psk_mismatch_likely, k_any},
    // `phase1 negotiation failed due to time up. 02f293d180b306a3:0000000000000000`
    phrase{"due to time up", e::phase1_time_up},
    // `... Failed SA: 200.100.5.1[500]-200.100.1.254[500] cookie:02f293d180b306a3:0000000000000000. Due to timeout.`
    phrase{"Due to timeout", e::phase1_time_up},
    phrase{"Due to negotiation timeout", e::phase1_time_up},
    phrase{"retransmission count exceeded the limit", e::retransmit_limit},

    // Proposals
    // `IKE phase-1 negotiation is failed. no suitable proposal found in peer's SA payload.`
    phrase{"no suitable proposal found in peer's SA payload", e::peer_sa_unusable, k_any},
    phrase{"Unable to process peer's SA payload", e::peer_sa_unusable, k_any},
    phrase{"was not presented in the IKE proposal", e::encryption_not_presented},
    phrase{"NO_PROPOSAL_CHOSEN", e::no_proposal_chosen},
    phrase{"NO-PROPOSAL-CHOSEN", e::no_proposal_chosen},
    // `Received unencrypted notify payload (no proposal chosen) from IP 198.51.100.7[500] to 200.100.5.1[500], ignored...`
    phrase{"no proposal chosen", e::no_proposal_chosen, k_any},

    // IKE version
    phrase{"received IKEv2 request but no IKEv2 configuration", e::no_ikev2_configuration},
    phrase{"ikev2 not acceptable by configuration", e::ikev2_not_acceptable, k_any},

    // IKEv2 (racoon2's messages, behind an endpoint pair)
    phrase{"peer's dh group choice does not match mine", e::dh_group_mismatch},
    phrase{"received KE type", e::dh_group_mismatch},
    phrase{"message lacks KE payload", e::ke_payload_missing},
    phrase{"no shared key with peer", e::no_shared_key},

    // Authentication and identities
    phrase{"authentication failure", e::authentication_failure, k_any},
    phrase{"authentication result: failure", e::authentication_failure},
    phrase{"does not match peers id", e::id_mismatched},
    phrase{"ID mismatched", e::id_mismatched},
    phrase{"HASH mismatched", e::hash_mismatched},
    phrase{"exchange type is mismatched", e::exchange_type_mismatched},

    // After the fact: deletes, liveness, aborts
    // `IKE protocol IPSec SA delete message sent to peer. SPI:0xA1CD910F.`
    phrase{"IPSec SA delete message sent to peer", e::phase2_delete_sent, k_any},
    // `IKE phase-1 SA is down determined by DPD.`, `IKEv2 IKE SA is down determined by DPD.`
    phrase{"is down determined by DPD", e::dpd_down},
    phrase{"DPD down", e::dpd_down},
    phrase{"aborting IKEv2 SA", e::ikev2_sa_aborted},

    // Progress, last: a description naming a failure above says what decides. What a cut
    // event id (`ikev2-n` in a `show log system` table) no longer tells.
    // `IKEv2 IKE SA negotiation is started as responder, non-rekey. Initiated SA: 10.0.0.2[500]-10.0.0.1[500] SPI:07f21c0fd2236540:ac9d9ee491cd49d9.`
    phrase{"IKEv2 IKE SA negotiation is started", e::ikev2_started},
    // `IKEv2 IKE SA negotiation is succeeded as responder` (a PA-VM lab report, NOTES.md)
    phrase{"IKEv2 IKE SA negotiation is succeeded", e::phase1_succeeded},
    phrase{"IKEv2 child SA negotiation is started", e::phase2_started},
    phrase{"IKEv2 child SA negotiation is succeeded", e::phase2_succeeded},
    phrase{"phase-1 negotiation is started", e::phase1_started},
    phrase{"phase-1 negotiation is succeeded", e::phase1_succeeded},
    phrase{"phase-2 negotiation is started", e::phase2_started},
    phrase{"phase-2 negotiation is succeeded", e::phase2_succeeded},
};
// clang-format on

constexpr std::string_view k_right_quote = "\xE2\x80\x99"; // ’
constexpr std::string_view k_left_quote = "\xE2\x80\x98";  // ‘

char lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool same_letter(char text, char pattern, phrase_case letters) {
    return text == pattern || (letters == phrase_case::any && lower(text) == lower(pattern));
}

/// Whether the `-` at `at` in `pattern` is the one of `phase-N`.
bool is_phase_dash(std::string_view pattern, std::size_t at) {
    if (at < 5 || at + 1 >= pattern.size() || pattern[at + 1] < '0' || pattern[at + 1] > '9') {
        return false;
    }
    const std::string_view word = pattern.substr(at - 5, 5);
    return word == "phase" || word == "Phase" || word == "PHASE";
}

/// Whether `text` from `at` on starts with `pattern`, with the tolerances of phrases.hpp.
bool matches_at(std::string_view text, std::size_t at, std::string_view pattern,
                phrase_case letters) {
    std::size_t t = at;
    for (std::size_t p = 0; p < pattern.size(); ++p) {
        const char c = pattern[p];
        if (c == '\'') {
            if (t < text.size() && text[t] == '\'') {
                ++t;
            } else if (text.substr(t, 3) == k_right_quote || text.substr(t, 3) == k_left_quote) {
                t += 3;
            } else {
                return false;
            }
        } else if (c == '-' && is_phase_dash(pattern, p)) {
            if (t < text.size() && (text[t] == '-' || text[t] == ' ')) {
                ++t;
            }
        } else if (t < text.size() && same_letter(text[t], c, letters)) {
            ++t;
        } else {
            return false;
        }
    }
    return true;
}

// A prefilter, so that text without a phrase costs one pass instead of a search per row:
// the text's pairs of adjacent characters (bigrams), folded as the tolerances fold them
// (ASCII lower case, curly apostrophes straight, the blank or dash of `phase-N` dropped),
// as a 1024-bit set. A row can only match when every bigram sampled from its phrase is in
// the set; only such rows are searched for real.

constexpr std::size_t k_bigram_bits = 1024;
constexpr std::size_t k_samples = 8;

std::uint16_t bigram_hash(unsigned char a, unsigned char b) {
    return static_cast<std::uint16_t>((a * 31u + b) & (k_bigram_bits - 1));
}

/// Folds `text` as the tolerances do, calling `emit(c)` for each folded character.
template <class Emit>
void fold(std::string_view text, Emit&& emit) {
    std::uint64_t last5 = 0; // the last five folded characters, newest lowest
    constexpr std::uint64_t k_phase = (std::uint64_t{'p'} << 32) | (std::uint64_t{'h'} << 24) |
                                      (std::uint64_t{'a'} << 16) | (std::uint64_t{'s'} << 8) | 'e';
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(lower(text[i]));
        if (c == 0xE2 && text.substr(i, 3) == k_right_quote) {
            c = '\'';
            i += 2;
        } else if (c == 0xE2 && text.substr(i, 3) == k_left_quote) {
            c = '\'';
            i += 2;
        } else if ((c == '-' || c == ' ') && (last5 & 0xFFFFFFFFFFu) == k_phase &&
                   i + 1 < text.size() && text[i + 1] >= '0' && text[i + 1] <= '9') {
            continue;
        }
        last5 = (last5 << 8) | c;
        emit(c);
    }
}

/// The bigrams of a text.
struct bigram_set {
    std::array<std::uint64_t, k_bigram_bits / 64> bits{};

    void add(std::uint16_t h) { bits[h / 64] |= std::uint64_t{1} << (h % 64); }
    bool has(std::uint16_t h) const { return (bits[h / 64] >> (h % 64) & 1u) != 0; }
};

bigram_set bigrams_of(std::string_view text) {
    bigram_set set;
    int prev = -1;
    fold(text, [&](unsigned char c) {
        if (prev >= 0) {
            set.add(bigram_hash(static_cast<unsigned char>(prev), c));
        }
        prev = c;
    });
    return set;
}

/// Up to `k_samples` bigrams spread over a row's folded phrase.
struct row_filter {
    std::array<std::uint16_t, k_samples> samples{};
    std::size_t count = 0;
};

std::array<row_filter, k_phrases.size()> make_filters() {
    std::array<row_filter, k_phrases.size()> out{};
    for (std::size_t r = 0; r < k_phrases.size(); ++r) {
        std::string folded;
        fold(k_phrases[r].text, [&folded](unsigned char c) { folded += static_cast<char>(c); });
        if (folded.size() < 2) {
            continue; // no bigram: always searched
        }
        const std::size_t pairs = folded.size() - 1;
        const std::size_t n = std::min(pairs, k_samples);
        for (std::size_t k = 0; k < n; ++k) {
            const std::size_t at = n == 1 ? 0 : k * (pairs - 1) / (n - 1);
            out[r].samples[k] = bigram_hash(static_cast<unsigned char>(folded[at]),
                                            static_cast<unsigned char>(folded[at + 1]));
        }
        out[r].count = n;
    }
    return out;
}

} // namespace

std::span<const phrase> phrase_table() {
    return k_phrases;
}

bool contains_phrase(std::string_view text, const phrase& p) {
    if (p.text.empty()) {
        return true;
    }
    if (p.letters == phrase_case::exact) {
        // The literal run before the first tolerant character narrows the candidates.
        const std::string_view anchor = p.text.substr(0, p.text.find_first_of("'-"));
        for (std::size_t at = text.find(anchor); at != std::string_view::npos;
             at = text.find(anchor, at + 1)) {
            if (matches_at(text, at, p.text, p.letters)) {
                return true;
            }
        }
        return false;
    }
    const char first = lower(p.text.front());
    for (std::size_t at = 0; at < text.size(); ++at) {
        if (lower(text[at]) == first && matches_at(text, at, p.text, p.letters)) {
            return true;
        }
    }
    return false;
}

std::optional<model::event_code> find_phrase(std::string_view text) {
    static const std::array<row_filter, k_phrases.size()> filters = make_filters();
    const bigram_set present = bigrams_of(text);
    for (std::size_t r = 0; r < k_phrases.size(); ++r) {
        const row_filter& f = filters[r];
        const bool possible =
            std::all_of(f.samples.begin(), f.samples.begin() + static_cast<std::ptrdiff_t>(f.count),
                        [&present](std::uint16_t h) { return present.has(h); });
        if (possible && contains_phrase(text, k_phrases[r])) {
            return k_phrases[r].code;
        }
    }
    return std::nullopt;
}

} // namespace ikediff::parser
