// Open-addressing hash table from a site (batch, z, y, x) to its row: the index every kernel map is
// built from. Keys pack the four coordinates into 64 bits, so it is valid for batch < 2^15 and spatial
// extents < 2^16 per axis (checked on build).
#pragma once
#include "runtime/SparseTensor.h"

namespace sconv::rt {

/// Largest batch size and per-axis spatial extent a 64-bit site key can hold (exclusive bounds:
/// batchSize < kMaxBatch, extent < kMaxExtent). Shared by everything that packs sites into keys.
inline constexpr int64_t kMaxBatch = int64_t(1) << 15;
inline constexpr int64_t kMaxExtent = int64_t(1) << 16;

/// Throws Error when batchSize or an extent of `shape` does not fit a 64-bit site key; `what` names
/// the tensor in the message ("input", "output").
void checkKeyRange(int32_t batchSize, const Int3 &shape, const char *what);

class CoordHash {
public:
  /// Indexes rows [0, n) of `coords` (n rows of (b, z, y, x)). Throws Error on a duplicate site or a
  /// coordinate outside [0, batchSize) x shape. Capacity is a power of two >= 2n (load <= 1/2).
  void build(const int32_t *coords, int64_t n, int32_t batchSize, const Int3 &shape);
  /// Row of the site, or -1 when it is not active or lies outside the shape (range-checked before
  /// any hashing, so callers may probe neighbours past the border freely).
  int32_t lookup(int32_t b, int32_t z, int32_t y, int32_t x) const {
    if (uint32_t(b) >= uint32_t(batchSize_) || uint32_t(z) >= uint32_t(shape_[0]) ||
        uint32_t(y) >= uint32_t(shape_[1]) || uint32_t(x) >= uint32_t(shape_[2]))
      return -1;
    const uint64_t k = key(b, z, y, x);
    for (uint64_t slot = hash(k) & mask_;; slot = (slot + 1) & mask_) {
      const uint64_t s = keys_[slot];
      if (s == k)
        return vals_[slot];
      if (s == kEmpty)
        return -1;
    }
  }
  int64_t size() const { return count_; }

  /// The packed key; its unsigned order is the lexicographic (b, z, y, x) order for in-range sites.
  static uint64_t key(int32_t b, int32_t z, int32_t y, int32_t x) {
    return (uint64_t(uint32_t(b)) << 48) | (uint64_t(uint32_t(z)) << 32) |
           (uint64_t(uint32_t(y)) << 16) | uint64_t(uint32_t(x));
  }
  /// 64-bit finalizer (MurmurHash3 fmix64): neighbouring sites differ in low bits of one field,
  /// so the key itself would cluster badly under linear probing.
  static uint64_t hash(uint64_t k) {
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    k *= 0xc4ceb9fe1a85ec53ULL;
    k ^= k >> 33;
    return k;
  }
  /// Never a valid key: valid keys have bit 63 clear (batch < 2^15).
  static constexpr uint64_t kEmpty = ~uint64_t(0);

private:
  std::vector<uint64_t> keys_;
  std::vector<int32_t> vals_;
  uint64_t mask_ = 0;
  int64_t count_ = 0;
  int32_t batchSize_ = 0;
  Int3 shape_{0, 0, 0};
};

} // namespace sconv::rt
