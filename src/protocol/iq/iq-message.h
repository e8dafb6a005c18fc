/**
 * \file
 * The Iq reference point (TS 33.328 e2ae: the P-CSCF programs the IMS Access Gateway; Iq is
 * H.248, TS 29.334) as a subset of the H.248.1 text encoding (RFC 3525 Annex B): one transaction
 * per message, one context, Add or Subtract commands, one stream whose Local and Remote
 * descriptors carry SDP (with its a=crypto lines) as opaque text.
 *
 * The text is pretty printed like the RFC 3525 examples, except that the "}" closing a
 * Local/Remote descriptor starts its own line: Wireshark's MEGACO dissector hands everything
 * before that "}" to its SDP dissector, which flags an indented "}" as an invalid SDP line.
 */
#ifndef MEDIASEC_IQ_MESSAGE_H
#define MEDIASEC_IQ_MESSAGE_H

#include "protocol/common/result.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mediasec
{
namespace iq
{

/** \brief Largest accepted Iq message (UDP datagram payload), in bytes. */
constexpr size_t kMaxIqMessageSize = 64 * 1024;
/** \brief Most terminations (commands) accepted in one message. */
constexpr size_t kMaxIqTerminations = 16;
/** \brief Most terminations in one Add transaction (the two sides of an e2ae call leg). */
constexpr size_t kMaxIqAddTerminations = 2;
/** \brief The H.248 text port registered for MEGACO (RFC 3525 D.1). */
constexpr uint16_t kIqTextPort = 2944;

/** \brief One termination of an Iq command and the SDP of its single stream. */
struct IqTermination
{
    std::string terminationId; //!< pathNAME such as "ipt/ue1", or "$" (MG chooses; Add only)
    std::string localSdp{};    //!< Local descriptor SDP (CRLF lines), empty when absent
    std::string remoteSdp{};   //!< Remote descriptor SDP (CRLF lines), empty when absent
};

/** \brief The commands of the subset. */
enum class IqCommand
{
    Add,      //!< Add terminations to a context (creates it when the context is '$')
    Subtract, //!< Subtract terminations from a context (the last one deletes it)
};

/** \brief An Iq transaction request: one context, 1..2 Adds or 1..16 Subtracts. */
struct IqRequest
{
    uint32_t transactionId = 0;              //!< TransactionID
    std::string mid;                         //!< sender mId, e.g. "[10.1.2.3]:2944"
    IqCommand command = IqCommand::Add;      //!< the command applied to every termination
    uint32_t contextId = 0;                  //!< 0 = '$' CHOOSE (Add only); else a ContextID
    std::vector<IqTermination> terminations; //!< Add: 1..2 (ids, '$' allowed, SDP); Subtract:
                                             //!< 1..16 (ids only, SDP ignored)
};

/** \brief An Iq transaction reply: the context and terminations, or an error descriptor. */
struct IqReply
{
    uint32_t transactionId = 0;              //!< TransactionID of the request
    std::string mid;                         //!< sender mId
    uint32_t contextId = 0;                  //!< ContextID; 0 is written as '-' (null context)
    std::vector<std::string> terminationIds; //!< one "Add = id"/"Subtract = id" reply each
    uint16_t errorCode = 0;                  //!< 0 = success; else 1..9999 (H.248.8 codes)
    std::string errorText{};                 //!< error text, without double quotes
    IqCommand command = IqCommand::Add;      //!< the command the terminationIds answer
};

/** \return true when id and both SDPs are equal. */
bool operator==(const IqTermination& a, const IqTermination& b);
/** \return true when every field is equal. */
bool operator==(const IqRequest& a, const IqRequest& b);
/** \return true when every field is equal. */
bool operator==(const IqReply& a, const IqReply& b);

/**
 * \brief Formats \p request as H.248 text, "MEGACO/1 <mid>" then "Transaction = id { Context =
 * id { Add = tid { Media { Stream = 1 { LocalControl { Mode = SendReceive }, Local { sdp },
 * Remote { sdp } } } }, ... } }". SDP lines end in CRLF, "}" in SDP is escaped as "\}". The
 * caller provides a valid mId and TerminationIDs and a non-zero context for Subtract.
 */
std::string FormatIqRequest(const IqRequest& request);

/**
 * \brief Parses an Iq request. SDP is returned with each line trimmed of leading whitespace
 * (the descriptor indentation), blank lines dropped, every line ending in CRLF.
 *
 * Errors: TooLarge over kMaxIqMessageSize bytes or kMaxIqTerminations terminations; Truncated
 * when the text ends early; Malformed on syntax errors, duplicate descriptors or a CHOOSE
 * context/termination where not allowed; OutOfRange for numbers beyond their field, a reserved
 * ContextID or more than kMaxIqAddTerminations Adds; Unsupported for valid H.248 outside the
 * subset (other commands and descriptors, several transactions or contexts, stream modes other
 * than SendReceive, streams other than 1, authentication headers, segmentation).
 */
Result<IqRequest> ParseIqRequest(std::string_view text);

/**
 * \brief Formats \p reply: "Reply = id { Context = id { Add = tid, ... [, Error = code {"text"}]
 * } }", or "Reply = id { Error = code {"text"} }" for an error with neither context nor
 * terminations. The caller keeps errorCode <= 9999; '"' and control characters in errorText are
 * written as '\''.
 */
std::string FormatIqReply(const IqReply& reply);

/** \brief Parses an Iq reply; the errors are those of ParseIqRequest. */
Result<IqReply> ParseIqReply(std::string_view text);

} // namespace iq
} // namespace mediasec

#endif
