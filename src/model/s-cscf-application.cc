#include "s-cscf-application.h"

#include "protocol/ims/proxy-routing.h"
#include "protocol/sip/sip-header-values.h"

#include "ns3/log.h"

namespace ns3
{
namespace ims
{

NS_LOG_COMPONENT_DEFINE("ImsSCscfApplication");
NS_OBJECT_ENSURE_REGISTERED(SCscfApplication);

using mediasec::sip::SipMessage;

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
    return m_bindings.size();
}

void
SCscfApplication::HandleSip(const SipMessage& message, const InetSocketAddress& from)
{
    if (!message.IsRequest())
    {
        SipMessage response = message;
        auto hop = mediasec::ims::PopViaForResponse(response);
        if (!hop)
        {
            NS_LOG_WARN("S-CSCF cannot route response: " << hop.GetError().ToString());
            return;
        }
        SendSip(response,
                InetSocketAddress(Ipv4Address(hop.Value().host.c_str()), hop.Value().port));
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
    const std::string contactKey = contact ? mediasec::ims::SipUriKey(contact.Value().uri, true) : "";
    if (aor.empty() || contactKey.empty())
    {
        Reject(request, from, 400, "Bad Request");
        return;
    }
    m_bindings.erase(aor);
    m_bindings.emplace(aor, Binding{contact.Value().uri, from});
    m_contacts[contactKey] = aor;
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
    auto binding = m_bindings.find(mediasec::ims::SipUriKey(target, false));
    if (binding != m_bindings.end())
    {
        // Initial request to a public identity: retarget to the registered contact.
        request = mediasec::ims::RetargetRequest(request, binding->second.contactUri);
    }
    else if (auto contact = m_contacts.find(mediasec::ims::SipUriKey(target, true)); contact != m_contacts.end())
    {
        binding = m_bindings.find(contact->second);
    }
    if (binding == m_bindings.end())
    {
        Reject(request, from, 404, "Not Found");
        return;
    }
    mediasec::ims::PushProxyVia(request, AddressString(GetLocalAddress()), m_sipPort, GetLabel());
    SendSip(request, binding->second.pcscf);
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
