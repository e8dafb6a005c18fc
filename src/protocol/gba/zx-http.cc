#include "zx-http.h"

#include <utility>

namespace mediasec
{
namespace gba
{

http::HttpRequest
ZxRequest(const std::string& target, const std::string& host, std::string body)
{
    http::HttpRequest request;
    request.method = "POST";
    request.target = target;
    request.headers = {{"Host", host}, {"Content-Type", kZxContentType}};
    request.body = std::move(body);
    return request;
}

Result<std::string>
ZxRequestBody(const http::HttpRequest& request, const std::string& target)
{
    const std::string* type = http::FindHeader(request.headers, "Content-Type");
    if (request.method != "POST" || request.target != target || type == nullptr ||
        *type != kZxContentType)
    {
        return MakeError(Errc::Unsupported,
                         "request: not a POST " + target + " with " + kZxContentType);
    }
    return request.body;
}

http::HttpResponse
ZxAnswerResponse(std::string body)
{
    return http::HttpResponse{200, "OK", {{"Content-Type", kZxContentType}}, std::move(body)};
}

http::HttpResponse
ZxFailureResponse(ZxResultCode code, const std::string& message)
{
    std::string printable;
    for (char c : message.substr(0, 1024))
    {
        printable += (c >= 0x20 && c <= 0x7e) ? c : '?';
    }
    const size_t first = printable.find_first_not_of(' ');
    printable = first == std::string::npos
                    ? std::string()
                    : printable.substr(first, printable.find_last_not_of(' ') - first + 1);
    const int status = ZxHttpStatus(code);
    auto body = FormatZxFailure({code, printable});
    return http::HttpResponse{status,
                              status == 404 ? "Not Found"
                                            : (status == 403 ? "Forbidden" : "Bad Request"),
                              {{"Content-Type", kZxContentType}},
                              body ? body.Value() : std::string()};
}

Result<std::string>
ZxAnswerBody(const Result<http::HttpResponse>& response)
{
    if (!response)
    {
        return response.GetError();
    }
    const http::HttpResponse& answer = response.Value();
    if (answer.status == 200)
    {
        return answer.body;
    }
    if (answer.status >= 400 && answer.status < 500)
    {
        auto failure = ParseZxFailure(answer.body);
        if (!failure)
        {
            return MakeError(Errc::Malformed, "refusal body: " + failure.GetError().detail);
        }
        return ZxFailureError(failure.Value());
    }
    return MakeError(Errc::Unsupported, "Zx: HTTP " + std::to_string(answer.status));
}

} // namespace gba
} // namespace mediasec
