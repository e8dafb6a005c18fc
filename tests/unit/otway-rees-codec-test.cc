// The Otway-Rees message and sealed-part codec (doc/otway-rees.md): every message and part
// round-trips, and a truncated, extended, reordered, mis-sized or mis-typed encoding is refused
// with the typed error naming the field. Also the SDP key-mgmt attribute and refusal codes.
#include "protocol/common/base64.h"
#include "protocol/otway-rees/otway-rees-aead.h"
#include "protocol/otway-rees/otway-rees-fields.h"
#include "protocol/otway-rees/otway-rees-messages.h"
#include "protocol/otway-rees/otway-rees-parts.h"
#include "protocol/otway-rees/otway-rees-sdp.h"
#include "protocol/otway-rees/sgw-key-push.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

namespace mediasec
{
namespace otway
{
namespace
{

const Bytes kM(kSessionIdLength, 0x4d);
const Bytes kSealedA(40, 0xa1);
const Bytes kSealedB(44, 0xb2);

/** \return every message type's sample encoding, with its parser */
std::vector<std::pair<Bytes, std::function<Status(const Bytes&)>>>
Samples()
{
    auto status = [](auto parse) {
        return [parse](const Bytes& b) -> Status {
            auto r = parse(b);
            if (!r)
            {
                return r.GetError();
            }
            return Ok{};
        };
    };
    return {
        {FormatOffer(Offer{kM, "sip:a@x", "sip:b@x", kSealedA}), status(ParseOffer)},
        {FormatKmsRequest(KmsRequest{kM, "sip:a@x", "sip:b@x", "sip:b@x", kSealedA, kSealedB}),
         status(ParseKmsRequest)},
        {FormatKmsReply(KmsReply{kM, kSealedA, kSealedB}), status(ParseKmsReply)},
        {FormatAnswer(Answer{kM, kSealedA}), status(ParseAnswer)},
        {FormatErrorMessage(ErrorMessage{kM, Refusal::Replay}), status(ParseErrorMessage)},
    };
}

TEST(OtwayReesCodec, GivenAnOffer_WhenFormattedAndParsed_ThenEveryFieldSurvives)
{
    Offer offer{kM, "sip:alice@ims.example.com", "tel:+15551234567", kSealedA};
    Bytes bytes = FormatOffer(offer);
    auto parsed = ParseOffer(bytes);
    ASSERT_TRUE(parsed) << parsed.GetError().ToString();
    EXPECT_EQ(parsed.Value().sessionId, offer.sessionId);
    EXPECT_EQ(parsed.Value().initiatorId, offer.initiatorId);
    EXPECT_EQ(parsed.Value().responderId, offer.responderId);
    EXPECT_EQ(parsed.Value().sealedInitiator, offer.sealedInitiator);
    EXPECT_EQ(FormatOffer(parsed.Value()), bytes);
    EXPECT_EQ(bytes[0], kVersion);
    EXPECT_EQ(bytes[1], static_cast<uint8_t>(MessageType::Offer));
    EXPECT_EQ(bytes[2], static_cast<uint8_t>(FieldType::SessionId));
}

TEST(OtwayReesCodec, GivenAKmsRequest_WhenFormattedAndParsed_ThenEveryFieldSurvives)
{
    KmsRequest request{kM, "sip:a@x", "tel:+1", "sip:sgw@x", kSealedA, kSealedB};
    auto parsed = ParseKmsRequest(FormatKmsRequest(request));
    ASSERT_TRUE(parsed) << parsed.GetError().ToString();
    EXPECT_EQ(parsed.Value().sessionId, kM);
    EXPECT_EQ(parsed.Value().initiatorId, "sip:a@x");
    EXPECT_EQ(parsed.Value().responderId, "tel:+1");
    EXPECT_EQ(parsed.Value().requesterId, "sip:sgw@x");
    EXPECT_EQ(parsed.Value().sealedInitiator, kSealedA);
    EXPECT_EQ(parsed.Value().sealedRequester, kSealedB);
}

TEST(OtwayReesCodec, GivenAKmsReplyAndAnAnswer_WhenFormattedAndParsed_ThenEveryFieldSurvives)
{
    auto reply = ParseKmsReply(FormatKmsReply(KmsReply{kM, kSealedA, kSealedB}));
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply.Value().sessionId, kM);
    EXPECT_EQ(reply.Value().sealedInitiatorGrant, kSealedA);
    EXPECT_EQ(reply.Value().sealedRequesterGrant, kSealedB);
    auto answer = ParseAnswer(FormatAnswer(Answer{kM, kSealedB}));
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer.Value().sessionId, kM);
    EXPECT_EQ(answer.Value().sealedInitiatorGrant, kSealedB);
}

TEST(OtwayReesCodec, GivenEveryRefusal_WhenSentAsAnErrorMessage_ThenTheCodeSurvives)
{
    for (uint8_t code = 1; code <= kRefusalCount; ++code)
    {
        Refusal refusal = RefusalFromCode(code).Value();
        auto parsed = ParseErrorMessage(FormatErrorMessage(ErrorMessage{kM, refusal}));
        ASSERT_TRUE(parsed);
        EXPECT_EQ(parsed.Value().refusal, refusal);
        EXPECT_STRNE(RefusalName(refusal), "unknown");
    }
}

TEST(OtwayReesCodec, GivenAnUnassignedRefusalCode_WhenParsed_ThenOutOfRange)
{
    Bytes bytes = FormatErrorMessage(ErrorMessage{kM, Refusal::Stale});
    bytes.back() = 0;
    EXPECT_EQ(ParseErrorMessage(bytes).GetError().code, Errc::OutOfRange);
    bytes.back() = kRefusalCount + 1;
    EXPECT_EQ(ParseErrorMessage(bytes).GetError().code, Errc::OutOfRange);
}

TEST(OtwayReesCodec, GivenEveryMessageCutShort_WhenParsed_ThenEachPrefixIsATypedError)
{
    for (const auto& [bytes, parse] : Samples())
    {
        for (size_t n = 0; n < bytes.size(); ++n)
        {
            Bytes prefix(bytes.begin(), bytes.begin() + n);
            auto status = parse(prefix);
            ASSERT_FALSE(status) << "prefix of " << n << " bytes";
            Errc code = status.GetError().code;
            EXPECT_TRUE(code == Errc::Truncated || code == Errc::MissingField) << ErrcName(code);
        }
        EXPECT_TRUE(parse(bytes));
    }
}

TEST(OtwayReesCodec, GivenEveryMessageWithAnExtraField_WhenParsed_ThenMalformedExtraField)
{
    FieldWriter extra;
    extra.Add(FieldType::Nonce, Bytes(kNonceLength, 0));
    Bytes tail = extra.Take();
    for (auto [bytes, parse] : Samples())
    {
        bytes.insert(bytes.end(), tail.begin(), tail.end());
        auto status = parse(bytes);
        ASSERT_FALSE(status);
        EXPECT_EQ(status.GetError().code, Errc::Malformed);
        EXPECT_NE(status.GetError().detail.find("extra field"), std::string::npos);
    }
}

TEST(OtwayReesCodec, GivenAnOfferWithoutEa_WhenParsed_ThenMissingFieldNamesEa)
{
    FieldWriter w(MessageType::Offer);
    w.Add(FieldType::SessionId, kM);
    w.AddText(FieldType::InitiatorId, "sip:a@x");
    w.AddText(FieldType::ResponderId, "sip:b@x");
    auto parsed = ParseOffer(w.Take());
    ASSERT_FALSE(parsed);
    EXPECT_EQ(parsed.GetError().code, Errc::MissingField);
    EXPECT_NE(parsed.GetError().detail.find("Ea"), std::string::npos);
}

TEST(OtwayReesCodec, GivenAnOfferWithItsIdsSwapped_WhenParsed_ThenMalformedFieldType)
{
    FieldWriter w(MessageType::Offer);
    w.Add(FieldType::SessionId, kM);
    w.AddText(FieldType::ResponderId, "sip:b@x");
    w.AddText(FieldType::InitiatorId, "sip:a@x");
    w.Add(FieldType::SealedInitiatorRequest, kSealedA);
    auto parsed = ParseOffer(w.Take());
    ASSERT_FALSE(parsed);
    EXPECT_EQ(parsed.GetError().code, Errc::Malformed);
    EXPECT_NE(parsed.GetError().detail.find("ID-A"), std::string::npos);
}

TEST(OtwayReesCodec, GivenAShortMOrAnEmptyIdentity_WhenParsed_ThenBadLength)
{
    EXPECT_EQ(ParseAnswer(FormatAnswer(Answer{Bytes(15, 1), kSealedA})).GetError().code,
              Errc::BadLength);
    EXPECT_EQ(ParseOffer(FormatOffer(Offer{kM, "", "sip:b@x", kSealedA})).GetError().code,
              Errc::BadLength);
    EXPECT_EQ(ParseOffer(FormatOffer(Offer{kM, std::string(256, 'a'), "sip:b@x", kSealedA}))
                  .GetError()
                  .code,
              Errc::BadLength);
    EXPECT_EQ(ParseAnswer(FormatAnswer(Answer{kM, Bytes(kMinSealedLength - 1, 0)})).GetError().code,
              Errc::BadLength);
}

TEST(OtwayReesCodec, GivenAnotherVersionOrMessageType_WhenParsed_ThenUnsupportedOrMalformed)
{
    Bytes answer = FormatAnswer(Answer{kM, kSealedA});
    Bytes v2 = answer;
    v2[0] = 2;
    EXPECT_EQ(ParseAnswer(v2).GetError().code, Errc::Unsupported);
    EXPECT_EQ(PeekMessageType(v2).GetError().code, Errc::Unsupported);
    EXPECT_EQ(ParseOffer(answer).GetError().code, Errc::Malformed);
    EXPECT_EQ(PeekMessageType(answer).Value(), MessageType::Answer);
    EXPECT_EQ(PeekMessageType(Bytes{kVersion}).GetError().code, Errc::Truncated);
    EXPECT_EQ(PeekMessageType(Bytes{kVersion, 7}).GetError().code, Errc::Unsupported);
}

TEST(OtwayReesCodec, GivenAMessageOverTheSizeLimit_WhenParsed_ThenTooLarge)
{
    Bytes huge = FormatAnswer(Answer{kM, Bytes(kMaxMessageSize, 0)});
    EXPECT_EQ(ParseAnswer(huge).GetError().code, Errc::TooLarge);
    EXPECT_EQ(PeekMessageType(huge).GetError().code, Errc::TooLarge);
}

TEST(OtwayReesCodec, GivenARequestPartAndAKeyGrant_WhenEncodedAndDecoded_ThenEveryFieldSurvives)
{
    RequestPart part{Bytes(kNonceLength, 1), kM, "sip:a@x", "sip:b@x", -5};
    auto decoded = DecodeRequestPart(EncodeRequestPart(part));
    ASSERT_TRUE(decoded);
    EXPECT_EQ(decoded.Value().nonce, part.nonce);
    EXPECT_EQ(decoded.Value().timestampNs, -5);
    EXPECT_EQ(decoded.Value().responderId, "sip:b@x");
    KeyGrant grant{Bytes(kNonceLength, 2), kM, Bytes(kSessionKeyLength, 3), "a", "b", "r"};
    auto opened = DecodeKeyGrant(EncodeKeyGrant(grant));
    ASSERT_TRUE(opened);
    EXPECT_EQ(opened.Value().sessionKey, grant.sessionKey);
    EXPECT_EQ(opened.Value().requesterId, "r");
    EXPECT_EQ(DecodeKeyGrant(EncodeRequestPart(part)).GetError().code, Errc::Malformed);
}

TEST(OtwayReesCodec, GivenAKeyPushPart_WhenEncodedAndDecoded_ThenEveryFieldSurvives)
{
    KeyPushPart part{Bytes(kNonceLength, 9), kM, Bytes(kSessionKeyLength, 8), "sip:sgw@x", 77};
    auto decoded = DecodeKeyPushPart(EncodeKeyPushPart(part));
    ASSERT_TRUE(decoded);
    EXPECT_EQ(decoded.Value().gatewayId, "sip:sgw@x");
    EXPECT_EQ(decoded.Value().timestampNs, 77);
    EXPECT_EQ(decoded.Value().sessionKey, part.sessionKey);
}

TEST(OtwayReesSdp, GivenAnOffer_WhenCarriedInKeyMgmt_ThenItRoundTrips)
{
    Bytes offer = FormatOffer(Offer{kM, "sip:a@x", "sip:b@x", kSealedA});
    std::string value = FormatKeyMgmtOtwayRees(offer);
    EXPECT_EQ(value.rfind("otway-rees ", 0), 0u);
    auto parsed = ParseKeyMgmtOtwayRees(value);
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed.Value(), offer);
}

TEST(OtwayReesSdp, GivenBadAttributeValues_WhenParsed_ThenTypedErrors)
{
    EXPECT_EQ(ParseKeyMgmtOtwayRees("mikey AAAA").GetError().code, Errc::Unsupported);
    EXPECT_EQ(ParseKeyMgmtOtwayRees("otway-rees").GetError().code, Errc::Malformed);
    EXPECT_EQ(ParseKeyMgmtOtwayRees("otway-rees ").GetError().code, Errc::MissingField);
    EXPECT_EQ(ParseKeyMgmtOtwayRees("otway-rees AA=B").GetError().code, Errc::Malformed);
    EXPECT_EQ(ParseKeyMgmtOtwayRees("otway-rees AB==").GetError().code, Errc::Malformed);
    std::string huge = "otway-rees " + Base64Encode(Bytes(kMaxMessageSize + 3, 0));
    EXPECT_EQ(ParseKeyMgmtOtwayRees(huge).GetError().code, Errc::TooLarge);
}

} // namespace
} // namespace otway
} // namespace mediasec
