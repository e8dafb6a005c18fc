/**
 * \file
 * Field schemas of the Otway-Rees messages and sealed parts: each struct is described once as
 * the ordered list of its fields (type, member, allowed length), and one generic encoder and
 * decoder serve every message and part (doc/otway-rees.md, "Encoding").
 */
#ifndef MEDIASEC_OTWAY_REES_SCHEMA_H
#define MEDIASEC_OTWAY_REES_SCHEMA_H

#include "otway-rees-constants.h"
#include "otway-rees-fields.h"
#include "protocol/common/bytes.h"
#include "protocol/common/result.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace mediasec
{
namespace otway
{

/** \brief One field of a struct T: its type, the member holding it and its allowed length. */
template<typename T> struct FieldSpec
{
    FieldType type;                                                  //!< field type byte
    std::variant<Bytes T::*, std::string T::*, int64_t T::*> member; //!< where the value lives
    size_t minLength;                                                //!< shortest value
    size_t maxLength;                                                //!< longest value
    const char* name;                                                //!< name in errors
};

/** \brief The ordered fields of a struct T. */
template<typename T> using Schema = std::vector<FieldSpec<T>>;

/** \return a byte field of exactly \p length bytes */
template<typename T>
FieldSpec<T>
FixedField(FieldType type, Bytes T::*member, size_t length, const char* name)
{
    return FieldSpec<T>{type, member, length, length, name};
}

/** \return a sealed field (kMinSealedLength..kMaxMessageSize bytes) */
template<typename T>
FieldSpec<T>
SealedField(FieldType type, Bytes T::*member, const char* name)
{
    return FieldSpec<T>{type, member, kMinSealedLength, kMaxMessageSize, name};
}

/** \return an identity field (1..kMaxIdentityLength bytes of text) */
template<typename T>
FieldSpec<T>
IdentityField(FieldType type, std::string T::*member, const char* name)
{
    return FieldSpec<T>{type, member, 1, kMaxIdentityLength, name};
}

/** \return a timestamp field (int64 ns, 8 bytes big-endian two's complement) */
template<typename T>
FieldSpec<T>
TimestampField(FieldType type, int64_t T::*member, const char* name)
{
    return FieldSpec<T>{type, member, kTimestampLength, kTimestampLength, name};
}

/** \brief Appends the fields of \p value described by \p schema to \p w. */
template<typename T>
void
WriteFields(FieldWriter& w, const T& value, const Schema<T>& schema)
{
    for (const FieldSpec<T>& f : schema)
    {
        if (auto* b = std::get_if<Bytes T::*>(&f.member))
        {
            w.Add(f.type, value.*(*b));
        }
        else if (auto* s = std::get_if<std::string T::*>(&f.member))
        {
            w.AddText(f.type, value.*(*s));
        }
        else
        {
            w.AddU64(f.type, static_cast<uint64_t>(value.*std::get<int64_t T::*>(f.member)));
        }
    }
}

/** \brief Reads the fields described by \p schema from \p r into \p value (errors stick in r). */
template<typename T>
void
ReadFields(FieldReader& r, T& value, const Schema<T>& schema)
{
    for (const FieldSpec<T>& f : schema)
    {
        Bytes field = r.Ranged(f.type, f.minLength, f.maxLength, f.name);
        if (auto* b = std::get_if<Bytes T::*>(&f.member))
        {
            value.*(*b) = std::move(field);
        }
        else if (auto* s = std::get_if<std::string T::*>(&f.member))
        {
            value.*(*s) = std::string(field.begin(), field.end());
        }
        else
        {
            uint64_t v = 0;
            for (uint8_t byte : field)
            {
                v = (v << 8) | byte;
            }
            value.*std::get<int64_t T::*>(f.member) = static_cast<int64_t>(v);
        }
    }
}

/** \return the plaintext of a sealed part: the fields of \p value, no header */
template<typename T>
Bytes
EncodeFields(const T& value, const Schema<T>& schema)
{
    FieldWriter w;
    WriteFields(w, value, schema);
    return w.Take();
}

/** \return the part in \p plaintext, or the FieldReader errors naming \p context and the field */
template<typename T>
Result<T>
DecodeFields(const Bytes& plaintext, const Schema<T>& schema, const char* context)
{
    FieldReader r(plaintext, context);
    T value{};
    ReadFields(r, value, schema);
    return FinishWith(r, std::move(value));
}

/** \return the message: header (version, \p type) then the fields of \p value */
template<typename T>
Bytes
FormatMessage(MessageType type, const T& value, const Schema<T>& schema)
{
    FieldWriter w(type);
    WriteFields(w, value, schema);
    return w.Take();
}

/** \return the message of \p type in \p message, or the FieldReader errors */
template<typename T>
Result<T>
ParseMessage(const Bytes& message, MessageType type, const Schema<T>& schema, const char* context)
{
    FieldReader r(message, context);
    r.ReadHeader(type);
    T value{};
    ReadFields(r, value, schema);
    return FinishWith(r, std::move(value));
}

} // namespace otway
} // namespace mediasec

#endif
