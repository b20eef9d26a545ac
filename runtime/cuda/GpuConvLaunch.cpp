// See GpuConvLaunch.h.
#include "runtime/cuda/GpuConvLaunch.h"

#include "runtime/MaskOrder.h"
#include "runtime/cuda/GpuTensorOps.h"
#include "runtime/cuda/KernelLaunch.h"

namespace sconv::rt {

namespace {

unsigned blocksFor(int64_t rows, const GpuConvShape &s) {
  return unsigned((rows + s.rowsPerBlock - 1) / s.rowsPerBlock);
}

/// One launch of a conv kernel over `rows` rows with the argument struct `a` (KernelLaunch.h).
template <typename Args>
void launchOverRows(GpuContext &ctx, cu::CUfunction fn, const GpuConvShape &s, int64_t rows,
                    Args &a) {
  auto params = a.params();
  ctx.launch(fn, {blocksFor(rows, s), 1, 1}, {unsigned(s.threads), 1, 1}, 0, params.data());
}

} // namespace

namespace {

/// The six GEMM descriptors over the whole map (numOut x volume table); an absent bias or
/// residual gets a valid address the kernel, generated without reading it, ignores.
void setGemmOperands(GemmDescriptors &a, const GpuConvShape &s, const GpuConvOperands &o,
                     DevPtr<int32_t> nbr) {
  a.in = deviceMemRef<float>(o.in.address, {o.numIn, s.cin});
  a.nbr = deviceMemRef<int32_t>(nbr.address, {o.numOut, s.volume});
  a.w = deviceMemRef<float>(o.w.address, {s.volume, s.cin, s.cout});
  a.bias = deviceMemRef<float>(o.bias.address ? o.bias.address : o.w.address, {s.cout});
  a.residual = deviceMemRef<float>(o.residual.address ? o.residual.address : o.out.address,
                                   {o.numOut, s.cout});
  a.out = deviceMemRef<float>(o.out.address, {o.numOut, s.cout});
}

void launchImplicitGemm(GpuContext &ctx, cu::CUfunction fn, const GpuConvShape &s,
                        const GpuConvOperands &o, DevPtr<int32_t> nbr) {
  GemmKernelArgs a;
  setGemmOperands(a, s, o, nbr);
  a.numRows = o.numOut;
  launchOverRows(ctx, fn, s, o.numOut, a);
}

/// The implicit GEMM over the rows in `order` (all numOut of them, in mask order).
void launchImplicitGemmSorted(GpuContext &ctx, cu::CUfunction fn, const GpuConvShape &s,
                              const GpuConvOperands &o, DevPtr<int32_t> nbr,
                              DevPtr<int32_t> order) {
  OrderedKernelArgs a;
  setGemmOperands(a, s, o, nbr);
  a.order = deviceMemRef<int32_t>(order.address, {o.numOut});
  a.numRows = o.numOut;
  launchOverRows(ctx, fn, s, o.numOut, a);
}

/// Mask splitting: the bias fill, per offset range (in order) one launch of the range kernel over
/// the rows sorted by their mask in the range, then residual and ReLU (the CPU's
/// runImplicitGemmSplit; every row is visited in every range, rows without a neighbour there
/// adding nothing).
void launchImplicitGemmSplit(GpuContext &ctx, cu::CUfunction fn, const GpuConvShape &s,
                             int64_t splits, const GpuConvOperands &o, const GpuMapSources &map) {
  const int64_t n = o.numOut;
  gpuops::fillRows(ctx, o.out, n, s.cout, o.bias);
  for (int64_t r = 0; r < splits; ++r) {
    const auto [kBegin, kEnd] = splitRange(s.volume, splits, r);
    SplitKernelArgs a;
    setGemmOperands(a, s, o, map.nbr);
    a.order = deviceMemRef<int32_t>(map.order(kBegin, kEnd).address, {n});
    a.kBegin = kBegin;
    a.kEnd = kEnd;
    a.numRows = n;
    launchOverRows(ctx, fn, s, n, a);
  }
  if (o.residual.address || s.relu)
    gpuops::residualRelu(ctx, o.out, n * s.cout, o.residual, s.relu);
}

void launchFetchOnDemand(GpuContext &ctx, cu::CUfunction fn, const GpuConvShape &s,
                         const GpuConvOperands &o, const FetchTables &t) {
  const int64_t n = o.numOut;
  // The output starts from the bias; each offset's launch adds its products; the residual and
  // ReLU come last (the CPU's order: runtime/CpuKernels.cpp runFetchOnDemand).
  gpuops::fillRows(ctx, o.out, n, s.cout, o.bias);
  for (int64_t k = 0; k < s.volume; ++k) {
    const int64_t m = t.count[size_t(k)];
    if (m == 0)
      continue;
    OrderedKernelArgs a;
    a.in = deviceMemRef<float>(o.in.address, {o.numIn, s.cin});
    a.nbr = deviceMemRef<int32_t>((t.columns.as<int32_t>() + k * n).address, {n, 1});
    a.w = deviceMemRef<float>((o.w + k * s.cin * s.cout).address, {1, s.cin, s.cout});
    // The 1-offset kernel reads neither bias nor residual; any valid address will do.
    a.bias = deviceMemRef<float>(o.w.address, {s.cout});
    a.residual = deviceMemRef<float>(o.out.address, {n, s.cout});
    a.out = deviceMemRef<float>(o.out.address, {n, s.cout});
    a.order = deviceMemRef<int32_t>((t.orders.as<int32_t>() + t.start[size_t(k)]).address, {m});
    a.numRows = m;
    launchOverRows(ctx, fn, s, m, a);
  }
  if (o.residual.address || s.relu)
    gpuops::residualRelu(ctx, o.out, n * s.cout, o.residual, s.relu);
}

} // namespace

void launchGpuConv(GpuContext &ctx, cu::CUfunction fn, const GpuConvShape &s,
                   const std::string &dataflow, int64_t splits, const GpuConvOperands &o,
                   const GpuMapSources &map) {
  if (o.numOut == 0)
    return;
  if (dataflow == "implicit_gemm")
    launchImplicitGemm(ctx, fn, s, o, map.nbr);
  else if (dataflow == "implicit_gemm_sorted")
    launchImplicitGemmSorted(ctx, fn, s, o, map.nbr, map.order(0, s.volume));
  else if (dataflow == "implicit_gemm_split")
    launchImplicitGemmSplit(ctx, fn, s, splits, o, map);
  else if (dataflow == "fetch_on_demand")
    launchFetchOnDemand(ctx, fn, s, o, map.fetch());
  else
    throw Error("unknown GPU dataflow '" + dataflow + "'");
}

} // namespace sconv::rt
