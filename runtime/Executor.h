// Runs a compiled model on the CPU: loads the artifact, takes parameters by name, and interprets
// the plan (build kernel maps, call generated kernels on row ranges across the thread pool, run
// the per-site ops).
#pragma once
#include "runtime/Artifact.h"
#include "runtime/ComputeBackend.h"
#include "runtime/CpuKernels.h"
#include "runtime/FrameGraph.h"
#include "runtime/KernelMap.h"
#include "runtime/Plan.h"

#include <functional>
#include <map>
#include <memory>

namespace sconv::rt {

/// Time spent per plan op, in execution order.
struct OpProfile {
  std::string name;
  std::string kind; // the plan op kind, e.g. "kernel_map", "implicit_gemm"
  double ms = 0;
  int64_t rows = 0;  // output sites
  int64_t flops = 0; // useful floating-point operations: 2 * (map pairs) * C_in * C_out for a GEMM
  // What ran the step, where it says more than the kind: a GEMM's "<kernel> (<dataflow>)" on the
  // CPU, "gpu <kernel>" for a generated kernel on the GPU, "gpu" for a per-site op on the GPU.
  std::string impl;
};

/// One result of an entry: a sparse tensor, or a dense [B, C*D, H, W] map (to_dense).
struct Output {
  bool dense = false;
  SparseTensor sparse;
  std::vector<int64_t> shape;
  std::vector<float> values;
  /// A dense result its backend kept (GpuBackend::setKeepDenseOutputs): `values` is empty and this
  /// holds the map in backend memory.
  std::shared_ptr<BackendDense> kept;
  /// Brings a kept map to `values` (a copy from the device) and lets the backend memory go.
  void fetchValues();
};

/// Sees every value an op defines during a run (layer-by-layer checks, the tuner, debugging): a
/// sparse tensor, a dense map or a kernel map (exactly one is non-null).
using RunObserver = std::function<void(const PlanOp &op, const SparseTensor *sparse,
                                       const Output *dense, const KernelMap *map)>;

class Model {
public:
  /// Throws Error when the file is not a valid compiled model or its CPU kernels cannot load.
  static std::unique_ptr<Model> load(const std::string &path);

  const Plan &plan() const { return plan_; }
  const Artifact &artifact() const { return artifact_; }
  /// Runs the compute steps (and the kernel maps it can build) on `backend` from now on; nullptr
  /// returns to the CPU kernels. Other steps stay on the CPU.
  void setBackend(std::shared_ptr<ComputeBackend> backend);
  ComputeBackend *backend() const { return backend_.get(); }
  /// Sets a parameter; throws Error for an unknown name or a size that disagrees with its shape,
  /// or a NaN/Inf value.
  void setParam(const std::string &name, std::vector<float> values);
  /// Sets every parameter from a safetensors file (tensors converted to float32, see
  /// Safetensors.h), all or nothing: throws Error for a tensor whose shape differs from its
  /// parameter's, for parameters the file lacks (naming them) and for non-finite values; returns
  /// how many tensors of the file the model does not use.
  int64_t loadWeights(const std::string &path);
  /// The values of a parameter: user-set, embedded, or derived (folded BN weights; current as of
  /// the last run). Throws Error when unknown or unset.
  const std::vector<float> &paramValues(const std::string &name) const {
    return param(name, "paramValues");
  }
  /// Names of parameters not set yet.
  std::vector<std::string> missingParams() const;

  /// Runs entry `name` on `inputs` (one sparse tensor per graph input). Throws Error on a missing
  /// parameter, a channel-count mismatch or invalid input tensors.
  std::vector<Output> runOutputs(const std::string &name, const std::vector<SparseTensor> &inputs,
                                 ThreadPool &pool, std::vector<OpProfile> *profile = nullptr,
                                 const RunObserver *observer = nullptr);
  /// The same for entries whose results are all sparse.
  std::vector<SparseTensor> run(const std::string &name, const std::vector<SparseTensor> &inputs,
                                ThreadPool &pool, std::vector<OpProfile> *profile = nullptr);

  /// How an entry ran with whole-frame graphs on (ComputeBackend::frameGraphs, FrameGraph.h).
  struct FrameStats {
    int64_t eagerFrames = 0; // walked: first frames, overflows, rejected inputs
    int64_t captures = 0, replays = 0;
    // Frames a captured frame could not stand for (walked instead): inputs or maps over the
    // capacities, or an input site the device rejected (the walk then gives its error).
    int64_t overflows = 0;
    /// Why the last capture failed ("" when it did not): a step that reads sizes back, ...
    std::string notCapturable;
  };
  /// Totals over every entry and run so far.
  const FrameStats &frameStats() const { return frameStats_; }

private:
  Model() = default;
  /// Interprets the plan's steps for one run. Fills siteCounts (when not null) with the number of
  /// sites of each site set, numbered as the captured frames number them.
  std::vector<Output> walk(const PlanEntry &entry, const std::vector<SparseTensor> &inputs,
                           ThreadPool &pool, std::vector<OpProfile> *profile,
                           const RunObserver *observer, std::vector<int64_t> *siteCounts);
  /// A run with whole-frame graphs: the entry's captured frame replayed when the inputs fit it,
  /// else the walk and a (re)capture at capacities from its counts (FrameGraph.h).
  std::vector<Output> runFrame(const PlanEntry &entry, const std::vector<SparseTensor> &inputs,
                               ThreadPool &pool);
  /// Walks the plan on capacities (one per site set) for the backend to capture
  /// (runtime/FrameCapture.cpp). Throws NotCapturable for a step that cannot be captured.
  std::unique_ptr<CapturedFrame> captureFrame(const PlanEntry &entry,
                                              const std::vector<SparseTensor> &inputs,
                                              const std::vector<int64_t> &capacities);
  /// Frames of one entry and input shape.
  struct FrameSlot {
    std::unique_ptr<CapturedFrame> frame;
    std::vector<int64_t> capacities;
    bool capturable = true; // false after NotCapturable: the entry stays eager
    int failedCaptures = 0;  // other capture errors in a row
  };
  void dropFrames();
  /// Values of a parameter (user-set, embedded constant or derived); throws when unset.
  const std::vector<float> &param(const std::string &name, const std::string &user) const;
  /// Evaluates the parameter-time ops when a parameter changed since the last run.
  void prepareParams();

  Plan plan_;
  Artifact artifact_;
  std::unique_ptr<CpuKernelLibrary> cpu_;
  std::map<std::string, std::vector<float>> params_;  // user-supplied
  std::map<std::string, std::vector<float>> derived_; // constants and param-op results
  std::map<std::string, std::vector<int64_t>> shapes_; // of every parameter kind
  bool derivedStale_ = true;
  std::shared_ptr<ComputeBackend> backend_;
  std::map<std::string, FrameSlot> frames_; // by entry and input shapes
  FrameStats frameStats_;
};

} // namespace sconv::rt
