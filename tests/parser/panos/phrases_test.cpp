// parser::find_phrase: phrases anywhere in a message -> event codes.

#include "parser/panos/phrases.hpp"

#include <gtest/gtest.h>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace ikediff;
using e = model::event_code;

struct phrase_case_row {
    std::string_view text;
    std::optional<e> expected;
};

void expect_codes(const std::vector<phrase_case_row>& rows) {
    for (const auto& row : rows) {
        SCOPED_TRACE(std::string(row.text));
        const std::optional<e> got = parser::find_phrase(row.text);
        ASSERT_EQ(got.has_value(), row.expected.has_value())
            << (got ? model::to_string(*got) : std::string_view("none"));
        if (row.expected) {
            EXPECT_EQ(model::to_string(*got), model::to_string(*row.expected));
        }
    }
}

TEST(FindPhrase, GuidePatterns) {
    expect_codes({
        {"IKE phase-1 negotiation is failed. Couldn't find configuration for IKE phase-1 request "
         "for peer IP "
         "200.100.1.254[500].",
         e::configuration_not_found},
        {"IKE phase-1 negotiation is failed as initiator, main mode. Failed SA: "
         "200.100.5.1[500]-200.100.1.254[500] "
         "cookie:02f293d180b306a3:0000000000000000. Due to timeout.",
         e::phase1_time_up},
        {"IKE phase-1 negotiation is failed. no suitable proposal found in peer's SA payload.",
         e::peer_sa_unusable},
        {"IKE phase-1 negotiation is failed likely due to pre-shared key mismatch.",
         e::psk_mismatch_likely},
    });
}

TEST(FindPhrase, DocumentedSystemLogDescriptions) {
    expect_codes({
        {"IKE protocol IPSec SA delete message sent to peer. SPI:0xA1CD910F.",
         e::phase2_delete_sent},
        {"[GW]: Configured encryption algorithm 'AES256-CBC' was not presented in the IKE "
         "proposal.",
         e::encryption_not_presented},
        {"no proposal chosen.", e::no_proposal_chosen},
        {"IKE phase-1 SA is down determined by DPD.", e::dpd_down},
        {"IKEv2 IKE SA is down determined by DPD.", e::dpd_down},
        {"IKE phase-2 negotiation failed when processing Proxy ID. Received local id "
         "192.168.60.0/24 type IPv4 "
         "address protocol 0 port 0, received remote id 192.168.10.0/24 type IPv4 address protocol "
         "0 port 0.",
         e::proxy_id_rejected},
        {"IKE phase-2 negotiation failed when processing SA payload. No suitable proposal found in "
         "peer's SA payload.",
         e::no_suitable_policy},
        {"IKE phase-1 negotiation is failed. Unable to process peer's SA payload.",
         e::peer_sa_unusable},
        {"Received unencrypted notify payload (no proposal chosen) from IP 198.51.100.7[500] to "
         "200.100.5.1[500], "
         "ignored...",
         e::no_proposal_chosen},
        {"pfs group mismatched:my: 2peer: 0", e::phase2_mismatched},
    });
}

TEST(FindPhrase, IkemgrPhrasesInsideAMessage) {
    expect_codes({
        {"couldn't find configuration.", e::configuration_not_found},
        {"no configuration found for 200.100.1.254.", e::configuration_not_found},
        {"couldn't find the pskey for 200.100.1.254.", e::pskey_not_found},
        {"phase1 negotiation failed due to time up. 02f293d180b306a3:0000000000000000",
         e::phase1_time_up},
        {"phase2 negotiation failed due to time up waiting for phase1. ESP "
         "200.100.1.254[0]->200.100.5.1[0]",
         e::phase2_time_up_waiting_phase1},
        {"phase2 negotiation failed due to time up. 200.100.1.254[500]->200.100.5.1[500]",
         e::phase2_time_up},
        {"notification message 14:NO-PROPOSAL-CHOSEN, doi=1 proto_id=1 spi=...",
         e::no_proposal_chosen},
        {"received Notify type NO_PROPOSAL_CHOSEN", e::no_proposal_chosen},
        {"192.168.20.2[500] - 172.16.20.2[500]:0x7fa610013da0 authentication failure",
         e::authentication_failure},
        {"authentication result: failure", e::authentication_failure},
        {"received ID_I (type fqdn [vpn.example.com]) does not match peers id", e::id_mismatched},
        {"received Notify type TS_UNACCEPTABLE, failed establishing child_sa", e::ts_unacceptable},
        {"6:1.1.1.1[500] - 2.2.2.2[500]:(nil):ts unacceptable", e::ts_unacceptable},
        {"1.1.1.1[500] - 2.2.2.2[500]:(nil):retransmission count exceeded the limit",
         e::retransmit_limit},
        {"received IKEv2 request but no IKEv2 configuration for peer 2.2.2.2",
         e::no_ikev2_configuration},
        {"1.1.1.1[500] - 2.2.2.2[500]:(nil):ikev2 not acceptable by configuration",
         e::ikev2_not_acceptable},
        {"peer's dh group choice does not match mine, dropping a packet with INVALID_KE_PAYLOAD",
         e::dh_group_mismatch},
        {"received KE type 14, expected 2", e::dh_group_mismatch},
        {"1.1.1.1[500] - 2.2.2.2[500]:(nil):no shared key with peer", e::no_shared_key},
        {"ike_sa.c:275:ikev2_abort(): 6:1.1.1.1[500] - 2.2.2.2[500]:(nil):aborting IKEv2 SA GW:6",
         e::ikev2_sa_aborted},
        {"DPD down, rekey vpn tunnel <TUN-OSAKA:PROXY1>, SA state ESTABLISHED", e::dpd_down},
        {"1.1.1.1[500] - 2.2.2.2[500]:0x7fa6 message lacks KE payload", e::ke_payload_missing},
    });
}

TEST(FindPhrase, PhaseSpellingsAndCurlyApostrophes) {
    expect_codes({
        // The guide's own text has a curly apostrophe.
        {"IKE phase-1 negotiation is failed. no suitable proposal found in peer\xE2\x80\x99s SA "
         "payload.",
         e::peer_sa_unusable},
        {"no suitable proposal found in peer\xE2\x80\x98s SA payload", e::peer_sa_unusable},
        {"IKE phase 1 negotiation is failed. Couldn\xE2\x80\x99t find configuration for IKE phase "
         "1 request for peer IP "
         "200.100.1.254[500]",
         e::configuration_not_found},
        {"Couldn't find configuration for IKE phase1 request for peer IP 200.100.1.254[500]",
         e::configuration_not_found},
        {"IKE phase 2 negotiation failed when processing SA payload. No suitable proposal found in "
         "peer's SA payload",
         e::no_suitable_policy},
        {"IKE phase2 negotiation failed when processing SA payload.", e::no_suitable_policy},
        {"phase-2 negotiation failed due to time up waiting for phase-1.",
         e::phase2_time_up_waiting_phase1},
        {"peer\xE2\x80\x99s dh group choice does not match mine", e::dh_group_mismatch},
        // Capitalisation that varies by release.
        {"IKE phase-1 negotiation is failed. No suitable proposal found in peer's SA payload.",
         e::peer_sa_unusable},
        {"IKE phase-2 negotiation failed when processing proxy id. Received local id ...",
         e::proxy_id_rejected},
        {"Received unencrypted notify payload (NO PROPOSAL CHOSEN)", e::no_proposal_chosen},
        // A trailing period or not.
        {"IKE phase-1 negotiation is failed likely due to pre-shared key mismatch",
         e::psk_mismatch_likely},
    });
}

TEST(FindPhrase, SpecificWordingWinsOverGeneralWording) {
    // Phase 2's SA payload failure names phase 1's phrase too.
    const std::string_view p2 = "IKE phase-2 negotiation failed when processing SA payload. No "
                                "suitable proposal found in peer's SA payload.";
    EXPECT_EQ(parser::find_phrase(p2), e::no_suitable_policy);
    // `waiting for phase1` before `phase2 ... due to time up` before `due to time up`.
    EXPECT_EQ(parser::find_phrase("phase2 negotiation failed due to time up waiting for phase1."),
              e::phase2_time_up_waiting_phase1);
    EXPECT_EQ(parser::find_phrase("phase2 negotiation failed due to time up."), e::phase2_time_up);
    EXPECT_EQ(parser::find_phrase("phase1 negotiation failed due to time up."), e::phase1_time_up);
    // A cause and its consequence in one message: the cause.
    EXPECT_EQ(parser::find_phrase("no proposal chosen, aborting IKEv2 SA GW:6"),
              e::no_proposal_chosen);
}

TEST(FindPhrase, CaseSensitiveRowsRejectOtherCapitalisation) {
    expect_codes({
        {"DUE TO TIMEOUT", std::nullopt},
        {"hash mismatched", std::nullopt},
        {"dpd down", std::nullopt},
        {"Due to timeout", e::phase1_time_up},
        {"HASH mismatched", e::hash_mismatched},
    });
}

TEST(FindPhrase, TextWithoutAPhraseFindsNothing) {
    expect_codes({
        {"", std::nullopt},
        {"IKE phase-1 negotiation is failed.", std::nullopt},
        {"User admin logged in via Web from 10.0.0.5 using https", std::nullopt},
        // A phrase cut short, and a curly apostrophe cut in the middle of its bytes.
        {"likely due to pre-shared key mis", std::nullopt},
        {"no suitable proposal found in peer\xE2\x80", std::nullopt},
        // `phase-N` tolerates a blank or nothing, not any character.
        {"IKE phasex1 negotiation failed when processing SA payload", std::nullopt},
        {"IKE phase-2 negotiation failed when processing SA", std::nullopt},
    });
}

TEST(FindPhrase, NoRowIsShadowedByAnEarlierRow) {
    // Each row's own text finds that row's code: an earlier row with another code that
    // matched it would make the later row dead.
    for (const parser::phrase& row : parser::phrase_table()) {
        SCOPED_TRACE(std::string(row.text));
        const auto got = parser::find_phrase(row.text);
        ASSERT_TRUE(got.has_value());
        EXPECT_EQ(model::to_string(*got), model::to_string(row.code));
    }
}

TEST(FindPhrase, PhraseAfterALongRunOfOtherText) {
    std::string text(20000, 'x');
    for (std::size_t i = 0; i < text.size(); i += 7) {
        text[i] = ' ';
    }
    EXPECT_FALSE(parser::find_phrase(text).has_value());
    text += " IKE Phase 1 negotiation is failed. No suitable proposal found in peer\xE2\x80\x99s "
            "SA payload";
    EXPECT_EQ(parser::find_phrase(text), e::peer_sa_unusable);
}

TEST(ContainsPhrase, ToleranceIsLimitedToApostrophesAndPhaseNumbers) {
    const parser::phrase psk{"likely due to pre-shared key mismatch", e::psk_mismatch_likely};
    EXPECT_TRUE(parser::contains_phrase("... likely due to pre-shared key mismatch.", psk));
    EXPECT_FALSE(parser::contains_phrase("... likely due to pre shared key mismatch.", psk));
    EXPECT_FALSE(parser::contains_phrase("... likely due to preshared key mismatch.", psk));
    const parser::phrase exact{"HASH mismatched", e::hash_mismatched};
    EXPECT_FALSE(parser::contains_phrase("Hash mismatched", exact));
    const parser::phrase any{"HASH mismatched", e::hash_mismatched, parser::phrase_case::any};
    EXPECT_TRUE(parser::contains_phrase("Hash Mismatched", any));
    EXPECT_FALSE(parser::contains_phrase("Hash", any));
}

// Progress phrases: what a cut event id (`ikev2-n`, a `show log system` table) no longer says.
TEST(FindPhrase, ProgressWhenNothingFailed) {
    expect_codes({
        {"IKE phase-1 negotiation is started as initiator, main mode. Initiated SA: "
         "200.100.5.1[500]-200.100.1.254[500] "
         "cookie:02f293d180b306a3:0000000000000000.",
         e::phase1_started},
        // A PA-VM lab report quoting Monitor > System (fixtures/cli-log-detail/NOTES.md).
        {"IKEv2 IKE SA negotiation is started as responder, non-rekey. Initiated SA: "
         "10.0.0.2[500]-10.0.0.1[500] SPI:07f21c0fd2236540:ac9d9ee491cd49d9.",
         e::ikev2_started},
        {"IKEv2 IKE SA negotiation is succeeded as responder", e::phase1_succeeded},
        {"IKEv2 child SA negotiation is succeeded", e::phase2_succeeded},
        {"IKEv2 child SA negotiation is started as initiator, non-rekey.", e::phase2_started},
        {"IKE phase-2 negotiation is succeeded as initiator, quick mode.", e::phase2_succeeded},
        {"IKE phase 2 negotiation is started as responder, quick mode.", e::phase2_started},
        {"IKE phase-1 negotiation is succeeded as responder, main mode.", e::phase1_succeeded},
        // A failure named in the same text decides.
        {"IKE phase-1 negotiation is started as initiator. Due to timeout.", e::phase1_time_up},
    });
}

} // namespace
