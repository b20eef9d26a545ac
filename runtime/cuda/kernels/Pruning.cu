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

SCONV_KERNEL void sconv_prune_site_keys(const int *coords, const float *m, i64 n, KmapGeom g,
                                        u64 *keys, u64 *payload, int *nanRow) {
  for (i64 r = gridStart(); r < n; r += gridStep()) {
    const int *c = coords + 4 * r;
    keys[r] = (u64(c[1]) * u64(g.inShape[1]) + u64(c[2])) * u64(g.inShape[2]) + u64(c[3]);
    payload[r] = u64(r);
    if (m[r] != m[r])
      atomicMin(nanRow, int(r));
  }
}

SCONV_KERNEL void sconv_prune_rank_keys(const int *coords, const float *m, const u64 *payload,
                                        i64 n, u64 *keys) {
  for (i64 j = gridStart(); j < n; j += gridStep()) {
    const i64 r = i64(payload[j]);
    keys[j] = (u64(u32(coords[4 * r])) << 32) | u64(orderedBits(m[r]));
  }
}

SCONV_KERNEL void sconv_prune_select(const u64 *keys, const u64 *payload, i64 n, const i64 *start,
                                     const i64 *pruned, float *important) {
  for (i64 j = gridStart(); j < n; j += gridStep()) {
    const int b = int(keys[j] >> 32);
    important[payload[j]] = j - start[b] < pruned[b] ? 0.0f : 1.0f;
  }
}

SCONV_KERNEL void sconv_prune_threshold(const float *m, i64 n, float limit, float *important) {
  for (i64 r = gridStart(); r < n; r += gridStep())
    important[r] = m[r] <= limit ? 0.0f : 1.0f;
}

} // namespace sconv::gpu
