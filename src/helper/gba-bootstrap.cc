#include "gba-bootstrap.h"

#include "protocol/crypto/drbg.h"
#include "protocol/gba/gba-keys.h"
#include "protocol/gba/milenage.h"
#include "protocol/kms/kms-identity.h"

#include <stdexcept>

namespace ns3
{
namespace ims
{

namespace
{
/** \return the value, or throws naming \p what (a setup-time programmer error, not wire input) */
template <typename T>
T
Require(mediasec::Result<T> result, const char* what)
{
    if (!result)
    {
        throw std::runtime_error(std::string(what) + ": " + result.GetError().ToString());
    }
    return std::move(result).Value();
}

/** \return the generator of subscriber \p label's USIM secrets (and GBA RAND) */
mediasec::Drbg
SubscriberDrbg(uint64_t seed, const std::string& label)
{
    return mediasec::Drbg::FromSeed(seed, "gba/" + label);
}

/** \return K then OPc drawn from \p drbg */
UsimKeys
DrawUsimKeys(mediasec::Drbg& drbg)
{
    UsimKeys keys;
    keys.k = drbg.Generate(16);
    keys.opc = drbg.Generate(16);
    return keys;
}
} // namespace

UsimKeys
MakeUsimKeys(uint64_t seed, const std::string& label)
{
    mediasec::Drbg drbg = SubscriberDrbg(seed, label);
    return DrawUsimKeys(drbg);
}

GbaBootstrap
BootstrapForKms(uint64_t seed, const std::string& label, const std::string& impu,
                const std::string& kmsUri, const std::string& domain)
{
    mediasec::Drbg drbg = SubscriberDrbg(seed, label);
    DrawUsimKeys(drbg);
    return BootstrapForKms(seed, label, impu, kmsUri, drbg.Generate(16), domain);
}

GbaBootstrap
BootstrapForKms(uint64_t seed, const std::string& label, const std::string& impu,
                const std::string& kmsUri, const mediasec::Bytes& rand, const std::string& domain)
{
    const UsimKeys usim = MakeUsimKeys(seed, label);
    auto milenage = Require(mediasec::gba::Milenage::Create(usim.k, usim.opc, true), "Milenage");
    const auto av = Require(milenage.F2345(rand), "Milenage f2-f5");
    const mediasec::Bytes ks = Require(mediasec::gba::DeriveKs(av.ck, av.ik), "Ks");
    const std::string impi = impu.substr(impu.find(':') + 1);
    const mediasec::Bytes ksNaf =
        Require(mediasec::gba::DeriveKsNaf(ks, rand, impi, mediasec::kms::KmsFqdn(kmsUri),
                                           mediasec::gba::kUaProtocolIdImsMediaPlane),
                "Ks_NAF");
    GbaBootstrap bootstrap;
    bootstrap.ue.impu = impu;
    bootstrap.ue.btid = mediasec::gba::MakeBtid(rand, "bsf." + domain);
    bootstrap.ue.psk = ksNaf;
    bootstrap.ue.kmsUri = kmsUri;
    bootstrap.kmsUser.psk = ksNaf;
    bootstrap.kmsUser.identities = {impu};
    return bootstrap;
}

} // namespace ims
} // namespace ns3
