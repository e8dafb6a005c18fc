// RequestBtids: the B-TIDs a KMS acting as NAF looks up over Zn before it runs the KmsCore
// (doc/gba-in-simulation.md, "In the scenarios").
#include "kms-test-world.h"
#include "protocol/kms/request-btids.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace mediasec
{
namespace kms
{
namespace
{

using namespace test;

using Btids = std::vector<std::string>;

/** \brief Alice, Bob and a KMS, with the messages of both ticket modes. */
class RequestBtidsTest : public KmsTicketTest
{
  protected:
    /** \return Bob's RESOLVE_INIT for \p transferInit */
    Bytes
    BobResolveInit(const Bytes& transferInit)
    {
        auto step = bob.ProcessTransferInit(transferInit, kT0);
        EXPECT_TRUE(step.IsOk()) << step.GetError().ToString();
        return step && step.Value().resolveInit ? *step.Value().resolveInit : Bytes{};
    }
};

TEST_F(RequestBtidsTest, GivenARequestInit_WhenRead_ThenItNamesTheSendersBtidOnly)
{
    auto request = alice.BuildRequestInit({"sip:bob@example.com"}, false, kT0);
    ASSERT_TRUE(request.IsOk());
    auto btids = RequestBtids(request.Value());
    ASSERT_TRUE(btids.IsOk()) << btids.GetError().ToString();
    EXPECT_EQ(btids.Value(), Btids{aliceCred.btid});
}

TEST_F(RequestBtidsTest, GivenAResolveInitOfAKmsTicket_WhenRead_ThenItNamesTheResponderOnly)
{
    RequestTicket(world, alice, {"sip:bob@example.com"}, false, kT0);
    auto transfer = alice.BuildTransferInit("sip:bob@example.com", kT0);
    ASSERT_TRUE(transfer.IsOk());
    auto btids = RequestBtids(BobResolveInit(transfer.Value()));
    ASSERT_TRUE(btids.IsOk()) << btids.GetError().ToString();
    EXPECT_EQ(btids.Value(), Btids{bobCred.btid});
}

TEST_F(RequestBtidsTest, GivenAResolveInitOfAnInitiatorMadeTicket_WhenRead_ThenItNamesBothUsers)
{
    const InitiatorTicketRequest toBob{{"sip:bob@example.com"}, false, 600 * kSecondNs, {}};
    auto transfer = alice.BuildInitiatorTicketTransfer(toBob, "sip:bob@example.com", kT0);
    ASSERT_TRUE(transfer.IsOk()) << transfer.GetError().ToString();
    auto btids = RequestBtids(BobResolveInit(transfer.Value()));
    ASSERT_TRUE(btids.IsOk()) << btids.GetError().ToString();
    EXPECT_EQ(btids.Value(), (Btids{bobCred.btid, aliceCred.btid}));
}

TEST_F(RequestBtidsTest, GivenARequestWithoutIdrpsk_WhenRead_ThenMissingField)
{
    auto request = alice.BuildRequestInit({"sip:bob@example.com"}, false, kT0);
    ASSERT_TRUE(request.IsOk());
    auto parsed = mikey::ParseMikeyMessage(request.Value());
    ASSERT_TRUE(parsed.IsOk());
    auto& payloads = parsed.Value().payloads;
    for (auto it = payloads.begin(); it != payloads.end(); ++it)
    {
        const auto* idr = std::get_if<mikey::IdRolePayload>(&*it);
        if (idr != nullptr && idr->role == mikey::IdRole::PreSharedKey)
        {
            payloads.erase(it);
            break;
        }
    }
    auto btids = RequestBtids(mikey::FormatMikeyMessage(parsed.Value()));
    ASSERT_FALSE(btids.IsOk());
    EXPECT_EQ(btids.GetError().code, Errc::MissingField);
}

TEST_F(RequestBtidsTest, GivenBytesThatAreNoMikeyMessage_WhenRead_ThenATypedError)
{
    auto request = alice.BuildRequestInit({"sip:bob@example.com"}, false, kT0);
    ASSERT_TRUE(request.IsOk());
    const Bytes truncated(request.Value().begin(), request.Value().begin() + 20);
    for (const Bytes& bytes : {Bytes{}, Bytes{0x01, 0x0d}, truncated})
    {
        auto btids = RequestBtids(bytes);
        EXPECT_FALSE(btids.IsOk());
    }
}

} // namespace
} // namespace kms
} // namespace mediasec
