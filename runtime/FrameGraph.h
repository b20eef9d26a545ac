// Whole-frame graphs: a backbone's every step, kernel maps included, captured once by a backend
// (a CUDA graph on the GPU) and replayed for each later frame with no host round trip in between.
//
// What stands in the way is that a frame's sizes are data: how many output sites a strided conv
// makes is known only once its map is built, and eager execution reads it back to size the next
// buffers. A captured frame instead sizes every site set for a *capacity* (rows the buffers hold)
// and keeps the live count on the device, where the map kernels write it and every later kernel
// reads it; kernels over features run over the capacity (rows past the count have no neighbours:
// they get the bias and are never read by a real row). The capacities come from an eager frame's
// counts with headroom (Model::runOutputs, runtime/Executor.cpp). After a replay the counts come
// back in one small copy with the outputs: a count over its capacity (an overflow: the frame's
// buffers were too small) or an input site the device hash rejected makes the executor run the
// frame eagerly instead (same results, or the eager path's exact error), grow the capacities and
// capture again. Only the first frame, and frames that overflow, run eagerly.
//
// The executor walks the plan once per capture (Model::captureFrame) and asks the backend for the
// parts that need device-side sizes through FrameRecorder; the other steps are the backend's
// ordinary ComputeBackend calls, given capacities as row counts. A step the backend cannot put in
// a graph (one that reads sizes back: fetch-on-demand, a CPU step) throws NotCapturable and the
// entry stays eager.
#pragma once
#include "runtime/ComputeBackend.h"

#include <functional>
#include <memory>
#include <vector>

namespace sconv::rt {

struct Output;

/// A step that cannot be part of a captured frame (the message says which and why).
class NotCapturable : public Error {
public:
  using Error::Error;
};

/// What the executor asks of the backend while it walks the plan for a capture. Site sets are
/// numbered as the executor numbers them: the entry's inputs first, then each map that makes new
/// sites, in plan order. Sizes given are capacities.
class FrameRecorder {
public:
  virtual ~FrameRecorder() = default;
  /// Input `index`'s features (capacity x channels; its sites are site set `index`), filled from
  /// the host before each replay. `shape` gives batch size, spatial shape and channels.
  virtual DeviceTensorPtr input(size_t index, const SparseTensor &shape) = 0;
  /// The map of `header.geometry` from site set `inSet` (read sites: `inShape`) to `outSet`
  /// (== inSet for submanifold maps), with header.numIn / numOut the two capacities: a
  /// submanifold or regular conv's, or with `transposedConv` a transposed conv's (header as
  /// transposedConvMapHeader's). Its table stays in the backend (nbrElsewhere) for the convs.
  virtual std::shared_ptr<KernelMap> map(int inSet, int outSet, const SparseTensor &inShape,
                                         const KernelMap &header, bool transposedConv) = 0;
  /// The SPS-Conv map of `header.geometry` (Submanifold: SPSS, Regular: SPRS) from site set
  /// `inSet` (read sites: `inShape`) to the new site set `outSet` with the importance mask `mask`
  /// (a pruneMask of this recorder over inSet); header.numIn / numOut the two capacities.
  virtual std::shared_ptr<KernelMap> maskedMap(int inSet, int outSet, const SparseTensor &inShape,
                                               const DeviceTensor &mask,
                                               const KernelMap &header) = 0;
  /// PruneMask of the importance m (one value per site of site set `siteSet`, whose batch and
  /// spatial shape `shape` gives): top-k with `ratio` when ratio >= 0, else threshold mode. Rows
  /// past the live count come out pruned; a NaN importance (top-k) makes the replay stand down.
  virtual DeviceTensorPtr pruneMask(const DeviceTensor &m, int siteSet, const SparseTensor &shape,
                                    double ratio, double threshold) = 0;
  /// The transposed map of `fwd` (a map this recorder made): an inverse conv's, from fwd's
  /// output sites back to its input sites; `header` as transposeKernelMapHeader's, at capacities.
  /// A forward map that is not invertible makes the replay stand down (the walk reports it).
  virtual std::shared_ptr<KernelMap> transposeMap(const KernelMap &fwd,
                                                  const KernelMap &header) = 0;
  /// Entry result `index`: to_dense of x (on site set `siteSet`; `sites` gives batch, spatial
  /// shape and channels).
  virtual void denseOutput(size_t index, const DeviceTensor &x, int siteSet,
                           const SparseTensor &sites) = 0;
  /// Entry result `index`: the sparse tensor x on site set `siteSet`.
  virtual void sparseOutput(size_t index, const DeviceTensor &x, int siteSet,
                            const SparseTensor &sites) = 0;
};

/// A frame captured by a backend. Owns every buffer its replays touch.
class CapturedFrame {
public:
  virtual ~CapturedFrame() = default;
  /// Runs the frame on `inputs` (validated by the caller, each within its capacity) and fills
  /// `outputs` (one per entry result), or returns false when the replay cannot stand for the
  /// eager result: a site set outgrew its capacity, or the device rejected an input site
  /// (duplicate). `counts` receives every site set's live count either way.
  virtual bool replay(const std::vector<SparseTensor> &inputs, std::vector<Output> &outputs,
                      std::vector<int64_t> &counts) = 0;
};

/// n (>= 8) rounded up to a multiple of 2^(floor(log2 n) - 3): eight steps per octave, at most
/// 12.5% more, so sizes that differ a little land on one value (graph mode's launch rows and the
/// frames' capacities).
int64_t roundUpEighthOctave(int64_t n);

/// The capacity a site set of `count` sites gets: 25% headroom, rounded up (graphRows-like steps),
/// at least 256.
int64_t frameCapacity(int64_t count);

} // namespace sconv::rt
