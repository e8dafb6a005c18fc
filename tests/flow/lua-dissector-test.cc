// Cross-check of the project's Wireshark dissector scripts/wireshark/mikey-ticket.lua (RFC 6043)
// with tshark: it decodes every MIKEY-TICKET message of kms-ticket runs (SDP a=key-mgmt and
// HTTP application/mikey) with the ticket the run issued, tshark's built-in MIKEY dissector
// still shows HDR, T and IDR, and damaged messages give an expert item instead of a Lua error.
#include "common/run-command.h"
#include "protocol/common/base64.h"
#include "protocol/common/bytes.h"
#include "protocol/crypto/drbg.h"
#include "protocol/kms/kms-core.h"
#include "protocol/mikey/mikey-message.h"
#include "scenario/ims-scenario.h"
#include "support/temp-dir.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <vector>

namespace ims_test
{
namespace
{

const std::string kScript =
    std::string(MEDIASEC_SOURCE_DIR) + "/scripts/wireshark/mikey-ticket.lua";
const char kKmsUri[] = "sip:kms@ims.test"; // the KMS identity ImsNetworkHelper configures

/**
 * \return tshark's standard output for \p args on \p pcap with the Lua dissector loaded,
 * piped through the shell command \p pipe if given
 */
std::string
Tshark(const std::string& pcap, const std::string& args, const std::string& pipe = "")
{
    return test_support::RunCommand("tshark -X lua_script:'" + kScript + "' -r '" + pcap + "' " +
                                    args + " 2>/dev/null" + (pipe.empty() ? "" : " | " + pipe));
}

/** \return the lines of \p text */
std::vector<std::string>
Lines(const std::string& text)
{
    std::vector<std::string> lines;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line))
    {
        lines.push_back(line);
    }
    return lines;
}

/** \return \p line split at \p separator (empty fields kept) */
std::vector<std::string>
Split(const std::string& line, char separator)
{
    std::vector<std::string> parts;
    std::istringstream in(line);
    std::string part;
    while (std::getline(in, part, separator))
    {
        parts.push_back(part);
    }
    if (!line.empty() && line.back() == separator)
    {
        parts.emplace_back();
    }
    return parts;
}

/** \return the pcaps of a kms-ticket run (2 UEs, one call) with \p overrides, written to \p dir */
std::vector<std::string>
RunKmsTicket(const TempDir& dir, const std::map<std::string, std::string>& overrides)
{
    auto p = ns3::ims::DefaultImsParameters();
    p.Set("run.scheme", "kms-ticket");
    p.Set("topology.ues", "2");
    p.Set("calls.count", "1");
    p.Set("calls.hold_s", "1");
    p.Set("output.pcap", "true");
    for (const auto& [key, value] : overrides)
    {
        p.Set(key, value);
    }
    ns3::ims::RunImsScenario(p, {0, dir.Path().string()});
    std::vector<std::string> pcaps;
    for (const auto& entry : std::filesystem::directory_iterator(dir.Path()))
    {
        if (entry.path().extension() == ".pcap")
        {
            pcaps.push_back(entry.path().string());
        }
    }
    return pcaps;
}

/** \brief What the Lua dissector showed of the MIKEY messages of one run. */
struct Dissected
{
    std::set<std::string> dataTypes;     //!< mikeyticket.data_type of every MIKEY message
    std::set<std::string> ticketTypes;   //!< Ticket type of every TICKET
    std::set<std::string> validities;    //!< TRe - TRs of every ticket policy
    std::set<std::string> kmsGenerated;  //!< D flag of every ticket policy
    std::set<std::string> kmsIdentities; //!< ID data of every IDRkms
    std::set<std::string> pskRoles;      //!< ID types of every IDRpsk
};

/**
 * \brief Reads every pcap of a run with the Lua dissector, checks what holds for every message
 * (decoded, no error, the built-in dissector agrees on HDR and T and shows IDRkms where it
 * precedes the first RFC 6043 payload) and collects the rest.
 */
Dissected
DissectRun(const std::vector<std::string>& pcaps)
{
    Dissected out;
    for (const std::string& pcap : pcaps)
    {
        SCOPED_TRACE(pcap);
        // No dissector reports a problem; a Lua error would be an expert item of severity Error.
        EXPECT_EQ(Tshark(pcap, "-Y '_ws.malformed || _ws.expert.severity >= warning'"), "");
        // Every MIKEY message of the capture, wherever it travels, has a mikeyticket tree.
        const auto rows = Lines(
            Tshark(pcap, "-Y 'mikeyticket || sdp.key_mgmt.kmpid == \"mikey\" || "
                         "http.content_type == \"application/mikey\"' "
                         "-T fields -E occurrence=a -E aggregator=, "
                         "-e mikeyticket.data_type -e mikey.type -e mikey.t.ts_type "
                         "-e mikey.id.role -e mikey.id.data -e mikeyticket.tp.ticket_type "
                         "-e mikeyticket.tp.validity -e mikeyticket.tp.flag_d "
                         "-e mikeyticket.idr.role -e mikeyticket.id.data -e mikeyticket.id.type"));
        for (const std::string& row : rows)
        {
            const auto f = Split(row, '\t');
            EXPECT_EQ(f.size(), 11u) << row;
            if (f.size() != 11u)
            {
                continue;
            }
            EXPECT_FALSE(f[0].empty()) << "a MIKEY message the Lua dissector did not decode";
            for (const auto& value : Split(f[0], ','))
            {
                out.dataTypes.insert(value);
            }
            EXPECT_EQ(f[1], f[0]) << "built-in HDR data type: " << row;
            EXPECT_EQ(f[2], "0") << "built-in T (NTP-UTC): " << row;
            if (f[0] == "13" || f[0] == "18") // REQUEST_RESP, RESOLVE_RESP: HDR, T, IDRkms, ...
            {
                EXPECT_EQ(f[3].substr(0, f[3].find(',')), "3") << "built-in IDRkms: " << row;
                EXPECT_EQ(f[4].substr(0, f[4].find(',')), kKmsUri) << row;
            }
            for (const auto& value : Split(f[5], ','))
            {
                out.ticketTypes.insert(value);
            }
            for (const auto& value : Split(f[6], ','))
            {
                out.validities.insert(value);
            }
            for (const auto& value : Split(f[7], ','))
            {
                out.kmsGenerated.insert(value);
            }
            // Every ID in these messages is an IDR, so roles, data and types line up.
            const auto roles = Split(f[8], ',');
            const auto data = Split(f[9], ',');
            const auto types = Split(f[10], ',');
            EXPECT_EQ(roles.size(), data.size()) << row;
            EXPECT_EQ(roles.size(), types.size()) << row;
            for (size_t i = 0; i < roles.size() && i < data.size() && i < types.size(); ++i)
            {
                if (roles[i] == "3")
                {
                    out.kmsIdentities.insert(data[i]);
                }
                if (roles[i] == "4")
                {
                    out.pskRoles.insert(types[i]);
                }
            }
        }
    }
    return out;
}

TEST(LuaDissector,
     GivenAKmsTicketRun_WhenTsharkReadsItsPcaps_ThenEveryMessageDecodesWithTheIssuedTicket)
{
    if (!test_support::HaveTool("tshark"))
    {
        GTEST_SKIP() << "tshark is not installed (scripts/install-deps.sh installs it)";
    }
    TempDir dir("lua-dissector");
    const Dissected d = DissectRun(RunKmsTicket(dir, {{"kms.ticket_lifetime_s", "1800"}}));
    // REQUEST_INIT_PSK, REQUEST_RESP, TRANSFER_INIT, TRANSFER_RESP, RESOLVE_INIT_PSK,
    // RESOLVE_RESP: all six, each seen on several link ends.
    EXPECT_EQ(d.dataTypes, (std::set<std::string>{"11", "13", "14", "15", "16", "18"}));
    EXPECT_EQ(d.ticketTypes, std::set<std::string>{"2"});
    EXPECT_EQ(d.validities, std::set<std::string>{"1800"}) << "TRe - TRs = kms.ticket_lifetime_s";
    EXPECT_EQ(d.kmsGenerated, std::set<std::string>{"1"});
    EXPECT_EQ(d.kmsIdentities, std::set<std::string>{kKmsUri});
    EXPECT_EQ(d.pskRoles, std::set<std::string>{"2"}) << "IDRpsk is a byte string (B-TID)";
}

TEST(LuaDissector,
     GivenInitiatorMadeTickets_WhenTsharkReadsThePcaps_ThenTheTicketShowsDZeroAndNoRequest)
{
    if (!test_support::HaveTool("tshark"))
    {
        GTEST_SKIP() << "tshark is not installed (scripts/install-deps.sh installs it)";
    }
    TempDir dir("lua-dissector-d0");
    // The UE asks for 3600 s, which the default kms.ticket_lifetime_s (3600) allows.
    const Dissected d = DissectRun(RunKmsTicket(dir, {{"kms.initiator_tickets", "true"}}));
    EXPECT_EQ(d.dataTypes, (std::set<std::string>{"14", "15", "16", "18"}));
    EXPECT_EQ(d.ticketTypes, std::set<std::string>{"2"});
    EXPECT_EQ(d.validities, std::set<std::string>{"3600"});
    EXPECT_EQ(d.kmsGenerated, std::set<std::string>{"0"});
    EXPECT_EQ(d.kmsIdentities, std::set<std::string>{kKmsUri});
}

/** \return hex \p text as bytes, empty if it is not hex */
mediasec::Bytes
HexBytes(const std::string& text)
{
    auto bytes = mediasec::FromHex(text);
    return bytes ? bytes.Value() : mediasec::Bytes{};
}

/** \brief Writes \p messages as one UDP packet each to \p port into \p pcap (od, text2pcap). */
void
WriteUdpPcap(const TempDir& dir, const std::vector<mediasec::Bytes>& messages, uint16_t port,
             const std::string& pcap)
{
    const std::filesystem::path bin = dir.Path() / "messages";
    std::filesystem::create_directories(bin);
    for (size_t i = 0; i < messages.size(); ++i)
    {
        char name[32];
        std::snprintf(name, sizeof(name), "%06zu.bin", i);
        std::ofstream(bin / name, std::ios::binary)
            .write(reinterpret_cast<const char*>(messages[i].data()),
                   static_cast<std::streamsize>(messages[i].size()));
    }
    ASSERT_EQ(test_support::RunCommand("for f in '" + bin.string() +
                                       "'/*.bin; do od -Ax -tx1 -v \"$f\"; done | "
                                       "text2pcap -q -u " +
                                       std::to_string(port) + "," + std::to_string(port) + " - '" +
                                       pcap + "' >/dev/null 2>&1 && echo ok"),
              "ok\n");
    std::filesystem::remove_all(bin);
}

/** \brief Two messages of a kms-ticket run, as captured. */
struct Captured
{
    mediasec::Bytes transferInit; //!< from the SDP of the INVITE
    mediasec::Bytes requestInit;  //!< from the HTTP POST to the KMS
};

/** \return the TRANSFER_INIT and REQUEST_INIT of a kms-ticket run in \p dir, read by tshark */
Captured
CaptureMessages(const TempDir& dir)
{
    Captured out;
    for (const std::string& pcap : RunKmsTicket(dir, {}))
    {
        if (pcap.find("pcap-access-ue0-") == std::string::npos)
        {
            continue;
        }
        const auto sdp = Lines(Tshark(pcap, "-Y 'mikeyticket.data_type == 14' -T fields "
                                            "-e sdp.key_mgmt.data"));
        const auto http = Lines(Tshark(pcap, "-Y 'mikeyticket.data_type == 11' -T fields "
                                             "-e tcp.payload"));
        if (!sdp.empty())
        {
            out.transferInit = HexBytes(sdp.front());
        }
        if (!http.empty())
        {
            // The REQUEST_INIT fits one TCP segment: its body follows the HTTP header.
            const mediasec::Bytes segment = HexBytes(http.front());
            const std::string text(segment.begin(), segment.end());
            const size_t body = text.find("\r\n\r\n");
            if (body != std::string::npos)
            {
                out.requestInit.assign(segment.begin() + body + 4, segment.end());
            }
        }
    }
    return out;
}

TEST(LuaDissector, GivenCutFlippedAndErrorMessages_WhenDissected_ThenExpertItemsAndNoLuaError)
{
    if (!test_support::HaveTool("tshark") || !test_support::HaveTool("text2pcap"))
    {
        GTEST_SKIP() << "tshark or text2pcap is not installed";
    }
    TempDir dir("lua-dissector-bad");
    const Captured captured = CaptureMessages(dir);
    const mediasec::Bytes& transfer = captured.transferInit;
    const mediasec::Bytes& requestInit = captured.requestInit;
    ASSERT_TRUE(mediasec::mikey::ParseMikeyMessage(transfer));
    ASSERT_TRUE(mediasec::mikey::ParseMikeyMessage(requestInit));

    // The project's own Error message: a KMS that knows no B-TID refuses the REQUEST_INIT.
    mediasec::kms::KmsCore kms(
        kKmsUri,
        [](const std::string& btid) -> mediasec::Result<mediasec::kms::KmsUser> {
            return mediasec::MakeError(mediasec::Errc::AuthFailed, "unknown B-TID " + btid);
        },
        mediasec::Drbg::FromSeed(1, "lua-dissector-test"), mediasec::kms::KmsPolicy{});
    const auto refused = kms.HandleRequestInit(requestInit, 1'767'225'601'000'000'000);
    ASSERT_FALSE(refused.IsOk());

    // Packet 1: the Error; then every strict prefix of the TRANSFER_INIT; then the
    // TRANSFER_INIT with each byte inverted in turn.
    std::vector<mediasec::Bytes> messages{refused.message};
    for (size_t n = 1; n < transfer.size(); ++n)
    {
        messages.emplace_back(transfer.begin(), transfer.begin() + n);
    }
    for (size_t i = 0; i < transfer.size(); ++i)
    {
        messages.push_back(transfer);
        messages.back()[i] ^= 0xff;
    }
    const std::string pcap = (dir.Path() / "bad.pcap").string();
    WriteUdpPcap(dir, messages, 2269, pcap); // RFC 3830's MIKEY port

    EXPECT_EQ(Tshark(pcap, "-Y 'frame.number == 1' -T fields -e mikeyticket.data_type "
                           "-e mikeyticket.prf_func -e mikeyticket.cs_id_map_type "
                           "-e mikeyticket.err.no -e mikeyticket.malformed"),
              "6\t1\t1\t0\t\n")
        << "Error message: data type 6, PRF-HMAC-SHA-256, Empty map, ERR Auth failure";
    const size_t cut = transfer.size() - 1;
    EXPECT_EQ(Tshark(pcap, "-Y 'frame.number > 1 && frame.number <= " + std::to_string(1 + cut) +
                               " && !mikeyticket.malformed' -T fields -e frame.number"),
              "")
        << "every cut TRANSFER_INIT is flagged malformed";
    EXPECT_EQ(Lines(Tshark(pcap, "-Y mikeyticket -T fields -e frame.number")).size(),
              messages.size());
    EXPECT_EQ(Tshark(pcap, "-V", "grep -c 'Lua Error'"), "0\n");
}

TEST(LuaDissector, GivenAMediaLevelKeyMgmt_WhenDissected_ThenThePostDissectorDecodesIt)
{
    if (!test_support::HaveTool("tshark") || !test_support::HaveTool("text2pcap"))
    {
        GTEST_SKIP() << "tshark or text2pcap is not installed";
    }
    TempDir dir("lua-dissector-media");
    const mediasec::Bytes transfer = CaptureMessages(dir).transferInit;
    ASSERT_TRUE(mediasec::mikey::ParseMikeyMessage(transfer));
    // tshark 4.0 hands only a session-level a=key-mgmt to its key_mgmt table (RFC 4567 allows
    // both levels); the same TRANSFER_INIT at media level reaches the script's post-dissector.
    const std::string sdp = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\n"
                            "t=0 0\r\nm=audio 49170 RTP/SAVP 0\r\na=key-mgmt:mikey " +
                            mediasec::Base64Encode(transfer) + "\r\n";
    const std::string invite = "INVITE sip:ue1@ims.test SIP/2.0\r\n"
                               "Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1\r\n"
                               "From: <sip:ue0@ims.test>;tag=1\r\nTo: <sip:ue1@ims.test>\r\n"
                               "Call-ID: 1\r\nCSeq: 1 INVITE\r\n"
                               "Content-Type: application/sdp\r\nContent-Length: " +
                               std::to_string(sdp.size()) + "\r\n\r\n" + sdp;
    const std::string pcap = (dir.Path() / "media-level.pcap").string();
    WriteUdpPcap(dir, {mediasec::ToBytes(invite)}, 5060, pcap);
    EXPECT_EQ(Tshark(pcap, "-T fields -e sdp.key_mgmt.kmpid -e mikey.type "
                           "-e mikeyticket.data_type -e mikeyticket.tp.ticket_type"),
              "\t14\t14\t2\n")
        << "no session-level key-mgmt; built-in and Lua dissectors decode the media-level one";
    EXPECT_EQ(Tshark(pcap, "-Y '_ws.malformed || _ws.expert.severity >= warning'"), "");
}

} // namespace
} // namespace ims_test
