#include "ims-ue-application.h"

#include "udp-endpoint.h"
#include "ue-gba-agent.h"
#include "ue-otway-rees-agent.h"
#include "ue-ticket-agent.h"

#include "protocol/access/access-capability.h"
#include "protocol/access/media-key-derivation.h"
#include "protocol/access/register-auth-client.h"
#include "protocol/common/base64.h"
#include "protocol/crypto/digest.h"
#include "protocol/gba/gba-keys.h"
#include "protocol/ims/media-security-indications.h"
#include "protocol/ims/proxy-routing.h"
#include "protocol/kms/kms-identity.h"
#include "protocol/mikey/key-mgmt-attribute.h"
#include "protocol/otway-rees/otway-rees-sdp.h"
#include "protocol/ims/sdp-media-security.h"
#include "protocol/rtp/probe-stream.h"
#include "protocol/rtp/rtp-header.h"
#include "protocol/sip/in-dialog-request.h"
#include "protocol/sip/non-2xx-ack.h"
#include "protocol/sip/sdp.h"
#include "protocol/sip/sip-header-values.h"

#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/string.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

namespace ns3
{
namespace ims
{

NS_LOG_COMPONENT_DEFINE("ImsUeApplication");
NS_OBJECT_ENSURE_REGISTERED(ImsUeApplication);

using mediasec::ims::E2aeIndication;
using mediasec::sip::SipMessage;
namespace mims = mediasec::ims;

namespace
{
/** \return the call outcome of a failed KMS exchange: unreachable KMS, or refused */
std::string
KmsFailureOutcome(const mediasec::Error& error)
{
    return error.code == mediasec::Errc::Unreachable ? "kms-unreachable" : "kms-refused";
}
} // namespace

/** \brief Dialog, media and metrics state of one call. */
struct ImsUeApplication::Call
{
    UeCallRecord record;                              //!< outputs
    std::string localTag;                             //!< our tag
    std::string remoteTag;                            //!< their tag
    std::string remoteTarget;                         //!< peer Contact URI
    std::string remoteIdentity;                       //!< peer AoR (To of the INVITE)
    std::string inviteBranch;                         //!< branch of our INVITE
    uint32_t cseq = 1;                                //!< next local CSeq
    Time holdTime;                                    //!< media duration (caller)
    bool srtp = false;                                //!< media is SRTP
    bool accessMsf = false;                           //!< SRTP keyed from IMS AKA (access-msf)
    std::optional<mediasec::sdes::CryptoAttribute> localKey; //!< key we send with
    std::unique_ptr<mediasec::SrtpSession> tx;        //!< outbound SRTP context
    std::unique_ptr<mediasec::SrtpSession> rx;        //!< inbound SRTP context
    uint32_t localSsrc = 0;                           //!< our SSRC
    uint32_t remoteSsrc = 0;                          //!< their SSRC
    InetSocketAddress remoteMedia{Ipv4Address(), 0};  //!< where we send media
    mediasec::ProbeStreamSender media;                //!< our RTP numbering
    bool mediaStarted = false;                        //!< media running
    bool answered = false;                            //!< 200 OK seen or sent
    EventId mediaEvent;                               //!< next media packet
    EventId byeEvent;                                 //!< hang-up
    std::string answerText;                           //!< UAS 2xx for retransmissions
    InetSocketAddress answerTo{Ipv4Address(), 0};     //!< where the 2xx goes
    std::unique_ptr<mediasec::sip::ServerRetransmitSchedule> answerSchedule; //!< Timer G/H
    EventId answerRetransmit;                         //!< next 2xx retransmission
    Time answerDeadline;                              //!< Timer H expiry
    std::string ackText;                              //!< ACK for 2xx retransmissions
    std::set<std::string> releasedTags;               //!< other forks' dialogs hung up
    std::string keyMgmt;                              //!< our a=key-mgmt value (kms-ticket)
    std::optional<mediasec::kms::SrtpSessionKeys> ticketKeys; //!< keys from MIKEY-TICKET
    mediasec::Bytes ticketRootKey; //!< TGK' or MPKi the ticket keys derive from (kms-ticket)
};

TypeId
ImsUeApplication::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::ims::ImsUeApplication")
            .SetParent<SipNodeApplication>()
            .SetGroupName("ImsMediasec")
            .AddConstructor<ImsUeApplication>()
            .AddAttribute("Aor",
                          "Public user identity (address of record)",
                          StringValue("sip:ue@ims.test"),
                          MakeStringAccessor(&ImsUeApplication::m_aor),
                          MakeStringChecker())
            .AddAttribute("PcscfAddress",
                          "Address of the P-CSCF (outbound proxy)",
                          Ipv4AddressValue(),
                          MakeIpv4AddressAccessor(&ImsUeApplication::m_pcscfAddress),
                          MakeIpv4AddressChecker())
            .AddAttribute("PcscfPort",
                          "SIP port of the P-CSCF",
                          UintegerValue(5060),
                          MakeUintegerAccessor(&ImsUeApplication::m_pcscfPort),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("MediaPort",
                          "UDP port for RTP/SRTP",
                          UintegerValue(49170),
                          MakeUintegerAccessor(&ImsUeApplication::m_mediaPort),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("Scheme",
                          "Media security scheme",
                          EnumValue(UE_SCHEME_NONE),
                          MakeEnumAccessor(&ImsUeApplication::m_scheme),
                          MakeEnumChecker(UE_SCHEME_NONE,
                                          "none",
                                          UE_SCHEME_SDES_E2E,
                                          "sdes-e2e",
                                          UE_SCHEME_SDES_E2AE,
                                          "sdes-e2ae",
                                          UE_SCHEME_KMS_TICKET,
                                          "kms-ticket",
                                          UE_SCHEME_OTWAY_REES,
                                          "otway-rees",
                                          UE_SCHEME_ACCESS_MSF,
                                          "access-msf"))
            .AddAttribute("KmsAddress",
                          "Address of the KMS (kms-ticket scheme)",
                          Ipv4AddressValue(),
                          MakeIpv4AddressAccessor(&ImsUeApplication::m_kmsAddress),
                          MakeIpv4AddressChecker())
            .AddAttribute("KmsPort",
                          "TCP port of the KMS (Ua, HTTP)",
                          UintegerValue(80),
                          MakeUintegerAccessor(&ImsUeApplication::m_kmsPort),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("KmsReplicaAddress",
                          "kms-ticket: address of the KMS replica (0.0.0.0: none); same port",
                          Ipv4AddressValue(),
                          MakeIpv4AddressAccessor(&ImsUeApplication::m_kmsReplicaAddress),
                          MakeIpv4AddressChecker())
            .AddAttribute("KmsFailoverTimeout",
                          "kms-ticket: a Ua request unanswered this long goes to the replica, or "
                          "fails (kms-unreachable) without one; 0: wait for TCP",
                          TimeValue(Seconds(2)),
                          MakeTimeAccessor(&ImsUeApplication::m_kmsFailoverTimeout),
                          MakeTimeChecker())
            .AddAttribute("ReuseTickets",
                          "kms-ticket: ask for reusable tickets and cache resolved ones",
                          BooleanValue(false),
                          MakeBooleanAccessor(&ImsUeApplication::m_reuseTickets),
                          MakeBooleanChecker())
            .AddAttribute("Suite",
                          "SRTP crypto suite offered (RFC 4568/7714 name)",
                          StringValue("AES_CM_128_HMAC_SHA1_80"),
                          MakeStringAccessor(&ImsUeApplication::m_suiteName),
                          MakeStringChecker())
            .AddAttribute("Ptime",
                          "Packetization time of the voice stream",
                          TimeValue(MilliSeconds(20)),
                          MakeTimeAccessor(&ImsUeApplication::m_ptime),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("PayloadSize",
                          "Voice payload bytes per packet (G.711 at 20 ms: 160)",
                          UintegerValue(160),
                          MakeUintegerAccessor(&ImsUeApplication::m_payloadSize),
                          MakeUintegerChecker<uint32_t>(12, 1400))
            .AddAttribute("PayloadType",
                          "RTP payload type (0 = PCMU)",
                          UintegerValue(0),
                          MakeUintegerAccessor(&ImsUeApplication::m_payloadType),
                          MakeUintegerChecker<uint8_t>(0, 127))
            .AddAttribute("RingTime",
                          "Delay between 180 Ringing and 200 OK when called",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&ImsUeApplication::m_ringTime),
                          MakeTimeChecker())
            .AddAttribute("RingJitter",
                          "Upper bound of a uniform random delay added to RingTime",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&ImsUeApplication::m_ringJitter),
                          MakeTimeChecker())
            .AddAttribute("T1",
                          "RFC 3261 timer T1 (RTT estimate)",
                          TimeValue(MilliSeconds(500)),
                          MakeTimeAccessor(&ImsUeApplication::m_t1),
                          MakeTimeChecker())
            .AddAttribute("Seed",
                          "Run seed of the deterministic key generator (label = node label)",
                          UintegerValue(1),
                          MakeUintegerAccessor(&ImsUeApplication::m_seed),
                          MakeUintegerChecker<uint64_t>())
            .AddAttribute("ReplayOtwayReesOffer",
                          "Attack: every otway-rees INVITE of this UE carries the offer (Ea) of "
                          "its first call, as an attacker replaying a captured INVITE would",
                          BooleanValue(false),
                          MakeBooleanAccessor(&ImsUeApplication::m_replayOtwayReesOffer),
                          MakeBooleanChecker())
            .AddAttribute("ForgeE2aeIndication",
                          "Attack: insert a=3ge2ae:applied into this UE's offers",
                          BooleanValue(false),
                          MakeBooleanAccessor(&ImsUeApplication::m_forgeE2aeIndication),
                          MakeBooleanChecker())
            .AddAttribute("RegisterAtStart",
                          "REGISTER when the application starts (false: the user is offline)",
                          BooleanValue(true),
                          MakeBooleanAccessor(&ImsUeApplication::m_registerAtStart),
                          MakeBooleanChecker())
            .AddAttribute("GroupIdentity",
                          "kms-ticket: ask for tickets for this KMS user group identity (e.g. "
                          "sip:*@ims.test) instead of the callee; \"\" = per callee",
                          StringValue(""),
                          MakeStringAccessor(&ImsUeApplication::m_groupIdentity),
                          MakeStringChecker())
            .AddAttribute("InitiatorTickets",
                          "kms-ticket: make tickets itself (RFC 6043 D=0) instead of asking",
                          BooleanValue(false),
                          MakeBooleanAccessor(&ImsUeApplication::m_initiatorTickets),
                          MakeBooleanChecker())
            .AddAttribute("InitiatorTicketLifetime",
                          "kms-ticket: TRe - TRs of the tickets the UE makes itself (D=0); the KMS "
                          "refuses a longer one",
                          TimeValue(Seconds(3600)),
                          MakeTimeAccessor(&ImsUeApplication::m_initiatorTicketLifetime),
                          MakeTimeChecker())
            .AddAttribute("TicketNetworkFunction",
                          "kms-ticket: a network function (KMS user identity, '*' allowed, e.g. "
                          "sip:transcoder1@ims.test) the UE's tickets name in IDRapp, letting it "
                          "obtain the call's keys; \"\" = none",
                          StringValue(""),
                          MakeStringAccessor(&ImsUeApplication::m_ticketNetworkFunction),
                          MakeStringChecker())
            .AddAttribute("UaConnectAtStart",
                          "kms-ticket: open the Ua (HTTP/TCP) connection to the KMS at start; "
                          "false: with the first KMS request",
                          BooleanValue(true),
                          MakeBooleanAccessor(&ImsUeApplication::m_uaConnectAtStart),
                          MakeBooleanChecker())
            .AddAttribute("RegisterSpread",
                          "REGISTER at a uniform random time in [0, RegisterSpread] after start "
                          "(drawn from the UE's key generator; 0: at start)",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&ImsUeApplication::m_registerSpread),
                          MakeTimeChecker())
            .AddAttribute("AcceptDeferredDelivery",
                          "kms-ticket caller: when a voice-mail server answers (a=recvonly, no "
                          "TRANSFER_RESP), send the media under the deferred-delivery keys",
                          BooleanValue(true),
                          MakeBooleanAccessor(&ImsUeApplication::m_acceptDeferredDelivery),
                          MakeBooleanChecker())
            .AddTraceSource("VoiceMailRetrieved",
                            "A stored voice-mail message was fetched, resolved and played",
                            MakeTraceSourceAccessor(&ImsUeApplication::m_voiceMailTrace),
                            "ns3::ims::ImsUeApplication::VoiceMailTracedCallback")
            .AddTraceSource("CallCompleted",
                            "A call ended (record of this UE)",
                            MakeTraceSourceAccessor(&ImsUeApplication::m_callCompletedTrace),
                            "ns3::ims::ImsUeApplication::CallTracedCallback")
            .AddTraceSource("KeyLog",
                            "An SRTP stream was keyed",
                            MakeTraceSourceAccessor(&ImsUeApplication::m_keyLogTrace),
                            "ns3::ims::ImsUeApplication::KeyLogTracedCallback")
            .AddTraceSource("KeyDerived",
                            "The SRTP keys of a call derive from a ticket key (TGK' or MPKi)",
                            MakeTraceSourceAccessor(&ImsUeApplication::m_keyDerivedTrace),
                            "ns3::ims::ImsUeApplication::KeyDerivedTracedCallback");
    return tid;
}

ImsUeApplication::ImsUeApplication()
    : m_ringRandom(CreateObject<UniformRandomVariable>())
{
}

int64_t
ImsUeApplication::AssignStreams(int64_t stream)
{
    m_ringRandom->SetStream(stream);
    return 1;
}
ImsUeApplication::~ImsUeApplication() = default;

void
ImsUeApplication::SetKmsCredentials(const mediasec::kms::UeCredentials& credentials)
{
    m_kmsCredentials = credentials;
}

void
ImsUeApplication::UseBsf(const InetSocketAddress& ub, const std::string& kmsFqdn)
{
    m_bsfUb = ub;
    m_kmsFqdn = kmsFqdn;
}

const mediasec::kms::UeCredentials&
ImsUeApplication::GetKmsCredentials() const
{
    return m_kmsCredentials;
}

const UeGbaAgent*
ImsUeApplication::GetGbaAgent() const
{
    return m_gbaAgent.get();
}

void
ImsUeApplication::SetAkaCredentials(const std::string& impi, const mediasec::Bytes& k,
                                    const mediasec::Bytes& opc)
{
    m_impi = impi;
    m_akaK = k;
    m_akaOpc = opc;
}

const std::string&
ImsUeApplication::GetRegistrationOutcome() const
{
    return m_registrationOutcome;
}

bool
ImsUeApplication::IsRegistered() const
{
    return m_registered;
}

bool
ImsUeApplication::NetworkSupportsE2ae() const
{
    return m_networkE2ae;
}

uint64_t
ImsUeApplication::GetUnknownStreamPackets() const
{
    return m_unknownStream;
}

bool
ImsUeApplication::UsesKmsReplica() const
{
    return m_ticketAgent && m_ticketAgent->OnKmsReplica();
}

void
ImsUeApplication::RetrieveVoiceMail(const InetSocketAddress& server)
{
    m_voiceMail = std::make_unique<VoiceMailRetriever>(
        m_ticketAgent.get(), m_payloadSize, [this](const RetrievedMessage& message) {
            if (!message.key.empty())
            {
                ReportKeyHeld(message.callId, message.key);
            }
            m_voiceMailTrace(message);
        });
    m_voiceMail->Retrieve(GetNode(), server, mediasec::kms::KmsUserIdentity(m_aor));
}

void
ImsUeApplication::StartApplication()
{
    SipNodeApplication::StartApplication();
    m_drbg = std::make_unique<mediasec::Drbg>(mediasec::Drbg::FromSeed(m_seed, GetLabel()));
    m_accessSuite =
        mediasec::SrtpSuiteFromName(m_suiteName).value_or(mediasec::SrtpSuite::AesCm128HmacSha1_80);
    m_mediaSocket = OpenUdpSocket(GetNode(), m_mediaPort,
                                  MakeCallback(&ImsUeApplication::HandleMediaRead, this));
    SetPeerInterface(m_pcscfAddress, "Gm");
    if (m_scheme == UE_SCHEME_KMS_TICKET && m_bsfUb)
    {
        StartGba();
    }
    else if (m_scheme == UE_SCHEME_KMS_TICKET)
    {
        StartTicketAgent();
    }
    if (m_scheme == UE_SCHEME_OTWAY_REES)
    {
        m_otwayAgent = std::make_unique<UeOtwayReesAgent>(
            m_aor, m_kmsCredentials.psk, m_seed, GetLabel(),
            [this](const std::string& callId, bool sent, uint32_t bytes) {
                TraceMessage(sent, callId, "Ua", sent ? "POST" : "reply", bytes);
            });
        m_otwayAgent->Start(GetNode(), InetSocketAddress(m_kmsAddress, m_kmsPort),
                            m_uaConnectAtStart);
    }
    m_registerCallId = mediasec::ToHex(m_drbg->Generate(8)) + "@" + AddressString(GetLocalAddress());
    if (m_registerAtStart && m_registerSpread.IsZero())
    {
        SendRegister();
    }
    else if (m_registerAtStart)
    {
        const auto spreadNs = static_cast<uint64_t>(m_registerSpread.GetNanoSeconds());
        m_registerEvent = Simulator::Schedule(NanoSeconds(m_drbg->NextU64() % (spreadNs + 1)),
                                              &ImsUeApplication::SendRegister, this);
    }
}

void
ImsUeApplication::StartTicketAgent()
{
    m_ticketAgent = std::make_unique<UeTicketAgent>(
        m_kmsCredentials, m_seed, GetLabel(),
        TicketOptions{m_reuseTickets, m_groupIdentity, m_initiatorTickets,
                      m_ticketNetworkFunction.empty()
                          ? std::vector<std::string>{}
                          : std::vector<std::string>{m_ticketNetworkFunction},
                      m_initiatorTicketLifetime.GetNanoSeconds()},
        [this](const std::string& callId, bool sent, uint32_t bytes) {
            TraceMessage(sent, callId, "Ua", sent ? "POST" : "reply", bytes);
        });
    KmsFailoverOptions failover;
    failover.timeout = m_kmsFailoverTimeout;
    if (m_kmsReplicaAddress != Ipv4Address())
    {
        failover.replica = InetSocketAddress(m_kmsReplicaAddress, m_kmsPort);
    }
    m_ticketAgent->SetFailover(failover, [this](const std::string& callId) {
        if (auto it = m_calls.find(callId); it != m_calls.end())
        {
            ++it->second->record.kmsStalls;
        }
    });
    m_ticketAgent->Start(GetNode(), InetSocketAddress(m_kmsAddress, m_kmsPort), m_uaConnectAtStart);
}

void
ImsUeApplication::StartGba()
{
    auto usim = mediasec::gba::Milenage::Create(m_akaK, m_akaOpc, true);
    if (!usim)
    {
        // No USIM to bootstrap with: no ticket agent, so every ticket step fails at once.
        NS_LOG_WARN(GetLabel() << ": no USIM for GBA: " << usim.GetError().ToString());
        return;
    }
    m_gbaAgent = std::make_unique<UeGbaAgent>(std::move(usim).Value(), m_impi, m_sqnMs);
    m_gbaAgent->Start(GetNode(), *m_bsfUb);
    m_gbaPending = true;
    m_gbaAgent->GetNafKeys(
        m_kmsFqdn, mediasec::gba::kUaProtocolIdImsMediaPlane, [this](mediasec::Result<NafKeys> keys) {
            m_gbaPending = false;
            if (keys)
            {
                m_kmsCredentials.btid = keys.Value().btid;
                m_kmsCredentials.psk = keys.Value().ksNaf;
                StartTicketAgent();
            }
            else
            {
                NS_LOG_WARN(GetLabel() << ": GBA bootstrap failed: " << keys.GetError().ToString());
            }
            auto waiting = std::move(m_waitingForGba);
            m_waitingForGba.clear();
            for (auto& step : waiting)
            {
                step();
            }
        });
}

void
ImsUeApplication::WhenKmsKeysReady(std::function<void()> step)
{
    if (m_gbaPending)
    {
        m_waitingForGba.push_back(std::move(step));
        return;
    }
    step();
}

void
ImsUeApplication::StopApplication()
{
    Simulator::Cancel(m_registerEvent);
    for (auto& [branch, transaction] : m_transactions)
    {
        Simulator::Cancel(transaction.retransmit);
        Simulator::Cancel(transaction.timeout);
    }
    for (auto& [id, call] : m_calls)
    {
        Simulator::Cancel(call->mediaEvent);
        Simulator::Cancel(call->byeEvent);
        Simulator::Cancel(call->answerRetransmit);
    }
    CloseSocket(m_mediaSocket);
    if (m_gbaAgent)
    {
        m_gbaAgent->Stop();
    }
    m_waitingForGba.clear();
    if (m_ticketAgent)
    {
        m_ticketAgent->Stop();
    }
    if (m_otwayAgent)
    {
        m_otwayAgent->Stop();
    }
    SipNodeApplication::StopApplication();
}

void
ImsUeApplication::DoDispose()
{
    m_mediaSocket = nullptr;
    m_calls.clear();
    m_transactions.clear();
    SipNodeApplication::DoDispose();
}

std::string
ImsUeApplication::NewBranch()
{
    return "z9hG4bK" + mediasec::ToHex(m_drbg->Generate(8));
}

std::string
ImsUeApplication::ContactUri() const
{
    auto uri = mediasec::sip::ParseSipUri(m_aor);
    const std::string user = uri ? uri.Value().user : "ue";
    return "sip:" + user + "@" + AddressString(GetLocalAddress()) + ":" + std::to_string(m_sipPort);
}

std::string
ImsUeApplication::RegisterUri() const
{
    auto uri = mediasec::sip::ParseSipUri(m_aor);
    return "sip:" + (uri ? uri.Value().host : std::string("ims.test"));
}

void
ImsUeApplication::SendRegister()
{
    auto request = SipMessage::MakeRequest("REGISTER", RegisterUri());
    mediasec::sip::Via via{"UDP", AddressString(GetLocalAddress()), m_sipPort, NewBranch(), {}};
    request.AddHeader("Via", mediasec::sip::FormatVia(via));
    request.AddHeader("Max-Forwards", "70");
    request.AddHeader("From", "<" + m_aor + ">;tag=" + mediasec::ToHex(m_drbg->Generate(4)));
    request.AddHeader("To", "<" + m_aor + ">");
    request.AddHeader("Call-ID", m_registerCallId);
    request.AddHeader("CSeq", std::to_string(++m_registerCseq) + " REGISTER");
    request.AddHeader("Contact", "<" + ContactUri() + ">");
    request.AddHeader("Expires", "600000");
    if (m_scheme == UE_SCHEME_SDES_E2AE)
    {
        // TS 33.328 7.1: "e2ae-security supported by UE".
        request.AddHeader("Security-Client", mims::MediasecCapabilityValue());
    }
    if (m_scheme == UE_SCHEME_ACCESS_MSF)
    {
        // Seed 003 step 1 with IMS AKA (TS 24.229 5.1.1.2.1): IMPI and the suites it can key.
        const std::string uri = RegisterUri();
        request.AddHeader("Authorization", m_registerAuthorization.empty()
                                               ? mediasec::access::FormatInitialAuthorization(
                                                     m_impi, uri.substr(4), uri)
                                               : m_registerAuthorization);
        request.AddHeader("Security-Client",
                          mediasec::access::FormatAccessCapability({m_accessSuite}));
    }
    StartClientTransaction(request, false);
}

void
ImsUeApplication::StartClientTransaction(const SipMessage& request, bool invite)
{
    const auto via = mediasec::sip::ParseVia(request.GetHeader("Via").value_or(""));
    const std::string branch = via ? via.Value().branch : "";
    mediasec::sip::SipTimerConfig timers;
    timers.t1Ns = m_t1.GetNanoSeconds();
    ClientTransaction transaction{request.Format(),
                                  request.GetHeader("Call-ID").value_or(""),
                                  request.Method(),
                                  mediasec::sip::ClientRetransmitSchedule(invite, timers),
                                  EventId(),
                                  EventId()};
    const InetSocketAddress to(m_pcscfAddress, m_pcscfPort);
    SendSipText(transaction.text, transaction.callId, transaction.method, to);
    transaction.retransmit =
        Simulator::Schedule(NanoSeconds(transaction.schedule.NextIntervalNs()),
                            &ImsUeApplication::RetransmitRequest, this, branch);
    transaction.timeout = Simulator::Schedule(NanoSeconds(transaction.schedule.TimeoutNs()),
                                              &ImsUeApplication::TimeoutRequest, this, branch);
    m_transactions.erase(branch);
    m_transactions.emplace(branch, std::move(transaction));
}

void
ImsUeApplication::RetransmitRequest(const std::string& branch)
{
    auto it = m_transactions.find(branch);
    if (it == m_transactions.end())
    {
        return;
    }
    auto& t = it->second;
    SendSipText(t.text, t.callId, t.method, InetSocketAddress(m_pcscfAddress, m_pcscfPort));
    t.retransmit = Simulator::Schedule(NanoSeconds(t.schedule.NextIntervalNs()),
                                       &ImsUeApplication::RetransmitRequest, this, branch);
}

void
ImsUeApplication::TimeoutRequest(const std::string& branch)
{
    auto it = m_transactions.find(branch);
    if (it == m_transactions.end())
    {
        return;
    }
    const std::string callId = it->second.callId;
    StopClientTransaction(branch);
    if (m_releaseBranches.erase(branch) > 0)
    {
        return; // the BYE of a released forked dialog: the call itself is not affected
    }
    if (callId == m_registerCallId)
    {
        NS_LOG_WARN(GetLabel() << ": REGISTER timed out");
        return;
    }
    FinishCall(callId, "timeout");
}

void
ImsUeApplication::StopClientTransaction(const std::string& branch)
{
    auto it = m_transactions.find(branch);
    if (it != m_transactions.end())
    {
        Simulator::Cancel(it->second.retransmit);
        Simulator::Cancel(it->second.timeout);
        m_transactions.erase(it);
    }
}

void
ImsUeApplication::HandleSip(const SipMessage& message, const InetSocketAddress& from)
{
    if (!message.IsRequest())
    {
        HandleResponse(message);
        return;
    }
    const std::string callId = message.GetHeader("Call-ID").value_or("");
    if (message.Method() == "INVITE")
    {
        HandleInvite(message, from);
    }
    else if (message.Method() == "ACK")
    {
        if (auto it = m_calls.find(callId); it != m_calls.end())
        {
            HandleAck(*it->second);
        }
    }
    else if (message.Method() == "BYE")
    {
        HandleBye(message, from);
    }
    else if (message.Method() == "CANCEL")
    {
        HandleCancel(message, from);
    }
    else
    {
        SendSip(mediasec::ims::MakeResponseTo(message, 405, "Method Not Allowed"), from);
    }
}

void
ImsUeApplication::HandleResponse(const SipMessage& response)
{
    const auto via = mediasec::sip::ParseVia(response.GetHeader("Via").value_or(""));
    const auto cseq = mediasec::sip::ParseCSeq(response.GetHeader("CSeq").value_or(""));
    if (!via || !cseq)
    {
        return;
    }
    const std::string& branch = via.Value().branch;
    const bool final = response.StatusCode() >= 200;
    if (cseq.Value().method == "REGISTER")
    {
        if (!final)
        {
            return;
        }
        if (m_scheme == UE_SCHEME_ACCESS_MSF)
        {
            if (m_transactions.count(branch) == 0)
            {
                return; // a late duplicate of a REGISTER already answered: no new AKA run
            }
            StopClientTransaction(branch);
            HandleAccessRegisterResponse(response);
            return;
        }
        StopClientTransaction(branch);
        m_registered = response.StatusCode() / 100 == 2;
        const auto server = response.GetHeader("Security-Server");
        m_networkE2ae = m_registered && server && mims::HasMediasecCapability(*server);
        return;
    }
    const std::string callId = response.GetHeader("Call-ID").value_or("");
    auto call = m_calls.find(callId);
    if (cseq.Value().method == "INVITE" && call != m_calls.end())
    {
        HandleInviteResponse(*call->second, response);
        return;
    }
    if (cseq.Value().method == "BYE" && final)
    {
        StopClientTransaction(branch);
        if (m_releaseBranches.erase(branch) > 0)
        {
            return; // a released forked dialog, not the call
        }
        FinishCall(callId, response.StatusCode() / 100 == 2 ? "completed" : "bye-failed");
    }
}

void
ImsUeApplication::HandleAccessRegisterResponse(const SipMessage& response)
{
    constexpr uint32_t kMaxChallenges = 3; // a network that keeps challenging is refused
    const int code = response.StatusCode();
    if (code == 401 && ++m_akaChallenges <= kMaxChallenges)
    {
        // Step 2: the USIM checks AUTN and gives RES, CK and IK.
        auto usim = mediasec::gba::Milenage::Create(m_akaK, m_akaOpc, true);
        auto answer = usim ? mediasec::access::AnswerRegisterChallenge(
                                 usim.Value(), m_sqnMs, response,
                                 {m_impi, RegisterUri(), mediasec::ToHex(m_drbg->Generate(8))})
                           : mediasec::Result<mediasec::access::RegisterAnswer>(usim.GetError());
        if (!answer)
        {
            NS_LOG_WARN(GetLabel()
                        << ": IMS AKA challenge refused: " << answer.GetError().ToString());
            m_registrationOutcome =
                std::string("aka-") + mediasec::ErrcName(answer.GetError().code);
            return;
        }
        m_sqnMs = answer.Value().sqn;
        m_challengeKeys = answer.Value().keys;
        m_registerAuthorization = answer.Value().authorization;
        SendRegister();
        return;
    }
    m_akaChallenges = 0;
    m_registerAuthorization.clear();
    m_registered = false;
    if (code / 100 != 2)
    {
        m_registrationOutcome =
            code == 401 ? "aka-challenge-loop" : "rejected-" + std::to_string(code);
        return;
    }
    // Step 3: the network confirms the suite the media keys are derived for.
    auto suite = m_challengeKeys
                     ? mediasec::access::ReadAccessConfirmation(response, {m_accessSuite})
                     : mediasec::Result<mediasec::SrtpSuite>(
                           mediasec::MakeError(mediasec::Errc::MissingField, "no IMS AKA keys"));
    if (!suite)
    {
        NS_LOG_WARN(GetLabel() << ": no access-msf confirmation: " << suite.GetError().ToString());
        m_registrationOutcome = "no-confirmation";
        return;
    }
    m_registered = true;
    m_akaKeys = m_challengeKeys;
    m_accessSuite = suite.Value();
    m_registrationOutcome = "registered";
}

void
ImsUeApplication::HandleInviteResponse(Call& call, const SipMessage& response)
{
    const int code = response.StatusCode();
    auto transaction = m_transactions.find(call.inviteBranch);
    if (code < 200)
    {
        if (transaction != m_transactions.end())
        {
            // Proceeding (RFC 3261 17.1.1.2): no more retransmissions, and Timer B only
            // applies in the Calling state.
            Simulator::Cancel(transaction->second.retransmit);
            Simulator::Cancel(transaction->second.timeout);
        }
        return;
    }
    StopClientTransaction(call.inviteBranch);
    if (code >= 300)
    {
        // Non-2xx: the transaction ACKs with the INVITE's branch (RFC 3261 17.1.1.3).
        if (!call.answered)
        {
            SendSip(mediasec::sip::MakeNon2xxAck(response, call.remoteIdentity),
                    InetSocketAddress(m_pcscfAddress, m_pcscfPort));
            FinishCall(call.record.callId, "rejected-" + std::to_string(code));
        }
        return;
    }
    const std::string toTag = mims::TagOf(response, "To");
    if (call.answered && toTag != call.remoteTag)
    {
        ReleaseForkedDialog(call, response, toTag);
        return;
    }
    if (call.answered)
    {
        // Retransmitted 2xx: our ACK was lost (RFC 3261 13.2.2.4).
        SendSipText(call.ackText, call.record.callId, "ACK",
                    InetSocketAddress(m_pcscfAddress, m_pcscfPort));
        return;
    }
    call.answered = true;
    call.record.answerTime = Simulator::Now();
    const auto contact = mediasec::sip::ParseNameAddr(response.GetHeader("Contact").value_or(""));
    call.remoteTag = toTag;
    call.record.dialogTag = toTag;
    call.remoteTarget = contact ? contact.Value().uri : call.remoteIdentity;
    SipMessage ack = MakeInDialogRequest(call, "ACK");
    ack.SetHeader("CSeq", "1 ACK");
    call.ackText = ack.Format();
    SendSipText(call.ackText, call.record.callId, "ACK",
                InetSocketAddress(m_pcscfAddress, m_pcscfPort));
    const std::string failure = ApplyPeerSdp(call, response.Body());
    if (!failure.empty())
    {
        SendBye(call.record.callId);
        call.record.outcome = failure;
        return;
    }
    StartMedia(call);
    call.byeEvent = Simulator::Schedule(call.holdTime, &ImsUeApplication::SendBye, this,
                                        call.record.callId);
}

std::string
ImsUeApplication::PlaceCall(const std::string& calleeAor, Time holdTime)
{
    auto call = std::make_unique<Call>();
    const std::string callId =
        mediasec::ToHex(m_drbg->Generate(8)) + "@" + AddressString(GetLocalAddress());
    call->record.callId = callId;
    call->record.ue = GetLabel();
    call->record.peer = calleeAor;
    call->record.caller = true;
    call->record.inviteTime = Simulator::Now();
    call->localTag = mediasec::ToHex(m_drbg->Generate(4));
    call->remoteIdentity = calleeAor;
    call->holdTime = holdTime;
    call->localSsrc = m_drbg->NextU32();
    call->inviteBranch = NewBranch();
    if (m_scheme == UE_SCHEME_SDES_E2E || m_scheme == UE_SCHEME_SDES_E2AE)
    {
        const auto suite = mediasec::SrtpSuiteFromName(m_suiteName);
        call->localKey = mims::MakeCryptoAttribute(
            1, suite.value_or(mediasec::SrtpSuite::AesCm128HmacSha1_80), *m_drbg);
    }
    Call& placed = *m_calls.emplace(callId, std::move(call)).first->second;
    if (m_scheme == UE_SCHEME_ACCESS_MSF)
    {
        // Without the IMS AKA keys of a registration there is nothing to key the call with.
        if (!m_akaKeys)
        {
            FinishCall(callId, "no-keys");
            return callId;
        }
        placed.accessMsf = true;
    }
    if (m_scheme == UE_SCHEME_OTWAY_REES)
    {
        // Seed 001 step 1: plain ID-A, ID-B and Ea(ID-A, ID-B, Na, M) in the INVITE.
        auto offer = m_otwayAgent->PrepareOffer(callId, calleeAor);
        if (!offer)
        {
            NS_LOG_WARN(GetLabel() << ": no Otway-Rees offer: " << offer.GetError().ToString());
            FinishCall(callId, "no-keys");
            return callId;
        }
        placed.keyMgmt = mediasec::otway::FormatKeyMgmtOtwayRees(offer.Value());
        if (m_replayOtwayReesOffer)
        {
            // Attack: every INVITE carries the offer captured from the first call.
            m_firstOtwayReesOffer =
                m_firstOtwayReesOffer.empty() ? placed.keyMgmt : m_firstOtwayReesOffer;
            placed.keyMgmt = m_firstOtwayReesOffer;
        }
    }
    if (m_scheme != UE_SCHEME_KMS_TICKET)
    {
        SendInvite(placed);
        return callId;
    }
    // TS 33.328 7.2.3 step 1: a ticket for the callee first (from the KMS or the cache), once
    // GBA gave the keys towards the KMS.
    WhenKmsKeysReady([this, callId, calleeAor]() {
        if (m_calls.count(callId) == 0)
        {
            return;
        }
        if (!m_ticketAgent)
        {
            FinishCall(callId, "gba-failed");
            return;
        }
        m_ticketAgent->PrepareOffer(callId, calleeAor, [this, callId](auto transfer) {
            auto it = m_calls.find(callId);
            if (it == m_calls.end())
            {
                return;
            }
            if (!transfer)
            {
                NS_LOG_WARN(GetLabel() << ": no ticket: " << transfer.GetError().ToString());
                FinishCall(callId, KmsFailureOutcome(transfer.GetError()));
                return;
            }
            it->second->keyMgmt = mediasec::mikey::FormatKeyMgmtMikey(transfer.Value());
            SendInvite(*it->second);
        });
    });
    return callId;
}

void
ImsUeApplication::SendInvite(Call& call)
{
    const std::string& callId = call.record.callId;
    const std::string& calleeAor = call.remoteIdentity;
    auto invite = SipMessage::MakeRequest("INVITE", calleeAor);
    mediasec::sip::Via via{"UDP", AddressString(GetLocalAddress()), m_sipPort, call.inviteBranch,
                           {}};
    invite.AddHeader("Via", mediasec::sip::FormatVia(via));
    invite.AddHeader("Max-Forwards", "70");
    invite.AddHeader("From", "<" + m_aor + ">;tag=" + call.localTag);
    invite.AddHeader("To", "<" + calleeAor + ">");
    invite.AddHeader("Call-ID", callId);
    invite.AddHeader("CSeq", "1 INVITE");
    invite.AddHeader("Contact", "<" + ContactUri() + ">");
    invite.SetBody(MakeSdp(call), "application/sdp");
    call.cseq = 2;
    StartClientTransaction(invite, true);
}

void
ImsUeApplication::HandleInvite(const SipMessage& request, const InetSocketAddress& from)
{
    const std::string callId = request.GetHeader("Call-ID").value_or("");
    if (auto existing = m_calls.find(callId); existing != m_calls.end())
    {
        if (existing->second->answered)
        {
            SendSipText(existing->second->answerText, callId, "200", from);
        }
        return; // retransmission still ringing: the 180 is regenerated by the proxy's timer
    }
    auto call = std::make_unique<Call>();
    Call& c = *call;
    c.record.callId = callId;
    c.record.ue = GetLabel();
    c.record.caller = false;
    c.record.inviteTime = Simulator::Now();
    c.localTag = mediasec::ToHex(m_drbg->Generate(4));
    c.record.dialogTag = c.localTag;
    c.localSsrc = m_drbg->NextU32();
    const auto fromHeader = mediasec::sip::ParseNameAddr(request.GetHeader("From").value_or(""));
    const auto contact = mediasec::sip::ParseNameAddr(request.GetHeader("Contact").value_or(""));
    c.record.peer = fromHeader ? fromHeader.Value().uri : "";
    c.remoteIdentity = c.record.peer;
    if (fromHeader)
    {
        auto tag = fromHeader.Value().params.find("tag");
        c.remoteTag = tag == fromHeader.Value().params.end() ? "" : tag->second;
    }
    c.remoteTarget = contact ? contact.Value().uri : c.record.peer;
    c.answerTo = from;
    m_calls.emplace(callId, std::move(call));
    SendSip(mims::MakeResponseTo(request, 100, "Trying"), from);

    auto offer = mediasec::sip::ParseSdp(request.Body());
    const auto keyMgmt =
        offer ? offer.Value().AttributeValues("key-mgmt") : std::vector<std::string>{};
    if (!keyMgmt.empty() && m_otwayAgent)
    {
        AnswerOtwayReesOffer(request, from, keyMgmt.front());
        return;
    }
    if (keyMgmt.empty() || m_scheme != UE_SCHEME_KMS_TICKET)
    {
        ContinueInvite(request, from);
        return;
    }
    // TS 33.328 7.3.3: resolve the ticket at the KMS before answering.
    auto transfer = mediasec::mikey::ParseKeyMgmtMikey(keyMgmt.front());
    if (!transfer)
    {
        ContinueInvite(request, from); // answered 488 below: no usable key management
        return;
    }
    WhenKmsKeysReady([this, request, from, callId, transferInit = transfer.Value()]() {
        auto waited = m_calls.find(callId);
        if (waited == m_calls.end())
        {
            return;
        }
        if (!m_ticketAgent)
        {
            waited->second->record.outcome = "gba-failed"; // kept by FinishCall after the 488
            ContinueInvite(request, from);
            return;
        }
        m_ticketAgent->AnswerOffer(callId, transferInit, [this, request, from](auto outcome) {
            const std::string id = request.GetHeader("Call-ID").value_or("");
            auto it = m_calls.find(id);
            if (it == m_calls.end())
            {
                return;
            }
            if (outcome)
            {
                it->second->ticketKeys = outcome.Value().keys.srtp;
                it->second->ticketRootKey = outcome.Value().keys.rootKey;
                it->second->keyMgmt =
                    mediasec::mikey::FormatKeyMgmtMikey(outcome.Value().transferResp);
            }
            else
            {
                NS_LOG_WARN(GetLabel()
                            << ": ticket not resolved: " << outcome.GetError().ToString());
                // Answered 488 (no keys) below; the record keeps why when the KMS was
                // unreachable.
                if (outcome.GetError().code == mediasec::Errc::Unreachable)
                {
                    it->second->record.outcome = KmsFailureOutcome(outcome.GetError());
                }
            }
            ContinueInvite(request, from);
        });
    });
}

void
ImsUeApplication::ContinueInvite(const SipMessage& request, const InetSocketAddress& from)
{
    const std::string callId = request.GetHeader("Call-ID").value_or("");
    Call& c = *m_calls.at(callId);
    SipMessage ringing = mims::MakeResponseTo(request, 180, "Ringing");
    ringing.SetHeader("To", request.GetHeader("To").value_or("") + ";tag=" + c.localTag);
    const std::string failure = ApplyPeerSdp(c, request.Body());
    if (!failure.empty())
    {
        SipMessage reject = mims::MakeResponseTo(request, 488, "Not Acceptable Here");
        reject.SetHeader("To", ringing.GetHeader("To").value_or(""));
        SendSip(reject, from);
        FinishCall(callId, failure);
        return;
    }
    SendSip(ringing, from);
    // Keep what the 200 OK needs; it is sent after the ring time.
    SipMessage ok = mims::MakeResponseTo(request, 200, "OK");
    ok.SetHeader("To", ringing.GetHeader("To").value_or(""));
    ok.AddHeader("Contact", "<" + ContactUri() + ">");
    ok.SetBody(MakeSdp(c), "application/sdp");
    c.answerText = ok.Format();
    const Time ring =
        m_ringTime + NanoSeconds(static_cast<int64_t>(
                         m_ringRandom->GetValue(0, static_cast<double>(m_ringJitter.GetNanoSeconds()))));
    Simulator::Schedule(ring, &ImsUeApplication::AnswerCall, this, callId);
}

void
ImsUeApplication::AnswerCall(const std::string& callId)
{
    auto it = m_calls.find(callId);
    if (it == m_calls.end())
    {
        return;
    }
    Call& c = *it->second;
    c.answered = true;
    c.record.answerTime = Simulator::Now();
    mediasec::sip::SipTimerConfig timers;
    timers.t1Ns = m_t1.GetNanoSeconds();
    c.answerSchedule = std::make_unique<mediasec::sip::ServerRetransmitSchedule>(timers);
    c.answerDeadline = Simulator::Now() + NanoSeconds(c.answerSchedule->TimeoutNs());
    SendSipText(c.answerText, callId, "200", c.answerTo);
    c.answerRetransmit = Simulator::Schedule(NanoSeconds(c.answerSchedule->NextIntervalNs()),
                                             &ImsUeApplication::RetransmitAnswer, this, callId);
}

void
ImsUeApplication::RetransmitAnswer(const std::string& callId)
{
    auto it = m_calls.find(callId);
    if (it == m_calls.end())
    {
        return;
    }
    Call& c = *it->second;
    if (Simulator::Now() >= c.answerDeadline)
    {
        // Timer H: no ACK; the dialog is terminated (RFC 3261 13.3.1.4).
        FinishCall(callId, "no-ack");
        return;
    }
    SendSipText(c.answerText, callId, "200", c.answerTo);
    c.answerRetransmit = Simulator::Schedule(NanoSeconds(c.answerSchedule->NextIntervalNs()),
                                             &ImsUeApplication::RetransmitAnswer, this, callId);
}

void
ImsUeApplication::HandleAck(Call& call)
{
    Simulator::Cancel(call.answerRetransmit);
    if (!call.mediaStarted && call.answered)
    {
        StartMedia(call);
    }
}

void
ImsUeApplication::HandleBye(const SipMessage& request, const InetSocketAddress& from)
{
    const std::string callId = request.GetHeader("Call-ID").value_or("");
    if (auto answered = m_byeAnswers.find(callId); answered != m_byeAnswers.end())
    {
        // Retransmitted BYE: the server transaction repeats its response (RFC 3261 17.2.2).
        SendSipText(answered->second, callId, "200", from);
        return;
    }
    auto it = m_calls.find(callId);
    if (it == m_calls.end())
    {
        SendSip(mims::MakeResponseTo(request, 481, "Call/Transaction Does Not Exist"), from);
        return;
    }
    const std::string ok = mims::MakeResponseTo(request, 200, "OK").Format();
    m_byeAnswers[callId] = ok;
    Simulator::Schedule(64 * m_t1, [this, callId]() { m_byeAnswers.erase(callId); }); // Timer J
    SendSipText(ok, callId, "200", from);
    FinishCall(callId, "completed");
}

void
ImsUeApplication::HandleCancel(const SipMessage& request, const InetSocketAddress& from)
{
    const std::string callId = request.GetHeader("Call-ID").value_or("");
    SendSip(mims::MakeResponseTo(request, 200, "OK"), from);
    auto it = m_calls.find(callId);
    if (it == m_calls.end() || it->second->answered)
    {
        return; // nothing pending: CANCEL has no effect (RFC 3261 9.2)
    }
    // 487 to the INVITE: same Via/From/Call-ID and CSeq number as the CANCEL, our To tag.
    SipMessage terminated = mims::MakeResponseTo(request, 487, "Request Terminated");
    const auto cseq = mediasec::sip::ParseCSeq(request.GetHeader("CSeq").value_or(""));
    terminated.SetHeader("CSeq", std::to_string(cseq ? cseq.Value().number : 1) + " INVITE");
    terminated.SetHeader("To", request.GetHeader("To").value_or("") + ";tag=" + it->second->localTag);
    SendSip(terminated, from);
    FinishCall(callId, "cancelled");
}

void
ImsUeApplication::ReleaseForkedDialog(Call& call, const SipMessage& response,
                                      const std::string& tag)
{
    const bool again = !call.releasedTags.insert(tag).second;
    Call dialog;
    dialog.record.callId = call.record.callId;
    dialog.localTag = call.localTag;
    dialog.remoteTag = tag;
    dialog.remoteIdentity = call.remoteIdentity;
    const auto contact = mediasec::sip::ParseNameAddr(response.GetHeader("Contact").value_or(""));
    dialog.remoteTarget = contact ? contact.Value().uri : call.remoteIdentity;
    SipMessage ack = MakeInDialogRequest(dialog, "ACK");
    ack.SetHeader("CSeq", "1 ACK");
    SendSip(ack, InetSocketAddress(m_pcscfAddress, m_pcscfPort));
    if (again)
    {
        return; // a retransmitted 2xx of a dialog already released: ACK it again
    }
    SipMessage bye = MakeInDialogRequest(dialog, "BYE");
    const auto via = mediasec::sip::ParseVia(bye.GetHeader("Via").value_or(""));
    m_releaseBranches.insert(via ? via.Value().branch : "");
    StartClientTransaction(bye, false);
    ++call.record.forkedDialogsReleased;
}

void
ImsUeApplication::SendBye(const std::string& callId)
{
    auto it = m_calls.find(callId);
    if (it == m_calls.end())
    {
        return;
    }
    Call& c = *it->second;
    Simulator::Cancel(c.mediaEvent);
    c.mediaStarted = false;
    SipMessage bye = MakeInDialogRequest(c, "BYE");
    StartClientTransaction(bye, false);
}

SipMessage
ImsUeApplication::MakeInDialogRequest(Call& call, const std::string& method)
{
    const mediasec::sip::Via via{
        "UDP", AddressString(GetLocalAddress()), m_sipPort, NewBranch(), {}};
    return mediasec::sip::MakeInDialogRequest(method,
                                              {call.record.callId, m_aor, call.localTag,
                                               call.remoteIdentity, call.remoteTag,
                                               call.remoteTarget},
                                              via, call.cseq++);
}

std::string
ImsUeApplication::MakeSdp(Call& call) const
{
    mediasec::sip::SdpSession sdp;
    const std::string address = AddressString(GetLocalAddress());
    sdp.origin = {"-", call.localSsrc, 1, "IN", "IP4", address};
    sdp.sessionName = "-";
    sdp.connection = mediasec::sip::SdpConnection{"IN", "IP4", address};
    mediasec::sip::SdpMedia audio;
    audio.media = "audio";
    audio.port = m_mediaPort;
    audio.proto = "RTP/AVP";
    audio.formats = {std::to_string(m_payloadType)};
    audio.AddAttribute("rtpmap", std::to_string(m_payloadType) + " PCMU/8000");
    audio.AddAttribute("ptime", std::to_string(m_ptime.GetMilliSeconds()));
    audio.AddAttribute("ssrc", std::to_string(call.localSsrc) + " cname:" + GetLabel());
    audio.AddAttribute("sendrecv", "");
    audio.attributes.back().hasValue = false;
    if (call.localKey)
    {
        mims::SetSrtpTransport(audio, *call.localKey);
    }
    if (call.accessMsf)
    {
        // Seed 003 step 4: SRTP towards the MSF, keys from CK/IK, none in the SDP.
        audio.proto = "RTP/SAVP";
    }
    if (!call.keyMgmt.empty())
    {
        // MIKEY-TICKET in SDP (RFC 4567) at session level, where dissectors look for it.
        audio.proto = "RTP/SAVP";
        sdp.AddAttribute("key-mgmt", call.keyMgmt);
    }
    sdp.media.push_back(audio);
    const bool offer = call.record.caller;
    if (offer && m_scheme == UE_SCHEME_SDES_E2AE && m_networkE2ae)
    {
        // TS 33.328 7.2.1 step 1.
        mims::AddE2aeIndication(sdp, E2aeIndication::Requested);
    }
    if (offer && m_forgeE2aeIndication)
    {
        mims::AddE2aeIndication(sdp, E2aeIndication::Applied);
    }
    return mediasec::sip::FormatSdp(sdp);
}

std::string
ImsUeApplication::ApplyPeerSdp(Call& call, const std::string& sdpText)
{
    auto parsed = mediasec::sip::ParseSdp(sdpText);
    if (!parsed)
    {
        return "bad-sdp";
    }
    const auto& sdp = parsed.Value();
    const auto* audio = mims::FindAudio(sdp);
    const auto endpoint = mims::ReadAudioEndpoint(sdp);
    if (audio == nullptr || !endpoint)
    {
        return "bad-sdp";
    }
    call.remoteMedia =
        InetSocketAddress(Ipv4Address(endpoint.Value().address.c_str()), endpoint.Value().port);
    call.remoteSsrc = mims::ReadSsrc(*audio).value_or(0);
    call.record.e2aeIndicated = mims::HasE2aeIndication(sdp, E2aeIndication::Applied);
    // A receive-only answer to a caller: a voice-mail server took the call (deferred delivery).
    call.record.deferred = call.record.caller && audio->HasAttribute("recvonly");
    m_callBySsrc[call.remoteSsrc] = call.record.callId;
    const bool peerSrtp = audio->proto == "RTP/SAVP";
    if (!peerSrtp)
    {
        // A UE that offered SRTP does not accept a downgrade to plain RTP.
        if (call.localKey || (call.record.caller && (!call.keyMgmt.empty() || call.accessMsf)))
        {
            return "downgraded";
        }
        call.record.keysReadyTime = Simulator::Now();
        return "";
    }
    if (m_scheme == UE_SCHEME_NONE)
    {
        return "no-srtp-support";
    }
    if (m_scheme == UE_SCHEME_ACCESS_MSF)
    {
        return ApplyAccessKeys(call);
    }
    if (m_otwayAgent)
    {
        return ApplyOtwayReesKeys(call, sdp);
    }
    if (sdp.HasAttribute("key-mgmt"))
    {
        return ApplyTicketKeys(call, sdp);
    }
    if (call.record.caller && !call.keyMgmt.empty() && audio->HasAttribute("recvonly"))
    {
        return ApplyDeferredKeys(call);
    }
    const auto keys = mims::ReadValidCryptoAttributes(*audio);
    if (keys.empty())
    {
        return "no-keys";
    }
    const auto& peerKey = keys.front();
    if (!call.localKey)
    {
        // Answerer: select the first acceptable attribute; answer with the same tag and suite.
        call.localKey = mims::MakeCryptoAttribute(peerKey.tag, peerKey.suite, *m_drbg);
    }
    const auto& local = call.localKey->keys.front();
    const auto& remote = peerKey.keys.front();
    return InstallSrtp(call, peerKey.suite, {local.masterKey, local.masterSalt},
                       {remote.masterKey, remote.masterSalt});
}

void
ImsUeApplication::AnswerOtwayReesOffer(const SipMessage& request, const InetSocketAddress& from,
                                       const std::string& keyMgmt)
{
    auto offer = mediasec::otway::ParseKeyMgmtOtwayRees(keyMgmt);
    if (!offer)
    {
        ContinueInvite(request, from); // answered 488: no usable key management
        return;
    }
    // Seed 001 steps 2-4: Eb to the KMS with Ea, Ea(K) back for the 200 OK.
    const std::string callId = request.GetHeader("Call-ID").value_or("");
    m_otwayAgent->AnswerOffer(callId, offer.Value(), [this, request, from, callId](auto outcome) {
        auto it = m_calls.find(callId);
        if (it == m_calls.end())
        {
            return;
        }
        if (outcome)
        {
            it->second->ticketKeys = outcome.Value().keys.srtp;
            it->second->keyMgmt = mediasec::otway::FormatKeyMgmtOtwayRees(outcome.Value().answer);
        }
        else
        {
            NS_LOG_WARN(GetLabel() << ": Otway-Rees KMS refused: " << outcome.GetError().ToString());
        }
        ContinueInvite(request, from);
    });
}

std::string
ImsUeApplication::ApplyAccessKeys(Call& call)
{
    if (!m_akaKeys)
    {
        return "no-keys";
    }
    // Seed 003 step 11: uplink to send, downlink to receive, both from CK/IK and the Call-ID.
    auto keys =
        mediasec::access::DeriveMediaKeyPair(*m_akaKeys, call.record.callId, 0, m_accessSuite);
    if (!keys)
    {
        NS_LOG_WARN(GetLabel() << ": no access-msf keys: " << keys.GetError().ToString());
        return "no-keys";
    }
    call.accessMsf = true;
    const auto& up = keys.Value().uplink;
    const auto& down = keys.Value().downlink;
    return InstallSrtp(call, m_accessSuite, {up.masterKey, up.masterSalt},
                       {down.masterKey, down.masterSalt});
}

std::string
ImsUeApplication::ApplyOtwayReesKeys(Call& call, const mediasec::sip::SdpSession& sdp)
{
    // RFC 4567: at session level (a UE's answer) or at media level (the SGW's answer).
    const auto* audio = mims::FindAudio(sdp);
    auto values = audio ? audio->AttributeValues("key-mgmt") : std::vector<std::string>{};
    const auto session = sdp.AttributeValues("key-mgmt");
    values.insert(values.end(), session.begin(), session.end());
    auto answer = values.empty() ? mediasec::Result<mediasec::Bytes>(mediasec::MakeError(
                                       mediasec::Errc::MissingField, "no a=key-mgmt"))
                                 : mediasec::otway::ParseKeyMgmtOtwayRees(values.front());
    if (!answer)
    {
        return "no-keys";
    }
    if (call.record.caller)
    {
        auto keys = m_otwayAgent->CompleteOffer(call.record.callId, answer.Value());
        if (!keys)
        {
            NS_LOG_WARN(GetLabel() << ": Otway-Rees answer refused: " << keys.GetError().ToString());
            return "answer-refused";
        }
        call.ticketKeys = keys.Value();
    }
    return InstallTicketKeys(call);
}

std::string
ImsUeApplication::ApplyTicketKeys(Call& call, const mediasec::sip::SdpSession& sdp)
{
    const auto values = sdp.AttributeValues("key-mgmt");
    auto transfer = values.empty() ? mediasec::Result<mediasec::Bytes>(mediasec::MakeError(
                                         mediasec::Errc::MissingField, "no a=key-mgmt"))
                                   : mediasec::mikey::ParseKeyMgmtMikey(values.front());
    if (!transfer || !m_ticketAgent)
    {
        return "no-keys";
    }
    if (call.record.caller)
    {
        auto keys = m_ticketAgent->CompleteOffer(transfer.Value());
        if (!keys)
        {
            NS_LOG_WARN(GetLabel() << ": TRANSFER_RESP refused: " << keys.GetError().ToString());
            return "transfer-refused";
        }
        call.ticketKeys = keys.Value().srtp;
        call.ticketRootKey = keys.Value().rootKey;
    }
    return InstallTicketKeys(call);
}

std::string
ImsUeApplication::InstallTicketKeys(Call& call)
{
    if (!call.ticketKeys)
    {
        return "no-keys";
    }
    const auto& k = *call.ticketKeys;
    const auto& forward = k.initiatorToResponder;
    const auto& backward = k.responderToInitiator;
    const std::string failure =
        call.record.caller
            ? InstallSrtp(call, k.suite, {forward.key, forward.salt}, {backward.key, backward.salt})
            : InstallSrtp(call, k.suite, {backward.key, backward.salt}, {forward.key, forward.salt});
    if (failure.empty() && !call.ticketRootKey.empty())
    {
        const std::string root = mediasec::KeyFingerprint(call.ticketRootKey, {});
        m_keyDerivedTrace(call.record.callId, root, call.record.txKey);
        m_keyDerivedTrace(call.record.callId, root, call.record.rxKey);
    }
    return failure;
}

std::string
ImsUeApplication::ApplyDeferredKeys(Call& call)
{
    auto transfer = mediasec::mikey::ParseKeyMgmtMikey(call.keyMgmt);
    if (!m_acceptDeferredDelivery || !transfer || !m_ticketAgent)
    {
        return "no-keys";
    }
    auto keys = m_ticketAgent->DeferredKeys(transfer.Value());
    if (!keys)
    {
        NS_LOG_WARN(GetLabel() << ": no deferred-delivery keys: " << keys.GetError().ToString());
        return "no-keys";
    }
    call.ticketKeys = keys.Value().srtp;
    call.ticketRootKey = keys.Value().rootKey;
    return InstallTicketKeys(call);
}

std::string
ImsUeApplication::InstallSrtp(Call& call, mediasec::SrtpSuite suite, const MasterKey& tx,
                              const MasterKey& rx)
{
    auto txSession =
        mediasec::SrtpSession::Create(mediasec::SrtpDirection::Outbound, {suite, tx.key, tx.salt});
    auto rxSession =
        mediasec::SrtpSession::Create(mediasec::SrtpDirection::Inbound, {suite, rx.key, rx.salt});
    if (!txSession || !rxSession)
    {
        return "srtp-context-failed";
    }
    call.tx = std::move(txSession).Value();
    call.rx = std::move(rxSession).Value();
    call.srtp = true;
    call.record.suite = mediasec::SrtpSuiteName(suite);
    call.record.txKey = mediasec::KeyFingerprint(tx.key, tx.salt);
    call.record.rxKey = mediasec::KeyFingerprint(rx.key, rx.salt);
    call.record.keysReadyTime = Simulator::Now();
    ReportKeyHeld(call.record.callId, call.record.txKey);
    ReportKeyHeld(call.record.callId, call.record.rxKey);
    auto keySalt = [](const MasterKey& key) {
        mediasec::Bytes both = key.key;
        both.insert(both.end(), key.salt.begin(), key.salt.end());
        return mediasec::Base64Encode(both);
    };
    m_keyLogTrace(call.record.callId, GetLabel() + ":tx", call.record.suite, keySalt(tx),
                  call.localSsrc);
    m_keyLogTrace(call.record.callId, GetLabel() + ":rx", call.record.suite, keySalt(rx),
                  call.remoteSsrc);
    return "";
}

void
ImsUeApplication::StartMedia(Call& call)
{
    call.mediaStarted = true;
    call.mediaEvent =
        Simulator::ScheduleNow(&ImsUeApplication::SendMediaPacket, this, call.record.callId);
}

void
ImsUeApplication::SendMediaPacket(const std::string& callId)
{
    auto it = m_calls.find(callId);
    if (it == m_calls.end() || !it->second->mediaStarted)
    {
        return;
    }
    Call& c = *it->second;
    // The receiver checks both the delay and that decryption gave back the exact bytes.
    mediasec::Bytes packet =
        c.media.Next({m_payloadType, m_payloadSize,
                      mediasec::NarrowbandTimestampStep(m_ptime.GetMicroSeconds())},
                     c.localSsrc, Simulator::Now().GetNanoSeconds());
    if (c.tx)
    {
        if (!c.tx->Protect(packet))
        {
            return;
        }
        ++c.record.srtpProtected;
    }
    m_mediaSocket->SendTo(Create<Packet>(packet.data(), packet.size()), 0, c.remoteMedia);
    ++c.record.mediaSent;
    c.mediaEvent = Simulator::Schedule(m_ptime, &ImsUeApplication::SendMediaPacket, this, callId);
}

void
ImsUeApplication::HandleMediaRead(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        m_buffer.resize(packet->GetSize());
        packet->CopyData(m_buffer.data(), m_buffer.size());
        const auto ssrc = mediasec::PeekRtpSsrc(m_buffer.data(), m_buffer.size());
        auto callId = ssrc ? m_callBySsrc.find(ssrc.Value()) : m_callBySsrc.end();
        auto call = callId == m_callBySsrc.end() ? m_calls.end() : m_calls.find(callId->second);
        if (call == m_calls.end())
        {
            ++m_unknownStream;
            continue;
        }
        Call& c = *call->second;
        if (c.rx)
        {
            auto status = c.rx->Unprotect(m_buffer);
            if (!status)
            {
                const bool replay = status.GetError().code == mediasec::Errc::Replay;
                ++(replay ? c.record.srtpRejectedReplay : c.record.srtpRejectedAuth);
                continue;
            }
            ++c.record.srtpUnprotected;
        }
        const auto probe =
            mediasec::ReadProbePacket(m_buffer.data(), m_buffer.size(), m_payloadSize);
        if (!probe)
        {
            ++c.record.payloadCorrupt;
            continue;
        }
        const int64_t delay = Simulator::Now().GetNanoSeconds() - probe.Value().sendTimeNs;
        ++c.record.mediaReceived;
        c.record.mediaReceivedConverted += probe.Value().header.payloadType != m_payloadType;
        c.record.mediaDelaySumNs += delay;
        c.record.mediaDelayMaxNs = std::max(c.record.mediaDelayMaxNs, delay);
    }
}

void
ImsUeApplication::FinishCall(const std::string& callId, const std::string& outcome)
{
    auto it = m_calls.find(callId);
    if (it == m_calls.end())
    {
        return;
    }
    Call& c = *it->second;
    Simulator::Cancel(c.mediaEvent);
    Simulator::Cancel(c.byeEvent);
    Simulator::Cancel(c.answerRetransmit);
    StopClientTransaction(c.inviteBranch);
    if (c.record.outcome.empty())
    {
        c.record.outcome = outcome;
    }
    c.record.endTime = Simulator::Now();
    m_callCompletedTrace(c.record);
    m_callBySsrc.erase(c.remoteSsrc);
    m_calls.erase(it);
}

} // namespace ims
} // namespace ns3
