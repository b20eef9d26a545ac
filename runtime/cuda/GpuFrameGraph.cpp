// See GpuFrameGraph.h.
#include "runtime/cuda/GpuFrameGraph.h"

#include "runtime/cuda/GpuBackend.h"
#include "runtime/cuda/GpuPruning.h"
#include "runtime/cuda/GpuTensorOps.h"

#include <climits>
#include <cstring>

namespace sconv::rt {

namespace {
/// The status buffer's error-row slot holds this while every input site is accepted.
constexpr int kNoErrorRow = INT_MAX;
} // namespace

GpuCapturedFrame::GpuCapturedFrame(GpuContext &ctx, std::vector<int64_t> capacities,
                                   size_t numOutputs, const bool *keepDense,
                                   int64_t *uploadedBytes,
                                   int64_t *downloadedBytes)
    : ctx_(ctx), pool_(ctx.newPool(/*retainBlocks=*/true)), caps_(std::move(capacities)),
      sites_(caps_.size()), results_(numOutputs), keepDense_(keepDense), uploaded_(uploadedBytes),
      downloaded_(downloadedBytes) {
  status_ = pool_->allocate((caps_.size() + 1) * 8);
}

GpuCapturedFrame::~GpuCapturedFrame() = default;

FrameSites GpuCapturedFrame::frameSites(int s) const {
  FrameSites f;
  f.coords = sites_[size_t(s)].coords.as<int32_t>();
  f.cap = caps_[size_t(s)];
  f.count = status_.as<gpu::i64>() + s;
  return f;
}

DevPtr<int> GpuCapturedFrame::errorRow() const {
  return {status_.address() + caps_.size() * 8};
}

bool GpuCapturedFrame::replay(const std::vector<SparseTensor> &inputs,
                              std::vector<Output> &outputs, std::vector<int64_t> &counts) {
  if (!graph_)
    throw Error("internal error: replay of a frame that was not captured");
  if (inputs.size() != inputs_.size())
    throw Error("internal error: a frame captured for " + std::to_string(inputs_.size()) +
                " inputs replayed with " + std::to_string(inputs.size()));
  // The status: the inputs' counts (the maps write the others), and no error row yet.
  std::vector<int64_t> status(caps_.size() + 1, 0);
  for (size_t i = 0; i < inputs.size(); ++i) {
    const SparseTensor &t = inputs[i];
    if (t.numSites > caps_[i])
      return false;
    status[i] = t.numSites;
    ctx_.upload(sites_[i].coords.address(), t.coords.data(), t.coords.size() * 4);
    ctx_.upload(inputs_[i]->address(), t.feats.data(), t.feats.size() * 4);
    *uploaded_ += int64_t(t.feats.size() * 4);
  }
  const int none = kNoErrorRow;
  std::memcpy(&status.back(), &none, sizeof none);
  ctx_.upload(status_.address(), status.data(), status.size() * 8);
  graph_->launch();
  ctx_.download(status.data(), status_.address(), status.size() * 8);
  counts.assign(status.begin(), status.end() - 1);
  int row;
  std::memcpy(&row, &status.back(), sizeof row);
  if (row != kNoErrorRow)
    return false; // the walk reports the exact error
  for (size_t s = 0; s < caps_.size(); ++s)
    if (counts[s] > caps_[s])
      return false;

  outputs.assign(results_.size(), Output{});
  for (size_t i = 0; i < results_.size(); ++i) {
    const Result &r = results_[i];
    Output &o = outputs[i];
    if (r.dense) {
      o.dense = true;
      o.shape = r.shape;
      if (*keepDense_) {
        // A copy the caller owns: the next replay writes the frame's map again.
        DeviceBuffer kept = ctx_.allocate(r.bytes);
        ctx_.copy(kept.address(), r.values->address(), r.bytes);
        ctx_.synchronize();
        o.kept = keepDenseOnDevice(ctx_, std::move(kept), r.bytes);
        continue;
      }
      downloadDense(ctx_, *r.values, r.bytes, o.values);
      *downloaded_ += int64_t(r.bytes);
      continue;
    }
    const int64_t n = counts[size_t(r.siteSet)];
    SparseTensor &t = o.sparse;
    t = r.sites;
    t.numSites = n;
    t.coords.resize(size_t(n * 4));
    t.feats.resize(size_t(n * t.channels));
    if (n) {
      ctx_.download(t.coords.data(), sites_[size_t(r.siteSet)].coords.address(),
                    t.coords.size() * 4);
      if (!t.feats.empty())
        ctx_.download(t.feats.data(), r.values->address(), t.feats.size() * 4);
    }
    *downloaded_ += int64_t(t.feats.size() * 4);
  }
  return true;
}

template <typename F> auto GpuFrameRecorder::onSideStream(F &&queue) {
  if (!mapStream_)
    return queue();
  const cu::CUstream side = ctx_.sideStream(), main = ctx_.mainStream();
  if (sideWaitsForMain_) {
    ctx_.orderAfter(side, main);
    sideWaitsForMain_ = false;
  }
  try {
    auto result = [&] {
      GpuContext::SideStream onSide(ctx_);
      return queue();
    }();
    ctx_.orderAfter(main, side);
    return result;
  } catch (...) {
    // Joined again, so that the capture can end (the driver refuses to end one with a branch
    // left open); the capture fails with the first error.
    try {
      ctx_.orderAfter(main, side);
    } catch (const Error &) {
    }
    throw;
  }
}

GpuCapturedFrame::Sites &GpuFrameRecorder::sites(int s, const SparseTensor &shape) {
  GpuCapturedFrame::Sites &sites = frame_.sites_.at(size_t(s));
  if (!sites.coords) {
    sites.coords = ctx_.allocate(size_t(frame_.caps_[size_t(s)]) * 16);
    sites.batch = shape.batchSize;
    sites.shape = shape.spatialShape;
  }
  return sites;
}

DeviceTensorPtr GpuFrameRecorder::input(size_t index, const SparseTensor &shape) {
  if (index != frame_.inputs_.size())
    throw Error("internal error: frame inputs recorded out of order");
  GpuCapturedFrame::Sites &s = sites(int(index), shape);
  // Every input site set is hashed once, first: the hash is also the input's check for
  // duplicate sites (the replay's error row).
  s.hash = onSideStream(
      [&] { return queueFrameHash(ctx_, frame_.frameSites(int(index)), shape, frame_.errorRow()); });
  auto feats = std::make_shared<DeviceBuffer>(
      ctx_.allocate(size_t(shape.numSites * shape.channels) * sizeof(float)));
  frame_.inputs_.push_back(feats);
  return std::make_shared<GpuTensor>(std::move(feats));
}

std::shared_ptr<KernelMap> GpuFrameRecorder::map(int inSet, int outSet,
                                                 const SparseTensor &inShape,
                                                 const KernelMap &header, bool transposedConv) {
  DeviceBuffer table = onSideStream([&] {
    const bool submanifold = header.geometry.kind == ConvKind::Submanifold;
    const DeviceSiteHash *hash = submanifold ? &hashOf(inSet, inShape) : nullptr;
    (void)sites(inSet, inShape);
    std::optional<FrameSites> out;
    if (!submanifold) {
      SparseTensor outShape;
      outShape.batchSize = header.batchSize;
      outShape.spatialShape = header.outShape;
      (void)sites(outSet, outShape);
      out = frame_.frameSites(outSet);
    }
    return queueFrameMap(ctx_, frame_.frameSites(inSet), inShape, hash, out ? &*out : nullptr,
                         header, transposedConv);
  });
  return keep(header, std::move(table));
}

const DeviceSiteHash &GpuFrameRecorder::hashOf(int s, const SparseTensor &shape) {
  GpuCapturedFrame::Sites &in = sites(s, shape);
  if (!in.hash) // sites a map made: hashed when a map that looks sites up reads them
    in.hash = queueFrameHash(ctx_, frame_.frameSites(s), shape, frame_.errorRow());
  return *in.hash;
}

std::shared_ptr<KernelMap> GpuFrameRecorder::maskedMap(int inSet, int outSet,
                                                       const SparseTensor &inShape,
                                                       const DeviceTensor &mask,
                                                       const KernelMap &header) {
  const bool spss = header.geometry.kind == ConvKind::Submanifold;
  const DeviceSiteHash *hash = spss ? &hashOf(inSet, inShape) : nullptr;
  SparseTensor outShape;
  outShape.batchSize = header.batchSize;
  outShape.spatialShape = header.outShape;
  (void)sites(outSet, outShape);
  DeviceBuffer table =
      queueFrameMaskedMap(ctx_, frame_.frameSites(inSet), inShape, hash, frame_.frameSites(outSet),
                          gpuTensorOf(mask).ptr(), header);
  // A masked map reads features (its mask), so it is main's work; coordinate work that reads its
  // sites, its table or a hash made here waits for it.
  sideWaitsForMain_ = true;
  return keep(header, std::move(table));
}

DeviceTensorPtr GpuFrameRecorder::pruneMask(const DeviceTensor &m, int siteSet,
                                            const SparseTensor &shape, double ratio,
                                            double threshold) {
  (void)sites(siteSet, shape);
  return std::make_shared<GpuTensor>(queueFramePruneMask(ctx_, frame_.frameSites(siteSet), shape,
                                                         gpuTensorOf(m).ptr(), ratio, threshold,
                                                         frame_.errorRow()));
}

std::shared_ptr<KernelMap> GpuFrameRecorder::keep(const KernelMap &header, DeviceBuffer table) {
  auto map = std::make_shared<KernelMap>(header);
  map->nbrElsewhere = true; // the convs read the table in the backend
  tables_[map.get()] = table.as<int32_t>();
  registerTable_(map.get(), std::move(table));
  return map;
}

std::shared_ptr<KernelMap> GpuFrameRecorder::transposeMap(const KernelMap &fwd,
                                                          const KernelMap &header) {
  auto it = tables_.find(&fwd);
  if (it == tables_.end())
    throw NotCapturable("a transposed map of a map the frame did not build");
  DeviceBuffer table = onSideStream(
      [&] { return queueTransposedTable(ctx_, it->second, fwd, header, frame_.errorRow()); });
  return keep(header, std::move(table));
}

void GpuFrameRecorder::denseOutput(size_t index, const DeviceTensor &x, int siteSet,
                                   const SparseTensor &sites) {
  GpuCapturedFrame::Result &r = frame_.results_.at(index);
  const int64_t C = sites.channels, D = sites.spatialShape[0], H = sites.spatialShape[1],
                W = sites.spatialShape[2];
  r.dense = true;
  r.siteSet = siteSet;
  r.shape = {sites.batchSize, C * D, H, W};
  r.bytes = size_t(sites.batchSize * C * D * H * W) * sizeof(float);
  r.values = std::make_shared<DeviceBuffer>(ctx_.allocate(r.bytes));
  ctx_.fill(r.values->address(), 0, r.bytes); // 0.0f is all zero bytes
  const FrameSites s = frame_.frameSites(siteSet);
  gpuops::scatterDense(ctx_, gpuTensorOf(x).ptr(), s.coords, deviceRows(s.cap, s.count), C, D, H, W,
                       r.values->as<float>());
}

void GpuFrameRecorder::sparseOutput(size_t index, const DeviceTensor &x, int siteSet,
                                    const SparseTensor &sites) {
  GpuCapturedFrame::Result &r = frame_.results_.at(index);
  r.siteSet = siteSet;
  r.values = gpuTensorOf(x).block;
  r.sites = sites;
  r.sites.numSites = 0;
}

} // namespace sconv::rt
