/**
 * \file
 * Builds the IMS topology of a run and installs the network functions.
 */
#ifndef IMS_NETWORK_HELPER_H
#define IMS_NETWORK_HELPER_H

#include "gba-bootstrap.h"

#include "model/bsf-application.h"
#include "model/conference-server-application.h"
#include "model/hss-application.h"
#include "model/ims-agw-application.h"
#include "model/ims-ue-application.h"
#include "model/kms-application.h"
#include "model/p-cscf-application.h"
#include "model/pstn-mgw-application.h"
#include "model/pstn-terminal-application.h"
#include "model/s-cscf-application.h"
#include "model/sgw-application.h"
#include "model/transcoder-application.h"
#include "model/voice-mail-application.h"

#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"

#include <functional>
#include <string>
#include <vector>

namespace ns3
{
namespace ims
{

/** \brief Topology, scheme and processing parameters of one IMS network. */
struct ImsNetworkConfig
{
    uint32_t ues = 4;                          //!< number of UEs
    uint32_t sides = 2;                        //!< access networks, each with P-CSCF and IMS-AGW
    std::string scheme = "none";               //!< a run.scheme value, e.g. sdes-e2ae, access-msf
    std::string suite = "AES_CM_128_HMAC_SHA1_80"; //!< SRTP suite offered by UEs
    std::string accessRate = "100Mbps";        //!< UE access link rate
    Time accessDelay = MilliSeconds(5);        //!< UE access link one-way delay
    double accessLoss = 0;                     //!< packet error rate on access links (both ways)
    std::string coreRate = "10Gbps";           //!< router-to-router and server link rate
    Time coreDelay = MilliSeconds(2);          //!< access router <-> core router delay
    Time edgeDelay = MicroSeconds(200);        //!< server (P-CSCF, IMS-AGW, S-CSCF) link delay
    Time sipServiceTime = MicroSeconds(50);    //!< per SIP message, every SIP node
    Time keyServiceTime = MicroSeconds(20);    //!< per SDES key + Iq at the P-CSCF
    Time agwPacketServiceTime = Seconds(0);    //!< per relayed media packet at the IMS-AGW
    Time ptime = MilliSeconds(20);             //!< voice packetization
    uint32_t payloadSize = 160;                //!< voice bytes per packet
    Time ringTime = Seconds(0);                //!< callee 180 -> 200 delay
    Time ringJitter = Seconds(0);              //!< uniform extra ring delay bound, per call
    uint32_t forkingDevices = 1;               //!< devices registered with UE 1's identity
    uint32_t uesPerNode = 1;                   //!< UE applications sharing one node and link
    Time registerSpread = Seconds(0);          //!< REGISTERs spread uniformly over [0, this]
    Time kmsRequestServiceTime = NanoSeconds(32100);   //!< KMS processing per REQUEST_INIT
    Time kmsResolveServiceTime = NanoSeconds(41000);   //!< KMS processing per RESOLVE_INIT
    Time kmsOtwayReesServiceTime = MicroSeconds(100);  //!< KMS processing per Otway-Rees request
    bool reuseTickets = false;                 //!< kms-ticket: reusable tickets
    Time ticketLifetime = Seconds(3600);       //!< kms-ticket: TRe - TRs of issued tickets
    bool uaConnectAtStart = true;              //!< kms-ticket: Ua connection at start, else on demand
    std::string groupIdentity;                 //!< kms-ticket: tickets for this group ("" = callee)
    bool initiatorTickets = false;             //!< kms-ticket: UEs make D=0 tickets, KMS allows
    uint32_t kmsDomains = 1;                   //!< kms-ticket: 2 = odd UEs in other.test (Zk)
    bool kmsReplica = false;                   //!< kms-ticket: a KMS replica on the core router
    Time kmsPrimaryFail = Seconds(-1);         //!< kms-ticket: the KMS goes off the net (<0: never)
    Time kmsFailoverTimeout = Seconds(2);      //!< kms-ticket: UE wait for a KMS answer
    Time t1 = MilliSeconds(500);               //!< RFC 3261 T1
    uint64_t seed = 1;                         //!< run seed (key generators)
    bool forgeE2aeIndication = false;          //!< UE 0 inserts a forged a=3ge2ae:applied
    bool replayOtwayReesOffer = false;         //!< UE 0 replays its first Otway-Rees offer
    bool voiceMail = false;                    //!< a voice-mail server for deferred delivery
    bool pstn = false;                         //!< SGW, PSTN MGW and PSTN terminal (otway-rees-e2m)
    bool calleesOffline = false;               //!< odd UEs (the callees) never register
    bool ue0WrongAkaKey = false;     //!< access-msf, simulated GBA: UE 0's USIM K is not the HSS's
    std::string gbaMode = "time0";   //!< kms-ticket: "time0" (BootstrapForKms) or "simulated"
    bool conference = false;                   //!< kms-ticket: a conference server (ISC, KMS user)
    std::string conferenceGroup = "sip:*@ims.test"; //!< group identity of its ticket
    bool transcoder = false;                   //!< a transcoder on every call's media path
    bool transcoderAuthorized = true;          //!< the KMS lists it as a network function
    bool transcoderNamed = true;               //!< the UEs' tickets name it (IDRapp)
    Time transcoderPacketServiceTime = Seconds(0); //!< per media packet at the transcoder
};

/**
 * \brief Builds a star of access networks around a core router:
 * UE_i -- AR_(i mod sides) -- CORE -- S-CSCF, and P-CSCF_k, IMS-AGW_k on AR_k,
 * all point-to-point links with their own /30, global routing, and installs the functions.
 * With scheme kms-ticket a KMS hangs off the core router and every UE is GBA-bootstrapped
 * towards it: at time 0 (BootstrapForKms), or with gbaMode "simulated" by HSS and BSF nodes on the
 * core router, each UE bootstrapping over Ub at start and the KMS asking the BSF over Zn
 * (doc/gba-in-simulation.md; refused with otway-rees, whose KMS keys are set at time 0). With
 * kmsReplica a replica (label kms-replica, same identity, same ticket protection key, same
 * users) hangs off the core router too, and the UEs fail over to it when the KMS stops
 * answering (kmsPrimaryFail takes the KMS's link down).
 * With scheme access-msf every UE is an IMS AKA subscriber of
 * the S-CSCF (IMPI ue<i>@ims.test, K and OPc of MakeUsimKeys) and the P-CSCFs key the MSF.
 * Labels: ue<i>, pcscf<k>, agw<k>, scscf (used in results and key custody). With
 * forkingDevices = n > 1, n - 1 further UEs (indices ues .. ues+n-2, on sides i mod sides)
 * register UE 1's public identity too, so INVITEs to UE 1 fork at the S-CSCF.
 * With conference (kms-ticket) a conference server (label conference, sip:conference@ims.test,
 * a GBA-bootstrapped KMS user) hangs off the core router and reaches the S-CSCF on ISC. With
 * config.transcoder a transcoder (label transcoder, KMS user sip:transcoder1@ims.test) hangs
 * off the core router and the S-CSCF routes every call through it. With kms-ticket
 * and kmsDomains = 2 the odd UEs (and UE 1's further devices) are sip:ue<i>@other.test, GBA
 * users of a second KMS (label kms-b, sip:kms@other.test) linked to the first over Zk
 * (doc/zk-inter-kms.md); both domains register at the one S-CSCF.
 */
class ImsNetworkHelper
{
  public:
    /** \param config the network to build */
    explicit ImsNetworkHelper(const ImsNetworkConfig& config);

    /** \brief Creates nodes, links, addresses, routes and applications (started at time 0). */
    void Build();

    /** \brief Writes one pcap per link end into \p prefix + "-<link>-<node>-<dev>.pcap". */
    void EnablePcap(const std::string& prefix);

    Ptr<ImsUeApplication> GetUe(uint32_t i) const;   //!< \return UE \p i
    Ptr<PCscfApplication> GetPcscf(uint32_t k) const; //!< \return P-CSCF of side \p k
    Ptr<ImsAgwApplication> GetAgw(uint32_t k) const;  //!< \return IMS-AGW of side \p k
    Ptr<SCscfApplication> GetScscf() const;           //!< \return the S-CSCF
    Ptr<KmsApplication> GetKms() const;               //!< \return the KMS (kms-ticket), or null
    Ptr<HssApplication> GetHss() const; //!< \return the HSS (gbaMode simulated), or null
    Ptr<BsfApplication> GetBsf() const; //!< \return the BSF (gbaMode simulated), or null
    /** \return the KMS of other.test (kms-ticket, kmsDomains = 2), or null */
    Ptr<KmsApplication> GetKmsB() const;
    /** \return the public identity of UE \p i in its domain (other.test for domain B) */
    std::string GetUeAor(uint32_t i) const;
    /** \return the KMS replica (kms-ticket with kmsReplica), or null */
    Ptr<KmsApplication> GetKmsReplica() const;
    /** \return the SGW (config.pstn), or null */
    Ptr<SgwApplication> GetSgw() const;
    /** \return the PSTN MGW (config.pstn), or null */
    Ptr<PstnMgwApplication> GetMgw() const;
    /** \return the PSTN terminal (config.pstn), or null */
    Ptr<PstnTerminalApplication> GetPstnTerminal() const;
    /** \return the SIP URI of PSTN number \p i, e.g. "sip:+15550000@pstn.ims.test" */
    static std::string PstnAor(uint32_t i);
    /** \return the conference server (config.conference), or null */
    Ptr<ConferenceServerApplication> GetConference() const;
    /** \return the transcoder (config.transcoder), or null */
    Ptr<TranscoderApplication> GetTranscoder() const;
    /** \return the voice-mail server (config.voiceMail), or null */
    Ptr<VoiceMailApplication> GetVoiceMail() const;
    /** \return the address of the voice-mail server's mailbox (HTTP) */
    InetSocketAddress GetVoiceMailHttpAddress() const;
    Ptr<Node> GetAccessRouter(uint32_t k) const;      //!< \return access router of side \p k
    /** \return the access-router device of UE \p i's access link */
    Ptr<NetDevice> GetUeAccessRouterDevice(uint32_t i) const;
    Ipv4Address GetUeAddress(uint32_t i) const;       //!< \return address of UE \p i
    uint32_t GetUeCount() const;                      //!< \return number of UEs (all devices)
    uint32_t GetSideCount() const;                    //!< \return number of access networks
    /** \return the public identity of UE \p i */
    static std::string UeAor(uint32_t i);

  private:
    /** \brief A point-to-point link with its devices, named for pcap files. */
    struct Link
    {
        std::string name;          //!< e.g. "access-ue0"
        NetDeviceContainer devices; //!< the two ends
    };

    /** \brief Installs the HSS and the BSF and points the KMS's Zn at the BSF. */
    void InstallGba(const std::function<Ipv4Address(Ptr<Node>)>& addressOf);
    /** \brief Makes \p impi with K/OPc \p usim and public identity \p impu an HSS subscriber. */
    void AddGbaSubscriber(const std::string& impi, const UsimKeys& usim,
                          const std::string& impu);
    /** \return true when UE \p i (a device index) is a user of other.test and KMS-B */
    bool InDomainB(uint32_t i) const;
    /** \return a KMS \p label with identity \p uri and the run's KMS parameters */
    Ptr<KmsApplication> MakeKms(const std::string& label, const std::string& uri) const;
    /** \brief Installs KMS-B on a new node and the Zk link keys of both KMSs. */
    void InstallKmsB(const std::function<Ipv4Address(Ptr<Node>)>& addressOf);
    /** \brief Installs SGW, PSTN MGW and terminal with their keys, and the S-CSCF route. */
    void InstallPstn(bool kms, const std::function<Ipv4Address(Ptr<Node>)>& addressOf);
    /** \brief Installs the conference server as a KMS user on ISC of the S-CSCF. */
    void InstallConference(const std::function<Ipv4Address(Ptr<Node>)>& addressOf);
    /**
     * \brief Installs the transcoder (doc/transcoder.md), its S-CSCF route and, with a KMS, its
     * KMS user and (config.transcoderAuthorized) its place on the KMS's network-function list.
     */
    void InstallTranscoder(bool kms, const std::function<Ipv4Address(Ptr<Node>)>& addressOf);
    /** \brief Adds the KMS replica's node and link (before routing is computed). */
    void ConnectKmsReplica();
    /** \brief Installs the replica's application; schedules the KMS failure if configured. */
    void InstallKmsFailover();
    /** \return the node hosting UE \p i */
    Ptr<Node> UeNode(uint32_t i) const;
    /** \return the name of the access link of the node hosting UE \p i */
    std::string AccessLinkName(uint32_t i) const;
    /** \return the devices of a new link between \p a and \p b */
    NetDeviceContainer Connect(Ptr<Node> a, Ptr<Node> b, const std::string& name,
                               const std::string& rate, Time delay, double loss);

    ImsNetworkConfig m_config;                  //!< parameters
    NodeContainer m_ueNodes;                    //!< UEs
    NodeContainer m_accessRouters;              //!< one per side
    NodeContainer m_pcscfNodes;                 //!< one per side
    NodeContainer m_agwNodes;                   //!< one per side
    Ptr<Node> m_core;                           //!< core router
    Ptr<Node> m_scscfNode;                      //!< S-CSCF
    std::vector<Link> m_links;                  //!< all links
    std::vector<Ptr<ImsUeApplication>> m_ues;   //!< UE apps
    std::vector<Ptr<PCscfApplication>> m_pcscfs; //!< P-CSCF apps
    std::vector<Ptr<ImsAgwApplication>> m_agws; //!< IMS-AGW apps
    Ptr<SCscfApplication> m_scscf;              //!< S-CSCF app
    Ptr<Node> m_kmsNode;                        //!< KMS node (kms-ticket)
    Ptr<KmsApplication> m_kms;                  //!< KMS app (kms-ticket)
    NodeContainer m_gbaNodes;                   //!< HSS, BSF (gbaMode simulated)
    Ptr<HssApplication> m_hss;                  //!< HSS app
    Ptr<BsfApplication> m_bsf;                  //!< BSF app
    Ptr<Node> m_kmsBNode;                       //!< KMS-B node (kmsDomains = 2)
    Ptr<KmsApplication> m_kmsB;                 //!< KMS-B app (kmsDomains = 2)
    Ptr<Node> m_kmsReplicaNode;                 //!< KMS replica node
    Ptr<KmsApplication> m_kmsReplica;           //!< KMS replica app
    NodeContainer m_pstnNodes;                  //!< SGW, MGW, terminal (config.pstn)
    Ptr<SgwApplication> m_sgw;                  //!< SGW app
    Ptr<PstnMgwApplication> m_mgw;              //!< PSTN MGW app
    Ptr<PstnTerminalApplication> m_terminal;    //!< PSTN terminal app
    Ptr<Node> m_voiceMailNode;                  //!< voice-mail server node
    Ptr<VoiceMailApplication> m_voiceMail;      //!< voice-mail server app
    Ptr<Node> m_conferenceNode;                 //!< conference server node
    Ptr<ConferenceServerApplication> m_conference; //!< conference server app
    Ptr<Node> m_transcoderNode;                 //!< transcoder node
    Ptr<TranscoderApplication> m_transcoder;    //!< transcoder app
    uint32_t m_subnet = 0;                      //!< next /30 index
    int64_t m_nextStream = 100;                 //!< next random stream (0-99: scenario)
};

} // namespace ims
} // namespace ns3

#endif
