/**
 * \file
 * Common base of the SIP network functions (UE, P-CSCF, S-CSCF): one UDP socket, the
 * processing model, parsing with typed errors, and the message and key-custody traces.
 */
#ifndef IMS_SIP_NODE_APPLICATION_H
#define IMS_SIP_NODE_APPLICATION_H

#include "processing-queue.h"

#include "protocol/sip/sip-message.h"

#include "ns3/application.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-address.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <map>
#include <string>

namespace ns3
{

class Packet;

namespace ims
{

/**
 * \brief A network function that speaks SIP over UDP (RFC 3261 18) on one socket.
 *
 * Every datagram is charged the SipServiceTime on the node's FIFO processing queue, then
 * parsed by the protocol core; a datagram that does not parse is counted, traced with the
 * typed error and dropped (no response is possible without a parsed Via). Subclasses
 * implement HandleSip().
 */
class SipNodeApplication : public Application
{
  public:
    /** \return the TypeId */
    static TypeId GetTypeId();

    /** \brief Labels traffic to and from \p peer with \p interfaceName (e.g. "Mw", "Iq"). */
    void SetPeerInterface(Ipv4Address peer, const std::string& interfaceName);

    /** \return the node label used in key-custody and results (Attribute "Label"). */
    const std::string& GetLabel() const;

    /** \return the processing queue (for utilization and queueing metrics). */
    const ProcessingQueue& GetProcessingQueue() const;

    /** \return SIP datagrams dropped because they did not parse. */
    uint64_t GetParseErrors() const;

    /**
     * TracedCallback signature for SIP messages sent or received.
     * \param callId Call-ID of the message
     * \param interfaceName interface label ("Gm", "Mw", ...)
     * \param summary method or status code
     * \param bytes UDP payload size
     */
    typedef void (*SipTracedCallback)(const std::string& callId, const std::string& interfaceName,
                                      const std::string& summary, uint32_t bytes);

    /**
     * TracedCallback signature for a media key held by this node.
     * \param callId the call the key belongs to ("" if unknown to this node)
     * \param fingerprint KeyFingerprint() of master key and salt
     * \param label this node's label
     */
    typedef void (*KeyHeldTracedCallback)(const std::string& callId, const std::string& fingerprint,
                                          const std::string& label);

  protected:
    void DoDispose() override;
    void StartApplication() override;
    void StopApplication() override;

    /** \brief Handles one parsed SIP message received from \p from. */
    virtual void HandleSip(const mediasec::sip::SipMessage& message,
                           const InetSocketAddress& from) = 0;

    /** \brief Formats and sends \p message to \p to, tracing it on the peer's interface. */
    void SendSip(const mediasec::sip::SipMessage& message, const InetSocketAddress& to);

    /** \brief Sends an already formatted SIP message (retransmissions). */
    void SendSipText(const std::string& text, const std::string& callId,
                     const std::string& summary, const InetSocketAddress& to);

    /** \brief Fires the SipSent (\p sent) or SipReceived trace for a non-SIP message (Iq). */
    void TraceMessage(bool sent, const std::string& callId, const std::string& interfaceName,
                      const std::string& summary, uint32_t bytes);

    /** \brief Reports that this node holds the media key \p fingerprint of \p callId. */
    void ReportKeyHeld(const std::string& callId, const std::string& fingerprint);

    /**
     * \brief Reports every SDES key in the SDP body of \p message: a node that processed the
     * SDP held the key, whatever it does with it (sdes-e2e exposes keys to every proxy).
     */
    void ReportSdpKeys(const mediasec::sip::SipMessage& message);

    /** \return the interface label of \p peer ("DefaultInterface" when not set). */
    std::string InterfaceOf(Ipv4Address peer) const;

    /** \return this node's IPv4 address on its first non-loopback interface. */
    Ipv4Address GetLocalAddress() const;

    /** \return the processing queue for subclasses' own jobs. */
    ProcessingQueue& Queue();

    uint16_t m_sipPort; //!< UDP port of SIP

  private:
    /** \brief Socket receive callback. */
    void HandleRead(Ptr<Socket> socket);

    Ptr<Socket> m_socket;                            //!< the SIP socket
    Time m_sipServiceTime;                           //!< processing time per SIP message
    std::string m_label;                             //!< node label
    std::string m_defaultInterface;                  //!< label of unlisted peers
    std::map<Ipv4Address, std::string> m_interfaces; //!< peer -> interface label
    ProcessingQueue m_queue;                         //!< FIFO server
    uint64_t m_parseErrors = 0;                      //!< dropped datagrams

    TracedCallback<const std::string&, const std::string&, const std::string&, uint32_t>
        m_sipSentTrace; //!< SIP message sent
    TracedCallback<const std::string&, const std::string&, const std::string&, uint32_t>
        m_sipReceivedTrace; //!< SIP message received and parsed
    TracedCallback<const std::string&> m_parseErrorTrace; //!< typed error of a bad datagram
    TracedCallback<const std::string&, const std::string&, const std::string&>
        m_keyHeldTrace; //!< media key custody
};

/** \return dotted-quad text of \p address. */
std::string AddressString(Ipv4Address address);

/** \return "INVITE" for requests, "200" for responses (trace summaries). */
std::string SummaryOf(const mediasec::sip::SipMessage& message);

} // namespace ims
} // namespace ns3

#endif
