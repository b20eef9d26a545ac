// Kernel-map construction. The input CoordHash is built for both kinds: it validates the sites
// (range, duplicates) and serves the submanifold lookups, which cover only half the offsets and
// mirror the rest. The regular kind lives in RegularKernelMap.cpp.
#include "runtime/KernelMap.h"
#include "runtime/BlockedSubmanifoldMap.h"
#include "runtime/CoordHash.h"
#include "runtime/LargeFill.h"
#include "runtime/RegularKernelMap.h"

#include <algorithm>
#include <string>

namespace sconv::rt {
namespace {

constexpr int64_t kRowGrain = 1024; // output rows per parallel task

void buildSubmanifold(const SparseTensor &in, const CoordHash &hash, KernelMap &m,
                      ThreadPool &pool) {
  const int64_t K = m.volume, N = in.numSites, centre = K / 2;
  // delta[k] = kernelOffset(k) * dilation, clamped: |delta| >= 2^16 always leaves the shape.
  std::vector<Int3> delta(static_cast<size_t>(K));
  for (int64_t k = 0; k < K; ++k) {
    const Int3 off = kernelOffset(m.geometry, k);
    for (int a = 0; a < 3; ++a)
      delta[size_t(k)][a] = int32_t(std::clamp<int64_t>(
          int64_t(off[a]) * m.geometry.dilation[a], -kMaxExtent, kMaxExtent));
  }
  m.outCoords = in.coords;
  assignLarge(m.nbr, size_t(N * K), int32_t(-1));
  int32_t *nbr = m.nbr.data();

  // Pass 1: look up the first half (k < centre); the centre is the site itself.
  pool.parallelFor(0, N, kRowGrain, [&](int64_t begin, int64_t end) {
    for (int64_t o = begin; o < end; ++o) {
      const int32_t *c = in.coord(o);
      int32_t *row = nbr + o * K;
      for (int64_t k = 0; k < centre; ++k) {
        const Int3 &d = delta[size_t(k)];
        row[k] = hash.lookup(c[0], c[1] + d[0], c[2] + d[1], c[3] + d[2]);
      }
      row[centre] = int32_t(o);
    }
  });
  // Pass 2: offset K-1-k is the negation of offset k, so nbr[o][k] = i gives nbr[i][K-1-k] = o.
  // Each (i, K-1-k) slot has exactly one writer (o = i - offset(k)*d is one site), and pass 2
  // writes only second-half slots while reading first-half ones: parallel without races.
  pool.parallelFor(0, N, kRowGrain, [&](int64_t begin, int64_t end) {
    for (int64_t o = begin; o < end; ++o) {
      const int32_t *row = nbr + o * K;
      for (int64_t k = 0; k < centre; ++k)
        if (const int32_t i = row[k]; i >= 0)
          nbr[int64_t(i) * K + (K - 1 - k)] = int32_t(o);
    }
  });
}

} // namespace

int64_t KernelMap::numPairs() const {
  int64_t n = 0;
  for (int32_t v : nbr)
    n += v >= 0;
  return n;
}

KernelMap buildKernelMap(const SparseTensor &in, const ConvGeometry &geometry, ThreadPool &pool) {
  return buildKernelMap(in, geometry, pool, OutputSiteMethod::Auto);
}

KernelMap kernelMapHeader(const SparseTensor &in, const ConvGeometry &geometry) {
  geometry.validate();
  if (in.numSites < 0 || int64_t(in.coords.size()) != in.numSites * 4)
    throw Error("kernel map: input coords hold " + std::to_string(in.coords.size()) +
                " values for " + std::to_string(in.numSites) + " sites (expected 4 per site)");
  checkKeyRange(in.batchSize, in.spatialShape, "kernel map input:");
  KernelMap m;
  m.geometry = geometry;
  m.numIn = in.numSites;
  m.volume = geometry.volume();
  m.batchSize = in.batchSize;
  m.outShape = geometry.outputShape(in.spatialShape);
  checkKeyRange(in.batchSize, m.outShape, "kernel map output:");
  return m;
}

KernelMap buildKernelMap(const SparseTensor &in, const ConvGeometry &geometry, ThreadPool &pool,
                         OutputSiteMethod method, SubmanifoldMethod submanifold) {
  KernelMap m = kernelMapHeader(in, geometry);

  CoordHash hash; // also the input's validation (range, duplicates), whatever the method
  hash.build(in.coords.data(), in.numSites, in.batchSize, in.spatialShape);
  if (geometry.kind == ConvKind::Submanifold) {
    if (submanifold == SubmanifoldMethod::Blocks ||
        (submanifold == SubmanifoldMethod::Auto && m.volume >= kBlockedSubmanifoldVolume)) {
      detail::buildSubmanifoldByBlocks(in, m, pool);
      return m;
    }
    m.numOut = in.numSites;
    buildSubmanifold(in, hash, m, pool);
  } else {
    detail::buildRegularMap(in, m, pool, method);
  }
  return m;
}

} // namespace sconv::rt
