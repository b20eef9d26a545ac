// Launching one conv step's generated GPU kernel (codegen/GpuGemmKernel.h) on device operands, by
// dataflow: the implicit GEMM in one launch, fetch-on-demand as the bias fill, one launch of the
// 1-offset kernel per kernel offset over that offset's pairs, and the residual/ReLU epilogue. The
// GPU backend and the GPU tuner both launch through here, so what is tuned is what runs.
#pragma once
#include "runtime/KernelMap.h"
#include "runtime/cuda/GpuContext.h"

#include <vector>

namespace sconv::rt {

/// The sizes and launch shape of a step (PlanOp's cin, cout, volume, gpuThreads,
/// gpuRowsPerBlock, relu).
struct GpuConvShape {
  int64_t cin = 0, cout = 0, volume = 0;
  int64_t threads = 0, rowsPerBlock = 0;
  bool relu = false;
};

/// A map laid out per offset (runtime/MaskOrder.h, OffsetRows) on the device, for fetch-on-demand.
struct FetchTables {
  DeviceBuffer columns, orders;
  std::vector<int64_t> start, count;

  static FetchTables upload(GpuContext &ctx, const KernelMap &map);
};

/// The step's device operands; bias and residual may be null (the kernel of a step without them
/// does not read them).
struct GpuConvOperands {
  DevPtr<float> in;
  int64_t numIn = 0;
  int64_t numOut = 0;
  DevPtr<float> w, bias, residual, out;
};

/// out = act(conv(in) + bias + residual) through the implicit-GEMM kernel `fn` and the map's
/// neighbour table `nbr` (numOut x volume).
void launchImplicitGemm(GpuContext &ctx, cu::CUfunction fn, const GpuConvShape &s,
                        const GpuConvOperands &o, DevPtr<int32_t> nbr);
/// The same result through fetch-on-demand: `fn` is the step's 1-offset kernel.
void launchFetchOnDemand(GpuContext &ctx, cu::CUfunction fn, const GpuConvShape &s,
                         const GpuConvOperands &o, const FetchTables &tables);

} // namespace sconv::rt
