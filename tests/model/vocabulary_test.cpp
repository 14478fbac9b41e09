// model/vocabulary: the sheet's canonical names (contract.md section 5) and every log
// spelling (docs/log-formats.md section 2) normalised into them.

#include "model/vocabulary.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace ikediff::model;

/// The canonical names of `E`, as plain strings, for EXPECT_EQ.
template <class E>
std::vector<std::string> names_of() {
    std::vector<std::string> out;
    for (std::string_view name : canonical_names<E>()) {
        out.emplace_back(name);
    }
    return out;
}

/// Every canonical name reads back as the value whose to_string it is, in any case.
template <class E>
void expect_round_trip() {
    for (std::string_view name : canonical_names<E>()) {
        const std::optional<E> v = canonical_value<E>(name);
        ASSERT_TRUE(v.has_value()) << name;
        EXPECT_EQ(to_string(*v), name);
        std::string upper(name);
        for (char& c : upper) {
            if (c >= 'a' && c <= 'z') {
                c = static_cast<char>(c - 'a' + 'A');
            }
        }
        EXPECT_EQ(canonical_value<E>(upper), v) << upper;
    }
}

// canonical_names / canonical_value -------------------------------------------------------

TEST(CanonicalNames, EncryptionListsTheContractNamesInOrder) {
    EXPECT_EQ(names_of<encryption>(),
              (std::vector<std::string>{"des", "3des", "aes-128-cbc", "aes-192-cbc", "aes-256-cbc",
                                        "aes-128-gcm", "aes-256-gcm", "aes-128-ccm", "null"}));
}

TEST(CanonicalNames, OtherVocabulariesListTheContractNames) {
    EXPECT_EQ(names_of<hash_alg>(),
              (std::vector<std::string>{"non-auth", "md5", "sha1", "sha256", "sha384", "sha512"}));
    EXPECT_EQ(names_of<authentication>(),
              (std::vector<std::string>{"none", "md5", "sha1", "sha256", "sha384", "sha512"}));
    EXPECT_EQ(names_of<dh_group>(),
              (std::vector<std::string>{"group1", "group2", "group5", "group14", "group15", "group16",
                                        "group19", "group20", "group21", "no-pfs"}));
    EXPECT_EQ(names_of<auth_method>(),
              (std::vector<std::string>{"pre-shared-key", "rsa-signature", "dss-signature",
                                        "ecdsa-signature", "rsa-encryption", "revised-rsa-encryption",
                                        "gssapi", "xauth-psk", "hybrid-rsa", "hybrid-dss"}));
    EXPECT_EQ(names_of<exchange_mode>(), (std::vector<std::string>{"main", "aggressive"}));
    EXPECT_EQ(names_of<ike_version>(), (std::vector<std::string>{"ikev1", "ikev2"}));
    EXPECT_EQ(names_of<ipsec_protocol>(), (std::vector<std::string>{"esp", "ah"}));
    EXPECT_EQ(names_of<encapsulation>(), (std::vector<std::string>{"tunnel", "transport"}));
}

TEST(CanonicalValue, EveryCanonicalNameRoundTripsInAnyCase) {
    expect_round_trip<encryption>();
    expect_round_trip<hash_alg>();
    expect_round_trip<authentication>();
    expect_round_trip<dh_group>();
    expect_round_trip<auth_method>();
    expect_round_trip<exchange_mode>();
    expect_round_trip<ike_version>();
    expect_round_trip<ipsec_protocol>();
    expect_round_trip<encapsulation>();
}

TEST(CanonicalValue, ReadsSpecificValues) {
    EXPECT_EQ(canonical_value<encryption>("aes-256-cbc"), encryption::aes_256_cbc);
    EXPECT_EQ(canonical_value<encryption>("AES-128-GCM"), encryption::aes_128_gcm);
    EXPECT_EQ(canonical_value<encryption>("3DES"), encryption::tdes);
    EXPECT_EQ(canonical_value<hash_alg>("Sha512"), hash_alg::sha512);
    EXPECT_EQ(canonical_value<hash_alg>("non-auth"), hash_alg::non_auth);
    EXPECT_EQ(canonical_value<authentication>("none"), authentication::none);
    EXPECT_EQ(canonical_value<dh_group>("GROUP20"), dh_group::group20);
    EXPECT_EQ(canonical_value<dh_group>("no-pfs"), dh_group::no_pfs);
    EXPECT_EQ(canonical_value<auth_method>("Pre-Shared-Key"), auth_method::pre_shared_key);
    EXPECT_EQ(canonical_value<exchange_mode>("Aggressive"), exchange_mode::aggressive);
    EXPECT_EQ(canonical_value<ike_version>("IKEv2"), ike_version::ikev2);
    EXPECT_EQ(canonical_value<ipsec_protocol>("ESP"), ipsec_protocol::esp);
    EXPECT_EQ(canonical_value<encapsulation>("Transport"), encapsulation::transport);
}

TEST(CanonicalValue, IgnoresSurroundingBlanks) {
    EXPECT_EQ(canonical_value<dh_group>("  group14\t"), dh_group::group14);
    EXPECT_EQ(canonical_value<encryption>(" aes-192-cbc "), encryption::aes_192_cbc);
}

TEST(CanonicalValue, RejectsMisspellingsAndLogSpellings) {
    EXPECT_FALSE(canonical_value<encryption>("aes256").has_value());
    EXPECT_FALSE(canonical_value<encryption>("aes-256").has_value());
    EXPECT_FALSE(canonical_value<encryption>("AES").has_value());
    EXPECT_FALSE(canonical_value<encryption>("tdes").has_value());
    EXPECT_FALSE(canonical_value<hash_alg>("sha-256").has_value());
    EXPECT_FALSE(canonical_value<hash_alg>("SHA").has_value());
    EXPECT_FALSE(canonical_value<dh_group>("DH20").has_value());
    EXPECT_FALSE(canonical_value<dh_group>("group 20").has_value());
    EXPECT_FALSE(canonical_value<dh_group>("20").has_value());
    EXPECT_FALSE(canonical_value<dh_group>("group2 0").has_value());
    EXPECT_FALSE(canonical_value<auth_method>("psk").has_value());
    EXPECT_FALSE(canonical_value<auth_method>("pre-shared key").has_value());
    EXPECT_FALSE(canonical_value<auth_method>("pre_shared_key").has_value());
    EXPECT_FALSE(canonical_value<exchange_mode>("identity protection").has_value());
    EXPECT_FALSE(canonical_value<ike_version>("v1").has_value());
    EXPECT_FALSE(canonical_value<ipsec_protocol>("esp-ah").has_value());
    EXPECT_FALSE(canonical_value<encapsulation>("tunel").has_value());
    EXPECT_FALSE(canonical_value<encryption>("").has_value());
}

// to_string ---------------------------------------------------------------------------------

TEST(VocabularyToString, Encryption) {
    EXPECT_EQ(to_string(encryption::des), "des");
    EXPECT_EQ(to_string(encryption::tdes), "3des");
    EXPECT_EQ(to_string(encryption::aes_128_cbc), "aes-128-cbc");
    EXPECT_EQ(to_string(encryption::aes_192_cbc), "aes-192-cbc");
    EXPECT_EQ(to_string(encryption::aes_256_cbc), "aes-256-cbc");
    EXPECT_EQ(to_string(encryption::aes_128_gcm), "aes-128-gcm");
    EXPECT_EQ(to_string(encryption::aes_256_gcm), "aes-256-gcm");
    EXPECT_EQ(to_string(encryption::aes_128_ccm), "aes-128-ccm");
    EXPECT_EQ(to_string(encryption::null), "null");
}

TEST(VocabularyToString, HashAndAuthentication) {
    EXPECT_EQ(to_string(hash_alg::non_auth), "non-auth");
    EXPECT_EQ(to_string(hash_alg::md5), "md5");
    EXPECT_EQ(to_string(hash_alg::sha1), "sha1");
    EXPECT_EQ(to_string(hash_alg::sha256), "sha256");
    EXPECT_EQ(to_string(hash_alg::sha384), "sha384");
    EXPECT_EQ(to_string(hash_alg::sha512), "sha512");
    EXPECT_EQ(to_string(authentication::none), "none");
    EXPECT_EQ(to_string(authentication::md5), "md5");
    EXPECT_EQ(to_string(authentication::sha1), "sha1");
    EXPECT_EQ(to_string(authentication::sha256), "sha256");
    EXPECT_EQ(to_string(authentication::sha384), "sha384");
    EXPECT_EQ(to_string(authentication::sha512), "sha512");
}

TEST(VocabularyToString, DhGroup) {
    EXPECT_EQ(to_string(dh_group::group1), "group1");
    EXPECT_EQ(to_string(dh_group::group2), "group2");
    EXPECT_EQ(to_string(dh_group::group5), "group5");
    EXPECT_EQ(to_string(dh_group::group14), "group14");
    EXPECT_EQ(to_string(dh_group::group15), "group15");
    EXPECT_EQ(to_string(dh_group::group16), "group16");
    EXPECT_EQ(to_string(dh_group::group19), "group19");
    EXPECT_EQ(to_string(dh_group::group20), "group20");
    EXPECT_EQ(to_string(dh_group::group21), "group21");
    EXPECT_EQ(to_string(dh_group::no_pfs), "no-pfs");
}

TEST(VocabularyToString, AuthMethod) {
    EXPECT_EQ(to_string(auth_method::pre_shared_key), "pre-shared-key");
    EXPECT_EQ(to_string(auth_method::rsa_signature), "rsa-signature");
    EXPECT_EQ(to_string(auth_method::dss_signature), "dss-signature");
    EXPECT_EQ(to_string(auth_method::ecdsa_signature), "ecdsa-signature");
    EXPECT_EQ(to_string(auth_method::rsa_encryption), "rsa-encryption");
    EXPECT_EQ(to_string(auth_method::revised_rsa_encryption), "revised-rsa-encryption");
    EXPECT_EQ(to_string(auth_method::gssapi), "gssapi");
    EXPECT_EQ(to_string(auth_method::xauth_psk), "xauth-psk");
    EXPECT_EQ(to_string(auth_method::hybrid_rsa), "hybrid-rsa");
    EXPECT_EQ(to_string(auth_method::hybrid_dss), "hybrid-dss");
}

TEST(VocabularyToString, SmallEnums) {
    EXPECT_EQ(to_string(exchange_mode::main), "main");
    EXPECT_EQ(to_string(exchange_mode::aggressive), "aggressive");
    EXPECT_EQ(to_string(ike_version::ikev1), "ikev1");
    EXPECT_EQ(to_string(ike_version::ikev2), "ikev2");
    EXPECT_EQ(to_string(ipsec_protocol::esp), "esp");
    EXPECT_EQ(to_string(ipsec_protocol::ah), "ah");
    EXPECT_EQ(to_string(encapsulation::tunnel), "tunnel");
    EXPECT_EQ(to_string(encapsulation::transport), "transport");
}

TEST(VocabularyToString, CipherFamilies) {
    EXPECT_EQ(to_string(cipher::des), "des");
    EXPECT_EQ(to_string(cipher::tdes), "3des");
    EXPECT_EQ(to_string(cipher::aes_cbc), "aes-cbc");
    EXPECT_EQ(to_string(cipher::aes_gcm), "aes-gcm");
    EXPECT_EQ(to_string(cipher::aes_ccm), "aes-ccm");
    EXPECT_EQ(to_string(cipher::null), "null");
}

// log_cipher --------------------------------------------------------------------------------

TEST(LogCipher, PanNames) {
    EXPECT_EQ(log_cipher("AES"), cipher::aes_cbc);
    EXPECT_EQ(log_cipher("3DES"), cipher::tdes);
    EXPECT_EQ(log_cipher("DES"), cipher::des);
}

TEST(LogCipher, RacoonNames) {
    EXPECT_EQ(log_cipher("AES-CBC"), cipher::aes_cbc);
    EXPECT_EQ(log_cipher("3DES-CBC"), cipher::tdes);
    EXPECT_EQ(log_cipher("DES-CBC"), cipher::des);
    EXPECT_EQ(log_cipher("aes-cbc"), cipher::aes_cbc);
}

TEST(LogCipher, IanaNumbers) {
    EXPECT_EQ(log_cipher("7"), cipher::aes_cbc);
    EXPECT_EQ(log_cipher("5"), cipher::tdes);
    EXPECT_EQ(log_cipher("1"), cipher::des);
    EXPECT_EQ(log_cipher("20"), cipher::aes_gcm);
}

TEST(LogCipher, UnknownSpellingIsNullopt) {
    EXPECT_FALSE(log_cipher("Blowfish").has_value());
    EXPECT_FALSE(log_cipher("CAST-CBC").has_value());
    EXPECT_FALSE(log_cipher("AES256").has_value());
    EXPECT_FALSE(log_cipher("3").has_value());
    EXPECT_FALSE(log_cipher("").has_value());
}

TEST(LogCipher, SurroundingBlanksAreIgnored) {
    EXPECT_EQ(log_cipher(" AES "), cipher::aes_cbc);
}

// resolve_encryption ------------------------------------------------------------------------

TEST(ResolveEncryption, AesCbcKeyLengths) {
    EXPECT_EQ(resolve_encryption(cipher::aes_cbc, 128), encryption::aes_128_cbc);
    EXPECT_EQ(resolve_encryption(cipher::aes_cbc, 192), encryption::aes_192_cbc);
    EXPECT_EQ(resolve_encryption(cipher::aes_cbc, 256), encryption::aes_256_cbc);
}

TEST(ResolveEncryption, AesWithoutKeyLengthIsAes128) {
    EXPECT_EQ(resolve_encryption(cipher::aes_cbc, 0), encryption::aes_128_cbc);
}

TEST(ResolveEncryption, ImpossibleAesKeyLengthIsNullopt) {
    EXPECT_FALSE(resolve_encryption(cipher::aes_cbc, 512).has_value());
    EXPECT_FALSE(resolve_encryption(cipher::aes_cbc, 64).has_value());
}

TEST(ResolveEncryption, FixedKeyCiphersIgnoreTheKeyLength) {
    EXPECT_EQ(resolve_encryption(cipher::tdes, 0), encryption::tdes);
    EXPECT_EQ(resolve_encryption(cipher::tdes, 192), encryption::tdes);
    EXPECT_EQ(resolve_encryption(cipher::des, 0), encryption::des);
    EXPECT_EQ(resolve_encryption(cipher::null, 0), encryption::null);
}

TEST(ResolveEncryption, GcmAndCcm) {
    EXPECT_EQ(resolve_encryption(cipher::aes_gcm, 128), encryption::aes_128_gcm);
    EXPECT_EQ(resolve_encryption(cipher::aes_gcm, 256), encryption::aes_256_gcm);
    EXPECT_FALSE(resolve_encryption(cipher::aes_gcm, 192).has_value());
    EXPECT_FALSE(resolve_encryption(cipher::aes_gcm, 0).has_value());
    EXPECT_EQ(resolve_encryption(cipher::aes_ccm, 128), encryption::aes_128_ccm);
    EXPECT_FALSE(resolve_encryption(cipher::aes_ccm, 256).has_value());
}

// Remembered readings -----------------------------------------------------------------------
// The log_* readers remember the last few texts they read (per thread): whatever the order,
// more texts than they keep, or the same text through two readers, each reading is the
// reading of its own text.

TEST(LoggedValues, RememberedReadingsAreTheReadingsOfTheirOwnText) {
    const std::pair<const char*, std::optional<hash_alg>> hashes[] = {
        {"MD5", hash_alg::md5},       {"SHA1", hash_alg::sha1},     {"SHA256", hash_alg::sha256},
        {"SHA384", hash_alg::sha384}, {"SHA512", hash_alg::sha512}, {"whirlpool", std::nullopt}};
    for (int round = 0; round < 3; ++round) {
        for (const auto& [text, expected] : hashes) {
            EXPECT_EQ(log_hash(text), expected) << text;
        }
        for (auto it = std::rbegin(hashes); it != std::rend(hashes); ++it) {
            EXPECT_EQ(log_hash(it->first), it->second) << it->first;
        }
        // One text, two readers: each its own reading.
        EXPECT_EQ(log_pfs_group("0"), dh_group::no_pfs);
        EXPECT_EQ(log_dh_group("0"), std::nullopt);
        EXPECT_EQ(log_dh_group("2"), dh_group::group2);
        EXPECT_EQ(log_pfs_group("2"), dh_group::group2);
    }
}

// log_hash ----------------------------------------------------------------------------------

TEST(LogHash, PanNames) {
    EXPECT_EQ(log_hash("MD5"), hash_alg::md5);
    EXPECT_EQ(log_hash("SHA1"), hash_alg::sha1);
    EXPECT_EQ(log_hash("SHA256"), hash_alg::sha256);
    EXPECT_EQ(log_hash("SHA384"), hash_alg::sha384);
    EXPECT_EQ(log_hash("SHA512"), hash_alg::sha512);
}

TEST(LogHash, RacoonShaIsSha1) {
    EXPECT_EQ(log_hash("SHA"), hash_alg::sha1);
    EXPECT_EQ(log_hash("sha"), hash_alg::sha1);
}

TEST(LogHash, OtherSpellings) {
    EXPECT_EQ(log_hash("SHA2-256"), hash_alg::sha256);
    EXPECT_EQ(log_hash("hmac-sha1"), hash_alg::sha1);
    EXPECT_EQ(log_hash("SHA-512"), hash_alg::sha512);
}

TEST(LogHash, IanaNumbers) {
    EXPECT_EQ(log_hash("1"), hash_alg::md5);
    EXPECT_EQ(log_hash("2"), hash_alg::sha1);
    EXPECT_EQ(log_hash("4"), hash_alg::sha256);
    EXPECT_EQ(log_hash("5"), hash_alg::sha384);
    EXPECT_EQ(log_hash("6"), hash_alg::sha512);
}

TEST(LogHash, UnknownSpellingIsNullopt) {
    EXPECT_FALSE(log_hash("TIGER").has_value());
    EXPECT_FALSE(log_hash("SHA3").has_value());
    EXPECT_FALSE(log_hash("3").has_value());
    EXPECT_FALSE(log_hash("").has_value());
}

// log_dh_group ------------------------------------------------------------------------------

TEST(LogDhGroup, PanNames) {
    EXPECT_EQ(log_dh_group("DH1"), dh_group::group1);
    EXPECT_EQ(log_dh_group("DH2"), dh_group::group2);
    EXPECT_EQ(log_dh_group("DH5"), dh_group::group5);
    EXPECT_EQ(log_dh_group("DH14"), dh_group::group14);
    EXPECT_EQ(log_dh_group("DH19"), dh_group::group19);
    EXPECT_EQ(log_dh_group("DH20"), dh_group::group20);
    EXPECT_EQ(log_dh_group("DH21"), dh_group::group21);
}

TEST(LogDhGroup, RacoonModpNames) {
    EXPECT_EQ(log_dh_group("768-bit MODP group"), dh_group::group1);
    EXPECT_EQ(log_dh_group("1024-bit MODP group"), dh_group::group2);
    EXPECT_EQ(log_dh_group("1536-bit MODP group"), dh_group::group5);
    EXPECT_EQ(log_dh_group("2048-bit MODP group"), dh_group::group14);
    EXPECT_EQ(log_dh_group("3072-bit MODP group"), dh_group::group15);
    EXPECT_EQ(log_dh_group("4096-bit MODP group"), dh_group::group16);
}

TEST(LogDhGroup, ShortenedModpNames) {
    EXPECT_EQ(log_dh_group("3072-bit"), dh_group::group15);
    EXPECT_EQ(log_dh_group("4096-bit"), dh_group::group16);
    EXPECT_EQ(log_dh_group("2048-bit MODP"), dh_group::group14);
}

TEST(LogDhGroup, OtherSpellings) {
    EXPECT_EQ(log_dh_group("group20"), dh_group::group20);
    EXPECT_EQ(log_dh_group("modp1024"), dh_group::group2);
    EXPECT_EQ(log_dh_group("ecp256"), dh_group::group19);
    EXPECT_EQ(log_dh_group("ecp384"), dh_group::group20);
    EXPECT_EQ(log_dh_group("ecp521"), dh_group::group21);
    EXPECT_EQ(log_dh_group("no-pfs"), dh_group::no_pfs);
}

TEST(LogDhGroup, BareIanaNumbers) {
    EXPECT_EQ(log_dh_group("20"), dh_group::group20);
    EXPECT_EQ(log_dh_group("19"), dh_group::group19);
    EXPECT_EQ(log_dh_group("14"), dh_group::group14);
    EXPECT_EQ(log_dh_group("2"), dh_group::group2);
}

TEST(LogDhGroup, UnknownSpellingIsNullopt) {
    EXPECT_FALSE(log_dh_group("DH99").has_value());
    EXPECT_FALSE(log_dh_group("DH").has_value());
    EXPECT_FALSE(log_dh_group("24").has_value());
    EXPECT_FALSE(log_dh_group("512-bit MODP group").has_value());
    EXPECT_FALSE(log_dh_group("1024-bit ECP group").has_value());
    EXPECT_FALSE(log_dh_group("modp9999").has_value());
    EXPECT_FALSE(log_dh_group("curve25519").has_value());
    EXPECT_FALSE(log_dh_group("").has_value());
}

// log_auth_method ---------------------------------------------------------------------------

TEST(LogAuthMethod, PanNames) {
    EXPECT_EQ(log_auth_method("PSK"), auth_method::pre_shared_key);
    EXPECT_EQ(log_auth_method("RSA"), auth_method::rsa_signature);
}

TEST(LogAuthMethod, RacoonNames) {
    EXPECT_EQ(log_auth_method("pre-shared key"), auth_method::pre_shared_key);
    EXPECT_EQ(log_auth_method("RSA signatures"), auth_method::rsa_signature);
    EXPECT_EQ(log_auth_method("DSS signatures"), auth_method::dss_signature);
    // racoon's name for method 65001 (ossec-docs racoon.rst: `... = pre-shared key:GSS-API on Kerberos 5`)
    EXPECT_EQ(log_auth_method("GSS-API on Kerberos 5"), auth_method::gssapi);
}

TEST(LogAuthMethod, CanonicalNamesAreAccepted) {
    EXPECT_EQ(log_auth_method("pre-shared-key"), auth_method::pre_shared_key);
    EXPECT_EQ(log_auth_method("hybrid-rsa"), auth_method::hybrid_rsa);
}

TEST(LogAuthMethod, IanaNumbers) {
    EXPECT_EQ(log_auth_method("1"), auth_method::pre_shared_key);
    EXPECT_EQ(log_auth_method("2"), auth_method::dss_signature);
    EXPECT_EQ(log_auth_method("3"), auth_method::rsa_signature);
    EXPECT_EQ(log_auth_method("9"), auth_method::ecdsa_signature);
}

TEST(LogAuthMethod, UnknownSpellingIsNullopt) {
    EXPECT_FALSE(log_auth_method("certificate").has_value());
    EXPECT_FALSE(log_auth_method("PSK2").has_value());
    EXPECT_FALSE(log_auth_method("7").has_value());
    EXPECT_FALSE(log_auth_method("").has_value());
}

// Text helpers ------------------------------------------------------------------------------

TEST(TextHelpers, ToLowerOnlyTouchesAsciiLetters) {
    EXPECT_EQ(to_lower("AES-CBC 256"), "aes-cbc 256");
    EXPECT_EQ(to_lower("\xC3\x89T\xC3\x89"), "\xC3\x89t\xC3\x89");
}

TEST(TextHelpers, TrimRemovesBlanksAtBothEnds) {
    EXPECT_EQ(trim(" \t SHA256\r\n"), "SHA256");
    EXPECT_EQ(trim("pre-shared key"), "pre-shared key");
    EXPECT_EQ(trim(" \t\r\n"), "");
    EXPECT_EQ(trim(""), "");
}

TEST(TextHelpers, IequalsIgnoresAsciiCase) {
    EXPECT_TRUE(iequals("SHA256", "sha256"));
    EXPECT_FALSE(iequals("SHA256", "sha2560"));
    EXPECT_FALSE(iequals("SHA256", "sha384"));
    EXPECT_TRUE(iequals("", ""));
}

TEST(TextHelpers, ParseUnsignedNeedsDigitsOnly) {
    EXPECT_EQ(parse_unsigned("28800"), std::optional<std::uint64_t>{28800});
    EXPECT_EQ(parse_unsigned("0"), std::optional<std::uint64_t>{0});
    EXPECT_EQ(parse_unsigned("18446744073709551615"), std::optional<std::uint64_t>{18446744073709551615ULL});
    EXPECT_FALSE(parse_unsigned("18446744073709551616").has_value());
    EXPECT_FALSE(parse_unsigned("").has_value());
    EXPECT_FALSE(parse_unsigned("-1").has_value());
    EXPECT_FALSE(parse_unsigned("12a").has_value());
    EXPECT_FALSE(parse_unsigned(" 12").has_value());
}

} // namespace

namespace {

TEST(LogAuthentication, QuickModeAuthtypeNames) {
    using ikediff::model::authentication;
    using ikediff::model::log_authentication;
    EXPECT_EQ(log_authentication("hmac-md5"), authentication::md5);
    EXPECT_EQ(log_authentication("hmac-sha"), authentication::sha1);
    EXPECT_EQ(log_authentication("hmac-sha256"), authentication::sha256);
    EXPECT_EQ(log_authentication("hmac-sha384"), authentication::sha384);
    EXPECT_EQ(log_authentication("hmac-sha512"), authentication::sha512);
    EXPECT_EQ(log_authentication("non-auth"), authentication::none);
    EXPECT_FALSE(log_authentication("hmac-whirlpool").has_value());
}

TEST(LogPfsGroup, ZeroIsNoPfs) {
    using ikediff::model::dh_group;
    EXPECT_EQ(ikediff::model::log_pfs_group("0"), dh_group::no_pfs);
    EXPECT_EQ(ikediff::model::log_pfs_group("14"), dh_group::group14);
}

TEST(LogEncapsulation, NatTraversalModesAreTheirPlainMode) {
    using ikediff::model::encapsulation;
    EXPECT_EQ(ikediff::model::log_encapsulation("Tunnel"), encapsulation::tunnel);
    EXPECT_EQ(ikediff::model::log_encapsulation("UDP-Transport"), encapsulation::transport);
    EXPECT_EQ(ikediff::model::log_protocol("ESP"), ikediff::model::ipsec_protocol::esp);
}

} // namespace
