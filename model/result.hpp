#pragma once
// A value or the diagnostic that explains why there is none (tl::expected-style, small).

#include "model/diagnostic.hpp"

#include <utility>
#include <variant>

namespace ikediff::model {

template <class T>
class result {
public:
    result(T value) : m_state(std::move(value)) {}
    result(diagnostic error) : m_state(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }
    T& value() { return std::get<T>(m_state); }
    const T& value() const { return std::get<T>(m_state); }
    const diagnostic& error() const { return std::get<diagnostic>(m_state); }

private:
    std::variant<T, diagnostic> m_state;
};

} // namespace ikediff::model
