// Numerics of every operator through the whole compiler (graph pipeline, generated kernels,
// runtime): models/ops.mlir compiled by sconvc at build time, twice — with the graph
// optimisations (BN folding, epilogue fusion, map sharing, SW-LK rewrite) and without — each run
// against the float64 reference of OPERATORS.md, and the two against each other.
#include "runtime/Executor.h"
#include "runtime/PointCloud.h"
#include "runtime/RandomParams.h"
#include "runtime/Voxelizer.h"
#include "test/reference/Compare.h"
#include "test/reference/RandomCloud.h"
#include "test/reference/Reference.h"
#include "test/reference/ReferenceOps.h"
#include "test/unit/ErrorOf.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>

using namespace sconv;
using namespace sconv::rt;
using sconv::ref::RefTensor;

namespace {

Model &fused() {
  static std::unique_ptr<Model> m = Model::load(SCONV_OPS_ARTIFACT);
  return *m;
}
Model &unfused() {
  static std::unique_ptr<Model> m = Model::load(SCONV_OPS_UNFUSED_ARTIFACT);
  return *m;
}
/// SW-LK in its plain form (sconvc --sw-lk-form=plain): one k^3 GEMM with expanded weights.
Model &plainLk() {
  static std::unique_ptr<Model> m = Model::load(SCONV_OPS_PLAIN_LK_ARTIFACT);
  return *m;
}
ThreadPool &pool() {
  static ThreadPool p(0);
  return p;
}

/// Random (trained-like) values for every parameter of `entry`, set on both models.
std::map<std::string, std::vector<float>> setParams(const std::string &entry, uint64_t seed) {
  std::map<std::string, std::vector<float>> vals;
  for (const ParamInfo &p : fused().plan().params)
    if (p.name.rfind(entry + ".", 0) == 0) {
      std::vector<float> v = randomParam(p, seed);
      fused().setParam(p.name, v);
      unfused().setParam(p.name, v);
      plainLk().setParam(p.name, v);
      vals[p.name.substr(entry.size() + 1)] = std::move(v);
    }
  return vals;
}

/// Two samples of different sizes in one batch.
SparseTensor twoSamples(uint64_t seed, int64_t n0, int64_t n1, int64_t c, Int3 shape) {
  return concatBatch({ref::randomCloud(seed, n0, c, shape, 1), ref::randomCloud(seed + 1, n1, c, shape, 1)});
}

ConvGeometry geom(ConvKind kind, int k, int s, int p) {
  ConvGeometry g;
  g.kind = kind;
  g.kernel = {k, k, k};
  g.stride = {s, s, s};
  g.padding = {p, p, p};
  return g;
}

/// Runs `entry` on both artifacts; checks both against `reference` and each other.
void checkEntry(const std::string &entry, const SparseTensor &in, const RefTensor &reference,
                double tol = 1e-4) {
  SparseTensor a = fused().run(entry, {in}, pool()).at(0);
  SparseTensor b = unfused().run(entry, {in}, pool()).at(0);
  EXPECT_TRUE(ref::expectClose(reference, a, tol)) << entry << " (optimised)";
  EXPECT_TRUE(ref::expectClose(reference, b, tol)) << entry << " (unoptimised)";
  EXPECT_TRUE(ref::expectClose(ref::toRef(b), a, tol)) << entry << ": fused vs unfused";
}

// ---- reference of each entry, from the formulas --------------------------------------------

RefTensor refInverse(const SparseTensor &x, std::map<std::string, std::vector<float>> &p) {
  ConvGeometry down = geom(ConvKind::Regular, 2, 2, 0);
  SparseTensor d = ref::fromRef(ref::refConv(x, p["wd"], nullptr, down));
  return ref::refInverseConv(d, p["wi"], &p["bi"], down, x);
}

RefTensor refSpssEntry(const SparseTensor &x, std::map<std::string, std::vector<float>> &p,
                       double ratio, double threshold) {
  std::vector<bool> pruned = ratio >= 0 ? ref::refPruned(x, ratio) : ref::refPrunedThreshold(x, threshold);
  return ref::refSpss(x, p["w"], &p["b"], geom(ConvKind::Submanifold, 3, 1, 0), pruned);
}

RefTensor refSprsEntry(const SparseTensor &x, std::map<std::string, std::vector<float>> &p,
                       double ratio) {
  return ref::refSprs(x, p["w"], &p["b"], geom(ConvKind::Regular, 3, 2, 1), ref::refPruned(x, ratio));
}

// ---- random clouds ------------------------------------------------------------------------

TEST(CompiledOps, InverseConvRestoresTheForwardInputSites) {
  SparseTensor x = twoSamples(1, 900, 400, 8, {12, 20, 20});
  auto p = setParams("inverse_k2s2_c8", 3);
  checkEntry("inverse_k2s2_c8", x, refInverse(x, p));
}

TEST(CompiledOps, TransposedConv) {
  for (auto [entry, ci, k, s, pad, op] :
       {std::tuple{"convT_k2s2_c16x8", 16, 2, 2, 0, 0}, {"convT_k3s2p1op1_c4x5", 4, 3, 2, 1, 1}}) {
    SparseTensor x = twoSamples(2, 300, 150, ci, {6, 9, 8});
    auto p = setParams(entry, 4);
    ConvGeometry g = geom(ConvKind::Regular, k, s, pad);
    checkEntry(entry, x, ref::refConvTranspose(x, p["w"], &p["b"], g, {op, op, op}));
  }
}

/// The kinds of the steps of `entry` in `m`'s plan.
std::multiset<PlanOp::Kind> stepKinds(Model &m, const std::string &entry) {
  std::multiset<PlanOp::Kind> kinds;
  for (const PlanOp &op : m.plan().entry(entry).ops)
    kinds.insert(op.kind);
  return kinds;
}

/// SW-LK's plain form of `entry` against the reference; the plan must really be the plain form
/// (a constant-one channel and one GEMM, no partition sums).
void checkPlainSwLk(const std::string &entry, const SparseTensor &x, const RefTensor &reference) {
  auto kinds = stepKinds(plainLk(), entry);
  EXPECT_EQ(kinds.count(PlanOp::Kind::PartitionSum), 0u) << entry;
  EXPECT_EQ(kinds.count(PlanOp::Kind::AppendOnes), 1u) << entry;
  EXPECT_EQ(kinds.count(PlanOp::Kind::ImplicitGemm), 1u) << entry;
  EXPECT_TRUE(ref::expectClose(reference, plainLk().run(entry, {x}, pool()).at(0)))
      << entry << " (plain form)";
}

// The plain form's weight expansion is a parameter-time op of the manifest; a malformed one is
// named as such.
TEST(CompiledOps, PlainSwLkManifestRoundTripAndMalformedExpansion) {
  const Plan &plan = plainLk().plan();
  int expansions = 0;
  for (const ParamOp &p : plan.paramOps)
    if (p.kind == ParamOp::Kind::ExpandSwLk) {
      ++expansions;
      EXPECT_EQ(p.inputs.size(), 2u);
      EXPECT_EQ(p.outputShapes.at(0).at(0), p.kernelSize * p.kernelSize * p.kernelSize);
    }
  EXPECT_EQ(expansions, 6); // k = 3, 5, 7, 9, 17 and the real-frame k = 7 entry
  const std::string json = plan.toJson();
  Plan back = Plan::parse(json);
  ASSERT_EQ(back.paramOps.size(), plan.paramOps.size());
  for (size_t i = 0; i < plan.paramOps.size(); ++i)
    EXPECT_EQ(back.paramOps[i].kernelSize, plan.paramOps[i].kernelSize);
  const size_t at = json.find("\"kernel_size\": 3");
  ASSERT_NE(at, std::string::npos);
  std::string bad = json;
  bad.replace(at, 16, "\"kernel_size\": 4");
  std::string msg;
  try {
    Plan::parse(bad);
  } catch (const Error &e) {
    msg = e.what();
  }
  EXPECT_NE(msg.find("param op expand_sw_lk: needs inputs [weight, pe], one output and an odd "
                     "kernel_size >= 3"),
            std::string::npos)
      << msg;
}

TEST(CompiledOps, SwLkMatchesTheLiteralFormulaForEveryKernelSize) {
  for (int k : {3, 5, 7, 9, 17}) {
    std::string entry = "swlk_k" + std::to_string(k) + "_c8";
    SparseTensor x = twoSamples(5 + k, k == 17 ? 500 : 1500, k == 17 ? 300 : 700, 8, {14, 24, 24});
    auto p = setParams(entry, 6);
    RefTensor reference = ref::refSwLk(x, p["w"], p["pe"], &p["b"], k);
    checkEntry(entry, x, reference);
    EXPECT_EQ(stepKinds(fused(), entry).count(PlanOp::Kind::PartitionSum), 1u) << entry;
    checkPlainSwLk(entry, x, reference);
  }
}

TEST(CompiledOps, SpssRatioThresholdAndZeroRatio) {
  SparseTensor x = twoSamples(7, 1200, 500, 8, {12, 24, 24});
  for (auto [entry, ratio, threshold] : {std::tuple{"spss_r05_c8", 0.5, -1.0},
                                         {"spss_r0_c8", 0.0, -1.0},
                                         {"spss_t06_c8", -1.0, 0.6}}) {
    auto p = setParams(entry, 8);
    checkEntry(entry, x, refSpssEntry(x, p, ratio, threshold));
  }
}

TEST(CompiledOps, SpssTiesArePrunedInCoordinateOrder) {
  // Many sites with identical features: equal importance, so the tie rule decides.
  SparseTensor x = twoSamples(9, 600, 300, 8, {10, 20, 20});
  for (int64_t r = 1; r < 400; r += 2)
    std::copy(x.feat(0), x.feat(0) + x.channels, x.feat(r));
  auto p = setParams("spss_r05_c8", 10);
  checkEntry("spss_r05_c8", x, refSpssEntry(x, p, 0.5, -1));
}

TEST(CompiledOps, SprsRatioAndZeroRatio) {
  SparseTensor x = twoSamples(11, 1500, 600, 8, {12, 24, 24});
  for (auto [entry, ratio] : {std::pair{"sprs_r05_c8x16", 0.5}, {"sprs_r0_c8x16", 0.0}}) {
    auto p = setParams(entry, 12);
    checkEntry(entry, x, refSprsEntry(x, p, ratio));
  }
  // Ratio 0 keeps exactly the regular conv's output sites and values.
  auto p = setParams("sprs_r0_c8x16", 13);
  checkEntry("sprs_r0_c8x16", x, ref::refConv(x, p["w"], &p["b"], geom(ConvKind::Regular, 3, 2, 1)));
}

TEST(CompiledOps, SpssFollowedByBatchNormFoldsIntoPassThroughRowsToo) {
  SparseTensor x = twoSamples(14, 1000, 400, 8, {12, 20, 20});
  auto p = setParams("spss_bn_c8", 15);
  RefTensor y = refSpssEntry(x, p, 0.5, -1);
  checkEntry("spss_bn_c8", x, ref::refBatchNorm(y, p["n_gamma"], p["n_beta"], p["n_mean"], p["n_var"], 1e-3));
}

TEST(CompiledOps, ResidualBlockWithBatchNorm) {
  SparseTensor x = twoSamples(16, 2000, 900, 16, {14, 28, 28});
  auto p = setParams("res_block_c16", 17);
  ConvGeometry s = geom(ConvKind::Submanifold, 3, 1, 0);
  RefTensor n1 = ref::refBatchNorm(ref::refSubmConv(x, p["w1"], &p["b1"], s), p["n1_gamma"], p["n1_beta"],
                                   p["n1_mean"], p["n1_var"], 1e-3);
  SparseTensor r1 = ref::fromRef(ref::refRelu(n1));
  RefTensor n2 = ref::refBatchNorm(ref::refSubmConv(r1, p["w2"], &p["b2"], s), p["n2_gamma"], p["n2_beta"],
                                   p["n2_mean"], p["n2_var"], 1e-3);
  checkEntry("res_block_c16", x, ref::refRelu(ref::refAdd(n2, ref::toRef(x))));
}

TEST(CompiledOps, ConcatSkipAndLinearHead) {
  SparseTensor x = twoSamples(18, 1500, 600, 8, {12, 24, 24});
  auto p = setParams("concat_linear_c8", 19);
  SparseTensor y = ref::fromRef(ref::refSubmConv(x, p["w"], nullptr, geom(ConvKind::Submanifold, 3, 1, 0)));
  SparseTensor c = ref::fromRef(ref::refConcat(y, x));
  checkEntry("concat_linear_c8", x, ref::refLinear(c, p["wl"], &p["bl"]));
}

TEST(CompiledOps, ToDenseBevLayout) {
  SparseTensor x = twoSamples(20, 150, 90, 3, {4, 12, 10});
  for (auto *m : {&fused(), &unfused()}) {
    std::vector<Output> out = m->runOutputs("bev_c3", {x}, pool());
    ASSERT_TRUE(out.at(0).dense);
    EXPECT_EQ(out[0].shape, (std::vector<int64_t>{2, 12, 12, 10}));
    std::vector<double> expect = ref::refToDense(x);
    ASSERT_EQ(out[0].values.size(), expect.size());
    for (size_t i = 0; i < expect.size(); ++i)
      ASSERT_EQ(double(out[0].values[i]), expect[i]) << "at " << i;
  }
}

/// An entry whose input no kernel map indexes (to_dense of the input) still refuses a duplicate
/// site, by name, instead of keeping one of its rows: the executor hashes such inputs itself.
TEST(CompiledOps, ToDenseOfTheInputRefusesDuplicateSites) {
  SparseTensor x = twoSamples(20, 150, 90, 3, {4, 12, 10});
  std::copy(x.coord(3), x.coord(3) + 4, &x.coords[4 * 7]);
  for (auto *m : {&fused(), &unfused()}) {
    const std::string message =
        test::errorOf([&] { m->runOutputs("bev_c3", {x}, pool()); });
    EXPECT_NE(message.find("duplicate site"), std::string::npos) << message;
    EXPECT_NE(message.find("at rows 3 and 7"), std::string::npos) << message;
  }
  // The entries with kernel maps find duplicates in the map's hash, as before.
  const PlanEntry &bev = fused().plan().entry("bev_c3");
  EXPECT_FALSE(inputSitesHashed(bev, 0));
  EXPECT_TRUE(inputSitesHashed(fused().plan().entry("conv_bev_c3"), 0));
  EXPECT_TRUE(inputSitesHashed(unfused().plan().entry("res_block_c16"), 0));
}

/// The dense map an entry returns is the one its to_dense step made, handed over, not a copy (a BEV
/// map is tens of MB: copying it was 20 ms of CenterPoint's 410 on the CPU).
TEST(CompiledOps, ToDenseResultIsHandedOverNotCopied) {
  SparseTensor x = twoSamples(20, 150, 90, 3, {4, 12, 10});
  const float *made = nullptr;
  RunObserver observe = [&](const PlanOp &, const SparseTensor *, const Output *dense,
                            const KernelMap *) {
    if (dense)
      made = dense->values.data();
  };
  std::vector<Output> out = fused().runOutputs("bev_c3", {x}, pool(), nullptr, &observe);
  ASSERT_NE(made, nullptr);
  EXPECT_EQ(out.at(0).values.data(), made);
}

TEST(CompiledOps, EmptyCloudThroughPruningAndLargeKernels) {
  SparseTensor empty;
  empty.channels = 8;
  empty.spatialShape = {8, 8, 8};
  for (const char *entry : {"spss_r05_c8", "sprs_r05_c8x16", "swlk_k7_c8", "inverse_k2s2_c8"}) {
    setParams(entry, 1);
    EXPECT_EQ(fused().run(entry, {empty}, pool()).at(0).numSites, 0) << entry;
  }
}

// ---- a real frame ----------------------------------------------------------------------------

class RealFrame : public ::testing::Test {
protected:
  void SetUp() override {
    std::string path = std::string(SCONV_DATA_DIR) + "/kitti_000008_front.bin";
    if (!std::filesystem::exists(path))
      GTEST_SKIP() << "real data not found at " << path << " (../shared/data is absent)";
    VoxelReport rep;
    frame = voxelize(readPointCloud(path, PointFormat::Kitti), kittiConfig(), &rep);
    ASSERT_GT(frame.numSites, 1000);
  }
  SparseTensor frame;
};

TEST_F(RealFrame, InverseConv) {
  auto p = setParams("real_inverse_c4", 21);
  checkEntry("real_inverse_c4", frame, refInverse(frame, p));
}

TEST_F(RealFrame, SwLkK7) {
  auto p = setParams("real_swlk_k7_c4", 22);
  RefTensor reference = ref::refSwLk(frame, p["w"], p["pe"], &p["b"], 7);
  checkEntry("real_swlk_k7_c4", frame, reference);
  checkPlainSwLk("real_swlk_k7_c4", frame, reference);
}

TEST_F(RealFrame, SpssAndSprs) {
  auto p = setParams("real_spss_c4", 23);
  checkEntry("real_spss_c4", frame, refSpssEntry(frame, p, 0.5, -1));
  auto q = setParams("real_sprs_c4x8", 24);
  checkEntry("real_sprs_c4x8", frame, refSprsEntry(frame, q, 0.5));
}

} // namespace
