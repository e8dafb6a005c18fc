/**
 * \file
 * How the simulated Zh and Zn messages (zh-zn-messages.h) travel in HTTP/1.1: a POST to /zh or
 * /zn, a 200 answer, or a 4xx refusal whose body carries the Diameter Result-Code.
 */
#ifndef MEDIASEC_GBA_ZX_HTTP_H
#define MEDIASEC_GBA_ZX_HTTP_H

#include "protocol/http/http-message.h"
#include "zh-zn-messages.h"

#include <string>

namespace mediasec
{
namespace gba
{

/** \return a POST of \p body to \p target with Host \p host and the Zx content type */
http::HttpRequest ZxRequest(const std::string& target, const std::string& host, std::string body);

/**
 * \return the body of a Zx request: the POST body to \p target with the Zx content type;
 * Unsupported for another method, target or content type
 */
Result<std::string> ZxRequestBody(const http::HttpRequest& request, const std::string& target);

/** \return a 200 answer carrying \p body */
http::HttpResponse ZxAnswerResponse(std::string body);

/** \return a refusal with \p code and \p message, its HTTP status from ZxHttpStatus() */
http::HttpResponse ZxFailureResponse(ZxResultCode code, const std::string& message);

/**
 * \return the body of a 200 answer; for a refusal, the ZxFailureError() of its body;
 * Malformed for a refusal body that does not parse; Unsupported for another status; the
 * transport error when \p response is one
 */
Result<std::string> ZxAnswerBody(const Result<http::HttpResponse>& response);

} // namespace gba
} // namespace mediasec

#endif
