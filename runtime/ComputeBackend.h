// Where a model's compute steps run when not on the CPU kernels: a GPU (runtime/cuda/GpuBackend.h)
// or a test double. The interface is the runtime's, so the executor does not depend on CUDA.
//
// Residency: a backend keeps features in its own memory (DeviceTensor, opaque to the executor).
// A step's results stay there; the executor copies a value to the host only when a step that runs
// on the CPU reads it, when it is an entry's result, or for an observer. A backbone whose steps
// all run on the backend therefore moves its input features in once and its results out once,
// not every layer's features both ways. Parameters are kept until paramsChanged, the tables of a
// map until the next beginRun.
#pragma once
#include "runtime/Error.h"
#include "runtime/KernelMap.h"
#include "runtime/Plan.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace sconv::rt {

class FrameRecorder;
class CapturedFrame;

/// Features (rows x channels fp32) held by a backend. Released when the last reference goes.
class DeviceTensor {
public:
  virtual ~DeviceTensor() = default;
};
using DeviceTensorPtr = std::shared_ptr<DeviceTensor>;

/// A dense map a backend kept in its own memory for the caller (a model output: a detector's 2D
/// head on the same GPU reads it there, and the tens of MB never cross the bus). Float32 values
/// in the Output's shape order, complete when the run returns. The memory is held until this is
/// destroyed, which must happen before the backend's device context goes.
class BackendDense {
public:
  virtual ~BackendDense() = default;
  /// The map's address in the backend's memory (a CUdeviceptr on a GPU).
  virtual uint64_t address() const = 0;
  virtual size_t bytes() const = 0;
  /// Copies the map to the host.
  virtual std::vector<float> download() const = 0;
};

class ComputeBackend {
public:
  virtual ~ComputeBackend() = default;
  /// One line for reports: "GPU 0: NVIDIA H100 80GB HBM3 (sm_90, ...), model code sm_90 cubin".
  virtual std::string describe() const = 0;
  /// A run starts: maps of the previous run are gone (their device copies may be dropped).
  virtual void beginRun() {}
  /// A parameter changed: device copies of parameters are stale.
  virtual void paramsChanged() {}
  /// Waits for the work queued so far (per-step timing); errors of that work surface here.
  virtual void synchronize() {}

  /// Whole-frame graphs (FrameGraph.h): true when the executor should capture each entry's frame
  /// with captureFrame and replay it (e.g. GpuBackend::setFrameGraphs).
  virtual bool frameGraphs() const { return false; }
  /// Captures the work `walk` queues through `recorder` and through this backend's other calls
  /// (given capacities as row counts) as one replayable frame with `numOutputs` results; site set
  /// s holds at most capacities[s] sites. Throws NotCapturable, or another Error, when it cannot.
  virtual std::unique_ptr<CapturedFrame>
  captureFrame(const std::vector<int64_t> &capacities, size_t numOutputs,
               const std::function<void(FrameRecorder &recorder)> &walk);

  /// Copies rows x channels host values into backend memory.
  virtual DeviceTensorPtr upload(const float *values, int64_t rows, int64_t channels) = 0;
  /// Copies the first `count` values of `t` to `dst` (waits for the work that writes them).
  virtual void download(const DeviceTensor &t, float *dst, size_t count) = 0;

  /// The submanifold (unmasked) or regular map of `geometry` over `in`'s sites, equal to the CPU's
  /// buildKernelMap, or nullptr to leave it to the CPU. Reads coordinates only. The maps a backend
  /// builds (this and the three below) may keep their neighbour table in the backend
  /// (nbrElsewhere: the convs read it there; fetchMapTable brings it to the host on demand).
  virtual std::shared_ptr<KernelMap> buildMap(const SparseTensor &in, const ConvGeometry &geometry) {
    (void)in;
    (void)geometry;
    return nullptr;
  }
  /// Copies the neighbour table of a map this backend built with its table left here
  /// (map.nbrElsewhere) into map.nbr, and clears the flag.
  virtual void fetchMapTable(KernelMap &map) {
    (void)map;
    throw Error("internal error: a kernel map's table is in a backend that cannot return it");
  }
  /// The map's number of pairs (a profile's FLOP count), counted where its table is.
  virtual int64_t mapPairs(KernelMap &map) {
    if (map.nbrElsewhere)
      fetchMapTable(map);
    return map.numPairs();
  }
  /// The SPSS restricted submanifold map (geometry Submanifold) or the SPRS map (Regular) over
  /// `in`'s sites, with the importance mask (maskEntries values, 0 = pruned) in the backend; equal
  /// to the CPU's buildRestrictedSubmanifoldMap / buildSprsMap, or nullptr to leave it to the CPU.
  virtual std::shared_ptr<KernelMap> buildMaskedMap(const SparseTensor &in,
                                                    const ConvGeometry &geometry,
                                                    const DeviceTensor &mask,
                                                    int64_t maskEntries) {
    (void)in, (void)geometry, (void)mask, (void)maskEntries;
    return nullptr;
  }
  /// buildTransposedConvMap(in, geometry, outputPadding) (a transposed conv's output sites and
  /// map), or nullptr to leave it to the CPU. Reads coordinates only.
  virtual std::shared_ptr<KernelMap> buildTransposedConvMap(const SparseTensor &in,
                                                            const ConvGeometry &geometry,
                                                            const Int3 &outputPadding) {
    (void)in, (void)geometry, (void)outputPadding;
    return nullptr;
  }
  /// transposeKernelMap(fwd, fwdInput) (the map of an inverse conv), or nullptr for the CPU.
  virtual std::shared_ptr<KernelMap> transposeMap(const KernelMap &fwd,
                                                  const SparseTensor &fwdInput) {
    (void)fwd, (void)fwdInput;
    return nullptr;
  }
  /// One conv step (op.gpuKernel): returns act(conv(x) + bias + residual), map.numOut x op.cout.
  /// x holds numIn x op.cin values; `weightName` / `biasName` identify the parameters for caching
  /// ("" for no bias); bias and residual may be null.
  virtual DeviceTensorPtr implicitGemm(const PlanOp &op, const DeviceTensor &x, int64_t numIn,
                                       const KernelMap &map, const std::string &weightName,
                                       const float *w, const std::string &biasName,
                                       const float *bias, const DeviceTensor *residual) = 0;
  /// The SW-LK partition sums of x (numIn x channels) over `map` (op.gpuKernel), map.numOut x
  /// 27*channels; `pe` may be null. nullptr leaves the step to the CPU.
  virtual DeviceTensorPtr partitionSum(const PlanOp &op, const DeviceTensor &x, int64_t numIn,
                                       int64_t channels, const KernelMap &map,
                                       const std::string &peName, const float *pe) {
    (void)op, (void)x, (void)numIn, (void)channels, (void)map, (void)peName, (void)pe;
    return nullptr;
  }

  // Per-site ops, each returning a new tensor or nullptr to leave the step to the CPU. With a
  // backend they run here: an operand only on the host is moved in once (and kept for later
  // steps), and a result stays for the convs that follow.
  /// max(x, 0) over rows x channels values.
  virtual DeviceTensorPtr relu(const DeviceTensor &x, int64_t rows, int64_t channels) {
    (void)x, (void)rows, (void)channels;
    return nullptr;
  }
  /// a + b over rows x channels values.
  virtual DeviceTensorPtr add(const DeviceTensor &a, const DeviceTensor &b, int64_t rows,
                              int64_t channels) {
    (void)a, (void)b, (void)rows, (void)channels;
    return nullptr;
  }
  /// Rows of a (ca channels) then b (cb channels).
  virtual DeviceTensorPtr concat(const DeviceTensor &a, int64_t ca, const DeviceTensor &b,
                                 int64_t cb, int64_t rows) {
    (void)a, (void)ca, (void)b, (void)cb, (void)rows;
    return nullptr;
  }
  /// Rows of x (channels) each followed by 1.0 (SW-LK's plain form).
  virtual DeviceTensorPtr appendOnes(const DeviceTensor &x, int64_t rows, int64_t channels) {
    (void)x, (void)rows, (void)channels;
    return nullptr;
  }
  /// x * scale[c] + shift[c] (inference batch norm folded to per-channel factors; `key` names
  /// them for caching).
  virtual DeviceTensorPtr scaleShift(const DeviceTensor &x, int64_t rows, int64_t channels,
                                     const std::string &key, const float *scale,
                                     const float *shift) {
    (void)x, (void)rows, (void)channels, (void)key, (void)scale, (void)shift;
    return nullptr;
  }
  /// toDense(x) with x's features in the backend and its sites in `sites`, whose map has
  /// `elements` = denseSize(sites) values (the caller checked the sites with it): fills `dense`
  /// with the [B, C*D, H, W] map and returns true, or returns false to leave the step to the CPU.
  virtual bool toDense(const DeviceTensor &x, const SparseTensor &sites, int64_t elements,
                       std::vector<float> &dense) {
    (void)x, (void)sites, (void)elements, (void)dense;
    return false;
  }
  /// toDense for an entry's result when the backend is set to keep dense outputs (e.g.
  /// GpuBackend::setKeepDenseOutputs): the map, left in backend memory; nullptr for toDense.
  virtual std::shared_ptr<BackendDense> toDenseKept(const DeviceTensor &x, const SparseTensor &sites,
                                                    int64_t elements) {
    (void)x, (void)sites, (void)elements;
    return nullptr;
  }
  // SPS-Conv steps.
  /// rows x 1: the mean |x| per row, the same bits as importanceMean.
  virtual DeviceTensorPtr importance(const DeviceTensor &x, int64_t rows, int64_t channels) {
    (void)x, (void)rows, (void)channels;
    return nullptr;
  }
  /// PruneMask over the importance m (one value per site of `sites`, whose coordinates are read):
  /// top-k with `ratio` when ratio >= 0, else threshold mode; a one-channel 0 (pruned) / 1
  /// (important) tensor equal to pruneByRatio / pruneByThreshold's, or nullptr for the CPU.
  virtual DeviceTensorPtr pruneMask(const DeviceTensor &m, const SparseTensor &sites, double ratio,
                                    double threshold) {
    (void)m, (void)sites, (void)ratio, (void)threshold;
    return nullptr;
  }
  /// scaleByImportance: x[r][c] * importanceSigmoid(m[r]) (m: rows x 1 in the backend).
  virtual DeviceTensorPtr scaleByImportance(const DeviceTensor &x, const DeviceTensor &m,
                                            int64_t rows, int64_t channels) {
    (void)x, (void)m, (void)rows, (void)channels;
    return nullptr;
  }
  /// mergePruned where the caller knows (mergesMaskedRows, Plan.h) that computed's rows are the
  /// important rows of pass in order: row r is computed[rank of r among the important rows] where
  /// mask[r] != 0, else scale * pass + shift (scale/shift may be null; `key` names them for
  /// caching). computedRows bounds the rows of computed read.
  virtual DeviceTensorPtr mergeRows(const DeviceTensor &pass, const DeviceTensor &computed,
                                    const DeviceTensor &mask, int64_t rows, int64_t computedRows,
                                    int64_t channels, const std::string &key, const float *scale,
                                    const float *shift) {
    (void)pass, (void)computed, (void)mask, (void)rows, (void)computedRows, (void)channels,
        (void)key, (void)scale, (void)shift;
    return nullptr;
  }
};

} // namespace sconv::rt
