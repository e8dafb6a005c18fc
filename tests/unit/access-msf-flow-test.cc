// access-msf end to end in the core, without a simulator: IMS AKA at REGISTER on TS 35.208 test
// set 1, both ends derive the media keys, the P-CSCF pushes them to the MSF over Iq (H.248
// text), and SRTP packets pass UE -> MSF and MSF -> UE with the keys each end holds.
#include "protocol/access/aka-challenge-keys.h"
#include "protocol/access/msf-key-push.h"
#include "protocol/access/register-auth-client.h"
#include "protocol/access/register-auth-server.h"
#include "protocol/gba/aka.h"
#include "protocol/srtp/srtp-session.h"

#include <gtest/gtest.h>

namespace mediasec
{
namespace access
{
namespace
{

const char kCallId[] = "flow-1@192.168.1.10";
const char kUeSdp[] = "v=0\r\no=- 7 1 IN IP4 192.168.1.10\r\ns=-\r\nc=IN IP4 192.168.1.10\r\n"
                      "t=0 0\r\nm=audio 49170 RTP/AVP 0\r\n";
const char kFarSdp[] = "v=0\r\no=- 8 1 IN IP4 172.16.0.20\r\ns=-\r\nc=IN IP4 172.16.0.20\r\n"
                       "t=0 0\r\nm=audio 30000 RTP/AVP 0\r\n";

/** \brief The keys each end holds after registration. */
struct Registered
{
    AkaKeys ue;    //!< from the USIM
    AkaKeys pcscf; //!< from the S-CSCF's 401
};

/** \return the keys of a successful IMS AKA registration on test set 1. */
Registered
Register()
{
    auto milenage = [] {
        return std::move(gba::Milenage::Create(FromHex("465b5ce8b199b49faa5f0a2ee238a6bc").Value(),
                                               FromHex("cdc202d5123e20f62b6d676ac72cb318").Value(),
                                               false)
                             .Value());
    };
    gba::Milenage hss = milenage();
    auto vector = gba::MakeAuthVector(hss, FromHex("23553cbe9637a89d218ae64dae47bf35").Value(),
                                      FromHex("000000000001").Value(), FromHex("8000").Value());
    sip::SipMessage request = sip::SipMessage::MakeRequest("REGISTER", "sip:ims.test");
    request.AddHeader("Authorization",
                      FormatInitialAuthorization("u@ims.test", "ims.test", "sip:ims.test"));
    auto challenge = MakeRegisterChallenge(request, vector.Value(), "ims.test", {});
    sip::SipMessage toUe = challenge.Value().response;
    auto pcscf = TakeChallengeKeys(toUe);
    gba::Milenage usim = milenage();
    auto answer =
        AnswerRegisterChallenge(usim, Bytes(6, 0), toUe, {"u@ims.test", "sip:ims.test", "cn"});
    request.SetHeader("Authorization", answer.Value().authorization);
    EXPECT_TRUE(VerifyRegisterAnswer(request, challenge.Value().pending));
    return {answer.Value().keys, pcscf.Value()};
}

/** \return one session of \p direction keyed with \p keys. */
std::unique_ptr<SrtpSession>
Session(SrtpDirection direction, const SrtpKeyMaterial& keys)
{
    return std::move(SrtpSession::Create(direction, keys).Value());
}

TEST(AccessMsfFlow, GivenARegisteredUe_WhenTheMsfIsKeyedOverIq_ThenSrtpPassesBothWays)
{
    const Registered keys = Register();
    auto atUe = DeriveMediaKeyPair(keys.ue, kCallId, 0, SrtpSuite::AesCm128HmacSha1_80);
    auto atPcscf = DeriveMediaKeyPair(keys.pcscf, kCallId, 0, SrtpSuite::AesCm128HmacSha1_80);
    ASSERT_TRUE(atUe && atPcscf);
    MsfKeyPush push;
    push.transactionId = 1;
    push.mid = "[10.0.0.2]:2944";
    push.ueSdp = kUeSdp;
    push.coreSdp = kFarSdp;
    push.msf = {"10.1.2.4", 5000};
    push.keys = atPcscf.Value();
    auto request = BuildMsfKeyPush(push);
    ASSERT_TRUE(request) << request.GetError().ToString();
    auto atMsf = ParseMsfKeyPush(iq::FormatIqRequest(request.Value()));
    ASSERT_TRUE(atMsf) << atMsf.GetError().ToString();

    const Bytes rtp = FromHex("800f1234decafbadcafebabeabababababababababab").Value();
    Bytes uplink = rtp;
    ASSERT_TRUE(Session(SrtpDirection::Outbound, atUe.Value().uplink)->Protect(uplink));
    EXPECT_NE(uplink, rtp);
    ASSERT_TRUE(Session(SrtpDirection::Inbound, atMsf.Value().keys.uplink)->Unprotect(uplink));
    EXPECT_EQ(uplink, rtp);
    Bytes downlink = rtp;
    ASSERT_TRUE(Session(SrtpDirection::Outbound, atMsf.Value().keys.downlink)->Protect(downlink));
    ASSERT_TRUE(Session(SrtpDirection::Inbound, atUe.Value().downlink)->Unprotect(downlink));
    EXPECT_EQ(downlink, rtp);
}

TEST(AccessMsfFlow, GivenKeysOfAnotherCall_WhenTheMsfVerifies_ThenAuthFailed)
{
    const Registered keys = Register();
    auto atUe = DeriveMediaKeyPair(keys.ue, kCallId, 0, SrtpSuite::AesCm128HmacSha1_80);
    auto other =
        DeriveMediaKeyPair(keys.pcscf, "flow-2@192.168.1.10", 0, SrtpSuite::AesCm128HmacSha1_80);
    ASSERT_TRUE(atUe && other);
    Bytes packet = FromHex("800f1234decafbadcafebabeabababababababababab").Value();
    ASSERT_TRUE(Session(SrtpDirection::Outbound, atUe.Value().uplink)->Protect(packet));
    Status verified = Session(SrtpDirection::Inbound, other.Value().uplink)->Unprotect(packet);
    ASSERT_FALSE(verified);
    EXPECT_EQ(verified.GetError().code, Errc::AuthFailed);
}

} // namespace
} // namespace access
} // namespace mediasec
