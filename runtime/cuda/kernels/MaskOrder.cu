// Mask-sorted row orders on the device (contracts in KernelMapAbi.h): the keys of
// runtime/MaskOrder.cpp's sortedByMask, sorted by DevicePrimitives::radixSort.
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

} // namespace sconv::gpu
