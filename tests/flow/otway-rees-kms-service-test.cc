// The Otway-Rees KMS behind HTTP (doc/otway-rees-e2m.md): status codes and content type.
#include "model/otway-rees-kms-service.h"
#include "protocol/otway-rees/otway-rees-initiator.h"
#include "protocol/otway-rees/otway-rees-messages.h"
#include "protocol/otway-rees/otway-rees-responder.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ims_test
{
namespace
{

using ns3::ims::OtwayReesKmsService;

constexpr int64_t kNow = 1767225600LL * 1000000000LL;

mediasec::http::HttpRequest
Post(const std::string& target, const std::string& type, const mediasec::Bytes& body)
{
    mediasec::http::HttpRequest request{"POST", target, {{"Content-Type", type}}, ""};
    request.body.assign(body.begin(), body.end());
    return request;
}

/** \return a KmsRequest of the SGW for a call of Alice to a PSTN number */
mediasec::Bytes
SgwRequest()
{
    auto drbg = mediasec::Drbg::FromSeed(3, "test");
    mediasec::otway::OtwayReesInitiator alice("sip:alice@ims.test", mediasec::Bytes(32, 0x11));
    auto offer = alice.BuildOffer("sip:+15551234@pstn.ims.test", drbg, kNow);
    mediasec::otway::OtwayReesResponder sgw("sip:sgw@pstn.ims.test", mediasec::Bytes(32, 0x22),
                                            mediasec::otway::ResponderRole::Gateway);
    return sgw.BuildKmsRequest(offer.Value(), drbg, kNow).Value();
}

class OtwayReesKmsServiceTest : public ::testing::Test
{
  protected:
    void
    SetUp() override
    {
        m_service.AddKey("sip:alice@ims.test", mediasec::Bytes(32, 0x11));
        m_service.AddKey("sip:sgw@pstn.ims.test", mediasec::Bytes(32, 0x22));
    }

    OtwayReesKmsService m_service;
    std::vector<std::string> m_held; //!< fingerprints reported as held by the KMS
};

TEST_F(OtwayReesKmsServiceTest, GivenAnAuthorizedGateway_WhenItPosts_ThenTheReplyIs200KmsReply)
{
    m_service.AddAuthorizedGateway("sip:sgw@pstn.ims.test");
    m_service.Start(mediasec::Drbg::FromSeed(1, "kms"), 300LL * 1000000000LL,
                    [this](const std::string& fingerprint) { m_held.push_back(fingerprint); });
    const auto response =
        m_service.Serve(Post("/otway-rees", "application/otway-rees", SgwRequest()), kNow);
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(*mediasec::http::FindHeader(response.headers, "Content-Type"),
              "application/otway-rees");
    const mediasec::Bytes body(response.body.begin(), response.body.end());
    EXPECT_EQ(mediasec::otway::PeekMessageType(body).Value(),
              mediasec::otway::MessageType::KmsReply);
    EXPECT_EQ(m_service.Stats().keysIssued, 1u);
    ASSERT_EQ(m_held.size(), 2u); // both directions
    EXPECT_NE(m_held[0], m_held[1]);
}

TEST_F(OtwayReesKmsServiceTest, GivenAGatewayOffTheList_WhenItPosts_ThenTheReplyIs403Error)
{
    m_service.Start(mediasec::Drbg::FromSeed(1, "kms"), 300LL * 1000000000LL,
                    [this](const std::string& fingerprint) { m_held.push_back(fingerprint); });
    const auto response =
        m_service.Serve(Post("/otway-rees", "application/otway-rees", SgwRequest()), kNow);
    EXPECT_EQ(response.status, 403);
    const mediasec::Bytes body(response.body.begin(), response.body.end());
    auto error = mediasec::otway::ParseErrorMessage(body);
    ASSERT_TRUE(error);
    EXPECT_EQ(error.Value().refusal, mediasec::otway::Refusal::NotAuthorized);
    EXPECT_TRUE(m_held.empty());
}

TEST_F(OtwayReesKmsServiceTest, GivenAnotherContentTypeOrMethod_WhenServed_ThenTheReplyIs400)
{
    m_service.Start(mediasec::Drbg::FromSeed(1, "kms"), 300LL * 1000000000LL,
                    [this](const std::string& fingerprint) { m_held.push_back(fingerprint); });
    EXPECT_EQ(m_service.Serve(Post("/otway-rees", "application/mikey", SgwRequest()), kNow).status,
              400);
    auto get = Post("/otway-rees", "application/otway-rees", SgwRequest());
    get.method = "GET";
    EXPECT_EQ(m_service.Serve(get, kNow).status, 400);
    EXPECT_EQ(m_service.BadRequests(), 2u);
    EXPECT_EQ(m_service.Stats().keysIssued + m_service.Stats().refused[1], 0u);
}

} // namespace
} // namespace ims_test
