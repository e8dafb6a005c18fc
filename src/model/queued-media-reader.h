/**
 * \file
 * How a media relay takes packets off its socket: each one either at once or as a job of the
 * node's FIFO server, so a per-packet cost shows up as queueing delay (DESIGN section 4).
 */
#ifndef IMS_QUEUED_MEDIA_READER_H
#define IMS_QUEUED_MEDIA_READER_H

#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"
#include "ns3/socket.h"
#include "processing-queue.h"
#include "protocol/common/bytes.h"

#include <functional>

namespace ns3
{
namespace ims
{

/** \brief What a relay does with one packet (in \p packet) that arrived from \p source. */
using MediaPacketHandler = std::function<void(mediasec::Bytes& packet, Ipv4Address source)>;

/**
 * \brief Reads every datagram waiting on \p socket and hands it to \p handle, copied into
 * \p buffer: at once when \p serviceTime is zero, otherwise when a job of \p serviceTime
 * submitted to \p queue completes. \p buffer and \p queue must outlive the queued jobs.
 */
void ReadMediaThroughQueue(Ptr<Socket> socket, ProcessingQueue& queue, Time serviceTime,
                           mediasec::Bytes& buffer, const MediaPacketHandler& handle);

} // namespace ims
} // namespace ns3

#endif
