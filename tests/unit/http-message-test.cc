// HTTP/1.1 messages for Ub/Ua: format + parse round trips, split-at-every-byte stream feeding,
// chunked decoding, and a typed error for every bad input of PERF.md section 3 (HTTP/XML).
#include "protocol/http/http-message.h"

#include <gtest/gtest.h>

#include <string>

namespace mediasec
{
namespace http
{
namespace
{

Result<std::vector<HttpRequest>>
FeedAll(HttpStreamParser& parser, const std::string& text)
{
    return parser.FeedRequests(reinterpret_cast<const uint8_t*>(text.data()), text.size());
}

Result<std::vector<HttpResponse>>
FeedAllResponses(HttpStreamParser& parser, const std::string& text)
{
    return parser.FeedResponses(reinterpret_cast<const uint8_t*>(text.data()), text.size());
}

/** \return the error code of parsing \p text as one request stream. */
Errc
RequestError(const std::string& text)
{
    HttpStreamParser parser;
    auto result = FeedAll(parser, text);
    EXPECT_FALSE(result) << "accepted: " << text;
    return result ? Errc::InvalidState : result.GetError().code;
}

HttpRequest
UbGet()
{
    HttpRequest request;
    request.method = "GET";
    request.target = "/";
    request.headers = {{"Host", "bsf.mnc001.mcc001.pub.3gppnetwork.org"},
                       {"User-Agent", "ims-mediasec 3gpp-gba"},
                       {"Authorization", "Digest username=\"user1@ims\", uri=\"/\""}};
    return request;
}

HttpResponse
BsfOk()
{
    HttpResponse response;
    response.status = 200;
    response.reason = "OK";
    response.headers = {{"Content-Type", "application/vnd.3gpp.bsf+xml"}};
    response.body = "<?xml version=\"1.0\"?><BootstrappingInfo/>";
    return response;
}

TEST(HttpMessage, GivenARequest_WhenFormatted_ThenContentLengthIsAlwaysWritten)
{
    HttpRequest request = UbGet();
    request.headers.emplace_back("content-length", "99");
    const std::string text = Format(request);
    EXPECT_EQ(text.substr(0, 16), "GET / HTTP/1.1\r\n");
    EXPECT_NE(text.find("\r\nContent-Length: 0\r\n\r\n"), std::string::npos);
    EXPECT_EQ(text.find("99"), std::string::npos);
}

TEST(HttpMessage, GivenARequestAndAResponse_WhenFormattedAndParsed_ThenTheyAreEqual)
{
    HttpRequest request = UbGet();
    request.body = "abc";
    HttpStreamParser requests;
    auto parsedRequests = FeedAll(requests, Format(request));
    ASSERT_TRUE(parsedRequests) << parsedRequests.GetError().ToString();
    ASSERT_EQ(parsedRequests.Value().size(), 1u);
    EXPECT_EQ(parsedRequests.Value()[0], request);

    HttpStreamParser responses;
    auto parsedResponses = FeedAllResponses(responses, Format(BsfOk()));
    ASSERT_TRUE(parsedResponses) << parsedResponses.GetError().ToString();
    ASSERT_EQ(parsedResponses.Value().size(), 1u);
    EXPECT_EQ(parsedResponses.Value()[0], BsfOk());
}

TEST(HttpMessage, GivenHeaders_WhenLookingUpInAnotherCase_ThenTheValueIsFound)
{
    const HeaderList headers = UbGet().headers;
    ASSERT_NE(FindHeader(headers, "AUTHORIZATION"), nullptr);
    EXPECT_EQ(*FindHeader(headers, "host"), "bsf.mnc001.mcc001.pub.3gppnetwork.org");
    EXPECT_EQ(FindHeader(headers, "WWW-Authenticate"), nullptr);
}

TEST(HttpMessage, GivenThreePipelinedRequests_WhenSplitAtEveryByte_ThenTheSameRequestsArrive)
{
    HttpRequest second = UbGet();
    second.method = "POST";
    second.body = std::string(300, 'x');
    HttpRequest third = UbGet();
    third.method = "PUT";
    third.body = "hello, chunked!";
    const std::string chunked = "PUT / HTTP/1.1\r\nHost: bsf.mnc001.mcc001.pub.3gppnetwork.org\r\n"
                                "User-Agent: ims-mediasec 3gpp-gba\r\nAuthorization: Digest "
                                "username=\"user1@ims\", uri=\"/\"\r\nTransfer-Encoding: chunked"
                                "\r\n\r\n5\r\nhello\r\nA;x=y\r\n, chunked!\r\n0\r\n\r\n";
    const std::string stream = Format(UbGet()) + Format(second) + chunked;
    for (size_t split = 0; split <= stream.size(); ++split)
    {
        HttpStreamParser parser;
        auto first = FeedAll(parser, stream.substr(0, split));
        auto rest = FeedAll(parser, stream.substr(split));
        ASSERT_TRUE(first && rest) << "split " << split;
        std::vector<HttpRequest> all = first.Value();
        all.insert(all.end(), rest.Value().begin(), rest.Value().end());
        ASSERT_EQ(all.size(), 3u) << "split " << split;
        EXPECT_EQ(all[0], UbGet());
        EXPECT_EQ(all[1], second);
        EXPECT_EQ(all[2], third);
        EXPECT_EQ(parser.Buffered(), 0u);
    }
}

TEST(HttpMessage, GivenAChunkedResponseFedByteByByte_WhenParsed_ThenTheBodyIsDecoded)
{
    const std::string stream = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                               "5;ext=1\r\nhello\r\nA\r\n, chunked!\r\n0\r\nX-Trailer: t\r\n\r\n";
    HttpStreamParser parser;
    std::vector<HttpResponse> all;
    for (char c : stream)
    {
        auto got = parser.FeedResponses(reinterpret_cast<const uint8_t*>(&c), 1);
        ASSERT_TRUE(got) << got.GetError().ToString();
        all.insert(all.end(), got.Value().begin(), got.Value().end());
    }
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ(all[0].body, "hello, chunked!");
    EXPECT_TRUE(all[0].headers.empty());
}

TEST(HttpMessage, GivenA204AndA100_WhenParsed_ThenTheyHaveNoBodyDespiteFraming)
{
    HttpStreamParser parser;
    auto got = FeedAllResponses(parser, "HTTP/1.1 100 Continue\r\n\r\n"
                                        "HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n");
    ASSERT_TRUE(got) << got.GetError().ToString();
    ASSERT_EQ(got.Value().size(), 2u);
    EXPECT_EQ(got.Value()[1].status, 204);
    EXPECT_TRUE(got.Value()[1].body.empty());
}

TEST(HttpMessage, GivenAPartialMessage_WhenFed_ThenNothingIsReturnedAndBytesAreKept)
{
    HttpStreamParser parser;
    auto got = FeedAll(parser, "GET / HTTP/1.1\r\nContent-Length: 4\r\n\r\nab");
    ASSERT_TRUE(got);
    EXPECT_TRUE(got.Value().empty());
    got = FeedAll(parser, "cd");
    ASSERT_TRUE(got);
    ASSERT_EQ(got.Value().size(), 1u);
    EXPECT_EQ(got.Value()[0].body, "abcd");
}

TEST(HttpMessage, GivenBadContentLengths_WhenParsed_ThenEachHasATypedError)
{
    const std::string head = "POST / HTTP/1.1\r\n";
    EXPECT_EQ(RequestError(head + "Content-Length: -1\r\n\r\n"), Errc::Malformed);
    EXPECT_EQ(RequestError(head + "Content-Length: 12a\r\n\r\n"), Errc::Malformed);
    EXPECT_EQ(RequestError(head + "Content-Length: \r\n\r\n"), Errc::Malformed);
    EXPECT_EQ(RequestError(head + "Content-Length: 65537\r\n\r\n"), Errc::TooLarge);
    EXPECT_EQ(RequestError(head + "Content-Length: 99999999999999999999999\r\n\r\n"),
              Errc::TooLarge);
    EXPECT_EQ(RequestError(head + "Content-Length: 1\r\nContent-Length: 1\r\n\r\n"),
              Errc::Malformed);
    EXPECT_EQ(RequestError(head + "Content-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n"),
              Errc::Malformed);
}

TEST(HttpMessage, GivenAParserWithItsOwnBodyLimit_WhenABodyCrossesIt_ThenTooLarge)
{
    const std::string ok = "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" +
                           std::string(100000, 'm');
    HttpStreamParser large(1u << 20);
    auto got = large.FeedResponses(reinterpret_cast<const uint8_t*>(ok.data()), ok.size());
    ASSERT_TRUE(got) << got.GetError().ToString();
    ASSERT_EQ(got.Value().size(), 1u);
    EXPECT_EQ(got.Value()[0].body.size(), 100000u);
    HttpStreamParser small(99);
    const std::string over = "POST / HTTP/1.1\r\nContent-Length: 100\r\n\r\n";
    auto refused = small.FeedRequests(reinterpret_cast<const uint8_t*>(over.data()), over.size());
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.GetError().code, Errc::TooLarge);
    HttpStreamParser chunked(99);
    const std::string chunks = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n64\r\n";
    auto refusedChunk =
        chunked.FeedRequests(reinterpret_cast<const uint8_t*>(chunks.data()), chunks.size());
    ASSERT_FALSE(refusedChunk);
    EXPECT_EQ(refusedChunk.GetError().code, Errc::TooLarge);
}

TEST(HttpMessage, GivenBadChunkedBodies_WhenParsed_ThenEachHasATypedError)
{
    const std::string head = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
    EXPECT_EQ(RequestError(head + "zz\r\n"), Errc::Malformed);
    EXPECT_EQ(RequestError(head + "\r\n"), Errc::Malformed);
    EXPECT_EQ(RequestError(head + "-5\r\n"), Errc::Malformed);
    EXPECT_EQ(RequestError(head + "3\r\nabcX\r\n"), Errc::Malformed);
    EXPECT_EQ(RequestError(head + "10001\r\n"), Errc::TooLarge);
    EXPECT_EQ(RequestError(head + "ffffffffffffffffffffffff\r\n"), Errc::TooLarge);
    EXPECT_EQ(RequestError(head + "8000\r\n" + std::string(0x8000, 'a') + "\r\n8001\r\n"),
              Errc::TooLarge);
    EXPECT_EQ(RequestError("POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n"),
              Errc::Unsupported);
}

TEST(HttpMessage, GivenOversizedHeadsOrBadSyntax_WhenParsed_ThenEachHasATypedError)
{
    EXPECT_EQ(RequestError("GET / HTTP/1.1\r\nX: " + std::string(9000, 'a')), Errc::TooLarge);
    std::string many = "GET / HTTP/1.1\r\n";
    for (int i = 0; i < 101; ++i)
    {
        many += "X-" + std::to_string(i) + ": v\r\n";
    }
    EXPECT_EQ(RequestError(many + "\r\n"), Errc::TooLarge);
    EXPECT_EQ(RequestError("GET / HTTP/2.0\r\n\r\n"), Errc::Unsupported);
    EXPECT_EQ(RequestError("GET /\r\n\r\n"), Errc::Malformed);
    EXPECT_EQ(RequestError("GET / HTTP/1.1\nHost: a\n\n"), Errc::Malformed);
    EXPECT_EQ(RequestError("GET / HTTP/1.1\r\nHost a\r\n\r\n"), Errc::Malformed);
    EXPECT_EQ(RequestError("GET / HTTP/1.1\r\nHost : a\r\n\r\n"), Errc::Malformed);
    EXPECT_EQ(RequestError("GET / HTTP/1.1\r\nA: b\r\n c\r\n\r\n"), Errc::Malformed);
    EXPECT_EQ(RequestError(std::string("GET / HTTP/1.1\r\nA: b\x01\r\n\r\n")), Errc::Malformed);
    HttpStreamParser responses;
    auto bad = FeedAllResponses(responses, "HTTP/1.1 999 Nope\r\n\r\n");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.GetError().code, Errc::OutOfRange);
}

TEST(HttpMessage, GivenAFailedParser_WhenFedAValidMessage_ThenItStaysFailed)
{
    HttpStreamParser parser;
    ASSERT_FALSE(FeedAll(parser, "BAD\r\n"));
    EXPECT_TRUE(parser.Failed());
    auto again = FeedAll(parser, Format(UbGet()));
    ASSERT_FALSE(again);
    EXPECT_EQ(again.GetError().code, Errc::InvalidState);
}

TEST(HttpMessage, GivenARequestParser_WhenFedResponses_ThenInvalidState)
{
    HttpStreamParser parser;
    ASSERT_TRUE(FeedAll(parser, Format(UbGet())));
    auto mixed = FeedAllResponses(parser, Format(BsfOk()));
    ASSERT_FALSE(mixed);
    EXPECT_EQ(mixed.GetError().code, Errc::InvalidState);
}

} // namespace
} // namespace http
} // namespace mediasec
