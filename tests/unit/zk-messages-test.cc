// Zk message codec (doc/zk-inter-kms.md): round trips of the envelope, request and answer
// bodies, and typed errors for every truncation and for wrong magic, version, kind and status.
#include "protocol/kms/ticket-crypto.h"
#include "protocol/kms/zk-messages.h"
#include "protocol/mikey/ticket-data.h"
#include "protocol/mikey/ticket-fields.h"

#include <gtest/gtest.h>

namespace mediasec
{
namespace kms
{
namespace
{

ZkResolveRequest
SampleRequest()
{
    ZkResolveRequest r;
    r.ticket.policy.ticketType = mikey::k3gppTicketType;
    AddPolicyIdentities(r.ticket.policy, mikey::IdRole::Kms, {"sip:kms@ims.test"});
    r.ticket.ticketData = Bytes(40, 0x5A);
    r.identity = "sip:bob@other.test";
    r.identities = {"sip:bob@other.test", "tel:+15550001"};
    return r;
}

ZkEnvelope
SampleEnvelope(ZkKind kind)
{
    ZkEnvelope e;
    e.kind = kind;
    e.sender = "sip:kms@other.test";
    e.receiver = "sip:kms@ims.test";
    e.timestampNtp = 0x0123456789ABCDEFULL;
    e.nonce = Bytes(kZkNonceLength, 0x11);
    if (kind == ZkKind::ResolveAnswer)
    {
        e.requestNonce = Bytes(kZkNonceLength, 0x22);
    }
    e.sealed = Bytes(20, 0x33);
    return e;
}

TEST(ZkMessages, GivenARequest_WhenFormattedAndParsed_ThenEveryFieldComesBack)
{
    const ZkResolveRequest r = SampleRequest();
    auto parsed = ParseZkResolveRequest(FormatZkResolveRequest(r));
    ASSERT_TRUE(parsed.IsOk()) << parsed.GetError().ToString();
    EXPECT_EQ(parsed.Value().identity, r.identity);
    EXPECT_EQ(parsed.Value().identities, r.identities);
    EXPECT_EQ(parsed.Value().ticket.ticketData, r.ticket.ticketData);
    EXPECT_EQ(mikey::PolicyIdentities(parsed.Value().ticket.policy, mikey::IdRole::Kms),
              std::vector<std::string>{"sip:kms@ims.test"});
}

TEST(ZkMessages, GivenGrantedAndRefusedAnswers_WhenRoundTripped_ThenTheyAreEqual)
{
    ZkResolveAnswer granted{
        ZkForkedKeys{"sip:bob@other.test", Bytes(32, 1), Bytes(32, 2), Bytes(32, 3), Bytes(32, 4)},
        std::nullopt};
    auto g = ParseZkResolveAnswer(FormatZkResolveAnswer(granted));
    ASSERT_TRUE(g.IsOk());
    ASSERT_TRUE(g.Value().keys.has_value());
    EXPECT_EQ(g.Value().keys->identity, "sip:bob@other.test");
    EXPECT_EQ(g.Value().keys->randRkms, Bytes(32, 1));
    EXPECT_EQ(g.Value().keys->forkedTgk, Bytes(32, 4));

    ZkResolveAnswer refused{std::nullopt, ZkRefusal{7, "not an allowed recipient"}};
    auto r = ParseZkResolveAnswer(FormatZkResolveAnswer(refused));
    ASSERT_TRUE(r.IsOk());
    ASSERT_TRUE(r.Value().refusal.has_value());
    EXPECT_EQ(r.Value().refusal->refusal, 7);
    EXPECT_EQ(r.Value().refusal->detail, "not an allowed recipient");
}

TEST(ZkMessages, GivenEnvelopes_WhenRoundTripped_ThenHeaderAndSealedBodyComeBack)
{
    for (ZkKind kind : {ZkKind::ResolveRequest, ZkKind::ResolveAnswer})
    {
        const ZkEnvelope e = SampleEnvelope(kind);
        auto parsed = ParseZkEnvelope(FormatZkEnvelope(e));
        ASSERT_TRUE(parsed.IsOk()) << parsed.GetError().ToString();
        EXPECT_EQ(parsed.Value().sender, e.sender);
        EXPECT_EQ(parsed.Value().receiver, e.receiver);
        EXPECT_EQ(parsed.Value().timestampNtp, e.timestampNtp);
        EXPECT_EQ(parsed.Value().nonce, e.nonce);
        EXPECT_EQ(parsed.Value().requestNonce, e.requestNonce);
        EXPECT_EQ(parsed.Value().sealed, e.sealed);
        EXPECT_EQ(FormatZkEnvelopeHeader(parsed.Value()), FormatZkEnvelopeHeader(e));
    }
}

TEST(ZkMessages, GivenEveryTruncation_WhenParsed_ThenATypedErrorAndNoCrash)
{
    const Bytes request = FormatZkResolveRequest(SampleRequest());
    const Bytes answer = FormatZkResolveAnswer(ZkResolveAnswer{
        ZkForkedKeys{"sip:b@x", Bytes(32, 1), Bytes(32, 2), Bytes(32, 3), Bytes(32, 4)},
        std::nullopt});
    const Bytes envelope = FormatZkEnvelope(SampleEnvelope(ZkKind::ResolveAnswer));
    for (size_t n = 0; n < request.size(); ++n)
    {
        EXPECT_FALSE(ParseZkResolveRequest(Bytes(request.begin(), request.begin() + n)).IsOk());
    }
    for (size_t n = 0; n < answer.size(); ++n)
    {
        EXPECT_FALSE(ParseZkResolveAnswer(Bytes(answer.begin(), answer.begin() + n)).IsOk());
    }
    // Below header + tag length the envelope cannot parse.
    for (size_t n = 0; n < envelope.size() - 4; ++n)
    {
        EXPECT_FALSE(ParseZkEnvelope(Bytes(envelope.begin(), envelope.begin() + n)).IsOk());
    }
}

TEST(ZkMessages, GivenWrongMagicVersionKindOrStatus_WhenParsed_ThenTheFieldIsNamed)
{
    Bytes e = FormatZkEnvelope(SampleEnvelope(ZkKind::ResolveRequest));
    Bytes badMagic = e;
    badMagic[0] = 'X';
    EXPECT_EQ(ParseZkEnvelope(badMagic).GetError().code, Errc::Malformed);
    Bytes badVersion = e;
    badVersion[2] = 2;
    EXPECT_EQ(ParseZkEnvelope(badVersion).GetError().code, Errc::Unsupported);
    Bytes badKind = e;
    badKind[3] = 9;
    EXPECT_EQ(ParseZkEnvelope(badKind).GetError().code, Errc::Unsupported);
    EXPECT_EQ(ParseZkResolveAnswer(Bytes{5}).GetError().code, Errc::Unsupported);
    Bytes extra = FormatZkResolveRequest(SampleRequest());
    extra.push_back(0);
    EXPECT_EQ(ParseZkResolveRequest(extra).GetError().code, Errc::BadLength);
}

} // namespace
} // namespace kms
} // namespace mediasec
