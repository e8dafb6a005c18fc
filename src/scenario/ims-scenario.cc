#include "ims-scenario.h"

#include "model/ue-gba-agent.h"

#include "ns3/double.h"
#include "ns3/ipv4-address.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"
#include "ns3/random-variable-stream.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <fstream>
#include <stdexcept>

namespace ns3
{
namespace ims
{

using mediasec::scenario::Metrics;
using mediasec::scenario::ParamKind;
using mediasec::scenario::ParameterSet;
using mediasec::scenario::ParamSpec;

const std::vector<ParamSpec>&
ImsScenarioSpecs()
{
    static const std::vector<ParamSpec> specs = {
        {"run.scheme", ParamKind::Choice, "sdes-e2ae", "media security scheme",
         {"none", "sdes-e2e", "sdes-e2ae", "kms-ticket", "otway-rees", "access-msf",
          "otway-rees-e2m"}},
        {"run.seed", ParamKind::Integer, "1", "run seed (keys, arrivals, losses)", {}, 1, 1e15},
        {"topology.ues", ParamKind::Integer, "4", "number of UEs", {}, 2, 100000},
        {"topology.sides", ParamKind::Integer, "2",
         "access networks, each with a P-CSCF and an IMS-AGW (UE i is on side i mod sides)", {},
         1, 64},
        {"topology.ues_per_node", ParamKind::Integer, "1",
         "UEs sharing one ns-3 node and access link (ports differ); large populations", {}, 1,
         4000},
        {"topology.register_spread_s", ParamKind::Real, "0",
         "REGISTERs spread uniformly over [0, this] (large populations)", {}, 0, 1e6},
        {"topology.access_rate", ParamKind::Text, "100Mbps", "UE access link rate (ns-3 DataRate)"},
        {"topology.access_delay_ms", ParamKind::Real, "5", "UE access link one-way delay", {}, 0,
         10000},
        {"topology.access_loss", ParamKind::Real, "0", "packet loss rate on UE access links", {}, 0,
         0.5},
        {"topology.core_rate", ParamKind::Text, "10Gbps", "core and server link rate"},
        {"topology.core_delay_ms", ParamKind::Real, "2", "access router <-> core router delay", {},
         0, 10000},
        {"topology.edge_delay_ms", ParamKind::Real, "0.2", "server link delay", {}, 0, 10000},
        {"calls.count", ParamKind::Integer, "4",
         "calls; call i goes from UE 2(i mod ues/2) to UE 2(i mod ues/2)+1", {}, 0, 10000000},
        {"calls.start_s", ParamKind::Real, "1", "first call (registrations happen at 0)", {}, 0.1,
         1e6},
        {"calls.interarrival_ms", ParamKind::Real, "250", "mean time between call starts", {}, 0,
         1e9},
        {"calls.arrival", ParamKind::Choice, "fixed", "call start process", {"fixed", "poisson"}},
        {"calls.hold_s", ParamKind::Real, "5", "media duration of each call", {}, 0, 1e6},
        {"calls.ring_ms", ParamKind::Real, "0", "callee delay between 180 and 200", {}, 0, 1e6},
        {"calls.ring_jitter_ms", ParamKind::Real, "0",
         "uniform random extra ring delay per answering device, upper bound", {}, 0, 1e6},
        {"calls.to_pstn", ParamKind::Boolean, "false",
         "callers call the PSTN terminal through the SGW and PSTN MGW (always with "
         "otway-rees-e2m; with none: plain RTP through the MGW)"},
        {"calls.pattern", ParamKind::Choice, "pairs",
         "who calls whom: pairs (UE 2k calls UE 2k+1) or random (uniform caller, other callee)",
         {"pairs", "random"}},
        {"forking.devices", ParamKind::Integer, "1",
         "devices registered with UE 1's identity: INVITEs to UE 1 fork to all of them", {}, 1,
         1000},
        {"media.suite", ParamKind::Choice, "AES_CM_128_HMAC_SHA1_80", "SRTP suite offered",
         {"AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32", "AEAD_AES_128_GCM"}},
        {"media.ptime_ms", ParamKind::Integer, "20", "packetization time", {}, 1, 1000},
        {"media.payload_bytes", ParamKind::Integer, "160", "voice bytes per packet", {}, 12, 1400},
        {"processing.sip_us", ParamKind::Real, "50", "service time per SIP message, every node",
         {}, 0, 1e9},
        {"processing.key_us", ParamKind::Real, "20", "P-CSCF service time per SDES key + Iq", {},
         0, 1e9},
        {"processing.agw_packet_us", ParamKind::Real, "0",
         "IMS-AGW service time per relayed media packet (0: not modelled)", {}, 0, 1e9},
        // Defaults: the medians of results/kms-calibration.csv (KmsCore CPU time per request,
        // bench/kms-bench); a test keeps them equal.
        {"processing.kms_request_us", ParamKind::Real, "32.1",
         "KMS service time per MIKEY REQUEST_INIT (default: results/kms-calibration.csv)", {}, 0,
         1e9},
        {"processing.kms_resolve_us", ParamKind::Real, "41.0",
         "KMS service time per MIKEY RESOLVE_INIT (default: results/kms-calibration.csv)", {}, 0,
         1e9},
        {"processing.kms_us", ParamKind::Real, "100",
         "KMS service time per Otway-Rees request (not calibrated)", {}, 0, 1e9},
        {"kms.reuse_tickets", ParamKind::Boolean, "false",
         "kms-ticket: reusable tickets (initiator reuse, responder cache)"},
        {"kms.ua_connect_at_start", ParamKind::Boolean, "true",
         "UEs open their Ua connection to the KMS at start (false: with the first request, "
         "which adds the TCP handshake to the first call's setup)"},
        {"kms.group_tickets", ParamKind::Boolean, "false",
         "kms-ticket: UEs ask for tickets for kms.group_identity instead of one per callee"},
        {"kms.group_identity", ParamKind::Text, "sip:*@ims.test",
         "KMS user group identity of group tickets ('*' = one or more characters, TS 33.328 "
         "6.2.3.2)"},
        {"kms.initiator_tickets", ParamKind::Boolean, "false",
         "kms-ticket: UEs make tickets themselves (RFC 6043 D=0, no REQUEST) and the KMS allows it"},
        {"kms.domains", ParamKind::Integer, "1",
         "kms-ticket: 2 = the odd UEs are users of other.test and its KMS (kms-b), reached over "
         "Zk from the callers' KMS", {}, 1, 2},
        {"kms.ticket_lifetime_s", ParamKind::Real, "3600",
         "validity of issued tickets (TRe - TRs); a stored message is readable until then", {},
         1, 1e9},
        {"gba.mode", ParamKind::Choice, "time0",
         "kms-ticket: GBA bootstrapping computed at time 0, or simulated (HSS and BSF nodes, "
         "Ub at each UE's start, the KMS asks the BSF over Zn; not with otway-rees)",
         {"time0", "simulated"}},
        {"kms.replica", ParamKind::Boolean, "false",
         "kms-ticket: a KMS replica (same identity, ticket key and users) the UEs fail over to"},
        {"kms.primary_fail_s", ParamKind::Real, "-1",
         "kms-ticket: the KMS goes off the network at this time (its link goes down; <0: never)",
         {}, -1, 1e9},
        {"kms.failover_timeout_ms", ParamKind::Real, "2000",
         "kms-ticket: a Ua request unanswered this long goes to the replica for good, or fails "
         "the call (kms-unreachable) without one; 0: no timer",
         {}, 0, 1e9},
        {"deferred.enabled", ParamKind::Boolean, "false",
         "callees (odd UEs) stay offline; the S-CSCF sends their calls to a voice-mail server"},
        {"deferred.retrieve_after_s", ParamKind::Real, "60",
         "delay from the end of the last call to the callees fetching their mailboxes", {}, 0,
         1e9},
        {"conference.enabled", ParamKind::Boolean, "false",
         "kms-ticket: a conference server gets one group ticket and dials conference.attendees "
         "UEs with it (doc/conference.md); the call generator runs as well"},
        {"conference.attendees", ParamKind::Integer, "0",
         "UEs the conference server dials: the last N UEs, 0 = every UE (at most topology.ues)",
         {}, 0, 100000},
        {"conference.group", ParamKind::Text, "sip:*@ims.test",
         "KMS user group identity of the conference ticket; the KMS refuses attendees outside it"},
        {"conference.start_s", ParamKind::Real, "1", "time the conference server dials out", {},
         0.1, 1e6},
        {"transcoder.enabled", ParamKind::Boolean, "false",
         "a transcoder on the media path of every call (the S-CSCF routes calls through it; "
         "doc/transcoder.md)"},
        {"transcoder.authorized", ParamKind::Boolean, "true",
         "kms-ticket: the KMS lists the transcoder as a network function"},
        {"transcoder.named", ParamKind::Boolean, "true",
         "kms-ticket: the UEs name the transcoder in their tickets (IDRapp)"},
        {"transcoder.packet_us", ParamKind::Real, "0",
         "transcoder service time per media packet (0: not modelled)", {}, 0, 1e9},
        {"sip.t1_ms", ParamKind::Integer, "500", "RFC 3261 T1", {}, 1, 100000},
        {"attack.forge_e2ae", ParamKind::Boolean, "false",
         "UE 0 inserts a forged a=3ge2ae:applied into its offers"},
        {"attack.replay_offer", ParamKind::Boolean, "false",
         "otway-rees: UE 0's INVITEs after the first carry its first offer (a replayed Ea)"},
        {"attack.media", ParamKind::Choice, "none",
         "an attacker on UE 1's access router injects replayed or tampered copies of its media",
         {"none", "replay", "tamper"}},
        {"attack.count", ParamKind::Integer, "5", "media copies the attacker injects", {}, 0,
         1000000},
        {"output.pcap", ParamKind::Boolean, "false", "write a pcap per link end"},
        {"output.calls_csv", ParamKind::Boolean, "true", "write calls.csv per run"},
        {"output.table", ParamKind::Text, "",
         "metrics of the printed summary table, comma-separated (empty: the default set)"},
        {"output.keylog", ParamKind::Boolean, "true", "write the SRTP key log per run"},
    };
    return specs;
}

ParameterSet
DefaultImsParameters()
{
    ParameterSet parameters;
    for (const auto& spec : ImsScenarioSpecs())
    {
        parameters.Set(spec.key, spec.defaultValue);
    }
    return parameters;
}

std::vector<std::string>
ImsSummaryColumns()
{
    return {"calls_completed", "setup_delay_p50_ms", "setup_delay_p95_ms", "media_received",
            "srtp_rejected", "msgs_per_call", "key_holders"};
}

ImsScenario::ImsScenario(const ParameterSet& parameters)
    : m_parameters(parameters)
{
}

namespace
{
Time
Ms(double value)
{
    return NanoSeconds(static_cast<int64_t>(value * 1e6));
}

/** \return \p ns as milliseconds with 3 decimals, by integer arithmetic (deterministic text) */
std::string
NsToMs(int64_t ns)
{
    if (ns < 0)
    {
        return "-";
    }
    const int64_t us = (ns + 500) / 1000;
    std::string frac = std::to_string(us % 1000);
    return std::to_string(us / 1000) + "." + std::string(3 - frac.size(), '0') + frac;
}

/** \return the \p q-quantile (nearest rank) of \p values, -1 if empty */
int64_t
Quantile(std::vector<int64_t> values, double q)
{
    if (values.empty())
    {
        return -1;
    }
    std::sort(values.begin(), values.end());
    size_t rank = static_cast<size_t>(q * values.size() + 0.999999);
    rank = std::min(std::max<size_t>(rank, 1), values.size());
    return values[rank - 1];
}

/** \return true when the call's caller and callee (none for a PSTN callee) completed it */
bool
IsCompleted(const CallView& view)
{
    const UeCallRecord* caller = view.caller;
    // A PSTN callee has no UE record: the caller's view is the whole call.
    const bool toPstn =
        caller != nullptr && caller->peer.find("@pstn.ims.test") != std::string::npos;
    return caller != nullptr && caller->outcome == "completed" &&
           (view.callee != nullptr ? view.callee->outcome == "completed" : toPstn);
}

/** \return \p num / \p den with 2 decimals, by integer arithmetic */
std::string
Ratio2(uint64_t num, uint64_t den)
{
    if (den == 0)
    {
        return "0.00";
    }
    const uint64_t hundredths = (num * 100 + den / 2) / den;
    const std::string frac = std::to_string(hundredths % 100);
    return std::to_string(hundredths / 100) + "." + std::string(2 - frac.size(), '0') + frac;
}
} // namespace

void
ImsScenario::Run(const std::string& pcapPrefix)
{
    const auto& p = m_parameters;
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(static_cast<uint64_t>(p.GetInt("run.seed")));

    ImsNetworkConfig config;
    config.ues = static_cast<uint32_t>(p.GetInt("topology.ues"));
    config.sides = static_cast<uint32_t>(p.GetInt("topology.sides"));
    config.scheme = p.Get("run.scheme");
    config.suite = p.Get("media.suite");
    config.accessRate = p.Get("topology.access_rate");
    config.accessDelay = Ms(p.GetReal("topology.access_delay_ms"));
    config.accessLoss = p.GetReal("topology.access_loss");
    config.coreRate = p.Get("topology.core_rate");
    config.coreDelay = Ms(p.GetReal("topology.core_delay_ms"));
    config.edgeDelay = Ms(p.GetReal("topology.edge_delay_ms"));
    config.sipServiceTime = Ms(p.GetReal("processing.sip_us") / 1000);
    config.keyServiceTime = Ms(p.GetReal("processing.key_us") / 1000);
    config.kmsRequestServiceTime = Ms(p.GetReal("processing.kms_request_us") / 1000);
    config.kmsResolveServiceTime = Ms(p.GetReal("processing.kms_resolve_us") / 1000);
    config.kmsOtwayReesServiceTime = Ms(p.GetReal("processing.kms_us") / 1000);
    config.reuseTickets = p.GetBool("kms.reuse_tickets");
    config.agwPacketServiceTime = Ms(p.GetReal("processing.agw_packet_us") / 1000);
    config.ptime = MilliSeconds(p.GetInt("media.ptime_ms"));
    config.payloadSize = static_cast<uint32_t>(p.GetInt("media.payload_bytes"));
    config.ringTime = Ms(p.GetReal("calls.ring_ms"));
    config.ringJitter = Ms(p.GetReal("calls.ring_jitter_ms"));
    config.forkingDevices = static_cast<uint32_t>(p.GetInt("forking.devices"));
    config.t1 = MilliSeconds(p.GetInt("sip.t1_ms"));
    config.seed = static_cast<uint64_t>(p.GetInt("run.seed"));
    config.forgeE2aeIndication = p.GetBool("attack.forge_e2ae");
    config.replayOtwayReesOffer = p.GetBool("attack.replay_offer");
    config.uesPerNode = static_cast<uint32_t>(p.GetInt("topology.ues_per_node"));
    config.registerSpread = Ms(p.GetReal("topology.register_spread_s") * 1000);
    const bool toPstn = p.GetBool("calls.to_pstn") || config.scheme == "otway-rees-e2m";
    config.pstn = toPstn;
    config.voiceMail = p.GetBool("deferred.enabled");
    config.calleesOffline = config.voiceMail;
    config.ticketLifetime = Ms(p.GetReal("kms.ticket_lifetime_s") * 1000);
    config.uaConnectAtStart = p.GetBool("kms.ua_connect_at_start");
    config.groupIdentity = p.GetBool("kms.group_tickets") ? p.Get("kms.group_identity") : "";
    config.initiatorTickets = p.GetBool("kms.initiator_tickets");
    config.conference = p.GetBool("conference.enabled");
    config.conferenceGroup = p.Get("conference.group");
    const auto attendeesWanted = static_cast<uint32_t>(p.GetInt("conference.attendees"));
    const uint32_t attendees = attendeesWanted == 0 ? config.ues : attendeesWanted;
    if (config.conference && config.scheme != "kms-ticket")
    {
        throw std::invalid_argument("conference.enabled needs run.scheme = kms-ticket (the "
                                    "conference keys come from a MIKEY-TICKET group ticket), not " +
                                    config.scheme);
    }
    if (config.conference && attendees > config.ues)
    {
        throw std::invalid_argument("conference.attendees = " + std::to_string(attendees) +
                                    " exceeds topology.ues = " + std::to_string(config.ues));
    }
    config.transcoder = p.GetBool("transcoder.enabled");
    config.transcoderAuthorized = p.GetBool("transcoder.authorized");
    config.transcoderNamed = p.GetBool("transcoder.named");
    config.transcoderPacketServiceTime = Ms(p.GetReal("transcoder.packet_us") / 1000);
    config.gbaMode = p.Get("gba.mode");
    config.kmsDomains = static_cast<uint32_t>(p.GetInt("kms.domains"));
    config.kmsReplica = p.GetBool("kms.replica");
    config.kmsPrimaryFail = Ms(p.GetReal("kms.primary_fail_s") * 1000);
    config.kmsFailoverTimeout = Ms(p.GetReal("kms.failover_timeout_ms"));

    m_network = std::make_unique<ImsNetworkHelper>(config);
    m_network->Build();
    m_collector.Attach(*m_network);
    if (p.Get("attack.media") != "none")
    {
        m_attacker = CreateObject<MediaAttackerApplication>();
        m_attacker->SetAttribute("Attack", StringValue(p.Get("attack.media")));
        m_attacker->SetAttribute("Count", UintegerValue(p.GetInt("attack.count")));
        m_attacker->SetAttribute("VictimAddress", Ipv4AddressValue(m_network->GetUeAddress(1)));
        m_attacker->SetDevice(m_network->GetUeAccessRouterDevice(1));
        m_network->GetAccessRouter(1 % config.sides)->AddApplication(m_attacker);
    }
    if (!pcapPrefix.empty())
    {
        m_network->EnablePcap(pcapPrefix);
    }

    const auto calls = static_cast<uint32_t>(p.GetInt("calls.count"));
    const Time hold = Ms(p.GetReal("calls.hold_s") * 1000);
    const double meanGapMs = p.GetReal("calls.interarrival_ms");
    auto gaps = CreateObject<ExponentialRandomVariable>();
    gaps->SetAttribute("Mean", DoubleValue(meanGapMs));
    gaps->SetStream(1);
    const bool poisson = p.Get("calls.arrival") == "poisson";
    const Time first = Ms(p.GetReal("calls.start_s") * 1000);
    Time start = first;
    Time lastStart = first;
    const uint32_t pairs = config.ues / 2;
    const bool random = p.Get("calls.pattern") == "random";
    auto pick = CreateObject<UniformRandomVariable>();
    pick->SetStream(2);
    for (uint32_t i = 0; i < calls; ++i)
    {
        uint32_t caller = 2 * (i % pairs);
        uint32_t callee = caller + 1;
        if (random)
        {
            caller = pick->GetInteger(0, config.ues - 1);
            callee = (caller + pick->GetInteger(1, config.ues - 1)) % config.ues;
        }
        Ptr<ImsUeApplication> ue = m_network->GetUe(caller);
        const std::string aor =
            toPstn ? ImsNetworkHelper::PstnAor(callee) : m_network->GetUeAor(callee);
        Simulator::Schedule(start, [ue, aor, hold]() { ue->PlaceCall(aor, hold); });
        lastStart = start;
        start += poisson ? Ms(gaps->GetValue()) : Ms(meanGapMs);
    }
    m_callsPlaced = calls;
    m_callsSpan = lastStart - first + hold;
    // Last call: set-up (64*T1 worst case), hold, BYE transaction.
    Time end = start + hold + 2 * 64 * config.t1 + Seconds(1);
    if (config.conference)
    {
        // The last N UEs are the attendees; the conference lasts calls.hold_s.
        std::vector<std::string> aors;
        for (uint32_t i = config.ues - attendees; i < config.ues; ++i)
        {
            aors.push_back(ImsNetworkHelper::UeAor(i));
        }
        const Time dial = Ms(p.GetReal("conference.start_s") * 1000);
        Ptr<ConferenceServerApplication> server = m_network->GetConference();
        Simulator::Schedule(dial, [server, aors, hold]() { server->Dial(aors, hold); });
        end = std::max(end, dial + hold + 2 * 64 * config.t1 + Seconds(1));
    }
    if (config.voiceMail)
    {
        // Deferred delivery: every callee fetches its mailbox once, after the last call.
        const Time retrieve = start + hold + Seconds(2) +
                              Ms(p.GetReal("deferred.retrieve_after_s") * 1000);
        const InetSocketAddress server = m_network->GetVoiceMailHttpAddress();
        for (uint32_t callee = 1; callee < config.ues; callee += 2)
        {
            Ptr<ImsUeApplication> ue = m_network->GetUe(callee);
            Simulator::Schedule(retrieve, [ue, server]() { ue->RetrieveVoiceMail(server); });
        }
        end = std::max(end, retrieve + Seconds(10));
    }
    Simulator::Stop(end);
    Simulator::Run();
}

const ImsNetworkHelper&
ImsScenario::Network() const
{
    return *m_network;
}

const CallMetricsCollector&
ImsScenario::Collector() const
{
    return m_collector;
}

Metrics
ImsScenario::Summarize() const
{
    uint64_t completed = 0;
    uint64_t mediaSent = 0;
    uint64_t mediaReceived = 0;
    uint64_t rejectedAuth = 0;
    uint64_t rejectedReplay = 0;
    uint64_t corrupt = 0;
    int64_t delaySum = 0;
    std::vector<int64_t> setup;
    std::vector<int64_t> keysReady;
    std::map<std::string, InterfaceLoad> load;
    size_t maxHolders = 0;
    std::set<std::string> holderRoles;
    uint64_t forkedDevices = 0;
    const std::set<std::string> interfaces = m_collector.Interfaces();
    auto countHolders = [&](const UeCallRecord& r) {
        for (const auto* key : {&r.txKey, &r.rxKey})
        {
            const auto holders = m_collector.HoldersOf(*key);
            maxHolders = std::max(maxHolders, holders.size());
            for (const auto& label : holders)
            {
                holderRoles.insert(label.substr(0, label.find_first_of("0123456789")));
            }
        }
    };
    std::set<std::string> conferenceLegs;
    if (const auto server = m_network->GetConference())
    {
        for (const auto& leg : server->GetLegs())
        {
            conferenceLegs.insert(leg.callId);
        }
    }
    for (const auto& [callId, records] : m_collector.GetCalls())
    {
        if (conferenceLegs.count(callId) > 0)
        {
            // Conference legs have their own metrics (AddConferenceMetrics); the call metrics
            // stay those of the UE-to-UE calls. Key custody covers both.
            for (const auto& r : records)
            {
                countHolders(r);
            }
            continue;
        }
        const CallView view = ViewOf(records);
        const UeCallRecord* caller = view.caller;
        const bool ok = IsCompleted(view);
        Time ready;
        for (const auto* record : {view.caller, view.callee})
        {
            if (record == nullptr)
            {
                continue;
            }
            const UeCallRecord& r = *record;
            mediaSent += r.mediaSent;
            mediaReceived += r.mediaReceived;
            rejectedAuth += r.srtpRejectedAuth;
            rejectedReplay += r.srtpRejectedReplay;
            corrupt += r.payloadCorrupt;
            delaySum += r.mediaDelaySumNs;
            ready = std::max(ready, r.keysReadyTime);
            countHolders(r);
        }
        completed += ok;
        forkedDevices += view.otherForks.size();
        if (caller && caller->answerTime > caller->inviteTime)
        {
            setup.push_back((caller->answerTime - caller->inviteTime).GetNanoSeconds());
            keysReady.push_back((ready - caller->inviteTime).GetNanoSeconds());
        }
        for (const auto& name : interfaces)
        {
            const auto l = m_collector.LoadOf(callId, name);
            load[name].messages += l.messages;
            load[name].bytes += l.bytes;
        }
    }
    if (const auto terminal = m_network->GetPstnTerminal())
    {
        // The PSTN terminal's stream and what reached it (plain RTP behind the MGW).
        const auto& t = terminal->GetCounters();
        mediaSent += t.sent;
        mediaReceived += t.intact;
        delaySum += t.totalDelay.GetNanoSeconds();
    }
    uint64_t unknown = 0;
    for (uint32_t i = 0; i < m_network->GetUeCount(); ++i)
    {
        unknown += m_network->GetUe(i)->GetUnknownStreamPackets();
    }
    uint64_t forged = 0;
    uint64_t e2ae = 0;
    uint64_t agwRelayed = 0;
    uint64_t agwRejected = 0;
    Time pcscfBusy;
    Time agwWaitMax;
    for (uint32_t k = 0; k < m_network->GetSideCount(); ++k)
    {
        forged += m_network->GetPcscf(k)->GetForgedIndicationsRemoved();
        e2ae += m_network->GetPcscf(k)->GetE2aeCalls();
        const auto& c = m_network->GetAgw(k)->GetCounters();
        agwRelayed += c.relayed;
        agwRejected += c.rejectedAuth + c.rejectedReplay + c.unknownStream + c.malformed;
        pcscfBusy += m_network->GetPcscf(k)->GetProcessingQueue().BusyTime();
        agwWaitMax = std::max(agwWaitMax, m_network->GetAgw(k)->GetProcessingQueue().MaxWait());
    }
    const auto& scscfQueue = m_network->GetScscf()->GetProcessingQueue();
    uint64_t sipMessages = 0;
    for (const auto& [name, l] : load)
    {
        sipMessages += l.messages;
    }
    const uint64_t calls = m_callsPlaced;
    Metrics m;
    m.emplace_back("calls_placed", std::to_string(calls));
    m.emplace_back("calls_completed", std::to_string(completed));
    m.emplace_back("setup_delay_p50_ms", NsToMs(Quantile(setup, 0.5)));
    m.emplace_back("setup_delay_p95_ms", NsToMs(Quantile(setup, 0.95)));
    m.emplace_back("setup_delay_p50_ns", std::to_string(Quantile(setup, 0.5)));
    m.emplace_back("setup_delay_p95_ns", std::to_string(Quantile(setup, 0.95)));
    m.emplace_back("keys_ready_p50_ns", std::to_string(Quantile(keysReady, 0.5)));
    m.emplace_back("media_sent", std::to_string(mediaSent));
    m.emplace_back("media_received", std::to_string(mediaReceived));
    m.emplace_back("media_delay_mean_ns",
                   std::to_string(mediaReceived ? delaySum / int64_t(mediaReceived) : 0));
    m.emplace_back("srtp_rejected", std::to_string(rejectedAuth + rejectedReplay));
    m.emplace_back("srtp_rejected_auth", std::to_string(rejectedAuth));
    m.emplace_back("srtp_rejected_replay", std::to_string(rejectedReplay));
    m.emplace_back("payload_corrupt", std::to_string(corrupt));
    m.emplace_back("media_unknown_stream", std::to_string(unknown));
    m.emplace_back("agw_relayed", std::to_string(agwRelayed));
    m.emplace_back("agw_rejected", std::to_string(agwRejected));
    m.emplace_back("msgs_per_call", Ratio2(sipMessages, calls));
    for (const char* name : {"Gm", "Mw", "Iq", "Ua"})
    {
        m.emplace_back(std::string("msgs_per_call_") + name, Ratio2(load[name].messages, calls));
        m.emplace_back(std::string("bytes_per_call_") + name, Ratio2(load[name].bytes, calls));
    }
    m.emplace_back("key_holders", JoinLabels(holderRoles));
    m.emplace_back("max_key_holders", std::to_string(maxHolders));
    m.emplace_back("forked_devices_released", std::to_string(forkedDevices));
    m.emplace_back("forked_invites", std::to_string(m_network->GetScscf()->GetForkedInvites()));
    const auto* kms = m_network->GetKms() ? &m_network->GetKms()->GetStats() : nullptr;
    m.emplace_back("kms_tickets_issued", std::to_string(kms ? kms->ticketsIssued : 0));
    m.emplace_back("kms_tickets_resolved", std::to_string(kms ? kms->ticketsResolved : 0));
    const ProcessingQueue* kmsQueue =
        m_network->GetKms() ? &m_network->GetKms()->GetProcessingQueue() : nullptr;
    // Every request the KMS served (MIKEY REQUEST/RESOLVE, Otway-Rees), granted or refused.
    m.emplace_back("kms_requests_per_call", Ratio2(kmsQueue ? kmsQueue->Jobs() : 0, calls));
    m.emplace_back("kms_busy_ns", std::to_string(kmsQueue ? kmsQueue->BusyTime().GetNanoSeconds() : 0));
    m.emplace_back("kms_wait_mean_ns",
                   std::to_string(kmsQueue && kmsQueue->Jobs()
                                      ? kmsQueue->TotalWait().GetNanoSeconds() /
                                            static_cast<int64_t>(kmsQueue->Jobs())
                                      : 0));
    m.emplace_back("kms_wait_max_ns",
                   std::to_string(kmsQueue ? kmsQueue->MaxWait().GetNanoSeconds() : 0));
    // Rates over the span of the call arrivals (first start to the last call's hang-up).
    const auto spanMs = static_cast<uint64_t>(std::max<int64_t>(m_callsSpan.GetMilliSeconds(), 1));
    const uint64_t kmsRequests = kmsQueue ? kmsQueue->Jobs() : 0;
    m.emplace_back("kms_requests_per_s", Ratio2(kmsRequests * 1000, spanMs));
    const uint64_t kmsBusyUs =
        kmsQueue ? static_cast<uint64_t>(kmsQueue->BusyTime().GetMicroSeconds()) : 0;
    m.emplace_back("kms_utilization_pct", Ratio2(kmsBusyUs * 100, spanMs * 1000));
    uint64_t zkRequests = 0;
    uint64_t zkRefusals = 0;
    for (const auto& k : {m_network->GetKms(), m_network->GetKmsB()})
    {
        zkRequests += k ? k->GetZk().Requests() : 0;
        zkRefusals += k ? k->GetZk().Refusals() : 0;
    }
    m.emplace_back("zk_requests", std::to_string(zkRequests));
    m.emplace_back("zk_refusals", std::to_string(zkRefusals));
    m.emplace_back("e2ae_calls", std::to_string(e2ae));
    m.emplace_back("forged_indications_removed", std::to_string(forged));
    m.emplace_back("attack_injected", std::to_string(m_attacker ? m_attacker->GetInjected() : 0));
    m.emplace_back("scscf_wait_max_ns", std::to_string(scscfQueue.MaxWait().GetNanoSeconds()));
    m.emplace_back("agw_wait_max_ns", std::to_string(agwWaitMax.GetNanoSeconds()));
    m.emplace_back("pcscf_busy_ns", std::to_string(pcscfBusy.GetNanoSeconds()));
    AddDeferredDeliveryMetrics(m);
    AddConferenceMetrics(m);
    AddTranscoderMetrics(m);
    AddGbaMetrics(m);
    AddKmsFailoverMetrics(m);
    return m;
}

void
ImsScenario::AddConferenceMetrics(Metrics& m) const
{
    const auto server = m_network->GetConference();
    const auto legs = server ? server->GetLegs() : std::vector<ConferenceLegRecord>{};
    uint64_t joined = 0;
    uint64_t refused = 0;
    uint64_t uaMessages = 0;
    uint64_t attendeeDecrypted = 0;
    uint64_t serverDecrypted = 0;
    std::vector<int64_t> join;
    const auto& calls = m_collector.GetCalls();
    for (const auto& leg : legs)
    {
        joined += leg.outcome == "joined";
        refused += leg.outcome.rfind("rejected-", 0) == 0;
        serverDecrypted += leg.mediaDecrypted;
        if (leg.answerTime > leg.dialTime)
        {
            join.push_back((leg.answerTime - leg.dialTime).GetNanoSeconds());
        }
        // Every Ua request of the leg (the server's REQUEST, the attendee's RESOLVE) and its reply.
        uaMessages += m_collector.LoadOf(leg.callId, "Ua").messages;
        if (auto it = calls.find(leg.callId); it != calls.end())
        {
            for (const auto& record : it->second)
            {
                attendeeDecrypted += record.mediaReceived;
            }
        }
    }
    m.emplace_back("conference_legs", std::to_string(legs.size()));
    m.emplace_back("conference_joined", std::to_string(joined));
    m.emplace_back("conference_refused", std::to_string(refused));
    m.emplace_back("conference_join_p50_ms", NsToMs(Quantile(join, 0.5)));
    m.emplace_back("conference_join_p95_ms", NsToMs(Quantile(join, 0.95)));
    m.emplace_back("conference_kms_requests", std::to_string(uaMessages / 2));
    m.emplace_back("conference_attendee_decrypted", std::to_string(attendeeDecrypted));
    m.emplace_back("conference_server_decrypted", std::to_string(serverDecrypted));
}

void
ImsScenario::AddTranscoderMetrics(Metrics& m) const
{
    uint64_t converted = 0;
    for (const auto& [callId, records] : m_collector.GetCalls())
    {
        const CallView view = ViewOf(records);
        for (const auto* record : {view.caller, view.callee})
        {
            converted += record ? record->mediaReceivedConverted : 0;
        }
    }
    const auto transcoder = m_network->GetTranscoder();
    const TranscoderApplication::Counters none;
    const auto& t = transcoder ? transcoder->GetCounters() : none;
    m.emplace_back("transcoder_keys", std::to_string(t.keys));
    m.emplace_back("transcoder_refusals", std::to_string(t.refusals));
    m.emplace_back("transcoded_packets", std::to_string(t.transcoded));
    m.emplace_back("transcoder_relayed_packets", std::to_string(t.relayed));
    m.emplace_back("media_received_converted", std::to_string(converted));
}

void
ImsScenario::AddGbaMetrics(Metrics& m) const
{
    uint64_t bootstraps = 0;
    uint64_t failures = 0;
    for (uint32_t i = 0; i < m_network->GetUeCount(); ++i)
    {
        if (const auto* agent = m_network->GetUe(i)->GetGbaAgent())
        {
            bootstraps += agent->GetBootstraps();
            failures += agent->GetFailures();
        }
    }
    const auto kms = m_network->GetKms();
    const ZnClient* zn = kms ? kms->GetZnClient() : nullptr;
    m.emplace_back("gba_bootstraps", std::to_string(bootstraps));
    m.emplace_back("gba_failures", std::to_string(failures));
    m.emplace_back("zn_requests", std::to_string(zn ? zn->GetZnRequests() : 0));
    m.emplace_back("zn_cache_hits", std::to_string(zn ? zn->GetCacheHits() : 0));
}

void
ImsScenario::AddKmsFailoverMetrics(Metrics& m) const
{
    const double failS = m_parameters.GetReal("kms.primary_fail_s");
    const Time fail = Ms(failS * 1000);
    uint64_t after = 0;
    uint64_t completedAfter = 0;
    uint64_t unreachable = 0;
    std::vector<int64_t> stalledSetup;
    for (const auto& [callId, records] : m_collector.GetCalls())
    {
        const CallView view = ViewOf(records);
        if (view.caller == nullptr)
        {
            continue;
        }
        const UeCallRecord& a = *view.caller;
        const bool afterFailure = failS >= 0 && a.inviteTime >= fail;
        after += afterFailure;
        completedAfter += afterFailure && IsCompleted(view);
        bool stalled = a.kmsStalls > 0;
        bool kmsUnreachable = a.outcome == "kms-unreachable";
        if (view.callee != nullptr)
        {
            stalled = stalled || view.callee->kmsStalls > 0;
            kmsUnreachable = kmsUnreachable || view.callee->outcome == "kms-unreachable";
        }
        unreachable += kmsUnreachable;
        if (stalled && a.answerTime > a.inviteTime)
        {
            stalledSetup.push_back((a.answerTime - a.inviteTime).GetNanoSeconds());
        }
    }
    uint64_t failovers = 0;
    for (uint32_t i = 0; i < m_network->GetUeCount(); ++i)
    {
        failovers += m_network->GetUe(i)->UsesKmsReplica();
    }
    const auto replica = m_network->GetKmsReplica();
    m.emplace_back("kms_failovers", std::to_string(failovers));
    m.emplace_back("kms_replica_requests",
                   std::to_string(replica ? replica->GetProcessingQueue().Jobs() : 0));
    m.emplace_back("calls_after_kms_failure", std::to_string(after));
    m.emplace_back("calls_completed_after_kms_failure", std::to_string(completedAfter));
    m.emplace_back("calls_kms_unreachable", std::to_string(unreachable));
    m.emplace_back("failover_setup_delay_p50_ms", NsToMs(Quantile(stalledSetup, 0.5)));
    m.emplace_back("failover_setup_delay_max_ms", NsToMs(Quantile(stalledSetup, 1.0)));
}

void
ImsScenario::AddDeferredDeliveryMetrics(Metrics& m) const
{
    uint64_t deferredCalls = 0;
    for (const auto& [callId, records] : m_collector.GetCalls())
    {
        const CallView view = ViewOf(records);
        deferredCalls += view.caller && view.caller->deferred;
    }
    uint64_t storedMessages = 0;
    uint64_t storedPackets = 0;
    if (const auto server = m_network->GetVoiceMail())
    {
        for (const auto& [mailbox, messages] : server->GetMailboxes())
        {
            storedMessages += messages.size();
            for (const auto& message : messages)
            {
                storedPackets += message.mediaPackets.size();
            }
        }
    }
    uint64_t played = 0;
    uint64_t playedPackets = 0;
    uint64_t refused = 0;
    uint64_t mailboxFailed = 0;
    for (const auto& message : m_collector.GetRetrievedMessages())
    {
        played += message.outcome == "played";
        playedPackets += message.played;
        refused += message.outcome == "resolve-refused";
        mailboxFailed += message.outcome == "mailbox-failed";
    }
    m.emplace_back("calls_deferred", std::to_string(deferredCalls));
    m.emplace_back("vm_messages_stored", std::to_string(storedMessages));
    m.emplace_back("vm_packets_stored", std::to_string(storedPackets));
    m.emplace_back("vm_messages_played", std::to_string(played));
    m.emplace_back("vm_packets_played", std::to_string(playedPackets));
    m.emplace_back("vm_resolve_refused", std::to_string(refused));
    m.emplace_back("vm_mailbox_failed", std::to_string(mailboxFailed));
}

Metrics
RunImsScenario(const ParameterSet& parameters, const mediasec::scenario::RunContext& context)
{
    ImsScenario scenario(parameters);
    scenario.Run(parameters.GetBool("output.pcap") ? context.runDir + "/pcap" : "");
    if (parameters.GetBool("output.calls_csv"))
    {
        std::ofstream out(context.runDir + "/calls.csv");
        scenario.Collector().WriteCallsCsv(out);
    }
    if (parameters.GetBool("output.keylog"))
    {
        std::ofstream out(context.runDir + "/srtp-keys.log");
        scenario.Collector().WriteKeyLog(out);
    }
    Metrics metrics = scenario.Summarize();
    Simulator::Destroy();
    return metrics;
}

} // namespace ims
} // namespace ns3
