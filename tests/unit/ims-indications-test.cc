// TS 33.328 clause 7 indications and the SDP edits of the SDES schemes.
#include "protocol/ims/media-security-indications.h"
#include "protocol/ims/proxy-routing.h"
#include "protocol/ims/sdp-media-security.h"
#include "protocol/sip/sip-header-values.h"

#include <gtest/gtest.h>

namespace
{

namespace mims = mediasec::ims;
using mediasec::ims::E2aeIndication;

const char kOffer[] = "v=0\r\n"
                      "o=- 1 1 IN IP4 10.0.0.1\r\n"
                      "s=-\r\n"
                      "c=IN IP4 10.0.0.1\r\n"
                      "t=0 0\r\n"
                      "m=audio 49170 RTP/SAVP 0\r\n"
                      "a=rtpmap:0 PCMU/8000\r\n"
                      "a=ssrc:3735928559 cname:ue0\r\n"
                      "a=crypto:1 AES_CM_128_HMAC_SHA1_80 "
                      "inline:d0RmdmcmVCspeEc3QGZiNWpVLFJhQX1cfHAwJSoj|2^20|1:32\r\n"
                      "a=crypto:2 FOO_BAR inline:AAAA\r\n"
                      "a=3ge2ae:requested\r\n";

mediasec::sip::SdpSession
Offer()
{
    auto sdp = mediasec::sip::ParseSdp(kOffer);
    EXPECT_TRUE(sdp) << sdp.GetError().ToString();
    return sdp.Value();
}

TEST(MediasecCapability, GivenSecurityClientValues_WhenChecked_ThenOnlyTheMediasecParameterCounts)
{
    EXPECT_TRUE(mims::HasMediasecCapability(mims::MediasecCapabilityValue()));
    EXPECT_TRUE(mims::HasMediasecCapability("ipsec-3gpp;alg=hmac-sha-1-96 ; mediasec"));
    EXPECT_FALSE(mims::HasMediasecCapability("sdes-srtp"));
    EXPECT_FALSE(mims::HasMediasecCapability("sdes-srtp;mediasecx"));
    EXPECT_FALSE(mims::HasMediasecCapability("mediasec"));
}

TEST(E2aeIndication, GivenAnOffer_WhenIndicationsAreAddedAndRemoved_ThenOnlyThatValueChanges)
{
    auto sdp = Offer();
    EXPECT_TRUE(mims::HasE2aeIndication(sdp, E2aeIndication::Requested));
    EXPECT_FALSE(mims::HasE2aeIndication(sdp, E2aeIndication::Applied));
    mims::AddE2aeIndication(sdp, E2aeIndication::Applied);
    EXPECT_TRUE(mims::HasE2aeIndication(sdp, E2aeIndication::Applied));
    EXPECT_EQ(mims::RemoveE2aeIndication(sdp, E2aeIndication::Applied), 1u);
    EXPECT_TRUE(mims::HasE2aeIndication(sdp, E2aeIndication::Requested));
    EXPECT_NE(mediasec::sip::FormatSdp(sdp).find("a=3ge2ae:requested"), std::string::npos);
}

TEST(SdpMediaSecurity, GivenAnOfferWithAnUnknownSuite_WhenReadingCrypto_ThenOnlyValidOnesRemain)
{
    const auto sdp = Offer();
    const auto keys = mims::ReadValidCryptoAttributes(*mims::FindAudio(sdp));
    ASSERT_EQ(keys.size(), 1u);
    EXPECT_EQ(keys[0].tag, 1u);
    EXPECT_EQ(mediasec::ToHex(keys[0].keys[0].masterKey), "774466766726542b2978473740666235");
    EXPECT_EQ(mims::ReadSsrc(*mims::FindAudio(sdp)), 3735928559u);
}

TEST(SdpMediaSecurity, GivenAnSrtpOffer_WhenSwitchedToRtpAndBack_ThenProtoAndCryptoFollow)
{
    auto sdp = Offer();
    auto* audio = mims::FindAudio(sdp);
    mims::SetRtpTransport(*audio);
    EXPECT_EQ(audio->proto, "RTP/AVP");
    EXPECT_FALSE(audio->HasAttribute("crypto"));
    mediasec::Drbg drbg = mediasec::Drbg::FromSeed(7, "test");
    const auto crypto = mims::MakeCryptoAttribute(3, mediasec::SrtpSuite::AeadAes128Gcm, drbg);
    EXPECT_EQ(crypto.keys[0].masterKey.size(), 16u);
    EXPECT_EQ(crypto.keys[0].masterSalt.size(), 12u);
    mims::SetSrtpTransport(*audio, crypto);
    EXPECT_EQ(audio->proto, "RTP/SAVP");
    const auto reread = mims::ReadValidCryptoAttributes(*audio);
    ASSERT_EQ(reread.size(), 1u);
    EXPECT_EQ(reread[0].keys[0].masterKey, crypto.keys[0].masterKey);
    mims::SetAudioEndpoint(sdp, {"192.0.2.7", 20000});
    const auto endpoint = mims::ReadAudioEndpoint(sdp);
    ASSERT_TRUE(endpoint);
    EXPECT_EQ(endpoint.Value().address, "192.0.2.7");
    EXPECT_EQ(endpoint.Value().port, 20000);
}

TEST(ProxyRouting, GivenMaxForwards_WhenDecremented_ThenZeroIsRefused)
{
    auto request = mediasec::sip::SipMessage::MakeRequest("INVITE", "sip:ue1@ims.test");
    request.AddHeader("Max-Forwards", "1");
    EXPECT_TRUE(mims::DecrementMaxForwards(request));
    EXPECT_EQ(request.GetHeader("Max-Forwards").value(), "0");
    auto again = mims::DecrementMaxForwards(request);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.GetError().code, mediasec::Errc::OutOfRange);
    request.SetHeader("Max-Forwards", "ten");
    EXPECT_EQ(mims::DecrementMaxForwards(request).GetError().code, mediasec::Errc::Malformed);
}

TEST(ProxyRouting, GivenAProxiedRequest_WhenTheResponseReturns_ThenItRoutesToTheNextVia)
{
    auto request = mediasec::sip::SipMessage::MakeRequest("INVITE", "sip:ue1@ims.test");
    request.AddHeader("Via", "SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKue;rport=5062;received=10.9.9.9");
    mims::PushProxyVia(request, "10.0.0.2", 5060, "pcscf0");
    auto retransmission = mediasec::sip::SipMessage::MakeRequest("INVITE", "sip:ue1@ims.test");
    retransmission.AddHeader("Via", "SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKue;rport=5062;received=10.9.9.9");
    mims::PushProxyVia(retransmission, "10.0.0.2", 5060, "pcscf0");
    EXPECT_EQ(request.GetHeaders("Via").front(), retransmission.GetHeaders("Via").front())
        << "RFC 3261 16.11: same branch for a retransmission";
    request.AddHeader("Call-ID", "c1");
    auto response = mims::MakeResponseTo(request, 180, "Ringing");
    auto hop = mims::PopViaForResponse(response);
    ASSERT_TRUE(hop);
    EXPECT_EQ(hop.Value().host, "10.9.9.9");
    EXPECT_EQ(hop.Value().port, 5062);
    EXPECT_EQ(response.GetHeaders("Via").size(), 1u);
    auto none = mims::PopViaForResponse(response);
    ASSERT_FALSE(none);
    EXPECT_EQ(none.GetError().code, mediasec::Errc::MissingField);
}

} // namespace
