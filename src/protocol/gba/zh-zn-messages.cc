#include "zh-zn-messages.h"

#include "field-lines.h"
#include "gba-keys.h"
#include "milenage.h"

#include <charconv>
#include <initializer_list>
#include <utility>

namespace mediasec
{
namespace gba
{

namespace
{

constexpr const char* kImpi = "Impi";                      //!< IMPI (User-Name AVP)
constexpr const char* kResyncRand = "Resync-Rand";         //!< RAND of a re-sync
constexpr const char* kAuts = "Auts";                      //!< AUTS of a re-sync
constexpr const char* kRand = "Rand";                      //!< RAND of the vector
constexpr const char* kAutn = "Autn";                      //!< AUTN of the vector
constexpr const char* kXres = "Xres";                      //!< XRES of the vector
constexpr const char* kCk = "Ck";                          //!< CK of the vector
constexpr const char* kIk = "Ik";                          //!< IK of the vector
constexpr const char* kPublicIdentity = "Public-Identity"; //!< one IMPU of the USS
constexpr const char* kTransactionId = "Transaction-Id";   //!< B-TID
constexpr const char* kNafFqdn = "Naf-Fqdn";               //!< NAF_Id, FQDN part
constexpr const char* kUaProtocolId = "Ua-Protocol-Id";    //!< NAF_Id, Ua id part (hex)
constexpr const char* kKsNaf = "Ks-Naf";                   //!< Ks_NAF (hex)
constexpr const char* kKeyExpiry = "Key-Expiry";           //!< Unix seconds
constexpr const char* kResultCode = "Result-Code";         //!< Diameter Result-Code
constexpr const char* kErrorMessage = "Error-Message";     //!< refusal text

/** \return the body of \p fields after adding every text field of \p texts, or the error */
Result<std::string>
WithTexts(FieldLines fields, std::initializer_list<std::pair<const char*, std::string_view>> texts)
{
    for (const auto& [name, value] : texts)
    {
        auto added = fields.Add(name, value);
        if (!added)
        {
            return added.GetError();
        }
    }
    return fields.Format();
}

/** \return Ok after adding 1..kMaxPublicIdentities Public-Identity fields, or the error */
Status
AddIdentities(FieldLines& fields, const std::vector<std::string>& impus)
{
    if (impus.empty() || impus.size() > kMaxPublicIdentities)
    {
        return MakeError(Errc::OutOfRange, "Public-Identity: not 1..64 identities");
    }
    for (const auto& impu : impus)
    {
        auto added = impu.empty() ? Status(MakeError(Errc::Malformed, "Public-Identity: empty"))
                                  : fields.Add(kPublicIdentity, impu);
        if (!added)
        {
            return added;
        }
    }
    return Ok{};
}

/** \return the 1..kMaxPublicIdentities non-empty Public-Identity values, or OutOfRange/Malformed */
Result<std::vector<std::string>>
TakeIdentities(const FieldLines& fields)
{
    std::vector<std::string> impus = fields.All(kPublicIdentity);
    if (impus.empty() || impus.size() > kMaxPublicIdentities)
    {
        return MakeError(Errc::OutOfRange, "Public-Identity: not 1..64 identities");
    }
    for (const auto& impu : impus)
    {
        if (impu.empty())
        {
            return MakeError(Errc::Malformed, "Public-Identity: empty");
        }
    }
    return impus;
}

/** \return the value of a required field that must not be empty, or MissingField/Malformed */
Result<std::string>
NonEmpty(const FieldLines& fields, const char* name)
{
    auto value = fields.One(name);
    if (value && value.Value().empty())
    {
        return MakeError(Errc::MissingField, std::string(name) + ": empty");
    }
    return value;
}

/** \return the fields of \p body that use only \p known names, or the error */
Result<FieldLines>
ParseKnown(std::string_view body, std::initializer_list<std::string_view> known)
{
    auto fields = FieldLines::Parse(body);
    if (!fields)
    {
        return fields;
    }
    auto checked = fields.Value().OnlyKnown(known);
    if (!checked)
    {
        return checked.GetError();
    }
    return fields;
}

/** \return the decimal value of \p text, or Malformed naming \p name */
Result<int64_t>
ParseDecimal(const std::string& text, const char* name)
{
    int64_t value = 0;
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc() || ptr != end || value < 0)
    {
        return MakeError(Errc::Malformed, std::string(name) + ": not a non-negative decimal");
    }
    return value;
}

} // namespace

Result<std::string>
FormatZhRequest(const AvRequest& request)
{
    if (request.resyncRand.empty() != request.auts.empty())
    {
        return MakeError(Errc::MissingField, "Resync-Rand and Auts: both or neither");
    }
    FieldLines fields;
    auto added = fields.Add(kImpi, request.impi);
    if (!added)
    {
        return added.GetError();
    }
    if (!request.auts.empty())
    {
        fields.AddHex(kResyncRand, request.resyncRand);
        fields.AddHex(kAuts, request.auts);
    }
    return fields.Format();
}

Result<AvRequest>
ParseZhRequest(std::string_view body)
{
    auto fields = ParseKnown(body, {kImpi, kResyncRand, kAuts});
    if (!fields)
    {
        return fields.GetError();
    }
    auto impi = NonEmpty(fields.Value(), kImpi);
    if (!impi)
    {
        return impi.GetError();
    }
    auto rand = fields.Value().OptionalHex(kResyncRand, Milenage::kRandLength);
    if (!rand)
    {
        return rand.GetError();
    }
    auto auts = fields.Value().OptionalHex(kAuts, kAutsLength);
    if (!auts)
    {
        return auts.GetError();
    }
    if (rand.Value().empty() != auts.Value().empty())
    {
        return MakeError(Errc::MissingField, "Resync-Rand and Auts: both or neither");
    }
    return AvRequest{impi.Value(), rand.Value(), auts.Value()};
}

Result<std::string>
FormatZhAnswer(const ZhAnswer& answer)
{
    FieldLines fields;
    fields.AddHex(kRand, answer.vector.rand);
    fields.AddHex(kAutn, answer.vector.autn);
    fields.AddHex(kXres, answer.vector.xres);
    fields.AddHex(kCk, answer.vector.ck);
    fields.AddHex(kIk, answer.vector.ik);
    auto identities = AddIdentities(fields, answer.impus);
    if (!identities)
    {
        return identities.GetError();
    }
    return fields.Format();
}

Result<ZhAnswer>
ParseZhAnswer(std::string_view body)
{
    auto fields = ParseKnown(body, {kRand, kAutn, kXres, kCk, kIk, kPublicIdentity});
    if (!fields)
    {
        return fields.GetError();
    }
    ZhAnswer answer;
    const std::pair<const char*, Bytes*> vector[] = {{kRand, &answer.vector.rand},
                                                     {kAutn, &answer.vector.autn},
                                                     {kXres, &answer.vector.xres},
                                                     {kCk, &answer.vector.ck},
                                                     {kIk, &answer.vector.ik}};
    const size_t lengths[] = {Milenage::kRandLength, kAutnLength, Milenage::kResLength,
                              Milenage::kKeyLength, Milenage::kKeyLength};
    for (size_t i = 0; i < 5; ++i)
    {
        auto value = fields.Value().Hex(vector[i].first, lengths[i]);
        if (!value)
        {
            return value.GetError();
        }
        *vector[i].second = std::move(value).Value();
    }
    auto impus = TakeIdentities(fields.Value());
    if (!impus)
    {
        return impus.GetError();
    }
    answer.impus = std::move(impus).Value();
    return answer;
}

Result<std::string>
FormatZnRequest(const ZnRequest& request)
{
    if (request.uaProtocolId.size() != kUaProtocolIdLength)
    {
        return MakeError(Errc::BadLength, "Ua-Protocol-Id: not 5 bytes");
    }
    if (request.btid.empty() || request.nafFqdn.empty())
    {
        return MakeError(Errc::MissingField, "Transaction-Id or Naf-Fqdn: empty");
    }
    FieldLines fields;
    fields.AddHex(kUaProtocolId, request.uaProtocolId);
    return WithTexts(std::move(fields),
                     {{kTransactionId, request.btid}, {kNafFqdn, request.nafFqdn}});
}

Result<ZnRequest>
ParseZnRequest(std::string_view body)
{
    auto fields = ParseKnown(body, {kTransactionId, kNafFqdn, kUaProtocolId});
    if (!fields)
    {
        return fields.GetError();
    }
    auto btid = NonEmpty(fields.Value(), kTransactionId);
    if (!btid)
    {
        return btid.GetError();
    }
    auto fqdn = NonEmpty(fields.Value(), kNafFqdn);
    if (!fqdn)
    {
        return fqdn.GetError();
    }
    auto ua = fields.Value().Hex(kUaProtocolId, kUaProtocolIdLength);
    if (!ua)
    {
        return ua.GetError();
    }
    return ZnRequest{btid.Value(), fqdn.Value(), ua.Value()};
}

Result<std::string>
FormatZnAnswer(const ZnAnswer& answer)
{
    if (answer.ksNaf.size() != kKsLength || answer.expiryUnixSeconds < 0 || answer.impi.empty())
    {
        return MakeError(Errc::OutOfRange, "Zn answer: Ks-Naf, Key-Expiry or Impi out of range");
    }
    FieldLines fields;
    auto impi = fields.Add(kImpi, answer.impi);
    if (!impi)
    {
        return impi.GetError();
    }
    fields.AddHex(kKsNaf, answer.ksNaf);
    auto identities = AddIdentities(fields, answer.impus);
    if (!identities)
    {
        return identities.GetError();
    }
    return WithTexts(std::move(fields), {{kKeyExpiry, std::to_string(answer.expiryUnixSeconds)}});
}

Result<ZnAnswer>
ParseZnAnswer(std::string_view body)
{
    auto fields = ParseKnown(body, {kImpi, kKsNaf, kKeyExpiry, kPublicIdentity});
    if (!fields)
    {
        return fields.GetError();
    }
    auto impi = NonEmpty(fields.Value(), kImpi);
    if (!impi)
    {
        return impi.GetError();
    }
    auto ksNaf = fields.Value().Hex(kKsNaf, kKsLength);
    if (!ksNaf)
    {
        return ksNaf.GetError();
    }
    auto expiryText = fields.Value().One(kKeyExpiry);
    if (!expiryText)
    {
        return expiryText.GetError();
    }
    auto expiry = ParseDecimal(expiryText.Value(), kKeyExpiry);
    if (!expiry)
    {
        return expiry.GetError();
    }
    auto impus = TakeIdentities(fields.Value());
    if (!impus)
    {
        return impus.GetError();
    }
    return ZnAnswer{impi.Value(), ksNaf.Value(), expiry.Value(), impus.Value()};
}

Result<std::string>
FormatZxFailure(const ZxFailure& failure)
{
    return WithTexts(FieldLines{},
                     {{kResultCode, std::to_string(static_cast<uint32_t>(failure.code))},
                      {kErrorMessage, failure.message}});
}

Result<ZxFailure>
ParseZxFailure(std::string_view body)
{
    auto fields = ParseKnown(body, {kResultCode, kErrorMessage});
    if (!fields)
    {
        return fields.GetError();
    }
    auto codeText = fields.Value().One(kResultCode);
    if (!codeText)
    {
        return codeText.GetError();
    }
    auto code = ParseDecimal(codeText.Value(), kResultCode);
    if (!code)
    {
        return code.GetError();
    }
    auto message = fields.Value().Optional(kErrorMessage);
    if (!message)
    {
        return message.GetError();
    }
    for (ZxResultCode known : {ZxResultCode::UnableToComply, ZxResultCode::ImpiUnknown,
                               ZxResultCode::NotAuthorized, ZxResultCode::TransactionIdInvalid})
    {
        if (static_cast<int64_t>(known) == code.Value())
        {
            return ZxFailure{known, message.Value()};
        }
    }
    return MakeError(Errc::Unsupported, "Result-Code: unknown " + codeText.Value());
}

int
ZxHttpStatus(ZxResultCode code)
{
    switch (code)
    {
    case ZxResultCode::ImpiUnknown:
    case ZxResultCode::TransactionIdInvalid:
        return 404;
    case ZxResultCode::NotAuthorized:
        return 403;
    case ZxResultCode::UnableToComply:
        break;
    }
    return 400;
}

Error
ZxFailureError(const ZxFailure& failure)
{
    const std::string detail = "Result-Code " +
                               std::to_string(static_cast<uint32_t>(failure.code)) + ": " +
                               failure.message;
    switch (failure.code)
    {
    case ZxResultCode::ImpiUnknown:
        return MakeError(Errc::MissingField, detail);
    case ZxResultCode::NotAuthorized:
    case ZxResultCode::TransactionIdInvalid:
        return MakeError(Errc::AuthFailed, detail);
    case ZxResultCode::UnableToComply:
        break;
    }
    return MakeError(Errc::Unsupported, detail);
}

} // namespace gba
} // namespace mediasec
