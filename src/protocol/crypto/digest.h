/**
 * \file
 * SHA-256 (FIPS 180-4) and the media key fingerprint used to track which nodes held a key.
 */
#ifndef MEDIASEC_DIGEST_H
#define MEDIASEC_DIGEST_H

#include "protocol/common/bytes.h"

#include <string>

namespace mediasec
{

/** \return SHA-256 of \p data (32 bytes); empty only if OpenSSL fails internally. */
Bytes Sha256(const Bytes& data);

/**
 * \brief A short, stable name of a media key that does not reveal it.
 * \return the first 8 bytes of SHA-256(masterKey || masterSalt) as 16 lower-case hex digits
 */
std::string KeyFingerprint(const Bytes& masterKey, const Bytes& masterSalt);

} // namespace mediasec

#endif
