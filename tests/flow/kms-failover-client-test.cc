// KmsFailoverClient on a small ns-3 network (doc/kms-replica.md): a UE node linked to a KMS
// and to its replica. A connection the KMS closes with a request in service fails over at
// once, without waiting for the timeout; a slow KMS loses the request to the replica at the
// timeout and its late answer is dropped, so every request is answered exactly once.
#include "model/kms-application.h"
#include "model/kms-failover-client.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/simulator.h"
#include "ns3/string.h"

#include <gtest/gtest.h>

#include <optional>
#include <vector>

namespace ims_test
{
namespace
{

using namespace ns3;
using namespace ns3::ims;

/** \brief A UE, a KMS and its replica, each KMS on its own link to the UE. */
class KmsFailoverClientTest : public ::testing::Test
{
  protected:
    void
    SetUp() override
    {
        nodes.Create(3);
        InternetStackHelper().Install(nodes);
        PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
        p2p.SetChannelAttribute("Delay", StringValue("5ms"));
        Ipv4AddressHelper addresses;
        addresses.SetBase("10.1.1.0", "255.255.255.252");
        primaryAddress = addresses.Assign(p2p.Install(nodes.Get(0), nodes.Get(1))).GetAddress(1);
        addresses.SetBase("10.1.2.0", "255.255.255.252");
        replicaAddress = addresses.Assign(p2p.Install(nodes.Get(0), nodes.Get(2))).GetAddress(1);
        primary = Install(1, "kms");
        replica = Install(2, "kms-replica");
        replica->SetAttribute("SecretLabel", StringValue("kms"));
    }

    void
    TearDown() override
    {
        client.Stop();
        Simulator::Destroy();
    }

    /** \return a KMS application on node \p n */
    Ptr<KmsApplication>
    Install(uint32_t n, const std::string& label)
    {
        auto kms = CreateObject<KmsApplication>();
        kms->SetAttribute("Label", StringValue(label));
        nodes.Get(n)->AddApplication(kms);
        return kms;
    }

    /** \brief Starts the client when the simulation starts (after the nodes are initialized). */
    void
    StartClient()
    {
        Simulator::ScheduleNow(
            [this]() {
                client.Start(nodes.Get(0), InetSocketAddress(primaryAddress, 80), "kms.ims.test",
                             true);
            });
    }

    /** \brief Starts the client (timeout \p timeout) and POSTs one message at \p at. */
    void
    PostAt(Time at, Time timeout)
    {
        client.Configure({InetSocketAddress(replicaAddress, 80), timeout});
        StartClient();
        Simulator::Schedule(at, [this]() {
            client.Post(
                "/request", mediasec::Bytes{1, 2, 3},
                [this](mediasec::Result<mediasec::Bytes> result) {
                    answers.push_back(Simulator::Now());
                    answered = result.IsOk();
                },
                [](uint32_t) {}, [this]() { ++stalls; });
        });
        Simulator::Stop(Seconds(30));
        Simulator::Run();
    }

    NodeContainer nodes;         //!< UE, KMS, replica
    Ipv4Address primaryAddress;  //!< the KMS
    Ipv4Address replicaAddress;  //!< the replica
    Ptr<KmsApplication> primary; //!< the KMS
    Ptr<KmsApplication> replica; //!< the replica
    KmsFailoverClient client;    //!< under test
    std::vector<Time> answers;   //!< when each answer arrived
    bool answered = false;       //!< the answer was a reply body (a MIKEY Error here)
    uint32_t stalls = 0;         //!< stalled notifications
};

TEST_F(KmsFailoverClientTest,
       GivenARequestInService_WhenTheKmsClosesTheConnection_ThenTheReplicaAnswers)
{
    primary->SetAttribute("RequestServiceTime", TimeValue(Seconds(5)));
    primary->SetStopTime(Seconds(1));
    PostAt(Seconds(0.5), Seconds(10));
    ASSERT_EQ(answers.size(), 1u);
    EXPECT_TRUE(answered);
    EXPECT_LT(answers.front(), Seconds(2));
    EXPECT_TRUE(client.OnReplica());
    EXPECT_EQ(replica->GetProcessingQueue().Jobs(), 1u);
}

TEST_F(KmsFailoverClientTest,
       GivenASlowKms_WhenTheTimeoutExpires_ThenTheReplicaAnswersAndTheLateAnswerIsDropped)
{
    primary->SetAttribute("RequestServiceTime", TimeValue(Seconds(3)));
    PostAt(Seconds(0.5), Seconds(1));
    ASSERT_EQ(answers.size(), 1u); // the primary's answer at about 3.5 s is not delivered
    EXPECT_GT(answers.front(), Seconds(1.5));
    EXPECT_LT(answers.front(), Seconds(2));
    EXPECT_TRUE(client.OnReplica());
    EXPECT_EQ(stalls, 1u);
    EXPECT_EQ(primary->GetProcessingQueue().Jobs(), 1u);
    EXPECT_EQ(replica->GetProcessingQueue().Jobs(), 1u);
}

TEST_F(KmsFailoverClientTest, GivenNoReplica_WhenTheKmsIsTooSlow_ThenTheRequestFailsAsUnreachable)
{
    primary->SetAttribute("RequestServiceTime", TimeValue(Seconds(3)));
    client.Configure({std::nullopt, Seconds(1)});
    StartClient();
    std::optional<mediasec::Error> error;
    Simulator::Schedule(Seconds(0.5), [this, &error]() {
        client.Post(
            "/request", mediasec::Bytes{1, 2, 3},
            [this, &error](mediasec::Result<mediasec::Bytes> result) {
                answers.push_back(Simulator::Now());
                error = result ? std::nullopt : std::optional(result.GetError());
            },
            [](uint32_t) {}, []() {});
    });
    Simulator::Stop(Seconds(30));
    Simulator::Run();
    ASSERT_EQ(answers.size(), 1u);
    ASSERT_TRUE(error.has_value());
    EXPECT_EQ(error->code, mediasec::Errc::Unreachable);
    EXPECT_EQ(answers.front(), Seconds(1.5));
    EXPECT_FALSE(client.OnReplica());
}

} // namespace
} // namespace ims_test
