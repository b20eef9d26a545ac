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

} // namespace

FetchTables FetchTables::upload(GpuContext &ctx, const KernelMap &map) {
  OffsetRows byOffset = offsetRows(map);
  FetchTables t;
  t.columns = ctx.uploadVector(byOffset.columns);
  t.orders = ctx.uploadVector(byOffset.rows);
  t.start = std::move(byOffset.start);
  t.count = std::move(byOffset.count);
  return t;
}

void launchImplicitGemm(GpuContext &ctx, cu::CUfunction fn, const GpuConvShape &s,
                        const GpuConvOperands &o, DevPtr<int32_t> nbr) {
  if (o.numOut == 0)
    return;
  GemmKernelArgs a;
  a.in = deviceMemRef<float>(o.in.address, {o.numIn, s.cin});
  a.nbr = deviceMemRef<int32_t>(nbr.address, {o.numOut, s.volume});
  a.w = deviceMemRef<float>(o.w.address, {s.volume, s.cin, s.cout});
  // Absent bias/residual: the kernel was generated without reading them; any valid address will do.
  a.bias = deviceMemRef<float>(o.bias.address ? o.bias.address : o.w.address, {s.cout});
  a.residual = deviceMemRef<float>(o.residual.address ? o.residual.address : o.out.address,
                                   {o.numOut, s.cout});
  a.out = deviceMemRef<float>(o.out.address, {o.numOut, s.cout});
  a.numRows = o.numOut;
  auto params = a.params();
  ctx.launch(fn, {blocksFor(o.numOut, s), 1, 1}, {unsigned(s.threads), 1, 1}, 0, params.data());
}

void launchFetchOnDemand(GpuContext &ctx, cu::CUfunction fn, const GpuConvShape &s,
                         const GpuConvOperands &o, const FetchTables &t) {
  const int64_t n = o.numOut;
  if (n == 0)
    return;
  // The output starts from the bias; each offset's launch adds its products; the residual and
  // ReLU come last (the CPU's order: runtime/CpuKernels.cpp runFetchOnDemand).
  gpuops::fillRows(ctx, o.out, n, s.cout, o.bias);
  for (int64_t k = 0; k < s.volume; ++k) {
    const int64_t m = t.count[size_t(k)];
    if (m == 0)
      continue;
    FetchKernelArgs a;
    a.in = deviceMemRef<float>(o.in.address, {o.numIn, s.cin});
    a.nbr = deviceMemRef<int32_t>((t.columns.as<int32_t>() + k * n).address, {n, 1});
    a.w = deviceMemRef<float>((o.w + k * s.cin * s.cout).address, {1, s.cin, s.cout});
    // The 1-offset kernel reads neither bias nor residual; any valid address will do.
    a.bias = deviceMemRef<float>(o.w.address, {s.cout});
    a.residual = deviceMemRef<float>(o.out.address, {n, s.cout});
    a.out = deviceMemRef<float>(o.out.address, {n, s.cout});
    a.order = deviceMemRef<int32_t>((t.orders.as<int32_t>() + t.start[size_t(k)]).address, {m});
    a.numRows = m;
    auto params = a.params();
    ctx.launch(fn, {blocksFor(m, s), 1, 1}, {unsigned(s.threads), 1, 1}, 0, params.data());
  }
  if (o.residual.address || s.relu)
    gpuops::residualRelu(ctx, o.out, n * s.cout, o.residual, s.relu);
}

} // namespace sconv::rt
