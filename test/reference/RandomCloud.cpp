// Random test clouds: distinct sites, random row order, features uniform(-1, 1).
#include "test/reference/RandomCloud.h"

#include <random>
#include <string>
#include <unordered_set>

namespace sconv::ref {

using rt::Error;

rt::SparseTensor randomCloud(uint64_t seed, int64_t numSites, int64_t channels, rt::Int3 shape,
                             int32_t batchSize) {
  if (numSites < 0 || channels < 0 || batchSize < 1 || shape[0] < 1 || shape[1] < 1 ||
      shape[2] < 1)
    throw Error("randomCloud: bad arguments");
  const uint64_t plane = uint64_t(shape[1]) * uint64_t(shape[2]);
  const uint64_t volume = uint64_t(shape[0]) * plane;
  const uint64_t total = volume * uint64_t(batchSize);
  if (uint64_t(numSites) > total)
    throw Error("randomCloud: " + std::to_string(numSites) + " sites do not fit a grid of " +
                std::to_string(total));
  std::mt19937_64 rng(seed);

  std::vector<uint64_t> linear;
  linear.reserve(size_t(numSites));
  if (uint64_t(numSites) * 2 > total) {
    // Dense: partial Fisher-Yates over every grid index (the grid is at most 2 * numSites).
    std::vector<uint64_t> all(total);
    for (uint64_t i = 0; i < total; ++i)
      all[i] = i;
    for (uint64_t i = 0; i < uint64_t(numSites); ++i) {
      std::uniform_int_distribution<uint64_t> pick(i, total - 1);
      std::swap(all[i], all[pick(rng)]);
      linear.push_back(all[i]);
    }
  } else {
    // Sparse: rejection sampling; each draw succeeds with probability > 1/2.
    std::unordered_set<uint64_t> seen;
    seen.reserve(size_t(numSites) * 2);
    std::uniform_int_distribution<uint64_t> pick(0, total - 1);
    while (int64_t(linear.size()) < numSites) {
      const uint64_t v = pick(rng);
      if (seen.insert(v).second)
        linear.push_back(v);
    }
  }

  rt::SparseTensor t;
  t.numSites = numSites;
  t.channels = channels;
  t.spatialShape = shape;
  t.batchSize = batchSize;
  t.coords.reserve(size_t(numSites * 4));
  for (uint64_t v : linear) {
    const uint64_t r = v % volume;
    const uint64_t W = uint64_t(shape[2]);
    t.coords.insert(t.coords.end(), {int32_t(v / volume), int32_t(r / plane),
                                     int32_t(r % plane / W), int32_t(r % W)});
  }
  std::uniform_real_distribution<float> value(-1.f, 1.f);
  t.feats.resize(size_t(numSites * channels));
  for (float &f : t.feats)
    f = value(rng);
  return t;
}

std::vector<float> randomWeights(uint64_t seed, int64_t n) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<float> value(-1.f, 1.f);
  std::vector<float> w(size_t(std::max<int64_t>(n, 0)));
  for (float &f : w)
    f = value(rng);
  return w;
}

rt::SparseTensor twoSampleCloud(uint64_t seed, int64_t n0, int64_t n1, int64_t channels,
                                rt::Int3 shape) {
  const rt::SparseTensor a = randomCloud(seed, n0, channels, shape, 1);
  const rt::SparseTensor b = randomCloud(seed + 1000, n1, channels, shape, 1);
  rt::SparseTensor t;
  t.numSites = n0 + n1;
  t.channels = channels;
  t.spatialShape = shape;
  t.batchSize = 2;
  int64_t ia = 0, ib = 0;
  while (ia < n0 || ib < n1) {
    const bool takeA = ib >= n1 || (ia < n0 && (ia + ib) % 3 != 2);
    const rt::SparseTensor &src = takeA ? a : b;
    const int64_t r = takeA ? ia++ : ib++;
    const int32_t *c = src.coord(r);
    t.coords.insert(t.coords.end(), {takeA ? 0 : 1, c[1], c[2], c[3]});
    t.feats.insert(t.feats.end(), src.feat(r), src.feat(r) + channels);
  }
  return t;
}

} // namespace sconv::ref
