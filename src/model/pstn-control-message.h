/**
 * \file
 * The text control messages of the PSTN side of the end-to-middle model
 * (doc/otway-rees-e2m.md): SGW -> MGW over the Ksm link (a key push with the call's media
 * endpoints, a keyless relay for a plain RTP call, a release) and SGW -> PSTN terminal (an
 * ISUP-like call set-up and release).
 */
#ifndef IMS_PSTN_CONTROL_MESSAGE_H
#define IMS_PSTN_CONTROL_MESSAGE_H

#include "ns3/packet.h"
#include "ns3/ptr.h"
#include "protocol/common/bytes.h"
#include "protocol/common/result.h"

#include <cstdint>
#include <string>

namespace ns3
{
namespace ims
{

/** \brief UDP port of the MGW's control interface (key pushes and releases from the SGW). */
constexpr uint16_t kMgwControlPort = 2946;
/** \brief UDP port of the MGW's media (SRTP from the UE, RTP from the PSTN terminal). */
constexpr uint16_t kMgwMediaPort = 20000;
/** \brief UDP port of the PSTN terminal's signalling (IAM / REL from the SGW). */
constexpr uint16_t kPstnSignallingPort = 2905;
/** \brief UDP port of the PSTN terminal's RTP. */
constexpr uint16_t kPstnMediaPort = 30000;

/** \brief What a PSTN control message asks for. */
enum class PstnCommand
{
    Push,    //!< SGW -> MGW: install the keys of a call ("PUSH")
    Relay,   //!< SGW -> MGW: relay a plain RTP call unchanged, no keys ("RELAY")
    Release, //!< SGW -> MGW: free a call ("RELEASE")
    Setup,   //!< SGW -> terminal: a call is up, stream to the MGW ("IAM")
    Clear,   //!< SGW -> terminal: the call ended ("REL")
};

/**
 * \brief One control message. Text form: a line "<COMMAND> <call-id>[ <ip>:<port>[ <ip>:<port>]]"
 * ending in LF, then (Push only) the binary KeyPush message:
 * - PUSH <call-id> <ue-ip>:<ue-port> <terminal-ip>:<terminal-port>\\n<KeyPush bytes>
 * - RELAY <call-id> <ue-ip>:<ue-port> <terminal-ip>:<terminal-port>\\n
 * - RELEASE <call-id>\\n
 * - IAM <call-id> <mgw-ip>:<mgw-port>\\n
 * - REL <call-id>\\n
 */
struct PstnControlMessage
{
    PstnCommand command = PstnCommand::Release; //!< what to do
    std::string callId;                         //!< SIP Call-ID of the call
    std::string firstAddress;                   //!< Push, Relay: UE media; Setup: MGW media
    uint16_t firstPort = 0;                     //!< port of firstAddress
    std::string secondAddress;                  //!< Push, Relay: terminal media
    uint16_t secondPort = 0;                    //!< port of secondAddress
    mediasec::Bytes keyPush;                    //!< Push: the KeyPush message (Ksm-sealed)
};

/** \return the datagram of \p message */
mediasec::Bytes FormatPstnControl(const PstnControlMessage& message);

/**
 * \return the message; Malformed for an unknown command, a missing LF, a wrong number of
 * words or a bad "ip:port", MissingField for a Push without KeyPush bytes, TooLarge above
 * 8192 bytes
 */
mediasec::Result<PstnControlMessage> ParsePstnControl(const mediasec::Bytes& datagram);

/** \return the message carried by \p packet (as ParsePstnControl of its bytes) */
mediasec::Result<PstnControlMessage> ParsePstnControl(Ptr<const Packet> packet);

} // namespace ims
} // namespace ns3

#endif
