#include "conference-server-application.h"

#include "kms-application.h"
#include "ns3/ipv4-address.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"
#include "protocol/crypto/digest.h"
#include "protocol/ims/proxy-routing.h"
#include "protocol/ims/sdp-media-security.h"
#include "protocol/mikey/key-mgmt-attribute.h"
#include "protocol/rtp/probe-payload.h"
#include "protocol/rtp/probe-stream.h"
#include "protocol/rtp/rtp-header.h"
#include "protocol/sip/in-dialog-request.h"
#include "protocol/sip/non-2xx-ack.h"
#include "protocol/sip/sdp.h"
#include "protocol/sip/sip-header-values.h"
#include "protocol/sip/transaction-timers.h"
#include "udp-endpoint.h"
#include "ue-ticket-agent.h"

namespace ns3
{
namespace ims
{

NS_LOG_COMPONENT_DEFINE("ImsConferenceServerApplication");
NS_OBJECT_ENSURE_REGISTERED(ConferenceServerApplication);

using mediasec::sip::SipMessage;
namespace mims = mediasec::ims;

/** \brief Dialog, keys and media of one attendee's leg. */
struct ConferenceServerApplication::Leg
{
    ConferenceLegRecord record;                      //!< outputs
    std::string localTag;                            //!< our From tag
    std::string remoteTag;                           //!< the attendee's To tag
    std::string remoteTarget;                        //!< the attendee's Contact
    uint32_t cseq = 2;                               //!< next CSeq after the INVITE
    uint32_t localSsrc = 0;                          //!< our SSRC
    uint32_t remoteSsrc = 0;                         //!< the attendee's SSRC
    InetSocketAddress remoteMedia{Ipv4Address(), 0}; //!< where media goes
    std::unique_ptr<mediasec::SrtpSession> tx;       //!< outbound SRTP (CS 1)
    std::unique_ptr<mediasec::SrtpSession> rx;       //!< inbound SRTP (CS 2)
    mediasec::ProbeStreamSender media;               //!< our RTP numbering
    Time hold;                                       //!< media duration
    bool answered = false;                           //!< a 2xx arrived
    std::string ackText;                             //!< ACK for 2xx retransmissions
    EventId mediaEvent;                              //!< next media packet
    EventId byeEvent;                                //!< hang-up
    EventId timeout;                                 //!< Timer B / F of the open request
};

TypeId
ConferenceServerApplication::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::ims::ConferenceServerApplication")
            .SetParent<SipNodeApplication>()
            .SetGroupName("ImsMediasec")
            .AddConstructor<ConferenceServerApplication>()
            .AddAttribute("Uri", "The server's public identity (From, IDRi)",
                          StringValue("sip:conference@ims.test"),
                          MakeStringAccessor(&ConferenceServerApplication::m_uri),
                          MakeStringChecker())
            .AddAttribute("GroupIdentity",
                          "KMS user group identity the ticket is requested for ('*' wildcards)",
                          StringValue("sip:*@ims.test"),
                          MakeStringAccessor(&ConferenceServerApplication::m_groupIdentity),
                          MakeStringChecker())
            .AddAttribute("ScscfAddress", "Address of the S-CSCF (ISC)", Ipv4AddressValue(),
                          MakeIpv4AddressAccessor(&ConferenceServerApplication::m_scscfAddress),
                          MakeIpv4AddressChecker())
            .AddAttribute("ScscfPort", "SIP port of the S-CSCF", UintegerValue(5060),
                          MakeUintegerAccessor(&ConferenceServerApplication::m_scscfPort),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("KmsAddress", "Address of the KMS (Ua)", Ipv4AddressValue(),
                          MakeIpv4AddressAccessor(&ConferenceServerApplication::m_kmsAddress),
                          MakeIpv4AddressChecker())
            .AddAttribute("KmsPort", "TCP port of the KMS (Ua, HTTP)", UintegerValue(80),
                          MakeUintegerAccessor(&ConferenceServerApplication::m_kmsPort),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("MediaPort", "UDP port for SRTP", UintegerValue(49170),
                          MakeUintegerAccessor(&ConferenceServerApplication::m_mediaPort),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("Ptime", "Packetization time", TimeValue(MilliSeconds(20)),
                          MakeTimeAccessor(&ConferenceServerApplication::m_ptime),
                          MakeTimeChecker())
            .AddAttribute("PayloadSize", "Payload bytes per packet (the attendees' size)",
                          UintegerValue(160),
                          MakeUintegerAccessor(&ConferenceServerApplication::m_payloadSize),
                          MakeUintegerChecker<uint32_t>(mediasec::kProbeTimeBytes, 1400))
            .AddAttribute("PayloadType", "RTP payload type (0 = PCMU)", UintegerValue(0),
                          MakeUintegerAccessor(&ConferenceServerApplication::m_payloadType),
                          MakeUintegerChecker<uint8_t>(0, 127))
            .AddAttribute("T1", "RFC 3261 T1", TimeValue(MilliSeconds(500)),
                          MakeTimeAccessor(&ConferenceServerApplication::m_t1), MakeTimeChecker())
            .AddAttribute("Seed", "Run seed of the key generator (label = node label)",
                          UintegerValue(1),
                          MakeUintegerAccessor(&ConferenceServerApplication::m_seed),
                          MakeUintegerChecker<uint64_t>());
    return tid;
}

ConferenceServerApplication::ConferenceServerApplication() = default;
ConferenceServerApplication::~ConferenceServerApplication() = default;

void
ConferenceServerApplication::SetKmsCredentials(const mediasec::kms::UeCredentials& credentials)
{
    m_kmsCredentials = credentials;
}

std::vector<ConferenceLegRecord>
ConferenceServerApplication::GetLegs() const
{
    std::vector<ConferenceLegRecord> legs;
    for (const auto& callId : m_order)
    {
        legs.push_back(m_legs.at(callId)->record);
    }
    return legs;
}

void
ConferenceServerApplication::StartApplication()
{
    SipNodeApplication::StartApplication();
    m_drbg = std::make_unique<mediasec::Drbg>(mediasec::Drbg::FromSeed(m_seed, GetLabel()));
    m_mediaSocket = OpenUdpSocket(
        GetNode(), m_mediaPort, MakeCallback(&ConferenceServerApplication::HandleMediaRead, this));
    SetPeerInterface(m_scscfAddress, "ISC");
    // One reusable group ticket serves every leg (J=1, allowed recipient = the group).
    m_ticketAgent = std::make_unique<UeTicketAgent>(
        m_kmsCredentials, m_seed, GetLabel(), TicketOptions{true, m_groupIdentity, false, {}, 0},
        [this](const std::string& callId, bool sent, uint32_t bytes) {
            TraceMessage(sent, callId, "Ua", sent ? "POST" : "reply", bytes);
        });
    m_ticketAgent->Start(GetNode(), InetSocketAddress(m_kmsAddress, m_kmsPort));
}

void
ConferenceServerApplication::StopApplication()
{
    for (auto& [callId, leg] : m_legs)
    {
        Simulator::Cancel(leg->mediaEvent);
        Simulator::Cancel(leg->byeEvent);
        Simulator::Cancel(leg->timeout);
    }
    CloseSocket(m_mediaSocket);
    if (m_ticketAgent)
    {
        m_ticketAgent->Stop();
    }
    SipNodeApplication::StopApplication();
}

void
ConferenceServerApplication::DoDispose()
{
    m_legs.clear();
    m_ticketAgent.reset();
    m_mediaSocket = nullptr;
    SipNodeApplication::DoDispose();
}

std::string
ConferenceServerApplication::NewBranch()
{
    return "z9hG4bK" + mediasec::ToHex(m_drbg->Generate(8));
}

InetSocketAddress
ConferenceServerApplication::Scscf() const
{
    return InetSocketAddress(m_scscfAddress, m_scscfPort);
}

void
ConferenceServerApplication::Dial(const std::vector<std::string>& attendees, Time hold)
{
    for (const auto& attendee : attendees)
    {
        auto leg = std::make_unique<Leg>();
        const std::string callId =
            "conf-" + mediasec::ToHex(m_drbg->Generate(8)) + "@" + AddressString(GetLocalAddress());
        leg->record.attendee = attendee;
        leg->record.callId = callId;
        leg->record.dialTime = Simulator::Now();
        leg->localTag = mediasec::ToHex(m_drbg->Generate(4));
        leg->localSsrc = m_drbg->NextU32();
        leg->hold = hold;
        m_order.push_back(callId);
        m_legs.emplace(callId, std::move(leg));
        // The first leg asks the KMS; the others wait for that ticket and reuse it. The
        // TRANSFER_INIT names the group as IDRr: the KMS checks the attendee's membership.
        m_ticketAgent->PrepareOffer(callId, m_groupIdentity, [this, callId](auto transfer) {
            auto it = m_legs.find(callId);
            if (it == m_legs.end())
            {
                return;
            }
            if (!transfer)
            {
                NS_LOG_WARN(GetLabel() << ": no group ticket: " << transfer.GetError().ToString());
                EndLeg(*it->second, "no-ticket");
                return;
            }
            SendInvite(*it->second, transfer.Value());
        });
    }
}

void
ConferenceServerApplication::SendInvite(Leg& leg, const mediasec::Bytes& transferInit)
{
    const std::string address = AddressString(GetLocalAddress());
    mediasec::sip::SdpSession sdp;
    sdp.origin = {"-", leg.localSsrc, 1, "IN", "IP4", address};
    sdp.sessionName = "conference";
    sdp.connection = mediasec::sip::SdpConnection{"IN", "IP4", address};
    // RFC 4567 at session level, as the UEs place it.
    sdp.AddAttribute("key-mgmt", mediasec::mikey::FormatKeyMgmtMikey(transferInit));
    mediasec::sip::SdpMedia audio;
    audio.media = "audio";
    audio.port = m_mediaPort;
    audio.proto = "RTP/SAVP";
    audio.formats = {std::to_string(m_payloadType)};
    audio.AddAttribute("rtpmap", std::to_string(m_payloadType) + " PCMU/8000");
    audio.AddAttribute("ptime", std::to_string(m_ptime.GetMilliSeconds()));
    audio.AddAttribute("ssrc", std::to_string(leg.localSsrc) + " cname:" + GetLabel());
    audio.AddAttribute("sendrecv", "");
    audio.attributes.back().hasValue = false;
    sdp.media.push_back(audio);

    const std::string& callId = leg.record.callId;
    auto invite = SipMessage::MakeRequest("INVITE", leg.record.attendee);
    mediasec::sip::Via via{"UDP", address, m_sipPort, NewBranch(), {}};
    invite.AddHeader("Via", mediasec::sip::FormatVia(via));
    invite.AddHeader("Max-Forwards", "70");
    invite.AddHeader("From", "<" + m_uri + ">;tag=" + leg.localTag);
    invite.AddHeader("To", "<" + leg.record.attendee + ">");
    invite.AddHeader("Call-ID", callId);
    invite.AddHeader("CSeq", "1 INVITE");
    invite.AddHeader("Contact",
                     "<sip:conference@" + address + ":" + std::to_string(m_sipPort) + ">");
    invite.SetBody(mediasec::sip::FormatSdp(sdp), "application/sdp");
    SendSip(invite, Scscf());
    mediasec::sip::SipTimerConfig timers;
    timers.t1Ns = m_t1.GetNanoSeconds();
    const mediasec::sip::ClientRetransmitSchedule schedule(true, timers);
    leg.timeout = Simulator::Schedule(NanoSeconds(schedule.TimeoutNs()), [this, callId]() {
        auto it = m_legs.find(callId);
        if (it != m_legs.end())
        {
            EndLeg(*it->second, "timeout");
        }
    });
}

void
ConferenceServerApplication::HandleSip(const SipMessage& message, const InetSocketAddress& from)
{
    if (message.IsRequest())
    {
        // Dial-out only: the attendees never send in-dialog requests (the server hangs up).
        if (message.Method() != "ACK")
        {
            SendSip(mims::MakeResponseTo(message, 501, "Not Implemented"), from);
        }
        return;
    }
    const auto cseq = mediasec::sip::ParseCSeq(message.GetHeader("CSeq").value_or(""));
    auto it = m_legs.find(message.GetHeader("Call-ID").value_or(""));
    if (!cseq || it == m_legs.end() || message.StatusCode() < 200)
    {
        return;
    }
    Leg& leg = *it->second;
    if (cseq.Value().method == "INVITE")
    {
        HandleInviteResponse(leg, message);
    }
    else if (cseq.Value().method == "BYE")
    {
        Simulator::Cancel(leg.timeout); // the dialog ended; the leg keeps its outcome
    }
}

void
ConferenceServerApplication::HandleInviteResponse(Leg& leg, const SipMessage& response)
{
    const int code = response.StatusCode();
    const std::string& callId = leg.record.callId;
    if (leg.answered)
    {
        if (code / 100 == 2)
        {
            // Retransmitted 2xx: our ACK was lost (RFC 3261 13.2.2.4).
            SendSipText(leg.ackText, callId, "ACK", Scscf());
        }
        return;
    }
    Simulator::Cancel(leg.timeout);
    if (code >= 300)
    {
        // Non-2xx: the transaction ACKs with the INVITE's branch (RFC 3261 17.1.1.3).
        SendSip(mediasec::sip::MakeNon2xxAck(response, leg.record.attendee), Scscf());
        EndLeg(leg, "rejected-" + std::to_string(code));
        return;
    }
    leg.answered = true;
    leg.record.answerTime = Simulator::Now();
    leg.remoteTag = mims::TagOf(response, "To");
    const auto contact = mediasec::sip::ParseNameAddr(response.GetHeader("Contact").value_or(""));
    leg.remoteTarget = contact ? contact.Value().uri : leg.record.attendee;
    SipMessage ack = MakeInDialogRequest(leg, "ACK");
    ack.SetHeader("CSeq", "1 ACK");
    leg.ackText = ack.Format();
    SendSipText(leg.ackText, callId, "ACK", Scscf());
    const std::string failure = ApplyAnswer(leg, response.Body());
    if (!failure.empty())
    {
        leg.record.outcome = failure;
        SendBye(callId);
        return;
    }
    leg.record.outcome = "joined";
    leg.mediaEvent =
        Simulator::ScheduleNow(&ConferenceServerApplication::SendMediaPacket, this, callId);
    leg.byeEvent =
        Simulator::Schedule(leg.hold, &ConferenceServerApplication::SendBye, this, callId);
}

std::string
ConferenceServerApplication::ApplyAnswer(Leg& leg, const std::string& sdpText)
{
    auto sdp = mediasec::sip::ParseSdp(sdpText);
    const auto* audio = sdp ? mims::FindAudio(sdp.Value()) : nullptr;
    const auto endpoint = sdp ? mims::ReadAudioEndpoint(sdp.Value())
                              : mediasec::Result<mims::MediaEndpoint>(sdp.GetError());
    if (audio == nullptr || !endpoint || audio->proto != "RTP/SAVP")
    {
        return "bad-answer";
    }
    const auto values = sdp.Value().AttributeValues("key-mgmt");
    auto transferResp = values.empty() ? mediasec::Result<mediasec::Bytes>(mediasec::MakeError(
                                             mediasec::Errc::MissingField, "no a=key-mgmt"))
                                       : mediasec::mikey::ParseKeyMgmtMikey(values.front());
    auto keys = transferResp
                    ? m_ticketAgent->CompleteOffer(transferResp.Value())
                    : mediasec::Result<mediasec::kms::EstablishedKeys>(transferResp.GetError());
    if (!keys)
    {
        NS_LOG_WARN(GetLabel() << ": TRANSFER_RESP refused: " << keys.GetError().ToString());
        return "transfer-refused";
    }
    const auto& srtp = keys.Value().srtp;
    const auto& out = srtp.initiatorToResponder;
    const auto& in = srtp.responderToInitiator;
    auto tx = mediasec::SrtpSession::Create(mediasec::SrtpDirection::Outbound,
                                            {srtp.suite, out.key, out.salt});
    auto rx = mediasec::SrtpSession::Create(mediasec::SrtpDirection::Inbound,
                                            {srtp.suite, in.key, in.salt});
    if (!tx || !rx)
    {
        return "srtp-context-failed";
    }
    leg.tx = std::move(tx).Value();
    leg.rx = std::move(rx).Value();
    leg.record.txKey = mediasec::KeyFingerprint(out.key, out.salt);
    leg.record.rxKey = mediasec::KeyFingerprint(in.key, in.salt);
    ReportKeyHeld(leg.record.callId, leg.record.txKey);
    ReportKeyHeld(leg.record.callId, leg.record.rxKey);
    leg.remoteMedia =
        InetSocketAddress(Ipv4Address(endpoint.Value().address.c_str()), endpoint.Value().port);
    leg.remoteSsrc = mims::ReadSsrc(*audio).value_or(0);
    m_legBySsrc[leg.remoteSsrc] = leg.record.callId;
    return "";
}

SipMessage
ConferenceServerApplication::MakeInDialogRequest(Leg& leg, const std::string& method)
{
    const mediasec::sip::Via via{
        "UDP", AddressString(GetLocalAddress()), m_sipPort, NewBranch(), {}};
    return mediasec::sip::MakeInDialogRequest(method,
                                              {leg.record.callId, m_uri, leg.localTag,
                                               leg.record.attendee, leg.remoteTag,
                                               leg.remoteTarget},
                                              via, leg.cseq++);
}

void
ConferenceServerApplication::SendMediaPacket(const std::string& callId)
{
    auto it = m_legs.find(callId);
    if (it == m_legs.end() || !it->second->tx)
    {
        return;
    }
    Leg& leg = *it->second;
    // The mixed stream: a probe payload, so each attendee checks delay and exact bytes.
    mediasec::Bytes packet =
        leg.media.Next({m_payloadType, m_payloadSize,
                        mediasec::NarrowbandTimestampStep(m_ptime.GetMicroSeconds())},
                       leg.localSsrc, Simulator::Now().GetNanoSeconds());
    if (!leg.tx->Protect(packet))
    {
        return;
    }
    m_mediaSocket->SendTo(Create<Packet>(packet.data(), packet.size()), 0, leg.remoteMedia);
    ++leg.record.mediaSent;
    leg.mediaEvent =
        Simulator::Schedule(m_ptime, &ConferenceServerApplication::SendMediaPacket, this, callId);
}

void
ConferenceServerApplication::SendBye(const std::string& callId)
{
    auto it = m_legs.find(callId);
    if (it == m_legs.end())
    {
        return;
    }
    Leg& leg = *it->second;
    Simulator::Cancel(leg.mediaEvent);
    leg.tx.reset();
    SendSip(MakeInDialogRequest(leg, "BYE"), Scscf());
    mediasec::sip::SipTimerConfig timers;
    timers.t1Ns = m_t1.GetNanoSeconds();
    const mediasec::sip::ClientRetransmitSchedule schedule(false, timers);
    leg.timeout = Simulator::Schedule(NanoSeconds(schedule.TimeoutNs()), [this, callId]() {
        auto leg = m_legs.find(callId);
        if (leg != m_legs.end())
        {
            EndLeg(*leg->second, "timeout");
        }
    });
}

void
ConferenceServerApplication::HandleMediaRead(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        m_buffer.resize(packet->GetSize());
        packet->CopyData(m_buffer.data(), m_buffer.size());
        const auto ssrc = mediasec::PeekRtpSsrc(m_buffer.data(), m_buffer.size());
        auto callId = ssrc ? m_legBySsrc.find(ssrc.Value()) : m_legBySsrc.end();
        auto it = callId == m_legBySsrc.end() ? m_legs.end() : m_legs.find(callId->second);
        if (it == m_legs.end() || !it->second->rx)
        {
            continue;
        }
        ConferenceLegRecord& r = it->second->record;
        if (!it->second->rx->Unprotect(m_buffer))
        {
            ++r.srtpRejected;
            continue;
        }
        const bool intact =
            mediasec::ReadProbePacket(m_buffer.data(), m_buffer.size(), m_payloadSize).IsOk();
        ++(intact ? r.mediaDecrypted : r.payloadCorrupt);
    }
}

void
ConferenceServerApplication::EndLeg(Leg& leg, const std::string& outcome)
{
    Simulator::Cancel(leg.mediaEvent);
    Simulator::Cancel(leg.byeEvent);
    Simulator::Cancel(leg.timeout);
    leg.tx.reset();
    if (leg.record.outcome.empty())
    {
        leg.record.outcome = outcome;
    }
}

} // namespace ims
} // namespace ns3
