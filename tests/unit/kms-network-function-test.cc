// Network-function (transcoder) authorization in the MIKEY-TICKET profile
// (doc/mikey-ticket-profile.md, "Network functions"; seed 001 section 4.4): a function on the KMS
// policy list, named by the ticket's IDRapp, resolves with the answering endpoint's modifier and
// holds the keys of both UEs; every other case is refused with a typed error and a MIKEY Error.
#include "kms-test-world.h"
#include "protocol/kms/network-function-resolver.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace mediasec
{
namespace kms
{
namespace
{

using namespace test;

const std::string kTranscoder = "sip:transcoder1@ims.test"; //!< on the KMS list (wildcard)
const std::string kRecorder = "sip:recorder@ims.test";      //!< a KMS user, not on the list

/** \brief A KMS that lists "transcoder*@ims.test" as network functions, and two functions. */
class KmsNetworkFunctionTest : public KmsTicketTest
{
  protected:
    KmsNetworkFunctionTest()
        : KmsTicketTest(NetworkFunctionPolicy())
        , transcoderCred(world.AddUser(kTranscoder, "transcoder-btid@bsf.ims.test"))
        , recorderCred(world.AddUser(kRecorder, "recorder-btid@bsf.ims.test"))
        , transcoder(transcoderCred, Drbg::FromSeed(7, "transcoder"))
        , recorder(recorderCred, Drbg::FromSeed(7, "recorder"))
    {
    }

    /** \return the default policy with one wildcard network-function entry. */
    static KmsPolicy
    NetworkFunctionPolicy()
    {
        KmsPolicy policy;
        policy.networkFunctions = {"transcoder*@ims.test"};
        return policy;
    }

    /** \brief Alice calls Bob with a ticket naming \p functions; Bob answers. \return Bob's */
    ResponderOutcome
    CallBob(const std::vector<std::string>& functions)
    {
        RequestTicket(world, alice, {"sip:bob@example.com"}, false, kT0, functions);
        auto transfer = alice.BuildTransferInit("sip:bob@example.com", kT0 + kSecondNs);
        EXPECT_TRUE(transfer.IsOk());
        transferInit = transfer.Value();
        auto atBob = ResolveAtResponder(world, bob, transferInit, kT0 + 2 * kSecondNs);
        EXPECT_TRUE(atBob.IsOk()) << atBob.GetError().ToString();
        return atBob.Value();
    }

    /** \return the function's keys for the call (the KMS reply in \p reply) */
    Result<NetworkFunctionKeys>
    ResolveAsFunction(NetworkFunctionResolver& nf, const Bytes& transferResp, KmsReply& reply)
    {
        auto resolve = nf.BuildResolveInit(transferInit, transferResp, kT0 + 3 * kSecondNs);
        if (!resolve)
        {
            return resolve.GetError();
        }
        reply = world.kms.HandleResolveInit(resolve.Value(), kT0 + 3 * kSecondNs);
        return nf.ProcessResolveResp(reply.message);
    }

    UeCredentials transcoderCred;       //!< authorized network function
    UeCredentials recorderCred;         //!< registered, not authorized
    NetworkFunctionResolver transcoder; //!< the transcoder's agent
    NetworkFunctionResolver recorder;   //!< the recorder's agent
    Bytes transferInit;                 //!< the call's TRANSFER_INIT
};

TEST_F(KmsNetworkFunctionTest, GivenATicketNamingTheTranscoder_WhenItResolves_ThenItHasBothUesKeys)
{
    const ResponderOutcome atBob = CallBob({kTranscoder});
    auto atAlice = alice.ProcessTransferResp(atBob.transferResp);
    ASSERT_TRUE(atAlice.IsOk()) << atAlice.GetError().ToString();
    KmsReply reply;
    auto atTranscoder = ResolveAsFunction(transcoder, atBob.transferResp, reply);
    ASSERT_TRUE(atTranscoder.IsOk()) << atTranscoder.GetError().ToString();

    EXPECT_TRUE(SameKeys(atTranscoder.Value().srtp, atAlice.Value().srtp));
    EXPECT_TRUE(SameKeys(atTranscoder.Value().srtp, atBob.keys.srtp));
    EXPECT_EQ(atTranscoder.Value().initiator, "sip:alice@example.com");
    EXPECT_EQ(atTranscoder.Value().responder, "sip:bob@example.com");
    EXPECT_EQ(world.kms.Stats().ticketsResolved, 2u);
    // The function gets MPKi and TGK' but no MPKr' (it cannot answer Alice as Bob): two key
    // data sub-payloads of 4 + 32 bytes.
    auto resp = mikey::ParseMikeyMessage(reply.message);
    ASSERT_TRUE(resp.IsOk());
    const auto* kemac = mikey::FindPayload<mikey::KemacPayload>(resp.Value());
    ASSERT_NE(kemac, nullptr);
    EXPECT_EQ(kemac->encrData.size(), 2 * (4 + kProfileKeyLength));
    EXPECT_GT(transcoder.Ops().Total(), 0u);
}

TEST_F(KmsNetworkFunctionTest, GivenTwoForkedAnswers_WhenTheTranscoderResolvesEach_ThenEachMatches)
{
    const ResponderOutcome atBob1 = CallBob({"sip:transcoder*@ims.test"});
    auto atBob2 = ResolveAtResponder(world, bob2, transferInit, kT0 + 2 * kSecondNs);
    ASSERT_TRUE(atBob2.IsOk()) << atBob2.GetError().ToString();
    KmsReply reply;
    auto forBob1 = ResolveAsFunction(transcoder, atBob1.transferResp, reply);
    auto forBob2 = ResolveAsFunction(transcoder, atBob2.Value().transferResp, reply);
    ASSERT_TRUE(forBob1.IsOk() && forBob2.IsOk());
    EXPECT_TRUE(SameKeys(forBob1.Value().srtp, atBob1.keys.srtp));
    EXPECT_TRUE(SameKeys(forBob2.Value().srtp, atBob2.Value().keys.srtp));
    EXPECT_FALSE(SameKeys(forBob1.Value().srtp, forBob2.Value().srtp));
}

TEST_F(KmsNetworkFunctionTest, GivenAFunctionOffTheKmsList_WhenItResolves_ThenNotAuthorizedErr0)
{
    // Alice even names the recorder in the ticket: the KMS list decides too.
    const ResponderOutcome atBob = CallBob({kTranscoder, kRecorder});
    KmsReply reply;
    auto atRecorder = ResolveAsFunction(recorder, atBob.transferResp, reply);
    ASSERT_FALSE(atRecorder.IsOk());
    EXPECT_EQ(atRecorder.GetError().code, Errc::AuthFailed);
    ExpectRefused(reply, Refusal::NotAuthorizedFunction, 0);
    EXPECT_EQ(reply.error->code, Errc::AuthFailed);
    EXPECT_EQ(world.kms.Stats().refused[static_cast<size_t>(Refusal::NotAuthorizedFunction)], 1u);
}

TEST_F(KmsNetworkFunctionTest,
       GivenATicketWithoutIdrapp_WhenTheListedTranscoderResolves_ThenRefused)
{
    const ResponderOutcome atBob = CallBob({});
    KmsReply reply;
    auto atTranscoder = ResolveAsFunction(transcoder, atBob.transferResp, reply);
    ASSERT_FALSE(atTranscoder.IsOk());
    ExpectRefused(reply, Refusal::NotRecipient, 0);
}

TEST_F(KmsNetworkFunctionTest, GivenTheTranscoderAddedToTheTicketIdrapp_WhenResolved_ThenErr14)
{
    const ResponderOutcome atBob = CallBob({});
    transferInit = EditTicket(transferInit, [](mikey::TicketPayload& t) {
        t.policy.payloads.insert(t.policy.payloads.end() - 1,
                                 mikey::MakeIdr(mikey::IdRole::Application, kTranscoder));
    });
    KmsReply reply;
    auto atTranscoder = ResolveAsFunction(transcoder, atBob.transferResp, reply);
    ASSERT_FALSE(atTranscoder.IsOk());
    ExpectRefused(reply, Refusal::InvalidTicket, 14);
}

TEST_F(KmsNetworkFunctionTest, GivenBobsOtherDevice_WhenItAsksForTheAnswerersKeys_ThenNotAuthorized)
{
    // Bob's second device copies Bob1's modifier like a function would: it is no function.
    const ResponderOutcome atBob = CallBob({kTranscoder});
    NetworkFunctionResolver snoop(bob2Cred, Drbg::FromSeed(7, "snoop"));
    KmsReply reply;
    auto stolen = ResolveAsFunction(snoop, atBob.transferResp, reply);
    ASSERT_FALSE(stolen.IsOk());
    ExpectRefused(reply, Refusal::NotAuthorizedFunction, 0);
}

TEST_F(KmsNetworkFunctionTest, GivenTheTranscoderResolvingAsAResponder_WhenItIsNoRecipient_ThenErr0)
{
    const ResponderOutcome atBob = CallBob({kTranscoder});
    TicketResponder asResponder = MakeResponder(transcoderCred);
    KmsReply reply;
    auto outcome =
        ResolveAtResponder(world, asResponder, transferInit, kT0 + 3 * kSecondNs, &reply);
    ASSERT_FALSE(outcome.IsOk());
    ExpectRefused(reply, Refusal::NotRecipient, 0);
    EXPECT_FALSE(atBob.transferResp.empty());
}

TEST_F(KmsNetworkFunctionTest,
       GivenAnAnswerOfAnotherCall_WhenTheTranscoderResolves_ThenInvalidState)
{
    const ResponderOutcome atBob = CallBob({kTranscoder});
    auto other = mikey::ParseMikeyMessage(atBob.transferResp).Value();
    other.header.csbId ^= 1;
    auto resolve = transcoder.BuildResolveInit(transferInit, mikey::FormatMikeyMessage(other),
                                               kT0 + 3 * kSecondNs);
    ASSERT_FALSE(resolve.IsOk());
    EXPECT_EQ(resolve.GetError().code, Errc::InvalidState);
}

TEST(KmsRefusal, GivenEveryRefusal_WhenNamed_ThenNamesAreDistinctAndNotAuthorizedFunctionIsErr0)
{
    std::set<std::string> names;
    for (size_t i = 0; i < kRefusalCount; ++i)
    {
        names.insert(RefusalName(static_cast<Refusal>(i)));
    }
    EXPECT_EQ(names.size(), kRefusalCount);
    EXPECT_EQ(names.count("unknown"), 0u);
    EXPECT_STREQ(RefusalName(Refusal::NotAuthorizedFunction), "not-authorized-function");
    EXPECT_EQ(RefusalErrorNo(Refusal::NotAuthorizedFunction), mikey::ErrorNo::AuthFailure);
}

} // namespace
} // namespace kms
} // namespace mediasec
