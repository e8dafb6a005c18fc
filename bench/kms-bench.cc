// M4 kms_core_efficiency and M9 kms_offload (doc PERF.md section 4, doc/kms-benchmark.md).
//
// M4: KMS core REQUEST_INIT (and, separately, RESOLVE_INIT) handled per CPU second, divided by
// the crypto ceiling of this run: 1 / (sum over the crypto operations of one request, as
// KmsReply::ops counts them, of the unit cost of each operation measured here with the
// project's own wrappers: mikey::Prf, mikey::ComputeMac over a message-sized input,
// mikey::KemacEncrypt of the KMS's two-key KEMAC and Drbg::Generate). Every request is a
// distinct, valid, pre-generated message (fresh RAND and T, users cycling over a large
// population). Each round measures the unit costs, then a REQUEST batch, then a RESOLVE batch;
// the ratio is taken per round. CPU time is CLOCK_PROCESS_CPUTIME_ID.
//
// M9 (deterministic): KMS requests per call for N calls between the same pair, with and
// without reusable tickets (initiator reuse, responder cache), driven through the ticket agents.
//
// Usage: kms-bench [rounds (default 7, at least 5)] [requests per batch (3000)] [users (5000)]
#include "protocol/crypto/drbg.h"
#include "protocol/kms/kms-core.h"
#include "protocol/kms/ticket-agent.h"
#include "protocol/mikey/kemac-crypto.h"
#include "protocol/mikey/mikey-prf.h"
#include "protocol/mikey/ticket-fields.h"

#include "bench-stats.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <unordered_map>
#include <vector>

namespace
{

using mediasec::Bytes;
using mediasec::Drbg;
using mediasec::Result;
using mediasec::kms::CryptoOps;
using mediasec::kms::KmsCore;
using mediasec::kms::KmsReply;
using mediasec::kms::KmsUser;
using mediasec::kms::TicketInitiator;
using mediasec::kms::TicketResponder;
using mediasec::kms::UeCredentials;

constexpr int64_t kSecondNs = 1000000000LL;
constexpr int64_t kT0 = 1763800000LL * kSecondNs; //!< 2025-11-22, an arbitrary UTC instant
constexpr int64_t kRequestSpacingNs = 100000;     //!< 100 us between pre-generated requests
constexpr uint64_t kSeed = 11;                    //!< DRBG run seed
constexpr int kUnitIterations = 4000;             //!< calls per unit-cost measurement
constexpr size_t kPrfLabelLength = 76; //!< TicketMessageKeyContext with two 32-byte RANDs
const std::string kKmsUri = "sip:kms.example.com";

/** \brief CPU seconds of this process. */
double
CpuNow()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

/** \brief Aborts the benchmark with \p what (a failed operation invalidates the figures). */
[[noreturn]] void
Fail(const std::string& what)
{
    std::fprintf(stderr, "kms-bench: %s\n", what.c_str());
    std::exit(1);
}

/** \return the value of \p r, or aborts naming \p what and the error. */
template<typename T>
T
Must(Result<T> r, const char* what)
{
    if (!r)
    {
        Fail(std::string(what) + ": " + r.GetError().ToString());
    }
    return std::move(r).Value();
}

/** \return true when \p a and \p b count the same operations. */
bool
SameOps(const CryptoOps& a, const CryptoOps& b)
{
    return a.prf == b.prf && a.mac == b.mac && a.cipher == b.cipher && a.random == b.random;
}

/** \brief A KMS core and its registered users (B-TID -> user), built in place. */
class KmsWorld
{
  public:
    KmsWorld()
        : m_kms(
              kKmsUri,
              [this](const std::string& btid) -> Result<KmsUser> {
                  auto it = m_users.find(btid);
                  if (it == m_users.end())
                  {
                      return mediasec::MakeError(mediasec::Errc::MissingField, "no such B-TID");
                  }
                  return it->second;
              },
              Drbg::FromSeed(kSeed, "kms"), mediasec::kms::KmsPolicy{})
    {
    }

    KmsWorld(const KmsWorld&) = delete;
    KmsWorld& operator=(const KmsWorld&) = delete;

    /** \return the credentials of a new user number \p i, registered at the KMS. */
    UeCredentials
    AddUser(size_t i)
    {
        const std::string impu = "sip:user" + std::to_string(i) + "@example.com";
        const std::string btid = "btid-" + std::to_string(i) + "@bsf.example.com";
        Bytes psk = Drbg::FromSeed(kSeed, "psk/" + btid).Generate(mediasec::kms::kProfileKeyLength);
        m_users[btid] = KmsUser{psk, {impu}};
        return UeCredentials{impu, btid, psk, kKmsUri};
    }

    /** \return the KMS */
    KmsCore&
    Kms()
    {
        return m_kms;
    }

  private:
    std::unordered_map<std::string, KmsUser> m_users; //!< registered users
    KmsCore m_kms;                                    //!< the KMS under test
};

/** \brief One pre-generated request and the KMS clock at which it is handled. */
struct Request
{
    Bytes message; //!< REQUEST_INIT or RESOLVE_INIT
    int64_t nowNs; //!< KMS clock (the request's own T)
};

/** \brief UE agents of a user population, one initiator and one responder per user. */
struct Population
{
    std::vector<UeCredentials> creds;        //!< credentials
    std::vector<TicketInitiator> initiators; //!< by user
    std::vector<TicketResponder> responders; //!< by user
};

/** \return \p users users registered at \p world with their agents. */
Population
MakePopulation(KmsWorld& world, size_t users)
{
    Population p;
    for (size_t i = 0; i < users; ++i)
    {
        p.creds.push_back(world.AddUser(i));
        p.initiators.emplace_back(p.creds.back(),
                                  Drbg::FromSeed(kSeed, "ue-i/" + p.creds.back().btid));
        p.responders.emplace_back(p.creds.back(),
                                  Drbg::FromSeed(kSeed, "ue-r/" + p.creds.back().btid));
    }
    return p;
}

/** \return \p count REQUEST_INITs, user k % n asking for a ticket to user k+1; advances \p clock */
std::vector<Request>
MakeRequestInits(Population& p, size_t count, int64_t& clock)
{
    std::vector<Request> out;
    const size_t n = p.creds.size();
    for (size_t k = 0; k < count; ++k, clock += kRequestSpacingNs)
    {
        const size_t u = k % n;
        out.push_back(
            {Must(p.initiators[u].BuildRequestInit({p.creds[(u + 1) % n].impu}, false, clock),
                  "REQUEST_INIT"),
             clock});
    }
    return out;
}

/**
 * \return \p count RESOLVE_INITs, each of a fresh ticket that user k % n obtained from the KMS
 * (untimed) and transferred to user k+1; advances \p clock
 */
std::vector<Request>
MakeResolveInits(KmsWorld& world, Population& p, size_t count, int64_t& clock)
{
    std::vector<Request> out;
    const size_t n = p.creds.size();
    for (size_t k = 0; k < count; ++k, clock += kRequestSpacingNs)
    {
        const size_t u = k % n;
        const std::string& bob = p.creds[(u + 1) % n].impu;
        TicketInitiator& alice = p.initiators[u];
        Bytes request = Must(alice.BuildRequestInit({bob}, false, clock), "REQUEST_INIT");
        KmsReply reply = world.Kms().HandleRequestInit(request, clock);
        if (!reply.IsOk())
        {
            Fail("setup REQUEST_INIT refused: " + reply.error->ToString());
        }
        if (auto s = alice.ProcessRequestResp(reply.message, clock); !s)
        {
            Fail("REQUEST_RESP: " + s.GetError().ToString());
        }
        Bytes transfer = Must(alice.BuildTransferInit(bob, clock), "TRANSFER_INIT");
        auto step = Must(p.responders[(u + 1) % n].ProcessTransferInit(transfer, clock),
                         "TRANSFER_INIT at the responder");
        if (!step.resolveInit)
        {
            Fail("a fresh ticket was answered without the KMS");
        }
        out.push_back({std::move(*step.resolveInit), clock});
    }
    return out;
}

/** \brief CPU time and crypto operations of one batch. */
struct BatchResult
{
    double nsPerRequest = 0; //!< CPU ns per handled request
    CryptoOps opsPerRequest; //!< identical for every request of the batch (checked)
};

/** \brief Handles \p requests [begin, end) with \p handler; aborts on any refusal. */
BatchResult
RunBatch(KmsCore& kms, KmsReply (KmsCore::*handler)(const Bytes&, int64_t),
         const std::vector<Request>& requests, size_t begin, size_t end)
{
    std::vector<KmsReply> replies;
    replies.reserve(end - begin);
    const double t0 = CpuNow();
    for (size_t i = begin; i < end; ++i)
    {
        replies.push_back((kms.*handler)(requests[i].message, requests[i].nowNs));
    }
    const double t1 = CpuNow();
    BatchResult r;
    r.nsPerRequest = (t1 - t0) / static_cast<double>(end - begin) * 1e9;
    r.opsPerRequest = replies.front().ops;
    for (const KmsReply& reply : replies)
    {
        if (!reply.IsOk())
        {
            Fail("request refused: " + reply.error->ToString());
        }
        if (!SameOps(reply.ops, r.opsPerRequest))
        {
            Fail("crypto operations differ between requests of one batch");
        }
    }
    return r;
}

/** \brief CPU ns per call of each crypto operation, measured with the project's wrappers. */
struct UnitCosts
{
    double prf = 0;        //!< mikey::Prf, HMAC-SHA-256, 32-byte key and output, 76-byte label
    double macRequest = 0; //!< mikey::ComputeMac over a REQUEST_INIT-sized input
    double macResolve = 0; //!< mikey::ComputeMac over a RESOLVE_INIT-sized input
    double cipher = 0;     //!< mikey::KemacEncrypt, AES-CM-256, the KMS's two 32-byte keys
    double random = 0;     //!< Drbg::Generate(32)

    /** \return the ceiling: CPU ns of the crypto of a request that spends \p ops */
    double
    CeilingNs(const CryptoOps& ops, double mac) const
    {
        return static_cast<double>(ops.prf) * prf + static_cast<double>(ops.mac) * mac +
               static_cast<double>(ops.cipher) * cipher + static_cast<double>(ops.random) * random;
    }
};

/** \return CPU ns per call of \p op (run kUnitIterations times). */
template<typename Op>
double
TimeUnit(Op op)
{
    const double t0 = CpuNow();
    for (int i = 0; i < kUnitIterations; ++i)
    {
        op(i);
    }
    return (CpuNow() - t0) / kUnitIterations * 1e9;
}

/** \brief Measures the unit costs with inputs of the sizes the KMS uses. */
class UnitBench
{
  public:
    /** \param requestSize bytes of a REQUEST_INIT \param resolveSize bytes of a RESOLVE_INIT */
    UnitBench(size_t requestSize, size_t resolveSize)
        : m_drbg(Drbg::FromSeed(kSeed, "unit"))
        , m_key(m_drbg.Generate(32))
        , m_label(m_drbg.Generate(kPrfLabelLength))
        , m_requestInput(m_drbg.Generate(requestSize))
        , m_resolveInput(m_drbg.Generate(resolveSize))
        , m_plaintext(mediasec::mikey::FormatKeyDataList(
              {mediasec::mikey::MakeKeyData(mediasec::mikey::KeyDataType::Mpk, m_drbg.Generate(32)),
               mediasec::mikey::MakeKeyData(mediasec::mikey::KeyDataType::Tgk,
                                            m_drbg.Generate(32))}))
    {
        m_params.encrAlg = mediasec::kms::kProfileEncr;
        m_params.encrKey = m_drbg.Generate(mediasec::mikey::KemacEncrKeyLength(m_params.encrAlg));
        m_params.saltKey = m_drbg.Generate(mediasec::mikey::kKemacSaltKeyLength);
        m_params.csbId = 0x01020304;
    }

    /** \return the unit costs of this moment */
    UnitCosts
    Measure()
    {
        UnitCosts c;
        c.prf = TimeUnit([this](int i) {
            m_label[0] = static_cast<uint8_t>(i);
            Consume(
                Must(mediasec::mikey::Prf(mediasec::kms::kProfilePrf, m_key, m_label, 32), "Prf"));
        });
        c.macRequest = TimeUnit([this](int i) { Mac(m_requestInput, i); });
        c.macResolve = TimeUnit([this](int i) { Mac(m_resolveInput, i); });
        c.cipher = TimeUnit([this](int i) {
            m_params.timestamp = static_cast<uint64_t>(i);
            Consume(Must(mediasec::mikey::KemacEncrypt(m_params, m_plaintext), "KemacEncrypt"));
        });
        c.random = TimeUnit([this](int) { Consume(m_drbg.Generate(32)); });
        return c;
    }

    /** \return bytes of the KEMAC plaintext */
    size_t
    PlaintextSize() const
    {
        return m_plaintext.size();
    }

  private:
    /** \brief One HMAC-SHA-256 over \p input (first byte varied by \p i). */
    void
    Mac(Bytes& input, int i)
    {
        input[0] = static_cast<uint8_t>(i);
        Bytes mac = mediasec::mikey::ComputeMac(mediasec::kms::kProfileMac, m_key, input);
        if (mac.empty())
        {
            Fail("ComputeMac failed");
        }
        Consume(mac);
    }

    /** \brief Keeps \p out alive for the optimizer. */
    void
    Consume(const Bytes& out)
    {
        m_sink ^= out.empty() ? 0 : out[0];
    }

    Drbg m_drbg;                                 //!< key material and the DRBG under test
    Bytes m_key;                                 //!< PRF inkey and MAC key
    Bytes m_label;                               //!< PRF label
    Bytes m_requestInput;                        //!< MAC input, REQUEST_INIT-sized
    Bytes m_resolveInput;                        //!< MAC input, RESOLVE_INIT-sized
    Bytes m_plaintext;                           //!< KEMAC key data list
    mediasec::mikey::KemacCipherParams m_params; //!< KEMAC cipher parameters
    volatile uint8_t m_sink = 0;                 //!< defeats dead-code elimination
};


/** \brief Prints the crypto operations of one request of \p kind. */
void
PrintOps(const char* kind, const CryptoOps& ops)
{
    std::printf("  %-13s prf %2llu  mac %2llu  cipher %2llu  random %2llu  total %2llu\n", kind,
                static_cast<unsigned long long>(ops.prf), static_cast<unsigned long long>(ops.mac),
                static_cast<unsigned long long>(ops.cipher),
                static_cast<unsigned long long>(ops.random),
                static_cast<unsigned long long>(ops.Total()));
}

/** \brief Runs M4 and prints its figures. */
void
RunM4(int rounds, size_t batch, size_t users)
{
    KmsWorld world;
    Population population = MakePopulation(world, users);
    const size_t warmUp = std::max<size_t>(1, batch / 10);
    const size_t total = warmUp + static_cast<size_t>(rounds) * batch;
    int64_t clock = kT0;
    const std::vector<Request> requests = MakeRequestInits(population, total, clock);
    const std::vector<Request> resolves = MakeResolveInits(world, population, total, clock);
    UnitBench unit(requests.front().message.size(), resolves.front().message.size());

    std::printf("M4 kms_core_efficiency: %d interleaved rounds x %zu distinct requests per kind, "
                "%zu users\n",
                rounds, batch, users);
    std::printf("ratio = ceiling ns / measured ns per request (= requests per CPU s / ceiling "
                "requests per CPU s);\nceiling = sum over KmsReply::ops of unit costs measured in "
                "the same round: Prf (32-byte key and\noutput, %zu-byte label), ComputeMac "
                "HMAC-SHA-256 over %zu B (REQUEST) / %zu B (RESOLVE),\nKemacEncrypt AES-CM-256 of "
                "%zu B, Drbg::Generate(32). CPU time = CLOCK_PROCESS_CPUTIME_ID.\nAbsolute ns "
                "and rates are NOISY (shared VM); ratios are taken per round.\n\n",
                kPrfLabelLength, requests.front().message.size(), resolves.front().message.size(),
                unit.PlaintextSize());

    KmsCore& kms = world.Kms();
    // Warm-up (page faults, lazy OpenSSL fetches, allocator) is not reported.
    unit.Measure();
    const BatchResult warmRequest = RunBatch(kms, &KmsCore::HandleRequestInit, requests, 0, warmUp);
    const BatchResult warmResolve = RunBatch(kms, &KmsCore::HandleResolveInit, resolves, 0, warmUp);

    std::vector<double> reqNs, resNs, reqCeil, resCeil, reqRatio, resRatio;
    std::vector<double> prfNs, macNs, cipherNs, randomNs;
    std::printf("  round   prf ns  mac(req) ns  aes ns  drbg ns | REQUEST ns  ceiling  ratio | "
                "RESOLVE ns  ceiling  ratio\n");
    for (int r = 0; r < rounds; ++r)
    {
        const size_t begin = warmUp + static_cast<size_t>(r) * batch;
        const UnitCosts c = unit.Measure();
        const BatchResult req =
            RunBatch(kms, &KmsCore::HandleRequestInit, requests, begin, begin + batch);
        const BatchResult res =
            RunBatch(kms, &KmsCore::HandleResolveInit, resolves, begin, begin + batch);
        if (!SameOps(req.opsPerRequest, warmRequest.opsPerRequest) ||
            !SameOps(res.opsPerRequest, warmResolve.opsPerRequest))
        {
            Fail("crypto operations per request changed between rounds");
        }
        reqNs.push_back(req.nsPerRequest);
        resNs.push_back(res.nsPerRequest);
        reqCeil.push_back(c.CeilingNs(req.opsPerRequest, c.macRequest));
        resCeil.push_back(c.CeilingNs(res.opsPerRequest, c.macResolve));
        reqRatio.push_back(reqCeil.back() / reqNs.back());
        resRatio.push_back(resCeil.back() / resNs.back());
        prfNs.push_back(c.prf);
        macNs.push_back(c.macRequest);
        cipherNs.push_back(c.cipher);
        randomNs.push_back(c.random);
        std::printf("  %5d  %7.0f  %11.0f  %6.0f  %7.0f | %10.0f  %7.0f  %5.3f | %10.0f  %7.0f  "
                    "%5.3f\n",
                    r + 1, c.prf, c.macRequest, c.cipher, c.random, reqNs.back(), reqCeil.back(),
                    reqRatio.back(), resNs.back(), resCeil.back(), resRatio.back());
    }
    std::printf("\n  crypto operations per request (deterministic):\n");
    PrintOps("REQUEST_INIT", warmRequest.opsPerRequest);
    PrintOps("RESOLVE_INIT", warmResolve.opsPerRequest);
    std::printf("\n");
    PrintSummary("M4 REQUEST_INIT efficiency (ratio)", reqRatio, "");
    PrintSummary("M4 RESOLVE_INIT efficiency (ratio)", resRatio, "");
    std::vector<double> reqRate, resRate, reqCeilRate, resCeilRate;
    for (size_t i = 0; i < reqNs.size(); ++i)
    {
        reqRate.push_back(1e6 / reqNs[i]);
        resRate.push_back(1e6 / resNs[i]);
        reqCeilRate.push_back(1e6 / reqCeil[i]);
        resCeilRate.push_back(1e6 / resCeil[i]);
    }
    PrintSummary("REQUEST_INIT per CPU s (NOISY)", reqRate, " k");
    PrintSummary("REQUEST_INIT ceiling per CPU s (NOISY)", reqCeilRate, " k");
    PrintSummary("RESOLVE_INIT per CPU s (NOISY)", resRate, " k");
    PrintSummary("RESOLVE_INIT ceiling per CPU s (NOISY)", resCeilRate, " k");
    PrintSummary("REQUEST_INIT CPU per request (NOISY)", reqNs, " ns");
    PrintSummary("RESOLVE_INIT CPU per request (NOISY)", resNs, " ns");
    PrintSummary("unit Prf (NOISY)", prfNs, " ns");
    PrintSummary("unit ComputeMac, REQUEST size (NOISY)", macNs, " ns");
    PrintSummary("unit KemacEncrypt (NOISY)", cipherNs, " ns");
    PrintSummary("unit Drbg::Generate(32) (NOISY)", randomNs, " ns");
    std::printf("\n");
}

/** \brief KMS load of N calls between one pair. */
struct OffloadResult
{
    uint64_t requestInits = 0; //!< REQUEST_INITs sent to the KMS
    uint64_t resolveInits = 0; //!< RESOLVE_INITs sent to the KMS
    uint64_t kmsOps = 0;       //!< crypto operations at the KMS
};

/**
 * \return the KMS load of \p calls calls from Alice to Bob, 20 s apart, Alice asking for
 * reusable tickets when \p reuse and Bob caching resolved reusable tickets when \p cache. Keys
 * of both sides are checked on every call.
 */
OffloadResult
RunCalls(int calls, bool reuse, bool cache)
{
    KmsWorld world;
    const UeCredentials aliceCred = world.AddUser(0);
    const UeCredentials bobCred = world.AddUser(1);
    TicketInitiator alice(aliceCred, Drbg::FromSeed(kSeed, "m9/alice"));
    TicketResponder bob(bobCred, Drbg::FromSeed(kSeed, "m9/bob"), cache);
    OffloadResult out;
    for (int i = 0; i < calls; ++i)
    {
        const int64_t now = kT0 + i * 20 * kSecondNs;
        if (!alice.HasUsableTicket(now))
        {
            Bytes request = Must(alice.BuildRequestInit({bobCred.impu}, reuse, now), "REQUEST");
            ++out.requestInits;
            KmsReply reply = world.Kms().HandleRequestInit(request, now);
            if (auto s = alice.ProcessRequestResp(reply.message, now); !s)
            {
                Fail("M9 REQUEST_RESP: " + s.GetError().ToString());
            }
        }
        Bytes transfer = Must(alice.BuildTransferInit(bobCred.impu, now), "M9 TRANSFER_INIT");
        auto step = Must(bob.ProcessTransferInit(transfer, now), "M9 TRANSFER_INIT at Bob");
        mediasec::kms::ResponderOutcome outcome;
        if (step.resolveInit)
        {
            ++out.resolveInits;
            KmsReply reply = world.Kms().HandleResolveInit(*step.resolveInit, now);
            outcome = Must(bob.ProcessResolveResp(reply.message, now), "M9 RESOLVE_RESP");
        }
        else
        {
            outcome = std::move(*step.outcome);
        }
        auto keys = Must(alice.ProcessTransferResp(outcome.transferResp), "M9 TRANSFER_RESP");
        if (keys.srtp.initiatorToResponder.key != outcome.keys.srtp.initiatorToResponder.key ||
            keys.srtp.responderToInitiator.key != outcome.keys.srtp.responderToInitiator.key)
        {
            Fail("M9: Alice and Bob disagree on the SRTP keys");
        }
    }
    out.kmsOps = world.Kms().Stats().ops.Total();
    return out;
}

/** \brief Runs M9 and prints its figures. */
void
RunM9()
{
    std::printf("M9 kms_offload (deterministic): KMS requests per call, N calls Alice -> Bob 20 s "
                "apart,\nticket lifetime 1 h; 'none' = a non-reusable ticket per call.\n\n");
    std::printf("  %5s  %-26s  %8s  %8s  %10s  %9s  %12s\n", "N", "mode", "REQUEST", "RESOLVE",
                "KMS req/call", "vs none", "KMS ops/call");
    struct Mode
    {
        const char* name; //!< label
        bool reuse;       //!< initiator asks for J=1
        bool cache;       //!< responder caches resolved reusable tickets
    };
    const Mode modes[] = {{"none", false, false},
                          {"initiator reuse", true, false},
                          {"reuse + responder cache", true, true}};
    for (int n : {1, 10, 100})
    {
        double nonePerCall = 0;
        for (const Mode& m : modes)
        {
            const OffloadResult r = RunCalls(n, m.reuse, m.cache);
            const double perCall = static_cast<double>(r.requestInits + r.resolveInits) / n;
            if (!m.reuse)
            {
                nonePerCall = perCall;
            }
            std::printf("  %5d  %-26s  %8llu  %8llu  %10.3f  %9.3f  %12.1f\n", n, m.name,
                        static_cast<unsigned long long>(r.requestInits),
                        static_cast<unsigned long long>(r.resolveInits), perCall,
                        perCall / nonePerCall, static_cast<double>(r.kmsOps) / n);
        }
    }
    std::printf("\n");
}

} // namespace

int
main(int argc, char** argv)
{
    const int rounds = std::max(5, argc > 1 ? std::atoi(argv[1]) : 7);
    const size_t batch = std::max<size_t>(10, argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 3000);
    const size_t users = std::max<size_t>(2, argc > 3 ? std::strtoul(argv[3], nullptr, 10) : 5000);
    RunM4(rounds, batch, users);
    RunM9();
    return 0;
}
