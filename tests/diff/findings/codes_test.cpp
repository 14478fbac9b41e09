// diff/findings/codes: the code tables, generated at build time from krb5's and OpenSSL's
// headers and libraries and the hand-checked .tsv tables. Every code the seed articles name
// (shared/seeds: userid-server-monitor-ja, mlav-cloud-connection-ja,
// decrypt-session-end-reasons) is found under the right name, in the right table.

#include "diff/findings/codes/codes.hpp"

#include <cstdint>
#include <gtest/gtest.h>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

using namespace ikediff;
namespace codes = diff::codes;

struct expected_code {
    std::string term;
    std::string name;
    std::string meaning; ///< the whole meaning, or a part of it (see each test)
};

std::vector<std::string> tables_of(const std::vector<model::code_meaning>& found) {
    std::vector<std::string> out;
    for (const auto& m : found) {
        out.push_back(m.table);
    }
    return out;
}

// The tables -------------------------------------------------------------------------------

TEST(CodeTables, AreTheContractsInItsOrder) {
    const std::vector<std::string_view> expected{"krb5",      "x509",    "errno",   "http",
                                                 "tls-alert", "pan-ssl", "pan-ssh", "session-end"};
    const auto t = codes::tables();
    EXPECT_EQ(std::vector<std::string_view>(t.begin(), t.end()), expected);
}

// krb5: userid-server-monitor-ja, "Additional Information" ---------------------------------

TEST(Krb5Codes, EveryCodeOfTheUserIdArticleHasLibkrb5sNameAndText) {
    const std::vector<expected_code> article{
        {"-1765328228", "KRB5_KDC_UNREACH", "Cannot contact any KDC for requested realm"},
        {"-1765328366", "KRB5KDC_ERR_CLIENT_REVOKED", "Client's credentials have been revoked"},
        {"-1765328237", "KRB5_KDCREP_MODIFIED", "KDC reply did not match expectations"},
        {"-1765328378", "KRB5KDC_ERR_C_PRINCIPAL_UNKNOWN", "Client not found in Kerberos database"},
        {"-1765328370", "KRB5KDC_ERR_ETYPE_NOSUPP", "KDC has no support for encryption type"},
        {"-1765328360", "KRB5KDC_ERR_PREAUTH_FAILED", "Preauthentication failed"},
        {"-1765328316", "KRB5KDC_ERR_WRONG_REALM", "Realm not local to KDC"},
        {"-1765328353", "KRB5KRB_AP_ERR_BAD_INTEGRITY", "Decrypt integrity check failed"}};
    for (const auto& c : article) {
        const auto m = codes::lookup("krb5", c.term);
        ASSERT_TRUE(m) << c.term;
        EXPECT_EQ(m->table, "krb5");
        EXPECT_EQ(m->name, c.name) << c.term;
        EXPECT_EQ(m->meaning, c.meaning) << c.term;
        EXPECT_EQ(m->term, c.term);
        EXPECT_EQ(m->value, std::stoll(c.term));
    }
}

TEST(Krb5Codes, NamesMatchIgnoringCaseAndInTheirRfcSpelling) {
    for (std::string_view term : {"KRB5KDC_ERR_PREAUTH_FAILED", "krb5kdc_err_preauth_failed",
                                  "KDC_ERR_PREAUTH_FAILED", "preauthentication failed"}) {
        const auto m = codes::lookup("krb5", term);
        ASSERT_TRUE(m) << term;
        EXPECT_EQ(m->value, std::int64_t{-1765328360}) << term;
        EXPECT_EQ(m->term, term);
    }
    // The article's "KDC_ERR_CLIENT_REVOKED" (a knowledge base title).
    ASSERT_TRUE(codes::lookup("krb5", "KDC_ERR_CLIENT_REVOKED"));
    EXPECT_EQ(codes::lookup("krb5", "KDC_ERR_CLIENT_REVOKED")->value, std::int64_t{-1765328366});
}

// errno as PAN-OS prints it: userid-server-monitor-ja's 11, 16, 145 --------------------------

TEST(ErrnoCodes, TheArticlesNumbersAreMipsNumbers) {
    const std::vector<expected_code> article{{"11", "EAGAIN", "Resource temporarily unavailable"},
                                             {"16", "EBUSY", "Device or resource busy"},
                                             {"145", "ETIMEDOUT", "Connection timed out"}};
    for (const auto& c : article) {
        const auto m = codes::lookup("errno", c.term);
        ASSERT_TRUE(m) << c.term;
        EXPECT_EQ(m->name, c.name);
        EXPECT_EQ(m->meaning.rfind(c.meaning, 0), 0U) << m->meaning;
        EXPECT_NE(m->meaning.find("userid-server-monitor-ja"), std::string::npos) << m->meaning;
    }
    EXPECT_EQ(codes::lookup("errno", "146")->name, "ECONNREFUSED");
    EXPECT_EQ(codes::lookup("errno", "148")->name, "EHOSTUNREACH");
    EXPECT_EQ(codes::lookup("errno", "EWOULDBLOCK")->value, std::int64_t{11});
    EXPECT_EQ(codes::lookup("errno", "etimedout")->value, std::int64_t{145});
    // x86 numbers ETIMEDOUT 110: not what PAN-OS prints, so not in the table.
    EXPECT_FALSE(codes::lookup("errno", "110"));
}

// x509: mlav-cloud-connection-ja's "Code : 20" ----------------------------------------------

TEST(X509Codes, TwentyIsUnableToGetLocalIssuerCertificate) {
    const auto m = codes::lookup("x509", "20");
    ASSERT_TRUE(m);
    EXPECT_EQ(m->name, "X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY");
    EXPECT_EQ(m->meaning, "unable to get local issuer certificate");
    EXPECT_EQ(codes::lookup("x509", "0x14")->name, m->name);
    // The text the log prints beside the code, and the system log's "Reason:".
    EXPECT_EQ(codes::lookup("x509", "unable to get local issuer certificate")->value,
              std::int64_t{20});
    EXPECT_EQ(codes::lookup("x509", "x509_v_err_unable_to_get_issuer_cert_locally")->value,
              std::int64_t{20});
}

TEST(X509Codes, TheRenumberingOfInvalidCaIsNoted) {
    EXPECT_EQ(codes::lookup("x509", "79")->name, "X509_V_ERR_INVALID_CA");
    const auto m = codes::lookup("x509", "24");
    ASSERT_TRUE(m);
    EXPECT_NE(m->meaning.find("X509_V_ERR_INVALID_CA"), std::string::npos) << m->meaning;
}

// http: mlav-cloud-connection-ja's 400, 404, 500; userid-server-monitor-ja's 0, 401, 500 -----

TEST(HttpCodes, TheArticlesStatusCodesHaveTheirReasonPhrases) {
    const std::vector<std::pair<std::string, std::string>> article{
        {"400", "Bad Request"},         {"401", "Unauthorized"},          {"403", "Forbidden"},
        {"404", "Not Found"},           {"500", "Internal Server Error"}, {"502", "Bad Gateway"},
        {"503", "Service Unavailable"}, {"504", "Gateway Timeout"}};
    for (const auto& [term, name] : article) {
        const auto m = codes::lookup("http", term);
        ASSERT_TRUE(m) << term;
        EXPECT_EQ(m->name, name);
        EXPECT_FALSE(m->meaning.empty());
    }
    EXPECT_EQ(codes::lookup("http", "not found")->value, std::int64_t{404});
    // "response code = 0": no response at all.
    ASSERT_TRUE(codes::lookup("http", "0"));
    EXPECT_EQ(codes::lookup("http", "0")->name, "No Response");
}

// pan-ssl, pan-ssh: decrypt-session-end-reasons -------------------------------------------

struct pan_code {
    std::int64_t value;
    std::string name;
    std::string session_end;
};

const std::vector<pan_code> k_pan_ssl{
    {-3, "PAN_SSL_ERROR_INVALID_CERT", "decrypt-cert-validation"},
    {-9, "PAN_SSL_ERROR_UNTRUSTED_ISSUER", "decrypt-cert-validation"},
    {-10, "PAN_SSL_ERROR_EXPIRED_CERT", "decrypt-cert-validation"},
    {-11, "PAN_SSL_ERROR_CLIENT_CERT", "decrypt-cert-validation"},
    {-13, "PAN_SSL_ERROR_CERT_ON_HSM", "decrypt-cert-validation"},
    {-2, "PAN_SSL_ERROR_UNSUPPORTED", "decrypt-unsupport-param"},
    {-4, "PAN_SSL_ERROR_HANDSHAKE_FAILURE", "decrypt-unsupport-param"},
    {-7, "PAN_SSL_ERROR_UNSUPPORTED_VER", "decrypt-unsupport-param"},
    {-12, "PAN_SSL_ERROR_UNSUPPORTED_CIPHER", "decrypt-unsupport-param"},
    {-1, "PAN_SSL_ERROR_GENERAL", "decrypt-error"},
    {-5, "PAN_SSL_ERROR_UNMATCHED_KEY", "decrypt-error"},
    {-6, "PAN_SSL_ERROR_RESUME_SESSION", "decrypt-error"},
    {-8, "PAN_SSL_ERROR_NO_RESOURCE", "decrypt-error"},
    {-14, "PAN_SSL_ERROR_HSM_REQRESP", "decrypt-error"},
    {-15, "PAN_SSL_ERROR_HSM_DOWN", "decrypt-error"},
    {-16, "PAN_SSL_ERROR_HSM_OTHER", "decrypt-error"},
    {-17, "PAN_SSL_HB_HEARTBLEED_DETECTED", "decrypt-error"},
    {-18, "PAN_SSL_ERROR_KEY_EXCHANGE", "decrypt-error"}};

const std::vector<pan_code> k_pan_ssh{
    {-30, "PAN_SSH_ERROR_VERSION_FROM_CLIENT_UNSUPPORTED", "decrypt-unsupport-param"},
    {-31, "PAN_SSH_ERROR_VERSION_FROM_SERVER_UNSUPPORTED", "decrypt-unsupport-param"},
    {-40, "PAN_SSH_ERROR_KEX_ALGORITHM_FROM_CLIENT_UNSUPPORTED", "decrypt-unsupport-param"},
    {-41, "PAN_SSH_ERROR_KEX_ALGORITHM_FROM_SERVER_UNSUPPORTED", "decrypt-unsupport-param"},
    {-10, "PAN_SSH_ERROR_EXPECT_MORE", "decrypt-error"},
    {-20, "PAN_SSH_ERROR_MAC_INVALID", "decrypt-error"},
    {-21, "PAN_SSH_ERROR_DECRYPTION_FAILURE", "decrypt-error"},
    {-22, "PAN_SSH_ERROR_ENCRYPTION_FAILURE", "decrypt-error"},
    {-32, "PAN_SSH_ERROR_VERSION_TOO_LONG", "decrypt-error"},
    {-33, "PAN_SSH_ERROR_VERSION_MALFORMED", "decrypt-error"},
    {-42, "PAN_SSH_ERROR_KEX_UNEXPECTED_MESSAGE", "decrypt-error"},
    {-43, "PAN_SSH_ERROR_KEX_PACKET_TOO_LONG", "decrypt-error"},
    {-44, "PAN_SSH_ERROR_KEX_METHOD_SPECIFIC", "decrypt-error"},
    {-45, "PAN_SSH_ERROR_KEX_TOO_FREQUENT", "decrypt-error"},
    {-50, "PAN_SSH_ERROR_BUFFER_FULL", "decrypt-error"},
    {-51, "PAN_SSH_ERROR_BUFFER_READ_OUT", "decrypt-error"},
    {-52, "PAN_SSH_ERROR_BUFFER_DEST_TOO_SHORT", "decrypt-error"},
    {-53, "PAN_SSH_ERROR_BUFFER_BIGNUM_NEGATIVE", "decrypt-error"},
    {-54, "PAN_SSH_ERROR_BUFFER_BIGNUM_TOO_SMALL", "decrypt-error"},
    {-55, "PAN_SSH_ERROR_BUFFER_BIGNUM_TOO_BIG", "decrypt-error"},
    {-56, "PAN_SSH_ERROR_BUFFER_BIGNUM_FAILURE", "decrypt-error"},
    {-60, "PAN_SSH_ERROR_RESOURCE_UNAVAILABLE", "decrypt-error"},
    {-70, "PAN_SSH_ERROR_INTERNAL", "decrypt-error"}};

void expect_pan_table(std::string_view table, const std::vector<pan_code>& article) {
    for (const auto& c : article) {
        const auto by_number = codes::lookup(table, std::to_string(c.value));
        ASSERT_TRUE(by_number) << table << " " << c.value;
        EXPECT_EQ(by_number->name, c.name);
        EXPECT_NE(by_number->meaning.find("session end reason " + c.session_end + ")"),
                  std::string::npos)
            << by_number->meaning;
        const auto by_name = codes::lookup(table, c.name);
        ASSERT_TRUE(by_name) << c.name;
        EXPECT_EQ(by_name->value, c.value);
        // The session end reason names the code among those that lead to it.
        const auto reason = codes::lookup("session-end", c.session_end);
        ASSERT_TRUE(reason) << c.session_end;
        EXPECT_NE(reason->meaning.find(c.name), std::string::npos) << c.name;
    }
}

TEST(PanDecryptionCodes, EverySslCodeOfTheArticle) {
    expect_pan_table("pan-ssl", k_pan_ssl);
}
TEST(PanDecryptionCodes, EverySshCodeOfTheArticle) {
    expect_pan_table("pan-ssh", k_pan_ssh);
}

TEST(PanDecryptionCodes, MinusTenIsInBothTablesUnderDifferentNames) {
    EXPECT_EQ(codes::lookup("pan-ssl", "-10")->name, "PAN_SSL_ERROR_EXPIRED_CERT");
    EXPECT_EQ(codes::lookup("pan-ssh", "-10")->name, "PAN_SSH_ERROR_EXPECT_MORE");
    EXPECT_EQ(tables_of(codes::lookup_all("-10")),
              (std::vector<std::string>{"pan-ssl", "pan-ssh"}));
    EXPECT_FALSE(codes::lookup("pan-ssl", "PAN_SSH_ERROR_EXPECT_MORE"));
}

// tls-alert: decrypt-session-end-reasons ---------------------------------------------------

TEST(TlsAlerts, EveryAlertOfTheArticleByItsRfcName) {
    const std::vector<std::pair<std::string, std::int64_t>> article{
        {"bad_certificate", 42},    {"unsupported_certificate", 43}, {"certificate_revoked", 44},
        {"access_denied", 49},      {"no_certificate_RESERVED", 41}, {"unsupported_extension", 110},
        {"unexpected_message", 10}, {"handshake_failure", 40}};
    for (const auto& [name, value] : article) {
        const auto m = codes::lookup("tls-alert", name);
        ASSERT_TRUE(m) << name;
        EXPECT_EQ(m->name, name);
        EXPECT_EQ(m->value, value) << name;
        EXPECT_EQ(codes::lookup("tls-alert", std::to_string(value))->name, name);
    }
    EXPECT_EQ(codes::lookup("tls-alert", "40")->meaning, "handshake failure");
}

TEST(TlsAlerts, OtherSpellingsOfAnAlert) {
    for (std::string_view term :
         {"HANDSHAKE_FAILURE", "SSL3_AD_HANDSHAKE_FAILURE", "handshake failure"}) {
        const auto m = codes::lookup("tls-alert", term);
        ASSERT_TRUE(m) << term;
        EXPECT_EQ(m->name, "handshake_failure");
        EXPECT_EQ(m->term, term);
    }
    EXPECT_EQ(codes::lookup("tls-alert", "no_certificate")->value, std::int64_t{41});
    EXPECT_EQ(codes::lookup("tls-alert", "user_cancelled")->name, "user_canceled");
    // TLS 1.3 alerts OpenSSL 3.0 has no text for still have a meaning.
    EXPECT_EQ(codes::lookup("tls-alert", "missing_extension")->meaning, "missing extension");
}

// session-end: decrypt-session-end-reasons, mp-logs.md section 1.6 --------------------------

TEST(SessionEndReasons, EveryReasonInPrecedenceOrderAndTheOthers) {
    const std::vector<std::string> article{"threat",
                                           "policy-deny",
                                           "decrypt-cert-validation",
                                           "decrypt-unsupport-param",
                                           "decrypt-error",
                                           "tcp-rst-from-client",
                                           "tcp-rst-from-server",
                                           "resources-unavailable",
                                           "tcp-fin",
                                           "tcp-reuse",
                                           "decoder",
                                           "aged-out",
                                           "unknown"};
    for (std::size_t i = 0; i < article.size(); ++i) {
        const auto m = codes::lookup("session-end", article[i]);
        ASSERT_TRUE(m) << article[i];
        EXPECT_EQ(m->name, article[i]);
        EXPECT_FALSE(m->value) << "session end reasons are words";
        EXPECT_NE(m->meaning.find("precedence " + std::to_string(i + 1) + ")"), std::string::npos)
            << m->meaning;
    }
    for (std::string_view other : {"n-a", "request-timeout", "shutdown-from-endpoint",
                                   "abort-from-endpoint", "split-tunnel"}) {
        ASSERT_TRUE(codes::lookup("session-end", other)) << other;
        EXPECT_EQ(codes::lookup("session-end", other)->name, other);
    }
}

TEST(SessionEndReasons, TheArticlesHeadingSpellingFindsTheValue) {
    const auto m = codes::lookup("session-end", "decrypt-unsupported-param");
    ASSERT_TRUE(m);
    EXPECT_EQ(m->name, "decrypt-unsupport-param");
    EXPECT_EQ(m->term, "decrypt-unsupported-param");
    EXPECT_EQ(codes::lookup("session-end", "DECRYPT-ERROR")->name, "decrypt-error");
}

TEST(SessionEndReasons, DecryptReasonsNameTheAlertsThatLeadToThem) {
    const std::vector<std::pair<std::string, std::vector<std::string>>> article{
        {"decrypt-cert-validation",
         {"bad_certificate", "unsupported_certificate", "certificate_revoked", "access_denied",
          "no_certificate_RESERVED"}},
        {"decrypt-unsupport-param",
         {"unsupported_extension", "unexpected_message", "handshake_failure"}}};
    for (const auto& [reason, alerts] : article) {
        const auto m = codes::lookup("session-end", reason);
        ASSERT_TRUE(m) << reason;
        for (const auto& alert : alerts) {
            EXPECT_NE(m->meaning.find(alert), std::string::npos) << reason << ": " << alert;
        }
    }
}

// Across tables ----------------------------------------------------------------------------

TEST(CodeLookup, ABareNumberIsFoundInEveryTableThatHoldsIt) {
    const auto found = codes::lookup_all("20");
    EXPECT_EQ(tables_of(found), (std::vector<std::string>{"x509", "errno", "tls-alert"}));
    for (const auto& m : found) {
        EXPECT_EQ(m.value, std::int64_t{20});
        EXPECT_EQ(m.term, "20");
    }
    EXPECT_EQ(found[1].name, "ENOTDIR");
    EXPECT_EQ(found[2].name, "bad_record_mac");
    EXPECT_EQ(tables_of(codes::lookup_all("-1765328360")), std::vector<std::string>{"krb5"});
    EXPECT_EQ(tables_of(codes::lookup_all("404")), std::vector<std::string>{"http"});
}

TEST(CodeLookup, AnUnknownTermOrTableGivesNothing) {
    EXPECT_FALSE(codes::lookup("krb5", "12345"));
    EXPECT_FALSE(codes::lookup("krb5", "KRB5_NO_SUCH_CODE"));
    EXPECT_FALSE(codes::lookup("x509", "X509_V_ERR_NO_SUCH_CODE"));
    EXPECT_FALSE(codes::lookup("session-end", "decrypt"));
    EXPECT_FALSE(codes::lookup("no-such-table", "20"));
    EXPECT_FALSE(codes::lookup("krb5", ""));
    EXPECT_FALSE(codes::lookup("x509", "20x"));
    EXPECT_TRUE(codes::lookup_all("no-such-code").empty());
    EXPECT_TRUE(codes::lookup_all("-999999").empty());
    EXPECT_TRUE(codes::lookup_all("").empty());
}

} // namespace
