// The warp-wide instructions of the generated tensor-core kernels (codegen/GpuMmaKernel.h), for
// their host twins in the fake driver: `vote.sync.any` and `mma.sync.m16n8k16.row.col` with f16 or
// bf16 operands and f32 accumulators. Each lane deposits its registers, the warp meets at a warp
// barrier (the block's threads are coroutines, KernelEmulator.h), every lane assembles the 16x16 A
// and 16x8 B tiles from the 32 lanes' fragments by the PTX ISA's layouts, and computes its own
// elements of D; a second barrier keeps the deposits until every lane has read them.
//
// The layouts here are written from the PTX ISA's fragment figures, independently of the kernel
// builder's loops: a kernel that loads a fragment element from the wrong row or column gets a
// wrong product here, as it would on the GPU.
#define SCONV_KERNEL_EMULATION 1
#include "runtime/cuda/kernels/DeviceDefs.h"
#include "runtime/LowPrecision.h"
#include "test/unit/KernelEmulator.h"

#include <cstdint>
#include <string>

namespace {

constexpr unsigned kMaxThreads = 1024;

struct LaneRegisters {
  int32_t kind;
  float a[8], b[4];
};
LaneRegisters deposits[kMaxThreads]; // by thread index within the block (one block at a time)
int32_t votes[kMaxThreads];

// Where fragment element e of `lane` lies (PTX ISA, mma.m16n8k16 .f16/.bf16), lane = 4 * group +
// thread-in-group.
unsigned group(unsigned lane) { return lane >> 2; }
unsigned inGroup(unsigned lane) { return lane & 3; }
// A, 16 x 16 row-major: a0..a7 in four .b32 registers {a0,a1} {a2,a3} {a4,a5} {a6,a7}.
unsigned aRow(unsigned lane, unsigned e) { return group(lane) + (e == 2 || e == 3 || e >= 6 ? 8 : 0); }
unsigned aCol(unsigned lane, unsigned e) { return inGroup(lane) * 2 + (e & 1) + (e >= 4 ? 8 : 0); }
// B, 16 x 8 ("col"): b0..b3 in two registers {b0,b1} {b2,b3}.
unsigned bRow(unsigned lane, unsigned e) { return inGroup(lane) * 2 + (e & 1) + (e >= 2 ? 8 : 0); }
unsigned bCol(unsigned lane, unsigned) { return group(lane); }
// C and D, 16 x 8 f32: c0..c3.
unsigned cRow(unsigned lane, unsigned e) { return group(lane) + (e >= 2 ? 8 : 0); }
unsigned cCol(unsigned lane, unsigned e) { return inGroup(lane) * 2 + (e & 1); }

unsigned warpBase() { return sconv::gpu::emu::threadIndex() / 32 * 32; }

bool checkWarpShape(const char *what) {
  if (sconv::gpu::emu::blockSize() % 32 == 0)
    return true;
  sconv::emu::reportError(std::string(what) + " in a block of " +
                          std::to_string(sconv::gpu::emu::blockSize()) +
                          " threads: warp-wide instructions need whole warps");
  return false;
}

} // namespace

#define EMU_API extern "C" __attribute__((visibility("default")))

EMU_API int32_t sconv_emu_warp_any(int32_t pred) {
  if (!checkWarpShape("vote.sync"))
    return 0;
  const unsigned t = sconv::gpu::emu::threadIndex(), w0 = warpBase();
  votes[t] = pred != 0;
  sconv::emu::warpBarrier();
  int32_t any = 0;
  for (unsigned l = 0; l < 32; ++l)
    any |= votes[w0 + l];
  sconv::emu::warpBarrier();
  return any;
}

/// kind 1: f16 operands, 2: bf16; a, b: the lane's fragments as f32 (rounded here, as the
/// kernel's cvt.rn does); c: its accumulators; d: a memref<4xf32> (MLIR's expanded descriptor).
EMU_API void sconv_emu_mma_m16n8k16(int32_t kind, float a0, float a1, float a2, float a3,
                                    float a4, float a5, float a6, float a7, float b0, float b1,
                                    float b2, float b3, float c0, float c1, float c2, float c3,
                                    float *, float *d, int64_t offset, int64_t, int64_t stride) {
  if (!checkWarpShape("mma.sync"))
    return;
  const unsigned t = sconv::gpu::emu::threadIndex(), w0 = warpBase(), lane = t - w0;
  LaneRegisters &mine = deposits[t];
  mine.kind = kind;
  const float a[8] = {a0, a1, a2, a3, a4, a5, a6, a7}, b[4] = {b0, b1, b2, b3};
  for (int e = 0; e < 8; ++e)
    mine.a[e] = sconv::emu::roundToOperandKind(kind, a[e]);
  for (int e = 0; e < 4; ++e)
    mine.b[e] = sconv::emu::roundToOperandKind(kind, b[e]);
  sconv::emu::warpBarrier();

  float A[16][16], B[16][8];
  for (unsigned l = 0; l < 32; ++l) {
    const LaneRegisters &r = deposits[w0 + l];
    if (r.kind != kind)
      sconv::emu::reportError("mma.sync: the lanes of a warp disagree on the operand type");
    for (unsigned e = 0; e < 8; ++e)
      A[aRow(l, e)][aCol(l, e)] = r.a[e];
    for (unsigned e = 0; e < 4; ++e)
      B[bRow(l, e)][bCol(l, e)] = r.b[e];
  }
  const float c[4] = {c0, c1, c2, c3};
  for (unsigned e = 0; e < 4; ++e) {
    // Products of f16/bf16 values are exact in double; the sum is rounded once to f32.
    double sum = c[e];
    for (unsigned k = 0; k < 16; ++k)
      sum += double(A[cRow(lane, e)][k]) * double(B[k][cCol(lane, e)]);
    d[offset + int64_t(e) * stride] = float(sum);
  }
  sconv::emu::warpBarrier();
}
