// The binary against every fixture. For each fixtures/<case>/<variant>.args, run ikediff in
// fixtures/<case> with those arguments (blank-separated, '...' or "..." quoting blanks;
// <variant>.stdin-from, if present, names the file to give it as standard input) and compare stdout, stderr and the exit status with
// <variant>.stdout, <variant>.stderr and <variant>.status.
//
// `cmake --build <dir> --target regenerate-golden` rewrites the golden files from the
// current binary (IKEDIFF_REGENERATE=1); review that diff like code.

#include "run_binary.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace ikediff::test_support;

struct golden_case {
    fs::path dir;
    std::string variant;
};

void PrintTo(const golden_case& c, std::ostream* os) {
    *os << c.dir.filename().string() << '/' << c.variant;
}

std::vector<golden_case> discover() {
    std::vector<golden_case> cases;
    for (const auto& dir : fs::directory_iterator(IKEDIFF_FIXTURES)) {
        if (!dir.is_directory()) {
            continue;
        }
        for (const auto& f : fs::directory_iterator(dir.path())) {
            if (f.path().extension() == ".args") {
                cases.push_back({dir.path(), f.path().stem().string()});
            }
        }
    }
    std::sort(cases.begin(), cases.end(), [](const auto& a, const auto& b) {
        return std::tie(a.dir, a.variant) < std::tie(b.dir, b.variant);
    });
    return cases;
}

/// The values of every `psk:` / `pre_shared_key:` key in the fixture's sheets: a key
/// must never reach any output (contract.md section 3).
std::vector<std::string> secrets_of(const fs::path& dir) {
    std::vector<std::string> secrets;
    for (const auto& f : fs::directory_iterator(dir)) {
        if (f.path().extension() != ".yaml") {
            continue;
        }
        std::istringstream lines(read_file(f.path()));
        for (std::string line; std::getline(lines, line);) {
            for (std::string_view key : {"psk:", "pre_shared_key:"}) {
                const auto at = line.find(key);
                if (at == std::string::npos) {
                    continue;
                }
                std::string value = line.substr(at + key.size());
                value.erase(0, value.find_first_not_of(" \t\"'"));
                value.erase(value.find_last_not_of(" \t\"'\r") + 1);
                if (!value.empty()) {
                    secrets.push_back(value);
                }
            }
        }
    }
    return secrets;
}

/// Splits an .args file like a shell would, for the simple cases: blanks separate
/// arguments, and '...' or "..." keep blanks inside one (`--since '2021-07-06 18:35'`).
std::vector<std::string> split_args(const std::string& text) {
    std::vector<std::string> args;
    std::string current;
    bool in_word = false;
    char quote = 0;
    for (char ch : text) {
        if (quote != 0) {
            if (ch == quote) {
                quote = 0;
            } else {
                current += ch;
            }
        } else if (ch == '\'' || ch == '"') {
            quote = ch;
            in_word = true;
        } else if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
            if (in_word) {
                args.push_back(current);
                current.clear();
                in_word = false;
            }
        } else {
            current += ch;
            in_word = true;
        }
    }
    if (in_word) {
        args.push_back(current);
    }
    return args;
}

class Golden : public ::testing::TestWithParam<golden_case> {};

TEST_P(Golden, MatchesExpectedOutput) {
    const golden_case& c = GetParam();
    const std::vector<std::string> args = split_args(read_file(c.dir / (c.variant + ".args")));
    // <variant>.stdin-from names the fixture file to feed as standard input.
    const fs::path stdin_from = c.dir / (c.variant + ".stdin-from");
    fs::path stdin_file;
    if (fs::exists(stdin_from)) {
        std::istringstream name(read_file(stdin_from));
        std::string file;
        name >> file;
        stdin_file = c.dir / file;
    }
    const outcome got = run_in(c.dir, args, stdin_file);

    const fs::path out_file = c.dir / (c.variant + ".stdout");
    const fs::path err_file = c.dir / (c.variant + ".stderr");
    const fs::path status_file = c.dir / (c.variant + ".status");
    if (const char* regen = std::getenv("IKEDIFF_REGENERATE"); regen != nullptr && std::string(regen) == "1") {
        write_file(out_file, got.out);
        write_file(err_file, got.err);
        write_file(status_file, std::to_string(got.status) + "\n");
        GTEST_SUCCEED() << "regenerated " << c.variant;
        return;
    }
    for (const std::string& secret : secrets_of(c.dir)) {
        EXPECT_EQ(got.out.find(secret), std::string::npos) << "stdout shows the pre-shared key";
        EXPECT_EQ(got.err.find(secret), std::string::npos) << "stderr shows the pre-shared key";
    }
    ASSERT_TRUE(fs::exists(status_file)) << "no golden files for " << c.dir.filename() << "/" << c.variant
                                         << ": run the regenerate-golden target and review them";
    EXPECT_EQ(std::to_string(got.status) + "\n", read_file(status_file)) << "exit status";
    EXPECT_EQ(got.out, read_file(out_file)) << "stdout";
    EXPECT_EQ(got.err, read_file(err_file)) << "stderr";
}

std::string case_name(const ::testing::TestParamInfo<golden_case>& info) {
    std::string name = info.param.dir.filename().string() + "_" + info.param.variant;
    std::replace_if(name.begin(), name.end(), [](char ch) { return !std::isalnum(static_cast<unsigned char>(ch)); }, '_');
    return name;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, Golden, ::testing::ValuesIn(discover()), case_name);

} // namespace
