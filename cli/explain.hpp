#pragma once
// `ikediff explain TERM... [--format text|json] [--rules DIR]` (contract.md section 8):
// what a code or a name means, without any log: a Kerberos code (`-1765328360`,
// `krb5:-1765328360`), an X.509 verify code (`x509:20`), an errno as PAN-OS prints it
// (`errno:145`), a TLS alert, a PAN-OS SSL/SSH decryption error (`pan-ssl:-12`), a session
// end reason, a failure class (`psk-mismatch`), a system log event id
// (`ike-nego-p1-fail-psk`), a rule id or a phrase a rule names (`"Error 55"`). A bare number
// is looked up in every table. Each answer carries the fix the rule packs give for it.

namespace ikediff::cli {

/// Runs the subcommand on the arguments after `explain`; the exit status: 0 every term
/// explained, 1 some term unknown (named on stderr), 2 usage.
int explain(int argc, const char* const* argv);

} // namespace ikediff::cli
