// See BlockedSubmanifoldMap.h.
#include "runtime/BlockedSubmanifoldMap.h"
#include "runtime/CoordHash.h"
#include "runtime/LargeFill.h"

#include <algorithm>
#include <numeric>

namespace sconv::rt::detail {

namespace {
constexpr int64_t kRowGrain = 256; // output rows per parallel task (a row is K slots)
} // namespace

void buildSubmanifoldByBlocks(const SparseTensor &in, KernelMap &m, ThreadPool &pool) {
  const ConvGeometry &g = m.geometry;
  const int64_t K = m.volume, N = in.numSites;
  // Reach per axis (r * dilation); the cube edge covers it, so a window spans <= 3 cubes per axis.
  // Clamped to the key range: sites differ by less than 2^16 per axis, so a farther reach finds
  // only what the clamped one does (and the divisibility test below still applies).
  Int3 reach;
  int32_t maxReach = 0;
  for (int a = 0; a < 3; ++a) {
    reach[a] = int32_t(std::min<int64_t>(int64_t(g.kernel[a] / 2) * g.dilation[a], kMaxExtent));
    maxReach = std::max(maxReach, reach[a]);
  }
  int shift = 2;
  while ((int32_t(1) << shift) < maxReach)
    ++shift;
  const int32_t edge = int32_t(1) << shift;

  // Sites by cube: rows sorted by (cube key, row), cubes indexed in a CoordHash of cube coords.
  std::vector<uint64_t> cubeKey(static_cast<size_t>(N));
  for (int64_t i = 0; i < N; ++i) {
    const int32_t *c = in.coord(i);
    cubeKey[size_t(i)] = CoordHash::key(c[0], c[1] >> shift, c[2] >> shift, c[3] >> shift);
  }
  std::vector<int32_t> order(static_cast<size_t>(N));
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](int32_t a, int32_t b) {
    return cubeKey[size_t(a)] != cubeKey[size_t(b)] ? cubeKey[size_t(a)] < cubeKey[size_t(b)]
                                                    : a < b;
  });
  std::vector<int32_t> cubeCoords; // (b, z, y, x) per cube
  std::vector<int64_t> cubeStart;  // cube j holds order[cubeStart[j] .. cubeStart[j + 1])
  for (int64_t p = 0; p < N; ++p) {
    const int32_t i = order[size_t(p)];
    if (p == 0 || cubeKey[size_t(i)] != cubeKey[size_t(order[size_t(p - 1)])]) {
      const int32_t *c = in.coord(i);
      cubeCoords.insert(cubeCoords.end(), {c[0], c[1] >> shift, c[2] >> shift, c[3] >> shift});
      cubeStart.push_back(p);
    }
  }
  cubeStart.push_back(N);
  const int64_t numCubes = int64_t(cubeStart.size()) - 1;
  Int3 cubeShape;
  for (int a = 0; a < 3; ++a)
    cubeShape[a] = (in.spatialShape[a] + edge - 1) >> shift;
  CoordHash cubes;
  cubes.build(cubeCoords.data(), numCubes, in.batchSize, cubeShape);

  // Site coordinates in cube order, so a cube's sites are read contiguously.
  std::vector<Int3> sorted(static_cast<size_t>(N));
  for (int64_t p = 0; p < N; ++p) {
    const int32_t *c = in.coord(order[size_t(p)]);
    sorted[size_t(p)] = {c[1], c[2], c[3]};
  }

  m.numOut = N;
  m.outCoords = in.coords;
  assignLarge(m.nbr, size_t(N * K), int32_t(-1));
  int32_t *nbr = m.nbr.data();
  const int64_t kx = g.kernel[2], kyx = int64_t(g.kernel[1]) * g.kernel[2];
  pool.parallelFor(0, N, kRowGrain, [&](int64_t begin, int64_t end) {
    for (int64_t o = begin; o < end; ++o) {
      const int32_t *c = in.coord(o);
      int32_t *row = nbr + o * K;
      int32_t lo[3], hi[3];
      for (int a = 0; a < 3; ++a) {
        lo[a] = std::max(c[a + 1] - reach[a], 0) >> shift;
        hi[a] = (c[a + 1] + reach[a]) >> shift;
      }
      for (int32_t bz = lo[0]; bz <= hi[0]; ++bz)
        for (int32_t by = lo[1]; by <= hi[1]; ++by)
          for (int32_t bx = lo[2]; bx <= hi[2]; ++bx) {
            const int32_t cube = cubes.lookup(c[0], bz, by, bx);
            if (cube < 0)
              continue;
            for (int64_t p = cubeStart[size_t(cube)]; p < cubeStart[size_t(cube) + 1]; ++p) {
              const Int3 &s = sorted[size_t(p)];
              int64_t pos[3];
              bool inside = true;
              for (int a = 0; a < 3 && inside; ++a) {
                const int32_t d = s[a] - c[a + 1];
                inside = d >= -reach[a] && d <= reach[a] && d % g.dilation[a] == 0;
                pos[a] = d / g.dilation[a] + g.kernel[a] / 2;
              }
              if (inside)
                row[pos[0] * kyx + pos[1] * kx + pos[2]] = order[size_t(p)];
            }
          }
    }
  });
}

} // namespace sconv::rt::detail
