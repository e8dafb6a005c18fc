/**
 * \file
 * Deterministic random bit generator: HMAC_DRBG with SHA-256 (NIST SP 800-90A Rev. 1, 10.1.2),
 * seeded per node from the run seed so that simulations are reproducible.
 */
#ifndef MEDIASEC_DRBG_H
#define MEDIASEC_DRBG_H

#include "hmac.h"
#include "protocol/common/bytes.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace mediasec
{

/**
 * \brief HMAC_DRBG (SHA-256, no prediction resistance, no additional input on generate).
 *
 * FromSeed() gives every (run seed, node label) pair its own reproducible stream: the same
 * pair always yields the same bytes, different labels yield independent streams. Such a
 * stream has at most 64 bits of entropy: it is meant for simulation, not for real keys, which
 * FromOs() provides. Reseeding is never needed in practice (the SP 800-90A interval is 2^48
 * requests). Movable, not copyable, not thread-safe.
 *
 * FromSeed() and FromOs() terminate the process if OpenSSL cannot provide HMAC-SHA-256 (or,
 * for FromOs(), entropy): there is no meaningful way to continue without either. Generating
 * from a moved-from instance terminates as well. Each generate call costs a few HMACs (about
 * 1 us for up to 32 bytes); it is meant for keys, nonces and identifiers, not per packet.
 */
class Drbg
{
  public:
    /**
     * \brief The reproducible generator of one node in one run.
     * \param runSeed the run seed of the scenario
     * \param nodeLabel a name unique to the node (and purpose) within the run
     * \return an instance whose seed material is runSeed (8 bytes, big-endian) || a fixed
     * project nonce || nodeLabel (the personalization string)
     */
    static Drbg FromSeed(uint64_t runSeed, std::string_view nodeLabel);

    /** \return an instance seeded with 32 bytes of entropy and a 16-byte nonce from RAND_bytes. */
    static Drbg FromOs();

    /**
     * \brief The SP 800-90A Instantiate function with explicit inputs (used by the NIST
     * known-answer tests and by the factories above).
     * \return the instance, or CryptoFailure if OpenSSL cannot provide HMAC-SHA-256
     */
    static Result<Drbg> FromEntropy(const Bytes& entropy, const Bytes& nonce,
                                    const Bytes& personalization);

    /**
     * \brief Produces \p n pseudo-random bytes. Requests above 65536 bytes (the SP 800-90A
     * maximum) are served as several consecutive generate calls.
     * \return the bytes
     */
    Bytes Generate(size_t n);

    /** \return the next 4 bytes of Generate(4) read as a big-endian integer. */
    uint32_t NextU32();

    /** \return the next 8 bytes of Generate(8) read as a big-endian integer. */
    uint64_t NextU64();

    /** \brief Wipes the state. */
    ~Drbg();
    /** \brief Move constructor (the source becomes unusable). */
    Drbg(Drbg&& other) noexcept = default;
    /** \brief Move assignment (the source becomes unusable). \return *this */
    Drbg& operator=(Drbg&& other) noexcept = default;
    Drbg(const Drbg&) = delete;
    Drbg& operator=(const Drbg&) = delete;

  private:
    /** \brief Wraps a keyed HMAC and the chaining value. \param hmac keyed with K \param v V */
    Drbg(Hmac hmac, Bytes v);

    /** \brief The HMAC_DRBG_Update function (SP 800-90A 10.1.2.2). \param provided input */
    void Update(const Bytes& provided);

    /**
     * \brief One half of Update: K = HMAC(K, V || round || provided), V = HMAC(K, V).
     * \param round the separator byte (0x00 or 0x01) \param provided input
     */
    void UpdateRound(uint8_t round, const Bytes& provided);

    /** \brief V = HMAC(K, V). */
    void NextV();

    /** \brief Generates one request of at most 65536 bytes into \p out. \param n length */
    void GenerateRequest(size_t n, Bytes& out);

    Hmac m_hmac; //!< HMAC-SHA-256 keyed with the working state K
    Bytes m_v;   //!< the working state V (32 bytes)
};

} // namespace mediasec

#endif
