// Where a model's compute steps run when not on the CPU kernels: a GPU (runtime/cuda/GpuBackend.h)
// or a test double. The executor keeps every tensor in host memory and hands a backend host inputs
// and a host output buffer per step; the backend may keep device copies of parameters (until
// paramsChanged) and of kernel maps (until the next beginRun). The interface is the runtime's, so
// the executor does not depend on CUDA.
#pragma once
#include "runtime/KernelMap.h"
#include "runtime/Plan.h"

#include <memory>
#include <string>

namespace sconv::rt {

class ComputeBackend {
public:
  virtual ~ComputeBackend() = default;
  /// One line for reports: "GPU 0: NVIDIA H100 80GB HBM3 (sm_90, ...), model code sm_90 cubin".
  virtual std::string describe() const = 0;
  /// A run starts: maps of the previous run are gone (their device copies may be dropped).
  virtual void beginRun() {}
  /// A parameter changed: device copies of parameters are stale.
  virtual void paramsChanged() {}
  /// The submanifold (unmasked) or regular map of `geometry` over `in`'s sites, equal to the CPU's
  /// buildKernelMap, or nullptr to leave it to the CPU.
  virtual std::shared_ptr<KernelMap> buildMap(const SparseTensor &in, const ConvGeometry &geometry) {
    (void)in;
    (void)geometry;
    return nullptr;
  }
  /// One implicit-GEMM step (op.gpuKernel): out (map.numOut x op.cout, host) = act(conv(x) + bias
  /// + residual). `weightName` / `biasName` identify the parameters for caching ("" for no bias);
  /// bias and residual may be null.
  virtual void implicitGemm(const PlanOp &op, const SparseTensor &x, const KernelMap &map,
                            const std::string &weightName, const float *w,
                            const std::string &biasName, const float *bias,
                            const float *residual, float *out) = 0;
  /// The SW-LK partition sums of `x` over `map` (op.gpuKernel) into out (map.numOut x 27*C, host);
  /// `pe` may be null. Returns false to leave the step to the CPU.
  virtual bool partitionSum(const PlanOp &op, const SparseTensor &x, const KernelMap &map,
                            const std::string &peName, const float *pe, float *out) {
    (void)op, (void)x, (void)map, (void)peName, (void)pe, (void)out;
    return false;
  }
};

} // namespace sconv::rt
