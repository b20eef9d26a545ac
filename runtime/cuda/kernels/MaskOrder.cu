// The GEMM dataflows' row orders on the device (contracts in KernelMapAbi.h): the keys of
// runtime/MaskOrder.cpp's sortedByMask, sorted by DevicePrimitives::radixSort, and the map by
// offset of runtime/MaskOrder.cpp's offsetRows, compacted through a scan.
#include "runtime/cuda/kernels/KernelMapDevice.h"

namespace sconv::gpu {

SCONV_KERNEL void sconv_mask_keys(const int *nbr, i64 n, int K, int kBegin, int kEnd, u64 *keys,
                                  u64 *payload) {
  for (i64 o = gridStart(); o < n; o += gridStep()) {
    const int *row = nbr + o * K;
    u64 m = 0;
    for (int k = kBegin; k < kEnd; ++k)
      m |= u64(row[k] >= 0) << ((k - kBegin) % 64);
    keys[o] = m;
    payload[o] = u64(o);
  }
}

SCONV_KERNEL void sconv_mask_rows(const u64 *payload, i64 n, int *order) {
  for (i64 j = gridStart(); j < n; j += gridStep())
    order[j] = int(payload[j]);
}

SCONV_KERNEL void sconv_count_pairs(const int *nbr, i64 cells, u64 *total) {
  u64 mine = 0;
  for (i64 idx = gridStart(); idx < cells; idx += gridStep())
    mine += nbr[idx] >= 0 ? 1 : 0;
  if (mine)
    atomicAdd(total, mine);
}

SCONV_KERNEL void sconv_offset_columns(const int *nbr, i64 n, int K, int *columns, u64 *flags) {
  for (i64 idx = gridStart(); idx < i64(K) * n; idx += gridStep()) {
    const i64 k = idx / n, o = idx - k * n;
    const int i = nbr[o * K + k];
    columns[idx] = i;
    flags[idx] = i >= 0 ? 1 : 0;
  }
}

SCONV_KERNEL void sconv_offset_rows(const int *columns, const u64 *pos, i64 n, int K, int *rows,
                                    u64 *start) {
  for (i64 idx = gridStart(); idx < i64(K) * n; idx += gridStep()) {
    const i64 k = idx / n, o = idx - k * n;
    if (columns[idx] >= 0)
      rows[pos[idx]] = int(o);
    if (o == 0)
      start[k] = pos[idx];
  }
}

} // namespace sconv::gpu
