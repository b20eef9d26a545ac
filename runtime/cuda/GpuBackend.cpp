// See GpuBackend.h.
#include "runtime/cuda/GpuBackend.h"

#include "runtime/MaskOrder.h"
#include "runtime/cuda/KernelLaunch.h"
#include "runtime/cuda/GpuKernelMap.h"

#include <algorithm>

namespace sconv::rt {

namespace {

std::vector<DeviceImage> modelImages(const Model &model) {
  if (model.plan().gpuImages.empty())
    throw Error("the compiled model has no GPU code: compile it with a GPU target as well "
                "(sconvc --target cpu,sm_80,sm_90), or run it on the CPU");
  return deviceImagesOf(model.artifact(), model.plan());
}

/// A buffer of at least one element: the pool (like cuMemAlloc) does not hand out empty blocks.
DeviceBuffer allocateAtLeast(GpuContext &ctx, size_t bytes) {
  return ctx.allocate(std::max<size_t>(bytes, 16));
}

} // namespace

bool hasGpuCode(const Model &model) { return !model.plan().gpuImages.empty(); }

GpuBackend::GpuBackend(GpuContext &ctx, const Model &model)
    : ctx_(ctx), module_(ctx, modelImages(model), "the compiled model") {
  // Resolve every kernel now: a model whose device code lacks one fails here, not mid-run.
  for (const PlanEntry &e : model.plan().entries)
    for (const PlanOp &op : e.ops)
      if (op.kind == PlanOp::Kind::ImplicitGemm || op.kind == PlanOp::Kind::PartitionSum) {
        if (op.gpuKernel.empty())
          throw Error("'" + op.name + "' has no GPU kernel in the compiled model: recompile it "
                      "with a GPU target");
        if (!functions_.count(op.gpuKernel))
          functions_[op.gpuKernel] = module_.function(op.gpuKernel.c_str());
      }
}

std::string GpuBackend::describe() const {
  return "GPU " + std::to_string(ctx_.device().ordinal) + ": " + ctx_.device().describe() +
         ", model code " + module_.loadedChip() +
         (module_.loadedFormat() == DeviceImageFormat::Cubin ? " cubin" : " PTX (JIT)");
}

void GpuBackend::beginRun() {
  maps_.clear();
  fetch_.clear();
}

void GpuBackend::paramsChanged() { params_.clear(); }

const DeviceBuffer &GpuBackend::deviceParam(const std::string &name, const float *values,
                                            size_t count) {
  auto it = params_.find(name);
  if (it == params_.end()) {
    DeviceBuffer b = allocateAtLeast(ctx_, count * sizeof(float));
    ctx_.upload(b.address(), values, count * sizeof(float));
    it = params_.emplace(name, std::move(b)).first;
  }
  return it->second;
}

const DeviceBuffer &GpuBackend::deviceMap(const KernelMap &map) {
  auto it = maps_.find(&map);
  if (it == maps_.end()) {
    DeviceBuffer b = allocateAtLeast(ctx_, map.nbr.size() * sizeof(int32_t));
    ctx_.upload(b.address(), map.nbr.data(), map.nbr.size() * sizeof(int32_t));
    it = maps_.emplace(&map, std::move(b)).first;
  }
  return it->second;
}

const GpuBackend::FetchTables &GpuBackend::fetchTables(const KernelMap &map) {
  auto it = fetch_.find(&map);
  if (it != fetch_.end())
    return it->second;
  OffsetRows byOffset = offsetRows(map);
  FetchTables t;
  t.columns = ctx_.uploadVector(byOffset.columns.empty() ? std::vector<int32_t>(1)
                                                          : byOffset.columns);
  t.orders = ctx_.uploadVector(byOffset.rows.empty() ? std::vector<int32_t>(1) : byOffset.rows);
  t.start = std::move(byOffset.start);
  t.count = std::move(byOffset.count);
  return fetch_.emplace(&map, std::move(t)).first->second;
}

void GpuBackend::fetchOnDemand(const PlanOp &op, cu::CUfunction fn, const SparseTensor &x,
                               const KernelMap &map, const DeviceBuffer &dW, const float *bias,
                               const float *residual, float *out) {
  const int64_t n = map.numOut, numIn = x.numSites;
  const FetchTables &t = fetchTables(map);
  const size_t inBytes = size_t(numIn * op.cin) * sizeof(float),
               outBytes = size_t(n * op.cout) * sizeof(float);
  DeviceBuffer dIn = allocateAtLeast(ctx_, inBytes);
  ctx_.upload(dIn.address(), x.feats.data(), inBytes);
  // The output starts from the bias; each offset's launch adds its products.
  fillRowsWithBias(out, op.cout, bias, 0, n);
  DeviceBuffer dOut = allocateAtLeast(ctx_, outBytes);
  ctx_.upload(dOut.address(), out, outBytes);
  for (int64_t k = 0; k < map.volume; ++k) {
    const int64_t m = t.count[size_t(k)];
    if (m == 0)
      continue;
    FetchKernelArgs a;
    a.in = deviceMemRef<float>(dIn.address(), {numIn, op.cin});
    a.nbr = deviceMemRef<int32_t>(t.columns.address() + cu::CUdeviceptr(k * n * 4), {n, 1});
    a.w = deviceMemRef<float>(dW.address() + cu::CUdeviceptr(k * op.cin * op.cout * 4),
                                   {1, op.cin, op.cout});
    // The 1-offset kernel reads neither bias nor residual; any valid address will do.
    a.bias = deviceMemRef<float>(dW.address(), {op.cout});
    a.residual = deviceMemRef<float>(dOut.address(), {n, op.cout});
    a.out = deviceMemRef<float>(dOut.address(), {n, op.cout});
    a.order = deviceMemRef<int32_t>(t.orders.address() + cu::CUdeviceptr(t.start[size_t(k)] * 4),
                                    {m});
    a.numRows = m;
    auto params = a.params();
    const unsigned blocks = unsigned((m + op.gpuRowsPerBlock - 1) / op.gpuRowsPerBlock);
    ctx_.launch(fn, {blocks, 1, 1}, {unsigned(op.gpuThreads), 1, 1}, 0, params.data());
  }
  ctx_.download(out, dOut.address(), outBytes);
  addResidualRelu(out, residual, op.relu, 0, n * op.cout);
}

std::shared_ptr<KernelMap> GpuBackend::buildMap(const SparseTensor &in,
                                                const ConvGeometry &geometry) {
  DeviceKernelMap d = buildKernelMapOnDevice(ctx_, in, geometry);
  auto map = std::make_shared<KernelMap>(d.download(ctx_));
  // The conv that reads this map uses the table already on the device.
  maps_[map.get()] = std::move(d.nbr);
  return map;
}

void GpuBackend::implicitGemm(const PlanOp &op, const SparseTensor &x, const KernelMap &map,
                              const std::string &weightName, const float *w,
                              const std::string &biasName, const float *bias,
                              const float *residual, float *out) {
  auto fn = functions_.find(op.gpuKernel);
  if (fn == functions_.end())
    throw Error("'" + op.name + "' has no GPU kernel in the compiled model");
  const DeviceBuffer &dW =
      deviceParam(weightName, w, size_t(op.volume * op.cin * op.cout));
  if (op.gpuDataflow == "fetch_on_demand")
    return fetchOnDemand(op, fn->second, x, map, dW, bias, residual, out);
  const int64_t numOut = map.numOut, numIn = x.numSites;
  const size_t inBytes = size_t(numIn * op.cin) * sizeof(float),
               outBytes = size_t(numOut * op.cout) * sizeof(float);
  DeviceBuffer dIn = allocateAtLeast(ctx_, inBytes);
  ctx_.upload(dIn.address(), x.feats.data(), inBytes);
  DeviceBuffer dOut = allocateAtLeast(ctx_, outBytes);
  DeviceBuffer dRes;
  if (residual) {
    dRes = allocateAtLeast(ctx_, outBytes);
    ctx_.upload(dRes.address(), residual, outBytes);
  }
  const DeviceBuffer *dB = bias ? &deviceParam(biasName, bias, size_t(op.cout)) : nullptr;

  GemmKernelArgs a;
  a.in = deviceMemRef<float>(dIn.address(), {numIn, op.cin});
  a.nbr = deviceMemRef<int32_t>(deviceMap(map).address(), {numOut, op.volume});
  a.w = deviceMemRef<float>(dW.address(), {op.volume, op.cin, op.cout});
  // Absent bias/residual: the kernel was generated without reading them; any valid address will do.
  a.bias = deviceMemRef<float>(dB ? dB->address() : dW.address(), {op.cout});
  a.residual = deviceMemRef<float>(residual ? dRes.address() : dOut.address(), {numOut, op.cout});
  a.out = deviceMemRef<float>(dOut.address(), {numOut, op.cout});
  a.numRows = numOut;
  auto params = a.params();
  const unsigned blocks = unsigned((numOut + op.gpuRowsPerBlock - 1) / op.gpuRowsPerBlock);
  ctx_.launch(fn->second, {blocks, 1, 1}, {unsigned(op.gpuThreads), 1, 1}, 0, params.data());
  ctx_.download(out, dOut.address(), outBytes);
}

bool GpuBackend::partitionSum(const PlanOp &op, const SparseTensor &x, const KernelMap &map,
                              const std::string &peName, const float *pe, float *out) {
  auto fn = functions_.find(op.gpuKernel);
  if (fn == functions_.end())
    return false;
  const int64_t C = x.channels, K = map.volume, numOut = map.numOut;
  if (numOut == 0)
    return true;
  const size_t inBytes = size_t(x.numSites * C) * sizeof(float),
               outBytes = size_t(numOut * 27 * C) * sizeof(float);
  DeviceBuffer dIn = allocateAtLeast(ctx_, inBytes);
  ctx_.upload(dIn.address(), x.feats.data(), inBytes);
  DeviceBuffer dOut = allocateAtLeast(ctx_, outBytes);
  PartitionSumKernelArgs a;
  a.in = deviceMemRef<float>(dIn.address(), {x.numSites, C});
  a.nbr = deviceMemRef<int32_t>(deviceMap(map).address(), {numOut, K});
  // Without an embedding the kernel does not read pe; any valid address will do.
  a.pe = deviceMemRef<float>(pe ? deviceParam(peName, pe, size_t(K * C)).address() : dIn.address(),
                             {K, C});
  a.out = deviceMemRef<float>(dOut.address(), {numOut, 27 * C});
  a.numRows = numOut;
  auto params = a.params();
  const int64_t threads = numOut * 27 * C;
  const unsigned blocks = unsigned((threads + op.gpuThreads - 1) / op.gpuThreads);
  ctx_.launch(fn->second, {blocks, 1, 1}, {unsigned(op.gpuThreads), 1, 1}, 0, params.data());
  ctx_.download(out, dOut.address(), outBytes);
  return true;
}

} // namespace sconv::rt
