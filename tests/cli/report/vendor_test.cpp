// cli::vendor_term: a canonical value in the peer vendor's own words.

#include "cli/report/advice/vendor.hpp"

#include <gtest/gtest.h>

namespace {

using ikediff::cli::vendor_term;

std::string word(std::string_view vendor, std::uint32_t phase, std::string_view attribute, std::string_view value) {
    const auto t = vendor_term(vendor, phase, attribute, value);
    return t ? t->word.value_or("(not offered)") : "(no table)";
}

TEST(VendorTerm, StrongswanAndLibreswanProposalKeywords) {
    EXPECT_EQ(word("strongswan", 1, "dh_group", "group20"), "ecp384");
    EXPECT_EQ(word("strongswan", 1, "encryption", "aes-256-cbc"), "aes256");
    EXPECT_EQ(word("strongswan", 2, "encryption", "aes-256-gcm"), "aes256gcm16");
    EXPECT_EQ(word("libreswan", 1, "hash", "sha512"), "sha2_512");
    EXPECT_EQ(word("libreswan", 1, "dh_group", "group14"), "modp2048");
}

TEST(VendorTerm, CiscoNamesDifferByPhase) {
    EXPECT_EQ(word("cisco-asa", 1, "hash", "sha1"), "sha");
    EXPECT_EQ(word("cisco-asa", 2, "authentication", "sha1"), "esp-sha-hmac");
    EXPECT_EQ(word("cisco-ios", 1, "encryption", "aes-256-cbc"), "aes 256");
    EXPECT_EQ(word("cisco-ios", 2, "encryption", "aes-256-cbc"), "esp-aes 256");
    EXPECT_EQ(word("cisco-asa", 1, "dh_group", "group20"), "group 20");
}

TEST(VendorTerm, CloudNamesAndWhatACloudDoesNotOffer) {
    EXPECT_EQ(word("aws", 1, "hash", "sha256"), "SHA2-256");
    EXPECT_EQ(word("aws", 1, "dh_group", "group20"), "20");
    EXPECT_EQ(word("azure", 1, "dh_group", "group14"), "DHGroup14");
    EXPECT_EQ(word("azure", 2, "dh_group", "group14"), "PFS2048");
    EXPECT_EQ(word("azure", 1, "hash", "sha512"), "(not offered)");
    EXPECT_EQ(word("gcp", 2, "authentication", "sha256"), "HMAC-SHA2-256-128");
    EXPECT_EQ(word("fortigate", 1, "dh_group", "group19"), "19");
    EXPECT_EQ(word("juniper-srx", 2, "authentication", "sha256"), "hmac-sha-256-128");
}

TEST(VendorTerm, NoTableForOtherVendorsOrLifetimes) {
    EXPECT_EQ(word("other", 1, "hash", "sha256"), "(no table)");
    EXPECT_EQ(word("strongswan", 1, "lifetime", "28800"), "(no table)");
}

} // namespace
