#include "cli/inputs.hpp"

#include "model/text.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <system_error>

namespace ikediff::cli {

namespace fs = std::filesystem;

namespace {

bool ends_with(const std::string& s, std::string_view suffix) { return s.ends_with(suffix); }

} // namespace

model::diagnostic input_error(const std::string& name, std::string message) {
    model::diagnostic d;
    d.code = "input-unreadable";
    d.file = name;
    d.message = std::move(message);
    return d;
}

rotation rotation_of(const std::string& path) {
    std::string base = path;
    if (ends_with(base, ".gz")) {
        base.resize(base.size() - 3);
    }
    const auto dot = base.rfind('.');
    if (dot != std::string::npos && dot + 1 < base.size() &&
        std::all_of(base.begin() + static_cast<std::ptrdiff_t>(dot) + 1, base.end(),
                    model::is_digit)) {
        const auto digits = base.substr(dot + 1);
        if (digits.size() <= 6) {
            return {base.substr(0, dot), static_cast<unsigned>(std::stoul(digits))};
        }
    }
    return {base, 0};
}

model::result<std::vector<input_file>> expand_inputs(const std::vector<std::string>& arguments,
                                                     const parser::format_registry& formats) {
    std::vector<std::string> paths;
    for (const std::string& arg : arguments) {
        std::error_code ec;
        if (arg != "-" && fs::is_directory(arg, ec)) {
            std::vector<std::string> found;
            for (const auto& entry : fs::directory_iterator(arg, ec)) {
                // By name: the content decides the format when the file is read.
                if (entry.is_regular_file(ec) &&
                    formats.wants(entry.path().filename().string(), parser::found_in::directory)) {
                    found.push_back(entry.path().string());
                }
            }
            if (ec) {
                return input_error(arg, "cannot list the directory: " + ec.message());
            }
            if (found.empty()) {
                return input_error(arg, "the directory holds no " + formats.wanted_files(parser::found_in::directory) +
                                            " file");
            }
            std::sort(found.begin(), found.end());
            paths.insert(paths.end(), found.begin(), found.end());
        } else {
            paths.push_back(arg);
        }
    }
    // Rotation families keep the place of their first member; inside, oldest first.
    std::map<std::string, std::uint32_t> stream_of_base;
    std::vector<input_file> out;
    for (const std::string& p : paths) {
        const rotation r = p == "-" ? rotation{"-", 0} : rotation_of(p);
        const auto [it, added] = stream_of_base.try_emplace(r.base, static_cast<std::uint32_t>(stream_of_base.size()));
        out.push_back({p, it->second});
    }
    std::stable_sort(out.begin(), out.end(), [](const input_file& a, const input_file& b) {
        if (a.stream != b.stream) {
            return a.stream < b.stream;
        }
        return rotation_of(a.path).generation > rotation_of(b.path).generation;
    });
    return out;
}

std::optional<model::diagnostic> first_unopenable(const std::vector<input_file>& files) {
    for (const input_file& f : files) {
        // A FIFO or a device is not opened here: opening it may wait for, or take from, its
        // writer (reading it will say what is wrong with it). A path whose status cannot be
        // had (a parent without search permission, a loop of links) is: it is neither, and
        // opening it says why.
        std::error_code ec;
        const fs::file_type type = f.path == "-" ? fs::file_type::unknown : fs::status(f.path, ec).type();
        if (ec || type == fs::file_type::regular || type == fs::file_type::not_found) {
            std::FILE* handle = std::fopen(f.path.c_str(), "rb");
            if (handle == nullptr) {
                return input_error(f.path, std::string("cannot open: ") + std::strerror(errno));
            }
            std::fclose(handle);
        }
    }
    return std::nullopt;
}

} // namespace ikediff::cli
