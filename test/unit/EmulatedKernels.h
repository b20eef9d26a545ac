// The runtime's kernels compiled for the host emulator, by entry name (for the fake driver).
#pragma once
#include <cstddef>

namespace sconv::emu {

struct EmulatedKernel {
  const char *name;             // the PTX .entry name
  void (*threadBody)(void *);   // runs one thread; the argument is cuLaunchKernel's void **params
  unsigned numParams;
  unsigned paramSizes[64];      // bytes of each parameter, for copying them at graph capture
  /// A host twin of a generated kernel (sconvc --gpu-emulation) instead of threadBody: runs one
  /// thread as twinCall(twin, params, block, thread). Twins without warp-wide instructions run
  /// their threads one after another without coroutines (still in a shuffled order); `warpWide`
  /// twins (tensor-core kernels, whose mma and vote meet the warp's other lanes in
  /// EmulatedWarpOps.cpp) run every thread as a coroutine, like the runtime's kernels.
  void (*twinCall)(void *twin, void **params, unsigned long long block,
                   unsigned long long thread) = nullptr;
  void *twin = nullptr;
  unsigned requiredBlock = 0; // the kernel's known block size (PTX .reqntid); 0: any
  bool warpWide = false;
};

extern const EmulatedKernel kEmulatedKernels[];
extern const size_t kNumEmulatedKernels;

} // namespace sconv::emu
