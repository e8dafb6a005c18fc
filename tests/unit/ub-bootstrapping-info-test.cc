// The BootstrappingInfo XML of Ub (TS 24.109 Annex C): format/parse round trip, xsd:dateTime
// conversions, and the strict parser's typed refusals (DTD and entity expansion, unknown
// elements, repeated or missing children, size limit).
#include "protocol/gba/ub-bootstrapping-info.h"

#include <gtest/gtest.h>

namespace mediasec
{
namespace gba
{
namespace
{

const char* const kBtid = "I1U8vpY3qJ0hiuZNrke/NQ==@bsf.mnc001.mcc001.pub.3gppnetwork.org";

/** \return the error code of parsing \p xml. */
Errc
ParseError(const std::string& xml)
{
    auto parsed = ParseBootstrappingInfo(xml);
    EXPECT_FALSE(parsed) << xml;
    return parsed ? Errc::InvalidState : parsed.GetError().code;
}

TEST(UbBootstrappingInfo, GivenAnInfo_WhenFormatted_ThenItIsTheOneLineTs24109Document)
{
    auto xml = FormatBootstrappingInfo({kBtid, 1700086400});
    ASSERT_TRUE(xml);
    EXPECT_EQ(xml.Value(), std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                                       "<BootstrappingInfo xmlns=\"uri:3gpp-gba\"><btid>") +
                               kBtid +
                               "</btid><lifetime>2023-11-15T22:13:20Z</lifetime>"
                               "</BootstrappingInfo>");
    auto parsed = ParseBootstrappingInfo(xml.Value());
    ASSERT_TRUE(parsed) << parsed.GetError().ToString();
    EXPECT_EQ(parsed.Value().btid, kBtid);
    EXPECT_EQ(parsed.Value().lifetimeUnixSeconds, 1700086400);
}

TEST(UbBootstrappingInfo, GivenAnIndentedDocumentWithEscapes_WhenParsed_ThenTextIsUnescaped)
{
    auto parsed = ParseBootstrappingInfo(
        "<?xml version='1.0'?>\n<BootstrappingInfo xmlns='uri:3gpp-gba'>\n"
        "  <lifetime>2024-02-29T23:59:59+01:00</lifetime>\n  <btid>a&amp;b&lt;c@d</btid>\n"
        "</BootstrappingInfo >\n");
    ASSERT_TRUE(parsed) << parsed.GetError().ToString();
    EXPECT_EQ(parsed.Value().btid, "a&b<c@d");
    EXPECT_EQ(parsed.Value().lifetimeUnixSeconds, 1709247599);
}

TEST(UbBootstrappingInfo, GivenDateTimes_WhenConverted_ThenKnownEpochValuesResult)
{
    EXPECT_EQ(FormatXsdDateTime(0).Value(), "1970-01-01T00:00:00Z");
    EXPECT_EQ(FormatXsdDateTime(951782400).Value(), "2000-02-29T00:00:00Z");
    EXPECT_EQ(ParseXsdDateTime("2000-02-29T00:00:00.250Z").Value(), 951782400);
    EXPECT_EQ(FormatXsdDateTime(-1).GetError().code, Errc::OutOfRange);
    EXPECT_EQ(ParseXsdDateTime("2001-02-29T00:00:00Z").GetError().code, Errc::Malformed);
    EXPECT_EQ(ParseXsdDateTime("2001-01-01T24:00:00Z").GetError().code, Errc::Malformed);
    EXPECT_EQ(ParseXsdDateTime("2001-01-01T00:00:00").GetError().code, Errc::Malformed);
    EXPECT_EQ(ParseXsdDateTime("2001-01-01T00:00:00+1:00").GetError().code, Errc::Malformed);
}

TEST(UbBootstrappingInfo, GivenDtdsCommentsAndEntities_WhenParsed_ThenUnsupported)
{
    EXPECT_EQ(ParseError("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                         "<!ENTITY lol2 \"&lol;&lol;&lol;\">]><BootstrappingInfo "
                         "xmlns=\"uri:3gpp-gba\"><btid>&lol2;</btid></BootstrappingInfo>"),
              Errc::Unsupported);
    EXPECT_EQ(ParseError("<BootstrappingInfo xmlns=\"uri:3gpp-gba\"><btid>&lol;</btid>"
                         "<lifetime>2024-01-01T00:00:00Z</lifetime></BootstrappingInfo>"),
              Errc::Unsupported);
    EXPECT_EQ(ParseError("<BootstrappingInfo xmlns=\"uri:3gpp-gba\"><btid>&#65;</btid>"
                         "<lifetime>2024-01-01T00:00:00Z</lifetime></BootstrappingInfo>"),
              Errc::Unsupported);
    EXPECT_EQ(ParseError("<BootstrappingInfo xmlns=\"uri:3gpp-gba\"><!-- c --><btid>x</btid>"
                         "<lifetime>2024-01-01T00:00:00Z</lifetime></BootstrappingInfo>"),
              Errc::Unsupported);
    EXPECT_EQ(ParseError("<BootstrappingInfo xmlns=\"uri:3gpp-gba\"><btid><![CDATA[x]]></btid>"
                         "<lifetime>2024-01-01T00:00:00Z</lifetime></BootstrappingInfo>"),
              Errc::Unsupported);
    EXPECT_EQ(ParseError("<BootstrappingInfo xmlns=\"urn:other\"><btid>x</btid>"
                         "<lifetime>2024-01-01T00:00:00Z</lifetime></BootstrappingInfo>"),
              Errc::Unsupported);
    EXPECT_EQ(ParseError("<BootstrappingInfo xmlns=\"uri:3gpp-gba\"><btid>x</btid>"
                         "<lifetime>2024-01-01T00:00:00Z</lifetime><extra/></BootstrappingInfo>"),
              Errc::Unsupported);
    EXPECT_EQ(ParseError("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><BootstrappingInfo/>"),
              Errc::Unsupported);
}

TEST(UbBootstrappingInfo, GivenBrokenOrIncompleteDocuments_WhenParsed_ThenTypedErrors)
{
    const std::string open = "<BootstrappingInfo xmlns=\"uri:3gpp-gba\">";
    const std::string lifetime = "<lifetime>2024-01-01T00:00:00Z</lifetime>";
    EXPECT_EQ(ParseError(open + lifetime + "</BootstrappingInfo>"), Errc::MissingField);
    EXPECT_EQ(ParseError(open + "<btid>x</btid></BootstrappingInfo>"), Errc::MissingField);
    EXPECT_EQ(ParseError(open + "<btid></btid>" + lifetime + "</BootstrappingInfo>"),
              Errc::MissingField);
    EXPECT_EQ(ParseError(open + "<btid>x</btid><btid>y</btid>" + lifetime + "</BootstrappingInfo>"),
              Errc::Malformed);
    EXPECT_EQ(ParseError(open + "<btid>x</bt>" + lifetime + "</BootstrappingInfo>"),
              Errc::Malformed);
    EXPECT_EQ(ParseError(open + "<btid>x</btid>" + lifetime), Errc::Malformed);
    EXPECT_EQ(ParseError(open + "<btid>x</btid>" + lifetime + "</BootstrappingInfo>junk"),
              Errc::Malformed);
    EXPECT_EQ(ParseError(open + "<btid>x</btid><lifetime>tomorrow</lifetime>"
                                "</BootstrappingInfo>"),
              Errc::Malformed);
    EXPECT_EQ(ParseError(open + "text<btid>x</btid>" + lifetime + "</BootstrappingInfo>"),
              Errc::Malformed);
    EXPECT_EQ(ParseError("<BootstrappingInfo xmlns=\"uri:3gpp-gba\" xmlns=\"uri:3gpp-gba\">"),
              Errc::Malformed);
    EXPECT_EQ(ParseError("<Other/>"), Errc::Malformed);
    EXPECT_EQ(ParseError(""), Errc::Malformed);
    EXPECT_EQ(ParseError(open + "<btid>" + std::string(5000, 'a') + "</btid>" + lifetime +
                         "</BootstrappingInfo>"),
              Errc::TooLarge);
}

} // namespace
} // namespace gba
} // namespace mediasec
