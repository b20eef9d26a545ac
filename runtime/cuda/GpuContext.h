// One GPU as the runtime uses it: the device's primary context, one non-blocking stream that all
// work goes to, a caching memory pool, kernel launches, events for timing, and CUDA graphs
// (capture the work of a step once, replay it with one call). A second stream (the side stream)
// serves whole-frame captures: work queued there inside a SideStream scope becomes a branch of the
// captured graph that the GPU may run next to the main stream's (runtime/cuda/GpuFrameGraph.h).
//
// A GpuContext is used from one host thread at a time; each entry point makes the context current
// on the calling thread first, so that thread may change between calls.
#pragma once
#include "runtime/cuda/CudaDriver.h"
#include "runtime/cuda/DevicePool.h"

#include <functional>
#include <map>
#include <memory>
#include <typeindex>
#include <vector>

namespace sconv::rt {

struct GpuDeviceInfo {
  int ordinal = 0;
  std::string name;
  int smMajor = 0, smMinor = 0;
  size_t totalMemory = 0; // bytes
  int multiprocessors = 0;
  int maxThreadsPerBlock = 0;
  int driverVersion = 0; // cuDriverGetVersion: 12040 for CUDA 12.4

  int sm() const { return smMajor * 10 + smMinor; } // 90 for compute capability 9.0
  std::string chip() const { return "sm_" + std::to_string(sm()); }
  /// "NVIDIA H100 80GB HBM3 (sm_90, 132 SMs, 79.2 GiB, driver for CUDA 12.4)".
  std::string describe() const;
};

/// Devices the driver sees (0 when none; cuDeviceGetCount errors throw).
int gpuCount(const CudaDriver &driver);
/// Name, SM, memory, multiprocessors, driver version of device `ordinal`. Throws Error for an
/// ordinal out of range.
GpuDeviceInfo queryGpu(const CudaDriver &driver, int ordinal);

struct Dim3 {
  unsigned x = 1, y = 1, z = 1;
};

class GpuContext {
public:
  /// Device `ordinal` through the system driver. Throws Error when there is no usable driver or
  /// no such device (the message says which, and what to fix).
  explicit GpuContext(int ordinal = 0);
  /// Same, through a given driver (another library, e.g. a test double).
  GpuContext(std::shared_ptr<const CudaDriver> driver, int ordinal);
  ~GpuContext();
  GpuContext(const GpuContext &) = delete;
  GpuContext &operator=(const GpuContext &) = delete;

  const CudaDriver &driver() const { return *driver_; }
  const GpuDeviceInfo &device() const { return info_; }
  cu::CUcontext context() const { return ctx_; }
  /// The stream work is queued on now: the main stream, or the side stream inside a SideStream.
  cu::CUstream stream() const { return active_; }
  cu::CUstream mainStream() const { return stream_; }
  /// The side stream (made on first use).
  cu::CUstream sideStream();
  /// Work queued on `waiter` from now on runs after everything queued on `signaller` so far (an
  /// event recorded on one and waited for by the other; in a capture, edges of the graph).
  void orderAfter(cu::CUstream waiter, cu::CUstream signaller);

  /// Queues on the side stream while it lives (launches, copies and fills through this context),
  /// and tells the allocation pools so: blocks released meanwhile are reused only by later side
  /// work (DevicePool::setStreamTag). Ordering between the streams is the caller's (orderAfter).
  class SideStream {
  public:
    explicit SideStream(GpuContext &ctx);
    ~SideStream();
    SideStream(const SideStream &) = delete;
    SideStream &operator=(const SideStream &) = delete;

  private:
    GpuContext &ctx_;
    cu::CUstream previous_;
  };
  DevicePool &pool() { return *pool_; }

  /// Makes this context current on the calling thread.
  void makeCurrent() const;

  /// A block of the context's pool, or of the pool set by setAllocationPool.
  DeviceBuffer allocate(size_t bytes) {
    return (override_ ? override_ : pool_.get())->allocate(bytes);
  }
  /// A new pool over this context's device memory (its blocks are freed when it goes, which must
  /// be before the context). `retainBlocks`: DevicePool's (for pools that captures draw from).
  std::unique_ptr<DevicePool> newPool(bool retainBlocks);
  /// allocate() draws from `pool` until this is called again with nullptr: a captured frame's
  /// buffers, temporaries included, stay out of the shared pool while its graph may replay them.
  void setAllocationPool(DevicePool *pool);
  /// Stream-ordered copy from host memory; the source may be reused as soon as this returns.
  void upload(cu::CUdeviceptr dst, const void *src, size_t bytes);
  /// A new buffer holding `values`.
  template <typename T> DeviceBuffer uploadVector(const std::vector<T> &values) {
    DeviceBuffer b = allocate(values.size() * sizeof(T));
    upload(b.address(), values.data(), values.size() * sizeof(T));
    return b;
  }
  /// Stream-ordered copy between two device buffers.
  void copy(cu::CUdeviceptr dst, cu::CUdeviceptr src, size_t bytes);
  /// Copies to host memory after all work queued so far; returns when the bytes are there.
  void download(void *dst, cu::CUdeviceptr src, size_t bytes);
  /// Stream-ordered byte fill (0xff bytes make int32 -1).
  void fill(cu::CUdeviceptr dst, unsigned char byte, size_t bytes);
  /// Waits for all work queued on the streams; a kernel fault surfaces here as an Error.
  void synchronize();

  /// Queues `function` on the stream. params[i] points at the value of the i-th kernel parameter
  /// (cuLaunchKernel's convention); the types must be the kernel's own.
  void launch(cu::CUfunction function, Dim3 grid, Dim3 block, unsigned sharedBytes,
              void **params);

  /// One object of type T per context, made by T(GpuContext&) on first use and destroyed with the
  /// context (before its memory pool): the place for loaded modules such as the kernel-map kernels.
  template <typename T> T &attachment() {
    auto &slot = attachments_[std::type_index(typeid(T))];
    if (!slot)
      slot = std::make_shared<T>(*this);
    return *static_cast<T *>(slot.get());
  }

private:
  class DriverAllocator;
  /// Queues on `stream` from now on, and tells the allocation pools which stream that is.
  void setActive(cu::CUstream stream);
  std::shared_ptr<const CudaDriver> driver_;
  GpuDeviceInfo info_;
  cu::CUdevice device_ = 0;
  cu::CUcontext ctx_ = nullptr;
  cu::CUstream stream_ = nullptr;
  cu::CUstream side_ = nullptr;
  cu::CUstream active_ = nullptr; // stream_ or side_
  cu::CUevent orderEvent_ = nullptr; // orderAfter's (made with the side stream)
  std::unique_ptr<DriverAllocator> allocator_;
  std::unique_ptr<DevicePool> pool_;
  DevicePool *override_ = nullptr;
  std::map<std::type_index, std::shared_ptr<void>> attachments_;
};

/// A device event on the context's stream (for timing with device clocks).
class GpuEvent {
public:
  explicit GpuEvent(GpuContext &ctx);
  ~GpuEvent();
  GpuEvent(const GpuEvent &) = delete;
  GpuEvent &operator=(const GpuEvent &) = delete;
  /// Marks the current end of the stream's work.
  void record();
  /// Milliseconds of device time from `start`'s record to this one's (waits for this event).
  float millisecondsSince(const GpuEvent &start) const;

private:
  GpuContext &ctx_;
  cu::CUevent event_ = nullptr;
};

/// A captured sequence of stream work (launches, copies, fills) replayed with one call.
///
/// Capture runs `enqueue` with the stream in capture mode (relaxed, so the memory pool may still
/// call cuMemAlloc): nothing executes then, and nothing may wait for the stream (download() and
/// synchronize() fail during capture). The graph records device addresses, so every buffer the
/// captured work touches must outlive the graph. Keep host-to-device uploads out of captured work:
/// a replay would read the host source again, and the driver may refuse pageable host memory.
class GpuGraph {
public:
  static GpuGraph capture(GpuContext &ctx, const std::function<void()> &enqueue);
  GpuGraph(GpuGraph &&o) noexcept;
  GpuGraph &operator=(GpuGraph &&) = delete;
  GpuGraph(const GpuGraph &) = delete;
  ~GpuGraph();
  /// Queues one replay on the context's stream.
  void launch();

private:
  explicit GpuGraph(GpuContext &ctx) : ctx_(&ctx) {}
  GpuContext *ctx_;
  cu::CUgraph graph_ = nullptr;
  cu::CUgraphExec exec_ = nullptr;
};

/// Launches `function` with its parameters given by value, in order (each argument's type must
/// be exactly the kernel's parameter type: DevPtr<T> for T*, int64_t for long long, ...).
template <typename... Args>
void launchKernel(GpuContext &ctx, cu::CUfunction function, Dim3 grid, Dim3 block,
                  unsigned sharedBytes, const Args &...args) {
  void *params[] = {const_cast<void *>(static_cast<const void *>(&args))..., nullptr};
  ctx.launch(function, grid, block, sharedBytes, params);
}

} // namespace sconv::rt
