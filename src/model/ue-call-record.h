/**
 * \file
 * What one UE observed of one call: the per-call outputs of the model.
 */
#ifndef IMS_UE_CALL_RECORD_H
#define IMS_UE_CALL_RECORD_H

#include "ns3/nstime.h"

#include <cstdint>
#include <string>

namespace ns3
{
namespace ims
{

/** \brief One UE's view of one call, reported by the CallCompleted trace when it ends. */
struct UeCallRecord
{
    std::string callId;          //!< SIP Call-ID
    std::string ue;              //!< this UE's label
    std::string peer;            //!< the other party's public identity
    bool caller = false;         //!< this UE sent the INVITE
    std::string dialogTag;       //!< the callee's To tag: identifies the dialog when forked
    uint32_t forkedDialogsReleased = 0; //!< caller: extra 2xx from other forks, ACKed and BYEd
    std::string outcome;         //!< "completed", "rejected-<code>", "timeout", "no-keys",
                                 //!< "kms-refused", "kms-unreachable"
    uint32_t kmsStalls = 0;      //!< Ua requests that found the KMS unresponsive (failover)
    std::string suite;           //!< SRTP suite, "" for plain RTP
    bool e2aeIndicated = false;  //!< the network confirmed/offered e2ae (a=3ge2ae:applied)
    bool deferred = false;       //!< caller: a voice-mail server answered (deferred delivery)
    Time inviteTime;             //!< INVITE sent (caller) or received (callee)
    Time answerTime;             //!< 200 OK received (caller) or sent (callee)
    Time keysReadyTime;          //!< both SRTP contexts installed (or plain media ready)
    Time endTime;                //!< BYE completed
    std::string txKey;           //!< fingerprint of the key this UE sends with
    std::string rxKey;           //!< fingerprint of the key this UE receives with
    uint64_t mediaSent = 0;      //!< RTP packets sent
    uint64_t mediaReceived = 0;  //!< RTP packets received and accepted
    uint64_t mediaReceivedConverted = 0; //!< of those, another PT than it sends (transcoded)
    uint64_t srtpProtected = 0;  //!< packets protected by SRTP
    uint64_t srtpUnprotected = 0; //!< packets that passed SRTP checks
    uint64_t srtpRejectedAuth = 0;   //!< packets that failed authentication
    uint64_t srtpRejectedReplay = 0; //!< packets rejected as replays
    uint64_t payloadCorrupt = 0;     //!< accepted packets whose payload was not what was sent
    int64_t mediaDelaySumNs = 0;     //!< sum of one-way delays of received packets
    int64_t mediaDelayMaxNs = 0;     //!< largest one-way delay
};

} // namespace ims
} // namespace ns3

#endif
