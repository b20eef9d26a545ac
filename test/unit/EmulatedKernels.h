// The runtime's kernels compiled for the host emulator, by entry name (for the fake driver).
#pragma once
#include <cstddef>

namespace sconv::emu {

struct EmulatedKernel {
  const char *name;             // the PTX .entry name
  void (*threadBody)(void *);   // runs one thread; the argument is cuLaunchKernel's void **params
  unsigned numParams;
  unsigned paramSizes[16];      // bytes of each parameter, for copying them at graph capture
};

extern const EmulatedKernel kEmulatedKernels[];
extern const size_t kNumEmulatedKernels;

} // namespace sconv::emu
