/**
 * \file
 * MD5 (RFC 1321), needed only by HTTP Digest authentication (RFC 2617, RFC 3310 AKAv1-MD5).
 * Not to be used for anything else.
 */
#ifndef MEDIASEC_MD5_H
#define MEDIASEC_MD5_H

#include "protocol/common/bytes.h"

namespace mediasec
{

/** \return MD5 of \p data (16 bytes); empty only if OpenSSL fails internally. */
Bytes Md5(const Bytes& data);

} // namespace mediasec

#endif
