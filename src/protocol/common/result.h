/**
 * \file
 * Result<T>: a value or a typed Error, the return type of every fallible core call.
 */
#ifndef MEDIASEC_RESULT_H
#define MEDIASEC_RESULT_H

#include "error.h"

#include <utility>
#include <variant>

namespace mediasec
{

/**
 * \brief Holds either a value of type T or an Error (a minimal std::expected for C++17).
 *
 * Accessing Value() of an error result or GetError() of a value result is a programmer
 * error and throws std::bad_variant_access.
 */
template <typename T>
class Result
{
  public:
    /** \brief Success. \param value the value */
    Result(T value)
        : m_v(std::move(value))
    {
    }

    /** \brief Failure. \param error the error */
    Result(Error error)
        : m_v(std::move(error))
    {
    }

    /** \return true when a value is held */
    bool IsOk() const
    {
        return m_v.index() == 0;
    }

    /** \return true when a value is held */
    explicit operator bool() const
    {
        return IsOk();
    }

    /** \return the value (requires IsOk()) */
    const T& Value() const&
    {
        return std::get<0>(m_v);
    }

    /** \return the value (requires IsOk()) */
    T& Value() &
    {
        return std::get<0>(m_v);
    }

    /** \return the value, moved out (requires IsOk()) */
    T&& Value() &&
    {
        return std::get<0>(std::move(m_v));
    }

    /** \return the error (requires !IsOk()) */
    const Error& GetError() const
    {
        return std::get<1>(m_v);
    }

  private:
    std::variant<T, Error> m_v; //!< value or error
};

/** \brief Empty success marker for Result<Ok> (a status without a value). */
struct Ok
{
};

/** \brief Status of an operation without a value. */
using Status = Result<Ok>;

/** \return an Error with \p code and \p detail (shorthand for return statements). */
inline Error
MakeError(Errc code, std::string detail)
{
    return Error{code, std::move(detail)};
}

} // namespace mediasec

#endif
