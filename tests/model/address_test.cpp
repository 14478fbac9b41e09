// model::same_address, and address_key, which must agree with it.

#include "model/address.hpp"

#include <gtest/gtest.h>

namespace {

using ikediff::model::address_key;
using ikediff::model::same_address;

TEST(SameAddress, Ipv4ComparesByValue) {
    EXPECT_TRUE(same_address("200.100.1.254", "200.100.1.254"));
    EXPECT_FALSE(same_address("200.100.1.254", "200.100.1.25"));
}

TEST(SameAddress, Ipv6SpellingsOfOneAddressAreTheSame) {
    EXPECT_TRUE(same_address("2001:DB8:FFFF:0::FE", "2001:db8:ffff::fe"));
    EXPECT_TRUE(same_address("::1", "0:0:0:0:0:0:0:1"));
    EXPECT_FALSE(same_address("2001:db8::1", "2001:db8::2"));
}

TEST(SameAddress, Ipv4IsNotIpv6) {
    EXPECT_FALSE(same_address("10.0.0.1", "::ffff:10.0.0.1"));
}

TEST(SameAddress, NonAddressesCompareAsWritten) {
    EXPECT_TRUE(same_address("dynamic", "dynamic"));
    EXPECT_FALSE(same_address("dynamic", "200.100.1.254"));
    EXPECT_FALSE(same_address("fw-1.example.com", "FW-1.example.com"));
}

TEST(AddressKey, KeysAreEqualExactlyWhenTheAddressesAreTheSame) {
    const char* texts[] = {"200.100.1.254", "200.100.1.25", "2001:DB8:FFFF:0::FE", "2001:db8:ffff::fe", "::1",
                           "0:0:0:0:0:0:0:1", "10.0.0.1", "::ffff:10.0.0.1", "::FFFF:10.0.0.1", "dynamic",
                           "fw-1.example.com", "FW-1.example.com", "", "2001:db8::", "2001:DB8:0:0:0:0:0:0"};
    for (const char* a : texts) {
        for (const char* b : texts) {
            EXPECT_EQ(address_key(a) == address_key(b), same_address(a, b)) << a << " / " << b;
        }
    }
    EXPECT_EQ(address_key("2001:DB8:FFFF:0::FE"), "2001:db8:ffff::fe");
    EXPECT_EQ(address_key("dynamic"), "dynamic");
}

} // namespace
