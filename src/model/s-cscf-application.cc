#include "s-cscf-application.h"

#include "protocol/ims/proxy-routing.h"
#include "protocol/sip/sip-header-values.h"

#include "ns3/log.h"

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
                            .AddConstructor<SCscfApplication>();
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
SCscfApplication::SetVoiceMail(const std::string& uri, const InetSocketAddress& address)
{
    m_voiceMailUri = uri;
    m_voiceMail = address;
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
    const Binding binding{contact.Value().uri, from};
    m_bindings[aor].erase(contactKey);
    m_bindings[aor].emplace(contactKey, binding);
    m_contacts.erase(contactKey);
    m_contacts.emplace(contactKey, binding);
    SipMessage ok = mediasec::ims::MakeResponseTo(request, 200, "OK");
    ok.AddHeader("Contact", "<" + contact.Value().uri + ">;expires=600000");
    SendSip(ok, from);
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
    if (auto identity = m_bindings.find(mediasec::ims::SipUriKey(target, false));
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
    const std::string voiceMailKey =
        m_voiceMailUri.empty() ? "" : mediasec::ims::SipUriKey(m_voiceMailUri, false);
    const bool toVoiceMail = !voiceMailKey.empty() && mediasec::ims::SipUriKey(target, false) == voiceMailKey;
    if (!voiceMailKey.empty() && (toVoiceMail || request.Method() == "INVITE") &&
        m_contacts.count(mediasec::ims::SipUriKey(target, true)) == 0)
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
    auto contact = m_contacts.find(mediasec::ims::SipUriKey(target, true));
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
