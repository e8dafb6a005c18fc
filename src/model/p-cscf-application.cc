#include "p-cscf-application.h"

#include "udp-endpoint.h"

#include "protocol/access/access-capability.h"
#include "protocol/access/aka-challenge-keys.h"
#include "protocol/access/msf-key-push.h"
#include "protocol/crypto/digest.h"
#include "protocol/iq/iq-message.h"
#include "protocol/ims/media-security-indications.h"
#include "protocol/ims/proxy-routing.h"
#include "protocol/ims/sdp-media-security.h"
#include "protocol/sip/sip-header-values.h"

#include "ns3/boolean.h"
#include "ns3/ipv4-address.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/socket.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

namespace ns3
{
namespace ims
{

NS_LOG_COMPONENT_DEFINE("ImsPCscfApplication");
NS_OBJECT_ENSURE_REGISTERED(PCscfApplication);

using mediasec::ims::E2aeIndication;
using mediasec::sip::SdpSession;
using mediasec::sip::SipMessage;
namespace mims = mediasec::ims;
namespace maccess = mediasec::access;

namespace
{
/** \brief SRTP towards the UE whose keys both ends derive: RTP/SAVP without a=crypto. */
void
SetAccessTransport(mediasec::sip::SdpMedia& audio)
{
    audio.proto = "RTP/SAVP";
    audio.RemoveAttributes("crypto");
}

/** \return true for an access-msf offer or answer: RTP/SAVP audio without a=crypto */
bool
IsAccessMsfSdp(const mediasec::sip::SdpMedia* audio)
{
    return audio != nullptr && audio->proto == "RTP/SAVP" && !audio->HasAttribute("crypto");
}
} // namespace

TypeId
PCscfApplication::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::ims::PCscfApplication")
            .SetParent<SipNodeApplication>()
            .SetGroupName("ImsMediasec")
            .AddConstructor<PCscfApplication>()
            .AddAttribute("ScscfAddress",
                          "Address of the S-CSCF",
                          Ipv4AddressValue(),
                          MakeIpv4AddressAccessor(&PCscfApplication::m_scscfAddress),
                          MakeIpv4AddressChecker())
            .AddAttribute("ScscfPort",
                          "SIP port of the S-CSCF",
                          UintegerValue(5060),
                          MakeUintegerAccessor(&PCscfApplication::m_scscfPort),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("AgwAddress",
                          "Address of the IMS Access Gateway this P-CSCF controls over Iq",
                          Ipv4AddressValue(),
                          MakeIpv4AddressAccessor(&PCscfApplication::m_agwAddress),
                          MakeIpv4AddressChecker())
            .AddAttribute("AgwMediaPort",
                          "Media port of the IMS Access Gateway",
                          UintegerValue(20000),
                          MakeUintegerAccessor(&PCscfApplication::m_agwMediaPort),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("IqPort",
                          "UDP port of the Iq interface (H.248 text) on both ends",
                          UintegerValue(2944),
                          MakeUintegerAccessor(&PCscfApplication::m_iqPort),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("E2aeEnabled",
                          "Network policy: offer e2ae security to capable UEs (TS 33.328 7.1)",
                          BooleanValue(true),
                          MakeBooleanAccessor(&PCscfApplication::m_e2aeEnabled),
                          MakeBooleanChecker())
            .AddAttribute("AccessMsfEnabled",
                          "Network policy: key the IMS-AGW (MSF) from the UEs' IMS AKA keys "
                          "(TR 33.828 seed 003)",
                          BooleanValue(false),
                          MakeBooleanAccessor(&PCscfApplication::m_accessMsfEnabled),
                          MakeBooleanChecker())
            .AddAttribute("KeyServiceTime",
                          "Processing time of an SDES key generation and Iq request",
                          TimeValue(MicroSeconds(20)),
                          MakeTimeAccessor(&PCscfApplication::m_keyServiceTime),
                          MakeTimeChecker())
            .AddAttribute("Seed",
                          "Run seed of the deterministic key generator (label = node label)",
                          UintegerValue(1),
                          MakeUintegerAccessor(&PCscfApplication::m_seed),
                          MakeUintegerChecker<uint64_t>());
    return tid;
}

std::string
PCscfApplication::LegKey(const std::string& callId, bool originating, const std::string& ueContact)
{
    return callId + (originating ? "|orig" : "|term|" + ueContact);
}

uint64_t
PCscfApplication::GetForgedIndicationsRemoved() const
{
    return m_forgedRemoved;
}

uint64_t
PCscfApplication::GetE2aeCalls() const
{
    return m_e2aeCalls;
}

uint64_t
PCscfApplication::GetAccessMsfCalls() const
{
    return m_accessMsfCalls;
}

size_t
PCscfApplication::GetAccessRegistrations() const
{
    return m_accessRegistrations.size();
}

void
PCscfApplication::StartApplication()
{
    SipNodeApplication::StartApplication();
    m_drbg = std::make_unique<mediasec::Drbg>(mediasec::Drbg::FromSeed(m_seed, GetLabel()));
    m_iqSocket =
        OpenUdpSocket(GetNode(), m_iqPort, MakeCallback(&PCscfApplication::HandleIqRead, this));
    SetPeerInterface(m_scscfAddress, "Mw");
    SetPeerInterface(m_agwAddress, "Iq");
}

void
PCscfApplication::StopApplication()
{
    SipNodeApplication::StopApplication();
    CloseSocket(m_iqSocket);
}

void
PCscfApplication::DoDispose()
{
    m_iqSocket = nullptr;
    SipNodeApplication::DoDispose();
}

void
PCscfApplication::HandleSip(const SipMessage& message, const InetSocketAddress& from)
{
    if (!message.IsRequest())
    {
        HandleResponse(message, from);
    }
    else if (from.GetIpv4() == m_scscfAddress)
    {
        HandleCoreRequest(message, from);
    }
    else
    {
        HandleUeRequest(message, from);
    }
}

void
PCscfApplication::HandleUeRequest(SipMessage request, const InetSocketAddress& from)
{
    if (!mims::DecrementMaxForwards(request))
    {
        Reject(request, from, 483, "Too Many Hops");
        return;
    }
    const std::string callId = request.GetHeader("Call-ID").value_or("");
    if (request.Method() == "REGISTER")
    {
        const auto to = mediasec::sip::ParseNameAddr(request.GetHeader("To").value_or(""));
        const auto contact =
            mediasec::sip::ParseNameAddr(request.GetHeader("Contact").value_or(""));
        if (!to || !contact)
        {
            Reject(request, from, 400, "Bad Request");
            return;
        }
        const std::string aor = mims::SipUriKey(to.Value().uri, false);
        const std::string contactKey = mims::SipUriKey(contact.Value().uri, true);
        const auto securityClient = request.GetHeader("Security-Client");
        m_ueCapable[aor] = securityClient && mims::HasMediasecCapability(*securityClient);
        m_ueByContact.erase(contactKey);
        m_ueByContact.emplace(contactKey, from);
        m_contactByUe[{from.GetIpv4().Get(), from.GetPort()}] = contactKey;
        m_aorByContact[contactKey] = aor;
        if (m_accessMsfEnabled)
        {
            // Seed 003 step 1: the suites the UE can key from its IMS AKA keys.
            auto offered = maccess::ReadAccessCapability(request, "Security-Client");
            m_accessOffered.erase(contactKey);
            if (offered)
            {
                m_accessOffered.emplace(contactKey, offered.Value());
            }
        }
        request.RemoveHeader("Security-Client"); // consumed by the P-CSCF (sec-agree)
    }
    else if (request.Method() == "INVITE" && !request.Body().empty())
    {
        auto existing = m_calls.find(LegKey(callId, true, ""));
        if (existing != m_calls.end() && existing->second.forwardedRequest)
        {
            // Retransmission of an INVITE already transformed: same bytes, same keys.
            SendSipText(*existing->second.forwardedRequest, callId, "INVITE",
                        existing->second.requestHop);
            return;
        }
        auto sdp = mediasec::sip::ParseSdp(request.Body());
        if (!sdp)
        {
            Reject(request, from, 400, "Bad Request (SDP: " + sdp.GetError().ToString() + ")");
            return;
        }
        const bool requested =
            mims::HasE2aeIndication(sdp.Value(), E2aeIndication::Requested);
        const auto fromKey = mediasec::sip::ParseNameAddr(request.GetHeader("From").value_or(""));
        const bool capable =
            fromKey && m_ueCapable[mims::SipUriKey(fromKey.Value().uri, false)];
        const bool accessMsf = m_accessMsfEnabled && IsAccessMsfSdp(mims::FindAudio(sdp.Value()));
        if ((requested && capable && m_e2aeEnabled) || accessMsf)
        {
            E2aeCall call;
            call.originating = true;
            const auto contact = m_contactByUe.find({from.GetIpv4().Get(), from.GetPort()});
            const bool applied =
                accessMsf
                    ? ApplyAccessMsfOffer(request, call,
                                          contact == m_contactByUe.end() ? "" : contact->second,
                                          from)
                    : ApplyOriginatingOffer(request, call, from);
            if (!applied)
            {
                return;
            }
            mims::PushProxyVia(request, AddressString(GetLocalAddress()), m_sipPort, GetLabel());
            call.forwardedRequest = request.Format();
            call.requestHop = InetSocketAddress(m_scscfAddress, m_scscfPort);
            m_calls[LegKey(callId, true, "")] = call;
            SendSipText(*call.forwardedRequest, callId, "INVITE", call.requestHop);
            return;
        }
        // Not e2ae (7.2.2): forward, without indications the core must not see.
        mims::RemoveE2aeIndication(sdp.Value(), E2aeIndication::Requested);
        m_forgedRemoved += mims::RemoveE2aeIndication(sdp.Value(), E2aeIndication::Applied);
        request.SetBody(mediasec::sip::FormatSdp(sdp.Value()), "application/sdp");
    }
    mims::PushProxyVia(request, AddressString(GetLocalAddress()), m_sipPort, GetLabel());
    SendSip(request, InetSocketAddress(m_scscfAddress, m_scscfPort));
}

void
PCscfApplication::HandleCoreRequest(SipMessage request, const InetSocketAddress& from)
{
    if (!mims::DecrementMaxForwards(request))
    {
        Reject(request, from, 483, "Too Many Hops");
        return;
    }
    const std::string contactKey = mims::SipUriKey(request.RequestUri(), true);
    auto ue = m_ueByContact.find(contactKey);
    if (ue == m_ueByContact.end())
    {
        Reject(request, from, 404, "Not Found");
        return;
    }
    const std::string callId = request.GetHeader("Call-ID").value_or("");
    if (request.Method() == "INVITE" && !request.Body().empty())
    {
        auto existing = m_calls.find(LegKey(callId, false, contactKey));
        if (existing != m_calls.end() && existing->second.forwardedRequest)
        {
            SendSipText(*existing->second.forwardedRequest, callId, "INVITE",
                        existing->second.requestHop);
            return;
        }
        StripForgedIndications(request);
        auto sdp = mediasec::sip::ParseSdp(request.Body());
        const auto* audio = sdp ? mims::FindAudio(sdp.Value()) : nullptr;
        const bool plainRtp = audio != nullptr && audio->proto == "RTP/AVP";
        const bool accessMsf =
            plainRtp && m_accessMsfEnabled && m_accessRegistrations.count(contactKey) > 0;
        if ((plainRtp && m_e2aeEnabled && m_ueCapable[m_aorByContact[contactKey]]) || accessMsf)
        {
            E2aeCall call;
            call.originating = false;
            if (!accessMsf)
            {
                ApplyTerminatingOffer(request, call);
            }
            else if (!ApplyAccessMsfOffer(request, call, contactKey, from))
            {
                return;
            }
            mims::PushProxyVia(request, AddressString(GetLocalAddress()), m_sipPort, GetLabel());
            call.forwardedRequest = request.Format();
            call.requestHop = ue->second;
            m_calls[LegKey(callId, false, contactKey)] = call;
            SendSipText(*call.forwardedRequest, callId, "INVITE", call.requestHop);
            return;
        }
    }
    mims::PushProxyVia(request, AddressString(GetLocalAddress()), m_sipPort, GetLabel());
    SendSip(request, ue->second);
}

void
PCscfApplication::HandleResponse(SipMessage response, const InetSocketAddress& from)
{
    auto hop = mims::PopViaForResponse(response);
    if (!hop)
    {
        NS_LOG_WARN("P-CSCF cannot route response: " << hop.GetError().ToString());
        return;
    }
    const InetSocketAddress to(Ipv4Address(hop.Value().host.c_str()), hop.Value().port);
    const bool towardsUe = to.GetIpv4() != m_scscfAddress;
    const std::string callId = response.GetHeader("Call-ID").value_or("");
    const auto cseq = mediasec::sip::ParseCSeq(response.GetHeader("CSeq").value_or(""));
    const std::string method = cseq ? cseq.Value().method : "";
    if (method == "REGISTER" && towardsUe && m_accessMsfEnabled)
    {
        HandleAccessRegisterResponse(response, to);
    }
    if (method == "REGISTER" && response.StatusCode() == 200 && towardsUe)
    {
        const auto toHeader = mediasec::sip::ParseNameAddr(response.GetHeader("To").value_or(""));
        if (toHeader && m_e2aeEnabled && m_ueCapable[mims::SipUriKey(toHeader.Value().uri, false)])
        {
            response.SetHeader("Security-Server", mims::MediasecCapabilityValue());
        }
    }
    // A 2xx towards the UE answers the originating leg, towards the core the terminating leg of
    // the answering UE (both legs exist when caller and callee share this P-CSCF; several
    // terminating legs when a forked INVITE reached several UEs here).
    const auto answerer = mediasec::sip::ParseNameAddr(response.GetHeader("Contact").value_or(""));
    const std::string answererKey = answerer ? mims::SipUriKey(answerer.Value().uri, true) : "";
    auto call = m_calls.find(LegKey(callId, towardsUe, towardsUe ? "" : answererKey));
    if (method == "BYE" && response.StatusCode() / 100 == 2)
    {
        // The dialog ended: release the media context once the BYE is answered, so media
        // still in flight is not clipped. The UE is the one the response goes to, or comes from.
        ReleaseDialog(callId, towardsUe ? to : from, mims::TagOf(response, towardsUe ? "To" : "From"));
    }
    if (method == "INVITE" && call != m_calls.end() && response.StatusCode() / 100 == 2 &&
        !response.Body().empty())
    {
        HandleE2aeAnswer(response, to, call->first, callId);
        return;
    }
    if (towardsUe && !response.Body().empty())
    {
        StripForgedIndications(response);
    }
    SendSip(response, to);
}

bool
PCscfApplication::ApplyOriginatingOffer(SipMessage& request, E2aeCall& call,
                                        const InetSocketAddress& from)
{
    auto sdp = mediasec::sip::ParseSdp(request.Body()).Value();
    auto* audio = mims::FindAudio(sdp);
    const auto keys = audio ? mims::ReadValidCryptoAttributes(*audio)
                            : std::vector<mediasec::sdes::CryptoAttribute>{};
    if (keys.empty())
    {
        Reject(request, from, 488, "Not Acceptable Here");
        return false;
    }
    // Step 3: select one crypto attribute (K11), keep the UE's SDP for the Iq Remote
    // descriptor, and send plain RTP through the IMS-AGW towards the core.
    m_forgedRemoved += mims::RemoveE2aeIndication(sdp, E2aeIndication::Applied);
    mims::RemoveE2aeIndication(sdp, E2aeIndication::Requested);
    mims::SetSrtpTransport(*audio, keys.front());
    call.ueSdp = mediasec::sip::FormatSdp(sdp);
    mims::SetRtpTransport(*audio);
    mims::SetAudioEndpoint(sdp, {AddressString(m_agwAddress), m_agwMediaPort});
    request.SetBody(mediasec::sip::FormatSdp(sdp), "application/sdp");
    return true;
}

void
PCscfApplication::ApplyTerminatingOffer(SipMessage& request, E2aeCall& call)
{
    auto sdp = mediasec::sip::ParseSdp(request.Body()).Value();
    call.coreSdp = request.Body();
    auto* audio = mims::FindAudio(sdp);
    const auto suite = mediasec::SrtpSuite::AesCm128HmacSha1_80;
    call.networkKey = mims::MakeCryptoAttribute(1, suite, *m_drbg);
    ReportKeyHeld(request.GetHeader("Call-ID").value_or(""),
                  mediasec::KeyFingerprint(call.networkKey.keys.front().masterKey,
                                           call.networkKey.keys.front().masterSalt));
    mims::SetSrtpTransport(*audio, call.networkKey);
    mims::SetAudioEndpoint(sdp, {AddressString(m_agwAddress), m_agwMediaPort});
    mims::AddE2aeIndication(sdp, E2aeIndication::Applied);
    request.SetBody(mediasec::sip::FormatSdp(sdp), "application/sdp");
}

void
PCscfApplication::HandleE2aeAnswer(SipMessage response, const InetSocketAddress& hop,
                                   const std::string& legKey, const std::string& callId)
{
    E2aeCall& call = m_calls.at(legKey);
    const std::string dialogTag = mims::TagOf(response, "To");
    if (call.forwardedAnswer && dialogTag != call.answerTag)
    {
        // A further 2xx of a forked INVITE: the caller hangs that dialog up at once (RFC 3261
        // 13.2.2.4), so it gets the SDP of the dialog already programmed, not a new context.
        SipMessage other = response;
        other.SetBody(mediasec::sip::ParseSipMessage(*call.forwardedAnswer).Value().Body(),
                      "application/sdp");
        SendSip(other, hop);
        return;
    }
    if (call.forwardedAnswer)
    {
        SendSipText(*call.forwardedAnswer, callId, SummaryOf(response), call.answerHop);
        return;
    }
    if (call.iqPending)
    {
        return; // the UAS retransmits its 2xx until it is answered
    }
    auto parsed = mediasec::sip::ParseSdp(response.Body());
    auto* audio = parsed ? mims::FindAudio(parsed.Value()) : nullptr;
    if (audio == nullptr)
    {
        NS_LOG_WARN("P-CSCF: e2ae answer without audio SDP for " << callId);
        return;
    }
    auto iq =
        call.accessMsf ? MakeAccessMsfPush(call, response) : MakeE2aeIqAdd(call, response, callId);
    if (!iq)
    {
        NS_LOG_WARN("P-CSCF: no Iq for the answer of " << callId << ": "
                                                       << iq.GetError().ToString());
        return;
    }
    call.iqPending = true;
    Queue().Submit(m_keyServiceTime, [=]() {
        SendIq(iq.Value(), callId, [=](uint32_t context) {
            // The leg may have ended while the IMS-AGW answered: look it up, never hold on to it.
            auto leg = m_calls.find(legKey);
            if (leg == m_calls.end())
            {
                return;
            }
            E2aeCall& call = leg->second;
            call.contextId = context;
            call.answerTag = dialogTag;
            auto answer = mediasec::sip::ParseSdp(response.Body()).Value();
            m_forgedRemoved += mims::RemoveE2aeIndication(answer, E2aeIndication::Applied);
            SetAnswerTransport(call, answer);
            SipMessage forwarded = response;
            forwarded.SetBody(mediasec::sip::FormatSdp(answer), "application/sdp");
            call.forwardedAnswer = forwarded.Format();
            call.answerHop = hop;
            call.iqPending = false;
            ++(call.accessMsf ? m_accessMsfCalls : m_e2aeCalls);
            SendSipText(*call.forwardedAnswer, callId, SummaryOf(forwarded), hop);
        });
    });
}

mediasec::Result<mediasec::iq::IqRequest>
PCscfApplication::MakeE2aeIqAdd(E2aeCall& call, const SipMessage& response,
                                const std::string& callId)
{
    if (call.originating)
    {
        // 7.2.1 step 7: K12 for the IMS-AGW -> UE direction.
        const auto ueKeys = mims::ReadValidCryptoAttributes(
            *mims::FindAudio(mediasec::sip::ParseSdp(call.ueSdp).Value()));
        call.networkKey = mims::MakeCryptoAttribute(ueKeys.front().tag, ueKeys.front().suite,
                                                    *m_drbg);
        call.coreSdp = response.Body();
        ReportKeyHeld(callId, mediasec::KeyFingerprint(call.networkKey.keys.front().masterKey,
                                                       call.networkKey.keys.front().masterSalt));
    }
    else
    {
        // 7.3.1 step 6: K22 is the UE's answer key.
        auto sdp = mediasec::sip::ParseSdp(response.Body()).Value();
        auto* audio = mims::FindAudio(sdp);
        const auto ueKeys = mims::ReadValidCryptoAttributes(*audio);
        if (ueKeys.empty())
        {
            return mediasec::MakeError(mediasec::Errc::MissingField,
                                       "terminating e2ae answer without usable crypto");
        }
        mims::SetSrtpTransport(*audio, ueKeys.front());
        call.ueSdp = mediasec::sip::FormatSdp(sdp);
    }
    mediasec::iq::IqRequest request;
    request.command = mediasec::iq::IqCommand::Add;
    request.terminations.push_back(
        {maccess::kAccessTermination, AgwSdp(call.ueSdp, true, &call.networkKey), call.ueSdp});
    request.terminations.push_back(
        {maccess::kCoreTermination, AgwSdp(call.coreSdp, false, nullptr), call.coreSdp});
    return request;
}

mediasec::Result<mediasec::iq::IqRequest>
PCscfApplication::MakeAccessMsfPush(E2aeCall& call, const SipMessage& response)
{
    if (call.originating)
    {
        call.coreSdp = response.Body();
    }
    else
    {
        auto sdp = mediasec::sip::ParseSdp(response.Body());
        if (!sdp || !IsAccessMsfSdp(mims::FindAudio(sdp.Value())))
        {
            return mediasec::MakeError(mediasec::Errc::Unsupported,
                                       "terminating access-msf answer is not RTP/SAVP");
        }
        call.ueSdp = response.Body();
    }
    // Seed 003 steps 7 and 10: the keys and endpoints the MSF needs, over Iq.
    maccess::MsfKeyPush push;
    push.ueSdp = call.ueSdp;
    push.coreSdp = call.coreSdp;
    push.msf = {AddressString(m_agwAddress), m_agwMediaPort};
    push.keys = call.accessKeys;
    return maccess::BuildMsfKeyPush(push);
}

void
PCscfApplication::SetAnswerTransport(const E2aeCall& call, SdpSession& answer) const
{
    auto* media = mims::FindAudio(answer);
    if (call.originating && call.accessMsf)
    {
        // Seed 003 step 11: SRTP with the MSF, keyed from CK/IK at both ends.
        SetAccessTransport(*media);
        mims::SetAudioEndpoint(answer, {AddressString(m_agwAddress), m_agwMediaPort});
    }
    else if (call.originating)
    {
        // 7.2.1 step 8: SRTP with K12 and the confirmation towards UE A.
        mims::SetSrtpTransport(*media, call.networkKey);
        mims::SetAudioEndpoint(answer, {AddressString(m_agwAddress), m_agwMediaPort});
        mims::AddE2aeIndication(answer, E2aeIndication::Applied);
    }
    else
    {
        // 7.3.1 step 7 and seed 003 step 8: RTP towards the core, through the IMS-AGW.
        mims::SetRtpTransport(*media);
        mims::SetAudioEndpoint(answer, {AddressString(m_agwAddress), m_agwMediaPort});
    }
}

void
PCscfApplication::HandleAccessRegisterResponse(SipMessage& response, const InetSocketAddress& ue)
{
    const auto contact = m_contactByUe.find({ue.GetIpv4().Get(), ue.GetPort()});
    if (contact == m_contactByUe.end())
    {
        return;
    }
    const std::string& contactKey = contact->second;
    if (response.StatusCode() == 401)
    {
        // Step 2: CK and IK stay here; the UE gets the challenge without them.
        auto keys = maccess::TakeChallengeKeys(response);
        if (!keys)
        {
            NS_LOG_WARN("P-CSCF: 401 without IMS AKA keys: " << keys.GetError().ToString());
            return;
        }
        m_akaChallenged[contactKey] = keys.Value();
        return;
    }
    const auto challenged = m_akaChallenged.find(contactKey);
    const auto offered = m_accessOffered.find(contactKey);
    if (response.StatusCode() != 200 || challenged == m_akaChallenged.end() ||
        offered == m_accessOffered.end())
    {
        return; // no keys of an IMS AKA run: nothing to confirm
    }
    // Step 3: the suite the media keys will be derived for.
    const auto suite =
        maccess::SelectAccessSuite(offered->second, {mediasec::SrtpSuite::AesCm128HmacSha1_80,
                                                     mediasec::SrtpSuite::AesCm128HmacSha1_32,
                                                     mediasec::SrtpSuite::AeadAes128Gcm});
    if (!suite)
    {
        return;
    }
    m_accessRegistrations[contactKey] = AccessRegistration{challenged->second, suite.Value()};
    m_akaChallenged.erase(challenged);
    response.SetHeader("Security-Server", maccess::FormatAccessCapability({suite.Value()}));
}

bool
PCscfApplication::ApplyAccessMsfOffer(SipMessage& request, E2aeCall& call,
                                      const std::string& contactKey, const InetSocketAddress& from)
{
    const std::string callId = request.GetHeader("Call-ID").value_or("");
    const auto registration = m_accessRegistrations.find(contactKey);
    auto keys = registration == m_accessRegistrations.end()
                    ? mediasec::Result<maccess::MediaKeyPair>(mediasec::MakeError(
                          mediasec::Errc::MissingField, "no IMS AKA keys for " + contactKey))
                    : maccess::DeriveMediaKeyPair(registration->second.keys, callId, 0,
                                                  registration->second.suite);
    if (!keys)
    {
        NS_LOG_WARN("P-CSCF: no access-msf keys: " << keys.GetError().ToString());
        Reject(request, from, 488, "Not Acceptable Here");
        return false;
    }
    call.accessMsf = true;
    call.accessKeys = keys.Value();
    for (const auto* key : {&call.accessKeys.uplink, &call.accessKeys.downlink})
    {
        ReportKeyHeld(callId, mediasec::KeyFingerprint(key->masterKey, key->masterSalt));
    }
    auto sdp = mediasec::sip::ParseSdp(request.Body()).Value();
    auto* audio = mims::FindAudio(sdp);
    if (call.originating)
    {
        call.ueSdp = request.Body(); // seed 003 step 4: RTP towards the core
        mims::SetRtpTransport(*audio);
    }
    else
    {
        call.coreSdp = request.Body(); // seed 003 step 6: SRTP towards the UE
        SetAccessTransport(*audio);
    }
    mims::SetAudioEndpoint(sdp, {AddressString(m_agwAddress), m_agwMediaPort});
    request.SetBody(mediasec::sip::FormatSdp(sdp), "application/sdp");
    return true;
}

std::string
PCscfApplication::AgwSdp(const std::string& template_, bool access,
                         const mediasec::sdes::CryptoAttribute* key) const
{
    auto sdp = mediasec::sip::ParseSdp(template_).Value();
    auto* audio = mims::FindAudio(sdp);
    if (access)
    {
        mims::SetSrtpTransport(*audio, *key);
    }
    else
    {
        mims::SetRtpTransport(*audio);
    }
    audio->RemoveAttributes("ssrc");
    audio->RemoveAttributes("3ge2ae");
    mims::SetAudioEndpoint(sdp, {AddressString(m_agwAddress), m_agwMediaPort});
    return mediasec::sip::FormatSdp(sdp);
}

void
PCscfApplication::StripForgedIndications(SipMessage& message)
{
    auto sdp = mediasec::sip::ParseSdp(message.Body());
    if (!sdp)
    {
        return;
    }
    const size_t removed = mims::RemoveE2aeIndication(sdp.Value(), E2aeIndication::Applied);
    if (removed > 0)
    {
        m_forgedRemoved += removed;
        message.SetBody(mediasec::sip::FormatSdp(sdp.Value()), "application/sdp");
    }
}

void
PCscfApplication::SendIq(mediasec::iq::IqRequest request, const std::string& callId,
                         std::function<void(uint32_t)> done)
{
    request.transactionId = m_nextIqTransaction++;
    request.mid = "[" + AddressString(GetLocalAddress()) + "]:" + std::to_string(m_iqPort);
    m_iqPending[request.transactionId] = PendingIq{callId, std::move(done)};
    const std::string text = mediasec::iq::FormatIqRequest(request);
    const bool add = request.command == mediasec::iq::IqCommand::Add;
    TraceMessage(true, callId, "Iq", add ? "Add" : "Subtract", static_cast<uint32_t>(text.size()));
    m_iqSocket->SendTo(TextPacket(text), 0, InetSocketAddress(m_agwAddress, m_iqPort));
}

void
PCscfApplication::ReleaseDialog(const std::string& callId, const InetSocketAddress& ue,
                                const std::string& peerTag)
{
    const auto contact = m_contactByUe.find({ue.GetIpv4().Get(), ue.GetPort()});
    const std::string contactKey = contact == m_contactByUe.end() ? "" : contact->second;
    const std::string term = LegKey(callId, false, contactKey);
    ReleaseLeg(m_calls.count(term) ? term : LegKey(callId, true, ""), peerTag, callId);
}

void
PCscfApplication::ReleaseLeg(const std::string& legKey, const std::string& peerTag,
                             const std::string& callId)
{
    auto leg = m_calls.find(legKey);
    if (leg == m_calls.end() || (leg->second.originating && peerTag != leg->second.answerTag))
    {
        return; // not this leg's dialog (a released fork of the caller's INVITE)
    }
    const uint32_t context = leg->second.contextId;
    m_calls.erase(leg);
    if (context == 0)
    {
        return;
    }
    mediasec::iq::IqRequest request;
    request.command = mediasec::iq::IqCommand::Subtract;
    request.contextId = context;
    request.terminations = {{"access"}, {"core"}};
    SendIq(request, callId, [](uint32_t) {});
}

void
PCscfApplication::HandleIqRead(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        const std::string text = PacketText(packet);
        auto reply = mediasec::iq::ParseIqReply(text);
        if (!reply)
        {
            NS_LOG_WARN("P-CSCF: bad Iq reply: " << reply.GetError().ToString());
            continue;
        }
        auto pending = m_iqPending.find(reply.Value().transactionId);
        if (pending == m_iqPending.end() || reply.Value().errorCode != 0)
        {
            NS_LOG_WARN("P-CSCF: Iq reply rejected or unexpected, transaction "
                        << reply.Value().transactionId);
            continue;
        }
        TraceMessage(false, pending->second.callId, "Iq", "Reply",
                     static_cast<uint32_t>(text.size()));
        auto done = std::move(pending->second.done);
        m_iqPending.erase(pending);
        done(reply.Value().contextId);
    }
}

void
PCscfApplication::Reject(const SipMessage& request, const InetSocketAddress& to, int code,
                         const std::string& reason)
{
    if (request.Method() != "ACK")
    {
        SendSip(mims::MakeResponseTo(request, code, reason), to);
    }
}

} // namespace ims
} // namespace ns3
