// Device-side helpers shared by the kernel-map kernels (KernelMaps.cu, MaskedMaps.cu, Pruning.cu):
// division, the packed site key and hash of CoordHash, hash lookup, flat output sites, and the
// clamped submanifold offsets. Each restates a CPU definition exactly (named at each helper), since
// the GPU maps must equal the CPU's bit for bit.
#pragma once
#include "runtime/cuda/kernels/KernelMapAbi.h"

namespace sconv::gpu {

/// q = a / b, r = a % b for non-negative values, in 32 bits when both fit (64-bit division is a
/// long instruction sequence on the GPU).
SCONV_DEVICE void divMod(i64 a, i64 b, i64 &q, i64 &r) {
  if (((a | b) >> 32) == 0) {
    const u32 q32 = u32(a) / u32(b);
    q = i64(q32);
    r = i64(u32(a) - q32 * u32(b));
  } else {
    q = a / b;
    r = a - q * b;
  }
}

/// The packed site key of CoordHash::key: batch << 48 | z << 32 | y << 16 | x.
SCONV_DEVICE u64 siteKey(int b, int z, int y, int x) {
  return (u64(u32(b)) << 48) | (u64(u32(z)) << 32) | (u64(u32(y)) << 16) | u64(u32(x));
}

/// MurmurHash3's fmix64, as CoordHash::hash.
SCONV_DEVICE u64 mixHash(u64 k) {
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdULL;
  k ^= k >> 33;
  k *= 0xc4ceb9fe1a85ec53ULL;
  k ^= k >> 33;
  return k;
}

/// Whether site (b, z, y, x) lies in batch x inShape (CoordHash's range check).
SCONV_DEVICE bool insideInput(const KmapGeom &g, int b, int z, int y, int x) {
  return u32(b) < u32(g.batch) && u32(z) < u32(g.inShape[0]) && u32(y) < u32(g.inShape[1]) &&
         u32(x) < u32(g.inShape[2]);
}

/// CoordHash::lookup: the row of a site, -1 when absent or outside batch x shape (checked before
/// hashing, so neighbours past the border are safe to probe).
SCONV_DEVICE int hashLookup(const u64 *keys, const int *vals, u64 mask, const KmapGeom &g, int b,
                            int z, int y, int x) {
  if (!insideInput(g, b, z, y, x))
    return -1;
  const u64 k = siteKey(b, z, y, x);
  for (u64 slot = mixHash(k) & mask;; slot = (slot + 1) & mask) {
    const u64 s = keys[slot];
    if (s == k)
      return vals[slot];
    if (s == kEmptyKey)
      return -1;
  }
}

/// The flat index of an output site in the batch x outShape grid (sorts as (b, z, y, x)).
SCONV_DEVICE u64 flatSite(const KmapGeom &g, int b, int z, int y, int x) {
  return ((u64(b) * u64(g.outShape[0]) + u64(z)) * u64(g.outShape[1]) + u64(y)) *
             u64(g.outShape[2]) +
         u64(x);
}

SCONV_DEVICE void writeSite(const KmapGeom &g, u64 f, int *c) {
  const u64 W = u64(g.outShape[2]), H = u64(g.outShape[1]), D = u64(g.outShape[0]);
  c[3] = int(f % W);
  f /= W;
  c[2] = int(f % H);
  f /= H;
  c[1] = int(f % D);
  c[0] = int(f / D);
}

/// kernelOffset(k) * dilation of a submanifold kernel, clamped to +-2^16 per axis like the CPU's
/// submanifoldDeltas (a larger offset always leaves the grid).
SCONV_DEVICE void submanifoldDelta(const KmapGeom &g, int k, int (&d)[3]) {
  const int px = k % g.kernel[2];
  const int py = (k / g.kernel[2]) % g.kernel[1];
  const int pz = k / (g.kernel[2] * g.kernel[1]);
  const i64 raw[3] = {i64(pz - g.kernel[0] / 2) * g.dilation[0],
                      i64(py - g.kernel[1] / 2) * g.dilation[1],
                      i64(px - g.kernel[2] / 2) * g.dilation[2]};
#pragma unroll
  for (int a = 0; a < 3; ++a)
    d[a] = int(raw[a] < -65536 ? -65536 : raw[a] > 65536 ? 65536 : raw[a]);
}

} // namespace sconv::gpu
