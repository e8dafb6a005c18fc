/**
 * \file
 * The B-TIDs a KMS must know before it can answer a MIKEY-TICKET request: what a KMS acting as
 * GBA NAF asks the BSF for over Zn (TS 33.220 4.5.3) before it runs the KmsCore.
 */
#ifndef MEDIASEC_REQUEST_BTIDS_H
#define MEDIASEC_REQUEST_BTIDS_H

#include "protocol/common/bytes.h"
#include "protocol/common/result.h"

#include <string>
#include <vector>

namespace mediasec
{
namespace kms
{

/**
 * \brief Reads the B-TIDs a REQUEST_INIT or RESOLVE_INIT names without checking anything
 * else: the sender's IDRpsk and, in a RESOLVE_INIT whose TICKET carries Ticket Data with an
 * IDRpsk (an initiator-made ticket, D=0), the initiator's B-TID, without duplicates, sender
 * first. Ticket Data that does not parse is skipped (the KmsCore refuses that ticket itself).
 * \return the B-TIDs; Malformed (or the codec's error) when the message does not parse,
 *         MissingField when it has no IDRpsk
 */
Result<std::vector<std::string>> RequestBtids(const Bytes& message);

} // namespace kms
} // namespace mediasec

#endif
