// The launch parameters of the compiler's generated GPU kernels (codegen/GpuKernelFunc.h): their
// memref operands as MLIR's expanded descriptors (allocated pointer, aligned pointer, offset, sizes,
// strides: 3 + 2N values each, all 8 bytes) and the row count. The packing is the one place that
// knows this order; the tests' emulator unpacks with the same code (fromParams).
#pragma once
#include "runtime/CpuKernels.h"
#include "runtime/cuda/DevicePool.h"

#include <array>
#include <cstring>

namespace sconv::rt {

namespace detail {
/// Appends pointers to a descriptor's values, in MLIR's expanded order.
template <size_t M, typename T, int N>
void appendDescriptor(std::array<void *, M> &p, unsigned &n, MemRefDesc<T, N> &d) {
  p[n++] = &d.allocated;
  p[n++] = &d.aligned;
  p[n++] = &d.offset;
  for (auto &s : d.sizes)
    p[n++] = &s;
  for (auto &s : d.strides)
    p[n++] = &s;
}
/// Reads the values behind a params array into the places `dst` points at (8 bytes each).
template <size_t M> void copyParams(const std::array<void *, M> &dst, void **params) {
  for (size_t i = 0; i + 1 < M; ++i)
    std::memcpy(dst[i], params[i], 8);
}
} // namespace detail

/// fromParams, the inverse of Args::params() (the tests' emulator unpacks launches with it), for
/// every argument struct below.
template <typename Args> struct UnpackedFromParams {
  static Args fromParams(void **params) {
    Args a;
    detail::copyParams(a.params(), params);
    return a;
  }
};

namespace detail {
template <size_t M>
void appendGemmDescriptors(std::array<void *, M> &p, unsigned &n, GemmDescriptors &d) {
  appendDescriptor(p, n, d.in);
  appendDescriptor(p, n, d.nbr);
  appendDescriptor(p, n, d.w);
  appendDescriptor(p, n, d.bias);
  appendDescriptor(p, n, d.residual);
  appendDescriptor(p, n, d.out);
}
} // namespace detail

/// Implicit GEMM (codegen/GpuGemmKernel.h): in, nbr, w, bias, residual, out, num_rows.
struct GemmKernelArgs : GemmDescriptors, UnpackedFromParams<GemmKernelArgs> {
  int64_t numRows = 0;

  static constexpr unsigned kNumParams = 7 + 7 + 9 + 5 + 7 + 7 + 1;

  /// cuLaunchKernel's params: a pointer to each value, then nullptr. Valid while *this is.
  std::array<void *, kNumParams + 1> params() {
    std::array<void *, kNumParams + 1> p{};
    unsigned n = 0;
    detail::appendGemmDescriptors(p, n, *this);
    p[n++] = &numRows;
    return p;
  }
};

/// The GEMM operands, then order (output rows), num_rows: fetch-on-demand's 1-offset kernel and
/// the mask-sorted implicit GEMM.
struct OrderedKernelArgs : GemmDescriptors, UnpackedFromParams<OrderedKernelArgs> {
  MemRefDesc<int32_t, 1> order;
  int64_t numRows = 0;

  static constexpr unsigned kNumParams = GemmKernelArgs::kNumParams + 5;

  std::array<void *, kNumParams + 1> params() {
    std::array<void *, kNumParams + 1> p{};
    unsigned n = 0;
    detail::appendGemmDescriptors(p, n, *this);
    detail::appendDescriptor(p, n, order);
    p[n++] = &numRows;
    return p;
  }
};

/// Mask splitting's offset-range kernel: the GEMM operands, order, k_begin, k_end, num_rows.
struct SplitKernelArgs : GemmDescriptors, UnpackedFromParams<SplitKernelArgs> {
  MemRefDesc<int32_t, 1> order;
  int64_t kBegin = 0, kEnd = 0, numRows = 0;

  static constexpr unsigned kNumParams = OrderedKernelArgs::kNumParams + 2;

  std::array<void *, kNumParams + 1> params() {
    std::array<void *, kNumParams + 1> p{};
    unsigned n = 0;
    detail::appendGemmDescriptors(p, n, *this);
    detail::appendDescriptor(p, n, order);
    p[n++] = &kBegin;
    p[n++] = &kEnd;
    p[n++] = &numRows;
    return p;
  }
};

/// SW-LK partition sums (codegen/GpuPartitionSumKernel.h): in, nbr, pe, out, num_rows.
struct PartitionSumKernelArgs : UnpackedFromParams<PartitionSumKernelArgs> {
  MemRefDesc<float, 2> in;
  MemRefDesc<int32_t, 2> nbr;
  MemRefDesc<float, 2> pe;
  MemRefDesc<float, 2> out;
  int64_t numRows = 0;

  static constexpr unsigned kNumParams = 4 * 7 + 1;

  std::array<void *, kNumParams + 1> params() {
    std::array<void *, kNumParams + 1> p{};
    unsigned n = 0;
    detail::appendDescriptor(p, n, in);
    detail::appendDescriptor(p, n, nbr);
    detail::appendDescriptor(p, n, pe);
    detail::appendDescriptor(p, n, out);
    p[n++] = &numRows;
    return p;
  }
};

/// A device buffer as a row-major descriptor (the pointers are device addresses).
template <typename T, int N>
MemRefDesc<T, N> deviceMemRef(cu::CUdeviceptr address, const int64_t (&sizes)[N]) {
  return rowMajor(reinterpret_cast<T *>(static_cast<uintptr_t>(address)), sizes);
}

} // namespace sconv::rt
