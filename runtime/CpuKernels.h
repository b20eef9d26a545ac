// The CPU kernels of a compiled model: a shared object inside the artifact, loaded from memory
// (memfd + dlopen, so nothing is written to disk), and the calling convention of its functions.
#pragma once
#include "runtime/Error.h"
#include "runtime/KernelMap.h"

#include <cstdint>
#include <string>

namespace sconv::rt {

/// The memref descriptor MLIR passes to `llvm.emit_c_interface` functions: base pointers, offset,
/// sizes, strides (row-major here).
template <typename T, int N> struct MemRefDesc {
  T *allocated;
  T *aligned;
  int64_t offset;
  int64_t sizes[N];
  int64_t strides[N];
};

template <typename T, int N>
MemRefDesc<T, N> rowMajor(T *data, const int64_t (&sizes)[N]) {
  MemRefDesc<T, N> d{data, data, 0, {}, {}};
  int64_t stride = 1;
  for (int i = N - 1; i >= 0; --i) {
    d.sizes[i] = sizes[i];
    d.strides[i] = stride;
    stride *= sizes[i];
  }
  return d;
}

/// The six memref operands every generated GEMM kernel takes, CPU or GPU (codegen/GemmAbi.h).
struct GemmDescriptors {
  MemRefDesc<float, 2> in;
  MemRefDesc<int32_t, 2> nbr;
  MemRefDesc<float, 3> w;
  MemRefDesc<float, 1> bias;
  MemRefDesc<float, 2> residual;
  MemRefDesc<float, 2> out;
};

/// The start of the per-offset dataflows: rows [lo, hi) of a (rows x cout) output = bias, or 0.
void fillRowsWithBias(float *out, int64_t cout, const float *bias, int64_t lo, int64_t hi);
/// Their end: elements [lo, hi) of the output + residual (when given), then ReLU (when relu).
void addResidualRelu(float *out, const float *residual, bool relu, int64_t lo, int64_t hi);

/// An implicit-GEMM kernel: out rows [begin, end) = act(sum over the neighbour table of in . W
/// + bias + residual); bias and residual are read only when the kernel was generated with them.
using ImplicitGemmFn = void (*)(MemRefDesc<float, 2> *in, MemRefDesc<int32_t, 2> *nbr,
                                MemRefDesc<float, 3> *w, MemRefDesc<float, 1> *bias,
                                MemRefDesc<float, 2> *residual, MemRefDesc<float, 2> *out,
                                int64_t begin, int64_t end);

/// A mask-sorted implicit-GEMM kernel: the same, for output rows order[begin..end).
using SortedGemmFn = void (*)(MemRefDesc<float, 2> *in, MemRefDesc<int32_t, 2> *nbr,
                              MemRefDesc<float, 3> *w, MemRefDesc<float, 1> *bias,
                              MemRefDesc<float, 2> *residual, MemRefDesc<float, 2> *out,
                              MemRefDesc<int32_t, 1> *order, int64_t begin, int64_t end);

/// A mask-splitting kernel: adds the products of offsets [kBegin, kEnd) to output rows
/// order[begin..end) (no bias, residual or activation).
using SplitGemmFn = void (*)(MemRefDesc<float, 2> *in, MemRefDesc<int32_t, 2> *nbr,
                             MemRefDesc<float, 3> *w, MemRefDesc<float, 1> *bias,
                             MemRefDesc<float, 2> *residual, MemRefDesc<float, 2> *out,
                             MemRefDesc<int32_t, 1> *order, int64_t kBegin, int64_t kEnd,
                             int64_t begin, int64_t end);

/// Runs `fn` over every output row of `map` (out: numOut x cout), split across the pool in row
/// ranges big enough to amortise the call and small enough to balance sparse neighbourhoods, in
/// at most `maxTasks` ranges when it is > 0 (so at most that many threads work on it).
/// `bias` and `residual` may be null when the kernel was generated without them.
void runImplicitGemm(ImplicitGemmFn fn, const float *in, int64_t numIn, const KernelMap &map,
                     int64_t cin, int64_t cout, const float *w, const float *bias,
                     const float *residual, float *out, ThreadPool &pool, int64_t maxTasks = 0);

/// The same result by a mask-sorted kernel visiting the rows in `order` (maskOrder(map)).
void runImplicitGemmSorted(SortedGemmFn fn, const float *in, int64_t numIn, const KernelMap &map,
                           const std::vector<int32_t> &order, int64_t cin, int64_t cout,
                           const float *w, const float *bias, const float *residual, float *out,
                           ThreadPool &pool, int64_t maxTasks = 0);

/// The same result by the fetch-on-demand dataflow: `fetch1` is a 1-offset accumulating kernel
/// that visits rows through an order operand; for each offset k in order, the rows with a
/// neighbour at k read their input rows in place and add the products with W[k] to their output
/// rows (each output row once per offset: no races, the same bits every run). The output starts
/// from the bias; residual and ReLU are applied at the end.
/// `byOffset` is offsetRows(map) (built once per map and run, RowOrders in CpuGemm.h).
struct OffsetRows;
void runFetchOnDemand(SortedGemmFn fetch1, const float *in, int64_t numIn, const KernelMap &map,
                      const OffsetRows &byOffset, int64_t cin, int64_t cout, const float *w,
                      const float *bias, const float *residual, bool relu, float *out,
                      ThreadPool &pool, int64_t maxTasks = 0);

/// The same result by mask splitting: the output starts from the bias; then, range by range of
/// `orders` (splitOrders(map, s)), the range's rows add that range's products (each output row
/// once per range: no races, and each row adds its terms in offset order, so the same bits as
/// implicit GEMM); residual and ReLU come last.
struct SplitOrders;
void runImplicitGemmSplit(SplitGemmFn fn, const float *in, int64_t numIn, const KernelMap &map,
                          const SplitOrders &orders, int64_t cin, int64_t cout, const float *w,
                          const float *bias, const float *residual, bool relu, float *out,
                          ThreadPool &pool, int64_t maxTasks = 0);

/// The same result by the gather-GEMM-scatter dataflow: `gemm1` is a 1-offset kernel (no bias,
/// residual or activation); for each offset k in order, the rows with a neighbour at k are
/// gathered, multiplied by W[k] (which stays in cache for all of them) and added to their output
/// rows (each output row appears once per offset: no races, the same bits every run). Bias,
/// residual and ReLU are applied at the end.
void runGatherGemmScatter(ImplicitGemmFn gemm1, const float *in, int64_t numIn,
                          const KernelMap &map, const OffsetRows &byOffset, int64_t cin,
                          int64_t cout, const float *w, const float *bias, const float *residual,
                          bool relu, float *out, ThreadPool &pool, int64_t maxTasks = 0);

class CpuKernelLibrary {
public:
  /// Loads a shared object from its bytes. Throws Error when the loader refuses it.
  explicit CpuKernelLibrary(const std::string &sharedObject);
  ~CpuKernelLibrary();
  CpuKernelLibrary(const CpuKernelLibrary &) = delete;
  CpuKernelLibrary &operator=(const CpuKernelLibrary &) = delete;

  /// The kernel's C-interface entry point; throws Error when the library lacks it.
  ImplicitGemmFn implicitGemm(const std::string &kernel) const;
  SortedGemmFn sortedGemm(const std::string &kernel) const;
  SplitGemmFn splitGemm(const std::string &kernel) const;
  /// Any function's C-interface entry point (`_mlir_ciface_<function>`); throws Error when absent.
  void *cInterface(const std::string &function) const;

private:
  void *handle_ = nullptr;
  int fd_ = -1;
};

} // namespace sconv::rt
