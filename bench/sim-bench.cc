// sim-bench: M3 of PERF.md (sim_packet_efficiency) and M2 (media_srtp_sim_share).
//
// In one process, interleaved rounds of:
//  - baseline: a bare ns-3 chain of 5 nodes (4 point-to-point hops, as UE-AR-CORE-AR-UE),
//    UdpClient -> UdpServer flows of 172-byte payloads every 20 ms, one flow per direction
//    of each call;
//  - the `none` scenario with the same number of calls, all between UE 0 and UE 1, so the media
//    path is the same 4-hop chain (UE-AR-CORE-AR-UE; media only counted);
//  - the `sdes-e2e` and `sdes-e2ae` scenarios (same calls; e2ae adds the IMS-AGW hops).
// Prints per-round figures and the median ratio (min..max) of delivered media packets per
// wall second, scenario / baseline. Absolute numbers are noisy (shared machine).
#include "bench-stats.h"

#include "scenario/ims-scenario.h"

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

struct Measure
{
    uint64_t packets; //!< media packets delivered
    double wallSeconds; //!< wall time of Simulator::Run
};

Measure
RunBareChain(uint32_t flows, double seconds)
{
    NodeContainer n;
    n.Create(5);
    InternetStackHelper stack;
    stack.Install(n);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("10Gbps"));
    p2p.SetChannelAttribute("Delay", StringValue("2ms"));
    Ipv4AddressHelper addresses;
    Ipv4InterfaceContainer last;
    for (uint32_t i = 0; i + 1 < 5; ++i)
    {
        NetDeviceContainer d = p2p.Install(n.Get(i), n.Get(i + 1));
        addresses.SetBase(Ipv4Address((10u << 24) + (i << 8)), "255.255.255.0");
        last = addresses.Assign(d);
    }
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    // One server socket, as the UE model has one media socket.
    UdpServerHelper server(9);
    auto serverApp = DynamicCast<UdpServer>(server.Install(n.Get(4)).Get(0));
    for (uint32_t f = 0; f < flows; ++f)
    {
        UdpClientHelper client(last.GetAddress(1), 9);
        client.SetAttribute("MaxPackets", UintegerValue(0xffffffff));
        client.SetAttribute("Interval", TimeValue(MilliSeconds(20)));
        client.SetAttribute("PacketSize", UintegerValue(172));
        auto app = client.Install(n.Get(0));
        app.Start(MicroSeconds(1 + f * 20000 / flows));
        app.Stop(Seconds(seconds));
    }
    Simulator::Stop(Seconds(seconds + 1));
    auto t0 = std::chrono::steady_clock::now();
    Simulator::Run();
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const uint64_t received = serverApp->GetReceived();
    Simulator::Destroy();
    return {received, wall};
}

Measure
RunScheme(const std::string& scheme, uint32_t calls, double seconds)
{
    auto p = ims::DefaultImsParameters();
    p.Set("run.scheme", scheme);
    p.Set("topology.ues", "2");
    p.Set("calls.count", std::to_string(calls));
    p.Set("calls.interarrival_ms", std::to_string(20.0 / calls));
    p.Set("calls.hold_s", std::to_string(seconds));
    ims::ImsScenario scenario(p);
    auto t0 = std::chrono::steady_clock::now();
    scenario.Run();
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    uint64_t received = 0;
    for (const auto& [name, value] : scenario.Summarize())
    {
        if (name == "media_received")
        {
            received = std::stoull(value);
        }
    }
    Simulator::Destroy();
    return {received, wall};
}


} // namespace

int
main(int argc, char** argv)
{
    uint32_t calls = 50;
    double seconds = 10;
    uint32_t rounds = 5;
    CommandLine cmd;
    cmd.AddValue("calls", "concurrent two-way calls (2 media flows each)", calls);
    cmd.AddValue("seconds", "media seconds per call", seconds);
    cmd.AddValue("rounds", "interleaved rounds", rounds);
    cmd.Parse(argc, argv);

    const std::vector<std::string> schemes = {"none", "sdes-e2e", "sdes-e2ae"};
    std::vector<std::vector<double>> ratios(schemes.size());
    std::vector<double> srtpShare;
    std::printf("sim-bench: %u calls x %.0f s, %u rounds (absolute figures are noisy)\n", calls,
                seconds, rounds);
    for (uint32_t r = 0; r < rounds; ++r)
    {
        const Measure base = RunBareChain(2 * calls, seconds);
        const double baseRate = base.packets / base.wallSeconds;
        std::printf("round %u: bare-chain %llu pkts %.0f pkts/s", r,
                    static_cast<unsigned long long>(base.packets), baseRate);
        double noneRate = 0;
        for (size_t s = 0; s < schemes.size(); ++s)
        {
            const Measure m = RunScheme(schemes[s], calls, seconds);
            const double rate = m.packets / m.wallSeconds;
            ratios[s].push_back(rate / baseRate);
            if (s == 0)
            {
                noneRate = rate;
            }
            else if (schemes[s] == "sdes-e2e")
            {
                srtpShare.push_back(noneRate / rate); // M2: wall per packet, e2e / none
            }
            std::printf(" | %s %llu pkts %.0f pkts/s", schemes[s].c_str(),
                        static_cast<unsigned long long>(m.packets), rate);
        }
        std::printf("\n");
    }
    for (size_t s = 0; s < schemes.size(); ++s)
    {
        const std::string label = "M3 " + schemes[s] + " / bare chain (pkts per wall s)";
        PrintSummary(label.c_str(), ratios[s], "");
    }
    PrintSummary("M2 sdes-e2e / none (wall time per packet)", srtpShare, "");
    return 0;
}
