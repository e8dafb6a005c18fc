#include "digest.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

namespace mediasec
{

Bytes
Sha256(const Bytes& data)
{
    static EVP_MD* const sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    Bytes out(32);
    unsigned int outLength = 0;
    if (sha256 == nullptr ||
        EVP_Digest(data.data(), data.size(), out.data(), &outLength, sha256, nullptr) != 1 ||
        outLength != out.size())
    {
        return {};
    }
    return out;
}

std::string
KeyFingerprint(const Bytes& masterKey, const Bytes& masterSalt)
{
    Bytes keySalt(masterKey);
    keySalt.insert(keySalt.end(), masterSalt.begin(), masterSalt.end());
    Bytes digest = Sha256(keySalt);
    OPENSSL_cleanse(keySalt.data(), keySalt.size());
    digest.resize(8);
    return ToHex(digest);
}

} // namespace mediasec
