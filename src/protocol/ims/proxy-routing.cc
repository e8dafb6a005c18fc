#include "proxy-routing.h"

#include "protocol/crypto/digest.h"
#include "protocol/sip/sip-header-values.h"

#include <cstdlib>

namespace mediasec
{
namespace ims
{

Status
DecrementMaxForwards(sip::SipMessage& request)
{
    const auto value = request.GetHeader("Max-Forwards");
    long hops = 70;
    if (value)
    {
        char* end = nullptr;
        hops = std::strtol(value->c_str(), &end, 10);
        if (end == value->c_str() || *end != '\0' || hops < 0 || hops > 255)
        {
            return MakeError(Errc::Malformed, "Max-Forwards: '" + *value + "'");
        }
    }
    if (hops == 0)
    {
        return MakeError(Errc::OutOfRange, "Max-Forwards: 0");
    }
    request.SetHeader("Max-Forwards", std::to_string(hops - 1));
    return Ok{};
}

void
PushProxyVia(sip::SipMessage& request, std::string_view host, uint16_t port,
             std::string_view label)
{
    std::string seed = std::string(label);
    if (const auto top = request.GetHeader("Via"))
    {
        if (auto via = sip::ParseVia(*top))
        {
            seed += via.Value().branch;
        }
    }
    // ACK for a non-2xx and CANCEL reuse the INVITE's branch (RFC 3261 9.1, 17.1.1.3); every
    // other request is distinct.
    const bool invitePair = request.Method() == "ACK" || request.Method() == "CANCEL";
    const std::string method = invitePair ? "INVITE" : request.Method();
    seed += method;
    const Bytes digest = Sha256(ToBytes(seed));
    sip::Via via;
    via.transport = "UDP";
    via.host = std::string(host);
    via.port = port;
    via.branch = "z9hG4bK" + ToHex(Bytes(digest.begin(), digest.begin() + 8));
    request.PushFrontHeader("Via", sip::FormatVia(via));
}

Result<SipHop>
PopViaForResponse(sip::SipMessage& response)
{
    response.RemoveFirstHeader("Via");
    const auto top = response.GetHeader("Via");
    if (!top)
    {
        return MakeError(Errc::MissingField, "Via: none left to route the response");
    }
    auto via = sip::ParseVia(*top);
    if (!via)
    {
        return via.GetError();
    }
    SipHop hop{via.Value().host, via.Value().port};
    const auto& params = via.Value().params;
    if (auto it = params.find("received"); it != params.end() && !it->second.empty())
    {
        hop.host = it->second;
    }
    if (auto it = params.find("rport"); it != params.end() && !it->second.empty())
    {
        const long port = std::strtol(it->second.c_str(), nullptr, 10);
        if (port > 0 && port <= 65535)
        {
            hop.port = static_cast<uint16_t>(port);
        }
    }
    return hop;
}

std::string
SipUriKey(const std::string& uri, bool withPort)
{
    auto parsed = sip::ParseSipUri(uri);
    if (!parsed)
    {
        return "";
    }
    const auto& u = parsed.Value();
    std::string key = u.user + "@" + u.host;
    if (withPort)
    {
        key += ":" + std::to_string(u.port == 0 ? 5060 : u.port);
    }
    return key;
}

std::string
TagOf(const sip::SipMessage& message, const char* name)
{
    const auto to = sip::ParseNameAddr(message.GetHeader(name).value_or(""));
    if (!to)
    {
        return "";
    }
    const auto tag = to.Value().params.find("tag");
    return tag == to.Value().params.end() ? "" : tag->second;
}

sip::SipMessage
RetargetRequest(const sip::SipMessage& request, const std::string& requestUri)
{
    auto retargeted = sip::SipMessage::MakeRequest(request.Method(), requestUri);
    for (const auto& header : request.Headers())
    {
        retargeted.AddHeader(header.name, header.value);
    }
    if (!request.Body().empty())
    {
        retargeted.SetBody(request.Body(),
                           request.GetHeader("Content-Type").value_or("application/sdp"));
    }
    return retargeted;
}

sip::SipMessage
MakeResponseTo(const sip::SipMessage& request, int statusCode, std::string reasonPhrase)
{
    auto response = sip::SipMessage::MakeResponse(statusCode, std::move(reasonPhrase));
    for (const auto& via : request.GetHeaders("Via"))
    {
        response.AddHeader("Via", via);
    }
    for (const char* name : {"From", "To", "Call-ID", "CSeq"})
    {
        if (auto value = request.GetHeader(name))
        {
            response.AddHeader(name, *value);
        }
    }
    return response;
}

} // namespace ims
} // namespace mediasec
