// Internal to the kernel-map builder: submanifold maps of large kernels by block search.
#pragma once
#include "runtime/KernelMap.h"

namespace sconv::rt::detail {

/// Fills m.numOut, m.outCoords and m.nbr of a submanifold conv (m.geometry and m.volume set; `in`
/// already validated: in-range, duplicate-free sites) by searching blocks instead of probing
/// every offset: the sites are bucketed into cubes of B^3 cells (B the smallest power of two >=
/// the kernel's reach, at least 4), and each output row visits the at most 3 x 3 x 3 occupied
/// cubes its window overlaps, placing every site within reach at its offset. Per row that is ~27
/// cube lookups and the sites near it instead of K / 2 hash probes: for a 17^3 kernel (K = 4913)
/// on LiDAR, a few hundred site checks. Each row is written by one task only: the same map, bit
/// for bit, as the lookup builder, at any thread count.
void buildSubmanifoldByBlocks(const SparseTensor &in, KernelMap &m, ThreadPool &pool);

} // namespace sconv::rt::detail
