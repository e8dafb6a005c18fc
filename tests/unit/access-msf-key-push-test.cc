// access-msf: the P-CSCF -> MSF key push as an Iq Add (H.248 text): build, text round trip
// through the Iq codec, the key placement (RFC 4568 sender keys) and typed errors.
#include "protocol/access/msf-key-push.h"
#include "protocol/sdes/crypto-attribute.h"
#include "protocol/sip/sdp.h"

#include <gtest/gtest.h>

namespace mediasec
{
namespace access
{
namespace
{

// The UE offers plain RTP (the P-CSCF's push switches the access side to SRTP).
const char kUeSdp[] = "v=0\r\no=ue1 100 1 IN IP4 192.168.1.10\r\ns=call\r\n"
                      "c=IN IP4 192.168.1.10\r\nt=0 0\r\nm=audio 49170 RTP/AVP 8\r\n"
                      "a=rtpmap:8 PCMA/8000\r\na=ssrc:1111 cname:ue1\r\n";
const char kCoreSdp[] = "v=0\r\no=ue2 200 1 IN IP4 172.16.0.20\r\ns=call\r\n"
                        "c=IN IP4 172.16.0.20\r\nt=0 0\r\nm=audio 30000 RTP/AVP 8\r\n"
                        "a=rtpmap:8 PCMA/8000\r\n";

/** \return the key push of a call keyed from the test set 1 CK/IK. */
MsfKeyPush
Push()
{
    AkaKeys keys{FromHex("b40ba9a3c58b2a05bbf0d987b21bf8cb").Value(),
                 FromHex("f769bcd751044604127672711c6d3441").Value()};
    auto pair = DeriveMediaKeyPair(keys, "call-1@10.0.0.1", 0, SrtpSuite::AesCm128HmacSha1_80);
    return MsfKeyPush{9, "[10.0.0.2]:2944", kUeSdp, kCoreSdp, {"10.1.2.4", 5000}, pair.Value()};
}

/** \return the master key of the first a=crypto of the audio stream of \p sdp. */
Bytes
CryptoKey(const std::string& sdp)
{
    auto session = sip::ParseSdp(sdp).Value();
    auto crypto =
        sdes::ParseCryptoAttribute(ims::FindAudio(session)->AttributeValues("crypto").front());
    return crypto.Value().keys.front().masterKey;
}

TEST(AccessMsfKeyPush, GivenDerivedKeys_WhenBuilt_ThenAnIqAddKeysTheAccessSideOnly)
{
    const MsfKeyPush push = Push();
    auto request = BuildMsfKeyPush(push);
    ASSERT_TRUE(request) << request.GetError().ToString();
    const iq::IqRequest& iq = request.Value();
    EXPECT_EQ(iq.command, iq::IqCommand::Add);
    EXPECT_EQ(iq.contextId, 0u);
    ASSERT_EQ(iq.terminations.size(), 2u);
    EXPECT_EQ(iq.terminations[0].terminationId, "access");
    // Each side's SDP holds the key that side sends with (RFC 4568).
    EXPECT_EQ(CryptoKey(iq.terminations[0].localSdp), push.keys.downlink.masterKey);
    EXPECT_EQ(CryptoKey(iq.terminations[0].remoteSdp), push.keys.uplink.masterKey);
    EXPECT_NE(iq.terminations[0].localSdp.find("c=IN IP4 10.1.2.4"), std::string::npos);
    EXPECT_NE(iq.terminations[0].localSdp.find("m=audio 5000 RTP/SAVP 8"), std::string::npos);
    EXPECT_EQ(iq.terminations[0].localSdp.find("a=ssrc"), std::string::npos);
    EXPECT_NE(iq.terminations[0].remoteSdp.find("a=ssrc:1111"), std::string::npos);
    EXPECT_EQ(iq.terminations[1].terminationId, "core");
    EXPECT_EQ(iq.terminations[1].remoteSdp, kCoreSdp);
    EXPECT_NE(iq.terminations[1].localSdp.find("m=audio 5000 RTP/AVP 8"), std::string::npos);
    EXPECT_EQ(iq.terminations[1].localSdp.find("crypto"), std::string::npos);
}

TEST(AccessMsfKeyPush, GivenABuiltPush_WhenSentAsTextAndParsedAtTheMsf_ThenKeysAndEndpointsMatch)
{
    const MsfKeyPush push = Push();
    const std::string text = iq::FormatIqRequest(BuildMsfKeyPush(push).Value());
    auto instruction = ParseMsfKeyPush(text);
    ASSERT_TRUE(instruction) << instruction.GetError().ToString();
    const MediaKeyPair& keys = instruction.Value().keys;
    EXPECT_EQ(keys.uplink.suite, SrtpSuite::AesCm128HmacSha1_80);
    EXPECT_EQ(keys.uplink.masterKey, push.keys.uplink.masterKey);
    EXPECT_EQ(keys.uplink.masterSalt, push.keys.uplink.masterSalt);
    EXPECT_EQ(keys.downlink.masterKey, push.keys.downlink.masterKey);
    EXPECT_EQ(keys.downlink.masterSalt, push.keys.downlink.masterSalt);
    EXPECT_EQ(instruction.Value().ue.address, "192.168.1.10");
    EXPECT_EQ(instruction.Value().ue.port, 49170);
    EXPECT_EQ(instruction.Value().core.address, "172.16.0.20");
    EXPECT_EQ(instruction.Value().core.port, 30000);
}

TEST(AccessMsfKeyPush, GivenOneKeyForBothDirections_WhenBuiltOrRead_ThenMalformed)
{
    MsfKeyPush push = Push();
    push.keys.downlink = push.keys.uplink;
    auto built = BuildMsfKeyPush(push);
    ASSERT_FALSE(built);
    EXPECT_EQ(built.GetError().code, Errc::Malformed);
    iq::IqRequest request = BuildMsfKeyPush(Push()).Value();
    request.terminations[0].localSdp = request.terminations[0].remoteSdp;
    auto read = ReadMsfKeyPush(request);
    ASSERT_FALSE(read);
    EXPECT_EQ(read.GetError().code, Errc::Malformed);
    EXPECT_NE(read.GetError().detail.find("both directions"), std::string::npos);
}

TEST(AccessMsfKeyPush, GivenBadPushInputs_WhenBuilt_ThenTypedErrors)
{
    MsfKeyPush badSdp = Push();
    badSdp.ueSdp = "v=0\r\n";
    auto sdp = BuildMsfKeyPush(badSdp);
    ASSERT_FALSE(sdp);
    EXPECT_EQ(sdp.GetError().code, Errc::MissingField);
    EXPECT_NE(sdp.GetError().detail.find("UE SDP"), std::string::npos);
    MsfKeyPush shortKey = Push();
    shortKey.keys.uplink.masterKey.pop_back();
    EXPECT_EQ(BuildMsfKeyPush(shortKey).GetError().code, Errc::BadLength);
    MsfKeyPush mixed = Push();
    mixed.keys.uplink.suite = SrtpSuite::AesCm128HmacSha1_32;
    EXPECT_EQ(BuildMsfKeyPush(mixed).GetError().code, Errc::Malformed);
}

/** \return the error of ReadMsfKeyPush on the built push changed by \p edit. */
template<typename Edit>
Error
ReadError(Edit edit)
{
    iq::IqRequest request = BuildMsfKeyPush(Push()).Value();
    edit(request);
    auto read = ReadMsfKeyPush(request);
    EXPECT_FALSE(read);
    return read ? Error{Errc::InvalidState, "read"} : read.GetError();
}

TEST(AccessMsfKeyPush, GivenBadPushes_WhenReadAtTheMsf_ThenTypedErrorsNameTheDescriptor)
{
    EXPECT_EQ(ReadError([](iq::IqRequest& r) { r.command = iq::IqCommand::Subtract; }).code,
              Errc::Unsupported);
    EXPECT_EQ(ReadError([](iq::IqRequest& r) { r.terminations.pop_back(); }).code, Errc::Malformed);
    EXPECT_EQ(
        ReadError([](iq::IqRequest& r) { std::swap(r.terminations[0], r.terminations[1]); }).code,
        Errc::Malformed);
    Error noCrypto = ReadError([](iq::IqRequest& r) { r.terminations[0].remoteSdp = kUeSdp; });
    EXPECT_EQ(noCrypto.code, Errc::MissingField);
    EXPECT_NE(noCrypto.detail.find("access Remote"), std::string::npos);
    Error badSdp = ReadError([](iq::IqRequest& r) { r.terminations[0].localSdp = "x"; });
    EXPECT_EQ(badSdp.code, Errc::Malformed);
    EXPECT_NE(badSdp.detail.find("access Local"), std::string::npos);
    Error badCrypto = ReadError([](iq::IqRequest& r) {
        auto& sdp = r.terminations[0].remoteSdp;
        sdp.replace(sdp.find("inline:") + 7, 4, "!!!!");
    });
    EXPECT_EQ(badCrypto.code, Errc::Malformed);
    EXPECT_NE(badCrypto.detail.find("access Remote"), std::string::npos);
    Error noCore = ReadError([](iq::IqRequest& r) { r.terminations[1].remoteSdp = ""; });
    EXPECT_NE(noCore.detail.find("core Remote"), std::string::npos);
    auto garbage = ParseMsfKeyPush("MEGACO/1 [1.2.3.4]:2944\nTransaction = 1 {");
    ASSERT_FALSE(garbage);
    EXPECT_EQ(garbage.GetError().code, Errc::Truncated);
}

} // namespace
} // namespace access
} // namespace mediasec
