// SDP (RFC 4566 subset): IMS offers with SDES a=crypto, a=ssrc and the TS 33.328 e2ae indication,
// the canonical formatter, attribute helpers, round trips, and a typed error for each bad input of
// PERF.md section 3 (bad m= port, missing v= or c=) and for the limits.
#include "protocol/sip/sdp.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace mediasec
{
namespace sip
{
namespace
{

const char kCrypto80[] =
    "1 AES_CM_128_HMAC_SHA1_80 inline:d0RmdmcmVCspeEc3QGZiNWpVLFJhQX1cfHAwJSoj|2^20|1:32";
const char kCrypto32[] =
    "2 AES_CM_128_HMAC_SHA1_32 inline:NzB4d1BINUAvLEw6UzF3WSJ+PSdFcGdUJShpX1Zj|2^20|1:32";

const std::string kOffer = std::string("v=0\r\n"
                                       "o=alice 2890844526 2890842807 IN IP4 10.0.0.1\r\n"
                                       "s=-\r\n"
                                       "c=IN IP4 10.0.0.1\r\n"
                                       "t=0 0\r\n"
                                       "a=3ge2ae:requested\r\n"
                                       "m=audio 49170 RTP/SAVP 0 8\r\n"
                                       "a=rtpmap:0 PCMU/8000\r\n"
                                       "a=crypto:") +
                           kCrypto80 + "\r\na=crypto:" + kCrypto32 +
                           "\r\n"
                           "a=ssrc:3735928559 cname:alice@ims.example.com\r\n"
                           "a=sendrecv\r\n"
                           "m=video 0 RTP/AVP 31\r\n"
                           "c=IN IP4 10.0.0.9\r\n";

SdpSession
ParseOk(const std::string& text)
{
    auto parsed = ParseSdp(text);
    EXPECT_TRUE(parsed.IsOk()) << parsed.GetError().ToString() << "\n" << text;
    return parsed.IsOk() ? parsed.Value() : SdpSession{};
}

void
ExpectError(const std::string& text, Errc code, const std::string& detailPart)
{
    auto parsed = ParseSdp(text);
    ASSERT_FALSE(parsed.IsOk()) << "accepted:\n" << text.substr(0, 300);
    EXPECT_EQ(parsed.GetError().code, code) << parsed.GetError().ToString();
    EXPECT_NE(parsed.GetError().detail.find(detailPart), std::string::npos)
        << "'" << parsed.GetError().detail << "' does not name '" << detailPart << "'";
}

/** \return kOffer with its line \p line (1-based) replaced by \p replacement ("" drops it). */
std::string
ReplaceLine(const std::string& text, size_t line, const std::string& replacement)
{
    std::string out;
    size_t pos = 0;
    for (size_t n = 1; pos < text.size(); ++n)
    {
        const size_t end = text.find("\r\n", pos) + 2;
        out += n == line ? (replacement.empty() ? "" : replacement + "\r\n")
                         : text.substr(pos, end - pos);
        pos = end;
    }
    return out;
}

TEST(SdpSession, GivenImsSdesOffer_WhenParsed_ThenOriginMediaCryptoSsrcAndE2aeAreRead)
{
    SdpSession sdp = ParseOk(kOffer);
    EXPECT_EQ(sdp.origin.username, "alice");
    EXPECT_EQ(sdp.origin.sessionId, 2890844526u);
    EXPECT_EQ(sdp.origin.sessionVersion, 2890842807u);
    EXPECT_EQ(sdp.origin.address, "10.0.0.1");
    EXPECT_EQ(sdp.sessionName, "-");
    ASSERT_TRUE(sdp.connection.has_value());
    EXPECT_EQ(sdp.connection->address, "10.0.0.1");
    EXPECT_EQ(sdp.timing, "0 0");
    EXPECT_EQ(sdp.AttributeValues("3ge2ae"), std::vector<std::string>{"requested"});
    ASSERT_EQ(sdp.media.size(), 2u);
    const SdpMedia& audio = sdp.media[0];
    EXPECT_EQ(audio.media, "audio");
    EXPECT_EQ(audio.port, 49170);
    EXPECT_EQ(audio.proto, "RTP/SAVP");
    EXPECT_EQ(audio.formats, (std::vector<std::string>{"0", "8"}));
    EXPECT_FALSE(audio.connection.has_value());
    EXPECT_EQ(audio.AttributeValues("crypto"), (std::vector<std::string>{kCrypto80, kCrypto32}));
    EXPECT_EQ(audio.AttributeValues("ssrc"),
              std::vector<std::string>{"3735928559 cname:alice@ims.example.com"});
    EXPECT_TRUE(audio.HasAttribute("sendrecv"));
    EXPECT_FALSE(audio.attributes.back().hasValue);
    EXPECT_FALSE(audio.HasAttribute("crypt"));
    EXPECT_EQ(sdp.media[1].port, 0);
    EXPECT_EQ(sdp.media[1].connection->address, "10.0.0.9");
}

TEST(SdpSession, GivenCanonicalOffer_WhenFormatted_ThenBytesAreIdentical)
{
    EXPECT_EQ(FormatSdp(ParseOk(kOffer)), kOffer);
}

TEST(SdpSession, GivenLfLinesExtraSpacesAndSkippedLines_WhenRoundTripped_ThenFieldsAreEqual)
{
    const std::string loose = "v=0\n"
                              "o=- 1  2 IN IP4 192.0.2.3\n"
                              "s=A session\n"
                              "i=info\n"
                              "u=http://example.com\n"
                              "e=a@example.com\n"
                              "p=+1 555\n"
                              "c=IN IP4 224.2.1.1/127\n"
                              "b=AS:64\n"
                              "t=3149328700  0\n"
                              "r=7d 1h 0 25h\n"
                              "t=0 0\n"
                              "z=2882844526 -1h\n"
                              "k=clear:secret\n"
                              "a=recvonly\n"
                              "m=audio 49217 RTP/AVP 0  12\n"
                              "i=voice\n"
                              "b=AS:32\n"
                              "k=prompt\n"
                              "a=rtpmap:0 PCMU/8000\n"
                              "a=fmtp:\n"
                              "\n\r\n";
    SdpSession sdp = ParseOk(loose);
    EXPECT_EQ(sdp.timing, "3149328700 0") << "first t= is kept";
    EXPECT_EQ(sdp.connection->address, "224.2.1.1/127");
    EXPECT_EQ(sdp.media[0].formats, (std::vector<std::string>{"0", "12"}));
    EXPECT_EQ(sdp.media[0].attributes.back().name, "fmtp");
    EXPECT_TRUE(sdp.media[0].attributes.back().hasValue);
    EXPECT_EQ(sdp.media[0].attributes.back().value, "");
    const std::string formatted = FormatSdp(sdp);
    EXPECT_EQ(formatted.find("i="), std::string::npos);
    SdpSession again = ParseOk(formatted);
    EXPECT_TRUE(again == sdp) << formatted;
    EXPECT_EQ(FormatSdp(again), formatted);
}

TEST(SdpSession, GivenAttributeHelpers_WhenEditingMedia_ThenCryptoLinesAreReplacedInPlaceOrder)
{
    SdpSession sdp = ParseOk(kOffer);
    SdpMedia& audio = sdp.media[0];
    audio.RemoveAttributes("crypto");
    EXPECT_FALSE(audio.HasAttribute("crypto"));
    audio.AddAttribute("crypto", kCrypto32);
    audio.AddAttribute("rtcp-mux", "");
    EXPECT_EQ(audio.AttributeValues("crypto"), std::vector<std::string>{kCrypto32});
    EXPECT_FALSE(audio.attributes.back().hasValue);
    sdp.RemoveAttributes("3ge2ae");
    sdp.AddAttribute("3ge2ae", "applied");
    const std::string text = FormatSdp(sdp);
    EXPECT_NE(text.find("a=rtcp-mux\r\n"), std::string::npos);
    EXPECT_NE(text.find("t=0 0\r\na=3ge2ae:applied\r\nm=audio"), std::string::npos);
    EXPECT_TRUE(ParseOk(text) == sdp);
}

TEST(SdpSession, GivenBuiltSession_WhenFormatted_ThenCanonicalOrderVOSCTAM)
{
    SdpSession sdp;
    sdp.origin = {"-", 42, 1, "IN", "IP4", "10.0.0.2"};
    sdp.connection = SdpConnection{"IN", "IP4", "10.0.0.2"};
    SdpMedia audio;
    audio.media = "audio";
    audio.port = 4000;
    audio.proto = "RTP/AVP";
    audio.formats = {"0"};
    audio.AddAttribute("ptime", "20");
    sdp.media.push_back(audio);
    EXPECT_EQ(FormatSdp(sdp), "v=0\r\n"
                              "o=- 42 1 IN IP4 10.0.0.2\r\n"
                              "s=-\r\n"
                              "c=IN IP4 10.0.0.2\r\n"
                              "t=0 0\r\n"
                              "m=audio 4000 RTP/AVP 0\r\n"
                              "a=ptime:20\r\n");
}

TEST(SdpSession, GivenCrLfInsideFields_WhenFormatted_ThenNoLineCanBeInjected)
{
    SdpSession sdp = ParseOk(kOffer);
    sdp.sessionName = "x\r\na=crypto:evil";
    sdp.media[0].AddAttribute("label", "1\na=crypto:evil");
    auto again = ParseSdp(FormatSdp(sdp));
    ASSERT_TRUE(again.IsOk());
    EXPECT_EQ(again.Value().media[0].AttributeValues("crypto").size(), 2u);
}

TEST(SdpSession, GivenBadMediaLines_WhenParsed_ThenTypedErrorsNameTheLine)
{
    ExpectError(ReplaceLine(kOffer, 7, "m=audio 65536 RTP/SAVP 0"), Errc::OutOfRange, "line 7");
    ExpectError(ReplaceLine(kOffer, 7, "m=audio -1 RTP/SAVP 0"), Errc::Malformed, "(m=)");
    ExpectError(ReplaceLine(kOffer, 7, "m=audio port RTP/SAVP 0"), Errc::Malformed, "port");
    ExpectError(ReplaceLine(kOffer, 7, "m=audio 99999999999999999999999 RTP/SAVP 0"),
                Errc::OutOfRange, "port");
    ExpectError(ReplaceLine(kOffer, 7, "m=audio 49170/2 RTP/SAVP 0"), Errc::Unsupported, "m=");
    ExpectError(ReplaceLine(kOffer, 7, "m=audio 49170 RTP/SAVP"), Errc::Malformed, "m=");
    ExpectError(ReplaceLine(kOffer, 7, "m=au:dio 49170 RTP/SAVP 0"), Errc::Malformed, "media");
    ExpectError(ReplaceLine(kOffer, 7, "m=audio 49170 RTP<AVP 0"), Errc::Malformed, "proto");
    ExpectError(ReplaceLine(kOffer, 7, "m =audio 49170 RTP/SAVP 0"), Errc::Malformed, "line 7");
}

TEST(SdpSession, GivenMissingOrMisplacedMandatoryLines_WhenParsed_ThenTypedErrors)
{
    ExpectError(ReplaceLine(kOffer, 1, ""), Errc::MissingField, "v=");
    ExpectError(ReplaceLine(kOffer, 1, "v=1"), Errc::Unsupported, "version");
    ExpectError(ReplaceLine(kOffer, 2, ""), Errc::MissingField, "o=");
    ExpectError(ReplaceLine(kOffer, 3, ""), Errc::MissingField, "s=");
    ExpectError(ReplaceLine(kOffer, 5, ""), Errc::MissingField, "t=");
    ExpectError(ReplaceLine(kOffer, 4, ""), Errc::MissingField, "c=");
    ExpectError("", Errc::MissingField, "v=");
    ExpectError("v=0\r\n", Errc::MissingField, "o=");
    ExpectError("v=0\r\no=- 1 1 IN IP4 h\r\n", Errc::MissingField, "s=");
    ExpectError(kOffer + "t=0 0\r\n", Errc::Malformed, "after m=");
    ExpectError(kOffer + "v=0\r\n", Errc::Malformed, "duplicate");
    ExpectError(ReplaceLine(kOffer, 6, "c=IN IP4 10.0.0.3"), Errc::Malformed, "more than one c=");
    ExpectError(kOffer + "c=IN IP4 10.0.0.8\r\n", Errc::Unsupported, "more than one c=");
}

TEST(SdpSession, GivenMalformedLines_WhenParsed_ThenTypedErrors)
{
    ExpectError(ReplaceLine(kOffer, 2, "o=- 1 IN IP4 h"), Errc::Malformed, "o=");
    ExpectError(ReplaceLine(kOffer, 2, "o=- x 1 IN IP4 h"), Errc::Malformed, "sess-id");
    ExpectError(ReplaceLine(kOffer, 2, "o=- 18446744073709551616 1 IN IP4 h"), Errc::OutOfRange,
                "sess-id");
    ExpectError(ReplaceLine(kOffer, 4, "c=IN IP4"), Errc::Malformed, "c=");
    ExpectError(ReplaceLine(kOffer, 5, "t=0"), Errc::Malformed, "t=");
    ExpectError(ReplaceLine(kOffer, 5, "t=now 0"), Errc::Malformed, "time");
    ExpectError(ReplaceLine(kOffer, 6, "a=:value"), Errc::Malformed, "attribute name");
    ExpectError(ReplaceLine(kOffer, 6, "a=na me:value"), Errc::Malformed, "attribute name");
    ExpectError(ReplaceLine(kOffer, 6, "x=unknown"), Errc::Unsupported, "unknown");
    ExpectError(ReplaceLine(kOffer, 6, "A=upper"), Errc::Malformed, "<type>=<value>");
    ExpectError(ReplaceLine(kOffer, 6, "a"), Errc::Malformed, "<type>=<value>");
    ExpectError(ReplaceLine(kOffer, 6, std::string("a=x:\0y", 6)), Errc::Malformed, "NUL");
    ExpectError(ReplaceLine(kOffer, 6, "a=x:\ry"), Errc::Malformed, "CR");
    ExpectError(ReplaceLine(kOffer, 6, "\r\na=x"), Errc::Malformed, "empty line");
}

TEST(SdpSession, GivenLimits_WhenExceededOrMet_ThenTooLargeOnlyPastThem)
{
    std::string attributes;
    for (size_t i = 0; i < kMaxSdpAttributes; ++i)
    {
        attributes += "a=x:" + std::to_string(i) + "\r\n";
    }
    EXPECT_TRUE(ParseSdp(kOffer + attributes).IsOk());
    ExpectError(kOffer + attributes + "a=one-more\r\n", Errc::TooLarge, "a= lines");
    std::string media;
    for (size_t i = 0; i < kMaxSdpMedia - 2; ++i)
    {
        media += "m=audio 0 RTP/AVP 0\r\n";
    }
    EXPECT_TRUE(ParseSdp(kOffer + media).IsOk());
    ExpectError(kOffer + media + "m=audio 0 RTP/AVP 0\r\n", Errc::TooLarge, "m= lines");
    ExpectError(kOffer + "a=pad:" + std::string(kMaxSdpSize, 'p') + "\r\n", Errc::TooLarge,
                "octets");
}

} // namespace
} // namespace sip
} // namespace mediasec
