/**
 * \file
 * IMS Access Gateway: terminates SRTP towards the UE and relays RTP towards the core, as
 * programmed by the P-CSCF over Iq (TS 33.328 7.2.1 step 9 and 7.3.1 step 9).
 */
#ifndef IMS_AGW_APPLICATION_H
#define IMS_AGW_APPLICATION_H

#include "processing-queue.h"

#include "protocol/srtp/srtp-session.h"

#include "ns3/application.h"
#include "ns3/inet-socket-address.h"
#include "ns3/nstime.h"
#include "ns3/traced-callback.h"

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{

class Socket;

namespace ims
{

/**
 * \brief Implements the IMS-AGW media relay of TS 33.328 e2ae security: for each Iq Add from
 * the P-CSCF it creates a context with an access termination (SRTP with the UE: it decrypts
 * with the UE's key and encrypts with the key the P-CSCF created) and a core termination
 * (plain RTP). Media is demultiplexed on one socket by (source address, SSRC), the SSRCs
 * coming from the RFC 5576 a=ssrc attributes of the Iq descriptors. Packets that fail SRTP
 * checks or match no context are dropped and counted. Subtract removes a context and frees
 * its SRTP sessions.
 */
class ImsAgwApplication : public Application
{
  public:
    /** \return the TypeId */
    static TypeId GetTypeId();
    ImsAgwApplication();
    ~ImsAgwApplication() override;

    /** \brief Packet counters of the relay. */
    struct Counters
    {
        uint64_t relayed = 0;        //!< packets forwarded
        uint64_t rejectedAuth = 0;   //!< SRTP authentication failures
        uint64_t rejectedReplay = 0; //!< SRTP replays
        uint64_t unknownStream = 0;  //!< no context for (source, SSRC)
        uint64_t malformed = 0;      //!< not RTP
    };

    /** \return the relay counters */
    const Counters& GetCounters() const;
    /** \return Iq contexts alive (added and not subtracted) */
    uint32_t GetContextCount() const;
    /** \return the processing queue (media packets when PacketServiceTime > 0) */
    const ProcessingQueue& GetProcessingQueue() const;

  protected:
    void DoDispose() override;
    void StartApplication() override;
    void StopApplication() override;

  private:
    /** \brief One direction of one context: what to do with a matching packet. */
    struct Route
    {
        uint32_t context = 0;                       //!< Iq context it belongs to
        mediasec::SrtpSession* unprotect = nullptr; //!< inbound SRTP session, or plain
        mediasec::SrtpSession* protect = nullptr;   //!< outbound SRTP session, or plain
        InetSocketAddress to{Ipv4Address(), 0};     //!< where the result goes
    };

    void HandleIqRead(Ptr<Socket> socket);
    void HandleMediaRead(Ptr<Socket> socket);
    /** \brief Relays one media packet that arrived from \p source. */
    void Relay(std::vector<uint8_t>& packet, Ipv4Address source);
    /** \return the error text of a failed Add, or "" after installing context \p context. */
    std::string AddContext(uint32_t context, const std::string& accessLocal,
                           const std::string& accessRemote, const std::string& coreRemote);
    /** \return the error text of a failed Subtract, or "" after removing \p context. */
    std::string SubtractContext(uint32_t context);

    Time m_packetServiceTime;                              //!< cost per relayed packet
    ProcessingQueue m_queue;                               //!< FIFO server
    uint16_t m_mediaPort;                                  //!< media port
    uint16_t m_iqPort;                                     //!< Iq port
    std::string m_label;                                   //!< node label
    Ptr<Socket> m_mediaSocket;                             //!< media socket
    Ptr<Socket> m_iqSocket;                                //!< Iq socket
    Ipv4Address m_localAddress;                            //!< own address
    /** SRTP sessions of each live context */
    std::map<uint32_t, std::vector<std::unique_ptr<mediasec::SrtpSession>>> m_sessions;
    /** (source, SSRC) -> routes of the contexts using that stream, oldest first */
    std::map<std::pair<uint32_t, uint32_t>, std::vector<Route>> m_routes;
    uint32_t m_nextContext = 1;                            //!< id of the next Add
    Counters m_counters;                                   //!< relay counters
    std::vector<uint8_t> m_buffer;                         //!< reused packet buffer

    TracedCallback<const std::string&, const std::string&, const std::string&>
        m_keyHeldTrace; //!< media key custody
    TracedCallback<const std::string&> m_rejectedTrace; //!< dropped packet reason
};

} // namespace ims
} // namespace ns3

#endif
