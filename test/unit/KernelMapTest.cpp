// Kernel maps against brute force from the independent reference (std::map lookups of the
// OPERATORS.md input-site formulas), plus ConvGeometry decoding and error cases.
#include "test/reference/MapCases.h"
#include "test/unit/ErrorOf.h"
#include "runtime/KernelMap.h"
#include "test/reference/Compare.h"
#include "test/reference/RandomCloud.h"
#include "test/reference/Reference.h"
#include "test/reference/TestTensors.h"

#include <gtest/gtest.h>

#include "runtime/PointCloud.h"
#include "runtime/Voxelizer.h"

#include <cmath>
#include <filesystem>
#include <functional>
#include <set>
#include <tuple>

using namespace sconv;
using rt::ConvGeometry;
using rt::ConvKind;
using rt::Int3;
using rt::KernelMap;
using rt::OutputSiteMethod;

using ref::geom;
using ref::MapCase;


namespace {

using sconv::test::errorOf;


/// Checks every entry of `m` (and its output site list) against the reference.
void expectMatchesBruteForce(const rt::SparseTensor &in, const ConvGeometry &g,
                             const KernelMap &m) {
  const ref::SiteIndex index(in);
  ASSERT_EQ(m.numIn, in.numSites);
  ASSERT_EQ(m.volume, g.volume());
  ASSERT_EQ(m.outShape, ref::refOutputShape(in.spatialShape, g));
  if (g.kind == ConvKind::Submanifold) {
    ASSERT_EQ(m.outCoords, in.coords);
  } else {
    std::vector<int32_t> expected;
    for (const ref::Site &s : ref::refConvOutputSites(in, g))
      expected.insert(expected.end(), s.begin(), s.end());
    ASSERT_EQ(m.outCoords, expected) << "regular output site list (sorted) differs";
  }
  ASSERT_EQ(int64_t(m.outCoords.size()), m.numOut * 4);
  ASSERT_EQ(int64_t(m.nbr.size()), m.numOut * m.volume);
  int64_t pairs = 0;
  for (int64_t o = 0; o < m.numOut; ++o) {
    const int32_t *c = m.outCoords.data() + 4 * o;
    for (int64_t k = 0; k < m.volume; ++k) {
      const int64_t want = index.find(ref::refInputSite(g, {c[0], c[1], c[2], c[3]}, k));
      pairs += want >= 0;
      ASSERT_EQ(m.nbr[size_t(o * m.volume + k)], want)
          << "output (" << c[0] << ", " << c[1] << ", " << c[2] << ", " << c[3] << ") offset " << k;
    }
  }
  EXPECT_EQ(m.numPairs(), pairs);
}


class KernelMapVsReference : public ::testing::TestWithParam<MapCase> {};

TEST_P(KernelMapVsReference, MatchesBruteForce) {
  const MapCase &c = GetParam();
  const rt::SparseTensor in = ref::randomCloud(42, c.sites, 1, c.shape, c.batch);
  rt::ThreadPool pool(3);
  if (c.g.kind == ConvKind::Submanifold) {
    for (rt::SubmanifoldMethod method : {rt::SubmanifoldMethod::Lookup, rt::SubmanifoldMethod::Blocks}) {
      SCOPED_TRACE(method == rt::SubmanifoldMethod::Lookup ? "lookup" : "blocks");
      expectMatchesBruteForce(in, c.g,
                              rt::buildKernelMap(in, c.g, pool, OutputSiteMethod::Auto, method));
    }
    return;
  }
  for (OutputSiteMethod method : {OutputSiteMethod::Bitmap, OutputSiteMethod::Sort}) {
    SCOPED_TRACE(method == OutputSiteMethod::Bitmap ? "bitmap" : "sort");
    expectMatchesBruteForce(in, c.g, rt::buildKernelMap(in, c.g, pool, method));
  }
}

TEST_P(KernelMapVsReference, SameMapForAnyThreadCount) {
  const MapCase &c = GetParam();
  const rt::SparseTensor in = ref::randomCloud(7, c.sites, 1, c.shape, c.batch);
  rt::ThreadPool one(1), four(4);
  const KernelMap a = rt::buildKernelMap(in, c.g, one);
  const KernelMap b = rt::buildKernelMap(in, c.g, four);
  EXPECT_EQ(a.outCoords, b.outCoords);
  EXPECT_EQ(a.nbr, b.nbr);
}

INSTANTIATE_TEST_SUITE_P(Cases, KernelMapVsReference, ::testing::ValuesIn(ref::mapCases(/*withExtremes=*/false)),
                         [](const auto &info) { return std::string(info.param.name); });

TEST(KernelMap, RegularOutputSitesMatchDenseScan) {
  // refConvOutputSites (inverse formula) against the brute-force dense scan of every output.
  for (const MapCase &c : ref::mapCases(/*withExtremes=*/false)) {
    if (c.g.kind != ConvKind::Regular)
      continue;
    SCOPED_TRACE(c.name);
    const rt::SparseTensor in = ref::randomCloud(3, c.sites, 2, c.shape, c.batch);
    const std::vector<float> w = ref::randomWeights(4, c.g.volume() * 2 * 3);
    const ref::RefTensor dense = ref::refDenseConv(in, w, nullptr, c.g);
    const ref::RefTensor sparse = ref::refConv(in, w, nullptr, c.g);
    ASSERT_EQ(dense.coords, sparse.coords);
    ASSERT_EQ(dense.feats.size(), sparse.feats.size());
    for (size_t i = 0; i < dense.feats.size(); ++i)
      ASSERT_NEAR(dense.feats[i], sparse.feats[i], 1e-12);
    rt::ThreadPool pool(2);
    EXPECT_EQ(rt::buildKernelMap(in, c.g, pool).outCoords, sparse.coords);
  }
}

TEST(KernelMap, SubmanifoldSymmetry) {
  const rt::SparseTensor in = ref::randomCloud(11, 2000, 1, {16, 16, 16}, 2);
  rt::ThreadPool pool(2);
  for (int k : {3, 5}) {
    const KernelMap m = rt::buildKernelMap(in, geom(ConvKind::Submanifold, {k, k, k}), pool);
    const int64_t K = m.volume;
    for (int64_t o = 0; o < m.numOut; ++o) {
      ASSERT_EQ(m.nbr[size_t(o * K + K / 2)], o) << "centre offset is the identity";
      for (int64_t j = 0; j < K; ++j) {
        const int32_t i = m.nbr[size_t(o * K + j)];
        if (i >= 0) {
          ASSERT_EQ(m.nbr[size_t(i * K + (K - 1 - j))], o);
        }
      }
    }
  }
}

TEST(KernelMap, EmptyInputGivesEmptyMap) {
  rt::SparseTensor in;
  in.spatialShape = {8, 8, 8};
  in.channels = 4;
  rt::ThreadPool pool(2);
  for (const ConvGeometry &g : {geom(ConvKind::Submanifold, {3, 3, 3}), geom(ConvKind::Submanifold, {7, 7, 7}),
                                geom(ConvKind::Regular, {3, 3, 3}, {2, 2, 2}, {1, 1, 1})}) {
    const KernelMap m = rt::buildKernelMap(in, g, pool);
    EXPECT_EQ(m.numOut, 0);
    EXPECT_TRUE(m.nbr.empty());
    EXPECT_TRUE(m.outCoords.empty());
    EXPECT_EQ(m.numPairs(), 0);
    EXPECT_EQ(m.outShape, ref::refOutputShape(in.spatialShape, g));
  }
}

TEST(KernelMap, RejectsBadInput) {
  rt::ThreadPool pool(2);
  rt::SparseTensor in = ref::randomCloud(1, 10, 1, {4, 4, 4}, 1);
  EXPECT_NE(errorOf([&] { rt::buildKernelMap(in, geom(ConvKind::Submanifold, {2, 2, 2}), pool); })
                .find("odd kernel"),
            std::string::npos);
  EXPECT_NE(errorOf([&] {
              rt::buildKernelMap(in, geom(ConvKind::Submanifold, {3, 3, 3}, {2, 1, 1}), pool);
            }).find("stride 1"),
            std::string::npos);
  EXPECT_NE(errorOf([&] { rt::buildKernelMap(in, geom(ConvKind::Regular, {5, 5, 5}), pool); })
                .find("does not fit"),
            std::string::npos);

  rt::SparseTensor big = in;
  big.batchSize = 1 << 15;
  EXPECT_NE(errorOf([&] { rt::buildKernelMap(big, geom(ConvKind::Submanifold, {3, 3, 3}), pool); })
                .find("batch size 32768"),
            std::string::npos);
  big = in;
  big.spatialShape = {4, 4, 1 << 16};
  EXPECT_NE(errorOf([&] { rt::buildKernelMap(big, geom(ConvKind::Submanifold, {3, 3, 3}), pool); })
                .find("extent 65536 along x"),
            std::string::npos);
  // Padding can push the output grid past the key range even when the input fits.
  big = in;
  big.spatialShape = {4, 4, 65000};
  EXPECT_NE(errorOf([&] {
              rt::buildKernelMap(big, geom(ConvKind::Regular, {1, 1, 1}, {1, 1, 1}, {0, 0, 600}),
                                 pool);
            }).find("output"),
            std::string::npos);

  rt::SparseTensor dup = in;
  std::copy_n(dup.coords.begin(), 4, dup.coords.begin() + 4);
  EXPECT_NE(errorOf([&] { rt::buildKernelMap(dup, geom(ConvKind::Submanifold, {3, 3, 3}), pool); })
                .find("duplicate site"),
            std::string::npos);
  // The block-search builder of large kernels gets the same checks.
  EXPECT_NE(errorOf([&] { rt::buildKernelMap(dup, geom(ConvKind::Submanifold, {7, 7, 7}), pool); })
                .find("duplicate site"),
            std::string::npos);
  rt::SparseTensor outside = in;
  outside.coords[4 * 3 + 2] = 9; // y = 9 in a 4-wide grid
  EXPECT_NE(errorOf([&] {
              rt::buildKernelMap(outside, geom(ConvKind::Submanifold, {7, 7, 7}), pool,
                                 OutputSiteMethod::Auto, rt::SubmanifoldMethod::Blocks);
            }).find("at row 3 lies outside"),
            std::string::npos);
}

TEST(KernelMap, LargeDilationStaysInShape) {
  // Offsets far beyond the grid must read as absent, not wrap around.
  const rt::SparseTensor in = ref::randomCloud(5, 200, 1, {6, 6, 6}, 1);
  rt::ThreadPool pool(2);
  const ConvGeometry g = geom(ConvKind::Submanifold, {3, 3, 3}, {1, 1, 1}, {0, 0, 0},
                              {1 << 20, 70000, 1});
  expectMatchesBruteForce(in, g, rt::buildKernelMap(in, g, pool));
}

/// The conv a kernel map describes, computed naively from it (float32, as a backend would).
rt::SparseTensor convThroughMap(const rt::SparseTensor &in, const KernelMap &m,
                                const std::vector<float> &w, const std::vector<float> &bias) {
  const int64_t cin = in.channels, cout = int64_t(bias.size());
  rt::SparseTensor out;
  out.numSites = m.numOut;
  out.channels = cout;
  out.spatialShape = m.outShape;
  out.batchSize = m.batchSize;
  out.coords = m.outCoords;
  out.feats.resize(size_t(m.numOut * cout));
  for (int64_t o = 0; o < m.numOut; ++o)
    for (int64_t co = 0; co < cout; ++co) {
      float acc = bias[size_t(co)];
      for (int64_t k = 0; k < m.volume; ++k)
        if (const int32_t i = m.nbr[size_t(o * m.volume + k)]; i >= 0)
          for (int64_t ci = 0; ci < cin; ++ci)
            acc += in.feat(i)[ci] * w[size_t((k * cin + ci) * cout + co)];
      out.feats[size_t(o * cout + co)] = acc;
    }
  return out;
}

TEST(KernelMap, MapDrivenConvMatchesReference) {
  rt::ThreadPool pool(2);
  for (const MapCase &c : ref::mapCases(/*withExtremes=*/false)) {
    SCOPED_TRACE(c.name);
    const rt::SparseTensor in = ref::randomCloud(21, c.sites, 3, c.shape, c.batch);
    const std::vector<float> w = ref::randomWeights(22, c.g.volume() * 3 * 4);
    const std::vector<float> bias = ref::randomWeights(23, 4);
    const rt::SparseTensor got = convThroughMap(in, rt::buildKernelMap(in, c.g, pool), w, bias);
    const ref::RefTensor want = c.g.kind == ConvKind::Submanifold
                                    ? ref::refSubmConv(in, w, &bias, c.g)
                                    : ref::refConv(in, w, &bias, c.g);
    EXPECT_TRUE(ref::expectClose(want, got));
  }
}

/// The block-search builder of large submanifold kernels (the default from 7^3 on) against brute
/// force: cubic and anisotropic kernels up to 17^3, dilated ones (a reach past the cube edge, a
/// dilation past the key range), batch 2, sites at the grid's borders, any thread count.
TEST(KernelMap, SubmanifoldBlocksMatchBruteForce) {
  const rt::ConvKind S = ConvKind::Submanifold;
  const std::vector<MapCase> cases = {
      {"k7_batch2", geom(S, {7, 7, 7}), {20, 24, 24}, 900, 2},
      {"k9_dil2", geom(S, {9, 9, 9}, {1, 1, 1}, {0, 0, 0}, {2, 2, 2}), {30, 30, 30}, 800, 1},
      {"aniso_935_dil_mixed", geom(S, {9, 3, 5}, {1, 1, 1}, {0, 0, 0}, {1, 3, 2}), {16, 20, 18},
       700, 2},
      {"k17_sparse", geom(S, {17, 17, 17}), {40, 48, 48}, 1200, 1},
      {"k17_dense_small_grid", geom(S, {17, 17, 17}), {6, 9, 7}, 250, 1},
      {"k7_huge_dilation", geom(S, {7, 7, 7}, {1, 1, 1}, {0, 0, 0}, {1 << 20, 70000, 1}),
       {6, 6, 6}, 150, 1},
  };
  rt::ThreadPool one(1), three(3);
  for (const MapCase &c : cases) {
    SCOPED_TRACE(c.name);
    const rt::SparseTensor in = ref::randomCloud(17, c.sites, 1, c.shape, c.batch);
    const KernelMap m =
        rt::buildKernelMap(in, c.g, three, OutputSiteMethod::Auto, rt::SubmanifoldMethod::Blocks);
    expectMatchesBruteForce(in, c.g, m);
    EXPECT_EQ(m.nbr, rt::buildKernelMap(in, c.g, one, OutputSiteMethod::Auto,
                                        rt::SubmanifoldMethod::Blocks)
                         .nbr);
  }
}

/// On real frames (LiDAR outdoors, RGB-D indoors) the two submanifold builders give the same map
/// for the kernels the LargeKernel3D examples use.
TEST(KernelMap, SubmanifoldBuildersAgreeOnRealFrames) {
  rt::ThreadPool pool(2);
  int frames = 0;
  for (const auto &[file, format, kernels] :
       {std::tuple<const char *, rt::PointFormat, std::vector<int>>{
            "nuscenes_lidar_top_sweep.bin", rt::PointFormat::NuScenes, {3, 5, 7, 17}},
        {"kitti_000008_front.bin", rt::PointFormat::Kitti, {5, 7}},
        {"scannet_scene0000_00.bin", rt::PointFormat::XyzRgb, {7}}}) {
    const std::string path = std::string(SCONV_DATA_DIR) + "/" + file;
    if (!std::filesystem::exists(path))
      continue;
    ++frames;
    const rt::PointCloud cloud = rt::readPointCloud(path, format);
    const rt::VoxelConfig cfg = format == rt::PointFormat::NuScenes ? rt::nuscenesConfig()
                                : format == rt::PointFormat::Kitti  ? rt::kittiConfig()
                                                                    : rt::scannetConfig(cloud);
    const rt::SparseTensor in = rt::voxelize(cloud, cfg, nullptr);
    for (int k : kernels) {
      SCOPED_TRACE(std::string(file) + " k" + std::to_string(k));
      const ConvGeometry g = geom(ConvKind::Submanifold, {k, k, k});
      const KernelMap a = rt::buildKernelMap(in, g, pool, OutputSiteMethod::Auto,
                                             rt::SubmanifoldMethod::Lookup);
      const KernelMap b = rt::buildKernelMap(in, g, pool, OutputSiteMethod::Auto,
                                             rt::SubmanifoldMethod::Blocks);
      EXPECT_GT(a.numPairs(), in.numSites); // real neighbours, not only the centres
      EXPECT_EQ(a.outCoords, b.outCoords);
      EXPECT_TRUE(a.nbr == b.nbr);
    }
  }
  if (frames == 0)
    GTEST_SKIP() << "real data not found in " << SCONV_DATA_DIR;
}

TEST(KernelMap, BitmapAndSortAgreeOnALargerCloud) {
  const rt::SparseTensor in = ref::randomCloud(31, 30000, 0, {41, 400, 352}, 2);
  rt::ThreadPool pool(2);
  for (const ConvGeometry &g : {geom(ConvKind::Regular, {3, 3, 3}, {2, 2, 2}, {1, 1, 1}),
                                geom(ConvKind::Regular, {3, 3, 3}, {1, 1, 1}, {1, 1, 1})}) {
    const KernelMap a = rt::buildKernelMap(in, g, pool, OutputSiteMethod::Bitmap);
    const KernelMap b = rt::buildKernelMap(in, g, pool, OutputSiteMethod::Sort);
    EXPECT_GT(a.numOut, 0);
    EXPECT_EQ(a.outCoords, b.outCoords);
    EXPECT_EQ(a.nbr, b.nbr);
    // Each (output, offset) pair holds at most one input, so pairs <= inputs * K.
    EXPECT_LE(a.numPairs(), in.numSites * g.volume());
  }
}

TEST(Reference, ExpectCloseReportsMismatches) {
  const rt::SparseTensor t = ref::randomCloud(5, 50, 2, {4, 5, 6}, 1);
  ref::RefTensor r = ref::toRef(t);
  EXPECT_TRUE(ref::expectClose(r, t));
  // Row order does not matter.
  rt::SparseTensor shuffled = t;
  auto &sc = shuffled.coords;
  std::swap_ranges(sc.begin(), sc.begin() + 4, sc.begin() + 4);
  std::swap_ranges(shuffled.feats.begin(), shuffled.feats.begin() + 2, shuffled.feats.begin() + 2);
  EXPECT_TRUE(ref::expectClose(r, shuffled));

  rt::SparseTensor off = t;
  off.feats[7] += 1e-3f;
  const auto bad = ref::expectClose(r, off);
  EXPECT_FALSE(bad);
  EXPECT_NE(std::string(bad.message()).find("out of tolerance"), std::string::npos)
      << bad.message();
  off.feats[7] = NAN;
  EXPECT_FALSE(ref::expectClose(r, off));

  rt::SparseTensor moved = t;
  moved.coords[4 * 3 + 1] = (moved.coords[4 * 3 + 1] + 1) % 4; // may collide: still a mismatch
  const auto diff = ref::expectClose(r, moved);
  EXPECT_FALSE(diff);
  EXPECT_NE(std::string(diff.message()).find("site sets differ"), std::string::npos);
}

TEST(Reference, RandomCloudSitesAreDistinctAndInShape) {
  for (int64_t n : {0, 10, 100, 119, 120}) { // 120 = the whole 2 x 3 x 4 x 5 grid
    const rt::SparseTensor t = ref::randomCloud(uint64_t(n), n, 2, {3, 4, 5}, 2);
    EXPECT_NO_THROW(t.validate());
    std::set<ref::Site> sites;
    for (int64_t r = 0; r < n; ++r)
      sites.insert({t.coord(r)[0], t.coord(r)[1], t.coord(r)[2], t.coord(r)[3]});
    EXPECT_EQ(int64_t(sites.size()), n);
    for (float f : t.feats)
      EXPECT_TRUE(f >= -1.f && f <= 1.f);
  }
  EXPECT_THROW(ref::randomCloud(1, 121, 1, {3, 4, 5}, 2), rt::Error);
  const rt::SparseTensor a = ref::randomCloud(9, 40, 3, {8, 8, 8}, 1);
  const rt::SparseTensor b = ref::randomCloud(9, 40, 3, {8, 8, 8}, 1);
  EXPECT_EQ(a.coords, b.coords);
  EXPECT_EQ(a.feats, b.feats);
}

TEST(Reference, PointwiseSubmConvIsAMatrixProduct) {
  const rt::SparseTensor in = ref::randomCloud(2, 30, 2, {5, 5, 5}, 1);
  const ConvGeometry g = geom(ConvKind::Submanifold, {1, 1, 1});
  const std::vector<float> w = {1, 2, 3, 4, 5, 6}; // [1, 2, 3]
  const std::vector<float> bias = {0.5f, 0, -1};
  const ref::RefTensor out = ref::refSubmConv(in, w, &bias, g);
  ASSERT_EQ(out.coords, in.coords);
  for (int64_t r = 0; r < in.numSites; ++r)
    for (int co = 0; co < 3; ++co)
      EXPECT_NEAR(out.feats[size_t(r * 3 + co)],
                  bias[co] + in.feat(r)[0] * w[size_t(co)] + in.feat(r)[1] * w[size_t(3 + co)],
                  1e-6);
  EXPECT_THROW(ref::refSubmConv(in, std::vector<float>(5), nullptr, g), rt::Error);
}

TEST(ConvGeometry, KernelPositionAndOffset) {
  for (Int3 kernel : {Int3{3, 3, 3}, Int3{2, 2, 2}, Int3{5, 1, 3}, Int3{3, 2, 1}}) {
    const ConvGeometry g = geom(ConvKind::Regular, kernel);
    for (int64_t k = 0; k < g.volume(); ++k) {
      const Int3 pos = rt::kernelPosition(g, k);
      EXPECT_EQ(pos, ref::refKernelPosition(kernel, k));
      const Int3 off = rt::kernelOffset(g, k);
      for (int a = 0; a < 3; ++a)
        EXPECT_EQ(off[a], kernel[a] % 2 ? pos[a] - kernel[a] / 2 : pos[a]);
    }
  }
  const ConvGeometry g3 = geom(ConvKind::Submanifold, {3, 3, 3});
  EXPECT_EQ(rt::kernelOffset(g3, 0), (Int3{-1, -1, -1}));
  EXPECT_EQ(rt::kernelOffset(g3, 13), (Int3{0, 0, 0}));
  EXPECT_EQ(rt::kernelOffset(g3, 5), (Int3{-1, 0, 1})); // idx = (dz+1)*9 + (dy+1)*3 + (dx+1)
  for (int64_t k = 0; k < 27; ++k) {
    const Int3 a = rt::kernelOffset(g3, k), b = rt::kernelOffset(g3, 26 - k);
    EXPECT_EQ(a, (Int3{-b[0], -b[1], -b[2]}));
  }
  EXPECT_THROW(rt::kernelOffset(g3, 27), rt::Error);
  EXPECT_THROW(rt::kernelPosition(g3, -1), rt::Error);
}

TEST(ConvGeometry, OutputShape) {
  const Int3 kitti{41, 1600, 1408};
  EXPECT_EQ(geom(ConvKind::Submanifold, {3, 3, 3}).outputShape(kitti), kitti);
  // SECOND's downsampling stages: 41 -> 21 -> 11 -> 5 (the last with padding (0, 1, 1)).
  const ConvGeometry down = geom(ConvKind::Regular, {3, 3, 3}, {2, 2, 2}, {1, 1, 1});
  EXPECT_EQ(down.outputShape(kitti), (Int3{21, 800, 704}));
  EXPECT_EQ(down.outputShape({21, 800, 704}), (Int3{11, 400, 352}));
  EXPECT_EQ(geom(ConvKind::Regular, {3, 3, 3}, {2, 2, 2}, {0, 1, 1}).outputShape({11, 400, 352}),
            (Int3{5, 200, 176}));
  EXPECT_EQ(geom(ConvKind::Regular, {3, 1, 1}, {2, 1, 1}).outputShape({5, 200, 176}),
            (Int3{2, 200, 176}));
  EXPECT_EQ(geom(ConvKind::Regular, {2, 2, 2}, {2, 2, 2}).outputShape({7, 8, 9}), (Int3{3, 4, 4}));
  EXPECT_THROW(geom(ConvKind::Regular, {5, 5, 5}).outputShape({4, 8, 8}), rt::Error);
  EXPECT_THROW(geom(ConvKind::Regular, {3, 3, 3}).outputShape({0, 8, 8}), rt::Error);
}

TEST(ConvGeometry, ValidateNamesTheField) {
  EXPECT_NE(errorOf([] { geom(ConvKind::Regular, {3, 0, 3}).validate(); }).find("kernel"),
            std::string::npos);
  EXPECT_NE(
      errorOf([] { geom(ConvKind::Regular, {3, 3, 3}, {1, 1, 0}).validate(); }).find("stride"),
      std::string::npos);
  EXPECT_NE(errorOf([] { geom(ConvKind::Regular, {3, 3, 3}, {1, 1, 1}, {-1, 0, 0}).validate(); })
                .find("padding"),
            std::string::npos);
  EXPECT_NE(errorOf([] {
              geom(ConvKind::Regular, {3, 3, 3}, {1, 1, 1}, {0, 0, 0}, {1, 0, 1}).validate();
            }).find("dilation"),
            std::string::npos);
  EXPECT_NO_THROW(geom(ConvKind::Regular, {2, 2, 2}, {2, 2, 2}).validate());
}

} // namespace
