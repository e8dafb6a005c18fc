/**
 * \file
 * The PSTN media gateway of the end-to-middle case (seed 000, doc/otway-rees-e2m.md): opens the
 * SGW's key pushes with Ksm, terminates SRTP towards the UE and relays plain RTP (G.711
 * unchanged) to and from the PSTN terminal; a plain RTP call is relayed unchanged both ways.
 */
#ifndef IMS_PSTN_MGW_APPLICATION_H
#define IMS_PSTN_MGW_APPLICATION_H

#include "ns3/application.h"
#include "ns3/inet-socket-address.h"
#include "ns3/nstime.h"
#include "ns3/traced-callback.h"
#include "protocol/common/bytes.h"
#include "protocol/otway-rees/sgw-key-push.h"
#include "protocol/srtp/srtp-session.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>

namespace ns3
{

class Socket;

namespace ims
{

/**
 * \brief The MGW. Control datagrams from the SGW arrive on kMgwControlPort: PUSH opens the
 * KeyPush with Ksm (SgwKeyPushReceiver: authenticity, freshness within KeyPushSkew, replay
 * cache) and installs the call: an inbound SRTP session with the A-to-B keys for packets from
 * the UE's media endpoint and an outbound one with the B-to-A keys for packets from the PSTN
 * terminal's endpoint; RELAY installs a keyless call whose RTP is relayed unchanged both ways
 * (refused for a keyed call or its endpoints: no downgrade); RELEASE frees it. Media on
 * kMgwMediaPort is demultiplexed by source (address, port). Packets from an endpoint without keys,
 * failing SRTP or not RTP are dropped and counted.
 */
class PstnMgwApplication : public Application
{
  public:
    /** \return the TypeId */
    static TypeId GetTypeId();
    PstnMgwApplication();
    ~PstnMgwApplication() override;

    /** \brief Sets Ksm, the key shared with the SGW (32 bytes). */
    void SetKsm(const mediasec::Bytes& ksm);

    /** \brief Counters of key pushes and media. */
    struct Counters
    {
        uint64_t keysInstalled = 0;      //!< accepted key pushes
        uint64_t relaysInstalled = 0;    //!< keyless relays installed (RELAY, plain RTP)
        uint64_t relayRefused = 0;       //!< RELAY naming a keyed call or its endpoints
        uint64_t pushRejectedAuth = 0;   //!< pushes that did not open or check (AuthFailed)
        uint64_t pushRejectedReplay = 0; //!< pushes seen before (Replay)
        uint64_t pushRejectedStale = 0;  //!< pushes outside the skew (OutOfRange)
        uint64_t pushMalformed = 0;      //!< control datagrams or pushes that did not parse
        uint64_t released = 0;           //!< calls released
        uint64_t relayedToPstn = 0;      //!< media from the UE sent to the terminal as RTP
        uint64_t relayedToUe = 0;        //!< RTP from the terminal sent to the UE (SRTP if keyed)
        uint64_t rejectedAuth = 0;       //!< SRTP authentication failures
        uint64_t rejectedReplay = 0;     //!< SRTP replays
        uint64_t withoutKeys = 0;        //!< media from an endpoint with no installed call
        uint64_t malformed = 0;          //!< media that is not RTP or fails to protect
    };

    /** \return the counters */
    const Counters& GetCounters() const;
    /** \return installed calls (keyed or plain relays) */
    uint32_t GetCallCount() const;

  protected:
    void DoDispose() override;
    void StartApplication() override;
    void StopApplication() override;

  private:
    /** \brief One installed call. */
    struct Call
    {
        std::unique_ptr<mediasec::SrtpSession> fromUe; //!< opens the UE's SRTP (null: plain)
        std::unique_ptr<mediasec::SrtpSession> toUe;   //!< protects towards the UE (null: plain)
        InetSocketAddress ue{Ipv4Address(), 0};        //!< UE media endpoint
        InetSocketAddress terminal{Ipv4Address(), 0};  //!< terminal media endpoint
    };

    void HandleControlRead(Ptr<Socket> socket);
    void HandleMediaRead(Ptr<Socket> socket);
    /** \brief Opens a PUSH and installs the call. */
    void Install(const std::string& callId, const InetSocketAddress& ue,
                 const InetSocketAddress& terminal, const mediasec::Bytes& keyPush);
    /** \brief Installs the keyless relay of a plain RTP call (RELAY). */
    void InstallRelay(const std::string& callId, const InetSocketAddress& ue,
                      const InetSocketAddress& terminal);
    /** \brief Replaces call \p callId by \p call between \p ue and \p terminal. */
    void Route(const std::string& callId, Call call, const InetSocketAddress& ue,
               const InetSocketAddress& terminal);
    /** \brief Frees call \p callId. \return false when it was not installed */
    bool Release(const std::string& callId);
    /** \brief Relays one media packet from \p source. */
    void Relay(mediasec::Bytes& packet, const InetSocketAddress& source);

    std::string m_label;                                           //!< node label
    Time m_skew;                                                   //!< key push skew
    mediasec::Bytes m_ksm;                                         //!< the SGW-MGW key
    std::optional<mediasec::otway::SgwKeyPushReceiver> m_receiver; //!< opens pushes
    Ptr<Socket> m_controlSocket;                                   //!< SGW link
    Ptr<Socket> m_mediaSocket;                                     //!< media
    std::map<std::string, Call> m_calls;                           //!< by Call-ID
    /** (address, port) of a media source -> (Call-ID, true when it is the UE) */
    std::map<std::pair<uint32_t, uint16_t>, std::pair<std::string, bool>> m_sources;
    Counters m_counters;      //!< counters
    mediasec::Bytes m_buffer; //!< reused packet buffer

    TracedCallback<const std::string&, const std::string&, const std::string&>
        m_keyHeldTrace;                                 //!< media key custody
    TracedCallback<const std::string&> m_rejectedTrace; //!< dropped push or packet reason
};

} // namespace ims
} // namespace ns3

#endif
