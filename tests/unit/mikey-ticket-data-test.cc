// The project's 3GPP base ticket Ticket Data codec (T, RAND, KEMAC, V after a First Payload
// byte) and the RFC 6043 6.10 Ticket Policy flag implications.
#include "protocol/mikey/ticket-data.h"

#include <gtest/gtest.h>

namespace mediasec
{
namespace mikey
{
namespace
{

ThreeGppTicketData
SampleData()
{
    ThreeGppTicketData d;
    d.issued = TimestampPayload{TsType::NtpUtc, 0xE8D4A51000000000ULL};
    d.rand.rand = Bytes(32, 0x11);
    d.kemac = KemacPayload{EncrAlg::AesCm256, Bytes(72, 0x22), MacAlg::Null, {}};
    d.mac = VerificationPayload{MacAlg::HmacSha256_256, Bytes(32, 0x33)};
    return d;
}

/** \return flags of the project profile: D, E, F, G, H, I, N, O. */
TicketFlags
ProfileFlags()
{
    TicketFlags f;
    f.kmsGenerated = f.resolveMandatory = f.responseRequired = f.responderRand = true;
    f.initiatorRandInTgk = f.keyForking = f.initiatorCompliant = f.responderCompliant = true;
    return f;
}

TEST(MikeyTicketData, GivenTicketData_WhenFormattedAndParsed_ThenFieldsAndBytesRoundTrip)
{
    const ThreeGppTicketData d = SampleData();
    const Bytes wire = FormatTicketData(d);
    EXPECT_EQ(wire.front(), static_cast<uint8_t>(PayloadType::T));
    // the ticket MAC is the last 32 bytes, as FormatTicketForMac expects
    EXPECT_EQ(Bytes(wire.end() - 32, wire.end()), d.mac.mac);
    auto parsed = ParseTicketData(wire);
    ASSERT_TRUE(parsed.IsOk()) << parsed.GetError().ToString();
    EXPECT_EQ(parsed.Value().issued, d.issued);
    EXPECT_EQ(parsed.Value().rand, d.rand);
    EXPECT_EQ(parsed.Value().kemac, d.kemac);
    EXPECT_EQ(parsed.Value().mac, d.mac);
    EXPECT_EQ(FormatTicketData(parsed.Value()), wire);
}

TEST(MikeyTicketData, GivenAChainWithoutTheKemac_WhenParsed_ThenMalformed)
{
    const ThreeGppTicketData d = SampleData();
    ByteWriter w;
    w.WriteU8(static_cast<uint8_t>(PayloadType::T));
    WritePayload(w, d.issued, static_cast<uint8_t>(PayloadType::Rand));
    WritePayload(w, d.rand, static_cast<uint8_t>(PayloadType::V));
    WritePayload(w, d.mac, static_cast<uint8_t>(PayloadType::Last));
    auto parsed = ParseTicketData(w.Take());
    ASSERT_FALSE(parsed.IsOk());
    EXPECT_EQ(parsed.GetError().code, Errc::Malformed);
}

TEST(MikeyTicketData, GivenTruncatedTicketData_WhenParsed_ThenATypedErrorAndNoCrash)
{
    const Bytes wire = FormatTicketData(SampleData());
    for (size_t n = 0; n < wire.size(); ++n)
    {
        auto parsed = ParseTicketData(Bytes(wire.begin(), wire.begin() + n));
        EXPECT_FALSE(parsed.IsOk()) << "prefix of " << n << " bytes";
    }
}

TEST(MikeyTicketData, GivenTheProfileFlags_WhenValidated_ThenOk)
{
    EXPECT_TRUE(ValidateTicketFlags(ProfileFlags()).IsOk());
}

TEST(MikeyTicketData, GivenEachViolatedImplication_WhenValidated_ThenUnsupportedNamingIt)
{
    struct Case
    {
        const char* rule;
        void (*breakIt)(TicketFlags&);
    };
    const Case cases[] = {
        {"I => E", [](TicketFlags& f) { f.resolveMandatory = false; }},
        {"G => F", [](TicketFlags& f) { f.responseRequired = false; }},
        {"NOT G => H", [](TicketFlags& f) { f.responderRand = f.initiatorRandInTgk = false; }},
        {"K => D",
         [](TicketFlags& f) {
             f.kmsGenerated = false, f.initiatorKeys = true, f.kmsChanged = true;
         }},
        {"NOT D => L", [](TicketFlags& f) { f.kmsGenerated = false; }},
        {"M => F",
         [](TicketFlags& f) {
             f.responseRequired = f.responderRand = f.keyForking = false;
             f.responderKeys = true;
         }},
    };
    for (const Case& c : cases)
    {
        TicketFlags f = ProfileFlags();
        c.breakIt(f);
        auto s = ValidateTicketFlags(f);
        ASSERT_FALSE(s.IsOk()) << c.rule;
        EXPECT_EQ(s.GetError().code, Errc::Unsupported);
        EXPECT_NE(s.GetError().detail.find(c.rule), std::string::npos) << s.GetError().detail;
    }
}

} // namespace
} // namespace mikey
} // namespace mediasec
