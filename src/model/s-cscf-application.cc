#include "s-cscf-application.h"

#include "protocol/ims/proxy-routing.h"
#include "protocol/sip/sip-header-values.h"

#include "protocol/gba/aka.h"

#include "ns3/log.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{
namespace ims
{

NS_LOG_COMPONENT_DEFINE("ImsSCscfApplication");
NS_OBJECT_ENSURE_REGISTERED(SCscfApplication);


TypeId
SCscfApplication::GetTypeId()
{
    static TypeId tid = TypeId("ns3::ims::SCscfApplication")
                            .SetParent<SipNodeApplication>()
                            .SetGroupName("ImsMediasec")
                            .AddConstructor<SCscfApplication>()
                            .AddAttribute("Seed",
                                          "Run seed of the RAND generator of the AKA vectors",
                                          UintegerValue(1),
                                          MakeUintegerAccessor(&SCscfApplication::m_seed),
                                          MakeUintegerChecker<uint64_t>());
    return tid;
}

size_t
SCscfApplication::GetRegistrationCount() const
{
    return m_contacts.size();
}

uint64_t
SCscfApplication::GetForkedInvites() const
{
    return m_forkedInvites;
}

void
SCscfApplication::SetPstnGateway(const std::string& pstnHost, const InetSocketAddress& sgw)
{
    m_pstnHosts = {pstnHost, AddressString(sgw.GetIpv4())};
    m_pstnGateway = sgw;
}

bool
SCscfApplication::AddSubscriber(const std::string& impi, const mediasec::Bytes& k,
                                const mediasec::Bytes& opc, const std::string& impu)
{
    auto milenage = mediasec::gba::Milenage::Create(k, opc, true);
    if (!milenage)
    {
        return false;
    }
    m_subscribers.erase(impi);
    m_subscribers.emplace(
        impi,
        Subscriber{std::move(milenage).Value(), mediasec::ims::SipUriKey(impu, false), 0, {}});
    return true;
}

uint64_t
SCscfApplication::GetAkaChallenges() const
{
    return m_akaChallenges;
}

void
SCscfApplication::SetVoiceMail(const std::string& uri, const InetSocketAddress& address)
{
    m_voiceMailUri = uri;
    m_voiceMailKey = mediasec::ims::SipUriKey(uri, false);
    m_voiceMail = address;
}

void
SCscfApplication::SetTranscoder(const InetSocketAddress& transcoder)
{
    m_transcoderHost = AddressString(transcoder.GetIpv4());
    m_transcoder = transcoder;
}

uint64_t
SCscfApplication::GetVoiceMailRetargets() const
{
    return m_voiceMailRetargets;
}

void
SCscfApplication::HandleSip(const SipMessage& message, const InetSocketAddress& from)
{
    if (!message.IsRequest())
    {
        const auto cseq = mediasec::sip::ParseCSeq(message.GetHeader("CSeq").value_or(""));
        if (cseq && cseq.Value().method == "CANCEL")
        {
            return; // answer to our own CANCEL of a forked branch
        }
        SipMessage response = message;
        const auto topVia = mediasec::sip::ParseVia(response.GetHeader("Via").value_or(""));
        auto hop = mediasec::ims::PopViaForResponse(response);
        if (!hop)
        {
            NS_LOG_WARN("S-CSCF cannot route response: " << hop.GetError().ToString());
            return;
        }
        const InetSocketAddress to(Ipv4Address(hop.Value().host.c_str()), hop.Value().port);
        const std::string callId = response.GetHeader("Call-ID").value_or("");
        auto fork = m_forks.find(callId);
        if (fork != m_forks.end() && cseq && cseq.Value().method == "INVITE" && topVia)
        {
            for (auto& branch : fork->second.branches)
            {
                if (branch.branchId == topVia.Value().branch)
                {
                    branch.final = branch.final || response.StatusCode() >= 200;
                    HandleForkResponse(fork->second, callId, response, to);
                    return;
                }
            }
        }
        SendSip(response, to);
        return;
    }
    if (message.Method() == "REGISTER")
    {
        HandleRegister(message, from);
        return;
    }
    RouteRequest(message, from);
}

void
SCscfApplication::HandleRegister(const SipMessage& request, const InetSocketAddress& from)
{
    const auto to = mediasec::sip::ParseNameAddr(request.GetHeader("To").value_or(""));
    const auto contact = mediasec::sip::ParseNameAddr(request.GetHeader("Contact").value_or(""));
    const std::string aor = to ? mediasec::ims::SipUriKey(to.Value().uri, false) : "";
    const std::string contactKey =
        contact ? mediasec::ims::SipUriKey(contact.Value().uri, true) : "";
    if (aor.empty() || contactKey.empty())
    {
        Reject(request, from, 400, "Bad Request");
        return;
    }
    if (!AuthenticateRegister(request, from, aor))
    {
        return;
    }
    const Binding binding{contact.Value().uri, from};
    m_bindings[aor].erase(contactKey);
    m_bindings[aor].emplace(contactKey, binding);
    m_contacts.erase(contactKey);
    m_contacts.emplace(contactKey, binding);
    SipMessage ok = mediasec::ims::MakeResponseTo(request, 200, "OK");
    ok.AddHeader("Contact", "<" + contact.Value().uri + ">;expires=600000");
    SendSip(ok, from);
}

bool
SCscfApplication::AuthenticateRegister(const SipMessage& request, const InetSocketAddress& from,
                                       const std::string& aor)
{
    if (!request.GetHeader("Authorization"))
    {
        return true;
    }
    const auto impi = mediasec::access::ReadRegisterImpi(request);
    auto subscriber = impi ? m_subscribers.find(impi.Value()) : m_subscribers.end();
    if (subscriber == m_subscribers.end() || subscriber->second.impuKey != aor)
    {
        Reject(request, from, 403, "Forbidden");
        return false;
    }
    Subscriber& s = subscriber->second;
    if (s.pending)
    {
        const mediasec::Status verified =
            mediasec::access::VerifyRegisterAnswer(request, *s.pending);
        if (verified)
        {
            s.pending.reset();
            return true;
        }
        if (verified.GetError().code != mediasec::Errc::Replay)
        {
            // TS 24.229 5.4.1.2.2: a wrong RES ends the authentication.
            NS_LOG_WARN("S-CSCF: IMS AKA failed: " << verified.GetError().ToString());
            s.pending.reset();
            Reject(request, from, 403, "Forbidden");
            return false;
        }
    }
    // A new challenge (TS 33.203 6.1.1): the next vector of the subscriber.
    if (!m_drbg)
    {
        m_drbg = std::make_unique<mediasec::Drbg>(mediasec::Drbg::FromSeed(m_seed, GetLabel()));
    }
    ++s.sqn;
    mediasec::Bytes sqn(mediasec::gba::Milenage::kSqnLength);
    for (size_t i = 0; i < sqn.size(); ++i)
    {
        sqn[sqn.size() - 1 - i] = static_cast<uint8_t>(s.sqn >> (8 * i));
    }
    auto vector = mediasec::gba::MakeAuthVector(s.milenage, m_drbg->Generate(16), sqn, {0x80, 0});
    const auto uri = mediasec::sip::ParseSipUri(request.RequestUri());
    auto challenge = vector
                         ? mediasec::access::MakeRegisterChallenge(request, vector.Value(),
                                                                   uri ? uri.Value().host : "", {})
                         : mediasec::Result<mediasec::access::RegisterChallenge>(vector.GetError());
    if (!challenge)
    {
        NS_LOG_WARN("S-CSCF: no IMS AKA challenge: " << challenge.GetError().ToString());
        Reject(request, from, 500, "Server Internal Error");
        return false;
    }
    s.pending = challenge.Value().pending;
    ++m_akaChallenges;
    SendSip(challenge.Value().response, from);
    return false;
}

void
SCscfApplication::RouteRequest(SipMessage request, const InetSocketAddress& from)
{
    if (!mediasec::ims::DecrementMaxForwards(request))
    {
        Reject(request, from, 483, "Too Many Hops");
        return;
    }
    const std::string target = request.RequestUri();
    const std::string local = AddressString(GetLocalAddress());
    if (!m_transcoderHost.empty())
    {
        // The transcoder returns the request with its Via on top (the role of the original
        // dialog identifier of an application server, TS 23.218): route it on; else send it there.
        const auto top = mediasec::sip::ParseVia(request.GetHeader("Via").value_or(""));
        if (!top || top.Value().host != m_transcoderHost)
        {
            mediasec::ims::PushProxyVia(request, local, m_sipPort, GetLabel());
            SendSip(request, m_transcoder);
            return;
        }
    }
    if (!m_pstnHosts.empty())
    {
        const auto uri = mediasec::sip::ParseSipUri(target);
        if (uri && m_pstnHosts.count(uri.Value().host) > 0)
        {
            mediasec::ims::PushProxyVia(request, local, m_sipPort, GetLabel());
            SendSip(request, m_pstnGateway);
            return;
        }
    }
    const std::string targetKey = mediasec::ims::SipUriKey(target, false);
    if (auto identity = m_bindings.find(targetKey);
        identity != m_bindings.end())
    {
        // Initial request to a public identity.
        if (identity->second.size() > 1 && request.Method() == "INVITE")
        {
            ForkInvite(request, identity->second);
            return;
        }
        const Binding& binding = identity->second.begin()->second;
        request = mediasec::ims::RetargetRequest(request, binding.contactUri);
        mediasec::ims::PushProxyVia(request, local, m_sipPort, GetLabel());
        SendSip(request, binding.pcscf);
        return;
    }
    auto contact = m_contacts.find(mediasec::ims::SipUriKey(target, true));
    const bool toVoiceMail = !m_voiceMailKey.empty() && targetKey == m_voiceMailKey;
    if (!m_voiceMailKey.empty() && (toVoiceMail || request.Method() == "INVITE") &&
        contact == m_contacts.end())
    {
        // Deferred delivery: the user is not reachable, the voice-mail server answers.
        if (!toVoiceMail)
        {
            ++m_voiceMailRetargets;
            request = mediasec::ims::RetargetRequest(request, m_voiceMailUri);
        }
        mediasec::ims::PushProxyVia(request, local, m_sipPort, GetLabel());
        SendSip(request, m_voiceMail);
        return;
    }
    if (contact == m_contacts.end())
    {
        Reject(request, from, 404, "Not Found");
        return;
    }
    mediasec::ims::PushProxyVia(request, local, m_sipPort, GetLabel());
    SendSip(request, contact->second.pcscf);
}

void
SCscfApplication::ForkInvite(const SipMessage& request,
                             const std::map<std::string, Binding>& contacts)
{
    const std::string callId = request.GetHeader("Call-ID").value_or("");
    auto existing = m_forks.find(callId);
    if (existing != m_forks.end())
    {
        // A retransmitted INVITE: the branches are retransmitted unchanged.
        for (const auto& branch : existing->second.branches)
        {
            if (!branch.final)
            {
                SendSip(branch.invite, branch.to);
            }
        }
        return;
    }
    ++m_forkedInvites;
    ForkState fork;
    const std::string local = AddressString(GetLocalAddress());
    for (const auto& [contactKey, binding] : contacts)
    {
        SipMessage invite = mediasec::ims::RetargetRequest(request, binding.contactUri);
        // A distinct branch per contact, stable across retransmissions (RFC 3261 16.6 step 8).
        mediasec::ims::PushProxyVia(invite, local, m_sipPort, GetLabel() + "/" + contactKey);
        const auto via = mediasec::sip::ParseVia(invite.GetHeader("Via").value_or(""));
        fork.branches.push_back({via ? via.Value().branch : "", invite, binding.pcscf, false});
        SendSip(invite, binding.pcscf);
    }
    m_forks.emplace(callId, std::move(fork));
}

void
SCscfApplication::HandleForkResponse(ForkState& fork, const std::string& callId,
                                     SipMessage response, const InetSocketAddress& hop)
{
    const int code = response.StatusCode();
    if (code == 100)
    {
        return; // hop by hop
    }
    if (code < 200 || code / 100 == 2)
    {
        // Provisional responses and every 2xx go upstream (RFC 3261 16.7 steps 5 and 10).
        SendSip(response, hop);
        if (code / 100 == 2 && !fork.answered)
        {
            fork.answered = true;
            CancelPendingBranches(fork);
        }
        return;
    }
    if (!fork.answered && (!fork.best || code / 100 == 6 ||
                           (fork.best->StatusCode() / 100 != 6 && code < fork.best->StatusCode())))
    {
        fork.best = response;
    }
    const bool allFinal = std::all_of(fork.branches.begin(), fork.branches.end(),
                                      [](const Branch& b) { return b.final; });
    if (allFinal && !fork.answered && fork.best)
    {
        SendSip(*fork.best, hop); // no branch answered: the best final response (16.7 step 6)
        m_forks.erase(callId);
    }
}

void
SCscfApplication::CancelPendingBranches(ForkState& fork)
{
    for (const auto& branch : fork.branches)
    {
        if (branch.final)
        {
            continue;
        }
        // RFC 3261 9.1: same Request-URI, Call-ID, From, To, CSeq number and top Via.
        SipMessage cancel = SipMessage::MakeRequest("CANCEL", branch.invite.RequestUri());
        cancel.AddHeader("Via", branch.invite.GetHeaders("Via").front());
        cancel.AddHeader("Max-Forwards", "70");
        for (const char* name : {"From", "To", "Call-ID"})
        {
            cancel.AddHeader(name, branch.invite.GetHeader(name).value_or(""));
        }
        const auto cseq = mediasec::sip::ParseCSeq(branch.invite.GetHeader("CSeq").value_or(""));
        cancel.AddHeader("CSeq", std::to_string(cseq ? cseq.Value().number : 1) + " CANCEL");
        SendSip(cancel, branch.to);
    }
}

void
SCscfApplication::Reject(const SipMessage& request, const InetSocketAddress& from, int code,
                         const std::string& reason)
{
    if (request.Method() == "ACK")
    {
        return;
    }
    SendSip(mediasec::ims::MakeResponseTo(request, code, reason), from);
}

} // namespace ims
} // namespace ns3
