// Runs the runtime's CUDA C++ kernels on the host, for tests on machines without a GPU.
//
// The kernel sources are compiled as plain C++ (SCONV_KERNEL_EMULATION, see
// runtime/cuda/kernels/DeviceDefs.h). A launch runs its blocks one after another; within a block
// every thread is a coroutine (ucontext) with its own stack, and a block barrier suspends the thread
// until every live thread of its block has arrived. Block order and the order in which threads run
// between barriers are shuffled from a seed, so a result that depends on scheduling differs between
// seeds. What this cannot show: data races between threads that run concurrently on a GPU (here
// one thread runs at a time), the GPU memory model, or anything about the PTX itself.
#pragma once
#include "runtime/LowPrecision.h"

#include <cstdint>
#include <string>

namespace sconv::emu {

/// Warp-level synchronisation for the warp-wide instructions of generated kernels' twins
/// (EmulatedWarpOps.cpp): suspends the calling thread until all 32 threads of its warp (thread
/// index / 32) have arrived. A thread of the warp that exits or waits at a block barrier instead
/// makes the launch fail, as such code would be undefined on a GPU.
void warpBarrier();
/// Makes the current launch fail with `why` (the first report wins); the thread carries on.
void reportError(const std::string &why);
/// The tensor-core hooks' operand kind (1: f16, 2: bf16): x rounded to it, as the GPU's cvt.rn.
inline float roundToOperandKind(int32_t kind, float x) {
  return kind == 2 ? sconv::rt::roundToBf16(x) : sconv::rt::roundToF16(x);
}

/// Runs one 1-D launch. threadBody runs once per thread with the indices of that thread visible
/// through sconv::gpu::emu::threadIndex() etc. Returns an empty string, or what went wrong (a
/// thread that exited while others waited at a barrier, or an exception from the body).
std::string runGrid(void (*threadBody)(void *), void *arg, unsigned gridSize, unsigned blockSize,
                    uint64_t seed);

} // namespace sconv::emu
