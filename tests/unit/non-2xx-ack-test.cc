// The ACK of a non-2xx final response to an INVITE (RFC 3261 17.1.1.3).
#include "protocol/sip/non-2xx-ack.h"

#include <gtest/gtest.h>

namespace
{

using mediasec::sip::SipMessage;

TEST(Non2xxAck, GivenA486_WhenAcked_ThenViaFromToAndCallIdAreTheResponsesAndCSeqIsAck)
{
    SipMessage busy = SipMessage::MakeResponse(486, "Busy Here");
    busy.AddHeader("Via", "SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKinv");
    busy.AddHeader("From", "<sip:alice@ims.example.com>;tag=t1");
    busy.AddHeader("To", "<sip:bob@ims.example.com>;tag=t9");
    busy.AddHeader("Call-ID", "c1@a");
    busy.AddHeader("CSeq", "1 INVITE");
    const SipMessage ack = mediasec::sip::MakeNon2xxAck(busy, "sip:bob@ims.example.com");
    EXPECT_EQ(ack.Method(), "ACK");
    EXPECT_EQ(ack.RequestUri(), "sip:bob@ims.example.com");
    EXPECT_EQ(ack.GetHeader("Via"), busy.GetHeader("Via"));
    EXPECT_EQ(ack.GetHeader("From"), busy.GetHeader("From"));
    EXPECT_EQ(ack.GetHeader("To"), busy.GetHeader("To"));
    EXPECT_EQ(ack.GetHeader("Call-ID"), busy.GetHeader("Call-ID"));
    EXPECT_EQ(ack.GetHeader("CSeq"), "1 ACK");
    EXPECT_EQ(ack.GetHeader("Max-Forwards"), "70");
}

} // namespace
