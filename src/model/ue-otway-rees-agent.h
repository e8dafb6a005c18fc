/**
 * \file
 * The UE's side of the otway-rees scheme (seed 001, doc/otway-rees.md): the caller's offer and
 * answer check, the callee's KMS request over HTTP/TCP.
 */
#ifndef IMS_UE_OTWAY_REES_AGENT_H
#define IMS_UE_OTWAY_REES_AGENT_H

#include "ua-client.h"

#include "protocol/crypto/drbg.h"
#include "protocol/otway-rees/otway-rees-initiator.h"
#include "protocol/otway-rees/otway-rees-responder.h"

#include <functional>
#include <map>
#include <memory>
#include <string>

namespace ns3
{
namespace ims
{

/**
 * \brief Drives the Otway-Rees exchanges of one UE: as caller it builds the offer (plain IDs
 * and Ea) for the INVITE and opens the answer (Ea') of the 200 OK; as callee it adds Eb, asks
 * the KMS (POST /otway-rees) and returns the keys and the answer for its 200 OK. The long-term
 * key is the UE's GBA Ks_NAF with the KMS.
 */
class UeOtwayReesAgent
{
  public:
    /** \brief Reports each KMS message: call, true when sent (false: received), bytes. */
    using KmsTrace = std::function<void(const std::string& callId, bool sent, uint32_t bytes)>;

    /**
     * \param identity the UE's IMPU (ID-A / ID-B)
     * \param key Ka or Kb (32 bytes, shared with the KMS)
     * \param seed run seed; \param label the UE's label (random streams)
     * \param trace KMS message observer
     */
    UeOtwayReesAgent(const std::string& identity, const mediasec::Bytes& key, uint64_t seed,
                     const std::string& label, KmsTrace trace);

    /** \brief Opens the connection to the KMS at \p kms (now or with the first request). */
    void Start(Ptr<Node> node, const InetSocketAddress& kms, bool connectNow);
    /** \brief Closes the connection. */
    void Stop();

    /** \return the offer for calling \p callee in call \p callId */
    mediasec::Result<mediasec::Bytes> PrepareOffer(const std::string& callId,
                                                   const std::string& callee);
    /** \return the caller's SRTP keys from the answer of call \p callId */
    mediasec::Result<mediasec::kms::SrtpSessionKeys> CompleteOffer(const std::string& callId,
                                                                   const mediasec::Bytes& answer);
    /** \brief Callee: asks the KMS about \p offer and delivers the keys and the answer. */
    void AnswerOffer(const std::string& callId, const mediasec::Bytes& offer,
                     std::function<void(mediasec::Result<mediasec::otway::ResponderOutcome>)> done);

  private:
    std::string m_identity;  //!< ID of this UE
    mediasec::Bytes m_key;   //!< long-term key with the KMS
    mediasec::Drbg m_drbg;   //!< nonces, M, IVs
    KmsTrace m_trace;        //!< observer
    UaClient m_kms;          //!< HTTP connection to the KMS
    std::map<std::string, mediasec::otway::OtwayReesInitiator> m_calls; //!< caller sessions
    std::map<std::string, std::unique_ptr<mediasec::otway::OtwayReesResponder>> m_answers; //!< callee
};

} // namespace ims
} // namespace ns3

#endif
