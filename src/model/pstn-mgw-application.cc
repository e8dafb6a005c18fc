#include "pstn-mgw-application.h"

#include "kms-application.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/string.h"
#include "protocol/crypto/digest.h"
#include "protocol/rtp/rtp-header.h"
#include "pstn-control-message.h"
#include "udp-endpoint.h"

namespace ns3
{
namespace ims
{

NS_LOG_COMPONENT_DEFINE("ImsPstnMgwApplication");
NS_OBJECT_ENSURE_REGISTERED(PstnMgwApplication);

namespace
{

/** \brief Replay cache entries of the key push receiver. */
constexpr size_t kPushReplayEntries = 10000;

/** \return the map key of an endpoint */
std::pair<uint32_t, uint16_t>
SourceKey(const InetSocketAddress& endpoint)
{
    return {endpoint.GetIpv4().Get(), endpoint.GetPort()};
}

} // namespace

TypeId
PstnMgwApplication::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::ims::PstnMgwApplication")
            .SetParent<Application>()
            .SetGroupName("ImsMediasec")
            .AddConstructor<PstnMgwApplication>()
            .AddAttribute("Label", "Node label used in results and key custody", StringValue("mgw"),
                          MakeStringAccessor(&PstnMgwApplication::m_label), MakeStringChecker())
            .AddAttribute("KeyPushSkew", "Largest accepted |now - T| of a key push",
                          TimeValue(Seconds(300)), MakeTimeAccessor(&PstnMgwApplication::m_skew),
                          MakeTimeChecker())
            .AddTraceSource("KeyHeld", "This node holds a media key",
                            MakeTraceSourceAccessor(&PstnMgwApplication::m_keyHeldTrace),
                            "ns3::ims::SipNodeApplication::KeyHeldTracedCallback")
            .AddTraceSource("Rejected", "A key push or media packet was dropped (reason)",
                            MakeTraceSourceAccessor(&PstnMgwApplication::m_rejectedTrace),
                            "ns3::TracedValueCallback::String");
    return tid;
}

PstnMgwApplication::PstnMgwApplication() = default;
PstnMgwApplication::~PstnMgwApplication() = default;

void
PstnMgwApplication::SetKsm(const mediasec::Bytes& ksm)
{
    m_ksm = ksm;
}

const PstnMgwApplication::Counters&
PstnMgwApplication::GetCounters() const
{
    return m_counters;
}

uint32_t
PstnMgwApplication::GetCallCount() const
{
    return static_cast<uint32_t>(m_calls.size());
}

void
PstnMgwApplication::DoDispose()
{
    m_controlSocket = nullptr;
    m_mediaSocket = nullptr;
    m_sources.clear();
    m_calls.clear();
    Application::DoDispose();
}

void
PstnMgwApplication::StartApplication()
{
    m_receiver.emplace(m_ksm, m_skew.GetNanoSeconds(), kPushReplayEntries);
    m_controlSocket = OpenUdpSocket(GetNode(), kMgwControlPort,
                                    MakeCallback(&PstnMgwApplication::HandleControlRead, this));
    m_mediaSocket = OpenUdpSocket(GetNode(), kMgwMediaPort,
                                  MakeCallback(&PstnMgwApplication::HandleMediaRead, this));
}

void
PstnMgwApplication::StopApplication()
{
    CloseSocket(m_controlSocket);
    CloseSocket(m_mediaSocket);
}

void
PstnMgwApplication::HandleControlRead(Ptr<Socket> socket)
{
    while (Ptr<Packet> packet = socket->Recv())
    {
        auto control = ParsePstnControl(packet);
        if (!control)
        {
            ++m_counters.pushMalformed;
            m_rejectedTrace(control.GetError().ToString());
            continue;
        }
        const auto& message = control.Value();
        if (message.command == PstnCommand::Release)
        {
            m_counters.released += Release(message.callId);
            continue;
        }
        if (message.command != PstnCommand::Push && message.command != PstnCommand::Relay)
        {
            ++m_counters.pushMalformed;
            m_rejectedTrace("control: not an MGW command");
            continue;
        }
        const InetSocketAddress ue(Ipv4Address(message.firstAddress.c_str()), message.firstPort);
        const InetSocketAddress terminal(Ipv4Address(message.secondAddress.c_str()),
                                         message.secondPort);
        if (message.command == PstnCommand::Relay)
        {
            InstallRelay(message.callId, ue, terminal);
            continue;
        }
        Install(message.callId, ue, terminal, message.keyPush);
    }
}

void
PstnMgwApplication::Install(const std::string& callId, const InetSocketAddress& ue,
                            const InetSocketAddress& terminal, const mediasec::Bytes& keyPush)
{
    auto pushed = m_receiver->Open(keyPush, KmsClockNs(Simulator::Now()));
    if (!pushed)
    {
        const auto code = pushed.GetError().code;
        ++(code == mediasec::Errc::AuthFailed   ? m_counters.pushRejectedAuth
           : code == mediasec::Errc::Replay     ? m_counters.pushRejectedReplay
           : code == mediasec::Errc::OutOfRange ? m_counters.pushRejectedStale
                                                : m_counters.pushMalformed);
        NS_LOG_INFO(m_label << " refused key push: " << pushed.GetError().ToString());
        m_rejectedTrace("key push: " + pushed.GetError().ToString());
        return;
    }
    const auto& srtp = pushed.Value().srtp;
    auto session = [this, &callId, &srtp](mediasec::SrtpDirection direction,
                                          const mediasec::kms::SrtpMasterKey& key) {
        m_keyHeldTrace(callId, mediasec::KeyFingerprint(key.key, key.salt), m_label);
        return mediasec::SrtpSession::Create(direction, {srtp.suite, key.key, key.salt});
    };
    auto fromUe = session(mediasec::SrtpDirection::Inbound, srtp.initiatorToResponder);
    auto toUe = session(mediasec::SrtpDirection::Outbound, srtp.responderToInitiator);
    if (!fromUe || !toUe)
    {
        ++m_counters.pushMalformed;
        m_rejectedTrace("SRTP context: " + (!fromUe ? fromUe : toUe).GetError().ToString());
        return;
    }
    Call call;
    call.fromUe = std::move(fromUe).Value();
    call.toUe = std::move(toUe).Value();
    Route(callId, std::move(call), ue, terminal); // a new push for a known call replaces it
    ++m_counters.keysInstalled;
}

void
PstnMgwApplication::InstallRelay(const std::string& callId, const InetSocketAddress& ue,
                                 const InetSocketAddress& terminal)
{
    const auto keyed = [this](const std::string& id) {
        auto call = m_calls.find(id);
        return call != m_calls.end() && call->second.fromUe != nullptr;
    };
    const auto takenByKeyed = [this, &keyed](const InetSocketAddress& endpoint) {
        auto source = m_sources.find(SourceKey(endpoint));
        return source != m_sources.end() && keyed(source->second.first);
    };
    if (keyed(callId) || takenByKeyed(ue) || takenByKeyed(terminal))
    {
        // The RELAY line is not authenticated: it must not turn a keyed call (its id or one of
        // its endpoints) into plain RTP.
        ++m_counters.relayRefused;
        m_rejectedTrace("relay: the call holds keys");
        return;
    }
    Route(callId, Call(), ue, terminal);
    ++m_counters.relaysInstalled;
}

void
PstnMgwApplication::Route(const std::string& callId, Call call, const InetSocketAddress& ue,
                          const InetSocketAddress& terminal)
{
    Release(callId);
    call.ue = ue;
    call.terminal = terminal;
    m_calls[callId] = std::move(call);
    m_sources[SourceKey(ue)] = {callId, true};
    m_sources[SourceKey(terminal)] = {callId, false};
}

bool
PstnMgwApplication::Release(const std::string& callId)
{
    auto call = m_calls.find(callId);
    if (call == m_calls.end())
    {
        return false;
    }
    m_sources.erase(SourceKey(call->second.ue));
    m_sources.erase(SourceKey(call->second.terminal));
    m_calls.erase(call);
    return true;
}

void
PstnMgwApplication::HandleMediaRead(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        m_buffer.resize(packet->GetSize());
        packet->CopyData(m_buffer.data(), m_buffer.size());
        Relay(m_buffer, InetSocketAddress::ConvertFrom(from));
    }
}

void
PstnMgwApplication::Relay(mediasec::Bytes& packet, const InetSocketAddress& source)
{
    auto route = m_sources.find(SourceKey(source));
    if (route == m_sources.end())
    {
        ++m_counters.withoutKeys;
        m_rejectedTrace("no keys for the source");
        return;
    }
    Call& call = m_calls.at(route->second.first);
    const bool fromUe = route->second.second;
    const bool plain = !call.fromUe;
    if (!mediasec::ParseRtpHeader(packet.data(), packet.size()) && (plain || !fromUe))
    {
        ++m_counters.malformed;
        m_rejectedTrace("not RTP");
        return;
    }
    const auto status = plain    ? mediasec::Status(mediasec::Ok{})
                        : fromUe ? call.fromUe->Unprotect(packet)
                                 : call.toUe->Protect(packet);
    if (!status)
    {
        const auto code = status.GetError().code;
        ++(code == mediasec::Errc::Replay       ? m_counters.rejectedReplay
           : code == mediasec::Errc::AuthFailed ? m_counters.rejectedAuth
                                                : m_counters.malformed);
        m_rejectedTrace(status.GetError().ToString());
        return;
    }
    ++(fromUe ? m_counters.relayedToPstn : m_counters.relayedToUe);
    m_mediaSocket->SendTo(Create<Packet>(packet.data(), packet.size()), 0,
                          fromUe ? call.terminal : call.ue);
}

} // namespace ims
} // namespace ns3
