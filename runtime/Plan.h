// The execution plan inside a compiled model: what sconvc decided, as plain data. Values are
// numbered; each op reads values and parameters and defines one value. The runtime interprets it
// (Executor.h). Parameter-time ops (BN folding, reshapes) run once when parameters change.
#pragma once
#include "runtime/ConvGeometry.h"

#include <string>
#include <vector>

namespace sconv::rt {

/// A parameter the user supplies (weights file or setParam), by name.
struct ParamInfo {
  std::string name;
  std::vector<int64_t> shape;
  int64_t numElements() const;
};

/// A parameter whose values are stored in the artifact (constants known at compile time).
struct ConstParam {
  std::string name;
  std::vector<int64_t> shape;
  std::string section; // artifact section with the float32 values
};

/// Computed from other parameters once, when they change.
struct ParamOp {
  enum class Kind { FoldBatchNorm, BatchNormAffine, Reshape, ExpandSwLk };
  Kind kind = Kind::Reshape;
  /// FoldBatchNorm: weight, bias ("" if none), gamma, beta, mean, var -> folded weight, bias.
  /// BatchNormAffine: gamma, beta, mean, var -> scale, shift. Reshape: x -> x (new shape).
  /// ExpandSwLk: SW-LK group weights [27, C_in, C_out], position embedding ("" if none) ->
  /// the plain form's weight [k^3, C_in (+1 with an embedding), C_out] (expandSwLkWeights).
  std::vector<std::string> inputs, outputs;
  std::vector<std::vector<int64_t>> outputShapes;
  double epsilon = 1e-3;
  int64_t kernelSize = 0; // ExpandSwLk
};

struct PlanInput {
  int value = -1;
  int64_t channels = 0;
  Int3 stride{1, 1, 1};
};

enum class MapKind { Submanifold, Regular, Transposed, Sprs };

/// A CPU implementation of an ImplicitGemm step tuned for maps of about 2^sizeBucket output rows.
struct GemmVariant {
  int sizeBucket = 0;
  std::string kernel, dataflow = "implicit_gemm";
  int64_t cpuThreads = 0;
  int64_t cpuSplits = 0; // implicit_gemm_split: the number of offset ranges
};

struct PlanOp {
  enum class Kind {
    KernelMap,         // inputs: tensor, [mask]            attrs: mapKind, geometry, outputPadding
    TransposeMap,      // inputs: map
    ImplicitGemm,      // inputs: tensor, map, [residual]  params: weight, [bias]
    PartitionSum,      // inputs: tensor, map               params: [pe]        attrs: kernelSize
    Importance,        // inputs: tensor
    PruneMask,         // inputs: importance                attrs: ratio | threshold
    ScaleByImportance, // inputs: tensor, importance
    MergePruned,       // inputs: passthrough, computed, mask  params: [scale, shift]
    BatchNorm,         // inputs: tensor                    params: gamma, beta, mean, var
    Relu,              // inputs: tensor
    Add,               // inputs: lhs, rhs
    Concat,            // inputs: lhs, rhs
    AppendOnes,        // inputs: tensor -> its channels and a constant 1.0 one
    ToDense,           // inputs: tensor -> dense [B, C*D, H, W]
  };
  Kind kind = Kind::Relu;
  std::string name; // the op's location in the source graph, for profiles and errors
  int result = -1;
  std::vector<int> inputs;         // value numbers; -1 for an absent optional operand
  std::vector<std::string> params; // parameter names; "" for an absent optional parameter

  MapKind mapKind = MapKind::Submanifold;
  ConvGeometry geometry;
  Int3 outputPadding{0, 0, 0};
  std::string kernel; // generated kernel symbol (ImplicitGemm)
  /// Or "gather_gemm_scatter" (`kernel` is a 1-offset GEMM), "implicit_gemm_sorted" (`kernel`
  /// takes the rows' mask order, runtime/MaskOrder.h) or "fetch_on_demand" (`kernel` is a
  /// 1-offset accumulating GEMM over one offset's pairs, runFetchOnDemand) or
  /// "implicit_gemm_split" (`kernel` adds the products of an offset range, cpuSplits ranges,
  /// runImplicitGemmSplit).
  std::string dataflow = "implicit_gemm";
  int64_t cpuThreads = 0; // most CPU threads for the step (0: the whole pool)
  int64_t cpuSplits = 0;  // implicit_gemm_split only
  /// Tuned per map size (sconvc --tuning-db): the variant nearest the map's size bucket replaces
  /// kernel/dataflow/cpuThreads at run time (see chooseVariant). Empty: one implementation.
  std::vector<GemmVariant> variants;
  /// ImplicitGemm, PartitionSum: the GPU kernel's entry point ("" without a GPU target), its block
  /// size (threads, 1-D) and, for ImplicitGemm, output rows per block (grid: ceil(rows / this));
  /// a PartitionSum kernel runs one thread per (row, group, channel).
  std::string gpuKernel;
  int64_t gpuThreads = 0;
  int64_t gpuRowsPerBlock = 0;
  /// ImplicitGemm on the GPU: "implicit_gemm" (one launch), "fetch_on_demand" (gpuKernel is a
  /// 1-offset accumulating kernel, launched per offset over that offset's pairs),
  /// "implicit_gemm_sorted" (one launch over the rows in mask order, sorted on the device) or
  /// "implicit_gemm_split" (gpuKernel adds an offset range's products; a launch per range over
  /// the rows sorted by their mask in it).
  std::string gpuDataflow = "implicit_gemm";
  /// ImplicitGemm on the GPU with gpuDataflow "implicit_gemm_split": the number of offset ranges.
  int64_t gpuSplits = 0;
  /// ImplicitGemm on the GPU: "f32" (SIMT) or "f16" / "bf16" (tensor cores: operands rounded to
  /// that type as the kernel loads them; the same launch and operands, all f32 in memory).
  std::string gpuPrecision = "f32";
  int64_t volume = 0, cin = 0, cout = 0;
  bool relu = false;
  double ratio = -1, threshold = -1; // PruneMask: exactly one is >= 0
  double epsilon = 1e-3;
  int64_t kernelSize = 0;
};

const char *opKindName(PlanOp::Kind kind);
/// The manifest's name of a map kind ("submanifold", "regular", "transposed", "sprs").
const char *mapKindName(MapKind kind);

/// implicit_gemm, implicit_gemm_sorted, implicit_gemm_split, gather_gemm_scatter or
/// fetch_on_demand.
bool isKnownDataflow(const std::string &dataflow);

/// The implementation of an ImplicitGemm step for a map of `rows` output rows: the variant whose
/// size bucket is nearest floor(log2(rows)) (the larger on a tie) when it is at most one bucket
/// away, else (or without variants) the op's own kernel/dataflow/threads (the heuristic's tile).
GemmVariant chooseVariant(const PlanOp &op, int64_t rows);

struct PlanEntry {
  std::string name;
  int numValues = 0;
  std::vector<PlanInput> inputs;
  std::vector<PlanOp> ops;
  std::vector<int> outputs;
};

/// For each value of `entry`, the index of the last op that reads it (0 when none does); and which
/// values are entry results. Buffer reuse frees a value after its last reader unless it is one.
struct ValueUses {
  std::vector<size_t> lastUse;
  std::vector<bool> isOutput;
};
ValueUses valueUses(const PlanEntry &entry);

/// Whether the sites of entry input `input` are indexed by a kernel map (the map's coordinate hash
/// is where duplicate sites are found): true when a KernelMap op reads that tensor or one on the
/// same sites (a per-site op's result). False for an input that only reaches per-site ops and
/// to_dense: its sites must be checked for duplicates before the run.
bool inputSitesHashed(const PlanEntry &entry, size_t input);

/// For MergePruned op `merge`: the value of the SPSS map (a submanifold KernelMap with the merge's
/// own mask) over which an ImplicitGemm computed the merge's computed operand, or -1. When that
/// map's input lies on the pass-through's sites (a run-time fact: the caller compares site sets;
/// ShareKernelMaps may have pointed the map at another tensor on them), the computed rows are the
/// mask's important sites in order by construction, and a backend can merge by the mask alone
/// (ComputeBackend::mergeRows); otherwise the CPU's mergePruned checks them site by site.
int maskedRowsMap(const PlanEntry &entry, const PlanOp &merge);

/// The device code for one chip; an ImplicitGemm op's entry point is its `gpuKernel`.
struct GpuImage {
  std::string chip;    // sm_80, sm_90, ...
  std::string section; // artifact section holding the PTX
};

struct Plan {
  std::vector<ParamInfo> params;
  std::vector<ConstParam> constants;
  std::vector<ParamOp> paramOps; // in dependency order
  std::vector<PlanEntry> entries;
  std::string cpuSection; // artifact section holding the CPU kernels' shared object ("" if none)
  /// Host twins of the GPU kernels (sconvc --gpu-emulation; for running the GPU path in a driver
  /// emulator in tests): a shared object like the CPU kernels', "" if none.
  std::string gpuEmulationSection;
  std::vector<GpuImage> gpuImages;

  /// Parses the manifest JSON; throws Error naming the first malformed field.
  static Plan parse(const std::string &manifest);
  /// The manifest JSON of this plan (sections are added by Artifact::writeFile).
  std::string toJson() const;
  const PlanEntry &entry(const std::string &name) const;
  const ParamInfo *param(const std::string &name) const;
};

} // namespace sconv::rt
