/**
 * \file
 * Read access to the payloads of a MIKEY-TICKET message or Ticket Policy by type and role
 * (RFC 6043 4.2: unexpected payloads are ignored, so the first match is used), and the small
 * payload constructors the MIKEY-TICKET exchanges share.
 */
#ifndef MEDIASEC_TICKET_FIELDS_H
#define MEDIASEC_TICKET_FIELDS_H

#include "mikey-message.h"

#include <cstdint>
#include <string>
#include <vector>

namespace mediasec
{
namespace mikey
{

/** \return the first payload of type \p T in \p message, or nullptr. */
template<typename T>
const T*
FindPayload(const MikeyMessage& message)
{
    for (const Payload& p : message.payloads)
    {
        if (const T* found = std::get_if<T>(&p))
        {
            return found;
        }
    }
    return nullptr;
}

/** \return the first IDR with role \p role in \p message, or nullptr. */
const IdRolePayload* FindIdr(const MikeyMessage& message, IdRole role);

/** \return the first RANDR with role \p role in \p message, or nullptr. */
const RandRolePayload* FindRandr(const MikeyMessage& message, RandRole role);

/** \return the ID Data of every IDR with role \p role in the TP Data of \p policy. */
std::vector<std::string> PolicyIdentities(const TicketPolicyPayload& policy, IdRole role);

/** \return the first TR with role \p role in the TP Data of \p policy, or nullptr. */
const TimestampRolePayload* PolicyTimestamp(const TicketPolicyPayload& policy, TsRole role);

/** \return the ID Data of \p idr as text. */
std::string IdText(const IdRolePayload& idr);

/** \return an IDR payload of ID type URI with \p text as ID Data. */
IdRolePayload MakeIdr(IdRole role, const std::string& text);

/** \return an NTP-UTC T payload of \p unixNs (NtpFromNs). */
TimestampPayload MakeNtpTimestamp(int64_t unixNs);

/** \return an NTP-UTC TR payload of role \p role at \p unixNs. */
TimestampRolePayload MakeNtpTimestampRole(TsRole role, int64_t unixNs);

/** \return a Key data sub-payload of \p type holding \p key (no salt, KV NULL). */
KeyDataPayload MakeKeyData(KeyDataType type, const Bytes& key);

} // namespace mikey
} // namespace mediasec

#endif
