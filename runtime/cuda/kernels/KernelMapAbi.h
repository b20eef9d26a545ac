// The interface between the kernel-map device code (KernelMaps.cu) and the host code that launches
// it (runtime/cuda/GpuKernelMap.cpp): the geometry record passed by value, tile sizes, and every
// kernel's signature. Both sides include this file, so a signature change cannot go unnoticed:
// the .cu definitions must match these declarations (C linkage allows no overloads) and the host
// packs parameters from the same declarations. test/unit/GpuKernelMapAbiTest.cpp also checks the
// parameter sizes against the .param lists in the generated PTX.
#pragma once
#include "runtime/cuda/kernels/DeviceDefs.h"

namespace sconv::gpu {

/// One convolution's map geometry (ConvGeometry + shapes), passed by value to the kernels.
struct KmapGeom {
  int kernel[3];   // (z, y, x)
  int stride[3];
  int padding[3];
  int dilation[3];
  int inShape[3];  // (D, H, W) of the input
  int outShape[3]; // of the output (== inShape for submanifold)
  int batch;       // batch size
  int volume;      // kernel[0] * kernel[1] * kernel[2]
};

/// Threads per block of every kernel (the tile kernels rely on it).
constexpr int kBlock = 256;
/// Scan tiles: each thread owns kScanItems consecutive elements.
constexpr int kScanItems = 4;
constexpr int kScanTile = kBlock * kScanItems;
/// Radix sort: 4-bit digits, tiles of kRadixTile keys, each thread owning kRadixItems.
constexpr int kRadixBits = 4;
constexpr int kRadixBuckets = 1 << kRadixBits;
constexpr int kRadixItems = 4;
constexpr int kRadixTile = kBlock * kRadixItems;
/// An empty hash slot; valid keys have bit 63 clear (batch < 2^15).
constexpr u64 kEmptyKey = ~0ull;

// Every kernel, by name: the host resolves them from the module in this order.
#define SCONV_KMAP_KERNELS(X)                                                                      \
  X(sconv_kmap_hash_insert)                                                                        \
  X(sconv_kmap_subm_map)                                                                           \
  X(sconv_kmap_scan_tiles)                                                                         \
  X(sconv_kmap_scan_add)                                                                           \
  X(sconv_kmap_regular_count)                                                                      \
  X(sconv_kmap_regular_emit)                                                                       \
  X(sconv_kmap_radix_hist)                                                                         \
  X(sconv_kmap_radix_scatter)                                                                      \
  X(sconv_kmap_mark_unique)                                                                        \
  X(sconv_kmap_sorted_emit)                                                                        \
  X(sconv_kmap_bitmap_mark)                                                                        \
  X(sconv_kmap_bitmap_popc)                                                                        \
  X(sconv_kmap_bitmap_decode)                                                                      \
  X(sconv_kmap_bitmap_scatter)                                                                      \
  X(sconv_kmap_tconv_mark)                                                                         \
  X(sconv_kmap_tconv_scatter)                                                                      \
  X(sconv_kmap_mask_flags)                                                                         \
  X(sconv_kmap_merge_sources)                                                                      \
  X(sconv_kmap_sprs_keep)                                                                          \
  X(sconv_kmap_sprs_mark)                                                                          \
  X(sconv_kmap_compact_rows)                                                                       \
  X(sconv_kmap_restricted_subm)                                                                    \
  X(sconv_kmap_transpose)                                                                          \
  X(sconv_kmap_transpose_check)                                                                    \
  X(sconv_prune_site_keys)                                                                         \
  X(sconv_prune_rank_keys)                                                                         \
  X(sconv_prune_select)                                                                            \
  X(sconv_prune_threshold)                                                                         \
  X(sconv_prune_batch_counts)                                                                      \
  X(sconv_prune_batch_plan)                                                                        \
  X(sconv_mask_keys)                                                                               \
  X(sconv_mask_rows)                                                                               \
  X(sconv_offset_columns)                                                                          \
  X(sconv_offset_rows)                                                                             \
  X(sconv_count_pairs)                                                                             \
  X(sconv_kmap_pad_table)                                                                          \
  X(sconv_kmap_pad_order)

// Grid-stride kernels take any grid; tile kernels (scan_tiles, radix_*) take one block per tile.
// All run with kBlock threads per block.

/// Inserts rows [0, n) of coords (b, z, y, x) into the open-addressing table (keys/vals, capacity
/// mask + 1, keys preset to kEmptyKey). A site outside batch x inShape or already present sets
/// *errorRow = min(*errorRow, row); the host then reproduces the CPU's exact error message.
SCONV_KERNEL void sconv_kmap_hash_insert(const int *coords, Rows n, KmapGeom g, u64 *keys,
                                         int *vals, u64 mask, int *errorRow);
/// Submanifold map: nbr (n x volume, preset to -1). Thread item (o, k) for k < volume/2 looks up
/// o + offset(k) * dilation = i and writes nbr[o][k] = i and, by symmetry, nbr[i][K-1-k] = o;
/// k == volume/2 writes the centre. Every slot has exactly one writer.
SCONV_KERNEL void sconv_kmap_subm_map(const int *coords, Rows n, KmapGeom g, const u64 *keys,
                                      const int *vals, u64 mask, int *nbr);
/// Exclusive scan of one tile of kScanTile values per block (in place allowed); the tile's total
/// goes to tileSums[block].
SCONV_KERNEL void sconv_kmap_scan_tiles(const u64 *in, u64 *out, i64 n, u64 *tileSums);
/// out[i] += tileOffsets[i / kScanTile].
SCONV_KERNEL void sconv_kmap_scan_add(u64 *out, i64 n, const u64 *tileOffsets);
/// Regular conv: counts[i] = the number of (output site, kernel position) pairs input i reaches.
SCONV_KERNEL void sconv_kmap_regular_count(const int *coords, i64 n, KmapGeom g, u64 *counts);
/// Regular conv: writes input i's pairs at offsets[i]..: keys = flat output site
/// ((b * D + z) * H + y) * W + x, payload = i * volume + k.
SCONV_KERNEL void sconv_kmap_regular_emit(const int *coords, i64 n, KmapGeom g, const u64 *offsets,
                                          u64 *keys, u64 *payload);
/// Radix sort pass, step 1: per-tile counts of digit (key >> shift) & 15, digit-major:
/// hist[digit * numTiles + tile].
SCONV_KERNEL void sconv_kmap_radix_hist(const u64 *keys, i64 n, int shift, u64 *hist,
                                        i64 numTiles);
/// Radix sort pass, step 2: stable scatter of (key, payload) to offsets[digit * numTiles + tile]
/// (the exclusive scan of hist) plus the key's rank among equal digits earlier in the tile.
SCONV_KERNEL void sconv_kmap_radix_scatter(const u64 *keysIn, const u64 *payloadIn, u64 *keysOut,
                                           u64 *payloadOut, i64 n, int shift, const u64 *offsets,
                                           i64 numTiles);
/// flags[j] = 1 where sorted keys[j] starts a run of equal keys, else 0.
SCONV_KERNEL void sconv_kmap_mark_unique(const u64 *keys, i64 n, u64 *flags);
/// From sorted (key, payload) pairs and rowStart (exclusive scan of the flags): the first of each
/// run writes its output site to outCoords[row], and every pair writes nbr[row][k] = i.
SCONV_KERNEL void sconv_kmap_sorted_emit(const u64 *keys, const u64 *payload, const u64 *rowStart,
                                         i64 n, KmapGeom g, int *outCoords, int *nbr);
/// Regular conv, bitmap method: sets the bit of every output site (flat index) some input reaches.
SCONV_KERNEL void sconv_kmap_bitmap_mark(const int *coords, Rows n, KmapGeom g, u64 *bits);
/// counts[w] = popcount(bits[w]).
SCONV_KERNEL void sconv_kmap_bitmap_popc(const u64 *bits, i64 words, u64 *counts);
/// Writes the sites of the set bits of word w from row wordRank[w] on (sorted by construction);
/// rows from outCap on are not written (a captured frame's overflow).
SCONV_KERNEL void sconv_kmap_bitmap_decode(const u64 *bits, i64 words, const u64 *wordRank,
                                           KmapGeom g, int *outCoords, i64 outCap);
/// nbr[rank(o)][k] = i for every pair whose output o has its bit set (all of them for bits from
/// sconv_kmap_bitmap_mark; SPRS marks fewer), rank(o) = wordRank[w] + set bits of word w below o,
/// for rank(o) < outCap.
SCONV_KERNEL void sconv_kmap_bitmap_scatter(const int *coords, Rows n, KmapGeom g,
                                            const u64 *bits, const u64 *wordRank, int *nbr,
                                            i64 outCap);


/// Transposed conv (SparseConvTranspose3d), bitmap method: sets the bit of every output site
/// o = c * stride - padding + t * dilation (per axis, inside outShape) of every input.
SCONV_KERNEL void sconv_kmap_tconv_mark(const int *coords, Rows n, KmapGeom g, u64 *bits);
/// Transposed conv: nbr[rank(o)][k] = i for every such pair (i, k) -> o, as
/// sconv_kmap_bitmap_scatter does for regular convs (each slot has one writer).
SCONV_KERNEL void sconv_kmap_tconv_scatter(const int *coords, Rows n, KmapGeom g,
                                           const u64 *bits, const u64 *wordRank, int *nbr,
                                           i64 outCap);
// ---- Masked maps of SPS-Conv and transposed maps (MaskedMaps.cu) ------------------------------
// A mask is the one-channel tensor of PruneMask: important[r] != 0 marks an important site.

// Kernels taking Rows work on the live rows and write every row up to the capacity (a captured
// frame's rows past the count get the value of "absent").

/// flags[r] = important[r] != 0 ? 1 : 0 for live rows, 0 past them (r < n.cap).
SCONV_KERNEL void sconv_kmap_mask_flags(const float *important, Rows n, u64 *flags);
/// mergePruned's row sources from the mask's flags and their exclusive scan: source[r] = rank[r]
/// (the row of the computed tensor) where flags[r] != 0 and rank[r] < computedCap, else -1.
SCONV_KERNEL void sconv_kmap_merge_sources(const u64 *flags, const u64 *rank, i64 n,
                                           i64 computedCap, int *source);
/// SPRS row filter over a full regular map (numOut x K): keep[o] = 1 when some nbr[o][k] >= 0 is
/// important, or when nbr[o][centre] >= 0 (the window centre is an active, pruned input); else 0.
/// buildSprsMap's rule.
SCONV_KERNEL void sconv_kmap_sprs_keep(const int *nbr, i64 numOut, int K, int centre,
                                       const float *important, u64 *keep);
/// SPRS output sites straight from the inputs (a captured frame's way: no full map first): sets
/// the bit of every output an important input reaches and of every output whose window centre
/// (kernel index `centre`) is an input. The same rows as sconv_kmap_sprs_keep keeps: a kept row
/// has an important neighbour or an active centre, and each of those marks it.
SCONV_KERNEL void sconv_kmap_sprs_mark(const int *coords, Rows n, KmapGeom g,
                                       const float *important, int centre, u64 *bits);
/// Stream compaction of rows: for r < n with keep[r] != 0, row rank[r] (the exclusive scan of
/// keep) of the outputs takes row r: outCoords (4 ints) from coords, outNbr (K ints) from nbr when
/// nbr is not null, and outRows[rank[r]] = r when outRows is not null; no row from outCap on.
SCONV_KERNEL void sconv_kmap_compact_rows(const u64 *keep, const u64 *rank, i64 n, int K,
                                          const int *coords, const int *nbr, int *outCoords,
                                          int *outNbr, int *outRows, i64 outCap);
/// SPSS restricted submanifold map: output o is input row rows[o]; nbr[o][k] = the input row at
/// coords[rows[o]] + offset(k) * dilation (all input sites are in the hash), -1 when absent; the
/// centre is rows[o] itself. No symmetry: the outputs are a subset of the inputs. Rows past
/// the live count are all -1.
SCONV_KERNEL void sconv_kmap_restricted_subm(const int *coords, const int *rows, Rows numOut,
                                             KmapGeom g, const u64 *keys, const int *vals,
                                             u64 mask, int *nbr);
/// Transposed (inverse-conv) map: t[i][k] = o for every fwd[o][k] = i >= 0 (t preset to -1,
/// numIn rows). An entry outside [-1, numIn) sets *bad = 1 and is skipped.
SCONV_KERNEL void sconv_kmap_transpose(const int *fwd, i64 numOut, int K, i64 numIn, int *t,
                                       int *bad);
/// After sconv_kmap_transpose: sets *bad = 1 when some fwd[o][k] = i has t[i][k] != o (two
/// outputs reached the same (i, k): the map is not invertible, and one of them lost the write).
SCONV_KERNEL void sconv_kmap_transpose_check(const int *fwd, i64 numOut, int K, i64 numIn,
                                             const int *t, int *bad);

// ---- SPS-Conv top-k pruning (Pruning.cu) ------------------------------------------------------
// pruneByRatio on the device: rows are sorted by (batch, m, z, y, x) with two stable radix sorts
// (first by the site, then by batch and m), and the first floor(N_b * ratio) rows of each sample
// are pruned. m is ranked through its bits made order-preserving (no NaN: those are reported).
// In a captured frame the rows past the live count sort last (keys above every site's and every
// sample's) and are marked pruned; their values are never read.

/// keys[r] = (z * H + y) * W + x over g.inShape (every site inside it), payload[r] = r; a NaN
/// m[r] sets *nanRow = min(*nanRow, r). Rows past the live count get key D * H * W.
SCONV_KERNEL void sconv_prune_site_keys(const int *coords, const float *m, Rows n, KmapGeom g,
                                        u64 *keys, u64 *payload, int *nanRow);
/// keys[j] = batch << 32 | orderedBits(m[row]) for row = payload[j] (batch of coords[row]); a row
/// past the live count gets g.batch << 32.
SCONV_KERNEL void sconv_prune_rank_keys(const int *coords, const float *m, const u64 *payload,
                                        Rows n, KmapGeom g, u64 *keys);
/// For the sorted keys: important[payload[j]] = 0 when j - start[b] < pruned[b] (b = keys[j] >>
/// 32: the first rows of sample b, which starts at sorted position start[b]), else 1; 0 for rows
/// past the live count.
SCONV_KERNEL void sconv_prune_select(const u64 *keys, const u64 *payload, Rows n, const i64 *start,
                                     const i64 *pruned, float *important);
/// Threshold mode (pruneByThreshold): important[r] = m[r] <= limit ? 0 : 1 (a NaN is important);
/// 0 past the live count.
SCONV_KERNEL void sconv_prune_threshold(const float *m, Rows n, float limit, float *important);
/// count[b] += the live rows of sample b (count zeroed before; integer atomics: any order, one sum).
SCONV_KERNEL void sconv_prune_batch_counts(const int *coords, Rows n, u64 *count);
/// One thread: start[b] = the rows of samples before b, pruned[b] = floor(count[b] * ratio) in
/// double (pruneByRatio's arithmetic).
SCONV_KERNEL void sconv_prune_batch_plan(const u64 *count, int batch, double ratio, i64 *start,
                                         i64 *pruned);

// ---- Mask-sorted row orders (MaskOrder.cu) ----------------------------------------------------
// The GPU's mask-sorted and mask-split GEMMs visit rows in the order of runtime/MaskOrder.h: by
// the neighbour mask over an offset range, ties in row order (a stable radix sort of these keys).

/// keys[o] = bit (k - kBegin) % 64 set for each k in [kBegin, kEnd) with nbr[o * K + k] >= 0;
/// payload[o] = o.
SCONV_KERNEL void sconv_mask_keys(const int *nbr, i64 n, int K, int kBegin, int kEnd, u64 *keys,
                                  u64 *payload);
/// order[j] = payload[j]: the sorted rows as the GEMM kernels' i32 order operand.
SCONV_KERNEL void sconv_mask_rows(const u64 *payload, i64 n, int *order);

// Fetch-on-demand's map by offset (runtime/MaskOrder.h's OffsetRows): offset k's column of the
// table and the output rows with a neighbour at k, ascending, offset after offset.

/// For idx = k * n + o < K * n: columns[idx] = nbr[o * K + k], flags[idx] = (that >= 0).
SCONV_KERNEL void sconv_offset_columns(const int *nbr, i64 n, int K, int *columns, u64 *flags);
/// With pos the exclusive scan of the flags: rows[pos[idx]] = o for every present (k, o), and
/// start[k] = pos[k * n] (offset k's first row).
SCONV_KERNEL void sconv_offset_rows(const int *columns, const u64 *pos, i64 n, int K, int *rows,
                                    u64 *start);
/// *total += the number of entries >= 0 among nbr[0..cells) (a map's pairs; *total starts at 0).
SCONV_KERNEL void sconv_count_pairs(const int *nbr, i64 cells, u64 *total);

/// dst[i] = src[i] for i < cells, -1 (no neighbour) for cells <= i < capCells: a map's table in a
/// graph-mode slot of more rows (runtime/cuda/GpuGraphSegments.h).
SCONV_KERNEL void sconv_kmap_pad_table(const int *src, i64 cells, i64 capCells, int *dst);
/// dst[i] = src[i] for i < n, i for n <= i < cap: a row order in a graph-mode slot (the extra
/// positions visit the extra rows, whose table rows are all -1).
SCONV_KERNEL void sconv_kmap_pad_order(const int *src, i64 n, i64 cap, int *dst);

} // namespace sconv::gpu
