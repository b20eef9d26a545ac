// Device-wide building blocks over the runtime's kernel-map module (kernels/KernelMaps.cu): the
// table of its entries, an exclusive scan of u64 values and a stable LSD radix sort of (key,
// payload) pairs. The kernel maps (GpuKernelMap.cpp) and the SPS pruning (GpuPruning.cpp) are
// sequences of these and of their own kernels.
#pragma once
#include "runtime/cuda/GpuContext.h"
#include "runtime/cuda/TypedLaunch.h"
#include "runtime/cuda/kernels/KernelMapAbi.h"

namespace sconv::rt {

/// The kernel-map module's entries (KernelMapAbi.h's list), resolved once per GpuContext
/// (GpuContext::attachment).
struct KernelMapKernels {
  enum Id {
#define SCONV_KMAP_ENUM(name) k_##name,
    SCONV_KMAP_KERNELS(SCONV_KMAP_ENUM)
#undef SCONV_KMAP_ENUM
        kNumKernels
  };
  explicit KernelMapKernels(GpuContext &ctx);
  cu::CUfunction fn[kNumKernels] = {};
};

/// Launches kernel `name` of KernelMapAbi.h on `blocks` blocks of gpu::kBlock threads through
/// DevicePrimitives `prim`, the arguments checked against its declaration.
#define SCONV_KMAP_LAUNCH(prim, name, blocks, ...)                                                 \
  ::sconv::rt::TypedLaunch<decltype(::sconv::gpu::name)>::run(                                   \
      (prim).context(), (prim).kernels().fn[::sconv::rt::KernelMapKernels::k_##name], blocks,      \
      ::sconv::gpu::kBlock, __VA_ARGS__)

class DevicePrimitives {
public:
  explicit DevicePrimitives(GpuContext &ctx);

  GpuContext &context() const { return ctx_; }
  const KernelMapKernels &kernels() const { return kernels_; }
  /// Blocks for a grid-stride launch over `items` (capped at 8 per multiprocessor).
  int64_t gridFor(int64_t items) const;

  /// Exclusive scan of n values (in == out allowed); the sum goes to *total.
  void scan(DevPtr<gpu::u64> in, DevPtr<gpu::u64> out, int64_t n, DevPtr<gpu::u64> total);
  /// Stable sort of n (key, payload) pairs by the low keyBits bits of the keys (4 bits a pass).
  /// keys[0] / payload[0] hold the input; both buffers of each pair are used. Returns the index
  /// (0 or 1) of the pair that holds the sorted result.
  int radixSort(DeviceBuffer (&keys)[2], DeviceBuffer (&payload)[2], int64_t n, int keyBits);

  /// One value from device memory (waits for the work queued so far).
  template <typename T> T fetch(DevPtr<T> p) const {
    T v{};
    ctx_.download(&v, p.address, sizeof(T));
    return v;
  }

private:
  GpuContext &ctx_;
  const KernelMapKernels &kernels_;
  const int64_t maxBlocks_;
};

/// Bits needed to hold values 0 .. count-1 (at least 1).
int bitsFor(uint64_t count);

} // namespace sconv::rt
