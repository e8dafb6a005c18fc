#include "pstn-control-message.h"

#include <array>
#include <sstream>
#include <vector>

namespace ns3
{
namespace ims
{

namespace
{

constexpr size_t kMaxControlSize = 8192;

/** \brief Command word and the number of endpoints it carries. */
struct CommandForm
{
    PstnCommand command; //!< the command
    const char* word;    //!< its text
    size_t endpoints;    //!< "ip:port" words after the call id
};

constexpr std::array<CommandForm, 5> kForms{{{PstnCommand::Push, "PUSH", 2},
                                             {PstnCommand::Relay, "RELAY", 2},
                                             {PstnCommand::Release, "RELEASE", 0},
                                             {PstnCommand::Setup, "IAM", 1},
                                             {PstnCommand::Clear, "REL", 0}}};

const CommandForm&
FormOf(PstnCommand command)
{
    for (const auto& form : kForms)
    {
        if (form.command == command)
        {
            return form;
        }
    }
    return kForms[2];
}

/** \return true after reading "ip:port" of \p word into \p address and \p port */
bool
ReadEndpoint(const std::string& word, std::string& address, uint16_t& port)
{
    const size_t colon = word.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == word.size() ||
        word.size() - colon - 1 > 5)
    {
        return false;
    }
    uint32_t value = 0;
    for (size_t i = colon + 1; i < word.size(); ++i)
    {
        if (word[i] < '0' || word[i] > '9')
        {
            return false;
        }
        value = value * 10 + static_cast<uint32_t>(word[i] - '0');
    }
    if (value == 0 || value > 65535)
    {
        return false;
    }
    address = word.substr(0, colon);
    port = static_cast<uint16_t>(value);
    return true;
}

} // namespace

mediasec::Bytes
FormatPstnControl(const PstnControlMessage& message)
{
    const CommandForm& form = FormOf(message.command);
    std::string line = std::string(form.word) + " " + message.callId;
    if (form.endpoints > 0)
    {
        line += " " + message.firstAddress + ":" + std::to_string(message.firstPort);
    }
    if (form.endpoints > 1)
    {
        line += " " + message.secondAddress + ":" + std::to_string(message.secondPort);
    }
    line += "\n";
    mediasec::Bytes out(line.begin(), line.end());
    if (message.command == PstnCommand::Push)
    {
        out.insert(out.end(), message.keyPush.begin(), message.keyPush.end());
    }
    return out;
}

mediasec::Result<PstnControlMessage>
ParsePstnControl(const mediasec::Bytes& datagram)
{
    if (datagram.size() > kMaxControlSize)
    {
        return mediasec::MakeError(mediasec::Errc::TooLarge, "PSTN control: datagram");
    }
    size_t end = 0;
    while (end < datagram.size() && datagram[end] != '\n')
    {
        ++end;
    }
    if (end == datagram.size())
    {
        return mediasec::MakeError(mediasec::Errc::Malformed, "PSTN control: no line end");
    }
    std::istringstream line(std::string(datagram.begin(), datagram.begin() + end));
    std::vector<std::string> words;
    for (std::string word; line >> word;)
    {
        words.push_back(word);
    }
    const CommandForm* form = nullptr;
    for (const auto& candidate : kForms)
    {
        if (!words.empty() && words[0] == candidate.word)
        {
            form = &candidate;
        }
    }
    if (form == nullptr || words.size() != 2 + form->endpoints)
    {
        return mediasec::MakeError(mediasec::Errc::Malformed, "PSTN control: command line");
    }
    PstnControlMessage message;
    message.command = form->command;
    message.callId = words[1];
    if ((form->endpoints > 0 && !ReadEndpoint(words[2], message.firstAddress, message.firstPort)) ||
        (form->endpoints > 1 && !ReadEndpoint(words[3], message.secondAddress, message.secondPort)))
    {
        return mediasec::MakeError(mediasec::Errc::Malformed, "PSTN control: endpoint");
    }
    message.keyPush.assign(datagram.begin() + end + 1, datagram.end());
    if (message.command == PstnCommand::Push && message.keyPush.empty())
    {
        return mediasec::MakeError(mediasec::Errc::MissingField, "PSTN control: KeyPush");
    }
    if (message.command != PstnCommand::Push && !message.keyPush.empty())
    {
        return mediasec::MakeError(mediasec::Errc::Malformed, "PSTN control: trailing bytes");
    }
    return message;
}

mediasec::Result<PstnControlMessage>
ParsePstnControl(Ptr<const Packet> packet)
{
    mediasec::Bytes datagram(packet->GetSize());
    packet->CopyData(datagram.data(), datagram.size());
    return ParsePstnControl(datagram);
}

} // namespace ims
} // namespace ns3
