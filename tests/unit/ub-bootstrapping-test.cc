// The GBA Ub exchange UE <-> BSF in-process over the HTTP wire format (TS 33.220 4.5.2, TS 24.109,
// RFC 3310) with TS 35.208 test set 1: both sides end with the same Ks, the B-TID and Ks_NAF of
// REFERENCE.md section 4; a tampered RES and a replayed answer are refused; a sequence number
// failure re-synchronises through AUTS.
#include "protocol/gba/aka.h"
#include "protocol/gba/gba-keys.h"
#include "protocol/gba/milenage.h"
#include "protocol/gba/ub-bootstrapping.h"

#include <gtest/gtest.h>

namespace mediasec
{
namespace gba
{
namespace
{

Bytes
H(const char* hex)
{
    return FromHex(hex).Value();
}

const char* const kK = "465b5ce8b199b49faa5f0a2ee238a6bc";
const char* const kOp = "cdc202d5123e20f62b6d676ac72cb318";
const char* const kRand = "23553cbe9637a89d218ae64dae47bf35";
const char* const kSqn = "ff9bb4d0b607";
const char* const kImpi = "user1@ims.mnc001.mcc001.3gppnetwork.org";
const char* const kBsfDomain = "bsf.mnc001.mcc001.pub.3gppnetwork.org";
const char* const kNafFqdn = "kms.ims.mnc001.mcc001.3gppnetwork.org";
const char* const kKs = "b40ba9a3c58b2a05bbf0d987b21bf8cbf769bcd751044604127672711c6d3441";
const char* const kKsNaf = "68c47473b663f7ffb24de5c971660eaabf825d301531422278db64b7c4aae88c";
const char* const kBtid = "I1U8vpY3qJ0hiuZNrke/NQ==@bsf.mnc001.mcc001.pub.3gppnetwork.org";

Milenage
TestSet1()
{
    return Milenage::Create(H(kK), H(kOp), false).Value();
}

/** \return \p sqn + 1 (6 bytes, big-endian). */
Bytes
Next(Bytes sqn)
{
    for (size_t i = sqn.size(); i-- > 0;)
    {
        if (++sqn[i] != 0)
        {
            break;
        }
    }
    return sqn;
}

/** \brief A minimal HSS: test set 1 keys, RAND from test set 1 then incremented. */
struct FakeHss
{
    Milenage milenage = TestSet1(); //!< the AuC
    Bytes sqn = H(kSqn);            //!< next SQN
    Bytes rand = H(kRand);          //!< next RAND
    int resyncs = 0;                //!< AUTS seen
    bool ignoreAuts = false;        //!< a broken HSS that does not re-synchronise

    Result<AuthVector>
    Vector(const AvRequest& request)
    {
        if (request.impi != kImpi)
        {
            return MakeError(Errc::MissingField, "HSS: unknown IMPI");
        }
        if (!request.auts.empty())
        {
            auto sqnMs = VerifyAuts(milenage, request.resyncRand, request.auts);
            if (!sqnMs)
            {
                return sqnMs.GetError();
            }
            ++resyncs;
            sqn = ignoreAuts ? sqn : Next(sqnMs.Value());
        }
        auto vector = MakeAuthVector(milenage, rand, sqn, H("b9b9"));
        sqn = Next(sqn);
        rand = Next(rand);
        return vector;
    }
};

/** \return \p message after Format and the stream parser (the TCP wire). */
http::HttpRequest
Wire(const http::HttpRequest& message)
{
    const std::string text = http::Format(message);
    http::HttpStreamParser parser;
    auto parsed = parser.FeedRequests(reinterpret_cast<const uint8_t*>(text.data()), text.size());
    EXPECT_TRUE(parsed && parsed.Value().size() == 1);
    return parsed.Value().at(0);
}

/** \return \p message after Format and the stream parser (the TCP wire). */
http::HttpResponse
Wire(const http::HttpResponse& message)
{
    const std::string text = http::Format(message);
    http::HttpStreamParser parser;
    auto parsed = parser.FeedResponses(reinterpret_cast<const uint8_t*>(text.data()), text.size());
    EXPECT_TRUE(parsed && parsed.Value().size() == 1);
    return parsed.Value().at(0);
}

class UbBootstrapping : public ::testing::Test
{
  protected:
    FakeHss m_hss; //!< Zh peer
    UbServer m_bsf{UbServerConfig{kBsfDomain},
                   [this](const AvRequest& request) { return m_hss.Vector(request); }}; //!< BSF
    UbClient m_ue{TestSet1(), kImpi, kBsfDomain, Bytes(6, 0)};                          //!< the UE

    /** \return the UE's answer to the BSF's first challenge. */
    http::HttpRequest
    Answer(UbClient& ue)
    {
        UbServerReply challenge = m_bsf.Handle(Wire(ue.Start()), 0);
        EXPECT_TRUE(challenge.result) << challenge.result.GetError().ToString();
        EXPECT_EQ(challenge.response.status, 401);
        auto step = ue.OnResponse(Wire(challenge.response));
        EXPECT_TRUE(step) << step.GetError().ToString();
        return step.Value().request;
    }
};

TEST_F(UbBootstrapping, GivenTestSet1_WhenBootstrapping_ThenBothSidesHoldTheSameKsBtidAndKsNaf)
{
    UbServerReply ok = m_bsf.Handle(Wire(Answer(m_ue)), 1000000000);
    ASSERT_TRUE(ok.result) << ok.result.GetError().ToString();
    ASSERT_EQ(ok.response.status, 200);
    EXPECT_EQ(*http::FindHeader(ok.response.headers, "content-type"),
              "application/vnd.3gpp.bsf+xml");
    auto done = m_ue.OnResponse(Wire(ok.response));
    ASSERT_TRUE(done) << done.GetError().ToString();
    ASSERT_TRUE(done.Value().done);
    const BootstrapRecord& ue = done.Value().record;
    EXPECT_EQ(ue.btid, kBtid);
    EXPECT_EQ(ToHex(ue.ks), kKs);
    EXPECT_EQ(ue.expiryUnixSeconds, 1700000000 + 1 + 86400);
    EXPECT_EQ(ToHex(m_ue.SqnMs()), kSqn);

    auto bsf = m_bsf.Lookup(kBtid, 2000000000);
    ASSERT_TRUE(bsf) << bsf.GetError().ToString();
    EXPECT_EQ(bsf.Value(), ue);
    auto ueKey = DeriveKsNafFor(ue, kNafFqdn, kUaProtocolIdImsMediaPlane);
    auto nafKey = m_bsf.NafKey(kBtid, kNafFqdn, kUaProtocolIdImsMediaPlane, 2000000000);
    ASSERT_TRUE(ueKey && nafKey);
    EXPECT_EQ(ToHex(ueKey.Value()), kKsNaf);
    EXPECT_EQ(ToHex(nafKey.Value()), kKsNaf);
    EXPECT_EQ(m_bsf.PendingChallenges(), 0u);
}

TEST_F(UbBootstrapping, GivenA200WithATamperedBodyOrNoProof_WhenTheUeChecks_ThenItRefuses)
{
    UbServerReply ok = m_bsf.Handle(Wire(Answer(m_ue)), 0);
    ASSERT_TRUE(ok.result);
    http::HttpResponse tampered = ok.response;
    tampered.body.replace(tampered.body.find("<lifetime>") + 10, 4, "2099");
    auto refused = m_ue.OnResponse(Wire(tampered));
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.GetError().code, Errc::AuthFailed);

    UbClient ue{TestSet1(), kImpi, kBsfDomain, Bytes(6, 0)};
    UbServer bsf{UbServerConfig{kBsfDomain},
                 [this](const AvRequest& r) { return m_hss.Vector(r); }};
    UbServerReply challenge = bsf.Handle(Wire(ue.Start()), 0);
    auto answer = ue.OnResponse(Wire(challenge.response));
    ASSERT_TRUE(answer);
    UbServerReply second = bsf.Handle(Wire(answer.Value().request), 0);
    ASSERT_TRUE(second.result);
    second.response.headers.pop_back();
    auto unproven = ue.OnResponse(Wire(second.response));
    ASSERT_FALSE(unproven);
    EXPECT_EQ(unproven.GetError().code, Errc::MissingField);
}

TEST_F(UbBootstrapping, GivenATamperedResponse_WhenVerified_ThenForbiddenAuthFailedAndNoRecord)
{
    http::HttpRequest answer = Answer(m_ue);
    std::string& authorization = answer.headers[2].second;
    const size_t response = authorization.find("response=\"") + 10;
    authorization[response] = authorization[response] == '0' ? '1' : '0';
    UbServerReply refused = m_bsf.Handle(Wire(answer), 0);
    ASSERT_FALSE(refused.result);
    EXPECT_EQ(refused.result.GetError().code, Errc::AuthFailed);
    EXPECT_EQ(refused.response.status, 403);
    EXPECT_EQ(m_bsf.Lookup(kBtid, 0).GetError().code, Errc::MissingField);
    auto ue = m_ue.OnResponse(Wire(refused.response));
    ASSERT_FALSE(ue);
    EXPECT_EQ(ue.GetError().code, Errc::AuthFailed);
}

TEST_F(UbBootstrapping, GivenAUsedNonce_WhenTheAnswerIsReplayed_ThenReChallengedWithReplay)
{
    const http::HttpRequest answer = Wire(Answer(m_ue));
    ASSERT_TRUE(m_bsf.Handle(answer, 0).result);
    UbServerReply replayed = m_bsf.Handle(answer, 0);
    ASSERT_FALSE(replayed.result);
    EXPECT_EQ(replayed.result.GetError().code, Errc::Replay);
    EXPECT_EQ(replayed.response.status, 401);
    EXPECT_NE(http::FindHeader(replayed.response.headers, "WWW-Authenticate"), nullptr);
}

TEST_F(UbBootstrapping, GivenAnExpiredChallenge_WhenAnswered_ThenReplay)
{
    const http::HttpRequest answer = Wire(Answer(m_ue));
    UbServerReply late = m_bsf.Handle(answer, 31000000000);
    ASSERT_FALSE(late.result);
    EXPECT_EQ(late.result.GetError().code, Errc::Replay);
}

TEST_F(UbBootstrapping, GivenAUsimAheadOfTheHss_WhenChallenged_ThenAutsResynchronises)
{
    UbClient ue{TestSet1(), kImpi, kBsfDomain, H(kSqn)};
    const http::HttpRequest resync = Answer(ue);
    EXPECT_NE(http::FindHeader(resync.headers, "Authorization")->find("auts=\""),
              std::string::npos);
    UbServerReply second = m_bsf.Handle(Wire(resync), 0);
    ASSERT_TRUE(second.result) << second.result.GetError().ToString();
    ASSERT_EQ(second.response.status, 401);
    EXPECT_EQ(m_hss.resyncs, 1);
    auto answer = ue.OnResponse(Wire(second.response));
    ASSERT_TRUE(answer) << answer.GetError().ToString();
    UbServerReply ok = m_bsf.Handle(Wire(answer.Value().request), 0);
    ASSERT_TRUE(ok.result) << ok.result.GetError().ToString();
    auto done = ue.OnResponse(Wire(ok.response));
    ASSERT_TRUE(done && done.Value().done);
    EXPECT_EQ(ToHex(ue.SqnMs()), "ff9bb4d0b608");
    EXPECT_TRUE(m_bsf.Lookup(done.Value().record.btid, 0));
}

TEST_F(UbBootstrapping,
       GivenAnHssThatDoesNotResynchronise_WhenChallengedAgain_ThenUeStopsWithReplay)
{
    m_hss.ignoreAuts = true;
    m_hss.sqn = H("000000000001");
    UbClient ue{TestSet1(), kImpi, kBsfDomain, H(kSqn)};
    UbServerReply second = m_bsf.Handle(Wire(Answer(ue)), 0);
    ASSERT_TRUE(second.result) << second.result.GetError().ToString();
    auto stop = ue.OnResponse(Wire(second.response));
    ASSERT_FALSE(stop);
    EXPECT_EQ(stop.GetError().code, Errc::Replay);
    EXPECT_EQ(m_hss.resyncs, 1);
}

TEST_F(UbBootstrapping, GivenAUeWithAnotherKey_WhenChallenged_ThenAutnFailsWithAuthFailed)
{
    UbClient ue{Milenage::Create(Bytes(16, 7), H(kOp), false).Value(), kImpi, kBsfDomain,
                Bytes(6, 0)};
    UbServerReply challenge = m_bsf.Handle(Wire(ue.Start()), 0);
    auto step = ue.OnResponse(Wire(challenge.response));
    ASSERT_FALSE(step);
    EXPECT_EQ(step.GetError().code, Errc::AuthFailed);
    EXPECT_EQ(ue.OnResponse(Wire(challenge.response)).GetError().code, Errc::InvalidState);
}

TEST_F(UbBootstrapping, GivenABootstrappedUe_WhenTheLifetimeEnds_ThenLookupIsOutOfRange)
{
    ASSERT_TRUE(m_bsf.Handle(Wire(Answer(m_ue)), 0).result);
    EXPECT_TRUE(m_bsf.Lookup(kBtid, 86399000000000));
    EXPECT_EQ(m_bsf.Lookup(kBtid, 86400000000000).GetError().code, Errc::OutOfRange);
    EXPECT_EQ(m_bsf.NafKey("unknown@bsf", kNafFqdn, kUaProtocolIdImsMediaPlane, 0).GetError().code,
              Errc::MissingField);
}

TEST_F(UbBootstrapping, GivenBadUbRequests_WhenHandled_ThenTypedRefusals)
{
    http::HttpRequest request = m_ue.Start();
    request.headers.pop_back();
    UbServerReply missing = m_bsf.Handle(request, 0);
    EXPECT_EQ(missing.response.status, 400);
    EXPECT_EQ(missing.result.GetError().code, Errc::MissingField);

    request = m_ue.Start();
    request.method = "POST";
    EXPECT_EQ(m_bsf.Handle(request, 0).result.GetError().code, Errc::Unsupported);

    request = m_ue.Start();
    request.headers[2].second = "Digest username=\"x\"";
    EXPECT_EQ(m_bsf.Handle(request, 0).response.status, 400);

    UbClient stranger{TestSet1(), "nobody@example.org", kBsfDomain, Bytes(6, 0)};
    UbServerReply unknown = m_bsf.Handle(stranger.Start(), 0);
    EXPECT_EQ(unknown.response.status, 403);
    EXPECT_EQ(unknown.result.GetError().code, Errc::MissingField);
}

TEST_F(UbBootstrapping, GivenAnAnswerForAnotherRealm_WhenVerified_ThenAuthFailed)
{
    http::HttpRequest answer = Answer(m_ue);
    std::string& authorization = answer.headers[2].second;
    authorization.replace(authorization.find("realm=\"bsf"), 10, "realm=\"xyz");
    UbServerReply refused = m_bsf.Handle(Wire(answer), 0);
    EXPECT_EQ(refused.response.status, 403);
    EXPECT_EQ(refused.result.GetError().code, Errc::AuthFailed);
}

TEST_F(UbBootstrapping, GivenAnAnswerForAnotherUser_WhenVerified_ThenAuthFailed)
{
    http::HttpRequest answer = Answer(m_ue);
    std::string& authorization = answer.headers[2].second;
    authorization.replace(authorization.find("user1"), 5, "user2");
    UbServerReply refused = m_bsf.Handle(Wire(answer), 0);
    EXPECT_EQ(refused.response.status, 403);
    EXPECT_EQ(refused.result.GetError().code, Errc::AuthFailed);
}

} // namespace
} // namespace gba
} // namespace mediasec
