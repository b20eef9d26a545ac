// The order in which a mask-sorted implicit GEMM (dataflow "implicit_gemm_sorted") visits the
// output rows of a kernel map: by neighbour mask, so the rows computed together in one block mostly
// have the same offsets and few of the block's FMAs multiply a selected zero.
#pragma once
#include "runtime/KernelMap.h"

#include <cstdint>
#include <vector>

namespace sconv::rt {

/// Output rows 0..numOut-1 sorted by their neighbour mask (bit k set when nbr[o][k] >= 0; for
/// more than 64 offsets, offset k sets bit k % 64), ties in row order: deterministic, and rows
/// with equal masks end up next to each other. Every row appears exactly once.
std::vector<int32_t> maskOrder(const KernelMap &map, ThreadPool &pool);

} // namespace sconv::rt
