/**
 * \file
 * The rules of RFC 4568 that span the a=crypto attributes of one SDP media description:
 * SRTP transport, unique tags, unique master keys.
 */
#ifndef MEDIASEC_MEDIA_CRYPTO_ATTRIBUTES_H
#define MEDIASEC_MEDIA_CRYPTO_ATTRIBUTES_H

#include "crypto-attribute.h"

#include <string>
#include <string_view>
#include <vector>

namespace mediasec
{
namespace sdes
{

/**
 * \brief Parses every a=crypto value of one media description and checks them together.
 *
 * Errors: any ParseCryptoAttribute error (detail prefixed with the attribute number);
 * Malformed when \p transport is not RTP/SAVP or RTP/SAVPF (a crypto line in the wrong m=
 * section; RFC 4568 is defined for the SRTP transports only), when a tag repeats (tags identify
 * the offered attributes, 5.1) or when a master key is offered twice (keys must be unique, 6.1).
 *
 * \param transport the proto field of the m= line, e.g. "RTP/SAVP"
 * \param values the a=crypto values of that media description, in order (may be empty)
 * \return the parsed attributes, in order
 */
Result<std::vector<CryptoAttribute>> ParseMediaCryptoAttributes(
    std::string_view transport, const std::vector<std::string>& values);

} // namespace sdes
} // namespace mediasec

#endif
