/**
 * \file
 * The socket plumbing every network function shares: one bound UDP socket per role,
 * datagrams as text, orderly close.
 */
#ifndef IMS_UDP_ENDPOINT_H
#define IMS_UDP_ENDPOINT_H

#include "ns3/callback.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/socket.h"

#include <string>

namespace ns3
{
namespace ims
{

/** \return a UDP socket of \p node bound to \p port on any address, delivering to \p onRead */
Ptr<Socket> OpenUdpSocket(Ptr<Node> node, uint16_t port, Callback<void, Ptr<Socket>> onRead);

/** \brief Stops delivery and closes \p socket, UDP or TCP (no-op for a null socket). */
void CloseSocket(Ptr<Socket> socket);

/** \return the payload of \p packet as a string (text protocols: SIP, Iq) */
std::string PacketText(Ptr<const Packet> packet);

/** \return a packet carrying the bytes of \p text */
Ptr<Packet> TextPacket(const std::string& text);

} // namespace ims
} // namespace ns3

#endif
