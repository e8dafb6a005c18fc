// The end-to-middle key push of seed 000 step 6 (doc/otway-rees.md): the PSTN MGW accepts a
// push only under the right Ksm, once, within the clock skew, and only when the plain M and
// ID-SGW match the sealed ones.
#include "protocol/crypto/drbg.h"
#include "protocol/otway-rees/otway-rees-constants.h"
#include "protocol/otway-rees/otway-rees-fields.h"
#include "protocol/otway-rees/sgw-key-push.h"

#include <gtest/gtest.h>

#include <string>

namespace mediasec
{
namespace otway
{
namespace
{

constexpr int64_t kSecondNs = 1000000000LL;
constexpr int64_t kT0 = 1763800000LL * kSecondNs;
constexpr int64_t kSkewNs = 30 * kSecondNs;
const std::string kSgw = "sip:sgw1.ims.example.com";

/** \brief An SGW with its DRBG, the Ksm it shares with the MGW and one session's M and K. */
class SgwKeyPushTest : public ::testing::Test
{
  protected:
    /** \return a push of the session at \p nowNs under \p key */
    Bytes
    Push(const Bytes& key, int64_t nowNs = kT0)
    {
        return BuildSgwKeyPush(key, kSgw, m, k, drbg, nowNs).Value();
    }

    Drbg drbg = Drbg::FromSeed(3, "otway/sgw");
    Bytes ksm = Drbg::FromSeed(3, "otway/ksm").Generate(kLongTermKeyLength);
    Bytes m = Drbg::FromSeed(3, "otway/m").Generate(kSessionIdLength);
    Bytes k = Drbg::FromSeed(3, "otway/k").Generate(kSessionKeyLength);
    SgwKeyPushReceiver mgw{ksm, kSkewNs, 16};
};

TEST_F(SgwKeyPushTest, GivenAPushUnderKsm_WhenTheMgwOpensIt_ThenItLearnsMAndK)
{
    auto keys = mgw.Open(Push(ksm), kT0 + kSecondNs);
    ASSERT_TRUE(keys) << keys.GetError().ToString();
    EXPECT_EQ(keys.Value().sessionId, m);
    EXPECT_EQ(keys.Value().sessionKey, k);
    EXPECT_EQ(keys.Value().gatewayId, kSgw);
    EXPECT_EQ(keys.Value().srtp.initiatorToResponder.key.size(), 16u);
    EXPECT_EQ(mgw.Ops().cipher, 1u);
}

TEST_F(SgwKeyPushTest, GivenAMgwWithTheWrongKsm_WhenItOpensThePush_ThenAuthFailed)
{
    SgwKeyPushReceiver wrong(Drbg::FromSeed(3, "otway/other").Generate(kLongTermKeyLength), kSkewNs,
                             16);
    auto keys = wrong.Open(Push(ksm), kT0);
    ASSERT_FALSE(keys);
    EXPECT_EQ(keys.GetError().code, Errc::AuthFailed);
}

TEST_F(SgwKeyPushTest, GivenAnAcceptedPush_WhenReplayed_ThenReplay)
{
    Bytes push = Push(ksm);
    ASSERT_TRUE(mgw.Open(push, kT0));
    auto again = mgw.Open(push, kT0 + kSecondNs);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.GetError().code, Errc::Replay);
}

TEST_F(SgwKeyPushTest, GivenAPushOlderThanTheSkew_WhenOpened_ThenOutOfRange)
{
    auto keys = mgw.Open(Push(ksm, kT0 - kSkewNs - 1), kT0);
    ASSERT_FALSE(keys);
    EXPECT_EQ(keys.GetError().code, Errc::OutOfRange);
}

TEST_F(SgwKeyPushTest, GivenAnotherPlainM_WhenOpened_ThenAuthFailed)
{
    Bytes push = Push(ksm);
    push[6] ^= 1; // the plain M: header (2), field type (1), length (2), then M
    auto keys = mgw.Open(push, kT0);
    ASSERT_FALSE(keys);
    EXPECT_EQ(keys.GetError().code, Errc::AuthFailed);
}

TEST_F(SgwKeyPushTest, GivenTheEsmOfAnotherType_WhenOpened_ThenMalformedFieldType)
{
    FieldWriter w(MessageType::KeyPush);
    w.Add(FieldType::SessionId, m);
    w.AddText(FieldType::GatewayId, kSgw);
    w.Add(FieldType::SealedInitiatorGrant, Bytes(40, 0));
    auto keys = mgw.Open(w.Take(), kT0);
    ASSERT_FALSE(keys);
    EXPECT_EQ(keys.GetError().code, Errc::Malformed);
}

TEST_F(SgwKeyPushTest, GivenAWrongLengthK_WhenTheSgwBuildsAPush_ThenBadLength)
{
    EXPECT_EQ(BuildSgwKeyPush(ksm, kSgw, m, Bytes(16, 0), drbg, kT0).GetError().code,
              Errc::BadLength);
    EXPECT_EQ(BuildSgwKeyPush(ksm, "", m, k, drbg, kT0).GetError().code, Errc::BadLength);
    EXPECT_EQ(BuildSgwKeyPush(Bytes(16, 0), kSgw, m, k, drbg, kT0).GetError().code,
              Errc::BadLength);
}

} // namespace
} // namespace otway
} // namespace mediasec
