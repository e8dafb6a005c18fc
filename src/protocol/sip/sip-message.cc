#include "sip-message.h"

#include "sip-header-names.h"
#include "sip-syntax.h"

#include <algorithm>

namespace mediasec
{
namespace sip
{

namespace
{

const char kContentLength[] = "Content-Length";

} // namespace

SipMessage
SipMessage::MakeRequest(std::string method, std::string requestUri)
{
    SipMessage m;
    m.m_isRequest = true;
    m.m_method = std::move(method);
    m.m_requestUri = std::move(requestUri);
    return m;
}

SipMessage
SipMessage::MakeResponse(int statusCode, std::string reasonPhrase)
{
    SipMessage m;
    m.m_isRequest = false;
    m.m_statusCode = statusCode;
    m.m_reasonPhrase = std::move(reasonPhrase);
    return m;
}

bool
SipMessage::IsRequest() const
{
    return m_isRequest;
}

const std::string&
SipMessage::Method() const
{
    return m_method;
}

const std::string&
SipMessage::RequestUri() const
{
    return m_requestUri;
}

int
SipMessage::StatusCode() const
{
    return m_statusCode;
}

const std::string&
SipMessage::ReasonPhrase() const
{
    return m_reasonPhrase;
}

std::optional<std::string>
SipMessage::GetHeader(std::string_view name) const
{
    const std::string canonical = CanonicalHeaderName(name);
    if (canonical == kContentLength)
    {
        return std::to_string(m_body.size());
    }
    for (const SipHeader& header : m_headers)
    {
        if (syntax::EqualsNoCase(header.name, canonical))
        {
            if (IsListHeader(canonical))
            {
                return std::string(syntax::SplitList(header.value).front());
            }
            return header.value;
        }
    }
    return std::nullopt;
}

std::vector<std::string>
SipMessage::GetHeaders(std::string_view name) const
{
    const std::string canonical = CanonicalHeaderName(name);
    if (canonical == kContentLength)
    {
        return {std::to_string(m_body.size())};
    }
    std::vector<std::string> values;
    for (const SipHeader& header : m_headers)
    {
        if (!syntax::EqualsNoCase(header.name, canonical))
        {
            continue;
        }
        if (IsListHeader(canonical))
        {
            for (std::string_view entry : syntax::SplitList(header.value))
            {
                values.emplace_back(entry);
            }
        }
        else
        {
            values.push_back(header.value);
        }
    }
    return values;
}

void
SipMessage::AddHeader(std::string name, std::string value)
{
    std::string canonical = CanonicalHeaderName(name);
    if (canonical != kContentLength)
    {
        m_headers.push_back({std::move(canonical), std::move(value)});
    }
}

void
SipMessage::PushFrontHeader(std::string name, std::string value)
{
    std::string canonical = CanonicalHeaderName(name);
    if (canonical == kContentLength)
    {
        return;
    }
    auto first = std::find_if(m_headers.begin(), m_headers.end(), [&](const SipHeader& h) {
        return syntax::EqualsNoCase(h.name, canonical);
    });
    m_headers.insert(first == m_headers.end() ? m_headers.begin() : first,
                     {std::move(canonical), std::move(value)});
}

void
SipMessage::SetHeader(std::string name, std::string value)
{
    std::string canonical = CanonicalHeaderName(name);
    if (canonical == kContentLength)
    {
        return;
    }
    auto same = [&](const SipHeader& h) { return syntax::EqualsNoCase(h.name, canonical); };
    auto first = std::find_if(m_headers.begin(), m_headers.end(), same);
    if (first == m_headers.end())
    {
        m_headers.push_back({std::move(canonical), std::move(value)});
        return;
    }
    first->value = std::move(value);
    m_headers.erase(std::remove_if(first + 1, m_headers.end(), same), m_headers.end());
}

void
SipMessage::RemoveHeader(std::string_view name)
{
    const std::string canonical = CanonicalHeaderName(name);
    m_headers.erase(
        std::remove_if(m_headers.begin(), m_headers.end(),
                       [&](const SipHeader& h) { return syntax::EqualsNoCase(h.name, canonical); }),
        m_headers.end());
}

bool
SipMessage::RemoveFirstHeader(std::string_view name)
{
    const std::string canonical = CanonicalHeaderName(name);
    auto first = std::find_if(m_headers.begin(), m_headers.end(), [&](const SipHeader& h) {
        return syntax::EqualsNoCase(h.name, canonical);
    });
    if (first == m_headers.end())
    {
        return false;
    }
    if (IsListHeader(canonical))
    {
        const std::vector<std::string_view> entries = syntax::SplitList(first->value);
        if (entries.size() > 1)
        {
            std::string rest(entries[1]);
            for (size_t i = 2; i < entries.size(); ++i)
            {
                rest += ", ";
                rest += entries[i];
            }
            first->value = std::move(rest);
            return true;
        }
    }
    m_headers.erase(first);
    return true;
}

const std::vector<SipHeader>&
SipMessage::Headers() const
{
    return m_headers;
}

const std::string&
SipMessage::Body() const
{
    return m_body;
}

void
SipMessage::SetBody(std::string body, std::string contentType)
{
    m_body = std::move(body);
    if (m_body.empty())
    {
        RemoveHeader("Content-Type");
    }
    else
    {
        SetHeader("Content-Type", std::move(contentType));
    }
}

std::string
SipMessage::Format() const
{
    std::string out;
    if (m_isRequest)
    {
        out = syntax::OneLine(m_method) + " " + syntax::OneLine(m_requestUri) + " SIP/2.0\r\n";
    }
    else
    {
        out = "SIP/2.0 " + std::to_string(m_statusCode) + " " + syntax::OneLine(m_reasonPhrase) +
              "\r\n";
    }
    for (const SipHeader& header : m_headers)
    {
        out += syntax::OneLine(header.name) + ": " + syntax::OneLine(header.value) + "\r\n";
    }
    out += std::string(kContentLength) + ": " + std::to_string(m_body.size()) + "\r\n\r\n";
    out += m_body;
    return out;
}

bool
operator==(const SipHeader& a, const SipHeader& b)
{
    return a.name == b.name && a.value == b.value;
}

bool
operator==(const SipMessage& a, const SipMessage& b)
{
    return a.m_isRequest == b.m_isRequest && a.m_method == b.m_method &&
           a.m_requestUri == b.m_requestUri && a.m_statusCode == b.m_statusCode &&
           a.m_reasonPhrase == b.m_reasonPhrase && a.m_headers == b.m_headers &&
           a.m_body == b.m_body;
}

} // namespace sip
} // namespace mediasec
