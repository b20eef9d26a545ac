// Kernel maps on the GPU: coordinate hash table, submanifold maps (by symmetry), regular-conv output
// sites (bitmap or sort/unique) and map fill. The results equal the CPU runtime's bit for bit
// (runtime/KernelMap.cpp, RegularKernelMap.cpp, CoordHash.h): the same nbr[o][k] table with -1 for
// absent, the same flat kernel order, output sites sorted by (b, z, y, x). No result depends on
// thread scheduling: every output slot has exactly one writer, and output rows come from a sort or
// a bitmap rank, never from the order in which atomics happen to land.
//
// Compiled to PTX by clang (see DeviceDefs.h); the host side is runtime/cuda/GpuKernelMap.cpp.
#include "runtime/cuda/kernels/KernelMapDevice.h"

namespace sconv::gpu {

/// Calls visit(flat output site, flat kernel index k) for every output o and kernel position t
/// with o * stride - padding + t * dilation == c (per axis), exactly as the CPU's
/// forEachCandidate: along an axis, o = (c + p - t * d) / s when that divides and lands in
/// [0, outShape); the scan over t stops once c + p - t * d < 0. A site outside batch x inShape
/// visits nothing: the hash reports it, and the bitmap kernels, which run before the host reads
/// that report, must not index past the grid with it.
template <typename Visit>
SCONV_DEVICE void forEachCandidate(const int *c, const KmapGeom &g, Visit &&visit) {
  const int b = c[0];
  if (!insideInput(g, b, c[1], c[2], c[3]))
    return;
  for (int tz = 0; tz < g.kernel[0]; ++tz) {
    const i64 nz = i64(c[1]) + g.padding[0] - i64(tz) * g.dilation[0];
    if (nz < 0)
      break;
    if (nz % g.stride[0] != 0 || nz / g.stride[0] >= g.outShape[0])
      continue;
    const int oz = int(nz / g.stride[0]);
    for (int ty = 0; ty < g.kernel[1]; ++ty) {
      const i64 ny = i64(c[2]) + g.padding[1] - i64(ty) * g.dilation[1];
      if (ny < 0)
        break;
      if (ny % g.stride[1] != 0 || ny / g.stride[1] >= g.outShape[1])
        continue;
      const int oy = int(ny / g.stride[1]);
      const i64 kzy = (i64(tz) * g.kernel[1] + ty) * g.kernel[2];
      for (int tx = 0; tx < g.kernel[2]; ++tx) {
        const i64 nx = i64(c[3]) + g.padding[2] - i64(tx) * g.dilation[2];
        if (nx < 0)
          break;
        if (nx % g.stride[2] != 0 || nx / g.stride[2] >= g.outShape[2])
          continue;
        visit(flatSite(g, b, oz, oy, int(nx / g.stride[2])), kzy + tx);
      }
    }
  }
}

/// Calls visit(flat output site, flat kernel index k) for every output o = c * s - p + t * d (per
/// axis, t a kernel position) of a transposed conv inside outShape, exactly as the CPU's
/// forEachTransposedTarget (MapTransforms.cpp): along an axis the scan over t stops once the site
/// passes the end. (c, k) reaches one o, and (o, k) comes from one input. A site outside
/// batch x inShape visits nothing (as forEachCandidate).
template <typename Visit>
SCONV_DEVICE void forEachTransposedTarget(const int *c, const KmapGeom &g, Visit &&visit) {
  const int b = c[0];
  if (!insideInput(g, b, c[1], c[2], c[3]))
    return;
  const i64 bz = i64(c[1]) * g.stride[0] - g.padding[0];
  const i64 by = i64(c[2]) * g.stride[1] - g.padding[1];
  const i64 bx = i64(c[3]) * g.stride[2] - g.padding[2];
  for (int tz = 0; tz < g.kernel[0]; ++tz) {
    const i64 oz = bz + i64(tz) * g.dilation[0];
    if (oz >= g.outShape[0])
      break;
    if (oz < 0)
      continue;
    for (int ty = 0; ty < g.kernel[1]; ++ty) {
      const i64 oy = by + i64(ty) * g.dilation[1];
      if (oy >= g.outShape[1])
        break;
      if (oy < 0)
        continue;
      const i64 kzy = (i64(tz) * g.kernel[1] + ty) * g.kernel[2];
      for (int tx = 0; tx < g.kernel[2]; ++tx) {
        const i64 ox = bx + i64(tx) * g.dilation[2];
        if (ox >= g.outShape[2])
          break;
        if (ox < 0)
          continue;
        visit(flatSite(g, b, int(oz), int(oy), int(ox)), kzy + tx);
      }
    }
  }
}

/// Exclusive scan across the block of L-lane values (Hillis-Steele in shared memory `s`, which
/// holds L * kBlock values). Returns each lane's exclusive prefix in excl and block total in total.
template <int L>
SCONV_DEVICE void blockScan(const u64 (&x)[L], u64 (&excl)[L], u64 (&total)[L], u64 *s) {
  const int t = int(threadX());
#pragma unroll
  for (int l = 0; l < L; ++l)
    s[l * kBlock + t] = x[l];
  syncBlock();
  for (int off = 1; off < kBlock; off <<= 1) {
    u64 y[L];
#pragma unroll
    for (int l = 0; l < L; ++l)
      y[l] = t >= off ? s[l * kBlock + t - off] : 0;
    syncBlock();
#pragma unroll
    for (int l = 0; l < L; ++l)
      s[l * kBlock + t] += y[l];
    syncBlock();
  }
#pragma unroll
  for (int l = 0; l < L; ++l) {
    excl[l] = s[l * kBlock + t] - x[l];
    total[l] = s[l * kBlock + kBlock - 1];
  }
  syncBlock(); // s may be reused
}

// ---------------------------------------------------------------------------------------------
// Coordinate hash and submanifold maps

SCONV_KERNEL void sconv_kmap_hash_insert(const int *coords, Rows rows, KmapGeom g, u64 *keys,
                                         int *vals, u64 mask, int *errorRow) {
  const i64 n = liveRows(rows);
  for (i64 r = gridStart(); r < n; r += gridStep()) {
    const int *c = coords + 4 * r;
    if (!insideInput(g, c[0], c[1], c[2], c[3])) {
      atomicMin(errorRow, int(r));
      continue;
    }
    const u64 k = siteKey(c[0], c[1], c[2], c[3]);
    for (u64 slot = mixHash(k) & mask;; slot = (slot + 1) & mask) {
      const u64 prev = atomicCas(&keys[slot], kEmptyKey, k);
      if (prev == kEmptyKey) {
        vals[slot] = int(r);
        break;
      }
      if (prev == k) { // duplicate site
        atomicMin(errorRow, int(r));
        break;
      }
    }
  }
}

SCONV_KERNEL void sconv_kmap_subm_map(const int *coords, Rows rows, KmapGeom g, const u64 *keys,
                                      const int *vals, u64 mask, int *nbr) {
  const i64 n = liveRows(rows);
  const i64 K = g.volume, centre = K / 2, per = centre + 1;
  const i64 total = n * per;
  for (i64 idx = gridStart(); idx < total; idx += gridStep()) {
    i64 o, k;
    divMod(idx, per, o, k);
    if (k == centre) {
      nbr[o * K + centre] = int(o);
      continue;
    }
    int d[3];
    submanifoldDelta(g, int(k), d); // k < volume < 2^31
    const int *c = coords + 4 * o;
    const int i = hashLookup(keys, vals, mask, g, c[0], c[1] + d[0], c[2] + d[1], c[3] + d[2]);
    nbr[o * K + k] = i;
    if (i >= 0)
      nbr[i64(i) * K + (K - 1 - k)] = int(o);
  }
}

// ---------------------------------------------------------------------------------------------
// Device-wide exclusive scan (tiles, then tile offsets added by the host's recursion)

SCONV_KERNEL void sconv_kmap_scan_tiles(const u64 *in, u64 *out, i64 n, u64 *tileSums) {
  SCONV_SHARED u64 s[kBlock];
  const i64 base = i64(blockX()) * kScanTile + i64(threadX()) * kScanItems;
  u64 v[kScanItems];
  u64 sum[1] = {0};
#pragma unroll
  for (int j = 0; j < kScanItems; ++j) {
    v[j] = base + j < n ? in[base + j] : 0;
    sum[0] += v[j];
  }
  u64 excl[1], total[1];
  blockScan<1>(sum, excl, total, s);
  u64 run = excl[0];
#pragma unroll
  for (int j = 0; j < kScanItems; ++j) {
    if (base + j < n)
      out[base + j] = run;
    run += v[j];
  }
  if (threadX() == 0)
    tileSums[blockX()] = total[0];
}

SCONV_KERNEL void sconv_kmap_scan_add(u64 *out, i64 n, const u64 *tileOffsets) {
  for (i64 i = gridStart(); i < n; i += gridStep())
    out[i] += tileOffsets[i / kScanTile];
}

// ---------------------------------------------------------------------------------------------
// Regular maps by sort: candidates (flat output site, i * K + k), radix sort, unique, fill

SCONV_KERNEL void sconv_kmap_regular_count(const int *coords, i64 n, KmapGeom g, u64 *counts) {
  for (i64 i = gridStart(); i < n; i += gridStep()) {
    u64 count = 0;
    forEachCandidate(coords + 4 * i, g, [&](u64, i64) { ++count; });
    counts[i] = count;
  }
}

SCONV_KERNEL void sconv_kmap_regular_emit(const int *coords, i64 n, KmapGeom g, const u64 *offsets,
                                          u64 *keys, u64 *payload) {
  const i64 K = g.volume;
  for (i64 i = gridStart(); i < n; i += gridStep()) {
    u64 at = offsets[i];
    forEachCandidate(coords + 4 * i, g, [&](u64 site, i64 k) {
      keys[at] = site;
      payload[at] = u64(i * K + k);
      ++at;
    });
  }
}

SCONV_KERNEL void sconv_kmap_radix_hist(const u64 *keys, i64 n, int shift, u64 *hist,
                                        i64 numTiles) {
  SCONV_SHARED u32 counts[kRadixBuckets];
  const int t = int(threadX());
  if (t < kRadixBuckets)
    counts[t] = 0;
  syncBlock();
  const i64 base = i64(blockX()) * kRadixTile + i64(t) * kRadixItems;
#pragma unroll
  for (int j = 0; j < kRadixItems; ++j)
    if (base + j < n)
      atomicAddBlock(&counts[(keys[base + j] >> shift) & (kRadixBuckets - 1)], 1);
  syncBlock();
  if (t < kRadixBuckets)
    hist[i64(t) * numTiles + blockX()] = counts[t];
}

/// Adds `v` to lane `d >> 2`, field `d & 3` (16 bits each) of a 4 x 4 packed counter, with
/// constant indices only (a run-time index would put the array in local memory).
SCONV_DEVICE void addPacked(u64 (&c)[4], int d, u64 v) {
  const u64 shifted = v << (16 * (d & 3));
#pragma unroll
  for (int l = 0; l < 4; ++l)
    c[l] += (d >> 2) == l ? shifted : 0;
}

SCONV_DEVICE u64 getPacked(const u64 (&c)[4], int d) {
  u64 lane = 0;
#pragma unroll
  for (int l = 0; l < 4; ++l)
    lane = (d >> 2) == l ? c[l] : lane;
  return (lane >> (16 * (d & 3))) & 0xffff;
}

SCONV_KERNEL void sconv_kmap_radix_scatter(const u64 *keysIn, const u64 *payloadIn, u64 *keysOut,
                                           u64 *payloadOut, i64 n, int shift, const u64 *offsets,
                                           i64 numTiles) {
  static_assert(kRadixBuckets == 16 && kRadixTile < 65536, "4 x 4 fields of 16 bits");
  SCONV_SHARED u64 s[4 * kBlock];
  const i64 tile = blockX();
  const i64 base = tile * kRadixTile + i64(threadX()) * kRadixItems;
  u64 key[kRadixItems], val[kRadixItems];
  int digit[kRadixItems];
  u64 count[4] = {0, 0, 0, 0}; // this thread's keys per digit, 16-bit fields
#pragma unroll
  for (int j = 0; j < kRadixItems; ++j) {
    digit[j] = -1;
    if (base + j < n) {
      key[j] = keysIn[base + j];
      val[j] = payloadIn[base + j];
      digit[j] = int((key[j] >> shift) & (kRadixBuckets - 1));
      addPacked(count, digit[j], 1);
    }
  }
  // Keys of a digit from earlier threads of the tile (fields cannot carry: each is <= 1024).
  u64 before[4], total[4];
  blockScan<4>(count, before, total, s);
  u64 seen[4] = {0, 0, 0, 0}; // keys of each digit already placed by this thread
#pragma unroll
  for (int j = 0; j < kRadixItems; ++j) {
    if (digit[j] < 0)
      continue;
    const u64 rank = getPacked(before, digit[j]) + getPacked(seen, digit[j]);
    addPacked(seen, digit[j], 1);
    const u64 dst = offsets[i64(digit[j]) * numTiles + tile] + rank;
    keysOut[dst] = key[j];
    payloadOut[dst] = val[j];
  }
}

SCONV_KERNEL void sconv_kmap_mark_unique(const u64 *keys, i64 n, u64 *flags) {
  for (i64 j = gridStart(); j < n; j += gridStep())
    flags[j] = (j == 0 || keys[j] != keys[j - 1]) ? 1 : 0;
}

SCONV_KERNEL void sconv_kmap_sorted_emit(const u64 *keys, const u64 *payload, const u64 *rowStart,
                                         i64 n, KmapGeom g, int *outCoords, int *nbr) {
  const i64 K = g.volume;
  for (i64 j = gridStart(); j < n; j += gridStep()) {
    const bool first = j == 0 || keys[j] != keys[j - 1];
    const i64 row = i64(rowStart[j]) - (first ? 0 : 1);
    if (first)
      writeSite(g, keys[j], outCoords + 4 * row);
    i64 i, k;
    divMod(i64(payload[j]), K, i, k);
    nbr[row * K + k] = int(i);
  }
}

// ---------------------------------------------------------------------------------------------
// Regular maps by bitmap: one bit per output grid site, rank = prefix popcount

/// The outputs an input reaches, as the bitmap method's mark and scatter steps visit them: a
/// regular conv's (forEachCandidate) or a transposed conv's (forEachTransposedTarget).
struct RegularOutputs {
  template <typename Visit> SCONV_DEVICE void visit(const int *c, const KmapGeom &g, Visit &&v) {
    forEachCandidate(c, g, v);
  }
};
struct TransposedOutputs {
  template <typename Visit> SCONV_DEVICE void visit(const int *c, const KmapGeom &g, Visit &&v) {
    forEachTransposedTarget(c, g, v);
  }
};

/// Sets the bit of output `site`, reading first: stride-1 convs reach each site many times, and
/// an atomic on a word whose bit is already set would only contend.
SCONV_DEVICE void markSite(u64 *bits, u64 site) {
  const u64 bit = 1ull << (site & 63);
  u64 *word = bits + (site >> 6);
  if (!(loadRelaxed(word) & bit))
    atomicOr(word, bit);
}

template <typename Outputs>
SCONV_DEVICE void markOutputs(const int *coords, Rows rows, const KmapGeom &g, u64 *bits) {
  const i64 n = liveRows(rows);
  for (i64 i = gridStart(); i < n; i += gridStep())
    Outputs::visit(coords + 4 * i, g, [&](u64 site, i64) { markSite(bits, site); });
}

template <typename Outputs>
SCONV_DEVICE void scatterOutputs(const int *coords, Rows rows, const KmapGeom &g, const u64 *bits,
                                 const u64 *wordRank, int *nbr, i64 outCap) {
  const i64 K = g.volume, n = liveRows(rows);
  for (i64 i = gridStart(); i < n; i += gridStep())
    Outputs::visit(coords + 4 * i, g, [&](u64 site, i64 k) {
      const u64 w = site >> 6, word = bits[w];
      if (!((word >> (site & 63)) & 1))
        return; // not an output (SPRS pruned it)
      const u64 below = word & ((1ull << (site & 63)) - 1);
      const i64 row = i64(wordRank[w]) + popcount64(below);
      if (row < outCap)
        nbr[row * K + k] = int(i);
    });
}

SCONV_KERNEL void sconv_kmap_bitmap_mark(const int *coords, Rows rows, KmapGeom g, u64 *bits) {
  markOutputs<RegularOutputs>(coords, rows, g, bits);
}

SCONV_KERNEL void sconv_kmap_tconv_mark(const int *coords, Rows rows, KmapGeom g, u64 *bits) {
  markOutputs<TransposedOutputs>(coords, rows, g, bits);
}

SCONV_KERNEL void sconv_kmap_bitmap_popc(const u64 *bits, i64 words, u64 *counts) {
  for (i64 w = gridStart(); w < words; w += gridStep())
    counts[w] = u64(popcount64(bits[w]));
}

SCONV_KERNEL void sconv_kmap_bitmap_decode(const u64 *bits, i64 words, const u64 *wordRank,
                                           KmapGeom g, int *outCoords, i64 outCap) {
  for (i64 w = gridStart(); w < words; w += gridStep()) {
    i64 row = i64(wordRank[w]);
    for (u64 v = bits[w]; v && row < outCap; v &= v - 1)
      writeSite(g, u64(w) * 64 + u64(ctz64(v)), outCoords + 4 * row++);
  }
}

SCONV_KERNEL void sconv_kmap_bitmap_scatter(const int *coords, Rows rows, KmapGeom g,
                                            const u64 *bits, const u64 *wordRank, int *nbr,
                                            i64 outCap) {
  scatterOutputs<RegularOutputs>(coords, rows, g, bits, wordRank, nbr, outCap);
}

SCONV_KERNEL void sconv_kmap_tconv_scatter(const int *coords, Rows rows, KmapGeom g,
                                           const u64 *bits, const u64 *wordRank, int *nbr,
                                           i64 outCap) {
  scatterOutputs<TransposedOutputs>(coords, rows, g, bits, wordRank, nbr, outCap);
}

SCONV_KERNEL void sconv_kmap_pad_table(const int *src, i64 cells, i64 capCells, int *dst) {
  for (i64 i = gridStart(); i < capCells; i += gridStep())
    dst[i] = i < cells ? src[i] : -1;
}

SCONV_KERNEL void sconv_kmap_pad_order(const int *src, i64 n, i64 cap, int *dst) {
  for (i64 i = gridStart(); i < cap; i += gridStep())
    dst[i] = i < n ? src[i] : int(i);
}

} // namespace sconv::gpu
