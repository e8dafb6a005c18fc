/**
 * \file
 * The Bootstrapping Server Function of GBA (TS 33.220 4.2, 4.5): Ub towards the UE (HTTP Digest
 * AKA over TCP), Zh towards the HSS and Zn towards the NAFs (both simulated as HTTP,
 * doc/gba-in-simulation.md).
 */
#ifndef IMS_BSF_APPLICATION_H
#define IMS_BSF_APPLICATION_H

#include "http-client.h"
#include "http-server.h"
#include "ns3/application.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/traced-callback.h"
#include "processing-queue.h"
#include "protocol/gba/ub-bootstrapping.h"
#include "protocol/gba/zh-zn-messages.h"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace ns3
{
namespace ims
{

/**
 * \brief The BSF as an ns-3 application. Ub (UbPort): the UbServer core challenges the UE with a
 * vector fetched from the HSS over Zh, verifies the Digest AKA answer (RFC 3310) and keeps the
 * bootstrapping record (B-TID, Ks, RAND, IMPI, lifetime); the user's USS is the one the HSS sent
 * with the IMPI's latest vector. Zn (ZnPort): a NAF posts a B-TID and its NAF_Id and gets
 * Ks_(ext)_NAF (TS 33.220 B.3), the key expiry, the IMPI and the IMPUs, or a refusal: 5403 for
 * an unknown or expired B-TID, 5402 for a NAF outside the allow-list (AuthorizeNaf; an empty
 * list allows every NAF). Ub requests cost UbServiceTime, Zn requests ZnServiceTime on one FIFO
 * processing queue; the time spent waiting for the HSS is not charged.
 */
class BsfApplication : public Application
{
  public:
    /** \return the TypeId */
    static TypeId GetTypeId();
    BsfApplication();
    ~BsfApplication() override;

    /** \brief Lets the NAF \p nafFqdn use Zn (once any NAF is named, only named NAFs may). */
    void AuthorizeNaf(const std::string& nafFqdn);

    /** \return Ub requests received */
    uint64_t GetUbRequests() const;
    /** \return successful bootstraps (200 with a B-TID) */
    uint64_t GetBootstraps() const;
    /** \return Ub requests answered with 4xx/5xx or re-challenged (stale nonce) */
    uint64_t GetUbRefusals() const;
    /** \return Zh requests sent to the HSS */
    uint64_t GetZhRequests() const;
    /** \return Zn requests answered with a key */
    uint64_t GetZnAnswers() const;
    /** \return Zn requests refused */
    uint64_t GetZnRefusals() const;
    /** \return the processing queue */
    const ProcessingQueue& GetProcessingQueue() const;

    /** TracedCallback signature of a bootstrap. \param impi the IMPI \param btid its B-TID */
    typedef void (*BootstrapTracedCallback)(const std::string& impi, const std::string& btid);
    /** TracedCallback signature of a Zn request. \param btid the B-TID \param ok answered */
    typedef void (*ZnTracedCallback)(const std::string& btid, bool ok);

  protected:
    void DoDispose() override;
    void StartApplication() override;
    void StopApplication() override;

  private:
    /** \brief Receives a vector and USS from the HSS, or the error. */
    using ZhReply = std::function<void(mediasec::Result<mediasec::gba::ZhAnswer>)>;
    /** \brief A vector fetched over Zh and the request it answers. */
    struct Fetched
    {
        mediasec::gba::AvRequest request;                 //!< what was asked
        mediasec::Result<mediasec::gba::ZhAnswer> answer; //!< what the HSS said
    };

    /** \brief Fetches what \p request needs over Zh, then answers it (after queueing). */
    void StartUb(const mediasec::http::HttpRequest& request, const HttpServer::Respond& respond);
    /**
     * \brief Runs the UbServer on \p request with \p fetched as the vector source; when the
     * core asked for a vector nobody fetched (a stale nonce), fetches it and runs again.
     */
    void FinishUb(const mediasec::http::HttpRequest& request, const HttpServer::Respond& respond,
                  std::optional<Fetched> fetched);
    /** \brief Sends a Zh request. */
    void FetchVector(const mediasec::gba::AvRequest& request, ZhReply reply);
    /** \return the vector for the UbServer core (see FinishUb) */
    mediasec::Result<mediasec::gba::AuthVector> ProvideVector(
        const mediasec::gba::AvRequest& request);
    /** \return the Zn response to \p request */
    mediasec::http::HttpResponse ServeZn(const mediasec::http::HttpRequest& request);
    /** \return the Zn answer for \p request, or the refusal code and reason */
    mediasec::Result<mediasec::gba::ZnAnswer> AnswerZn(const mediasec::gba::ZnRequest& request,
                                                       mediasec::gba::ZxResultCode& refusal);

    uint16_t m_ubPort;                                //!< Ub port
    uint16_t m_znPort;                                //!< Zn port
    std::string m_domain;                             //!< B-TID domain and Digest realm
    Ipv4Address m_hssAddress;                         //!< Zh peer
    uint16_t m_hssPort;                               //!< Zh port
    Time m_lifetime;                                  //!< key lifetime
    Time m_ubServiceTime;                             //!< per Ub request
    Time m_znServiceTime;                             //!< per Zn request
    std::set<std::string> m_authorizedNafs;           //!< Zn allow-list (empty: all)
    std::unique_ptr<mediasec::gba::UbServer> m_ub;    //!< the sans-I/O Ub core
    std::optional<Fetched> m_fetched;                 //!< vector offered to the core during Handle
    std::optional<mediasec::gba::AvRequest> m_missed; //!< vector the core asked for in vain
    std::map<std::string, std::vector<std::string>> m_uss; //!< IMPI -> IMPUs of its latest USS
    HttpServer m_ubServer;                                 //!< Ub listener
    HttpServer m_znServer;                                 //!< Zn listener
    HttpClient m_zh;                                       //!< connection to the HSS
    ProcessingQueue m_queue;                               //!< FIFO server
    uint64_t m_ubRequests = 0;                             //!< Ub requests
    uint64_t m_bootstraps = 0;                             //!< successful bootstraps
    uint64_t m_ubRefusals = 0;                             //!< refused Ub requests
    uint64_t m_zhRequests = 0;                             //!< Zh requests
    uint64_t m_znAnswers = 0;                              //!< Zn answers
    uint64_t m_znRefusals = 0;                             //!< Zn refusals
    TracedCallback<const std::string&, const std::string&> m_bootstrapTrace; //!< bootstraps
    TracedCallback<const std::string&, bool> m_znTrace;                      //!< Zn requests
};

} // namespace ims
} // namespace ns3

#endif
