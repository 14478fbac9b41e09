#include "model/vocabulary.hpp"

#include "model/names.hpp"

#include <array>
#include <utility>

namespace ikediff::model {

namespace {

constexpr std::array<std::string_view, 9> k_encryption_names{
    "des", "3des", "aes-128-cbc", "aes-192-cbc", "aes-256-cbc",
    "aes-128-gcm", "aes-256-gcm", "aes-128-ccm", "null"};
constexpr std::array<std::string_view, 6> k_hash_names{
    "non-auth", "md5", "sha1", "sha256", "sha384", "sha512"};
constexpr std::array<std::string_view, 6> k_authentication_names{
    "none", "md5", "sha1", "sha256", "sha384", "sha512"};
constexpr std::array<std::string_view, 10> k_dh_group_names{
    "group1", "group2", "group5", "group14", "group15",
    "group16", "group19", "group20", "group21", "no-pfs"};
constexpr std::array<std::string_view, 10> k_auth_method_names{
    "pre-shared-key", "rsa-signature", "dss-signature", "ecdsa-signature", "rsa-encryption",
    "revised-rsa-encryption", "gssapi", "xauth-psk", "hybrid-rsa", "hybrid-dss"};
constexpr std::array<std::string_view, 2> k_exchange_mode_names{"main", "aggressive"};
constexpr std::array<std::string_view, 2> k_ike_version_names{"ikev1", "ikev2"};
constexpr std::array<std::string_view, 2> k_protocol_names{"esp", "ah"};
constexpr std::array<std::string_view, 2> k_encapsulation_names{"tunnel", "transport"};

template <class E, std::size_t N>
std::optional<E> find_name(const std::array<std::string_view, N>& names, std::string_view text) {
    text = trim(text);
    for (std::size_t i = 0; i < N; ++i) {
        if (iequals(names[i], text)) {
            return static_cast<E>(i);
        }
    }
    return std::nullopt;
}

/// A log spelling and the value it stands for; looked up case-insensitively.
template <class E>
struct alias {
    std::string_view text;
    E value;
};

template <class E, std::size_t N>
std::optional<E> find_alias(const std::array<alias<E>, N>& table, std::string_view text) {
    for (const auto& a : table) {
        if (iequals(a.text, text)) {
            return a.value;
        }
    }
    return std::nullopt;
}

// IANA "IPsec / IKE attributes" numbers: racoon prints a bare number for a value it has no
// name for, so every slot accepts them.
constexpr std::array<alias<cipher>, 12> k_cipher_aliases{{
    {"aes", cipher::aes_cbc},        {"aes-cbc", cipher::aes_cbc},  {"aes_cbc", cipher::aes_cbc},
    {"3des", cipher::tdes},          {"3des-cbc", cipher::tdes},    {"des3", cipher::tdes},
    {"des", cipher::des},            {"des-cbc", cipher::des},      {"aes-gcm", cipher::aes_gcm},
    {"aes-gcm-16", cipher::aes_gcm}, {"aes-ccm", cipher::aes_ccm},  {"null", cipher::null},
}};

constexpr std::array<alias<hash_alg>, 23> k_hash_aliases{{
    {"hmac-sha256", hash_alg::sha256}, {"hmac-sha2-256", hash_alg::sha256},
    {"hmac-sha384", hash_alg::sha384}, {"hmac-sha2-384", hash_alg::sha384},
    {"hmac-sha512", hash_alg::sha512}, {"hmac-sha2-512", hash_alg::sha512},
    {"md5", hash_alg::md5},          {"hmac-md5", hash_alg::md5},
    {"sha", hash_alg::sha1},         {"sha1", hash_alg::sha1},
    {"sha-1", hash_alg::sha1},       {"hmac-sha", hash_alg::sha1},
    {"hmac-sha1", hash_alg::sha1},   {"sha256", hash_alg::sha256},
    {"sha2-256", hash_alg::sha256},  {"sha-256", hash_alg::sha256},
    {"sha384", hash_alg::sha384},    {"sha2-384", hash_alg::sha384},
    {"sha-384", hash_alg::sha384},   {"sha512", hash_alg::sha512},
    {"sha2-512", hash_alg::sha512},  {"sha-512", hash_alg::sha512},
    {"non-auth", hash_alg::non_auth},
}};

constexpr std::array<alias<auth_method>, 16> k_auth_method_aliases{{
    {"psk", auth_method::pre_shared_key},
    {"pre-shared key", auth_method::pre_shared_key},
    {"pre-shared-key", auth_method::pre_shared_key},
    {"pre_shared_key", auth_method::pre_shared_key},
    {"rsa", auth_method::rsa_signature},
    {"rsa signatures", auth_method::rsa_signature},
    {"rsa-sig", auth_method::rsa_signature},
    {"rsa-signature", auth_method::rsa_signature},
    {"dss", auth_method::dss_signature},
    {"dss signatures", auth_method::dss_signature},
    {"ecdsa", auth_method::ecdsa_signature},
    {"ecdsa-signature", auth_method::ecdsa_signature},
    {"rsa encryption", auth_method::rsa_encryption},
    {"gssapi", auth_method::gssapi},
    // racoon's s_oakley_attr_method() name (ipsec-tools oakley.c / isakmp.c attribute table)
    {"gss-api on kerberos 5", auth_method::gssapi},
    {"gss-api", auth_method::gssapi},
}};

/// IANA Oakley group numbers of the groups PAN-OS names, in `dh_group` declaration order.
constexpr std::array<std::pair<std::uint64_t, dh_group>, 9> k_group_numbers{{
    {1, dh_group::group1},   {2, dh_group::group2},   {5, dh_group::group5},
    {14, dh_group::group14}, {15, dh_group::group15}, {16, dh_group::group16},
    {19, dh_group::group19}, {20, dh_group::group20}, {21, dh_group::group21},
}};

std::optional<dh_group> group_from_number(std::uint64_t n) {
    for (auto [number, group] : k_group_numbers) {
        if (number == n) {
            return group;
        }
    }
    return std::nullopt;
}

/// `MODP` bit sizes of racoon's `N-bit MODP group` names.
constexpr std::array<std::pair<std::uint64_t, dh_group>, 6> k_modp_bits{{
    {768, dh_group::group1},   {1024, dh_group::group2},  {1536, dh_group::group5},
    {2048, dh_group::group14}, {3072, dh_group::group15}, {4096, dh_group::group16},
}};

/// `text` minus a case-insensitive `prefix`, or nullopt.
std::optional<std::string_view> after_prefix(std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size() || !iequals(text.substr(0, prefix.size()), prefix)) {
        return std::nullopt;
    }
    return text.substr(prefix.size());
}

} // namespace

std::string_view to_string(encryption v) { return name_in(k_encryption_names, v); }
std::string_view to_string(hash_alg v) { return name_in(k_hash_names, v); }
std::string_view to_string(authentication v) { return name_in(k_authentication_names, v); }
std::string_view to_string(dh_group v) { return name_in(k_dh_group_names, v); }
std::string_view to_string(auth_method v) { return name_in(k_auth_method_names, v); }
std::string_view to_string(exchange_mode v) { return name_in(k_exchange_mode_names, v); }
std::string_view to_string(ike_version v) { return name_in(k_ike_version_names, v); }
std::string_view to_string(ipsec_protocol v) { return name_in(k_protocol_names, v); }
std::string_view to_string(encapsulation v) { return name_in(k_encapsulation_names, v); }
std::string_view to_string(cipher v) {
    static constexpr std::array<std::string_view, 6> names{"des", "3des", "aes-cbc", "aes-gcm", "aes-ccm", "null"};
    return name_in(names, v);
}

#define IKEDIFF_VOCABULARY(E, names)                                                          \
    template <>                                                                               \
    std::span<const std::string_view> canonical_names<E>() {                                  \
        return names;                                                                         \
    }                                                                                         \
    template <>                                                                               \
    std::optional<E> canonical_value<E>(std::string_view text) {                              \
        return find_name<E>(names, text);                                                     \
    }
IKEDIFF_VOCABULARY(encryption, k_encryption_names)
IKEDIFF_VOCABULARY(hash_alg, k_hash_names)
IKEDIFF_VOCABULARY(authentication, k_authentication_names)
IKEDIFF_VOCABULARY(dh_group, k_dh_group_names)
IKEDIFF_VOCABULARY(auth_method, k_auth_method_names)
IKEDIFF_VOCABULARY(exchange_mode, k_exchange_mode_names)
IKEDIFF_VOCABULARY(ike_version, k_ike_version_names)
IKEDIFF_VOCABULARY(ipsec_protocol, k_protocol_names)
IKEDIFF_VOCABULARY(encapsulation, k_encapsulation_names)
#undef IKEDIFF_VOCABULARY

/// `Read(text)`, remembered for the last few texts read in this thread: a log spells the
/// same few values (`SHA256`, `AES`, `1024-bit MODP group`) in every Compared block and
/// bundle, and reading one walks an alias table with case-blind compares.
template <auto Read>
auto remembered(std::string_view text) {
    using result = decltype(Read(text));
    struct entry {
        std::string text;
        result value;
    };
    thread_local std::array<std::optional<entry>, 4> entries;
    thread_local std::size_t next = 0;
    for (const auto& e : entries) {
        if (e && e->text == text) {
            return e->value;
        }
    }
    auto& slot = entries[next++ % entries.size()];
    slot = entry{std::string(text), Read(text)};
    return slot->value;
}

/// `log_cipher`, read afresh.
static std::optional<cipher> read_cipher(std::string_view text) {
    text = trim(text);
    if (auto n = parse_unsigned(text)) {
        switch (*n) {
        case 1: return cipher::des;
        case 5: return cipher::tdes;
        case 7: return cipher::aes_cbc;
        case 11: return cipher::null;
        case 16: return cipher::aes_ccm;
        case 20: return cipher::aes_gcm;
        default: return std::nullopt;
        }
    }
    return find_alias(k_cipher_aliases, text);
}

std::optional<encryption> resolve_encryption(cipher family, std::uint32_t key_bits) {
    switch (family) {
    case cipher::des: return encryption::des;
    case cipher::tdes: return encryption::tdes;
    case cipher::null: return encryption::null;
    case cipher::aes_cbc:
        // No key length attribute: racoon (oakley_default_keylen) falls back to 128.
        switch (key_bits) {
        case 0:
        case 128: return encryption::aes_128_cbc;
        case 192: return encryption::aes_192_cbc;
        case 256: return encryption::aes_256_cbc;
        default: return std::nullopt;
        }
    case cipher::aes_gcm:
        switch (key_bits) {
        case 128: return encryption::aes_128_gcm;
        case 256: return encryption::aes_256_gcm;
        default: return std::nullopt;
        }
    case cipher::aes_ccm: return key_bits == 128 ? std::optional{encryption::aes_128_ccm} : std::nullopt;
    }
    return std::nullopt;
}

/// `log_hash`, read afresh.
static std::optional<hash_alg> read_hash(std::string_view text) {
    text = trim(text);
    if (auto n = parse_unsigned(text)) {
        switch (*n) {
        case 1: return hash_alg::md5;
        case 2: return hash_alg::sha1;
        case 4: return hash_alg::sha256;
        case 5: return hash_alg::sha384;
        case 6: return hash_alg::sha512;
        default: return std::nullopt;
        }
    }
    return find_alias(k_hash_aliases, text);
}

/// `log_dh_group`, read afresh.
static std::optional<dh_group> read_dh_group(std::string_view text) {
    text = trim(text);
    if (auto n = parse_unsigned(text)) {
        return group_from_number(*n);
    }
    for (std::string_view prefix : {"dh", "group", "modp", "ecp"}) {
        if (auto rest = after_prefix(text, prefix)) {
            auto n = parse_unsigned(trim(*rest));
            if (!n) {
                return std::nullopt;
            }
            if (prefix == "modp") {
                for (auto [bits, group] : k_modp_bits) {
                    if (bits == *n) {
                        return group;
                    }
                }
                return std::nullopt;
            }
            if (prefix == "ecp") {
                switch (*n) {
                case 256: return dh_group::group19;
                case 384: return dh_group::group20;
                case 521: return dh_group::group21;
                default: return std::nullopt;
                }
            }
            return group_from_number(*n);
        }
    }
    // racoon: "1024-bit MODP group"; some builds drop the word "group".
    auto dash = text.find("-bit");
    if (dash != std::string_view::npos) {
        auto bits = parse_unsigned(text.substr(0, dash));
        auto rest = trim(text.substr(dash + 4));
        if (bits && (iequals(rest, "MODP group") || iequals(rest, "MODP") || rest.empty())) {
            for (auto [b, group] : k_modp_bits) {
                if (b == *bits) {
                    return group;
                }
            }
        }
    }
    if (iequals(text, "no-pfs") || iequals(text, "nopfs") || iequals(text, "none")) {
        return dh_group::no_pfs;
    }
    return std::nullopt;
}

/// `log_auth_method`, read afresh.
static std::optional<auth_method> read_auth_method(std::string_view text) {
    text = trim(text);
    if (auto n = parse_unsigned(text)) {
        switch (*n) {
        case 1: return auth_method::pre_shared_key;
        case 2: return auth_method::dss_signature;
        case 3: return auth_method::rsa_signature;
        case 4: return auth_method::rsa_encryption;
        case 5: return auth_method::revised_rsa_encryption;
        case 9:
        case 10:
        case 11: return auth_method::ecdsa_signature;
        case 65001: return auth_method::gssapi;
        default: return std::nullopt;
        }
    }
    if (auto v = find_alias(k_auth_method_aliases, text)) {
        return v;
    }
    return canonical_value<auth_method>(text);
}

/// `log_authentication`, read afresh.
static std::optional<authentication> read_authentication(std::string_view text) {
    text = trim(text);
    if (iequals(text, "non-auth") || iequals(text, "none")) {
        return authentication::none;
    }
    const auto h = log_hash(text);
    if (!h) {
        return std::nullopt;
    }
    switch (*h) {
    case hash_alg::non_auth: return authentication::none;
    case hash_alg::md5: return authentication::md5;
    case hash_alg::sha1: return authentication::sha1;
    case hash_alg::sha256: return authentication::sha256;
    case hash_alg::sha384: return authentication::sha384;
    case hash_alg::sha512: return authentication::sha512;
    }
    return std::nullopt;
}

std::optional<dh_group> log_pfs_group(std::string_view text) {
    text = trim(text);
    if (text == "0") {
        return dh_group::no_pfs;
    }
    return log_dh_group(text);
}

/// `log_protocol`, read afresh.
static std::optional<ipsec_protocol> read_protocol(std::string_view text) {
    return canonical_value<ipsec_protocol>(text);
}

/// `log_encapsulation`, read afresh.
static std::optional<encapsulation> read_encapsulation(std::string_view text) {
    text = trim(text);
    if (auto udp = text.find("UDP-"); udp == 0) {
        text.remove_prefix(4); // NAT traversal: ESP in UDP
    }
    return canonical_value<encapsulation>(text);
}

std::optional<cipher> log_cipher(std::string_view text) { return remembered<read_cipher>(text); }
std::optional<hash_alg> log_hash(std::string_view text) { return remembered<read_hash>(text); }
std::optional<dh_group> log_dh_group(std::string_view text) { return remembered<read_dh_group>(text); }
std::optional<auth_method> log_auth_method(std::string_view text) { return remembered<read_auth_method>(text); }
std::optional<authentication> log_authentication(std::string_view text) { return remembered<read_authentication>(text); }
std::optional<ipsec_protocol> log_protocol(std::string_view text) { return remembered<read_protocol>(text); }
std::optional<encapsulation> log_encapsulation(std::string_view text) { return remembered<read_encapsulation>(text); }

} // namespace ikediff::model
