// A pre-shared key from the sheet never leaves ikediff: not in any report format, not in
// a report written with --output, not in any error about the sheet, wherever in the sheet
// the key is and however it is malformed (contract.md section 3).

#include "cli/options.hpp"
#include "run_binary.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using namespace ikediff::test_support;

/// Distinct enough that no log, file name or message holds it by chance.
const std::string k_secret = "Zq7-vpn-PSK-0451";

const fs::path k_log = fs::path(IKEDIFF_FIXTURES) / "class-psk-mismatch" / "ikemgr.log";

/// A sheet for the psk-mismatch fixture (PAN-OS 200.100.5.1, peer 200.100.1.254) with
/// `psk_lines` where the pre-shared key goes.
std::string sheet_with(const std::string& psk_lines) {
    return "version: 1\n"
           "name: osaka-branch\n"
           "local_address: 200.100.5.1\n"
           "peer_address: 200.100.1.254\n" +
           psk_lines +
           "ike:\n"
           "  version: ikev1\n"
           "  exchange_mode: main\n"
           "  encryption: aes-256-cbc\n"
           "  hash: sha512\n"
           "  dh_group: group20\n";
}

class Secrecy : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() / ("ikediff-secrecy-" + std::to_string(::getpid()));
        fs::create_directories(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }

    /// Runs ikediff on the fixture log with `sheet` in every report format, also with
    /// --output; expects `status` each time and the secret nowhere.
    void expect_no_leak(const std::string& sheet, int status) {
        write_file(m_dir / "sheet.yaml", sheet);
        ASSERT_NE(read_file(m_dir / "sheet.yaml").find(k_secret), std::string::npos) << "the sheet must hold it";
        for (const auto& [name, format] : ikediff::cli::k_report_formats) {
            SCOPED_TRACE("--format " + std::string(name));
            const outcome o = run_in(m_dir, {k_log.string(), "--expect", "sheet.yaml", "--format", std::string(name)}, {});
            EXPECT_EQ(o.status, status) << o.err;
            EXPECT_EQ(o.out.find(k_secret), std::string::npos) << o.out;
            EXPECT_EQ(o.err.find(k_secret), std::string::npos) << o.err;
            if (status != 2) {
                EXPECT_FALSE(o.out.empty());
            }
            const outcome to_file = run_in(
                m_dir, {k_log.string(), "--expect", "sheet.yaml", "--format", std::string(name), "--output", "report"}, {});
            EXPECT_EQ(to_file.status, status);
            EXPECT_EQ(to_file.err.find(k_secret), std::string::npos) << to_file.err;
            EXPECT_EQ(read_file(m_dir / "report").find(k_secret), std::string::npos);
            fs::remove(m_dir / "report");
        }
    }

private:
    fs::path m_dir;
};

TEST_F(Secrecy, AReportOnAPskMismatchNeverShowsTheKey) {
    expect_no_leak(sheet_with("psk: " + k_secret + "\n"), 1);
    expect_no_leak(sheet_with("pre_shared_key: \"" + k_secret + "\"\n"), 1);
    expect_no_leak(sheet_with("psk: |\n  " + k_secret + "\n"), 1);
}

TEST_F(Secrecy, AKeyInsideIkeOrATunnelListIsNotShownEither) {
    std::string in_ike = sheet_with("");
    in_ike += "  psk: " + k_secret + "\n";
    expect_no_leak(in_ike, 1);
    expect_no_leak("version: 1\ntunnels:\n  - name: osaka-branch\n    peer_address: 200.100.1.254\n    psk: " +
                       k_secret + "\n",
                   1);
}

TEST_F(Secrecy, ErrorsAboutTheKeyNeverQuoteIt) {
    expect_no_leak(sheet_with("psk: [" + k_secret + "]\n"), 2);          // a list
    expect_no_leak(sheet_with("psk: {" + k_secret + ": 1}\n"), 2);       // a mapping
    expect_no_leak(sheet_with("psk: " + k_secret + "\npsk: other\n"), 2); // twice
    expect_no_leak(sheet_with("psk: " + k_secret + "\npre_shared_key: " + k_secret + "\n"), 2);
    expect_no_leak(sheet_with("psk: " + k_secret + ": x\n"), 2);     // broken YAML on its line
    expect_no_leak(sheet_with("psk: \"" + k_secret + "\n"), 2);      // an unclosed quote
    expect_no_leak(sheet_with("psk: " + k_secret + "\nhash: sha1\n"), 2); // the next key is unknown
}

TEST_F(Secrecy, ErrorsElsewhereInASheetWithAKeyDoNotShowIt) {
    std::string bad_value = sheet_with("psk: " + k_secret + "\n");
    bad_value += "  lifetime: forever\n";
    expect_no_leak(bad_value, 2);
}

} // namespace
