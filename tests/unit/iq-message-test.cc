// Iq (H.248.1 text subset, RFC 3525 Annex B) requests and replies: exact shape, round trips,
// compact and commented input, and typed errors on truncation, garbage and out-of-subset H.248.
//
// Wireshark check. The formatted messages were first checked by hand: each was written as the
// payload of a UDP datagram (Ethernet/IPv4/UDP, port 2944) into a pcap by a 20-line python3
// script and dissected with tshark 4.0.17:
//   tshark -r iq.pcap -d udp.port==2944,megaco -V
//   tshark -r iq.pcap -d udp.port==2944,megaco -Y '_ws.malformed || _ws.expert'   (no output)
// It decoded Transaction/Reply ids, Context ($ = "Choose one"), Add/Subtract, TerminationIDs,
// Mode, the Local/Remote SDP (sdp.crypto.master_key from the a=crypto lines) and the error
// descriptors (421, 500) with no malformed or expert items. That check found that an indented
// "}" after the SDP is handed to the SDP dissector as an invalid line (an expert note of group
// Malformed), so the descriptor's "}" starts its own line. An escaped "\}" inside SDP (valid per
// the ABNF octetString) does confuse the dissector; real SDP has no "}". The test
// GivenFormattedIqMessages_WhenDissectedByTshark_ThenNoMalformedOrExpertItems repeats the check
// automatically whenever tshark is installed (it is skipped otherwise).
#include "protocol/iq/iq-message.h"

#include "common/run-command.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <memory>

namespace mediasec
{
namespace iq
{
namespace
{

const char kUeSdp[] = "v=0\r\n"
                      "o=- 1 1 IN IP4 10.0.0.1\r\n"
                      "s=-\r\n"
                      "c=IN IP4 10.0.0.1\r\n"
                      "t=0 0\r\n"
                      "m=audio 4000 RTP/SAVP 0\r\n"
                      "a=crypto:1 AES_CM_128_HMAC_SHA1_80 "
                      "inline:d0RmdmcmVCspeEc3QGZiNWpVLFJhQX1cfHAwJSoj|2^20|1:32\r\n";
const char kAgwSdp[] = "v=0\r\n"
                       "o=- 2 1 IN IP4 10.1.2.4\r\n"
                       "s=-\r\n"
                       "c=IN IP4 10.1.2.4\r\n"
                       "t=0 0\r\n"
                       "m=audio 5000 RTP/SAVP 0\r\n"
                       "a=crypto:1 AES_CM_128_HMAC_SHA1_80 "
                       "inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:4\r\n";
const char kCoreSdp[] = "v=0\r\n"
                        "o=- 3 1 IN IP4 10.2.0.1\r\n"
                        "s=-\r\n"
                        "c=IN IP4 10.2.0.1\r\n"
                        "t=0 0\r\n"
                        "m=audio 6000 RTP/AVP 0\r\n";

IqRequest
E2aeAdd()
{
    return IqRequest{7,
                     "[10.1.2.3]:2944",
                     IqCommand::Add,
                     0,
                     {{"$", kAgwSdp, kUeSdp}, {"ipt/core1", kCoreSdp, kCoreSdp}}};
}

IqRequest
E2aeSubtract()
{
    return IqRequest{8,
                     "<pcscf.example.net>:2944",
                     IqCommand::Subtract,
                     5,
                     {{"ipt/ue7", "", ""}, {"ipt/core1", "", ""}}};
}

IqReply
AddReply()
{
    return IqReply{7, "[10.1.2.4]:2944", 5, {"ipt/ue7", "ipt/core1"}};
}

IqReply
TransactionErrorReply()
{
    return IqReply{
        9, "[10.1.2.4]:2944", 0, {}, 421, "Unknown action or illegal combination of actions"};
}

IqReply
ContextErrorReply()
{
    return IqReply{10,
                   "[10.1.2.4]:2944",
                   5,
                   {"ipt/ue7"},
                   500,
                   "Internal software failure",
                   IqCommand::Subtract};
}

TEST(IqMessage, GivenSmallAddRequest_WhenFormatted_ThenRfc3525ShapeWithSdpAtColumnZero)
{
    IqRequest request{3, "[10.1.2.3]:2944", IqCommand::Add, 0, {{"$", "v=0\r\ns=-\r\n", ""}}};
    EXPECT_EQ(FormatIqRequest(request), "MEGACO/1 [10.1.2.3]:2944\r\n"
                                        "Transaction = 3 {\r\n"
                                        "  Context = $ {\r\n"
                                        "    Add = $ {\r\n"
                                        "      Media { Stream = 1 {\r\n"
                                        "        LocalControl { Mode = SendReceive },\r\n"
                                        "        Local {\r\n"
                                        "v=0\r\n"
                                        "s=-\r\n"
                                        "} } }\r\n"
                                        "    }\r\n"
                                        "  }\r\n"
                                        "}\r\n");
}

TEST(IqMessage, GivenAddReply_WhenFormatted_ThenOneAddPerTerminationInTheContext)
{
    EXPECT_EQ(FormatIqReply(AddReply()), "MEGACO/1 [10.1.2.4]:2944\r\n"
                                         "Reply = 7 {\r\n"
                                         "  Context = 5 {\r\n"
                                         "    Add = ipt/ue7,\r\n"
                                         "    Add = ipt/core1\r\n"
                                         "  }\r\n"
                                         "}\r\n");
}

TEST(IqMessage, GivenErrorWithoutContext_WhenFormatted_ThenTransactionLevelErrorDescriptor)
{
    EXPECT_EQ(FormatIqReply(TransactionErrorReply()),
              "MEGACO/1 [10.1.2.4]:2944\r\n"
              "Reply = 9 {\r\n"
              "  Error = 421 {\"Unknown action or illegal combination of actions\"}\r\n"
              "}\r\n");
}

TEST(IqMessage, GivenE2aeAddRequest_WhenFormattedAndParsed_ThenEqual)
{
    auto parsed = ParseIqRequest(FormatIqRequest(E2aeAdd()));
    ASSERT_TRUE(parsed.IsOk()) << parsed.GetError().ToString();
    EXPECT_TRUE(parsed.Value() == E2aeAdd());
    EXPECT_EQ(parsed.Value().terminations[1].remoteSdp, kCoreSdp);
}

TEST(IqMessage, GivenSubtractRequest_WhenFormattedAndParsed_ThenEqual)
{
    auto parsed = ParseIqRequest(FormatIqRequest(E2aeSubtract()));
    ASSERT_TRUE(parsed.IsOk()) << parsed.GetError().ToString();
    EXPECT_TRUE(parsed.Value() == E2aeSubtract());
}

TEST(IqMessage, GivenReplies_WhenFormattedAndParsed_ThenEqual)
{
    const IqReply replies[] = {AddReply(),
                               TransactionErrorReply(),
                               ContextErrorReply(),
                               IqReply{11, "[::1]:2944", 0, {"ipt/a"}},
                               IqReply{12, "[10.1.2.4]", 77, {}},
                               IqReply{13, "[10.1.2.4]", 78, {}, 510, ""}};
    for (const IqReply& reply : replies)
    {
        auto parsed = ParseIqReply(FormatIqReply(reply));
        ASSERT_TRUE(parsed.IsOk()) << FormatIqReply(reply) << parsed.GetError().ToString();
        EXPECT_TRUE(parsed.Value() == reply) << FormatIqReply(reply);
    }
}

TEST(IqMessage, GivenFormattedText_WhenParsedAndFormattedAgain_ThenByteIdentical)
{
    std::string request = FormatIqRequest(E2aeAdd());
    EXPECT_EQ(FormatIqRequest(ParseIqRequest(request).Value()), request);
    std::string reply = FormatIqReply(ContextErrorReply());
    EXPECT_EQ(FormatIqReply(ParseIqReply(reply).Value()), reply);
}

TEST(IqMessage, GivenRfc3525StyleIndentedSdpAndComments_WhenParsed_ThenSdpTrimmedToCrlfLines)
{
    const char text[] = "; Iq request, RFC 3525 example layout\n"
                        "MEGACO/1 [10.1.2.3]:2944\n"
                        "Transaction = 10002 {\n"
                        "   Context = 42 {\n"
                        "      Add = ipt/ue1 {\n"
                        "         Media { Stream = 1 {\n"
                        "               LocalControl { Mode = SendReceive }, ; in dB\n"
                        "               Local {\n"
                        "   v=0\n"
                        "   c=IN IP4 124.124.124.222\n"
                        "\n"
                        "   m=audio 2222 RTP/AVP 4\n"
                        "               }\n"
                        "         } }\n"
                        "      }\n"
                        "   }\n"
                        "}\n";
    auto parsed = ParseIqRequest(text);
    ASSERT_TRUE(parsed.IsOk()) << parsed.GetError().ToString();
    EXPECT_EQ(parsed.Value().transactionId, 10002u);
    EXPECT_EQ(parsed.Value().contextId, 42u);
    ASSERT_EQ(parsed.Value().terminations.size(), 1u);
    EXPECT_EQ(parsed.Value().terminations[0].terminationId, "ipt/ue1");
    EXPECT_EQ(parsed.Value().terminations[0].localSdp,
              "v=0\r\nc=IN IP4 124.124.124.222\r\nm=audio 2222 RTP/AVP 4\r\n");
    EXPECT_EQ(parsed.Value().terminations[0].remoteSdp, "");
}

TEST(IqMessage, GivenCompactShortTokens_WhenParsed_ThenSameAsLongForm)
{
    auto parsed = ParseIqRequest("!/1 <agw.example>:2944 t=9{c=${a=ipt/x{m{o{mo=sr},"
                                 "r{v=0\r\n}}},A=$}}");
    ASSERT_TRUE(parsed.IsOk()) << parsed.GetError().ToString();
    EXPECT_EQ(parsed.Value().mid, "<agw.example>:2944");
    EXPECT_EQ(parsed.Value().transactionId, 9u);
    ASSERT_EQ(parsed.Value().terminations.size(), 2u);
    EXPECT_EQ(parsed.Value().terminations[0].remoteSdp, "v=0\r\n");
    EXPECT_EQ(parsed.Value().terminations[1].terminationId, "$");
}

TEST(IqMessage, GivenSdpContainingBrace_WhenFormattedAndParsed_ThenEscapedAndRestored)
{
    IqRequest request{4, "[10.1.2.3]", IqCommand::Add, 9, {{"ipt/x", "v=0\r\ns=a}b\r\n", ""}}};
    std::string text = FormatIqRequest(request);
    EXPECT_NE(text.find("s=a\\}b"), std::string::npos);
    auto parsed = ParseIqRequest(text);
    ASSERT_TRUE(parsed.IsOk()) << parsed.GetError().ToString();
    EXPECT_EQ(parsed.Value().terminations[0].localSdp, "v=0\r\ns=a}b\r\n");
}

TEST(IqMessage, GivenEveryTruncationOfARequest_WhenParsed_ThenTruncated)
{
    std::string text = FormatIqRequest(E2aeAdd());
    size_t last = text.rfind('}');
    for (size_t cut = 0; cut <= last; ++cut)
    {
        auto parsed = ParseIqRequest(text.substr(0, cut));
        ASSERT_FALSE(parsed.IsOk()) << "cut at " << cut;
        EXPECT_EQ(parsed.GetError().code, Errc::Truncated)
            << "cut at " << cut << ": " << parsed.GetError().ToString();
    }
}

TEST(IqMessage, GivenEveryTruncationOfAReply_WhenParsed_ThenTruncated)
{
    for (const IqReply& reply : {AddReply(), TransactionErrorReply(), ContextErrorReply()})
    {
        std::string text = FormatIqReply(reply);
        size_t last = text.rfind('}');
        for (size_t cut = 0; cut <= last; ++cut)
        {
            auto parsed = ParseIqReply(text.substr(0, cut));
            ASSERT_FALSE(parsed.IsOk()) << "cut at " << cut;
            EXPECT_EQ(parsed.GetError().code, Errc::Truncated)
                << "cut at " << cut << ": " << parsed.GetError().ToString();
        }
    }
}

/** \brief A request or reply text the parser must reject with \c code. */
struct BadIq
{
    const char* name;     //!< test name suffix
    std::string text;     //!< message text
    bool reply;           //!< parse as a reply (else as a request)
    Errc code;            //!< expected category
    const char* mentions; //!< the detail must contain this
};

class IqMessageBadInput : public testing::TestWithParam<BadIq>
{
};

TEST_P(IqMessageBadInput, GivenBadOrOutOfSubsetText_WhenParsed_ThenTypedErrorNamingField)
{
    const BadIq& bad = GetParam();
    Error error{Errc::Malformed, ""};
    bool ok;
    if (bad.reply)
    {
        auto parsed = ParseIqReply(bad.text);
        ok = parsed.IsOk();
        error = ok ? error : parsed.GetError();
    }
    else
    {
        auto parsed = ParseIqRequest(bad.text);
        ok = parsed.IsOk();
        error = ok ? error : parsed.GetError();
    }
    ASSERT_FALSE(ok) << bad.text;
    EXPECT_EQ(error.code, bad.code) << error.ToString();
    EXPECT_NE(error.detail.find(bad.mentions), std::string::npos) << error.detail;
}

std::string
Request(const std::string& body, const std::string& context = "$")
{
    return "MEGACO/1 [10.1.2.3]:2944\r\nTransaction = 1 {\r\n  Context = " + context + " {\r\n" +
           body + "\r\n  }\r\n}\r\n";
}

std::string
Reply(const std::string& body)
{
    return "MEGACO/1 [10.1.2.4]:2944\r\nReply = 1 {\r\n" + body + "\r\n}\r\n";
}

std::string
Subtracts(int count)
{
    std::string body;
    for (int i = 0; i < count; ++i)
    {
        body += std::string(i ? ",\r\n" : "") + "    Subtract = ipt/t" + std::to_string(i);
    }
    return Request(body, "5");
}

const BadIq kBadIq[] = {
    {"Garbage", "GET / HTTP/1.1\r\n\r\n", false, Errc::Malformed, "MEGACO"},
    {"BinaryBytes", std::string("\x00\xff\x10\x80", 4), false, Errc::Malformed, "header"},
    {"Oversized", Request("    Add = $") + std::string(64 * 1024, ' '), false, Errc::TooLarge,
     "exceed"},
    {"SeventeenTerminations", Subtracts(17), false, Errc::TooLarge, "16"},
    {"ThreeAdds", Request("    Add = ipt/a,\r\n    Add = ipt/b,\r\n    Add = ipt/c"), false,
     Errc::OutOfRange, "Add"},
    {"VersionFour", "MEGACO/4 [10.1.2.3] T=1{C=${A=$}}", false, Errc::Unsupported, "version"},
    {"AuthenticationHeader", "AU=0x00000001:0x00000001:0x0011223344556677889900aa", false,
     Errc::Unsupported, "Authentication"},
    {"DeviceNameMid", "MEGACO/1 agw1 T=1{C=${A=$}}", false, Errc::Unsupported, "mId"},
    {"MissingSeparatorAfterVersion", "MEGACO/1[10.1.2.3] T=1{C=${A=$}}", false, Errc::Malformed,
     "separator"},
    {"TransactionIdAbove32Bits", "MEGACO/1 [10.1.2.3] T=4294967296{C=${A=$}}", false,
     Errc::OutOfRange, "TransactionID"},
    {"ReservedContextId", Request("    Add = ipt/a", "4294967295"), false, Errc::OutOfRange,
     "reserved"},
    {"NullContextInRequest", Request("    Add = ipt/a", "-"), false, Errc::Unsupported,
     "null context"},
    {"ModifyCommand", Request("    Modify = ipt/a"), false, Errc::Unsupported, "Modify"},
    {"OptionalCommandPrefix", Request("    O-Add = ipt/a"), false, Errc::Unsupported, "O"},
    {"UnknownCommand", Request("    Frobnicate = ipt/a"), false, Errc::Malformed, "Frobnicate"},
    {"MixedAddAndSubtract", Request("    Add = ipt/a,\r\n    Subtract = ipt/b", "5"), false,
     Errc::Unsupported, "mixed"},
    {"SubtractChoose", Request("    Subtract = $", "5"), false, Errc::Malformed, "CHOOSE"},
    {"SubtractInChooseContext", Request("    Subtract = ipt/a"), false, Errc::Malformed,
     "ContextID"},
    {"SubtractAudit", Request("    Subtract = ipt/a { Audit { } }", "5"), false, Errc::Unsupported,
     "audit"},
    {"TerminationIdAll", Request("    Add = *"), false, Errc::Unsupported, "ALL"},
    {"TerminationIdStartsWithDigit", Request("    Add = 1abc"), false, Errc::Malformed,
     "TerminationID"},
    {"TerminationIdTooLong", Request("    Add = a" + std::string(64, 'b')), false, Errc::OutOfRange,
     "TerminationID"},
    {"EventsDescriptor", Request("    Add = ipt/a { Events = 1 { al/on } }"), false,
     Errc::Unsupported, "Events"},
    {"UnknownDescriptor", Request("    Add = ipt/a { Foo { } }"), false, Errc::Malformed, "Foo"},
    {"SendOnlyMode", Request("    Add = ipt/a { Media { LocalControl { Mode = SendOnly } } }"),
     false, Errc::Unsupported, "SendOnly"},
    {"PackageProperty", Request("    Add = ipt/a { Media { LocalControl { tdmc/gain=2 } } }"),
     false, Errc::Unsupported, "tdmc"},
    {"SecondStream", Request("    Add = ipt/a { Media { Stream = 2 { Local { v=0 } } } }"), false,
     Errc::Unsupported, "Stream"},
    {"DuplicateLocal",
     Request("    Add = ipt/a { Media { Local {\r\nv=0\r\n}, Local {\r\nv=0\r\n} } }"), false,
     Errc::Malformed, "duplicate Local"},
    {"OctetZeroInSdp",
     Request(std::string("    Add = ipt/a { Media { Local {\r\nv=0\0\r\n} } }", 47)), false,
     Errc::Malformed, "octet zero"},
    {"TwoContexts", "MEGACO/1 [10.1.2.3] T=1{C=${A=ipt/a},C=${A=ipt/b}}", false, Errc::Unsupported,
     "Context"},
    {"TwoTransactions", Request("    Add = $") + "Transaction = 2 {C=${A=$}}", false,
     Errc::Unsupported, "one transaction"},
    {"TrailingGarbage", Request("    Add = $") + "}}", false, Errc::Malformed, "trailing"},
    {"ReplyGivenToRequestParser", Reply("  Context = 5"), false, Errc::Malformed, "Reply"},
    {"RequestGivenToReplyParser", Request("    Add = $"), true, Errc::Malformed, "Transaction"},
    {"ErrorCodeZero", Reply("  Error = 0 {}"), true, Errc::OutOfRange, "ErrorCode"},
    {"ErrorCodeFiveDigits", Reply("  Error = 12345 {}"), true, Errc::OutOfRange, "ErrorCode"},
    {"ControlCharacterInErrorText", Reply("  Error = 500 {\"a\x01\"}"), true, Errc::Malformed,
     "quotedString"},
    {"ChooseContextInReply", Reply("  Context = $ { Add = ipt/a }"), true, Errc::Malformed,
     "CHOOSE"},
    {"ChooseTerminationInReply", Reply("  Context = 5 { Add = $ }"), true, Errc::Malformed,
     "wildcard"},
    {"TerminationAuditInReply", Reply("  Context = 5 { Add = ipt/a { Media { } } }"), true,
     Errc::Unsupported, "terminationAudit"},
    {"SegmentedReply", "MEGACO/1 [10.1.2.4] P=1/1{C=5}", true, Errc::Unsupported, "segmentation"},
    {"ImmAckRequired", Reply("  ImmAckRequired, Context = 5"), true, Errc::Unsupported,
     "ImmAckRequired"},
    {"PendingMessage", "MEGACO/1 [10.1.2.4] Pending = 1 { }", true, Errc::Unsupported, "Pending"},
};

INSTANTIATE_TEST_SUITE_P(Iq, IqMessageBadInput, testing::ValuesIn(kBadIq),
                         [](const testing::TestParamInfo<BadIq>& info) {
                             return std::string(info.param.name);
                         });

/** \return the bytes of a classic pcap with one Ethernet/IPv4/UDP frame per payload. */
std::string
UdpPcap(const std::vector<std::string>& payloads, uint16_t port)
{
    auto le32 = [](std::string& out, uint32_t v) {
        for (int i = 0; i < 4; ++i)
        {
            out += static_cast<char>(v >> (8 * i) & 0xff);
        }
    };
    auto be16 = [](std::string& out, uint32_t v) {
        out += static_cast<char>(v >> 8 & 0xff);
        out += static_cast<char>(v & 0xff);
    };
    std::string out;
    le32(out, 0xa1b2c3d4);
    out += std::string("\x02\x00\x04\x00", 4); // version 2.4
    le32(out, 0);
    le32(out, 0);
    le32(out, 65535);
    le32(out, 1); // Ethernet
    for (size_t i = 0; i < payloads.size(); ++i)
    {
        std::string ip;
        be16(ip, 0x4500);
        be16(ip, static_cast<uint32_t>(28 + payloads[i].size()));
        be16(ip, 0);
        be16(ip, 0);
        be16(ip, 0x4011); // TTL 64, UDP
        be16(ip, 0);      // checksum, filled below
        ip += std::string("\x0a\x01\x02\x03\x0a\x01\x02\x04", 8);
        uint32_t sum = 0;
        for (size_t j = 0; j < ip.size(); j += 2)
        {
            sum += static_cast<uint8_t>(ip[j]) << 8 | static_cast<uint8_t>(ip[j + 1]);
        }
        sum = (sum & 0xffff) + (sum >> 16);
        sum = (sum & 0xffff) + (sum >> 16);
        ip[10] = static_cast<char>(~sum >> 8 & 0xff);
        ip[11] = static_cast<char>(~sum & 0xff);
        be16(ip, port);
        be16(ip, port);
        be16(ip, static_cast<uint32_t>(8 + payloads[i].size()));
        be16(ip, 0);
        ip += payloads[i];
        std::string frame =
            std::string("\x00\x11\x22\x33\x44\x55\x66\x77\x88\x99\xaa\xbb\x08\x00", 14) + ip;
        le32(out, static_cast<uint32_t>(1000 + i));
        le32(out, 0);
        le32(out, static_cast<uint32_t>(frame.size()));
        le32(out, static_cast<uint32_t>(frame.size()));
        out += frame;
    }
    return out;
}


TEST(IqMessage, GivenFormattedIqMessages_WhenDissectedByTshark_ThenNoMalformedOrExpertItems)
{
    if (!test_support::HaveTool("tshark"))
    {
        GTEST_SKIP() << "tshark is not installed";
    }
    std::string path = testing::TempDir() + "iq-message-test.pcap";
    std::ofstream(path, std::ios::binary) << UdpPcap(
        {FormatIqRequest(E2aeAdd()), FormatIqReply(AddReply()), FormatIqRequest(E2aeSubtract()),
         FormatIqReply(TransactionErrorReply()), FormatIqReply(ContextErrorReply())},
        kIqTextPort);
    std::string tshark = "tshark -r " + path + " -d udp.port==2944,megaco ";
    EXPECT_EQ(test_support::RunCommand(tshark + "-Y '_ws.malformed || _ws.expert' 2>/dev/null"), "");
    // '$' is shown as 4294967294 ("Choose one"); the keys are those of the a=crypto lines.
    EXPECT_EQ(test_support::RunCommand(tshark +
                         "-T fields -e megaco.transaction -e megaco.transid -e megaco.context "
                         "-e megaco.command -e megaco.termid -e sdp.crypto.master_key "
                         "-e megaco.error_code 2>/dev/null"),
              "Request\t7\t4294967294\tAdd,Add\tWildCard any,ipt/core1\t"
              "3d2d6e40255e7821426a75667239293f,774466766726542b2978473740666235\t\n"
              "Reply\t7\t5\tAdd,Add\tipt/ue7,ipt/core1\t\t\n"
              "Request\t8\t5\tSubtract,Subtract\tipt/ue7,ipt/core1\t\t\n"
              "Reply\t9\t\t\t\t\t421\n"
              "Reply\t10\t5\tSubtract\tipt/ue7\t\t500\n");
    std::remove(path.c_str());
}

} // namespace
} // namespace iq
} // namespace mediasec
