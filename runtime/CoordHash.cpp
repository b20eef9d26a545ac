// Building the site -> row index (lookups are inline in the header: the kernel-map hot loop).
#include "runtime/CoordHash.h"

#include <string>

namespace sconv::rt {

void checkKeyRange(int32_t batchSize, const Int3 &shape, const char *what) {
  if (batchSize < 1 || batchSize >= kMaxBatch)
    throw Error(std::string(what) + " batch size " + std::to_string(batchSize) +
                " is outside [1, 32767]: site keys hold the batch index in 15 bits");
  static const char *axes[3] = {"z", "y", "x"};
  for (int a = 0; a < 3; ++a)
    if (shape[a] < 1 || shape[a] >= kMaxExtent)
      throw Error(std::string(what) + " spatial extent " + std::to_string(shape[a]) + " along " +
                  axes[a] + " is outside [1, 65535]: site keys hold each coordinate in 16 bits");
}

void CoordHash::build(const int32_t *coords, int64_t n, int32_t batchSize, const Int3 &shape) {
  checkKeyRange(batchSize, shape, "coordinate hash:");
  if (n < 0 || n > INT32_MAX)
    throw Error("coordinate hash: " + std::to_string(n) + " sites do not fit int32 row indices");
  uint64_t capacity = 16;
  while (capacity < uint64_t(2 * n))
    capacity <<= 1;
  keys_.assign(capacity, kEmpty);
  vals_.assign(capacity, -1);
  mask_ = capacity - 1;
  batchSize_ = batchSize;
  shape_ = shape;
  count_ = 0;

  for (int64_t r = 0; r < n; ++r) {
    const int32_t *c = coords + 4 * r;
    if (uint32_t(c[0]) >= uint32_t(batchSize) || uint32_t(c[1]) >= uint32_t(shape[0]) ||
        uint32_t(c[2]) >= uint32_t(shape[1]) || uint32_t(c[3]) >= uint32_t(shape[2])) {
      count_ = 0;
      batchSize_ = 0; // leave the table answering -1 rather than half-built
      throw Error("coordinate hash: site (" + std::to_string(c[0]) + ", " + std::to_string(c[1]) +
                  ", " + std::to_string(c[2]) + ", " + std::to_string(c[3]) + ") at row " +
                  std::to_string(r) + " lies outside batch [0, " + std::to_string(batchSize) +
                  ") x shape (" + std::to_string(shape[0]) + ", " + std::to_string(shape[1]) +
                  ", " + std::to_string(shape[2]) + ")");
    }
    const uint64_t k = key(c[0], c[1], c[2], c[3]);
    uint64_t slot = hash(k) & mask_;
    while (keys_[slot] != kEmpty && keys_[slot] != k)
      slot = (slot + 1) & mask_;
    if (keys_[slot] == k) {
      const int32_t first = vals_[slot];
      count_ = 0;
      batchSize_ = 0;
      throw Error("coordinate hash: duplicate site (" + std::to_string(c[0]) + ", " +
                  std::to_string(c[1]) + ", " + std::to_string(c[2]) + ", " +
                  std::to_string(c[3]) + ") at rows " + std::to_string(first) + " and " +
                  std::to_string(r));
    }
    keys_[slot] = k;
    vals_[slot] = int32_t(r);
    ++count_;
  }
}

} // namespace sconv::rt
