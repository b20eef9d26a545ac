// Context, stream, memory, launches, events and graphs over the dlopen'd driver.
#include "runtime/cuda/GpuContext.h"

#include <cstdio>

namespace sconv::rt {

#define CU(call) SCONV_CU_CHECK(*driver_, call)

std::string GpuDeviceInfo::describe() const {
  char mem[32];
  std::snprintf(mem, sizeof mem, "%.1f GiB", double(totalMemory) / double(1ull << 30));
  return name + " (" + chip() + ", " + std::to_string(multiprocessors) + " SMs, " + mem +
         ", driver for CUDA " + cudaVersionText(driverVersion) + ")";
}

int gpuCount(const CudaDriver &driver) {
  int n = 0;
  SCONV_CU_CHECK(driver, cuDeviceGetCount(&n));
  return n;
}

GpuDeviceInfo queryGpu(const CudaDriver &driver, int ordinal) {
  const int n = gpuCount(driver);
  if (ordinal < 0 || ordinal >= n)
    throw Error("GPU " + std::to_string(ordinal) + " does not exist: the driver sees " +
                std::to_string(n) + " GPU" + (n == 1 ? "" : "s"));
  GpuDeviceInfo info;
  info.ordinal = ordinal;
  cu::CUdevice dev = 0;
  SCONV_CU_CHECK(driver, cuDeviceGet(&dev, ordinal));
  char name[256] = {};
  SCONV_CU_CHECK(driver, cuDeviceGetName(name, int(sizeof name) - 1, dev));
  info.name = name;
  SCONV_CU_CHECK(driver, cuDeviceGetAttribute(
                             &info.smMajor, cu::CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, dev));
  SCONV_CU_CHECK(driver, cuDeviceGetAttribute(
                             &info.smMinor, cu::CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, dev));
  SCONV_CU_CHECK(driver, cuDeviceGetAttribute(&info.multiprocessors,
                                              cu::CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT, dev));
  SCONV_CU_CHECK(driver, cuDeviceGetAttribute(&info.maxThreadsPerBlock,
                                              cu::CU_DEVICE_ATTRIBUTE_MAX_THREADS_PER_BLOCK, dev));
  SCONV_CU_CHECK(driver, cuDeviceTotalMem(&info.totalMemory, dev));
  info.driverVersion = driver.version();
  return info;
}

/// The pool's memory source: the driver, with this context current.
class GpuContext::DriverAllocator : public DeviceAllocator {
public:
  explicit DriverAllocator(GpuContext &ctx) : ctx_(ctx) {}
  cu::CUresult allocate(cu::CUdeviceptr *p, size_t bytes) override {
    ctx_.makeCurrent();
    return ctx_.driver().cuMemAlloc(p, bytes);
  }
  cu::CUresult release(cu::CUdeviceptr p) override {
    ctx_.makeCurrent();
    return ctx_.driver().cuMemFree(p);
  }
  cu::CUresult memoryInfo(size_t *freeBytes, size_t *totalBytes) override {
    ctx_.makeCurrent();
    return ctx_.driver().cuMemGetInfo(freeBytes, totalBytes);
  }
  std::string errorText(cu::CUresult r) override { return ctx_.driver().errorText(r); }

private:
  GpuContext &ctx_;
};

GpuContext::GpuContext(int ordinal) : GpuContext(CudaDriver::system(), ordinal) {}

GpuContext::GpuContext(std::shared_ptr<const CudaDriver> driver, int ordinal)
    : driver_(std::move(driver)) {
  info_ = queryGpu(*driver_, ordinal);
  CU(cuDeviceGet(&device_, ordinal));
  CU(cuDevicePrimaryCtxRetain(&ctx_, device_));
  try {
    CU(cuCtxSetCurrent(ctx_));
    CU(cuStreamCreate(&stream_, cu::CU_STREAM_NON_BLOCKING));
    active_ = stream_;
  } catch (...) {
    driver_->cuDevicePrimaryCtxRelease(device_);
    throw;
  }
  allocator_ = std::make_unique<DriverAllocator>(*this);
  pool_ = std::make_unique<DevicePool>(*allocator_);
}

GpuContext::~GpuContext() {
  // Errors are ignored on the way down: a fault earlier has been reported where it surfaced.
  driver_->cuCtxSetCurrent(ctx_);
  for (cu::CUstream s : {stream_, side_})
    if (s)
      driver_->cuStreamSynchronize(s);
  attachments_.clear(); // modules and their buffers, before the pool goes
  pool_.reset();
  if (orderEvent_)
    driver_->cuEventDestroy(orderEvent_);
  for (cu::CUstream s : {side_, stream_})
    if (s)
      driver_->cuStreamDestroy(s);
  driver_->cuDevicePrimaryCtxRelease(device_);
}

void GpuContext::makeCurrent() const { CU(cuCtxSetCurrent(ctx_)); }

void GpuContext::upload(cu::CUdeviceptr dst, const void *src, size_t bytes) {
  if (bytes == 0)
    return;
  makeCurrent();
  CU(cuMemcpyHtoDAsync(dst, src, bytes, active_));
}

std::unique_ptr<DevicePool> GpuContext::newPool(bool retainBlocks) {
  return std::make_unique<DevicePool>(*allocator_, retainBlocks);
}

void GpuContext::setAllocationPool(DevicePool *pool) {
  override_ = pool;
  setActive(active_); // the new pool learns the stream
}

void GpuContext::setActive(cu::CUstream stream) {
  active_ = stream;
  const int tag = side_ && stream == side_ ? 1 : 0;
  pool_->setStreamTag(tag);
  if (override_)
    override_->setStreamTag(tag);
}

cu::CUstream GpuContext::sideStream() {
  if (!side_) {
    makeCurrent();
    CU(cuStreamCreate(&side_, cu::CU_STREAM_NON_BLOCKING));
    CU(cuEventCreate(&orderEvent_, cu::CU_EVENT_DISABLE_TIMING));
  }
  return side_;
}

void GpuContext::orderAfter(cu::CUstream waiter, cu::CUstream signaller) {
  if (waiter == signaller)
    return;
  (void)sideStream(); // the event
  makeCurrent();
  // One event serves every ordering: a wait takes the event's state at the time of the call.
  CU(cuEventRecord(orderEvent_, signaller));
  CU(cuStreamWaitEvent(waiter, orderEvent_, 0));
}

GpuContext::SideStream::SideStream(GpuContext &ctx) : ctx_(ctx), previous_(ctx.active_) {
  ctx_.setActive(ctx_.sideStream());
}

GpuContext::SideStream::~SideStream() { ctx_.setActive(previous_); }

void GpuContext::copy(cu::CUdeviceptr dst, cu::CUdeviceptr src, size_t bytes) {
  if (bytes == 0)
    return;
  makeCurrent();
  CU(cuMemcpyDtoDAsync(dst, src, bytes, active_));
}

void GpuContext::download(void *dst, cu::CUdeviceptr src, size_t bytes) {
  makeCurrent();
  if (bytes != 0)
    CU(cuMemcpyDtoHAsync(dst, src, bytes, active_));
  CU(cuStreamSynchronize(active_));
}

void GpuContext::fill(cu::CUdeviceptr dst, unsigned char byte, size_t bytes) {
  if (bytes == 0)
    return;
  makeCurrent();
  CU(cuMemsetD8Async(dst, byte, bytes, active_));
}

void GpuContext::synchronize() {
  makeCurrent();
  CU(cuStreamSynchronize(stream_));
  if (side_)
    CU(cuStreamSynchronize(side_));
}

void GpuContext::launch(cu::CUfunction function, Dim3 grid, Dim3 block, unsigned sharedBytes,
                        void **params) {
  if (grid.x == 0 || grid.y == 0 || grid.z == 0)
    return; // nothing to do (the driver would reject an empty grid)
  makeCurrent();
  CU(cuLaunchKernel(function, grid.x, grid.y, grid.z, block.x, block.y, block.z, sharedBytes,
                    active_, params, nullptr));
}

#undef CU
#define CU(call) SCONV_CU_CHECK(ctx_->driver(), call)

GpuEvent::GpuEvent(GpuContext &ctx) : ctx_(ctx) {
  ctx_.makeCurrent();
  SCONV_CU_CHECK(ctx_.driver(), cuEventCreate(&event_, cu::CU_EVENT_DEFAULT));
}

GpuEvent::~GpuEvent() {
  ctx_.driver().cuCtxSetCurrent(ctx_.context());
  ctx_.driver().cuEventDestroy(event_);
}

void GpuEvent::record() {
  ctx_.makeCurrent();
  SCONV_CU_CHECK(ctx_.driver(), cuEventRecord(event_, ctx_.stream()));
}

float GpuEvent::millisecondsSince(const GpuEvent &start) const {
  ctx_.makeCurrent();
  SCONV_CU_CHECK(ctx_.driver(), cuEventSynchronize(event_));
  float ms = 0;
  SCONV_CU_CHECK(ctx_.driver(), cuEventElapsedTime(&ms, start.event_, event_));
  return ms;
}

GpuGraph GpuGraph::capture(GpuContext &ctx, const std::function<void()> &enqueue) {
  GpuGraph g(ctx);
  const CudaDriver &d = ctx.driver();
  ctx.makeCurrent();
  SCONV_CU_CHECK(d, cuStreamBeginCapture(ctx.stream(), cu::CU_STREAM_CAPTURE_MODE_RELAXED));
  try {
    enqueue();
  } catch (...) {
    cu::CUgraph broken = nullptr;
    d.cuStreamEndCapture(ctx.stream(), &broken); // leave the stream usable
    if (broken)
      d.cuGraphDestroy(broken);
    throw;
  }
  SCONV_CU_CHECK(d, cuStreamEndCapture(ctx.stream(), &g.graph_));
  SCONV_CU_CHECK(d, cuGraphInstantiate(&g.exec_, g.graph_, 0));
  return g;
}

GpuGraph::GpuGraph(GpuGraph &&o) noexcept : ctx_(o.ctx_), graph_(o.graph_), exec_(o.exec_) {
  o.graph_ = nullptr;
  o.exec_ = nullptr;
}

GpuGraph::~GpuGraph() {
  if (!graph_ && !exec_)
    return;
  const CudaDriver &d = ctx_->driver();
  d.cuCtxSetCurrent(ctx_->context());
  if (exec_)
    d.cuGraphExecDestroy(exec_);
  if (graph_)
    d.cuGraphDestroy(graph_);
}

void GpuGraph::launch() {
  ctx_->makeCurrent();
  CU(cuGraphLaunch(exec_, ctx_->stream()));
}

} // namespace sconv::rt
