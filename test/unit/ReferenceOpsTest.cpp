// Internal consistency of the float64 reference operators of test/reference/ReferenceOps.h: each
// one checked against a hand-computed case, against another reference operator it must agree with
// (SW-LK with zero PE vs a group-constant k^3 SubM conv, SPSS/SPRS with nothing pruned vs SubM /
// regular conv), or against an identity (inverse and transposed conv are adjoints of the regular
// conv), plus the pruning order rules of docs/operators-notes.md.
#include "test/reference/RandomCloud.h"
#include "test/reference/Reference.h"
#include "test/reference/ReferenceOps.h"
#include "test/reference/TestTensors.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <map>
#include <set>

using namespace sconv;
using ref::RefTensor;
using ref::Site;
using rt::ConvGeometry;
using rt::ConvKind;
using rt::Int3;
using rt::SparseTensor;

using ref::geom;
using ref::makeTensor;

namespace {

bool throwsError(const std::function<void()> &f) {
  try {
    f();
  } catch (const rt::Error &) {
    return true;
  }
  return false;
}




Site siteAt(const RefTensor &t, int64_t r) {
  const int32_t *c = t.coords.data() + 4 * r;
  return {c[0], c[1], c[2], c[3]};
}

/// Same coordinates in the same row order, same metadata, values within tol * (1 + |want|).
void expectSame(const RefTensor &got, const RefTensor &want, double tol) {
  ASSERT_EQ(got.numSites, want.numSites);
  ASSERT_EQ(got.channels, want.channels);
  ASSERT_EQ(got.spatialShape, want.spatialShape);
  ASSERT_EQ(got.batchSize, want.batchSize);
  ASSERT_EQ(got.coords, want.coords);
  ASSERT_EQ(got.feats.size(), want.feats.size());
  for (size_t i = 0; i < want.feats.size(); ++i)
    ASSERT_LE(std::fabs(got.feats[i] - want.feats[i]), tol * (1 + std::fabs(want.feats[i])))
        << "value " << i << " (row " << i / size_t(want.channels) << "): got " << got.feats[i]
        << ", want " << want.feats[i];
}

/// sum over sites present in both of <a[site], b[site]> (a, b matched by coordinate).
double innerProduct(const RefTensor &a, const RefTensor &b) {
  std::map<Site, int64_t> rows;
  for (int64_t r = 0; r < b.numSites; ++r)
    rows[siteAt(b, r)] = r;
  EXPECT_EQ(a.channels, b.channels);
  double sum = 0;
  for (int64_t r = 0; r < a.numSites; ++r) {
    auto it = rows.find(siteAt(a, r));
    if (it == rows.end())
      continue;
    for (int64_t c = 0; c < a.channels; ++c)
      sum += a.feats[size_t(r * a.channels + c)] * b.feats[size_t(it->second * b.channels + c)];
  }
  return sum;
}

/// W [K, a, b] -> [K, b, a].
std::vector<float> swapChannels(const std::vector<float> &w, int64_t K, int64_t a, int64_t b) {
  std::vector<float> t(w.size());
  for (int64_t k = 0; k < K; ++k)
    for (int64_t i = 0; i < a; ++i)
      for (int64_t j = 0; j < b; ++j)
        t[size_t((k * b + j) * a + i)] = w[size_t((k * a + i) * b + j)];
  return t;
}

} // namespace

// ---- SW-LK -------------------------------------------------------------------------------------

TEST(RefSwLk, GroupOfOffsets) {
  EXPECT_EQ(ref::refSwLkGroup({0, 0, 0}), 13);
  EXPECT_EQ(ref::refSwLkGroup({-3, -1, -2}), 0);
  EXPECT_EQ(ref::refSwLkGroup({2, 3, 1}), 26);
  EXPECT_EQ(ref::refSwLkGroup({0, 0, 2}), 14);
  EXPECT_EQ(ref::refSwLkGroup({1, -1, 0}), 19); // 9*2 + 3*0 + 1
}

TEST(RefSwLk, GroupConstantWeightsLayout) {
  const int64_t cin = 2, cout = 3, block = cin * cout;
  const std::vector<float> w27 = ref::randomWeights(5, 27 * block);
  // k = 3: every offset is its own group, the weight is W27 unchanged.
  EXPECT_EQ(ref::groupConstantWeights(w27, 3, cin, cout), w27);
  const std::vector<float> w5 = ref::groupConstantWeights(w27, 5, cin, cout);
  ASSERT_EQ(int64_t(w5.size()), 125 * block);
  // Offset (-2, 0, 1): idx = 0*25 + 2*5 + 3 = 13, group 0*9 + 1*3 + 2 = 5.
  // Offset (0, 0, 0): idx 62, group 13. Offset (2, 2, 2): idx 124, group 26.
  for (auto [idx, g] :
       std::vector<std::pair<int64_t, int64_t>>{{13, 5}, {62, 13}, {124, 26}, {0, 0}})
    for (int64_t i = 0; i < block; ++i)
      EXPECT_EQ(w5[size_t(idx * block + i)], w27[size_t(g * block + i)]) << "idx " << idx;
  EXPECT_TRUE(throwsError([&] { ref::groupConstantWeights(w27, 4, cin, cout); }));
  EXPECT_TRUE(throwsError([&] { ref::groupConstantWeights(w27, 5, cin, cout + 1); }));
}

TEST(RefSwLk, ZeroPeEqualsGroupConstantSubmConv) {
  for (int k : {3, 5, 7}) {
    SCOPED_TRACE("k = " + std::to_string(k));
    const int64_t cin = 3, cout = 4;
    const SparseTensor in = ref::randomCloud(100 + k, 220, cin, {9, 10, 11}, 2);
    const std::vector<float> w27 = ref::randomWeights(200 + k, 27 * cin * cout);
    const std::vector<float> bias = ref::randomWeights(300 + k, cout);
    const RefTensor lk = ref::refSwLk(in, w27, {}, &bias, k);
    const RefTensor subm = ref::refSubmConv(in, ref::groupConstantWeights(w27, k, cin, cout), &bias,
                                            geom(ConvKind::Submanifold, {k, k, k}));
    expectSame(lk, subm, 1e-12);
    // An explicit all-zero PE is the same as none.
    const std::vector<float> zeros(size_t(k * k * k * cin), 0.0f);
    expectSame(ref::refSwLk(in, w27, zeros, &bias, k), lk, 0);
    // The neighbours matter: the result is not the centre term alone.
    const RefTensor centreOnly = ref::refSubmConv(
        in, std::vector<float>(w27.begin() + 13 * cin * cout, w27.begin() + 14 * cin * cout), &bias,
        geom(ConvKind::Submanifold, {1, 1, 1}));
    EXPECT_NE(lk.feats, centreOnly.feats);
  }
}

TEST(RefSwLk, HandCaseWithPositionEmbedding) {
  // k = 5 (r = 2), C_in = C_out = 1, W[g] = g + 1, PE[i] = i / 4, bias 0.5.
  // A = (1,1,1) f 1, B = (1,1,2) f 2, C = (2,1,1) f 3, D = (4,4,4) f -1 (no neighbour within 2).
  const SparseTensor in = makeTensor(
      {6, 6, 6}, 1, 1, {{0, 1, 1, 1}, {0, 1, 1, 2}, {0, 2, 1, 1}, {0, 4, 4, 4}}, {1, 2, 3, -1});
  std::vector<float> w(27), pe(125);
  for (int g = 0; g < 27; ++g)
    w[size_t(g)] = float(g + 1);
  for (int i = 0; i < 125; ++i)
    pe[size_t(i)] = float(i) / 4;
  const std::vector<float> bias{0.5f};
  const RefTensor out = ref::refSwLk(in, w, pe, &bias, 5);
  ASSERT_EQ(out.coords, in.coords);
  ASSERT_EQ(out.numSites, 4);
  // A: centre 14*1; B at (0,0,1): group 14, idx 2*25+2*5+3 = 63 -> 15*(2 + 15.75);
  //    C at (1,0,0): group 22, idx 3*25+2*5+2 = 87 -> 23*(3 + 21.75).
  EXPECT_DOUBLE_EQ(out.feats[0], 0.5 + 14 * 1 + 15 * (2 + 15.75) + 23 * (3 + 21.75));
  // B: centre 14*2; A at (0,0,-1): group 12, idx 61 -> 13*(1 + 15.25);
  //    C at (1,0,-1): group 21, idx 3*25+2*5+1 = 86 -> 22*(3 + 21.5).
  EXPECT_DOUBLE_EQ(out.feats[1], 0.5 + 14 * 2 + 13 * (1 + 15.25) + 22 * (3 + 21.5));
  // C: centre 14*3; A at (-1,0,0): group 4, idx 25+10+2 = 37 -> 5*(1 + 9.25);
  //    B at (-1,0,1): group 5, idx 38 -> 6*(2 + 9.5).
  EXPECT_DOUBLE_EQ(out.feats[2], 0.5 + 14 * 3 + 5 * (1 + 9.25) + 6 * (2 + 9.5));
  EXPECT_DOUBLE_EQ(out.feats[3], 0.5 + 14 * -1);
  EXPECT_DOUBLE_EQ(out.feats[0], 850.0);
}

TEST(RefSwLk, Errors) {
  const SparseTensor in = ref::randomCloud(1, 10, 2, {5, 5, 5}, 1);
  const std::vector<float> w = ref::randomWeights(2, 27 * 2 * 2);
  EXPECT_TRUE(throwsError([&] { ref::refSwLk(in, w, {}, nullptr, 4); }));
  EXPECT_TRUE(throwsError([&] { ref::refSwLk(in, w, {}, nullptr, 1); }));
  EXPECT_TRUE(throwsError([&] { ref::refSwLk(in, w, std::vector<float>(27 * 2), nullptr, 5); }));
  EXPECT_TRUE(
      throwsError([&] { ref::refSwLk(in, ref::randomWeights(2, 26 * 4), {}, nullptr, 3); }));
}

// ---- Inverse convolution -----------------------------------------------------------------------

namespace {

/// Forward conv output on `x`, as a float tensor with fresh random features of `channels`.
SparseTensor forwardSites(const SparseTensor &x, const ConvGeometry &g, int64_t channels,
                          uint64_t seed) {
  const std::vector<float> w = ref::randomWeights(seed, g.volume() * x.channels);
  RefTensor y = ref::refConv(x, w, nullptr, g); // one output channel; only the sites are used
  SparseTensor t = ref::fromRef(y);
  t.channels = channels;
  t.feats = ref::randomWeights(seed + 1, t.numSites * channels);
  return t;
}

} // namespace

TEST(RefInverseConv, OutputSitesAreTheForwardInputs) {
  for (const ConvGeometry &g : {geom(ConvKind::Regular, {3, 3, 3}, {2, 2, 2}, {1, 1, 1}),
                                geom(ConvKind::Regular, {2, 2, 2}, {2, 2, 2}),
                                geom(ConvKind::Regular, {3, 1, 3}, {2, 1, 2}, {1, 0, 0})}) {
    const SparseTensor x = ref::randomCloud(7, 120, 3, {9, 8, 10}, 2);
    const SparseTensor y = forwardSites(x, g, 4, 8);
    const std::vector<float> w = ref::randomWeights(9, g.volume() * 4 * 3);
    const std::vector<float> bias = ref::randomWeights(10, 3);
    const RefTensor inv = ref::refInverseConv(y, w, &bias, g, x);
    EXPECT_EQ(inv.coords, x.coords); // same sites, same row order
    EXPECT_EQ(inv.spatialShape, x.spatialShape);
    EXPECT_EQ(inv.batchSize, x.batchSize);
    EXPECT_EQ(inv.channels, 3);
  }
}

TEST(RefInverseConv, MatchesBruteForceOverForwardPairs) {
  // Tiny: every (o, k) of the forward map, i = o*s - p + pos*d, scattered back.
  const ConvGeometry g = geom(ConvKind::Regular, {3, 3, 3}, {2, 2, 2}, {1, 1, 1});
  const SparseTensor x = ref::randomCloud(11, 25, 2, {5, 6, 5}, 1);
  const SparseTensor y = forwardSites(x, g, 3, 12);
  const std::vector<float> w = ref::randomWeights(13, 27 * 3 * 2);
  const std::vector<float> bias{0.25f, -0.5f};
  const RefTensor inv = ref::refInverseConv(y, w, &bias, g, x);

  RefTensor want = ref::toRef(x);
  want.channels = 2;
  for (int64_t r = 0; r < x.numSites; ++r)
    for (int c = 0; c < 2; ++c)
      want.feats[size_t(r * 2 + c)] = bias[size_t(c)];
  const ref::SiteIndex xs(x);
  int64_t pairs = 0;
  for (int64_t o = 0; o < y.numSites; ++o) {
    const int32_t *c = y.coord(o);
    for (int64_t k = 0; k < 27; ++k) {
      const int64_t i = xs.find(ref::refInputSite(g, {c[0], c[1], c[2], c[3]}, k));
      if (i < 0)
        continue;
      ++pairs;
      for (int ci = 0; ci < 3; ++ci)
        for (int co = 0; co < 2; ++co)
          want.feats[size_t(i * 2 + co)] +=
              double(y.feat(o)[ci]) * double(w[size_t((k * 3 + ci) * 2 + co)]);
    }
  }
  EXPECT_GE(pairs, x.numSites); // every forward input is read at least once
  expectSame(inv, want, 1e-12);
}

TEST(RefInverseConv, IsTheAdjointOfTheForwardConv) {
  // <conv_W(x), y> == <x, inv_{W^T}(y)> for bias 0, with y on the forward output sites.
  const ConvGeometry g = geom(ConvKind::Regular, {3, 3, 3}, {2, 2, 2}, {1, 1, 1}, {1, 1, 1});
  const int64_t cx = 3, cy = 2;
  const SparseTensor x = ref::randomCloud(21, 150, cx, {11, 9, 10}, 2);
  const std::vector<float> w = ref::randomWeights(22, 27 * cx * cy);
  const RefTensor fx = ref::refConv(x, w, nullptr, g);
  const SparseTensor y = forwardSites(x, g, cy, 23);
  const RefTensor inv = ref::refInverseConv(y, swapChannels(w, 27, cx, cy), nullptr, g, x);
  const double lhs = innerProduct(fx, ref::toRef(y)), rhs = innerProduct(ref::toRef(x), inv);
  EXPECT_NEAR(lhs, rhs, 1e-10 * (1 + std::fabs(lhs)));
  EXPECT_GT(std::fabs(lhs), 1e-3);
}

TEST(RefInverseConv, Errors) {
  const ConvGeometry g = geom(ConvKind::Regular, {3, 3, 3}, {2, 2, 2}, {1, 1, 1});
  const SparseTensor x = ref::randomCloud(1, 20, 2, {6, 6, 6}, 1);
  SparseTensor y = forwardSites(x, g, 2, 2);
  const std::vector<float> w = ref::randomWeights(3, 27 * 2 * 2);
  EXPECT_TRUE(throwsError([&] {
    ref::refInverseConv(y, w, nullptr, geom(ConvKind::Submanifold, {3, 3, 3}), x);
  }));
  y.spatialShape = {6, 6, 6}; // not the forward conv's output shape (3, 3, 3)
  EXPECT_TRUE(throwsError([&] { ref::refInverseConv(y, w, nullptr, g, x); }));
}

// ---- Transposed convolution --------------------------------------------------------------------

TEST(RefConvTranspose, HandCase1D) {
  // Kernel 3 along x, stride 2, weights 1, 2, 3, bias 0.5; inputs x=0 (f 1) and x=1 (f 100).
  const SparseTensor in = makeTensor({1, 1, 3}, 1, 1, {{0, 0, 0, 1}, {0, 0, 0, 0}}, {100, 1});
  const std::vector<float> w{1, 2, 3}, bias{0.5f};
  {
    // p = 0: shape (3-1)*2 + 2 + 1 = 7; x=0 -> 0,1,2; x=1 -> 2,3,4.
    const RefTensor t = ref::refConvTranspose(
        in, w, &bias, geom(ConvKind::Regular, {1, 1, 3}, {1, 1, 2}), {0, 0, 0});
    EXPECT_EQ(t.spatialShape, (Int3{1, 1, 7}));
    EXPECT_EQ(t.coords,
              (std::vector<int32_t>{0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4}));
    EXPECT_EQ(t.feats, (std::vector<double>{1.5, 2.5, 103.5, 200.5, 300.5}));
  }
  {
    // p = 1: shape 5; x=0 -> -1 (dropped), 0, 1; x=1 -> 1, 2, 3.
    const RefTensor t = ref::refConvTranspose(
        in, w, &bias, geom(ConvKind::Regular, {1, 1, 3}, {1, 1, 2}, {0, 0, 1}), {0, 0, 0});
    EXPECT_EQ(t.spatialShape, (Int3{1, 1, 5}));
    EXPECT_EQ(t.coords, (std::vector<int32_t>{0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3}));
    EXPECT_EQ(t.feats, (std::vector<double>{2.5, 103.5, 200.5, 300.5}));
  }
  {
    // Output padding 1 grows the shape to 6 and keeps x=2's last output (2*2 - 1 + 2 = 5).
    const SparseTensor in2 = makeTensor({1, 1, 3}, 1, 1, {{0, 0, 0, 2}}, {10});
    const ConvGeometry g = geom(ConvKind::Regular, {1, 1, 3}, {1, 1, 2}, {0, 0, 1});
    const RefTensor t0 = ref::refConvTranspose(in2, w, nullptr, g, {0, 0, 0});
    EXPECT_EQ(t0.coords, (std::vector<int32_t>{0, 0, 0, 3, 0, 0, 0, 4}));
    const RefTensor t1 = ref::refConvTranspose(in2, w, nullptr, g, {0, 0, 1});
    EXPECT_EQ(t1.spatialShape, (Int3{1, 1, 6}));
    EXPECT_EQ(t1.coords, (std::vector<int32_t>{0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0, 5}));
    EXPECT_EQ(t1.feats, (std::vector<double>{10, 20, 30}));
    EXPECT_TRUE(throwsError([&] { ref::refConvTranspose(in2, w, nullptr, g, {0, 0, 2}); }));
    EXPECT_TRUE(throwsError([&] { ref::refConvTranspose(in2, w, nullptr, g, {0, 0, -1}); }));
  }
}

TEST(RefConvTranspose, IsTheAdjointOfTheRegularConv) {
  // On the transposed conv's output grid S', the regular conv with the same parameters maps back
  // to the input grid S (output_padding < stride), and <T_W(y), x> == <y, conv_{W^T}(x)>.
  for (const auto &[g, op] : std::vector<std::pair<ConvGeometry, Int3>>{
           {geom(ConvKind::Regular, {3, 3, 3}, {2, 2, 2}, {1, 1, 1}), {1, 0, 1}},
           {geom(ConvKind::Regular, {2, 3, 2}, {2, 1, 2}, {0, 1, 0}, {1, 2, 1}), {0, 0, 1}}}) {
    const int64_t cy = 2, cx = 3;
    const Int3 shapeY{5, 6, 4};
    const SparseTensor y = ref::randomCloud(31, 60, cy, shapeY, 2);
    const std::vector<float> w = ref::randomWeights(32, g.volume() * cy * cx);
    const RefTensor ty = ref::refConvTranspose(y, w, nullptr, g, op);
    ASSERT_EQ(ty.spatialShape, ref::refConvTransposeShape(shapeY, g, op));
    const SparseTensor x = ref::randomCloud(33, 200, cx, ty.spatialShape, 2);
    ASSERT_EQ(ref::refOutputShape(x.spatialShape, g), shapeY);
    const RefTensor cxOut = ref::refConv(x, swapChannels(w, g.volume(), cy, cx), nullptr, g);
    const double lhs = innerProduct(ty, ref::toRef(x)), rhs = innerProduct(ref::toRef(y), cxOut);
    EXPECT_NEAR(lhs, rhs, 1e-10 * (1 + std::fabs(lhs)));
    EXPECT_GT(std::fabs(lhs), 1e-3);
  }
}

// ---- Importance and pruning --------------------------------------------------------------------

TEST(RefImportance, MeanIsFp32InChannelOrder) {
  // |F| = 4, 1e8, 4: in channel order 4 + 1e8 rounds back to 1e8 (ulp 8, ties to even), + 4 again;
  // summing the two 4s first would give 1e8 + 8. |F| = 4, 4, 1e8: in order 8 + 1e8 is exact;
  // summing from the last channel would give 1e8.
  const SparseTensor in = makeTensor({1, 1, 3}, 1, 3, {{0, 0, 0, 0}, {0, 0, 0, 1}, {0, 0, 0, 2}},
                                     {4.0f, -1e8f, 4.0f, 0.5f, -0.25f, 0.0f, -4.0f, 4.0f, 1e8f});
  const std::vector<float> m = ref::refImportanceMean(in);
  EXPECT_EQ(m[0], 1e8f / 3.0f);
  EXPECT_NE(m[0], (1e8f + 8.0f) / 3.0f);
  EXPECT_EQ(m[1], 0.75f / 3.0f);
  EXPECT_EQ(m[2], (1e8f + 8.0f) / 3.0f);
  EXPECT_NE(m[2], 1e8f / 3.0f);
  const std::vector<double> imp = ref::refImportance(in);
  EXPECT_DOUBLE_EQ(imp[1], 1.0 / (1.0 + std::exp(-double(0.75f / 3.0f))));
  EXPECT_DOUBLE_EQ(imp[0], 1.0);
}

TEST(RefPruning, TiesGoToTheSmallerCoordinate) {
  // 8 sites with the same m, in scrambled row order: the 4 (then 2) smallest coordinates go first.
  const std::vector<Site> sites{{0, 1, 0, 0}, {0, 0, 1, 1}, {0, 0, 0, 1}, {0, 1, 1, 0},
                                {0, 0, 1, 0}, {0, 1, 0, 1}, {0, 0, 0, 0}, {0, 1, 1, 1}};
  std::vector<float> f;
  for (size_t i = 0; i < sites.size(); ++i)
    f.insert(f.end(), {i % 2 ? 0.5f : -0.5f, 0.25f});
  const SparseTensor in = makeTensor({2, 2, 2}, 1, 2, sites, f);
  const std::vector<bool> half = ref::refPruned(in, 0.5);
  for (size_t i = 0; i < sites.size(); ++i)
    EXPECT_EQ(half[i], sites[i][1] == 0) << "row " << i;  // z == 0 are the 4 smallest
  const std::vector<bool> some = ref::refPruned(in, 0.3); // floor(2.4) = 2
  for (size_t i = 0; i < sites.size(); ++i)
    EXPECT_EQ(some[i], sites[i][1] == 0 && sites[i][2] == 0) << "row " << i;
  // A lower m beats any coordinate: make the largest site the weakest.
  SparseTensor in2 = in;
  in2.feat(7)[0] = 0.125f;                                // (0,1,1,1)
  const std::vector<bool> one = ref::refPruned(in2, 0.2); // floor(1.6) = 1
  for (size_t i = 0; i < sites.size(); ++i)
    EXPECT_EQ(one[i], i == 7) << "row " << i;
  const std::vector<bool> none = ref::refPruned(in, 0.0);
  EXPECT_EQ(std::count(none.begin(), none.end(), true), 0);
}

TEST(RefPruning, PerBatchSample) {
  // Sample 0: 10 sites, sample 1: 7 sites with features 10x larger (a global top-k would take
  // most of its prunes from sample 0).
  SparseTensor a = ref::randomCloud(41, 10, 3, {4, 4, 4}, 1);
  const SparseTensor b = ref::randomCloud(42, 7, 3, {4, 4, 4}, 1);
  a.batchSize = 2;
  for (int64_t r = 0; r < b.numSites; ++r) {
    const int32_t *c = b.coord(r);
    a.coords.insert(a.coords.end(), {1, c[1], c[2], c[3]});
    for (int64_t ch = 0; ch < 3; ++ch)
      a.feats.push_back(b.feat(r)[ch] * 10);
  }
  a.numSites = 17;
  const std::vector<float> m = ref::refImportanceMean(a);
  for (auto [ratio, n0, n1] : std::vector<std::tuple<double, int, int>>{
           {0.5, 5, 3}, {0.7, 7, 4}, {0.29, 2, 2}, {0.1, 1, 0}, {0.0, 0, 0}, {0.99, 9, 6}}) {
    SCOPED_TRACE("ratio " + std::to_string(ratio));
    const std::vector<bool> p = ref::refPruned(a, ratio);
    int count[2] = {0, 0};
    float maxPruned[2] = {-1, -1}, minKept[2] = {1e30f, 1e30f};
    for (int64_t r = 0; r < a.numSites; ++r) {
      const int s = a.coord(r)[0];
      if (p[size_t(r)]) {
        ++count[s];
        maxPruned[s] = std::max(maxPruned[s], m[size_t(r)]);
      } else {
        minKept[s] = std::min(minKept[s], m[size_t(r)]);
      }
    }
    EXPECT_EQ(count[0], n0); // 10 * 0.7 is 7 in float64
    EXPECT_EQ(count[1], n1);
    for (int s = 0; s < 2; ++s)
      EXPECT_LT(maxPruned[s], minKept[s]); // random features: no ties
  }
  EXPECT_TRUE(throwsError([&] { ref::refPruned(a, 1.0); }));
  EXPECT_TRUE(throwsError([&] { ref::refPruned(a, -0.1); }));
}

TEST(RefPruning, ThresholdMode) {
  // C = 1: m = |F|.
  const SparseTensor in = makeTensor(
      {1, 1, 5}, 1, 1, {{0, 0, 0, 0}, {0, 0, 0, 1}, {0, 0, 0, 2}, {0, 0, 0, 3}, {0, 0, 0, 4}},
      {0.1f, -0.2f, 0.3f, 0.5f, 0.0f});
  const double t25 = 1.0 / (1.0 + std::exp(-0.25));
  EXPECT_EQ(ref::refPrunedThreshold(in, t25), (std::vector<bool>{true, true, false, false, true}));
  // Equality prunes: logit(sigmoid(0.5)) rounds to exactly 0.5f, and m = 0.5 <= 0.5.
  const double t50 = 1.0 / (1.0 + std::exp(-0.5));
  EXPECT_EQ(ref::refLogitThreshold(t50), 0.5f);
  EXPECT_EQ(ref::refPrunedThreshold(in, t50), (std::vector<bool>{true, true, true, true, true}));
  // t = 0.5: logit 0, only the all-zero site (imp exactly 0.5) is pruned; below 0.5 nothing.
  EXPECT_EQ(ref::refPrunedThreshold(in, 0.5),
            (std::vector<bool>{false, false, false, false, true}));
  EXPECT_EQ(ref::refPrunedThreshold(in, 0.3), (std::vector<bool>(5, false)));
  EXPECT_TRUE(throwsError([&] { ref::refPrunedThreshold(in, 0.0); }));
  EXPECT_TRUE(throwsError([&] { ref::refPrunedThreshold(in, 1.0); }));
}

// ---- SPSS --------------------------------------------------------------------------------------

TEST(RefSpss, NothingPrunedIsSubmConvOfScaledFeatures) {
  for (const ConvGeometry &g :
       {geom(ConvKind::Submanifold, {3, 3, 3}),
        geom(ConvKind::Submanifold, {3, 5, 3}, {1, 1, 1}, {0, 0, 0}, {2, 1, 2})}) {
    const int64_t c = 4;
    const SparseTensor in = ref::randomCloud(51, 180, c, {8, 9, 10}, 2);
    const std::vector<float> w = ref::randomWeights(52, g.volume() * c * c);
    const std::vector<float> bias = ref::randomWeights(53, c);
    const std::vector<bool> pruned = ref::refPruned(in, 0.0);
    const RefTensor spss = ref::refSpss(in, w, &bias, g, pruned);
    SparseTensor scaled = in;
    const std::vector<double> imp = ref::refImportance(in);
    for (int64_t r = 0; r < in.numSites; ++r)
      for (int64_t ch = 0; ch < c; ++ch)
        scaled.feat(r)[ch] = float(double(in.feat(r)[ch]) * imp[size_t(r)]);
    // F*imp rounded to float for refSubmConv: relative error ~ 6e-8 per term.
    expectSame(spss, ref::refSubmConv(scaled, w, &bias, g), 1e-6);
  }
}

TEST(RefSpss, PrunedRowsPassThroughAndImportantRowsIgnoreTheMask) {
  const ConvGeometry g = geom(ConvKind::Submanifold, {3, 3, 3});
  const int64_t c = 3;
  const SparseTensor in = ref::randomCloud(61, 150, c, {7, 7, 7}, 2);
  const std::vector<float> w = ref::randomWeights(62, 27 * c * c);
  const std::vector<float> bias = ref::randomWeights(63, c);
  const std::vector<bool> none(size_t(in.numSites), false);
  const std::vector<bool> half = ref::refPruned(in, 0.5);
  const RefTensor full = ref::refSpss(in, w, &bias, g, none);
  const RefTensor out = ref::refSpss(in, w, &bias, g, half);
  const std::vector<double> imp = ref::refImportance(in);
  ASSERT_EQ(out.coords, in.coords);
  int64_t numPruned = 0;
  for (int64_t r = 0; r < in.numSites; ++r)
    for (int64_t ch = 0; ch < c; ++ch) {
      const size_t i = size_t(r * c + ch);
      if (half[size_t(r)]) {
        EXPECT_EQ(out.feats[i], double(in.feat(r)[ch]) * imp[size_t(r)]) << "pruned row " << r;
      } else { // neighbours include pruned sites, so the important rows do not depend on the mask
        EXPECT_EQ(out.feats[i], full.feats[i]) << "important row " << r;
      }
      numPruned += half[size_t(r)] && ch == 0;
    }
  EXPECT_GT(numPruned, 0);
  // Pass-through rows are not the conv output.
  for (int64_t r = 0; r < in.numSites; ++r) {
    if (half[size_t(r)]) {
      EXPECT_NE(out.feats[size_t(r * c)], full.feats[size_t(r * c)]);
    }
  }
}

TEST(RefSpss, Errors) {
  const SparseTensor in = ref::randomCloud(1, 20, 2, {5, 5, 5}, 1);
  const std::vector<bool> none(20, false);
  const ConvGeometry g = geom(ConvKind::Submanifold, {3, 3, 3});
  EXPECT_TRUE(
      throwsError([&] { ref::refSpss(in, ref::randomWeights(2, 27 * 2 * 3), nullptr, g, none); }));
  EXPECT_TRUE(throwsError(
      [&] { ref::refSpss(in, ref::randomWeights(2, 27 * 2 * 2), nullptr, g, {true}); }));
  EXPECT_TRUE(throwsError([&] {
    ref::refSpss(in, ref::randomWeights(2, 27 * 4), nullptr, geom(ConvKind::Regular, {3, 3, 3}),
                 none);
  }));
}

// ---- SPRS --------------------------------------------------------------------------------------

TEST(RefSprs, NothingPrunedIsTheRegularConv) {
  for (const ConvGeometry &g : {geom(ConvKind::Regular, {3, 3, 3}, {2, 2, 2}, {1, 1, 1}),
                                geom(ConvKind::Regular, {2, 2, 2}, {2, 2, 2}),
                                geom(ConvKind::Regular, {3, 3, 3}, {1, 1, 1}, {0, 0, 0}, {2, 2, 2}),
                                geom(ConvKind::Regular, {3, 1, 3}, {2, 1, 1}, {1, 0, 2})}) {
    const SparseTensor in = ref::randomCloud(71, 140, 3, {9, 10, 8}, 2);
    const std::vector<float> w = ref::randomWeights(72, g.volume() * 3 * 5);
    const std::vector<float> bias = ref::randomWeights(73, 5);
    const RefTensor sprs = ref::refSprs(in, w, &bias, g, ref::refPruned(in, 0.0));
    expectSame(sprs, ref::refConv(in, w, &bias, g), 1e-12);
  }
}

TEST(RefSprs, HandCase1D) {
  // Kernel 3 along x, stride 2, padding 1, shape 8: o reads x in [2o-1, 2o+1], centre 2o; 4
  // outputs. x=0 important, x=3, 4, 7 pruned. o=0: window has x=0 (important) -> kept (zero
  // coordinate!). o=1: [1,3] holds only pruned x=3, centre 2 inactive -> dropped. o=2: [3,5],
  // centre 4 pruned
  // -> kept. o=3: [5,7] holds only pruned x=7, centre 6 inactive -> dropped.
  const SparseTensor in =
      makeTensor({1, 1, 8}, 1, 1, {{0, 0, 0, 7}, {0, 0, 0, 3}, {0, 0, 0, 0}, {0, 0, 0, 4}},
                 {1000, 10, 1, 100});
  const std::vector<bool> pruned{true, true, false, true};
  const std::vector<float> w{1, 2, 3}, bias{0.5f};
  const ConvGeometry g = geom(ConvKind::Regular, {1, 1, 3}, {1, 1, 2}, {0, 0, 1});
  const RefTensor out = ref::refSprs(in, w, &bias, g, pruned);
  EXPECT_EQ(out.spatialShape, (Int3{1, 1, 4}));
  EXPECT_EQ(out.coords, (std::vector<int32_t>{0, 0, 0, 0, 0, 0, 0, 2}));
  // o=0: 2*f(0) + 0.5; o=2: 1*f(3) + 2*f(4) + 3*f(5, inactive) + 0.5 (unscaled features).
  EXPECT_EQ(out.feats, (std::vector<double>{2.5, 210.5}));
  EXPECT_EQ(ref::refConv(in, w, &bias, g).numSites, 4);
  // With x=4 important instead, o=1 stays dropped and o=2 is kept through its window.
  const RefTensor out2 = ref::refSprs(in, w, &bias, g, {true, true, false, false});
  EXPECT_EQ(out2.coords, (std::vector<int32_t>{0, 0, 0, 0, 0, 0, 0, 2}));
}

TEST(RefSprs, RandomPruningFollowsTheSiteRule) {
  for (const ConvGeometry &g :
       {geom(ConvKind::Regular, {3, 3, 3}, {2, 2, 2}, {1, 1, 1}),
        geom(ConvKind::Regular, {2, 2, 2}, {2, 2, 2}),
        geom(ConvKind::Regular, {3, 3, 3}, {2, 2, 2}, {0, 1, 2}, {1, 2, 1})}) {
    const SparseTensor in = ref::randomCloud(81, 160, 2, {10, 9, 11}, 2);
    const std::vector<float> w = ref::randomWeights(82, g.volume() * 2 * 3);
    const std::vector<bool> pruned = ref::refPruned(in, 0.6);
    const RefTensor sprs = ref::refSprs(in, w, nullptr, g, pruned);
    const RefTensor regular = ref::refConv(in, w, nullptr, g);
    // Brute force over the regular conv's outputs: the rule, then the values.
    const ref::SiteIndex index(in);
    std::set<Site> want;
    for (int64_t r = 0; r < regular.numSites; ++r) {
      const Site o = siteAt(regular, r);
      bool keep = false;
      for (int64_t k = 0; k < g.volume(); ++k) {
        const int64_t i = index.find(ref::refInputSite(g, o, k));
        keep = keep || (i >= 0 && !pruned[size_t(i)]);
      }
      Site centre = o;
      for (int a = 0; a < 3; ++a)
        centre[a + 1] =
            o[a + 1] * g.stride[a] - g.padding[a] + (g.kernel[a] - 1) / 2 * g.dilation[a];
      const int64_t ci = index.find(centre);
      keep = keep || (ci >= 0 && pruned[size_t(ci)]);
      if (keep)
        want.insert(o);
    }
    ASSERT_EQ(size_t(sprs.numSites), want.size());
    EXPECT_LT(sprs.numSites, regular.numSites); // pruning removed some outputs
    std::map<Site, int64_t> regularRow;
    for (int64_t r = 0; r < regular.numSites; ++r)
      regularRow[siteAt(regular, r)] = r;
    auto it = want.begin();
    for (int64_t r = 0; r < sprs.numSites; ++r, ++it) {
      ASSERT_EQ(siteAt(sprs, r), *it) << "row " << r << " (sorted order)";
      const int64_t q = regularRow.at(*it);
      for (int64_t c = 0; c < 3; ++c)
        EXPECT_NEAR(sprs.feats[size_t(r * 3 + c)], regular.feats[size_t(q * 3 + c)], 1e-12);
    }
  }
}

// ---- Pointwise ops and to_dense ----------------------------------------------------------------

TEST(RefPointwise, BatchNormAndRelu) {
  const SparseTensor in = makeTensor({2, 2, 2}, 1, 2, {{0, 0, 0, 1}, {0, 1, 1, 0}}, {1, -2, 3, 4});
  const RefTensor bn = ref::refBatchNorm(in, {2, 1}, {0.5, -1}, {1, 2}, {3, 0.25}, 1.0);
  ASSERT_EQ(bn.coords, in.coords);
  // ch0: (x - 1)/2*2 + 0.5; ch1: (x - 2)/sqrt(1.25) - 1.
  EXPECT_DOUBLE_EQ(bn.feats[0], 0.5);
  EXPECT_DOUBLE_EQ(bn.feats[1], -4 / std::sqrt(1.25) - 1);
  EXPECT_DOUBLE_EQ(bn.feats[2], 2.5);
  EXPECT_DOUBLE_EQ(bn.feats[3], 2 / std::sqrt(1.25) - 1);
  EXPECT_EQ(ref::refRelu(bn).feats, (std::vector<double>{0.5, 0.0, 2.5, 2 / std::sqrt(1.25) - 1}));
  EXPECT_EQ(ref::refRelu(in).feats, (std::vector<double>{1, 0, 3, 4}));
  EXPECT_TRUE(throwsError([&] { ref::refBatchNorm(in, {1}, {0}, {0}, {1}, 1e-3); }));
  EXPECT_TRUE(throwsError([&] { ref::refBatchNorm(in, {1, 1}, {0, 0}, {0, 0}, {1, -1}, 1e-3); }));
}

TEST(RefPointwise, AddAndConcatMatchByCoordinate) {
  const SparseTensor a =
      makeTensor({2, 2, 2}, 1, 2, {{0, 0, 0, 1}, {0, 1, 1, 0}, {0, 0, 1, 0}}, {1, 2, 3, 4, 5, 6});
  // b holds the same sites in another row order.
  const SparseTensor b = makeTensor({2, 2, 2}, 1, 2, {{0, 0, 1, 0}, {0, 0, 0, 1}, {0, 1, 1, 0}},
                                    {50, 60, 10, 20, 30, 40});
  const RefTensor sum = ref::refAdd(a, b);
  EXPECT_EQ(sum.coords, a.coords);
  EXPECT_EQ(sum.feats, (std::vector<double>{11, 22, 33, 44, 55, 66}));
  const SparseTensor b1 =
      makeTensor({2, 2, 2}, 1, 1, {{0, 1, 1, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}}, {-3, -5, -1});
  const RefTensor cat = ref::refConcat(a, b1);
  EXPECT_EQ(cat.channels, 3);
  EXPECT_EQ(cat.coords, a.coords);
  EXPECT_EQ(cat.feats, (std::vector<double>{1, 2, -1, 3, 4, -3, 5, 6, -5}));
  // Different site sets are refused.
  const SparseTensor c = makeTensor({2, 2, 2}, 1, 2, {{0, 0, 1, 0}, {0, 0, 0, 1}, {0, 1, 1, 1}},
                                    {50, 60, 10, 20, 30, 40});
  EXPECT_TRUE(throwsError([&] { ref::refAdd(a, c); }));
  EXPECT_TRUE(throwsError([&] { ref::refConcat(a, c); }));
  EXPECT_TRUE(throwsError([&] { ref::refAdd(a, b1); })); // channels differ
  SparseTensor shorter = b;
  shorter.numSites = 2;
  shorter.coords.resize(8);
  shorter.feats.resize(4);
  EXPECT_TRUE(throwsError([&] { ref::refAdd(a, shorter); }));
}

TEST(RefPointwise, Linear) {
  const SparseTensor in = makeTensor({1, 1, 2}, 1, 2, {{0, 0, 0, 1}, {0, 0, 0, 0}}, {1, 2, -1, 3});
  // W [2, 3]: rows are input channels.
  const std::vector<float> w{1, 0, 2, 0.5f, -1, 4}, bias{0.25f, 0, -1};
  const RefTensor out = ref::refLinear(in, w, &bias);
  EXPECT_EQ(out.channels, 3);
  EXPECT_EQ(out.coords, in.coords);
  EXPECT_EQ(out.feats, (std::vector<double>{1 + 1 + 0.25, -2, 2 + 8 - 1, //
                                            -1 + 1.5 + 0.25, -3, -2 + 12 - 1}));
  EXPECT_TRUE(throwsError([&] { ref::refLinear(in, std::vector<float>(5), nullptr); }));
}

TEST(RefToDense, ChannelMajorBev) {
  // B 2, C 2, (D, H, W) = (2, 2, 3): dense [2, 4, 2, 3], channel index c*D + z.
  const SparseTensor in = makeTensor({2, 2, 3}, 2, 2, {{1, 1, 0, 2}, {0, 0, 1, 1}}, {5, 7, -1, -2});
  const std::vector<double> d = ref::refToDense(in);
  ASSERT_EQ(d.size(), 48u);
  std::vector<double> want(48, 0.0);
  auto at = [](int b, int ch, int y, int x) { return size_t(((b * 4 + ch) * 2 + y) * 3 + x); };
  want[at(1, 0 * 2 + 1, 0, 2)] = 5; // site (1, z=1, y=0, x=2), c=0 -> channel 1
  want[at(1, 1 * 2 + 1, 0, 2)] = 7; //                         c=1 -> channel 3
  want[at(0, 0 * 2 + 0, 1, 1)] = -1;
  want[at(0, 1 * 2 + 0, 1, 1)] = -2;
  EXPECT_EQ(d, want);
  EXPECT_EQ(at(1, 1, 0, 2), 32u);
  EXPECT_EQ(at(1, 3, 0, 2), 44u);
}
