// The code tables' generator (diff/findings/codes/codes.hpp), run by the build, never
// installed. It reads the names and numbers of the Kerberos, X.509 and TLS alert codes from
// the installed headers, asks the installed libraries for their texts (libkrb5, OpenSSL), reads
// the hand-checked tables (*.tsv beside codes.hpp), and writes them all as one C++ array
// initialiser that codes.cpp compiles in. So the tables follow the krb5 and OpenSSL the build
// finds, and the ikediff binary links neither library.
//
//     ikediff_codes_generate OUT KRB5_H X509_VFY_H SSL3_H TLS1_H TSV...
//
// A TSV file is a table named by its file name (`errno.tsv`), or an overlay of a table made
// here (`x509.overlay.tsv`). Lines starting with `#` are comments; the others are
//     value <TAB> name <TAB> meaning <TAB> aliases (|-separated) <TAB> note
// (trailing columns may be left out). An overlay's row is matched by value: its name
// replaces the derived one (which becomes an alias), its meaning stands in when the library
// has no text, its aliases and note are added. The note ends the meaning in parentheses.
// Exit status 1, with the reason on stderr, when a source is missing or malformed.

// com_err.h has no extern "C" of its own (docs: mp-logs.md section 5.1); krb5.h includes it.
extern "C" {
#include <et/com_err.h>
}
#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <krb5/krb5.h>
#include <map>
#include <openssl/opensslv.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <optional>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace {

struct row {
    std::optional<std::int64_t> value;
    std::string name;
    std::string meaning;
    std::vector<std::string> aliases;
    std::string note;
};

/// The tables in the order codes::tables() lists them.
const std::vector<std::string> k_tables = {"krb5",      "x509",    "errno",   "http",
                                           "tls-alert", "pan-ssl", "pan-ssh", "session-end"};

[[noreturn]] void fail(const std::string& why) {
    throw std::runtime_error(why);
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        fail("cannot read " + path);
    }
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::optional<std::int64_t> parse_number(std::string_view text) {
    std::int64_t v = 0;
    const char* end = text.data() + text.size();
    auto [p, ec] = std::from_chars(text.data(), end, v);
    if (text.empty() || ec != std::errc{} || p != end) {
        return std::nullopt;
    }
    return v;
}

/// `#define NAME 20`, `#define NAME (-1765328360L) /* ... */`: (name, value) in header order.
std::vector<std::pair<std::string, std::int64_t>> numeric_defines(const std::string& path) {
    static const std::regex k_define(
        R"(^[ \t]*#[ \t]*define[ \t]+(\w+)[ \t]+\(?[ \t]*(-?[0-9]+)L?[ \t]*\)?[ \t]*(/\*.*)?$)");
    std::vector<std::pair<std::string, std::int64_t>> out;
    std::istringstream in(read_file(path));
    std::string line;
    std::smatch m;
    while (std::getline(in, line)) {
        if (std::regex_match(line, m, k_define)) {
            out.emplace_back(m[1].str(), *parse_number(m[2].str()));
        }
    }
    return out;
}

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.starts_with(prefix);
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](char c) {
        return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    });
    return s;
}

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : s) {
        if (c == sep) {
            out.push_back(cur);
            cur.clear();
        } else {
            cur.push_back(c);
        }
    }
    out.push_back(cur);
    return out;
}

/// The rows of a TSV file; `where` names the file in messages.
std::vector<row> read_tsv(const std::string& path) {
    std::vector<row> out;
    std::istringstream in(read_file(path));
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        if (line.empty() || line[0] == '#') {
            continue;
        }
        const auto where = path + ":" + std::to_string(number) + ": ";
        auto cols = split(line, '\t');
        if (cols.size() > 5) {
            fail(where + "more than 5 columns");
        }
        cols.resize(5);
        row r;
        if (!cols[0].empty()) {
            r.value = parse_number(cols[0]);
            if (!r.value) {
                fail(where + "value `" + cols[0] + "` is not a number");
            }
        }
        r.name = cols[1];
        r.meaning = cols[2];
        if (!cols[3].empty()) {
            r.aliases = split(cols[3], '|');
        }
        r.note = cols[4];
        out.push_back(std::move(r));
    }
    return out;
}

/// Adds `alias` unless the row already answers to it.
void add_alias(row& r, const std::string& alias) {
    if (alias.empty() || lower(alias) == lower(r.name)) {
        return;
    }
    for (const auto& a : r.aliases) {
        if (lower(a) == lower(alias)) {
            return;
        }
    }
    r.aliases.push_back(alias);
}

/// An overlay's rows onto a generated table, by value.
void apply_overlay(std::vector<row>& table, const std::vector<row>& overlay,
                   const std::string& what) {
    for (const auto& o : overlay) {
        auto it = std::find_if(table.begin(), table.end(), [&](const row& r) {
            return r.value && o.value && *r.value == *o.value;
        });
        if (it == table.end()) {
            fail(what + ": overlay row for a value the table does not hold: " + o.name);
        }
        if (!o.name.empty() && o.name != it->name) {
            const std::string derived = it->name;
            it->name = o.name;
            add_alias(*it, derived);
        }
        if (it->meaning.empty()) {
            it->meaning = o.meaning;
        }
        for (const auto& a : o.aliases) {
            add_alias(*it, a);
        }
        if (!o.note.empty()) {
            it->note = it->note.empty() ? o.note : it->note + "; " + o.note;
        }
    }
}

/// The krb5 com_err table: names and numbers from krb5.h within the range libkrb5's table
/// covers, texts from krb5_get_error_message(). Reserved placeholders are left out.
std::vector<row> krb5_table(const std::string& header) {
    const long base = et_krb5_error_table.base;
    const long count = et_krb5_error_table.n_msgs;
    const auto defines = numeric_defines(header);
    const auto header_base = std::find_if(defines.begin(), defines.end(), [](const auto& d) {
        return d.first == "ERROR_TABLE_BASE_krb5";
    });
    if (header_base == defines.end() || header_base->second != base) {
        fail(header + ": no ERROR_TABLE_BASE_krb5, or not libkrb5's base " + std::to_string(base));
    }
    krb5_context ctx = nullptr;
    if (krb5_init_context(&ctx) != 0) {
        fail("krb5_init_context failed");
    }
    std::vector<row> out;
    for (const auto& [name, value] : defines) {
        if (!starts_with(name, "KRB5") || name.find("PLACEHOLD") != std::string::npos ||
            value < base || value >= base + count) {
            continue;
        }
        row r;
        r.value = value;
        r.name = name;
        const char* text = krb5_get_error_message(ctx, static_cast<krb5_error_code>(value));
        r.meaning = text;
        krb5_free_error_message(ctx, text);
        add_alias(r, r.meaning);
        // The RFC 4120 spelling of the protocol's own codes: KDC_ERR_PREAUTH_FAILED.
        for (std::string_view prefix : {"KRB5KDC_ERR_", "KRB5KRB_AP_ERR_", "KRB5KRB_ERR_"}) {
            if (starts_with(name, prefix)) {
                add_alias(r, name.substr(4));
            }
        }
        out.push_back(std::move(r));
    }
    krb5_free_context(ctx);
    if (out.empty()) {
        fail(header + ": no krb5 error codes");
    }
    return out;
}

/// X.509 verify codes: X509_V_OK and X509_V_ERR_* from x509_vfy.h, texts from
/// X509_verify_cert_error_string().
std::vector<row> x509_table(const std::string& header) {
    const std::string unknown = X509_verify_cert_error_string(-1);
    std::vector<row> out;
    for (const auto& [name, value] : numeric_defines(header)) {
        if (name != "X509_V_OK" && !starts_with(name, "X509_V_ERR_")) {
            continue;
        }
        row r;
        r.value = value;
        r.name = name;
        const std::string text = X509_verify_cert_error_string(static_cast<long>(value));
        if (text != unknown) {
            r.meaning = text;
            add_alias(r, text);
        }
        out.push_back(std::move(r));
    }
    if (out.empty()) {
        fail(header + ": no X509_V_ERR_ codes");
    }
    return out;
}

/// TLS alert descriptions: SSL3_AD_*, TLS1_AD_*, TLS13_AD_* from ssl3.h and tls1.h, named
/// as the RFCs write them (the macro's suffix in lower case: bad_certificate), texts from
/// SSL_alert_desc_string_long(). The macro and the text are aliases.
std::vector<row> tls_alert_table(const std::vector<std::string>& headers) {
    const std::string unknown = SSL_alert_desc_string_long(255);
    std::vector<row> out;
    for (const auto& header : headers) {
        for (const auto& [name, value] : numeric_defines(header)) {
            std::string_view suffix;
            for (std::string_view prefix : {"SSL3_AD_", "TLS1_AD_", "TLS13_AD_"}) {
                if (starts_with(name, prefix)) {
                    suffix = std::string_view(name).substr(prefix.size());
                }
            }
            if (suffix.empty()) {
                continue;
            }
            // (Copied: clang 14 cannot capture a structured binding.)
            auto same = std::find_if(out.begin(), out.end(),
                                     [v = value](const row& r) { return *r.value == v; });
            if (same != out.end()) {
                add_alias(*same, name);
                continue;
            }
            row r;
            r.value = value;
            r.name = lower(std::string(suffix));
            add_alias(r, name);
            const std::string text = SSL_alert_desc_string_long(static_cast<int>(value));
            if (text != unknown) {
                r.meaning = text;
                add_alias(r, text);
            }
            out.push_back(std::move(r));
        }
    }
    if (out.empty()) {
        fail("no SSL3_AD_ / TLS1_AD_ alerts in the OpenSSL headers");
    }
    return out;
}

/// A C++ string literal: printable ASCII as is, anything else (UTF-8 included) in octal.
std::string literal(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u >= 0x20 && u < 0x7f) {
            out += c;
        } else {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\%03o", static_cast<unsigned>(u));
            out += buf;
        }
    }
    return out + "\"";
}

std::string stem(const std::string& path) {
    const auto slash = path.find_last_of('/');
    std::string file = slash == std::string::npos ? path : path.substr(slash + 1);
    return file.substr(0, file.find('.'));
}

bool is_overlay(const std::string& path) {
    return path.ends_with(".overlay.tsv");
}

int run(int argc, char** argv) {
    if (argc < 6) {
        std::cerr << "usage: ikediff_codes_generate OUT KRB5_H X509_VFY_H SSL3_H TLS1_H TSV...\n";
        return 2;
    }
    std::map<std::string, std::vector<row>> tables;
    tables["krb5"] = krb5_table(argv[2]);
    tables["x509"] = x509_table(argv[3]);
    tables["tls-alert"] = tls_alert_table({argv[4], argv[5]});
    std::vector<std::string> overlays;
    for (int i = 6; i < argc; ++i) {
        const std::string path = argv[i];
        if (is_overlay(path)) {
            overlays.push_back(path);
            continue;
        }
        auto rows = read_tsv(path);
        for (auto& r : rows) {
            if (r.name.empty() || r.meaning.empty()) {
                fail(path + ": a row without a name or a meaning");
            }
        }
        tables[stem(path)] = std::move(rows);
    }
    for (const auto& path : overlays) {
        if (!tables.contains(stem(path))) {
            fail(path + ": an overlay of a table that is not made here");
        }
        apply_overlay(tables[stem(path)], read_tsv(path), path);
    }

    std::ostringstream out;
    out << "// Generated by ikediff_codes_generate (diff/findings/codes/generate/generate.cpp) "
           "from\n"
        << "// " << argv[2] << " and libkrb5, " << argv[3] << ", " << argv[4] << ", " << argv[5]
        << " and " << OPENSSL_VERSION_TEXT
        << ",\n// and the tables beside codes.hpp. Do not edit.\n";
    for (const auto& table : k_tables) {
        const auto found = tables.find(table);
        if (found == tables.end() || found->second.empty()) {
            fail("table " + table + " is empty or has no source");
        }
        for (auto& r : found->second) {
            if (r.meaning.empty()) {
                // A code the library has no text for (OpenSSL 3.0: missing_extension).
                r.meaning = r.name;
                std::replace(r.meaning.begin(), r.meaning.end(), '_', ' ');
            }
            std::string aliases;
            for (const auto& a : r.aliases) {
                if (a.find('\n') != std::string::npos) {
                    fail(table + " " + r.name + ": an alias with a line feed");
                }
                aliases += aliases.empty() ? a : "\n" + a;
            }
            const std::string meaning =
                r.note.empty() ? r.meaning : r.meaning + " (" + r.note + ")";
            out << "{" << literal(table) << ", " << (r.value ? "true" : "false") << ", "
                << (r.value ? std::to_string(*r.value) : "0") << ", " << literal(r.name) << ", "
                << literal(meaning) << ", " << literal(aliases) << "},\n";
        }
    }
    std::ofstream file(argv[1], std::ios::binary | std::ios::trunc);
    file << out.str();
    if (!file) {
        fail(std::string("cannot write ") + argv[1]);
    }
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const std::exception& e) {
        std::cerr << "ikediff_codes_generate: " << e.what() << "\n";
        return 1;
    }
}
