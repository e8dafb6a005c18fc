/**
 * \file
 * HTTP/1.1 client over one TCP connection to the KMS (the Ua reference point).
 */
#ifndef IMS_UA_CLIENT_H
#define IMS_UA_CLIENT_H

#include "protocol/common/bytes.h"
#include "protocol/http/http-message.h"

#include "ns3/inet-socket-address.h"
#include "ns3/node.h"
#include "ns3/socket.h"

#include <deque>
#include <functional>
#include <string>

namespace ns3
{
namespace ims
{

/**
 * \brief Sends MIKEY messages to the KMS as HTTP POSTs (Content-Type application/mikey), or
 * GETs from another HTTP server, on one persistent TCP connection, pipelined; replies come
 * back in order. A 200 or 403 reply gives
 * its body (a MIKEY response or Error message); anything else, a broken connection or a reply
 * that does not parse gives a typed error.
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
    void HandleConnected(Ptr<Socket> socket);
    void HandleFailed(Ptr<Socket> socket);
    void HandleRead(Ptr<Socket> socket);
    /** \brief Creates the socket and connects to the server. */
    void Connect();
    /** \brief Sends \p request (or keeps it until the connection is up). \return its size */
    uint32_t Send(const mediasec::http::HttpRequest& request, Reply reply);
    /** \brief Fails every pending request with \p error. */
    void FailAll(const mediasec::Error& error);

    Ptr<Node> m_node;                          //!< where the connection starts
    InetSocketAddress m_server{Ipv4Address(), 0}; //!< the server
    Ptr<Socket> m_socket;                      //!< the TCP connection
    bool m_connected = false;                  //!< connection established
    std::string m_host;                        //!< Host header value
    std::string m_unsent;                      //!< requests written before the connection
    mediasec::http::HttpStreamParser m_parser; //!< reply parser
    std::deque<Reply> m_pending;               //!< waiting for replies, in order
};

} // namespace ims
} // namespace ns3

#endif
