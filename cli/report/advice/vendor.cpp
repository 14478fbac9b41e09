#include "cli/report/advice/vendor.hpp"

#include <algorithm>
#include <array>
#include <span>

namespace ikediff::cli {

namespace {

/// One canonical value and its spelling in a vendor's configuration.
struct term {
    std::string_view canonical;
    std::string_view phase1; ///< empty: not offered for phase 1
    std::string_view phase2; ///< empty: not offered for phase 2
};

struct vendor_terms {
    std::string_view vendor;  ///< the sheet's `peer_vendor`
    std::string_view display; ///< how the report names it
    std::span<const term> encryption, integrity, dh_group;
};

// strongSwan proposal keywords (ike= / esp=, or swanctl proposals).
constexpr term k_strongswan_enc[] = {{"des", "des", "des"}, {"3des", "3des", "3des"},
                                     {"aes-128-cbc", "aes128", "aes128"}, {"aes-192-cbc", "aes192", "aes192"},
                                     {"aes-256-cbc", "aes256", "aes256"}, {"aes-128-gcm", "aes128gcm16", "aes128gcm16"},
                                     {"aes-256-gcm", "aes256gcm16", "aes256gcm16"}};
constexpr term k_strongswan_int[] = {{"md5", "md5", "md5"}, {"sha1", "sha1", "sha1"}, {"sha256", "sha256", "sha256"},
                                     {"sha384", "sha384", "sha384"}, {"sha512", "sha512", "sha512"}};
constexpr term k_strongswan_dh[] = {{"group1", "modp768", "modp768"},   {"group2", "modp1024", "modp1024"},
                                    {"group5", "modp1536", "modp1536"}, {"group14", "modp2048", "modp2048"},
                                    {"group15", "modp3072", "modp3072"}, {"group16", "modp4096", "modp4096"},
                                    {"group19", "ecp256", "ecp256"},     {"group20", "ecp384", "ecp384"},
                                    {"group21", "ecp521", "ecp521"}};
// libreswan ike= / esp= (phase2alg=) algorithm names.
constexpr term k_libreswan_enc[] = {{"3des", "3des", "3des"}, {"aes-128-cbc", "aes128", "aes128"},
                                    {"aes-192-cbc", "aes192", "aes192"}, {"aes-256-cbc", "aes256", "aes256"},
                                    {"aes-128-gcm", "aes_gcm128", "aes_gcm128"}, {"aes-256-gcm", "aes_gcm256", "aes_gcm256"}};
constexpr term k_libreswan_int[] = {{"md5", "md5", "md5"}, {"sha1", "sha1", "sha1"}, {"sha256", "sha2_256", "sha2_256"},
                                    {"sha384", "sha2_384", "sha2_384"}, {"sha512", "sha2_512", "sha2_512"}};
constexpr term k_libreswan_dh[] = {{"group2", "modp1024", "modp1024"},  {"group5", "modp1536", "modp1536"},
                                   {"group14", "modp2048", "modp2048"}, {"group15", "modp3072", "modp3072"},
                                   {"group16", "modp4096", "modp4096"}, {"group19", "dh19", "dh19"},
                                   {"group20", "dh20", "dh20"},         {"group21", "dh21", "dh21"}};
// Cisco ASA: crypto ikev1/ikev2 policy (phase 1), crypto ipsec transform-set / ipsec-proposal.
constexpr term k_asa_enc[] = {{"des", "des", "esp-des"}, {"3des", "3des", "esp-3des"},
                              {"aes-128-cbc", "aes", "esp-aes"}, {"aes-192-cbc", "aes-192", "esp-aes-192"},
                              {"aes-256-cbc", "aes-256", "esp-aes-256"}, {"aes-128-gcm", "aes-gcm", "aes-gcm"},
                              {"aes-256-gcm", "aes-gcm-256", "aes-gcm-256"}};
// ASA and IOS name hashes alike: `hash sha` (phase 1), `esp-sha-hmac` (phase 2).
constexpr term k_cisco_int[] = {{"md5", "md5", "esp-md5-hmac"},          {"sha1", "sha", "esp-sha-hmac"},
                                {"sha256", "sha256", "esp-sha256-hmac"}, {"sha384", "sha384", "esp-sha384-hmac"},
                                {"sha512", "sha512", "esp-sha512-hmac"}};
// Cisco IOS: crypto isakmp policy (phase 1), crypto ipsec transform-set (phase 2).
constexpr term k_ios_enc[] = {{"des", "des", "esp-des"}, {"3des", "3des", "esp-3des"},
                              {"aes-128-cbc", "aes", "esp-aes"}, {"aes-192-cbc", "aes 192", "esp-aes 192"},
                              {"aes-256-cbc", "aes 256", "esp-aes 256"}, {"aes-128-gcm", "", "esp-gcm"},
                              {"aes-256-gcm", "", "esp-gcm 256"}};
constexpr term k_cisco_dh[] = {{"group1", "group 1", "group1"},    {"group2", "group 2", "group2"},
                               {"group5", "group 5", "group5"},    {"group14", "group 14", "group14"},
                               {"group15", "group 15", "group15"}, {"group16", "group 16", "group16"},
                               {"group19", "group 19", "group19"}, {"group20", "group 20", "group20"},
                               {"group21", "group 21", "group21"}};
// FortiGate: the halves of `set proposal aes256-sha256`, and `set dhgrp` numbers.
constexpr term k_forti_enc[] = {{"des", "des", "des"}, {"3des", "3des", "3des"}, {"aes-128-cbc", "aes128", "aes128"},
                                {"aes-192-cbc", "aes192", "aes192"}, {"aes-256-cbc", "aes256", "aes256"},
                                {"aes-128-gcm", "aes128gcm", "aes128gcm"}, {"aes-256-gcm", "aes256gcm", "aes256gcm"}};
constexpr term k_forti_int[] = {{"md5", "md5", "md5"}, {"sha1", "sha1", "sha1"}, {"sha256", "sha256", "sha256"},
                                {"sha384", "sha384", "sha384"}, {"sha512", "sha512", "sha512"}};
constexpr term k_number_dh[] = {{"group1", "1", "1"},   {"group2", "2", "2"},   {"group5", "5", "5"},
                                {"group14", "14", "14"}, {"group15", "15", "15"}, {"group16", "16", "16"},
                                {"group19", "19", "19"}, {"group20", "20", "20"}, {"group21", "21", "21"}};
// Juniper SRX: security ike proposal / security ipsec proposal.
constexpr term k_srx_enc[] = {{"des", "des-cbc", "des-cbc"}, {"3des", "3des-cbc", "3des-cbc"},
                              {"aes-128-cbc", "aes-128-cbc", "aes-128-cbc"}, {"aes-192-cbc", "aes-192-cbc", "aes-192-cbc"},
                              {"aes-256-cbc", "aes-256-cbc", "aes-256-cbc"}, {"aes-128-gcm", "aes-128-gcm", "aes-128-gcm"},
                              {"aes-256-gcm", "aes-256-gcm", "aes-256-gcm"}};
constexpr term k_srx_int[] = {{"md5", "md5", "hmac-md5-96"},           {"sha1", "sha1", "hmac-sha1-96"},
                              {"sha256", "sha-256", "hmac-sha-256-128"}, {"sha384", "sha-384", "hmac-sha-384"},
                              {"sha512", "sha-512", "hmac-sha-512"}};
constexpr term k_srx_dh[] = {{"group1", "group1", "group1"},   {"group2", "group2", "group2"},
                             {"group5", "group5", "group5"},   {"group14", "group14", "group14"},
                             {"group15", "group15", "group15"}, {"group16", "group16", "group16"},
                             {"group19", "group19", "group19"}, {"group20", "group20", "group20"},
                             {"group21", "group21", "group21"}};
// AWS Site-to-Site VPN tunnel options (Phase1/Phase2 EncryptionAlgorithms, IntegrityAlgorithms,
// DHGroupNumbers).
constexpr term k_aws_enc[] = {{"aes-128-cbc", "AES128", "AES128"}, {"aes-256-cbc", "AES256", "AES256"},
                              {"aes-128-gcm", "AES128-GCM-16", "AES128-GCM-16"},
                              {"aes-256-gcm", "AES256-GCM-16", "AES256-GCM-16"}};
constexpr term k_aws_int[] = {{"sha1", "SHA1", "SHA1"}, {"sha256", "SHA2-256", "SHA2-256"},
                              {"sha384", "SHA2-384", "SHA2-384"}, {"sha512", "SHA2-512", "SHA2-512"}};
constexpr term k_aws_dh[] = {{"group2", "2", "2"},   {"group5", "", "5"},    {"group14", "14", "14"},
                             {"group15", "15", "15"}, {"group16", "16", "16"}, {"group19", "19", "19"},
                             {"group20", "20", "20"}, {"group21", "21", "21"}};
// Azure VPN gateway custom IPsec/IKE policy (IkeEncryption/IpsecEncryption, IkeIntegrity/
// IpsecIntegrity, DhGroup/PfsGroup).
constexpr term k_azure_enc[] = {{"des", "DES", "DES"}, {"3des", "DES3", "DES3"}, {"aes-128-cbc", "AES128", "AES128"},
                                {"aes-192-cbc", "AES192", "AES192"}, {"aes-256-cbc", "AES256", "AES256"},
                                {"aes-128-gcm", "GCMAES128", "GCMAES128"}, {"aes-256-gcm", "GCMAES256", "GCMAES256"}};
constexpr term k_azure_int[] = {{"md5", "MD5", "MD5"}, {"sha1", "SHA1", "SHA1"}, {"sha256", "SHA256", "SHA256"},
                                {"sha384", "SHA384", ""}};
constexpr term k_azure_dh[] = {{"group1", "DHGroup1", "PFS1"},     {"group2", "DHGroup2", "PFS2"},
                               {"group14", "DHGroup14", "PFS2048"}, {"group19", "ECP256", "ECP256"},
                               {"group20", "ECP384", "ECP384"},     {"no-pfs", "", "None"}};
// Google Cloud VPN's supported IKE ciphers (it offers them all; the peer picks).
constexpr term k_gcp_enc[] = {{"aes-128-cbc", "AES-CBC-128", "AES-CBC-128"}, {"aes-192-cbc", "AES-CBC-192", "AES-CBC-192"},
                              {"aes-256-cbc", "AES-CBC-256", "AES-CBC-256"}, {"aes-128-gcm", "AES-GCM-16-128", "AES-GCM-16-128"},
                              {"aes-256-gcm", "AES-GCM-16-256", "AES-GCM-16-256"}};
constexpr term k_gcp_int[] = {{"md5", "HMAC-MD5-96", "HMAC-MD5-96"}, {"sha1", "HMAC-SHA1-96", "HMAC-SHA1-96"},
                              {"sha256", "HMAC-SHA2-256-128", "HMAC-SHA2-256-128"},
                              {"sha384", "HMAC-SHA2-384-192", "HMAC-SHA2-384-192"},
                              {"sha512", "HMAC-SHA2-512-256", "HMAC-SHA2-512-256"}};
constexpr term k_gcp_dh[] = {{"group2", "Group-2", "Group-2"},    {"group5", "Group-5", "Group-5"},
                             {"group14", "Group-14", "Group-14"}, {"group15", "Group-15", "Group-15"},
                             {"group16", "Group-16", "Group-16"}, {"group19", "Group-19", "Group-19"},
                             {"group20", "Group-20", "Group-20"}, {"group21", "Group-21", "Group-21"}};

constexpr std::array<vendor_terms, 9> k_vendors{{
    {"strongswan", "strongSwan", k_strongswan_enc, k_strongswan_int, k_strongswan_dh},
    {"libreswan", "libreswan", k_libreswan_enc, k_libreswan_int, k_libreswan_dh},
    {"cisco-asa", "Cisco ASA", k_asa_enc, k_cisco_int, k_cisco_dh},
    {"cisco-ios", "Cisco IOS", k_ios_enc, k_cisco_int, k_cisco_dh},
    {"fortigate", "FortiGate", k_forti_enc, k_forti_int, k_number_dh},
    {"juniper-srx", "Juniper SRX", k_srx_enc, k_srx_int, k_srx_dh},
    {"aws", "AWS", k_aws_enc, k_aws_int, k_aws_dh},
    {"azure", "Azure", k_azure_enc, k_azure_int, k_azure_dh},
    {"gcp", "Google Cloud VPN", k_gcp_enc, k_gcp_int, k_gcp_dh},
}};

} // namespace

std::optional<vendor_word> vendor_term(std::string_view vendor, std::uint32_t phase, std::string_view attribute,
                                       std::string_view canonical) {
    const auto v = std::find_if(k_vendors.begin(), k_vendors.end(),
                                [&](const vendor_terms& t) { return t.vendor == vendor; });
    if (v == k_vendors.end()) {
        return std::nullopt;
    }
    std::span<const term> table;
    if (attribute == "encryption") {
        table = v->encryption;
    } else if (attribute == "hash" || attribute == "authentication") {
        table = v->integrity;
    } else if (attribute == "dh_group") {
        table = v->dh_group;
    } else {
        return std::nullopt;
    }
    for (const term& t : table) {
        if (t.canonical == canonical) {
            const std::string_view word = phase == 2 ? t.phase2 : t.phase1;
            return vendor_word{v->display, word.empty() ? std::nullopt : std::optional<std::string>(word)};
        }
    }
    return vendor_word{v->display, std::nullopt};
}

} // namespace ikediff::cli
