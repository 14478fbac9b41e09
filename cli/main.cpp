#include "cli/report/writer.hpp"
#include "cli/run.hpp"

#include <exception>
#include <iostream>
#include <new>

int main(int argc, char** argv) {
    // What run() does not turn into a diagnostic itself (memory exhausted, a report that can
    // no longer be written) is trouble too: a message and exit status 2, not an abort.
    try {
        return ikediff::cli::run(argc, argv);
    } catch (const std::bad_alloc&) {
        std::cerr << "ikediff: error: out of memory\n";
    } catch (const std::exception& e) {
        std::cerr << "ikediff: error: " << ikediff::cli::terminal_safe(e.what()) << '\n';
    }
    return 2;
}
