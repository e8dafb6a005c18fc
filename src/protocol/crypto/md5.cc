#include "md5.h"

#include <openssl/evp.h>

namespace mediasec
{

Bytes
Md5(const Bytes& data)
{
    static EVP_MD* const md5 = EVP_MD_fetch(nullptr, "MD5", nullptr);
    Bytes out(16);
    unsigned int outLength = 0;
    if (md5 == nullptr ||
        EVP_Digest(data.data(), data.size(), out.data(), &outLength, md5, nullptr) != 1 ||
        outLength != out.size())
    {
        return {};
    }
    return out;
}

} // namespace mediasec
