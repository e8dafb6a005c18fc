#include "in-dialog-request.h"

namespace mediasec
{
namespace sip
{

SipMessage
MakeInDialogRequest(const std::string& method, const DialogAddress& dialog, const Via& via,
                    uint32_t cseq)
{
    SipMessage request = SipMessage::MakeRequest(method, dialog.remoteTarget);
    request.AddHeader("Via", FormatVia(via));
    request.AddHeader("Max-Forwards", "70");
    request.AddHeader("From", "<" + dialog.localUri + ">;tag=" + dialog.localTag);
    request.AddHeader("To", "<" + dialog.remoteUri + ">;tag=" + dialog.remoteTag);
    request.AddHeader("Call-ID", dialog.callId);
    request.AddHeader("CSeq", std::to_string(cseq) + " " + method);
    return request;
}

} // namespace sip
} // namespace mediasec
