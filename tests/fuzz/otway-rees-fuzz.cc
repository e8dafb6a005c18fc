// Fuzz target for the Otway-Rees codec and its endpoints (doc/otway-rees.md). The input is
// parsed as every message and every sealed-part plaintext: an accepted one must format back to
// the exact input (one encoding per value). It is then handed to a KMS, an initiator, a
// responder and an MGW that know the keys of the committed corpus (seeded as in the unit tests),
// none of which may crash, and to the SDP key-mgmt parser as text.
#include "protocol/otway-rees/otway-rees-initiator.h"
#include "protocol/otway-rees/otway-rees-kms.h"
#include "protocol/otway-rees/otway-rees-messages.h"
#include "protocol/otway-rees/otway-rees-parts.h"
#include "protocol/otway-rees/otway-rees-responder.h"
#include "protocol/otway-rees/otway-rees-sdp.h"
#include "protocol/otway-rees/sgw-key-push.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace
{

using namespace mediasec;
using namespace mediasec::otway;

constexpr int64_t kT0 = 1763800000LL * 1000000000LL; //!< the corpus clock

/** \brief Traps unless a successful parse of \p input formats back to \p input. */
template<typename T>
void
RoundTrip(const Bytes& input, Result<T> (*parse)(const Bytes&), Bytes (*format)(const T&))
{
    auto parsed = parse(input);
    if (parsed && format(parsed.Value()) != input)
    {
        __builtin_trap();
    }
}

/** \return the long-term key of \p identity as the unit tests derive it */
Bytes
KeyOf(const std::string& identity)
{
    return Drbg::FromSeed(1, "otway/key/" + identity).Generate(kLongTermKeyLength);
}

/**
 * \brief Feeds \p input to every endpoint in the state where it expects a message. A and B
 * replay the corpus call (same seeds), so the corpus KmsReply and Answer open in full.
 */
void
FeedEndpoints(const Bytes& input)
{
    static OtwayReesKms kms([](const std::string& id) -> Result<Bytes> { return KeyOf(id); },
                            CalleeOrGateway({"sip:sgw1.ims.example.com"}),
                            Drbg::FromSeed(1, "otway/fuzz-kms"), OtwayReesKmsConfig{});
    kms.Handle(input, kT0);

    const std::string alice = "sip:alice@ims.example.com";
    const std::string bob = "sip:bob@ims.example.com";
    Drbg drbg = Drbg::FromSeed(1, "otway/fuzz");
    OtwayReesInitiator a(alice, KeyOf(alice));
    Bytes offer = a.BuildOffer(bob, drbg, kT0).Value();
    OtwayReesResponder b(bob, KeyOf(bob), ResponderRole::Callee);
    b.BuildKmsRequest(offer, drbg, kT0);
    b.ProcessKmsReply(input);
    a.ProcessAnswer(input);

    OtwayReesResponder gateway("sip:sgw1.ims.example.com", KeyOf("sip:sgw1.ims.example.com"),
                               ResponderRole::Gateway);
    gateway.BuildKmsRequest(input, drbg, kT0);

    static SgwKeyPushReceiver mgw(Drbg::FromSeed(3, "otway/ksm").Generate(kLongTermKeyLength),
                                  30LL * 1000000000LL, 64);
    mgw.Open(input, kT0);
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const Bytes input(data, data + size);
    RoundTrip(input, ParseOffer, FormatOffer);
    RoundTrip(input, ParseKmsRequest, FormatKmsRequest);
    RoundTrip(input, ParseKmsReply, FormatKmsReply);
    RoundTrip(input, ParseAnswer, FormatAnswer);
    RoundTrip(input, ParseErrorMessage, FormatErrorMessage);
    RoundTrip(input, DecodeRequestPart, EncodeRequestPart);
    RoundTrip(input, DecodeKeyGrant, EncodeKeyGrant);
    RoundTrip(input, DecodeKeyPushPart, EncodeKeyPushPart);
    PeekMessageType(input);
    FeedEndpoints(input);

    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto sdp = ParseKeyMgmtOtwayRees(text);
    if (sdp && FormatKeyMgmtOtwayRees(sdp.Value()) != text)
    {
        __builtin_trap();
    }
    return 0;
}
