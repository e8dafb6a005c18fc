/**
 * \file
 * A PSTN terminal behind the PSTN media gateway (doc/otway-rees-e2m.md): a plain RTP endpoint
 * that streams G.711-sized probe payloads while the SGW says a call is up.
 */
#ifndef IMS_PSTN_TERMINAL_APPLICATION_H
#define IMS_PSTN_TERMINAL_APPLICATION_H

#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/inet-socket-address.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <string>

namespace ns3
{

class Socket;

namespace ims
{

/**
 * \brief Listens on kPstnSignallingPort for the SGW's IAM (call up: stream RTP every
 * PacketInterval to the MGW endpoint it names) and REL (call down: stop), and on
 * kPstnMediaPort for RTP from the MGW, counting packets whose probe payload arrives intact and
 * their one-way delay. One call at a time.
 */
class PstnTerminalApplication : public Application
{
  public:
    /** \return the TypeId */
    static TypeId GetTypeId();
    PstnTerminalApplication();
    ~PstnTerminalApplication() override;

    /** \brief Media counters. */
    struct Counters
    {
        uint64_t calls = 0;    //!< IAMs accepted
        uint64_t sent = 0;     //!< RTP packets sent
        uint64_t received = 0; //!< datagrams received on the media port
        uint64_t intact = 0;   //!< RTP packets whose probe payload matched
        Time totalDelay;       //!< sum of one-way delays of intact packets
        Time maxDelay;         //!< largest one-way delay
    };

    /** \return the counters */
    const Counters& GetCounters() const;

  protected:
    void DoDispose() override;
    void StartApplication() override;
    void StopApplication() override;

  private:
    void HandleSignallingRead(Ptr<Socket> socket);
    void HandleMediaRead(Ptr<Socket> socket);
    /** \brief Sends one packet and schedules the next. */
    void SendPacket();

    Time m_interval;                           //!< packet interval
    uint32_t m_payloadSize;                    //!< RTP payload bytes
    uint32_t m_ssrc;                           //!< RTP SSRC
    Ptr<Socket> m_signallingSocket;            //!< from the SGW
    Ptr<Socket> m_mediaSocket;                 //!< RTP
    InetSocketAddress m_mgw{Ipv4Address(), 0}; //!< where the stream goes
    std::string m_callId;                      //!< call in progress ("" when idle)
    uint16_t m_sequence = 0;                   //!< next RTP sequence number
    EventId m_sendEvent;                       //!< next packet
    Counters m_counters;                       //!< counters
};

} // namespace ims
} // namespace ns3

#endif
