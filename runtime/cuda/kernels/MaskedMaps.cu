// The masked kernel maps of SPS-Conv (SPSS restricted submanifold rows, SPRS pruned output sites)
// and the transposed maps of inverse convs, on the device. Like KernelMaps.cu, every output slot
// has one writer and rows come from a scan, so nothing depends on scheduling; the host side is
// runtime/cuda/GpuKernelMap.cpp, and the CPU definitions these equal are in
// runtime/MapTransforms.cpp.
#include "runtime/cuda/kernels/KernelMapDevice.h"

namespace sconv::gpu {

SCONV_KERNEL void sconv_kmap_mask_flags(const float *important, Rows n, u64 *flags) {
  const i64 live = liveRows(n);
  for (i64 r = gridStart(); r < n.cap; r += gridStep())
    flags[r] = r < live && important[r] != 0.0f ? 1 : 0;
}

SCONV_KERNEL void sconv_kmap_merge_sources(const u64 *flags, const u64 *rank, i64 n,
                                           i64 computedCap, int *source) {
  for (i64 r = gridStart(); r < n; r += gridStep())
    source[r] = flags[r] && i64(rank[r]) < computedCap ? int(rank[r]) : -1;
}

SCONV_KERNEL void sconv_kmap_sprs_keep(const int *nbr, i64 numOut, int K, int centre,
                                       const float *important, u64 *keep) {
  for (i64 o = gridStart(); o < numOut; o += gridStep()) {
    const int *row = nbr + o * K;
    bool k = row[centre] >= 0; // pruned or important: either way the row stays
    for (int j = 0; j < K && !k; ++j)
      k = row[j] >= 0 && important[row[j]] != 0.0f;
    keep[o] = k ? 1 : 0;
  }
}

SCONV_KERNEL void sconv_kmap_sprs_mark(const int *coords, Rows n, KmapGeom g,
                                       const float *important, int centre, u64 *bits) {
  const i64 live = liveRows(n);
  for (i64 i = gridStart(); i < live; i += gridStep()) {
    const bool all = important[i] != 0.0f;
    forEachCandidate(coords + 4 * i, g, [&](u64 site, i64 k) {
      if (all || k == centre)
        markSite(bits, site);
    });
  }
}

SCONV_KERNEL void sconv_kmap_compact_rows(const u64 *keep, const u64 *rank, i64 n, int K,
                                          const int *coords, const int *nbr, int *outCoords,
                                          int *outNbr, int *outRows, i64 outCap) {
  for (i64 r = gridStart(); r < n; r += gridStep()) {
    const i64 dst = i64(rank[r]);
    if (!keep[r] || dst >= outCap)
      continue;
#pragma unroll
    for (int a = 0; a < 4; ++a)
      outCoords[4 * dst + a] = coords[4 * r + a];
    if (nbr)
      for (int k = 0; k < K; ++k)
        outNbr[dst * K + k] = nbr[r * K + k];
    if (outRows)
      outRows[dst] = int(r);
  }
}

SCONV_KERNEL void sconv_kmap_restricted_subm(const int *coords, const int *rows, Rows numOut,
                                             KmapGeom g, const u64 *keys, const int *vals,
                                             u64 mask, int *nbr) {
  const i64 K = g.volume, centre = K / 2, live = liveRows(numOut);
  const i64 total = numOut.cap * K;
  for (i64 idx = gridStart(); idx < total; idx += gridStep()) {
    i64 o, k;
    divMod(idx, K, o, k);
    if (o >= live) {
      nbr[idx] = -1;
      continue;
    }
    const int src = rows[o];
    if (k == centre) {
      nbr[idx] = src;
      continue;
    }
    int d[3];
    submanifoldDelta(g, int(k), d);
    const int *c = coords + 4 * i64(src);
    nbr[idx] = hashLookup(keys, vals, mask, g, c[0], c[1] + d[0], c[2] + d[1], c[3] + d[2]);
  }
}

SCONV_KERNEL void sconv_kmap_transpose(const int *fwd, i64 numOut, int K, i64 numIn, int *t,
                                       int *bad) {
  const i64 total = numOut * K;
  for (i64 idx = gridStart(); idx < total; idx += gridStep()) {
    const int i = fwd[idx];
    if (i == -1)
      continue;
    if (i < -1 || i64(i) >= numIn) {
      *bad = 1;
      continue;
    }
    i64 o, k;
    divMod(idx, K, o, k);
    t[i64(i) * K + k] = int(o);
  }
}

SCONV_KERNEL void sconv_kmap_transpose_check(const int *fwd, i64 numOut, int K, i64 numIn,
                                             const int *t, int *bad) {
  const i64 total = numOut * K;
  for (i64 idx = gridStart(); idx < total; idx += gridStep()) {
    const int i = fwd[idx];
    if (i < 0 || i64(i) >= numIn)
      continue;
    i64 o, k;
    divMod(idx, K, o, k);
    if (t[i64(i) * K + k] != int(o))
      *bad = 1;
  }
}

} // namespace sconv::gpu
