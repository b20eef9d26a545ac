// Launching one conv step's generated GPU kernel (codegen/GpuGemmKernel.h) on device operands, by
// dataflow: the implicit GEMM in one launch (in row order, or in mask order), fetch-on-demand and
// mask splitting as the bias fill, one launch per kernel offset (per offset range) and the
// residual/ReLU epilogue. The GPU backend and the GPU tuner both launch through launchGpuConv, so
// what is tuned is what runs.
#pragma once
#include "runtime/KernelMap.h"
#include "runtime/cuda/GpuContext.h"

#include <functional>
#include <string>
#include <vector>

namespace sconv::rt {

/// The sizes and launch shape of a step (PlanOp's cin, cout, volume, gpuThreads,
/// gpuRowsPerBlock, relu).
struct GpuConvShape {
  int64_t cin = 0, cout = 0, volume = 0;
  int64_t threads = 0, rowsPerBlock = 0;
  bool relu = false;
};

/// A map laid out per offset (runtime/MaskOrder.h, OffsetRows) on the device, for fetch-on-demand
/// (built by fetchTablesOnDevice, GpuMaskOrder.h): columns (volume x numOut), every offset's rows
/// from start[k], count[k] of them; the counts on the host size the launches.
struct FetchTables {
  DeviceBuffer columns, orders;
  std::vector<int64_t> start, count;
};

/// The step's device operands; bias and residual may be null (the kernel of a step without them
/// does not read them).
struct GpuConvOperands {
  DevPtr<float> in;
  int64_t numIn = 0;
  int64_t numOut = 0;
  DevPtr<float> w, bias, residual, out;
};

/// Where a launch finds the forms of its map on the device: the neighbour table (numOut x volume),
/// and, built on first use by their owner, fetch-on-demand's per-offset tables and the rows sorted
/// by mask over an offset range (maskOrderOnDevice).
struct GpuMapSources {
  DevPtr<int32_t> nbr;
  std::function<const FetchTables &()> fetch;
  std::function<DevPtr<int32_t>(int64_t kBegin, int64_t kEnd)> order;
};

/// out = act(conv(in) + bias + residual) by `dataflow` (GpuTile's: implicit_gemm,
/// fetch_on_demand, implicit_gemm_sorted or implicit_gemm_split with `splits` ranges) through the
/// step's kernel `fn`. Every dataflow gives the implicit GEMM's bits: each output element adds
/// the bias and then its terms in offset order, and residual and ReLU last.
void launchGpuConv(GpuContext &ctx, cu::CUfunction fn, const GpuConvShape &s,
                   const std::string &dataflow, int64_t splits, const GpuConvOperands &o,
                   const GpuMapSources &map);

} // namespace sconv::rt
