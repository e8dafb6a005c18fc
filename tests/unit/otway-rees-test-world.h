// Shared set-up of the Otway-Rees tests: identities, long-term keys from seeded DRBGs, a KMS
// that knows them (with one allowed SGW) and a helper running the four messages of one call.
#ifndef MEDIASEC_OTWAY_REES_TEST_WORLD_H
#define MEDIASEC_OTWAY_REES_TEST_WORLD_H

#include "protocol/otway-rees/otway-rees-initiator.h"
#include "protocol/otway-rees/otway-rees-kms.h"
#include "protocol/otway-rees/otway-rees-responder.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace mediasec
{
namespace otway
{
namespace test
{

constexpr int64_t kSecondNs = 1000000000LL;
constexpr int64_t kT0 = 1763800000LL * kSecondNs; //!< 2025-11-22, an arbitrary UTC instant
const std::string kAlice = "sip:alice@ims.example.com";
const std::string kBob = "sip:bob@ims.example.com";
const std::string kCarol = "sip:carol@ims.example.com";   //!< a registered user turned attacker
const std::string kSgw = "sip:sgw1.ims.example.com";      //!< on the KMS gateway allow-list
const std::string kRogueSgw = "sip:sgw9.ims.example.com"; //!< has a key, not on the list
const std::string kPstn = "tel:+15551234567";             //!< a PSTN callee behind the SGW

/** \brief A KMS, the long-term keys it knows and one DRBG per party. */
class OtwayWorld
{
  public:
    /** \param config KMS settings */
    explicit OtwayWorld(OtwayReesKmsConfig config = OtwayReesKmsConfig{})
        : kms(
              [this](const std::string& identity) -> Result<Bytes> {
                  auto it = keys.find(identity);
                  if (it == keys.end())
                  {
                      return MakeError(Errc::MissingField, "not provisioned");
                  }
                  return it->second;
              },
              CalleeOrGateway({kSgw}), Drbg::FromSeed(1, "otway/kms"), config)
    {
        for (const auto& id : {kAlice, kBob, kCarol, kSgw, kRogueSgw})
        {
            keys[id] = Drbg::FromSeed(1, "otway/key/" + id).Generate(kLongTermKeyLength);
        }
    }

    /** \return A's side of a new call */
    OtwayReesInitiator
    Alice()
    {
        return OtwayReesInitiator(kAlice, keys[kAlice]);
    }

    /** \return the responder \p id (callee UE or gateway) of a new call */
    OtwayReesResponder
    Responder(const std::string& id, ResponderRole role = ResponderRole::Callee)
    {
        return OtwayReesResponder(id, keys[id], role);
    }

    std::map<std::string, Bytes> keys;             //!< identity -> long-term key known to the KMS
    OtwayReesKms kms;                              //!< the KMS
    Drbg drbgA = Drbg::FromSeed(1, "otway/alice"); //!< A's random source
    Drbg drbgB = Drbg::FromSeed(1, "otway/bob");   //!< B's (or the SGW's) random source
};

/** \brief The messages of one call run to the end. */
struct CallRun
{
    Bytes offer;                  //!< A -> B
    Bytes request;                //!< B -> KMS
    OtwayReesKmsOutcome reply;    //!< KMS -> B
    Result<ResponderOutcome> atB; //!< B's keys and answer
    Result<OtwayReesKeys> atA;    //!< A's keys
};

/** \return the run of one call from \p a to \p calleeId answered by \p b, all at kT0 */
inline CallRun
RunCall(OtwayWorld& w, OtwayReesInitiator& a, OtwayReesResponder& b,
        const std::string& calleeId = kBob)
{
    CallRun run{{},
                {},
                {},
                MakeError(Errc::InvalidState, "not run"),
                MakeError(Errc::InvalidState, "not run")};
    run.offer = a.BuildOffer(calleeId, w.drbgA, kT0).Value();
    run.request = b.BuildKmsRequest(run.offer, w.drbgB, kT0).Value();
    run.reply = w.kms.Handle(run.request, kT0);
    run.atB = b.ProcessKmsReply(run.reply.message);
    if (run.atB)
    {
        run.atA = a.ProcessAnswer(run.atB.Value().answer);
    }
    return run;
}

/** \return the run of a new call from A to B */
inline CallRun
RunNewCall(OtwayWorld& w)
{
    auto a = w.Alice();
    auto b = w.Responder(kBob);
    return RunCall(w, a, b);
}

/** \brief Expects \p result to be an error of category \p code. */
template<typename T>
void
ExpectError(const Result<T>& result, Errc code)
{
    ASSERT_FALSE(result) << "expected " << ErrcName(code);
    EXPECT_EQ(result.GetError().code, code) << result.GetError().ToString();
}

} // namespace test
} // namespace otway
} // namespace mediasec

#endif
