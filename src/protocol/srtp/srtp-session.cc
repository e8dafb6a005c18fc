#include "srtp-session.h"

#include <openssl/crypto.h>
#include <srtp2/srtp.h>

#include <climits>
#include <mutex>
#include <string>

namespace mediasec
{

namespace
{
constexpr size_t kRtpHeaderLength = 12; //!< RTP fixed header (RFC 3550 5.1)
constexpr size_t kRtcpHeaderLength = 8; //!< RTCP common header + SSRC (RFC 3550 6.4)
constexpr size_t kSrtcpIndexLength = 4; //!< E flag || SRTCP index (RFC 3711 3.4)
constexpr size_t kMaxTrailer = SRTP_MAX_TRAILER_LEN + kSrtcpIndexLength; //!< libsrtp contract
constexpr size_t kMaxPacket = INT_MAX - kMaxTrailer; //!< libsrtp takes lengths as int

/** \return the libsrtp name of \p status (srtp_err_status_<name>), or "unknown". */
const char*
StatusName(srtp_err_status_t status)
{
    static const char* const names[] = {
        "ok",         "fail",      "bad_param",   "alloc_fail",  "dealloc_fail", "init_fail",
        "terminus",   "auth_fail", "cipher_fail", "replay_fail", "replay_old",   "algo_fail",
        "no_such_op", "no_ctx",    "cant_check",  "key_expired", "socket_err",   "signal_err",
        "nonce_bad",  "read_fail", "write_fail",  "parse_err",   "encode_err",   "semaphore_err",
        "pfkey_err",  "bad_mki",   "pkt_idx_old", "pkt_idx_adv"};
    const auto index = static_cast<size_t>(status);
    return index < sizeof(names) / sizeof(names[0]) ? names[index] : "unknown";
}

/** \return "<call>: libsrtp status <n> (<name>)". */
std::string
StatusDetail(const char* call, srtp_err_status_t status)
{
    return std::string(call) + ": libsrtp status " + std::to_string(static_cast<int>(status)) +
           " (" + StatusName(status) + ")";
}

/** \return the status of the one srtp_init() of the process. */
srtp_err_status_t
InitLibrary()
{
    static std::once_flag once;
    static srtp_err_status_t status = srtp_err_status_fail;
    std::call_once(once, [] { status = srtp_init(); });
    return status;
}

/** \return the libsrtp protection profile of \p suite. */
srtp_profile_t
ProfileOf(SrtpSuite suite)
{
    switch (suite)
    {
    case SrtpSuite::AesCm128HmacSha1_80:
        return srtp_profile_aes128_cm_sha1_80;
    case SrtpSuite::AesCm128HmacSha1_32:
        return srtp_profile_aes128_cm_sha1_32;
    case SrtpSuite::AeadAes128Gcm:
        return srtp_profile_aead_aes_128_gcm;
    }
    return srtp_profile_reserved;
}
} // namespace

/** \brief The libsrtp context. */
struct SrtpSession::Impl
{
    srtp_t ctx = nullptr; //!< libsrtp session (one template stream for any SSRC)

    ~Impl()
    {
        if (ctx != nullptr)
        {
            srtp_dealloc(ctx);
        }
    }
};

SrtpSession::SrtpSession(std::unique_ptr<Impl> impl, SrtpDirection direction, SrtpSuite suite)
    : m_impl(std::move(impl))
    , m_direction(direction)
    , m_suite(suite)
{
}

SrtpSession::~SrtpSession() = default;

Result<std::unique_ptr<SrtpSession>>
SrtpSession::Create(SrtpDirection direction, const SrtpKeyMaterial& keys, uint32_t replayWindow)
{
    const char* suiteName = SrtpSuiteName(keys.suite);
    if (keys.masterKey.size() != SrtpMasterKeyLength(keys.suite))
    {
        return MakeError(Errc::BadLength, std::string("SRTP master key for ") + suiteName + ": " +
                                              std::to_string(keys.masterKey.size()) +
                                              " bytes, expected " +
                                              std::to_string(SrtpMasterKeyLength(keys.suite)));
    }
    if (keys.masterSalt.size() != SrtpMasterSaltLength(keys.suite))
    {
        return MakeError(Errc::BadLength, std::string("SRTP master salt for ") + suiteName + ": " +
                                              std::to_string(keys.masterSalt.size()) +
                                              " bytes, expected " +
                                              std::to_string(SrtpMasterSaltLength(keys.suite)));
    }
    if (replayWindow < 64 || replayWindow >= 0x8000)
    {
        return MakeError(Errc::OutOfRange, "SRTP replay window: " + std::to_string(replayWindow) +
                                               ", expected 64..32767");
    }
    if (srtp_err_status_t status = InitLibrary(); status != srtp_err_status_ok)
    {
        return MakeError(Errc::CryptoFailure, StatusDetail("srtp_init", status));
    }
    srtp_policy_t policy{};
    if (srtp_err_status_t status =
            srtp_crypto_policy_set_from_profile_for_rtp(&policy.rtp, ProfileOf(keys.suite));
        status != srtp_err_status_ok)
    {
        return MakeError(Errc::Unsupported, StatusDetail(suiteName, status));
    }
    if (srtp_err_status_t status =
            srtp_crypto_policy_set_from_profile_for_rtcp(&policy.rtcp, ProfileOf(keys.suite));
        status != srtp_err_status_ok)
    {
        return MakeError(Errc::Unsupported, StatusDetail(suiteName, status));
    }
    policy.ssrc.type = direction == SrtpDirection::Outbound ? ssrc_any_outbound : ssrc_any_inbound;
    Bytes keySalt(keys.masterKey);
    keySalt.insert(keySalt.end(), keys.masterSalt.begin(), keys.masterSalt.end());
    policy.key = keySalt.data();
    policy.window_size = replayWindow;
    auto impl = std::make_unique<Impl>();
    const srtp_err_status_t status = srtp_create(&impl->ctx, &policy);
    OPENSSL_cleanse(keySalt.data(), keySalt.size());
    if (status != srtp_err_status_ok)
    {
        impl->ctx = nullptr;
        return MakeError(Errc::CryptoFailure, StatusDetail("srtp_create", status));
    }
    return std::unique_ptr<SrtpSession>(new SrtpSession(std::move(impl), direction, keys.suite));
}

Status
SrtpSession::Protect(Bytes& packet)
{
    return Run(Operation::Protect, packet);
}

Status
SrtpSession::Unprotect(Bytes& packet)
{
    return Run(Operation::Unprotect, packet);
}

Status
SrtpSession::ProtectRtcp(Bytes& packet)
{
    return Run(Operation::ProtectRtcp, packet);
}

Status
SrtpSession::UnprotectRtcp(Bytes& packet)
{
    return Run(Operation::UnprotectRtcp, packet);
}

Status
SrtpSession::Run(Operation op, Bytes& packet)
{
    const bool rtcp = op == Operation::ProtectRtcp || op == Operation::UnprotectRtcp;
    const bool protect = op == Operation::Protect || op == Operation::ProtectRtcp;
    const SrtpDirection needed = protect ? SrtpDirection::Outbound : SrtpDirection::Inbound;
    const size_t minimum = rtcp ? kRtcpHeaderLength : kRtpHeaderLength;
    const size_t original = packet.size();
    Error error{Errc::CryptoFailure, {}};
    if (m_direction != needed)
    {
        error = {Errc::InvalidState, protect ? "SRTP: protect on an inbound session"
                                             : "SRTP: unprotect on an outbound session"};
    }
    else if (original < minimum)
    {
        error = {Errc::Truncated, (rtcp ? "RTCP packet: " : "RTP packet: ") +
                                      std::to_string(original) + " bytes, below the header"};
    }
    else if (original > kMaxPacket)
    {
        error = {Errc::TooLarge, "SRTP packet: longer than libsrtp's int length"};
    }
    else
    {
        if (protect)
        {
            packet.resize(original + kMaxTrailer);
        }
        int length = static_cast<int>(original);
        srtp_err_status_t status = srtp_err_status_ok;
        switch (op)
        {
        case Operation::Protect:
            status = srtp_protect(m_impl->ctx, packet.data(), &length);
            break;
        case Operation::Unprotect:
            status = srtp_unprotect(m_impl->ctx, packet.data(), &length);
            break;
        case Operation::ProtectRtcp:
            status = srtp_protect_rtcp(m_impl->ctx, packet.data(), &length);
            break;
        case Operation::UnprotectRtcp:
            status = srtp_unprotect_rtcp(m_impl->ctx, packet.data(), &length);
            break;
        }
        if (status == srtp_err_status_ok)
        {
            packet.resize(static_cast<size_t>(length));
            ++(protect ? m_counters.protectedPackets : m_counters.unprotectedPackets);
            return Ok{};
        }
        packet.resize(original);
        // Short, fixed details on the per-packet reject paths (no allocation).
        switch (status)
        {
        case srtp_err_status_replay_fail:
        case srtp_err_status_replay_old:
            ++m_counters.rejectedReplay;
            return MakeError(Errc::Replay, status == srtp_err_status_replay_fail
                                               ? "libsrtp err 9"
                                               : "libsrtp err 10");
        case srtp_err_status_auth_fail:
            ++m_counters.rejectedAuth;
            return MakeError(Errc::AuthFailed, "libsrtp err 7");
        case srtp_err_status_bad_param:
        case srtp_err_status_parse_err:
        case srtp_err_status_bad_mki:
            error.code = Errc::Malformed;
            break;
        default:
            break;
        }
        static const char* const calls[] = {"srtp_protect", "srtp_unprotect", "srtp_protect_rtcp",
                                            "srtp_unprotect_rtcp"};
        error.detail = StatusDetail(calls[static_cast<int>(op)], status);
    }
    ++m_counters.rejectedOther;
    return error;
}

const SrtpCounters&
SrtpSession::Counters() const
{
    return m_counters;
}

SrtpDirection
SrtpSession::Direction() const
{
    return m_direction;
}

SrtpSuite
SrtpSession::Suite() const
{
    return m_suite;
}

} // namespace mediasec
