// Numerics of the compiled CPU kernels: models/convs.mlir is compiled by sconvc at build time, and
// each entry is run by the runtime on random clouds and a real KITTI frame and compared with the
// float64 reference (OPERATORS.md tolerances). Output coordinate sets must match exactly.
#include "runtime/Executor.h"
#include "runtime/PointCloud.h"
#include "runtime/Voxelizer.h"
#include "test/reference/Compare.h"
#include "test/reference/RandomCloud.h"
#include "test/reference/Reference.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

using namespace sconv;
using namespace sconv::rt;

namespace {

/// The geometry each entry of convs.mlir was written with, restated here so that a compiler bug
/// in carrying geometry into the plan cannot hide behind the reference reading the same plan.
struct ConvCase {
  const char *entry;
  ConvKind kind;
  int cin, cout;
  Int3 kernel, stride, padding, dilation;
  bool bias;
};

constexpr ConvKind S = ConvKind::Submanifold, R = ConvKind::Regular;
const ConvCase kCases[] = {
    {"subm_k3_c1x16", S, 1, 16, {3, 3, 3}, {1, 1, 1}, {0, 0, 0}, {1, 1, 1}, true},
    {"subm_k3_c3x5", S, 3, 5, {3, 3, 3}, {1, 1, 1}, {0, 0, 0}, {1, 1, 1}, false},
    {"subm_k3_c13x13", S, 13, 13, {3, 3, 3}, {1, 1, 1}, {0, 0, 0}, {1, 1, 1}, true},
    {"subm_k3_c16x16", S, 16, 16, {3, 3, 3}, {1, 1, 1}, {0, 0, 0}, {1, 1, 1}, false},
    {"subm_k3_c64x64", S, 64, 64, {3, 3, 3}, {1, 1, 1}, {0, 0, 0}, {1, 1, 1}, true},
    {"subm_k5_c5x1", S, 5, 1, {5, 5, 5}, {1, 1, 1}, {0, 0, 0}, {1, 1, 1}, true},
    {"subm_k5_c16x13", S, 16, 13, {5, 5, 5}, {1, 1, 1}, {0, 0, 0}, {1, 1, 1}, false},
    {"subm_k3_d2_c16x16", S, 16, 16, {3, 3, 3}, {1, 1, 1}, {0, 0, 0}, {2, 2, 2}, true},
    {"subm_k135_c4x16", S, 4, 16, {1, 3, 5}, {1, 1, 1}, {0, 0, 0}, {1, 1, 1}, true},
    {"subm_k3_c4x16", S, 4, 16, {3, 3, 3}, {1, 1, 1}, {0, 0, 0}, {1, 1, 1}, true},
    {"conv_k3_s2_p1_c16x32", R, 16, 32, {3, 3, 3}, {2, 2, 2}, {1, 1, 1}, {1, 1, 1}, false},
    {"conv_k2_s2_p0_c5x3", R, 5, 3, {2, 2, 2}, {2, 2, 2}, {0, 0, 0}, {1, 1, 1}, true},
    {"conv_k3_s1_p0_c13x16", R, 13, 16, {3, 3, 3}, {1, 1, 1}, {0, 0, 0}, {1, 1, 1}, false},
    {"conv_k3_s1_p1_c1x64", R, 1, 64, {3, 3, 3}, {1, 1, 1}, {1, 1, 1}, {1, 1, 1}, true},
    {"conv_k3_s2_p011_c64x64", R, 64, 64, {3, 3, 3}, {2, 2, 2}, {0, 1, 1}, {1, 1, 1}, false},
    {"conv_k311_s211_p0_c64x128", R, 64, 128, {3, 1, 1}, {2, 1, 1}, {0, 0, 0}, {1, 1, 1}, true},
    {"conv_k3_s1_p2_d2_c3x5", R, 3, 5, {3, 3, 3}, {1, 1, 1}, {2, 2, 2}, {2, 2, 2}, true},
    {"conv_k5_s2_p2_c16x16", R, 16, 16, {5, 5, 5}, {2, 2, 2}, {2, 2, 2}, {1, 1, 1}, false},
};

ConvGeometry geometryOf(const ConvCase &c) {
  ConvGeometry g;
  g.kind = c.kind;
  g.kernel = c.kernel;
  g.stride = c.stride;
  g.padding = c.padding;
  g.dilation = c.dilation;
  return g;
}

Model &model() {
  static std::unique_ptr<Model> m = Model::load(SCONV_TEST_ARTIFACT);
  return *m;
}

ThreadPool &pool() {
  static ThreadPool p(0);
  return p;
}

/// Sets the entry's parameters to fresh random values and returns them (weight, bias).
std::pair<std::vector<float>, std::vector<float>> randomParams(const ConvCase &c, uint64_t seed) {
  int64_t vol = int64_t(c.kernel[0]) * c.kernel[1] * c.kernel[2];
  auto w = ref::randomWeights(seed, vol * c.cin * c.cout);
  model().setParam(std::string(c.entry) + ".w", w);
  std::vector<float> b;
  if (c.bias) {
    b = ref::randomWeights(seed + 1, c.cout);
    model().setParam(std::string(c.entry) + ".b", b);
  }
  return {w, b};
}

ref::RefTensor reference(const ConvCase &c, const SparseTensor &in, const std::vector<float> &w,
                         const std::vector<float> &b) {
  const std::vector<float> *bias = c.bias ? &b : nullptr;
  return c.kind == S ? ref::refSubmConv(in, w, bias, geometryOf(c))
                     : ref::refConv(in, w, bias, geometryOf(c));
}

struct SizeCase {
  int64_t sites;
  Int3 shape;
};

class CompiledConv : public ::testing::TestWithParam<std::tuple<ConvCase, SizeCase>> {};

TEST_P(CompiledConv, MatchesFloat64Reference) {
  auto [c, size] = GetParam();
  uint64_t seed = std::hash<std::string>()(c.entry) ^ uint64_t(size.sites);
  SparseTensor in = ref::randomCloud(seed, size.sites, c.cin, size.shape, /*batchSize=*/2);
  auto [w, b] = randomParams(c, seed + 7);
  std::vector<SparseTensor> out = model().run(c.entry, {in}, pool());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].channels, c.cout);
  EXPECT_TRUE(ref::expectClose(reference(c, in, w, b), out[0]));
}

// Sizes from tens of sites to ~20k on grids of different density; batch of 2 samples each.
INSTANTIATE_TEST_SUITE_P(
    Random, CompiledConv,
    ::testing::Combine(::testing::ValuesIn(kCases),
                       ::testing::Values(SizeCase{30, {5, 6, 7}}, SizeCase{2000, {16, 24, 24}},
                                         SizeCase{20000, {24, 64, 64}})),
    [](const auto &info) {
      return std::string(std::get<0>(info.param).entry) + "_n" +
             std::to_string(std::get<1>(info.param).sites);
    });

const ConvCase &caseNamed(const std::string &name) {
  for (const ConvCase &c : kCases)
    if (name == c.entry)
      return c;
  throw std::runtime_error("no case " + name);
}

TEST(CompiledConvLarge, HundredThousandSites) {
  for (const char *name : {"subm_k3_c1x16", "conv_k3_s2_p1_c16x32"}) {
    const ConvCase &c = caseNamed(name);
    SparseTensor in = ref::randomCloud(99, 100000, c.cin, {41, 200, 176}, 2);
    auto [w, b] = randomParams(c, 5);
    auto out = model().run(c.entry, {in}, pool());
    EXPECT_TRUE(ref::expectClose(reference(c, in, w, b), out[0])) << name;
  }
}

// The regular convs against a brute-force dense convolution over every output position of a small
// grid: checks the output-site rule itself, not only agreement with refConv.
TEST(CompiledConvDense, RegularConvMatchesDenseConvolution) {
  for (const ConvCase &c : kCases) {
    if (c.kind != R)
      continue;
    SparseTensor in = ref::randomCloud(3, 120, c.cin, {7, 8, 9}, 2);
    auto [w, b] = randomParams(c, 11);
    auto out = model().run(c.entry, {in}, pool());
    EXPECT_TRUE(ref::expectClose(
        ref::refDenseConv(in, w, c.bias ? &b : nullptr, geometryOf(c)), out[0]))
        << c.entry;
  }
}

TEST(CompiledChain, ThreeConvsShareMapsAndMatchReference) {
  SparseTensor in = ref::randomCloud(21, 5000, 4, {20, 48, 48}, 2);
  auto w0 = ref::randomWeights(1, 27 * 4 * 16), b0 = ref::randomWeights(2, 16),
       w1 = ref::randomWeights(3, 27 * 16 * 16), w2 = ref::randomWeights(4, 27 * 16 * 32);
  for (auto &v : w1)
    v *= 0.25f; // keep magnitudes moderate through the chain
  model().setParam("chain.w0", w0);
  model().setParam("chain.b0", b0);
  model().setParam("chain.w1", w1);
  model().setParam("chain.w2", w2);
  std::vector<OpProfile> prof;
  auto out = model().run("chain", {in}, pool(), &prof);
  ConvGeometry subm, down;
  down.kind = R;
  down.stride = {2, 2, 2};
  down.padding = {1, 1, 1};
  auto r0 = ref::fromRef(ref::refSubmConv(in, w0, &b0, subm));
  auto r1 = ref::fromRef(ref::refSubmConv(r0, w1, nullptr, subm));
  EXPECT_TRUE(ref::expectClose(ref::refConv(r1, w2, nullptr, down), out[0]));
  // The two SubM convs read the same sites: the compiler shares one map between them, so the plan
  // builds two maps (SubM, strided) for three convs.
  int maps = 0;
  for (const OpProfile &p : prof)
    maps += p.kind == "kernel_map";
  EXPECT_EQ(maps, 2);
}

std::string dataFile(const char *name) { return std::string(SCONV_DATA_DIR) + "/" + name; }

TEST(CompiledConvRealFrame, KittiSubmThenStridedConv) {
  std::string path = dataFile("kitti_000008_front.bin");
  if (!std::filesystem::exists(path))
    GTEST_SKIP() << "real data not found at " << path << " (../shared/data is absent)";
  PointCloud cloud = readPointCloud(path, PointFormat::Kitti);
  VoxelReport report;
  SparseTensor vox = voxelize(cloud, kittiConfig(), &report);
  ASSERT_GT(vox.numSites, 1000);
  EXPECT_EQ(vox.spatialShape, (Int3{41, 1600, 1408}));

  const ConvCase &subm = caseNamed("subm_k3_c4x16");
  auto [w0, b0] = randomParams(subm, 31);
  auto y = model().run(subm.entry, {vox}, pool());
  EXPECT_TRUE(ref::expectClose(reference(subm, vox, w0, b0), y[0]));

  const ConvCase &down = caseNamed("conv_k3_s2_p1_c16x32");
  auto [w1, b1] = randomParams(down, 32);
  auto z = model().run(down.entry, {y[0]}, pool());
  EXPECT_EQ(z[0].spatialShape, (Int3{21, 800, 704}));
  EXPECT_TRUE(ref::expectClose(reference(down, y[0], w1, b1), z[0]));
}

// Bad input: clear errors, never a crash.
TEST(CompiledModelErrors, WrongWeightShapeIsRejected) {
  try {
    model().setParam("subm_k3_c3x5.w", std::vector<float>(10, 0.f));
    FAIL() << "expected an error";
  } catch (const Error &e) {
    EXPECT_NE(std::string(e.what()).find("has shape [27x3x5] (405 values), got 10 values"),
              std::string::npos)
        << e.what();
  }
  EXPECT_THROW(model().setParam("no.such.param", {1.f}), Error);
  std::vector<float> nan(405, 0.f);
  nan[7] = std::nanf("");
  EXPECT_THROW(model().setParam("subm_k3_c3x5.w", nan), Error);
}

TEST(CompiledModelErrors, ChannelMismatchAndBadCoordinates) {
  const ConvCase &c = caseNamed("subm_k3_c3x5");
  randomParams(c, 1);
  SparseTensor wrong = ref::randomCloud(1, 50, 4, {8, 8, 8}, 1);
  EXPECT_THROW(model().run(c.entry, {wrong}, pool()), Error);
  SparseTensor bad = ref::randomCloud(1, 50, 3, {8, 8, 8}, 1);
  bad.coords[1] = 8; // z == D: outside the grid
  EXPECT_THROW(model().run(c.entry, {bad}, pool()), Error);
  EXPECT_THROW(model().run("no_such_entry", {bad}, pool()), Error);
}

TEST(CompiledModelErrors, EmptyCloudGivesEmptyOutput) {
  for (const char *name : {"subm_k3_c3x5", "conv_k2_s2_p0_c5x3"}) {
    const ConvCase &c = caseNamed(name);
    randomParams(c, 1);
    SparseTensor empty;
    empty.channels = c.cin;
    empty.spatialShape = {8, 8, 8};
    auto out = model().run(c.entry, {empty}, pool());
    EXPECT_EQ(out[0].numSites, 0) << name;
  }
}

TEST(CompiledModelErrors, NotAnArtifact) {
  EXPECT_THROW(Model::load(dataFile("kitti_000008_front.bin")), Error);
  EXPECT_THROW(Model::load("/nonexistent/model.sconv"), Error);
}

} // namespace
