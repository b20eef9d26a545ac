// Small builders shared by the test suites: a conv geometry in one call, and a tensor from an
// explicit list of sites (hand-computed cases).
#pragma once
#include "test/reference/Reference.h"

#include <gtest/gtest.h>

namespace sconv::ref {

inline ConvGeometry geom(ConvKind kind, Int3 kernel, Int3 stride = {1, 1, 1},
                         Int3 padding = {0, 0, 0}, Int3 dilation = {1, 1, 1}) {
  ConvGeometry g;
  g.kind = kind;
  g.kernel = kernel;
  g.stride = stride;
  g.padding = padding;
  g.dilation = dilation;
  return g;
}

/// Sites in the given order with their feature rows (`feats` holds sites.size() * channels).
inline SparseTensor makeTensor(Int3 shape, int32_t batch, int64_t channels,
                               const std::vector<Site> &sites, const std::vector<float> &feats) {
  SparseTensor t;
  t.numSites = int64_t(sites.size());
  t.channels = channels;
  t.spatialShape = shape;
  t.batchSize = batch;
  for (const Site &s : sites)
    t.coords.insert(t.coords.end(), s.begin(), s.end());
  t.feats = feats;
  EXPECT_EQ(int64_t(feats.size()), t.numSites * channels);
  return t;
}

} // namespace sconv::ref
