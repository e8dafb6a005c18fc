#include "otway-rees-refusal.h"

#include <string>

namespace mediasec
{
namespace otway
{

const char*
RefusalName(Refusal refusal)
{
    switch (refusal)
    {
    case Refusal::Malformed:
        return "malformed";
    case Refusal::UnknownIdentity:
        return "unknown-identity";
    case Refusal::OpenFailed:
        return "open-failed";
    case Refusal::IdentityMismatch:
        return "identity-mismatch";
    case Refusal::SessionMismatch:
        return "session-mismatch";
    case Refusal::Stale:
        return "stale";
    case Refusal::Replay:
        return "replay";
    case Refusal::NotAuthorized:
        return "not-authorized";
    case Refusal::Internal:
        return "internal";
    }
    return "unknown";
}

Result<Refusal>
RefusalFromCode(uint8_t code)
{
    if (code == 0 || code > kRefusalCount)
    {
        return MakeError(Errc::OutOfRange, "refusal code " + std::to_string(code));
    }
    return static_cast<Refusal>(code);
}

} // namespace otway
} // namespace mediasec
