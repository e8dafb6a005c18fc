#include "ua-client.h"

namespace ns3
{
namespace ims
{

UaClient::UaClient(size_t maxBodyLength)
    : m_http(maxBodyLength)
{
}

void
UaClient::Start(Ptr<Node> node, const InetSocketAddress& kms, const std::string& host,
                bool connectNow)
{
    m_host = host;
    m_http.Start(node, kms, connectNow);
}

void
UaClient::Stop()
{
    m_http.Stop();
}

uint32_t
UaClient::Post(const std::string& target, const mediasec::Bytes& message, Reply reply,
               const std::string& contentType)
{
    mediasec::http::HttpRequest request;
    request.method = "POST";
    request.target = target;
    request.headers.emplace_back("Content-Type", contentType);
    request.body.assign(message.begin(), message.end());
    return Send(request, std::move(reply));
}

uint32_t
UaClient::Get(const std::string& target, Reply reply)
{
    mediasec::http::HttpRequest request;
    request.method = "GET";
    request.target = target;
    return Send(request, std::move(reply));
}

uint32_t
UaClient::Send(const mediasec::http::HttpRequest& request, Reply reply)
{
    mediasec::http::HttpRequest withHost = request;
    withHost.headers.insert(withHost.headers.begin(), {"Host", m_host});
    return m_http.Send(withHost, [reply](mediasec::Result<mediasec::http::HttpResponse> response) {
        if (!response)
        {
            reply(response.GetError());
            return;
        }
        // A MIKEY Error message comes with 403: its body is the answer too.
        const auto& r = response.Value();
        if (r.status == 200 || r.status == 403)
        {
            reply(mediasec::Bytes(r.body.begin(), r.body.end()));
            return;
        }
        reply(mediasec::MakeError(mediasec::Errc::Unsupported,
                                  "HTTP " + std::to_string(r.status) + " " + r.reason));
    });
}

} // namespace ims
} // namespace ns3
