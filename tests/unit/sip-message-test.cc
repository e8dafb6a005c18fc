// SipMessage: building and formatting, header operations of proxies (Via push/pop, comma lists),
// the messages of an IMS call with media security (REGISTER with Security-Client, INVITE with
// SDES SDP, 100/180/200, ACK, BYE, 4xx), compact forms, folding, and every SIP bad input of
// PERF.md section 3 with its typed error.
#include "protocol/sip/sdp.h"
#include "protocol/sip/sip-header-values.h"
#include "protocol/sip/sip-message.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace mediasec
{
namespace sip
{
namespace
{

const char kSdesOffer[] = "v=0\r\n"
                          "o=- 1001 1 IN IP4 10.0.0.1\r\n"
                          "s=-\r\n"
                          "c=IN IP4 10.0.0.1\r\n"
                          "t=0 0\r\n"
                          "a=3ge2ae:requested\r\n"
                          "m=audio 4000 RTP/SAVP 0\r\n"
                          "a=rtpmap:0 PCMU/8000\r\n"
                          "a=crypto:1 AES_CM_128_HMAC_SHA1_80 "
                          "inline:d0RmdmcmVCspeEc3QGZiNWpVLFJhQX1cfHAwJSoj|2^20|1:32\r\n"
                          "a=ssrc:1001 cname:alice\r\n"
                          "a=sendrecv\r\n";

/** \brief The headers every test message starts from (a REGISTER of UE alice). */
std::vector<std::string>
RegisterHeaders()
{
    return {
        "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-reg-1;rport",
        "Max-Forwards: 70",
        "From: <sip:alice@ims.example.com>;tag=a1",
        "To: <sip:alice@ims.example.com>",
        "Call-ID: reg-1@10.0.0.1",
        "CSeq: 1 REGISTER",
        "Contact: <sip:alice@10.0.0.1:5060>;expires=600000",
        "Security-Client: sdes-srtp;mediasec",
        "Require: mediasec",
        "Proxy-Require: mediasec",
    };
}

std::string
Join(const std::string& startLine, const std::vector<std::string>& headers,
     const std::string& body = "", const char* eol = "\r\n")
{
    std::string text = startLine + eol;
    for (const std::string& h : headers)
    {
        text += h + eol;
    }
    return text + eol + body;
}

std::string
RegisterText(const std::vector<std::string>& headers = RegisterHeaders())
{
    return Join("REGISTER sip:ims.example.com SIP/2.0", headers);
}

/** \return \p headers without the ones starting with \p prefix. */
std::vector<std::string>
Without(std::vector<std::string> headers, const std::string& prefix)
{
    headers.erase(std::remove_if(headers.begin(), headers.end(),
                                 [&](const std::string& h) { return h.rfind(prefix, 0) == 0; }),
                  headers.end());
    return headers;
}

std::vector<std::string>
With(std::vector<std::string> headers, const std::string& extra)
{
    headers.push_back(extra);
    return headers;
}

SipMessage
ParseOk(const std::string& text)
{
    auto parsed = ParseSipMessage(text);
    EXPECT_TRUE(parsed.IsOk()) << parsed.GetError().ToString() << "\n" << text;
    return parsed.IsOk() ? parsed.Value() : SipMessage::MakeRequest("", "");
}

void
ExpectError(const std::string& text, Errc code, const std::string& detailPart)
{
    auto parsed = ParseSipMessage(text);
    ASSERT_FALSE(parsed.IsOk()) << "accepted:\n" << text.substr(0, 300);
    EXPECT_EQ(parsed.GetError().code, code) << parsed.GetError().ToString();
    EXPECT_NE(parsed.GetError().detail.find(detailPart), std::string::npos)
        << "'" << parsed.GetError().detail << "' does not name '" << detailPart << "'";
}

void
ExpectRoundTrip(const SipMessage& message)
{
    auto again = ParseSipMessage(message.Format());
    ASSERT_TRUE(again.IsOk()) << again.GetError().ToString() << "\n" << message.Format();
    EXPECT_TRUE(again.Value() == message) << message.Format();
}

SipMessage
MakeInvite()
{
    SipMessage invite = SipMessage::MakeRequest("INVITE", "sip:bob@ims.example.com");
    Via via;
    via.host = "10.0.0.1";
    via.branch = "z9hG4bK-inv-1";
    invite.AddHeader("Via", FormatVia(via));
    invite.AddHeader("Max-Forwards", "70");
    invite.AddHeader("From", "\"Alice\" <sip:alice@ims.example.com>;tag=a1");
    invite.AddHeader("To", "<sip:bob@ims.example.com>");
    invite.AddHeader("Call-ID", "call-1@10.0.0.1");
    invite.AddHeader("CSeq", "1 INVITE");
    invite.AddHeader("Contact", "<sip:alice@10.0.0.1:5060>");
    invite.SetBody(kSdesOffer, "application/sdp");
    return invite;
}

/** \return a response to \p request copying Via, From, To, Call-ID and CSeq (RFC 3261 8.2.6). */
SipMessage
ResponseTo(const SipMessage& request, int code, const std::string& reason)
{
    SipMessage response = SipMessage::MakeResponse(code, reason);
    for (const std::string& via : request.GetHeaders("Via"))
    {
        response.AddHeader("Via", via);
    }
    for (const char* name : {"From", "To", "Call-ID", "CSeq"})
    {
        response.AddHeader(name, *request.GetHeader(name));
    }
    return response;
}

TEST(SipMessage, GivenBuiltRequest_WhenFormatted_ThenStartLineHeadersInOrderAndContentLength)
{
    SipMessage bye = SipMessage::MakeRequest("BYE", "sip:bob@10.0.0.2");
    bye.AddHeader("v", "SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-bye");
    bye.AddHeader("f", "<sip:alice@ims.example.com>;tag=a1");
    bye.AddHeader("t", "<sip:bob@ims.example.com>;tag=b1");
    bye.AddHeader("i", "call-1@10.0.0.1");
    bye.AddHeader("CSeq", "2 BYE");
    EXPECT_EQ(bye.Format(), "BYE sip:bob@10.0.0.2 SIP/2.0\r\n"
                            "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-bye\r\n"
                            "From: <sip:alice@ims.example.com>;tag=a1\r\n"
                            "To: <sip:bob@ims.example.com>;tag=b1\r\n"
                            "Call-ID: call-1@10.0.0.1\r\n"
                            "CSeq: 2 BYE\r\n"
                            "Content-Length: 0\r\n"
                            "\r\n");
    EXPECT_TRUE(bye.IsRequest());
    EXPECT_EQ(bye.StatusCode(), 0);
    ExpectRoundTrip(bye);
}

TEST(SipMessage, GivenImsRegisterWithSecurityClient_WhenParsed_ThenMediasecHeadersAreReadable)
{
    SipMessage reg = ParseOk(RegisterText());
    EXPECT_EQ(reg.Method(), "REGISTER");
    EXPECT_EQ(reg.RequestUri(), "sip:ims.example.com");
    EXPECT_EQ(reg.GetHeader("security-client"), "sdes-srtp;mediasec");
    EXPECT_EQ(reg.Headers()[7].name, "Security-Client");
    EXPECT_EQ(reg.GetHeader("Require"), "mediasec");
    EXPECT_EQ(reg.GetHeader("Content-Length"), "0");
    auto via = ParseVia(*reg.GetHeader("Via"));
    ASSERT_TRUE(via.IsOk());
    EXPECT_EQ(via.Value().branch, "z9hG4bK-reg-1");
    EXPECT_EQ(via.Value().params.count("rport"), 1u);
    auto contact = ParseNameAddr(*reg.GetHeader("Contact"));
    ASSERT_TRUE(contact.IsOk());
    EXPECT_EQ(contact.Value().params.at("expires"), "600000");
    ExpectRoundTrip(reg);
}

TEST(SipMessage, GivenInviteWithSdesOffer_WhenFormattedAndParsed_ThenSdpBodyKeepsCryptoAndE2ae)
{
    SipMessage invite = MakeInvite();
    EXPECT_EQ(invite.GetHeader("Content-Type"), "application/sdp");
    SipMessage parsed = ParseOk(invite.Format());
    EXPECT_TRUE(parsed == invite);
    EXPECT_EQ(parsed.GetHeader("l"), std::to_string(sizeof(kSdesOffer) - 1));
    auto sdp = ParseSdp(parsed.Body());
    ASSERT_TRUE(sdp.IsOk()) << sdp.GetError().ToString();
    EXPECT_EQ(sdp.Value().AttributeValues("3ge2ae"), std::vector<std::string>{"requested"});
    ASSERT_EQ(sdp.Value().media.size(), 1u);
    EXPECT_EQ(sdp.Value().media[0].AttributeValues("crypto").size(), 1u);
}

TEST(SipMessage, GivenResponsesOfACall_WhenFormattedAndParsed_ThenCodesReasonsAndCSeqSurvive)
{
    const SipMessage invite = MakeInvite();
    SipMessage trying = ResponseTo(invite, 100, "Trying");
    SipMessage ringing = ResponseTo(invite, 180, "Ringing");
    ringing.SetHeader("To", "<sip:bob@ims.example.com>;tag=b1");
    SipMessage ok = ResponseTo(invite, 200, "OK");
    ok.SetHeader("To", "<sip:bob@ims.example.com>;tag=b1");
    ok.AddHeader("Contact", "<sip:bob@10.0.0.2:5060>");
    ok.SetBody(kSdesOffer, "application/sdp");
    SipMessage rejected = ResponseTo(invite, 488, "Not Acceptable Here");
    for (const SipMessage* response : {&trying, &ringing, &ok, &rejected})
    {
        SipMessage parsed = ParseOk(response->Format());
        EXPECT_FALSE(parsed.IsRequest());
        EXPECT_EQ(parsed.StatusCode(), response->StatusCode());
        EXPECT_EQ(parsed.ReasonPhrase(), response->ReasonPhrase());
        EXPECT_EQ(parsed.Method(), "");
        EXPECT_EQ(parsed.GetHeader("CSeq"), "1 INVITE");
        EXPECT_TRUE(parsed == *response);
    }
}

TEST(SipMessage, GivenAckAndBye_WhenParsed_ThenCSeqMethodMatchesTheirRequestLine)
{
    for (const char* method : {"ACK", "BYE"})
    {
        SipMessage request = SipMessage::MakeRequest(method, "sip:bob@10.0.0.2:5060");
        request.AddHeader("Via", "SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-2");
        request.AddHeader("Max-Forwards", "70");
        request.AddHeader("From", "<sip:alice@ims.example.com>;tag=a1");
        request.AddHeader("To", "<sip:bob@ims.example.com>;tag=b1");
        request.AddHeader("Call-ID", "call-1@10.0.0.1");
        request.AddHeader("CSeq", std::string(method == std::string("ACK") ? "1 " : "2 ") + method);
        SipMessage parsed = ParseOk(request.Format());
        EXPECT_EQ(parsed.Method(), method);
        EXPECT_EQ(ParseCSeq(*parsed.GetHeader("CSeq")).Value().method, method);
    }
}

TEST(SipMessage, GivenCompactForms_WhenParsed_ThenNamesAreStoredInLongFormAndFoundByEither)
{
    const std::string text = "INVITE sip:bob@ims.example.com SIP/2.0\r\n"
                             "v: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK-c\r\n"
                             "f: <sip:alice@ims.example.com>;tag=a1\r\n"
                             "t: <sip:bob@ims.example.com>\r\n"
                             "i: compact@10.0.0.1\r\n"
                             "CSEQ: 1 INVITE\r\n"
                             "m: <sip:alice@10.0.0.1>\r\n"
                             "k: 100rel\r\n"
                             "s: hello\r\n"
                             "e: identity\r\n"
                             "c: text/plain\r\n"
                             "L: 2\r\n"
                             "\r\n"
                             "hi";
    SipMessage m = ParseOk(text);
    std::vector<std::string> names;
    for (const SipHeader& h : m.Headers())
    {
        names.push_back(h.name);
    }
    EXPECT_EQ(names, (std::vector<std::string>{"Via", "From", "To", "Call-ID", "CSeq", "Contact",
                                               "Supported", "Subject", "Content-Encoding",
                                               "Content-Type"}));
    EXPECT_EQ(m.GetHeader("i"), m.GetHeader("CALL-ID"));
    EXPECT_EQ(m.GetHeader("Call-ID"), "compact@10.0.0.1");
    EXPECT_EQ(m.Body(), "hi");
    EXPECT_NE(m.Format().find("\r\nContent-Length: 2\r\n"), std::string::npos);
}

TEST(SipMessage, GivenFoldedHeaders_WhenParsed_ThenContinuationLinesBecomeOneSpace)
{
    std::vector<std::string> headers = RegisterHeaders();
    headers[0] = "Via: SIP/2.0/UDP\r\n   10.0.0.1:5060\r\n\t;branch=z9hG4bK-fold";
    headers.push_back("Subject: first part   \r\n \t second part");
    SipMessage m = ParseOk(RegisterText(headers));
    EXPECT_EQ(m.GetHeader("Via"), "SIP/2.0/UDP 10.0.0.1:5060 ;branch=z9hG4bK-fold");
    EXPECT_EQ(m.GetHeader("Subject"), "first part second part");
    EXPECT_EQ(ParseVia(*m.GetHeader("Via")).Value().branch, "z9hG4bK-fold");
    ExpectRoundTrip(m);
}

TEST(SipMessage, GivenLfOnlyLinesAndLeadingCrlf_WhenParsed_ThenMessageIsAccepted)
{
    SipMessage m = ParseOk(
        "\r\n\r\n" + Join("REGISTER sip:ims.example.com SIP/2.0", RegisterHeaders(), "", "\n"));
    EXPECT_EQ(m.Headers().size(), RegisterHeaders().size());
    EXPECT_TRUE(m == ParseOk(RegisterText()));
}

TEST(SipMessage, GivenDatagramEndingAfterLastHeaderLine_WhenParsed_ThenEmptyBodyIsAssumed)
{
    std::string text = RegisterText();
    text.resize(text.size() - 2);
    SipMessage m = ParseOk(text);
    EXPECT_TRUE(m.Body().empty());
    EXPECT_TRUE(m == ParseOk(RegisterText()));
}

TEST(SipMessage, GivenProxyViaOperations_WhenPushedAndPopped_ThenTopEntryChangesInOrder)
{
    SipMessage m = ParseOk(RegisterText(With(Without(RegisterHeaders(), "Via"),
                                             "Via: SIP/2.0/UDP pcscf.ims:5060;branch=z9hG4bK-p, "
                                             "SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK-u")));
    m.AddHeader("X-Last", "1");
    m.PushFrontHeader("Via", "SIP/2.0/UDP scscf.ims:5060;branch=z9hG4bK-s");
    EXPECT_EQ(m.GetHeaders("Via"),
              (std::vector<std::string>{"SIP/2.0/UDP scscf.ims:5060;branch=z9hG4bK-s",
                                        "SIP/2.0/UDP pcscf.ims:5060;branch=z9hG4bK-p",
                                        "SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK-u"}));
    EXPECT_TRUE(m.RemoveFirstHeader("v"));
    EXPECT_EQ(m.GetHeader("Via"), "SIP/2.0/UDP pcscf.ims:5060;branch=z9hG4bK-p");
    EXPECT_TRUE(m.RemoveFirstHeader("Via"));
    EXPECT_EQ(m.GetHeaders("Via"),
              std::vector<std::string>{"SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK-u"});
    EXPECT_TRUE(m.RemoveFirstHeader("Via"));
    EXPECT_FALSE(m.GetHeader("Via").has_value());
    EXPECT_FALSE(m.RemoveFirstHeader("Via"));
    SipMessage empty = SipMessage::MakeRequest("OPTIONS", "sip:x.example.com");
    empty.AddHeader("To", "<sip:x.example.com>");
    empty.PushFrontHeader("Via", "SIP/2.0/UDP a;branch=z9hG4bK-1");
    EXPECT_EQ(empty.Headers().front().name, "Via");
}

TEST(SipMessage, GivenCommasInQuotesAndAngles_WhenContactsSplit_ThenOnlyTopLevelCommasSeparate)
{
    SipMessage m = SipMessage::MakeRequest("REGISTER", "sip:ims.example.com");
    m.AddHeader("m", "\"Doe, John\" <sip:j@a;x=1,2>;q=0.5 , <sip:k@b>");
    m.AddHeader("Contact", "sip:l@c");
    EXPECT_EQ(
        m.GetHeaders("Contact"),
        (std::vector<std::string>{"\"Doe, John\" <sip:j@a;x=1,2>;q=0.5", "<sip:k@b>", "sip:l@c"}));
    EXPECT_EQ(m.GetHeader("Contact"), "\"Doe, John\" <sip:j@a;x=1,2>;q=0.5");
    m.AddHeader("Subject", "a, b");
    EXPECT_EQ(m.GetHeaders("Subject"), std::vector<std::string>{"a, b"});
}

TEST(SipMessage, GivenSetRemoveAndBodyOperations_WhenApplied_ThenHeaderListFollows)
{
    SipMessage m = SipMessage::MakeRequest("MESSAGE", "sip:bob@ims.example.com");
    m.AddHeader("Route", "<sip:a>");
    m.AddHeader("X-A", "1");
    m.AddHeader("route", "<sip:b>");
    m.SetHeader("Route", "<sip:c>");
    EXPECT_EQ(m.GetHeaders("Route"), std::vector<std::string>{"<sip:c>"});
    EXPECT_EQ(m.Headers().front().name, "Route");
    m.SetHeader("Max-Forwards", "69");
    EXPECT_EQ(m.Headers().back().value, "69");
    m.RemoveHeader("ROUTE");
    EXPECT_FALSE(m.GetHeader("Route").has_value());
    m.AddHeader("Content-Length", "999");
    m.SetHeader("l", "999");
    EXPECT_EQ(m.GetHeader("Content-Length"), "0");
    m.SetBody("hello", "text/plain");
    EXPECT_EQ(m.GetHeader("Content-Length"), "5");
    EXPECT_EQ(m.GetHeader("c"), "text/plain");
    m.SetBody("", "text/plain");
    EXPECT_FALSE(m.GetHeader("Content-Type").has_value());
    EXPECT_EQ(m.Headers().size(), 2u);
}

TEST(SipMessage, GivenCrLfInsideFields_WhenFormatted_ThenNoHeaderCanBeInjected)
{
    SipMessage m = SipMessage::MakeResponse(200, "OK\r\nX-Injected: 1");
    m.AddHeader("Subject", "a\r\nVia: evil");
    const std::string text = m.Format();
    EXPECT_EQ(text.find("\r\nX-Injected"), std::string::npos);
    EXPECT_EQ(text.find("\r\nVia: evil"), std::string::npos);
}

TEST(SipMessage, GivenOversizedInputs_WhenParsed_ThenTooLarge)
{
    ExpectError(RegisterText(With(RegisterHeaders(), "X-Pad: " + std::string(70000, 'a'))),
                Errc::TooLarge, "message");
    ExpectError(RegisterText(With(RegisterHeaders(), "X-Pad: " + std::string(8200, 'a'))),
                Errc::TooLarge, "X-Pad");
    std::vector<std::string> manyVias = RegisterHeaders();
    for (int i = 0; i < 300; ++i)
    {
        manyVias.push_back("Via: SIP/2.0/UDP h" + std::to_string(i) + ";branch=z9hG4bK" +
                           std::to_string(i));
    }
    ExpectError(RegisterText(manyVias), Errc::TooLarge, "headers");
}

TEST(SipMessage, GivenLimitEdges_WhenParsed_ThenExactlyTheLimitsAreAccepted)
{
    std::vector<std::string> headers = RegisterHeaders();
    while (headers.size() < kMaxSipHeaders)
    {
        headers.push_back("X-N: 1");
    }
    headers.push_back("Content-Length: 0");
    EXPECT_TRUE(ParseSipMessage(RegisterText(headers)).IsOk()) << "200 headers + Content-Length";
    const std::string name = "X-Pad";
    const std::string line = name + ": " + std::string(kMaxSipHeaderLine - name.size() - 2, 'a');
    EXPECT_TRUE(ParseSipMessage(RegisterText(With(RegisterHeaders(), line))).IsOk());
    std::string text = RegisterText();
    text += std::string(kMaxSipMessageSize - text.size(), 'b');
    SipMessage full = ParseOk(text);
    EXPECT_EQ(full.Body().size(), kMaxSipMessageSize - RegisterText().size());
}

TEST(SipMessage, GivenBadContentLengths_WhenParsed_ThenTypedErrorsOrRfc3261Truncation)
{
    const std::vector<std::string> base = RegisterHeaders();
    ExpectError(RegisterText(With(base, "Content-Length: -1")), Errc::Malformed, "Content-Length");
    ExpectError(RegisterText(With(base, "Content-Length: five")), Errc::Malformed,
                "Content-Length");
    ExpectError(RegisterText(With(base, "Content-Length: 99999999999999999999")), Errc::OutOfRange,
                "Content-Length");
    ExpectError(RegisterText(With(base, "Content-Length: ")), Errc::Malformed, "Content-Length");
    ExpectError(Join("REGISTER sip:ims.example.com SIP/2.0", With(base, "l: 10"), "short"),
                Errc::BadLength, "Content-Length");
    ExpectError(RegisterText(With(With(base, "l: 0"), "Content-Length: 0")), Errc::Malformed,
                "Content-Length");
    SipMessage truncated =
        ParseOk(Join("REGISTER sip:ims.example.com SIP/2.0", With(base, "l: 3"), "abcdef"));
    EXPECT_EQ(truncated.Body(), "abc");
    SipMessage rest = ParseOk(Join("REGISTER sip:ims.example.com SIP/2.0", base, "abcdef"));
    EXPECT_EQ(rest.Body(), "abcdef");
}

TEST(SipMessage, GivenEachMandatoryHeaderMissing_WhenParsed_ThenMissingFieldNamesIt)
{
    for (const char* name : {"Call-ID", "CSeq", "From", "To", "Via"})
    {
        ExpectError(RegisterText(Without(RegisterHeaders(), std::string(name) + ":")),
                    Errc::MissingField, name);
    }
}

TEST(SipMessage, GivenCSeqAndMaxForwardsProblems_WhenParsed_ThenTypedErrors)
{
    std::vector<std::string> headers = Without(RegisterHeaders(), "CSeq");
    ExpectError(RegisterText(With(headers, "CSeq: 1 INVITE")), Errc::Malformed, "CSeq");
    ExpectError(RegisterText(With(headers, "CSeq: 1 register")), Errc::Malformed, "CSeq");
    ExpectError(RegisterText(With(headers, "CSeq: 4294967296 REGISTER")), Errc::OutOfRange, "CSeq");
    ExpectError(RegisterText(With(headers, "CSeq: REGISTER")), Errc::Malformed, "CSeq");
    headers = Without(RegisterHeaders(), "Max-Forwards");
    EXPECT_TRUE(ParseSipMessage(RegisterText(headers)).IsOk()) << "Max-Forwards is optional";
    SipMessage zero = ParseOk(RegisterText(With(headers, "Max-Forwards: 0")));
    EXPECT_EQ(zero.GetHeader("Max-Forwards"), "0") << "0 parses; the proxy answers 483";
    ExpectError(RegisterText(With(headers, "Max-Forwards: 256")), Errc::OutOfRange, "Max-Forwards");
    ExpectError(RegisterText(With(headers, "Max-Forwards: ten")), Errc::Malformed, "Max-Forwards");
    ExpectError(RegisterText(With(With(headers, "Max-Forwards: 1"), "Max-Forwards: 2")),
                Errc::Malformed, "Max-Forwards");
}

TEST(SipMessage, GivenMalformedFraming_WhenParsed_ThenMalformed)
{
    ExpectError("", Errc::Malformed, "start line");
    ExpectError("\r\n\r\n", Errc::Malformed, "start line");
    ExpectError("REGISTER sip:ims.example.com SIP/2.0\r\nVia: x", Errc::Malformed, "truncated");
    ExpectError(RegisterText(With(RegisterHeaders(), "Broken header line")), Errc::Malformed,
                "header section");
    ExpectError(RegisterText(With(RegisterHeaders(), "X-Cr: a\rb")), Errc::Malformed, "CR");
    ExpectError(Join("REGISTER sip:ims.example.com SIP/2.0", {" folded-first: 1"}), Errc::Malformed,
                "continuation");
    ExpectError(Join("REGISTER  sip:ims.example.com SIP/2.0", RegisterHeaders()), Errc::Malformed,
                "Request-Line");
    ExpectError(Join("REG(ISTER sip:ims.example.com SIP/2.0", RegisterHeaders()), Errc::Malformed,
                "method");
    ExpectError(Join("REGISTER ims.example.com SIP/2.0", RegisterHeaders()), Errc::Malformed,
                "Request-URI");
    ExpectError(Join("REGISTER sip:ims.example.com SIP/3.0", RegisterHeaders()), Errc::Unsupported,
                "SIP-Version");
    ExpectError(Join("REGISTER sip:ims.example.com HTTP/1.1", RegisterHeaders()), Errc::Malformed,
                "SIP-Version");
}

TEST(SipMessage, GivenBadStatusLines_WhenParsed_ThenTypedErrors)
{
    const std::vector<std::string> headers = RegisterHeaders();
    ExpectError(Join("SIP/2.0 99 Low", headers), Errc::OutOfRange, "code");
    ExpectError(Join("SIP/2.0 700 High", headers), Errc::OutOfRange, "code");
    ExpectError(Join("SIP/2.0 2x0 OK", headers), Errc::Malformed, "code");
    ExpectError(Join("SIP/2.0", headers), Errc::Malformed, "status code");
    ExpectError(Join(std::string("SIP/2.0 200 O\0K", 15), headers), Errc::Malformed, "reason");
    SipMessage noSpace = ParseOk(Join("SIP/2.0 200", headers));
    EXPECT_EQ(noSpace.ReasonPhrase(), "");
    SipMessage lowerCase = ParseOk(Join("sip/2.0 180 Ringing", headers));
    EXPECT_EQ(lowerCase.StatusCode(), 180);
}

TEST(SipMessage, GivenBadValuesOfCheckedHeaders_WhenParsed_ThenErrorNamesTheHeader)
{
    const std::vector<std::string> base = RegisterHeaders();
    ExpectError(RegisterText(With(Without(base, "To:"), "To: <sip:alice@ims.example.com")),
                Errc::Malformed, "To");
    ExpectError(RegisterText(With(Without(base, "From:"), "From: Bad, Name <sip:a@b>;tag=1")),
                Errc::Malformed, "From");
    ExpectError(RegisterText(With(base, "Route: <sip:a@b>;;")), Errc::Malformed, "Route");
    ExpectError(RegisterText(With(base, "Record-Route: <sip:a@b:99999>")), Errc::OutOfRange,
                "Record-Route");
    ExpectError(RegisterText(With(Without(base, "Call-ID"), "Call-ID: a b")), Errc::Malformed,
                "Call-ID");
    ExpectError(RegisterText(With(Without(base, "Via"), "Via: SIP/2.0/UDP")), Errc::Malformed,
                "Via");
    ExpectError(RegisterText(With(Without(base, "Via"), "Via: SIP/2.0/UDP a;branch=x,")),
                Errc::Malformed, "Via");
    ExpectError(RegisterText(With(base, "To: <sip:other@ims.example.com>")), Errc::Malformed,
                "To: more than one");
    EXPECT_TRUE(ParseSipMessage(RegisterText(With(Without(base, "Contact"), "Contact: *"))).IsOk());
}

} // namespace
} // namespace sip
} // namespace mediasec
