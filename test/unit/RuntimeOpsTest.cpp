// Runtime maps of runtime/MapTransforms.h and per-site ops of runtime/SiteOps.h against the float64
// reference (test/reference/ReferenceOps.h) and brute force. Maps are judged by driving a conv
// through them with a small double-precision loop (in.feats x W over nbr) and comparing with the
// reference operator; importance is compared bit for bit.
#include "test/unit/ErrorOf.h"
#include "runtime/FrameGraph.h"
#include "runtime/ImportanceSigmoid.h"
#include "runtime/MapTransforms.h"
#include "runtime/SiteOps.h"
#include "test/reference/Compare.h"
#include "test/reference/MapCases.h"
#include "test/reference/RandomCloud.h"
#include "test/reference/Reference.h"
#include "test/reference/ReferenceOps.h"
#include "test/reference/TestTensors.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <map>
#include <random>
#include <set>

using namespace sconv;
using ref::RefTensor;
using ref::Site;
using rt::ConvGeometry;
using rt::ConvKind;
using rt::Int3;
using rt::KernelMap;
using rt::SparseTensor;

using ref::geom;
using ref::makeTensor;

namespace {

constexpr ConvKind S = ConvKind::Submanifold, R = ConvKind::Regular;

using sconv::test::errorOf;

#define EXPECT_ERROR(stmt, text)                                                                   \
  do {                                                                                             \
    const std::string msg_ = errorOf([&] { stmt; });                                               \
    EXPECT_NE(msg_.find(text), std::string::npos) << "error was: '" << msg_ << "'";               \
  } while (0)


/// A tensor on the given sites with random features.
SparseTensor onSites(const std::vector<int32_t> &coords, Int3 shape, int32_t batch, int64_t channels,
                     uint64_t seed) {
  SparseTensor t;
  t.numSites = int64_t(coords.size()) / 4;
  t.channels = channels;
  t.spatialShape = shape;
  t.batchSize = batch;
  t.coords = coords;
  t.feats = ref::randomWeights(seed, t.numSites * channels);
  return t;
}


/// out[o] = b + sum_k W[k]^T in[nbr[o][k]] in float64 (rounded to fp32 at the end), on the map's
/// output sites. W [K, C_in, C_out].
SparseTensor convThroughMap(const SparseTensor &in, const KernelMap &m, const std::vector<float> &w,
                            const std::vector<float> &bias) {
  const int64_t cin = in.channels, cout = int64_t(bias.size()), K = m.volume;
  EXPECT_EQ(int64_t(w.size()), K * cin * cout);
  EXPECT_EQ(m.numIn, in.numSites);
  SparseTensor out = rt::onOutputSites(m, cout);
  out.feats.resize(size_t(m.numOut * cout));
  std::vector<double> acc(static_cast<size_t>(cout));
  for (int64_t o = 0; o < m.numOut; ++o) {
    for (int64_t co = 0; co < cout; ++co)
      acc[size_t(co)] = bias[size_t(co)];
    for (int64_t k = 0; k < K; ++k) {
      const int32_t i = m.nbr[size_t(o * K + k)];
      if (i < 0)
        continue;
      for (int64_t ci = 0; ci < cin; ++ci) {
        const double x = in.feat(i)[ci];
        for (int64_t co = 0; co < cout; ++co)
          acc[size_t(co)] += x * double(w[size_t((k * cin + ci) * cout + co)]);
      }
    }
    for (int64_t co = 0; co < cout; ++co)
      out.feats[size_t(o * cout + co)] = float(acc[size_t(co)]);
  }
  return out;
}

std::vector<uint8_t> importantFromPruned(const std::vector<bool> &pruned) {
  std::vector<uint8_t> imp(pruned.size());
  for (size_t i = 0; i < pruned.size(); ++i)
    imp[i] = uint8_t(!pruned[i]);
  return imp;
}

bool isSortedUnique(const std::vector<int32_t> &coords) {
  for (size_t r = 4; r < coords.size(); r += 4)
    if (!std::lexicographical_compare(coords.begin() + long(r - 4), coords.begin() + long(r),
                                      coords.begin() + long(r), coords.begin() + long(r + 4)))
      return false;
  return true;
}

struct MapCase {
  const char *name;
  ConvGeometry g;
  Int3 shape;
  int64_t n0, n1; // sites of batch samples 0 and 1
};
void PrintTo(const MapCase &c, std::ostream *os) { *os << c.name; }
std::string caseName(const ::testing::TestParamInfo<MapCase> &info) { return info.param.name; }

// ---- transposeKernelMap: the inverse conv ---------------------------------------------------------

std::vector<MapCase> inverseCases() {
  return {
      {"k2s2_small", geom(R, {2, 2, 2}, {2, 2, 2}), {6, 8, 7}, 30, 20},
      {"k2s2", geom(R, {2, 2, 2}, {2, 2, 2}), {20, 24, 22}, 1500, 700},
      {"k3s2p1", geom(R, {3, 3, 3}, {2, 2, 2}, {1, 1, 1}), {16, 18, 20}, 900, 1300},
      {"k3s2p1_large", geom(R, {3, 3, 3}, {2, 2, 2}, {1, 1, 1}), {41, 64, 60}, 3000, 2000},
      {"k3s2_nopad", geom(R, {3, 3, 3}, {2, 2, 2}), {15, 15, 15}, 800, 400},
      {"k3s1p1", geom(R, {3, 3, 3}, {1, 1, 1}, {1, 1, 1}), {10, 10, 10}, 300, 200},
      {"k3s2p1d2", geom(R, {3, 3, 3}, {2, 2, 2}, {1, 1, 1}, {2, 2, 2}), {14, 12, 13}, 400, 300},
      {"aniso_k311_s211", geom(R, {3, 1, 1}, {2, 1, 1}), {41, 16, 14}, 600, 500},
  };
}

class InverseConvMap : public ::testing::TestWithParam<MapCase> {};

TEST_P(InverseConvMap, MatchesReferenceInverseConv) {
  const MapCase &c = GetParam();
  rt::ThreadPool pool(3);
  const SparseTensor fwdIn = ref::twoSampleCloud(11, c.n0, c.n1, 1, c.shape);
  const KernelMap fwd = rt::buildKernelMap(fwdIn, c.g, pool);
  const KernelMap t = rt::transposeKernelMap(fwd, fwdIn);
  EXPECT_EQ(t.numOut, fwdIn.numSites);
  EXPECT_EQ(t.numIn, fwd.numOut);
  EXPECT_EQ(t.volume, fwd.volume);
  EXPECT_EQ(t.outCoords, fwdIn.coords);
  EXPECT_EQ(t.outShape, fwdIn.spatialShape);
  EXPECT_EQ(t.batchSize, 2);
  EXPECT_EQ(t.geometry, c.g);
  EXPECT_EQ(t.numPairs(), fwd.numPairs());
  EXPECT_EQ(rt::transposeKernelMap(fwd, fwdIn, pool).nbr, t.nbr) << "pool version differs";

  // The inverse conv's input lives on the forward conv's output sites.
  const SparseTensor x = onSites(fwd.outCoords, fwd.outShape, 2, 3, 12);
  const std::vector<float> w = ref::randomWeights(13, c.g.volume() * 3 * 4);
  const std::vector<float> bias = ref::randomWeights(14, 4);
  EXPECT_TRUE(ref::expectClose(ref::refInverseConv(x, w, &bias, c.g, fwdIn),
                               convThroughMap(x, t, w, bias)));

  // Transposing back (outputs = x's sites = fwd's outputs) gives the forward map again.
  const KernelMap back = rt::transposeKernelMap(t, x);
  EXPECT_EQ(back.outCoords, fwd.outCoords);
  EXPECT_EQ(back.nbr, fwd.nbr);
}

INSTANTIATE_TEST_SUITE_P(Cases, InverseConvMap, ::testing::ValuesIn(inverseCases()), caseName);

TEST(InverseConvMap, RejectsBadMaps) {
  rt::ThreadPool pool(2);
  const SparseTensor in = ref::randomCloud(1, 40, 1, {8, 8, 8}, 1);
  const KernelMap fwd = rt::buildKernelMap(in, geom(R, {2, 2, 2}, {2, 2, 2}), pool);
  const SparseTensor fewer = ref::randomCloud(1, 39, 1, {8, 8, 8}, 1);
  EXPECT_ERROR(rt::transposeKernelMap(fwd, fewer), "input has 39 sites");

  // Two outputs reaching input row 0 through the same offset cannot be inverted.
  KernelMap bad = fwd;
  ASSERT_GE(bad.numOut, 2);
  bad.nbr[0 * size_t(bad.volume) + 3] = 0;
  bad.nbr[1 * size_t(bad.volume) + 3] = 0;
  EXPECT_ERROR(rt::transposeKernelMap(bad, in), "map is not invertible");
  EXPECT_ERROR(rt::transposeKernelMap(bad, in, pool), "map is not invertible");
  // Both versions name the same (first in (o, k) order) collision.
  EXPECT_EQ(errorOf([&] { rt::transposeKernelMap(bad, in); }),
            errorOf([&] { rt::transposeKernelMap(bad, in, pool); }));

  KernelMap outOfRange = fwd;
  outOfRange.nbr[5] = int32_t(in.numSites);
  EXPECT_ERROR(rt::transposeKernelMap(outOfRange, in, pool), "outside [-1, 40)");
  KernelMap truncated = fwd;
  truncated.nbr.pop_back();
  EXPECT_ERROR(rt::transposeKernelMap(truncated, in), "sizes are inconsistent");
}

// ---- buildTransposedConvMap -------------------------------------------------------------------

class TransposedConvMap : public ::testing::TestWithParam<ref::TransposedConvCase> {};

TEST_P(TransposedConvMap, MatchesReferenceConvTranspose) {
  const ref::TransposedConvCase &c = GetParam();
  rt::ThreadPool pool(3);
  const SparseTensor in = ref::twoSampleCloud(21, c.n0, c.n1, 3, c.shape);
  const KernelMap m = rt::buildTransposedConvMap(in, c.g, c.outputPadding, pool);
  EXPECT_EQ(m.outShape, ref::refConvTransposeShape(c.shape, c.g, c.outputPadding));
  EXPECT_EQ(m.outShape, rt::convTransposeOutputShape(c.shape, c.g, c.outputPadding));
  EXPECT_EQ(m.numIn, in.numSites);
  EXPECT_EQ(m.volume, c.g.volume());
  EXPECT_EQ(m.batchSize, 2);
  EXPECT_TRUE(isSortedUnique(m.outCoords));

  const std::vector<float> w = ref::randomWeights(22, c.g.volume() * 3 * 5);
  const std::vector<float> bias = ref::randomWeights(23, 5);
  const RefTensor want = ref::refConvTranspose(in, w, &bias, c.g, c.outputPadding);
  EXPECT_EQ(m.outCoords, want.coords) << "output site list (sorted) differs";
  EXPECT_TRUE(ref::expectClose(want, convThroughMap(in, m, w, bias)));

  // Every (input, position) pair landing inside the output appears exactly once.
  int64_t pairs = 0;
  for (int64_t i = 0; i < in.numSites; ++i)
    for (int64_t k = 0; k < c.g.volume(); ++k) {
      const Int3 pos = ref::refKernelPosition(c.g.kernel, k);
      bool inside = true;
      for (int a = 0; a < 3; ++a) {
        const int64_t v = int64_t(in.coord(i)[a + 1]) * c.g.stride[a] - c.g.padding[a] +
                          int64_t(pos[a]) * c.g.dilation[a];
        inside = inside && v >= 0 && v < m.outShape[a];
      }
      pairs += inside;
    }
  EXPECT_EQ(m.numPairs(), pairs);
}

TEST_P(TransposedConvMap, SameMapForAnyThreadCount) {
  const ref::TransposedConvCase &c = GetParam();
  const SparseTensor in = ref::twoSampleCloud(31, c.n0, c.n1, 1, c.shape);
  rt::ThreadPool one(1), four(4);
  const KernelMap a = rt::buildTransposedConvMap(in, c.g, c.outputPadding, one);
  const KernelMap b = rt::buildTransposedConvMap(in, c.g, c.outputPadding, four);
  EXPECT_EQ(a.outCoords, b.outCoords);
  EXPECT_EQ(a.nbr, b.nbr);
}

INSTANTIATE_TEST_SUITE_P(Cases, TransposedConvMap, ::testing::ValuesIn(ref::transposedConvCases()),
                         [](const auto &info) { return std::string(info.param.name); });

TEST(TransposedConvMap, ManyChunksMergeDeterministically) {
  // More than one 4096-row key chunk (odd count), so the pairwise merge rounds run.
  const SparseTensor in = ref::twoSampleCloud(41, 6000, 5000, 1, {30, 60, 60});
  const ConvGeometry g = geom(R, {3, 3, 3}, {2, 2, 2}, {1, 1, 1});
  rt::ThreadPool one(1), three(3);
  const KernelMap a = rt::buildTransposedConvMap(in, g, {1, 1, 1}, one);
  const KernelMap b = rt::buildTransposedConvMap(in, g, {1, 1, 1}, three);
  EXPECT_TRUE(isSortedUnique(a.outCoords));
  EXPECT_EQ(a.outCoords, b.outCoords);
  EXPECT_EQ(a.nbr, b.nbr);
  std::vector<int32_t> want;
  for (const auto &site : [&] {
         std::set<Site> s;
         for (int64_t i = 0; i < in.numSites; ++i)
           for (int64_t k = 0; k < g.volume(); ++k) {
             const Int3 pos = ref::refKernelPosition(g.kernel, k);
             Site o{in.coord(i)[0], 0, 0, 0};
             bool inside = true;
             for (int ax = 0; ax < 3; ++ax) {
               const int32_t v = in.coord(i)[ax + 1] * 2 - 1 + pos[ax];
               inside = inside && v >= 0 && v < a.outShape[ax];
               o[ax + 1] = v;
             }
             if (inside)
               s.insert(o);
           }
         return s;
       }())
    want.insert(want.end(), site.begin(), site.end());
  EXPECT_EQ(a.outCoords, want);
}

TEST(TransposedConvMap, EmptyInputAndErrors) {
  rt::ThreadPool pool(2);
  SparseTensor empty;
  empty.spatialShape = {4, 4, 4};
  empty.channels = 2;
  const KernelMap m = rt::buildTransposedConvMap(empty, geom(R, {2, 2, 2}, {2, 2, 2}), {0, 0, 0},
                                                 pool);
  EXPECT_EQ(m.numOut, 0);
  EXPECT_TRUE(m.nbr.empty());
  EXPECT_EQ(m.outShape, (Int3{8, 8, 8}));

  const SparseTensor in = ref::randomCloud(2, 20, 1, {4, 4, 4}, 1);
  EXPECT_ERROR(rt::buildTransposedConvMap(in, geom(R, {3, 3, 3}, {2, 2, 2}, {1, 1, 1}), {2, 0, 0},
                                          pool),
               "output padding");
  EXPECT_ERROR(rt::buildTransposedConvMap(in, geom(R, {3, 3, 3}, {2, 2, 2}), {-1, 0, 0}, pool),
               "output padding");
  EXPECT_ERROR(rt::buildTransposedConvMap(in, geom(S, {3, 3, 3}), {0, 0, 0}, pool),
               "must be regular");
  // Padding that eats the whole output.
  EXPECT_ERROR(rt::buildTransposedConvMap(in, geom(R, {1, 1, 1}, {1, 1, 1}, {3, 0, 0}), {0, 0, 0},
                                          pool),
               "output extent");
  SparseTensor dup = in;
  std::copy_n(dup.coord(0), 4, dup.coords.data() + 4);
  EXPECT_ERROR(rt::buildTransposedConvMap(dup, geom(R, {2, 2, 2}, {2, 2, 2}), {0, 0, 0}, pool),
               "uplicate");
}

// ---- Restricted submanifold map (SPSS) ----------------------------------------------------------

std::vector<MapCase> submCases() {
  return {
      {"k3_small", geom(S, {3, 3, 3}), {5, 6, 7}, 40, 60},
      {"k3", geom(S, {3, 3, 3}), {12, 14, 16}, 1500, 900},
      {"k3_large", geom(S, {3, 3, 3}), {41, 60, 60}, 3000, 2000},
      {"k5_dil2", geom(S, {5, 5, 5}, {1, 1, 1}, {0, 0, 0}, {2, 2, 2}), {12, 12, 12}, 600, 500},
      {"aniso_315", geom(S, {3, 1, 5}), {8, 9, 10}, 300, 200},
  };
}

class RestrictedSubmMap : public ::testing::TestWithParam<MapCase> {};

TEST_P(RestrictedSubmMap, RowsAreTheImportantSitesOfTheFullMap) {
  const MapCase &c = GetParam();
  rt::ThreadPool pool(3);
  const SparseTensor in = ref::twoSampleCloud(51, c.n0, c.n1, 4, c.shape);
  const KernelMap full = rt::buildKernelMap(in, c.g, pool);
  for (double ratio : {0.0, 0.3, 0.6, 0.95}) {
    SCOPED_TRACE(ratio);
    const std::vector<uint8_t> imp = rt::pruneByRatio(in, rt::importanceMean(in), ratio);
    const KernelMap m = rt::buildRestrictedSubmanifoldMap(in, c.g, imp, pool);
    EXPECT_EQ(m.numIn, in.numSites);
    EXPECT_EQ(m.outShape, in.spatialShape);
    EXPECT_EQ(m.geometry, c.g);
    int64_t o = 0;
    for (int64_t r = 0; r < in.numSites; ++r) {
      if (!imp[size_t(r)])
        continue;
      ASSERT_LT(o, m.numOut);
      ASSERT_TRUE(std::equal(in.coord(r), in.coord(r) + 4, m.outCoords.data() + 4 * o));
      ASSERT_TRUE(std::equal(full.nbr.begin() + r * full.volume,
                             full.nbr.begin() + (r + 1) * full.volume,
                             m.nbr.begin() + o * m.volume))
          << "row " << r;
      ++o;
    }
    EXPECT_EQ(o, m.numOut);
    rt::ThreadPool one(1);
    EXPECT_EQ(rt::buildRestrictedSubmanifoldMap(in, c.g, imp, one).nbr, m.nbr);
  }
}

TEST_P(RestrictedSubmMap, SpssMatchesReference) {
  // SPSS end to end from the runtime pieces: importance, pruning, F' = F * imp, the restricted
  // map's conv for important rows, the pass-through merge for pruned ones.
  const MapCase &c = GetParam();
  rt::ThreadPool pool(2);
  const SparseTensor in = ref::twoSampleCloud(61, c.n0, c.n1, 4, c.shape);
  const std::vector<float> w = ref::randomWeights(62, c.g.volume() * 4 * 4);
  const std::vector<float> bias = ref::randomWeights(63, 4);
  for (double ratio : {0.0, 0.5, 0.8}) {
    SCOPED_TRACE(ratio);
    const std::vector<float> m = rt::importanceMean(in);
    const std::vector<uint8_t> imp = rt::pruneByRatio(in, m, ratio);
    const std::vector<bool> pruned = ref::refPruned(in, ratio);
    ASSERT_EQ(imp, importantFromPruned(pruned));
    SparseTensor scaled = in;
    rt::scaleByImportance(scaled, m);
    const KernelMap map = rt::buildRestrictedSubmanifoldMap(in, c.g, imp, pool);
    const SparseTensor computed = convThroughMap(scaled, map, w, bias);
    const SparseTensor got = rt::mergePruned(scaled, computed, imp, nullptr, nullptr);
    EXPECT_TRUE(ref::expectClose(ref::refSpss(in, w, &bias, c.g, pruned), got));
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, RestrictedSubmMap, ::testing::ValuesIn(submCases()), caseName);

TEST(RestrictedSubmMap, Errors) {
  rt::ThreadPool pool(2);
  const SparseTensor in = ref::randomCloud(3, 30, 1, {5, 5, 5}, 1);
  const std::vector<uint8_t> imp(30, 1);
  EXPECT_ERROR(rt::buildRestrictedSubmanifoldMap(in, geom(S, {3, 3, 3}),
                                                 std::vector<uint8_t>(29, 1), pool),
               "29 entries for 30");
  EXPECT_ERROR(rt::buildRestrictedSubmanifoldMap(in, geom(R, {3, 3, 3}), imp, pool),
               "must be submanifold");
  EXPECT_ERROR(rt::buildRestrictedSubmanifoldMap(in, geom(S, {2, 2, 2}), imp, pool),
               "odd kernel");
  SparseTensor dup = in;
  std::copy_n(dup.coord(0), 4, dup.coords.data() + 4);
  EXPECT_ERROR(rt::buildRestrictedSubmanifoldMap(dup, geom(S, {3, 3, 3}), imp, pool), "uplicate");
}

// ---- SPRS map -------------------------------------------------------------------------------------

std::vector<MapCase> sprsCases() {
  return {
      {"k3s2p1_small", geom(R, {3, 3, 3}, {2, 2, 2}, {1, 1, 1}), {6, 7, 8}, 50, 70},
      {"k3s2p1", geom(R, {3, 3, 3}, {2, 2, 2}, {1, 1, 1}), {16, 18, 20}, 1500, 800},
      {"k3s2p1_large", geom(R, {3, 3, 3}, {2, 2, 2}, {1, 1, 1}), {41, 64, 60}, 5000, 2500},
      {"k2s2", geom(R, {2, 2, 2}, {2, 2, 2}), {12, 14, 16}, 900, 500},
      {"k3s1p1", geom(R, {3, 3, 3}, {1, 1, 1}, {1, 1, 1}), {10, 10, 10}, 250, 200},
      {"k3s2_nopad", geom(R, {3, 3, 3}, {2, 2, 2}), {13, 13, 13}, 600, 300},
      {"mixed_padding", geom(R, {3, 3, 3}, {2, 2, 2}, {1, 0, 2}), {11, 12, 13}, 500, 400},
      {"k3s2p1d2", geom(R, {3, 3, 3}, {2, 2, 2}, {1, 1, 1}, {2, 2, 2}), {14, 12, 13}, 400, 300},
      {"aniso_k311_s211", geom(R, {3, 1, 1}, {2, 1, 1}), {41, 16, 14}, 700, 300},
  };
}

class SprsMap : public ::testing::TestWithParam<MapCase> {};

TEST_P(SprsMap, NothingPrunedIsTheRegularMap) {
  const MapCase &c = GetParam();
  rt::ThreadPool pool(3);
  const SparseTensor in = ref::twoSampleCloud(71, c.n0, c.n1, 2, c.shape);
  const std::vector<uint8_t> imp = rt::pruneByRatio(in, rt::importanceMean(in), 0.0);
  ASSERT_EQ(imp, std::vector<uint8_t>(size_t(in.numSites), 1));
  const KernelMap full = rt::buildKernelMap(in, c.g, pool);
  const KernelMap m = rt::buildSprsMap(in, c.g, imp, pool);
  EXPECT_EQ(m.outCoords, full.outCoords);
  EXPECT_EQ(m.nbr, full.nbr);
  EXPECT_EQ(m.outShape, full.outShape);
}

TEST_P(SprsMap, MatchesReferenceSprs) {
  const MapCase &c = GetParam();
  rt::ThreadPool pool(3);
  const SparseTensor in = ref::twoSampleCloud(81, c.n0, c.n1, 3, c.shape);
  const std::vector<float> w = ref::randomWeights(82, c.g.volume() * 3 * 4);
  const std::vector<float> bias = ref::randomWeights(83, 4);
  const KernelMap full = rt::buildKernelMap(in, c.g, pool);
  const std::vector<float> m = rt::importanceMean(in);
  for (double ratio : {0.3, 0.5, 0.9, 0.99}) {
    SCOPED_TRACE(ratio);
    const std::vector<bool> pruned = ref::refPruned(in, ratio);
    const std::vector<uint8_t> imp = rt::pruneByRatio(in, m, ratio);
    ASSERT_EQ(imp, importantFromPruned(pruned));
    const KernelMap map = rt::buildSprsMap(in, c.g, imp, pool);
    EXPECT_TRUE(isSortedUnique(map.outCoords));
    EXPECT_LE(map.numOut, full.numOut);
    if (ratio >= 0.9)
      EXPECT_LT(map.numOut, full.numOut) << "nothing dropped: the case does not test SPRS";
    EXPECT_TRUE(ref::expectClose(ref::refSprs(in, w, &bias, c.g, pruned),
                                 convThroughMap(in, map, w, bias)));
    rt::ThreadPool one(1);
    const KernelMap serial = rt::buildSprsMap(in, c.g, imp, one);
    EXPECT_EQ(serial.outCoords, map.outCoords);
    EXPECT_EQ(serial.nbr, map.nbr);
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, SprsMap, ::testing::ValuesIn(sprsCases()), caseName);

TEST(SprsMap, HandCase) {
  // 1-D along x (k3 s2 p1): inputs x = 0 (important), 4 (pruned), 7 (pruned), 8 (pruned).
  // Regular outputs o (window 2o-1..2o+1, centre 2o): 0 {0}, 2 {4}, 3 {7}, 4 {7, 8}. SPRS keeps 0
  // (important input), 2 (centre 4 is pruned) and 4 (centre 8 is pruned), drops 3 (only the pruned
  // 7 in its window, centre 6 inactive).
  const SparseTensor in = makeTensor({1, 1, 10}, 1, 1, {{0, 0, 0, 0}, {0, 0, 0, 4}, {0, 0, 0, 7},
                                                        {0, 0, 0, 8}},
                                     {1, 1, 1, 1});
  rt::ThreadPool pool(1);
  const ConvGeometry g = geom(R, {1, 1, 3}, {1, 1, 2}, {0, 0, 1});
  const KernelMap m = rt::buildSprsMap(in, g, {1, 0, 0, 0}, pool);
  EXPECT_EQ(m.outCoords, (std::vector<int32_t>{0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 4}));
  EXPECT_EQ(m.nbr, (std::vector<int32_t>{-1, 0, -1, -1, 1, -1, 2, 3, -1}));
}

TEST(SprsMap, Errors) {
  rt::ThreadPool pool(2);
  const SparseTensor in = ref::randomCloud(3, 30, 1, {6, 6, 6}, 1);
  EXPECT_ERROR(rt::buildSprsMap(in, geom(S, {3, 3, 3}), std::vector<uint8_t>(30, 1), pool),
               "must be regular");
  EXPECT_ERROR(rt::buildSprsMap(in, geom(R, {3, 3, 3}, {2, 2, 2}), std::vector<uint8_t>(31, 1),
                                pool),
               "31 entries for 30");
}

// ---- Importance ----------------------------------------------------------------------------------

TEST(Importance, BitIdenticalToReference) {
  for (int64_t channels : {1, 2, 3, 7, 16, 33, 64, 128, 257}) {
    SCOPED_TRACE(channels);
    SparseTensor in = ref::twoSampleCloud(91 + uint64_t(channels), 700, 300, channels, {20, 20, 20});
    // Spread magnitudes over many binades so that rounding actually happens along the sum.
    std::mt19937_64 rng{uint64_t(channels)};
    std::uniform_real_distribution<float> expo(-12.f, 12.f);
    for (float &f : in.feats)
      f *= std::exp2(expo(rng));
    const std::vector<float> got = rt::importanceMean(in);
    const std::vector<float> want = ref::refImportanceMean(in);
    ASSERT_EQ(got.size(), want.size());
    for (size_t r = 0; r < got.size(); ++r)
      ASSERT_EQ(got[r], want[r]) << "row " << r;
  }
}

TEST(Importance, SumsInChannelOrder) {
  // 1e8 then fifteen 1s: each +1 rounds away (ulp(1e8) = 8), so the sum stays 1e8. Any other order
  // (pairwise, vectorised) would keep some of the 15.
  std::vector<float> first(16, 1.0f), last(16, 1.0f);
  first[0] = 1e8f;
  last[15] = 1e8f; // 15 + 1e8 rounds to 100000016
  const SparseTensor t = makeTensor({1, 1, 2}, 1, 16, {{0, 0, 0, 0}, {0, 0, 0, 1}}, [&] {
    std::vector<float> f = first;
    f.insert(f.end(), last.begin(), last.end());
    return f;
  }());
  const std::vector<float> m = rt::importanceMean(t);
  EXPECT_EQ(m[0], 1e8f / 16.0f);
  EXPECT_EQ(m[1], 100000016.0f / 16.0f);
  EXPECT_EQ(m, ref::refImportanceMean(t));
  // Signs do not matter.
  SparseTensor neg = t;
  for (float &f : neg.feats)
    f = -f;
  EXPECT_EQ(rt::importanceMean(neg), m);
}

TEST(Importance, ScaleByImportance) {
  SparseTensor in = ref::twoSampleCloud(101, 200, 100, 5, {8, 8, 8});
  const std::vector<float> m = rt::importanceMean(in);
  const std::vector<double> imp = ref::refImportance(in);
  SparseTensor x = in;
  rt::scaleByImportance(x, m);
  for (int64_t r = 0; r < in.numSites; ++r)
    for (int64_t c = 0; c < in.channels; ++c) {
      const double want = double(in.feat(r)[c]) * imp[size_t(r)];
      ASSERT_NEAR(x.feat(r)[c], want, 1e-6 * (1 + std::fabs(want)));
    }
  EXPECT_ERROR(rt::scaleByImportance(x, std::vector<float>(5)), "5 entries for 300");
  SparseTensor noChannels = in;
  noChannels.channels = 0;
  noChannels.feats.clear();
  EXPECT_ERROR(rt::importanceMean(noChannels), "no channels");
}

/// The shared sigmoid (the CPU's and the GPU's definition): within one float ulp of the float64
/// sigmoid everywhere (the correctly rounded value but for double rounding at a boundary),
/// monotonic, exact at the ends, NaN for NaN.
TEST(Importance, SigmoidIsAccurateAndMonotonic) {
  auto ulpDistance = [](float a, float b) {
    int32_t ia, ib;
    std::memcpy(&ia, &a, 4);
    std::memcpy(&ib, &b, 4);
    return std::abs(int64_t(ia) - int64_t(ib)); // both non-negative here
  };
  int64_t worst = 0, inexact = 0, n = 0;
  float prev = 0.0f;
  // Every 499th float from -120 up to 120, in order (tiny magnitudes and both zeros included).
  const int64_t top = 0x42f00000; // the bits of 120.0f
  for (int64_t i = -top; i <= top; i += 499) {
    const uint32_t bits = i < 0 ? 0x80000000u | uint32_t(-i) : uint32_t(i);
    float m;
    std::memcpy(&m, &bits, 4);
    const float got = importanceSigmoid(m);
    const float want = float(1.0 / (1.0 + std::exp(-double(m))));
    worst = std::max(worst, ulpDistance(got, want));
    inexact += got != want;
    ++n;
    ASSERT_GE(got, prev) << "not monotonic at m = " << m;
    prev = got;
  }
  EXPECT_LE(worst, 1);
  EXPECT_LE(inexact * 100000, n) << inexact << " of " << n << " not correctly rounded";
  EXPECT_GT(n, 1000000);
  EXPECT_EQ(importanceSigmoid(0.0f), 0.5f);
  EXPECT_EQ(importanceSigmoid(-0.0f), 0.5f);
  EXPECT_EQ(importanceSigmoid(std::numeric_limits<float>::infinity()), 1.0f);
  EXPECT_EQ(importanceSigmoid(-std::numeric_limits<float>::infinity()), 0.0f);
  EXPECT_EQ(importanceSigmoid(200.0f), 1.0f);
  EXPECT_EQ(importanceSigmoid(-200.0f), 0.0f);
  EXPECT_GT(importanceSigmoid(-100.0f), 0.0f); // e^-100: a float, not flushed
  EXPECT_TRUE(std::isnan(importanceSigmoid(std::nanf(""))));
}

// ---- Pruning -------------------------------------------------------------------------------------

TEST(Pruning, TiesAndPerSampleCounts) {
  // Sample 0 (7 sites): m = 0.1 at (0,0,0,3); 0.5 at (0,0,0,5), (0,0,0,1), (0,0,1,0), (0,1,0,0);
  // 0.7, 0.9 elsewhere. floor(7 * 0.5) = 3 pruned: the 0.1 site and the two smallest 0.5 sites.
  // Sample 1 (4 sites, all m = 0.25): floor(4 * 0.5) = 2 pruned, the two smallest coordinates.
  struct Row {
    Site s;
    float m;
    bool pruned;
  };
  const std::vector<Row> rows = {
      {{1, 3, 3, 3}, 0.25f, false}, {{0, 0, 0, 5}, 0.5f, true},  {{0, 2, 0, 0}, 0.9f, false},
      {{1, 0, 0, 9}, 0.25f, true},  {{0, 0, 1, 0}, 0.5f, false}, {{0, 0, 0, 3}, 0.1f, true},
      {{1, 2, 0, 0}, 0.25f, false}, {{0, 1, 0, 0}, 0.5f, false}, {{0, 0, 0, 2}, 0.7f, false},
      {{1, 0, 1, 0}, 0.25f, true},  {{0, 0, 0, 1}, 0.5f, true},
  };
  std::vector<Site> sites;
  std::vector<float> feats;
  std::vector<uint8_t> want;
  for (const Row &r : rows) {
    sites.push_back(r.s);
    feats.insert(feats.end(), {r.m, -r.m}); // m = (|m| + |-m|) / 2, exact
    want.push_back(uint8_t(!r.pruned));
  }
  const SparseTensor t = makeTensor({4, 4, 10}, 2, 2, sites, feats);
  const std::vector<float> m = rt::importanceMean(t);
  for (size_t i = 0; i < rows.size(); ++i)
    ASSERT_EQ(m[i], rows[i].m);
  EXPECT_EQ(rt::pruneByRatio(t, m, 0.5), want);
  EXPECT_EQ(rt::pruneByRatio(t, m, 0.5), importantFromPruned(ref::refPruned(t, 0.5)));
  // Reversed row order: the same sites are pruned.
  std::vector<Site> rs(sites.rbegin(), sites.rend());
  std::vector<float> rf;
  for (size_t i = rows.size(); i-- > 0;)
    rf.insert(rf.end(), {rows[i].m, -rows[i].m});
  const SparseTensor rt_ = makeTensor({4, 4, 10}, 2, 2, rs, rf);
  std::vector<uint8_t> rwant(want.rbegin(), want.rend());
  EXPECT_EQ(rt::pruneByRatio(rt_, rt::importanceMean(rt_), 0.5), rwant);
  // Counts: ratio 0.7 -> floor(4.9) = 4 of sample 0 and floor(2.8) = 2 of sample 1.
  const std::vector<uint8_t> p7 = rt::pruneByRatio(t, m, 0.7);
  int64_t pruned0 = 0, pruned1 = 0;
  for (size_t i = 0; i < rows.size(); ++i)
    (rows[i].s[0] == 0 ? pruned0 : pruned1) += p7[i] == 0;
  EXPECT_EQ(pruned0, 4);
  EXPECT_EQ(pruned1, 2);
}

TEST(Pruning, RatioMatchesReference) {
  const std::pair<int64_t, int64_t> sizes[] = {{50, 130}, {1000, 300}, {5000, 2000}, {0, 77}};
  for (const auto &[n0, n1] : sizes)
    for (bool coarse : {false, true}) {
      SparseTensor in = ref::twoSampleCloud(111 + uint64_t(n0), n0, n1, 3, {20, 30, 30});
      if (coarse) // many exact ties in m
        for (float &f : in.feats)
          f = std::round(f * 2.0f) / 2.0f;
      const std::vector<float> m = rt::importanceMean(in);
      int64_t nb[2] = {0, 0};
      for (int64_t r = 0; r < in.numSites; ++r)
        ++nb[in.coord(r)[0]];
      for (double ratio : {0.0, 0.1, 0.25, 0.5, 0.7, 0.95}) {
        SCOPED_TRACE(::testing::Message() << n0 << "+" << n1 << (coarse ? " coarse" : "")
                                          << " ratio " << ratio);
        const std::vector<uint8_t> imp = rt::pruneByRatio(in, m, ratio);
        ASSERT_EQ(imp, importantFromPruned(ref::refPruned(in, ratio)));
        int64_t pruned[2] = {0, 0};
        for (int64_t r = 0; r < in.numSites; ++r)
          pruned[in.coord(r)[0]] += imp[size_t(r)] == 0;
        for (int b = 0; b < 2; ++b)
          EXPECT_EQ(pruned[b], int64_t(std::floor(double(nb[b]) * ratio)));
      }
    }
}

TEST(Pruning, ThresholdMatchesReference) {
  SparseTensor in = ref::twoSampleCloud(121, 800, 500, 4, {16, 16, 16});
  std::fill_n(in.feat(3), 4, 0.0f); // m = 0, imp = 0.5: pruned even at t = 0.5
  const std::vector<float> m = rt::importanceMean(in);
  for (double t : {0.01, 0.3, 0.5, 0.55, 0.6, 0.62, 0.65, 0.7, 0.9, 0.999}) {
    SCOPED_TRACE(t);
    EXPECT_EQ(rt::pruneThreshold(t), ref::refLogitThreshold(t));
    EXPECT_EQ(rt::pruneByThreshold(m, t), importantFromPruned(ref::refPrunedThreshold(in, t)));
  }
  EXPECT_EQ(rt::pruneByThreshold(m, 0.5)[3], 0);
  // A threshold exactly at an m value prunes that site (m <= limit).
  const std::vector<float> exact = {0.0f, rt::pruneThreshold(0.6), 1.0f};
  EXPECT_EQ(rt::pruneByThreshold(exact, 0.6), (std::vector<uint8_t>{0, 0, 1}));
}

TEST(Pruning, Errors) {
  const SparseTensor in = ref::twoSampleCloud(131, 10, 10, 2, {4, 4, 4});
  const std::vector<float> m = rt::importanceMean(in);
  EXPECT_ERROR(rt::pruneByRatio(in, m, 1.0), "not in [0, 1)");
  EXPECT_ERROR(rt::pruneByRatio(in, m, -0.1), "not in [0, 1)");
  EXPECT_ERROR(rt::pruneByRatio(in, m, std::nan("")), "not in [0, 1)");
  EXPECT_ERROR(rt::pruneByRatio(in, std::vector<float>(19), 0.5), "19 entries for 20");
  std::vector<float> withNan = m;
  withNan[4] = std::nanf("");
  EXPECT_ERROR(rt::pruneByRatio(in, withNan, 0.5), "NaN");
  SparseTensor badBatch = in;
  badBatch.coords[0] = 2;
  EXPECT_ERROR(rt::pruneByRatio(badBatch, m, 0.5), "outside batch");
  EXPECT_ERROR(rt::pruneByThreshold(m, 0.0), "not in (0, 1)");
  EXPECT_ERROR(rt::pruneByThreshold(m, 1.0), "not in (0, 1)");
}

// ---- mergePruned ---------------------------------------------------------------------------------

TEST(MergePruned, PassThroughAndFoldedAffine) {
  const SparseTensor pass = makeTensor({2, 2, 2}, 1, 2, {{0, 0, 0, 0}, {0, 0, 0, 1}, {0, 1, 1, 1}},
                                       {1, 2, 3, 4, 5, 6});
  const SparseTensor computed = makeTensor({2, 2, 2}, 1, 2, {{0, 0, 0, 1}}, {10, 20});
  const std::vector<uint8_t> imp = {0, 1, 0};
  const SparseTensor plain = rt::mergePruned(pass, computed, imp, nullptr, nullptr);
  EXPECT_EQ(plain.coords, pass.coords);
  EXPECT_EQ(plain.feats, (std::vector<float>{1, 2, 10, 20, 5, 6}));
  const float scale[2] = {2, -1}, shift[2] = {0.5f, 1};
  const SparseTensor bn = rt::mergePruned(pass, computed, imp, scale, shift);
  EXPECT_EQ(bn.feats, (std::vector<float>{2.5f, -1, 10, 20, 10.5f, -5}));
  EXPECT_EQ(rt::mergePruned(pass, computed, imp, scale, nullptr).feats,
            (std::vector<float>{2, -2, 10, 20, 10, -6}));

  EXPECT_ERROR(rt::mergePruned(pass, computed, {1, 1, 0}, nullptr, nullptr),
               "1 computed rows for 2 important sites");
  EXPECT_ERROR(rt::mergePruned(pass, computed, {0, 1}, nullptr, nullptr), "2 entries for 3");
  EXPECT_ERROR(rt::mergePruned(pass, computed, {1, 0, 0}, nullptr, nullptr),
               "expected important site");
  const SparseTensor wide = makeTensor({2, 2, 2}, 1, 3, {{0, 0, 0, 1}}, {1, 2, 3});
  EXPECT_ERROR(rt::mergePruned(pass, wide, imp, nullptr, nullptr), "3 channels");
}

// ---- partitionSum (SW-LK) ------------------------------------------------------------------------

/// Brute force over [-r, r]^3 with std::map lookups: G[o][g] in float64.
RefTensor bruteForcePartition(const SparseTensor &in, const std::vector<float> &pe, int k) {
  const ref::SiteIndex index(in);
  const int r = k / 2;
  const int64_t C = in.channels;
  RefTensor out;
  out.numSites = in.numSites;
  out.channels = 27 * C;
  out.spatialShape = in.spatialShape;
  out.batchSize = in.batchSize;
  out.coords = in.coords;
  out.feats.assign(size_t(out.numSites * out.channels), 0.0);
  for (int64_t o = 0; o < in.numSites; ++o) {
    const int32_t *c = in.coord(o);
    for (int dz = -r; dz <= r; ++dz)
      for (int dy = -r; dy <= r; ++dy)
        for (int dx = -r; dx <= r; ++dx) {
          const int64_t nb = index.find({c[0], c[1] + dz, c[2] + dy, c[3] + dx});
          if (nb < 0)
            continue;
          const int g = ref::refSwLkGroup({dz, dy, dx});
          const int64_t idx = (int64_t(dz) + r) * k * k + (dy + r) * k + (dx + r);
          const bool centre = dz == 0 && dy == 0 && dx == 0;
          for (int64_t ch = 0; ch < C; ++ch)
            out.feats[size_t(o * out.channels + g * C + ch)] +=
                double(in.feat(nb)[ch]) +
                (centre || pe.empty() ? 0.0 : double(pe[size_t(idx * C + ch)]));
        }
  }
  return out;
}

/// out[o] = b + sum_g W[g]^T G[o][g] (float64, rounded to fp32): the efficient SW-LK form.
SparseTensor applyGroupWeights(const SparseTensor &G, const std::vector<float> &w27,
                               const std::vector<float> &bias, int64_t cin) {
  const int64_t cout = int64_t(bias.size());
  SparseTensor out = G;
  out.channels = cout;
  out.feats.assign(size_t(G.numSites * cout), 0.0f);
  for (int64_t o = 0; o < G.numSites; ++o)
    for (int64_t co = 0; co < cout; ++co) {
      double acc = bias[size_t(co)];
      for (int64_t g = 0; g < 27; ++g)
        for (int64_t ci = 0; ci < cin; ++ci)
          acc += double(G.feat(o)[g * cin + ci]) * double(w27[size_t((g * cin + ci) * cout + co)]);
      out.feats[size_t(o * cout + co)] = float(acc);
    }
  return out;
}

class PartitionSum : public ::testing::TestWithParam<int> {};

TEST_P(PartitionSum, MatchesBruteForce) {
  const int k = GetParam();
  rt::ThreadPool pool(3);
  const SparseTensor in = ref::twoSampleCloud(141 + uint64_t(k), 900, 1400, 3, {13, 12, 14});
  const KernelMap map = rt::buildKernelMap(in, geom(S, {k, k, k}), pool);
  const std::vector<float> pe = ref::randomWeights(142, int64_t(k) * k * k * 3);
  for (bool withPe : {false, true}) {
    SCOPED_TRACE(withPe ? "with PE" : "no PE");
    const SparseTensor got = rt::partitionSum(in, map, withPe ? pe.data() : nullptr, k, pool);
    EXPECT_EQ(got.channels, 81);
    EXPECT_TRUE(ref::expectClose(bruteForcePartition(in, withPe ? pe : std::vector<float>{}, k),
                                 got));
    // Group 13 is the site itself.
    for (int64_t o = 0; o < in.numSites; ++o)
      ASSERT_TRUE(std::equal(in.feat(o), in.feat(o) + 3, got.feat(o) + 13 * 3));
  }
}

TEST_P(PartitionSum, SwLkMatchesReference) {
  const int k = GetParam();
  rt::ThreadPool pool(2);
  const SparseTensor in = ref::twoSampleCloud(151 + uint64_t(k), 400, 600, 4, {11, 12, 10});
  const KernelMap map = rt::buildKernelMap(in, geom(S, {k, k, k}), pool);
  const std::vector<float> w27 = ref::randomWeights(152, 27 * 4 * 5);
  const std::vector<float> bias = ref::randomWeights(153, 5);
  const std::vector<float> pe = ref::randomWeights(154, int64_t(k) * k * k * 4);
  EXPECT_TRUE(ref::expectClose(
      ref::refSwLk(in, w27, pe, &bias, k),
      applyGroupWeights(rt::partitionSum(in, map, pe.data(), k, pool), w27, bias, 4)));
  // Zero PE: the same as a k^3 SubM conv with group-constant weights.
  EXPECT_TRUE(ref::expectClose(
      ref::refSubmConv(in, ref::groupConstantWeights(w27, k, 4, 5), &bias, geom(S, {k, k, k})),
      applyGroupWeights(rt::partitionSum(in, map, nullptr, k, pool), w27, bias, 4)));
}

TEST_P(PartitionSum, SameResultForAnyThreadCountAndRestrictedRows) {
  const int k = GetParam();
  const SparseTensor in = ref::twoSampleCloud(161 + uint64_t(k), 1500, 1000, 5, {14, 14, 14});
  rt::ThreadPool one(1), four(4);
  const KernelMap map = rt::buildKernelMap(in, geom(S, {k, k, k}), four);
  const std::vector<float> pe = ref::randomWeights(162, int64_t(k) * k * k * 5);
  const SparseTensor a = rt::partitionSum(in, map, pe.data(), k, one);
  const SparseTensor b = rt::partitionSum(in, map, pe.data(), k, four);
  EXPECT_EQ(0, std::memcmp(a.feats.data(), b.feats.data(), a.feats.size() * sizeof(float)));
  // A restricted map gives the important rows of the full result, bit for bit.
  const std::vector<uint8_t> imp = rt::pruneByRatio(in, rt::importanceMean(in), 0.5);
  const KernelMap rmap = rt::buildRestrictedSubmanifoldMap(in, geom(S, {k, k, k}), imp, four);
  const SparseTensor part = rt::partitionSum(in, rmap, pe.data(), k, four);
  int64_t o = 0;
  for (int64_t r = 0; r < in.numSites; ++r)
    if (imp[size_t(r)]) {
      ASSERT_EQ(0, std::memcmp(part.feat(o), a.feat(r), size_t(a.channels) * sizeof(float)));
      ASSERT_TRUE(std::equal(in.coord(r), in.coord(r) + 4, part.coord(o)));
      ++o;
    }
  EXPECT_EQ(o, part.numSites);
}

// The plain form: a k^3 SubM conv of the input with a constant-one channel, with the expanded
// weights, is the SW-LK conv (with and without a position embedding).
TEST_P(PartitionSum, PlainFormWithExpandedWeightsMatchesReference) {
  const int k = GetParam();
  rt::ThreadPool pool(2);
  const SparseTensor in = ref::twoSampleCloud(181 + uint64_t(k), 400, 600, 4, {11, 12, 10});
  const std::vector<float> w27 = ref::randomWeights(182, 27 * 4 * 5);
  const std::vector<float> bias = ref::randomWeights(183, 5);
  const std::vector<float> pe = ref::randomWeights(184, int64_t(k) * k * k * 4);
  const SparseTensor ones = rt::appendOnes(in);
  ASSERT_EQ(ones.channels, 5);
  for (int64_t r = 0; r < in.numSites; ++r) {
    ASSERT_TRUE(std::equal(in.feat(r), in.feat(r) + 4, ones.feat(r)));
    ASSERT_EQ(ones.feat(r)[4], 1.0f);
  }
  const std::vector<float> wx = rt::expandSwLkWeights(w27, &pe, k, 4, 5);
  ASSERT_EQ(wx.size(), size_t(k * k * k * 5 * 5));
  EXPECT_TRUE(ref::expectClose(ref::refSwLk(in, w27, pe, &bias, k),
                               ref::fromRef(ref::refSubmConv(ones, wx, &bias, geom(S, {k, k, k})))));
  // Without an embedding: the group-constant k^3 weights, no extra row.
  EXPECT_EQ(rt::expandSwLkWeights(w27, nullptr, k, 4, 5), ref::groupConstantWeights(w27, k, 4, 5));
}

TEST(PlainSwLkErrors, Misuse) {
  const std::vector<float> w27(27 * 2 * 3, 0.5f), pe(125 * 2, 0.25f);
  EXPECT_ERROR(rt::expandSwLkWeights(w27, &pe, 4, 2, 3), "kernel size 4 is not an odd number");
  EXPECT_ERROR(rt::expandSwLkWeights(w27, &pe, 5, 3, 3),
               "the group weights hold 162 values, expected [27, 3, 3]");
  EXPECT_ERROR(rt::expandSwLkWeights(w27, &pe, 3, 2, 3),
               "the position embedding holds 250 values, expected [27, 2]");
  SparseTensor bad = ref::randomCloud(185, 10, 2, {4, 4, 4}, 1);
  bad.feats.pop_back();
  EXPECT_ERROR(rt::appendOnes(bad), "appendOnes");
}

INSTANTIATE_TEST_SUITE_P(K, PartitionSum, ::testing::Values(3, 5, 7, 9),
                         [](const auto &info) { return "k" + std::to_string(info.param); });

TEST(PartitionSumErrors, Misuse) {
  rt::ThreadPool pool(2);
  const SparseTensor in = ref::randomCloud(171, 50, 2, {6, 6, 6}, 1);
  const KernelMap m5 = rt::buildKernelMap(in, geom(S, {5, 5, 5}), pool);
  EXPECT_ERROR(rt::partitionSum(in, m5, nullptr, 3, pool), "not a 3^3 submanifold map");
  EXPECT_ERROR(rt::partitionSum(in, m5, nullptr, 4, pool), "not an odd number");
  EXPECT_ERROR(rt::partitionSum(in, rt::buildKernelMap(in, geom(R, {5, 5, 5}), pool), nullptr, 5,
                                pool),
               "submanifold map");
  const SparseTensor other = ref::randomCloud(172, 49, 2, {6, 6, 6}, 1);
  EXPECT_ERROR(rt::partitionSum(other, m5, nullptr, 5, pool), "reads 50 input rows");
}

// ---- Pointwise ops -------------------------------------------------------------------------------

TEST(PointwiseOps, BatchNormAndRelu) {
  const SparseTensor in = ref::twoSampleCloud(181, 300, 200, 5, {8, 8, 8});
  const std::vector<float> gamma = ref::randomWeights(182, 5), beta = ref::randomWeights(183, 5),
                           mean = ref::randomWeights(184, 5);
  std::vector<float> var = ref::randomWeights(185, 5);
  for (float &v : var)
    v = std::fabs(v) + 0.01f;
  SparseTensor x = in;
  rt::batchNormInPlace(x, gamma.data(), beta.data(), mean.data(), var.data(), 1e-3);
  EXPECT_TRUE(ref::expectClose(ref::refBatchNorm(in, gamma, beta, mean, var, 1e-3), x));
  SparseTensor y = x;
  rt::reluInPlace(y);
  EXPECT_TRUE(ref::expectClose(ref::refRelu(x), y));
  for (float v : y.feats)
    ASSERT_GE(v, 0.0f);

  EXPECT_ERROR(rt::batchNormInPlace(x, gamma.data(), nullptr, mean.data(), var.data(), 1e-3),
               "required");
  std::vector<float> negVar = var;
  negVar[2] = -1.0f;
  EXPECT_ERROR(rt::batchNormInPlace(x, gamma.data(), beta.data(), mean.data(), negVar.data(), 1e-3),
               "channel 2");
}

TEST(PointwiseOps, AddAndConcat) {
  const SparseTensor a = ref::twoSampleCloud(191, 300, 200, 4, {8, 8, 8});
  SparseTensor b = a;
  b.feats = ref::randomWeights(192, a.numSites * 4);
  SparseTensor sum = a;
  rt::addInPlace(sum, b);
  EXPECT_TRUE(ref::expectClose(ref::refAdd(a, b), sum));

  SparseTensor c = a;
  c.channels = 3;
  c.feats = ref::randomWeights(193, a.numSites * 3);
  const SparseTensor cat = rt::concat(a, c);
  EXPECT_EQ(cat.channels, 7);
  EXPECT_EQ(cat.coords, a.coords);
  EXPECT_TRUE(ref::expectClose(ref::refConcat(a, c), cat));

  // Same site set, different row order: rejected (the op does not match rows by coordinate).
  SparseTensor swapped = b;
  std::swap_ranges(swapped.coords.begin(), swapped.coords.begin() + 4,
                   swapped.coords.begin() + 4);
  EXPECT_ERROR(rt::addInPlace(sum, swapped), "different sites or row orders (row 0");
  EXPECT_ERROR(rt::concat(a, swapped), "different sites");
  EXPECT_ERROR(rt::addInPlace(sum, c), "channel counts differ");
  const SparseTensor fewer = ref::twoSampleCloud(194, 300, 199, 4, {8, 8, 8});
  EXPECT_ERROR(rt::addInPlace(sum, fewer), "site counts differ");
  SparseTensor otherShape = b;
  otherShape.spatialShape = {9, 8, 8};
  EXPECT_ERROR(rt::concat(a, otherShape), "spatial shapes");
  SparseTensor broken = b;
  broken.feats.pop_back();
  EXPECT_ERROR(rt::addInPlace(sum, broken), "features for");
}

TEST(PointwiseOps, ToDense) {
  const SparseTensor in = ref::twoSampleCloud(201, 30, 20, 3, {3, 4, 5});
  const std::vector<float> got = rt::toDense(in);
  const std::vector<double> want = ref::refToDense(in);
  ASSERT_EQ(got.size(), want.size());
  ASSERT_EQ(got.size(), size_t(2 * 3 * 3 * 4 * 5));
  for (size_t i = 0; i < got.size(); ++i)
    ASSERT_EQ(double(got[i]), want[i]) << "element " << i;
  // Hand check of the layout: site (1, z=2, y=3, x=4), channel 1 -> [1][1*3 + 2][3][4].
  const SparseTensor one = makeTensor({3, 4, 5}, 2, 2, {{1, 2, 3, 4}}, {7, 9});
  const std::vector<float> d = rt::toDense(one);
  EXPECT_EQ(d[size_t(((1 * 6 + 1 * 3 + 2) * 4 + 3) * 5 + 4)], 9.0f);
  EXPECT_EQ(d[size_t(((1 * 6 + 0 * 3 + 2) * 4 + 3) * 5 + 4)], 7.0f);
  EXPECT_EQ(std::count(d.begin(), d.end(), 0.0f), long(d.size() - 2));

  SparseTensor huge;
  huge.channels = 2;
  huge.spatialShape = {1024, 1024, 1025};
  EXPECT_ERROR(rt::toDense(huge), "exceeds 2^31");
  SparseTensor outside = one;
  outside.coords[0] = 2;
  EXPECT_ERROR(rt::toDense(outside), "outside the batch");
}

} // namespace

/// Whole-frame graphs size each site set for frameCapacity(count): at least 25% headroom, at most
/// one step of eight per octave more (so similar frames share capacities), never below 256, and
/// never smaller for more sites.
TEST(FrameCapacity, HeadroomInSteps) {
  using sconv::rt::frameCapacity;
  EXPECT_EQ(frameCapacity(0), 256);
  EXPECT_EQ(frameCapacity(204), 256);
  EXPECT_EQ(frameCapacity(1400), 1792);
  int64_t last = 0;
  for (int64_t n = 0; n < 5000000; n += 1 + n / 97) {
    const int64_t cap = frameCapacity(n), want = n + n / 4;
    ASSERT_GE(cap, want) << n;
    ASSERT_LE(cap, std::max<int64_t>(256, want + want / 8 + 1)) << n;
    ASSERT_GE(cap, last) << n;
    last = cap;
  }
}
