// MIKEY codec (RFC 3830, RFC 6043): published example messages (RFC 4567 5.1), the golden PSK
// I_MESSAGE of REFERENCE.md 1.9 V5, round trips of every MIKEY-TICKET message, the MAC-input
// helpers, the Key data sub-payload codec, the bad inputs of PERF.md section 3 with their
// typed errors, and a Wireshark (tshark) cross-check of the RFC 3830 framing.
#include "protocol/mikey/mikey-message.h"

#include "common/run-command.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <string>

namespace mediasec
{
namespace mikey
{
namespace
{

// RFC 4567 5.1 example offer and answer (parse-only: the PSK is unknown).
const char kRfc4567Offer[] =
    "01000580cd177e5001000000000000000000000b00c8e350ea0000000006104a28da979ee21a7651a0d7f191"
    "36d98c0a00000f646f6e616c64406475636b2e636f6d010000000000010024d092a981a5640da6b08bdc2154"
    "1b41b74299d78ca636ebbadbe36fde8ccf2f28302bf19b015f627a69c6508675f5f59050e4abcca4c0bfdcd5";
const char kRfc4567Answer[] = "01010580cd177e5001000000000000000000000600c8e350ea000000000900"
                              "00106d69636b6579406d6f7573652e636f6d00019fc1dd184e413035c522e1"
                              "8481afbad80818e5c7";
// REFERENCE.md 1.9 V5: golden PSK I_MESSAGE (self-computed, tshark-checked).
const char kV5Message[] =
    "010005800102030401000012345678000000000b00c8e350ea000000000110101112131415161718191a1b1c"
    "1d1e1f00010014be771f68039d82b78786986a3b837e06329c0bad0118043d90f1190885011fcdcaab58b991"
    "e18ba783";

Bytes
Hex(const char* hex)
{
    return FromHex(hex).Value();
}

Bytes
Concat(const std::vector<Bytes>& parts)
{
    Bytes out;
    for (const Bytes& part : parts)
    {
        out.insert(out.end(), part.begin(), part.end());
    }
    return out;
}

Bytes
Range(uint8_t first, size_t n)
{
    Bytes out(n);
    for (size_t i = 0; i < n; ++i)
    {
        out[i] = static_cast<uint8_t>(first + i);
    }
    return out;
}

template<typename T>
const T&
PayloadAt(const MikeyMessage& message, size_t i)
{
    return std::get<T>(message.payloads.at(i));
}

// --- published and golden messages -------------------------------------------------------

TEST(MikeyCodec, GivenTheRfc4567Offer_WhenParsed_ThenTheStructureMatchesAndItReencodesIdentically)
{
    const Bytes wire = Hex(kRfc4567Offer);
    ASSERT_EQ(wire.size(), 132u);
    auto parsed = ParseMikeyMessage(wire);
    ASSERT_TRUE(parsed) << parsed.GetError().ToString();
    const MikeyMessage& m = parsed.Value();
    EXPECT_EQ(m.header.dataType, DataType::PskInit);
    EXPECT_TRUE(m.header.verify);
    EXPECT_EQ(m.header.prfFunc, PrfFunc::Mikey1);
    EXPECT_EQ(m.header.csbId, 0xcd177e50u);
    const auto& map = std::get<SrtpIdMap>(m.header.csIdMap);
    ASSERT_EQ(map.entries.size(), 1u);
    EXPECT_EQ(map.entries[0], (SrtpIdEntry{0, 0, 0}));
    ASSERT_EQ(m.payloads.size(), 5u);
    EXPECT_EQ(PayloadAt<TimestampPayload>(m, 0),
              (TimestampPayload{TsType::NtpUtc, 0xc8e350ea00000000u}));
    EXPECT_EQ(PayloadAt<RandPayload>(m, 1).rand, Hex("4a28da979ee21a7651a0d7f19136d98c"));
    EXPECT_EQ(PayloadAt<IdPayload>(m, 2), (IdPayload{IdType::Nai, ToBytes("donald@duck.com")}));
    EXPECT_EQ(PayloadAt<SecurityPolicyPayload>(m, 3), (SecurityPolicyPayload{0, 0, {}}));
    const auto& kemac = PayloadAt<KemacPayload>(m, 4);
    EXPECT_EQ(kemac.encrAlg, EncrAlg::AesCm128);
    EXPECT_EQ(kemac.encrData.size(), 36u);
    EXPECT_EQ(kemac.macAlg, MacAlg::HmacSha1_160);
    EXPECT_EQ(kemac.mac, Hex("5f627a69c6508675f5f59050e4abcca4c0bfdcd5"));
    EXPECT_EQ(FormatMikeyMessage(m), wire);
}

TEST(MikeyCodec, GivenTheRfc4567Answer_WhenParsed_ThenTheStructureMatchesAndItReencodesIdentically)
{
    const Bytes wire = Hex(kRfc4567Answer);
    ASSERT_EQ(wire.size(), 71u);
    auto parsed = ParseMikeyMessage(wire);
    ASSERT_TRUE(parsed) << parsed.GetError().ToString();
    const MikeyMessage& m = parsed.Value();
    EXPECT_EQ(m.header.dataType, DataType::PskVerify);
    EXPECT_EQ(m.header.csbId, 0xcd177e50u);
    ASSERT_EQ(m.payloads.size(), 3u);
    EXPECT_EQ(PayloadAt<TimestampPayload>(m, 0).value, 0xc8e350ea00000000u);
    EXPECT_EQ(PayloadAt<IdPayload>(m, 1), (IdPayload{IdType::Nai, ToBytes("mickey@mouse.com")}));
    EXPECT_EQ(PayloadAt<VerificationPayload>(m, 2),
              (VerificationPayload{MacAlg::HmacSha1_160,
                                   Hex("9fc1dd184e413035c522e18481afbad80818e5c7")}));
    EXPECT_EQ(FormatMikeyMessage(m), wire);
}

TEST(MikeyCodec, GivenTheV5PskIMessage_WhenParsed_ThenFieldsMatchAndItReencodesIdentically)
{
    const Bytes wire = Hex(kV5Message);
    auto parsed = ParseMikeyMessage(wire);
    ASSERT_TRUE(parsed) << parsed.GetError().ToString();
    const MikeyMessage& m = parsed.Value();
    EXPECT_EQ(m.header.csbId, 0x01020304u);
    EXPECT_EQ(std::get<SrtpIdMap>(m.header.csIdMap).entries.at(0), (SrtpIdEntry{0, 0x12345678, 0}));
    ASSERT_EQ(m.payloads.size(), 3u);
    EXPECT_EQ(PayloadAt<RandPayload>(m, 1).rand, Range(0x10, 16));
    const auto& kemac = PayloadAt<KemacPayload>(m, 2);
    EXPECT_EQ(kemac.encrData, Hex("be771f68039d82b78786986a3b837e06329c0bad"));
    EXPECT_EQ(kemac.mac, Hex("18043d90f1190885011fcdcaab58b991e18ba783"));
    EXPECT_EQ(FormatMikeyMessage(m), wire);
}

TEST(MikeyCodec, GivenTheV5Message_WhenPreparedForItsMac_ThenTheInputIsEverythingBeforeTheMac)
{
    const Bytes wire = Hex(kV5Message);
    const MikeyMessage m = ParseMikeyMessage(wire).Value();
    auto field = LocateMacField(m);
    ASSERT_TRUE(field) << field.GetError().ToString();
    EXPECT_EQ(field.Value().offset, wire.size() - 20);
    EXPECT_EQ(field.Value().length, 20u);
    auto input = FormatForMac(m);
    ASSERT_TRUE(input) << input.GetError().ToString();
    EXPECT_EQ(input.Value(), Bytes(wire.begin(), wire.end() - 20));
    // A sender builds the message with an empty MAC: the MAC input does not depend on it.
    MikeyMessage unsigned_ = m;
    std::get<KemacPayload>(unsigned_.payloads.back()).mac.clear();
    EXPECT_EQ(FormatForMac(unsigned_).Value(), input.Value());
}

TEST(MikeyCodec, GivenAMessageEndingWithT_WhenTheMacIsLocated_ThenMissingField)
{
    MikeyMessage m;
    m.payloads.push_back(TimestampPayload{TsType::Counter, 7});
    EXPECT_EQ(LocateMacField(m).GetError().code, Errc::MissingField);
    EXPECT_EQ(FormatForMac(m).GetError().code, Errc::MissingField);
    EXPECT_EQ(FormatForMac(MikeyMessage{}).GetError().code, Errc::MissingField);
}

// --- Key data sub-payloads ----------------------------------------------------------------

TEST(MikeyKeyData, GivenTheV5KeyDataPlaintext_WhenParsed_ThenItIsOneTgkWithoutValidity)
{
    const Bytes plain = Hex("00000010000102030405060708090a0b0c0d0e0f");
    auto keys = ParseKeyDataList(plain);
    ASSERT_TRUE(keys) << keys.GetError().ToString();
    ASSERT_EQ(keys.Value().size(), 1u);
    EXPECT_EQ(keys.Value()[0].type, KeyDataType::Tgk);
    EXPECT_EQ(keys.Value()[0].validity, KeyValidity::Null);
    EXPECT_EQ(keys.Value()[0].key, Range(0, 16));
    EXPECT_EQ(FormatKeyDataList(keys.Value()), plain);
}

TEST(MikeyKeyData, GivenSaltSpiAndIntervalKeys_WhenFormatted_ThenTheBytesFollowRfc3830AndRoundTrip)
{
    KeyDataPayload mpk{KeyDataType::Mpk, KeyValidity::Null, Range(0x40, 16), {}, {}, {}, {}};
    KeyDataPayload tek{KeyDataType::TekSalt,
                       KeyValidity::SpiMki,
                       Range(0, 16),
                       Range(0x20, 14),
                       Hex("0102"),
                       {},
                       {}};
    KeyDataPayload tgk{KeyDataType::TgkSalt, KeyValidity::Interval, Range(0, 16), Hex("aa"), {},
                       Hex("000000000001"),  Hex("0000ffffffff")};
    const std::vector<KeyDataPayload> keys{mpk, tek, tgk};
    const Bytes wire = FormatKeyDataList(keys);
    const Bytes expected = Concat({Hex("14600010"), Range(0x40, 16),             // MPK, next 20
                                   Hex("14310010"), Range(0, 16), Hex("000e"),   // TEK+SALT/SPI
                                   Range(0x20, 14), Hex("020102"),               // salt, SPI
                                   Hex("00120010"), Range(0, 16), Hex("0001aa"), // TGK+SALT/int
                                   Hex("06000000000001060000ffffffff")});        // VF, VT
    EXPECT_EQ(wire, expected);
    auto back = ParseKeyDataList(wire);
    ASSERT_TRUE(back) << back.GetError().ToString();
    EXPECT_EQ(back.Value(), keys);
}

TEST(MikeyKeyData, GivenBadKeyData_WhenParsed_ThenTypedErrorsNameTheField)
{
    struct Case
    {
        const char* hex;
        Errc code;
        const char* detail;
    };
    const Case cases[] = {
        {"00000000", Errc::OutOfRange, "Key data len 0"},         // zero-length key
        {"00030001aa", Errc::Unsupported, "KV 3"},                // KV out of range
        {"00700001aa", Errc::Unsupported, "Type 7"},              // key type out of range
        {"00000010aabb", Errc::BadLength, "Key data length 16"},  // key past the end
        {"00100001aa0000", Errc::OutOfRange, "Salt len 0"},       // empty salt
        {"00010001aa05aa", Errc::BadLength, "SPI length 5"},      // SPI past the end
        {"00000001aaff", Errc::BadLength, "1 bytes after"},       // trailing byte
        {"14000001aa", Errc::Truncated, "next payload"},          // chain not terminated
        {"05000001aa", Errc::Unsupported, "(T) is not Key data"}, // chain leaves Key data
        {"", Errc::Truncated, "next payload"},                    // nothing at all
    };
    for (const Case& c : cases)
    {
        auto keys = ParseKeyDataList(Hex(c.hex));
        ASSERT_FALSE(keys) << c.hex;
        EXPECT_EQ(keys.GetError().code, c.code) << c.hex << ": " << keys.GetError().ToString();
        EXPECT_NE(keys.GetError().detail.find(c.detail), std::string::npos)
            << c.hex << ": " << keys.GetError().ToString();
    }
    Bytes many;
    for (size_t i = 0; i <= kMaxPayloads; ++i)
    {
        Bytes one = Hex("14000001aa");
        many.insert(many.end(), one.begin(), one.end());
    }
    EXPECT_EQ(ParseKeyDataList(many).GetError().code, Errc::TooLarge);
}

// --- MIKEY-TICKET messages (RFC 6043 4.2 compositions) -------------------------------------

MikeyHeader
TicketHeader(DataType type, bool verify, CsIdMap map = EmptyMap{})
{
    MikeyHeader h;
    h.dataType = type;
    h.verify = verify;
    h.prfFunc = PrfFunc::HmacSha256;
    h.csbId = 0x01020304;
    h.csIdMap = std::move(map);
    return h;
}

GenericIdMap
OneSrtpSession()
{
    GenericIdEntry entry;
    entry.csId = 1;
    entry.protType = 0;
    entry.sessionFlag = true;
    entry.policies = {0};
    entry.sessionData = Hex("12345678000000000001"); // SSRC, ROC, SEQ
    entry.spi = Hex("0a0b");
    return GenericIdMap{{entry}};
}

TimestampPayload
Now()
{
    return TimestampPayload{TsType::NtpUtc, 0xe9a1b2c300000000u};
}

RandRolePayload
RandR(RandRole role)
{
    return RandRolePayload{role,
                           Range(static_cast<uint8_t>(0x10 * static_cast<uint8_t>(role)), 16)};
}

IdRolePayload
IdR(IdRole role, const char* uri)
{
    return IdRolePayload{role, IdType::Uri, ToBytes(uri)};
}

VerificationPayload
Mac256()
{
    return VerificationPayload{MacAlg::HmacSha256_256, Range(0xa0, 32)};
}

KemacPayload
Kemac(MacAlg macAlg)
{
    return KemacPayload{EncrAlg::AesCm256, Range(0x60, 40), macAlg, Bytes(MacLength(macAlg), 0x5c)};
}

TicketPolicyPayload
Policy()
{
    TicketPolicyPayload tp;
    tp.ticketType = 2;
    tp.subtype = 1;
    tp.version = 1;
    tp.prfFunc = PrfFunc::HmacSha256;
    tp.flags.kmsGenerated = true;
    tp.flags.resolveMandatory = true;
    tp.flags.responseRequired = true;
    tp.flags.keyForking = true;
    tp.flags.reusable = true;
    tp.payloads.emplace_back(IdR(IdRole::Kms, "kms.example.com"));
    tp.payloads.emplace_back(
        TimestampRolePayload{TsRole::ValidityEnd, TsType::NtpUtc32, 0xe9a1c000});
    tp.payloads.emplace_back(KemacPayload{
        EncrAlg::Null,
        FormatKeyDataList(
            {KeyDataPayload{KeyDataType::Tgk, KeyValidity::Null, Bytes(16, 0), {}, {}, {}, {}}}),
        MacAlg::Null,
        {}});
    tp.payloads.emplace_back(IdR(IdRole::Responder, "sip:bob@example.com"));
    return tp;
}

TicketPayload
Ticket(bool withInitiatorData)
{
    TicketPayload t;
    t.policy = Policy();
    t.ticketData = Concat({Hex("0a0004cafebabe"), Range(0x80, 40)});
    if (withInitiatorData)
    {
        t.initiatorData = {Mac256(), VerificationPayload{MacAlg::HmacSha256_256, Range(0xc0, 32)}};
    }
    return t;
}

MikeyMessage
RequestInitPsk()
{
    return {TicketHeader(DataType::RequestInitPsk, true),
            {Now(), RandR(RandRole::Initiator), IdR(IdRole::Initiator, "sip:alice@example.com"),
             IdR(IdRole::Kms, "kms.example.com"), Policy(),
             IdRolePayload{IdRole::PreSharedKey, IdType::ByteString, Hex("b71d0001")}, Mac256()}};
}

MikeyMessage
RequestResp()
{
    return {
        TicketHeader(DataType::RequestResp, false),
        {Now(), IdR(IdRole::Kms, "kms.example.com"), Ticket(false), Kemac(MacAlg::Null), Mac256()}};
}

MikeyMessage
TransferInit()
{
    SecurityPolicyPayload sp{
        0, 0, {{0, Hex("06")}, {1, Hex("10")}, {4, Hex("0c")}, {20, Hex("10")}}};
    return {TicketHeader(DataType::TransferInit, true, OneSrtpSession()),
            {Now(), RandR(RandRole::Initiator), IdR(IdRole::Initiator, "sip:alice@example.com"),
             IdR(IdRole::Responder, "sip:bob@example.com"), sp, Ticket(true), Mac256()}};
}

MikeyMessage
TransferResp()
{
    return {TicketHeader(DataType::TransferResp, false, OneSrtpSession()),
            {Now(), RandR(RandRole::Responder), IdR(IdRole::Responder, "sip:bob-phone@example.com"),
             RandR(RandRole::Kms), SecurityPolicyPayload{0, 0, {}}, Mac256()}};
}

MikeyMessage
ResolveInitPsk()
{
    return {TicketHeader(DataType::ResolveInitPsk, true),
            {Now(), RandR(RandRole::Responder), IdR(IdRole::Responder, "sip:bob@example.com"),
             IdR(IdRole::Kms, "kms.example.com"), Ticket(true),
             IdRolePayload{IdRole::PreSharedKey, IdType::ByteString, Hex("b71d0002")}, Mac256()}};
}

MikeyMessage
ResolveResp()
{
    return {TicketHeader(DataType::ResolveResp, false),
            {Now(), IdR(IdRole::Kms, "kms.example.com"), Kemac(MacAlg::Null),
             IdR(IdRole::Responder, "sip:bob-phone@example.com"), RandR(RandRole::Kms), Mac256()}};
}

MikeyMessage
TicketError()
{
    return {TicketHeader(DataType::Error, false),
            {Now(), ErrorPayload{ErrorNo::InvalidTicket, 0},
             GeneralExtPayload{1, ToBytes("session-1")},
             TimestampRolePayload{TsRole::Issue, TsType::Counter, 42}, Mac256()}};
}

void
ExpectRoundTrip(const MikeyMessage& message, const char* name)
{
    const Bytes wire = FormatMikeyMessage(message);
    auto parsed = ParseMikeyMessage(wire);
    ASSERT_TRUE(parsed) << name << ": " << parsed.GetError().ToString();
    EXPECT_TRUE(parsed.Value() == message) << name;
    EXPECT_EQ(FormatMikeyMessage(parsed.Value()), wire) << name;
}

TEST(MikeyTicketCodec, GivenEveryRfc6043Message_WhenFormattedAndParsed_ThenItRoundTripsExactly)
{
    ExpectRoundTrip(RequestInitPsk(), "REQUEST_INIT_PSK");
    ExpectRoundTrip(RequestResp(), "REQUEST_RESP");
    ExpectRoundTrip(TransferInit(), "TRANSFER_INIT");
    ExpectRoundTrip(TransferResp(), "TRANSFER_RESP");
    ExpectRoundTrip(ResolveInitPsk(), "RESOLVE_INIT_PSK");
    ExpectRoundTrip(ResolveResp(), "RESOLVE_RESP");
    ExpectRoundTrip(TicketError(), "Error");
}

TEST(MikeyTicketCodec, GivenARequestInit_WhenFormatted_ThenHeaderTAndRandrFollowRfc6043)
{
    const Bytes wire = FormatMikeyMessage(RequestInitPsk());
    // HDR: version 1, REQUEST_INIT_PSK (11), next T, V=1 and PRF 1, CSB ID, #CS 0, Empty map.
    // T: next RANDR (15), NTP-UTC. RANDR: next IDR (14), role 1, length 16.
    const Bytes expected = Concat({Hex("010b05810102030400010f00e9a1b2c3000000000e0110"),
                                   Range(0x10, 16), Hex("0e0101001573")});
    EXPECT_EQ(Bytes(wire.begin(), wire.begin() + expected.size()), expected);
}

TEST(MikeyTicketCodec, GivenATicketPolicy_WhenFormatted_ThenFlagsAndTpDataFollowRfc6043)
{
    TicketPolicyPayload tp;
    tp.ticketType = 2;
    tp.subtype = 1;
    tp.version = 1;
    tp.prfFunc = PrfFunc::HmacSha256;
    tp.flags.kmsGenerated = true;       // bit 16
    tp.flags.resolveMandatory = true;   // bit 15
    tp.flags.responseRequired = true;   // bit 14
    tp.flags.keyForking = true;         // bit 11
    tp.flags.reusable = true;           // bit 10
    tp.flags.responderCompliant = true; // bit 5
    tp.reserved = 0x05;
    tp.payloads.emplace_back(TimestampRolePayload{TsRole::RekeyInterval, TsType::NtpUtc32, 3600});
    ByteWriter w;
    WritePayload(w, tp, 0);
    // PRF 1 << 17 | D E F I J O | Res 5 = 0x03cc25; TP Data: First Payload TR, TR(TRr) 3600 s.
    EXPECT_EQ(w.View(), Hex("0000020101"
                            "03cc25"
                            "0008"
                            "0d"
                            "000403"
                            "00000e10"));
    ByteReader r(w.View());
    auto back = ReadPayload(r, static_cast<uint8_t>(PayloadType::Tp));
    ASSERT_TRUE(back) << back.GetError().ToString();
    EXPECT_TRUE(std::get<TicketPolicyPayload>(back.Value().payload) == tp);
}

TEST(MikeyTicketCodec,
     GivenATicket_WhenPreparedForTheBaseTicketMac_ThenNextInitiatorDataAndMacAreLeftOut)
{
    TicketPayload t;
    t.policy.ticketType = 1;
    t.policy.subtype = 1;
    t.policy.version = 1;
    t.ticketData = Concat({Hex("aabbcc"), Bytes(20, 0xee)});
    t.initiatorData = {Mac256()};
    auto input = FormatTicketForMac(t, 20);
    ASSERT_TRUE(input) << input.GetError().ToString();
    // Ticket Type 1, Subtype 1, Version 1, PRF/flags 0, TP Data (First Payload 0), Ticket Data
    // length 23 and its first 3 bytes.
    EXPECT_EQ(input.Value(), Hex("00010101000000000100"
                                 "0017"
                                 "aabbcc"));
    EXPECT_EQ(FormatTicketForMac(t, 24).GetError().code, Errc::OutOfRange);
}

TEST(MikeyTicketCodec,
     GivenATransferInit_WhenPreparedForItsMac_ThenInitiatorDataAndTheMacAreLeftOut)
{
    const MikeyMessage m = TransferInit();
    MikeyMessage without = m;
    std::get<TicketPayload>(without.payloads[5]).initiatorData.clear();
    const Bytes plain = FormatMikeyMessage(without);
    // plain ends with: ... Ticket Data | 0000 (Initiator Data length) | 00 02 (V) | 32-byte MAC
    const size_t n = plain.size();
    ASSERT_EQ(Bytes(plain.end() - 36, plain.end() - 32), Hex("00000002"));
    Bytes expected(plain.begin(), plain.end() - 36);
    expected.insert(expected.end(), {0x00, 0x02});
    auto input = FormatForMac(m);
    ASSERT_TRUE(input) << input.GetError().ToString();
    EXPECT_EQ(input.Value(), expected);
    EXPECT_EQ(input.Value().size(), n - 36 + 2);
    // Other data types keep the Initiator Data in the MAC input.
    MikeyMessage resolve = ResolveInitPsk();
    const Bytes full = FormatMikeyMessage(resolve);
    EXPECT_EQ(FormatForMac(resolve).Value(), Bytes(full.begin(), full.end() - 32));
}

TEST(MikeyTicketCodec, GivenTheTpKemac_WhenItsEncrDataIsParsedAsKeyData_ThenTheRequestedKeyIsFound)
{
    const MikeyMessage request = RequestInitPsk();
    const auto& tp = std::get<TicketPolicyPayload>(request.payloads[4]);
    const auto& kemac = std::get<KemacPayload>(tp.payloads[2]);
    auto keys = ParseKeyDataList(kemac.encrData);
    ASSERT_TRUE(keys) << keys.GetError().ToString();
    ASSERT_EQ(keys.Value().size(), 1u);
    EXPECT_EQ(keys.Value()[0].type, KeyDataType::Tgk);
    EXPECT_EQ(keys.Value()[0].key, Bytes(16, 0));
}

// --- bad inputs (PERF.md section 3) ---------------------------------------------------------

struct BadInput
{
    const char* name;   // what is wrong
    Bytes wire;         // the message
    Errc code;          // expected category
    const char* detail; // expected part of the detail (payload and field)
};

/** \return \p wire with byte \p at replaced by \p value. */
Bytes
With(Bytes wire, size_t at, uint8_t value)
{
    wire.at(at) = value;
    return wire;
}

/** \return a PSK-style header (10 bytes, #CS 0, Empty map) whose next payload is \p next. */
Bytes
Header(uint8_t next)
{
    return Concat({Hex("0100"), Bytes{next},
                   Hex("0001020304"
                       "0001")});
}

TEST(MikeyCodec, GivenEveryBadInputOfPerfSection3_WhenParsed_ThenTheExpectedTypedErrorNamesTheField)
{
    const Bytes v5 = Hex(kV5Message);
    const Bytes ticket = FormatMikeyMessage(TransferInit());
    Bytes longChain = Header(12);
    for (size_t i = 0; i <= kMaxPayloads; ++i)
    {
        Bytes err = Hex("0c000000");
        longChain.insert(longChain.end(), err.begin(), err.end());
    }
    const std::vector<BadInput> cases = {
        {"9-byte header", Bytes(v5.begin(), v5.begin() + 9), Errc::Truncated, "HDR: common header"},
        {"version 2", With(v5, 0, 2), Errc::Unsupported, "HDR: version 2"},
        {"data type 19", With(v5, 1, 19), Errc::Unsupported, "HDR: data type 19"},
        {"PRF func 5", With(v5, 3, 0x85), Errc::Unsupported, "HDR: PRF func 5"},
        {"#CS x 9 past the end", With(Bytes(v5.begin(), v5.begin() + 19), 8, 2), Errc::Truncated,
         "SRTP-ID map info"},
        {"CS ID map type 3", With(v5, 9, 3), Errc::Unsupported, "HDR: CS ID map type 3"},
        {"GENERIC-ID Session Data past the end",
         Concat({Hex("010e0081010203040102"
                     "010001"
                     "00"
                     "ffff")}),
         Errc::BadLength, "Session Data Length"},
        {"chain that never ends (loop)", longChain, Errc::TooLarge, "more than 64 payloads"},
        {"chain skips the terminating 0", With(v5, v5.size() - 45, 11), Errc::Truncated,
         "RAND: next payload"},
        {"unknown payload 99", Concat({Header(5), Hex("6300c8e350ea00000000")}), Errc::Unsupported,
         "payload type 99"},
        {"unsupported payload PKE", Concat({Header(2), Hex("00")}), Errc::Unsupported, "(PKE)"},
        {"KEMAC encr data length past the end", With(v5, v5.size() - 43, 0xff), Errc::BadLength,
         "KEMAC: Encr data length 65300"},
        {"KEMAC MAC one byte short", Bytes(v5.begin(), v5.end() - 1), Errc::BadLength,
         "KEMAC: MAC has 19 bytes, HMAC-SHA-1-160 needs 20"},
        {"KEMAC MAC one byte long", Concat({v5, Hex("00")}), Errc::BadLength,
         "KEMAC: MAC has 21 bytes"},
        {"KEMAC unknown Mac alg", With(v5, v5.size() - 21, 9), Errc::Unsupported,
         "KEMAC: Mac alg 9"},
        {"KEMAC unknown Encr alg", With(v5, v5.size() - 44, 7), Errc::Unsupported,
         "KEMAC: Encr alg 7"},
        {"V MAC shorter than HMAC-SHA-256-256", Concat({Header(9), Hex("0002"), Bytes(20, 1)}),
         Errc::BadLength, "V: Ver data has 20 bytes, HMAC-SHA-256-256 needs 32"},
        {"TICKET data length past the end", Concat({Header(17), Hex("0000020101000000000100ffff")}),
         Errc::BadLength, "TICKET: Ticket Data length 65535"},
        {"TP data length past the end",
         Concat({Header(16), Hex("0000020101000000"
                                 "0010"
                                 "00")}),
         Errc::BadLength, "TP: TP Data length 16"},
        {"TP data length 0",
         Concat({Header(16), Hex("0000020101000000"
                                 "0000")}),
         Errc::BadLength, "TP: TP Data length 0"},
        {"TP data holding a TICKET",
         Concat({Header(16), Hex("0000020101000000"
                                 "0001"
                                 "11")}),
         Errc::Malformed, "TP Data: payload TICKET (17) is not allowed"},
        {"SP param length past the end", Concat({Header(10), Hex("00000000ff0001")}),
         Errc::BadLength, "SP: Policy param length 255"},
        {"SP param value past the param length", Concat({Header(10), Hex("0000000003000510")}),
         Errc::BadLength, "SP: policy param value length 5"},
        {"T COUNTER with 8 bytes", Concat({Header(5), Hex("0002c8e350ea00000000")}),
         Errc::BadLength, "T: TS value has 8 bytes, COUNTER needs 4"},
        {"T NTP-UTC with 4 bytes", Concat({Header(5), Hex("0000c8e350ea")}), Errc::BadLength,
         "T: TS value has 4 bytes, NTP-UTC needs 8"},
        {"T unknown TS type", Concat({Header(5), Hex("0009c8e350ea")}), Errc::Unsupported,
         "T: TS type 9"},
        {"RAND of 15 bytes", Concat({Header(11), Hex("000f"), Bytes(15, 1)}), Errc::OutOfRange,
         "RAND: RAND length 15 is below 16"},
        {"RANDR of 8 bytes", Concat({Header(15), Hex("000108"), Bytes(8, 1)}), Errc::OutOfRange,
         "RANDR: RAND length 8"},
        {"zero-length ID", Concat({Header(6), Hex("00010000")}), Errc::OutOfRange, "ID: ID len 0"},
        {"zero-length IDR", Concat({Header(14), Hex("0002010000")}), Errc::OutOfRange,
         "IDR: ID len 0"},
        {"IDR role 9", Concat({Header(14), Hex("000901000161")}), Errc::Unsupported,
         "IDR: ID Role 9"},
        {"bytes after the last payload",
         Concat({Header(12), Hex("0c000000"
                                 "00000000"
                                 "ff")}),
         Errc::BadLength, "message: 1 bytes after the last payload"},
        {"message over 64 KiB", Concat({v5, Bytes(kMaxMikeyMessageSize, 0)}), Errc::TooLarge,
         "65536-byte limit"},
        {"TRANSFER_INIT cut inside the TICKET", Bytes(ticket.begin(), ticket.begin() + 150),
         Errc::BadLength, "TICKET"},
    };
    for (const BadInput& c : cases)
    {
        auto parsed = ParseMikeyMessage(c.wire);
        ASSERT_FALSE(parsed) << c.name;
        EXPECT_EQ(parsed.GetError().code, c.code) << c.name << ": " << parsed.GetError().ToString();
        EXPECT_NE(parsed.GetError().detail.find(c.detail), std::string::npos)
            << c.name << ": " << parsed.GetError().ToString();
    }
}

// --- Wireshark cross-check ---------------------------------------------------------------


/** \return \p messages as a text2pcap hex dump, one packet each (offsets restart at 0). */
std::string
HexDump(const std::vector<Bytes>& messages)
{
    std::string out;
    char line[32];
    for (const Bytes& m : messages)
    {
        for (size_t i = 0; i < m.size(); ++i)
        {
            if (i % 16 == 0)
            {
                std::snprintf(line, sizeof(line), "%s%06zx", i == 0 ? "" : "\n", i);
                out += line;
            }
            std::snprintf(line, sizeof(line), " %02x", m[i]);
            out += line;
        }
        out += "\n";
    }
    return out;
}

TEST(MikeyCodec,
     GivenRfc3830ShapedMessages_WhenDissectedByTshark_ThenNothingIsMalformedAndHdrMatches)
{
    if (!test_support::HaveTool("tshark") || !test_support::HaveTool("text2pcap"))
    {
        GTEST_SKIP() << "tshark or text2pcap is not installed";
    }
    // tshark 4.0 knows RFC 3830 but not the RFC 6043 data types or payloads 13/15/16/17: it
    // dissects HDR and T of the REQUEST_INIT and stops at the RANDR without an error.
    const std::vector<Bytes> messages = {Hex(kV5Message), Hex(kRfc4567Offer),
                                         FormatMikeyMessage(RequestInitPsk()),
                                         FormatMikeyMessage(TicketError())};
    const std::string base = testing::TempDir() + "mikey-codec-test";
    std::ofstream(base + ".txt") << HexDump(messages);
    ASSERT_EQ(test_support::RunCommand("text2pcap -q -u 2269,2269 " + base + ".txt " + base +
                         ".pcap >/dev/null 2>&1 && echo ok"),
              "ok\n");
    const std::string tshark = "tshark -r " + base + ".pcap ";
    EXPECT_EQ(test_support::RunCommand(tshark + "-Y '_ws.malformed' 2>/dev/null"), "");
    EXPECT_EQ(test_support::RunCommand(tshark + "-T fields -e mikey.version -e mikey.type -e mikey.csb_id "
                                  "-e mikey.cs_count -e mikey.kemac.mac 2>/dev/null"),
              "1\t0\t0x01020304\t1\t18043d90f1190885011fcdcaab58b991e18ba783\n"
              "1\t0\t0xcd177e50\t1\t5f627a69c6508675f5f59050e4abcca4c0bfdcd5\n"
              "1\t11\t0x01020304\t0\t\n"
              "1\t6\t0x01020304\t0\t\n");
    // The Error message is RFC 3830 up to the TR: HDR, T, ERR and General Ext all dissect.
    EXPECT_EQ(test_support::RunCommand(tshark + "-Y 'frame.number == 4' -T fields -e mikey.err.no "
                                  "-e mikey.t.ts_type 2>/dev/null"),
              "14\t0\n");
    std::remove((base + ".txt").c_str());
    std::remove((base + ".pcap").c_str());
}

} // namespace
} // namespace mikey
} // namespace mediasec
