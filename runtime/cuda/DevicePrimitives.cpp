// See DevicePrimitives.h.
#include "runtime/cuda/DevicePrimitives.h"
#include "runtime/cuda/RuntimeKernels.h"

#include <algorithm>

namespace sconv::rt {

namespace {
const char *const kKernelNames[] = {
#define SCONV_KMAP_NAME(name) #name,
    SCONV_KMAP_KERNELS(SCONV_KMAP_NAME)
#undef SCONV_KMAP_NAME
};

int64_t ceilDiv(int64_t a, int64_t b) { return (a + b - 1) / b; }
} // namespace

KernelMapKernels::KernelMapKernels(GpuContext &ctx) {
  const RuntimeKernels &module = ctx.attachment<RuntimeKernels>();
  for (int i = 0; i < kNumKernels; ++i)
    fn[i] = module.function(kKernelNames[i]);
}

DevicePrimitives::DevicePrimitives(GpuContext &ctx)
    : ctx_(ctx), kernels_(ctx.attachment<KernelMapKernels>()),
      maxBlocks_(std::max(1, ctx.device().multiprocessors) * 8) {}

int64_t DevicePrimitives::gridFor(int64_t items) const {
  return std::min<int64_t>(ceilDiv(items, gpu::kBlock), maxBlocks_);
}

void DevicePrimitives::scan(DevPtr<gpu::u64> in, DevPtr<gpu::u64> out, int64_t n,
                            DevPtr<gpu::u64> total) {
  if (n == 0) {
    ctx_.fill(total.address, 0, 8);
    return;
  }
  const int64_t tiles = ceilDiv(n, gpu::kScanTile);
  if (tiles == 1) {
    SCONV_KMAP_LAUNCH(*this, sconv_kmap_scan_tiles, 1, in, out, gpu::i64(n), total);
    return;
  }
  DeviceBuffer sums = ctx_.allocate(size_t(tiles) * 8);
  SCONV_KMAP_LAUNCH(*this, sconv_kmap_scan_tiles, tiles, in, out, gpu::i64(n),
                    sums.as<gpu::u64>());
  scan(sums.as<gpu::u64>(), sums.as<gpu::u64>(), tiles, total);
  SCONV_KMAP_LAUNCH(*this, sconv_kmap_scan_add, gridFor(n), out, gpu::i64(n), sums.as<gpu::u64>());
}

int DevicePrimitives::radixSort(DeviceBuffer (&keys)[2], DeviceBuffer (&payload)[2], int64_t n,
                                int keyBits) {
  const int64_t tiles = ceilDiv(n, gpu::kRadixTile);
  DeviceBuffer hist = ctx_.allocate(size_t(tiles) * gpu::kRadixBuckets * 8);
  DeviceBuffer total = ctx_.allocate(8);
  int cur = 0;
  for (int shift = 0; shift < keyBits; shift += gpu::kRadixBits, cur ^= 1) {
    SCONV_KMAP_LAUNCH(*this, sconv_kmap_radix_hist, tiles, keys[cur].as<gpu::u64>(), gpu::i64(n),
                      shift, hist.as<gpu::u64>(), gpu::i64(tiles));
    scan(hist.as<gpu::u64>(), hist.as<gpu::u64>(), tiles * gpu::kRadixBuckets,
         total.as<gpu::u64>());
    SCONV_KMAP_LAUNCH(*this, sconv_kmap_radix_scatter, tiles, keys[cur].as<gpu::u64>(),
                      payload[cur].as<gpu::u64>(), keys[cur ^ 1].as<gpu::u64>(),
                      payload[cur ^ 1].as<gpu::u64>(), gpu::i64(n), shift, hist.as<gpu::u64>(),
                      gpu::i64(tiles));
  }
  return cur;
}

int bitsFor(uint64_t count) { return count <= 1 ? 1 : 64 - __builtin_clzll(count - 1); }

} // namespace sconv::rt
