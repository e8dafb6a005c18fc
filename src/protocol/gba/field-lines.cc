#include "field-lines.h"

#include <algorithm>

namespace mediasec
{
namespace gba
{

namespace
{

constexpr size_t kMaxNameLength = 64;    //!< longest field name
constexpr size_t kMaxValueLength = 1024; //!< longest field value

/** \return true for a name of 1..64 characters of [A-Za-z0-9-] */
bool
ValidName(std::string_view name)
{
    return !name.empty() && name.size() <= kMaxNameLength &&
           std::all_of(name.begin(), name.end(), [](char c) {
               return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-';
           });
}

/** \return true for printable ASCII of at most 1024 characters without edge spaces */
bool
ValidValue(std::string_view value)
{
    return value.size() <= kMaxValueLength &&
           std::all_of(value.begin(), value.end(), [](char c) { return c >= 0x20 && c <= 0x7e; }) &&
           (value.empty() || (value.front() != ' ' && value.back() != ' '));
}

} // namespace

Result<FieldLines>
FieldLines::Parse(std::string_view text)
{
    if (text.size() > kMaxFieldLinesSize)
    {
        return MakeError(Errc::TooLarge,
                         "body: over " + std::to_string(kMaxFieldLinesSize) + " bytes");
    }
    FieldLines fields;
    size_t lineNumber = 0;
    while (!text.empty())
    {
        ++lineNumber;
        const std::string where = "line " + std::to_string(lineNumber);
        if (lineNumber > kMaxFieldLines)
        {
            return MakeError(Errc::TooLarge,
                             "body: over " + std::to_string(kMaxFieldLines) + " lines");
        }
        const size_t end = text.find("\r\n");
        if (end == std::string_view::npos)
        {
            return MakeError(Errc::Malformed, where + ": no CRLF");
        }
        const std::string_view line = text.substr(0, end);
        text.remove_prefix(end + 2);
        const size_t colon = line.find(':');
        if (colon == std::string_view::npos)
        {
            return MakeError(Errc::Malformed, where + ": no colon");
        }
        std::string_view value = line.substr(colon + 1);
        if (!value.empty())
        {
            if (value.front() != ' ')
            {
                return MakeError(Errc::Malformed, where + ": no space after the colon");
            }
            value.remove_prefix(1);
        }
        auto added = fields.Add(line.substr(0, colon), value);
        if (!added)
        {
            return MakeError(Errc::Malformed, where + ": " + added.GetError().detail);
        }
    }
    return fields;
}

Status
FieldLines::Add(std::string_view name, std::string_view value)
{
    if (!ValidName(name))
    {
        return MakeError(Errc::Malformed, "field name: not 1..64 of [A-Za-z0-9-]");
    }
    if (!ValidValue(value))
    {
        return MakeError(Errc::Malformed,
                         std::string(name) + ": value not printable ASCII up to 1024 characters");
    }
    m_fields.emplace_back(name, value);
    return Ok{};
}

void
FieldLines::AddHex(std::string_view name, const Bytes& value)
{
    m_fields.emplace_back(name, ToHex(value));
}

std::string
FieldLines::Format() const
{
    std::string text;
    for (const auto& [name, value] : m_fields)
    {
        text += name;
        text += value.empty() ? ":" : ": ";
        text += value;
        text += "\r\n";
    }
    return text;
}

Status
FieldLines::OnlyKnown(std::initializer_list<std::string_view> known) const
{
    for (const auto& field : m_fields)
    {
        if (std::find(known.begin(), known.end(), field.first) == known.end())
        {
            return MakeError(Errc::Unsupported, field.first + ": unknown field");
        }
    }
    return Ok{};
}

Result<std::string>
FieldLines::Optional(std::string_view name) const
{
    const std::vector<std::string> values = All(name);
    if (values.size() > 1)
    {
        return MakeError(Errc::Malformed, std::string(name) + ": repeated");
    }
    return values.empty() ? std::string() : values.front();
}

Result<std::string>
FieldLines::One(std::string_view name) const
{
    const std::vector<std::string> values = All(name);
    if (values.empty())
    {
        return MakeError(Errc::MissingField, std::string(name) + ": missing");
    }
    return Optional(name);
}

std::vector<std::string>
FieldLines::All(std::string_view name) const
{
    std::vector<std::string> values;
    for (const auto& field : m_fields)
    {
        if (field.first == name)
        {
            values.push_back(field.second);
        }
    }
    return values;
}

Result<Bytes>
FieldLines::OptionalHex(std::string_view name, size_t length) const
{
    auto text = Optional(name);
    if (!text || text.Value().empty())
    {
        return text ? Result<Bytes>(Bytes{}) : Result<Bytes>(text.GetError());
    }
    auto bytes = FromHex(text.Value());
    if (!bytes)
    {
        return MakeError(Errc::Malformed, std::string(name) + ": not hex");
    }
    if (bytes.Value().size() != length)
    {
        return MakeError(Errc::BadLength,
                         std::string(name) + ": not " + std::to_string(length) + " bytes");
    }
    return bytes;
}

Result<Bytes>
FieldLines::Hex(std::string_view name, size_t length) const
{
    auto present = One(name);
    if (!present)
    {
        return present.GetError();
    }
    if (present.Value().empty())
    {
        return MakeError(Errc::BadLength, std::string(name) + ": empty");
    }
    return OptionalHex(name, length);
}

} // namespace gba
} // namespace mediasec
