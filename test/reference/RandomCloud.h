// Deterministic random inputs for tests (std::mt19937_64: the same seed gives the same data with
// the same standard library).
#pragma once
#include "runtime/SparseTensor.h"

namespace sconv::ref {

/// numSites distinct random sites in batch [0, batchSize) x shape, in random row order, features
/// uniform(-1, 1). Dense requests (more than half the grid) sample without replacement by a partial
/// shuffle. Throws rt::Error when numSites exceeds the grid.
rt::SparseTensor randomCloud(uint64_t seed, int64_t numSites, int64_t channels, rt::Int3 shape,
                             int32_t batchSize);
/// A batch of two samples with n0 and n1 random sites (randomCloud's, seeds `seed` and
/// seed + 1000), rows interleaved so that the samples are not contiguous.
rt::SparseTensor twoSampleCloud(uint64_t seed, int64_t n0, int64_t n1, int64_t channels,
                                rt::Int3 shape);
/// n values uniform(-1, 1).
std::vector<float> randomWeights(uint64_t seed, int64_t n);

} // namespace sconv::ref
