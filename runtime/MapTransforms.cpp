// Transposed, transposed-conv and SPS-Conv kernel maps (see MapTransforms.h). Sites are indexed with
// CoordHash as in KernelMap.cpp; every parallel pass either writes slots with exactly one writer or
// works on fixed chunks, so the maps never depend on the thread count.
#include "runtime/MapTransforms.h"
#include "runtime/CoordHash.h"
#include "runtime/RegularKernelMap.h"

#include <algorithm>
#include <atomic>
#include <iterator>
#include <string>

namespace sconv::rt {
namespace {

constexpr int64_t kRowGrain = 1024;   // output rows per parallel task
constexpr int64_t kInputChunk = 4096; // input rows per candidate-key chunk

std::string int3Text(const Int3 &v) {
  return "(" + std::to_string(v[0]) + ", " + std::to_string(v[1]) + ", " + std::to_string(v[2]) +
         ")";
}

void checkSites(const SparseTensor &t, const char *what) {
  if (t.numSites < 0 || int64_t(t.coords.size()) != t.numSites * 4)
    throw Error(std::string(what) + ": coords hold " + std::to_string(t.coords.size()) +
                " values for " + std::to_string(t.numSites) + " sites (expected 4 per site)");
  if (t.numSites > INT32_MAX)
    throw Error(std::string(what) + ": " + std::to_string(t.numSites) +
                " sites overflow int32 rows");
}

/// Validates the map's own sizes: nbr is numOut x volume with entries in [-1, numIn).
void checkMapShape(const KernelMap &m, const char *what) {
  if (m.volume < 1 || m.numOut < 0 || m.numIn < 0 ||
      (!m.nbrElsewhere && int64_t(m.nbr.size()) != m.numOut * m.volume) ||
      int64_t(m.outCoords.size()) != m.numOut * 4)
    throw Error(std::string(what) + ": kernel map sizes are inconsistent (numOut " +
                std::to_string(m.numOut) + ", volume " + std::to_string(m.volume) + ", nbr " +
                std::to_string(m.nbr.size()) + ", outCoords " + std::to_string(m.outCoords.size()) +
                ")");
  if (m.numOut > INT32_MAX)
    throw Error(std::string(what) + ": " + std::to_string(m.numOut) +
                " output rows overflow int32");
}

[[noreturn]] void throwEntryOutOfRange(int64_t o, int64_t k, int32_t i, int64_t numIn) {
  throw Error("transposeKernelMap: forward map entry nbr[" + std::to_string(o) + "][" +
              std::to_string(k) + "] = " + std::to_string(i) + " is outside [-1, " +
              std::to_string(numIn) + ")");
}

[[noreturn]] void throwNotInvertible(int64_t i, int64_t k, int64_t o1, int64_t o2) {
  throw Error("transposeKernelMap: map is not invertible: input row " + std::to_string(i) +
              " is reached through offset " + std::to_string(k) + " from outputs " +
              std::to_string(o1) + " and " + std::to_string(o2));
}

/// Serial scatter: t.nbr[i*K + k] = o. Reports the first offending entry in (o, k) order.
void transposeSerial(const KernelMap &fwd, KernelMap &t) {
  const int64_t K = fwd.volume;
  for (int64_t o = 0; o < fwd.numOut; ++o)
    for (int64_t k = 0; k < K; ++k) {
      const int32_t i = fwd.nbr[size_t(o * K + k)];
      if (i < 0) {
        if (i != -1)
          throwEntryOutOfRange(o, k, i, fwd.numIn);
        continue;
      }
      if (i >= fwd.numIn)
        throwEntryOutOfRange(o, k, i, fwd.numIn);
      int32_t &slot = t.nbr[size_t(int64_t(i) * K + k)];
      if (slot >= 0)
        throwNotInvertible(i, k, slot, o);
      slot = int32_t(o);
    }
}

/// Calls visit(b, oz, oy, ox, k) for every output o and flat kernel index k of a transposed conv
/// with o == c*s - p + kpos(k)*d.
template <typename Visit>
void forEachTransposedTarget(const int32_t *c, const ConvGeometry &g, const Int3 &out,
                             std::vector<int32_t> (&tt)[3], std::vector<int32_t> (&oo)[3],
                             Visit &&visit) {
  for (int a = 0; a < 3; ++a) {
    tt[a].clear();
    oo[a].clear();
    const int64_t base = int64_t(c[a + 1]) * g.stride[a] - g.padding[a];
    for (int32_t t = 0; t < g.kernel[a]; ++t) {
      const int64_t v = base + int64_t(t) * g.dilation[a];
      if (v >= out[a])
        break; // v only grows with t
      if (v < 0)
        continue;
      tt[a].push_back(t);
      oo[a].push_back(int32_t(v));
    }
    if (tt[a].empty())
      return;
  }
  const int64_t ky = g.kernel[1], kx = g.kernel[2];
  for (size_t iz = 0; iz < tt[0].size(); ++iz)
    for (size_t iy = 0; iy < tt[1].size(); ++iy) {
      const int64_t kzy = (int64_t(tt[0][iz]) * ky + tt[1][iy]) * kx;
      for (size_t ix = 0; ix < tt[2].size(); ++ix)
        visit(c[0], oo[0][iz], oo[1][iy], oo[2][ix], kzy + tt[2][ix]);
    }
}

/// Kernel offset * dilation per flat index, clamped: |delta| >= 2^16 always leaves the shape.
std::vector<Int3> submanifoldDeltas(const ConvGeometry &g) {
  const int64_t K = g.volume();
  std::vector<Int3> delta(static_cast<size_t>(K));
  for (int64_t k = 0; k < K; ++k) {
    const Int3 off = kernelOffset(g, k);
    for (int a = 0; a < 3; ++a)
      delta[size_t(k)][a] = int32_t(
          std::clamp<int64_t>(int64_t(off[a]) * g.dilation[a], -kMaxExtent, kMaxExtent));
  }
  return delta;
}

} // namespace

KernelMap transposeKernelMapHeader(const KernelMap &fwd, const SparseTensor &fwdInput) {
  const char *what = "transposeKernelMap";
  checkMapShape(fwd, what);
  checkSites(fwdInput, what);
  if (fwd.numIn != fwdInput.numSites)
    throw Error("transposeKernelMap: the forward map reads " + std::to_string(fwd.numIn) +
                " input rows but the forward input has " + std::to_string(fwdInput.numSites) +
                " sites");
  if (fwd.batchSize != fwdInput.batchSize)
    throw Error("transposeKernelMap: the forward map's batch size " +
                std::to_string(fwd.batchSize) + " differs from the forward input's " +
                std::to_string(fwdInput.batchSize));
  KernelMap t;
  t.geometry = fwd.geometry;
  t.numIn = fwd.numOut;
  t.numOut = fwdInput.numSites;
  t.volume = fwd.volume;
  t.batchSize = fwdInput.batchSize;
  t.outShape = fwdInput.spatialShape;
  t.outCoords = fwdInput.coords;
  t.nbr.assign(size_t(t.numOut * t.volume), -1);
  return t;
}

KernelMap transposeKernelMap(const KernelMap &fwd, const SparseTensor &fwdInput) {
  KernelMap t = transposeKernelMapHeader(fwd, fwdInput);
  transposeSerial(fwd, t);
  return t;
}

KernelMap transposeKernelMap(const KernelMap &fwd, const SparseTensor &fwdInput,
                             ThreadPool &pool) {
  KernelMap t = transposeKernelMapHeader(fwd, fwdInput);
  const int64_t K = fwd.volume;
  int32_t *dst = t.nbr.data();
  std::atomic<bool> bad{false};
  // Claim each slot with a compare-and-swap from -1: a valid map has one writer per slot, and any
  // failure (collision or out-of-range entry) is re-found by the serial pass below, so the error
  // reported does not depend on the thread interleaving.
  pool.parallelFor(0, fwd.numOut, kRowGrain, [&](int64_t begin, int64_t end) {
    for (int64_t o = begin; o < end && !bad.load(std::memory_order_relaxed); ++o)
      for (int64_t k = 0; k < K; ++k) {
        const int32_t i = fwd.nbr[size_t(o * K + k)];
        if (i == -1)
          continue;
        if (i < -1 || i >= fwd.numIn) {
          bad.store(true, std::memory_order_relaxed);
          return;
        }
        int32_t expected = -1;
        if (!__atomic_compare_exchange_n(dst + int64_t(i) * K + k, &expected, int32_t(o), false,
                                         __ATOMIC_RELAXED, __ATOMIC_RELAXED)) {
          bad.store(true, std::memory_order_relaxed);
          return;
        }
      }
  });
  if (bad.load()) {
    std::fill(t.nbr.begin(), t.nbr.end(), -1);
    transposeSerial(fwd, t); // throws the first error in (o, k) order
  }
  return t;
}

Int3 convTransposeOutputShape(const Int3 &in, const ConvGeometry &g, const Int3 &outputPadding) {
  g.validate();
  if (g.kind != ConvKind::Regular)
    throw Error("transposed conv: geometry must be regular (kernel, stride, padding, dilation of "
                "the transposed conv)");
  Int3 out;
  for (int a = 0; a < 3; ++a) {
    if (in[a] < 1)
      throw Error("transposed conv: input shape " + int3Text(in) + " must be positive");
    if (outputPadding[a] < 0 || outputPadding[a] >= std::max(g.stride[a], g.dilation[a]))
      throw Error("transposed conv: output padding " + int3Text(outputPadding) +
                  " must satisfy 0 <= output_padding < max(stride, dilation) per axis (stride " +
                  int3Text(g.stride) + ", dilation " + int3Text(g.dilation) + ")");
    const int64_t v = (int64_t(in[a]) - 1) * g.stride[a] - 2 * int64_t(g.padding[a]) +
                      int64_t(g.dilation[a]) * (g.kernel[a] - 1) + 1 + outputPadding[a];
    if (v < 1 || v > INT32_MAX)
      throw Error("transposed conv: output extent along axis " + std::to_string(a) + " is " +
                  std::to_string(v) + " (input " + int3Text(in) + ", kernel " +
                  int3Text(g.kernel) + ", stride " + int3Text(g.stride) + ", padding " +
                  int3Text(g.padding) + ", dilation " + int3Text(g.dilation) + ")");
    out[a] = int32_t(v);
  }
  return out;
}

KernelMap transposedConvMapHeader(const SparseTensor &in, const ConvGeometry &g,
                                  const Int3 &outputPadding) {
  checkSites(in, "transposed conv map");
  checkKeyRange(in.batchSize, in.spatialShape, "transposed conv map input:");
  KernelMap m;
  m.geometry = g;
  m.numIn = in.numSites;
  m.volume = g.volume();
  m.batchSize = in.batchSize;
  m.outShape = convTransposeOutputShape(in.spatialShape, g, outputPadding);
  checkKeyRange(in.batchSize, m.outShape, "transposed conv map output:");
  return m;
}

KernelMap buildTransposedConvMap(const SparseTensor &in, const ConvGeometry &g, Int3 outputPadding,
                                 ThreadPool &pool) {
  KernelMap m = transposedConvMapHeader(in, g, outputPadding);
  {
    CoordHash inHash; // validates the input sites: in range, no duplicates (one writer per slot)
    inHash.build(in.coords.data(), in.numSites, in.batchSize, in.spatialShape);
  }
  if (in.numSites == 0)
    return m;

  // Candidate keys per fixed input chunk, sorted and deduplicated, then merged pairwise (set union)
  // in rounds: the intermediates depend on the chunking only, never on the thread count.
  const int64_t numChunks = (in.numSites + kInputChunk - 1) / kInputChunk;
  std::vector<std::vector<uint64_t>> parts(static_cast<size_t>(numChunks));
  pool.parallelFor(0, numChunks, 1, [&](int64_t c0, int64_t c1) {
    std::vector<int32_t> tt[3], oo[3];
    for (int64_t c = c0; c < c1; ++c) {
      std::vector<uint64_t> &keys = parts[size_t(c)];
      const int64_t end = std::min(in.numSites, (c + 1) * kInputChunk);
      for (int64_t r = c * kInputChunk; r < end; ++r)
        forEachTransposedTarget(in.coord(r), g, m.outShape, tt, oo,
                                [&](int32_t b, int32_t z, int32_t y, int32_t x, int64_t) {
                                  keys.push_back(CoordHash::key(b, z, y, x));
                                });
      std::sort(keys.begin(), keys.end()); // packed keys sort as (b, z, y, x)
      keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    }
  });
  while (parts.size() > 1) {
    const int64_t pairs = int64_t(parts.size()) / 2;
    std::vector<std::vector<uint64_t>> next(static_cast<size_t>((int64_t(parts.size()) + 1) / 2));
    pool.parallelFor(0, pairs, 1, [&](int64_t p0, int64_t p1) {
      for (int64_t p = p0; p < p1; ++p) {
        std::vector<uint64_t> &a = parts[size_t(2 * p)], &b = parts[size_t(2 * p + 1)];
        std::vector<uint64_t> &u = next[size_t(p)];
        u.reserve(a.size() + b.size());
        std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(u));
        std::vector<uint64_t>().swap(a);
        std::vector<uint64_t>().swap(b);
      }
    });
    if (parts.size() % 2)
      next.back() = std::move(parts.back());
    parts = std::move(next);
  }
  std::vector<uint64_t> keys = std::move(parts.front());

  CoordHash outHash;
  detail::setSortedOutputSites(m, keys, pool, "transposed conv map", outHash);

  // Scatter: (input i, position k) reaches exactly one o, and (o, k) determines i, so every slot
  // has one writer.
  const int64_t K = m.volume;
  m.nbr.assign(size_t(m.numOut * K), -1);
  int32_t *nbr = m.nbr.data();
  pool.parallelFor(0, in.numSites, kInputChunk / 2, [&](int64_t begin, int64_t end) {
    std::vector<int32_t> tt[3], oo[3];
    for (int64_t i = begin; i < end; ++i)
      forEachTransposedTarget(in.coord(i), g, m.outShape, tt, oo,
                              [&](int32_t b, int32_t z, int32_t y, int32_t x, int64_t k) {
                                nbr[int64_t(outHash.lookup(b, z, y, x)) * K + k] = int32_t(i);
                              });
  });
  return m;
}

int64_t sprsCentreOffset(const ConvGeometry &g) {
  int64_t centre = 0;
  for (int a = 0; a < 3; ++a)
    centre = centre * g.kernel[a] + (g.kernel[a] - 1) / 2;
  return centre;
}

void checkMaskedMapArgs(const SparseTensor &in, const ConvGeometry &g, size_t maskEntries) {
  const bool sprs = g.kind == ConvKind::Regular;
  const char *what = sprs ? "SPRS map" : "restricted submanifold map";
  g.validate();
  checkSites(in, what);
  if (int64_t(maskEntries) != in.numSites)
    throw Error(std::string(what) + ": importance mask has " + std::to_string(maskEntries) +
                " entries for " + std::to_string(in.numSites) + " input sites");
  if (!sprs)
    checkKeyRange(in.batchSize, in.spatialShape, "restricted submanifold map input:");
}

KernelMap buildRestrictedSubmanifoldMap(const SparseTensor &in, const ConvGeometry &g,
                                        const std::vector<uint8_t> &important, ThreadPool &pool) {
  if (g.kind != ConvKind::Submanifold)
    throw Error("restricted submanifold map: geometry must be submanifold");
  checkMaskedMapArgs(in, g, important.size());
  CoordHash hash; // all input sites, important and pruned
  hash.build(in.coords.data(), in.numSites, in.batchSize, in.spatialShape);

  KernelMap m;
  m.geometry = g;
  m.numIn = in.numSites;
  m.volume = g.volume();
  m.batchSize = in.batchSize;
  m.outShape = in.spatialShape;
  std::vector<int32_t> rows; // input row of each output row, in input row order
  rows.reserve(important.size());
  for (int64_t r = 0; r < in.numSites; ++r)
    if (important[size_t(r)])
      rows.push_back(int32_t(r));
  m.numOut = int64_t(rows.size());
  m.outCoords.resize(size_t(m.numOut * 4));
  const int64_t K = m.volume, centre = K / 2;
  m.nbr.assign(size_t(m.numOut * K), -1);
  const std::vector<Int3> delta = submanifoldDeltas(g);
  // No symmetry trick here: outputs are a subset of the inputs, so every offset is looked up.
  pool.parallelFor(0, m.numOut, std::max<int64_t>(64, kRowGrain * 8 / K),
                   [&](int64_t begin, int64_t end) {
                     for (int64_t o = begin; o < end; ++o) {
                       const int32_t src = rows[size_t(o)];
                       const int32_t *c = in.coord(src);
                       std::copy_n(c, 4, m.outCoords.data() + 4 * o);
                       int32_t *row = m.nbr.data() + o * K;
                       for (int64_t k = 0; k < K; ++k) {
                         const Int3 &d = delta[size_t(k)];
                         row[k] = k == centre ? src
                                              : hash.lookup(c[0], c[1] + d[0], c[2] + d[1],
                                                            c[3] + d[2]);
                       }
                     }
                   });
  return m;
}

KernelMap buildSprsMap(const SparseTensor &in, const ConvGeometry &g,
                       const std::vector<uint8_t> &important, ThreadPool &pool) {
  if (g.kind != ConvKind::Regular)
    throw Error("SPRS map: geometry must be regular");
  checkMaskedMapArgs(in, g, important.size());
  // The SPRS sites are a subset of the regular conv's: every admitted o has an active input in its
  // window (an important one, or the pruned centre). Build the regular map, then keep its rows.
  KernelMap full = buildKernelMap(in, g, pool);
  const int64_t K = full.volume;
  const int64_t centre = sprsCentreOffset(g);

  std::vector<uint8_t> keep(static_cast<size_t>(full.numOut));
  pool.parallelFor(0, full.numOut, kRowGrain, [&](int64_t begin, int64_t end) {
    for (int64_t o = begin; o < end; ++o) {
      const int32_t *row = full.nbr.data() + o * K;
      bool k = false;
      for (int64_t j = 0; j < K && !k; ++j)
        k = row[j] >= 0 && important[size_t(row[j])];
      if (!k)
        k = row[centre] >= 0; // the centre input is active, hence pruned (no important input)
      keep[size_t(o)] = uint8_t(k);
    }
  });
  std::vector<int32_t> rows;
  rows.reserve(keep.size());
  for (int64_t o = 0; o < full.numOut; ++o)
    if (keep[size_t(o)])
      rows.push_back(int32_t(o));
  if (int64_t(rows.size()) == full.numOut)
    return full;

  KernelMap m;
  m.geometry = full.geometry;
  m.numIn = full.numIn;
  m.volume = K;
  m.batchSize = full.batchSize;
  m.outShape = full.outShape;
  m.numOut = int64_t(rows.size());
  m.outCoords.resize(size_t(m.numOut * 4));
  m.nbr.resize(size_t(m.numOut * K));
  pool.parallelFor(0, m.numOut, kRowGrain, [&](int64_t begin, int64_t end) {
    for (int64_t o = begin; o < end; ++o) {
      const int64_t src = rows[size_t(o)];
      std::copy_n(full.outCoords.data() + 4 * src, 4, m.outCoords.data() + 4 * o);
      std::copy_n(full.nbr.data() + src * K, K, m.nbr.data() + o * K);
    }
  });
  return m;
}

} // namespace sconv::rt
