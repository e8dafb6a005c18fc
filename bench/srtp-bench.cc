// M1 srtp_wrapper_overhead (doc PERF.md section 4): ns per protect+unprotect pair of our
// SrtpSession, including the copy into and out of an ns-3 Packet as the media models do it,
// divided by the same pair on raw Debian libsrtp2, both measured in this process. Each round
// interleaves the sides batch by batch (1024 packets); the ratio is taken per round. The
// packets are 172-byte RTP (12-byte header + 160 bytes of G.711), fresh each time.
//
// Usage: srtp-bench [rounds (default 7, at least 5)] [packets per round and side (150000)]
#include "ns3/packet.h"
#include "ns3/ptr.h"
#include "protocol/srtp/srtp-session.h"

#include "bench-stats.h"

#include <srtp2/srtp.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace
{

using mediasec::Bytes;
using mediasec::SrtpSuite;

constexpr size_t kBatch = 1024;
constexpr size_t kHeader = 12;
constexpr size_t kPayload = 160;
constexpr size_t kRtpLength = kHeader + kPayload;
constexpr size_t kSlot = kRtpLength + SRTP_MAX_TRAILER_LEN;

/** \brief Wall-clock seconds of a monotonic clock. */
double
Now()
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

/** \brief Aborts the benchmark with \p what (a failed operation invalidates the figures). */
[[noreturn]] void
Fail(const std::string& what)
{
    std::fprintf(stderr, "srtp-bench: %s\n", what.c_str());
    std::exit(1);
}

/** \brief Writes a fresh G.711 RTP packet with sequence number \p seq to \p p (172 bytes). */
void
WriteRtp(uint8_t* p, uint32_t seq, uint32_t ssrc)
{
    const uint32_t ts = seq * 160;
    const uint8_t header[kHeader] = {0x80,
                                     0x00,
                                     static_cast<uint8_t>(seq >> 8),
                                     static_cast<uint8_t>(seq),
                                     static_cast<uint8_t>(ts >> 24),
                                     static_cast<uint8_t>(ts >> 16),
                                     static_cast<uint8_t>(ts >> 8),
                                     static_cast<uint8_t>(ts),
                                     static_cast<uint8_t>(ssrc >> 24),
                                     static_cast<uint8_t>(ssrc >> 16),
                                     static_cast<uint8_t>(ssrc >> 8),
                                     static_cast<uint8_t>(ssrc)};
    std::memcpy(p, header, kHeader);
    std::memset(p + kHeader, 0xd5, kPayload);
}

/** \brief The master key || salt both sides use (the bytes of PERF.md's srtp_bench.c). */
Bytes
KeySalt()
{
    Bytes key(SRTP_MAX_KEY_LEN);
    for (size_t i = 0; i < key.size(); ++i)
    {
        key[i] = static_cast<uint8_t>(i * 7 + 1);
    }
    return key;
}

/** \brief Timings of one side for one round. */
struct Timing
{
    double protectSeconds = 0;   //!< sum over batches
    double unprotectSeconds = 0; //!< sum over batches
    size_t packets = 0;          //!< pairs done

    /** \return ns per protect+unprotect pair */
    double
    PairNs() const
    {
        return (protectSeconds + unprotectSeconds) / static_cast<double>(packets) * 1e9;
    }
};

/** \brief Baseline: Debian libsrtp2 called directly on a static ring of packet slots. */
class RawSide
{
  public:
    explicit RawSide(SrtpSuite suite)
    {
        Bytes key = KeySalt();
        const bool gcm = suite == SrtpSuite::AeadAes128Gcm;
        for (int inbound = 0; inbound < 2; ++inbound)
        {
            srtp_policy_t policy{};
            if (gcm)
            {
                srtp_crypto_policy_set_aes_gcm_128_16_auth(&policy.rtp);
                srtp_crypto_policy_set_aes_gcm_128_16_auth(&policy.rtcp);
            }
            else
            {
                srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(&policy.rtp);
                srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(&policy.rtcp);
            }
            policy.ssrc.type = inbound ? ssrc_any_inbound : ssrc_any_outbound;
            policy.key = key.data();
            policy.window_size = 128;
            if (srtp_create(inbound ? &m_rx : &m_tx, &policy) != srtp_err_status_ok)
            {
                Fail("raw srtp_create failed");
            }
        }
    }

    ~RawSide()
    {
        srtp_dealloc(m_tx);
        srtp_dealloc(m_rx);
    }

    RawSide(const RawSide&) = delete;
    RawSide& operator=(const RawSide&) = delete;

    /** \brief Protects, then unprotects one batch of fresh packets. \param t adds the time */
    void
    RunBatch(Timing& t)
    {
        for (size_t i = 0; i < kBatch; ++i, ++m_seq)
        {
            WriteRtp(m_ring[i].data(), m_seq, 0xdeadbeef);
            m_length[i] = static_cast<int>(kRtpLength);
        }
        const double t0 = Now();
        for (size_t i = 0; i < kBatch; ++i)
        {
            if (srtp_protect(m_tx, m_ring[i].data(), &m_length[i]) != srtp_err_status_ok)
            {
                Fail("raw srtp_protect failed");
            }
        }
        const double t1 = Now();
        for (size_t i = 0; i < kBatch; ++i)
        {
            if (srtp_unprotect(m_rx, m_ring[i].data(), &m_length[i]) != srtp_err_status_ok)
            {
                Fail("raw srtp_unprotect failed");
            }
        }
        const double t2 = Now();
        t.protectSeconds += t1 - t0;
        t.unprotectSeconds += t2 - t1;
        t.packets += kBatch;
        if (m_length[kBatch - 1] != static_cast<int>(kRtpLength) ||
            m_ring[kBatch - 1][kHeader] != 0xd5)
        {
            Fail("raw round trip did not restore the packet");
        }
    }

  private:
    srtp_t m_tx = nullptr;                                  //!< outbound context
    srtp_t m_rx = nullptr;                                  //!< inbound context
    std::vector<std::array<uint8_t, kSlot>> m_ring{kBatch}; //!< packet slots
    std::array<int, kBatch> m_length{};                     //!< current packet lengths
    uint32_t m_seq = 0;                                     //!< next sequence number
};

/**
 * \brief Subject: SrtpSession. With \p viaNs3, the sender's protected bytes become an
 * ns3::Packet (Create<Packet>) and the receiver copies them out into its reused buffer
 * (Packet::CopyData) before Unprotect, and the packet is released, as the media models do.
 */
class OurSide
{
  public:
    OurSide(SrtpSuite suite, bool viaNs3)
        : m_viaNs3(viaNs3)
    {
        const Bytes keySalt = KeySalt();
        const size_t saltLength = mediasec::SrtpMasterSaltLength(suite);
        const mediasec::SrtpKeyMaterial keys{
            suite, Bytes(keySalt.begin(), keySalt.begin() + 16),
            Bytes(keySalt.begin() + 16, keySalt.begin() + 16 + saltLength)};
        auto tx = mediasec::SrtpSession::Create(mediasec::SrtpDirection::Outbound, keys);
        auto rx = mediasec::SrtpSession::Create(mediasec::SrtpDirection::Inbound, keys);
        if (!tx || !rx)
        {
            Fail("SrtpSession::Create failed: " + (!tx ? tx : rx).GetError().ToString());
        }
        m_tx = std::move(tx).Value();
        m_rx = std::move(rx).Value();
        for (auto& buffer : m_ring)
        {
            buffer.reserve(kSlot);
        }
        m_rxBuffer.reserve(kSlot);
    }

    /** \brief Protects, then unprotects one batch of fresh packets. \param t adds the time */
    void
    RunBatch(Timing& t)
    {
        for (size_t i = 0; i < kBatch; ++i, ++m_seq)
        {
            m_ring[i].resize(kRtpLength);
            WriteRtp(m_ring[i].data(), m_seq, 0xdeadbeef);
        }
        const double t0 = Now();
        for (size_t i = 0; i < kBatch; ++i)
        {
            if (!m_tx->Protect(m_ring[i]))
            {
                Fail("SrtpSession::Protect failed");
            }
            if (m_viaNs3)
            {
                m_packets[i] = ns3::Create<ns3::Packet>(m_ring[i].data(), m_ring[i].size());
            }
        }
        const double t1 = Now();
        for (size_t i = 0; i < kBatch; ++i)
        {
            Bytes& buffer = m_viaNs3 ? m_rxBuffer : m_ring[i];
            if (m_viaNs3)
            {
                buffer.resize(m_packets[i]->GetSize());
                m_packets[i]->CopyData(buffer.data(), buffer.size());
                m_packets[i] = nullptr;
            }
            if (!m_rx->Unprotect(buffer))
            {
                Fail("SrtpSession::Unprotect failed");
            }
        }
        const double t2 = Now();
        t.protectSeconds += t1 - t0;
        t.unprotectSeconds += t2 - t1;
        t.packets += kBatch;
        const Bytes& last = m_viaNs3 ? m_rxBuffer : m_ring[kBatch - 1];
        if (last.size() != kRtpLength || last[kHeader] != 0xd5)
        {
            Fail("SrtpSession round trip did not restore the packet");
        }
    }

  private:
    bool m_viaNs3;                                        //!< include the ns-3 Packet copies
    std::unique_ptr<mediasec::SrtpSession> m_tx;          //!< outbound session
    std::unique_ptr<mediasec::SrtpSession> m_rx;          //!< inbound session
    std::vector<Bytes> m_ring{kBatch};                    //!< sender buffers
    std::vector<ns3::Ptr<ns3::Packet>> m_packets{kBatch}; //!< packets in flight
    Bytes m_rxBuffer;                                     //!< receiver's reused buffer
    uint32_t m_seq = 0;                                   //!< next sequence number
};


} // namespace

int
main(int argc, char** argv)
{
    const int rounds = std::max(5, argc > 1 ? std::atoi(argv[1]) : 7);
    const size_t packets = argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 150000;
    // Create() runs srtp_init once; the raw side needs it first.
    if (!mediasec::SrtpSession::Create(mediasec::SrtpDirection::Outbound,
                                       {SrtpSuite::AesCm128HmacSha1_80, Bytes(16), Bytes(14)}))
    {
        Fail("srtp_init failed");
    }

    std::printf("M1 srtp_wrapper_overhead: %d interleaved rounds x %zu fresh 172-byte RTP packets "
                "per side and suite\n",
                rounds, packets);
    std::printf(
        "raw = Debian libsrtp2 srtp_protect+srtp_unprotect; ours = SrtpSession "
        "Protect + Create<Packet> + CopyData + Unprotect;\nwrapper = SrtpSession "
        "without ns-3 Packet (decomposition). Sides alternate batch by batch (1024 packets).\n"
        "Absolute ns are NOISY (shared VM); ratios are taken per round.\n\n");

    for (SrtpSuite suite : {SrtpSuite::AesCm128HmacSha1_80, SrtpSuite::AeadAes128Gcm})
    {
        RawSide raw(suite);
        OurSide ours(suite, true);
        OurSide wrapper(suite, false);
        std::vector<double> rawNs;
        std::vector<double> oursNs;
        std::vector<double> wrapperNs;
        std::vector<double> ratio;
        std::vector<double> wrapperRatio;
        std::printf("%s\n", mediasec::SrtpSuiteName(suite));
        std::printf("  round  raw pair ns  ours pair ns  wrapper pair ns  ours/raw  wrapper/raw\n");
        // Warm-up (page faults, NSS lazy init, stream creation) is not reported.
        Timing warmUp;
        raw.RunBatch(warmUp);
        ours.RunBatch(warmUp);
        wrapper.RunBatch(warmUp);
        for (int r = 0; r < rounds; ++r)
        {
            // Batches of the three sides alternate, in a rotating order, so that a change of
            // the host load hits every side alike.
            Timing tRaw;
            Timing tOurs;
            Timing tWrapper;
            const std::array<std::function<void()>, 3> sides = {
                [&] { raw.RunBatch(tRaw); }, [&] { ours.RunBatch(tOurs); },
                [&] { wrapper.RunBatch(tWrapper); }};
            for (size_t b = 0; b * kBatch < packets; ++b)
            {
                for (size_t k = 0; k < sides.size(); ++k)
                {
                    sides[(b + k) % sides.size()]();
                }
            }
            rawNs.push_back(tRaw.PairNs());
            oursNs.push_back(tOurs.PairNs());
            wrapperNs.push_back(tWrapper.PairNs());
            ratio.push_back(oursNs.back() / rawNs.back());
            wrapperRatio.push_back(wrapperNs.back() / rawNs.back());
            std::printf("  %5d  %11.1f  %12.1f  %15.1f  %8.3f  %11.3f\n", r + 1, rawNs.back(),
                        oursNs.back(), wrapperNs.back(), ratio.back(), wrapperRatio.back());
        }
        PrintSummary("M1 ours/raw (ratio)", ratio, "");
        PrintSummary("wrapper/raw (ratio)", wrapperRatio, "");
        PrintSummary("raw pair (NOISY)", rawNs, " ns");
        PrintSummary("ours pair (NOISY)", oursNs, " ns");
        PrintSummary("wrapper pair (NOISY)", wrapperNs, " ns");
        std::printf("  ours - raw per pair (NOISY): median %.1f ns\n\n",
                    Median(oursNs) - Median(rawNs));
    }
    return 0;
}
