// Per-site operators (see SiteOps.h).
//
// This file is compiled with -fno-fast-math -ffp-contract=off (runtime/CMakeLists.txt): the
// importance mean must be the plain sequence of fp32 additions in channel order on every backend
// (docs/operators-notes.md), since a last-bit difference in m can prune a different site and change
// the output coordinate set. Reassociation (vectorising the channel reduction) or contraction
// would change those bits.
#include "runtime/SiteOps.h"
#include "runtime/ImportanceSigmoid.h"
#include "runtime/LargeFill.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace sconv::rt {
namespace {

std::string coordText(const int32_t *c) {
  return "(" + std::to_string(c[0]) + ", " + std::to_string(c[1]) + ", " + std::to_string(c[2]) +
         ", " + std::to_string(c[3]) + ")";
}

void checkTensor(const SparseTensor &t, const char *what) {
  if (t.numSites < 0 || t.channels < 0)
    throw Error(std::string(what) + ": negative numSites or channels");
  if (int64_t(t.coords.size()) != t.numSites * 4 ||
      int64_t(t.feats.size()) != t.numSites * t.channels)
    throw Error(std::string(what) + ": tensor holds " + std::to_string(t.coords.size()) +
                " coords and " + std::to_string(t.feats.size()) + " features for " +
                std::to_string(t.numSites) + " sites x " + std::to_string(t.channels) +
                " channels");
}

void checkPerSite(size_t n, const SparseTensor &t, const char *what, const char *name) {
  if (int64_t(n) != t.numSites)
    throw Error(std::string(what) + ": " + name + " has " + std::to_string(n) + " entries for " +
                std::to_string(t.numSites) + " sites");
}

/// Throws unless a and b hold the same sites in the same row order (and shape, batch size).
void checkSameSites(const SparseTensor &a, const SparseTensor &b, const char *what) {
  checkTensor(a, what);
  checkTensor(b, what);
  if (a.numSites != b.numSites)
    throw Error(std::string(what) + ": site counts differ (" + std::to_string(a.numSites) +
                " vs " + std::to_string(b.numSites) + ")");
  if (a.spatialShape != b.spatialShape || a.batchSize != b.batchSize)
    throw Error(std::string(what) + ": spatial shapes or batch sizes differ");
  if (a.coords != b.coords) {
    const auto mm = std::mismatch(a.coords.begin(), a.coords.end(), b.coords.begin());
    const int64_t row = int64_t(mm.first - a.coords.begin()) / 4;
    throw Error(std::string(what) + ": the inputs hold different sites or row orders (row " +
                std::to_string(row) + ": " + coordText(a.coord(row)) + " vs " +
                coordText(b.coord(row)) + ")");
  }
}

constexpr int seg(int32_t v) { return v < 0 ? 0 : v == 0 ? 1 : 2; }

} // namespace

// ---- Importance and pruning ---------------------------------------------------------------------

namespace {
SparseTensor onSites(int64_t numSites, const Int3 &shape, int32_t batchSize,
                     const std::vector<int32_t> &coords, int64_t channels) {
  SparseTensor t;
  t.numSites = numSites;
  t.channels = channels;
  t.spatialShape = shape;
  t.batchSize = batchSize;
  t.coords = coords;
  return t;
}
} // namespace

SparseTensor onSitesOf(const SparseTensor &like, int64_t channels) {
  return onSites(like.numSites, like.spatialShape, like.batchSize, like.coords, channels);
}

SparseTensor onOutputSites(const KernelMap &map, int64_t channels) {
  return onSites(map.numOut, map.outShape, map.batchSize, map.outCoords, channels);
}

std::vector<float> importanceMean(const SparseTensor &x) {
  checkTensor(x, "importanceMean");
  checkHasChannels(x, "importanceMean");
  const int64_t C = x.channels;
  const float fc = float(C); // exact for C < 2^24; m = s / float(C), a division (not s * (1/C))
  std::vector<float> m(size_t(x.numSites));
  for (int64_t r = 0; r < x.numSites; ++r) {
    const float *f = x.feat(r);
    // Plain fp32 adds in channel order 0..C-1: the summation order is part of the contract.
    float s = 0.0f;
    for (int64_t c = 0; c < C; ++c)
      s += std::fabs(f[c]);
    m[size_t(r)] = s / fc;
  }
  return m;
}

std::vector<uint8_t> pruneByRatio(const SparseTensor &sites, const std::vector<float> &m,
                                  double ratio) {
  const char *what = "pruneByRatio";
  if (!(ratio >= 0.0 && ratio < 1.0))
    throw Error("pruneByRatio: ratio " + std::to_string(ratio) + " is not in [0, 1)");
  if (sites.numSites < 0 || int64_t(sites.coords.size()) != sites.numSites * 4)
    throw Error("pruneByRatio: coords hold " + std::to_string(sites.coords.size()) +
                " values for " + std::to_string(sites.numSites) + " sites");
  checkPerSite(m.size(), sites, what, "importance vector");
  const int64_t B = sites.batchSize;
  if (B < 1)
    throw Error("pruneByRatio: batch size must be >= 1");
  // Rows grouped by batch sample (counting sort, stable).
  std::vector<int64_t> start(size_t(B) + 1, 0);
  for (int64_t r = 0; r < sites.numSites; ++r) {
    const int32_t b = sites.coord(r)[0];
    if (b < 0 || b >= B)
      throw Error("pruneByRatio: site " + coordText(sites.coord(r)) + " at row " +
                  std::to_string(r) + " lies outside batch [0, " + std::to_string(B) + ")");
    if (std::isnan(m[size_t(r)]))
      throw Error("pruneByRatio: importance of row " + std::to_string(r) + " is NaN");
    ++start[size_t(b) + 1];
  }
  for (int64_t b = 0; b < B; ++b)
    start[size_t(b) + 1] += start[size_t(b)];
  std::vector<int64_t> rows(size_t(sites.numSites));
  {
    std::vector<int64_t> fill(start.begin(), start.end() - 1);
    for (int64_t r = 0; r < sites.numSites; ++r)
      rows[size_t(fill[size_t(sites.coord(r)[0])]++)] = r;
  }
  // Total order within a sample: (m, z, y, x), then the row (only reached by duplicate sites,
  // which the contract excludes; it keeps the comparator a strict weak order regardless).
  auto less = [&](int64_t a, int64_t b) {
    const float ma = m[size_t(a)], mb = m[size_t(b)];
    if (ma != mb)
      return ma < mb;
    const int32_t *ca = sites.coord(a), *cb = sites.coord(b);
    for (int i = 1; i < 4; ++i)
      if (ca[i] != cb[i])
        return ca[i] < cb[i];
    return a < b;
  };
  std::vector<uint8_t> important(size_t(sites.numSites), 1);
  for (int64_t b = 0; b < B; ++b) {
    const auto first = rows.begin() + start[size_t(b)], last = rows.begin() + start[size_t(b) + 1];
    const int64_t nb = int64_t(last - first);
    const auto count = int64_t(std::floor(double(nb) * ratio));
    if (count <= 0)
      continue;
    // The first `count` rows under a strict total order form a unique set: nth_element finds it.
    std::nth_element(first, first + (count - 1), last, less);
    for (auto it = first; it != first + count; ++it)
      important[size_t(*it)] = 0;
  }
  return important;
}

float pruneThreshold(double t) {
  if (!(t > 0.0 && t < 1.0))
    throw Error("pruneByThreshold: threshold " + std::to_string(t) + " is not in (0, 1)");
  return float(std::log(t / (1.0 - t)));
}

std::vector<uint8_t> pruneByThreshold(const std::vector<float> &m, double t) {
  const float limit = pruneThreshold(t);
  std::vector<uint8_t> important(m.size());
  for (size_t r = 0; r < m.size(); ++r)
    important[r] = uint8_t(!(m[r] <= limit));
  return important;
}

void scaleByImportance(SparseTensor &x, const std::vector<float> &m) {
  checkTensor(x, "scaleByImportance");
  checkPerSite(m.size(), x, "scaleByImportance", "importance vector");
  for (int64_t r = 0; r < x.numSites; ++r) {
    const float imp = importanceSigmoid(m[size_t(r)]);
    float *f = x.feat(r);
    for (int64_t c = 0; c < x.channels; ++c)
      f[c] *= imp;
  }
}

SparseTensor mergePruned(const SparseTensor &passthrough, const SparseTensor &computed,
                         const std::vector<uint8_t> &important, const float *scale,
                         const float *shift) {
  checkTensor(passthrough, "mergePruned");
  checkTensor(computed, "mergePruned");
  const std::vector<int32_t> source = mergeSources(passthrough, computed, important);
  const int64_t C = passthrough.channels;
  SparseTensor out = onSitesOf(passthrough, C);
  out.feats.resize(passthrough.feats.size());
  for (int64_t r = 0; r < passthrough.numSites; ++r) {
    float *dst = out.feat(r);
    if (source[size_t(r)] >= 0) {
      std::copy_n(computed.feat(source[size_t(r)]), C, dst);
      continue;
    }
    const float *f = passthrough.feat(r);
    for (int64_t c = 0; c < C; ++c)
      dst[c] = (scale ? scale[c] * f[c] : f[c]) + (shift ? shift[c] : 0.0f);
  }
  return out;
}

std::vector<int32_t> mergeSources(const SparseTensor &passthrough, const SparseTensor &computed,
                                  const std::vector<uint8_t> &important) {
  const char *what = "mergePruned";
  checkPerSite(important.size(), passthrough, what, "importance mask");
  if (computed.channels != passthrough.channels)
    throw Error("mergePruned: computed rows have " + std::to_string(computed.channels) +
                " channels, the pass-through rows " + std::to_string(passthrough.channels));
  const int64_t numImportant =
      int64_t(std::count_if(important.begin(), important.end(), [](uint8_t v) { return v != 0; }));
  if (computed.numSites != numImportant)
    throw Error("mergePruned: " + std::to_string(computed.numSites) + " computed rows for " +
                std::to_string(numImportant) + " important sites");
  for (const SparseTensor *t : {&passthrough, &computed})
    if (int64_t(t->coords.size()) != t->numSites * 4)
      throw Error("mergePruned: coords hold " + std::to_string(t->coords.size()) + " values for " +
                  std::to_string(t->numSites) + " sites");
  std::vector<int32_t> source(size_t(passthrough.numSites), -1);
  int32_t next = 0;
  for (int64_t r = 0; r < passthrough.numSites; ++r) {
    if (!important[size_t(r)])
      continue;
    if (!std::equal(passthrough.coord(r), passthrough.coord(r) + 4, computed.coord(next)))
      throw Error("mergePruned: computed row " + std::to_string(next) + " is site " +
                  coordText(computed.coord(next)) + ", expected important site " +
                  coordText(passthrough.coord(r)));
    source[size_t(r)] = next++;
  }
  return source;
}

// ---- SW-LK partition sums -------------------------------------------------------------------------

namespace {
/// acc += f (+ p), in double. The partition sums' hot loop (C values per neighbour, hundreds of
/// neighbours per row on dense scans): the runtime is built for baseline x86-64, so this one is
/// also cloned for AVX2 (4 doubles a vector instead of SSE2's 2), picked at load time.
#if defined(__x86_64__) && defined(__linux__)
__attribute__((target_clones("avx2", "default")))
#endif
void addNeighbour(double *acc, const float *f, const float *p, int64_t C) {
  if (p) {
    for (int64_t c = 0; c < C; ++c)
      acc[c] += double(f[c]) + double(p[c]);
  } else {
    for (int64_t c = 0; c < C; ++c)
      acc[c] += f[c];
  }
}

/// Calls f(idx, i) for every present entry i = row[idx] >= 0 of a map row of K entries, in
/// increasing idx. A large kernel's row on LiDAR is mostly -1, so entries are tested 8 at a time
/// (the compiler makes it a vector compare and a mask) and only the present ones visited.
template <typename F> void forEachPresent(const int32_t *row, int64_t K, F &&f) {
  for (int64_t base = 0; base < K; base += 8) {
    const int64_t n = std::min<int64_t>(8, K - base);
    uint32_t present = 0;
    for (int64_t j = 0; j < n; ++j)
      present |= uint32_t(row[base + j] >= 0) << j;
    for (; present; present &= present - 1) {
      const int64_t idx = base + __builtin_ctz(present);
      f(idx, row[idx]);
    }
  }
}
} // namespace

SparseTensor partitionSum(const SparseTensor &in, const KernelMap &map, const float *pe, int k,
                          ThreadPool &pool) {
  const char *what = "partitionSum";
  checkTensor(in, what);
  if (k < 3 || k % 2 == 0)
    throw Error("partitionSum: kernel size " + std::to_string(k) + " is not an odd number >= 3");
  const ConvGeometry &g = map.geometry;
  if (g.kind != ConvKind::Submanifold || g.kernel != Int3{k, k, k})
    throw Error("partitionSum: the map is not a " + std::to_string(k) + "^3 submanifold map");
  const int64_t K = int64_t(k) * k * k;
  if (map.volume != K || map.numOut < 0 || int64_t(map.nbr.size()) != map.numOut * K ||
      int64_t(map.outCoords.size()) != map.numOut * 4)
    throw Error("partitionSum: kernel map sizes are inconsistent");
  if (map.numIn != in.numSites)
    throw Error("partitionSum: the map reads " + std::to_string(map.numIn) +
                " input rows but the tensor has " + std::to_string(in.numSites) + " sites");
  const int64_t C = in.channels, centre = K / 2;
  // The groups of the undilated box: a dilated map keeps them (the offset's signs are the same).
  const std::vector<int32_t> group = swLkGroups(k);

  SparseTensor out = onOutputSites(map, 27 * C);
  out.feats.assign(size_t(out.numSites * out.channels), 0.0f);
  // One task per output row range, terms in increasing idx order: deterministic, no atomics.
  // Group sums are accumulated in double and rounded once: a large kernel (k = 17: up to 4913
  // neighbours, hundreds per group on dense LiDAR) would otherwise lose far more than the fp32
  // rounding of one value before the GEMM.
  pool.parallelFor(0, map.numOut, std::max<int64_t>(16, 65536 / (K * std::max<int64_t>(C, 1))),
                   [&](int64_t begin, int64_t end) {
                     std::vector<double> sums(size_t(27 * C));
                     for (int64_t o = begin; o < end; ++o) {
                       const int32_t *row = map.nbr.data() + o * K;
                       std::fill(sums.begin(), sums.end(), 0.0);
                       forEachPresent(row, K, [&](int64_t idx, int32_t i) {
                         if (i >= in.numSites)
                           throw Error("partitionSum: map entry " + std::to_string(i) +
                                       " is outside the input rows");
                         const float *f = in.feat(i);
                         double *acc = sums.data() + int64_t(group[size_t(idx)]) * C;
                         if (idx == centre)
                           std::copy_n(f, C, acc);
                         else
                           addNeighbour(acc, f, pe ? pe + idx * C : nullptr, C);
                       });
                       float *dst = out.feat(o);
                       for (int64_t j = 0; j < 27 * C; ++j)
                         dst[j] = float(sums[size_t(j)]);
                     }
                   });
  return out;
}

// ---- Pointwise ops ------------------------------------------------------------------------------

BatchNormFactors batchNormFactors(int64_t channels, const float *gamma, const float *beta,
                                  const float *mean, const float *var, double eps) {
  if (!gamma || !beta || !mean || !var)
    throw Error("batchNormInPlace: gamma, beta, mean and var are all required");
  BatchNormFactors f;
  f.scale.resize(size_t(channels));
  f.shift.resize(size_t(channels));
  for (int64_t c = 0; c < channels; ++c) {
    const double v = double(var[c]) + eps;
    if (!(v > 0.0))
      throw Error("batchNormInPlace: var + eps is not positive for channel " + std::to_string(c));
    const double s = double(gamma[c]) / std::sqrt(v);
    f.scale[size_t(c)] = float(s);
    f.shift[size_t(c)] = float(double(beta[c]) - double(mean[c]) * s);
  }
  return f;
}

void batchNormInPlace(SparseTensor &x, const float *gamma, const float *beta, const float *mean,
                      const float *var, double eps) {
  checkTensor(x, "batchNormInPlace");
  const int64_t C = x.channels;
  const BatchNormFactors f = batchNormFactors(C, gamma, beta, mean, var, eps);
  for (int64_t r = 0; r < x.numSites; ++r) {
    float *v = x.feat(r);
    for (int64_t c = 0; c < C; ++c)
      v[c] = v[c] * f.scale[size_t(c)] + f.shift[size_t(c)];
  }
}

void reluInPlace(SparseTensor &x) {
  checkTensor(x, "reluInPlace");
  for (float &v : x.feats)
    v = v > 0.0f ? v : 0.0f;
}

void checkHasChannels(const SparseTensor &x, const char *what) {
  if (x.channels < 1)
    throw Error(std::string(what) + ": tensor has no channels");
}

void checkAddChannels(const SparseTensor &a, const SparseTensor &b) {
  if (a.channels != b.channels)
    throw Error("addInPlace: channel counts differ (" + std::to_string(a.channels) + " vs " +
                std::to_string(b.channels) + ")");
}

void addInPlace(SparseTensor &a, const SparseTensor &b) {
  checkSameSites(a, b, "addInPlace");
  checkAddChannels(a, b);
  for (size_t i = 0; i < a.feats.size(); ++i)
    a.feats[i] += b.feats[i];
}

std::vector<int32_t> swLkGroups(int k) {
  ConvGeometry g;
  g.kernel = {k, k, k};
  std::vector<int32_t> group(size_t(g.volume()));
  for (int64_t idx = 0; idx < g.volume(); ++idx) {
    const Int3 off = kernelOffset(g, idx);
    group[size_t(idx)] = 9 * seg(off[0]) + 3 * seg(off[1]) + seg(off[2]);
  }
  return group;
}

std::vector<float> expandSwLkWeights(const std::vector<float> &w27, const std::vector<float> *pe,
                                     int k, int64_t cin, int64_t cout) {
  if (k < 3 || k % 2 == 0)
    throw Error("expand_sw_lk: kernel size " + std::to_string(k) + " is not an odd number >= 3");
  const int64_t K = int64_t(k) * k * k, rows = cin + (pe ? 1 : 0);
  if (cin < 1 || cout < 1 || int64_t(w27.size()) != 27 * cin * cout)
    throw Error("expand_sw_lk: the group weights hold " + std::to_string(w27.size()) +
                " values, expected [27, " + std::to_string(cin) + ", " + std::to_string(cout) +
                "]");
  if (pe && int64_t(pe->size()) != K * cin)
    throw Error("expand_sw_lk: the position embedding holds " + std::to_string(pe->size()) +
                " values, expected [" + std::to_string(K) + ", " + std::to_string(cin) + "]");
  const std::vector<int32_t> group = swLkGroups(k);
  std::vector<float> out(size_t(K * rows * cout));
  std::vector<double> acc(static_cast<size_t>(cout));
  for (int64_t d = 0; d < K; ++d) {
    const float *w = w27.data() + int64_t(group[size_t(d)]) * cin * cout;
    float *dst = out.data() + d * rows * cout;
    std::copy_n(w, cin * cout, dst);
    if (!pe)
      continue;
    std::fill(acc.begin(), acc.end(), 0.0);
    if (d != K / 2) // the centre takes no embedding
      for (int64_t c = 0; c < cin; ++c) {
        const double p = (*pe)[size_t(d * cin + c)];
        for (int64_t co = 0; co < cout; ++co)
          acc[size_t(co)] += p * double(w[c * cout + co]);
      }
    for (int64_t co = 0; co < cout; ++co)
      dst[cin * cout + co] = float(acc[size_t(co)]);
  }
  return out;
}

SparseTensor appendOnes(const SparseTensor &x) {
  checkTensor(x, "appendOnes");
  SparseTensor out = onSitesOf(x, x.channels + 1);
  out.feats.resize(size_t(out.numSites * out.channels));
  for (int64_t r = 0; r < x.numSites; ++r) {
    float *dst = out.feat(r);
    std::copy_n(x.feat(r), x.channels, dst);
    dst[x.channels] = 1.0f;
  }
  return out;
}

SparseTensor concat(const SparseTensor &a, const SparseTensor &b) {
  checkSameSites(a, b, "concat");
  SparseTensor out = onSitesOf(a, a.channels + b.channels);
  out.feats.resize(size_t(out.numSites * out.channels));
  for (int64_t r = 0; r < a.numSites; ++r) {
    float *dst = out.feat(r);
    std::copy_n(a.feat(r), a.channels, dst);
    std::copy_n(b.feat(r), b.channels, dst + a.channels);
  }
  return out;
}

int64_t denseSize(const SparseTensor &x) {
  if (x.numSites < 0 || x.channels < 0 || int64_t(x.coords.size()) != x.numSites * 4)
    throw Error("toDense: tensor holds " + std::to_string(x.coords.size()) + " coords for " +
                std::to_string(x.numSites) + " sites");
  const int64_t B = x.batchSize, C = x.channels, D = x.spatialShape[0], H = x.spatialShape[1],
                W = x.spatialShape[2];
  if (B < 1 || D < 1 || H < 1 || W < 1)
    throw Error("toDense: batch size and spatial shape must be positive");
  constexpr int64_t kLimit = int64_t(1) << 31;
  int64_t total = 1;
  for (int64_t f : {B, C, D, H, W}) {
    if (f != 0 && total > kLimit / f)
      throw Error("toDense: dense map [" + std::to_string(B) + ", " + std::to_string(C) + "*" +
                  std::to_string(D) + ", " + std::to_string(H) + ", " + std::to_string(W) +
                  "] exceeds 2^31 elements");
    total *= f;
  }
  for (int64_t r = 0; r < x.numSites; ++r) {
    const int32_t *s = x.coord(r);
    if (s[0] < 0 || s[0] >= B || s[1] < 0 || s[1] >= D || s[2] < 0 || s[2] >= H || s[3] < 0 ||
        s[3] >= W)
      throw Error("toDense: site " + coordText(s) + " at row " + std::to_string(r) +
                  " lies outside the batch / spatial shape");
  }
  return total;
}

std::vector<float> toDense(const SparseTensor &x) {
  checkTensor(x, "toDense");
  const int64_t total = denseSize(x);
  const int64_t C = x.channels, D = x.spatialShape[0], H = x.spatialShape[1],
                W = x.spatialShape[2];
  std::vector<float> dense;
  assignLarge(dense, size_t(total), 0.0f); // tens of MB a frame: fresh pages are most of the cost
  const int64_t plane = H * W;
  for (int64_t r = 0; r < x.numSites; ++r) {
    const int32_t *s = x.coord(r);
    const float *f = x.feat(r);
    // [b][c*D + z][y][x]
    float *base = dense.data() + (int64_t(s[0]) * C * D + s[1]) * plane + int64_t(s[2]) * W + s[3];
    for (int64_t c = 0; c < C; ++c)
      base[c * D * plane] = f[c];
  }
  return dense;
}

} // namespace sconv::rt
