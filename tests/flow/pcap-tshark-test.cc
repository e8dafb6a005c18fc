// Cross-check with an independent tool: tshark dissects the pcaps of a run without malformed
// packets or warnings, and reads the same SDES keys from the SDP that the key log holds.
#include "common/run-command.h"
#include "support/temp-dir.h"

#include "protocol/common/base64.h"
#include "scenario/ims-scenario.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <set>
#include <sstream>

namespace ims_test
{
namespace
{

TEST(PcapTshark, GivenARun_WhenTsharkReadsEveryPcap_ThenNoMalformedAndTheKeysMatchTheKeyLog)
{
    if (!test_support::HaveTool("tshark"))
    {
        GTEST_SKIP() << "tshark is not installed (scripts/install-deps.sh installs it)";
    }
    for (const char* scheme : {"sdes-e2e", "sdes-e2ae", "kms-ticket"})
    {
        SCOPED_TRACE(scheme);
        TempDir dir("pcap");
        auto p = ns3::ims::DefaultImsParameters();
        p.Set("run.scheme", scheme);
        p.Set("topology.ues", "2");
        p.Set("calls.count", "1");
        p.Set("calls.hold_s", "1");
        p.Set("output.pcap", "true");
        ns3::ims::RunImsScenario(p, {0, dir.Path().string()});

        // Keys from our key log, as hex (what tshark prints for sdp.crypto.master_key).
        std::set<std::string> loggedKeys;
        std::istringstream log(dir.Read("srtp-keys.log"));
        std::string line;
        while (std::getline(log, line))
        {
            if (line.empty() || line[0] == '#')
            {
                continue;
            }
            const std::string keySalt = line.substr(line.rfind(' ') + 1);
            auto bytes = mediasec::Base64Decode(keySalt);
            ASSERT_TRUE(bytes) << line;
            loggedKeys.insert(
                mediasec::ToHex(mediasec::Bytes(bytes.Value().begin(), bytes.Value().begin() + 16)));
        }
        const std::string name = scheme;
        EXPECT_EQ(loggedKeys.size(), name == "sdes-e2ae" ? 4u : 2u);

        std::set<std::string> dissectedKeys;
        size_t pcaps = 0;
        for (const auto& entry : std::filesystem::directory_iterator(dir.Path()))
        {
            const std::string file = entry.path().string();
            if (entry.path().extension() != ".pcap")
            {
                continue;
            }
            ++pcaps;
            const std::string base = "tshark -r '" + file + "' -d udp.port==2944,megaco ";
            EXPECT_EQ(test_support::RunCommand(base + "-Y '_ws.malformed || _ws.expert.severity >= warning' "
                                     "2>/dev/null"),
                      "")
                << file;
            std::istringstream keys(
                test_support::RunCommand(base + "-Y sdp.crypto.master_key -T fields "
                               "-E occurrence=a -E separator=, -e sdp.crypto.master_key "
                               "2>/dev/null"));
            while (std::getline(keys, line))
            {
                std::istringstream fields(line);
                std::string key;
                while (std::getline(fields, key, ','))
                {
                    dissectedKeys.insert(key);
                }
            }
        }
        // 9 links (2 UEs, 2 sides), one file per link end; kms-ticket adds the KMS link.
        EXPECT_EQ(pcaps, name == "kms-ticket" ? 20u : 18u);
        if (name == "kms-ticket")
        {
            EXPECT_TRUE(dissectedKeys.empty()) << "no SDES key may travel in kms-ticket SDP";
            continue;
        }
        // Every key a UE used was carried in SDP that tshark decoded, byte for byte.
        for (const auto& key : loggedKeys)
        {
            EXPECT_TRUE(dissectedKeys.count(key)) << "key " << key << " not seen by tshark";
        }
    }
}

} // namespace
} // namespace ims_test
