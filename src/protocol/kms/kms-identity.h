/**
 * \file
 * KMS user identities and KMS user group identities (TS 33.328 6.2.3.2): the NAI part
 * (username@domain) of a SIP URI, and wildcard matching where '*' stands for one or more
 * characters.
 */
#ifndef MEDIASEC_KMS_IDENTITY_H
#define MEDIASEC_KMS_IDENTITY_H

#include <string>
#include <string_view>

namespace mediasec
{
namespace kms
{

/**
 * \brief The KMS user identity of a SIP URI: the URI without angle brackets, without a "sip:"
 * or "sips:" scheme and without URI parameters or headers (from the first ';' or '?'), e.g.
 * "sip:alice@example.com;transport=tcp" -> "alice@example.com". A NAI is returned unchanged.
 * \param uri the IMPU, IDRi/IDRr data or a group identity
 * \return the KMS user identity
 */
std::string KmsUserIdentity(std::string_view uri);

/**
 * \brief The FQDN of a KMS as a GBA NAF and HTTP host: "kms." + the domain of its identity
 * (project convention, e.g. "sip:kms@ims.test" -> "kms.ims.test"); the same name enters the
 * Ks_NAF derivation (NAF_Id) and the Ua Host header.
 * \param kmsUri the KMS identity (IDRkms)
 * \return the FQDN
 */
std::string KmsFqdn(std::string_view kmsUri);

/** \return true when \p identity contains the wildcard '*' (a KMS user group identity). */
bool IsGroupIdentity(std::string_view identity);

/**
 * \brief Matches a KMS user identity against an allowed recipient of a ticket. Both are
 * reduced with KmsUserIdentity first; each '*' of \p pattern matches one or more characters,
 * every other character matches itself (case-sensitive).
 * \param pattern an allowed recipient: a KMS user identity or group identity
 * \param identity a KMS user identity of the requester
 * \return true on a match
 */
bool MatchesRecipient(std::string_view pattern, std::string_view identity);

} // namespace kms
} // namespace mediasec

#endif
