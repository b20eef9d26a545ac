// Whole-frame graphs on the GPU (runtime/FrameGraph.h says what and why): a frame captured as one
// CUDA graph, kernel maps included, and replayed per frame with the inputs copied in before and
// the live counts and results copied out after.
//
// A captured frame owns its memory: every buffer its work touches (site coordinates and hashes,
// map tables, features, temporaries) comes from the frame's own DevicePool (set on the context
// for the capture), so nothing the graph replays is handed to anyone else while it lives. Site
// set s's live count is the s-th int64 of the frame's status buffer: the host writes the inputs'
// counts before each replay, the map kernels write the others, and every later kernel reads them
// (kernels/DeviceDefs.h, Rows). After the status the buffer holds the error row of the input
// hashes (INT_MAX when every input site was accepted).
//
// Two streams. A frame's coordinate work (site hashes, kernel maps, transposed maps) depends on
// the input sites alone, not on features, so the recorder queues it on the context's side stream
// and the features' work (convs, per-site ops, SPS-Conv's pruning) on the main stream; main waits
// for side right after each map is queued (the convs that follow read its table and counts), and
// side waits for main only before coordinate work that reads sites main made (SPS-Conv's masked
// maps) and once at the start, which joins it to the capture. The captured graph thus has the
// chain of maps as a branch of its own: a replay starts it at once, and the GPU builds the maps of
// the next resolution while the convs of this one run, instead of between them. The buffers
// the two branches share (site sets, hashes, tables) are the frame's for its life; temporaries
// of either are reused only within their own branch (DevicePool::setStreamTag).
#pragma once
#include "runtime/Executor.h"
#include "runtime/FrameGraph.h"
#include "runtime/cuda/GpuKernelMap.h"

#include <optional>

namespace sconv::rt {

class GpuBackend;

class GpuCapturedFrame : public CapturedFrame {
public:
  /// While *keepDense holds, dense results come back as BackendDense copies on the device
  /// (Output::kept; the backend's current setting). uploadedBytes / downloadedBytes count the
  /// bytes replays move (GpuBackend::Traffic's fields).
  GpuCapturedFrame(GpuContext &ctx, std::vector<int64_t> capacities, size_t numOutputs,
                   const bool *keepDense, int64_t *uploadedBytes, int64_t *downloadedBytes);
  ~GpuCapturedFrame() override;

  bool replay(const std::vector<SparseTensor> &inputs, std::vector<Output> &outputs,
              std::vector<int64_t> &counts) override;

  DevicePool &pool() { return *pool_; }
  void setGraph(GpuGraph graph) { graph_.emplace(std::move(graph)); }
  /// Keeps a buffer the backend made for the frame (a map table, a row order) as long as the frame.
  void hold(DeviceBuffer buffer) { held_.push_back(std::move(buffer)); }

private:
  friend class GpuFrameRecorder;
  /// Site set s: its coordinates, count and (when some map needed it) hash.
  struct Sites {
    DeviceBuffer coords;
    std::optional<DeviceSiteHash> hash;
    int64_t batch = 0;
    Int3 shape{0, 0, 0};
  };
  struct Result {
    bool dense = false;
    std::shared_ptr<DeviceBuffer> values; // the dense map, or the sparse result's features
    size_t bytes = 0;                     // of the dense map
    int siteSet = -1;
    std::vector<int64_t> shape; // dense: [B, C*D, H, W]
    SparseTensor sites;         // sparse: batch, spatial shape, channels
  };
  FrameSites frameSites(int s) const;
  DevPtr<int> errorRow() const;

  GpuContext &ctx_;
  std::unique_ptr<DevicePool> pool_; // first: every buffer below returns to it
  std::vector<int64_t> caps_;
  DeviceBuffer status_;
  std::vector<Sites> sites_;
  std::vector<std::shared_ptr<DeviceBuffer>> inputs_; // features of each input
  std::vector<Result> results_;
  std::vector<DeviceBuffer> held_;
  const bool *keepDense_;
  int64_t *uploaded_, *downloaded_;
  std::optional<GpuGraph> graph_; // last: destroyed before the buffers it replays
};

/// The FrameRecorder of a capture on the GPU backend: buffers from the frame's pool, work queued on
/// the capturing stream.
class GpuFrameRecorder : public FrameRecorder {
public:
  /// `registerTable` hands a map's table to the backend (the convs look tables up there).
  /// `mapStream`: the coordinate work on the side stream (above); off, all on the main stream.
  GpuFrameRecorder(GpuContext &ctx, GpuCapturedFrame &frame, bool mapStream,
                   std::function<void(const KernelMap *, DeviceBuffer)> registerTable)
      : ctx_(ctx), mapStream_(mapStream), frame_(frame),
        registerTable_(std::move(registerTable)) {}
  DeviceTensorPtr input(size_t index, const SparseTensor &shape) override;
  std::shared_ptr<KernelMap> map(int inSet, int outSet, const SparseTensor &inShape,
                                 const KernelMap &header, bool transposedConv) override;
  std::shared_ptr<KernelMap> maskedMap(int inSet, int outSet, const SparseTensor &inShape,
                                       const DeviceTensor &mask, const KernelMap &header) override;
  DeviceTensorPtr pruneMask(const DeviceTensor &m, int siteSet, const SparseTensor &shape,
                            double ratio, double threshold) override;
  std::shared_ptr<KernelMap> transposeMap(const KernelMap &fwd,
                                          const KernelMap &header) override;
  void denseOutput(size_t index, const DeviceTensor &x, int siteSet,
                   const SparseTensor &sites) override;
  void sparseOutput(size_t index, const DeviceTensor &x, int siteSet,
                    const SparseTensor &sites) override;

private:
  /// Runs `queue` with the context on its side stream (the coordinate work, see above), ordered
  /// after main's work when main made sites since side last waited, and main after it.
  template <typename F> auto onSideStream(F &&queue);
  GpuCapturedFrame::Sites &sites(int s, const SparseTensor &shape);
  /// Site set s's hash, queued the first time a map needs it.
  const DeviceSiteHash &hashOf(int s, const SparseTensor &shape);
  /// Hands a new map's table to the backend and the map to the frame.
  std::shared_ptr<KernelMap> keep(const KernelMap &header, DeviceBuffer table);
  GpuContext &ctx_;
  const bool mapStream_;
  /// Main has queued work since side last waited for it that side's next work may read (and at
  /// the start: the first wait joins the side stream to the capture).
  bool sideWaitsForMain_ = true;
  std::map<const KernelMap *, DevPtr<int32_t>> tables_; // of the maps made so far
  GpuCapturedFrame &frame_;
  std::function<void(const KernelMap *, DeviceBuffer)> registerTable_;
};

} // namespace sconv::rt
