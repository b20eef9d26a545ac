// Host side of the GPU kernel maps: validation (as the CPU builder does it), buffer management and
// the launch sequence of the kernels in kernels/KernelMaps.cu.
#include "runtime/cuda/GpuKernelMap.h"
#include "runtime/CoordHash.h"
#include "runtime/FrameGraph.h"
#include "runtime/cuda/DevicePrimitives.h"
#include "runtime/MapTransforms.h"

#include <algorithm>
#include <numeric>

namespace sconv::rt {

namespace {

using gpu::i64;
using gpu::KmapGeom;
using gpu::u64;

#define KMAP_LAUNCH(name, blocks, ...) SCONV_KMAP_LAUNCH(prim_, name, blocks, __VA_ARGS__)

KmapGeom toGeom(const ConvGeometry &g, const SparseTensor &in, const Int3 &outShape) {
  KmapGeom k{};
  for (int a = 0; a < 3; ++a) {
    k.kernel[a] = g.kernel[a];
    k.stride[a] = g.stride[a];
    k.padding[a] = g.padding[a];
    k.dilation[a] = g.dilation[a];
    k.inShape[a] = in.spatialShape[a];
    k.outShape[a] = outShape[a];
  }
  k.batch = in.batchSize;
  k.volume = int(g.volume());
  return k;
}

/// The CPU's bound on regular-conv candidates (RegularKernelMap.cpp): per axis at most
/// ceil(k / (s / gcd(s, d))) positions reach an output from one input.
uint64_t candidateBound(int64_t numIn, const ConvGeometry &g) {
  uint64_t per = 1;
  for (int a = 0; a < 3; ++a) {
    const int64_t period = g.stride[a] / std::gcd(g.stride[a], g.dilation[a]);
    per *= uint64_t((g.kernel[a] + period - 1) / period);
  }
  return per * uint64_t(numIn);
}

/// Sites of a map's batch x output grid (the bitmap's bits, the sort's key range).
u64 outputGridSites(const KernelMap &m) {
  return u64(m.batchSize) * u64(m.outShape[0]) * u64(m.outShape[1]) * u64(m.outShape[2]);
}

/// Queues the coordinate hash of the `rows` sites at `coords` (CoordHash's layout: capacity a
/// power of two >= 2 rows.cap, at least 16). A site outside batch x g.inShape or a duplicate sets
/// *errorRow = min(*errorRow, row).
DeviceSiteHash queueSiteHash(DevicePrimitives &prim, DevPtr<int> coords, gpu::Rows rows,
                             const KmapGeom &g, DevPtr<int> errorRow) {
  GpuContext &ctx = prim.context();
  DeviceSiteHash h;
  u64 capacity = 16;
  while (capacity < u64(2 * rows.cap))
    capacity <<= 1;
  h.mask = capacity - 1;
  h.keys = ctx.allocate(capacity * 8);
  h.vals = ctx.allocate(capacity * 4);
  ctx.fill(h.keys.address(), 0xff, h.keys.size()); // kEmptyKey
  ctx.fill(h.vals.address(), 0xff, h.vals.size());
  SCONV_KMAP_LAUNCH(prim, sconv_kmap_hash_insert, prim.gridFor(rows.cap), coords, rows, g,
                    h.keys.as<u64>(), h.vals.as<int>(), h.mask, errorRow);
  return h;
}

/// The bitmap method's output grid: one bit per site some input reaches, and per 64-bit word the
/// number of sites before it (the rank of its first site).
struct OutputBitmap {
  DeviceBuffer bits, rank;
  i64 words = 0;
};

/// Which outputs a bitmap holds: a regular conv's, the ones SPRS keeps of them (with its mask and
/// window centre: sconv_kmap_sprs_mark), or a transposed conv's.
struct OutputMarks {
  enum Kind { Regular, Sprs, TransposedConv } kind = Regular;
  DevPtr<float> important{};
  int centre = 0;
};

/// Queues the marks of the `rows` sites at `coords`, the per-word counts and their scan;
/// *total gets the number of output sites.
OutputBitmap queueBitmapRanks(DevicePrimitives &prim, DevPtr<int> coords, gpu::Rows rows,
                              const KmapGeom &g, u64 gridSites, DevPtr<u64> total,
                              const OutputMarks &marks) {
  GpuContext &ctx = prim.context();
  OutputBitmap b;
  b.words = i64((gridSites + 63) / 64);
  b.bits = ctx.allocate(size_t(b.words) * 8);
  b.rank = ctx.allocate(size_t(b.words) * 8);
  ctx.fill(b.bits.address(), 0, b.bits.size());
  switch (marks.kind) {
  case OutputMarks::Regular:
    SCONV_KMAP_LAUNCH(prim, sconv_kmap_bitmap_mark, prim.gridFor(rows.cap), coords, rows, g,
                      b.bits.as<u64>());
    break;
  case OutputMarks::Sprs:
    SCONV_KMAP_LAUNCH(prim, sconv_kmap_sprs_mark, prim.gridFor(rows.cap), coords, rows, g,
                      marks.important, marks.centre, b.bits.as<u64>());
    break;
  case OutputMarks::TransposedConv:
    SCONV_KMAP_LAUNCH(prim, sconv_kmap_tconv_mark, prim.gridFor(rows.cap), coords, rows, g,
                      b.bits.as<u64>());
    break;
  }
  SCONV_KMAP_LAUNCH(prim, sconv_kmap_bitmap_popc, prim.gridFor(b.words), b.bits.as<u64>(),
                    b.words, b.rank.as<u64>());
  prim.scan(b.rank.as<u64>(), b.rank.as<u64>(), b.words, total);
  return b;
}

/// Queues the output sites (sorted by construction) and the table nbr[rank(o)][k] = i of a
/// ranked bitmap, writing no row at or past outCap. `marks` as the bitmap's.
void queueBitmapEmit(DevicePrimitives &prim, const OutputBitmap &b, DevPtr<int> coords,
                     gpu::Rows rows, const KmapGeom &g, DevPtr<int> outCoords, DevPtr<int> nbr,
                     i64 outCap, const OutputMarks &marks) {
  SCONV_KMAP_LAUNCH(prim, sconv_kmap_bitmap_decode, prim.gridFor(b.words), b.bits.as<u64>(),
                    b.words, b.rank.as<u64>(), g, outCoords, outCap);
  if (marks.kind == OutputMarks::TransposedConv)
    SCONV_KMAP_LAUNCH(prim, sconv_kmap_tconv_scatter, prim.gridFor(rows.cap), coords, rows, g,
                      b.bits.as<u64>(), b.rank.as<u64>(), nbr, outCap);
  else // SPRS's unmarked outputs are skipped
    SCONV_KMAP_LAUNCH(prim, sconv_kmap_bitmap_scatter, prim.gridFor(rows.cap), coords, rows, g,
                      b.bits.as<u64>(), b.rank.as<u64>(), nbr, outCap);
}

class Builder {
public:
  Builder(GpuContext &ctx, const SparseTensor &in, const KernelMap &meta)
      : ctx_(ctx), prim_(ctx), in_(in), meta_(meta),
        geom_(toGeom(meta.geometry, in, meta.outShape)) {}

  DeviceKernelMap build(OutputSiteMethod method) {
    DeviceKernelMap out;
    out.meta = meta_;
    const i64 n = in_.numSites;
    coords_ = ctx_.uploadVector(in_.coords);
    buildHash();
    if (meta_.geometry.kind == ConvKind::Submanifold) {
      out.meta.numOut = n;
      out.nbr = ctx_.allocate(size_t(n * meta_.volume) * 4);
      ctx_.fill(out.nbr.address(), 0xff, out.nbr.size());
      const i64 per = meta_.volume / 2 + 1;
      KMAP_LAUNCH(sconv_kmap_subm_map, gridFor(n * per), coords_.as<int>(), hostRows(n), geom_,
                  hash_.keys.as<u64>(), hash_.vals.as<int>(), hash_.mask, out.nbr.as<int>());
      checkInput();
      out.outCoords = std::move(coords_);
      return out;
    }
    if (chooseBitmap(method))
      viaBitmap(out, OutputMarks{});
    else
      viaSort(out);
    return out;
  }

  /// SPSS: the important input rows (mask != 0), in input order, each with its full
  /// neighbourhood among all input sites.
  DeviceKernelMap buildRestricted(DevPtr<float> mask) {
    DeviceKernelMap out;
    out.meta = meta_;
    const i64 n = in_.numSites, K = meta_.volume;
    coords_ = ctx_.uploadVector(in_.coords);
    buildHash();
    DeviceBuffer flags = ctx_.allocate(size_t(n) * 8), rank = ctx_.allocate(size_t(n) * 8);
    DeviceBuffer total = ctx_.allocate(8);
    KMAP_LAUNCH(sconv_kmap_mask_flags, gridFor(n), mask, hostRows(n), flags.as<u64>());
    scan(flags.as<u64>(), rank.as<u64>(), n, total.as<u64>());
    checkInput();
    const u64 numOut = fetch(total.as<u64>());
    setOutputCount(out, numOut, /*presetAbsent=*/false); // the lookups write every entry
    DeviceBuffer rows = ctx_.allocate(size_t(numOut) * 4);
    KMAP_LAUNCH(sconv_kmap_compact_rows, gridFor(n), flags.as<u64>(), rank.as<u64>(), n, int(K),
                coords_.as<int>(), DevPtr<int>{}, out.outCoords.as<int>(), DevPtr<int>{},
                rows.as<int>(), i64(numOut));
    KMAP_LAUNCH(sconv_kmap_restricted_subm, gridFor(i64(numOut) * K), coords_.as<int>(),
                rows.as<int>(), hostRows(i64(numOut)), geom_, hash_.keys.as<u64>(),
                hash_.vals.as<int>(), hash_.mask, out.nbr.as<int>());
    return out;
  }

  /// A transposed conv's map (meta_ from transposedConvMapHeader): its outputs by bitmap.
  DeviceKernelMap buildTransposedConv() {
    DeviceKernelMap out;
    out.meta = meta_;
    coords_ = ctx_.uploadVector(in_.coords);
    buildHash();
    viaBitmap(out, OutputMarks{OutputMarks::TransposedConv});
    return out;
  }

  /// SPRS: the regular map's rows whose window holds an important input or an active centre.
  DeviceKernelMap buildSprs(DevPtr<float> mask, OutputSiteMethod method) {
    DeviceKernelMap full = build(method);
    const i64 numOut = full.meta.numOut, K = meta_.volume;
    if (numOut == 0)
      return full;
    const int centre = int(sprsCentreOffset(meta_.geometry)); // < volume < 2^31
    DeviceBuffer keep = ctx_.allocate(size_t(numOut) * 8), rank = ctx_.allocate(size_t(numOut) * 8);
    DeviceBuffer total = ctx_.allocate(8);
    KMAP_LAUNCH(sconv_kmap_sprs_keep, gridFor(numOut), full.nbr.as<int>(), numOut, int(K), centre,
                mask, keep.as<u64>());
    scan(keep.as<u64>(), rank.as<u64>(), numOut, total.as<u64>());
    const u64 kept = fetch(total.as<u64>());
    if (i64(kept) == numOut)
      return full;
    DeviceKernelMap out;
    out.meta = full.meta;
    setOutputCount(out, kept, /*presetAbsent=*/false); // whole rows are copied
    KMAP_LAUNCH(sconv_kmap_compact_rows, gridFor(numOut), keep.as<u64>(), rank.as<u64>(), numOut,
                int(K), full.outCoords.as<int>(), full.nbr.as<int>(), out.outCoords.as<int>(),
                out.nbr.as<int>(), DevPtr<int>{}, i64(kept));
    return out;
  }

private:
  i64 gridFor(i64 items) const { return prim_.gridFor(items); }
  template <typename T> T fetch(DevPtr<T> p) { return prim_.fetch(p); }
  void scan(DevPtr<u64> in, DevPtr<u64> out, i64 n, DevPtr<u64> total) {
    prim_.scan(in, out, n, total);
  }

  /// The input coordinate hash (CoordHash's layout: capacity a power of two >= 2n, at least 16).
  /// It also validates the sites; checkInput() reports what it found.
  void buildHash() {
    errorRow_ = ctx_.allocate(4);
    const int none = INT_MAX;
    ctx_.upload(errorRow_.address(), &none, 4);
    hash_ = queueSiteHash(prim_, coords_.as<int>(), hostRows(in_.numSites), geom_,
                          errorRow_.as<int>());
  }

  /// Throws the CPU builder's exact Error when the hash found a bad site (out of range or
  /// duplicate): the CPU CoordHash is rebuilt on the host only on this error path.
  void checkInput() {
    const int row = fetch(errorRow_.as<int>());
    if (row == INT_MAX)
      return;
    CoordHash cpu;
    cpu.build(in_.coords.data(), in_.numSites, in_.batchSize, in_.spatialShape); // throws
    throw Error("kernel map: the GPU coordinate hash rejected row " + std::to_string(row) +
                " but the CPU check accepts it (a GPU kernel bug)");
  }

  bool chooseBitmap(OutputSiteMethod method) const {
    const u64 bitmapBytes = outputBitmapBytes(meta_);
    if (method == OutputSiteMethod::Auto) {
      // Sort needs keys + payloads, twice (radix passes), plus flags: 40 bytes a candidate.
      const u64 listBytes = candidateBound(in_.numSites, meta_.geometry) * 40;
      return bitmapBytes <= (u64(256) << 20) || bitmapBytes <= listBytes;
    }
    return method == OutputSiteMethod::Bitmap && bitmapBytes <= (u64(12) << 30);
  }

  /// Sizes the map for numOut output rows; `presetAbsent` fills the table with -1 first, for the
  /// builders that then write only the pairs present.
  void setOutputCount(DeviceKernelMap &out, u64 numOut, bool presetAbsent = true) {
    if (numOut > u64(INT32_MAX))
      throw Error("kernel map: " + std::to_string(numOut) + " output sites overflow int32 rows");
    out.meta.numOut = int64_t(numOut);
    out.outCoords = ctx_.allocate(size_t(numOut) * 16);
    out.nbr = ctx_.allocate(size_t(numOut) * size_t(meta_.volume) * 4);
    if (presetAbsent)
      ctx_.fill(out.nbr.address(), 0xff, out.nbr.size());
  }

  void viaBitmap(DeviceKernelMap &out, const OutputMarks &marks) {
    const gpu::Rows rows = hostRows(in_.numSites);
    DeviceBuffer total = ctx_.allocate(8);
    const OutputBitmap bitmap = queueBitmapRanks(prim_, coords_.as<int>(), rows, geom_,
                                                 outputGridSites(meta_), total.as<u64>(), marks);
    checkInput();
    setOutputCount(out, fetch(total.as<u64>()));
    queueBitmapEmit(prim_, bitmap, coords_.as<int>(), rows, geom_, out.outCoords.as<int>(),
                    out.nbr.as<int>(), out.meta.numOut, marks);
  }

  void viaSort(DeviceKernelMap &out) {
    const i64 n = in_.numSites;
    DeviceBuffer offsets = ctx_.allocate(size_t(n) * 8);
    DeviceBuffer total = ctx_.allocate(8);
    KMAP_LAUNCH(sconv_kmap_regular_count, gridFor(n), coords_.as<int>(), n, geom_,
                offsets.as<u64>());
    scan(offsets.as<u64>(), offsets.as<u64>(), n, total.as<u64>());
    checkInput();
    const i64 candidates = i64(fetch(total.as<u64>()));
    if (candidates == 0) {
      setOutputCount(out, 0);
      return;
    }
    DeviceBuffer keys[2] = {ctx_.allocate(size_t(candidates) * 8),
                            ctx_.allocate(size_t(candidates) * 8)};
    DeviceBuffer payload[2] = {ctx_.allocate(size_t(candidates) * 8),
                               ctx_.allocate(size_t(candidates) * 8)};
    KMAP_LAUNCH(sconv_kmap_regular_emit, gridFor(n), coords_.as<int>(), n, geom_,
                offsets.as<u64>(), keys[0].as<u64>(), payload[0].as<u64>());
    offsets.reset();

    // Stable LSD radix sort on the bits a flat site index can have.
    const int cur = prim_.radixSort(keys, payload, candidates, bitsFor(outputGridSites(meta_)));
    keys[cur ^ 1].reset();
    payload[cur ^ 1].reset();

    // Runs of equal sites become output rows, in sorted order.
    DeviceBuffer rowStart = ctx_.allocate(size_t(candidates) * 8);
    KMAP_LAUNCH(sconv_kmap_mark_unique, gridFor(candidates), keys[cur].as<u64>(), candidates,
                rowStart.as<u64>());
    scan(rowStart.as<u64>(), rowStart.as<u64>(), candidates, total.as<u64>());
    setOutputCount(out, fetch(total.as<u64>()));
    KMAP_LAUNCH(sconv_kmap_sorted_emit, gridFor(candidates), keys[cur].as<u64>(),
                payload[cur].as<u64>(), rowStart.as<u64>(), candidates, geom_,
                out.outCoords.as<int>(), out.nbr.as<int>());
  }

  GpuContext &ctx_;
  DevicePrimitives prim_;
  const SparseTensor &in_;
  const KernelMap &meta_;
  const KmapGeom geom_;
  DeviceBuffer coords_, errorRow_;
  DeviceSiteHash hash_;
};

/// The CPU builder's checks, in its order, and the map's metadata.
KernelMap validatedMeta(const SparseTensor &in, const ConvGeometry &geometry) {
  KernelMap m = kernelMapHeader(in, geometry);
  if (in.numSites > INT32_MAX)
    throw Error("coordinate hash: " + std::to_string(in.numSites) +
                " sites do not fit int32 row indices");
  return m;
}

} // namespace

DeviceKernelMap buildKernelMapOnDevice(GpuContext &ctx, const SparseTensor &in,
                                       const ConvGeometry &geometry, OutputSiteMethod method) {
  const KernelMap meta = validatedMeta(in, geometry);
  if (in.numSites == 0) {
    DeviceKernelMap out;
    out.meta = meta;
    return out;
  }
  return Builder(ctx, in, meta).build(method);
}

uint64_t outputBitmapBytes(const KernelMap &header) {
  return (outputGridSites(header) + 63) / 64 * 16;
}

DeviceKernelMap buildTransposedConvMapOnDevice(GpuContext &ctx, const SparseTensor &in,
                                               const ConvGeometry &geometry,
                                               const Int3 &outputPadding) {
  KernelMap meta = transposedConvMapHeader(in, geometry, outputPadding);
  if (in.numSites == 0) {
    DeviceKernelMap out;
    out.meta = meta;
    return out;
  }
  return Builder(ctx, in, meta).buildTransposedConv();
}

DeviceKernelMap buildMaskedMapOnDevice(GpuContext &ctx, const SparseTensor &in,
                                       const ConvGeometry &geometry, DevPtr<float> mask,
                                       int64_t maskEntries, OutputSiteMethod method) {
  checkMaskedMapArgs(in, geometry, size_t(maskEntries));
  const KernelMap meta = validatedMeta(in, geometry);
  if (in.numSites == 0) {
    DeviceKernelMap out;
    out.meta = meta;
    return out;
  }
  Builder b(ctx, in, meta);
  return geometry.kind == ConvKind::Submanifold ? b.buildRestricted(mask)
                                                : b.buildSprs(mask, method);
}

DeviceBuffer queueTransposedTable(GpuContext &ctx, DevPtr<int32_t> fwdNbr, const KernelMap &fwd,
                                  const KernelMap &header, DevPtr<int> bad) {
  DevicePrimitives prim(ctx);
  DeviceBuffer table = ctx.allocate(size_t(header.numOut * header.volume) * 4);
  ctx.fill(table.address(), 0xff, table.size());
  const i64 entries = fwd.numOut * fwd.volume;
  SCONV_KMAP_LAUNCH(prim, sconv_kmap_transpose, prim.gridFor(entries), fwdNbr, i64(fwd.numOut),
                    int(fwd.volume), i64(fwd.numIn), table.as<int>(), bad);
  SCONV_KMAP_LAUNCH(prim, sconv_kmap_transpose_check, prim.gridFor(entries), fwdNbr,
                    i64(fwd.numOut), int(fwd.volume), i64(fwd.numIn), table.as<int>(), bad);
  return table;
}

KernelMap transposeKernelMapGpu(GpuContext &ctx, const KernelMap &fwd, DevPtr<int32_t> fwdNbr,
                                const SparseTensor &fwdInput, DeviceBuffer *deviceTable) {
  KernelMap t = transposeKernelMapHeader(fwd, fwdInput); // the CPU's checks; nbr all -1
  DevicePrimitives prim(ctx);
  DeviceBuffer bad = ctx.allocate(4);
  ctx.fill(bad.address(), 0, 4);
  DeviceBuffer table = queueTransposedTable(ctx, fwdNbr, fwd, t, bad.as<int>());
  const i64 entries = fwd.numOut * fwd.volume;
  if (prim.fetch(bad.as<int>()) != 0) {
    KernelMap host = fwd; // the CPU's scan over the host table names the bad entry
    if (host.nbrElsewhere) {
      host.nbr.resize(size_t(entries));
      if (entries)
        ctx.download(host.nbr.data(), fwdNbr.address, size_t(entries) * 4);
      host.nbrElsewhere = false;
    }
    (void)transposeKernelMap(host, fwdInput); // throws
    throw Error("transposeKernelMap: the GPU flagged the forward map but the CPU accepts it (a "
                "GPU kernel bug)");
  }
  if (deviceTable) {
    t.nbr.clear();
    t.nbrElsewhere = true;
    *deviceTable = std::move(table);
  } else if (!t.nbr.empty()) {
    ctx.download(t.nbr.data(), table.address(), t.nbr.size() * 4);
  }
  return t;
}

DeviceSiteHash queueFrameHash(GpuContext &ctx, const FrameSites &sites, const SparseTensor &shape,
                              DevPtr<int> errorRow) {
  DevicePrimitives prim(ctx);
  return queueSiteHash(prim, sites.coords, deviceRows(sites.cap, sites.count),
                       toGeom(ConvGeometry{}, shape, shape.spatialShape), errorRow);
}

namespace {
/// The output grid sites of a map a frame builds by bitmap; NotCapturable when the bitmap would
/// pass kMaxOutputBitmapBytes (`what`: "a regular", ... map).
u64 frameBitmapSites(const KernelMap &header, const char *what) {
  const u64 sites = outputGridSites(header);
  if (outputBitmapBytes(header) > kMaxOutputBitmapBytes)
    throw NotCapturable(std::string(what) + " map over " + std::to_string(sites) +
                        " output grid sites needs a bitmap over 1 GiB; such maps are built "
                        "eagerly");
  return sites;
}
} // namespace

DeviceBuffer queueFrameMap(GpuContext &ctx, const FrameSites &in, const SparseTensor &inShape,
                           const DeviceSiteHash *hash, const FrameSites *out,
                           const KernelMap &header, bool transposedConv) {
  DevicePrimitives prim(ctx);
  const KmapGeom g = toGeom(header.geometry, inShape, header.outShape);
  const i64 K = header.volume;
  DeviceBuffer table = ctx.allocate(size_t(header.numOut * K) * 4);
  ctx.fill(table.address(), 0xff, table.size());
  const gpu::Rows rows = deviceRows(in.cap, in.count);
  if (header.geometry.kind == ConvKind::Submanifold) {
    if (!hash)
      throw Error("internal error: a captured submanifold map without its sites' hash");
    SCONV_KMAP_LAUNCH(prim, sconv_kmap_subm_map, prim.gridFor(in.cap * (K / 2 + 1)), in.coords,
                      rows, g, hash->keys.as<u64>(), hash->vals.as<int>(), hash->mask,
                      table.as<int>());
    return table;
  }
  if (!out)
    throw Error("internal error: a captured regular map without its output sites");
  const u64 sites = frameBitmapSites(header, transposedConv ? "a transposed conv" : "a regular");
  const OutputMarks marks{transposedConv ? OutputMarks::TransposedConv : OutputMarks::Regular};
  const OutputBitmap bitmap =
      queueBitmapRanks(prim, in.coords, rows, g, sites, DevPtr<u64>{out->count.address}, marks);
  queueBitmapEmit(prim, bitmap, in.coords, rows, g, out->coords, table.as<int>(), i64(out->cap),
                  marks);
  return table;
}

DeviceBuffer queueFrameMaskedMap(GpuContext &ctx, const FrameSites &in,
                                 const SparseTensor &inShape, const DeviceSiteHash *hash,
                                 const FrameSites &out, DevPtr<float> mask,
                                 const KernelMap &header) {
  DevicePrimitives prim(ctx);
  const KmapGeom g = toGeom(header.geometry, inShape, header.outShape);
  const i64 K = header.volume;
  const gpu::Rows rows = deviceRows(in.cap, in.count);
  const DevPtr<u64> outCount{out.count.address};
  DeviceBuffer table = ctx.allocate(size_t(out.cap * K) * 4);
  if (header.geometry.kind == ConvKind::Submanifold) {
    // SPSS: the important rows, compacted in input order, each with its neighbourhood among all
    // the input's sites (the hash). The lookups write every entry of the table.
    if (!hash)
      throw Error("internal error: a captured SPSS map without its sites' hash");
    DeviceBuffer flags = ctx.allocate(size_t(in.cap) * 8), rank = ctx.allocate(size_t(in.cap) * 8);
    DeviceBuffer srcRows = ctx.allocate(size_t(out.cap) * 4);
    SCONV_KMAP_LAUNCH(prim, sconv_kmap_mask_flags, prim.gridFor(in.cap), mask, rows,
                      flags.as<u64>());
    prim.scan(flags.as<u64>(), rank.as<u64>(), in.cap, outCount);
    SCONV_KMAP_LAUNCH(prim, sconv_kmap_compact_rows, prim.gridFor(in.cap), flags.as<u64>(),
                      rank.as<u64>(), i64(in.cap), int(K), in.coords, DevPtr<int>{}, out.coords,
                      DevPtr<int>{}, srcRows.as<int>(), i64(out.cap));
    SCONV_KMAP_LAUNCH(prim, sconv_kmap_restricted_subm, prim.gridFor(out.cap * K), in.coords,
                      srcRows.as<int>(), deviceRows(out.cap, out.count), g,
                      hash->keys.as<u64>(), hash->vals.as<int>(), hash->mask, table.as<int>());
    return table;
  }
  // SPRS: the bitmap marks only the outputs SPRS keeps, so no full map is built first (its row
  // count would need a capacity of its own); the scatter fills their whole rows.
  ctx.fill(table.address(), 0xff, table.size());
  const u64 sites = frameBitmapSites(header, "an SPRS");
  const OutputMarks marks{OutputMarks::Sprs, mask, int(sprsCentreOffset(header.geometry))};
  const OutputBitmap bitmap = queueBitmapRanks(prim, in.coords, rows, g, sites, outCount, marks);
  queueBitmapEmit(prim, bitmap, in.coords, rows, g, out.coords, table.as<int>(), i64(out.cap),
                  marks);
  return table;
}

KernelMap DeviceKernelMap::download(GpuContext &ctx) const {
  KernelMap m = meta;
  m.nbr.resize(size_t(m.numOut * m.volume));
  m.outCoords.resize(size_t(m.numOut * 4));
  if (!m.nbr.empty())
    ctx.download(m.nbr.data(), nbr.address(), m.nbr.size() * 4);
  if (!m.outCoords.empty())
    ctx.download(m.outCoords.data(), outCoords.address(), m.outCoords.size() * 4);
  return m;
}

KernelMap buildKernelMapGpu(GpuContext &ctx, const SparseTensor &in, const ConvGeometry &geometry,
                            OutputSiteMethod method) {
  const DeviceKernelMap d = buildKernelMapOnDevice(ctx, in, geometry, method);
  if (geometry.kind != ConvKind::Submanifold)
    return d.download(ctx);
  // Submanifold output sites are the input's: no need to copy them back.
  KernelMap m = d.meta;
  m.nbr.resize(size_t(m.numOut * m.volume));
  if (!m.nbr.empty())
    ctx.download(m.nbr.data(), d.nbr.address(), m.nbr.size() * 4);
  m.outCoords = in.coords;
  return m;
}

} // namespace sconv::rt
