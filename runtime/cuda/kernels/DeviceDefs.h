// The portability layer of the runtime's CUDA C++ device code. The same sources compile three ways:
//
//  - device: clang -x cuda --cuda-device-only -nocudainc -nocudalib (LLVM's NVPTX backend). No CUDA
//    headers are used, only clang builtins and a little inline PTX, so the build needs clang alone.
//  - host emulation (SCONV_KERNEL_EMULATION defined): plain C++ run by a test emulator that executes
//    each block's threads as coroutines with real barriers (test/unit/KernelEmulator.*). It must
//    define the hooks declared below.
//  - host declarations (neither): the runtime includes the ABI header for the kernels' signatures.
//
// Device code restricts itself to what all three support: per-block shared memory (SCONV_SHARED),
// block barriers (syncBlock), the atomics below, and 1-D grids and blocks.
#pragma once

#if defined(__CUDA__) && defined(__CUDA_ARCH__)
#define SCONV_DEVICE_CODE 1
#endif

#if defined(SCONV_DEVICE_CODE)
#define SCONV_KERNEL extern "C" __attribute__((global))
#define SCONV_DEVICE static __attribute__((device)) inline
#define SCONV_SHARED __attribute__((shared))
#else
#define SCONV_KERNEL extern "C"
#define SCONV_DEVICE static inline
// The emulator runs one block at a time, so function-local statics are exactly per-block memory.
#define SCONV_SHARED static
#endif

namespace sconv::gpu {

typedef unsigned long long u64;
typedef long long i64;
typedef unsigned int u32;

/// A kernel's row count: known on the host (count == null: cap rows), or, in a captured frame
/// (runtime/cuda/GpuFrameGraph.h), read on the device when the kernel runs: *count rows, of
/// buffers sized for cap (a count above cap is an overflow the host detects afterwards; the
/// kernel stays inside cap). Launch grids are sized by cap either way.
struct Rows {
  i64 cap;
  const i64 *count;
};

#if defined(SCONV_KERNEL_EMULATION)
namespace emu {
// Provided by the emulator: the calling thread's indices, and the block barrier.
unsigned threadIndex();
unsigned blockIndex();
unsigned blockSize();
unsigned gridSize();
void barrier();
} // namespace emu
#endif

#if defined(SCONV_DEVICE_CODE) || defined(SCONV_KERNEL_EMULATION)

#if defined(SCONV_DEVICE_CODE)
SCONV_DEVICE u32 threadX() { return __nvvm_read_ptx_sreg_tid_x(); }
SCONV_DEVICE u32 blockX() { return __nvvm_read_ptx_sreg_ctaid_x(); }
SCONV_DEVICE u32 blockDimX() { return __nvvm_read_ptx_sreg_ntid_x(); }
SCONV_DEVICE u32 gridDimX() { return __nvvm_read_ptx_sreg_nctaid_x(); }
SCONV_DEVICE void syncBlock() { __syncthreads(); }

/// Relaxed, device-scope compare-and-swap; returns the old value. (clang's generic CAS builtins
/// give sequentially consistent, system-scope atomics with a full fence: far more than needed.)
SCONV_DEVICE u64 atomicCas(u64 *p, u64 expected, u64 desired) {
  u64 old;
  asm volatile("atom.relaxed.gpu.cas.b64 %0, [%1], %2, %3;"
               : "=l"(old)
               : "l"(p), "l"(expected), "l"(desired)
               : "memory");
  return old;
}
SCONV_DEVICE void atomicOr(u64 *p, u64 v) {
  __scoped_atomic_fetch_or(p, v, __ATOMIC_RELAXED, __MEMORY_SCOPE_DEVICE);
}
SCONV_DEVICE u64 loadRelaxed(const u64 *p) {
  return __scoped_atomic_load_n(p, __ATOMIC_RELAXED, __MEMORY_SCOPE_DEVICE);
}
SCONV_DEVICE void atomicMin(int *p, int v) {
  __scoped_atomic_fetch_min(p, v, __ATOMIC_RELAXED, __MEMORY_SCOPE_DEVICE);
}
/// For counters in shared memory.
SCONV_DEVICE void atomicAddBlock(u32 *p, u32 v) {
  __scoped_atomic_fetch_add(p, v, __ATOMIC_RELAXED, __MEMORY_SCOPE_WRKGRP);
}
/// For counters in global memory (integer sums: the same total in any order).
SCONV_DEVICE void atomicAdd(u64 *p, u64 v) {
  __scoped_atomic_fetch_add(p, v, __ATOMIC_RELAXED, __MEMORY_SCOPE_DEVICE);
}
#else
SCONV_DEVICE u32 threadX() { return emu::threadIndex(); }
SCONV_DEVICE u32 blockX() { return emu::blockIndex(); }
SCONV_DEVICE u32 blockDimX() { return emu::blockSize(); }
SCONV_DEVICE u32 gridDimX() { return emu::gridSize(); }
SCONV_DEVICE void syncBlock() { emu::barrier(); }
SCONV_DEVICE u64 atomicCas(u64 *p, u64 expected, u64 desired) {
  __atomic_compare_exchange_n(p, &expected, desired, false, __ATOMIC_RELAXED, __ATOMIC_RELAXED);
  return expected; // the old value whether or not the swap happened
}
SCONV_DEVICE void atomicOr(u64 *p, u64 v) { __atomic_fetch_or(p, v, __ATOMIC_RELAXED); }
SCONV_DEVICE u64 loadRelaxed(const u64 *p) { return __atomic_load_n(p, __ATOMIC_RELAXED); }
SCONV_DEVICE void atomicMin(int *p, int v) {
  int cur = __atomic_load_n(p, __ATOMIC_RELAXED);
  while (v < cur && !__atomic_compare_exchange_n(p, &cur, v, false, __ATOMIC_RELAXED,
                                                 __ATOMIC_RELAXED)) {
  }
}
SCONV_DEVICE void atomicAddBlock(u32 *p, u32 v) { __atomic_fetch_add(p, v, __ATOMIC_RELAXED); }
SCONV_DEVICE void atomicAdd(u64 *p, u64 v) { __atomic_fetch_add(p, v, __ATOMIC_RELAXED); }
#endif

/// fp32 add and multiply rounded each on its own: the compiler may not fuse them into an FMA (clang
/// contracts a * b + c in CUDA code by default), so results match the CPU's separate roundings.
#if defined(SCONV_DEVICE_CODE)
SCONV_DEVICE float addRn(float a, float b) { return __nvvm_add_rn_f(a, b); }
SCONV_DEVICE float mulRn(float a, float b) { return __nvvm_mul_rn_f(a, b); }
#else
SCONV_DEVICE float addRn(float a, float b) { return a + b; }
SCONV_DEVICE float mulRn(float a, float b) { return a * b; }
#endif

SCONV_DEVICE int popcount64(u64 v) { return __builtin_popcountll(v); }
SCONV_DEVICE int ctz64(u64 v) { return __builtin_ctzll(v); }

/// The rows a kernel works on: see Rows.
SCONV_DEVICE i64 liveRows(Rows r) {
  if (!r.count)
    return r.cap;
  const i64 n = *r.count;
  return n < r.cap ? n : r.cap;
}

/// First index and step of a grid-stride loop over a 1-D launch.
SCONV_DEVICE i64 gridStart() { return i64(blockX()) * i64(blockDimX()) + i64(threadX()); }
SCONV_DEVICE i64 gridStep() { return i64(blockDimX()) * i64(gridDimX()); }

#endif // SCONV_DEVICE_CODE || SCONV_KERNEL_EMULATION

} // namespace sconv::gpu
