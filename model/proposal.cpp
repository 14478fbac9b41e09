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
    case phase1_attribute::cipher:
        cipher_family = {log_cipher(text), std::string(text)};
        break;
    case phase1_attribute::key_length:
        if (auto n = parse_unsigned(text)) {
            key_bits = static_cast<std::uint32_t>(*n);
        }
        break;
    case phase1_attribute::hash:
        hash = {log_hash(text), std::string(text)};
        break;
    case phase1_attribute::dh_group:
        group = {log_dh_group(text), std::string(text)};
        break;
    case phase1_attribute::auth_method:
        auth = {log_auth_method(text), std::string(text)};
        break;
    case phase1_attribute::lifetime:
        lifetime = parse_unsigned(text);
        break;
    case phase1_attribute::lifebytes:
        lifebytes = parse_unsigned(text);
        break;
    case phase1_attribute::version:
        break;
    }
}

namespace {

/// Encryption from a cipher family and a key length, as phase 1 and phase 2 log them.
std::optional<value> encryption_value(const observed<cipher>& family, const std::optional<std::uint32_t>& key_bits) {
    if (!family.present()) {
        return std::nullopt;
    }
    if (!family.value) {
        std::string name = to_lower(family.logged);
        if (key_bits && *key_bits != 0) {
            name += '-' + std::to_string(*key_bits);
        }
        return value{name};
    }
    if (key_bits) {
        if (auto e = resolve_encryption(*family.value, *key_bits)) {
            return value{std::string(to_string(*e))};
        }
        return value{std::string(to_string(*family.value)) + '-' + std::to_string(*key_bits)};
    }
    // Key length not logged: exact for ciphers without one, the family otherwise.
    if (auto e = resolve_encryption(*family.value, 0); e && *family.value != cipher::aes_cbc) {
        return value{std::string(to_string(*e))};
    }
    return value{std::string(to_string(*family.value))};
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
    case phase1_parameter::encryption: return encryption_value(cipher_family, key_bits);
    case phase1_parameter::hash: return name_value(hash);
    case phase1_parameter::dh_group: return name_value(group);
    case phase1_parameter::auth_method: return name_value(auth);
    case phase1_parameter::lifetime: return number_value(lifetime);
    case phase1_parameter::lifebytes: return number_value(lifebytes);
    }
    return std::nullopt;
}

std::string_view to_string(phase2_parameter p) {
    static constexpr std::array<std::string_view, 6> names{
        "protocol", "encryption", "authentication", "dh_group", "lifetime", "encapsulation"};
    return name_in(names, p);
}

void phase2_proposal::set_logged(phase2_attribute attribute, std::string_view text) {
    text = trim(text);
    switch (attribute) {
    case phase2_attribute::protocol: protocol = {log_protocol(text), std::string(text)}; break;
    case phase2_attribute::encapsulation: mode = {log_encapsulation(text), std::string(text)}; break;
    case phase2_attribute::cipher: cipher_family = {log_cipher(text), std::string(text)}; break;
    case phase2_attribute::key_length:
        if (auto n = parse_unsigned(text)) {
            key_bits = static_cast<std::uint32_t>(*n);
        }
        break;
    case phase2_attribute::authentication: auth = {log_authentication(text), std::string(text)}; break;
    case phase2_attribute::pfs_group: pfs = {log_pfs_group(text), std::string(text)}; break;
    case phase2_attribute::lifetime: lifetime = parse_unsigned(text); break;
    }
}

std::optional<value> phase2_proposal::get(phase2_parameter p) const {
    switch (p) {
    case phase2_parameter::protocol: return name_value(protocol);
    case phase2_parameter::encryption: return encryption_value(cipher_family, key_bits);
    case phase2_parameter::authentication: return name_value(auth);
    case phase2_parameter::dh_group: return name_value(pfs);
    case phase2_parameter::lifetime: return number_value(lifetime);
    case phase2_parameter::encapsulation: return name_value(mode);
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
