// sconv-tune --device gpu: the GPU tile search (codegen/KernelConfig.h, GpuTile) and the SW-LK form
// search on GPU 0. Either compiled and timed in one go (sconvc beside the GPU), or in two phases:
// `--prepare` compiles every candidate for a chip where the compiler is, and `--prepared` times
// them where the GPU is (a deployment machine has the runtime, not LLVM/MLIR; docs/gpu.md, "GPU tuning").
#pragma once
#include "tools/sconv-tune/TuneCommon.h"

#include "runtime/Artifact.h"
#include "runtime/cuda/GpuContext.h"

#include <functional>
#include <optional>

namespace sconv::tune {

/// Whether code compiled for `target` runs as compiled on a GPU of chip `gpuChip`: the same chip,
/// or sm_90a (the architecture-specific features, wgmma) on exactly the sm_90 chips.
inline bool targetRunsOn(const std::string &target, const std::string &gpuChip) {
  return target == gpuChip || target == gpuChip + "a";
}

/// What `sconv-tune --prepare` compiled into its directory, read back by the timing phase: the
/// chip, precision and toolkit the candidates were compiled for, and which candidate each entry of
/// its artifacts is.
struct PreparedGpuTune {
  std::string dir, chip, precision, toolkit;
  /// Entry t<i> of gpu-candidates.sconv is candidate `candidates[i]` (candidateKey).
  std::vector<std::string> candidates;
  /// Entry lk<i> of gpu-form-{partition,plain}.sconv is the SW-LK class of signature `forms[i]`.
  std::vector<std::string> forms;
  /// "default" when the forms were compiled without a tuning database (their GEMMs then use the
  /// default tiles), else the database's file name.
  std::string formTiles;

  static constexpr const char *kIndex = "prepared.json";
  static constexpr const char *kModel = "model.sconv";      // the model, for the CPU (collect)
  static constexpr const char *kCandidates = "gpu-candidates.sconv";
  /// Both forms of the SW-LK classes: partition sums + group GEMM, and the plain k^3 GEMM.
  static constexpr const char *kFormModels[2] = {"gpu-form-partition.sconv",
                                                 "gpu-form-plain.sconv"};
  /// Reads `dir`/prepared.json; throws Error naming the file and what is wrong with it.
  static PreparedGpuTune load(const std::string &dir);
  void save() const;
  /// Throws Error unless the candidates were compiled for this chip and precision: kernels of
  /// another chip would load (PTX JIT, or an older cubin) but time other code than sconvc makes.
  void checkFor(const std::string &chip, const std::string &precision) const;
  std::string path(const char *file) const { return dir + "/" + file; }
};

struct GpuTuneOptions {
  std::string sconvc, workDir;
  int repeat = 5, warmup = 1;
  /// "f32" (SIMT tiles) or "f16" / "bf16" (tensor-core warp tiles, compiled with
  /// --gpu-precision; recorded as the signature's precision).
  std::string precision = "f32";
  /// For tests with an emulated driver: extra sconvc arguments (--gpu-emulation), and a call made
  /// with the compiled candidates before any of them is loaded.
  std::vector<std::string> extraSconvcArgs;
  std::function<void(const rt::Artifact &)> onCandidates;
  /// The SW-LK form search keeps the partition form unless plain is faster by this fraction.
  double minGain = 0.02;
  /// Set: the candidates were compiled by `sconv-tune --prepare` into this directory; nothing is
  /// compiled (sconvc is not needed).
  std::optional<PreparedGpuTune> prepared;
  /// A direct search's target (empty: GPU 0's chip). "sm_90a" on an sm_90 GPU adds the wgmma
  /// tiles; the results are recorded for it.
  std::string chip;
};

/// The key of candidate tile `t` of class (K, C_in, C_out): how the timing phase finds the entry
/// `--prepare` compiled for it ("27x16x32 t8x16x2").
std::string candidateKey(int64_t volume, int64_t cin, int64_t cout, const GpuTile &t);

/// sconv-tune --prepare: compiles for `chip` (no GPU needed) every candidate GPU tile of every
/// class in `groups` and both forms of every SW-LK class in `swLk` into `prepared.dir`, and writes
/// its index (the directory must already hold the model, PreparedGpuTune::kModel). The forms'
/// GEMMs use the tiles `tuningDb` holds for the chip (empty: the default tiles).
void prepareGpuTune(const Groups &groups, const SwLkGroups &swLk, PreparedGpuTune &prepared,
                    const GpuTuneOptions &options, const std::string &tuningDb);

/// The database key of a GPU: chip, name, driver and toolkit versions (`toolkit`: the CUDA
/// release whose ptxas assembled the timed kernels; by default this build's).
DeviceKey gpuDeviceKey(const rt::GpuDeviceInfo &device, const std::string &toolkit = "");

/// The chip a search compiles for and records under: the prepared one, options.chip, or GPU 0's;
/// an error when it cannot run on GPU 0.
std::string tunedChip(const rt::GpuDeviceInfo &device, const GpuTuneOptions &options);

/// The key the searches record under: the GPU's, with the toolkit that compiled the candidates
/// (the preparing machine's for prepared ones, else this build's); prepared candidates are keyed
/// by the chip they were compiled for (sm_90a: what sconvc --target sm_90a looks up).
DeviceKey gpuDeviceKey(const rt::GpuDeviceInfo &device, const GpuTuneOptions &options);

/// The search on a given GPU context.
void tuneGpu(rt::GpuContext &ctx, const Groups &groups, const GpuTuneOptions &options,
             TuningDatabase &db);

/// Compiles every candidate GPU tile of every class in `groups` for GPU 0's chip, checks each
/// against float64 on a real map, times it with device events over all the signature's maps
/// (median of `repeat`), prints progress and the table, and records the best per signature in
/// `db` under the GPU's device key (chip, name, driver version). Throws Error when there is no
/// usable GPU.
void tuneGpu(const Groups &groups, const GpuTuneOptions &options, TuningDatabase &db);

/// The SW-LK form search on the GPU (GpuFormTune.cpp), after tuneGpu has put this GPU's tiles in
/// `db`: per SW-LK class, both forms compiled as a one-conv model with those tiles, checked
/// against each other, timed through the runtime's GPU backend on the class's convs (their own
/// inputs; the shared k^3 map left out; median of `repeat`), and the form recorded under the GPU's
/// key at the options' precision, where `sconvc --tuning-db` for that chip finds it.
/// Compiles both forms of every SW-LK class in `swLk` for `chip` into `dir`
/// (gpu-form-{partition,plain}.sconv, entry lk<i> for the i-th class), their GEMMs with the tiles
/// `tuningDb` holds for the chip (empty: the defaults).
void compileSwLkForms(const SwLkGroups &swLk, const std::string &chip,
                      const GpuTuneOptions &options, const std::string &tuningDb,
                      const std::string &dir);

void tuneGpuSwLkForms(rt::GpuContext &ctx, const SwLkGroups &swLk, const GpuTuneOptions &options,
                      TuningDatabase &db, rt::ThreadPool &pool);

} // namespace sconv::tune
