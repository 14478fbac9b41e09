#pragma once
// Typed proposals: what one side offered or accepted, normalised to the canonical
// vocabulary. A value the log printed in a spelling we do not know is kept as logged, so
// nothing is lost and the report can still show it.

#include "model/event.hpp"
#include "model/vocabulary.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ikediff::model {

/// A value normalised to the vocabulary, with the text the log used for it.
template <class E>
struct observed {
    std::optional<E> value;
    std::string logged;

    bool present() const { return value.has_value() || !logged.empty(); }
    /// The canonical name, or the logged text in lower case when it has none.
    std::string name() const { return value ? std::string(to_string(*value)) : to_lower(logged); }
};

/// The phase 1 parameters the diff reports on, named as in the sheet and the JSON.
enum class phase1_parameter : std::uint8_t {
    encryption, hash, dh_group, auth_method, lifetime, lifebytes
};
inline constexpr phase1_parameter k_phase1_parameters[] = {
    phase1_parameter::encryption, phase1_parameter::hash,     phase1_parameter::dh_group,
    phase1_parameter::auth_method, phase1_parameter::lifetime, phase1_parameter::lifebytes};
std::string_view to_string(phase1_parameter p);

/// A parameter's value as reports show it: a vocabulary word, or a number (lifetimes).
using value = std::variant<std::string, std::uint64_t>;
std::string to_string(const value& v);

struct phase1_proposal {
    observed<cipher> cipher_family; ///< from `enctype`
    std::optional<std::uint32_t> key_bits; ///< from `encklen`
    observed<hash_alg> hash;
    observed<dh_group> group;
    observed<auth_method> auth;
    std::optional<std::uint64_t> lifetime;  ///< seconds
    std::optional<std::uint64_t> lifebytes; ///< bytes, 0 = no limit

    /// Records a value as the log printed it for `attribute` (normalising it).
    void set_logged(phase1_attribute attribute, std::string_view text);

    /// The parameter's value, or nullopt when the log did not show it. Encryption whose
    /// key length was not logged reads as the family (`aes-cbc`), see `encryption_allows`.
    std::optional<value> get(phase1_parameter p) const;
};

/// The phase 2 (IPsec) parameters the diff reports on, named as in the sheet's `ipsec:`.
enum class phase2_parameter : std::uint8_t {
    protocol, encryption, authentication, dh_group, lifetime, encapsulation
};
inline constexpr phase2_parameter k_phase2_parameters[] = {
    phase2_parameter::protocol, phase2_parameter::encryption, phase2_parameter::authentication,
    phase2_parameter::dh_group, phase2_parameter::lifetime,   phase2_parameter::encapsulation};
std::string_view to_string(phase2_parameter p);

/// What one side of a quick-mode comparison offered (`my`/`peer's single bundle`).
struct phase2_proposal {
    observed<ipsec_protocol> protocol;     ///< `proto_id`
    observed<model::encapsulation> mode;   ///< `encmode`
    observed<cipher> cipher_family;        ///< `trns_id`
    std::optional<std::uint32_t> key_bits; ///< `encklen` (0: none given)
    observed<authentication> auth;         ///< `authtype`
    observed<dh_group> pfs;                ///< `pfs group`
    std::optional<std::uint64_t> lifetime; ///< seconds

    /// Records a value as the log printed it for `attribute` (normalising it).
    void set_logged(phase2_attribute attribute, std::string_view text);
    std::optional<value> get(phase2_parameter p) const;
};

/// Whether an observed encryption name satisfies an expected one: equal names, or a
/// family-only name (`aes-cbc`, key length not logged) of the expected algorithm.
bool encryption_allows(encryption expected, std::string_view observed_name);

} // namespace ikediff::model
