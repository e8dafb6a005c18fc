/**
 * \file
 * One direction of an SRTP/SRTCP crypto context (RFC 3711) over Debian's libsrtp2.
 */
#ifndef MEDIASEC_SRTP_SESSION_H
#define MEDIASEC_SRTP_SESSION_H

#include "protocol/common/bytes.h"
#include "srtp-suite.h"

#include <cstdint>
#include <memory>

namespace mediasec
{

/** \brief Whether a session protects what this node sends or verifies what it receives. */
enum class SrtpDirection
{
    Outbound, //!< Protect / ProtectRtcp (libsrtp ssrc_any_outbound)
    Inbound,  //!< Unprotect / UnprotectRtcp (libsrtp ssrc_any_inbound)
};

/** \brief The master key material of one direction, as negotiated by SDES or MIKEY. */
struct SrtpKeyMaterial
{
    SrtpSuite suite;  //!< crypto suite
    Bytes masterKey;  //!< SrtpMasterKeyLength(suite) bytes
    Bytes masterSalt; //!< SrtpMasterSaltLength(suite) bytes
};

/** \brief Per-session packet counters (RTP and RTCP together). */
struct SrtpCounters
{
    uint64_t protectedPackets = 0;   //!< packets protected successfully
    uint64_t unprotectedPackets = 0; //!< packets verified and decrypted successfully
    uint64_t rejectedAuth = 0;       //!< packets whose tag did not verify
    uint64_t rejectedReplay = 0;     //!< packets rejected by the replay window
    uint64_t rejectedOther = 0;      //!< any other failed call (malformed, wrong direction...)
};

/**
 * \brief One direction of SRTP and SRTCP for every SSRC under one master key.
 *
 * Protect* and Unprotect* work in place on the packet bytes. The vector grows by at most the
 * libsrtp maximum trailer while libsrtp runs and is then cut to the real length, so a buffer
 * reused across packets stops allocating once its capacity covers the largest packet plus
 * the trailer. Not copyable, not movable (owned through std::unique_ptr), not thread-safe.
 */
class SrtpSession
{
  public:
    static constexpr uint32_t kDefaultReplayWindow = 128; //!< replay window in packets

    /**
     * \brief Creates a libsrtp context for \p direction (srtp_init runs once per process).
     * \param direction Outbound (protect) or Inbound (unprotect)
     * \param keys suite, master key and master salt
     * \param replayWindow replay window size in packets, 64..32767
     * \return the session, BadLength for a key or salt length that does not match the suite,
     * OutOfRange for the window size, CryptoFailure with the libsrtp status if libsrtp fails
     */
    static Result<std::unique_ptr<SrtpSession>> Create(
        SrtpDirection direction, const SrtpKeyMaterial& keys,
        uint32_t replayWindow = kDefaultReplayWindow);

    /** \brief Deallocates the libsrtp context. */
    ~SrtpSession();
    SrtpSession(const SrtpSession&) = delete;
    SrtpSession& operator=(const SrtpSession&) = delete;

    /**
     * \brief RTP -> SRTP in place (the packet grows by the tag).
     * \return Ok, InvalidState on an inbound session, Truncated below 12 bytes, TooLarge,
     * Malformed or CryptoFailure (detail names the libsrtp status)
     */
    Status Protect(Bytes& packet);

    /**
     * \brief SRTP -> RTP in place (the packet shrinks by the tag). On failure the packet keeps
     * its length; its contents are unspecified.
     * \return Ok, Replay (replay_fail or replay_old), AuthFailed (auth_fail), InvalidState on
     * an outbound session, Truncated below 12 bytes, TooLarge, Malformed or CryptoFailure
     */
    Status Unprotect(Bytes& packet);

    /**
     * \brief RTCP -> SRTCP in place (adds E || SRTCP index and the tag).
     * \return as Protect, Truncated below 8 bytes
     */
    Status ProtectRtcp(Bytes& packet);

    /**
     * \brief SRTCP -> RTCP in place.
     * \return as Unprotect, Truncated below 8 bytes
     */
    Status UnprotectRtcp(Bytes& packet);

    /** \return the packet counters. */
    const SrtpCounters& Counters() const;

    /** \return the direction given at creation. */
    SrtpDirection Direction() const;

    /** \return the suite given at creation. */
    SrtpSuite Suite() const;

  private:
    struct Impl;
    /** \brief The four libsrtp operations. */
    enum class Operation
    {
        Protect,
        Unprotect,
        ProtectRtcp,
        UnprotectRtcp,
    };

    /** \brief Takes ownership of the libsrtp context. \param impl the context */
    SrtpSession(std::unique_ptr<Impl> impl, SrtpDirection direction, SrtpSuite suite);

    /** \brief Runs \p op on \p packet and counts the outcome. \return the status */
    Status Run(Operation op, Bytes& packet);

    std::unique_ptr<Impl> m_impl; //!< libsrtp context
    SrtpDirection m_direction;    //!< protect or unprotect
    SrtpSuite m_suite;            //!< crypto suite
    SrtpCounters m_counters;      //!< outcome counters
};

} // namespace mediasec

#endif
