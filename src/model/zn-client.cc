#include "zn-client.h"

#include "kms-application.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "protocol/gba/zx-http.h"

#include <algorithm>

namespace ns3
{
namespace ims
{

NS_LOG_COMPONENT_DEFINE("ImsZnClient");

namespace
{
/** \return the current time in Unix seconds (the run's clock) */
int64_t
NowUnixSeconds()
{
    return KmsClockNs(Simulator::Now()) / 1000000000;
}
} // namespace

ZnClient::ZnClient(std::string nafFqdn, mediasec::Bytes uaProtocolId, size_t maxCacheEntries)
    : m_nafFqdn(std::move(nafFqdn))
    , m_uaId(std::move(uaProtocolId))
    , m_maxCache(std::max<size_t>(maxCacheEntries, 1))
{
}

void
ZnClient::Start(Ptr<Node> node, const InetSocketAddress& bsf)
{
    m_http.Start(node, bsf);
}

void
ZnClient::Stop()
{
    m_http.Stop();
    m_inFlight.clear();
}

std::optional<mediasec::gba::ZnAnswer>
ZnClient::Cached(const std::string& btid) const
{
    auto it = m_cache.find(btid);
    if (it == m_cache.end() || NowUnixSeconds() >= it->second.expiryUnixSeconds)
    {
        return std::nullopt;
    }
    return it->second;
}

void
ZnClient::Lookup(const std::string& btid, Reply reply)
{
    ++m_lookups;
    if (auto cached = Cached(btid))
    {
        ++m_hits;
        reply(std::move(*cached));
        return;
    }
    auto& waiting = m_inFlight[btid];
    waiting.push_back(std::move(reply));
    if (waiting.size() > 1)
    {
        return; // the request for this B-TID is already on its way
    }
    auto body = mediasec::gba::FormatZnRequest({btid, m_nafFqdn, m_uaId});
    auto finish = [this, btid](mediasec::Result<mediasec::gba::ZnAnswer> answer) {
        if (answer)
        {
            Store(btid, answer.Value());
        }
        else
        {
            ++m_failures;
            NS_LOG_INFO("Zn lookup of " << btid << " failed: " << answer.GetError().ToString());
        }
        auto replies = std::move(m_inFlight[btid]);
        m_inFlight.erase(btid);
        for (auto& waitingReply : replies)
        {
            waitingReply(answer);
        }
    };
    if (!body)
    {
        finish(body.GetError());
        return;
    }
    ++m_requests;
    m_http.Send(mediasec::gba::ZxRequest(mediasec::gba::kZnTarget, "bsf", std::move(body).Value()),
                [finish](auto response) {
                    auto text = mediasec::gba::ZxAnswerBody(response);
                    finish(text ? mediasec::gba::ParseZnAnswer(text.Value())
                                : mediasec::Result<mediasec::gba::ZnAnswer>(text.GetError()));
                });
}

void
ZnClient::Store(const std::string& btid, const mediasec::gba::ZnAnswer& answer)
{
    if (m_cache.size() >= m_maxCache && m_cache.count(btid) == 0)
    {
        const int64_t now = NowUnixSeconds();
        for (auto it = m_cache.begin(); it != m_cache.end();)
        {
            it = now >= it->second.expiryUnixSeconds ? m_cache.erase(it) : std::next(it);
        }
        if (m_cache.size() >= m_maxCache)
        {
            m_cache.erase(
                std::min_element(m_cache.begin(), m_cache.end(), [](const auto& a, const auto& b) {
                    return a.second.expiryUnixSeconds < b.second.expiryUnixSeconds;
                }));
        }
    }
    m_cache[btid] = answer;
}

uint64_t
ZnClient::GetLookups() const
{
    return m_lookups;
}

uint64_t
ZnClient::GetCacheHits() const
{
    return m_hits;
}

uint64_t
ZnClient::GetZnRequests() const
{
    return m_requests;
}

uint64_t
ZnClient::GetFailures() const
{
    return m_failures;
}

} // namespace ims
} // namespace ns3
