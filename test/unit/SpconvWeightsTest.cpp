// Weight conversion from spconv / OpenPCDet state dicts: every element of a synthetic spconv 2.x
// (and 1.x) conv weight must land at (k, ci, co) of sconv's [K, C_in, C_out], BatchNorm tensors are
// copied, counters and other modules dropped, and a file round trip keeps all of it.
#include "runtime/SpconvWeights.h"
#include "test/unit/IoTestUtil.h"

#include <gtest/gtest.h>

using namespace sconv;
using iotest::errorOf;
using iotest::TempPath;
using rt::TensorData;

namespace {

#define EXPECT_CONTAINS(text, part)                                                                \
  EXPECT_NE(std::string(text).find(part), std::string::npos) << "message: " << (text)

/// A distinct, exactly representable value per index tuple.
float tag(int64_t a, int64_t b, int64_t c, int64_t d, int64_t e) {
  return float((((a * 8 + b) * 8 + c) * 8 + d) * 8 + e);
}

/// spconv 2.x weight [C_out, kz, ky, kx, C_in] with element (co, z, y, x, ci) = tag(...).
TensorData spconv2Weight(int64_t cout, int64_t kz, int64_t ky, int64_t kx, int64_t cin) {
  TensorData t;
  t.shape = {cout, kz, ky, kx, cin};
  for (int64_t co = 0; co < cout; ++co)
    for (int64_t z = 0; z < kz; ++z)
      for (int64_t y = 0; y < ky; ++y)
        for (int64_t x = 0; x < kx; ++x)
          for (int64_t ci = 0; ci < cin; ++ci)
            t.values.push_back(tag(co, z, y, x, ci));
  return t;
}

/// Checks out[k][ci][co] == original[co][z][y][x][ci] with k = (z*ky + y)*kx + x.
void expectSconvLayout(const TensorData &out, int64_t cout, int64_t kz, int64_t ky, int64_t kx,
                       int64_t cin) {
  ASSERT_EQ(out.shape, (std::vector<int64_t>{kz * ky * kx, cin, cout}));
  for (int64_t z = 0; z < kz; ++z)
    for (int64_t y = 0; y < ky; ++y)
      for (int64_t x = 0; x < kx; ++x) {
        const int64_t k = (z * ky + y) * kx + x;
        for (int64_t ci = 0; ci < cin; ++ci)
          for (int64_t co = 0; co < cout; ++co)
            ASSERT_EQ(out.values[size_t((k * cin + ci) * cout + co)], tag(co, z, y, x, ci))
                << "k=" << k << " ci=" << ci << " co=" << co;
      }
}

TEST(SpconvWeights, Spconv2ConvWeightElementByElement) {
  // Distinct sizes on every axis, so a swapped axis cannot pass.
  const TensorData w = spconv2Weight(5, 3, 2, 4, 3);
  expectSconvLayout(rt::convertSpconvConvWeight("w", w, rt::SpconvLayout::Spconv2), 5, 3, 2, 4, 3);
  const TensorData cube = spconv2Weight(4, 3, 3, 3, 2);
  expectSconvLayout(rt::convertSpconvConvWeight("w", cube, rt::SpconvLayout::Spconv2), 4, 3, 3, 3,
                    2);
}

TEST(SpconvWeights, Spconv1IsAReshape) {
  // [kz, ky, kx, C_in, C_out] with element (z, y, x, ci, co) = tag(co, z, y, x, ci).
  TensorData w;
  w.shape = {3, 1, 2, 3, 4};
  for (int64_t z = 0; z < 3; ++z)
    for (int64_t x = 0; x < 2; ++x)
      for (int64_t ci = 0; ci < 3; ++ci)
        for (int64_t co = 0; co < 4; ++co)
          w.values.push_back(tag(co, z, 0, x, ci));
  expectSconvLayout(rt::convertSpconvConvWeight("w", w, rt::SpconvLayout::Spconv1), 4, 3, 1, 2, 3);
}

/// An OpenPCDet-style state dict: SubM conv + BatchNorm under backbone_3d., plus a 2D head.
std::map<std::string, TensorData> stateDict() {
  std::map<std::string, TensorData> sd;
  sd["backbone_3d.conv_input.0.weight"] = spconv2Weight(16, 3, 3, 3, 4);
  sd["backbone_3d.conv_input.1.weight"] = {{16}, std::vector<float>(16, 1.5f)};
  sd["backbone_3d.conv_input.1.bias"] = {{16}, std::vector<float>(16, -0.5f)};
  sd["backbone_3d.conv_input.1.running_mean"] = {{16}, std::vector<float>(16, 0.25f)};
  sd["backbone_3d.conv_input.1.running_var"] = {{16}, std::vector<float>(16, 2.f)};
  sd["backbone_3d.conv_input.1.num_batches_tracked"] = {{}, {1234.f}};
  sd["dense_head.conv_cls.weight"] = {{2, 4, 1, 1}, std::vector<float>(8, 0.f)};
  return sd;
}

TEST(SpconvWeights, StateDictWithPrefixThroughFiles) {
  TempPath in(".safetensors"), out(".safetensors");
  rt::writeSafetensors(in.path(), stateDict());

  rt::SpconvConvertOptions opt;
  opt.stripPrefix = "backbone_3d.";
  rt::SpconvConvertReport rep;
  rt::writeSafetensors(out.path(),
                       rt::convertSpconvStateDict(rt::readSafetensors(in.path()), opt, &rep));
  const std::map<std::string, TensorData> got = rt::readSafetensors(out.path());

  std::vector<std::string> names;
  for (const auto &kv : got)
    names.push_back(kv.first);
  EXPECT_EQ(names, (std::vector<std::string>{"conv_input.0.weight", "conv_input.1.bias",
                                             "conv_input.1.running_mean",
                                             "conv_input.1.running_var", "conv_input.1.weight"}));
  expectSconvLayout(got.at("conv_input.0.weight"), 16, 3, 3, 3, 4);
  EXPECT_EQ(got.at("conv_input.1.weight").values, std::vector<float>(16, 1.5f));
  EXPECT_EQ(got.at("conv_input.1.bias").values, std::vector<float>(16, -0.5f));
  EXPECT_EQ(got.at("conv_input.1.running_mean").values, std::vector<float>(16, 0.25f));
  EXPECT_EQ(got.at("conv_input.1.running_var").values, std::vector<float>(16, 2.f));
  EXPECT_EQ(rep.convWeights, 1);
  EXPECT_EQ(rep.copied, 4);
  EXPECT_EQ(rep.droppedCounters, 1);
  EXPECT_EQ(rep.droppedOutsidePrefix, 1);
  EXPECT_TRUE(rep.layoutDoubts.empty());
}

TEST(SpconvWeights, NamesKeptWithoutPrefix) {
  const auto got = rt::convertSpconvStateDict(stateDict(), {});
  EXPECT_TRUE(got.count("backbone_3d.conv_input.0.weight"));
  EXPECT_TRUE(got.count("dense_head.conv_cls.weight")) << "other tensors are copied unchanged";
  EXPECT_EQ(got.at("dense_head.conv_cls.weight").shape, (std::vector<int64_t>{2, 4, 1, 1}));
  EXPECT_FALSE(got.count("backbone_3d.conv_input.1.num_batches_tracked"));
}

TEST(SpconvWeights, WrongLayoutIsReportedAsADoubt) {
  // A spconv 1.x weight [3, 3, 3, 16, 8] read as spconv 2.x has kernel 3 x 3 x 16.
  std::map<std::string, TensorData> sd;
  sd["conv.weight"] = {{3, 3, 3, 16, 8}, std::vector<float>(3 * 3 * 3 * 16 * 8, 0.f)};
  rt::SpconvConvertReport rep;
  rt::convertSpconvStateDict(sd, {}, &rep);
  ASSERT_EQ(rep.layoutDoubts.size(), 1u);
  EXPECT_CONTAINS(rep.layoutDoubts[0], "has a cubic kernel only in spconv1 layout");
  rt::SpconvConvertOptions v1;
  v1.layout = rt::SpconvLayout::Spconv1;
  rep = {};
  EXPECT_EQ(rt::convertSpconvStateDict(sd, v1, &rep).at("conv.weight").shape,
            (std::vector<int64_t>{27, 16, 8}));
  EXPECT_TRUE(rep.layoutDoubts.empty());
}

TEST(SpconvWeights, Errors) {
  EXPECT_CONTAINS(errorOf([] { rt::parseSpconvLayout("spconv3"); }),
                  "unknown weight layout 'spconv3' (expected spconv2 or spconv1)");
  EXPECT_CONTAINS(errorOf([] {
                    rt::convertSpconvConvWeight("w", {{4, 3}, std::vector<float>(12)},
                                                rt::SpconvLayout::Spconv2);
                  }),
                  "conv weight 'w' has shape [4, 3], expected 5 dims");
  rt::SpconvConvertOptions opt;
  opt.stripPrefix = "backbone_3d.";
  EXPECT_CONTAINS(errorOf([&] {
                    rt::convertSpconvStateDict({{"backbone_3d.", {{1}, {1.f}}}}, opt);
                  }),
                  "has no name left after removing the prefix 'backbone_3d.'");
}

} // namespace
