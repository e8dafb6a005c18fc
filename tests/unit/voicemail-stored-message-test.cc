// The mailbox encoding a voice-mail server returns for deferred delivery: round trip and typed
// errors on truncated, oversized and trailing bytes.
#include "protocol/voicemail/stored-message.h"

#include <gtest/gtest.h>

namespace mediasec
{
namespace voicemail
{
namespace
{

/** \return two messages, one with key management and media, one empty */
std::vector<StoredMessage>
SampleMailbox()
{
    StoredMessage a{"sip:alice@example.com", "call-1@ue1", 1767225600000000000LL,
                    Bytes{0x01, 0x00, 0x1a}, {Bytes{0x80, 0x00, 0x00, 0x01}, Bytes{0x80}}};
    StoredMessage b{"sip:carol@example.com", "call-2@ue3", 5, {}, {}};
    return {a, b};
}

TEST(VoiceMailStoredMessageTest, GivenAMailbox_WhenFormattedAndParsed_ThenEveryFieldSurvives)
{
    auto bytes = FormatMailbox(SampleMailbox());
    ASSERT_TRUE(bytes.IsOk()) << bytes.GetError().ToString();
    auto parsed = ParseMailbox(bytes.Value());
    ASSERT_TRUE(parsed.IsOk()) << parsed.GetError().ToString();
    EXPECT_EQ(parsed.Value(), SampleMailbox());
    // Layout: count 2, then "sip:alice@example.com" behind its u16 length.
    EXPECT_EQ(bytes.Value()[0], 0x00);
    EXPECT_EQ(bytes.Value()[1], 0x02);
    EXPECT_EQ(bytes.Value()[3], 21);
}

TEST(VoiceMailStoredMessageTest, GivenEveryPrefixOfAMailbox_WhenParsed_ThenTruncated)
{
    const Bytes bytes = FormatMailbox(SampleMailbox()).Value();
    for (size_t n = 0; n < bytes.size(); ++n)
    {
        auto parsed = ParseMailbox(Bytes(bytes.begin(), bytes.begin() + n));
        ASSERT_FALSE(parsed.IsOk()) << "prefix " << n;
        EXPECT_EQ(parsed.GetError().code, Errc::Truncated) << "prefix " << n;
    }
}

TEST(VoiceMailStoredMessageTest, GivenTrailingBytes_WhenParsed_ThenMalformed)
{
    Bytes bytes = FormatMailbox(SampleMailbox()).Value();
    bytes.push_back(0x00);
    auto parsed = ParseMailbox(bytes);
    ASSERT_FALSE(parsed.IsOk());
    EXPECT_EQ(parsed.GetError().code, Errc::Malformed);
}

TEST(VoiceMailStoredMessageTest, GivenAHugePacketCount_WhenParsed_ThenTruncatedWithoutAllocating)
{
    // One message: empty caller and Call-ID, time 0, no key management, 0xFFFFFFFF packets.
    Bytes bytes{0x00, 0x01, 0x00, 0x00, 0x00, 0x00};
    bytes.insert(bytes.end(), 8, 0x00);
    bytes.insert(bytes.end(), {0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF});
    auto parsed = ParseMailbox(bytes);
    ASSERT_FALSE(parsed.IsOk());
    EXPECT_EQ(parsed.GetError().code, Errc::Truncated);
}

TEST(VoiceMailStoredMessageTest, GivenAnOverlongCaller_WhenFormatted_ThenOutOfRange)
{
    auto mailbox = SampleMailbox();
    mailbox[0].caller.assign(kMaxTextLength + 1, 'a');
    auto bytes = FormatMailbox(mailbox);
    ASSERT_FALSE(bytes.IsOk());
    EXPECT_EQ(bytes.GetError().code, Errc::OutOfRange);
}

} // namespace
} // namespace voicemail
} // namespace mediasec
