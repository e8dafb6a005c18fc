/**
 * \file
 * A bounds-checked cursor over the H.248.1 text encoding (RFC 3525 Annex B.2 ABNF): LWSP with
 * comments, symbols with surrounding LWSP, NAME tokens, UINT values, TerminationIDs, the
 * octetString of Local/Remote descriptors and quotedString.
 */
#ifndef MEDIASEC_H248_TEXT_READER_H
#define MEDIASEC_H248_TEXT_READER_H

#include "protocol/common/result.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace mediasec
{
namespace iq
{

/** \brief A text token with its long and short form (RFC 3525 B.2, e.g. "Add" / "A"). */
struct H248Token
{
    std::string_view longForm;  //!< e.g. "Transaction"
    std::string_view shortForm; //!< e.g. "T"
};

/** \return true when \p word is either form of \p token, ignoring ASCII case (tokens are). */
bool TokenIs(std::string_view word, const H248Token& token);

/**
 * \brief Reads H.248 text from a string without ever reading past its end.
 *
 * Every failing read returns Truncated when the input ended and Malformed otherwise; the detail
 * names \c what was expected. Reads do not skip LWSP unless their name says "Symbol".
 */
class H248TextReader
{
  public:
    /** \brief Starts at the beginning of \p text (which must outlive the reader). */
    explicit H248TextReader(std::string_view text);

    /** \brief Skips LWSP = *(WSP / COMMENT / EOL); a COMMENT runs from ";" to the line end. */
    void SkipLwsp();

    /** \return true when nothing but LWSP is left. */
    bool AtEnd();

    /** \return true and consumes LWSP \p c LWSP when \p c is next after LWSP. */
    bool AcceptSymbol(char c);

    /** \brief Consumes LWSP \p c LWSP (EQUAL, LBRKT, RBRKT, COMMA). */
    Status ExpectSymbol(char c, const std::string& what);

    /** \return true and consumes \p c when it is the very next character. */
    bool AcceptChar(char c);

    /** \brief Consumes \p c, which must be the very next character (SLASH, COLON, LBRKT). */
    Status ExpectChar(char c, const std::string& what);

    /** \return true when a separator (WSP, EOL or ";") follows; SEP is then skipped as LWSP. */
    Status ExpectSep(const std::string& what);

    /**
     * \return a NAME-like word, ALPHA *(ALPHA / DIGIT / "_"), at the cursor. Like ReadUint and
     * ReadTerminationId it fails with Truncated when the word runs to the end of the input, as
     * no H.248 message ends in one.
     */
    Result<std::string_view> ReadName(const std::string& what);

    /** \return the (possibly empty) run of NAME characters at the cursor, not consumed. */
    std::string_view PeekName() const;

    /**
     * \return the decimal number at the cursor; OutOfRange when it has more than \p maxDigits
     * digits or exceeds \p max.
     */
    Result<uint32_t> ReadUint(const std::string& what, size_t maxDigits, uint32_t max);

    /**
     * \return a TerminationID: "$", "*" or a pathNAME (RFC 3525 B.2: ["*"] NAME
     * *("/" / "*" / ALPHA / DIGIT / "_" / "$") ["@" pathDomainName], at most 64 characters).
     */
    Result<std::string_view> ReadTerminationId(const std::string& what);

    /** \return an mId: domainAddress "[...]" or domainName "<...>", with optional ":" port. */
    Result<std::string_view> ReadMid();

    /**
     * \return the octetString up to the next unescaped "}", which is consumed; "\}" stands for
     * "}". The octet zero is Malformed.
     */
    Result<std::string> ReadOctetString(const std::string& what);

    /** \return the text between double quotes; control characters other than WSP/EOL fail. */
    Result<std::string> ReadQuotedString(const std::string& what);

  private:
    /** \return Truncated at the end of input, otherwise Malformed, naming \p what. */
    Error Fail(const std::string& what) const;

    std::string_view m_text; //!< the whole input
    size_t m_pos = 0;        //!< next unread character
};

} // namespace iq
} // namespace mediasec

#endif
