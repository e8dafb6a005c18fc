/**
 * \file
 * HTTP/1.1 client over one TCP connection to the KMS (the Ua reference point).
 */
#ifndef IMS_UA_CLIENT_H
#define IMS_UA_CLIENT_H

#include "http-client.h"

#include "protocol/common/bytes.h"
#include "protocol/http/http-message.h"

#include "ns3/inet-socket-address.h"
#include "ns3/node.h"

#include <functional>
#include <string>

namespace ns3
{
namespace ims
{

/**
 * \brief Sends MIKEY (or Otway-Rees) messages to the KMS as HTTP POSTs, or GETs from another
 * HTTP server, over an HttpClient connection (pipelined, replies in order). A 200 or 403 reply
 * gives its body (a response or an Error message); any other status, a broken connection or a
 * reply that does not parse gives a typed error.
 */
class UaClient
{
  public:
    /** \brief Receives the body of the KMS's reply, or the error. */
    using Reply = std::function<void(mediasec::Result<mediasec::Bytes>)>;

    /** \brief A client accepting reply bodies of up to \p maxBodyLength bytes. */
    explicit UaClient(size_t maxBodyLength = mediasec::http::kMaxBodyLength);

    /**
     * \brief Opens the connection from \p node to \p kms now, or (\p connectNow false) with
     * the first request; requests wait for it. \p host is the Host header of every request.
     */
    void Start(Ptr<Node> node, const InetSocketAddress& kms,
               const std::string& host = "kms.ims.test", bool connectNow = true);
    /** \brief Closes the connection; pending replies are dropped. */
    void Stop();
    /**
     * \brief POSTs \p message to \p target ("/request", "/resolve", "/otway-rees").
     * \return the bytes put on the connection (for the interface counters)
     */
    uint32_t Post(const std::string& target, const mediasec::Bytes& message, Reply reply,
                  const std::string& contentType = "application/mikey");
    /**
     * \brief GETs \p target (e.g. a voice-mail server's "/mailbox/bob@ims.test").
     * \return the bytes put on the connection
     */
    uint32_t Get(const std::string& target, Reply reply);

  private:
    /** \brief Sends \p request with the Host header; maps the response to its body. */
    uint32_t Send(const mediasec::http::HttpRequest& request, Reply reply);

    HttpClient m_http;  //!< the connection
    std::string m_host; //!< Host header value
};

} // namespace ims
} // namespace ns3

#endif
