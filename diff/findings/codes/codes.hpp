#pragma once
// The code tables: what a code a PAN-OS log prints (or an engineer asks `ikediff explain`
// about) means, by table (contract.md sections 7 and 8):
// - `krb5`: MIT krb5's com_err table (KRB5KDC_ERR_PREAUTH_FAILED -1765328360);
// - `x509`: OpenSSL's certificate verify codes (X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY 20);
// - `errno`: as PAN-OS prints it, Linux on MIPS numbering (ETIMEDOUT 145);
// - `http`: HTTP status codes (404 Not Found);
// - `tls-alert`: TLS alert descriptions by their RFC names (bad_certificate 42);
// - `pan-ssl`, `pan-ssh`: PAN-OS's decryption error codes, two tables because their numbers
//   overlap (-10 is PAN_SSL_ERROR_EXPIRED_CERT and PAN_SSH_ERROR_EXPECT_MORE);
// - `session-end`: the traffic log's session end reasons (decrypt-cert-validation).
//
// The tables are compiled in, made at build time from their real sources: krb5, x509 and
// tls-alert from the installed headers (names, numbers) and libraries (texts: libkrb5,
// OpenSSL) by the generator in generate/, the others from the hand-checked `.tsv` tables
// beside this header, each naming its source. So they follow the krb5 and OpenSSL the build
// finds, an installed ikediff needs no file, and the binary links neither library.
//
// A term is looked up as written in a log or asked: a number (`-1765328360`, `20`, `0x14`)
// matches by value; anything else matches an entry's name or one of its aliases, ignoring
// ASCII case. Aliases: krb5's RFC 4120 spellings (KDC_ERR_PREAUTH_FAILED); the library's text
// for krb5, x509 and tls-alert ("Preauthentication failed", "unable to get local issuer
// certificate", "handshake failure"); a TLS alert's OpenSSL macro (SSL3_AD_BAD_CERTIFICATE)
// and its name without `_RESERVED`; an errno's other name (EWOULDBLOCK); the article's
// spelling `decrypt-unsupported-param`. A table prefix (`krb5:-1765328360`) is the caller's
// to split off.

#include "model/finding.hpp"

#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace ikediff::diff::codes {

/// The tables: "krb5", "x509", "errno", "http", "tls-alert", "pan-ssl", "pan-ssh",
/// "session-end", in that order.
std::span<const std::string_view> tables();

/// `term` looked up in `table`; nullopt when the table does not hold it, or there is no such
/// table. The result's `term` is `term` as given, `name` the table's symbol, `value` the
/// code's number (none for session-end), `meaning` its text (with the table's note, if any).
std::optional<model::code_meaning> lookup(std::string_view table, std::string_view term);

/// `term` in every table that holds it, in the order of tables(): a bare number may be in
/// several (20 is x509, errno and tls-alert; -10 is pan-ssl and pan-ssh). Empty when none.
std::vector<model::code_meaning> lookup_all(std::string_view term);

} // namespace ikediff::diff::codes
