// See GpuPruning.h. Top-k: rows sorted by (batch, m, z, y, x) with two stable radix sorts (by the
// site's flat index, then by batch and m's ordered bits); the first floor(N_b * ratio) rows of each
// sample's run are pruned. The per-sample sizes come from the coordinates, which the host holds.
#include "runtime/cuda/GpuPruning.h"
#include "runtime/SiteOps.h"
#include "runtime/cuda/DevicePrimitives.h"

#include <climits>
#include <cmath>

namespace sconv::rt {

using gpu::i64;
using gpu::u64;

DeviceBuffer pruneMaskOnDevice(GpuContext &ctx, const SparseTensor &sites, DevPtr<float> m,
                               double ratio, double threshold) {
  DevicePrimitives prim(ctx);
  const i64 n = sites.numSites;
  if (ratio < 0) {
    const float limit = pruneThreshold(threshold); // throws for a threshold outside (0, 1)
    DeviceBuffer mask = ctx.allocate(size_t(n) * 4);
    SCONV_KMAP_LAUNCH(prim, sconv_prune_threshold, prim.gridFor(n), m, n, limit, mask.as<float>());
    return mask;
  }
  // The CPU's argument checks, then per-sample sizes; sites outside the shape go to the CPU.
  if (!(ratio >= 0.0 && ratio < 1.0) || n < 0 || int64_t(sites.coords.size()) != n * 4 ||
      sites.batchSize < 1 || n > INT32_MAX)
    return {};
  const int32_t B = sites.batchSize;
  std::vector<i64> count(size_t(B), 0);
  for (i64 r = 0; r < n; ++r) {
    const int32_t *c = sites.coord(r);
    if (c[0] < 0 || c[0] >= B)
      return {}; // the CPU names the site
    for (int a = 0; a < 3; ++a)
      if (c[a + 1] < 0 || c[a + 1] >= sites.spatialShape[a])
        return {};
    ++count[size_t(c[0])];
  }
  std::vector<i64> start(static_cast<size_t>(B)), pruned(static_cast<size_t>(B));
  i64 anyPruned = 0;
  for (int32_t b = 0; b < B; ++b) {
    start[size_t(b)] = b ? start[size_t(b) - 1] + count[size_t(b) - 1] : 0;
    pruned[size_t(b)] = i64(std::floor(double(count[size_t(b)]) * ratio));
    anyPruned += pruned[size_t(b)];
  }

  gpu::KmapGeom g{};
  for (int a = 0; a < 3; ++a)
    g.inShape[a] = sites.spatialShape[a];
  g.batch = B;
  DeviceBuffer coords = ctx.uploadVector(sites.coords);
  DeviceBuffer keys[2] = {ctx.allocate(size_t(n) * 8), ctx.allocate(size_t(n) * 8)};
  DeviceBuffer payload[2] = {ctx.allocate(size_t(n) * 8), ctx.allocate(size_t(n) * 8)};
  DeviceBuffer nanRow = ctx.allocate(4);
  const int none = INT_MAX;
  ctx.upload(nanRow.address(), &none, 4);
  SCONV_KMAP_LAUNCH(prim, sconv_prune_site_keys, prim.gridFor(n), coords.as<int>(), m, n, g,
                    keys[0].as<u64>(), payload[0].as<u64>(), nanRow.as<int>());
  if (const int row = prim.fetch(nanRow.as<int>()); row != INT_MAX)
    throw Error("pruneByRatio: importance of row " + std::to_string(row) + " is NaN");

  DeviceBuffer mask = ctx.allocate(size_t(n) * 4);
  if (anyPruned == 0) {
    const std::vector<float> ones(static_cast<size_t>(n), 1.0f);
    ctx.upload(mask.address(), ones.data(), ones.size() * 4);
    return mask;
  }
  // Sort by (z, y, x), then stably by (batch, m): the order (b, m, z, y, x).
  const uint64_t cells = uint64_t(sites.spatialShape[0]) * uint64_t(sites.spatialShape[1]) *
                         uint64_t(sites.spatialShape[2]);
  int cur = prim.radixSort(keys, payload, n, bitsFor(cells));
  if (cur != 0) { // the second sort starts from pair 0
    std::swap(keys[0], keys[1]);
    std::swap(payload[0], payload[1]);
  }
  SCONV_KMAP_LAUNCH(prim, sconv_prune_rank_keys, prim.gridFor(n), coords.as<int>(), m,
                    payload[0].as<u64>(), n, keys[0].as<u64>());
  cur = prim.radixSort(keys, payload, n, 32 + bitsFor(uint64_t(B)));
  DeviceBuffer dStart = ctx.uploadVector(start), dPruned = ctx.uploadVector(pruned);
  SCONV_KMAP_LAUNCH(prim, sconv_prune_select, prim.gridFor(n), keys[cur].as<u64>(),
                    payload[cur].as<u64>(), n, dStart.as<i64>(), dPruned.as<i64>(),
                    mask.as<float>());
  return mask;
}

} // namespace sconv::rt
