#pragma once
// IP addresses as logs and sheets write them: `2001:DB8::FE` and `2001:db8:0::fe` are the
// same peer.

#include <string>
#include <string_view>

namespace ikediff::model {

/// Whether two IPv4 or IPv6 addresses are the same; texts that are not addresses compare
/// as written.
bool same_address(std::string_view a, std::string_view b);

/// One text per address: two addresses are the same (same_address) exactly when their keys
/// are equal (the canonical form of an IPv4 or IPv6 address, any other text as it is).
std::string address_key(std::string_view address);


} // namespace ikediff::model
