// The conference server in simulation (doc/conference.md): one reusable group ticket from the
// KMS, a TRANSFER_INIT of it to every attendee, each attendee resolves as a group member and
// its leg is keyed from the TGK forked for it.
#include "protocol/kms/kms-core.h"
#include "support/scenario-fixture.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace ims_test
{
namespace
{

using ns3::ims::ConferenceLegRecord;
using ns3::ims::UeCallRecord;

class ConferenceFlow : public ScenarioFixture
{
  protected:
    /** \brief Runs a conference of \p attendees of \p ues UEs for group \p group, no calls. */
    ns3::ims::ImsScenario&
    RunConference(uint32_t ues, uint32_t attendees, const std::string& group)
    {
        auto& scenario = Run({{"run.scheme", "kms-ticket"},
                              {"topology.ues", std::to_string(ues)},
                              {"calls.count", "0"},
                              {"conference.enabled", "true"},
                              {"conference.attendees", std::to_string(attendees)},
                              {"conference.group", group}});
        m_legs = scenario.Network().GetConference()->GetLegs();
        return scenario;
    }

    /** \return the attendee's record of \p leg (fails the test if there is none) */
    const UeCallRecord&
    Attendee(const ns3::ims::ImsScenario& scenario, const ConferenceLegRecord& leg) const
    {
        const auto& calls = scenario.Collector().GetCalls();
        auto it = calls.find(leg.callId);
        if (it == calls.end() || it->second.size() != 1)
        {
            ADD_FAILURE() << "no single attendee record of " << leg.attendee;
            static const UeCallRecord empty;
            return empty;
        }
        return it->second.front();
    }

    std::vector<ConferenceLegRecord> m_legs; //!< the server's legs of the last run
};

TEST_F(ConferenceFlow, GivenThreeGroupMembers_WhenTheServerDials_ThenAllJoinAndEveryStreamDecrypts)
{
    auto& scenario = RunConference(3, 3, "sip:*@ims.test");
    ASSERT_EQ(m_legs.size(), 3u);
    for (const auto& leg : m_legs)
    {
        SCOPED_TRACE(leg.attendee);
        const UeCallRecord& ue = Attendee(scenario, leg);
        EXPECT_EQ(leg.outcome, "joined");
        EXPECT_EQ(ue.outcome, "completed");
        EXPECT_EQ(ue.peer, "sip:conference@ims.test");
        // The attendee decrypted every packet of the server's stream, with the exact bytes.
        EXPECT_GT(leg.mediaSent, 40u);
        EXPECT_EQ(ue.mediaReceived, leg.mediaSent);
        EXPECT_EQ(ue.srtpUnprotected, ue.mediaReceived);
        EXPECT_EQ(ue.srtpRejectedAuth + ue.srtpRejectedReplay + ue.payloadCorrupt, 0u);
        // The server decrypted every packet of the attendee's stream.
        EXPECT_GT(ue.mediaSent, 40u);
        EXPECT_EQ(leg.mediaDecrypted, ue.mediaSent);
        EXPECT_EQ(leg.srtpRejected + leg.payloadCorrupt, 0u);
    }
    EXPECT_EQ(Metric("conference_joined"), "3");
    EXPECT_EQ(Metric("conference_refused"), "0");
    EXPECT_EQ(Metric("key_holders"), "conference;kms;ue");
}

TEST_F(ConferenceFlow, GivenOneGroupTicket_WhenThreeAttendeesJoin_ThenEachLegHasItsOwnForkedKeys)
{
    auto& scenario = RunConference(3, 3, "sip:*@ims.test");
    ASSERT_EQ(m_legs.size(), 3u);
    std::set<std::string> keys;
    for (const auto& leg : m_legs)
    {
        SCOPED_TRACE(leg.attendee);
        const UeCallRecord& ue = Attendee(scenario, leg);
        ASSERT_FALSE(leg.txKey.empty());
        // Each leg key is the one the attendee holds, and only the two of them and the KMS (it
        // handed out the leg's TGK') hold it.
        EXPECT_EQ(leg.txKey, ue.rxKey);
        EXPECT_EQ(leg.rxKey, ue.txKey);
        const std::set<std::string> holders{"conference", "kms", ue.ue};
        EXPECT_EQ(Holders(leg.txKey), holders);
        EXPECT_EQ(Holders(leg.rxKey), holders);
        keys.insert(leg.txKey);
        keys.insert(leg.rxKey);
    }
    EXPECT_EQ(keys.size(), 6u); // forking: no key shared between legs or directions
}

TEST_F(ConferenceFlow,
       GivenAGroupTicket_WhenThreeAttendeesJoin_ThenTheKmsSeesOneRequestAndThreeResolves)
{
    auto& scenario = RunConference(3, 3, "sip:*@ims.test");
    const auto& kms = scenario.Network().GetKms()->GetStats();
    EXPECT_EQ(kms.ticketsIssued, 1u);
    EXPECT_EQ(kms.ticketsResolved, 3u);
    EXPECT_EQ(Metric("conference_kms_requests"), "4"); // 1 REQUEST + N RESOLVE, not 2N
}

TEST_F(ConferenceFlow,
       GivenAnAttendeeOutsideTheGroup_WhenDialled_ThenTheKmsRefusesItAndTheOthersJoin)
{
    // sip:ue1*@ims.test covers ue10 and ue11 ('*' is one or more characters), not ue9.
    auto& scenario = RunConference(12, 3, "sip:ue1*@ims.test");
    ASSERT_EQ(m_legs.size(), 3u);
    const auto& kms = scenario.Network().GetKms()->GetStats();
    EXPECT_EQ(kms.refused[static_cast<size_t>(mediasec::kms::Refusal::NotRecipient)], 1u);
    EXPECT_EQ(kms.ticketsIssued, 1u);
    EXPECT_EQ(kms.ticketsResolved, 2u);
    for (const auto& leg : m_legs)
    {
        SCOPED_TRACE(leg.attendee);
        const UeCallRecord& ue = Attendee(scenario, leg);
        if (leg.attendee == "sip:ue9@ims.test")
        {
            EXPECT_EQ(leg.outcome, "rejected-488");
            EXPECT_TRUE(leg.txKey.empty());
            EXPECT_TRUE(ue.txKey.empty());
            EXPECT_TRUE(ue.rxKey.empty());
            EXPECT_EQ(ue.mediaReceived, 0u);
            continue;
        }
        EXPECT_EQ(leg.outcome, "joined");
        EXPECT_EQ(ue.mediaReceived, leg.mediaSent);
        EXPECT_EQ(leg.mediaDecrypted, ue.mediaSent);
    }
    EXPECT_EQ(Metric("conference_joined"), "2");
    EXPECT_EQ(Metric("conference_refused"), "1");
}

TEST_F(ConferenceFlow, GivenAnotherScheme_WhenTheConferenceIsEnabled_ThenTheRunIsRefused)
{
    EXPECT_THROW(Run({{"run.scheme", "sdes-e2e"}, {"conference.enabled", "true"}}),
                 std::invalid_argument);
}

TEST_F(ConferenceFlow, GivenMoreAttendeesThanUes_WhenTheConferenceIsEnabled_ThenTheRunIsRefused)
{
    EXPECT_THROW(Run({{"run.scheme", "kms-ticket"},
                      {"conference.enabled", "true"},
                      {"conference.attendees", "3"}}),
                 std::invalid_argument);
}

} // namespace
} // namespace ims_test
