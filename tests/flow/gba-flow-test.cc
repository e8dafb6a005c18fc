// GBA in simulation (TS 33.220, doc/gba-in-simulation.md): a UE bootstraps with the BSF over Ub
// (HTTP Digest AKA on TCP), the BSF fetches vectors from the HSS over Zh, and a NAF (the KMS's
// ZnClient) resolves the UE's B-TID over Zn. Own topology: UE - BSF - HSS and NAF - BSF.
#include "model/bsf-application.h"
#include "model/hss-application.h"
#include "model/http-client.h"
#include "model/ue-gba-agent.h"
#include "model/zn-client.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "protocol/common/base64.h"
#include "protocol/gba/gba-keys.h"
#include "protocol/gba/milenage.h"
#include "protocol/http/digest-auth.h"

#include <gtest/gtest.h>

#include <memory>
#include <optional>

namespace ims_test
{
namespace
{

using mediasec::Bytes;
using mediasec::Errc;
using mediasec::FromHex;
using mediasec::Result;
using mediasec::gba::kUaProtocolIdImsMediaPlane;
using mediasec::gba::Milenage;
using mediasec::gba::ZnAnswer;
using ns3::ims::NafKeys;

constexpr const char* kImpi = "alice@ims.test";
constexpr const char* kKmsFqdn = "kms.ims.test";
constexpr uint16_t kUbPort = 80;
constexpr uint16_t kZnPort = 3869;

/** \return the bytes of a hex literal of the test */
Bytes
Hex(const char* hex)
{
    return FromHex(hex).Value();
}

const Bytes kK = Hex("465b5ce8b199b49faa5f0a2ee238a6bc");   // TS 35.208 test set 1
const Bytes kOpc = Hex("cd63cb71954a9f4e48a5994e37a02baf"); // TS 35.208 test set 1
const std::vector<std::string> kImpus = {"sip:alice@ims.test", "tel:+15550100"};

/** \brief UE, BSF, HSS and NAF nodes on point-to-point links, with the HSS and BSF installed. */
class GbaFlow : public ::testing::Test
{
  protected:
    void
    SetUp() override
    {
        m_nodes.Create(4); // 0 UE, 1 BSF, 2 HSS, 3 NAF
        ns3::InternetStackHelper().Install(m_nodes);
        ns3::PointToPointHelper link;
        link.SetDeviceAttribute("DataRate", ns3::StringValue("100Mbps"));
        link.SetChannelAttribute("Delay", ns3::StringValue("5ms"));
        ns3::Ipv4AddressHelper addresses;
        addresses.SetBase("10.1.1.0", "255.255.255.0");
        m_bsfUb = addresses.Assign(link.Install(Ue(), Bsf())).GetAddress(1);
        addresses.SetBase("10.1.2.0", "255.255.255.0");
        m_bsfZn = addresses.Assign(link.Install(Naf(), Bsf())).GetAddress(1);
        addresses.SetBase("10.1.3.0", "255.255.255.0");
        const ns3::Ipv4Address hss = addresses.Assign(link.Install(Bsf(), Hss())).GetAddress(1);

        m_hss = ns3::CreateObject<ns3::ims::HssApplication>();
        Hss()->AddApplication(m_hss);
        ns3::ims::HssSubscriber alice;
        alice.k = kK;
        alice.opOrOpc = kOpc;
        alice.impus = kImpus;
        ASSERT_TRUE(m_hss->AddSubscriber(kImpi, alice));
        m_bsf = ns3::CreateObject<ns3::ims::BsfApplication>();
        m_bsf->SetAttribute("HssAddress", ns3::Ipv4AddressValue(hss));
        Bsf()->AddApplication(m_bsf);
    }

    void
    TearDown() override
    {
        ns3::Simulator::Destroy();
    }

    ns3::Ptr<ns3::Node>
    Ue() const
    {
        return m_nodes.Get(0);
    } //!< \return the UE node
    ns3::Ptr<ns3::Node>
    Bsf() const
    {
        return m_nodes.Get(1);
    } //!< \return the BSF node
    ns3::Ptr<ns3::Node>
    Hss() const
    {
        return m_nodes.Get(2);
    } //!< \return the HSS node
    ns3::Ptr<ns3::Node>
    Naf() const
    {
        return m_nodes.Get(3);
    } //!< \return the NAF node

    /** \return a started UE agent for \p impi whose USIM holds \p k and \p sqnMs */
    std::unique_ptr<ns3::ims::UeGbaAgent>
    MakeUe(const Bytes& k, const Bytes& sqnMs = Bytes(6), const std::string& impi = kImpi)
    {
        auto agent = std::make_unique<ns3::ims::UeGbaAgent>(Milenage::Create(k, kOpc, true).Value(),
                                                            impi, sqnMs);
        agent->Start(Ue(), ns3::InetSocketAddress(m_bsfUb, kUbPort));
        return agent;
    }

    /** \return a started Zn client of the NAF node named \p fqdn */
    std::unique_ptr<ns3::ims::ZnClient>
    MakeNaf(const std::string& fqdn = kKmsFqdn)
    {
        auto naf = std::make_unique<ns3::ims::ZnClient>(fqdn, kUaProtocolIdImsMediaPlane);
        naf->Start(Naf(), ns3::InetSocketAddress(m_bsfZn, kZnPort));
        return naf;
    }

    /** \return the UE's keys for the KMS after a bootstrap started at 1 s */
    std::optional<Result<NafKeys>>
    Bootstrap(ns3::ims::UeGbaAgent& ue)
    {
        std::optional<Result<NafKeys>> keys;
        ns3::Simulator::Schedule(ns3::Seconds(1), [&]() {
            ue.GetNafKeys(kKmsFqdn, kUaProtocolIdImsMediaPlane,
                          [&](auto result) { keys = result; });
        });
        ns3::Simulator::Stop(ns3::Seconds(10));
        ns3::Simulator::Run();
        return keys;
    }

    /** \return the NAF's answer for \p btid, asked at \p when (after running the simulation) */
    std::optional<Result<ZnAnswer>>
    ResolveAt(ns3::ims::ZnClient& naf, const std::string& btid, ns3::Time when)
    {
        std::optional<Result<ZnAnswer>> answer;
        ns3::Simulator::Schedule(when - ns3::Simulator::Now(), [&, btid]() {
            naf.Lookup(btid, [&](auto result) { answer = result; });
        });
        ns3::Simulator::Stop(when - ns3::Simulator::Now() + ns3::Seconds(5));
        ns3::Simulator::Run();
        return answer;
    }

    ns3::NodeContainer m_nodes;               //!< UE, BSF, HSS, NAF
    ns3::Ipv4Address m_bsfUb;                 //!< BSF address on the UE link
    ns3::Ipv4Address m_bsfZn;                 //!< BSF address on the NAF link
    ns3::Ptr<ns3::ims::HssApplication> m_hss; //!< the HSS
    ns3::Ptr<ns3::ims::BsfApplication> m_bsf; //!< the BSF
};

TEST_F(
    GbaFlow,
    GivenASubscriber_WhenTheUeBootstrapsAndTheNafResolvesTheBtid_ThenBothHoldTheSameKsNafAndTheNafSeesTheImpus)
{
    auto ue = MakeUe(kK);
    auto naf = MakeNaf();
    std::vector<std::string> traced;
    m_bsf->TraceConnectWithoutContext(
        "Bootstrap", ns3::MakeCallback(+[](std::vector<std::string>* out, const std::string& impi,
                                           const std::string& btid) {
                         out->push_back(impi + " " + btid);
                     }).Bind(&traced));
    const auto keys = Bootstrap(*ue);
    ASSERT_TRUE(keys.has_value());
    ASSERT_TRUE(keys->IsOk()) << keys->GetError().ToString();
    EXPECT_EQ(traced, std::vector<std::string>{std::string(kImpi) + " " + keys->Value().btid});
    const auto answer = ResolveAt(*naf, keys->Value().btid, ns3::Seconds(12));
    ASSERT_TRUE(answer.has_value());
    ASSERT_TRUE(answer->IsOk()) << answer->GetError().ToString();

    EXPECT_EQ(answer->Value().ksNaf, keys->Value().ksNaf);
    EXPECT_EQ(answer->Value().ksNaf.size(), 32u);
    EXPECT_EQ(answer->Value().impus, kImpus);
    EXPECT_EQ(answer->Value().impi, kImpi);
    EXPECT_EQ(answer->Value().expiryUnixSeconds, keys->Value().expiryUnixSeconds);
    EXPECT_NE(keys->Value().btid.find("@bsf.ims.test"), std::string::npos);
    EXPECT_EQ(m_bsf->GetBootstraps(), 1u);
    EXPECT_EQ(m_bsf->GetUbRequests(), 2u); // GET with the IMPI, then the Digest AKA answer
    EXPECT_EQ(m_hss->GetVectorsIssued(), 1u);
    EXPECT_EQ(m_bsf->GetZnAnswers(), 1u);
    EXPECT_EQ(naf->GetZnRequests(), 1u);
    // Service times: two Ub requests and one Zn request at the BSF, one Zh request at the HSS.
    EXPECT_EQ(m_bsf->GetProcessingQueue().Jobs(), 3u);
    EXPECT_EQ(m_bsf->GetProcessingQueue().BusyTime(), ns3::MicroSeconds(250));
    EXPECT_EQ(m_hss->GetProcessingQueue().BusyTime(), ns3::MicroSeconds(200));
}

TEST_F(GbaFlow, GivenTheSimulatedBootstrap_ThenKsNafEqualsTheTimeZeroCoreChainForTheSameInputs)
{
    auto ue = MakeUe(kK);
    const auto keys = Bootstrap(*ue);
    ASSERT_TRUE(keys.has_value() && keys->IsOk());
    // The time-0 chain of BootstrapForKms: Milenage f3/f4 on RAND, Ks = CK || IK, then
    // Ks_NAF = KDF(Ks, "gba-me", RAND, IMPI, NAF_Id), with RAND read back from the B-TID.
    const std::string& btid = keys->Value().btid;
    const Bytes rand = mediasec::Base64Decode(btid.substr(0, btid.find('@'))).Value();
    ASSERT_EQ(rand.size(), 16u);
    auto usim = Milenage::Create(kK, kOpc, true).Value();
    const auto f = usim.F2345(rand).Value();
    const Bytes ks = mediasec::gba::DeriveKs(f.ck, f.ik).Value();
    const Bytes expected =
        mediasec::gba::DeriveKsNaf(ks, rand, kImpi, kKmsFqdn, kUaProtocolIdImsMediaPlane).Value();
    EXPECT_EQ(keys->Value().ksNaf, expected);
    EXPECT_EQ(btid, mediasec::gba::MakeBtid(rand, "bsf.ims.test"));
    EXPECT_EQ(ue->GetRecord()->ks, ks);
}

TEST_F(GbaFlow, GivenAWrongKAtTheUe_WhenItBootstraps_ThenItFailsWithAuthFailedAndHasNoBtid)
{
    Bytes wrongK = kK;
    wrongK[0] ^= 0x01;
    auto ue = MakeUe(wrongK);
    const auto keys = Bootstrap(*ue);
    ASSERT_TRUE(keys.has_value());
    ASSERT_FALSE(keys->IsOk());
    EXPECT_EQ(keys->GetError().code, Errc::AuthFailed) << keys->GetError().ToString();
    EXPECT_FALSE(ue->GetRecord().has_value());
    EXPECT_EQ(ue->GetFailures(), 1u);
    EXPECT_EQ(m_bsf->GetBootstraps(), 0u);
}

TEST_F(GbaFlow, GivenAnImpiTheHssDoesNotKnow_WhenTheUeBootstraps_ThenTheBsfRefusesIt)
{
    auto ue = MakeUe(kK, Bytes(6), "mallory@ims.test");
    const auto keys = Bootstrap(*ue);
    ASSERT_TRUE(keys.has_value());
    ASSERT_FALSE(keys->IsOk());
    EXPECT_EQ(keys->GetError().code, Errc::AuthFailed) << keys->GetError().ToString();
    EXPECT_EQ(m_hss->GetRefusals(), 1u);
    EXPECT_EQ(m_bsf->GetUbRefusals(), 1u);
    EXPECT_EQ(m_bsf->GetBootstraps(), 0u);
}

TEST_F(GbaFlow, GivenAnUnknownBtid_WhenTheNafLooksItUp_ThenZnRefusesItWithResultCode5403)
{
    auto naf = MakeNaf();
    const auto answer = ResolveAt(*naf, "AAAAAAAAAAAAAAAAAAAAAA==@bsf.ims.test", ns3::Seconds(1));
    ASSERT_TRUE(answer.has_value());
    ASSERT_FALSE(answer->IsOk());
    EXPECT_EQ(answer->GetError().code, Errc::AuthFailed);
    EXPECT_NE(answer->GetError().detail.find("5403"), std::string::npos)
        << answer->GetError().detail;
    EXPECT_EQ(m_bsf->GetZnRefusals(), 1u);
    EXPECT_EQ(naf->GetFailures(), 1u);
    EXPECT_FALSE(naf->Cached("AAAAAAAAAAAAAAAAAAAAAA==@bsf.ims.test").has_value());
}

TEST_F(GbaFlow, GivenAnAllowList_WhenAnotherNafAsksForAValidBtid_ThenZnRefusesItWithResultCode5402)
{
    m_bsf->AuthorizeNaf(kKmsFqdn);
    auto ue = MakeUe(kK);
    auto kms = MakeNaf();
    auto other = MakeNaf("naf.evil.test");
    const auto keys = Bootstrap(*ue);
    ASSERT_TRUE(keys.has_value() && keys->IsOk());
    const auto refused = ResolveAt(*other, keys->Value().btid, ns3::Seconds(12));
    ASSERT_TRUE(refused.has_value());
    ASSERT_FALSE(refused->IsOk());
    EXPECT_NE(refused->GetError().detail.find("5402"), std::string::npos);
    const auto granted = ResolveAt(*kms, keys->Value().btid, ns3::Seconds(20));
    ASSERT_TRUE(granted.has_value() && granted->IsOk());
    EXPECT_EQ(granted->Value().ksNaf, keys->Value().ksNaf);
}

TEST_F(GbaFlow,
       GivenAResolvedBtid_WhenTheNafAsksAgainAndAfterTheKeyExpired_ThenTheCacheAnswersThenZnRefuses)
{
    m_bsf->SetAttribute("KeyLifetime", ns3::TimeValue(ns3::Seconds(30)));
    auto ue = MakeUe(kK);
    auto naf = MakeNaf();
    const auto keys = Bootstrap(*ue);
    ASSERT_TRUE(keys.has_value() && keys->IsOk());
    ASSERT_TRUE(ResolveAt(*naf, keys->Value().btid, ns3::Seconds(12))->IsOk());
    const auto again = ResolveAt(*naf, keys->Value().btid, ns3::Seconds(18));
    ASSERT_TRUE(again.has_value() && again->IsOk());
    EXPECT_EQ(naf->GetCacheHits(), 1u);
    EXPECT_EQ(naf->GetZnRequests(), 1u);

    const auto expired = ResolveAt(*naf, keys->Value().btid, ns3::Seconds(60));
    ASSERT_TRUE(expired.has_value());
    ASSERT_FALSE(expired->IsOk());
    EXPECT_NE(expired->GetError().detail.find("5403"), std::string::npos);
    EXPECT_EQ(naf->GetZnRequests(), 2u);
}

TEST_F(GbaFlow, GivenAUsimAheadOfTheHss_WhenTheUeBootstraps_ThenAutsResynchronisesAndItSucceeds)
{
    auto ue = MakeUe(kK, Hex("000000001000"));
    const auto keys = Bootstrap(*ue);
    ASSERT_TRUE(keys.has_value());
    ASSERT_TRUE(keys->IsOk()) << keys->GetError().ToString();
    EXPECT_EQ(m_hss->GetResyncs(), 1u);
    EXPECT_EQ(m_hss->GetVectorsIssued(), 2u);
    EXPECT_EQ(m_hss->GetSqn(kImpi), Hex("000000001001"));
    EXPECT_EQ(m_bsf->GetBootstraps(), 1u);
    EXPECT_EQ(m_bsf->GetUbRequests(), 3u); // first GET, AUTS answer, Digest answer
}

TEST_F(GbaFlow,
       GivenAUbAnswerWithAnUnknownNonce_WhenTheBsfGetsIt_ThenItFetchesAVectorAndChallengesAgain)
{
    mediasec::http::DigestCredentials stale;
    stale.username = kImpi;
    stale.realm = "bsf.ims.test";
    stale.nonce = "bm90IGEgbm9uY2U=";
    stale.uri = "/";
    stale.response = "00000000000000000000000000000000";
    mediasec::http::HttpRequest request;
    request.method = "GET";
    request.target = "/";
    request.headers = {{"Host", "bsf.ims.test"},
                       {"Authorization", mediasec::http::FormatDigestCredentials(stale)}};
    ns3::ims::HttpClient client;
    client.Start(Ue(), ns3::InetSocketAddress(m_bsfUb, kUbPort));
    std::optional<Result<mediasec::http::HttpResponse>> response;
    ns3::Simulator::Schedule(
        ns3::Seconds(1), [&]() { client.Send(request, [&](auto result) { response = result; }); });
    ns3::Simulator::Stop(ns3::Seconds(5));
    ns3::Simulator::Run();
    ASSERT_TRUE(response.has_value() && response->IsOk());
    EXPECT_EQ(response->Value().status, 401);
    const std::string* challenge =
        mediasec::http::FindHeader(response->Value().headers, "WWW-Authenticate");
    ASSERT_NE(challenge, nullptr);
    EXPECT_NE(challenge->find("AKAv1-MD5"), std::string::npos);
    EXPECT_EQ(m_hss->GetVectorsIssued(), 1u);
    EXPECT_EQ(m_bsf->GetZhRequests(), 1u);
    EXPECT_EQ(m_bsf->GetUbRefusals(), 1u); // re-challenged with Replay
}

} // namespace
} // namespace ims_test
