// SPS-Conv top-k and threshold pruning on the device (contracts in KernelMapAbi.h). The mask equals
// runtime/SiteOps.cpp's pruneByRatio / pruneByThreshold for the same importance bits: the order
// (batch, m, z, y, x) is a strict total order on distinct sites, so the pruned set is unique, and
// two stable LSD radix sorts (runtime/cuda/DevicePrimitives.cpp) produce it without atomics.
#include "runtime/cuda/kernels/KernelMapDevice.h"

namespace sconv::gpu {

/// m's bits mapped so that unsigned order is float order (-0 taken as +0, as the CPU's == does).
SCONV_DEVICE u32 orderedBits(float m) {
  u32 u = __builtin_bit_cast(u32, m == 0.0f ? 0.0f : m);
  return (u >> 31) ? ~u : (u | 0x80000000u);
}

SCONV_KERNEL void sconv_prune_site_keys(const int *coords, const float *m, Rows n, KmapGeom g,
                                        u64 *keys, u64 *payload, int *nanRow) {
  const i64 live = liveRows(n);
  for (i64 r = gridStart(); r < n.cap; r += gridStep()) {
    payload[r] = u64(r);
    if (r >= live) { // after every site
      keys[r] = u64(g.inShape[0]) * u64(g.inShape[1]) * u64(g.inShape[2]);
      continue;
    }
    const int *c = coords + 4 * r;
    keys[r] = (u64(c[1]) * u64(g.inShape[1]) + u64(c[2])) * u64(g.inShape[2]) + u64(c[3]);
    if (m[r] != m[r])
      atomicMin(nanRow, int(r));
  }
}

SCONV_KERNEL void sconv_prune_rank_keys(const int *coords, const float *m, const u64 *payload,
                                        Rows n, KmapGeom g, u64 *keys) {
  const i64 live = liveRows(n);
  for (i64 j = gridStart(); j < n.cap; j += gridStep()) {
    const i64 r = i64(payload[j]);
    keys[j] = r >= live ? u64(u32(g.batch)) << 32 // after every sample
                        : (u64(u32(coords[4 * r])) << 32) | u64(orderedBits(m[r]));
  }
}

SCONV_KERNEL void sconv_prune_select(const u64 *keys, const u64 *payload, Rows n, const i64 *start,
                                     const i64 *pruned, float *important) {
  const i64 live = liveRows(n);
  for (i64 j = gridStart(); j < n.cap; j += gridStep()) {
    const i64 r = i64(payload[j]);
    const int b = int(keys[j] >> 32);
    important[r] = r >= live || j - start[b] < pruned[b] ? 0.0f : 1.0f;
  }
}

SCONV_KERNEL void sconv_prune_threshold(const float *m, Rows n, float limit, float *important) {
  const i64 live = liveRows(n);
  for (i64 r = gridStart(); r < n.cap; r += gridStep())
    important[r] = r >= live || m[r] <= limit ? 0.0f : 1.0f;
}

SCONV_KERNEL void sconv_prune_batch_counts(const int *coords, Rows n, u64 *count) {
  const i64 live = liveRows(n);
  for (i64 r = gridStart(); r < live; r += gridStep())
    atomicAdd(count + coords[4 * r], 1);
}

SCONV_KERNEL void sconv_prune_batch_plan(const u64 *count, int batch, double ratio, i64 *start,
                                         i64 *pruned) {
  if (gridStart() != 0)
    return;
  i64 before = 0;
  for (int b = 0; b < batch; ++b) {
    start[b] = before;
    pruned[b] = i64(__builtin_floor(double(count[b]) * ratio));
    before += i64(count[b]);
  }
}

} // namespace sconv::gpu
