/**
 * \file
 * AES in counter mode (NIST SP 800-38A) over OpenSSL 3, with a keyed context reused per message.
 */
#ifndef MEDIASEC_AES_CTR_H
#define MEDIASEC_AES_CTR_H

#include "protocol/common/bytes.h"

#include <memory>

namespace mediasec
{

/**
 * \brief AES-128/256 in CTR mode with a 128-bit big-endian counter block (the AES-CM of
 * RFC 3711 4.1.1 as long as fewer than 2^16 blocks are produced per IV).
 *
 * The cipher is fetched once per process; the keyed context is reused for every message, so
 * Apply() costs one IV set-up plus the keystream. Movable, not copyable, not thread-safe.
 */
class AesCtr
{
  public:
    /**
     * \brief Keys a new instance.
     * \param key 16 (AES-128) or 32 (AES-256) bytes
     * \return the instance, BadLength for another key length, CryptoFailure if OpenSSL fails
     */
    static Result<AesCtr> Create(const Bytes& key);

    /** \brief Releases the OpenSSL context. */
    ~AesCtr();
    /** \brief Move constructor (the source becomes unusable). */
    AesCtr(AesCtr&& other) noexcept;
    /** \brief Move assignment (the source becomes unusable). \return *this */
    AesCtr& operator=(AesCtr&& other) noexcept;
    AesCtr(const AesCtr&) = delete;
    AesCtr& operator=(const AesCtr&) = delete;

    /**
     * \brief XORs \p data with the keystream that starts at counter block \p iv16
     * (encryption and decryption are the same operation).
     * \return the output (same length as \p data), BadLength if \p iv16 is not 16 bytes,
     * InvalidState on a moved-from instance, CryptoFailure if OpenSSL fails
     */
    Result<Bytes> Apply(const Bytes& iv16, const Bytes& data);

  private:
    struct Impl;
    /** \brief Takes ownership of a keyed implementation. \param impl the implementation */
    explicit AesCtr(std::unique_ptr<Impl> impl);

    std::unique_ptr<Impl> m_impl; //!< OpenSSL context (null when moved from)
};

} // namespace mediasec

#endif
