// Loading device code: a compiled artifact (or the runtime's own kernels) carries PTX and/or cubin
// per SM; the module picks what fits the GPU it runs on.
//
// Compatibility (NVIDIA's rules): a cubin for sm_XY runs on compute capability X.Z with Z >= Y
// (same major version); PTX for sm_XY is JIT-compiled by the driver for any X.Y or newer GPU.
// Arch-specific targets (sm_90a) run only on exactly that compute capability; family targets
// (sm_100f) on the same major version with a minor at least theirs. Cubins are tried first (no JIT),
// best match first, then PTX from the newest SM not above the device's; a cubin the driver
// rejects (e.g. built by a newer toolkit than the driver) falls through to PTX.
#pragma once
#include "runtime/cuda/GpuContext.h"

#include <string_view>

namespace sconv::rt {

struct Artifact;
struct Plan;

enum class DeviceImageFormat { Ptx, Cubin };

struct DeviceImage {
  std::string chip; // "sm_80", "sm_90a"
  DeviceImageFormat format = DeviceImageFormat::Ptx;
  std::string_view bytes; // must stay valid while the module loads
};

/// A parsed chip name: sm_90a -> {9, 0, 'a'}; sm_100 -> {10, 0, 0}. Throws Error on anything else.
struct GpuChip {
  int major = 0, minor = 0;
  char suffix = 0; // 0, 'a' (arch-specific) or 'f' (family)
  int sm() const { return major * 10 + minor; }
};
GpuChip parseGpuChip(const std::string &chip);

/// Indices of the images that can run on a device of compute capability smMajor.smMinor, in the
/// order to try them (cubins first, best first; then PTX, newest SM first). Pure: no driver needed.
std::vector<size_t> rankDeviceImages(const std::vector<DeviceImage> &images, int smMajor, int smMinor);

/// The PTX ISA version a PTX text declares (".version 8.0" -> 80), or 0 when absent.
int ptxIsaVersion(std::string_view ptx);
/// The oldest driver (cuDriverGetVersion form, 12000 for 12.0) that can JIT a PTX ISA version, or 0
/// when this table does not know it.
int minDriverForPtxIsa(int isa);

/// The GPU images of a compiled artifact: every entry of plan.gpuImages (PTX, or cubin when the
/// section name starts with "cubin."). Throws Error for a section the artifact lacks.
std::vector<DeviceImage> deviceImagesOf(const Artifact &artifact, const Plan &plan);

class GpuModule {
public:
  /// Loads the best-fitting image of `images` on ctx's device. `what` names the code in errors
  /// ("the compiled model", "sconv's kernel-map kernels"). Throws Error when no image can run:
  ///   "the compiled model has PTX/cubin for sm_80, sm_90 but this GPU (NAME) is sm_75 and ..."
  /// or when every fitting image failed to load (each attempt with the driver's error and log).
  GpuModule(GpuContext &ctx, const std::vector<DeviceImage> &images, std::string what);
  ~GpuModule();
  GpuModule(const GpuModule &) = delete;
  GpuModule &operator=(const GpuModule &) = delete;

  /// The kernel `name` (its PTX .entry name). Throws Error naming the kernel and the module.
  cu::CUfunction function(const char *name) const;

  /// The image that was loaded ("sm_90") and how ("cubin", "PTX (JIT)").
  const std::string &loadedChip() const { return loadedChip_; }
  DeviceImageFormat loadedFormat() const { return loadedFormat_; }
  /// What the driver said while loading (JIT info log), possibly empty.
  const std::string &loadLog() const { return log_; }

private:
  GpuContext &ctx_;
  std::string what_;
  cu::CUmodule module_ = nullptr;
  std::string loadedChip_;
  DeviceImageFormat loadedFormat_ = DeviceImageFormat::Ptx;
  std::string log_;
};

} // namespace sconv::rt
