// Regular (SparseConv3d) kernel maps: collect the output site set, then scatter input rows into it.
// See RegularKernelMap.h for the scheme; OutputSiteMethod picks how the set is collected.
#include "runtime/RegularKernelMap.h"
#include "runtime/CoordHash.h"

#include <algorithm>
#include <atomic>
#include <memory>
#include <numeric>

namespace sconv::rt::detail {
namespace {

constexpr int64_t kInputGrain = 2048; // input rows per parallel task

/// Per-task scratch: the (position, output coordinate) pairs one input reaches along each axis.
struct AxisHits {
  std::vector<int32_t> t[3], o[3];
  explicit AxisHits(const ConvGeometry &g) {
    for (int a = 0; a < 3; ++a) {
      t[a].reserve(size_t(g.kernel[a]));
      o[a].reserve(size_t(g.kernel[a]));
    }
  }
};

/// Calls visit(b, oz, oy, ox, k) for every output site o and flat kernel index k with
/// o*s - p + pos(k)*d == c. Distinct positions along an axis give distinct outputs.
template <typename Visit>
void forEachCandidate(const int32_t *c, const ConvGeometry &g, const Int3 &out, AxisHits &h,
                      Visit &&visit) {
  for (int a = 0; a < 3; ++a) {
    h.t[a].clear();
    h.o[a].clear();
    for (int32_t t = 0; t < g.kernel[a]; ++t) {
      const int64_t num = int64_t(c[a + 1]) + g.padding[a] - int64_t(t) * g.dilation[a];
      if (num < 0)
        break; // num only decreases with t
      if (num % g.stride[a] != 0 || num / g.stride[a] >= out[a])
        continue;
      h.t[a].push_back(t);
      h.o[a].push_back(int32_t(num / g.stride[a]));
    }
    if (h.t[a].empty())
      return;
  }
  const int64_t ky = g.kernel[1], kx = g.kernel[2];
  for (size_t iz = 0; iz < h.t[0].size(); ++iz)
    for (size_t iy = 0; iy < h.t[1].size(); ++iy) {
      const int64_t kzy = (h.t[0][iz] * ky + h.t[1][iy]) * kx;
      for (size_t ix = 0; ix < h.t[2].size(); ++ix)
        visit(c[0], h.o[0][iz], h.o[1][iy], h.o[2][ix], kzy + h.t[2][ix]);
    }
}

/// Upper bound on the candidates: per axis at most ceil(k / (s / gcd(s, d))) positions satisfy the
/// divisibility condition for one input coordinate.
uint64_t candidateBound(int64_t numIn, const ConvGeometry &g) {
  uint64_t per = 1;
  for (int a = 0; a < 3; ++a) {
    const int64_t period = g.stride[a] / std::gcd(g.stride[a], g.dilation[a]);
    per *= uint64_t((g.kernel[a] + period - 1) / period);
  }
  return per * uint64_t(numIn);
}

/// nbr = -1 everywhere, then nbr[rowOf(o)][k] = i for every candidate (i, o, k).
template <typename RowOf>
void scatterInputs(const SparseTensor &in, KernelMap &m, ThreadPool &pool, RowOf &&rowOf) {
  const int64_t K = m.volume;
  m.nbr.assign(size_t(m.numOut * K), -1);
  int32_t *nbr = m.nbr.data();
  pool.parallelFor(0, in.numSites, kInputGrain, [&](int64_t begin, int64_t end) {
    AxisHits hits(m.geometry);
    for (int64_t i = begin; i < end; ++i)
      forEachCandidate(in.coord(i), m.geometry, m.outShape, hits,
                       [&](int32_t b, int32_t z, int32_t y, int32_t x, int64_t k) {
                         nbr[int64_t(rowOf(b, z, y, x)) * K + k] = int32_t(i);
                       });
  });
}

/// One bit per site of the batch x output grid, in flat (b, z, y, x) order: marking is a parallel
/// atomic OR, reading out in order gives the sorted site list, and the rank of a set bit (prefix
/// count per word + popcount) is the output row.
void viaBitmap(const SparseTensor &in, KernelMap &m, ThreadPool &pool, uint64_t totalBits) {
  const ConvGeometry &g = m.geometry;
  const uint64_t words = (totalBits + 63) / 64;
  const uint64_t D = uint64_t(m.outShape[0]), H = uint64_t(m.outShape[1]),
                 W = uint64_t(m.outShape[2]);
  auto flat = [&](int32_t b, int32_t z, int32_t y, int32_t x) {
    return ((uint64_t(b) * D + uint64_t(z)) * H + uint64_t(y)) * W + uint64_t(x);
  };
  std::unique_ptr<std::atomic<uint64_t>[]> bits(new std::atomic<uint64_t>[words]());
  pool.parallelFor(0, in.numSites, kInputGrain, [&](int64_t begin, int64_t end) {
    AxisHits hits(g);
    for (int64_t r = begin; r < end; ++r)
      forEachCandidate(in.coord(r), g, m.outShape, hits,
                       [&](int32_t b, int32_t z, int32_t y, int32_t x, int64_t) {
                         const uint64_t f = flat(b, z, y, x), bit = uint64_t(1) << (f & 63);
                         std::atomic<uint64_t> &w = bits[f >> 6];
                         // Stride-1 convs reach each output many times: skip the RMW when set.
                         if (!(w.load(std::memory_order_relaxed) & bit))
                           w.fetch_or(bit, std::memory_order_relaxed);
                       });
  });

  // Count per block of words, prefix-sum, then emit sites and per-word ranks block by block.
  const int64_t blocks = int64_t(std::min<uint64_t>(words, 1024));
  const uint64_t perBlock = (words + uint64_t(blocks) - 1) / uint64_t(blocks);
  auto blockEnd = [&](int64_t b) { return std::min(words, uint64_t(b + 1) * perBlock); };
  std::vector<uint64_t> offsets(static_cast<size_t>(blocks) + 1, 0);
  pool.parallelFor(0, blocks, 1, [&](int64_t b0, int64_t b1) {
    for (int64_t b = b0; b < b1; ++b) {
      uint64_t n = 0;
      for (uint64_t w = uint64_t(b) * perBlock; w < blockEnd(b); ++w)
        n += uint64_t(__builtin_popcountll(bits[w].load(std::memory_order_relaxed)));
      offsets[size_t(b) + 1] = n;
    }
  });
  std::partial_sum(offsets.begin(), offsets.end(), offsets.begin());
  m.numOut = int64_t(offsets.back());
  if (m.numOut > INT32_MAX)
    throw Error("kernel map: " + std::to_string(m.numOut) + " output sites overflow int32 rows");
  m.outCoords.resize(size_t(m.numOut * 4));
  std::vector<uint32_t> wordRank(words);
  pool.parallelFor(0, blocks, 1, [&](int64_t b0, int64_t b1) {
    for (int64_t b = b0; b < b1; ++b) {
      uint64_t pos = offsets[size_t(b)];
      for (uint64_t w = uint64_t(b) * perBlock; w < blockEnd(b); ++w) {
        wordRank[w] = uint32_t(pos);
        for (uint64_t v = bits[w].load(std::memory_order_relaxed); v; v &= v - 1) {
          uint64_t f = w * 64 + uint64_t(__builtin_ctzll(v));
          int32_t *c = m.outCoords.data() + 4 * pos++;
          c[3] = int32_t(f % W);
          f /= W;
          c[2] = int32_t(f % H);
          f /= H;
          c[1] = int32_t(f % D);
          c[0] = int32_t(f / D);
        }
      }
    }
  });

  scatterInputs(in, m, pool, [&](int32_t b, int32_t z, int32_t y, int32_t x) {
    const uint64_t f = flat(b, z, y, x);
    const uint64_t below = bits[f >> 6].load(std::memory_order_relaxed) &
                           ((uint64_t(1) << (f & 63)) - 1);
    return int32_t(wordRank[f >> 6] + uint32_t(__builtin_popcountll(below)));
  });
}

/// Candidate keys per fixed input chunk (not per thread, so intermediates do not depend on the
/// thread count), each sorted and deduplicated, then merged; rows come from a CoordHash.
void viaSort(const SparseTensor &in, KernelMap &m, ThreadPool &pool) {
  const ConvGeometry &g = m.geometry;
  const int64_t chunk = 4096;
  const int64_t numChunks = (in.numSites + chunk - 1) / chunk;
  std::vector<std::vector<uint64_t>> parts(static_cast<size_t>(numChunks));
  pool.parallelFor(0, numChunks, 1, [&](int64_t c0, int64_t c1) {
    AxisHits hits(g);
    for (int64_t c = c0; c < c1; ++c) {
      std::vector<uint64_t> &keys = parts[size_t(c)];
      const int64_t end = std::min(in.numSites, (c + 1) * chunk);
      for (int64_t r = c * chunk; r < end; ++r)
        forEachCandidate(in.coord(r), g, m.outShape, hits,
                         [&](int32_t b, int32_t z, int32_t y, int32_t x, int64_t) {
                           keys.push_back(CoordHash::key(b, z, y, x));
                         });
      std::sort(keys.begin(), keys.end());
      keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    }
  });
  size_t total = 0;
  for (const auto &p : parts)
    total += p.size();
  std::vector<uint64_t> keys;
  keys.reserve(total);
  for (auto &p : parts) {
    keys.insert(keys.end(), p.begin(), p.end());
    std::vector<uint64_t>().swap(p);
  }
  std::sort(keys.begin(), keys.end()); // packed keys sort as (b, z, y, x)
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());

  CoordHash outHash;
  setSortedOutputSites(m, keys, pool, "kernel map", outHash);
  scatterInputs(in, m, pool, [&](int32_t b, int32_t z, int32_t y, int32_t x) {
    return outHash.lookup(b, z, y, x);
  });
}

} // namespace

void setSortedOutputSites(KernelMap &m, std::vector<uint64_t> &keys, ThreadPool &pool,
                          const char *what, CoordHash &outHash) {
  m.numOut = int64_t(keys.size());
  if (m.numOut > INT32_MAX)
    throw Error(std::string(what) + ": " + std::to_string(m.numOut) +
                " output sites overflow int32 rows");
  m.outCoords.resize(size_t(m.numOut * 4));
  pool.parallelFor(0, m.numOut, 8192, [&](int64_t begin, int64_t end) {
    for (int64_t o = begin; o < end; ++o) {
      const uint64_t k = keys[size_t(o)];
      int32_t *c = m.outCoords.data() + 4 * o;
      c[0] = int32_t(k >> 48);
      c[1] = int32_t((k >> 32) & 0xffff);
      c[2] = int32_t((k >> 16) & 0xffff);
      c[3] = int32_t(k & 0xffff);
    }
  });
  std::vector<uint64_t>().swap(keys);
  outHash.build(m.outCoords.data(), m.numOut, m.batchSize, m.outShape);
}

void buildRegularMap(const SparseTensor &in, KernelMap &m, ThreadPool &pool,
                     OutputSiteMethod method) {
  m.numOut = 0;
  m.outCoords.clear();
  m.nbr.clear();
  if (in.numSites == 0)
    return;
  // Extents are < 2^16 and batch < 2^15 (checked by the caller), so this fits in 63 bits.
  const uint64_t totalBits = uint64_t(m.batchSize) * uint64_t(m.outShape[0]) *
                             uint64_t(m.outShape[1]) * uint64_t(m.outShape[2]);
  const uint64_t bitmapBytes = (totalBits + 63) / 64 * 12; // bits + per-word ranks
  if (method == OutputSiteMethod::Auto) {
    const uint64_t listBytes = candidateBound(in.numSites, m.geometry) * 8;
    method = (bitmapBytes <= (uint64_t(64) << 20) || bitmapBytes <= listBytes)
                 ? OutputSiteMethod::Bitmap
                 : OutputSiteMethod::Sort;
  }
  // A forced bitmap too large for memory falls back to sorting (same result). The per-word rank
  // is 32-bit, which the bound also guarantees (fewer than 2^32 sites).
  if (method == OutputSiteMethod::Bitmap && bitmapBytes <= (uint64_t(12) << 30))
    viaBitmap(in, m, pool, totalBits);
  else
    viaSort(in, m, pool);
}

} // namespace sconv::rt::detail
