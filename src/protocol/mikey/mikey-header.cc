#include "mikey-header.h"

#include <string>

namespace mediasec
{
namespace mikey
{

namespace
{

/** \return true when \p value is a data type this codec knows. */
bool
IsKnownDataType(uint8_t value)
{
    return value <= static_cast<uint8_t>(DataType::ResolveResp) ||
           value == static_cast<uint8_t>(DataType::Sakke);
}

/** \return an Error naming the HDR field \p field. */
Error
HeaderError(Errc code, const std::string& field, const std::string& what)
{
    return MakeError(code, "HDR: " + field + " " + what);
}

Result<SrtpIdMap>
ReadSrtpIdMap(ByteReader& reader, uint8_t csCount)
{
    SrtpIdMap map;
    if (reader.Remaining() < static_cast<size_t>(csCount) * 9)
    {
        return HeaderError(Errc::Truncated, "SRTP-ID map info",
                           "needs " + std::to_string(csCount * 9) + " bytes for " +
                               std::to_string(csCount) + " CS, have " +
                               std::to_string(reader.Remaining()));
    }
    for (uint8_t i = 0; i < csCount; ++i)
    {
        SrtpIdEntry entry;
        entry.policyNo = reader.ReadU8("HDR: SRTP-ID Policy_no").Value();
        entry.ssrc = reader.ReadU32("HDR: SRTP-ID SSRC").Value();
        entry.roc = reader.ReadU32("HDR: SRTP-ID ROC").Value();
        map.entries.push_back(entry);
    }
    return map;
}

Result<GenericIdEntry>
ReadGenericIdEntry(ByteReader& reader)
{
    GenericIdEntry entry;
    auto csId = reader.ReadU8("HDR: GENERIC-ID CS ID");
    if (!csId)
    {
        return csId.GetError();
    }
    entry.csId = csId.Value();
    auto protType = reader.ReadU8("HDR: GENERIC-ID Prot type");
    if (!protType)
    {
        return protType.GetError();
    }
    entry.protType = protType.Value();
    auto sp = reader.ReadU8("HDR: GENERIC-ID S/#P");
    if (!sp)
    {
        return sp.GetError();
    }
    entry.sessionFlag = (sp.Value() & 0x80) != 0;
    auto policies = reader.ReadBytes(sp.Value() & 0x7f, "HDR: GENERIC-ID Ps");
    if (!policies)
    {
        return policies.GetError();
    }
    entry.policies = std::move(policies).Value();
    auto sessionLength = reader.ReadU16("HDR: GENERIC-ID Session Data Length");
    if (!sessionLength)
    {
        return sessionLength.GetError();
    }
    if (sessionLength.Value() > reader.Remaining())
    {
        return HeaderError(Errc::BadLength, "GENERIC-ID Session Data Length",
                           std::to_string(sessionLength.Value()) + " exceeds the " +
                               std::to_string(reader.Remaining()) + " bytes left");
    }
    entry.sessionData = reader.ReadBytes(sessionLength.Value(), "HDR: Session Data").Value();
    auto spiLength = reader.ReadU8("HDR: GENERIC-ID SPI Length");
    if (!spiLength)
    {
        return spiLength.GetError();
    }
    if (spiLength.Value() > reader.Remaining())
    {
        return HeaderError(Errc::BadLength, "GENERIC-ID SPI Length",
                           std::to_string(spiLength.Value()) + " exceeds the " +
                               std::to_string(reader.Remaining()) + " bytes left");
    }
    entry.spi = reader.ReadBytes(spiLength.Value(), "HDR: SPI").Value();
    return entry;
}

} // namespace

const char*
DataTypeName(DataType type)
{
    switch (type)
    {
    case DataType::PskInit:
        return "Pre-shared";
    case DataType::PskVerify:
        return "PSK ver msg";
    case DataType::PkInit:
        return "Public key";
    case DataType::PkVerify:
        return "PK ver msg";
    case DataType::DhInit:
        return "D-H init";
    case DataType::DhResp:
        return "D-H resp";
    case DataType::Error:
        return "Error";
    case DataType::DhhmacInit:
        return "DHHMAC init";
    case DataType::DhhmacResp:
        return "DHHMAC resp";
    case DataType::RsaRInit:
        return "RSA-R I_MSG";
    case DataType::RsaRResp:
        return "RSA-R R_MSG";
    case DataType::RequestInitPsk:
        return "REQUEST_INIT_PSK";
    case DataType::RequestInitPk:
        return "REQUEST_INIT_PK";
    case DataType::RequestResp:
        return "REQUEST_RESP";
    case DataType::TransferInit:
        return "TRANSFER_INIT";
    case DataType::TransferResp:
        return "TRANSFER_RESP";
    case DataType::ResolveInitPsk:
        return "RESOLVE_INIT_PSK";
    case DataType::ResolveInitPk:
        return "RESOLVE_INIT_PK";
    case DataType::ResolveResp:
        return "RESOLVE_RESP";
    case DataType::Sakke:
        return "SAKKE msg";
    }
    return "unknown";
}

CsIdMapType
MapTypeOf(const CsIdMap& map)
{
    return static_cast<CsIdMapType>(map.index());
}

Result<ReadHeaderResult>
ReadMikeyHeader(ByteReader& reader)
{
    if (reader.Remaining() < 10)
    {
        return HeaderError(Errc::Truncated, "common header",
                           "needs 10 bytes, have " + std::to_string(reader.Remaining()));
    }
    uint8_t version = reader.ReadU8("HDR: version").Value();
    if (version != kMikeyVersion)
    {
        return HeaderError(Errc::Unsupported, "version", std::to_string(version) + " (only 1)");
    }
    uint8_t dataType = reader.ReadU8("HDR: data type").Value();
    if (!IsKnownDataType(dataType))
    {
        return HeaderError(Errc::Unsupported, "data type", std::to_string(dataType) + " unknown");
    }
    ReadHeaderResult out{};
    out.header.dataType = static_cast<DataType>(dataType);
    out.nextPayload = reader.ReadU8("HDR: next payload").Value();
    uint8_t vPrf = reader.ReadU8("HDR: V/PRF func").Value();
    out.header.verify = (vPrf & 0x80) != 0;
    uint8_t prf = vPrf & 0x7f;
    if (prf > static_cast<uint8_t>(PrfFunc::HmacSha256))
    {
        return HeaderError(Errc::Unsupported, "PRF func", std::to_string(prf) + " unknown");
    }
    out.header.prfFunc = static_cast<PrfFunc>(prf);
    out.header.csbId = reader.ReadU32("HDR: CSB ID").Value();
    uint8_t csCount = reader.ReadU8("HDR: #CS").Value();
    uint8_t mapType = reader.ReadU8("HDR: CS ID map type").Value();
    switch (mapType)
    {
    case static_cast<uint8_t>(CsIdMapType::SrtpId): {
        auto map = ReadSrtpIdMap(reader, csCount);
        if (!map)
        {
            return map.GetError();
        }
        out.header.csIdMap = std::move(map).Value();
        break;
    }
    case static_cast<uint8_t>(CsIdMapType::Empty):
        out.header.csIdMap = EmptyMap{csCount};
        break;
    case static_cast<uint8_t>(CsIdMapType::GenericId): {
        GenericIdMap map;
        for (uint8_t i = 0; i < csCount; ++i)
        {
            auto entry = ReadGenericIdEntry(reader);
            if (!entry)
            {
                return entry.GetError();
            }
            map.entries.push_back(std::move(entry).Value());
        }
        out.header.csIdMap = std::move(map);
        break;
    }
    default:
        return HeaderError(Errc::Unsupported, "CS ID map type",
                           std::to_string(mapType) + " unknown");
    }
    return out;
}

void
WriteMikeyHeader(ByteWriter& writer, const MikeyHeader& header, uint8_t nextPayload)
{
    writer.WriteU8(kMikeyVersion);
    writer.WriteU8(static_cast<uint8_t>(header.dataType));
    writer.WriteU8(nextPayload);
    writer.WriteU8(static_cast<uint8_t>((header.verify ? 0x80 : 0) |
                                        (static_cast<uint8_t>(header.prfFunc) & 0x7f)));
    writer.WriteU32(header.csbId);
    if (const auto* srtp = std::get_if<SrtpIdMap>(&header.csIdMap))
    {
        writer.WriteU8(static_cast<uint8_t>(srtp->entries.size()));
        writer.WriteU8(static_cast<uint8_t>(CsIdMapType::SrtpId));
        for (const SrtpIdEntry& entry : srtp->entries)
        {
            writer.WriteU8(entry.policyNo);
            writer.WriteU32(entry.ssrc);
            writer.WriteU32(entry.roc);
        }
    }
    else if (const auto* empty = std::get_if<EmptyMap>(&header.csIdMap))
    {
        writer.WriteU8(empty->csCount);
        writer.WriteU8(static_cast<uint8_t>(CsIdMapType::Empty));
    }
    else
    {
        const auto& generic = std::get<GenericIdMap>(header.csIdMap);
        writer.WriteU8(static_cast<uint8_t>(generic.entries.size()));
        writer.WriteU8(static_cast<uint8_t>(CsIdMapType::GenericId));
        for (const GenericIdEntry& entry : generic.entries)
        {
            writer.WriteU8(entry.csId);
            writer.WriteU8(entry.protType);
            writer.WriteU8(static_cast<uint8_t>((entry.sessionFlag ? 0x80 : 0) |
                                                (entry.policies.size() & 0x7f)));
            writer.WriteBytes(entry.policies);
            writer.WriteU16(static_cast<uint16_t>(entry.sessionData.size()));
            writer.WriteBytes(entry.sessionData);
            writer.WriteU8(static_cast<uint8_t>(entry.spi.size()));
            writer.WriteBytes(entry.spi);
        }
    }
}

bool
operator==(const SrtpIdEntry& a, const SrtpIdEntry& b)
{
    return a.policyNo == b.policyNo && a.ssrc == b.ssrc && a.roc == b.roc;
}

bool
operator==(const SrtpIdMap& a, const SrtpIdMap& b)
{
    return a.entries == b.entries;
}

bool
operator==(const EmptyMap& a, const EmptyMap& b)
{
    return a.csCount == b.csCount;
}

bool
operator==(const GenericIdEntry& a, const GenericIdEntry& b)
{
    return a.csId == b.csId && a.protType == b.protType && a.sessionFlag == b.sessionFlag &&
           a.policies == b.policies && a.sessionData == b.sessionData && a.spi == b.spi;
}

bool
operator==(const GenericIdMap& a, const GenericIdMap& b)
{
    return a.entries == b.entries;
}

bool
operator==(const MikeyHeader& a, const MikeyHeader& b)
{
    return a.dataType == b.dataType && a.verify == b.verify && a.prfFunc == b.prfFunc &&
           a.csbId == b.csbId && a.csIdMap == b.csIdMap;
}

} // namespace mikey
} // namespace mediasec
