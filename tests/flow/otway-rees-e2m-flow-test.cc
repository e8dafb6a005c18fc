// End to middle with Otway-Rees (seed 000, doc/otway-rees-e2m.md) on a small network of its
// own: a test driver plays UE-A with the OtwayReesInitiator core and calls a PSTN number at the
// SGW, which obtains K from the KMS, pushes it to the PSTN MGW and answers; media is SRTP
// between UE-A and the MGW and plain RTP between the MGW and the PSTN terminal. A plain call
// (RTP/AVP, no key-mgmt) is relayed by the MGW without keys and without the KMS.
#include "model/kms-application.h"
#include "model/pstn-control-message.h"
#include "model/pstn-mgw-application.h"
#include "model/pstn-terminal-application.h"
#include "model/sgw-application.h"
#include "model/udp-endpoint.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "protocol/crypto/digest.h"
#include "protocol/crypto/drbg.h"
#include "protocol/ims/sdp-media-security.h"
#include "protocol/otway-rees/otway-rees-initiator.h"
#include "protocol/otway-rees/otway-rees-refusal.h"
#include "protocol/otway-rees/otway-rees-sdp.h"
#include "protocol/rtp/probe-payload.h"
#include "protocol/rtp/rtp-header.h"
#include "protocol/sip/sdp.h"
#include "protocol/sip/sip-message.h"
#include "protocol/srtp/srtp-session.h"

#include <gtest/gtest.h>

#include <memory>
#include <set>
#include <string>
#include <vector>

namespace ims_test
{
namespace
{

using namespace ns3;
using namespace ns3::ims;

const std::string kAlice = "sip:alice@ims.test";
const std::string kPstnNumber = "sip:+15551234@pstn.ims.test";
const std::string kSgwId = "sip:sgw@pstn.ims.test";
const std::string kCallId = "e2m-call-1@ims.test";
constexpr uint16_t kUeMediaPort = 40000;
constexpr uint16_t kSipPort = 5060;
constexpr uint32_t kPackets = 50;

/** \return 32 bytes of \p value (a long-term key) */
mediasec::Bytes
Key(uint8_t value)
{
    return mediasec::Bytes(32, value);
}

/**
 * UE-A: sends the INVITE with the Otway-Rees offer straight to the SGW, opens the Answer of the
 * 200 OK, then sends kPackets SRTP packets to the MGW and decrypts what comes back. In plain
 * mode the offer is RTP/AVP without key-mgmt and the media is RTP both ways.
 */
class UeDriver
{
  public:
    UeDriver(Ptr<Node> node, Ipv4Address self, InetSocketAddress sgw)
        : m_self(self)
        , m_sgw(sgw)
        , m_initiator(kAlice, Key(0x11))
    {
        m_sip = OpenUdpSocket(node, kSipPort, MakeCallback(&UeDriver::HandleSip, this));
        m_media = OpenUdpSocket(node, kUeMediaPort, MakeCallback(&UeDriver::HandleMedia, this));
    }

    void
    Close()
    {
        CloseSocket(m_sip);
        CloseSocket(m_media);
        m_sip = m_media = nullptr;
    }

    void
    Call(bool withOffer, bool plain)
    {
        m_plain = plain;
        auto drbg = mediasec::Drbg::FromSeed(7, "ue-a");
        auto offer = m_initiator.BuildOffer(kPstnNumber, drbg, KmsClockNs(Simulator::Now()));
        ASSERT_TRUE(offer) << offer.GetError().ToString();
        mediasec::sip::SdpSession sdp;
        sdp.origin.address = AddressString(m_self);
        mediasec::sip::SdpConnection connection;
        connection.address = AddressString(m_self);
        sdp.connection = connection;
        mediasec::sip::SdpMedia audio;
        audio.media = "audio";
        audio.port = kUeMediaPort;
        audio.proto = plain ? "RTP/AVP" : "RTP/SAVP";
        audio.formats = {"0"};
        if (withOffer && !plain)
        {
            audio.AddAttribute("key-mgmt", mediasec::otway::FormatKeyMgmtOtwayRees(offer.Value()));
        }
        sdp.media.push_back(audio);
        auto invite = Request("INVITE", 1);
        invite.SetBody(mediasec::sip::FormatSdp(sdp), "application/sdp");
        m_invite = invite.Format();
        SendSip(invite);
    }

    void
    RetransmitInvite()
    {
        m_sip->SendTo(TextPacket(m_invite), 0, m_sgw);
    }

    mediasec::sip::SipMessage
    Request(const std::string& method, int cseq) const
    {
        auto request = mediasec::sip::SipMessage::MakeRequest(method, kPstnNumber);
        request.AddHeader("Via", "SIP/2.0/UDP " + AddressString(m_self) +
                                     ":5060;branch=z9hG4bK-e2m-" + std::to_string(cseq));
        request.AddHeader("Max-Forwards", "70");
        request.AddHeader("From", "<" + kAlice + ">;tag=ue-a");
        request.AddHeader("To", "<" + kPstnNumber + ">" + m_toTag);
        request.AddHeader("Call-ID", kCallId);
        request.AddHeader("CSeq", std::to_string(cseq) + " " + method);
        return request;
    }

    void
    SendSip(const mediasec::sip::SipMessage& message)
    {
        m_sip->SendTo(TextPacket(message.Format()), 0, m_sgw);
    }

    void
    HandleSip(Ptr<Socket> socket)
    {
        while (Ptr<Packet> packet = socket->Recv())
        {
            auto message = mediasec::sip::ParseSipMessage(PacketText(packet));
            ASSERT_TRUE(message) << message.GetError().ToString();
            if (message.Value().GetHeader("CSeq").value_or("").find("INVITE") == std::string::npos)
            {
                byeStatus = message.Value().StatusCode();
                continue;
            }
            if (message.Value().StatusCode() < 200)
            {
                continue;
            }
            if (finalStatus == 200)
            {
                ++repeatedOks; // the answer to a retransmitted INVITE
                continue;
            }
            finalStatus = message.Value().StatusCode();
            reason = message.Value().GetHeader("Reason").value_or("");
            if (finalStatus == 200)
            {
                const std::string to = message.Value().GetHeader("To").value_or("");
                m_toTag = to.substr(to.find('>') + 1);
                Answer(message.Value());
            }
        }
    }

    void
    Answer(const mediasec::sip::SipMessage& ok)
    {
        auto sdp = mediasec::sip::ParseSdp(ok.Body());
        ASSERT_TRUE(sdp);
        const auto* audio = mediasec::ims::FindAudio(sdp.Value());
        ASSERT_NE(audio, nullptr);
        answerProto = audio->proto;
        const auto values = audio->AttributeValues("key-mgmt");
        answerKeyMgmts = values.size() + sdp.Value().AttributeValues("key-mgmt").size();
        if (!m_plain)
        {
            Secure(values);
        }
        auto mgw = mediasec::ims::ReadAudioEndpoint(sdp.Value());
        ASSERT_TRUE(mgw);
        m_mgw = InetSocketAddress(Ipv4Address(mgw.Value().address.c_str()), mgw.Value().port);
        SendSip(Request("ACK", 1));
        SendMedia();
    }

    /** Opens the Otway-Rees Answer among \p values and creates the SRTP sessions. */
    void
    Secure(const std::vector<std::string>& values)
    {
        ASSERT_EQ(values.size(), 1u);
        auto answer = mediasec::otway::ParseKeyMgmtOtwayRees(values.front());
        ASSERT_TRUE(answer) << answer.GetError().ToString();
        auto keys = m_initiator.ProcessAnswer(answer.Value());
        ASSERT_TRUE(keys) << keys.GetError().ToString();
        requester = keys.Value().requesterId;
        const auto& tx = keys.Value().srtp.initiatorToResponder;
        const auto& rx = keys.Value().srtp.responderToInitiator;
        txKey = mediasec::KeyFingerprint(tx.key, tx.salt);
        rxKey = mediasec::KeyFingerprint(rx.key, rx.salt);
        auto outbound = mediasec::SrtpSession::Create(mediasec::SrtpDirection::Outbound,
                                                      {keys.Value().srtp.suite, tx.key, tx.salt});
        auto inbound = mediasec::SrtpSession::Create(mediasec::SrtpDirection::Inbound,
                                                     {keys.Value().srtp.suite, rx.key, rx.salt});
        ASSERT_TRUE(outbound && inbound);
        m_outbound = std::move(outbound).Value();
        m_inbound = std::move(inbound).Value();
    }

    void
    SendMedia()
    {
        mediasec::RtpHeader header;
        header.payloadType = 0;
        header.sequence = static_cast<uint16_t>(mediaSent);
        header.timestamp = mediaSent * 160;
        header.ssrc = 0xa11ce;
        auto packet = mediasec::BuildRtpPacket(
            header,
            mediasec::MakeProbePayload(160, header.sequence, Simulator::Now().GetNanoSeconds()));
        ASSERT_TRUE(m_plain || (m_outbound && m_outbound->Protect(packet)));
        m_media->SendTo(Create<Packet>(packet.data(), packet.size()), 0, m_mgw);
        if (++mediaSent < kPackets)
        {
            Simulator::Schedule(MilliSeconds(20), &UeDriver::SendMedia, this);
        }
        else
        {
            Simulator::Schedule(MilliSeconds(200), &UeDriver::Hangup, this);
        }
    }

    void
    Hangup()
    {
        SendSip(Request("BYE", 2));
    }

    void
    HandleMedia(Ptr<Socket> socket)
    {
        while (Ptr<Packet> packet = socket->Recv())
        {
            mediasec::Bytes bytes(packet->GetSize());
            packet->CopyData(bytes.data(), bytes.size());
            if (!m_plain && (!m_inbound || !m_inbound->Unprotect(bytes)))
            {
                ++mediaRejected;
                continue;
            }
            auto header = mediasec::ParseRtpHeader(bytes.data(), bytes.size());
            if (header &&
                mediasec::ReadProbePayload(bytes.data() + header.Value().headerLength,
                                           header.Value().payloadLength, header.Value().sequence))
            {
                ++mediaIntact;
            }
        }
    }

    int finalStatus = 0; //!< status of the INVITE's final response
    int byeStatus = 0;
    uint32_t repeatedOks = 0;   //!< status of the BYE's response
    std::string reason;         //!< Reason header of the final response
    std::string answerProto;    //!< m= proto of the answer
    size_t answerKeyMgmts = 0;  //!< a=key-mgmt lines in the answer
    std::string requester;      //!< R named in Ea'
    std::string txKey;          //!< fingerprint of the A-to-B key
    std::string rxKey;          //!< fingerprint of the B-to-A key
    uint32_t mediaSent = 0;     //!< SRTP packets sent
    uint32_t mediaIntact = 0;   //!< SRTP packets decrypted with an intact probe payload
    uint32_t mediaRejected = 0; //!< packets that did not unprotect

  private:
    Ipv4Address m_self;
    InetSocketAddress m_sgw;
    InetSocketAddress m_mgw{Ipv4Address(), 0};
    mediasec::otway::OtwayReesInitiator m_initiator;
    Ptr<Socket> m_sip;
    Ptr<Socket> m_media;
    std::string m_toTag;
    std::string m_invite;
    bool m_plain = false;
    std::unique_ptr<mediasec::SrtpSession> m_outbound;
    std::unique_ptr<mediasec::SrtpSession> m_inbound;
};

/** \brief What a test changes in the network. */
struct Options
{
    bool authorizeSgw = true;      //!< the KMS lists the SGW as a gateway
    uint8_t mgwKsm = 0x33;         //!< the MGW's Ksm (the SGW's is 0x33)
    bool replayPush = false;       //!< an attacker resends the SGW's key push to the MGW
    bool retransmitInvite = false; //!< UE-A sends its INVITE again after the 200 OK
    bool withOffer = true;         //!< UE-A puts its Otway-Rees offer in the SDP
    bool plain = false;            //!< UE-A offers RTP/AVP without key-mgmt
    bool downgradeRelay = false;   //!< an attacker sends a RELAY for the keyed call to the MGW
};

class OtwayReesE2mFlow : public ::testing::Test
{
  protected:
    void
    TearDown() override
    {
        if (m_ue)
        {
            m_ue->Close();
        }
        m_ue.reset();
        Simulator::Destroy();
    }

    /** \brief Builds ue, kms, sgw, mgw and pstn around a router and runs one call. */
    void
    Run(const Options& options)
    {
        NodeContainer ends;
        ends.Create(5);
        Ptr<Node> router = CreateObject<Node>();
        InternetStackHelper internet;
        internet.Install(ends);
        internet.Install(router);
        PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
        p2p.SetChannelAttribute("Delay", StringValue("2ms"));
        Ipv4AddressHelper addresses;
        std::vector<Ipv4Address> address;
        for (uint32_t i = 0; i < ends.GetN(); ++i)
        {
            addresses.SetBase(Ipv4Address(("10.9." + std::to_string(i + 1) + ".0").c_str()),
                              "255.255.255.0");
            address.push_back(addresses.Assign(p2p.Install(ends.Get(i), router)).GetAddress(0));
        }
        Ipv4GlobalRoutingHelper::PopulateRoutingTables();
        const Ipv4Address ue = address[0], kms = address[1], sgw = address[2], mgw = address[3],
                          pstn = address[4];

        m_kms = CreateObject<KmsApplication>();
        m_kms->AddOtwayReesKey(kAlice, Key(0x11));
        m_kms->AddOtwayReesKey(kSgwId, Key(0x22));
        if (options.authorizeSgw)
        {
            m_kms->AddAuthorizedGateway(kSgwId);
        }
        m_kms->TraceConnectWithoutContext("KeyHeld",
                                          MakeCallback(&OtwayReesE2mFlow::KmsKeyHeld, this));
        ends.Get(1)->AddApplication(m_kms);

        m_sgw = CreateObject<SgwApplication>();
        m_sgw->SetAttribute("Label", StringValue("sgw"));
        m_sgw->SetAttribute("Identity", StringValue(kSgwId));
        m_sgw->SetAttribute("KmsAddress", Ipv4AddressValue(kms));
        m_sgw->SetAttribute("MgwAddress", Ipv4AddressValue(mgw));
        m_sgw->SetAttribute("TerminalAddress", Ipv4AddressValue(pstn));
        m_sgw->SetKeys(Key(0x22), Key(0x33));
        ends.Get(2)->AddApplication(m_sgw);

        m_mgw = CreateObject<PstnMgwApplication>();
        m_mgw->SetKsm(Key(options.mgwKsm));
        m_mgw->TraceConnectWithoutContext("KeyHeld",
                                          MakeCallback(&OtwayReesE2mFlow::KeyHeld, this));
        ends.Get(3)->AddApplication(m_mgw);

        m_terminal = CreateObject<PstnTerminalApplication>();
        ends.Get(4)->AddApplication(m_terminal);

        m_sgw->TraceConnectWithoutContext("KeyHeld",
                                          MakeCallback(&OtwayReesE2mFlow::SgwKeyHeld, this));
        m_ue = std::make_unique<UeDriver>(ends.Get(0), ue, InetSocketAddress(sgw, kSipPort));
        Simulator::Schedule(Seconds(1), &UeDriver::Call, m_ue.get(), options.withOffer,
                            options.plain);
        if (options.retransmitInvite)
        {
            Simulator::Schedule(Seconds(1.5), &UeDriver::RetransmitInvite, m_ue.get());
        }
        m_downgrade = options.downgradeRelay;
        if (options.replayPush || options.downgradeRelay)
        {
            m_sgw->TraceConnectWithoutContext("KeyPush",
                                              MakeCallback(&OtwayReesE2mFlow::CapturePush, this));
            m_attacker = OpenUdpSocket(ends.Get(1), 0, MakeNullCallback<void, Ptr<Socket>>());
            m_mgwControl = InetSocketAddress(mgw, kMgwControlPort);
        }
        ApplicationContainer apps;
        apps.Add(m_kms);
        apps.Add(m_sgw);
        apps.Add(m_mgw);
        apps.Add(m_terminal);
        apps.Start(Seconds(0));
        apps.Stop(Seconds(6));
        Simulator::Stop(Seconds(7));
        Simulator::Run();
        CloseSocket(m_attacker);
    }

    void
    KeyHeld(const std::string& callId, const std::string& fingerprint, const std::string& label)
    {
        EXPECT_EQ(callId, kCallId);
        EXPECT_EQ(label, "mgw");
        m_mgwKeys.insert(fingerprint);
    }

    void
    SgwKeyHeld(const std::string&, const std::string& fingerprint, const std::string&)
    {
        m_sgwKeys.insert(fingerprint);
    }

    void
    KmsKeyHeld(const std::string&, const std::string& fingerprint, const std::string&)
    {
        m_kmsKeys.insert(fingerprint);
    }

    /**
     * Resends the push 500 ms later, or in downgrade mode RELAY lines with its endpoints: one for
     * the same call, one under another call id.
     */
    void
    CapturePush(const std::string&, const mediasec::Bytes& push)
    {
        std::vector<mediasec::Bytes> datagrams{push};
        if (m_downgrade)
        {
            auto relay = ParsePstnControl(push);
            ASSERT_TRUE(relay);
            relay.Value().command = PstnCommand::Relay;
            relay.Value().keyPush.clear();
            datagrams = {FormatPstnControl(relay.Value())};
            relay.Value().callId = "attacker-call@ims.test";
            datagrams.push_back(FormatPstnControl(relay.Value()));
        }
        Simulator::Schedule(MilliSeconds(500), [this, datagrams]() {
            for (const auto& datagram : datagrams)
            {
                m_attacker->SendTo(Create<Packet>(datagram.data(), datagram.size()), 0,
                                   m_mgwControl);
            }
        });
    }

    Ptr<KmsApplication> m_kms;
    Ptr<SgwApplication> m_sgw;
    Ptr<PstnMgwApplication> m_mgw;
    Ptr<PstnTerminalApplication> m_terminal;
    std::unique_ptr<UeDriver> m_ue;
    std::set<std::string> m_mgwKeys;
    std::set<std::string> m_kmsKeys;
    std::set<std::string> m_sgwKeys;
    Ptr<Socket> m_attacker;
    InetSocketAddress m_mgwControl{Ipv4Address(), 0};
    bool m_downgrade = false;
};

TEST_F(OtwayReesE2mFlow, GivenAnAuthorizedSgw_WhenUeACallsPstn_ThenUeAAndMgwShareKeysAndMediaFlows)
{
    Run({});
    ASSERT_EQ(m_ue->finalStatus, 200) << m_ue->reason;
    EXPECT_EQ(m_ue->answerProto, "RTP/SAVP");
    EXPECT_EQ(m_ue->requester, kSgwId); // the termination in the middle is visible to A
    EXPECT_EQ(m_mgwKeys, (std::set<std::string>{m_ue->txKey, m_ue->rxKey}));
    EXPECT_EQ(m_kmsKeys, m_mgwKeys); // the KMS drew K
    EXPECT_EQ(m_sgwKeys, m_mgwKeys); // the SGW obtained K as requester
    EXPECT_NE(m_ue->txKey, m_ue->rxKey);
    EXPECT_EQ(m_kms->GetOtwayReesStats().keysIssued, 1u);
    const auto& mgw = m_mgw->GetCounters();
    EXPECT_EQ(mgw.keysInstalled, 1u);
    EXPECT_EQ(mgw.relayedToPstn, kPackets);
    EXPECT_EQ(mgw.rejectedAuth + mgw.rejectedReplay, 0u);
    const auto& terminal = m_terminal->GetCounters();
    EXPECT_EQ(terminal.received, kPackets);
    EXPECT_EQ(terminal.intact, kPackets); // plain RTP, G.711 payload unchanged
    EXPECT_GT(terminal.totalDelay, Time(0));
    // The terminal streamed while the call was up and UE-A decrypted all of it that arrived
    // before the BYE released the MGW's keys.
    EXPECT_GT(m_ue->mediaIntact, kPackets / 2);
    EXPECT_EQ(m_ue->mediaIntact, mgw.relayedToUe);
    EXPECT_EQ(m_ue->mediaRejected, 0u);
    EXPECT_EQ(m_ue->byeStatus, 200);
    EXPECT_EQ(mgw.released, 1u);
    EXPECT_EQ(m_mgw->GetCallCount(), 0u);
    EXPECT_EQ(m_sgw->GetCounters().answered, 1u);
}

TEST_F(OtwayReesE2mFlow, GivenAnSgwOffTheKmsList_WhenUeACalls_ThenTheCallFailsWith403NotAuthorized)
{
    Run({/*authorizeSgw=*/false});
    EXPECT_EQ(m_ue->finalStatus, 403);
    EXPECT_NE(m_ue->reason.find("not-authorized"), std::string::npos) << m_ue->reason;
    const auto& kms = m_kms->GetOtwayReesStats();
    EXPECT_EQ(kms.keysIssued, 0u);
    EXPECT_EQ(kms.refused[static_cast<size_t>(mediasec::otway::Refusal::NotAuthorized)], 1u);
    EXPECT_EQ(m_sgw->GetCounters().refusedKms, 1u);
    EXPECT_EQ(m_sgw->GetCounters().keyPushes, 0u);
    EXPECT_TRUE(m_mgwKeys.empty());
    EXPECT_EQ(m_terminal->GetCounters().calls, 0u);
}

TEST_F(OtwayReesE2mFlow, GivenAnMgwWithAWrongKsm_WhenUeACalls_ThenItGetsNoKeysAndRelaysNothing)
{
    Run({true, /*mgwKsm=*/0x44});
    ASSERT_EQ(m_ue->finalStatus, 200);
    EXPECT_EQ(m_ue->mediaSent, kPackets);
    const auto& mgw = m_mgw->GetCounters();
    EXPECT_EQ(mgw.pushRejectedAuth, 1u);
    EXPECT_EQ(mgw.keysInstalled, 0u);
    EXPECT_TRUE(m_mgwKeys.empty());
    EXPECT_EQ(mgw.relayedToPstn + mgw.relayedToUe, 0u);
    EXPECT_GE(mgw.withoutKeys, kPackets);
    EXPECT_EQ(m_terminal->GetCounters().received, 0u);
    EXPECT_EQ(m_ue->mediaIntact, 0u);
}

TEST_F(OtwayReesE2mFlow, GivenAReplayedKeyPush_WhenItReachesTheMgw_ThenItIsRefused)
{
    Run({true, 0x33, /*replayPush=*/true});
    ASSERT_EQ(m_ue->finalStatus, 200);
    const auto& mgw = m_mgw->GetCounters();
    EXPECT_EQ(mgw.keysInstalled, 1u);
    EXPECT_EQ(mgw.pushRejectedReplay, 1u);
    EXPECT_EQ(m_terminal->GetCounters().intact, kPackets);
}

TEST_F(OtwayReesE2mFlow, GivenNoOtwayReesOffer_WhenTheSgwReadsTheInvite_ThenItAnswers488)
{
    Options options;
    options.withOffer = false;
    Run(options);
    EXPECT_EQ(m_ue->finalStatus, 488);
    EXPECT_NE(m_ue->reason.find("otway-rees"), std::string::npos) << m_ue->reason;
    EXPECT_EQ(m_sgw->GetCounters().refusedOffer, 1u);
    EXPECT_EQ(m_sgw->GetCounters().relays, 0u); // RTP/SAVP without a key is not relayed plain
    EXPECT_EQ(m_kms->GetOtwayReesStats().keysIssued, 0u);
    EXPECT_EQ(m_kms->GetProcessingQueue().Jobs(), 0u);
}

TEST_F(OtwayReesE2mFlow, GivenARetransmittedInvite_WhenAnswered_ThenTheSgwRepeatsItWithoutTheKms)
{
    Options options;
    options.retransmitInvite = true;
    Run(options);
    EXPECT_EQ(m_ue->finalStatus, 200);
    EXPECT_EQ(m_ue->repeatedOks, 1u);
    EXPECT_EQ(m_sgw->GetCounters().invites, 1u);
    EXPECT_EQ(m_kms->GetOtwayReesStats().keysIssued, 1u);
    EXPECT_EQ(m_mgw->GetCounters().keysInstalled, 1u);
    EXPECT_EQ(m_terminal->GetCounters().intact, kPackets);
}

TEST_F(OtwayReesE2mFlow, GivenAPlainRtpOffer_WhenUeACallsPstn_ThenTheMgwRelaysItWithoutAnyKey)
{
    Options options;
    options.withOffer = false;
    options.plain = true;
    Run(options);
    ASSERT_EQ(m_ue->finalStatus, 200) << m_ue->reason;
    EXPECT_EQ(m_ue->answerProto, "RTP/AVP");
    EXPECT_EQ(m_ue->answerKeyMgmts, 0u);
    // The KMS was never asked and nobody holds a media key.
    EXPECT_EQ(m_kms->GetProcessingQueue().Jobs(), 0u);
    EXPECT_EQ(m_kms->GetOtwayReesStats().keysIssued, 0u);
    EXPECT_EQ(m_kms->GetBadRequests(), 0u);
    EXPECT_TRUE(m_kmsKeys.empty());
    EXPECT_TRUE(m_sgwKeys.empty());
    EXPECT_TRUE(m_mgwKeys.empty());
    EXPECT_TRUE(m_ue->txKey.empty() && m_ue->rxKey.empty());
    const auto& sgw = m_sgw->GetCounters();
    EXPECT_EQ(sgw.relays, 1u);
    EXPECT_EQ(sgw.keyPushes, 0u);
    EXPECT_EQ(sgw.answered, 1u);
    const auto& mgw = m_mgw->GetCounters();
    EXPECT_EQ(mgw.relaysInstalled, 1u);
    EXPECT_EQ(mgw.keysInstalled, 0u);
    EXPECT_EQ(mgw.relayedToPstn, kPackets);
    EXPECT_EQ(mgw.malformed + mgw.rejectedAuth + mgw.rejectedReplay, 0u);
    // Every packet arrives intact both ways: RTP relayed unchanged.
    const auto& terminal = m_terminal->GetCounters();
    EXPECT_EQ(terminal.received, kPackets);
    EXPECT_EQ(terminal.intact, kPackets);
    EXPECT_GT(m_ue->mediaIntact, kPackets / 2);
    EXPECT_EQ(m_ue->mediaIntact, mgw.relayedToUe);
    EXPECT_EQ(m_ue->mediaRejected, 0u);
    EXPECT_EQ(m_ue->byeStatus, 200);
    EXPECT_EQ(mgw.released, 1u);
    EXPECT_EQ(m_mgw->GetCallCount(), 0u);
}

TEST_F(OtwayReesE2mFlow, GivenAKeyedCall_WhenARelayLineForItReachesTheMgw_ThenItIsNotDowngraded)
{
    Options options;
    options.downgradeRelay = true;
    Run(options);
    ASSERT_EQ(m_ue->finalStatus, 200);
    const auto& mgw = m_mgw->GetCounters();
    EXPECT_EQ(mgw.keysInstalled, 1u);
    EXPECT_EQ(mgw.relayRefused, 2u); // the call's id, then its endpoints under another id
    EXPECT_EQ(mgw.relaysInstalled, 0u);
    EXPECT_EQ(m_terminal->GetCounters().intact, kPackets);
    EXPECT_EQ(m_ue->mediaIntact, mgw.relayedToUe); // still SRTP towards UE-A
    EXPECT_EQ(m_ue->mediaRejected, 0u);
}

} // namespace
} // namespace ims_test
