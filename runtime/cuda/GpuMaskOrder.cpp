// See GpuMaskOrder.h.
#include "runtime/cuda/GpuMaskOrder.h"
#include "runtime/Error.h"
#include "runtime/cuda/DevicePrimitives.h"

#include <algorithm>

namespace sconv::rt {

DeviceBuffer maskOrderOnDevice(GpuContext &ctx, DevPtr<int32_t> nbr, int64_t n, int64_t volume,
                               int64_t kBegin, int64_t kEnd) {
  if (kBegin < 0 || kEnd > volume || kBegin >= kEnd)
    throw Error("mask order: offset range [" + std::to_string(kBegin) + ", " +
                std::to_string(kEnd) + ") outside a map of " + std::to_string(volume) +
                " offsets");
  DeviceBuffer order = ctx.allocate(size_t(std::max<int64_t>(n, 1)) * 4);
  if (n == 0)
    return order;
  DevicePrimitives prim(ctx);
  DeviceBuffer keys[2] = {ctx.allocate(size_t(n) * 8), ctx.allocate(size_t(n) * 8)};
  DeviceBuffer rows[2] = {ctx.allocate(size_t(n) * 8), ctx.allocate(size_t(n) * 8)};
  SCONV_KMAP_LAUNCH(prim, sconv_mask_keys, prim.gridFor(n), nbr, gpu::i64(n), int(volume),
                    int(kBegin), int(kEnd), keys[0].as<gpu::u64>(), rows[0].as<gpu::u64>());
  // Keys hold at most 64 mask bits (folded beyond); the sort is stable, so ties keep row order.
  const int cur = prim.radixSort(keys, rows, n, int(std::min<int64_t>(64, kEnd - kBegin)));
  SCONV_KMAP_LAUNCH(prim, sconv_mask_rows, prim.gridFor(n), rows[cur].as<gpu::u64>(),
                    gpu::i64(n), order.as<int32_t>());
  return order;
}

} // namespace sconv::rt
