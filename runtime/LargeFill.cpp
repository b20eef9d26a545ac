// See LargeFill.h.
#include "runtime/LargeFill.h"

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace sconv::rt {

void assignIndexTable(std::vector<int32_t> &v, size_t n, int32_t value) {
#if defined(MADV_HUGEPAGE)
  constexpr size_t kHuge = size_t(2) << 20, kMinBytes = size_t(32) << 20;
  if (n * sizeof(int32_t) >= kMinBytes && n > v.capacity()) {
    v = std::vector<int32_t>(); // release the old buffer first: the new one must be fresh
    v.reserve(n);               // allocated, not yet touched
    const uintptr_t begin = (uintptr_t(v.data()) + kHuge - 1) & ~uintptr_t(kHuge - 1);
    const uintptr_t end = uintptr_t(v.data() + n) & ~uintptr_t(kHuge - 1);
    if (end > begin)
      (void)madvise(reinterpret_cast<void *>(begin), end - begin, MADV_HUGEPAGE); // advice only
  }
#endif
  v.assign(n, value);
}

} // namespace sconv::rt
