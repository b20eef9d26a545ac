// Model::loadWeights: a model artifact holding only a parameter list (no kernels are needed to set
// weights), loaded with good and bad safetensors files; a failed load must set nothing.
#include "runtime/Artifact.h"
#include "runtime/Executor.h"
#include "runtime/Safetensors.h"
#include "runtime/SpconvWeights.h"
#include "test/unit/IoTestUtil.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace sconv;
using iotest::errorOf;
using iotest::TempPath;
using rt::TensorData;

namespace {

#define EXPECT_CONTAINS(text, part)                                                                \
  EXPECT_NE(std::string(text).find(part), std::string::npos) << "message: " << (text)

class LoadWeights : public ::testing::Test {
protected:
  void SetUp() override {
    rt::Plan plan;
    plan.params = {{"conv.weight", {27, 4, 16}}, {"conv.bias", {16}}, {"bn.running_var", {16}}};
    rt::Artifact a;
    a.manifest = plan.toJson();
    a.writeFile(artifact_.path());
    model_ = rt::Model::load(artifact_.path());
  }

  /// Correct tensors for every parameter.
  static std::map<std::string, TensorData> goodTensors() {
    std::map<std::string, TensorData> t;
    t["conv.weight"] = {{27, 4, 16}, std::vector<float>(27 * 4 * 16, 0.5f)};
    t["conv.bias"] = {{16}, std::vector<float>(16, -1.f)};
    t["bn.running_var"] = {{16}, std::vector<float>(16, 2.f)};
    return t;
  }

  std::string loadError(const std::map<std::string, TensorData> &tensors) {
    rt::writeSafetensors(weights_.path(), tensors);
    return errorOf([&] { model_->loadWeights(weights_.path()); });
  }

  TempPath artifact_{".sconv"};
  TempPath weights_{".safetensors"};
  std::unique_ptr<rt::Model> model_;
};

TEST_F(LoadWeights, SetsEveryParameterAndCountsExtras) {
  auto t = goodTensors();
  t["head.weight"] = {{2}, {1, 2}};
  t["conv.num_batches_tracked"] = {{}, {7}};
  rt::writeSafetensors(weights_.path(), t);
  EXPECT_EQ(model_->missingParams().size(), 3u);
  EXPECT_EQ(model_->loadWeights(weights_.path()), 2);
  EXPECT_TRUE(model_->missingParams().empty());
}

TEST_F(LoadWeights, MissingParametersAreNamedAndCounted) {
  auto t = goodTensors();
  t.erase("conv.bias");
  t.erase("bn.running_var");
  const std::string msg = loadError(t);
  EXPECT_CONTAINS(msg, "2 of 3 parameter(s) missing from '" + weights_.path() +
                           "': 'conv.bias', 'bn.running_var'");
  EXPECT_EQ(model_->missingParams().size(), 3u) << "a failed load sets nothing";
}

TEST_F(LoadWeights, MissingParameterUnderAModulePrefixGetsAHint) {
  std::map<std::string, TensorData> t;
  for (auto &[name, v] : goodTensors())
    t["backbone_3d." + name] = v;
  EXPECT_CONTAINS(loadError(t), "strip its prefix with sconv-convert-weights --prefix");
}

TEST_F(LoadWeights, WrongShapeNamesBothShapes) {
  auto t = goodTensors();
  t["conv.weight"] = {{16, 3, 3, 3, 4}, std::vector<float>(27 * 4 * 16, 0.f)};
  EXPECT_CONTAINS(loadError(t), "parameter 'conv.weight' has shape [27, 4, 16] in the model but "
                                "[16, 3, 3, 3, 4] in '" +
                                    weights_.path() + "'");
  EXPECT_EQ(model_->missingParams().size(), 3u);
}

TEST_F(LoadWeights, NonFiniteValueSetsNothing) {
  auto t = goodTensors();
  t["bn.running_var"].values[3] = std::nanf("");
  EXPECT_CONTAINS(loadError(t), "parameter 'bn.running_var' has a non-finite value at index 3");
  EXPECT_EQ(model_->missingParams().size(), 3u);
}

TEST_F(LoadWeights, ConvertedSpconv2CheckpointLoads) {
  std::map<std::string, TensorData> sd;
  sd["backbone_3d.conv.weight"] = {{16, 3, 3, 3, 4}, std::vector<float>(27 * 4 * 16, 0.25f)};
  sd["backbone_3d.conv.bias"] = {{16}, std::vector<float>(16, 0.f)};
  sd["backbone_3d.bn.running_var"] = {{16}, std::vector<float>(16, 1.f)};
  sd["backbone_3d.bn.num_batches_tracked"] = {{}, {10}};
  rt::SpconvConvertOptions opt;
  opt.stripPrefix = "backbone_3d.";
  rt::writeSafetensors(weights_.path(), rt::convertSpconvStateDict(sd, opt));
  EXPECT_EQ(model_->loadWeights(weights_.path()), 0);
  EXPECT_TRUE(model_->missingParams().empty());
}

TEST_F(LoadWeights, UnreadableFileIsAnError) {
  weights_.write("definitely not safetensors");
  EXPECT_CONTAINS(errorOf([&] { model_->loadWeights(weights_.path()); }), weights_.path());
}

} // namespace
