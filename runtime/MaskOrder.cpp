// See MaskOrder.h.
#include "runtime/MaskOrder.h"

#include "runtime/Error.h"
#include "runtime/ThreadPool.h"

#include <algorithm>
#include <utility>

namespace sconv::rt {

namespace {
/// Output rows sorted by their mask over offsets [kBegin, kEnd), ties in row order; rows with an
/// empty mask there are dropped when `dropEmpty`.
std::vector<int32_t> sortedByMask(const KernelMap &map, int64_t kBegin, int64_t kEnd,
                                  bool dropEmpty, ThreadPool &pool) {
  const int64_t n = map.numOut, K = map.volume;
  // (mask, row) pairs: distinct, so a plain sort of contiguous pairs is deterministic and faster
  // than a stable sort of indices through a key table.
  std::vector<std::pair<uint64_t, int32_t>> keyed(static_cast<size_t>(n));
  pool.parallelFor(0, n, 4096, [&](int64_t lo, int64_t hi) {
    for (int64_t o = lo; o < hi; ++o) {
      uint64_t m = 0;
      const int32_t *row = map.nbr.data() + o * K;
      for (int64_t k = kBegin; k < kEnd; ++k)
        m |= uint64_t(row[k] >= 0) << ((k - kBegin) % 64);
      keyed[size_t(o)] = {m, int32_t(o)};
    }
  });
  std::sort(keyed.begin(), keyed.end());
  // Empty masks sort first.
  size_t first = 0;
  if (dropEmpty)
    while (first < keyed.size() && keyed[first].first == 0)
      ++first;
  std::vector<int32_t> order(keyed.size() - first);
  for (size_t j = first; j < keyed.size(); ++j)
    order[j - first] = keyed[j].second;
  return order;
}
} // namespace

std::vector<int32_t> maskOrder(const KernelMap &map, ThreadPool &pool) {
  return sortedByMask(map, 0, map.volume, /*dropEmpty=*/false, pool);
}

std::pair<int64_t, int64_t> splitRange(int64_t volume, int64_t splits, int64_t r) {
  return {r * volume / splits, (r + 1) * volume / splits};
}

SplitOrders splitOrders(const KernelMap &map, int64_t splits, ThreadPool &pool) {
  if (splits < 1 || splits > map.volume)
    throw Error("mask splitting: " + std::to_string(splits) + " offset ranges for a kernel of " +
                std::to_string(map.volume) + " offsets");
  SplitOrders s;
  for (int64_t r = 0; r < splits; ++r) {
    const auto [kBegin, kEnd] = splitRange(map.volume, splits, r);
    s.kBegin.push_back(kBegin);
    s.kEnd.push_back(kEnd);
    s.rows.push_back(sortedByMask(map, s.kBegin.back(), s.kEnd.back(), /*dropEmpty=*/true, pool));
  }
  return s;
}

OffsetRows offsetRows(const KernelMap &map, ThreadPool &pool) {
  const int64_t n = map.numOut, K = map.volume;
  OffsetRows r;
  r.numOut = n;
  r.columns.resize(static_cast<size_t>(n * K));
  r.start.assign(size_t(K), 0);
  r.count.assign(size_t(K), 0);
  // Blocks of rows, each read once from the row-major table (a column-by-column walk would read
  // every cache line of it K times): the block's columns, and its rows per offset counted; then
  // each block writes its rows of offset k after the earlier blocks' (ascending rows per offset).
  const int64_t block = 2048, blocks = (n + block - 1) / block;
  std::vector<int64_t> counts(size_t(blocks * K), 0); // [block][k]
  pool.parallelFor(0, blocks, 1, [&](int64_t lo, int64_t hi) {
    for (int64_t b = lo; b < hi; ++b)
      for (int64_t o = b * block; o < std::min(n, (b + 1) * block); ++o)
        for (int64_t k = 0; k < K; ++k) {
          const int32_t i = map.nbr[size_t(o * K + k)];
          r.columns[size_t(k * n + o)] = i;
          counts[size_t(b * K + k)] += i >= 0;
        }
  });
  // counts becomes each block's first position per offset.
  int64_t total = 0;
  for (int64_t k = 0; k < K; ++k) {
    r.start[size_t(k)] = total;
    for (int64_t b = 0; b < blocks; ++b) {
      const int64_t c = counts[size_t(b * K + k)];
      counts[size_t(b * K + k)] = total;
      total += c;
    }
    r.count[size_t(k)] = total - r.start[size_t(k)];
  }
  r.rows.resize(size_t(total));
  pool.parallelFor(0, blocks, 1, [&](int64_t lo, int64_t hi) {
    for (int64_t b = lo; b < hi; ++b) {
      int64_t *next = counts.data() + b * K;
      for (int64_t o = b * block; o < std::min(n, (b + 1) * block); ++o)
        for (int64_t k = 0; k < K; ++k)
          if (map.nbr[size_t(o * K + k)] >= 0)
            r.rows[size_t(next[k]++)] = int32_t(o);
    }
  });
  return r;
}

} // namespace sconv::rt
