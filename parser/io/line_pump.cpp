#include "parser/io/line_pump.hpp"

namespace ikediff::parser {

bool read_full(byte_source& from, char* into, std::size_t size, std::size_t& got, std::string& error) {
    got = 0;
    while (got < size) {
        std::size_t n = 0;
        if (!from.read(into + got, size - got, n, error)) {
            return false;
        }
        if (n == 0) {
            break;
        }
        got += n;
    }
    return true;
}

} // namespace ikediff::parser
