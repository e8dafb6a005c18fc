// The SGW's control texts towards the PSTN MGW and terminal (doc/otway-rees-e2m.md).
#include "model/pstn-control-message.h"

#include <gtest/gtest.h>

#include <string>

namespace ims_test
{
namespace
{

using ns3::ims::FormatPstnControl;
using ns3::ims::ParsePstnControl;
using ns3::ims::PstnCommand;
using ns3::ims::PstnControlMessage;

mediasec::Bytes
Text(const std::string& text)
{
    return mediasec::Bytes(text.begin(), text.end());
}

TEST(PstnControlMessage, GivenAPush_WhenFormattedAndParsed_ThenEveryFieldAndTheKeyPushSurvive)
{
    PstnControlMessage push;
    push.command = PstnCommand::Push;
    push.callId = "c1@ims.test";
    push.firstAddress = "10.9.1.1";
    push.firstPort = 40000;
    push.secondAddress = "10.9.5.1";
    push.secondPort = 30000;
    push.keyPush = {0x01, 0x06, 0x0a, 0x00, 0xff};
    const auto datagram = FormatPstnControl(push);
    const std::string line = "PUSH c1@ims.test 10.9.1.1:40000 10.9.5.1:30000\n";
    ASSERT_EQ(datagram.size(), line.size() + push.keyPush.size());
    EXPECT_EQ(std::string(datagram.begin(), datagram.begin() + line.size()), line);
    auto parsed = ParsePstnControl(datagram);
    ASSERT_TRUE(parsed) << parsed.GetError().ToString();
    EXPECT_EQ(parsed.Value().callId, push.callId);
    EXPECT_EQ(parsed.Value().firstAddress, push.firstAddress);
    EXPECT_EQ(parsed.Value().firstPort, push.firstPort);
    EXPECT_EQ(parsed.Value().secondAddress, push.secondAddress);
    EXPECT_EQ(parsed.Value().secondPort, push.secondPort);
    EXPECT_EQ(parsed.Value().keyPush, push.keyPush);
}

TEST(PstnControlMessage, GivenSetupAndClear_WhenParsed_ThenCommandsAndEndpointAreRead)
{
    auto setup = ParsePstnControl(Text("IAM c2 10.9.4.1:20000\n"));
    ASSERT_TRUE(setup);
    EXPECT_EQ(setup.Value().command, PstnCommand::Setup);
    EXPECT_EQ(setup.Value().firstPort, 20000);
    auto clear = ParsePstnControl(Text("REL c2\n"));
    ASSERT_TRUE(clear);
    EXPECT_EQ(clear.Value().command, PstnCommand::Clear);
    EXPECT_EQ(FormatPstnControl(clear.Value()), Text("REL c2\n"));
}

TEST(PstnControlMessage, GivenARelay_WhenFormattedAndParsed_ThenItIsOneLineWithBothEndpoints)
{
    PstnControlMessage relay;
    relay.command = PstnCommand::Relay;
    relay.callId = "c3@ims.test";
    relay.firstAddress = "10.9.1.1";
    relay.firstPort = 40000;
    relay.secondAddress = "10.9.5.1";
    relay.secondPort = 30000;
    const auto datagram = FormatPstnControl(relay);
    EXPECT_EQ(datagram, Text("RELAY c3@ims.test 10.9.1.1:40000 10.9.5.1:30000\n"));
    auto parsed = ParsePstnControl(datagram);
    ASSERT_TRUE(parsed) << parsed.GetError().ToString();
    EXPECT_EQ(parsed.Value().command, PstnCommand::Relay);
    EXPECT_EQ(parsed.Value().callId, relay.callId);
    EXPECT_EQ(parsed.Value().firstAddress, relay.firstAddress);
    EXPECT_EQ(parsed.Value().firstPort, relay.firstPort);
    EXPECT_EQ(parsed.Value().secondAddress, relay.secondAddress);
    EXPECT_EQ(parsed.Value().secondPort, relay.secondPort);
    EXPECT_TRUE(parsed.Value().keyPush.empty());
}

TEST(PstnControlMessage, GivenBadRelays_WhenParsed_ThenTheyAreMalformed)
{
    // A relay carries no key: bytes after the line are refused, as are missing endpoints.
    EXPECT_EQ(ParsePstnControl(Text("RELAY c3 10.0.0.1:1 10.0.0.2:2\nkey")).GetError().code,
              mediasec::Errc::Malformed);
    EXPECT_EQ(ParsePstnControl(Text("RELAY c3 10.0.0.1:1\n")).GetError().code,
              mediasec::Errc::Malformed);
    EXPECT_EQ(ParsePstnControl(Text("RELAY c3 10.0.0.1:1 10.0.0.2:0\n")).GetError().code,
              mediasec::Errc::Malformed);
}

TEST(PstnControlMessage, GivenBadDatagrams_WhenParsed_ThenTypedErrorsNameTheProblem)
{
    EXPECT_EQ(ParsePstnControl(Text("RELEASE c1")).GetError().code, mediasec::Errc::Malformed);
    EXPECT_EQ(ParsePstnControl(Text("HELLO c1\n")).GetError().code, mediasec::Errc::Malformed);
    EXPECT_EQ(ParsePstnControl(Text("IAM c1\n")).GetError().code, mediasec::Errc::Malformed);
    EXPECT_EQ(ParsePstnControl(Text("IAM c1 10.0.0.1:70000\n")).GetError().code,
              mediasec::Errc::Malformed);
    EXPECT_EQ(ParsePstnControl(Text("IAM c1 10.0.0.1:\n")).GetError().code,
              mediasec::Errc::Malformed);
    EXPECT_EQ(ParsePstnControl(Text("PUSH c1 10.0.0.1:1 10.0.0.2:2\n")).GetError().code,
              mediasec::Errc::MissingField);
    EXPECT_EQ(ParsePstnControl(Text("REL c1\nextra")).GetError().code, mediasec::Errc::Malformed);
    EXPECT_EQ(ParsePstnControl(mediasec::Bytes(9000, 'A')).GetError().code,
              mediasec::Errc::TooLarge);
}

} // namespace
} // namespace ims_test
