// Milenage: the TS 35.208 clause 4.3 conformance test sets 1 to 6 (OP and OPc inputs) and the
// typed errors for every wrong input length.
#include "protocol/gba/milenage.h"

#include <gtest/gtest.h>

#include <ostream>

namespace mediasec
{
namespace gba
{
namespace
{

/** One TS 35.208 test set (hex strings). */
struct TestSet
{
    int number;
    const char* k;
    const char* rand;
    const char* sqn;
    const char* amf;
    const char* op;
    const char* opc;
    const char* f1;
    const char* f1Star;
    const char* f2;
    const char* f5;
    const char* f3;
    const char* f4;
    const char* f5Star;
};

std::ostream&
operator<<(std::ostream& os, const TestSet& set)
{
    return os << "TS 35.208 test set " << set.number;
}

// TS 35.208 4.3.1 to 4.3.6, in the column order of the tables.
const TestSet kTestSets[] = {
    {1, "465b5ce8b199b49faa5f0a2ee238a6bc", "23553cbe9637a89d218ae64dae47bf35", "ff9bb4d0b607",
     "b9b9", "cdc202d5123e20f62b6d676ac72cb318", "cd63cb71954a9f4e48a5994e37a02baf",
     "4a9ffac354dfafb3", "01cfaf9ec4e871e9", "a54211d5e3ba50bf", "aa689c648370",
     "b40ba9a3c58b2a05bbf0d987b21bf8cb", "f769bcd751044604127672711c6d3441", "451e8beca43b"},
    {2, "0396eb317b6d1c36f19c1c84cd6ffd16", "c00d603103dcee52c4478119494202e8", "fd8eef40df7d",
     "af17", "ff53bade17df5d4e793073ce9d7579fa", "53c15671c60a4b731c55b4a441c0bde2",
     "5df5b31807e258b0", "a8c016e51ef4a343", "d3a628ed988620f0", "c47783995f72",
     "58c433ff7a7082acd424220f2b67c556", "21a8c1f929702adb3e738488b9f5c5da", "30f1197061c1"},
    {3, "fec86ba6eb707ed08905757b1bb44b8f", "9f7c8d021accf4db213ccff0c7f71a6a", "9d0277595ffc",
     "725c", "dbc59adcb6f9a0ef735477b7fadf8374", "1006020f0a478bf6b699f15c062e42b3",
     "9cabc3e99baf7281", "95814ba2b3044324", "8011c48c0c214ed2", "33484dc2136b",
     "5dbdbb2954e8f3cde665b046179a5098", "59a92d3b476a0443487055cf88b2307b", "deacdd848cc6"},
    {4, "9e5944aea94b81165c82fbf9f32db751", "ce83dbc54ac0274a157c17f80d017bd6", "0b604a81eca8",
     "9e09", "223014c5806694c007ca1eeef57f004f", "a64a507ae1a2a98bb88eb4210135dc87",
     "74a58220cba84c49", "ac2cc74a96871837", "f365cd683cd92e96", "f0b9c08ad02e",
     "e203edb3971574f5a94b0d61b816345d", "0c4524adeac041c4dd830d20854fc46b", "6085a86c6f63"},
    {5, "4ab1deb05ca6ceb051fc98e77d026a84", "74b0cd6031a1c8339b2b6ce2b8c4a186", "e880a1b580b6",
     "9f07", "2d16c5cd1fdf6b22383584e3bef2a8d8", "dcf07cbd51855290b92a07a9891e523e",
     "49e785dd12626ef2", "9e85790336bb3fa2", "5860fc1bce351e7e", "31e11a609118",
     "7657766b373d1c2138f307e3de9242f9", "1c42e960d89b8fa99f2744e0708ccb53", "fe2555e54aa9"},
    {6, "6c38a116ac280c454f59332ee35c8c4f", "ee6466bc96202c5a557abbeff8babf63", "414b98222181",
     "4464", "1ba00a1a7c6700ac8c3ff3e96ad08725", "3803ef5363b947c6aaa225e58fae3934",
     "078adfb488241a57", "80246b8d0186bcf1", "16c8233f05a0ac28", "45b0f69ab06c",
     "3f8c7587fe8e4b233af676aede30ba3b", "a7466cc1e6b2a1337d49d3b66e95d7b4", "1f53cd2b1113"},
};

Bytes
H(const char* hex)
{
    return FromHex(hex).Value();
}

/** Checks every output of \p milenage against \p set. */
void
ExpectAllOutputs(Milenage& milenage, const TestSet& set)
{
    EXPECT_EQ(ToHex(milenage.Opc()), set.opc);
    auto f1 = milenage.F1(H(set.rand), H(set.sqn), H(set.amf));
    ASSERT_TRUE(f1) << f1.GetError().ToString();
    EXPECT_EQ(ToHex(f1.Value().macA), set.f1);
    EXPECT_EQ(ToHex(f1.Value().macS), set.f1Star);
    auto f2345 = milenage.F2345(H(set.rand));
    ASSERT_TRUE(f2345) << f2345.GetError().ToString();
    EXPECT_EQ(ToHex(f2345.Value().res), set.f2);
    EXPECT_EQ(ToHex(f2345.Value().ck), set.f3);
    EXPECT_EQ(ToHex(f2345.Value().ik), set.f4);
    EXPECT_EQ(ToHex(f2345.Value().ak), set.f5);
    auto f5Star = milenage.F5Star(H(set.rand));
    ASSERT_TRUE(f5Star) << f5Star.GetError().ToString();
    EXPECT_EQ(ToHex(f5Star.Value()), set.f5Star);
}

class MilenageTestSet : public testing::TestWithParam<TestSet>
{
};

TEST_P(MilenageTestSet, GivenKAndOp_WhenComputingOpcAndF1ToF5Star_ThenAllOutputsMatchTs35208)
{
    auto milenage = Milenage::Create(H(GetParam().k), H(GetParam().op), false);
    ASSERT_TRUE(milenage) << milenage.GetError().ToString();
    ExpectAllOutputs(milenage.Value(), GetParam());
}

TEST_P(MilenageTestSet, GivenKAndOpc_WhenComputingF1ToF5Star_ThenAllOutputsMatchTs35208)
{
    auto milenage = Milenage::Create(H(GetParam().k), H(GetParam().opc), true);
    ASSERT_TRUE(milenage) << milenage.GetError().ToString();
    ExpectAllOutputs(milenage.Value(), GetParam());
}

INSTANTIATE_TEST_SUITE_P(Ts35208, MilenageTestSet, testing::ValuesIn(kTestSets),
                         [](const testing::TestParamInfo<TestSet>& info) {
                             return "Set" + std::to_string(info.param.number);
                         });

Milenage
TestSet1()
{
    return std::move(Milenage::Create(H(kTestSets[0].k), H(kTestSets[0].opc), true).Value());
}

TEST(Milenage, GivenKOrOpOfWrongLength_WhenCreating_ThenBadLengthNamesTheField)
{
    const Bytes good(16, 0x11);
    auto shortK = Milenage::Create(Bytes(15, 0x11), good, false);
    ASSERT_FALSE(shortK);
    EXPECT_EQ(shortK.GetError().code, Errc::BadLength);
    EXPECT_NE(shortK.GetError().detail.find("K:"), std::string::npos);
    auto longOp = Milenage::Create(good, Bytes(17, 0x11), false);
    ASSERT_FALSE(longOp);
    EXPECT_EQ(longOp.GetError().code, Errc::BadLength);
    EXPECT_NE(longOp.GetError().detail.find("OP:"), std::string::npos);
    auto emptyOpc = Milenage::Create(good, Bytes(), true);
    ASSERT_FALSE(emptyOpc);
    EXPECT_EQ(emptyOpc.GetError().code, Errc::BadLength);
    EXPECT_NE(emptyOpc.GetError().detail.find("OPc:"), std::string::npos);
}

TEST(Milenage, GivenRandSqnOrAmfOfWrongLength_WhenComputingF1_ThenBadLengthNamesTheField)
{
    Milenage milenage = TestSet1();
    const Bytes rand = H(kTestSets[0].rand);
    const Bytes sqn = H(kTestSets[0].sqn);
    const Bytes amf = H(kTestSets[0].amf);
    const struct
    {
        Bytes rand, sqn, amf;
        const char* field;
    } cases[] = {
        {Bytes(15, 0), sqn, amf, "RAND:"},
        {rand, Bytes(7, 0), amf, "SQN:"},
        {rand, sqn, Bytes(1, 0), "AMF:"},
    };
    for (const auto& c : cases)
    {
        auto f1 = milenage.F1(c.rand, c.sqn, c.amf);
        ASSERT_FALSE(f1) << c.field;
        EXPECT_EQ(f1.GetError().code, Errc::BadLength) << c.field;
        EXPECT_NE(f1.GetError().detail.find(c.field), std::string::npos) << f1.GetError().detail;
    }
}

TEST(Milenage, GivenRandOfWrongLength_WhenComputingF2345OrF5Star_ThenBadLength)
{
    Milenage milenage = TestSet1();
    for (size_t length : {0, 8, 17})
    {
        auto f2345 = milenage.F2345(Bytes(length, 0x23));
        ASSERT_FALSE(f2345) << length;
        EXPECT_EQ(f2345.GetError().code, Errc::BadLength) << length;
        auto f5Star = milenage.F5Star(Bytes(length, 0x23));
        ASSERT_FALSE(f5Star) << length;
        EXPECT_EQ(f5Star.GetError().code, Errc::BadLength) << length;
    }
}

TEST(Milenage, GivenOneInstance_WhenAnErrorPrecedesAValidCall_ThenTheValidCallStillMatches)
{
    Milenage milenage = TestSet1();
    ASSERT_FALSE(milenage.F2345(Bytes(3, 0)));
    auto f2345 = milenage.F2345(H(kTestSets[0].rand));
    ASSERT_TRUE(f2345);
    EXPECT_EQ(ToHex(f2345.Value().ck), kTestSets[0].f3);
}

} // namespace
} // namespace gba
} // namespace mediasec
