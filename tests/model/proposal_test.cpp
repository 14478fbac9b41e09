// model::phase1_proposal (values recorded as logged, read back normalised) and
// model::encryption_allows.

#include "model/proposal.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace {

using namespace ikediff::model;

std::optional<value> word(std::string_view text) {
    return value{std::string(text)};
}

std::optional<value> number(std::uint64_t n) {
    return value{n};
}

/// A proposal built from one `Compared` block side, as the log printed it.
phase1_proposal logged_proposal(std::string_view enctype, std::string_view encklen, std::string_view hashtype,
                                std::string_view authmethod, std::string_view group) {
    phase1_proposal p;
    p.set_logged(phase1_attribute::lifetime, "28800");
    p.set_logged(phase1_attribute::lifebytes, "0");
    p.set_logged(phase1_attribute::cipher, enctype);
    if (!encklen.empty()) {
        p.set_logged(phase1_attribute::key_length, encklen);
    }
    p.set_logged(phase1_attribute::hash, hashtype);
    p.set_logged(phase1_attribute::auth_method, authmethod);
    p.set_logged(phase1_attribute::dh_group, group);
    return p;
}

// set_logged / get --------------------------------------------------------------------------

TEST(Phase1Proposal, EmptyProposalHasNoValues) {
    const phase1_proposal p;
    for (phase1_parameter parameter : k_phase1_parameters) {
        EXPECT_FALSE(p.get(parameter).has_value()) << to_string(parameter);
    }
}

TEST(Phase1Proposal, PanGuideBlockNormalises) {
    const phase1_proposal p = logged_proposal("AES", "256", "SHA256", "PSK", "DH20");
    EXPECT_EQ(p.get(phase1_parameter::encryption), word("aes-256-cbc"));
    EXPECT_EQ(p.get(phase1_parameter::hash), word("sha256"));
    EXPECT_EQ(p.get(phase1_parameter::dh_group), word("group20"));
    EXPECT_EQ(p.get(phase1_parameter::auth_method), word("pre-shared-key"));
    EXPECT_EQ(p.get(phase1_parameter::lifetime), number(28800));
    EXPECT_EQ(p.get(phase1_parameter::lifebytes), number(0));
}

TEST(Phase1Proposal, RacoonBlockNormalises) {
    const phase1_proposal p =
        logged_proposal("AES-CBC", "128", "SHA", "pre-shared key", "1024-bit MODP group");
    EXPECT_EQ(p.get(phase1_parameter::encryption), word("aes-128-cbc"));
    EXPECT_EQ(p.get(phase1_parameter::hash), word("sha1"));
    EXPECT_EQ(p.get(phase1_parameter::dh_group), word("group2"));
    EXPECT_EQ(p.get(phase1_parameter::auth_method), word("pre-shared-key"));
}

TEST(Phase1Proposal, KeepsTheLoggedTextNextToTheValue) {
    phase1_proposal p;
    p.set_logged(phase1_attribute::hash, "  SHA512 ");
    EXPECT_EQ(p.hash.value, hash_alg::sha512);
    EXPECT_EQ(p.hash.logged, "SHA512");
    p.set_logged(phase1_attribute::dh_group, "2048-bit MODP group");
    EXPECT_EQ(p.group.value, dh_group::group14);
    EXPECT_EQ(p.group.logged, "2048-bit MODP group");
    p.set_logged(phase1_attribute::cipher, "3DES-CBC");
    EXPECT_EQ(p.cipher_family.value, cipher::tdes);
    EXPECT_EQ(p.cipher_family.logged, "3DES-CBC");
    p.set_logged(phase1_attribute::auth_method, "RSA signatures");
    EXPECT_EQ(p.auth.value, auth_method::rsa_signature);
    EXPECT_EQ(p.auth.logged, "RSA signatures");
}

TEST(Phase1Proposal, EncryptionWithoutKeyLengthReadsAsTheFamily) {
    phase1_proposal p;
    p.set_logged(phase1_attribute::cipher, "AES");
    EXPECT_EQ(p.get(phase1_parameter::encryption), word("aes-cbc"));
    EXPECT_FALSE(p.key_bits.has_value());
}

TEST(Phase1Proposal, KeyLengthMayComeBeforeTheCipher) {
    phase1_proposal p;
    p.set_logged(phase1_attribute::key_length, "192");
    p.set_logged(phase1_attribute::cipher, "AES");
    EXPECT_EQ(p.key_bits, std::optional<std::uint32_t>{192});
    EXPECT_EQ(p.get(phase1_parameter::encryption), word("aes-192-cbc"));
}

TEST(Phase1Proposal, FixedKeyCiphersNeedNoKeyLength) {
    phase1_proposal tdes;
    tdes.set_logged(phase1_attribute::cipher, "3DES");
    EXPECT_EQ(tdes.get(phase1_parameter::encryption), word("3des"));
    tdes.set_logged(phase1_attribute::key_length, "192");
    EXPECT_EQ(tdes.get(phase1_parameter::encryption), word("3des"));

    phase1_proposal des;
    des.set_logged(phase1_attribute::cipher, "DES-CBC");
    EXPECT_EQ(des.get(phase1_parameter::encryption), word("des"));
}

TEST(Phase1Proposal, GcmWithoutKeyLengthReadsAsTheFamily) {
    phase1_proposal p;
    p.set_logged(phase1_attribute::cipher, "20");
    EXPECT_EQ(p.get(phase1_parameter::encryption), word("aes-gcm"));
    p.set_logged(phase1_attribute::key_length, "256");
    EXPECT_EQ(p.get(phase1_parameter::encryption), word("aes-256-gcm"));
}

TEST(Phase1Proposal, ImpossibleKeyLengthIsShownWithTheFamily) {
    phase1_proposal p;
    p.set_logged(phase1_attribute::cipher, "AES");
    p.set_logged(phase1_attribute::key_length, "512");
    EXPECT_EQ(p.get(phase1_parameter::encryption), word("aes-cbc-512"));
}

TEST(Phase1Proposal, UnknownCipherIsKeptAsLogged) {
    phase1_proposal p;
    p.set_logged(phase1_attribute::cipher, "Blowfish");
    EXPECT_FALSE(p.cipher_family.value.has_value());
    EXPECT_EQ(p.cipher_family.logged, "Blowfish");
    EXPECT_TRUE(p.cipher_family.present());
    EXPECT_EQ(p.cipher_family.name(), "blowfish");
    EXPECT_EQ(p.get(phase1_parameter::encryption), word("blowfish"));
    p.set_logged(phase1_attribute::key_length, "448");
    EXPECT_EQ(p.get(phase1_parameter::encryption), word("blowfish-448"));
}

TEST(Phase1Proposal, UnknownHashGroupAndAuthAreKeptAsLoggedInLowerCase) {
    phase1_proposal p;
    p.set_logged(phase1_attribute::hash, "TIGER");
    p.set_logged(phase1_attribute::dh_group, "DH31");
    p.set_logged(phase1_attribute::auth_method, "XAUTH InitPreShared");
    EXPECT_FALSE(p.hash.value.has_value());
    EXPECT_FALSE(p.group.value.has_value());
    EXPECT_FALSE(p.auth.value.has_value());
    EXPECT_EQ(p.get(phase1_parameter::hash), word("tiger"));
    EXPECT_EQ(p.get(phase1_parameter::dh_group), word("dh31"));
    EXPECT_EQ(p.get(phase1_parameter::auth_method), word("xauth initpreshared"));
}

TEST(Phase1Proposal, BareNumbersAreNormalised) {
    const phase1_proposal p = logged_proposal("7", "256", "2", "1", "19");
    EXPECT_EQ(p.get(phase1_parameter::encryption), word("aes-256-cbc"));
    EXPECT_EQ(p.get(phase1_parameter::hash), word("sha1"));
    EXPECT_EQ(p.get(phase1_parameter::auth_method), word("pre-shared-key"));
    EXPECT_EQ(p.get(phase1_parameter::dh_group), word("group19"));
}

TEST(Phase1Proposal, LifetimesAreNumbers) {
    phase1_proposal p;
    p.set_logged(phase1_attribute::lifetime, "86400");
    p.set_logged(phase1_attribute::lifebytes, "1048576");
    EXPECT_EQ(p.lifetime, std::optional<std::uint64_t>{86400});
    EXPECT_EQ(p.lifebytes, std::optional<std::uint64_t>{1048576});
    EXPECT_EQ(p.get(phase1_parameter::lifetime), number(86400));
    EXPECT_EQ(p.get(phase1_parameter::lifebytes), number(1048576));
}

TEST(Phase1Proposal, NonNumericLifetimeAndKeyLengthAreIgnored) {
    phase1_proposal p;
    p.set_logged(phase1_attribute::lifetime, "8 hours");
    p.set_logged(phase1_attribute::key_length, "long");
    EXPECT_FALSE(p.get(phase1_parameter::lifetime).has_value());
    EXPECT_FALSE(p.key_bits.has_value());
}

TEST(Phase1Proposal, VersionChangesNothing) {
    phase1_proposal p;
    p.set_logged(phase1_attribute::version, "1");
    for (phase1_parameter parameter : k_phase1_parameters) {
        EXPECT_FALSE(p.get(parameter).has_value()) << to_string(parameter);
    }
}

TEST(Phase1Proposal, LaterValueReplacesEarlierOne) {
    phase1_proposal p;
    p.set_logged(phase1_attribute::hash, "SHA256");
    p.set_logged(phase1_attribute::hash, "SHA512");
    EXPECT_EQ(p.get(phase1_parameter::hash), word("sha512"));
    EXPECT_EQ(p.hash.logged, "SHA512");
}

// observed ----------------------------------------------------------------------------------

TEST(Observed, PresentAndName) {
    observed<hash_alg> none;
    EXPECT_FALSE(none.present());
    observed<hash_alg> known{hash_alg::sha384, "SHA384"};
    EXPECT_TRUE(known.present());
    EXPECT_EQ(known.name(), "sha384");
    observed<hash_alg> unknown{std::nullopt, "Tiger-192"};
    EXPECT_TRUE(unknown.present());
    EXPECT_EQ(unknown.name(), "tiger-192");
}

// to_string ---------------------------------------------------------------------------------

TEST(ProposalToString, ParameterNames) {
    EXPECT_EQ(to_string(phase1_parameter::encryption), "encryption");
    EXPECT_EQ(to_string(phase1_parameter::hash), "hash");
    EXPECT_EQ(to_string(phase1_parameter::dh_group), "dh_group");
    EXPECT_EQ(to_string(phase1_parameter::auth_method), "auth_method");
    EXPECT_EQ(to_string(phase1_parameter::lifetime), "lifetime");
    EXPECT_EQ(to_string(phase1_parameter::lifebytes), "lifebytes");
}

TEST(ProposalToString, Values) {
    EXPECT_EQ(to_string(value{std::string("aes-256-cbc")}), "aes-256-cbc");
    EXPECT_EQ(to_string(value{std::uint64_t{28800}}), "28800");
    EXPECT_EQ(to_string(value{std::uint64_t{0}}), "0");
}

// encryption_allows -------------------------------------------------------------------------

TEST(EncryptionAllows, ExactNameMatches) {
    EXPECT_TRUE(encryption_allows(encryption::aes_256_cbc, "aes-256-cbc"));
    EXPECT_TRUE(encryption_allows(encryption::tdes, "3des"));
    EXPECT_TRUE(encryption_allows(encryption::des, "des"));
    EXPECT_TRUE(encryption_allows(encryption::aes_128_gcm, "aes-128-gcm"));
}

TEST(EncryptionAllows, FamilyOnlyNameMatchesEveryKeyLengthOfItsMode) {
    EXPECT_TRUE(encryption_allows(encryption::aes_128_cbc, "aes-cbc"));
    EXPECT_TRUE(encryption_allows(encryption::aes_192_cbc, "aes-cbc"));
    EXPECT_TRUE(encryption_allows(encryption::aes_256_cbc, "aes-cbc"));
    EXPECT_TRUE(encryption_allows(encryption::aes_256_gcm, "aes-gcm"));
    EXPECT_TRUE(encryption_allows(encryption::aes_128_ccm, "aes-ccm"));
}

TEST(EncryptionAllows, DifferentNamesDoNotMatch) {
    EXPECT_FALSE(encryption_allows(encryption::aes_256_cbc, "aes-128-cbc"));
    EXPECT_FALSE(encryption_allows(encryption::aes_128_cbc, "aes-256-cbc"));
    EXPECT_FALSE(encryption_allows(encryption::aes_256_gcm, "aes-cbc"));
    EXPECT_FALSE(encryption_allows(encryption::aes_256_cbc, "aes-gcm"));
    EXPECT_FALSE(encryption_allows(encryption::tdes, "des"));
    EXPECT_FALSE(encryption_allows(encryption::des, "3des"));
    EXPECT_FALSE(encryption_allows(encryption::tdes, "aes-cbc"));
    EXPECT_FALSE(encryption_allows(encryption::aes_256_cbc, "aes"));
    EXPECT_FALSE(encryption_allows(encryption::aes_256_cbc, "blowfish-256"));
    EXPECT_FALSE(encryption_allows(encryption::aes_256_cbc, "aes-cbc-512"));
    EXPECT_FALSE(encryption_allows(encryption::aes_256_cbc, ""));
}

} // namespace
