#pragma once
// The SAs PAN-OS's CLI shows, as engineers copy them into tickets (contract.md section 9):
// the rows of `show vpn ike-sa` and `show vpn ipsec-sa`, the blocks of `show vpn ike-sa
// detail gateway X`, and the algorithm spellings they share with the XML API's answers
// (parser/panos_cli/sa_xml.hpp). Real copies (fixtures/cli-*/NOTES.md):
//
//     IKEv1 phase-1 SAs
//     GwID/client IP  Peer-Address  Gateway Name  Role Mode Algorithm  Established  Expiration ...
//     1  10.0.1.2  VyOS  Resp Main PSK/DH14/A128/SHA1  Jul.31 01:35:00 Jul.31 09:35:00 v1 13 1  1
//
//     IKEv2 SAs
//     Gateway ID  Peer-Address  Gateway Name  Role SN  Algorithm  Established  Expiration ...
//     17  10.66.88.108  localzs3  Init 1  PSK/ DH2/A128/SHA1  Jun.29 12:49:41 Jun.29 12:55:41
//     0  1      Established                            (one line in the copy; blanks collapsed)
//
//     GwID/client IP  TnID  Peer-Address  Tunnel(Gateway)  Algorithm  SPI(in)  SPI(out) ...
//     1  1  10.0.1.2  VyOS-tunnel(VyOS)  ESP/A256/SHA256  8827A3D9 C204F4FA 3600/Unlimited 2733
//
// Rows are read by their words, not by column positions: copies collapse or widen blanks,
// and the algorithm column holds blanks of its own (`PSK/ DH2/A128/SHA1`,
// `ESP/    /tunl/SHA2`: a cut value). A gateway or tunnel name may hold blanks; the words
// around it place it (the role `Init`/`Resp` after a phase 1 row's gateway, the closing `)`
// of an IPsec row's `Tunnel(Gateway)`).
//
// Algorithms:
// - phase 1 `auth/dh/cipher/hash` (`PSK/DH14/A128/SHA1`, the XML API's `PSK/ DH5/ AES/SHA512`);
// - the detail view's `Proposal: cipher/hash/dh` (`AES256-CBC/SHA256/DH5`);
// - phase 2 `protocol/cipher/authentication` (`ESP/A256/SHA256`), and the phase-2 section of
//   `show vpn ike-sa`'s `protocol/cipher/mode/authentication` whose columns are cut
//   (`ESP/    /tunl/SHA2`: SHA2 may be SHA-256, -384 or -512): there only what reads as a
//   canonical value is taken.
// Ciphers: `A128` `A192` `A256` (AES-CBC and the key length), `AES` (AES-CBC, length not
// shown), `AES256-CBC`, `AES128-GCM16`, `3DES`, `DES`, `NULL`; hashes and groups as
// model/vocabulary reads them (`SHA1`, `SHA256`, `MD5`, `DH14`); `PSK`; mode `tunl`.
//
// Each reader takes one line (a BOM, a trailing CR and surrounding blanks ignored) and gives
// the SA it shows, or none when the line is not such a row.

#include "model/event.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ikediff::parser::panos_cli {

/// One SA a command shows: its state and values (`sa`), and the names it is shown with.
struct sa_row {
    model::sa_state_event sa;
    std::string gateway;    ///< the IKE gateway's name; empty when not shown
    std::string tunnel;     ///< phase 2: the IPsec tunnel's name
    std::string peer;       ///< the peer's address; empty when not shown
    std::string local;      ///< the firewall's address (the detail view only)
    std::string gateway_id; ///< `GwID`, as shown
};

/// The algorithm words of a phase 1 SA, `auth/dh/cipher/hash` (`PSK/DH14/A128/SHA1`), into
/// `sa.phase1`. False when `text` does not have four parts.
bool read_phase1_algorithm(std::string_view text, model::sa_state_event& sa);

/// The detail view's `Proposal: cipher/hash/dh` (`AES256-CBC/SHA256/DH5`) into `sa.phase1`.
bool read_detail_proposal(std::string_view text, model::sa_state_event& sa);

/// A phase 2 algorithm, `protocol/cipher/authentication` (`ESP/A256/SHA256`), or the cut
/// `protocol/cipher/mode/authentication` of `show vpn ike-sa`, into `sa.phase2`.
bool read_phase2_algorithm(std::string_view text, model::sa_state_event& sa);

/// A cipher as the CLI spells it, as the family and key length model/proposal reads
/// (`A256` -> `AES-CBC`, 256; `AES128-GCM16` -> `AES-GCM`, 128; `AES` -> `AES`, none).
struct cipher_words {
    std::string family;
    std::optional<unsigned> key_bits;
};
cipher_words read_cipher(std::string_view text);

/// Seconds from `Jul.31 01:35:00` to `Jul.31 09:35:00` (the SA's lifetime: its
/// Established and Expiration columns); over a new year when the second is earlier. None
/// when either cannot be read.
std::optional<std::uint64_t> lifetime_between(std::string_view established,
                                              std::string_view expires);

/// A row of `show vpn ike-sa`'s phase 1 tables (IKEv1 `GwID/client IP ... Role Mode
/// Algorithm ...`, IKEv2 `Gateway ID ... Role SN Algorithm ...`).
std::optional<sa_row> read_ike_sa_row(std::string_view line);

/// Which phase 2 section of `show vpn ike-sa` a row is in.
enum class child_section : std::uint8_t {
    /// `IKEv1 phase-2 SAs`: `Gateway Name TnID Tunnel GwID/IP Role Algorithm SPI(in)
    /// SPI(out) MsgID ST Xt`
    ikev1,
    /// `IKEv2 IPSec Child SAs`: `Gateway Name TnID Tunnel ID Parent Role SPI(in) SPI(out)
    /// MsgID ST`
    ikev2,
};

/// A row of `show vpn ike-sa`'s phase 2 sections.
std::optional<sa_row> read_child_sa_row(std::string_view line, child_section section);

/// A row of `show vpn ipsec-sa` (`GwID/client IP TnID Peer-Address Tunnel(Gateway)
/// Algorithm SPI(in) SPI(out) life(Sec/KB) [remain-time(Sec)]`). The life column is the
/// SA's lifetime only when a remain-time column follows it (PAN-OS 10 and later); before, it
/// is the time that remains (`3527/102400`) and is not taken.
std::optional<sa_row> read_ipsec_sa_row(std::string_view line);

/// Which table a header line of these commands opens.
enum class table : std::uint8_t { none, ike_sa, child_v1, child_v2, ipsec_sa };

/// The table whose header line `line` is (found anywhere in the line, so a header glued
/// behind other text counts): `GwID/client IP  Peer-Address ...` or `Gateway ID
/// Peer-Address ...` (ike_sa), `Gateway Name  TnID  Tunnel  GwID/IP ...` (child_v1),
/// `Gateway Name  TnID  Tunnel  ID  Parent ...` (child_v2), `GwID/client IP  TnID
/// Peer-Address ...` (ipsec_sa); or the section title before it (`IKEv1 phase-1 SAs`,
/// `IKEv2 SAs`, `IKEv1 phase-2 SAs`, `IKEv2 IPSec Child SAs`).
table table_of(std::string_view line);

/// `IKE Gateway GW, ID 35` (the detail view's first line): the gateway's name and what
/// follows the ID on the line (a flattened copy keeps the block on one line).
struct detail_start {
    std::string gateway;
    std::string_view rest;
};
std::optional<detail_start> read_detail_start(std::string_view line);

/// Reads the text of one detail view block (`2.2.2.2 => 1.1.1.1`, `IKE SA: SPI: A:B Init`,
/// `State: Established`, `Authentication: PSK, peer PSK`, `Proposal: AES256-CBC/SHA256/DH5`,
/// on lines of their own or flattened into one) into `row`.
void read_detail_text(std::string_view text, sa_row& row);

} // namespace ikediff::parser::panos_cli
