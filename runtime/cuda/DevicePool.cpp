// The caching device-memory pool (see DevicePool.h).
#include "runtime/cuda/DevicePool.h"

#include <algorithm>
#include <cstdio>

namespace sconv::rt {

namespace {

std::string bytesText(size_t bytes) {
  const double mib = double(bytes) / double(1 << 20);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.1f MiB", mib);
  return std::to_string(bytes) + " bytes (" + buf + ")";
}

} // namespace

DeviceBuffer &DeviceBuffer::operator=(DeviceBuffer &&o) noexcept {
  if (this != &o) {
    reset();
    address_ = o.address_;
    bytes_ = o.bytes_;
    capacity_ = o.capacity_;
    pool_ = o.pool_;
    o.address_ = 0;
    o.bytes_ = o.capacity_ = 0;
    o.pool_ = nullptr;
  }
  return *this;
}

void DeviceBuffer::reset() {
  if (address_ && pool_)
    pool_->giveBack(address_, capacity_);
  address_ = 0;
  bytes_ = capacity_ = 0;
  pool_ = nullptr;
}

size_t DevicePool::sizeClass(size_t bytes) {
  constexpr size_t kMin = 256;
  if (bytes <= kMin)
    return kMin;
  // 2^n < bytes <= 2^(n+1): classes step by 2^(n-2) (a quarter of the lower power of two).
  const int n = 63 - __builtin_clzll(uint64_t(bytes - 1));
  const size_t step = size_t(1) << (n - 2);
  return (bytes + step - 1) / step * step;
}

DeviceBuffer DevicePool::allocate(size_t bytes) {
  const size_t cls = sizeClass(bytes);
  if (cls < bytes) // overflow of the rounding
    throw Error("GPU memory pool: request of " + std::to_string(bytes) + " bytes is too large");
  DeviceBuffer buf;
  std::lock_guard<std::mutex> lock(mu_);
  cu::CUdeviceptr address = 0;
  if (auto it = free_.find({tag_, cls}); it != free_.end() && !it->second.empty()) {
    address = it->second.back();
    it->second.pop_back();
    stats_.bytesCached -= cls;
    ++stats_.reuses;
  } else {
    cu::CUresult r = allocator_.allocate(&address, cls);
    if (r == cu::CUDA_ERROR_OUT_OF_MEMORY && stats_.bytesCached > 0 && !retainBlocks_) {
      // Cached blocks of other classes may be what stands in the way.
      releaseCached();
      r = allocator_.allocate(&address, cls);
    }
    if (r == cu::CUDA_ERROR_OUT_OF_MEMORY) {
      size_t freeBytes = 0, totalBytes = 0;
      std::string info;
      if (allocator_.memoryInfo(&freeBytes, &totalBytes) == cu::CUDA_SUCCESS)
        info = " with " + bytesText(freeBytes) + " free of " + bytesText(totalBytes);
      else
        info = " (free/total memory unknown)";
      throw Error("GPU out of memory: asked for " + bytesText(bytes) + " (size class " +
                  std::to_string(cls) + ")" + info + "; this process holds " +
                  bytesText(stats_.bytesInUse) + " in live buffers");
    }
    if (r != cu::CUDA_SUCCESS)
      throw Error("GPU memory pool: cuMemAlloc of " + std::to_string(cls) +
                  " bytes failed: " + allocator_.errorText(r));
    ++stats_.driverAllocations;
  }
  stats_.bytesInUse += cls;
  stats_.peakBytesInUse = std::max(stats_.peakBytesInUse, stats_.bytesInUse);
  buf.address_ = address;
  buf.bytes_ = bytes;
  buf.capacity_ = cls;
  buf.pool_ = this;
  return buf;
}

void DevicePool::giveBack(cu::CUdeviceptr address, size_t capacity) {
  std::lock_guard<std::mutex> lock(mu_);
  free_[{tag_, capacity}].push_back(address);
  stats_.bytesInUse -= capacity;
  stats_.bytesCached += capacity;
}

void DevicePool::releaseCached() {
  for (auto &[key, list] : free_)
    for (cu::CUdeviceptr p : list)
      allocator_.release(p);
  free_.clear();
  stats_.bytesCached = 0;
}

void DevicePool::trim() {
  std::lock_guard<std::mutex> lock(mu_);
  releaseCached();
}

void DevicePool::setStreamTag(int tag) {
  std::lock_guard<std::mutex> lock(mu_);
  tag_ = tag;
}

DevicePool::Stats DevicePool::stats() const {
  std::lock_guard<std::mutex> lock(mu_);
  return stats_;
}

DevicePool::~DevicePool() { trim(); }

} // namespace sconv::rt
