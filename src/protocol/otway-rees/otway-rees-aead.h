/**
 * \file
 * The AEAD of every sealed part (doc/otway-rees.md): AES-256-GCM under a 32-byte long-term key,
 * a random 12-byte IV carried in front of the ciphertext, and associated data that names the
 * protocol, its version and the part's type tag, so a ciphertext of one kind never opens as
 * another kind (type flaw, reflection).
 */
#ifndef MEDIASEC_OTWAY_REES_AEAD_H
#define MEDIASEC_OTWAY_REES_AEAD_H

#include "otway-rees-constants.h"
#include "otway-rees-schema.h"
#include "protocol/common/bytes.h"
#include "protocol/common/result.h"
#include "protocol/crypto/drbg.h"
#include "protocol/kms/ticket-crypto.h"

namespace mediasec
{
namespace otway
{

/**
 * \return the associated data of a part of type \p tag: the ASCII "otway-rees" || kVersion ||
 * tag (12 bytes)
 */
Bytes SealedPartAad(FieldType tag);

/**
 * \brief Seals \p plaintext under \p key as a part of type \p tag.
 * \param key a kLongTermKeyLength-byte key
 * \param drbg the source of the IV (one generate call)
 * \param ops counts one random and one cipher operation
 * \return IV (12) || ciphertext || tag (16); BadLength for another key length, CryptoFailure
 */
Result<Bytes> SealPart(const Bytes& key, FieldType tag, const Bytes& plaintext, Drbg& drbg,
                       kms::CryptoOps& ops);

/**
 * \brief Opens a part sealed by SealPart with the same key and type tag.
 * \param ops counts one cipher operation (when the value is long enough to try)
 * \return the plaintext; Truncated (shorter than kMinSealedLength), BadLength (key length),
 * AuthFailed naming \p what (wrong key, other type tag or altered bytes)
 */
Result<Bytes> OpenPart(const Bytes& key, FieldType tag, const Bytes& sealed, const char* what,
                       kms::CryptoOps& ops);

/**
 * \brief Opens a sealed part and decodes its fields.
 * \return the decoded inside of \p sealed, or the errors of OpenPart and of DecodeFields
 */
template<typename T>
Result<T>
OpenFields(const Bytes& key, FieldType tag, const Bytes& sealed, const char* what,
           const Schema<T>& schema, const char* context, kms::CryptoOps& ops)
{
    auto plaintext = OpenPart(key, tag, sealed, what, ops);
    if (!plaintext)
    {
        return plaintext.GetError();
    }
    return DecodeFields(plaintext.Value(), schema, context);
}

} // namespace otway
} // namespace mediasec

#endif
