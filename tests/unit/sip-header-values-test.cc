// Header value parsers (CSeq, Via, name-addr, SIP URI): good values with LWS and escapes, round
// trips through the formatters, and a typed error for each kind of bad value.
#include "protocol/sip/sip-header-values.h"

#include <gtest/gtest.h>

#include <string>

namespace mediasec
{
namespace sip
{
namespace
{

template<typename T>
void
ExpectError(const Result<T>& result, Errc code, const std::string& input)
{
    ASSERT_FALSE(result.IsOk()) << "accepted: " << input;
    EXPECT_EQ(result.GetError().code, code) << input << " -> " << result.GetError().ToString();
    EXPECT_FALSE(result.GetError().detail.empty());
}

TEST(SipCSeq, GivenNumberAndMethodWithLws_WhenParsed_ThenFieldsAndFormatMatch)
{
    auto cseq = ParseCSeq("  0009 \t INVITE ");
    ASSERT_TRUE(cseq.IsOk());
    EXPECT_EQ(cseq.Value().number, 9u);
    EXPECT_EQ(cseq.Value().method, "INVITE");
    EXPECT_EQ(FormatCSeq(cseq.Value()), "9 INVITE");
    auto max = ParseCSeq("4294967295 BYE");
    ASSERT_TRUE(max.IsOk());
    EXPECT_EQ(max.Value().number, 4294967295u);
}

TEST(SipCSeq, GivenBadValues_WhenParsed_ThenTypedErrors)
{
    for (const char* bad : {"", "INVITE", "1", "1INVITE", "-1 INVITE", "1 INV ITE", "1 INV/ITE"})
    {
        ExpectError(ParseCSeq(bad), Errc::Malformed, bad);
    }
    ExpectError(ParseCSeq("4294967296 INVITE"), Errc::OutOfRange, "2^32");
    ExpectError(ParseCSeq("36893488147419103232 REGISTER"), Errc::OutOfRange, "2^65");
}

TEST(SipVia, GivenImsVia_WhenParsed_ThenTransportHostPortBranchAndParams)
{
    auto via = ParseVia("SIP/2.0/udp 10.0.0.1:5062;branch=z9hG4bK776;rport;received=192.0.2.9");
    ASSERT_TRUE(via.IsOk()) << via.GetError().ToString();
    EXPECT_EQ(via.Value().transport, "UDP");
    EXPECT_EQ(via.Value().host, "10.0.0.1");
    EXPECT_EQ(via.Value().port, 5062);
    EXPECT_EQ(via.Value().branch, "z9hG4bK776");
    EXPECT_EQ(via.Value().params.size(), 2u);
    EXPECT_EQ(via.Value().params.at("rport"), "");
    EXPECT_EQ(via.Value().params.at("received"), "192.0.2.9");
    EXPECT_EQ(FormatVia(via.Value()),
              "SIP/2.0/UDP 10.0.0.1:5062;branch=z9hG4bK776;received=192.0.2.9;rport");
}

TEST(SipVia, GivenLwsAroundSeparatorsAndNoPort_WhenParsed_ThenDefaultPortAndSameFields)
{
    auto via =
        ParseVia(" SIP  / 2.0  / TCP     spindle.example.com   ;  BRANCH  =   z9hG4bK9ikj8 ");
    ASSERT_TRUE(via.IsOk()) << via.GetError().ToString();
    EXPECT_EQ(via.Value().transport, "TCP");
    EXPECT_EQ(via.Value().host, "spindle.example.com");
    EXPECT_EQ(via.Value().port, 5060);
    EXPECT_EQ(via.Value().branch, "z9hG4bK9ikj8");
    auto ipv6 = ParseVia("SIP/2.0/UDP [2001:db8::1] : 5070;maddr=[2001:db8::2]");
    ASSERT_TRUE(ipv6.IsOk()) << ipv6.GetError().ToString();
    EXPECT_EQ(ipv6.Value().host, "[2001:db8::1]");
    EXPECT_EQ(ipv6.Value().port, 5070);
    EXPECT_TRUE(ipv6.Value().branch.empty());
    EXPECT_EQ(ipv6.Value().params.at("maddr"), "[2001:db8::2]");
}

TEST(SipVia, GivenParsedVia_WhenFormattedAndReparsed_ThenFieldsAreEqual)
{
    for (const char* text :
         {"SIP/2.0/UDP h.example.com", "SIP/2.0/TLS 192.0.2.1:5061;branch=z9hG4bKa;ttl=1",
          "SIP/2.0/SCTP h;x=\"quoted ; value\";branch=z9hG4bK-.!%66*_+`'~"})
    {
        auto via = ParseVia(text);
        ASSERT_TRUE(via.IsOk()) << text << ": " << via.GetError().ToString();
        auto again = ParseVia(FormatVia(via.Value()));
        ASSERT_TRUE(again.IsOk()) << FormatVia(via.Value());
        EXPECT_TRUE(again.Value() == via.Value()) << FormatVia(via.Value());
    }
}

TEST(SipVia, GivenBadValues_WhenParsed_ThenTypedErrors)
{
    for (const char* bad :
         {"", "SIP/2.0", "SIP/2.0/UDP", "SIP/2.0/UDP ", "SIP/2.0UDP host", "SIP 2.0/UDP host",
          "SIP/2.0/UDP host;;", "SIP/2.0/UDP 192.0.2.15;;,;,,", "SIP/2.0/UDP host;branch",
          "SIP/2.0/UDP host;branch=", "SIP/2.0/UDP host;branch=a;branch=b", "SIP/2.0/UDP ho_st",
          "SIP/2.0/UDP host:", "SIP/2.0/UDP host:50x", "SIP/2.0/UDP [::1", "SIP/2.0/UDP host x",
          "SIP/2.0/UDP host;p=\"open"})
    {
        ExpectError(ParseVia(bad), Errc::Malformed, bad);
    }
    ExpectError(ParseVia("SIP/7.0/UDP c.example.com;branch=z9hG4bKkdjuw"), Errc::Unsupported,
                "7.0");
    ExpectError(ParseVia("XMPP/2.0/UDP host"), Errc::Unsupported, "XMPP");
    ExpectError(ParseVia("SIP/2.0/UDP host:65536"), Errc::OutOfRange, "65536");
    ExpectError(ParseVia("SIP/2.0/UDP host:0"), Errc::OutOfRange, "port 0");
}

TEST(SipNameAddr, GivenQuotedDisplayNameUriAndTag_WhenParsed_ThenPartsAndFormat)
{
    auto na = ParseNameAddr("\"Alice \\\"A\\\" Smith\" <sip:alice@ims.example.com>;tag=1928301774");
    ASSERT_TRUE(na.IsOk()) << na.GetError().ToString();
    EXPECT_EQ(na.Value().displayName, "Alice \"A\" Smith");
    EXPECT_EQ(na.Value().uri, "sip:alice@ims.example.com");
    EXPECT_EQ(na.Value().params.at("tag"), "1928301774");
    EXPECT_EQ(FormatNameAddr(na.Value()),
              "\"Alice \\\"A\\\" Smith\" <sip:alice@ims.example.com>;tag=1928301774");
}

TEST(SipNameAddr, GivenTokenDisplayNameBareUriAndOtherSchemes_WhenParsed_ThenAccepted)
{
    auto tokens = ParseNameAddr("caller  name<sip:caller@example.com>;tag=323");
    ASSERT_TRUE(tokens.IsOk());
    EXPECT_EQ(tokens.Value().displayName, "caller name");
    auto bare = ParseNameAddr("sip:vivekg@chair-dnrc.example.com ;   tag    = 1918181833n");
    ASSERT_TRUE(bare.IsOk());
    EXPECT_EQ(bare.Value().uri, "sip:vivekg@chair-dnrc.example.com");
    EXPECT_EQ(bare.Value().params.at("tag"), "1918181833n");
    auto tel = ParseNameAddr("<tel:+358-555-1234567;phone-context=ims.example.com>");
    ASSERT_TRUE(tel.IsOk());
    EXPECT_EQ(tel.Value().uri, "tel:+358-555-1234567;phone-context=ims.example.com");
    EXPECT_TRUE(tel.Value().params.empty());
    auto headers = ParseNameAddr("<sip:user@example.com?Route=%3Csip:sip.example.com%3E>");
    ASSERT_TRUE(headers.IsOk()) << "headers are allowed inside <>";
    auto quotedParam = ParseNameAddr("<sip:a@b>;x=\"1;2,3\";q=0.5");
    ASSERT_TRUE(quotedParam.IsOk());
    EXPECT_EQ(quotedParam.Value().params.at("x"), "\"1;2,3\"");
}

TEST(SipNameAddr, GivenParsedValues_WhenFormattedAndReparsed_ThenFieldsAreEqual)
{
    for (const char* text : {"\"BEL:\\\x07 back\\\\slash\" <sip:a@b>", "<sip:a@b;lr>;tag=x;flag",
                             "sip:j.user@example.com;tag=43251j3j324", "x y z <urn:service:sos>"})
    {
        auto na = ParseNameAddr(text);
        ASSERT_TRUE(na.IsOk()) << text << ": " << na.GetError().ToString();
        auto again = ParseNameAddr(FormatNameAddr(na.Value()));
        ASSERT_TRUE(again.IsOk()) << FormatNameAddr(na.Value());
        EXPECT_TRUE(again.Value() == na.Value()) << FormatNameAddr(na.Value());
    }
    NameAddr control{"line\r\nbreak", "sip:a@b", {}};
    auto parsed = ParseNameAddr(FormatNameAddr(control));
    ASSERT_TRUE(parsed.IsOk()) << FormatNameAddr(control);
    EXPECT_EQ(parsed.Value().displayName, "line  break");
}

TEST(SipNameAddr, GivenBadValues_WhenParsed_ThenMalformed)
{
    for (const char* bad : {"", "\"Mr. J. User <sip:j.user@example.com>",
                            "\"Watson, Thomas\" < sip:t.watson@example.org >",
                            "Bell, Alexander <sip:a.g.bell@example.com>;tag=43",
                            "sip:user@example.com?Route=%3Csip:sip.example.com%3E",
                            "\"Joe\" <sip:joe@example.org>;;;;", "<sip:a@b", "\"Joe\" sip:a@b",
                            "<>", "<nocolon>", "<sip:a@b> junk", "<sip:a@b>;tag=", "*",
                            "<sip:a@b>;tag=1;TAG=2", "sip:a@b,sip:c@d", "<sip:a b@c>"})
    {
        ExpectError(ParseNameAddr(bad), Errc::Malformed, bad);
    }
    ExpectError(ParseNameAddr("<sip:a@b:70000>"), Errc::OutOfRange, "port");
}

TEST(SipUri, GivenFullSipUri_WhenParsed_ThenEveryPartAndFormat)
{
    auto uri = ParseSipUri("sip:alice:secret@ims.example.com:5060;Transport=UDP;lr?subject=x%20y");
    ASSERT_TRUE(uri.IsOk()) << uri.GetError().ToString();
    EXPECT_FALSE(uri.Value().secure);
    EXPECT_EQ(uri.Value().user, "alice");
    EXPECT_EQ(uri.Value().password, "secret");
    EXPECT_EQ(uri.Value().host, "ims.example.com");
    EXPECT_EQ(uri.Value().port, 5060);
    EXPECT_EQ(uri.Value().params.at("transport"), "UDP");
    EXPECT_EQ(uri.Value().params.at("lr"), "");
    EXPECT_EQ(uri.Value().headers, "subject=x%20y");
    EXPECT_EQ(FormatSipUri(uri.Value()),
              "sip:alice:secret@ims.example.com:5060;lr;transport=UDP?subject=x%20y");
}

TEST(SipUri, GivenUnusualButValidUris_WhenParsed_ThenAcceptedAndRoundTrip)
{
    for (const char* text :
         {"SIPS:bob@[2001:db8::10]", "sip:ims.example.com", "sip:127.0.0.1:5080",
          "sip:user;par=u%40example.net@example.com", "sip:sips%3Auser%40example.com@example.net",
          "sip:%00@host5.example.com", "sip:+358501234567@ims.example.com;user=phone",
          "sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*:&it+has=1,weird!*pas$wo~d_too."
          "(doesn't-it)@example.com",
          "sip:cal%6Cer@host5.example.net;%6C%72;n%61me=v%61lue%25%34%31"})
    {
        auto uri = ParseSipUri(text);
        ASSERT_TRUE(uri.IsOk()) << text << ": " << uri.GetError().ToString();
        auto again = ParseSipUri(FormatSipUri(uri.Value()));
        ASSERT_TRUE(again.IsOk()) << FormatSipUri(uri.Value());
        EXPECT_TRUE(again.Value() == uri.Value()) << FormatSipUri(uri.Value());
    }
    EXPECT_TRUE(ParseSipUri("SIPS:bob@[2001:db8::10]").Value().secure);
    EXPECT_EQ(ParseSipUri("sip:user;par=u%40example.net@example.com").Value().user,
              "user;par=u%40example.net");
}

TEST(SipUri, GivenBadUris_WhenParsed_ThenTypedErrors)
{
    for (const char* bad : {"",
                            "sip",
                            "sip:",
                            "sip:@host",
                            "sip:us er@host",
                            "sip:user@",
                            "sip:user@ho st",
                            "sip:user@host;",
                            "sip:user@host;=x",
                            "sip:user@host;a=",
                            "sip:user@host;a=1;A=2",
                            "sip:user@host?",
                            "sip:user@host?a b",
                            "sip:%zz@host",
                            "sip:%4@host",
                            "sip:a@[::1",
                            "sip:a@host:",
                            "sip:a@host:x1",
                            "sip:a@-host",
                            "<sip:user@example.com>",
                            "sip:a@b junk",
                            "sip:a:pa ss@b"})
    {
        ExpectError(ParseSipUri(bad), Errc::Malformed, bad);
    }
    ExpectError(ParseSipUri("tel:+15551234"), Errc::Unsupported, "tel");
    ExpectError(ParseSipUri("sip:a@b:65536"), Errc::OutOfRange, "65536");
    ExpectError(ParseSipUri("sip:a@b:99999999999999999999999"), Errc::OutOfRange, "overflow");
}

TEST(SipUri, GivenAbsoluteUrisOfOtherSchemes_WhenValidated_ThenOnlyPrintableNonEmptyPass)
{
    EXPECT_TRUE(ValidateUri("nobodyKnowsThisScheme:totallyopaquecontent").IsOk());
    EXPECT_TRUE(ValidateUri("soap.beep://192.0.2.103:3002").IsOk());
    EXPECT_TRUE(ValidateUri("tel:+15551234").IsOk());
    for (const char* bad : {"", "x", ":opaque", "1abc:x", "tel:", "tel:a b", "tel:<x>", "tel:\"x"})
    {
        EXPECT_FALSE(ValidateUri(bad).IsOk()) << bad;
    }
    EXPECT_EQ(ValidateUri("sip:a@b:70000").GetError().code, Errc::OutOfRange);
}

} // namespace
} // namespace sip
} // namespace mediasec
