// The warpgroup-wide and shared-memory operations of the generated wgmma kernels
// (codegen/GpuWgmmaKernel.h), for their host twins in the fake driver: a block-wide vote
// (`bar.red.or`), a block barrier, rounding to f16/bf16 bits, and `wgmma.mma_async.m64nNk16` with
// A in registers and B in shared memory behind a matrix descriptor.
//
// A wgmma is computed when the 128 threads of the warpgroup (the block: the kernels' blocks are one
// warpgroup) have all reached it: each deposits its A fragment and descriptor, the block meets at
// a barrier, and every thread assembles the 64 x 16 A from the four warps' fragments, reads the
// 16 x N B through the descriptor from the twin's shared memory, and computes its own N / 2
// accumulators. The layouts and the descriptor format are written here from the PTX ISA
// ("Register Fragments", "Shared Memory Matrix Layout", "Matrix Descriptor Format"), independently
// of the kernel builder: a kernel that stores B elsewhere than its descriptor says, or loads a
// fragment from the wrong row, gets a wrong product here as on the GPU. Not emulated: swizzled
// layouts and base offsets (the kernels use neither; a descriptor with them fails the launch),
// the asynchrony (the product is taken at the instruction, so a missing wait or proxy fence goes
// unnoticed here).
#define SCONV_KERNEL_EMULATION 1
#include "runtime/cuda/kernels/DeviceDefs.h"
#include "runtime/LowPrecision.h"
#include "test/unit/KernelEmulator.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>

namespace {

constexpr unsigned kMaxThreads = 1024, kWarpgroup = 128;

int32_t votes[kMaxThreads];

struct WarpgroupDeposit {
  int32_t kind, n;
  float a[8];
  uint64_t desc;
};
WarpgroupDeposit deposits[kMaxThreads];

/// The 16 bits of x (already representable in the type).
uint16_t bitsOf(int32_t kind, float x) {
  uint32_t u;
  std::memcpy(&u, &x, 4);
  if (kind == 2)
    return uint16_t(u >> 16);
  const uint16_t sign = uint16_t((u >> 16) & 0x8000);
  const float a = std::fabs(x);
  if (std::isnan(a))
    return 0x7e00;
  if (std::isinf(a))
    return sign | 0x7c00;
  if (a < std::ldexp(1.0f, -14)) // subnormal: a multiple of 2^-24
    return sign | uint16_t(std::ldexp(a, 24));
  int e;
  const float m = std::frexp(a, &e); // a = m 2^e, m in [0.5, 1)
  return sign | uint16_t((e - 1 + 15) << 10) | uint16_t(std::ldexp(m * 2 - 1, 10));
}

float valueOf(int32_t kind, uint16_t bits) {
  return kind == 2 ? sconv::rt::bf16ToFloat(bits) : sconv::rt::halfToFloat(bits);
}

bool checkWarpgroupShape() {
  if (sconv::gpu::emu::blockSize() == kWarpgroup)
    return true;
  sconv::emu::reportError("wgmma in a block of " + std::to_string(sconv::gpu::emu::blockSize()) +
                          " threads: the kernels' blocks are one warpgroup of 128");
  return false;
}

} // namespace

#define EMU_API extern "C" __attribute__((visibility("default")))

EMU_API int32_t sconv_emu_block_any(int32_t pred) {
  const unsigned t = sconv::gpu::emu::threadIndex(), n = sconv::gpu::emu::blockSize();
  votes[t] = pred != 0;
  sconv::gpu::emu::barrier();
  int32_t any = 0;
  for (unsigned i = 0; i < n; ++i)
    any |= votes[i];
  sconv::gpu::emu::barrier(); // the votes stay until every thread has read them
  return any;
}

EMU_API void sconv_emu_block_barrier() { sconv::gpu::emu::barrier(); }

EMU_API int16_t sconv_emu_half_bits(int32_t kind, float x) {
  return int16_t(bitsOf(kind, sconv::emu::roundToOperandKind(kind, x)));
}

/// kind 1: f16, 2: bf16; n: the wgmma's N; a: the lane's A fragment as f32 (rounded here, as the
/// kernel's cvt.rn does); smem: the block's shared memory (16-bit elements; descriptor addresses
/// are byte offsets into it); desc: B's descriptor; acc: the lane's n / 2 accumulators, updated.
EMU_API void sconv_emu_wgmma_m64k16(int32_t kind, int32_t n, float a0, float a1, float a2,
                                    float a3, float a4, float a5, float a6, float a7, int16_t *,
                                    int16_t *smem, int64_t smemOffset, int64_t smemSize,
                                    int64_t smemStride, int64_t desc, float *, float *acc,
                                    int64_t accOffset, int64_t accSize, int64_t accStride) {
  if (!checkWarpgroupShape())
    return;
  const unsigned t = sconv::gpu::emu::threadIndex();
  WarpgroupDeposit &mine = deposits[t];
  mine.kind = kind;
  mine.n = n;
  const float a[8] = {a0, a1, a2, a3, a4, a5, a6, a7};
  for (int e = 0; e < 8; ++e)
    mine.a[e] = sconv::emu::roundToOperandKind(kind, a[e]);
  mine.desc = uint64_t(desc);
  sconv::gpu::emu::barrier();

  for (unsigned i = 0; i < kWarpgroup; ++i)
    if (deposits[i].kind != kind || deposits[i].n != n || deposits[i].desc != uint64_t(desc))
      sconv::emu::reportError("wgmma: the threads of the warpgroup disagree on the instruction "
                              "or the B descriptor");
  if (n < 8 || n > 256 || n % 8 || accSize < n / 2 || smemStride != 1)
    sconv::emu::reportError("wgmma: N = " + std::to_string(n) + " with " +
                            std::to_string(accSize) + " accumulators");
  // Matrix descriptor: start address, leading and stride dimension byte offsets (each >> 4, 14
  // bits), base offset (bits 49-51), swizzle mode (bits 62-63).
  const uint64_t d = uint64_t(desc);
  const int64_t start = int64_t(d & 0x3fff) << 4, lbo = int64_t((d >> 16) & 0x3fff) << 4,
                sbo = int64_t((d >> 32) & 0x3fff) << 4;
  if ((d >> 62) != 0 || ((d >> 49) & 7) != 0)
    sconv::emu::reportError("wgmma: swizzled layouts and base offsets are not emulated");
  // K-major B without swizzle: 8 x 8 core matrices of 8 rows of 16 bytes; adjacent ones along K
  // are `lbo` apart, along N `sbo` apart.
  float B[16][256];
  for (int k = 0; k < 16; ++k)
    for (int c = 0; c < n; ++c) {
      const int64_t byte = start + (c / 8) * sbo + (k / 8) * lbo + (c % 8) * 16 + (k % 8) * 2;
      if (byte < 0 || byte / 2 >= smemSize) {
        sconv::emu::reportError("wgmma: B element (" + std::to_string(k) + ", " +
                                std::to_string(c) + ") at byte " + std::to_string(byte) +
                                " lies outside the shared memory");
        B[k][c] = 0;
        continue;
      }
      B[k][c] = valueOf(kind, uint16_t(smem[smemOffset + byte / 2]));
    }
  // A, 64 x 16: warp w holds rows 16w..16w+15 in the m16n8k16 A layout (lane = 4g + q: a[e] at
  // row g + 8 ((e / 2) % 2), column 2q + e % 2 + 8 (e / 4)).
  float A[64][16];
  for (unsigned i = 0; i < kWarpgroup; ++i) {
    const unsigned w = i / 32, g = (i % 32) / 4, q = i % 4;
    for (unsigned e = 0; e < 8; ++e)
      A[16 * w + g + 8 * ((e / 2) % 2)][2 * q + e % 2 + 8 * (e / 4)] = deposits[i].a[e];
  }
  // D: this thread's accumulator v at row 16w + g + 8 ((v / 2) % 2), column 8 (v / 4) + 2q + v % 2.
  const unsigned w = t / 32, g = (t % 32) / 4, q = t % 4;
  for (int v = 0; v < n / 2; ++v) {
    const unsigned row = 16 * w + g + 8 * ((v / 2) % 2), col = 8 * (v / 4) + 2 * q + v % 2;
    // Products of f16/bf16 values are exact in double; the sum is rounded once to f32.
    double sum = acc[accOffset + v * accStride];
    for (int k = 0; k < 16; ++k)
      sum += double(A[row][k]) * double(B[k][col]);
    acc[accOffset + v * accStride] = float(sum);
  }
  sconv::gpu::emu::barrier();
}
