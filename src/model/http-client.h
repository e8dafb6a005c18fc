/**
 * \file
 * A general HTTP/1.1 client on one ns-3 TCP connection that hands back whole responses (status,
 * headers, body): GBA Ub at the UE, Zh at the BSF and Zn at the NAF.
 */
#ifndef IMS_HTTP_CLIENT_H
#define IMS_HTTP_CLIENT_H

#include "ns3/inet-socket-address.h"
#include "ns3/node.h"
#include "ns3/socket.h"
#include "protocol/http/http-message.h"

#include <deque>
#include <functional>
#include <string>

namespace ns3
{
namespace ims
{

/**
 * \brief Sends requests pipelined on one persistent TCP connection, opened with the first
 * request; responses come back in order, each to its request's callback. A refused, closed or
 * reset connection fails every outstanding request with Errc::Unreachable (the next request
 * opens a new connection), a response stream that does not parse with its parse error.
 */
class HttpClient
{
  public:
    /** \brief Receives the response to one request, or the error. */
    using Reply = std::function<void(mediasec::Result<mediasec::http::HttpResponse>)>;

    /** \brief A client accepting response bodies of up to \p maxBodyLength bytes. */
    explicit HttpClient(size_t maxBodyLength = mediasec::http::kMaxBodyLength);
    /** \brief Detaches the socket's callbacks: a destroyed owner is never called back. */
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;            //!< one owner per connection
    HttpClient& operator=(const HttpClient&) = delete; //!< one owner per connection

    /** \brief Connects from \p node to \p server now, or (default) with the first request. */
    void Start(Ptr<Node> node, const InetSocketAddress& server, bool connectNow = false);
    /** \brief Closes the connection; outstanding requests are dropped without a reply. */
    void Stop();
    /**
     * \brief Sends \p request as it is (the caller sets Host and the other headers).
     * \return the bytes put on the connection
     */
    uint32_t Send(const mediasec::http::HttpRequest& request, Reply reply);

  private:
    void Connect();                           //!< opens the TCP connection
    void HandleConnected(Ptr<Socket> socket); //!< flushes requests written before
    void HandleFailed(Ptr<Socket> socket);    //!< fails every request
    void HandleClosed(Ptr<Socket> socket);    //!< the server closed or reset: fails every request
    /** \brief Forgets \p socket if it is the connection and fails every request with \p why. */
    void DropConnection(Ptr<Socket> socket, const std::string& why);
    void HandleRead(Ptr<Socket> socket);      //!< parses responses
    /** \brief Detaches the connection's callbacks, closes it if \p close, forgets it. */
    void Disconnect(bool close);
    /** \brief Fails every outstanding request with \p error and drops the connection. */
    void FailAll(const mediasec::Error& error);

    Ptr<Node> m_node;                             //!< where the connection starts
    InetSocketAddress m_server{Ipv4Address(), 0}; //!< the server
    Ptr<Socket> m_socket;                         //!< the TCP connection
    bool m_connected = false;                     //!< connection established
    std::string m_unsent;                         //!< requests written before the connection
    size_t m_maxBody;                             //!< largest accepted response body
    mediasec::http::HttpStreamParser m_parser;    //!< response parser
    std::deque<Reply> m_pending;                  //!< waiting for responses, in order
};

} // namespace ims
} // namespace ns3

#endif
