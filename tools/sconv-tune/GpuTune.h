// sconv-tune --device gpu: the GPU tile search (codegen/KernelConfig.h, GpuTile) on GPU 0.
#pragma once
#include "tools/sconv-tune/TuneCommon.h"

#include "runtime/Artifact.h"
#include "runtime/cuda/GpuContext.h"

#include <functional>

namespace sconv::tune {

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
};

/// The search on a given GPU context.
void tuneGpu(rt::GpuContext &ctx, const Groups &groups, const GpuTuneOptions &options,
             TuningDatabase &db);

/// Compiles every candidate GPU tile of every class in `groups` for GPU 0's chip, checks each
/// against float64 on a real map, times it with device events over all the signature's maps
/// (median of `repeat`), prints progress and the table, and records the best per signature in
/// `db` under the GPU's device key (chip, name, driver version). Throws Error when there is no
/// usable GPU.
void tuneGpu(const Groups &groups, const GpuTuneOptions &options, TuningDatabase &db);

} // namespace sconv::tune
