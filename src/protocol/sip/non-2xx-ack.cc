#include "non-2xx-ack.h"

namespace mediasec
{
namespace sip
{

SipMessage
MakeNon2xxAck(const SipMessage& response, const std::string& requestUri)
{
    SipMessage ack = SipMessage::MakeRequest("ACK", requestUri);
    ack.AddHeader("Via", response.GetHeader("Via").value_or(""));
    ack.AddHeader("Max-Forwards", "70");
    for (const char* name : {"From", "To", "Call-ID"})
    {
        ack.AddHeader(name, response.GetHeader(name).value_or(""));
    }
    ack.AddHeader("CSeq", "1 ACK");
    return ack;
}

} // namespace sip
} // namespace mediasec
