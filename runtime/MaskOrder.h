// The row orders the GEMM dataflows visit a kernel map in: by neighbour mask (mask-sorted implicit
// GEMM, "implicit_gemm_sorted": the rows computed together in one block mostly have the same
// offsets, so few of the block's FMAs multiply a selected zero), and offset by offset (the
// per-offset dataflows: gather-GEMM-scatter and fetch-on-demand, on the CPU and the GPU).
#pragma once
#include "runtime/KernelMap.h"

#include <cstdint>
#include <utility>
#include <vector>

namespace sconv::rt {

/// Output rows 0..numOut-1 sorted by their neighbour mask (bit k set when nbr[o][k] >= 0; for
/// more than 64 offsets, offset k sets bit k % 64), ties in row order: deterministic, and rows
/// with equal masks end up next to each other. Every row appears exactly once.
std::vector<int32_t> maskOrder(const KernelMap &map, ThreadPool &pool);

/// Mask splitting's visiting plan (dataflow implicit_gemm_split): the offsets cut into `splits`
/// contiguous ranges, range s = [s*K/splits, (s+1)*K/splits), and per range the output rows with
/// at least one neighbour in it, sorted by their mask within the range (bit k - kBegin; folded
/// mod 64 as above), ties in row order. Rows without a neighbour in a range are left out of it.
/// Range r of `splits` over `volume` offsets: [r * volume / splits, (r + 1) * volume / splits).
std::pair<int64_t, int64_t> splitRange(int64_t volume, int64_t splits, int64_t r);
struct SplitOrders {
  std::vector<int64_t> kBegin, kEnd;
  std::vector<std::vector<int32_t>> rows;
};
SplitOrders splitOrders(const KernelMap &map, int64_t splits, ThreadPool &pool);

/// The map by offset: for offset k, its column (the input row of every output row, -1 when
/// absent) and the output rows that have a neighbour there, ascending.
struct OffsetRows {
  int64_t numOut = 0;
  std::vector<int32_t> columns; // volume x numOut
  std::vector<int32_t> rows;    // every offset's rows, offset k's from start[k], count[k] of them
  std::vector<int64_t> start, count;
  const int32_t *column(int64_t k) const { return columns.data() + k * numOut; }
  const int32_t *rowsOf(int64_t k) const { return rows.data() + start[size_t(k)]; }
};
OffsetRows offsetRows(const KernelMap &map, ThreadPool &pool);

} // namespace sconv::rt
