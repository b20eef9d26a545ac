// Internal to the kernel-map builder: the regular (SparseConv3d) kind.
#pragma once
#include "runtime/CoordHash.h"
#include "runtime/KernelMap.h"

namespace sconv::rt::detail {

/// Fills m.numOut, m.outCoords and m.nbr of a regular conv (m.geometry, m.outShape and m.volume
/// already set; `in` already validated: in-range, duplicate-free sites).
///
/// Output sites: every o inside batch x outShape with some kernel position t such that
/// o*s - p + t*d is an active input. They are generated from the inputs (per axis, input c and
/// position t give o = (c + p - t*d) / s when that divides and lands in range), deduplicated and
/// sorted by (b, z, y, x). The map is then filled by scattering from the inputs: each (input i,
/// position t) pair reaching o writes nbr[row(o)][t] = i. Every slot has exactly one writer (i is
/// determined by o and t), so the scatter is parallel without races, and it costs
/// O(inputs * reach) instead of O(outputs * K) lookups (8x fewer for a dilating 3x3x3 conv).
void buildRegularMap(const SparseTensor &in, KernelMap &m, ThreadPool &pool,
                     OutputSiteMethod method);

/// The output sites of a generated map from their sorted, unique packed keys (CoordHash::key):
/// sets m.numOut (Error "<what>: N output sites overflow int32 rows" past INT32_MAX) and
/// m.outCoords, frees `keys`, and indexes the sites in `outHash`.
void setSortedOutputSites(KernelMap &m, std::vector<uint64_t> &keys, ThreadPool &pool,
                          const char *what, CoordHash &outHash);

} // namespace sconv::rt::detail
