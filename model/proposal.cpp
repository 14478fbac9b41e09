#include "model/proposal.hpp"

#include "model/names.hpp"

#include <array>

namespace ikediff::model {

std::string_view to_string(phase1_parameter p) {
    static constexpr std::array<std::string_view, 6> names{
        "encryption", "hash", "dh_group", "auth_method", "lifetime", "lifebytes"};
    return name_in(names, p);
}

std::string to_string(const value& v) {
    if (const auto* s = std::get_if<std::string>(&v)) {
        return *s;
    }
    return std::to_string(std::get<std::uint64_t>(v));
}

void phase1_proposal::set_logged(phase1_attribute attribute, std::string_view text) {
    text = trim(text);
    switch (attribute) {
    case phase1_attribute::enctype:
        cipher_family = {log_cipher(text), std::string(text)};
        break;
    case phase1_attribute::encklen:
        if (auto n = parse_unsigned(text)) {
            key_bits = static_cast<std::uint32_t>(*n);
        }
        break;
    case phase1_attribute::hashtype:
        hash = {log_hash(text), std::string(text)};
        break;
    case phase1_attribute::dh_group:
        group = {log_dh_group(text), std::string(text)};
        break;
    case phase1_attribute::authmethod:
        auth = {log_auth_method(text), std::string(text)};
        break;
    case phase1_attribute::lifetime:
        lifetime = parse_unsigned(text);
        break;
    case phase1_attribute::lifebyte:
        lifebytes = parse_unsigned(text);
        break;
    case phase1_attribute::version:
        break;
    }
}

namespace {

std::optional<value> encryption_value(const phase1_proposal& p) {
    if (!p.cipher_family.present()) {
        return std::nullopt;
    }
    if (!p.cipher_family.value) {
        std::string name = to_lower(p.cipher_family.logged);
        if (p.key_bits && *p.key_bits != 0) {
            name += '-' + std::to_string(*p.key_bits);
        }
        return value{name};
    }
    if (p.key_bits) {
        if (auto e = resolve_encryption(*p.cipher_family.value, *p.key_bits)) {
            return value{std::string(to_string(*e))};
        }
        return value{std::string(to_string(*p.cipher_family.value)) + '-' + std::to_string(*p.key_bits)};
    }
    // Key length not logged: exact for ciphers without one, the family otherwise.
    if (auto e = resolve_encryption(*p.cipher_family.value, 0);
        e && *p.cipher_family.value != cipher::aes_cbc) {
        return value{std::string(to_string(*e))};
    }
    return value{std::string(to_string(*p.cipher_family.value))};
}

template <class E>
std::optional<value> name_value(const observed<E>& o) {
    if (!o.present()) {
        return std::nullopt;
    }
    return value{o.name()};
}

std::optional<value> number_value(const std::optional<std::uint64_t>& n) {
    if (!n) {
        return std::nullopt;
    }
    return value{*n};
}

} // namespace

std::optional<value> phase1_proposal::get(phase1_parameter p) const {
    switch (p) {
    case phase1_parameter::encryption: return encryption_value(*this);
    case phase1_parameter::hash: return name_value(hash);
    case phase1_parameter::dh_group: return name_value(group);
    case phase1_parameter::auth_method: return name_value(auth);
    case phase1_parameter::lifetime: return number_value(lifetime);
    case phase1_parameter::lifebytes: return number_value(lifebytes);
    }
    return std::nullopt;
}

bool encryption_allows(encryption expected, std::string_view observed_name) {
    const std::string_view exp = to_string(expected);
    if (exp == observed_name) {
        return true;
    }
    // "aes-cbc" (length unknown) is consistent with "aes-NNN-cbc"; likewise gcm, ccm.
    auto dash = observed_name.find('-');
    if (dash == std::string_view::npos || observed_name.find('-', dash + 1) != std::string_view::npos) {
        return false;
    }
    const std::string_view family = observed_name.substr(0, dash);
    const std::string_view mode = observed_name.substr(dash + 1);
    return exp.starts_with(family) && exp.ends_with(mode) && exp.size() > observed_name.size();
}

} // namespace ikediff::model
