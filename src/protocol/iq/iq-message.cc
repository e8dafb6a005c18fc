#include "iq-message.h"

#include "h248-text-reader.h"

namespace mediasec
{
namespace iq
{

namespace
{

const char kEol[] = "\r\n";

const H248Token kMegaco{"MEGACO", "!"};
const H248Token kAuthentication{"Authentication", "AU"};
const H248Token kTransaction{"Transaction", "T"};
const H248Token kReply{"Reply", "P"};
const H248Token kContext{"Context", "C"};
const H248Token kAdd{"Add", "A"};
const H248Token kSubtract{"Subtract", "S"};
const H248Token kMedia{"Media", "M"};
const H248Token kStream{"Stream", "ST"};
const H248Token kLocalControl{"LocalControl", "O"};
const H248Token kMode{"Mode", "MO"};
const H248Token kSendReceive{"SendReceive", "SR"};
const H248Token kLocal{"Local", "L"};
const H248Token kRemote{"Remote", "R"};
const H248Token kError{"Error", "ER"};
const H248Token kImmAckRequired{"ImmAckRequired", "IA"};

// Valid H.248 outside the subset, per position: these give Unsupported rather than Malformed.
const H248Token kOtherMessageBodies[] = {
    {"Pending", "PN"}, {"TransactionResponseAck", "K"}, {"Segment", "SM"}, {"Error", "ER"}};
const H248Token kOtherCommands[] = {
    {"Modify", "MF"},          {"Move", "MV"},       {"AuditValue", "AV"},
    {"AuditCapability", "AC"}, {"Notify", "N"},      {"ServiceChange", "SC"},
    {"Topology", "TP"},        {"Priority", "PR"},   {"Emergency", "EG"},
    {"EmergencyOff", "EGO"},   {"IEPSCall", "IEPS"}, {"ContextAttr", "CT"},
    {"ContextAudit", "CA"},    {"O", "W"}, // the "O-" (optional) and "W-" (wildcard) prefixes
};
const H248Token kOtherAmmDescriptors[] = {
    {"Modem", "MD"},    {"Mux", "MX"},         {"Events", "E"}, {"Signals", "SG"},
    {"DigitMap", "DM"}, {"EventBuffer", "EB"}, {"Audit", "AT"}, {"Statistics", "SA"},
};
const H248Token kOtherStreamParms[] = {{"Statistics", "SA"}, {"TerminationState", "TS"}};
const H248Token kOtherLocalParms[] = {{"ReservedValue", "RV"}, {"ReservedGroup", "RG"}};
const H248Token kOtherStreamModes[] = {
    {"SendOnly", "SO"}, {"ReceiveOnly", "RC"}, {"Inactive", "IN"}, {"Loopback", "LB"}};

/** \return Unsupported when \p word is one of the \p known tokens, else Malformed. */
template<size_t N>
Error
UnexpectedToken(std::string_view word, const H248Token (&known)[N], const std::string& where)
{
    for (const H248Token& token : known)
    {
        if (TokenIs(word, token))
        {
            return MakeError(Errc::Unsupported,
                             where + ": " + std::string(word) + " is outside the Iq subset");
        }
    }
    return MakeError(Errc::Malformed, where + ": unexpected '" + std::string(word) + "'");
}

/** \return the lines of \p sdp: split at LF, one trailing CR and leading WSP removed, none empty.
 */
std::vector<std::string_view>
SdpLines(std::string_view sdp)
{
    std::vector<std::string_view> lines;
    size_t start = 0;
    while (start < sdp.size())
    {
        size_t end = sdp.find('\n', start);
        if (end == std::string_view::npos)
        {
            end = sdp.size();
        }
        std::string_view line = sdp.substr(start, end - start);
        if (!line.empty() && line.back() == '\r')
        {
            line.remove_suffix(1);
        }
        while (!line.empty() && (line.front() == ' ' || line.front() == '\t'))
        {
            line.remove_prefix(1);
        }
        if (!line.empty())
        {
            lines.push_back(line);
        }
        start = end + 1;
    }
    return lines;
}

/** \return \p sdp as CRLF-terminated lines without the descriptor indentation. */
std::string
NormalizeSdp(std::string_view sdp)
{
    std::string out;
    for (std::string_view line : SdpLines(sdp))
    {
        out.append(line);
        out += kEol;
    }
    return out;
}

/** \brief Appends "Local {" (or Remote), the SDP lines with "}" escaped, and the closing "}". */
void
AppendSdpDescriptor(std::string& out, const char* name, const std::string& sdp)
{
    out += std::string("        ") + name + " {" + kEol;
    for (std::string_view line : SdpLines(sdp))
    {
        for (char c : line)
        {
            if (c == '}')
            {
                out += '\\';
            }
            out += c;
        }
        out += kEol;
    }
    out += '}';
}

std::string
CommandName(IqCommand command)
{
    return command == IqCommand::Add ? "Add" : "Subtract";
}

/** \return "Error = code {"text"}" with characters a quotedString cannot hold replaced. */
std::string
FormatErrorDescriptor(uint16_t code, const std::string& text)
{
    std::string out = "Error = " + std::to_string(code) + " {";
    if (!text.empty())
    {
        out += '"';
        for (char c : text)
        {
            unsigned char u = static_cast<unsigned char>(c);
            bool allowed =
                c != '"' && u != 0x7f && (u >= 0x20 || c == '\t' || c == '\r' || c == '\n');
            out += allowed ? c : '\'';
        }
        out += '"';
    }
    return out + "}";
}

/** \brief Parses LWSP [authenticationHeader SEP] MegacopToken SLASH Version SEP mId SEP. */
Result<std::string>
ParseHeader(H248TextReader& r)
{
    r.SkipLwsp();
    if (!r.AcceptChar('!'))
    {
        auto token = r.ReadName("message header");
        if (!token)
        {
            return token.GetError();
        }
        if (TokenIs(token.Value(), kAuthentication))
        {
            return MakeError(Errc::Unsupported, "message header: Authentication is outside the "
                                                "Iq subset");
        }
        if (!TokenIs(token.Value(), kMegaco))
        {
            return MakeError(Errc::Malformed, "message header: expected MEGACO, got '" +
                                                  std::string(token.Value()) + "'");
        }
    }
    Status slash = r.ExpectChar('/', "message header");
    if (!slash)
    {
        return slash.GetError();
    }
    auto version = r.ReadUint("version", 2, 99);
    if (!version)
    {
        return version.GetError();
    }
    if (version.Value() < 1 || version.Value() > 3)
    {
        return MakeError(Errc::Unsupported,
                         "version: " + std::to_string(version.Value()) + " (1..3 supported)");
    }
    Status sep = r.ExpectSep("version");
    if (!sep)
    {
        return sep.GetError();
    }
    auto mid = r.ReadMid();
    if (!mid)
    {
        return mid.GetError();
    }
    sep = r.ExpectSep("mId");
    if (!sep)
    {
        return sep.GetError();
    }
    return std::string(mid.Value());
}

/** \brief Reads the transaction token and checks it is \p expected (Transaction or Reply). */
Status
ExpectTransactionToken(H248TextReader& r, const H248Token& expected)
{
    auto word = r.ReadName("transaction");
    if (!word)
    {
        return word.GetError();
    }
    if (TokenIs(word.Value(), expected))
    {
        return Ok{};
    }
    if (TokenIs(word.Value(), kTransaction) || TokenIs(word.Value(), kReply))
    {
        return MakeError(Errc::Malformed, "transaction: expected " +
                                              std::string(expected.longForm) + ", got " +
                                              std::string(word.Value()));
    }
    return UnexpectedToken(word.Value(), kOtherMessageBodies, "transaction");
}

/** \brief Checks that nothing but LWSP follows the single transaction. */
Status
ExpectEndOfMessage(H248TextReader& r)
{
    if (r.AtEnd())
    {
        return Ok{};
    }
    std::string_view word = r.PeekName();
    bool another = TokenIs(word, kTransaction) || TokenIs(word, kReply);
    for (const H248Token& token : kOtherMessageBodies)
    {
        another = another || TokenIs(word, token);
    }
    if (another)
    {
        return MakeError(Errc::Unsupported, "message: one transaction per message");
    }
    return MakeError(Errc::Malformed, "message: trailing data after the transaction");
}

/** \brief Parses ContextID: '$' (requests), '-' (replies, as 0) or a non-reserved UINT32. */
Result<uint32_t>
ParseContextId(H248TextReader& r, bool request)
{
    if (r.AcceptChar('$'))
    {
        if (request)
        {
            return 0u;
        }
        return MakeError(Errc::Malformed, "ContextID: CHOOSE '$' in a reply");
    }
    if (r.AcceptChar('-'))
    {
        if (!request)
        {
            return 0u;
        }
        return MakeError(Errc::Unsupported, "ContextID: the null context '-' in a request");
    }
    if (r.AcceptChar('*'))
    {
        return MakeError(Errc::Unsupported, "ContextID: ALL '*' is outside the Iq subset");
    }
    auto id = r.ReadUint("ContextID", 10, UINT32_MAX);
    if (id && (id.Value() == 0 || id.Value() >= 0xFFFFFFFEu))
    {
        return MakeError(Errc::OutOfRange,
                         "ContextID: " + std::to_string(id.Value()) + " is reserved");
    }
    return id;
}

/** \brief Which stream parameters a termination already had (each at most once). */
struct SeenStreamParms
{
    bool localControl = false; //!< LocalControl seen
    bool local = false;        //!< Local seen
    bool remote = false;       //!< Remote seen
};

/** \brief Parses LocalControl { Mode = SendReceive } after the token. */
Status
ParseLocalControl(H248TextReader& r)
{
    Status s = r.ExpectSymbol('{', "LocalControl");
    if (!s)
    {
        return s;
    }
    bool mode = false;
    do
    {
        auto word = r.ReadName("LocalControl parameter");
        if (!word)
        {
            return word.GetError();
        }
        if (r.AcceptChar('/'))
        {
            return MakeError(Errc::Unsupported, "LocalControl: package property " +
                                                    std::string(word.Value()) +
                                                    "/... is outside the Iq subset");
        }
        if (!TokenIs(word.Value(), kMode))
        {
            return UnexpectedToken(word.Value(), kOtherLocalParms, "LocalControl");
        }
        if (mode)
        {
            return MakeError(Errc::Malformed, "LocalControl: duplicate Mode");
        }
        mode = true;
        s = r.ExpectSymbol('=', "Mode");
        if (!s)
        {
            return s;
        }
        auto value = r.ReadName("Mode value");
        if (!value)
        {
            return value.GetError();
        }
        if (!TokenIs(value.Value(), kSendReceive))
        {
            return UnexpectedToken(value.Value(), kOtherStreamModes, "Mode");
        }
    } while (r.AcceptSymbol(','));
    return r.ExpectSymbol('}', "LocalControl");
}

/** \brief Parses one streamParm whose token \p word was read. */
Status
ParseStreamParm(H248TextReader& r, std::string_view word, IqTermination& t, SeenStreamParms& seen)
{
    if (TokenIs(word, kLocalControl))
    {
        if (seen.localControl)
        {
            return MakeError(Errc::Malformed, "Media: duplicate LocalControl descriptor");
        }
        seen.localControl = true;
        return ParseLocalControl(r);
    }
    bool local = TokenIs(word, kLocal);
    if (!local && !TokenIs(word, kRemote))
    {
        return UnexpectedToken(word, kOtherStreamParms, "stream parameter");
    }
    const char* name = local ? "Local" : "Remote";
    bool& already = local ? seen.local : seen.remote;
    if (already)
    {
        return MakeError(Errc::Malformed, std::string("Media: duplicate ") + name + " descriptor");
    }
    already = true;
    r.SkipLwsp();
    Status s = r.ExpectChar('{', name);
    if (!s)
    {
        return s;
    }
    auto sdp = r.ReadOctetString(name);
    if (!sdp)
    {
        return sdp.GetError();
    }
    (local ? t.localSdp : t.remoteSdp) = NormalizeSdp(sdp.Value());
    return Ok{};
}

/** \brief Parses Media { Stream = 1 { streamParm, ... } } or Media { streamParm, ... }. */
Status
ParseMedia(H248TextReader& r, IqTermination& t)
{
    Status s = r.ExpectSymbol('{', "Media");
    if (!s)
    {
        return s;
    }
    bool stream = false;
    bool streamParm = false;
    SeenStreamParms seen;
    do
    {
        auto word = r.ReadName("Media parameter");
        if (!word)
        {
            return word.GetError();
        }
        if (!TokenIs(word.Value(), kStream))
        {
            if (stream)
            {
                return MakeError(Errc::Malformed, "Media: stream parameter beside a Stream");
            }
            streamParm = true;
            s = ParseStreamParm(r, word.Value(), t, seen);
            if (!s)
            {
                return s;
            }
            continue;
        }
        if (stream || streamParm)
        {
            return MakeError(stream ? Errc::Unsupported : Errc::Malformed,
                             "Media: one Stream without stream parameters beside it");
        }
        stream = true;
        s = r.ExpectSymbol('=', "Stream");
        if (!s)
        {
            return s;
        }
        auto id = r.ReadUint("StreamID", 5, 65535);
        if (!id)
        {
            return id.GetError();
        }
        if (id.Value() != 1)
        {
            return MakeError(Errc::Unsupported,
                             "StreamID: " + std::to_string(id.Value()) + " (only Stream = 1)");
        }
        s = r.ExpectSymbol('{', "Stream");
        if (!s)
        {
            return s;
        }
        do
        {
            auto parm = r.ReadName("stream parameter");
            if (!parm)
            {
                return parm.GetError();
            }
            s = ParseStreamParm(r, parm.Value(), t, seen);
            if (!s)
            {
                return s;
            }
        } while (r.AcceptSymbol(','));
        s = r.ExpectSymbol('}', "Stream");
        if (!s)
        {
            return s;
        }
    } while (r.AcceptSymbol(','));
    return r.ExpectSymbol('}', "Media");
}

/** \brief Parses the TerminationID and descriptors after "Add =" or "Subtract =". */
Result<IqTermination>
ParseCommandTermination(H248TextReader& r, IqCommand command)
{
    std::string name = CommandName(command);
    auto id = r.ReadTerminationId(name);
    if (!id)
    {
        return id.GetError();
    }
    if (id.Value() == "*")
    {
        return MakeError(Errc::Unsupported, name + ": TerminationID ALL '*'");
    }
    if (id.Value() == "$" && command == IqCommand::Subtract)
    {
        return MakeError(Errc::Malformed, name + ": CHOOSE '$' needs an existing termination");
    }
    IqTermination t;
    t.terminationId = std::string(id.Value());
    if (!r.AcceptSymbol('{'))
    {
        return t;
    }
    if (command == IqCommand::Subtract)
    {
        return MakeError(Errc::Unsupported, name + ": audit descriptor is outside the Iq subset");
    }
    bool media = false;
    do
    {
        auto word = r.ReadName(name + " descriptor");
        if (!word)
        {
            return word.GetError();
        }
        if (!TokenIs(word.Value(), kMedia))
        {
            return UnexpectedToken(word.Value(), kOtherAmmDescriptors, name + " descriptor");
        }
        if (media)
        {
            return MakeError(Errc::Malformed, name + ": duplicate Media descriptor");
        }
        media = true;
        Status s = ParseMedia(r, t);
        if (!s)
        {
            return s.GetError();
        }
    } while (r.AcceptSymbol(','));
    Status s = r.ExpectSymbol('}', name);
    if (!s)
    {
        return s.GetError();
    }
    return t;
}

/** \brief Reads a command token: Add or Subtract (others are Unsupported or Malformed). */
Result<IqCommand>
ReadCommand(H248TextReader& r, const std::string& what)
{
    auto word = r.ReadName(what);
    if (!word)
    {
        return word.GetError();
    }
    if (TokenIs(word.Value(), kAdd))
    {
        return IqCommand::Add;
    }
    if (TokenIs(word.Value(), kSubtract))
    {
        return IqCommand::Subtract;
    }
    return UnexpectedToken(word.Value(), kOtherCommands, what);
}

/** \brief Parses the rest of errorDescriptor after "Error": = code { ["text"] }. */
Status
ParseErrorDescriptor(H248TextReader& r, IqReply& reply)
{
    Status s = r.ExpectSymbol('=', "Error");
    if (!s)
    {
        return s;
    }
    auto code = r.ReadUint("ErrorCode", 4, 9999);
    if (!code)
    {
        return code.GetError();
    }
    if (code.Value() == 0)
    {
        return MakeError(Errc::OutOfRange, "ErrorCode: 0 is not an error");
    }
    reply.errorCode = static_cast<uint16_t>(code.Value());
    s = r.ExpectSymbol('{', "Error");
    if (!s)
    {
        return s;
    }
    if (r.AcceptSymbol('}'))
    {
        return Ok{};
    }
    auto text = r.ReadQuotedString("Error text");
    if (!text)
    {
        return text.GetError();
    }
    reply.errorText = std::move(text).Value();
    return r.ExpectSymbol('}', "Error");
}

/** \brief Parses the action reply after "Context": = id [{ commandReply [, error] }]. */
Status
ParseActionReply(H248TextReader& r, IqReply& reply)
{
    Status s = r.ExpectSymbol('=', "Context");
    if (!s)
    {
        return s;
    }
    auto context = ParseContextId(r, false);
    if (!context)
    {
        return context.GetError();
    }
    reply.contextId = context.Value();
    if (!r.AcceptSymbol('{'))
    {
        return Ok{};
    }
    do
    {
        auto word = r.ReadName("command reply");
        if (!word)
        {
            return word.GetError();
        }
        if (TokenIs(word.Value(), kError))
        {
            s = ParseErrorDescriptor(r, reply);
            if (!s)
            {
                return s;
            }
            break; // the error descriptor comes last
        }
        IqCommand command = TokenIs(word.Value(), kSubtract) ? IqCommand::Subtract : IqCommand::Add;
        if (!TokenIs(word.Value(), kAdd) && !TokenIs(word.Value(), kSubtract))
        {
            return UnexpectedToken(word.Value(), kOtherCommands, "command reply");
        }
        if (!reply.terminationIds.empty() && command != reply.command)
        {
            return MakeError(Errc::Unsupported, "command reply: Add and Subtract mixed");
        }
        if (reply.terminationIds.size() == kMaxIqTerminations)
        {
            return MakeError(Errc::TooLarge, "command reply: more than " +
                                                 std::to_string(kMaxIqTerminations) +
                                                 " terminations");
        }
        reply.command = command;
        s = r.ExpectSymbol('=', CommandName(command));
        if (!s)
        {
            return s;
        }
        auto id = r.ReadTerminationId(CommandName(command));
        if (!id)
        {
            return id.GetError();
        }
        if (id.Value() == "$" || id.Value() == "*")
        {
            return MakeError(id.Value() == "$" ? Errc::Malformed : Errc::Unsupported,
                             "command reply: wildcard TerminationID " + std::string(id.Value()));
        }
        if (r.AcceptSymbol('{'))
        {
            return MakeError(Errc::Unsupported,
                             "command reply: terminationAudit is outside the Iq subset");
        }
        reply.terminationIds.emplace_back(id.Value());
    } while (r.AcceptSymbol(','));
    return r.ExpectSymbol('}', "Context");
}

} // namespace

bool
operator==(const IqTermination& a, const IqTermination& b)
{
    return a.terminationId == b.terminationId && a.localSdp == b.localSdp &&
           a.remoteSdp == b.remoteSdp;
}

bool
operator==(const IqRequest& a, const IqRequest& b)
{
    return a.transactionId == b.transactionId && a.mid == b.mid && a.command == b.command &&
           a.contextId == b.contextId && a.terminations == b.terminations;
}

bool
operator==(const IqReply& a, const IqReply& b)
{
    return a.transactionId == b.transactionId && a.mid == b.mid && a.contextId == b.contextId &&
           a.terminationIds == b.terminationIds && a.errorCode == b.errorCode &&
           a.errorText == b.errorText && a.command == b.command;
}

std::string
FormatIqRequest(const IqRequest& request)
{
    std::string out = "MEGACO/1 " + request.mid + kEol;
    out += "Transaction = " + std::to_string(request.transactionId) + " {" + kEol;
    out += "  Context = " +
           (request.contextId == 0 ? std::string("$") : std::to_string(request.contextId)) + " {" +
           kEol;
    for (size_t i = 0; i < request.terminations.size(); ++i)
    {
        const IqTermination& t = request.terminations[i];
        out += "    " + CommandName(request.command) + " = " + t.terminationId;
        bool local = !SdpLines(t.localSdp).empty();
        bool remote = !SdpLines(t.remoteSdp).empty();
        if (request.command == IqCommand::Add && (local || remote))
        {
            out += std::string(" {") + kEol + "      Media { Stream = 1 {" + kEol +
                   "        LocalControl { Mode = SendReceive }";
            if (local)
            {
                out += std::string(",") + kEol;
                AppendSdpDescriptor(out, "Local", t.localSdp);
            }
            if (remote)
            {
                out += std::string(",") + kEol;
                AppendSdpDescriptor(out, "Remote", t.remoteSdp);
            }
            out += std::string(" } }") + kEol + "    }";
        }
        out += (i + 1 < request.terminations.size() ? "," : "") + std::string(kEol);
    }
    out += std::string("  }") + kEol + "}" + kEol;
    return out;
}

Result<IqRequest>
ParseIqRequest(std::string_view text)
{
    if (text.size() > kMaxIqMessageSize)
    {
        return MakeError(Errc::TooLarge, "Iq message: " + std::to_string(text.size()) +
                                             " bytes exceed " + std::to_string(kMaxIqMessageSize));
    }
    H248TextReader r(text);
    IqRequest request;
    auto mid = ParseHeader(r);
    if (!mid)
    {
        return mid.GetError();
    }
    request.mid = std::move(mid).Value();
    Status s = ExpectTransactionToken(r, kTransaction);
    if (!s)
    {
        return s.GetError();
    }
    s = r.ExpectSymbol('=', "Transaction");
    if (!s)
    {
        return s.GetError();
    }
    auto transactionId = r.ReadUint("TransactionID", 10, UINT32_MAX);
    if (!transactionId)
    {
        return transactionId.GetError();
    }
    request.transactionId = transactionId.Value();
    s = r.ExpectSymbol('{', "Transaction");
    if (!s)
    {
        return s.GetError();
    }
    auto word = r.ReadName("action");
    if (!word)
    {
        return word.GetError();
    }
    if (!TokenIs(word.Value(), kContext))
    {
        return MakeError(Errc::Malformed,
                         "action: expected Context, got '" + std::string(word.Value()) + "'");
    }
    s = r.ExpectSymbol('=', "Context");
    if (!s)
    {
        return s.GetError();
    }
    auto context = ParseContextId(r, true);
    if (!context)
    {
        return context.GetError();
    }
    request.contextId = context.Value();
    s = r.ExpectSymbol('{', "Context");
    if (!s)
    {
        return s.GetError();
    }
    do
    {
        auto command = ReadCommand(r, "command");
        if (!command)
        {
            return command.GetError();
        }
        if (!request.terminations.empty() && command.Value() != request.command)
        {
            return MakeError(Errc::Unsupported, "command: Add and Subtract mixed");
        }
        if (request.terminations.size() == kMaxIqTerminations)
        {
            return MakeError(Errc::TooLarge, "command: more than " +
                                                 std::to_string(kMaxIqTerminations) +
                                                 " terminations");
        }
        request.command = command.Value();
        s = r.ExpectSymbol('=', CommandName(request.command));
        if (!s)
        {
            return s.GetError();
        }
        auto termination = ParseCommandTermination(r, request.command);
        if (!termination)
        {
            return termination.GetError();
        }
        request.terminations.push_back(std::move(termination).Value());
    } while (r.AcceptSymbol(','));
    s = r.ExpectSymbol('}', "Context");
    if (!s)
    {
        return s.GetError();
    }
    if (r.AcceptSymbol(','))
    {
        return MakeError(Errc::Unsupported, "Transaction: one Context per transaction");
    }
    s = r.ExpectSymbol('}', "Transaction");
    if (!s)
    {
        return s.GetError();
    }
    s = ExpectEndOfMessage(r);
    if (!s)
    {
        return s.GetError();
    }
    if (request.command == IqCommand::Add && request.terminations.size() > kMaxIqAddTerminations)
    {
        return MakeError(Errc::OutOfRange, "Add: more than " +
                                               std::to_string(kMaxIqAddTerminations) +
                                               " terminations in one transaction");
    }
    if (request.command == IqCommand::Subtract && request.contextId == 0)
    {
        return MakeError(Errc::Malformed, "Subtract: needs a specific ContextID, not '$'");
    }
    return request;
}

std::string
FormatIqReply(const IqReply& reply)
{
    std::string out = "MEGACO/1 " + reply.mid + kEol;
    out += "Reply = " + std::to_string(reply.transactionId) + " {" + kEol;
    if (reply.errorCode != 0 && reply.contextId == 0 && reply.terminationIds.empty())
    {
        out += "  " + FormatErrorDescriptor(reply.errorCode, reply.errorText) + kEol;
        return out + "}" + kEol;
    }
    out += "  Context = " +
           (reply.contextId == 0 ? std::string("-") : std::to_string(reply.contextId));
    std::vector<std::string> items;
    for (const std::string& id : reply.terminationIds)
    {
        items.push_back(CommandName(reply.command) + " = " + id);
    }
    if (reply.errorCode != 0)
    {
        items.push_back(FormatErrorDescriptor(reply.errorCode, reply.errorText));
    }
    if (!items.empty())
    {
        out += std::string(" {") + kEol;
        for (size_t i = 0; i < items.size(); ++i)
        {
            out += "    " + items[i] + (i + 1 < items.size() ? "," : "") + kEol;
        }
        out += "  }";
    }
    return out + kEol + "}" + kEol;
}

Result<IqReply>
ParseIqReply(std::string_view text)
{
    if (text.size() > kMaxIqMessageSize)
    {
        return MakeError(Errc::TooLarge, "Iq message: " + std::to_string(text.size()) +
                                             " bytes exceed " + std::to_string(kMaxIqMessageSize));
    }
    H248TextReader r(text);
    IqReply reply;
    auto mid = ParseHeader(r);
    if (!mid)
    {
        return mid.GetError();
    }
    reply.mid = std::move(mid).Value();
    Status s = ExpectTransactionToken(r, kReply);
    if (!s)
    {
        return s.GetError();
    }
    s = r.ExpectSymbol('=', "Reply");
    if (!s)
    {
        return s.GetError();
    }
    auto transactionId = r.ReadUint("TransactionID", 10, UINT32_MAX);
    if (!transactionId)
    {
        return transactionId.GetError();
    }
    reply.transactionId = transactionId.Value();
    if (r.AcceptChar('/'))
    {
        return MakeError(Errc::Unsupported, "Reply: segmentation is outside the Iq subset");
    }
    s = r.ExpectSymbol('{', "Reply");
    if (!s)
    {
        return s.GetError();
    }
    auto word = r.ReadName("action reply");
    if (!word)
    {
        return word.GetError();
    }
    if (TokenIs(word.Value(), kError))
    {
        s = ParseErrorDescriptor(r, reply);
    }
    else if (TokenIs(word.Value(), kContext))
    {
        s = ParseActionReply(r, reply);
        if (s && r.AcceptSymbol(','))
        {
            return MakeError(Errc::Unsupported, "Reply: one Context per transaction");
        }
    }
    else if (TokenIs(word.Value(), kImmAckRequired))
    {
        return MakeError(Errc::Unsupported, "Reply: ImmAckRequired is outside the Iq subset");
    }
    else
    {
        return MakeError(Errc::Malformed, "action reply: expected Context or Error, got '" +
                                              std::string(word.Value()) + "'");
    }
    if (!s)
    {
        return s.GetError();
    }
    s = r.ExpectSymbol('}', "Reply");
    if (!s)
    {
        return s.GetError();
    }
    s = ExpectEndOfMessage(r);
    if (!s)
    {
        return s.GetError();
    }
    return reply;
}

} // namespace iq
} // namespace mediasec
