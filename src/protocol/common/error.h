/**
 * \file
 * Typed errors of the protocol core: every parser and exchange reports one of these
 * instead of throwing or aborting on wire input.
 */
#ifndef MEDIASEC_ERROR_H
#define MEDIASEC_ERROR_H

#include <string>

namespace mediasec
{

/**
 * \brief Error categories returned by the protocol core (libsrtp-style status model).
 */
enum class Errc
{
    Truncated,      //!< input ended before a required field
    Malformed,      //!< syntax does not match the grammar
    OutOfRange,     //!< a numeric field is outside its allowed range
    Unsupported,    //!< well-formed but not supported (suite, method, version)
    TooLarge,       //!< input exceeds a configured size limit
    MissingField,   //!< a mandatory header, line or parameter is absent
    BadLength,      //!< a declared length disagrees with the data
    AuthFailed,     //!< integrity check (MAC, tag) failed
    Replay,         //!< message or packet already seen
    CryptoFailure,  //!< the crypto library reported an internal failure
    InvalidState,   //!< operation not allowed in the current state
    Unreachable,    //!< the peer did not answer in time, refused or closed the connection
};

/** \return a stable lower-case name of \p code, e.g. "truncated". */
const char* ErrcName(Errc code);

/**
 * \brief An error: a category plus a human readable detail naming the offending field.
 */
struct Error
{
    Errc code;          //!< category
    std::string detail; //!< what was wrong, e.g. "CSeq: method does not match request line"

    /** \return "category: detail". */
    std::string ToString() const;
};

} // namespace mediasec

#endif
