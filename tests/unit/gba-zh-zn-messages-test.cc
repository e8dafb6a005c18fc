// The simulated Zh/Zn bodies (doc/gba-in-simulation.md): round trips and typed errors.
#include "protocol/gba/field-lines.h"
#include "protocol/gba/gba-keys.h"
#include "protocol/gba/zh-zn-messages.h"
#include "protocol/gba/zx-http.h"

#include <gtest/gtest.h>

namespace
{

using mediasec::Bytes;
using mediasec::Errc;
using mediasec::FromHex;
using namespace mediasec::gba;

Bytes
Hex(const char* hex)
{
    return FromHex(hex).Value();
}

ZhAnswer
SampleZhAnswer()
{
    ZhAnswer answer;
    answer.vector.rand = Hex("23553cbe9637a89d218ae64dae47bf35");
    answer.vector.autn = Hex("55f328b43577b9b94a9ffac354dfafb3");
    answer.vector.xres = Hex("a54211d5e3ba50bf");
    answer.vector.ck = Hex("b40ba9a3c58b2a05bbf0d987b21bf8cb");
    answer.vector.ik = Hex("f769bcd751044604127672711c6d3441");
    answer.impus = {"sip:alice@ims.test", "tel:+15550100"};
    return answer;
}

TEST(GbaZhZnMessages, GivenAZhAnswer_WhenFormattedAndParsed_ThenEveryFieldComesBack)
{
    const ZhAnswer answer = SampleZhAnswer();
    const std::string body = FormatZhAnswer(answer).Value();
    EXPECT_EQ(body.substr(0, 40), "Rand: 23553cbe9637a89d218ae64dae47bf35\r\n");
    const auto parsed = ParseZhAnswer(body);
    ASSERT_TRUE(parsed) << parsed.GetError().ToString();
    EXPECT_EQ(parsed.Value().vector.rand, answer.vector.rand);
    EXPECT_EQ(parsed.Value().vector.autn, answer.vector.autn);
    EXPECT_EQ(parsed.Value().vector.xres, answer.vector.xres);
    EXPECT_EQ(parsed.Value().vector.ck, answer.vector.ck);
    EXPECT_EQ(parsed.Value().vector.ik, answer.vector.ik);
    EXPECT_EQ(parsed.Value().impus, answer.impus);
}

TEST(GbaZhZnMessages, GivenAResyncZhRequest_WhenFormattedAndParsed_ThenRandAndAutsComeBack)
{
    const AvRequest request{"alice@ims.test", Hex("23553cbe9637a89d218ae64dae47bf35"),
                            Hex("0000000000000001020304050607")};
    const auto parsed = ParseZhRequest(FormatZhRequest(request).Value());
    ASSERT_TRUE(parsed) << parsed.GetError().ToString();
    EXPECT_EQ(parsed.Value().impi, request.impi);
    EXPECT_EQ(parsed.Value().resyncRand, request.resyncRand);
    EXPECT_EQ(parsed.Value().auts, request.auts);
}

TEST(GbaZhZnMessages, GivenAZnRequestAndAnswer_WhenFormattedAndParsed_ThenEveryFieldComesBack)
{
    const ZnRequest request{"I1U8vpY3qJ0hiuZNrke/NQ==@bsf.ims.test", "kms.ims.test",
                            kUaProtocolIdImsMediaPlane};
    const auto parsedRequest = ParseZnRequest(FormatZnRequest(request).Value());
    ASSERT_TRUE(parsedRequest);
    EXPECT_EQ(parsedRequest.Value().btid, request.btid);
    EXPECT_EQ(parsedRequest.Value().nafFqdn, request.nafFqdn);
    EXPECT_EQ(parsedRequest.Value().uaProtocolId, request.uaProtocolId);

    const ZnAnswer answer{"alice@ims.test",
                          Hex("68c47473b663f7ffb24de5c971660eaabf825d301531422278db64b7c4aae88c"),
                          1767312001,
                          {"sip:alice@ims.test"}};
    const auto parsedAnswer = ParseZnAnswer(FormatZnAnswer(answer).Value());
    ASSERT_TRUE(parsedAnswer);
    EXPECT_EQ(parsedAnswer.Value().impi, answer.impi);
    EXPECT_EQ(parsedAnswer.Value().ksNaf, answer.ksNaf);
    EXPECT_EQ(parsedAnswer.Value().expiryUnixSeconds, answer.expiryUnixSeconds);
    EXPECT_EQ(parsedAnswer.Value().impus, answer.impus);
}

TEST(GbaZhZnMessages, GivenBrokenBodies_WhenParsed_ThenEachFailsWithItsTypedError)
{
    EXPECT_EQ(ParseZhRequest("Impi: a\n").GetError().code, Errc::Malformed);
    EXPECT_EQ(ParseZhRequest("Impi:a\r\n").GetError().code, Errc::Malformed);
    EXPECT_EQ(ParseZhRequest("Impi: a\r\nImpi: b\r\n").GetError().code, Errc::Malformed);
    EXPECT_EQ(ParseZhRequest("Other: a\r\n").GetError().code, Errc::Unsupported);
    EXPECT_EQ(ParseZhRequest("").GetError().code, Errc::MissingField);
    EXPECT_EQ(ParseZhRequest("Impi: a\r\nAuts: 0000000000000001020304050607\r\n").GetError().code,
              Errc::MissingField);
    EXPECT_EQ(ParseZnRequest("Transaction-Id: x@y\r\nNaf-Fqdn: kms\r\nUa-Protocol-Id: 01\r\n")
                  .GetError()
                  .code,
              Errc::BadLength);
    std::string noIdentities = FormatZhAnswer(SampleZhAnswer()).Value();
    noIdentities = noIdentities.substr(0, noIdentities.find("Public-Identity"));
    EXPECT_EQ(ParseZhAnswer(noIdentities).GetError().code, Errc::OutOfRange);
    EXPECT_EQ(ParseZnAnswer("Impi: a\r\nKs-Naf: 00\r\nKey-Expiry: 1\r\nPublic-Identity: b\r\n")
                  .GetError()
                  .code,
              Errc::BadLength);
    EXPECT_EQ(FieldLines::Parse(std::string(kMaxFieldLinesSize + 1, 'a')).GetError().code,
              Errc::TooLarge);
    EXPECT_EQ(ParseZxFailure("Result-Code: 4242\r\n").GetError().code, Errc::Unsupported);
}

TEST(GbaZhZnMessages, GivenARefusal_WhenTheClientReadsIt_ThenTheResultCodeBecomesATypedError)
{
    const auto unknownBtid = ZxFailureResponse(ZxResultCode::TransactionIdInvalid, "B-TID\n");
    EXPECT_EQ(unknownBtid.status, 404);
    const auto error = ZxAnswerBody(unknownBtid);
    ASSERT_FALSE(error);
    EXPECT_EQ(error.GetError().code, Errc::AuthFailed);
    EXPECT_NE(error.GetError().detail.find("5403"), std::string::npos);
    EXPECT_EQ(ZxAnswerBody(ZxFailureResponse(ZxResultCode::ImpiUnknown, "x")).GetError().code,
              Errc::MissingField);
    EXPECT_EQ(ZxFailureResponse(ZxResultCode::NotAuthorized, "x").status, 403);
    EXPECT_EQ(ZxAnswerBody(ZxAnswerResponse("Impi: a\r\n")).Value(), "Impi: a\r\n");
}

} // namespace
