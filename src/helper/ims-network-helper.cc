#include "ims-network-helper.h"

#include "gba-bootstrap.h"

#include "protocol/crypto/drbg.h"

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/error-model.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/ipv4.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <stdexcept>

namespace ns3
{
namespace ims
{

namespace
{
const char kKmsUri[] = "sip:kms@ims.test";
const char kTranscoderUri[] = "sip:transcoder1@ims.test";
const char kKmsBUri[] = "sip:kms@other.test";
const char kDomainB[] = "other.test";
} // namespace

ImsNetworkHelper::ImsNetworkHelper(const ImsNetworkConfig& config)
    : m_config(config)
{
}

std::string
ImsNetworkHelper::UeAor(uint32_t i)
{
    return "sip:ue" + std::to_string(i) + "@ims.test";
}

NetDeviceContainer
ImsNetworkHelper::Connect(Ptr<Node> a, Ptr<Node> b, const std::string& name,
                          const std::string& rate, Time delay, double loss)
{
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue(rate));
    p2p.SetChannelAttribute("Delay", TimeValue(delay));
    p2p.SetQueue("ns3::DropTailQueue", "MaxSize", StringValue("10000p"));
    NetDeviceContainer devices = p2p.Install(a, b);
    if (loss > 0)
    {
        for (uint32_t i = 0; i < devices.GetN(); ++i)
        {
            auto errors = CreateObject<RateErrorModel>();
            errors->SetAttribute("ErrorRate", DoubleValue(loss));
            errors->SetAttribute("ErrorUnit", EnumValue(RateErrorModel::ERROR_UNIT_PACKET));
            // Fixed stream per error model: the same losses for the same seed, whatever ran
            // before in this process (automatic stream numbers are process-global).
            errors->AssignStreams(m_nextStream++);
            devices.Get(i)->SetAttribute("ReceiveErrorModel", PointerValue(errors));
        }
    }
    // Each link gets its own /30 in 10.0.0.0/8.
    const uint32_t base = (10u << 24) + 4 * m_subnet++;
    Ipv4AddressHelper addresses;
    addresses.SetBase(Ipv4Address(base), Ipv4Mask("255.255.255.252"));
    addresses.Assign(devices);
    m_links.push_back({name, devices});
    return devices;
}

void
ImsNetworkHelper::Build()
{
    const auto& c = m_config;
    const uint32_t devices = c.ues + c.forkingDevices - 1;
    const uint32_t ueNodes = (devices + c.uesPerNode - 1) / c.uesPerNode;
    m_ueNodes.Create(ueNodes);
    m_accessRouters.Create(c.sides);
    m_pcscfNodes.Create(c.sides);
    m_agwNodes.Create(c.sides);
    m_core = CreateObject<Node>();
    m_scscfNode = CreateObject<Node>();
    InternetStackHelper stack;
    stack.Install(m_ueNodes);
    stack.Install(m_accessRouters);
    stack.Install(m_pcscfNodes);
    stack.Install(m_agwNodes);
    stack.Install(m_core);
    stack.Install(m_scscfNode);

    // Servers first: every server node then has its address on interface 1.
    Connect(m_scscfNode, m_core, "edge-scscf", c.coreRate, c.edgeDelay, 0);
    const bool otwayRees = c.scheme == "otway-rees" || c.scheme == "otway-rees-e2m";
    const bool kms = c.scheme == "kms-ticket" || otwayRees;
    const bool gba = kms && c.gbaMode == "simulated";
    if (gba && otwayRees)
    {
        // The Otway-Rees KMS keys users by identity (Ka, Kb), not by B-TID: nothing to ask on Zn.
        throw std::invalid_argument("gba.mode = simulated needs run.scheme = kms-ticket (" +
                                    c.scheme + " gives the KMS its keys at time 0)");
    }
    if (gba && c.kmsReplica)
    {
        throw std::invalid_argument("gba.mode = simulated with kms.replica is not modelled (the "
                                    "replica has no Zn client)");
    }
    if (gba && c.kmsDomains > 1)
    {
        throw std::invalid_argument("gba.mode = simulated with kms.domains = 2 is not modelled "
                                    "(one BSF and HSS, for ims.test)");
    }
    if (kms)
    {
        m_kmsNode = CreateObject<Node>();
        stack.Install(m_kmsNode);
        Connect(m_kmsNode, m_core, "edge-kms", c.coreRate, c.edgeDelay, 0);
    }
    if (c.scheme == "kms-ticket" && c.kmsDomains == 2)
    {
        m_kmsBNode = CreateObject<Node>();
        stack.Install(m_kmsBNode);
        Connect(m_kmsBNode, m_core, "edge-kms-b", c.coreRate, c.edgeDelay, 0);
    }
    if (c.pstn)
    {
        m_pstnNodes.Create(3);
        stack.Install(m_pstnNodes);
        Connect(m_pstnNodes.Get(0), m_core, "edge-sgw", c.coreRate, c.edgeDelay, 0);
        Connect(m_pstnNodes.Get(1), m_core, "edge-mgw", c.coreRate, c.edgeDelay, 0);
        Connect(m_pstnNodes.Get(2), m_pstnNodes.Get(1), "pstn-terminal", c.coreRate, c.edgeDelay,
                0);
    }
    if (c.voiceMail)
    {
        m_voiceMailNode = CreateObject<Node>();
        stack.Install(m_voiceMailNode);
        Connect(m_voiceMailNode, m_core, "edge-voicemail", c.coreRate, c.edgeDelay, 0);
    }
    if (c.conference)
    {
        m_conferenceNode = CreateObject<Node>();
        stack.Install(m_conferenceNode);
        Connect(m_conferenceNode, m_core, "edge-conference", c.coreRate, c.edgeDelay, 0);
    }
    if (c.transcoder)
    {
        m_transcoderNode = CreateObject<Node>();
        stack.Install(m_transcoderNode);
        Connect(m_transcoderNode, m_core, "edge-transcoder", c.coreRate, c.edgeDelay, 0);
    }
    for (uint32_t k = 0; k < c.sides; ++k)
    {
        const std::string side = std::to_string(k);
        Connect(m_pcscfNodes.Get(k), m_accessRouters.Get(k), "edge-pcscf" + side, c.coreRate,
                c.edgeDelay, 0);
        Connect(m_agwNodes.Get(k), m_accessRouters.Get(k), "edge-agw" + side, c.coreRate,
                c.edgeDelay, 0);
        Connect(m_accessRouters.Get(k), m_core, "core-ar" + side, c.coreRate, c.coreDelay, 0);
    }
    for (uint32_t n = 0; n < ueNodes; ++n)
    {
        Connect(m_ueNodes.Get(n), m_accessRouters.Get(n % c.sides),
                AccessLinkName(n * c.uesPerNode), c.accessRate, c.accessDelay, c.accessLoss);
    }
    if (gba)
    {
        // Last: every other address stays that of the time-0 mode (SIP carries addresses).
        m_gbaNodes.Create(2);
        stack.Install(m_gbaNodes);
        Connect(m_gbaNodes.Get(0), m_core, "edge-hss", c.coreRate, c.edgeDelay, 0);
        Connect(m_gbaNodes.Get(1), m_core, "edge-bsf", c.coreRate, c.edgeDelay, 0);
    }
    const bool failover = c.scheme == "kms-ticket";
    if (failover && c.kmsReplica)
    {
        ConnectKmsReplica(); // last: every other link keeps its addresses
    }
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();

    auto addressOf = [](Ptr<Node> node) {
        return node->GetObject<Ipv4>()->GetAddress(1, 0).GetLocal();
    };
    const Ipv4Address scscfAddress = addressOf(m_scscfNode);
    m_scscf = CreateObject<SCscfApplication>();
    m_scscf->SetAttribute("Label", StringValue("scscf"));
    m_scscf->SetAttribute("DefaultInterface", StringValue("Mw"));
    m_scscf->SetAttribute("SipServiceTime", TimeValue(c.sipServiceTime));
    m_scscf->SetAttribute("Seed", UintegerValue(c.seed));
    m_scscfNode->AddApplication(m_scscf);
    if (kms)
    {
        m_kms = MakeKms("kms", kKmsUri);
        m_kmsNode->AddApplication(m_kms);
    }
    if (gba)
    {
        InstallGba(addressOf);
    }
    if (m_kmsBNode)
    {
        InstallKmsB(addressOf);
    }
    if (failover)
    {
        InstallKmsFailover();
    }
    if (c.pstn)
    {
        InstallPstn(kms, addressOf);
    }
    if (c.voiceMail)
    {
        const Ipv4Address address = addressOf(m_voiceMailNode);
        const std::string uri = "sip:voicemail@" + AddressString(address);
        m_voiceMail = CreateObject<VoiceMailApplication>();
        m_voiceMail->SetAttribute("Label", StringValue("voicemail"));
        m_voiceMail->SetAttribute("DefaultInterface", StringValue("ISC"));
        m_voiceMail->SetAttribute("Uri", StringValue(uri));
        m_voiceMail->SetAttribute("SipServiceTime", TimeValue(c.sipServiceTime));
        m_voiceMailNode->AddApplication(m_voiceMail);
        m_scscf->SetPeerInterface(address, "ISC");
        m_scscf->SetVoiceMail(uri, InetSocketAddress(address, 5060));
    }
    if (c.conference)
    {
        InstallConference(addressOf);
    }
    if (c.transcoder)
    {
        InstallTranscoder(kms, addressOf);
    }
    for (uint32_t k = 0; k < c.sides; ++k)
    {
        auto agw = CreateObject<ImsAgwApplication>();
        agw->SetAttribute("Label", StringValue("agw" + std::to_string(k)));
        agw->SetAttribute("PacketServiceTime", TimeValue(c.agwPacketServiceTime));
        m_agwNodes.Get(k)->AddApplication(agw);
        m_agws.push_back(agw);
        auto pcscf = CreateObject<PCscfApplication>();
        pcscf->SetAttribute("Label", StringValue("pcscf" + std::to_string(k)));
        pcscf->SetAttribute("ScscfAddress", Ipv4AddressValue(scscfAddress));
        pcscf->SetAttribute("AgwAddress", Ipv4AddressValue(addressOf(m_agwNodes.Get(k))));
        pcscf->SetAttribute("E2aeEnabled", BooleanValue(c.scheme == "sdes-e2ae"));
        pcscf->SetAttribute("AccessMsfEnabled", BooleanValue(c.scheme == "access-msf"));
        pcscf->SetAttribute("SipServiceTime", TimeValue(c.sipServiceTime));
        pcscf->SetAttribute("KeyServiceTime", TimeValue(c.keyServiceTime));
        pcscf->SetAttribute("Seed", UintegerValue(c.seed));
        m_pcscfNodes.Get(k)->AddApplication(pcscf);
        m_pcscfs.push_back(pcscf);
    }
    for (uint32_t i = 0; i < devices; ++i)
    {
        const std::string label = "ue" + std::to_string(i);
        const std::string aor = GetUeAor(i < c.ues ? i : 1);
        const bool domainB = InDomainB(i);
        auto ue = CreateObject<ImsUeApplication>();
        ue->SetAttribute("Label", StringValue(label));
        ue->SetAttribute("Aor", StringValue(aor));
        ue->SetAttribute("RingJitter", TimeValue(c.ringJitter));
        ue->AssignStreams(m_nextStream++);
        if (gba)
        {
            // B-TID and Ks_NAF come from the UE's own bootstrap over Ub; the KMS asks on Zn.
            ue->SetKmsCredentials({aor, "", {}, kKmsUri});
            UintegerValue ubPort;
            m_bsf->GetAttribute("UbPort", ubPort);
            ue->UseBsf(InetSocketAddress(addressOf(m_gbaNodes.Get(1)),
                                         static_cast<uint16_t>(ubPort.Get())),
                       kKmsFqdn);
        }
        else if (kms)
        {
            const auto bootstrap = domainB
                                       ? BootstrapForKms(c.seed, label, aor, kKmsBUri, kDomainB)
                                       : BootstrapForKms(c.seed, label, aor, kKmsUri);
            ue->SetKmsCredentials(bootstrap.ue);
            (domainB ? m_kmsB : m_kms)->AddUser(bootstrap.ue.btid, bootstrap.kmsUser);
            if (m_kmsReplica && !domainB)
            {
                m_kmsReplica->AddUser(bootstrap.ue.btid, bootstrap.kmsUser);
            }
            if (otwayRees)
            {
                // Seed 001: Ka/Kb are the GBA keys of the UE with the KMS as NAF.
                m_kms->AddOtwayReesKey(bootstrap.ue.impu, bootstrap.ue.psk);
            }
        }
        if (kms)
        {
            ue->SetAttribute("KmsAddress",
                             Ipv4AddressValue(addressOf(domainB ? m_kmsBNode : m_kmsNode)));
            ue->SetAttribute("KmsFailoverTimeout", TimeValue(c.kmsFailoverTimeout));
            if (m_kmsReplica && !domainB)
            {
                ue->SetAttribute("KmsReplicaAddress",
                                 Ipv4AddressValue(addressOf(m_kmsReplicaNode)));
            }
            ue->SetAttribute("ReuseTickets", BooleanValue(c.reuseTickets));
            ue->SetAttribute("UaConnectAtStart", BooleanValue(c.uaConnectAtStart));
            ue->SetAttribute("GroupIdentity", StringValue(c.groupIdentity));
            ue->SetAttribute("InitiatorTickets", BooleanValue(c.initiatorTickets));
            ue->SetAttribute("InitiatorTicketLifetime", TimeValue(c.ticketLifetime));
            ue->SetAttribute("TicketNetworkFunction",
                             StringValue(c.transcoder && c.transcoderNamed ? kTranscoderUri : ""));
        }
        if (c.scheme == "access-msf" || gba)
        {
            // Seed 003 and GBA: the USIM and the HSS share K and OPc; UE 0 may hold a wrong K.
            const UsimKeys usim = MakeUsimKeys(c.seed, label);
            const std::string impi = label + "@ims.test";
            if (gba)
            {
                AddGbaSubscriber(impi, usim, aor);
            }
            else
            {
                m_scscf->AddSubscriber(impi, usim.k, usim.opc, aor);
            }
            mediasec::Bytes k = usim.k;
            k[0] ^= c.ue0WrongAkaKey && i == 0 ? 0x01 : 0x00;
            ue->SetAkaCredentials(impi, k, usim.opc);
        }
        const uint32_t node = i / c.uesPerNode;
        ue->SetAttribute("PcscfAddress",
                         Ipv4AddressValue(addressOf(m_pcscfNodes.Get(node % c.sides))));
        if (c.uesPerNode > 1)
        {
            // UEs sharing a node differ by port (SIP 5060.., RTP 20000.. even).
            const uint32_t slot = i % c.uesPerNode;
            ue->SetAttribute("SipPort", UintegerValue(5060 + slot));
            ue->SetAttribute("MediaPort", UintegerValue(20000 + 2 * slot));
        }
        ue->SetAttribute("RegisterSpread", TimeValue(c.registerSpread));
        // End to middle: the UE runs Otway-Rees as A; the SGW plays B (seed 000).
        ue->SetAttribute("Scheme", StringValue(c.scheme == "otway-rees-e2m" ? "otway-rees" : c.scheme));
        ue->SetAttribute("Suite", StringValue(c.suite));
        ue->SetAttribute("Ptime", TimeValue(c.ptime));
        ue->SetAttribute("PayloadSize", UintegerValue(c.payloadSize));
        ue->SetAttribute("RingTime", TimeValue(c.ringTime));
        ue->SetAttribute("T1", TimeValue(c.t1));
        ue->SetAttribute("Seed", UintegerValue(c.seed));
        ue->SetAttribute("SipServiceTime", TimeValue(c.sipServiceTime));
        ue->SetAttribute("ForgeE2aeIndication", BooleanValue(c.forgeE2aeIndication && i == 0));
        ue->SetAttribute("ReplayOtwayReesOffer", BooleanValue(c.replayOtwayReesOffer && i == 0));
        ue->SetAttribute("RegisterAtStart", BooleanValue(!(c.calleesOffline && i % 2 == 1)));
        m_ueNodes.Get(node)->AddApplication(ue);
        m_ues.push_back(ue);
    }
}

void
ImsNetworkHelper::EnablePcap(const std::string& prefix)
{
    PointToPointHelper p2p;
    for (const auto& link : m_links)
    {
        p2p.EnablePcap(prefix + "-" + link.name, link.devices, false);
    }
}

Ptr<ImsUeApplication>
ImsNetworkHelper::GetUe(uint32_t i) const
{
    return m_ues.at(i);
}

Ptr<PCscfApplication>
ImsNetworkHelper::GetPcscf(uint32_t k) const
{
    return m_pcscfs.at(k);
}

Ptr<ImsAgwApplication>
ImsNetworkHelper::GetAgw(uint32_t k) const
{
    return m_agws.at(k);
}

Ptr<KmsApplication>
ImsNetworkHelper::GetKms() const
{
    return m_kms;
}

bool
ImsNetworkHelper::InDomainB(uint32_t i) const
{
    return m_kmsBNode && (i >= m_config.ues || i % 2 == 1);
}

std::string
ImsNetworkHelper::GetUeAor(uint32_t i) const
{
    return InDomainB(i) ? "sip:ue" + std::to_string(i) + "@" + kDomainB : UeAor(i);
}

Ptr<KmsApplication>
ImsNetworkHelper::GetKmsB() const
{
    return m_kmsB;
}

Ptr<KmsApplication>
ImsNetworkHelper::MakeKms(const std::string& label, const std::string& uri) const
{
    const auto& c = m_config;
    auto kms = CreateObject<KmsApplication>();
    kms->SetAttribute("Label", StringValue(label));
    kms->SetAttribute("Uri", StringValue(uri));
    kms->SetAttribute("RequestServiceTime", TimeValue(c.kmsRequestServiceTime));
    kms->SetAttribute("ResolveServiceTime", TimeValue(c.kmsResolveServiceTime));
    kms->SetAttribute("OtwayReesServiceTime", TimeValue(c.kmsOtwayReesServiceTime));
    kms->SetAttribute("Seed", UintegerValue(c.seed));
    kms->SetAttribute("TicketLifetime", TimeValue(c.ticketLifetime));
    kms->SetAttribute("AllowInitiatorTickets", BooleanValue(c.initiatorTickets));
    return kms;
}

void
ImsNetworkHelper::InstallKmsB(const std::function<Ipv4Address(Ptr<Node>)>& addressOf)
{
    const auto& c = m_config;
    m_kmsB = MakeKms("kms-b", kKmsBUri);
    m_kmsBNode->AddApplication(m_kmsB);
    // The Zk security association (NDS/IP stand-in): one key per KMS pair, configured at both.
    const mediasec::Bytes key = mediasec::Drbg::FromSeed(c.seed, "zk-link/kms-kms-b").Generate(32);
    UintegerValue port;
    m_kms->GetAttribute("Port", port);
    const auto at = [&](Ptr<Node> node) {
        return InetSocketAddress(addressOf(node), static_cast<uint16_t>(port.Get()));
    };
    m_kms->AddZkPeer(kKmsBUri, at(m_kmsBNode), key, {std::string("*@") + kDomainB});
    m_kmsB->AddZkPeer(kKmsUri, at(m_kmsNode), key, {"*@ims.test"});
}

void
ImsNetworkHelper::InstallGba(const std::function<Ipv4Address(Ptr<Node>)>& addressOf)
{
    const auto& c = m_config;
    m_hss = CreateObject<HssApplication>();
    m_hss->SetAttribute("Label", StringValue("hss"));
    m_hss->SetAttribute("Seed", UintegerValue(c.seed));
    m_gbaNodes.Get(0)->AddApplication(m_hss);
    m_bsf = CreateObject<BsfApplication>();
    m_bsf->SetAttribute("HssAddress", Ipv4AddressValue(addressOf(m_gbaNodes.Get(0))));
    m_bsf->AuthorizeNaf(kKmsFqdn);
    m_gbaNodes.Get(1)->AddApplication(m_bsf);
    UintegerValue znPort;
    m_bsf->GetAttribute("ZnPort", znPort);
    m_kms->UseBsf(
        InetSocketAddress(addressOf(m_gbaNodes.Get(1)), static_cast<uint16_t>(znPort.Get())),
        kKmsFqdn);
}

void
ImsNetworkHelper::AddGbaSubscriber(const std::string& impi, const UsimKeys& usim,
                                   const std::string& impu)
{
    HssSubscriber subscriber;
    subscriber.k = usim.k;
    subscriber.opOrOpc = usim.opc;
    subscriber.impus = {impu};
    if (auto added = m_hss->AddSubscriber(impi, subscriber); !added)
    {
        throw std::invalid_argument("HSS subscriber " + impi + ": " + added.GetError().ToString());
    }
}

Ptr<HssApplication>
ImsNetworkHelper::GetHss() const
{
    return m_hss;
}

Ptr<BsfApplication>
ImsNetworkHelper::GetBsf() const
{
    return m_bsf;
}

Ptr<KmsApplication>
ImsNetworkHelper::GetKmsReplica() const
{
    return m_kmsReplica;
}

void
ImsNetworkHelper::ConnectKmsReplica()
{
    m_kmsReplicaNode = CreateObject<Node>();
    InternetStackHelper stack;
    stack.Install(m_kmsReplicaNode);
    Connect(m_kmsReplicaNode, m_core, "edge-kms-replica", m_config.coreRate, m_config.edgeDelay, 0);
}

void
ImsNetworkHelper::InstallKmsFailover()
{
    const auto& c = m_config;
    if (m_kmsReplicaNode)
    {
        // Same identity and users; the TPK of the KMS's stream, keys and RANDs of its own.
        m_kmsReplica = MakeKms("kms-replica", kKmsUri);
        m_kmsReplica->SetAttribute("SecretLabel", StringValue("kms"));
        m_kmsReplicaNode->AddApplication(m_kmsReplica);
    }
    if (!c.kmsPrimaryFail.IsNegative())
    {
        // A crash or partition: the KMS's only interface goes down, so it neither receives nor
        // sends; nothing tells the UEs (no FIN, no RST), they notice by their timeout.
        Ptr<Ipv4> ip = m_kmsNode->GetObject<Ipv4>();
        Simulator::Schedule(c.kmsPrimaryFail, [ip]() { ip->SetDown(1); });
    }
}

void
ImsNetworkHelper::InstallPstn(bool kms, const std::function<Ipv4Address(Ptr<Node>)>& addressOf)
{
    const auto& c = m_config;
    auto keys = mediasec::Drbg::FromSeed(c.seed, "pstn-links");
    const mediasec::Bytes ksg = keys.Generate(32);
    const mediasec::Bytes ksm = keys.Generate(32);
    const std::string sgwIdentity = "sip:sgw@pstn.ims.test";
    const Ipv4Address sgwAddress = addressOf(m_pstnNodes.Get(0));
    const Ipv4Address mgwAddress = addressOf(m_pstnNodes.Get(1));
    // The terminal's only link is to the MGW: its address is on interface 1 as well.
    const Ipv4Address terminalAddress = addressOf(m_pstnNodes.Get(2));
    m_sgw = CreateObject<SgwApplication>();
    m_sgw->SetAttribute("Label", StringValue("sgw"));
    m_sgw->SetAttribute("Identity", StringValue(sgwIdentity));
    m_sgw->SetAttribute("MgwAddress", Ipv4AddressValue(mgwAddress));
    m_sgw->SetAttribute("TerminalAddress", Ipv4AddressValue(terminalAddress));
    m_sgw->SetAttribute("SipServiceTime", TimeValue(c.sipServiceTime));
    m_sgw->SetAttribute("Seed", UintegerValue(c.seed));
    if (kms)
    {
        m_sgw->SetAttribute("KmsAddress", Ipv4AddressValue(addressOf(m_kmsNode)));
        m_kms->AddOtwayReesKey(sgwIdentity, ksg);
        m_kms->AddAuthorizedGateway(sgwIdentity);
    }
    m_sgw->SetKeys(ksg, ksm);
    m_pstnNodes.Get(0)->AddApplication(m_sgw);
    m_mgw = CreateObject<PstnMgwApplication>();
    m_mgw->SetKsm(ksm);
    m_pstnNodes.Get(1)->AddApplication(m_mgw);
    m_terminal = CreateObject<PstnTerminalApplication>();
    m_terminal->SetAttribute("PayloadSize", UintegerValue(c.payloadSize));
    m_terminal->SetAttribute("PacketInterval", TimeValue(c.ptime));
    m_pstnNodes.Get(2)->AddApplication(m_terminal);
    m_scscf->SetPstnGateway("pstn.ims.test", InetSocketAddress(sgwAddress, 5060));
}

void
ImsNetworkHelper::InstallConference(const std::function<Ipv4Address(Ptr<Node>)>& addressOf)
{
    const auto& c = m_config;
    const std::string uri = "sip:conference@ims.test";
    // A KMS user like the UEs: its own GBA bootstrap (B-TID, Ks_NAF) towards the KMS.
    const auto bootstrap = BootstrapForKms(c.seed, "conference", uri, kKmsUri);
    m_kms->AddUser(bootstrap.ue.btid, bootstrap.kmsUser);
    m_conference = CreateObject<ConferenceServerApplication>();
    m_conference->SetAttribute("Label", StringValue("conference"));
    m_conference->SetAttribute("DefaultInterface", StringValue("ISC"));
    m_conference->SetAttribute("Uri", StringValue(uri));
    m_conference->SetAttribute("GroupIdentity", StringValue(c.conferenceGroup));
    m_conference->SetAttribute("ScscfAddress", Ipv4AddressValue(addressOf(m_scscfNode)));
    m_conference->SetAttribute("KmsAddress", Ipv4AddressValue(addressOf(m_kmsNode)));
    m_conference->SetAttribute("Ptime", TimeValue(c.ptime));
    m_conference->SetAttribute("PayloadSize", UintegerValue(c.payloadSize));
    m_conference->SetAttribute("T1", TimeValue(c.t1));
    m_conference->SetAttribute("Seed", UintegerValue(c.seed));
    m_conference->SetAttribute("SipServiceTime", TimeValue(c.sipServiceTime));
    m_conference->SetKmsCredentials(bootstrap.ue);
    m_conferenceNode->AddApplication(m_conference);
    m_scscf->SetPeerInterface(addressOf(m_conferenceNode), "ISC");
}

Ptr<ConferenceServerApplication>
ImsNetworkHelper::GetConference() const
{
    return m_conference;
}

void
ImsNetworkHelper::InstallTranscoder(bool kms,
                                    const std::function<Ipv4Address(Ptr<Node>)>& addressOf)
{
    const auto& c = m_config;
    const Ipv4Address address = addressOf(m_transcoderNode);
    m_transcoder = CreateObject<TranscoderApplication>();
    m_transcoder->SetAttribute("Label", StringValue("transcoder"));
    m_transcoder->SetAttribute("DefaultInterface", StringValue("ISC"));
    m_transcoder->SetAttribute("SipServiceTime", TimeValue(c.sipServiceTime));
    m_transcoder->SetAttribute("PacketServiceTime", TimeValue(c.transcoderPacketServiceTime));
    m_transcoder->SetAttribute("Seed", UintegerValue(c.seed));
    if (kms)
    {
        // A network function is a KMS user like any other: its own GBA bootstrap (B-TID, Ks_NAF).
        const auto bootstrap = BootstrapForKms(c.seed, "transcoder", kTranscoderUri, kKmsUri);
        m_transcoder->SetKmsCredentials(bootstrap.ue);
        m_transcoder->SetAttribute("KmsAddress", Ipv4AddressValue(addressOf(m_kmsNode)));
        m_kms->AddUser(bootstrap.ue.btid, bootstrap.kmsUser);
        if (c.transcoderAuthorized)
        {
            m_kms->AddNetworkFunction(kTranscoderUri);
        }
    }
    m_transcoderNode->AddApplication(m_transcoder);
    m_scscf->SetPeerInterface(address, "ISC");
    m_scscf->SetTranscoder(InetSocketAddress(address, 5060));
}

Ptr<TranscoderApplication>
ImsNetworkHelper::GetTranscoder() const
{
    return m_transcoder;
}

Ptr<SgwApplication>
ImsNetworkHelper::GetSgw() const
{
    return m_sgw;
}

Ptr<PstnMgwApplication>
ImsNetworkHelper::GetMgw() const
{
    return m_mgw;
}

Ptr<PstnTerminalApplication>
ImsNetworkHelper::GetPstnTerminal() const
{
    return m_terminal;
}

std::string
ImsNetworkHelper::PstnAor(uint32_t i)
{
    return "sip:+1555" + std::to_string(1000000 + i).substr(1) + "@pstn.ims.test";
}

Ptr<VoiceMailApplication>
ImsNetworkHelper::GetVoiceMail() const
{
    return m_voiceMail;
}

InetSocketAddress
ImsNetworkHelper::GetVoiceMailHttpAddress() const
{
    UintegerValue port;
    m_voiceMail->GetAttribute("HttpPort", port);
    return InetSocketAddress(m_voiceMailNode->GetObject<Ipv4>()->GetAddress(1, 0).GetLocal(),
                             static_cast<uint16_t>(port.Get()));
}

Ptr<SCscfApplication>
ImsNetworkHelper::GetScscf() const
{
    return m_scscf;
}

Ptr<Node>
ImsNetworkHelper::GetAccessRouter(uint32_t k) const
{
    return m_accessRouters.Get(k);
}

Ptr<Node>
ImsNetworkHelper::UeNode(uint32_t i) const
{
    return m_ueNodes.Get(i / m_config.uesPerNode);
}

std::string
ImsNetworkHelper::AccessLinkName(uint32_t i) const
{
    return m_config.uesPerNode == 1 ? "access-ue" + std::to_string(i)
                                    : "access-uenode" + std::to_string(i / m_config.uesPerNode);
}

Ptr<NetDevice>
ImsNetworkHelper::GetUeAccessRouterDevice(uint32_t i) const
{
    for (const auto& link : m_links)
    {
        if (link.name == AccessLinkName(i))
        {
            return link.devices.Get(1);
        }
    }
    return nullptr;
}

Ipv4Address
ImsNetworkHelper::GetUeAddress(uint32_t i) const
{
    return UeNode(i)->GetObject<Ipv4>()->GetAddress(1, 0).GetLocal();
}

uint32_t
ImsNetworkHelper::GetUeCount() const
{
    return m_config.ues + m_config.forkingDevices - 1;
}

uint32_t
ImsNetworkHelper::GetSideCount() const
{
    return m_config.sides;
}

} // namespace ims
} // namespace ns3
