#include "cli/destination.hpp"

#include "cli/inputs.hpp"

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <iostream>
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

} // namespace

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
        std::string name = ".";
        name += target.filename().string();
        name += ".ikediff-XXXXXX";
        std::string temporary = (directory / name).string();
        const int fd = ::mkstemp(temporary.data());
        if (fd >= 0) {
            // The mode the file has, or would get from a plain open (mkstemp makes it 0600).
            mode_t mode = 0;
            if (status.type() == fs::file_type::regular) {
                mode = static_cast<mode_t>(status.permissions()) & 07777;
            } else {
                const mode_t mask = ::umask(0);
                ::umask(mask);
                mode = 0666 & ~mask;
            }
            const bool moded = ::fchmod(fd, mode) == 0;
            ::close(fd);
            if (moded) {
                d->m_file.open(temporary, std::ios::binary | std::ios::trunc);
            }
            if (d->m_file.is_open()) {
                d->m_temporary = temporary;
                d->m_target = target;
                remember_temporary(temporary);
                return d;
            }
            fs::remove(temporary, ec);
        }
    }
    d->m_file.open(*path, std::ios::binary | std::ios::trunc);
    if (!d->m_file.is_open()) {
        return input_error(*path, std::string("cannot write the report: ") + std::strerror(errno));
    }
    return d;
}

report_destination::~report_destination() {
    if (!m_temporary.empty()) {
        g_has_temporary = 0;
        m_file.close();
        std::error_code ec;
        fs::remove(m_temporary, ec);
    }
}

std::optional<model::diagnostic> report_destination::commit() {
    m_out->flush();
    if (m_file.is_open()) {
        m_file.close(); // sets failbit when what was buffered cannot be written
    }
    if (!*m_out) {
        return input_error(m_name, "cannot write the report");
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
