/**
 * \file
 * An HTTP/1.1 server on ns-3 TCP sockets, shared by the applications that answer HTTP (the KMS
 * on Ua, the voice-mail server's mailbox).
 */
#ifndef IMS_HTTP_SERVER_H
#define IMS_HTTP_SERVER_H

#include "protocol/http/http-message.h"

#include "ns3/node.h"
#include "ns3/ptr.h"
#include "ns3/socket.h"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>

namespace ns3
{
namespace ims
{

/**
 * \brief Listens on a TCP port, parses each connection's byte stream into requests and hands
 * every request to a handler with a function that sends its response on that connection
 * (now or later, e.g. after a processing queue). A connection whose bytes do not parse is
 * closed. Owned by an Application, started and stopped with it.
 */
class HttpServer
{
  public:
    /** \brief TCP send buffer of each connection: the largest response it can send. */
    static constexpr uint32_t kSendBufferBytes = 64u << 20;

    /** \brief Sends the response to one request (does nothing once the connection closed). */
    using Respond = std::function<void(const mediasec::http::HttpResponse&)>;
    /** \brief Serves one request. */
    using Handler = std::function<void(const mediasec::http::HttpRequest&, Respond)>;

    /** \brief Listens on \p port of \p node and serves requests with \p handler. */
    void Start(Ptr<Node> node, uint16_t port, Handler handler);
    /** \brief Closes every connection and the listener. */
    void Stop();
    /** \return connections closed because their bytes were not HTTP */
    uint64_t GetMalformedStreams() const;

  private:
    /** \brief Accepts a connection. */
    void HandleAccept(Ptr<Socket> socket, const Address& from);
    /** \brief Reads a connection. */
    void HandleRead(Ptr<Socket> socket);

    Handler m_handler;       //!< request handler
    Ptr<Socket> m_listener;  //!< listening socket
    std::map<Ptr<Socket>, std::unique_ptr<mediasec::http::HttpStreamParser>> m_connections;
    uint64_t m_malformed = 0; //!< closed connections
};

} // namespace ims
} // namespace ns3

#endif
