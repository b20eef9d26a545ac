// Structural checks for SparseTensor: run once at the boundary (loading, tool input), not per kernel.
#include "runtime/SparseTensor.h"

#include <cmath>
#include <string>

namespace sconv::rt {

static std::string coordText(const int32_t *c) {
  return "(" + std::to_string(c[0]) + ", " + std::to_string(c[1]) + ", " + std::to_string(c[2]) +
         ", " + std::to_string(c[3]) + ")";
}

void SparseTensor::validate() const {
  if (numSites < 0 || channels < 0)
    throw Error("sparse tensor: negative numSites (" + std::to_string(numSites) +
                ") or channels (" + std::to_string(channels) + ")");
  if (batchSize < 1)
    throw Error("sparse tensor: batchSize must be >= 1, got " + std::to_string(batchSize));
  for (int a = 0; a < 3; ++a)
    if (spatialShape[a] <= 0)
      throw Error("sparse tensor: spatial shape (" + std::to_string(spatialShape[0]) + ", " +
                  std::to_string(spatialShape[1]) + ", " + std::to_string(spatialShape[2]) +
                  ") must be positive");
  if (int64_t(coords.size()) != numSites * 4)
    throw Error("sparse tensor: coords holds " + std::to_string(coords.size()) +
                " values, expected numSites*4 = " + std::to_string(numSites * 4));
  if (int64_t(feats.size()) != numSites * channels)
    throw Error("sparse tensor: feats holds " + std::to_string(feats.size()) +
                " values, expected numSites*channels = " + std::to_string(numSites * channels));
  for (int64_t r = 0; r < numSites; ++r) {
    const int32_t *c = coord(r);
    bool inside = c[0] >= 0 && c[0] < batchSize;
    for (int a = 0; a < 3; ++a)
      inside = inside && c[a + 1] >= 0 && c[a + 1] < spatialShape[a];
    if (!inside)
      throw Error("sparse tensor: site " + coordText(c) + " at row " + std::to_string(r) +
                  " lies outside batch [0, " + std::to_string(batchSize) + ") x shape (" +
                  std::to_string(spatialShape[0]) + ", " + std::to_string(spatialShape[1]) + ", " +
                  std::to_string(spatialShape[2]) + ")");
  }
  for (size_t i = 0; i < feats.size(); ++i)
    if (!std::isfinite(feats[i]))
      throw Error("sparse tensor: non-finite feature at row " + std::to_string(i / channels) +
                  ", channel " + std::to_string(i % channels));
}

} // namespace sconv::rt
