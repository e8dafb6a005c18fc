/**
 * \file
 * AES-GCM authenticated encryption (NIST SP 800-38D) over OpenSSL 3, 96-bit IV, 128-bit tag.
 */
#ifndef MEDIASEC_AES_GCM_H
#define MEDIASEC_AES_GCM_H

#include "protocol/common/bytes.h"

#include <cstddef>
#include <memory>

namespace mediasec
{

/**
 * \brief AES-128/256-GCM with a 12-byte IV and a 16-byte tag appended to the ciphertext
 * (the AEAD_AES_128_GCM / AEAD_AES_256_GCM of RFC 5116 and RFC 7714).
 *
 * The cipher is fetched once per process; one keyed context per direction is reused for every
 * message. Movable, not copyable, not thread-safe.
 */
class AesGcm
{
  public:
    static constexpr size_t kIvLength = 12;  //!< IV (nonce) length in bytes
    static constexpr size_t kTagLength = 16; //!< authentication tag length in bytes

    /**
     * \brief Keys a new instance.
     * \param key 16 (AES-128) or 32 (AES-256) bytes
     * \return the instance, BadLength for another key length, CryptoFailure if OpenSSL fails
     */
    static Result<AesGcm> Create(const Bytes& key);

    /** \brief Releases the OpenSSL contexts. */
    ~AesGcm();
    /** \brief Move constructor (the source becomes unusable). */
    AesGcm(AesGcm&& other) noexcept;
    /** \brief Move assignment (the source becomes unusable). \return *this */
    AesGcm& operator=(AesGcm&& other) noexcept;
    AesGcm(const AesGcm&) = delete;
    AesGcm& operator=(const AesGcm&) = delete;

    /**
     * \brief Encrypts and authenticates.
     * \param iv12 the 12-byte IV (must never repeat under one key)
     * \param aad additional authenticated data (not encrypted)
     * \param plaintext the data to encrypt
     * \return ciphertext || 16-byte tag, BadLength for a wrong IV length, InvalidState on a
     * moved-from instance, CryptoFailure if OpenSSL fails
     */
    Result<Bytes> Seal(const Bytes& iv12, const Bytes& aad, const Bytes& plaintext);

    /**
     * \brief Verifies and decrypts.
     * \param iv12 the 12-byte IV used by Seal
     * \param aad the additional authenticated data used by Seal
     * \param ciphertextAndTag ciphertext || 16-byte tag
     * \return the plaintext, AuthFailed if the tag does not verify, Truncated if shorter than
     * the tag, BadLength for a wrong IV length, InvalidState on a moved-from instance
     */
    Result<Bytes> Open(const Bytes& iv12, const Bytes& aad, const Bytes& ciphertextAndTag);

  private:
    struct Impl;
    /** \brief Takes ownership of a keyed implementation. \param impl the implementation */
    explicit AesGcm(std::unique_ptr<Impl> impl);

    std::unique_ptr<Impl> m_impl; //!< OpenSSL contexts (null when moved from)
};

} // namespace mediasec

#endif
