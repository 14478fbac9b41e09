#include "cli/destination.hpp"

#include "cli/inputs.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <iostream>
#include <random>
#include <string>
#include <string_view>
#include <system_error>

namespace ikediff::cli {

namespace fs = std::filesystem;

namespace {

/// The temporary file being written, for a signal's handler: in a fixed buffer, since a
/// handler may only call async-signal-safe functions (unlink, signal, raise).
char g_temporary[4096];
volatile std::sig_atomic_t g_has_temporary = 0;

extern "C" void remove_temporary_and_stop(int signal_number) {
    if (g_has_temporary != 0) {
        ::unlink(g_temporary);
    }
    std::signal(signal_number, SIG_DFL);
    std::raise(signal_number);
}

/// Interrupted (Ctrl-C, a terminal closed, `kill`), a run removes its temporary file: the
/// file --output names keeps what it held. A signal the caller ignores stays ignored.
void remember_temporary(const std::string& path) {
    if (path.size() >= sizeof g_temporary) {
        return;
    }
    std::memcpy(g_temporary, path.c_str(), path.size() + 1);
    g_has_temporary = 1;
    for (const int signal_number : {SIGINT, SIGTERM, SIGHUP}) {
        struct sigaction previous {};
        if (::sigaction(signal_number, nullptr, &previous) == 0 && previous.sa_handler != SIG_IGN) {
            struct sigaction action {};
            action.sa_handler = remove_temporary_and_stop;
            sigemptyset(&action.sa_mask);
            ::sigaction(signal_number, &action, nullptr);
        }
    }
}

/// The permissions a report in `status`'s place gets: those of the file it replaces, or
/// what a plain open would give a new one.
mode_t report_mode(const fs::file_status& status) {
    if (status.type() == fs::file_type::regular) {
        return static_cast<mode_t>(status.permissions()) & 07777;
    }
    const mode_t mask = ::umask(0);
    ::umask(mask);
    return 0666 & ~mask;
}

/// A file descriptor's name under /proc: how a file without a name is opened again and linked.
std::string proc_name(int fd) { return "/proc/self/fd/" + std::to_string(fd); }

/// `.NAME.ikediff-XXXXXX` beside `target`, the Xs to be replaced (mkstemp's pattern).
std::string temporary_pattern(const fs::path& directory, const fs::path& target) {
    return (directory / ("." + target.filename().string() + ".ikediff-XXXXXX")).string();
}

} // namespace

bool report_destination::open_unnamed(const fs::path& directory) {
    const int fd = ::open(directory.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
    if (fd < 0) {
        return false; // a file system without O_TMPFILE
    }
    // The file is opened again, and later named, through /proc: only if /proc/self/fd/N is
    // this very file (no /proc, or something else mounted there, and it is not).
    struct stat opened {}, through_proc {};
    if (::fstat(fd, &opened) != 0 || ::stat(proc_name(fd).c_str(), &through_proc) != 0 ||
        opened.st_dev != through_proc.st_dev || opened.st_ino != through_proc.st_ino) {
        ::close(fd);
        return false;
    }
    m_file.open(proc_name(fd), std::ios::binary | std::ios::trunc);
    if (!m_file.is_open()) {
        ::close(fd);
        return false;
    }
    m_unnamed = fd;
    return true;
}

bool report_destination::open_named(const fs::path& directory) {
    std::string temporary = temporary_pattern(directory, m_target);
    const int fd = ::mkstemp(temporary.data());
    if (fd < 0) {
        return false;
    }
    const bool moded = ::fchmod(fd, static_cast<mode_t>(m_mode)) == 0;
    ::close(fd);
    if (moded) {
        m_file.open(temporary, std::ios::binary | std::ios::trunc);
    }
    if (!m_file.is_open()) {
        std::error_code ec;
        fs::remove(temporary, ec);
        return false;
    }
    m_temporary = temporary;
    remember_temporary(temporary);
    return true;
}

model::result<std::unique_ptr<report_destination>> report_destination::open(const std::optional<std::string>& path) {
    std::unique_ptr<report_destination> d(new report_destination);
    if (!path) {
        d->m_out = &std::cout;
        return d;
    }
    d->m_name = *path;
    std::error_code ec;
    fs::path target = *path;
    if (fs::is_symlink(target, ec)) {
        const fs::path named = fs::weakly_canonical(target, ec);
        if (!ec) {
            target = named;
        }
    }
    const fs::file_status status = fs::status(target, ec);
    if (status.type() == fs::file_type::regular || status.type() == fs::file_type::not_found) {
        const fs::path directory = target.has_parent_path() ? target.parent_path() : fs::path(".");
        d->m_target = target;
        d->m_mode = report_mode(status);
        if (d->open_unnamed(directory) || d->open_named(directory)) {
            return d;
        }
    }
    d->m_file.open(*path, std::ios::binary | std::ios::trunc);
    if (!d->m_file.is_open()) {
        return input_error(*path, std::string("cannot write the report: ") + std::strerror(errno));
    }
    return d;
}

report_destination::~report_destination() {
    if (m_unnamed >= 0) {
        m_file.close();
        ::close(m_unnamed); // the system frees a file that never had a name
    }
    if (!m_temporary.empty()) {
        g_has_temporary = 0;
        m_file.close();
        std::error_code ec;
        fs::remove(m_temporary, ec);
    }
}

std::optional<model::diagnostic> report_destination::name_unnamed() {
    // linkat cannot replace a file, rename can: a name of its own first. Only between the
    // two may a killed process leave a file beside the report.
    const fs::path directory = m_target.has_parent_path() ? m_target.parent_path() : fs::path(".");
    std::mt19937_64 random{std::random_device{}()};
    for (int attempt = 0; attempt < 100; ++attempt) {
        std::string name = temporary_pattern(directory, m_target);
        constexpr std::string_view letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        for (std::size_t i = name.size() - 6; i < name.size(); ++i) {
            name[i] = letters[random() % letters.size()];
        }
        if (::linkat(AT_FDCWD, proc_name(m_unnamed).c_str(), AT_FDCWD, name.c_str(), AT_SYMLINK_FOLLOW) == 0) {
            m_temporary = name;
            remember_temporary(name);
            ::close(m_unnamed);
            m_unnamed = -1;
            return std::nullopt;
        }
        if (errno != EEXIST) {
            break;
        }
    }
    return input_error(m_name, std::string("cannot write the report: ") + std::strerror(errno));
}

std::optional<model::diagnostic> report_destination::commit() {
    m_out->flush();
    if (m_file.is_open()) {
        m_file.close(); // sets failbit when what was buffered cannot be written
    }
    if (!*m_out) {
        return input_error(m_name, "cannot write the report");
    }
    if (m_unnamed >= 0) {
        if (::fchmod(m_unnamed, static_cast<mode_t>(m_mode)) != 0) {
            return input_error(m_name, std::string("cannot write the report: ") + std::strerror(errno));
        }
        if (auto trouble = name_unnamed()) {
            return trouble;
        }
    }
    if (!m_temporary.empty()) {
        std::error_code ec;
        fs::rename(m_temporary, m_target, ec);
        if (ec) {
            return input_error(m_name, "cannot write the report: " + ec.message());
        }
        g_has_temporary = 0;
        m_temporary.clear();
    }
    return std::nullopt;
}

} // namespace ikediff::cli
