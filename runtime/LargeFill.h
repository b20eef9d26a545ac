// Filling large fresh buffers: kernel maps' index tables (N x K int32, hundreds of MB for big
// kernels) and dense BEV maps (tens of MB a frame).
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace sconv::rt {

/// Marks [p, p + bytes) for transparent huge pages (madvise MADV_HUGEPAGE, whole 2 MiB pages
/// inside the range) where the OS has them; advice only, it may be refused.
void adviseHugePages(void *p, size_t bytes);

/// v.assign(n, value), but a buffer of at least 32 MiB is first allocated untouched and marked
/// for transparent huge pages (the kernel's default policy on servers is "madvise"), so filling
/// it takes one page fault per 2 MiB instead of per 4 KiB: the faults, not the stores, are most of
/// the cost of a fresh multi-hundred-MB table (docs/design.md). Elsewhere a plain assign.
template <typename T> void assignLarge(std::vector<T> &v, size_t n, T value) {
  constexpr size_t kMinBytes = size_t(32) << 20;
  if (n * sizeof(T) >= kMinBytes && n > v.capacity()) {
    v = std::vector<T>(); // release the old buffer first: the new one must be fresh
    v.reserve(n);         // allocated, not yet touched
    adviseHugePages(v.data(), n * sizeof(T));
  }
  v.assign(n, value);
}

} // namespace sconv::rt
