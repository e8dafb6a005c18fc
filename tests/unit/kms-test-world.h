// Shared set-up of the MIKEY-TICKET tests: a KMS with its users (PSKs from seeded DRBGs), UE
// agents, helpers running the Request and Resolve exchanges, and message inspection/tampering.
#ifndef MEDIASEC_KMS_TEST_WORLD_H
#define MEDIASEC_KMS_TEST_WORLD_H

#include "protocol/kms/kms-core.h"
#include "protocol/kms/ticket-agent.h"
#include "protocol/mikey/mikey-message.h"
#include "protocol/mikey/ticket-fields.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace mediasec
{
namespace kms
{
namespace test
{

constexpr int64_t kSecondNs = 1000000000LL;
constexpr int64_t kT0 = 1763800000LL * kSecondNs; //!< 2025-11-22, an arbitrary UTC instant
const std::string kKmsUri = "sip:kms.example.com";

/** \brief A KMS and its users. */
class KmsWorld
{
  public:
    /**
     * \brief The KMS \p kmsUri with \p policy, its DRBG seeded with 7 and \p drbgLabel, and
     * no users yet.
     */
    explicit KmsWorld(KmsPolicy policy = KmsPolicy{}, const std::string& kmsUri = kKmsUri,
                      const std::string& drbgLabel = "kms")
        : uri(kmsUri)
        , kms(kmsUri, Lookup(), Drbg::FromSeed(7, drbgLabel), std::move(policy))
    {
    }

    /** \return a lookup into the user table (a replica serves the same users) */
    UserLookup
    Lookup()
    {
        return [this](const std::string& btid) -> Result<KmsUser> {
            auto it = users.find(btid);
            if (it == users.end())
            {
                return MakeError(Errc::MissingField, "no such B-TID");
            }
            return it->second;
        };
    }

    /** \return credentials of a new user \p btid with IMPU \p impu, registered at the KMS. */
    UeCredentials
    AddUser(const std::string& impu, const std::string& btid)
    {
        Bytes psk = Drbg::FromSeed(7, "psk/" + btid).Generate(kProfileKeyLength);
        users[btid] = KmsUser{psk, {impu}};
        return UeCredentials{impu, btid, psk, uri};
    }

    std::string uri;                      //!< IDRkms
    std::map<std::string, KmsUser> users; //!< B-TID -> user
    KmsCore kms;                          //!< the KMS
};

/** \return an initiator for \p cred. */
inline TicketInitiator
MakeInitiator(const UeCredentials& cred)
{
    return TicketInitiator(cred, Drbg::FromSeed(7, "ue/" + cred.btid));
}

/** \return a responder for \p cred. */
inline TicketResponder
MakeResponder(const UeCredentials& cred)
{
    return TicketResponder(cred, Drbg::FromSeed(7, "ue/" + cred.btid));
}

/** \brief Runs the Ticket Request exchange; asserts success. */
inline void
RequestTicket(KmsWorld& world, TicketInitiator& alice, const std::vector<std::string>& to,
              bool reusable, int64_t nowNs, const std::vector<std::string>& networkFunctions = {})
{
    auto request = alice.BuildRequestInit(to, reusable, nowNs, networkFunctions);
    ASSERT_TRUE(request.IsOk()) << request.GetError().ToString();
    KmsReply reply = world.kms.HandleRequestInit(request.Value(), nowNs);
    ASSERT_TRUE(reply.IsOk()) << reply.error->ToString();
    auto status = alice.ProcessRequestResp(reply.message, nowNs);
    ASSERT_TRUE(status.IsOk()) << status.GetError().ToString();
}

/**
 * \brief Runs TRANSFER_INIT -> RESOLVE -> TRANSFER_RESP for \p bob (without the KMS when Bob
 * answers from his cache); returns the outcome.
 */
inline Result<ResponderOutcome>
ResolveAtResponder(KmsWorld& world, TicketResponder& bob, const Bytes& transferInit, int64_t nowNs,
                   KmsReply* kmsReply = nullptr)
{
    auto step = bob.ProcessTransferInit(transferInit, nowNs);
    if (!step)
    {
        return step.GetError();
    }
    if (step.Value().outcome)
    {
        return *step.Value().outcome;
    }
    KmsReply reply = world.kms.HandleResolveInit(*step.Value().resolveInit, nowNs);
    if (kmsReply != nullptr)
    {
        *kmsReply = reply;
    }
    return bob.ProcessResolveResp(reply.message, nowNs);
}

/** \return the ERR number of a MIKEY Error message, or -1. */
inline int
ErrorNumber(const Bytes& message)
{
    auto parsed = mikey::ParseMikeyMessage(message);
    if (!parsed || parsed.Value().header.dataType != mikey::DataType::Error)
    {
        return -1;
    }
    const auto* err = mikey::FindPayload<mikey::ErrorPayload>(parsed.Value());
    return err == nullptr ? -1 : static_cast<int>(err->errorNo);
}

/** \brief Expects \p reply to be the refusal \p refusal in a MIKEY Error with ERR \p errorNo. */
inline void
ExpectRefused(const KmsReply& reply, Refusal refusal, int errorNo)
{
    ASSERT_TRUE(reply.refusal.has_value()) << "the KMS did not refuse";
    EXPECT_EQ(*reply.refusal, refusal) << RefusalName(*reply.refusal);
    EXPECT_EQ(ErrorNumber(reply.message), errorNo);
}

/** \return true when \p a and \p b hold the same key material in both directions. */
inline bool
SameKeys(const SrtpSessionKeys& a, const SrtpSessionKeys& b)
{
    return a.initiatorToResponder.key == b.initiatorToResponder.key &&
           a.initiatorToResponder.salt == b.initiatorToResponder.salt &&
           a.responderToInitiator.key == b.responderToInitiator.key &&
           a.responderToInitiator.salt == b.responderToInitiator.salt;
}

/** \return \p message with its TICKET payload changed by \p edit (MACs left as they were). */
template<typename Edit>
Bytes
EditTicket(const Bytes& message, Edit edit)
{
    auto parsed = mikey::ParseMikeyMessage(message);
    EXPECT_TRUE(parsed.IsOk());
    for (auto& p : parsed.Value().payloads)
    {
        if (auto* ticket = std::get_if<mikey::TicketPayload>(&p))
        {
            edit(*ticket);
        }
    }
    return mikey::FormatMikeyMessage(parsed.Value());
}

/** \brief Alice, Bob (two devices), Carol and a KMS. */
class KmsTicketTest : public ::testing::Test
{
  protected:
    explicit KmsTicketTest(KmsPolicy policy = KmsPolicy{})
        : world(policy)
        , aliceCred(world.AddUser("sip:alice@example.com", "alice-btid@bsf.example.com"))
        , bobCred(world.AddUser("sip:bob@example.com", "bob1-btid@bsf.example.com"))
        , bob2Cred(world.AddUser("sip:bob@example.com", "bob2-btid@bsf.example.com"))
        , carolCred(world.AddUser("sip:carol@example.com", "carol-btid@bsf.example.com"))
        , alice(MakeInitiator(aliceCred))
        , bob(MakeResponder(bobCred))
        , bob2(MakeResponder(bob2Cred))
        , carol(MakeResponder(carolCred))
    {
    }

    KmsWorld world;          //!< KMS and user database
    UeCredentials aliceCred; //!< initiator
    UeCredentials bobCred;   //!< responder, device 1
    UeCredentials bob2Cred;  //!< responder, device 2 (same IMPU, own B-TID)
    UeCredentials carolCred; //!< not an allowed recipient
    TicketInitiator alice;   //!< Alice's agent
    TicketResponder bob;     //!< Bob's first device
    TicketResponder bob2;    //!< Bob's second device
    TicketResponder carol;   //!< Carol's agent
};

} // namespace test
} // namespace kms
} // namespace mediasec

#endif
