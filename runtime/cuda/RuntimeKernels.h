// The runtime's own device code (kernels/RuntimeKernels.cu: kernel maps and per-site tensor ops),
// compiled by clang to PTX per target when sconv is built (cubins too when ptxas was found) and
// embedded in the library. One module per GpuContext serves every kernel of it.
#pragma once
#include "runtime/cuda/GpuModule.h"

#include <string>
#include <vector>

namespace sconv::rt {

/// The embedded device code, one entry per target and format. Empty when the build had no clang
/// to compile it.
std::vector<DeviceImage> runtimeDeviceImages();
/// Every kernel entry of it: the kernel maps' (KernelMapAbi.h) then the tensor ops'
/// (TensorOpsAbi.h).
std::vector<std::string> runtimeKernelNames();

/// The loaded module, one per context (GpuContext::attachment<RuntimeKernels>()).
class RuntimeKernels {
public:
  /// Throws Error when this build has no device code (naming why) or none loads on the GPU.
  explicit RuntimeKernels(GpuContext &ctx);
  cu::CUfunction function(const char *name) const { return module_.function(name); }

private:
  GpuModule module_;
};

} // namespace sconv::rt
