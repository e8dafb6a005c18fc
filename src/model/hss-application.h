/**
 * \file
 * The Home Subscriber Server of GBA (TS 33.220 4.2): subscriber records and the Zh interface
 * towards the BSF (simulated as HTTP, doc/gba-in-simulation.md).
 */
#ifndef IMS_HSS_APPLICATION_H
#define IMS_HSS_APPLICATION_H

#include "http-server.h"
#include "ns3/application.h"
#include "ns3/nstime.h"
#include "ns3/traced-callback.h"
#include "processing-queue.h"
#include "protocol/common/bytes.h"
#include "protocol/crypto/drbg.h"
#include "protocol/gba/milenage.h"
#include "protocol/gba/zh-zn-messages.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ns3
{
namespace ims
{

/** \brief What the HSS stores of one subscriber (its USIM secrets and its GUSS). */
struct HssSubscriber
{
    mediasec::Bytes k;                        //!< subscriber key K (16 bytes)
    mediasec::Bytes opOrOpc;                  //!< OP or OPc (16 bytes)
    bool isOpc = true;                        //!< true when opOrOpc is OPc
    mediasec::Bytes sqn = mediasec::Bytes(6); //!< the last SQN used (6 bytes)
    mediasec::Bytes amf = {0x00, 0x00};       //!< AMF of the vectors (2 bytes)
    std::vector<std::string> impus;           //!< public identities (the USS), 1..64
};

/**
 * \brief The HSS as an ns-3 application: answers Zh requests of the BSF (POST /zh) with a fresh
 * authentication vector (Milenage, TS 33.102 6.3.2; RAND from the node's deterministic DRBG,
 * SQN incremented by one per vector) and the subscriber's public identities. A request with
 * AUTS re-synchronises SQN from SQN_MS first (TS 33.102 6.3.5). Unknown IMPIs are refused with
 * Result-Code 5401. Each request costs AvServiceTime on the FIFO processing queue.
 */
class HssApplication : public Application
{
  public:
    /** \return the TypeId */
    static TypeId GetTypeId();
    HssApplication();
    ~HssApplication() override;

    /**
     * \brief Adds or replaces the subscriber \p impi.
     * \return Ok, or BadLength naming K, OP/OPc, SQN or AMF; OutOfRange for no or too many IMPUs
     */
    mediasec::Status AddSubscriber(const std::string& impi, const HssSubscriber& subscriber);
    /** \return the SQN of the last vector issued for \p impi, or nothing for an unknown IMPI */
    std::optional<mediasec::Bytes> GetSqn(const std::string& impi) const;

    /** \return authentication vectors issued */
    uint64_t GetVectorsIssued() const;
    /** \return successful re-synchronisations */
    uint64_t GetResyncs() const;
    /** \return refused Zh requests (bad request, unknown IMPI, AUTS that does not verify) */
    uint64_t GetRefusals() const;
    /** \return the processing queue */
    const ProcessingQueue& GetProcessingQueue() const;

    /** TracedCallback signature of a Zh exchange. \param impi the IMPI \param ok answered */
    typedef void (*ZhTracedCallback)(const std::string& impi, bool ok);

  protected:
    void DoDispose() override;
    void StartApplication() override;
    void StopApplication() override;

  private:
    /** \brief A subscriber with its keyed Milenage. */
    struct Record
    {
        mediasec::gba::Milenage milenage; //!< keyed with K and OPc
        HssSubscriber data;               //!< SQN, AMF, IMPUs
    };

    /** \return the response to one Zh request body */
    mediasec::http::HttpResponse Serve(const mediasec::http::HttpRequest& request);
    /** \return the vector and USS for \p request, or the refusal */
    mediasec::Result<mediasec::gba::ZhAnswer> Answer(const mediasec::gba::AvRequest& request);

    uint16_t m_port;                                    //!< Zh port
    Time m_serviceTime;                                 //!< per Zh request
    uint64_t m_seed;                                    //!< run seed of the RAND generator
    std::string m_label;                                //!< node label (DRBG stream)
    std::map<std::string, Record> m_records;            //!< IMPI -> subscriber
    std::unique_ptr<mediasec::Drbg> m_drbg;             //!< RAND source
    HttpServer m_server;                                //!< the Zh listener
    ProcessingQueue m_queue;                            //!< FIFO server
    uint64_t m_vectors = 0;                             //!< vectors issued
    uint64_t m_resyncs = 0;                             //!< re-synchronisations
    uint64_t m_refusals = 0;                            //!< refused requests
    TracedCallback<const std::string&, bool> m_zhTrace; //!< Zh exchanges
};

} // namespace ims
} // namespace ns3

#endif
