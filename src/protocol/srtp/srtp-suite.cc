#include "srtp-suite.h"

namespace mediasec
{

const char*
SrtpSuiteName(SrtpSuite suite)
{
    switch (suite)
    {
    case SrtpSuite::AesCm128HmacSha1_80:
        return "AES_CM_128_HMAC_SHA1_80";
    case SrtpSuite::AesCm128HmacSha1_32:
        return "AES_CM_128_HMAC_SHA1_32";
    case SrtpSuite::AeadAes128Gcm:
        return "AEAD_AES_128_GCM";
    }
    return "";
}

std::optional<SrtpSuite>
SrtpSuiteFromName(std::string_view name)
{
    for (SrtpSuite s : {SrtpSuite::AesCm128HmacSha1_80, SrtpSuite::AesCm128HmacSha1_32,
                        SrtpSuite::AeadAes128Gcm})
    {
        if (name == SrtpSuiteName(s))
        {
            return s;
        }
    }
    return std::nullopt;
}

size_t
SrtpMasterKeyLength(SrtpSuite)
{
    return 16;
}

size_t
SrtpMasterSaltLength(SrtpSuite suite)
{
    return suite == SrtpSuite::AeadAes128Gcm ? 12 : 14;
}

size_t
SrtpTagLength(SrtpSuite suite)
{
    switch (suite)
    {
    case SrtpSuite::AesCm128HmacSha1_80:
        return 10;
    case SrtpSuite::AesCm128HmacSha1_32:
        return 4;
    case SrtpSuite::AeadAes128Gcm:
        return 16;
    }
    return 0;
}

} // namespace mediasec
