// See MaskOrder.h.
#include "runtime/MaskOrder.h"

#include "runtime/ThreadPool.h"

#include <algorithm>
#include <utility>

namespace sconv::rt {

std::vector<int32_t> maskOrder(const KernelMap &map, ThreadPool &pool) {
  const int64_t n = map.numOut, K = map.volume;
  // (mask, row) pairs: distinct, so a plain sort of contiguous pairs is deterministic and faster
  // than a stable sort of indices through a key table.
  std::vector<std::pair<uint64_t, int32_t>> keyed(static_cast<size_t>(n));
  pool.parallelFor(0, n, 4096, [&](int64_t lo, int64_t hi) {
    for (int64_t o = lo; o < hi; ++o) {
      uint64_t m = 0;
      const int32_t *row = map.nbr.data() + o * K;
      for (int64_t k = 0; k < K; ++k)
        m |= uint64_t(row[k] >= 0) << (k % 64);
      keyed[size_t(o)] = {m, int32_t(o)};
    }
  });
  std::sort(keyed.begin(), keyed.end());
  std::vector<int32_t> order(static_cast<size_t>(n));
  for (int64_t j = 0; j < n; ++j)
    order[size_t(j)] = keyed[size_t(j)].second;
  return order;
}

OffsetRows offsetRows(const KernelMap &map) {
  const int64_t n = map.numOut, K = map.volume;
  OffsetRows r;
  r.numOut = n;
  r.columns.resize(static_cast<size_t>(n * K));
  for (int64_t k = 0; k < K; ++k) {
    r.start.push_back(int64_t(r.rows.size()));
    for (int64_t o = 0; o < n; ++o) {
      const int32_t i = map.nbr[size_t(o * K + k)];
      r.columns[size_t(k * n + o)] = i;
      if (i >= 0)
        r.rows.push_back(int32_t(o));
    }
    r.count.push_back(int64_t(r.rows.size()) - r.start.back());
  }
  return r;
}

} // namespace sconv::rt
