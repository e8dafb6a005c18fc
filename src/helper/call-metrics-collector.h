/**
 * \file
 * Collects the trace sources of a run into per-call rows, key custody and run metrics.
 */
#ifndef IMS_CALL_METRICS_COLLECTOR_H
#define IMS_CALL_METRICS_COLLECTOR_H

#include "ims-network-helper.h"

#include "model/ue-call-record.h"

#include <cstdint>
#include <map>
#include <ostream>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{
namespace ims
{

/** \brief Messages and bytes seen on one interface. */
struct InterfaceLoad
{
    uint64_t messages = 0; //!< messages
    uint64_t bytes = 0;    //!< UDP payload bytes
};

/** \brief A key-log line: one SRTP stream. */
struct KeyLogEntry
{
    std::string callId;  //!< Call-ID
    std::string stream;  //!< "<ue>:tx" or "<ue>:rx"
    std::string suite;   //!< suite name
    std::string keySalt; //!< base64 master key || salt
    uint32_t ssrc;       //!< SSRC
};

/**
 * \brief The records of one call: the caller, the callee whose dialog the caller kept, and the
 * other devices a forked INVITE reached.
 */
struct CallView
{
    const UeCallRecord* caller = nullptr;             //!< the UE that sent the INVITE
    const UeCallRecord* callee = nullptr;             //!< the answering device kept
    std::vector<const UeCallRecord*> otherForks;      //!< cancelled or released devices
};

/** \return the view of one call's records (callee chosen by the dialog tag) */
CallView ViewOf(const std::vector<UeCallRecord>& records);

/**
 * \brief Connects to every function of an ImsNetworkHelper and keeps what the outputs need:
 * the UEs' call records, SIP/Iq/Ua messages per call and interface (counted at the sender;
 * Iq and Ua replies where they arrive, since the IMS-AGW and the KMS do not know the call), the set of nodes that
 * reported holding each media key (KeyHeld traces of the code that held it), and the key log.
 */
class CallMetricsCollector
{
  public:
    /** \brief Connects the trace sources of all functions built by \p network. */
    void Attach(const ImsNetworkHelper& network);

    /** \brief Writes calls.csv: one row per call (caller and callee views joined). */
    void WriteCallsCsv(std::ostream& out) const;
    /** \brief Writes the key log: "call_id stream suite ssrc key_salt_b64" per SRTP stream. */
    void WriteKeyLog(std::ostream& out) const;

    /** \return the caller and callee records of every call seen, by Call-ID */
    const std::map<std::string, std::vector<UeCallRecord>>& GetCalls() const;
    /**
     * \return the sorted labels of nodes that held the key with \p fingerprint, or a key it
     * derives from with public inputs only (a ticket's TGK' or MPKi)
     */
    std::set<std::string> HoldersOf(const std::string& fingerprint) const;
    /** \return messages and bytes of \p callId on \p interfaceName */
    InterfaceLoad LoadOf(const std::string& callId, const std::string& interfaceName) const;
    /** \return interface names seen, sorted */
    std::set<std::string> Interfaces() const;
    /** \return the voice-mail messages the recipients retrieved, in order */
    const std::vector<RetrievedMessage>& GetRetrievedMessages() const;

  private:
    /** \brief Records a retrieved voice-mail message. */
    void OnVoiceMailRetrieved(const RetrievedMessage& message);
    void OnCallCompleted(const UeCallRecord& record);
    void OnMessage(const std::string& callId, const std::string& interfaceName,
                   const std::string& summary, uint32_t bytes);
    /** \brief Counts Iq and Ua replies where they arrive (their servers know no Call-ID). */
    void OnReplyWithoutCallState(const std::string& callId, const std::string& interfaceName,
                   const std::string& summary, uint32_t bytes);
    void OnKeyHeld(const std::string& callId, const std::string& fingerprint,
                   const std::string& label);
    /** \brief Records that the media key \p fingerprint derives from \p rootFingerprint. */
    void OnKeyDerived(const std::string& callId, const std::string& rootFingerprint,
                      const std::string& fingerprint);
    void OnKeyLog(const std::string& callId, const std::string& stream, const std::string& suite,
                  const std::string& keySalt, uint32_t ssrc);

    std::map<std::string, std::vector<UeCallRecord>> m_calls;        //!< Call-ID -> records
    std::map<std::pair<std::string, std::string>, InterfaceLoad> m_load; //!< (call, if) -> load
    std::map<std::string, std::set<std::string>> m_holders;          //!< key -> labels
    std::map<std::string, std::set<std::string>> m_roots;            //!< key -> its root keys
    std::vector<KeyLogEntry> m_keyLog;                                //!< SRTP streams
    std::set<std::string> m_loggedKeys;                               //!< dedup of the key log
    std::vector<RetrievedMessage> m_retrieved;                        //!< deferred delivery
};

/** \return "a;b;c" of a set */
std::string JoinLabels(const std::set<std::string>& labels);

} // namespace ims
} // namespace ns3

#endif
