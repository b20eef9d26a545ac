// Runs a model's compute steps on a GPU: the generated implicit-GEMM kernels of the artifact's
// device code, and submanifold/regular kernel maps built on the device (GpuKernelMap.h). Tensors
// stay in host memory between steps (each step uploads its inputs and downloads its output);
// parameters are uploaded once and kept until one changes; a map's device table is kept for the
// run that built it. SW-LK partition sums run on the GPU as well; every other op (pointwise,
// pruning, to_dense, masked/transposed maps) stays on the CPU.
#pragma once
#include "runtime/ComputeBackend.h"
#include "runtime/Executor.h"
#include "runtime/cuda/GpuModule.h"

#include <map>

namespace sconv::rt {

class GpuBackend : public ComputeBackend {
public:
  /// Loads the model's device code on ctx's GPU. Throws Error when the artifact has no GPU code or
  /// none that runs on this GPU (the message names the SMs on both sides).
  GpuBackend(GpuContext &ctx, const Model &model);

  std::string describe() const override;
  void beginRun() override;
  void paramsChanged() override;
  std::shared_ptr<KernelMap> buildMap(const SparseTensor &in, const ConvGeometry &geometry) override;
  void implicitGemm(const PlanOp &op, const SparseTensor &x, const KernelMap &map,
                    const std::string &weightName, const float *w, const std::string &biasName,
                    const float *bias, const float *residual, float *out) override;
  bool partitionSum(const PlanOp &op, const SparseTensor &x, const KernelMap &map,
                    const std::string &peName, const float *pe, float *out) override;

  GpuContext &context() { return ctx_; }
  const GpuModule &module() const { return module_; }

private:
  /// A map laid out for fetch-on-demand (runtime/MaskOrder.h, OffsetRows) on the device.
  struct FetchTables {
    DeviceBuffer columns, orders;
    std::vector<int64_t> start, count;
  };
  const DeviceBuffer &deviceParam(const std::string &name, const float *values, size_t count);
  const DeviceBuffer &deviceMap(const KernelMap &map);
  const FetchTables &fetchTables(const KernelMap &map);
  void fetchOnDemand(const PlanOp &op, cu::CUfunction fn, const SparseTensor &x,
                     const KernelMap &map, const DeviceBuffer &w, const float *bias,
                     const float *residual, float *out);

  GpuContext &ctx_;
  GpuModule module_;
  std::map<std::string, cu::CUfunction> functions_;
  std::map<std::string, DeviceBuffer> params_;
  std::map<const KernelMap *, DeviceBuffer> maps_;
  std::map<const KernelMap *, FetchTables> fetch_;
};

/// True when `model` carries device code (compiled with a GPU target).
bool hasGpuCode(const Model &model);

} // namespace sconv::rt
