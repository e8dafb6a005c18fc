// Requests inside a dialog (RFC 3261 12.2.1.1).
#include "protocol/sip/in-dialog-request.h"

#include <gtest/gtest.h>

namespace
{

using mediasec::sip::SipMessage;

TEST(InDialogRequest, GivenADialog_WhenAByeIsBuilt_ThenTargetTagsAndCSeqComeFromTheDialog)
{
    const mediasec::sip::DialogAddress dialog{"c1@a", "sip:alice@ims.example.com",
                                              "t1",   "sip:bob@ims.example.com",
                                              "t2",   "sip:bob@10.0.0.2:5060"};
    const mediasec::sip::Via via{"UDP", "10.0.0.1", 5060, "z9hG4bKabc", {}};
    const SipMessage bye = mediasec::sip::MakeInDialogRequest("BYE", dialog, via, 3);
    EXPECT_EQ(bye.Format(), "BYE sip:bob@10.0.0.2:5060 SIP/2.0\r\n"
                            "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKabc\r\n"
                            "Max-Forwards: 70\r\n"
                            "From: <sip:alice@ims.example.com>;tag=t1\r\n"
                            "To: <sip:bob@ims.example.com>;tag=t2\r\n"
                            "Call-ID: c1@a\r\n"
                            "CSeq: 3 BYE\r\n"
                            "Content-Length: 0\r\n\r\n");
}

} // namespace
