/**
 * \file
 * Serving CSCF: registrar and stateless routing proxy.
 */
#ifndef IMS_S_CSCF_APPLICATION_H
#define IMS_S_CSCF_APPLICATION_H

#include "sip-node-application.h"

#include <map>
#include <string>

namespace ns3
{
namespace ims
{

/**
 * \brief Implements the S-CSCF roles an IMS call needs (TS 23.228): registrar for the
 * home domain (REGISTER -> binding of the public identity to the contact and to the P-CSCF
 * it came through) and a stateless proxy (RFC 3261 16.11) that routes initial requests by
 * public identity and in-dialog requests by contact. Third-party registration, iFC and
 * Diameter Cx are not modelled: subscribers are implicitly authorized.
 */
class SCscfApplication : public SipNodeApplication
{
  public:
    /** \return the TypeId */
    static TypeId GetTypeId();

    /** \return the number of current registrations */
    size_t GetRegistrationCount() const;

  protected:
    void HandleSip(const mediasec::sip::SipMessage& message,
                   const InetSocketAddress& from) override;

  private:
    /** \brief Where a registered identity is reached. */
    struct Binding
    {
        std::string contactUri;  //!< Contact of the REGISTER
        InetSocketAddress pcscf; //!< the P-CSCF the REGISTER came through
    };

    /** \brief Stores a binding and answers 200 OK. */
    void HandleRegister(const mediasec::sip::SipMessage& request, const InetSocketAddress& from);
    /** \brief Routes a request towards the callee's P-CSCF. */
    void RouteRequest(mediasec::sip::SipMessage request, const InetSocketAddress& from);
    /** \brief Answers \p request with \p code unless it is an ACK. */
    void Reject(const mediasec::sip::SipMessage& request, const InetSocketAddress& from, int code,
                const std::string& reason);

    std::map<std::string, Binding> m_bindings;      //!< "user@host" of the AoR -> binding
    std::map<std::string, std::string> m_contacts;  //!< "user@host:port" of contact -> AoR key
};

} // namespace ims
} // namespace ns3

#endif
