// Runs a model's compute steps on a GPU: the generated conv kernels of the artifact's device code
// (implicit GEMM, fetch-on-demand, SW-LK partition sums), submanifold/regular kernel maps built on
// the device (GpuKernelMap.h) and the per-site ops between convs (GpuTensorOps.h). Features stay in
// device memory from step to step (ComputeBackend.h says when the executor copies them out);
// parameters are uploaded once and kept until one changes; a map's device table is kept for the
// run that built it. SPS-Conv pruning (importance, top-k or threshold masks, the masked maps) and
// the transposed maps of inverse convs and the maps of dense-style transposed convs run here too,
// and to_dense (scattered here, the map downloaded once). In graph mode (setGraphMode) the
// compute steps are captured as CUDA graphs and replayed on later frames (GpuGraphSegments.h).
#pragma once
#include "runtime/ComputeBackend.h"
#include "runtime/Executor.h"
#include "runtime/cuda/GpuConvLaunch.h"
#include "runtime/cuda/GpuGraphSegments.h"
#include "runtime/cuda/GpuKernelMap.h"
#include "runtime/cuda/GpuModule.h"

#include <map>
#include <tuple>

namespace sconv::rt {

/// Features in device memory (a block of the context's pool: drop it before the GpuContext). In
/// graph mode the block is a persistent slot the backend shares.
class GpuTensor : public DeviceTensor {
public:
  explicit GpuTensor(DeviceBuffer b) : block(std::make_shared<DeviceBuffer>(std::move(b))) {}
  explicit GpuTensor(std::shared_ptr<DeviceBuffer> b) : block(std::move(b)) {}
  DevPtr<float> ptr() const { return block->as<float>(); }
  cu::CUdeviceptr address() const { return block->address(); }
  std::shared_ptr<DeviceBuffer> block;
};

/// t as the GPU backend's tensor (throws for another backend's).
const GpuTensor &gpuTensorOf(const DeviceTensor &t);

class GpuBackend : public ComputeBackend {
public:
  /// Loads the model's device code on ctx's GPU. Throws Error when the artifact has no GPU code or
  /// none that runs on this GPU (the message names the SMs on both sides).
  GpuBackend(GpuContext &ctx, const Model &model);

  std::string describe() const override;
  void beginRun() override;
  void paramsChanged() override;
  void synchronize() override;
  bool frameGraphs() const override { return frameGraphs_; }
  std::unique_ptr<CapturedFrame>
  captureFrame(const std::vector<int64_t> &capacities, size_t numOutputs,
               const std::function<void(FrameRecorder &)> &walk) override;
  DeviceTensorPtr upload(const float *values, int64_t rows, int64_t channels) override;
  void download(const DeviceTensor &t, float *dst, size_t count) override;
  std::shared_ptr<KernelMap> buildMap(const SparseTensor &in, const ConvGeometry &geometry) override;
  std::shared_ptr<KernelMap> buildMaskedMap(const SparseTensor &in, const ConvGeometry &geometry,
                                            const DeviceTensor &mask,
                                            int64_t maskEntries) override;
  std::shared_ptr<KernelMap> buildTransposedConvMap(const SparseTensor &in,
                                                    const ConvGeometry &geometry,
                                                    const Int3 &outputPadding) override;
  std::shared_ptr<KernelMap> transposeMap(const KernelMap &fwd,
                                          const SparseTensor &fwdInput) override;
  void fetchMapTable(KernelMap &map) override;
  int64_t mapPairs(KernelMap &map) override;
  DeviceTensorPtr implicitGemm(const PlanOp &op, const DeviceTensor &x, int64_t numIn,
                               const KernelMap &map, const std::string &weightName,
                               const float *w, const std::string &biasName, const float *bias,
                               const DeviceTensor *residual) override;
  DeviceTensorPtr partitionSum(const PlanOp &op, const DeviceTensor &x, int64_t numIn,
                               int64_t channels, const KernelMap &map, const std::string &peName,
                               const float *pe) override;
  DeviceTensorPtr relu(const DeviceTensor &x, int64_t rows, int64_t channels) override;
  DeviceTensorPtr add(const DeviceTensor &a, const DeviceTensor &b, int64_t rows,
                      int64_t channels) override;
  DeviceTensorPtr concat(const DeviceTensor &a, int64_t ca, const DeviceTensor &b, int64_t cb,
                         int64_t rows) override;
  DeviceTensorPtr appendOnes(const DeviceTensor &x, int64_t rows, int64_t channels) override;
  bool toDense(const DeviceTensor &x, const SparseTensor &sites, int64_t elements,
               std::vector<float> &dense) override;
  std::shared_ptr<BackendDense> toDenseKept(const DeviceTensor &x, const SparseTensor &sites,
                                            int64_t elements) override;
  DeviceTensorPtr scaleShift(const DeviceTensor &x, int64_t rows, int64_t channels,
                             const std::string &key, const float *scale,
                             const float *shift) override;
  DeviceTensorPtr importance(const DeviceTensor &x, int64_t rows, int64_t channels) override;
  DeviceTensorPtr pruneMask(const DeviceTensor &m, const SparseTensor &sites, double ratio,
                            double threshold) override;
  DeviceTensorPtr scaleByImportance(const DeviceTensor &x, const DeviceTensor &m, int64_t rows,
                                    int64_t channels) override;
  DeviceTensorPtr mergeRows(const DeviceTensor &pass, const DeviceTensor &computed,
                            const DeviceTensor &mask, int64_t rows, int64_t computedRows,
                            int64_t channels, const std::string &key, const float *scale,
                            const float *shift) override;

  /// Feature bytes moved between host and device since construction (parameters not counted),
  /// and the bytes of kernel-map tables and sites copied back: what residency saves, checked by
  /// the tests.
  struct Traffic {
    int64_t uploadedBytes = 0, downloadedBytes = 0;
    int64_t mapBytesDownloaded = 0;
  };
  const Traffic &traffic() const { return traffic_; }

  /// Graph mode (GpuGraphSegments.h): the steps between host synchronisations (the row-order,
  /// mask-sorted and mask-split GEMMs, partition sums, ReLU, add, concat, BN) are captured as CUDA
  /// graphs once and
  /// replayed on later frames whose layers stay in the same size buckets. Off by default.
  void setGraphMode(bool on);
  bool graphMode() const { return graph_ != nullptr; }
  /// Whole-frame graphs (runtime/FrameGraph.h, GpuFrameGraph.h): each entry's frame, kernel maps
  /// included, captured as one CUDA graph after a walked frame and replayed for the frames that
  /// fit its capacities. Off by default. Takes precedence over setGraphMode, which still serves
  /// the walked frames.
  void setFrameGraphs(bool on) { frameGraphs_ = on; }
  /// Frames captured from now on queue their kernel maps on the side stream, a branch of the
  /// graph beside the convs (the default), or, off, everything on one stream as before: the
  /// baseline of the benchmark's A/B (sconv-bench --gpu-frame-graph, backend gpu-frame-1s).
  void setFrameMapStream(bool on) { frameMapStream_ = on; }
  /// to_dense on the device (the default) or, off, the last features downloaded and scattered on
  /// the host as before: the baseline of the benchmark's A/B (sconv-bench --gpu-host-dense).
  void setDenseOnDevice(bool on) { denseOnDevice_ = on; }
  /// Dense entry results stay on the GPU (Output::kept: address, size, download) instead of
  /// coming to the host: what a deployment whose 2D head runs on this GPU wants (CenterPoint's
  /// 36 MB BEV map otherwise crosses the bus every frame). Off by default; needs to_dense on the
  /// device. A kept map is a block of the context's pool: drop it before the GpuContext.
  void setKeepDenseOutputs(bool on) { keepDense_ = on; }
  /// Captures and replays so far (zero outside graph mode).
  GraphSegments::Stats graphStats() const {
    return graph_ ? graph_->segments.stats() : GraphSegments::Stats{};
  }
  /// Feature slots graph mode holds (zero outside it).
  size_t graphTensorSlots() const { return graph_ ? graph_->tensors.count() : 0; }

  GpuContext &context() { return ctx_; }
  const GpuModule &module() const { return module_; }

private:
  const DeviceBuffer &deviceParam(const std::string &name, const float *values, size_t count);
  const DeviceBuffer &deviceMap(const KernelMap &map);
  const FetchTables &fetchTables(const KernelMap &map);
  /// A map built on the device, for the executor: its sizes and output sites (`sameSites`: the
  /// input's, not copied back), its neighbour table left on the device for the convs
  /// (nbrElsewhere; fetchMapTable copies it when host code needs it).
  std::shared_ptr<KernelMap> keepDeviceMap(DeviceKernelMap d, const SparseTensor *sameSites);
  /// The device table of a map this backend built and kept (throws when it is gone).
  const DeviceBuffer &keptTable(const KernelMap &map) const;
  /// A copy of the device table of a map this backend built.
  std::vector<int32_t> downloadTable(const KernelMap &map);
  /// x scattered into a zeroed dense map of `bytes` on the device (to_dense's device half).
  DeviceBuffer scatterDense(const DeviceTensor &x, const SparseTensor &sites, size_t bytes);
  /// A new device tensor of rows x channels floats (a valid address even for none: DevicePool);
  /// in graph mode a persistent slot of launchRows(rows) rows.
  std::shared_ptr<GpuTensor> newTensor(int64_t rows, int64_t channels);
  /// Graph mode's segments are in use: on, and no frame is being captured (a frame's launches are
  /// queued as they come, at its capacities).
  bool segments() const { return graph_ && !capturing_; }
  /// The rows a launch over n rows covers: n, or graphRows(n) in graph mode.
  int64_t launchRows(int64_t n) const { return segments() ? graphRows(n) : n; }
  /// Runs `launch` now, or in graph mode adds it to the current segment with its token.
  void deferOrRun(LaunchToken token, std::function<void()> launch);
  /// In graph mode, queues the current segment (before anything reads its results or needs the
  /// host): its graph replayed, or captured and launched.
  void flushGraph();
  /// The map's table for a deferred launch: in graph mode a persistent slot of launchRows rows,
  /// padded with -1 (filled now, eagerly); else deviceMap(map).
  DevPtr<int32_t> launchTable(const KernelMap &map);
  /// A row order (`order`, n rows of the map) for a deferred launch: in graph mode a slot of
  /// launchRows(n) rows, the extra positions visiting the extra rows; else `order` itself.
  DevPtr<int32_t> launchOrder(const KernelMap &map, int64_t kBegin, int64_t kEnd,
                              DevPtr<int32_t> order);

  GpuContext &ctx_;
  GpuModule module_;
  std::map<std::string, cu::CUfunction> functions_;
  std::map<std::string, DeviceBuffer> params_;
  std::map<const KernelMap *, DeviceBuffer> maps_;
  std::map<const KernelMap *, FetchTables> fetch_;
  /// Rows in mask order per (map, offset range), for the mask-sorted and mask-split dataflows.
  std::map<std::tuple<const KernelMap *, int64_t, int64_t>, DeviceBuffer> orders_;
  struct GraphState {
    explicit GraphState(GpuContext &ctx) : tensors(ctx), tables(ctx), segments(ctx) {}
    PersistentSlots tensors, tables;
    GraphSegments segments;
    std::map<const KernelMap *, std::shared_ptr<DeviceBuffer>> tableOf; // this run's maps
    std::map<std::tuple<const KernelMap *, int64_t, int64_t>, std::shared_ptr<DeviceBuffer>>
        orderOf; // this run's row orders
  };
  std::unique_ptr<GraphState> graph_;
  bool denseOnDevice_ = true;
  bool keepDense_ = false;
  bool frameGraphs_ = false;
  bool frameMapStream_ = true;
  bool capturing_ = false; // a frame capture is under way (captureFrame)
  Traffic traffic_;
};

/// Copies a dense map of `bytes` from the device into dst (resized; huge pages when large).
void downloadDense(GpuContext &ctx, const DeviceBuffer &map, size_t bytes,
                   std::vector<float> &dst);

/// A dense map left on the GPU for the caller (Output::kept), holding `map` until dropped.
std::shared_ptr<BackendDense> keepDenseOnDevice(GpuContext &ctx, DeviceBuffer map, size_t bytes);

/// True when `model` carries device code (compiled with a GPU target).
bool hasGpuCode(const Model &model);

} // namespace sconv::rt
