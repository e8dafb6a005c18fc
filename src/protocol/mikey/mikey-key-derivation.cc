#include "mikey-key-derivation.h"

#include "mikey-prf.h"
#include "protocol/common/byte-writer.h"

#include <string>

namespace mediasec
{
namespace mikey
{

namespace
{
// RFC 6043 5.1 and A.2: the byte that tells the MIKEY-TICKET labels apart.
constexpr uint8_t kForkingLabelType = 0x00;       //!< forked MPKr' and TGK' (5.1.1)
constexpr uint8_t kTgkLabelType = 0x03;           //!< keys from a TGK, TGK' or GTGK
constexpr uint8_t kInitiatorDataLabelType = 0x04; //!< keys protecting the Initiator Data Vr
constexpr uint8_t kTpkLabelType = 0x05;           //!< keys from a TPK (A.2.1)
constexpr uint8_t kMpkLabelType = 0x06;           //!< MPKi and MPKr from the MPK (A.2.2)

constexpr uint8_t kNoCsId = 0xFF;         //!< the CS ID field of message-key labels
constexpr uint32_t kNoCsbId = 0xFFFFFFFF; //!< the CSB ID field of the RFC 6043 labels

/** \return the big-endian \p constant followed by \p context: a complete MIKEY label. */
Bytes
MakeLabel(uint32_t constant, const Bytes& context)
{
    ByteWriter writer;
    writer.WriteU32(constant);
    writer.WriteBytes(context);
    return writer.Take();
}

/** \return Ok, or OutOfRange if \p rand does not fit an 8-bit length. \param what its name */
Status
CheckRandLength(const Bytes& rand, const char* what)
{
    if (rand.size() > kMaxLabelRandLength)
    {
        return MakeError(Errc::OutOfRange, std::string("MIKEY label: ") + what + " of " +
                                               std::to_string(rand.size()) +
                                               " bytes does not fit an 8-bit length");
    }
    return Ok{};
}

/**
 * \return Ok, MissingField if both RANDs are empty, OutOfRange if one is too long.
 * \param randRi RANDRi or empty \param randRr RANDRr or empty
 */
Status
CheckRandPair(const Bytes& randRi, const Bytes& randRr)
{
    if (randRi.empty() && randRr.empty())
    {
        return MakeError(Errc::MissingField, "MIKEY label: neither RANDRi nor RANDRr given");
    }
    Status ri = CheckRandLength(randRi, "RANDRi");
    return ri ? CheckRandLength(randRr, "RANDRr") : ri;
}

/** \brief Appends an 8-bit length and \p rand (already checked). */
void
WriteRand(ByteWriter& writer, const Bytes& rand)
{
    writer.WriteU8(static_cast<uint8_t>(rand.size()));
    writer.WriteBytes(rand);
}

/** \return 0xFF || 0xFFFFFFFF || \p type, the start of the RFC 6043 non-CSB labels. */
ByteWriter
TicketContextStart(uint8_t type)
{
    ByteWriter writer;
    writer.WriteU8(kNoCsId);
    writer.WriteU32(kNoCsbId);
    writer.WriteU8(type);
    return writer;
}

/**
 * \return PRF(inkey, constant || 0xFF || 0xFFFFFFFF || 0x00 || len ID (16) || ID || len
 * RANDRkms (8) || RANDRkms) as long as \p inkey (RFC 6043 5.1.1).
 */
Result<Bytes>
DeriveForked(PrfFunc prf, const Bytes& inkey, uint32_t constant, const Bytes& idData,
             const Bytes& randRkms)
{
    if (idData.size() > kMaxLabelIdLength)
    {
        return MakeError(Errc::OutOfRange, "MIKEY forking label: ID Data of " +
                                               std::to_string(idData.size()) +
                                               " bytes does not fit a 16-bit length");
    }
    Status rand = CheckRandLength(randRkms, "RANDRkms");
    if (!rand)
    {
        return rand.GetError();
    }
    ByteWriter context = TicketContextStart(kForkingLabelType);
    context.WriteU16(static_cast<uint16_t>(idData.size()));
    context.WriteBytes(idData);
    WriteRand(context, randRkms);
    return Prf(prf, inkey, MakeLabel(constant, context.Take()), inkey.size());
}

/** \return PRF(mpk, constant || 0xFF || 0xFFFFFFFF || 0x06 || lenRAND || RAND) (A.2.2). */
Result<Bytes>
DeriveFromMpk(PrfFunc prf, const Bytes& mpk, uint32_t constant, const Bytes& rand)
{
    Status checked = CheckRandLength(rand, "RAND");
    if (!checked)
    {
        return checked.GetError();
    }
    ByteWriter context = TicketContextStart(kMpkLabelType);
    WriteRand(context, rand);
    return Prf(prf, mpk, MakeLabel(constant, context.Take()), mpk.size());
}
} // namespace

Bytes
TgkLabelContext::Label(uint32_t constant) const
{
    return MakeLabel(constant, afterConstant);
}

Bytes
MessageKeyLabelContext::Label(uint32_t constant) const
{
    return MakeLabel(constant, afterConstant);
}

TgkLabelContext
Rfc3830TgkContext(uint8_t csId, uint32_t csbId, const Bytes& rand)
{
    ByteWriter writer;
    writer.WriteU8(csId);
    writer.WriteU32(csbId);
    writer.WriteBytes(rand);
    return TgkLabelContext{writer.Take()};
}

Result<TgkLabelContext>
TicketTgkContext(uint8_t csId, const Bytes& randRi, const Bytes& randRr)
{
    Status checked = CheckRandPair(randRi, randRr);
    if (!checked)
    {
        return checked.GetError();
    }
    ByteWriter writer;
    writer.WriteU8(csId);
    writer.WriteU32(kNoCsbId);
    writer.WriteU8(kTgkLabelType);
    WriteRand(writer, randRi);
    WriteRand(writer, randRr);
    return TgkLabelContext{writer.Take()};
}

MessageKeyLabelContext
Rfc3830MessageKeyContext(uint32_t csbId, const Bytes& rand)
{
    ByteWriter writer;
    writer.WriteU8(kNoCsId);
    writer.WriteU32(csbId);
    writer.WriteBytes(rand);
    return MessageKeyLabelContext{writer.Take()};
}

Result<MessageKeyLabelContext>
TicketMessageKeyContext(uint32_t csbId, TicketMessageKind kind, const Bytes& randRi,
                        const Bytes& randRr)
{
    Status checked = CheckRandPair(randRi, randRr);
    if (!checked)
    {
        return checked.GetError();
    }
    ByteWriter writer;
    writer.WriteU8(kNoCsId);
    writer.WriteU32(csbId);
    writer.WriteU8(static_cast<uint8_t>(kind));
    WriteRand(writer, randRi);
    WriteRand(writer, randRr);
    return MessageKeyLabelContext{writer.Take()};
}

MessageKeyLabelContext
TicketInitiatorDataContext()
{
    return MessageKeyLabelContext{TicketContextStart(kInitiatorDataLabelType).Take()};
}

Result<MessageKeyLabelContext>
TicketTpkContext(const Bytes& rand)
{
    Status checked = CheckRandLength(rand, "RAND");
    if (!checked)
    {
        return checked.GetError();
    }
    ByteWriter writer = TicketContextStart(kTpkLabelType);
    WriteRand(writer, rand);
    return MessageKeyLabelContext{writer.Take()};
}

Result<Bytes>
DeriveTek(PrfFunc prf, const Bytes& tgk, const TgkLabelContext& context, size_t tekBytes)
{
    return Prf(prf, tgk, context.Label(kTekConstant), tekBytes);
}

Result<Bytes>
DeriveSalt(PrfFunc prf, const Bytes& tgk, const TgkLabelContext& context, size_t saltBytes)
{
    return Prf(prf, tgk, context.Label(kSaltConstant), saltBytes);
}

Result<Bytes>
DeriveEncrKey(PrfFunc prf, const Bytes& inkey, const MessageKeyLabelContext& context,
              size_t keyBytes)
{
    return Prf(prf, inkey, context.Label(kEncrKeyConstant), keyBytes);
}

Result<Bytes>
DeriveAuthKey(PrfFunc prf, const Bytes& inkey, const MessageKeyLabelContext& context,
              size_t keyBytes)
{
    return Prf(prf, inkey, context.Label(kAuthKeyConstant), keyBytes);
}

Result<Bytes>
DeriveSaltKey(PrfFunc prf, const Bytes& inkey, const MessageKeyLabelContext& context,
              size_t saltBytes)
{
    return Prf(prf, inkey, context.Label(kSaltKeyConstant), saltBytes);
}

Result<Bytes>
DeriveForkedMpkr(PrfFunc prf, const Bytes& mpkr, const Bytes& idData, const Bytes& randRkms)
{
    return DeriveForked(prf, mpkr, kForkedMpkrConstant, idData, randRkms);
}

Result<Bytes>
DeriveForkedTgk(PrfFunc prf, const Bytes& tgk, const Bytes& idData, const Bytes& randRkms)
{
    return DeriveForked(prf, tgk, kForkedTgkConstant, idData, randRkms);
}

Result<Bytes>
DeriveMpki(PrfFunc prf, const Bytes& mpk, const Bytes& rand)
{
    return DeriveFromMpk(prf, mpk, kMpkiConstant, rand);
}

Result<Bytes>
DeriveMpkr(PrfFunc prf, const Bytes& mpk, const Bytes& rand)
{
    return DeriveFromMpk(prf, mpk, kMpkrConstant, rand);
}

} // namespace mikey
} // namespace mediasec
