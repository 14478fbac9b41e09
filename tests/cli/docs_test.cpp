// The manual page and the bash completion name every option `ikediff --help` lists, and
// every report format: they are written by hand, so a new option must not slip past them.

#include "cli/options.hpp"
#include "run_binary.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace {

using namespace ikediff::test_support;

const fs::path k_source = fs::path(IKEDIFF_FIXTURES).parent_path();

/// Every `--long-option` in `text`.
std::set<std::string> long_options(const std::string& text) {
    std::set<std::string> out;
    for (std::size_t at = text.find("--"); at != std::string::npos; at = text.find("--", at + 2)) {
        std::size_t end = at + 2;
        while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) != 0 || text[end] == '-')) {
            ++end;
        }
        if (end > at + 2) {
            out.insert(text.substr(at, end - at));
        }
    }
    return out;
}

TEST(Docs, ManPageAndCompletionNameEveryOptionAndFormat) {
    const outcome help = run_in(k_source, {"--help"}, {});
    ASSERT_EQ(help.status, 0);
    const std::set<std::string> options = long_options(help.out);
    ASSERT_GE(options.size(), 10u) << help.out;
    // roff writes a dash as \- (or \-\-): read the page with them undone.
    std::string man = read_file(k_source / "docs" / "ikediff.1");
    for (std::size_t at; (at = man.find("\\-")) != std::string::npos;) {
        man.erase(at, 1);
    }
    const std::string completion = read_file(k_source / "completion" / "ikediff.bash");
    for (const std::string& option : options) {
        EXPECT_NE(man.find(option), std::string::npos) << "docs/ikediff.1 does not document " << option;
        EXPECT_NE(completion.find(option), std::string::npos) << "completion/ikediff.bash does not complete " << option;
    }
    for (const auto& [name, format] : ikediff::cli::k_report_formats) {
        EXPECT_NE(man.find(std::string(name)), std::string::npos) << name;
        EXPECT_NE(completion.find(std::string(name)), std::string::npos) << name;
    }
}

} // namespace
