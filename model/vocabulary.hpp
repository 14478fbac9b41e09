#pragma once
// The canonical vocabulary of contract.md section 5 (PAN-OS configuration names), as enums,
// and the normalisation of every spelling a log uses (PAN `AES`/`SHA256`/`DH20`/`PSK`,
// racoon `AES-CBC`/`SHA`/`1024-bit MODP group`/`pre-shared key`, IANA numbers) into them.
//
// Two directions, kept apart on purpose:
// - `canonical_value<E>(text)` reads the *sheet's* spelling: the canonical name only
//   (case-insensitive), so a misspelling in a sheet is an error with a suggestion.
// - `log_*` functions read the *log's* spellings, which vary by build and vendor; an
//   unknown spelling yields `std::nullopt` and the caller keeps the text as logged.

#include "model/text.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace ikediff::model {

enum class encryption : std::uint8_t {
    des, tdes, aes_128_cbc, aes_192_cbc, aes_256_cbc, aes_128_gcm, aes_256_gcm, aes_128_ccm, null
};
enum class hash_alg : std::uint8_t { non_auth, md5, sha1, sha256, sha384, sha512 };
enum class authentication : std::uint8_t { none, md5, sha1, sha256, sha384, sha512 };
enum class dh_group : std::uint8_t {
    group1, group2, group5, group14, group15, group16, group19, group20, group21, no_pfs
};
enum class auth_method : std::uint8_t {
    pre_shared_key, rsa_signature, dss_signature, ecdsa_signature, rsa_encryption,
    revised_rsa_encryption, gssapi, xauth_psk, hybrid_rsa, hybrid_dss
};
enum class exchange_mode : std::uint8_t { main, aggressive };
enum class ike_version : std::uint8_t { ikev1, ikev2 };
enum class ipsec_protocol : std::uint8_t { esp, ah };
enum class encapsulation : std::uint8_t { tunnel, transport };

/// The cipher family a phase 1 `enctype` line names; the key length comes from the
/// separate `encklen` line, and `resolve_encryption` joins the two.
enum class cipher : std::uint8_t { des, tdes, aes_cbc, aes_gcm, aes_ccm, null };

/// Canonical name (contract.md section 5) of a value, e.g. `aes-256-cbc`, `group20`.
std::string_view to_string(encryption v);
std::string_view to_string(hash_alg v);
std::string_view to_string(authentication v);
std::string_view to_string(dh_group v);
std::string_view to_string(auth_method v);
std::string_view to_string(exchange_mode v);
std::string_view to_string(ike_version v);
std::string_view to_string(ipsec_protocol v);
std::string_view to_string(encapsulation v);
/// `aes-cbc`, `3des`, ...: an encryption family whose key length is not known.
std::string_view to_string(cipher v);

/// Every canonical name of `E`, in declaration order (for "did you mean" and help texts).
template <class E>
std::span<const std::string_view> canonical_names();

/// Reads a canonical name (case-insensitive, surrounding blanks ignored).
template <class E>
std::optional<E> canonical_value(std::string_view text);

// Log spellings ---------------------------------------------------------------------------

/// `AES`, `AES-CBC`, `3DES`, `3DES-CBC`, `DES`, `DES-CBC`, IANA numbers (`7` = AES-CBC).
std::optional<cipher> log_cipher(std::string_view text);
/// A cipher family plus the logged key length in bits (`0`: none given).
std::optional<encryption> resolve_encryption(cipher family, std::uint32_t key_bits);
/// `MD5`, `SHA`, `SHA1`, `SHA256`, `SHA2-256`, ..., IANA numbers (`2` = SHA-1, `6` = SHA2-512).
std::optional<hash_alg> log_hash(std::string_view text);
/// `DH20`, `group20`, `20`, `1024-bit MODP group`, `modp1024`, `ecp384`.
std::optional<dh_group> log_dh_group(std::string_view text);
/// `PSK`, `pre-shared key`, `RSA`, `RSA signatures`, `DSS signatures`, IANA numbers.
std::optional<auth_method> log_auth_method(std::string_view text);
/// Phase 2 `authtype`: `hmac-md5`, `hmac-sha` (SHA-1), `hmac-sha256`, ..., `non-auth`.
std::optional<authentication> log_authentication(std::string_view text);
/// Phase 2 `pfs group`: a group as `log_dh_group` reads it; `0` is no PFS.
std::optional<dh_group> log_pfs_group(std::string_view text);
/// `proto_id`: `ESP`, `AH`.
std::optional<ipsec_protocol> log_protocol(std::string_view text);
/// `encmode`: `Tunnel`, `Transport` (and racoon's `UDP-Tunnel`, `UDP-Transport` for NAT-T).
std::optional<encapsulation> log_encapsulation(std::string_view text);

} // namespace ikediff::model
