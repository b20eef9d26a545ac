// Conversion of spconv / OpenPCDet state dicts (exported to safetensors) to sconv's parameter
// layout, so that released checkpoints can be loaded with Model::loadWeights. See docs/weights.md.
//
// Conv weights: spconv 2.x stores [C_out, kz, ky, kx, C_in] ("KRSC", its default), spconv 1.x
// [kz, ky, kx, C_in, C_out]; sconv wants [K = kz*ky*kx, C_in, C_out] with the same flat kernel
// order (z slowest, x fastest), so spconv 1.x is a reshape and spconv 2.x a transpose.
#pragma once
#include "runtime/Safetensors.h"

namespace sconv::rt {

enum class SpconvLayout {
  Spconv2, // [C_out, kz, ky, kx, C_in]
  Spconv1, // [kz, ky, kx, C_in, C_out]
};

/// "spconv2" or "spconv1"; throws Error otherwise.
SpconvLayout parseSpconvLayout(const std::string &name);
const char *spconvLayoutName(SpconvLayout layout);

/// One 5-D conv weight in `layout` -> [K, C_in, C_out]. Throws Error (naming `name`) when the
/// tensor is not 5-D or its value count disagrees with its shape.
TensorData convertSpconvConvWeight(const std::string &name, const TensorData &weight,
                                   SpconvLayout layout);

struct SpconvConvertOptions {
  SpconvLayout layout = SpconvLayout::Spconv2;
  /// When not empty, only tensors whose names start with it are kept, with it removed
  /// ("backbone_3d." turns "backbone_3d.conv1.0.weight" into "conv1.0.weight").
  std::string stripPrefix;
};

struct SpconvConvertReport {
  int64_t convWeights = 0;          // 5-D tensors rewritten to [K, C_in, C_out]
  int64_t copied = 0;               // other tensors (BatchNorm, biases, ...), unchanged
  int64_t droppedCounters = 0;      // "*num_batches_tracked" (not a parameter)
  int64_t droppedOutsidePrefix = 0; // names without stripPrefix
  /// Conv weights whose shape reads more naturally in the other layout (a cubic kernel there, a
  /// non-cubic one here): probably the wrong --layout.
  std::vector<std::string> layoutDoubts;
};

/// Converts a state dict. Names are kept (minus stripPrefix). Throws Error on a tensor whose name
/// becomes empty, or on a malformed conv weight.
std::map<std::string, TensorData>
convertSpconvStateDict(const std::map<std::string, TensorData> &stateDict,
                       const SpconvConvertOptions &options, SpconvConvertReport *report = nullptr);

} // namespace sconv::rt
