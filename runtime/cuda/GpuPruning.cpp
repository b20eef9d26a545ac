// See GpuPruning.h. Top-k: rows sorted by (batch, m, z, y, x) with two stable radix sorts (by the
// site's flat index, then by batch and m's ordered bits); the first floor(N_b * ratio) rows of each
// sample's run are pruned. Eagerly the per-sample sizes come from the coordinates, which the host
// holds; in a captured frame they are counted on the device.
#include "runtime/cuda/GpuPruning.h"
#include "runtime/FrameGraph.h"
#include "runtime/SiteOps.h"
#include "runtime/cuda/DevicePrimitives.h"

#include <climits>
#include <cmath>

namespace sconv::rt {

using gpu::i64;
using gpu::u64;

namespace {

/// The two sorts and the selection of pruneByRatio over keys[0] / payload[0] as
/// sconv_prune_site_keys left them: by (z, y, x), then stably by (batch, m), then the first
/// pruned[b] rows of each sample's run are pruned. `extra` is 1 when rows past the live count
/// carry the keys one past the last site and sample (a captured frame), else 0.
void sortAndSelect(DevicePrimitives &prim, DevPtr<int> coords, DevPtr<float> m, gpu::Rows rows,
                   const gpu::KmapGeom &g, DeviceBuffer (&keys)[2], DeviceBuffer (&payload)[2],
                   DevPtr<i64> start, DevPtr<i64> pruned, DevPtr<float> mask, uint64_t extra) {
  const uint64_t cells =
      uint64_t(g.inShape[0]) * uint64_t(g.inShape[1]) * uint64_t(g.inShape[2]);
  int cur = prim.radixSort(keys, payload, rows.cap, bitsFor(cells + extra));
  if (cur != 0) { // the second sort starts from pair 0
    std::swap(keys[0], keys[1]);
    std::swap(payload[0], payload[1]);
  }
  SCONV_KMAP_LAUNCH(prim, sconv_prune_rank_keys, prim.gridFor(rows.cap), coords, m,
                    payload[0].as<u64>(), rows, g, keys[0].as<u64>());
  cur = prim.radixSort(keys, payload, rows.cap, 32 + bitsFor(uint64_t(g.batch) + extra));
  SCONV_KMAP_LAUNCH(prim, sconv_prune_select, prim.gridFor(rows.cap), keys[cur].as<u64>(),
                    payload[cur].as<u64>(), rows, start, pruned, mask);
}

} // namespace

DeviceBuffer pruneMaskOnDevice(GpuContext &ctx, const SparseTensor &sites, DevPtr<float> m,
                               double ratio, double threshold) {
  DevicePrimitives prim(ctx);
  const i64 n = sites.numSites;
  if (ratio < 0) {
    const float limit = pruneThreshold(threshold); // throws for a threshold outside (0, 1)
    DeviceBuffer mask = ctx.allocate(size_t(n) * 4);
    SCONV_KMAP_LAUNCH(prim, sconv_prune_threshold, prim.gridFor(n), m, hostRows(n), limit,
                      mask.as<float>());
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
  SCONV_KMAP_LAUNCH(prim, sconv_prune_site_keys, prim.gridFor(n), coords.as<int>(), m,
                    hostRows(n), g, keys[0].as<u64>(), payload[0].as<u64>(), nanRow.as<int>());
  if (const int row = prim.fetch(nanRow.as<int>()); row != INT_MAX)
    throw Error("pruneByRatio: importance of row " + std::to_string(row) + " is NaN");

  DeviceBuffer mask = ctx.allocate(size_t(n) * 4);
  if (anyPruned == 0) {
    const std::vector<float> ones(static_cast<size_t>(n), 1.0f);
    ctx.upload(mask.address(), ones.data(), ones.size() * 4);
    return mask;
  }
  DeviceBuffer dStart = ctx.uploadVector(start), dPruned = ctx.uploadVector(pruned);
  sortAndSelect(prim, coords.as<int>(), m, hostRows(n), g, keys, payload, dStart.as<i64>(),
                dPruned.as<i64>(), mask.as<float>(), 0);
  return mask;
}

DeviceBuffer queueMergeSources(GpuContext &ctx, DevPtr<float> mask, int64_t rows,
                               int64_t computedRows) {
  DevicePrimitives prim(ctx);
  DeviceBuffer source = ctx.allocate(size_t(rows) * 4);
  if (rows == 0)
    return source;
  DeviceBuffer flags = ctx.allocate(size_t(rows) * 8), rank = ctx.allocate(size_t(rows) * 8);
  DeviceBuffer total = ctx.allocate(8);
  SCONV_KMAP_LAUNCH(prim, sconv_kmap_mask_flags, prim.gridFor(rows), mask, hostRows(rows),
                    flags.as<u64>());
  prim.scan(flags.as<u64>(), rank.as<u64>(), rows, total.as<u64>());
  SCONV_KMAP_LAUNCH(prim, sconv_kmap_merge_sources, prim.gridFor(rows), flags.as<u64>(),
                    rank.as<u64>(), i64(rows), i64(computedRows), source.as<int>());
  return source;
}

DeviceBuffer queueFramePruneMask(GpuContext &ctx, const FrameSites &sites,
                                 const SparseTensor &shape, DevPtr<float> m, double ratio,
                                 double threshold, DevPtr<int> errorRow) {
  DevicePrimitives prim(ctx);
  const i64 cap = sites.cap;
  const gpu::Rows rows = deviceRows(cap, sites.count);
  DeviceBuffer mask = ctx.allocate(size_t(cap) * 4);
  if (ratio < 0) {
    const float limit = pruneThreshold(threshold); // the walked frame checked it
    SCONV_KMAP_LAUNCH(prim, sconv_prune_threshold, prim.gridFor(cap), m, rows, limit,
                      mask.as<float>());
    return mask;
  }
  if (!(ratio >= 0.0 && ratio < 1.0) || shape.batchSize < 1 || cap > INT32_MAX)
    throw NotCapturable("a top-k mask with ratio " + std::to_string(ratio) + " over " +
                        std::to_string(cap) + " rows of batch " +
                        std::to_string(shape.batchSize));
  gpu::KmapGeom g{};
  for (int a = 0; a < 3; ++a)
    g.inShape[a] = shape.spatialShape[a];
  g.batch = shape.batchSize;
  const size_t B = size_t(shape.batchSize);
  DeviceBuffer keys[2] = {ctx.allocate(size_t(cap) * 8), ctx.allocate(size_t(cap) * 8)};
  DeviceBuffer payload[2] = {ctx.allocate(size_t(cap) * 8), ctx.allocate(size_t(cap) * 8)};
  DeviceBuffer count = ctx.allocate(B * 8), start = ctx.allocate(B * 8),
               pruned = ctx.allocate(B * 8);
  // A NaN stands the replay down; the walked frame names the row.
  SCONV_KMAP_LAUNCH(prim, sconv_prune_site_keys, prim.gridFor(cap), sites.coords, m, rows, g,
                    keys[0].as<u64>(), payload[0].as<u64>(), errorRow);
  ctx.fill(count.address(), 0, count.size());
  SCONV_KMAP_LAUNCH(prim, sconv_prune_batch_counts, prim.gridFor(cap), sites.coords, rows,
                    count.as<u64>());
  SCONV_KMAP_LAUNCH(prim, sconv_prune_batch_plan, 1, count.as<u64>(), g.batch, ratio,
                    start.as<i64>(), pruned.as<i64>());
  // The rows past the count sort after every site (key D * H * W) and every sample (batch B).
  sortAndSelect(prim, sites.coords, m, rows, g, keys, payload, start.as<i64>(),
                pruned.as<i64>(), mask.as<float>(), 1);
  return mask;
}

} // namespace sconv::rt
