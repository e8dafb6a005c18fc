/**
 * \file
 * AES-128 single-block encryption (FIPS 197) over OpenSSL 3: the E_K of Milenage (TS 35.206).
 */
#ifndef MEDIASEC_AES_BLOCK_H
#define MEDIASEC_AES_BLOCK_H

#include "protocol/common/bytes.h"

#include <array>
#include <cstdint>
#include <memory>

namespace mediasec
{

/**
 * \brief The AES-128 block cipher applied to one 16-byte block at a time (ECB without padding).
 *
 * The cipher is fetched once per process and the keyed context is reused for every block, so
 * Encrypt() costs one block operation. Movable, not copyable, not thread-safe.
 */
class AesBlock
{
  public:
    /** \brief One AES block. */
    using Block = std::array<uint8_t, 16>;

    /**
     * \brief Keys a new instance.
     * \param key16 the 16-byte AES-128 key
     * \return the instance, BadLength for another key length, CryptoFailure if OpenSSL fails
     */
    static Result<AesBlock> Create(const Bytes& key16);

    /** \brief Releases the OpenSSL context. */
    ~AesBlock();
    /** \brief Move constructor (the source becomes unusable). */
    AesBlock(AesBlock&& other) noexcept;
    /** \brief Move assignment (the source becomes unusable). \return *this */
    AesBlock& operator=(AesBlock&& other) noexcept;
    AesBlock(const AesBlock&) = delete;
    AesBlock& operator=(const AesBlock&) = delete;

    /**
     * \brief Encrypts one block.
     * \param in the plaintext block
     * \return the ciphertext block, InvalidState on a moved-from instance, CryptoFailure if
     * OpenSSL fails
     */
    Result<Block> Encrypt(const Block& in);

  private:
    struct Impl;
    /** \brief Takes ownership of a keyed implementation. \param impl the implementation */
    explicit AesBlock(std::unique_ptr<Impl> impl);

    std::unique_ptr<Impl> m_impl; //!< OpenSSL context (null when moved from)
};

} // namespace mediasec

#endif
