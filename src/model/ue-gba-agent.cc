#include "ue-gba-agent.h"

#include "kms-application.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

namespace ns3
{
namespace ims
{

NS_LOG_COMPONENT_DEFINE("ImsUeGbaAgent");

UeGbaAgent::UeGbaAgent(mediasec::gba::Milenage usim, std::string impi, mediasec::Bytes sqnMs6,
                       std::string bsfHost)
    : m_ub(std::move(usim), std::move(impi), std::move(bsfHost), std::move(sqnMs6))
{
}

void
UeGbaAgent::Start(Ptr<Node> node, const InetSocketAddress& bsf)
{
    m_http.Start(node, bsf);
}

void
UeGbaAgent::Stop()
{
    m_http.Stop();
    m_waiting.clear();
    m_running = false;
}

const std::optional<mediasec::gba::BootstrapRecord>&
UeGbaAgent::GetRecord() const
{
    return m_record;
}

uint64_t
UeGbaAgent::GetBootstraps() const
{
    return m_bootstraps;
}

uint64_t
UeGbaAgent::GetFailures() const
{
    return m_failures;
}

void
UeGbaAgent::GetNafKeys(const std::string& nafFqdn, const mediasec::Bytes& uaProtocolId, Done done)
{
    const int64_t nowUnix = KmsClockNs(Simulator::Now()) / 1000000000;
    if (m_record && nowUnix < m_record->expiryUnixSeconds && !m_running)
    {
        done(Derive(nafFqdn, uaProtocolId));
        return;
    }
    m_waiting.push_back({nafFqdn, uaProtocolId, std::move(done)});
    if (!m_running)
    {
        m_running = true;
        m_record.reset();
        Send(m_ub.Start());
    }
}

void
UeGbaAgent::Send(const mediasec::http::HttpRequest& request)
{
    m_http.Send(request, [this](auto response) { OnResponse(std::move(response)); });
}

void
UeGbaAgent::OnResponse(mediasec::Result<mediasec::http::HttpResponse> response)
{
    if (!response)
    {
        Finish(response.GetError());
        return;
    }
    auto step = m_ub.OnResponse(response.Value());
    if (!step)
    {
        Finish(step.GetError());
        return;
    }
    if (!step.Value().done)
    {
        Send(step.Value().request);
        return;
    }
    m_record = step.Value().record;
    Finish(mediasec::Ok{});
}

void
UeGbaAgent::Finish(const mediasec::Status& outcome)
{
    m_running = false;
    if (outcome)
    {
        ++m_bootstraps;
    }
    else
    {
        ++m_failures;
        NS_LOG_INFO("Ub failed: " << outcome.GetError().ToString());
    }
    auto waiting = std::move(m_waiting);
    m_waiting.clear();
    for (auto& request : waiting)
    {
        request.done(outcome ? Derive(request.nafFqdn, request.uaId)
                             : mediasec::Result<NafKeys>(outcome.GetError()));
    }
}

mediasec::Result<NafKeys>
UeGbaAgent::Derive(const std::string& nafFqdn, const mediasec::Bytes& uaId) const
{
    auto ksNaf = mediasec::gba::DeriveKsNafFor(*m_record, nafFqdn, uaId);
    if (!ksNaf)
    {
        return ksNaf.GetError();
    }
    return NafKeys{m_record->btid, std::move(ksNaf).Value(), m_record->expiryUnixSeconds};
}

} // namespace ims
} // namespace ns3
