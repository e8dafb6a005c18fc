#include "error.h"

namespace mediasec
{

const char*
ErrcName(Errc code)
{
    switch (code)
    {
    case Errc::Truncated:
        return "truncated";
    case Errc::Malformed:
        return "malformed";
    case Errc::OutOfRange:
        return "out-of-range";
    case Errc::Unsupported:
        return "unsupported";
    case Errc::TooLarge:
        return "too-large";
    case Errc::MissingField:
        return "missing-field";
    case Errc::BadLength:
        return "bad-length";
    case Errc::AuthFailed:
        return "auth-failed";
    case Errc::Replay:
        return "replay";
    case Errc::CryptoFailure:
        return "crypto-failure";
    case Errc::InvalidState:
        return "invalid-state";
    case Errc::Unreachable:
        return "unreachable";
    }
    return "unknown";
}

std::string
Error::ToString() const
{
    return std::string(ErrcName(code)) + ": " + detail;
}

} // namespace mediasec
