/**
 * \file
 * An on-path attacker on a router: copies media packets heading to a victim and injects
 * replayed or tampered copies.
 */
#ifndef IMS_MEDIA_ATTACKER_APPLICATION_H
#define IMS_MEDIA_ATTACKER_APPLICATION_H

#include "ns3/application.h"
#include "ns3/ipv4-address.h"
#include "ns3/net-device.h"

#include <cstdint>
#include <vector>

namespace ns3
{

class Packet;
class Socket;

namespace ims
{

/** \brief What the attacker does with the packets it copies. */
enum MediaAttack
{
    MEDIA_ATTACK_REPLAY, //!< re-sends an exact copy after the original
    MEDIA_ATTACK_TAMPER, //!< sends a copy with the sequence moved ahead and one bit flipped
};

/**
 * \brief Watches the transmissions of one router device (SetDevice) for UDP datagrams to
 * VictimAddress:VictimPort and, for the first Count of them after Skip, sends a replayed or
 * tampered copy to the victim from the router. SRTP must reject every injected packet;
 * plain RTP accepts them.
 */
class MediaAttackerApplication : public Application
{
  public:
    /** \return the TypeId */
    static TypeId GetTypeId();

    /** \brief The router device whose transmissions are watched (towards the victim). */
    void SetDevice(Ptr<NetDevice> device);
    /** \return packets injected */
    uint32_t GetInjected() const;

  protected:
    void DoDispose() override;
    void StartApplication() override;
    void StopApplication() override;

  private:
    /** \brief MacTx trace sink of the watched device. */
    void Sniff(Ptr<const Packet> packet);
    /** \brief Sends one attack copy. */
    void Inject(std::vector<uint8_t> payload);

    Ptr<NetDevice> m_device;    //!< watched device
    Ptr<Socket> m_socket;       //!< injection socket
    Ipv4Address m_victim;       //!< victim address
    uint16_t m_victimPort;      //!< victim media port
    MediaAttack m_attack;       //!< replay or tamper
    uint32_t m_skip;            //!< media packets left alone first
    uint32_t m_count;           //!< copies to inject
    uint32_t m_seen = 0;        //!< media packets seen
    uint32_t m_injected = 0;    //!< copies injected
};

} // namespace ims
} // namespace ns3

#endif
