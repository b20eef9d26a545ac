// The launch parameters of a generated GPU implicit-GEMM kernel (codegen/GpuGemmKernel.h): its six
// memref operands as MLIR's expanded descriptors (allocated pointer, aligned pointer, offset,
// sizes, strides: 3 + 2N values each, all 8 bytes) and the number of output rows, 43 values in
// all. The packing is the one place that knows this order; the tests' emulator unpacks with it.
#pragma once
#include "runtime/CpuKernels.h"
#include "runtime/cuda/DevicePool.h"

#include <array>
#include <cstring>

namespace sconv::rt {

struct GemmKernelArgs {
  MemRefDesc<float, 2> in;
  MemRefDesc<int32_t, 2> nbr;
  MemRefDesc<float, 3> w;
  MemRefDesc<float, 1> bias;
  MemRefDesc<float, 2> residual;
  MemRefDesc<float, 2> out;
  int64_t numRows = 0;

  static constexpr unsigned kNumParams = 7 + 7 + 9 + 5 + 7 + 7 + 1;

  /// cuLaunchKernel's params: a pointer to each value, then nullptr. Valid while *this is.
  std::array<void *, kNumParams + 1> params() {
    std::array<void *, kNumParams + 1> p{};
    unsigned n = 0;
    auto add = [&](auto &d) {
      p[n++] = &d.allocated;
      p[n++] = &d.aligned;
      p[n++] = &d.offset;
      for (auto &s : d.sizes)
        p[n++] = &s;
      for (auto &s : d.strides)
        p[n++] = &s;
    };
    add(in), add(nbr), add(w), add(bias), add(residual), add(out);
    p[n++] = &numRows;
    p[n] = nullptr;
    return p;
  }

  /// The inverse of params(): reads the values behind a params array.
  static GemmKernelArgs fromParams(void **params) {
    GemmKernelArgs a;
    std::array<void *, kNumParams + 1> dst = a.params();
    for (unsigned i = 0; i < kNumParams; ++i)
      std::memcpy(dst[i], params[i], 8);
    return a;
  }
};

/// A device buffer as a row-major descriptor (the pointers are device addresses).
template <typename T, int N>
MemRefDesc<T, N> deviceMemRef(cu::CUdeviceptr address, const int64_t (&sizes)[N]) {
  return rowMajor(reinterpret_cast<T *>(static_cast<uintptr_t>(address)), sizes);
}

} // namespace sconv::rt
