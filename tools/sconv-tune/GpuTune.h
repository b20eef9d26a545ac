// sconv-tune --device gpu: the GPU tile search (codegen/KernelConfig.h, GpuTile) and the SW-LK form
// search on GPU 0.
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
  /// The SW-LK form search keeps the partition form unless plain is faster by this fraction.
  double minGain = 0.02;
};

/// The database key of a GPU: chip, name, driver and toolkit versions.
DeviceKey gpuDeviceKey(const rt::GpuDeviceInfo &device);

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
void tuneGpuSwLkForms(rt::GpuContext &ctx, const SwLkGroups &swLk, const GpuTuneOptions &options,
                      TuningDatabase &db, rt::ThreadPool &pool);

} // namespace sconv::tune
