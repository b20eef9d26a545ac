// Filling the large index tables of kernel maps (N x K int32, hundreds of MB for big kernels).
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace sconv::rt {

/// v.assign(n, value), but for tables of at least 32 MiB on Linux the fresh allocation is first
/// marked for transparent huge pages (madvise MADV_HUGEPAGE; the kernel's default policy on
/// servers is "madvise"), so filling it takes one page fault per 2 MiB instead of per 4 KiB:
/// the faults, not the stores, are most of the cost of a new 344 MB table (docs/design.md).
/// Where the kernel refuses, it is a plain assign.
void assignIndexTable(std::vector<int32_t> &v, size_t n, int32_t value);

} // namespace sconv::rt
