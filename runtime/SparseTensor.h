// The sparse voxel tensor the runtime computes on (OPERATORS.md, "Sparse voxel tensor").
#pragma once
#include "runtime/Error.h"

#include <array>
#include <cstdint>
#include <vector>

namespace sconv::rt {

using Int3 = std::array<int32_t, 3>; // (z, y, x) order everywhere

struct SparseTensor {
  int64_t numSites = 0;
  int64_t channels = 0;
  Int3 spatialShape{0, 0, 0}; // (D, H, W): 0 <= z < D, 0 <= y < H, 0 <= x < W
  int32_t batchSize = 1;
  std::vector<int32_t> coords; // numSites * 4, rows (batch, z, y, x)
  std::vector<float> feats;    // numSites * channels, row-major

  const int32_t *coord(int64_t row) const { return coords.data() + 4 * row; }
  float *feat(int64_t row) { return feats.data() + channels * row; }
  const float *feat(int64_t row) const { return feats.data() + channels * row; }

  /// Throws Error when sizes disagree, a coordinate lies outside the spatial shape or batch range,
  /// or a feature is NaN/Inf. (Duplicate sites are detected when a CoordHash is built.)
  void validate() const;
};

} // namespace sconv::rt
