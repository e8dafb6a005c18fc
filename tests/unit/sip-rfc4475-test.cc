// RFC 4475 "SIP Torture Test Messages" through ParseSipMessage: every valid message of 3.1.1
// parses (and survives format + reparse), every invalid message of 3.1.2 gives its typed error
// or is listed as accepted with the reason, and the messages of 3.2-3.4 meet their parser-level
// expectation. The files are the exact bytes of the RFC's Appendix A archive.
#include "protocol/sip/sdp.h"
#include "protocol/sip/sip-header-values.h"
#include "protocol/sip/sip-message.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <system_error>

namespace mediasec
{
namespace sip
{
namespace
{

namespace fs = std::filesystem;

/** Torture messages of RFC 4475 Appendix A, decoded from the RFC's archive. */
const fs::path kTortureDir = fs::path(MEDIASEC_TEST_DATA) / "rfc4475";

std::string
ReadFile(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::set<std::string>
NamesIn(const std::string& folder)
{
    std::set<std::string> names;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(kTortureDir / folder, error))
    {
        if (entry.path().extension() == ".sip")
        {
            names.insert(entry.path().stem().string());
        }
    }
    return names;
}

SipMessage
ParseTorture(const std::string& folder, const std::string& name)
{
    const std::string text = ReadFile(kTortureDir / folder / (name + ".sip"));
    auto parsed = ParseSipMessage(text);
    EXPECT_TRUE(parsed.IsOk()) << name << ": " << parsed.GetError().ToString();
    return parsed.IsOk() ? parsed.Value() : SipMessage::MakeRequest("", "");
}

/** \brief What the parser must do with a message: accept it, or fail with this code. */
struct Expectation
{
    std::optional<Errc> error; //!< nullopt = accepted
    const char* why;           //!< the RFC's point, or why our subset accepts it
};

const std::map<std::string, Expectation> kInvalidExpectations = {
    {"badinv01", {Errc::Malformed, "Via ';;,;,,': empty parameters and list entries"}},
    {"clerr", {Errc::BadLength, "Content-Length 9999 larger than the datagram's body"}},
    {"ncl", {Errc::Malformed, "Content-Length -999 is not a decimal"}},
    {"scalar02", {Errc::OutOfRange, "CSeq 36893488147419103232 > 2^32-1"}},
    {"scalarlg", {Errc::OutOfRange, "CSeq 9292394834772304023312 > 2^32-1"}},
    {"quotbal", {Errc::Malformed, "unterminated quoted display name in To"}},
    {"ltgtruri", {Errc::Malformed, "Request-URI enclosed in <>"}},
    {"lwsruri", {Errc::Malformed, "LWS inside the Request-URI"}},
    {"lwsstart", {Errc::Malformed, "two SP between Request-Line elements"}},
    {"trws", {Errc::Malformed, "SP after SIP-Version"}},
    {"escruri", {Errc::Malformed, "escaped headers in the Request-URI"}},
    {"baddate",
     {std::nullopt, "accepted by our subset because the Date header is never interpreted, so "
                    "its non-GMT time zone is not checked (RFC 4475 allows ignoring it)"}},
    {"regbadct", {Errc::Malformed, "Contact URI with '?' headers not enclosed in <>"}},
    {"badaspec", {Errc::Malformed, "spaces inside <> of the To addr-spec"}},
    {"baddn", {Errc::Malformed, "unquoted display name with ',' (non-token)"}},
    {"badvers", {Errc::Unsupported, "SIP/7.0"}},
    {"mismatch01", {Errc::Malformed, "CSeq method INVITE on an OPTIONS request"}},
    {"mismatch02", {Errc::Malformed, "CSeq method INVITE on a NEWMETHOD request"}},
    {"bigcode", {Errc::OutOfRange, "status code 4294967301"}},
};

const std::map<std::string, Expectation> kSemanticExpectations = {
    {"badbranch", {std::nullopt, "3.2.1: bare z9hG4bK branch is left to the transaction layer"}},
    {"insuf", {Errc::MissingField, "3.3.1: no Call-ID, From or To"}},
    {"unkscm", {std::nullopt, "3.3.2: unknown Request-URI scheme is the application's call"}},
    {"novelsc", {std::nullopt, "3.3.3: soap.beep: is a syntactically valid scheme"}},
    {"unksm2", {std::nullopt, "3.3.4: non-SIP URIs in To, From and Contact are valid"}},
    {"bext01", {std::nullopt, "3.3.5: Require / Proxy-Require are the application's call"}},
    {"invut", {std::nullopt, "3.3.6: unknown Content-Type is the application's call"}},
    {"regaut01", {std::nullopt, "3.3.7: unknown Authorization scheme is not interpreted"}},
    {"multi01", {Errc::Malformed, "3.3.8: two From, To, Call-ID and CSeq"}},
    {"mcl01", {Errc::Malformed, "3.3.9: two Content-Length"}},
    {"bcast", {std::nullopt, "3.3.10: broadcast Via is syntactically valid"}},
    {"zeromf", {std::nullopt, "3.3.11: Max-Forwards 0 parses; the proxy answers 483"}},
    {"cparam01", {std::nullopt, "3.3.12: Contact header parameter in addr-spec form"}},
    {"cparam02", {std::nullopt, "3.3.13: Contact url-parameter inside <>"}},
    {"regescrt", {std::nullopt, "3.3.14: escaped headers are allowed in a <> Contact URI"}},
    {"sdp01", {std::nullopt, "3.3.15: unacceptable Accept is the application's call"}},
    {"inv2543", {std::nullopt, "3.4.1: RFC 2543 syntax (no branch, no Max-Forwards)"}},
};

void
ExpectAsListed(const std::string& folder, const std::map<std::string, Expectation>& table)
{
    const std::set<std::string> names = NamesIn(folder);
    ASSERT_EQ(names.size(), table.size()) << "every " << folder << " file needs an expectation";
    for (const std::string& name : names)
    {
        auto it = table.find(name);
        ASSERT_NE(it, table.end()) << name << " has no expectation";
        auto parsed = ParseSipMessage(ReadFile(kTortureDir / folder / (name + ".sip")));
        if (it->second.error)
        {
            ASSERT_FALSE(parsed.IsOk()) << name << " accepted, expected: " << it->second.why;
            EXPECT_EQ(parsed.GetError().code, *it->second.error)
                << name << ": " << parsed.GetError().ToString() << " (" << it->second.why << ")";
            EXPECT_FALSE(parsed.GetError().detail.empty()) << name;
        }
        else
        {
            EXPECT_TRUE(parsed.IsOk())
                << name << " (" << it->second.why << "): " << parsed.GetError().ToString();
        }
    }
}

TEST(SipRfc4475, GivenEveryValidTortureMessage_WhenParsed_ThenItIsAcceptedAndRoundTrips)
{
    const std::set<std::string> names = NamesIn("valid");
    EXPECT_EQ(names.size(), 13u) << "RFC 4475 3.1.1 has 13 messages";
    for (const std::string& name : names)
    {
        SipMessage message = ParseTorture("valid", name);
        auto again = ParseSipMessage(message.Format());
        ASSERT_TRUE(again.IsOk()) << name << ": " << again.GetError().ToString();
        EXPECT_TRUE(again.Value() == message) << name << " changed in format + reparse";
    }
}

TEST(SipRfc4475, GivenValidTortureMessagesWithSdp_WhenBodiesParsed_ThenEachIsValidSdp)
{
    for (const std::string& name : NamesIn("valid"))
    {
        SipMessage message = ParseTorture("valid", name);
        if (message.GetHeader("c").value_or("") != "application/sdp")
        {
            continue;
        }
        auto sdp = ParseSdp(message.Body());
        EXPECT_TRUE(sdp.IsOk()) << name << ": " << sdp.GetError().ToString();
    }
}

TEST(SipRfc4475, GivenEveryInvalidTortureMessage_WhenParsed_ThenTypedErrorOrDocumentedAcceptance)
{
    ExpectAsListed("invalid", kInvalidExpectations);
}

TEST(SipRfc4475, GivenSemanticTortureMessages_WhenParsed_ThenParserLevelExpectationHolds)
{
    ExpectAsListed("semantics", kSemanticExpectations);
}

TEST(SipRfc4475, GivenWsinv_WhenParsed_ThenFoldedCompactAndMixedCaseHeadersAreUnderstood)
{
    SipMessage m = ParseTorture("valid", "wsinv");
    EXPECT_EQ(m.Method(), "INVITE");
    EXPECT_EQ(m.RequestUri(), "sip:vivekg@chair-dnrc.example.com;unknownparam");
    EXPECT_EQ(m.GetHeader("Max-Forwards"), "0068");
    EXPECT_EQ(m.GetHeader("Subject"), "");
    EXPECT_EQ(m.GetHeader("NewFangledHeader"), "newfangled value continued newfangled value");
    EXPECT_EQ(m.GetHeader("UnknownHeaderWithUnusualValue"), ";;,,;;,;");
    auto cseq = ParseCSeq(*m.GetHeader("CSeq"));
    ASSERT_TRUE(cseq.IsOk());
    EXPECT_EQ(cseq.Value().number, 9u);
    EXPECT_EQ(cseq.Value().method, "INVITE");
    const auto vias = m.GetHeaders("Via");
    ASSERT_EQ(vias.size(), 3u);
    const char* hosts[] = {"192.0.2.2", "spindle.example.com", "192.168.255.111"};
    const char* branches[] = {"390skdjuw", "z9hG4bK9ikj8", "z9hG4bK30239"};
    const char* transports[] = {"UDP", "TCP", "UDP"};
    for (size_t i = 0; i < 3; ++i)
    {
        auto via = ParseVia(vias[i]);
        ASSERT_TRUE(via.IsOk()) << vias[i];
        EXPECT_EQ(via.Value().host, hosts[i]);
        EXPECT_EQ(via.Value().branch, branches[i]);
        EXPECT_EQ(via.Value().transport, transports[i]);
        EXPECT_EQ(via.Value().port, 5060);
    }
    auto to = ParseNameAddr(*m.GetHeader("t"));
    ASSERT_TRUE(to.IsOk());
    EXPECT_EQ(to.Value().uri, "sip:vivekg@chair-dnrc.example.com");
    EXPECT_EQ(to.Value().params.at("tag"), "1918181833n");
    auto from = ParseNameAddr(*m.GetHeader("From"));
    ASSERT_TRUE(from.IsOk());
    EXPECT_EQ(from.Value().displayName, "J Rosenberg \\\"");
    EXPECT_EQ(from.Value().params.at("tag"), "98asjd8");
    auto contact = ParseNameAddr(*m.GetHeader("Contact"));
    ASSERT_TRUE(contact.IsOk());
    EXPECT_EQ(contact.Value().displayName, "Quoted string \"\"");
    EXPECT_EQ(contact.Value().params.at("newparam"), "newvalue");
    EXPECT_EQ(contact.Value().params.at("secondparam"), "");
    EXPECT_EQ(contact.Value().params.at("q"), "0.33");
    EXPECT_EQ(m.Body().size(), 150u);
}

TEST(SipRfc4475, GivenIntmeth_WhenParsed_ThenTokenMethodQuotedNulAndUtf8ParamAreKept)
{
    SipMessage m = ParseTorture("valid", "intmeth");
    EXPECT_EQ(m.Method(), "!interesting-Method0123456789_*+`.%indeed'~");
    auto to = ParseNameAddr(*m.GetHeader("To"));
    ASSERT_TRUE(to.IsOk());
    EXPECT_EQ(to.Value().displayName, std::string("BEL:\x07 NUL:\0 DEL:\x7f", 17));
    auto from = ParseNameAddr(*m.GetHeader("From"));
    ASSERT_TRUE(from.IsOk());
    EXPECT_EQ(from.Value().displayName, "token1~` token2'+_ token3*%!.-");
    EXPECT_EQ(from.Value().params.at("tag"), "_token~1'+`*%!-.");
    EXPECT_EQ(from.Value().params.at("fromparam''~+*_!.-%").size(), 2u + 20u);
    auto uri = ParseSipUri(m.RequestUri());
    ASSERT_TRUE(uri.IsOk());
    EXPECT_EQ(uri.Value().user, "1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*");
    EXPECT_EQ(uri.Value().password, "&it+has=1,weird!*pas$wo~d_too.(doesn't-it)");
    EXPECT_EQ(uri.Value().host, "example.com");
}

TEST(SipRfc4475, GivenDblreq_WhenParsed_ThenTrailingInviteOctetsAreDropped)
{
    SipMessage m = ParseTorture("valid", "dblreq");
    EXPECT_EQ(m.Method(), "REGISTER");
    EXPECT_TRUE(m.Body().empty());
    EXPECT_EQ(m.Format().find("INVITE"), std::string::npos);
}

TEST(SipRfc4475, GivenMpart01_WhenParsed_ThenBinaryBodyWithNulsIsFramedByContentLength)
{
    SipMessage m = ParseTorture("valid", "mpart01");
    ASSERT_EQ(m.Body().size(), 553u);
    EXPECT_NE(m.Body().find('\0'), std::string::npos);
    EXPECT_EQ(m.Body().substr(m.Body().size() - 22), "--7a9cbec02ceef655--\r\n");
}

TEST(SipRfc4475, GivenUnreasonAndNoreason_WhenParsed_ThenReasonPhrasesAreKeptVerbatim)
{
    SipMessage unusual = ParseTorture("valid", "unreason");
    EXPECT_EQ(unusual.StatusCode(), 200);
    EXPECT_EQ(unusual.ReasonPhrase().substr(0, 14), "= 2**3 * 5**2 ");
    EXPECT_EQ(static_cast<unsigned char>(unusual.ReasonPhrase()[14]), 0xd0);
    SipMessage empty = ParseTorture("valid", "noreason");
    EXPECT_EQ(empty.StatusCode(), 100);
    EXPECT_EQ(empty.ReasonPhrase(), "");
}

TEST(SipRfc4475, GivenEscapingMessages_WhenParsed_ThenPercentIsOnlyAnEscapeInsideUris)
{
    SipMessage esc02 = ParseTorture("valid", "esc02");
    EXPECT_EQ(esc02.Method(), "RE%47IST%45R");
    EXPECT_EQ(esc02.GetHeaders("Contact").size(), 2u) << "C%6Fntact is another header";
    EXPECT_EQ(esc02.GetHeader("C%6Fntact"), "<sip:alias2@host2.example.com>");
    SipMessage escnull = ParseTorture("valid", "escnull");
    auto to = ParseNameAddr(*escnull.GetHeader("To"));
    ASSERT_TRUE(to.IsOk());
    auto uri = ParseSipUri(to.Value().uri);
    ASSERT_TRUE(uri.IsOk());
    EXPECT_EQ(uri.Value().user, "null-%00-null");
    SipMessage esc01 = ParseTorture("valid", "esc01");
    auto contact = ParseNameAddr(*esc01.GetHeader("m"));
    ASSERT_TRUE(contact.IsOk());
    auto contactUri = ParseSipUri(contact.Value().uri);
    ASSERT_TRUE(contactUri.IsOk());
    EXPECT_EQ(contactUri.Value().params.at("n%61me"), "v%61lue%25%34%31");
    EXPECT_EQ(contactUri.Value().params.count("%6c%72"), 1u);
}

TEST(SipRfc4475, GivenLongreq_WhenParsed_ThenAllViasAndLongValuesAreKept)
{
    SipMessage m = ParseTorture("valid", "longreq");
    const auto vias = m.GetHeaders("v");
    ASSERT_EQ(vias.size(), 34u);
    auto last = ParseVia(vias.back());
    ASSERT_TRUE(last.IsOk());
    EXPECT_EQ(last.Value().params.at("received"), "192.0.2.5");
    EXPECT_EQ(last.Value().branch.size(), 4u + 50u * 4u + 11u);
    auto from = ParseNameAddr(*m.GetHeader("From"));
    ASSERT_TRUE(from.IsOk());
    EXPECT_EQ(from.Value().params.at("tag").size(), 2u + 150u + 3u);
}

} // namespace
} // namespace sip
} // namespace mediasec
