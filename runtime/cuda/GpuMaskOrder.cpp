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
  DeviceBuffer order = ctx.allocate(size_t(n) * 4); // (a valid block even for none)
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

int64_t countPairsOnDevice(GpuContext &ctx, DevPtr<int32_t> nbr, int64_t cells) {
  if (cells == 0)
    return 0;
  DevicePrimitives prim(ctx);
  DeviceBuffer total = ctx.allocate(8);
  ctx.fill(total.address(), 0, 8);
  SCONV_KMAP_LAUNCH(prim, sconv_count_pairs, prim.gridFor(cells), nbr, gpu::i64(cells),
                    total.as<gpu::u64>());
  return int64_t(prim.fetch(total.as<gpu::u64>()));
}

FetchTables fetchTablesOnDevice(GpuContext &ctx, DevPtr<int32_t> nbr, int64_t n, int64_t volume) {
  const int64_t cells = n * volume;
  FetchTables t;
  t.columns = ctx.allocate(size_t(cells) * 4);
  t.orders = ctx.allocate(size_t(cells) * 4);
  t.start.assign(size_t(volume), 0);
  t.count.assign(size_t(volume), 0);
  if (cells == 0)
    return t;
  DevicePrimitives prim(ctx);
  DeviceBuffer pos = ctx.allocate(size_t(cells) * 8);
  // starts[0..volume): each offset's first row; starts[volume]: the number of pairs.
  DeviceBuffer starts = ctx.allocate(size_t(volume + 1) * 8);
  SCONV_KMAP_LAUNCH(prim, sconv_offset_columns, prim.gridFor(cells), nbr, gpu::i64(n),
                    int(volume), t.columns.as<int32_t>(), pos.as<gpu::u64>());
  prim.scan(pos.as<gpu::u64>(), pos.as<gpu::u64>(), cells, starts.as<gpu::u64>() + volume);
  SCONV_KMAP_LAUNCH(prim, sconv_offset_rows, prim.gridFor(cells), t.columns.as<int32_t>(),
                    pos.as<gpu::u64>(), gpu::i64(n), int(volume), t.orders.as<int32_t>(),
                    starts.as<gpu::u64>());
  std::vector<gpu::u64> s(size_t(volume + 1));
  ctx.download(s.data(), starts.address(), s.size() * 8);
  for (int64_t k = 0; k < volume; ++k) {
    t.start[size_t(k)] = int64_t(s[size_t(k)]);
    t.count[size_t(k)] = int64_t(s[size_t(k + 1)] - s[size_t(k)]);
  }
  return t;
}

} // namespace sconv::rt
