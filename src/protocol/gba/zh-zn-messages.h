/**
 * \file
 * The simulated Zh (BSF - HSS) and Zn (NAF - BSF) exchanges of GBA (TS 33.220 4.4.3, 4.5.2,
 * 4.5.3). The real interfaces are Diameter (TS 29.109: Multimedia-Auth and Bootstrapping-Info
 * requests); here each request is an HTTP POST whose body is a FieldLines list standing in for
 * the AVPs, and a refusal carries the Diameter Result-Code (doc/gba-in-simulation.md).
 */
#ifndef MEDIASEC_GBA_ZH_ZN_MESSAGES_H
#define MEDIASEC_GBA_ZH_ZN_MESSAGES_H

#include "aka.h"
#include "protocol/common/bytes.h"
#include "protocol/common/result.h"
#include "ub-bootstrapping.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mediasec
{
namespace gba
{

constexpr const char* kZhTarget = "/zh";                                   //!< Zh request target
constexpr const char* kZnTarget = "/zn";                                   //!< Zn request target
constexpr const char* kZxContentType = "text/vnd.ims-mediasec.gba-fields"; //!< body type
constexpr size_t kMaxPublicIdentities = 64; //!< most IMPUs in one USS

/** \brief Diameter Result-Codes of a refusal (RFC 6733, TS 29.109 6.3.1). */
enum class ZxResultCode : uint32_t
{
    UnableToComply = 5012,       //!< DIAMETER_UNABLE_TO_COMPLY: a bad request or internal error
    ImpiUnknown = 5401,          //!< DIAMETER_ERROR_IMPI_UNKNOWN (Zh)
    NotAuthorized = 5402,        //!< DIAMETER_ERROR_NOT_AUTHORIZED (Zn: NAF not allowed)
    TransactionIdInvalid = 5403, //!< DIAMETER_ERROR_TRANSACTION_IDENTIFIER_INVALID (Zn)
};

/**
 * \brief The Zh answer: one authentication vector and the user's GBA user security settings,
 * reduced to the single USS of IMS media plane security: the subscriber's public identities.
 */
struct ZhAnswer
{
    AuthVector vector;              //!< RAND, AUTN, XRES, CK, IK
    std::vector<std::string> impus; //!< the USS identities (IMPUs), 1..kMaxPublicIdentities
};

/** \brief The Zn request of a NAF: the B-TID it got on Ua and its own NAF_Id. */
struct ZnRequest
{
    std::string btid;    //!< B-TID presented by the UE
    std::string nafFqdn; //!< the NAF's FQDN (first part of NAF_Id)
    Bytes uaProtocolId;  //!< the Ua security protocol id (5 bytes, second part of NAF_Id)
};

/** \brief The Zn answer: Ks_NAF, its expiry and the user's USS. */
struct ZnAnswer
{
    std::string impi;               //!< the subscriber's IMPI
    Bytes ksNaf;                    //!< Ks_(ext)_NAF (32 bytes)
    int64_t expiryUnixSeconds = 0;  //!< key lifetime end (Unix seconds)
    std::vector<std::string> impus; //!< the USS identities (IMPUs)
};

/** \brief A refusal on Zh or Zn. */
struct ZxFailure
{
    ZxResultCode code = ZxResultCode::UnableToComply; //!< Diameter Result-Code
    std::string message;                              //!< Error-Message (printable ASCII)
};

/** \return the Zh request body: Impi, and Resync-Rand and Auts (hex) when re-synchronising */
Result<std::string> FormatZhRequest(const AvRequest& request);
/**
 * \return the request; the FieldLines errors; Unsupported for an unknown field; MissingField
 * for Impi; BadLength for a RAND or AUTS of the wrong size; MissingField when only one of
 * Resync-Rand and Auts is present
 */
Result<AvRequest> ParseZhRequest(std::string_view body);

/** \return the Zh answer body, or Malformed/OutOfRange for unencodable identities */
Result<std::string> FormatZhAnswer(const ZhAnswer& answer);
/** \return the answer; the FieldLines errors; BadLength for a wrong-size vector field; OutOfRange
 * for no or too many Public-Identity fields */
Result<ZhAnswer> ParseZhAnswer(std::string_view body);

/** \return the Zn request body, or Malformed/BadLength for unencodable fields */
Result<std::string> FormatZnRequest(const ZnRequest& request);
/** \return the request; the FieldLines errors; MissingField; BadLength for the Ua id */
Result<ZnRequest> ParseZnRequest(std::string_view body);

/** \return the Zn answer body, or Malformed/OutOfRange for unencodable fields */
Result<std::string> FormatZnAnswer(const ZnAnswer& answer);
/** \return the answer; the FieldLines errors; BadLength for Ks_NAF; Malformed for the expiry;
 * OutOfRange for no or too many Public-Identity fields */
Result<ZnAnswer> ParseZnAnswer(std::string_view body);

/** \return the refusal body: Result-Code and Error-Message */
Result<std::string> FormatZxFailure(const ZxFailure& failure);
/** \return the refusal; the FieldLines errors; Unsupported for an unknown Result-Code */
Result<ZxFailure> ParseZxFailure(std::string_view body);

/** \return the HTTP status that carries \p code (404 unknown, 403 not authorized, else 400) */
int ZxHttpStatus(ZxResultCode code);

/**
 * \return the typed error a client reports for a refusal: MissingField for an unknown IMPI,
 * AuthFailed for an unauthorized NAF or an unknown or expired B-TID, Unsupported otherwise; the
 * detail names the Result-Code and carries the Error-Message
 */
Error ZxFailureError(const ZxFailure& failure);

} // namespace gba
} // namespace mediasec

#endif
