// See GpuBackend.h.
#include "runtime/cuda/GpuBackend.h"

#include "runtime/LargeFill.h"
#include "runtime/MapTransforms.h"

#include "runtime/MaskOrder.h"

#include "runtime/FrameGraph.h"
#include "runtime/cuda/GpuFrameGraph.h"
#include "runtime/cuda/GpuKernelMap.h"
#include "runtime/cuda/GpuMaskOrder.h"
#include "runtime/cuda/GpuPruning.h"
#include "runtime/cuda/DevicePrimitives.h"
#include "runtime/cuda/GpuTensorOps.h"
#include "runtime/cuda/KernelLaunch.h"

namespace sconv::rt {

namespace {

std::vector<DeviceImage> modelImages(const Model &model) {
  if (model.plan().gpuImages.empty())
    throw Error("the compiled model has no GPU code: compile it with a GPU target as well "
                "(sconvc --target cpu,sm_80,sm_90), or run it on the CPU");
  return deviceImagesOf(model.artifact(), model.plan());
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
  orders_.clear();
  if (graph_) {
    graph_->segments.beginRun();
    graph_->tableOf.clear();
    graph_->orderOf.clear();
  }
}

void GpuBackend::setGraphMode(bool on) {
  if (on && !graph_)
    graph_ = std::make_unique<GraphState>(ctx_);
  else if (!on)
    graph_.reset();
}

void GpuBackend::deferOrRun(LaunchToken token, std::function<void()> launch) {
  if (segments())
    graph_->segments.defer(token.take(), std::move(launch));
  else
    launch();
}

void GpuBackend::flushGraph() {
  if (segments())
    graph_->segments.flush();
}

DevPtr<int32_t> GpuBackend::launchOrder(const KernelMap &map, int64_t kBegin, int64_t kEnd,
                                        DevPtr<int32_t> order) {
  if (!segments())
    return order;
  auto key = std::make_tuple(&map, kBegin, kEnd);
  auto it = graph_->orderOf.find(key);
  if (it == graph_->orderOf.end()) {
    const int64_t n = map.numOut, cap = launchRows(n);
    auto slot = graph_->tables.next(size_t(cap) * 4);
    if (cap > 0) {
      DevicePrimitives prim(ctx_);
      SCONV_KMAP_LAUNCH(prim, sconv_kmap_pad_order, prim.gridFor(cap), order, gpu::i64(n),
                        gpu::i64(cap), slot->as<int32_t>());
    }
    it = graph_->orderOf.emplace(key, std::move(slot)).first;
  }
  return it->second->as<int32_t>();
}

DevPtr<int32_t> GpuBackend::launchTable(const KernelMap &map) {
  const DevPtr<int32_t> table = deviceMap(map).as<int32_t>();
  if (!segments())
    return table;
  auto it = graph_->tableOf.find(&map);
  if (it == graph_->tableOf.end()) {
    const int64_t cells = map.numOut * map.volume, capCells = launchRows(map.numOut) * map.volume;
    auto slot = graph_->tables.next(size_t(capCells) * 4);
    if (capCells > 0) {
      DevicePrimitives prim(ctx_);
      SCONV_KMAP_LAUNCH(prim, sconv_kmap_pad_table, prim.gridFor(capCells), table,
                        gpu::i64(cells), gpu::i64(capCells), slot->as<int32_t>());
    }
    it = graph_->tableOf.emplace(&map, std::move(slot)).first;
  }
  return it->second->as<int32_t>();
}

void GpuBackend::paramsChanged() { params_.clear(); }

const DeviceBuffer &GpuBackend::deviceParam(const std::string &name, const float *values,
                                            size_t count) {
  auto it = params_.find(name);
  if (it == params_.end()) {
    if (capturing_) // an upload cannot be part of the graph; the next walked frame uploads it
      throw Error("parameter '" + name + "' is not on the GPU yet, so a frame cannot be "
                  "captured now");
    DeviceBuffer b = ctx_.allocate(count * sizeof(float));
    ctx_.upload(b.address(), values, count * sizeof(float));
    it = params_.emplace(name, std::move(b)).first;
  }
  return it->second;
}

const DeviceBuffer &GpuBackend::deviceMap(const KernelMap &map) {
  auto it = maps_.find(&map);
  if (it == maps_.end()) {
    DeviceBuffer b = ctx_.allocate(map.nbr.size() * sizeof(int32_t));
    ctx_.upload(b.address(), map.nbr.data(), map.nbr.size() * sizeof(int32_t));
    it = maps_.emplace(&map, std::move(b)).first;
  }
  return it->second;
}

const FetchTables &GpuBackend::fetchTables(const KernelMap &map) {
  auto it = fetch_.find(&map);
  if (it == fetch_.end())
    // Built from the device table (a host map is uploaded first): no table copy to the host.
    it = fetch_
             .emplace(&map, fetchTablesOnDevice(ctx_, deviceMap(map).as<int32_t>(), map.numOut,
                                                map.volume))
             .first;
  return it->second;
}

const GpuTensor &gpuTensorOf(const DeviceTensor &t) {
  auto *g = dynamic_cast<const GpuTensor *>(&t);
  if (!g)
    throw Error("internal error: a tensor of another backend was handed to the GPU backend");
  return *g;
}

void GpuBackend::synchronize() {
  flushGraph();
  ctx_.synchronize();
}

std::shared_ptr<GpuTensor> GpuBackend::newTensor(int64_t rows, int64_t channels) {
  const size_t bytes = size_t(launchRows(rows) * channels) * sizeof(float);
  if (segments())
    return std::make_shared<GpuTensor>(graph_->tensors.next(bytes));
  return std::make_shared<GpuTensor>(ctx_.allocate(bytes));
}

DeviceTensorPtr GpuBackend::upload(const float *values, int64_t rows, int64_t channels) {
  if (capturing_)
    throw NotCapturable("features from the host cannot be part of a captured frame");
  flushGraph(); // an eager write into a slot a queued launch may still read
  auto t = newTensor(rows, channels);
  const size_t count = size_t(rows * channels);
  if (count) {
    ctx_.upload(t->address(), values, count * sizeof(float));
    traffic_.uploadedBytes += int64_t(count * sizeof(float));
  }
  return t;
}

void GpuBackend::download(const DeviceTensor &t, float *dst, size_t count) {
  if (capturing_)
    throw NotCapturable("a captured frame cannot copy features to the host mid-frame");
  flushGraph(); // the segment that writes t
  if (!count)
    return;
  ctx_.download(dst, gpuTensorOf(t).address(), count * sizeof(float));
  traffic_.downloadedBytes += int64_t(count * sizeof(float));
}

std::shared_ptr<KernelMap> GpuBackend::keepDeviceMap(DeviceKernelMap d,
                                                     const SparseTensor *sameSites) {
  auto map = std::make_shared<KernelMap>(d.meta);
  if (sameSites) {
    map->outCoords = sameSites->coords;
  } else {
    map->outCoords.resize(size_t(map->numOut * 4));
    if (!map->outCoords.empty())
      ctx_.download(map->outCoords.data(), d.outCoords.address(), map->outCoords.size() * 4);
    traffic_.mapBytesDownloaded += int64_t(map->outCoords.size() * 4);
  }
  // The convs that read this map use the table where it is.
  map->nbrElsewhere = true;
  maps_[map.get()] = std::move(d.nbr);
  return map;
}

const DeviceBuffer &GpuBackend::keptTable(const KernelMap &map) const {
  auto it = maps_.find(&map);
  if (it == maps_.end())
    throw Error("internal error: the GPU backend no longer holds this kernel map's table");
  return it->second;
}

std::vector<int32_t> GpuBackend::downloadTable(const KernelMap &map) {
  std::vector<int32_t> nbr(size_t(map.numOut * map.volume));
  if (!nbr.empty())
    ctx_.download(nbr.data(), keptTable(map).address(), nbr.size() * 4);
  traffic_.mapBytesDownloaded += int64_t(nbr.size() * 4);
  return nbr;
}

int64_t GpuBackend::mapPairs(KernelMap &map) {
  if (!map.nbrElsewhere)
    return map.numPairs();
  return countPairsOnDevice(ctx_, keptTable(map).as<int32_t>(), map.numOut * map.volume);
}

void GpuBackend::fetchMapTable(KernelMap &map) {
  if (!map.nbrElsewhere)
    return;
  map.nbr = downloadTable(map);
  map.nbrElsewhere = false;
}

std::shared_ptr<KernelMap> GpuBackend::buildMap(const SparseTensor &in,
                                                const ConvGeometry &geometry) {
  return keepDeviceMap(buildKernelMapOnDevice(ctx_, in, geometry),
                       geometry.kind == ConvKind::Submanifold ? &in : nullptr);
}

std::shared_ptr<KernelMap> GpuBackend::buildMaskedMap(const SparseTensor &in,
                                                      const ConvGeometry &geometry,
                                                      const DeviceTensor &mask,
                                                      int64_t maskEntries) {
  flushGraph(); // the mask is computed from features
  return keepDeviceMap(
      buildMaskedMapOnDevice(ctx_, in, geometry, gpuTensorOf(mask).ptr(), maskEntries), nullptr);
}

std::shared_ptr<KernelMap> GpuBackend::buildTransposedConvMap(const SparseTensor &in,
                                                              const ConvGeometry &geometry,
                                                              const Int3 &outputPadding) {
  // An output grid too large for one bitmap is left to the CPU's sort (the header's checks are
  // the builder's own, so bad input gets the same error either way).
  if (outputBitmapBytes(transposedConvMapHeader(in, geometry, outputPadding)) >
      kMaxOutputBitmapBytes)
    return nullptr;
  return keepDeviceMap(buildTransposedConvMapOnDevice(ctx_, in, geometry, outputPadding), nullptr);
}

std::shared_ptr<KernelMap> GpuBackend::transposeMap(const KernelMap &fwd,
                                                    const SparseTensor &fwdInput) {
  DeviceBuffer table;
  auto map = std::make_shared<KernelMap>(
      transposeKernelMapGpu(ctx_, fwd, deviceMap(fwd).as<int32_t>(), fwdInput, &table));
  maps_[map.get()] = std::move(table);
  return map;
}

DeviceTensorPtr GpuBackend::implicitGemm(const PlanOp &op, const DeviceTensor &xIn, int64_t numIn,
                                         const KernelMap &map, const std::string &weightName,
                                         const float *w, const std::string &biasName,
                                         const float *bias, const DeviceTensor *residual) {
  auto fn = functions_.find(op.gpuKernel);
  if (fn == functions_.end())
    throw Error("'" + op.name + "' has no GPU kernel in the compiled model");
  auto out = newTensor(map.numOut, op.cout);
  if (map.numOut == 0)
    return out;
  const GpuConvShape shape{op.cin,       op.cout,           op.volume,
                           op.gpuThreads, op.gpuRowsPerBlock, op.relu};
  GpuConvOperands o;
  o.in = gpuTensorOf(xIn).ptr();
  o.numIn = numIn;
  o.numOut = map.numOut;
  o.w = deviceParam(weightName, w, size_t(op.volume * op.cin * op.cout)).as<float>();
  if (bias)
    o.bias = deviceParam(biasName, bias, size_t(op.cout)).as<float>();
  if (residual)
    o.residual = gpuTensorOf(*residual).ptr();
  o.out = out->ptr();
  // Rows in mask order over offsets [kBegin, kEnd), sorted on the device once per map, range and
  // run (shared by the convs on the map).
  auto sortedRows = [&](int64_t kBegin, int64_t kEnd) {
    auto key = std::make_tuple(&map, kBegin, kEnd);
    auto it = orders_.find(key);
    if (it == orders_.end())
      it = orders_
               .emplace(key, maskOrderOnDevice(ctx_, deviceMap(map).as<int32_t>(), map.numOut,
                                               map.volume, kBegin, kEnd))
               .first;
    return it->second.as<int32_t>();
  };
  if (op.gpuDataflow == "fetch_on_demand") {
    if (capturing_)
      throw NotCapturable("'" + op.name + "' runs fetch-on-demand, whose launches are sized by "
                          "per-offset pair counts read back to the host");
    // Launches per offset sized by that offset's pairs: eager, after the queued segment.
    flushGraph();
    GpuMapSources sources;
    sources.nbr = deviceMap(map).as<int32_t>();
    sources.fetch = [&]() -> const FetchTables & { return fetchTables(map); };
    launchGpuConv(ctx_, fn->second, shape, op.gpuDataflow, op.gpuSplits, o, sources);
    return out;
  }
  // The row-order, sorted and split GEMMs: a fixed number of launches whose sizes are known here.
  // Graph mode defers them at their launch rows, over the table and row orders in slots.
  o.numIn = launchRows(numIn);
  o.numOut = launchRows(map.numOut);
  const DevPtr<int32_t> nbr = launchTable(map);
  std::vector<std::pair<int64_t, int64_t>> ranges;
  if (op.gpuDataflow == "implicit_gemm_sorted")
    ranges.push_back({0, map.volume});
  else if (op.gpuDataflow == "implicit_gemm_split")
    for (int64_t r = 0; r < op.gpuSplits; ++r)
      ranges.push_back(splitRange(map.volume, op.gpuSplits, r));
  std::vector<DevPtr<int32_t>> orders;
  for (auto [kBegin, kEnd] : ranges)
    orders.push_back(launchOrder(map, kBegin, kEnd, sortedRows(kBegin, kEnd)));
  LaunchToken t;
  t << "gemm" << fn->second << o.in.address << o.numIn << o.numOut << o.w.address
    << o.bias.address << o.residual.address << o.out.address << nbr.address << op.cin << op.cout
    << op.volume << op.gpuThreads << op.gpuRowsPerBlock << op.relu << op.gpuSplits
    << uint64_t(ranges.size());
  for (DevPtr<int32_t> p : orders)
    t << p.address;
  deferOrRun(std::move(t), [this, f = fn->second, shape, o, nbr, ranges, orders,
                            dataflow = op.gpuDataflow, splits = op.gpuSplits] {
    GpuMapSources sources;
    sources.nbr = nbr;
    sources.order = [&](int64_t kBegin, int64_t kEnd) {
      for (size_t i = 0; i < ranges.size(); ++i)
        if (ranges[i] == std::make_pair(kBegin, kEnd))
          return orders[i];
      throw Error("internal error: no row order for offsets [" + std::to_string(kBegin) + ", " +
                  std::to_string(kEnd) + ")");
    };
    launchGpuConv(ctx_, f, shape, dataflow, splits, o, sources);
  });
  return out;
}

DeviceTensorPtr GpuBackend::partitionSum(const PlanOp &op, const DeviceTensor &xIn, int64_t numIn,
                                         int64_t C, const KernelMap &map,
                                         const std::string &peName, const float *pe) {
  auto fn = functions_.find(op.gpuKernel);
  if (fn == functions_.end())
    return nullptr;
  const GpuTensor &x = gpuTensorOf(xIn);
  const int64_t K = map.volume, numOut = launchRows(map.numOut);
  auto out = newTensor(map.numOut, 27 * C);
  if (map.numOut == 0)
    return out;
  PartitionSumKernelArgs a;
  a.in = deviceMemRef<float>(x.address(), {launchRows(numIn), C});
  a.nbr = deviceMemRef<int32_t>(launchTable(map).address, {numOut, K});
  // Without an embedding the kernel does not read pe; any valid address will do.
  a.pe = deviceMemRef<float>(
      pe ? deviceParam(peName, pe, size_t(K * C)).address() : x.address(), {K, C});
  a.out = deviceMemRef<float>(out->address(), {numOut, 27 * C});
  a.numRows = numOut;
  const int64_t threads = numOut * 27 * C;
  const unsigned blocks = unsigned((threads + op.gpuThreads - 1) / op.gpuThreads);
  LaunchToken t;
  t << "psum" << fn->second << a.in.aligned << a.in.sizes[0] << a.nbr.aligned << a.pe.aligned
    << a.out.aligned << numOut << K << C << op.gpuThreads;
  cu::CUfunction f = fn->second;
  const unsigned threadsPerBlock = unsigned(op.gpuThreads);
  deferOrRun(std::move(t), [this, f, a, blocks, threadsPerBlock]() mutable {
    auto params = a.params();
    ctx_.launch(f, {blocks, 1, 1}, {threadsPerBlock, 1, 1}, 0, params.data());
  });
  return out;
}

DeviceTensorPtr GpuBackend::relu(const DeviceTensor &x, int64_t rows, int64_t channels) {
  auto out = newTensor(rows, channels);
  const DevPtr<float> in = gpuTensorOf(x).ptr(), dst = out->ptr();
  const int64_t count = launchRows(rows) * channels;
  LaunchToken t;
  t << "relu" << in.address << dst.address << count;
  deferOrRun(std::move(t), [this, in, dst, count] { gpuops::relu(ctx_, in, dst, count); });
  return out;
}

DeviceTensorPtr GpuBackend::add(const DeviceTensor &a, const DeviceTensor &b, int64_t rows,
                                int64_t channels) {
  auto out = newTensor(rows, channels);
  const DevPtr<float> pa = gpuTensorOf(a).ptr(), pb = gpuTensorOf(b).ptr(), dst = out->ptr();
  const int64_t count = launchRows(rows) * channels;
  LaunchToken t;
  t << "add" << pa.address << pb.address << dst.address << count;
  deferOrRun(std::move(t), [this, pa, pb, dst, count] { gpuops::add(ctx_, pa, pb, dst, count); });
  return out;
}

DeviceTensorPtr GpuBackend::concat(const DeviceTensor &a, int64_t ca, const DeviceTensor &b,
                                   int64_t cb, int64_t rows) {
  auto out = newTensor(rows, ca + cb);
  const DevPtr<float> pa = gpuTensorOf(a).ptr(), pb = gpuTensorOf(b).ptr(), dst = out->ptr();
  const int64_t n = launchRows(rows);
  LaunchToken t;
  t << "concat" << pa.address << ca << pb.address << cb << dst.address << n;
  deferOrRun(std::move(t), [this, pa, ca, pb, cb, dst, n] {
    gpuops::concat(ctx_, pa, ca, pb, cb, dst, n);
  });
  return out;
}

DeviceTensorPtr GpuBackend::appendOnes(const DeviceTensor &x, int64_t rows, int64_t channels) {
  auto out = newTensor(rows, channels + 1);
  const DevPtr<float> in = gpuTensorOf(x).ptr(), dst = out->ptr();
  const int64_t n = launchRows(rows);
  LaunchToken t;
  t << "ones" << in.address << channels << dst.address << n;
  deferOrRun(std::move(t), [this, in, channels, dst, n] {
    gpuops::appendOnes(ctx_, in, channels, dst, n);
  });
  return out;
}

DeviceBuffer GpuBackend::scatterDense(const DeviceTensor &x, const SparseTensor &sites,
                                      size_t bytes) {
  flushGraph(); // the segment that writes x
  DeviceBuffer out = ctx_.allocate(bytes);
  ctx_.fill(out.address(), 0, bytes); // 0.0f is all zero bytes
  if (sites.numSites > 0) {
    DeviceBuffer coords = ctx_.uploadVector(sites.coords);
    traffic_.uploadedBytes += int64_t(sites.coords.size() * sizeof(int32_t));
    gpuops::scatterDense(ctx_, gpuTensorOf(x).ptr(), coords.as<int32_t>(), hostRows(sites.numSites),
                         sites.channels, sites.spatialShape[0], sites.spatialShape[1],
                         sites.spatialShape[2], out.as<float>());
  }
  return out;
}

bool GpuBackend::toDense(const DeviceTensor &x, const SparseTensor &sites, int64_t elements,
                         std::vector<float> &dense) {
  // The map is scattered on the device and comes back once: the last features need not come to
  // the host first, and the scatter's strided writes run at device bandwidth.
  if (!denseOnDevice_)
    return false;
  const size_t bytes = size_t(elements) * sizeof(float);
  downloadDense(ctx_, scatterDense(x, sites, bytes), bytes, dense);
  traffic_.downloadedBytes += int64_t(bytes);
  return true;
}

void downloadDense(GpuContext &ctx, const DeviceBuffer &map, size_t bytes,
                   std::vector<float> &dst) {
  assignLarge(dst, bytes / sizeof(float), 0.0f); // huge pages for tens of MB (LargeFill.h)
  if (bytes)
    ctx.download(dst.data(), map.address(), bytes);
}

namespace {
/// A dense output left on the GPU: a block of the context's pool.
class GpuDense : public BackendDense {
public:
  GpuDense(GpuContext &ctx, DeviceBuffer buffer, size_t bytes)
      : ctx_(ctx), buffer_(std::move(buffer)), bytes_(bytes) {}
  uint64_t address() const override { return buffer_.address(); }
  size_t bytes() const override { return bytes_; }
  std::vector<float> download() const override {
    std::vector<float> v(bytes_ / sizeof(float));
    if (bytes_)
      ctx_.download(v.data(), buffer_.address(), bytes_);
    return v;
  }

private:
  GpuContext &ctx_;
  DeviceBuffer buffer_;
  size_t bytes_;
};
} // namespace

std::shared_ptr<BackendDense> keepDenseOnDevice(GpuContext &ctx, DeviceBuffer map, size_t bytes) {
  return std::make_shared<GpuDense>(ctx, std::move(map), bytes);
}

std::shared_ptr<BackendDense> GpuBackend::toDenseKept(const DeviceTensor &x,
                                                      const SparseTensor &sites, int64_t elements) {
  if (!keepDense_ || !denseOnDevice_)
    return nullptr;
  const size_t bytes = size_t(elements) * sizeof(float);
  DeviceBuffer out = scatterDense(x, sites, bytes);
  ctx_.synchronize(); // complete when the run returns: the caller may read it on any stream
  return keepDenseOnDevice(ctx_, std::move(out), bytes);
}

std::unique_ptr<CapturedFrame>
GpuBackend::captureFrame(const std::vector<int64_t> &capacities, size_t numOutputs,
                         const std::function<void(FrameRecorder &)> &walk) {
  if (!frameGraphs_)
    throw NotCapturable("frame graphs are off (GpuBackend::setFrameGraphs)");
  flushGraph(); // a walked frame's segment goes first
  // The walked frame's tables and row orders are keyed by its maps' addresses, which the
  // capture's maps may reuse: drop them (the run is over) so that none is taken for a frame map's.
  maps_.clear();
  fetch_.clear();
  orders_.clear();
  // (A frame scatters its dense results on the device whatever setDenseOnDevice says.)
  auto frame = std::make_unique<GpuCapturedFrame>(ctx_, capacities, numOutputs, &keepDense_,
                                                  &traffic_.uploadedBytes,
                                                  &traffic_.downloadedBytes);
  // During the capture the convs find the frame's map tables in maps_ like any other map's.
  GpuFrameRecorder recorder(ctx_, *frame, frameMapStream_,
                            [this](const KernelMap *map, DeviceBuffer table) {
                              maps_[map] = std::move(table);
                            });
  // Everything the caches hold now was made by the capture, from the frame's pool: the frame
  // keeps it (the graph replays it).
  auto finish = [&] {
    capturing_ = false;
    ctx_.setAllocationPool(nullptr);
    for (auto &[map, table] : maps_)
      frame->hold(std::move(table));
    for (auto &[key, order] : orders_)
      frame->hold(std::move(order));
    maps_.clear();
    orders_.clear();
  };
  capturing_ = true;
  ctx_.setAllocationPool(&frame->pool());
  try {
    frame->setGraph(GpuGraph::capture(ctx_, [&] { walk(recorder); }));
  } catch (...) {
    finish();
    throw;
  }
  finish();
  return frame;
}

DeviceTensorPtr GpuBackend::scaleShift(const DeviceTensor &x, int64_t rows, int64_t channels,
                                       const std::string &key, const float *scale,
                                       const float *shift) {
  const DevPtr<float> s = deviceParam(key + "/scale", scale, size_t(channels)).as<float>();
  const DevPtr<float> sh = deviceParam(key + "/shift", shift, size_t(channels)).as<float>();
  auto out = newTensor(rows, channels);
  const DevPtr<float> in = gpuTensorOf(x).ptr(), dst = out->ptr();
  const int64_t n = launchRows(rows);
  LaunchToken t;
  t << "bn" << in.address << dst.address << n << channels << s.address << sh.address;
  deferOrRun(std::move(t), [this, in, dst, n, channels, s, sh] {
    gpuops::scaleShift(ctx_, in, dst, n, channels, s, sh);
  });
  return out;
}

DeviceTensorPtr GpuBackend::importance(const DeviceTensor &x, int64_t rows, int64_t channels) {
  flushGraph(); // the SPS steps are eager (their masks and maps read sizes back)
  auto out = newTensor(rows, 1);
  gpuops::importance(ctx_, gpuTensorOf(x).ptr(), rows, channels, out->ptr());
  return out;
}

DeviceTensorPtr GpuBackend::pruneMask(const DeviceTensor &m, const SparseTensor &sites,
                                      double ratio, double threshold) {
  flushGraph();
  DeviceBuffer mask = pruneMaskOnDevice(ctx_, sites, gpuTensorOf(m).ptr(), ratio, threshold);
  if (!mask)
    return nullptr;
  return std::make_shared<GpuTensor>(std::move(mask));
}

DeviceTensorPtr GpuBackend::scaleByImportance(const DeviceTensor &x, const DeviceTensor &m,
                                              int64_t rows, int64_t channels) {
  flushGraph();
  auto out = newTensor(rows, channels);
  gpuops::scaleByImportance(ctx_, gpuTensorOf(x).ptr(), gpuTensorOf(m).ptr(), out->ptr(), rows,
                            channels);
  return out;
}

DeviceTensorPtr GpuBackend::mergeRows(const DeviceTensor &pass, const DeviceTensor &computed,
                                      const DeviceTensor &mask, int64_t rows,
                                      int64_t computedRows, int64_t channels,
                                      const std::string &key, const float *scale,
                                      const float *shift) {
  flushGraph();
  // src returns to the pool at the end; stream order keeps it intact until the merge ran.
  DeviceBuffer src = queueMergeSources(ctx_, gpuTensorOf(mask).ptr(), rows, computedRows);
  DevPtr<float> dScale, dShift;
  if (scale)
    dScale = deviceParam(key + "/scale", scale, size_t(channels)).as<float>();
  if (shift)
    dShift = deviceParam(key + "/shift", shift, size_t(channels)).as<float>();
  auto out = newTensor(rows, channels);
  gpuops::mergeRows(ctx_, gpuTensorOf(pass).ptr(), gpuTensorOf(computed).ptr(), src.as<int32_t>(), rows, channels,
                    dScale, dShift, out->ptr());
  return out;
}

} // namespace sconv::rt
