// A caching device-memory pool: blocks are rounded up to a size class (four classes per power of
// two, so at most 25% is wasted) and returned to a per-class free list instead of to the driver,
// so steady-state inference does no cuMemAlloc/cuMemFree at all.
//
// Blocks are stream-ordered in the simplest sense: a block released by the host can be handed out
// again at once, because any later use is queued on the same stream, after the kernels that used it
// before. Where work runs on two streams (a whole-frame capture: GpuContext::SideStream), the pool
// is told which stream the host queues on (setStreamTag): a released block goes back to that
// stream's free lists and is handed out only to allocations made for the same stream again. A
// block that both streams use must outlive the point where they are joined (the frame holds such
// blocks, map tables and site sets, as long as its graph).
#pragma once
#include "runtime/cuda/CudaDriver.h"

#include <cstdint>
#include <map>
#include <mutex>
#include <vector>

namespace sconv::rt {

/// Where the pool gets its memory: the driver (GpuContext) or, in tests, a fake.
class DeviceAllocator {
public:
  virtual ~DeviceAllocator() = default;
  /// cuMemAlloc: CUDA_ERROR_OUT_OF_MEMORY when there is no room, anything else is a failure.
  virtual cu::CUresult allocate(cu::CUdeviceptr *pointer, size_t bytes) = 0;
  virtual cu::CUresult release(cu::CUdeviceptr pointer) = 0;
  virtual cu::CUresult memoryInfo(size_t *freeBytes, size_t *totalBytes) = 0;
  /// Text for a result code (the driver's name for it).
  virtual std::string errorText(cu::CUresult result) = 0;
};

class DevicePool;

/// A typed device address (what kernels receive as T*). Carries no ownership.
template <typename T> struct DevPtr {
  cu::CUdeviceptr address = 0;
  DevPtr operator+(int64_t elements) const {
    return {address + cu::CUdeviceptr(elements * int64_t(sizeof(T)))};
  }
};

/// A block from the pool; returns to it when destroyed. Move-only.
class DeviceBuffer {
public:
  DeviceBuffer() = default;
  DeviceBuffer(DeviceBuffer &&o) noexcept { *this = std::move(o); }
  DeviceBuffer &operator=(DeviceBuffer &&o) noexcept;
  ~DeviceBuffer() { reset(); }
  DeviceBuffer(const DeviceBuffer &) = delete;
  DeviceBuffer &operator=(const DeviceBuffer &) = delete;

  cu::CUdeviceptr address() const { return address_; }
  size_t size() const { return bytes_; }          // bytes asked for
  size_t capacity() const { return capacity_; }   // bytes of the size class
  explicit operator bool() const { return address_ != 0; }
  template <typename T> DevPtr<T> as() const { return {address_}; }
  /// Returns the block to the pool now.
  void reset();

private:
  friend class DevicePool;
  cu::CUdeviceptr address_ = 0;
  size_t bytes_ = 0, capacity_ = 0;
  DevicePool *pool_ = nullptr;
};

class DevicePool {
public:
  /// With `retainBlocks`, cached blocks go back to the driver only when the pool goes (trim() or
  /// the destructor), never to make room for a failing allocation: a graph being captured from the
  /// pool still refers to the blocks its earlier nodes used, so freeing one mid-capture would leave
  /// the graph writing memory the driver may hand to anyone.
  explicit DevicePool(DeviceAllocator &allocator, bool retainBlocks = false)
      : allocator_(allocator), retainBlocks_(retainBlocks) {}
  /// Frees every cached block. Blocks still held by DeviceBuffers must be gone by then.
  ~DevicePool();
  DevicePool(const DevicePool &) = delete;
  DevicePool &operator=(const DevicePool &) = delete;

  /// A block of at least `bytes` (a zero-byte request gets a minimal block: its address is valid).
  /// When the driver is out of memory the cached blocks are freed and the allocation retried once;
  /// if it still fails, throws Error naming the bytes asked for and the device's free and total
  /// memory.
  DeviceBuffer allocate(size_t bytes);
  /// Returns every cached (free) block to the driver.
  void trim();
  /// The stream the host queues work on from now on (0: the context's own stream), see above.
  void setStreamTag(int tag);

  /// The size class of a request: 256 bytes at least, then four classes per power of two
  /// (2^n, 1.25 * 2^n, 1.5 * 2^n, 1.75 * 2^n).
  static size_t sizeClass(size_t bytes);

  struct Stats {
    size_t bytesInUse = 0;      // size classes of live DeviceBuffers
    size_t bytesCached = 0;     // free blocks kept for reuse
    size_t peakBytesInUse = 0;
    uint64_t driverAllocations = 0; // cuMemAlloc calls that succeeded
    uint64_t reuses = 0;            // allocations served from a free list
  };
  Stats stats() const;

private:
  friend class DeviceBuffer;
  void giveBack(cu::CUdeviceptr address, size_t capacity);
  /// Every cached block back to the driver (mu_ held).
  void releaseCached();

  DeviceAllocator &allocator_;
  const bool retainBlocks_;
  mutable std::mutex mu_;
  int tag_ = 0;
  /// (stream tag, size class) -> free blocks
  std::map<std::pair<int, size_t>, std::vector<cu::CUdeviceptr>> free_;
  Stats stats_;
};

} // namespace sconv::rt
