#include "model/address.hpp"

#include <arpa/inet.h>

#include <array>
#include <cstring>
#include <string>

namespace ikediff::model {

namespace {

struct binary_address {
    int family = 0;
    std::array<unsigned char, 16> bytes{};
};

binary_address parse(std::string_view text) {
    binary_address out;
    const std::string s(text);
    if (inet_pton(AF_INET, s.c_str(), out.bytes.data()) == 1) {
        out.family = AF_INET;
    } else if (inet_pton(AF_INET6, s.c_str(), out.bytes.data()) == 1) {
        out.family = AF_INET6;
    }
    return out;
}

} // namespace

bool same_address(std::string_view a, std::string_view b) {
    const binary_address x = parse(a);
    const binary_address y = parse(b);
    if (x.family == 0 || y.family == 0) {
        return a == b;
    }
    return x.family == y.family && x.bytes == y.bytes;
}

std::string address_key(std::string_view address) {
    const binary_address a = parse(address);
    if (a.family == 0) {
        return std::string(address);
    }
    std::array<char, INET6_ADDRSTRLEN> text{};
    ::inet_ntop(a.family, a.bytes.data(), text.data(), text.size());
    return text.data();
}

} // namespace ikediff::model
