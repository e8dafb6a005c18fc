/**
 * \file
 * HMAC (RFC 2104) with SHA-1 or SHA-256 over OpenSSL 3, keyed once and reused per message.
 */
#ifndef MEDIASEC_HMAC_H
#define MEDIASEC_HMAC_H

#include "protocol/common/bytes.h"

#include <cstddef>
#include <memory>

namespace mediasec
{

/** \brief The hash functions HMAC is used with in the project. */
enum class HmacDigest
{
    Sha1,   //!< HMAC-SHA-1 (SRTP, MIKEY), 20-byte output
    Sha256, //!< HMAC-SHA-256 (MIKEY-TICKET, GBA, DRBG), 32-byte output
};

/** \return the output length in bytes of HMAC with \p digest (20 or 32). */
size_t HmacLength(HmacDigest digest);

/**
 * \brief A keyed HMAC: the MAC algorithm is fetched once per process and the keyed context is
 * re-initialised (not re-keyed) for every message. Movable, not copyable, not thread-safe.
 */
class Hmac
{
  public:
    /**
     * \brief Keys a new instance.
     * \param digest the hash function
     * \param key the key (any length, including empty)
     * \return the instance, or CryptoFailure if OpenSSL fails
     */
    static Result<Hmac> Create(HmacDigest digest, const Bytes& key);

    /** \brief Releases the OpenSSL context. */
    ~Hmac();
    /** \brief Move constructor (the source becomes unusable). */
    Hmac(Hmac&& other) noexcept;
    /** \brief Move assignment (the source becomes unusable). \return *this */
    Hmac& operator=(Hmac&& other) noexcept;
    Hmac(const Hmac&) = delete;
    Hmac& operator=(const Hmac&) = delete;

    /**
     * \brief Computes the MAC of \p data under the current key.
     * \return the full-length MAC (HmacLength() bytes); empty only if the instance was moved
     * from or OpenSSL failed internally
     */
    Bytes Compute(const Bytes& data);

    /**
     * \brief Replaces the key, reusing the context (cheaper than Create for a new key).
     * \return Ok, InvalidState on a moved-from instance, or CryptoFailure
     */
    Status SetKey(const Bytes& key);

    /** \return the MAC length in bytes (20 or 32). */
    size_t Length() const;

  private:
    struct Impl;
    /** \brief Takes ownership of a keyed implementation. \param impl the implementation */
    explicit Hmac(std::unique_ptr<Impl> impl);

    std::unique_ptr<Impl> m_impl; //!< OpenSSL context (null when moved from)
};

/**
 * \brief Compares two byte strings in time independent of their contents (for MACs and tags).
 * \return true when \p a and \p b have the same length and the same bytes; the lengths are
 * not secret and a length mismatch returns early
 */
bool ConstantTimeEqual(const Bytes& a, const Bytes& b);

} // namespace mediasec

#endif
