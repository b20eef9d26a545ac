// A stand-in for libcuda.so.1, for tests on machines without a GPU: it exports the driver entry
// points sconv's loader resolves (runtime/cuda/CudaDriver.h) and runs kernels in the host emulator
// (KernelEmulator.h) from their host-compiled sources (EmulatedKernels.h). Device memory is host
// memory. What it checks that the real driver would also reject: calls without a current context,
// copies and fills outside a live allocation, malformed launches, unknown kernels, PTX for a newer
// SM or a newer PTX ISA than the configured driver, synchronizing a capturing stream, ending a
// capture with a forked stream not joined back. What it adds: launches must end their params
// array with nullptr (both sconv launch helpers do), so a wrong argument count is caught; and
// graphs are replayed in an order of their own choosing: a captured graph is a DAG (streams that
// joined the capture through events are branches), and successive launches of it run the nodes
// in different orders that respect the edges (the origin stream's branch as far as it can go
// first, then the other branches first, then random orders), so work that is correct only in
// the order it was queued, not by its dependencies, gives wrong results here as on a GPU.
//
// Built twice: as the full driver, and with SCONV_FAKE_CUDA_OLD as a driver too old for sconv
// (no cuGraphInstantiateWithFlags, no cuEventElapsedTime_v2) to test the loader's error path.
// Tests configure it through sconvFakeCudaSet/Get (extern "C", below).
#include "runtime/cuda/CudaDriver.h"
#include "test/unit/EmulatedKernels.h"
#include "test/unit/KernelEmulator.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <numeric>
#include <random>
#include <set>
#include <string>
#include <vector>

using namespace sconv::rt::cu;

namespace {

constexpr CUresult kInvalidDevice = CUDA_ERROR_INVALID_DEVICE,
                   kInvalidContext = CUDA_ERROR_INVALID_CONTEXT,
                   kCaptureInvalidated = CUDA_ERROR_STREAM_CAPTURE_INVALIDATED,
                   kIllegalState = CUDA_ERROR_ILLEGAL_STATE;

struct Config {
  int smMajor = 9, smMinor = 0;
  long long totalMemory = 1ll << 30;
  int multiprocessors = 2;
  int driverVersion = 13000;
  unsigned long long seed = 1;
  bool acceptCubin = false;
  int deviceCount = 1;
  CUresult initResult = CUDA_SUCCESS;
  /// What fresh allocations hold. 0xa5 bytes read as negative int32 indices; a test may choose a
  /// byte that reads as a large positive index, so that an unwritten map table is caught.
  unsigned char garbage = 0xa5;
};

struct Counters {
  long long launches = 0, moduleLoads = 0, loadedCubin = 0, loadedPtxSm = 0, graphLaunches = 0,
            contextRefs = 0;
};

Config config;
Counters counters;
std::map<CUdeviceptr, size_t> allocations; // base -> bytes
long long liveBytes = 0;
thread_local CUctx_st *current = nullptr;
std::string lastError;

} // namespace

struct CUctx_st {
  int device = 0;
};
struct CUfunc_st {
  const sconv::emu::EmulatedKernel *kernel = nullptr;
};
struct CUmod_st {
  std::set<std::string> entries;
  std::map<std::string, std::unique_ptr<CUfunc_st>> functions;
};
namespace {
/// A node of a captured graph: its work, the nodes it waits for, and the branch it was captured on
/// (0: the stream the capture began on; 1, 2, ...: streams that joined it, in order).
struct GraphNode {
  std::function<CUresult()> op;
  std::vector<size_t> deps;
  int branch = 0;
};
/// A capture in progress, shared by the streams taking part.
struct Capture {
  std::vector<GraphNode> nodes;
  std::vector<CUstream> streams; // the origin first
  bool broken = false;
  bool ended = false;
};
} // namespace

struct CUstream_st {
  std::shared_ptr<Capture> capture; // while the stream takes part in one
  std::vector<size_t> tail;         // the nodes its next captured work waits for
  int branch = 0;
  bool capturing() const { return capture != nullptr; }
};
struct CUevent_st {
  std::chrono::steady_clock::time_point when;
  bool recorded = false;
  // Recorded on a capturing stream: that capture and the stream's tail then.
  std::shared_ptr<Capture> capture;
  std::vector<size_t> tail;
};
struct CUgraph_st {
  std::vector<GraphNode> nodes;
};
struct CUgraphExec_st {
  std::vector<GraphNode> nodes;
};

namespace {

CUctx_st primaryContext;

CUresult fail(CUresult r, const std::string &why) {
  lastError = why;
  return r;
}

/// True when [p, p + bytes) lies inside one live allocation.
bool inAllocation(CUdeviceptr p, size_t bytes) {
  auto it = allocations.upper_bound(p);
  if (it == allocations.begin())
    return false;
  --it;
  return p >= it->first && p + bytes <= it->first + it->second;
}

/// Adds `op` to the capture `s` takes part in, after the stream's tail.
void capture(CUstream s, std::function<CUresult()> op) {
  std::vector<GraphNode> &nodes = s->capture->nodes;
  nodes.push_back(GraphNode{std::move(op), s->tail, s->branch});
  s->tail = {nodes.size() - 1};
}

/// Runs `op` now, or records it when the stream is capturing.
CUresult enqueue(CUstream s, std::function<CUresult()> op) {
  if (!current)
    return fail(kInvalidContext, "no current context");
  if (s && s->capturing()) {
    capture(s, std::move(op));
    return CUDA_SUCCESS;
  }
  return op();
}

/// Runs a graph's nodes in an order that respects its edges. Launch n (from 1) takes, among the
/// nodes whose dependencies have run, the one of the lowest branch (n % 3 == 1: the origin
/// stream's work as far as it goes before any other branch's), of the highest branch (n % 3 == 2),
/// or one at random (n % 3 == 0); ties go to the earliest captured.
CUresult replayGraph(const std::vector<GraphNode> &nodes, long long launch) {
  const size_t n = nodes.size();
  std::vector<size_t> waiting(n, 0);
  std::vector<std::vector<size_t>> users(n);
  for (size_t i = 0; i < n; ++i)
    for (size_t d : nodes[i].deps) {
      ++waiting[i];
      users[d].push_back(i);
    }
  std::vector<size_t> ready;
  for (size_t i = 0; i < n; ++i)
    if (waiting[i] == 0)
      ready.push_back(i);
  std::mt19937_64 rng(config.seed * 1000003ull + (unsigned long long)launch);
  const int policy = int(launch % 3);
  size_t done = 0;
  while (!ready.empty()) {
    size_t pick = 0;
    if (policy == 0) {
      pick = size_t(rng() % ready.size());
    } else {
      for (size_t k = 1; k < ready.size(); ++k) {
        const GraphNode &a = nodes[ready[k]], &b = nodes[ready[pick]];
        const bool better = a.branch != b.branch
                                ? (policy == 1 ? a.branch < b.branch : a.branch > b.branch)
                                : ready[k] < ready[pick];
        if (better)
          pick = k;
      }
    }
    const size_t node = ready[pick];
    ready.erase(ready.begin() + std::ptrdiff_t(pick));
    if (CUresult r = nodes[node].op(); r != CUDA_SUCCESS)
      return r;
    ++done;
    for (size_t u : users[node])
      if (--waiting[u] == 0)
        ready.push_back(u);
  }
  return done == n ? CUDA_SUCCESS : fail(kIllegalState, "graph with a cycle");
}

int ptxTargetSm(const std::string &ptx, char *suffix) {
  const size_t at = ptx.find(".target sm_");
  if (at == std::string::npos)
    return -1;
  int sm = 0;
  size_t i = at + 11;
  while (i < ptx.size() && ptx[i] >= '0' && ptx[i] <= '9')
    sm = sm * 10 + (ptx[i++] - '0');
  *suffix = (i < ptx.size() && (ptx[i] == 'a' || ptx[i] == 'f')) ? ptx[i] : 0;
  return sm;
}

int ptxIsa(const std::string &ptx) {
  int major = 0, minor = 0;
  const size_t at = ptx.find(".version ");
  if (at == std::string::npos || std::sscanf(ptx.c_str() + at, ".version %d.%d", &major, &minor) != 2)
    return -1;
  return major * 10 + minor;
}

/// The oldest driver able to JIT a PTX ISA version (NVIDIA's release history).
int driverForIsa(int isa) {
  if (isa >= 90)
    return 13000;
  if (isa >= 86)
    return 12070 + (isa - 86) * 10;
  if (isa >= 80)
    return 12000 + (isa - 80) * 10;
  return 11000 + (isa - 70) * 10;
}

void writeLog(unsigned n, CUjit_option *options, void **values, CUjit_option which,
              const std::string &text) {
  char *buffer = nullptr;
  size_t size = 0;
  for (unsigned i = 0; i < n; ++i) {
    if (options[i] == which)
      buffer = static_cast<char *>(values[i]);
    if (options[i] == which + 1)
      size = reinterpret_cast<size_t>(values[i]);
  }
  if (buffer && size) {
    std::strncpy(buffer, text.c_str(), size - 1);
    buffer[size - 1] = 0;
  }
}

/// Host twins of generated kernels registered by tests (sconvFakeCudaRegisterTwin), by name.
std::map<std::string, std::pair<std::string, sconv::emu::EmulatedKernel>> twins;

const sconv::emu::EmulatedKernel *emulated(const std::string &name) {
  for (size_t i = 0; i < sconv::emu::kNumEmulatedKernels; ++i)
    if (name == sconv::emu::kEmulatedKernels[i].name)
      return &sconv::emu::kEmulatedKernels[i];
  if (auto it = twins.find(name); it != twins.end())
    return &it->second.second;
  return nullptr;
}

/// A twin's grid: blocks and the threads within each in shuffled orders, one thread at a time.
std::string runTwinGrid(const sconv::emu::EmulatedKernel *k, void **params, unsigned grid,
                        unsigned block, unsigned long long seed) {
  std::mt19937_64 rng(seed);
  std::vector<unsigned> blocks(grid), threads(block);
  std::iota(blocks.begin(), blocks.end(), 0u);
  if (seed)
    std::shuffle(blocks.begin(), blocks.end(), rng);
  try {
    for (unsigned b : blocks) {
      std::iota(threads.begin(), threads.end(), 0u);
      if (seed)
        std::shuffle(threads.begin(), threads.end(), rng);
      for (unsigned t : threads)
        k->twinCall(k->twin, params, b, t);
    }
  } catch (const std::exception &e) {
    return e.what();
  }
  return "";
}

} // namespace
namespace sconv::gpu::emu { // the running thread's indices (KernelEmulator.cpp)
unsigned threadIndex();
unsigned blockIndex();
} // namespace sconv::gpu::emu
namespace {

/// A warp-wide twin's thread, run as a coroutine by the emulator (its indices from the emulator).
struct WarpWideLaunch {
  const sconv::emu::EmulatedKernel *kernel;
  void **params;
};
void warpWideThread(void *arg) {
  auto *l = static_cast<WarpWideLaunch *>(arg);
  l->kernel->twinCall(l->kernel->twin, l->params, sconv::gpu::emu::blockIndex(),
                      sconv::gpu::emu::threadIndex());
}

CUresult runKernel(const sconv::emu::EmulatedKernel *k, unsigned grid, unsigned block,
                   void **params) {
  ++counters.launches;
  const unsigned long long seed = config.seed ? config.seed + counters.launches : 0;
  WarpWideLaunch warpWide{k, params};
  const std::string error =
      k->twinCall && !k->warpWide ? runTwinGrid(k, params, grid, block, seed)
      : k->twinCall ? sconv::emu::runGrid(warpWideThread, &warpWide, grid, block, seed)
                    : sconv::emu::runGrid(k->threadBody, params, grid, block, seed);
  if (!error.empty()) {
    std::fprintf(stderr, "fake CUDA driver: kernel %s failed: %s\n", k->name, error.c_str());
    return fail(CUDA_ERROR_LAUNCH_FAILED, error);
  }
  return CUDA_SUCCESS;
}

struct ErrorName {
  CUresult code;
  const char *name, *text;
};
const ErrorName kErrors[] = {
    {0, "CUDA_SUCCESS", "no error"},
    {1, "CUDA_ERROR_INVALID_VALUE", "invalid argument"},
    {2, "CUDA_ERROR_OUT_OF_MEMORY", "out of memory"},
    {3, "CUDA_ERROR_NOT_INITIALIZED", "initialization error"},
    {34, "CUDA_ERROR_STUB_LIBRARY", "CUDA driver is a stub library"},
    {100, "CUDA_ERROR_NO_DEVICE", "no CUDA-capable device is detected"},
    {101, "CUDA_ERROR_INVALID_DEVICE", "invalid device ordinal"},
    {200, "CUDA_ERROR_INVALID_IMAGE", "device kernel image is invalid"},
    {201, "CUDA_ERROR_INVALID_CONTEXT", "invalid device context"},
    {209, "CUDA_ERROR_NO_BINARY_FOR_GPU", "no kernel image is available for execution"},
    {218, "CUDA_ERROR_INVALID_PTX", "a PTX JIT compilation failed"},
    {222, "CUDA_ERROR_UNSUPPORTED_PTX_VERSION", "the provided PTX was compiled with an "
                                                "unsupported toolchain"},
    {400, "CUDA_ERROR_INVALID_HANDLE", "invalid resource handle"},
    {401, "CUDA_ERROR_ILLEGAL_STATE", "the operation cannot be performed in the present state"},
    {500, "CUDA_ERROR_NOT_FOUND", "named symbol not found"},
    {719, "CUDA_ERROR_LAUNCH_FAILED", "unspecified launch failure"},
    {803, "CUDA_ERROR_SYSTEM_DRIVER_MISMATCH", "system has unsupported display driver / cuda "
                                              "driver combination"},
    {900, "CUDA_ERROR_STREAM_CAPTURE_UNSUPPORTED", "operation not permitted when stream is "
                                                   "capturing"},
    {901, "CUDA_ERROR_STREAM_CAPTURE_INVALIDATED", "operation failed due to a previous error "
                                                   "during capture"},
    {903, "CUDA_ERROR_STREAM_CAPTURE_UNMATCHED", "the capture was not initiated in this stream"},
    {904, "CUDA_ERROR_STREAM_CAPTURE_UNJOINED", "the capture sequence contains a fork that was not "
                                                "joined to the primary stream"},
    {905, "CUDA_ERROR_STREAM_CAPTURE_ISOLATION", "dependency created on uncaptured work in another "
                                                 "stream"},
};

} // namespace

#define FAKE_API extern "C" __attribute__((visibility("default")))

// ---- test controls ----

FAKE_API void sconvFakeCudaReset() {
  config = Config();
  counters = Counters();
  lastError.clear();
  twins.clear();
}

/// Makes `name` a kernel of every PTX module that declares it, run by its host twin. All its
/// parameters are 8 bytes (pointers and integers of MLIR's memref descriptors). `warpWide`: the
/// twin calls the emulated warp-wide instructions (EmulatedWarpOps.cpp), so its threads run as
/// coroutines.
FAKE_API void sconvFakeCudaRegisterTwin(const char *name,
                                        void (*call)(void *, void **, unsigned long long,
                                                     unsigned long long),
                                        void *twin, unsigned numParams, unsigned requiredBlock,
                                        int warpWide) {
  if (numParams > 64)
    std::fprintf(stderr, "fake CUDA driver: %s has too many parameters\n", name), std::abort();
  auto &entry = twins[name];
  entry.first = name;
  entry.second = sconv::emu::EmulatedKernel{entry.first.c_str(), nullptr, numParams, {}};
  for (unsigned i = 0; i < numParams; ++i)
    entry.second.paramSizes[i] = 8;
  entry.second.twinCall = call;
  entry.second.twin = twin;
  entry.second.requiredBlock = requiredBlock;
  entry.second.warpWide = warpWide != 0;
}

FAKE_API void sconvFakeCudaSet(const char *key, long long value) {
  const std::string k = key;
  if (k == "sm_major")
    config.smMajor = int(value);
  else if (k == "sm_minor")
    config.smMinor = int(value);
  else if (k == "total_memory")
    config.totalMemory = value;
  else if (k == "multiprocessors")
    config.multiprocessors = int(value);
  else if (k == "driver_version")
    config.driverVersion = int(value);
  else if (k == "seed")
    config.seed = (unsigned long long)value;
  else if (k == "accept_cubin")
    config.acceptCubin = value != 0;
  else if (k == "device_count")
    config.deviceCount = int(value);
  else if (k == "init_result")
    config.initResult = CUresult(value);
  else if (k == "garbage")
    config.garbage = (unsigned char)value;
  else
    std::fprintf(stderr, "fake CUDA driver: unknown setting %s\n", key), std::abort();
}

FAKE_API long long sconvFakeCudaGet(const char *key) {
  const std::string k = key;
  if (k == "launches")
    return counters.launches;
  if (k == "live_allocations")
    return (long long)allocations.size();
  if (k == "live_bytes")
    return liveBytes;
  if (k == "module_loads")
    return counters.moduleLoads;
  if (k == "loaded_cubin")
    return counters.loadedCubin;
  if (k == "loaded_ptx_sm")
    return counters.loadedPtxSm;
  if (k == "graph_launches")
    return counters.graphLaunches;
  if (k == "context_refs")
    return counters.contextRefs;
  std::fprintf(stderr, "fake CUDA driver: unknown counter %s\n", key);
  std::abort();
}

FAKE_API const char *sconvFakeCudaLastError() { return lastError.c_str(); }

// ---- the driver API ----

FAKE_API CUresult cuInit(unsigned int flags) {
  if (flags != 0)
    return fail(CUDA_ERROR_INVALID_VALUE, "cuInit flags must be 0");
  return config.initResult;
}

FAKE_API CUresult cuDriverGetVersion(int *version) {
  *version = config.driverVersion;
  return CUDA_SUCCESS;
}

FAKE_API CUresult cuGetErrorName(CUresult error, const char **name) {
  for (const ErrorName &e : kErrors)
    if (e.code == error)
      return *name = e.name, CUDA_SUCCESS;
  *name = nullptr;
  return CUDA_ERROR_INVALID_VALUE;
}

FAKE_API CUresult cuGetErrorString(CUresult error, const char **text) {
  for (const ErrorName &e : kErrors)
    if (e.code == error)
      return *text = e.text, CUDA_SUCCESS;
  *text = nullptr;
  return CUDA_ERROR_INVALID_VALUE;
}

FAKE_API CUresult cuDeviceGetCount(int *count) {
  *count = config.deviceCount;
  return CUDA_SUCCESS;
}

FAKE_API CUresult cuDeviceGet(CUdevice *device, int ordinal) {
  if (ordinal < 0 || ordinal >= config.deviceCount)
    return fail(kInvalidDevice, "no such device");
  *device = ordinal;
  return CUDA_SUCCESS;
}

FAKE_API CUresult cuDeviceGetName(char *name, int length, CUdevice) {
  std::snprintf(name, size_t(length), "sconv fake GPU (host emulation)");
  return CUDA_SUCCESS;
}

FAKE_API CUresult cuDeviceGetAttribute(int *value, CUdevice_attribute attribute, CUdevice) {
  switch (attribute) {
  case CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR:
    *value = config.smMajor;
    return CUDA_SUCCESS;
  case CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR:
    *value = config.smMinor;
    return CUDA_SUCCESS;
  case CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT:
    *value = config.multiprocessors;
    return CUDA_SUCCESS;
  case CU_DEVICE_ATTRIBUTE_MAX_THREADS_PER_BLOCK:
    *value = 1024;
    return CUDA_SUCCESS;
  case CU_DEVICE_ATTRIBUTE_L2_CACHE_SIZE:
    *value = 1 << 20;
    return CUDA_SUCCESS;
  default:
    return fail(CUDA_ERROR_INVALID_VALUE, "attribute not emulated");
  }
}

FAKE_API CUresult cuDeviceTotalMem_v2(size_t *bytes, CUdevice) {
  *bytes = size_t(config.totalMemory);
  return CUDA_SUCCESS;
}

FAKE_API CUresult cuDevicePrimaryCtxRetain(CUcontext *context, CUdevice device) {
  if (device < 0 || device >= config.deviceCount)
    return fail(kInvalidDevice, "no such device");
  ++counters.contextRefs;
  *context = &primaryContext;
  return CUDA_SUCCESS;
}

FAKE_API CUresult cuDevicePrimaryCtxRelease_v2(CUdevice) {
  if (counters.contextRefs == 0)
    return fail(kIllegalState, "primary context released more often than retained");
  --counters.contextRefs;
  return CUDA_SUCCESS;
}

FAKE_API CUresult cuCtxSetCurrent(CUcontext context) {
  current = context;
  return CUDA_SUCCESS;
}

FAKE_API CUresult cuModuleLoadDataEx(CUmodule *module, const void *image, unsigned numOptions,
                                     CUjit_option *options, void **values) {
  if (!current)
    return fail(kInvalidContext, "no current context");
  const char *bytes = static_cast<const char *>(image);
  auto m = std::make_unique<CUmod_st>();
  if (std::memcmp(bytes, "\x7f" "ELF", 4) == 0) {
    if (!config.acceptCubin) {
      writeLog(numOptions, options, values, CU_JIT_ERROR_LOG_BUFFER,
               "fake driver: this cubin is not accepted (accept_cubin is off)");
      return fail(CUDA_ERROR_INVALID_IMAGE, "cubin refused");
    }
    // A cubin's kernels are taken to be every emulated kernel and every twin registered so far
    // (the fake does not read ELF symbol tables).
    for (size_t i = 0; i < sconv::emu::kNumEmulatedKernels; ++i)
      m->entries.insert(sconv::emu::kEmulatedKernels[i].name);
    for (const auto &[name, twin] : twins)
      m->entries.insert(name);
    ++counters.loadedCubin;
  } else {
    const std::string ptx(bytes); // NUL-terminated, as the driver requires
    char suffix = 0;
    const int sm = ptxTargetSm(ptx, &suffix), isa = ptxIsa(ptx);
    const int deviceSm = config.smMajor * 10 + config.smMinor;
    if (sm < 0 || isa < 0) {
      writeLog(numOptions, options, values, CU_JIT_ERROR_LOG_BUFFER,
               "ptxas fatal : no .version or .target directive");
      return fail(CUDA_ERROR_INVALID_PTX, "not PTX");
    }
    if (config.driverVersion < driverForIsa(isa)) {
      writeLog(numOptions, options, values, CU_JIT_ERROR_LOG_BUFFER,
               "ptxas fatal : Unsupported .version " + std::to_string(isa / 10) + "." +
                   std::to_string(isa % 10));
      return fail(CUDA_ERROR_UNSUPPORTED_PTX_VERSION, "PTX ISA too new");
    }
    if (sm > deviceSm || (suffix && sm != deviceSm)) {
      writeLog(numOptions, options, values, CU_JIT_ERROR_LOG_BUFFER,
               "ptxas fatal : SM version specified by .target is higher than default SM version "
               "assumed");
      return fail(CUDA_ERROR_INVALID_PTX, "PTX for a newer SM");
    }
    for (size_t at = ptx.find(".entry "); at != std::string::npos;
         at = ptx.find(".entry ", at + 1)) {
      const size_t begin = at + 7, end = ptx.find('(', begin);
      m->entries.insert(ptx.substr(begin, end - begin));
    }
    counters.loadedPtxSm = sm;
    writeLog(numOptions, options, values, CU_JIT_INFO_LOG_BUFFER,
             "fake driver: JIT-compiled PTX for sm_" + std::to_string(sm));
  }
  ++counters.moduleLoads;
  *module = m.release();
  return CUDA_SUCCESS;
}

FAKE_API CUresult cuModuleGetFunction(CUfunction *function, CUmodule module, const char *name) {
  if (!module)
    return fail(CUDA_ERROR_INVALID_HANDLE, "null module");
  if (!module->entries.count(name))
    return fail(CUDA_ERROR_NOT_FOUND, std::string("no entry ") + name);
  const sconv::emu::EmulatedKernel *k = emulated(name);
  if (!k)
    return fail(CUDA_ERROR_NOT_FOUND, std::string("entry ") + name + " is not emulated");
  auto &slot = module->functions[name];
  if (!slot)
    slot = std::make_unique<CUfunc_st>(CUfunc_st{k});
  *function = slot.get();
  return CUDA_SUCCESS;
}

FAKE_API CUresult cuModuleUnload(CUmodule module) {
  delete module;
  return CUDA_SUCCESS;
}

FAKE_API CUresult cuMemGetInfo_v2(size_t *freeBytes, size_t *totalBytes) {
  if (!current)
    return fail(kInvalidContext, "no current context");
  *totalBytes = size_t(config.totalMemory);
  *freeBytes = size_t(config.totalMemory - liveBytes);
  return CUDA_SUCCESS;
}

FAKE_API CUresult cuMemAlloc_v2(CUdeviceptr *pointer, size_t bytes) {
  if (!current)
    return fail(kInvalidContext, "no current context");
  if (bytes == 0)
    return fail(CUDA_ERROR_INVALID_VALUE, "zero-byte allocation");
  const size_t rounded = (bytes + 255) / 256 * 256;
  if (liveBytes + (long long)rounded > config.totalMemory)
    return fail(CUDA_ERROR_OUT_OF_MEMORY, "over the configured total memory");
  void *p = std::aligned_alloc(256, rounded);
  if (!p)
    return fail(CUDA_ERROR_OUT_OF_MEMORY, "host allocation failed");
  // Garbage, like fresh device memory, so code that forgets to initialise shows it.
  std::memset(p, config.garbage, rounded);
  *pointer = CUdeviceptr(reinterpret_cast<uintptr_t>(p));
  allocations[*pointer] = bytes;
  liveBytes += (long long)rounded;
  return CUDA_SUCCESS;
}

FAKE_API CUresult cuMemFree_v2(CUdeviceptr pointer) {
  if (!current)
    return fail(kInvalidContext, "no current context");
  auto it = allocations.find(pointer);
  if (it == allocations.end())
    return fail(CUDA_ERROR_INVALID_VALUE, "free of an address that is not an allocation");
  liveBytes -= (long long)((it->second + 255) / 256 * 256);
  allocations.erase(it);
  std::free(reinterpret_cast<void *>(uintptr_t(pointer)));
  return CUDA_SUCCESS;
}

/// Host copies are refused while capturing (the real driver refuses pageable memory there, and a
/// replay would read the host source again): captured work must be device work alone.
CUresult refuseHostCopyWhileCapturing(CUstream stream) {
  if (!stream || !stream->capturing())
    return CUDA_SUCCESS;
  stream->capture->broken = true;
  return fail(CUDA_ERROR_STREAM_CAPTURE_UNSUPPORTED, "host copy while capturing");
}

FAKE_API CUresult cuMemcpyHtoDAsync_v2(CUdeviceptr dst, const void *src, size_t bytes,
                                       CUstream stream) {
  if (!inAllocation(dst, bytes))
    return fail(CUDA_ERROR_INVALID_VALUE, "host-to-device copy outside an allocation");
  if (CUresult r = refuseHostCopyWhileCapturing(stream); r != CUDA_SUCCESS)
    return r;
  return enqueue(stream, [=] {
    std::memcpy(reinterpret_cast<void *>(uintptr_t(dst)), src, bytes);
    return CUDA_SUCCESS;
  });
}

FAKE_API CUresult cuMemcpyDtoHAsync_v2(void *dst, CUdeviceptr src, size_t bytes, CUstream stream) {
  if (!inAllocation(src, bytes))
    return fail(CUDA_ERROR_INVALID_VALUE, "device-to-host copy outside an allocation");
  if (CUresult r = refuseHostCopyWhileCapturing(stream); r != CUDA_SUCCESS)
    return r;
  return enqueue(stream, [=] {
    std::memcpy(dst, reinterpret_cast<const void *>(uintptr_t(src)), bytes);
    return CUDA_SUCCESS;
  });
}

FAKE_API CUresult cuMemcpyDtoDAsync_v2(CUdeviceptr dst, CUdeviceptr src, size_t bytes,
                                       CUstream stream) {
  if (!inAllocation(dst, bytes) || !inAllocation(src, bytes))
    return fail(CUDA_ERROR_INVALID_VALUE, "device-to-device copy outside an allocation");
  return enqueue(stream, [=] {
    std::memmove(reinterpret_cast<void *>(uintptr_t(dst)),
                 reinterpret_cast<const void *>(uintptr_t(src)), bytes);
    return CUDA_SUCCESS;
  });
}

FAKE_API CUresult cuMemsetD8Async(CUdeviceptr dst, unsigned char value, size_t count,
                                  CUstream stream) {
  if (!inAllocation(dst, count))
    return fail(CUDA_ERROR_INVALID_VALUE, "fill outside an allocation");
  return enqueue(stream, [=] {
    std::memset(reinterpret_cast<void *>(uintptr_t(dst)), value, count);
    return CUDA_SUCCESS;
  });
}

FAKE_API CUresult cuStreamCreate(CUstream *stream, unsigned int) {
  if (!current)
    return fail(kInvalidContext, "no current context");
  *stream = new CUstream_st();
  return CUDA_SUCCESS;
}

FAKE_API CUresult cuStreamSynchronize(CUstream stream) {
  if (!current)
    return fail(kInvalidContext, "no current context");
  if (stream && stream->capturing()) {
    stream->capture->broken = true;
    return fail(CUDA_ERROR_STREAM_CAPTURE_UNSUPPORTED, "synchronize while capturing");
  }
  return CUDA_SUCCESS;
}

FAKE_API CUresult cuStreamDestroy_v2(CUstream stream) {
  if (stream && stream->capturing())
    return fail(kIllegalState, "destroying a stream that takes part in a capture");
  delete stream;
  return CUDA_SUCCESS;
}

FAKE_API CUresult cuStreamWaitEvent(CUstream stream, CUevent event, unsigned int flags) {
  if (!current)
    return fail(kInvalidContext, "no current context");
  if (!stream || !event || flags != 0)
    return fail(CUDA_ERROR_INVALID_VALUE, "cuStreamWaitEvent: null stream or event, or flags");
  if (event->capture && event->capture->ended) // (the real driver's answer is not documented)
    return fail(kIllegalState, "waiting for an event recorded in a capture that has ended");
  if (event->capture) {
    if (!stream->capturing()) { // joins the capture, as a new branch
      stream->capture = event->capture;
      stream->tail = event->tail;
      stream->branch = int(event->capture->streams.size());
      event->capture->streams.push_back(stream);
      return CUDA_SUCCESS;
    }
    if (stream->capture != event->capture)
      return fail(CUDA_ERROR_STREAM_CAPTURE_ISOLATION, "waiting for another capture's event");
    for (size_t t : event->tail)
      if (std::find(stream->tail.begin(), stream->tail.end(), t) == stream->tail.end())
        stream->tail.push_back(t);
    return CUDA_SUCCESS;
  }
  if (stream->capturing()) {
    stream->capture->broken = true;
    return fail(CUDA_ERROR_STREAM_CAPTURE_ISOLATION,
                "a capturing stream waits for an event recorded outside the capture");
  }
  return CUDA_SUCCESS; // the fake runs work when it is queued: an event has always happened
}

FAKE_API CUresult cuEventCreate(CUevent *event, unsigned int) {
  *event = new CUevent_st();
  return CUDA_SUCCESS;
}

FAKE_API CUresult cuEventRecord(CUevent event, CUstream stream) {
  if (!current)
    return fail(kInvalidContext, "no current context");
  if (stream && stream->capturing()) { // a point in the graph that waits may refer to
    event->capture = stream->capture;
    event->tail = stream->tail;
    return CUDA_SUCCESS;
  }
  event->capture.reset();
  event->tail.clear();
  return enqueue(stream, [=] {
    event->when = std::chrono::steady_clock::now();
    event->recorded = true;
    return CUDA_SUCCESS;
  });
}

FAKE_API CUresult cuEventSynchronize(CUevent) { return CUDA_SUCCESS; }

static CUresult elapsed(float *ms, CUevent start, CUevent end) {
  if (!start->recorded || !end->recorded)
    return fail(CUDA_ERROR_INVALID_HANDLE, "event not recorded");
  *ms = std::chrono::duration<float, std::milli>(end->when - start->when).count();
  return CUDA_SUCCESS;
}

FAKE_API CUresult cuEventElapsedTime(float *ms, CUevent start, CUevent end) {
  return elapsed(ms, start, end);
}
#ifndef SCONV_FAKE_CUDA_OLD
FAKE_API CUresult cuEventElapsedTime_v2(float *ms, CUevent start, CUevent end) {
  return elapsed(ms, start, end);
}
#endif

FAKE_API CUresult cuEventDestroy_v2(CUevent event) {
  delete event;
  return CUDA_SUCCESS;
}

FAKE_API CUresult cuLaunchKernel(CUfunction function, unsigned gridX, unsigned gridY,
                                 unsigned gridZ, unsigned blockX, unsigned blockY, unsigned blockZ,
                                 unsigned sharedBytes, CUstream stream, void **params,
                                 void **extra) {
  if (!function || !function->kernel)
    return fail(CUDA_ERROR_INVALID_HANDLE, "null function");
  if (gridX == 0 || gridY != 1 || gridZ != 1 || blockX == 0 || blockX > 1024 || blockY != 1 ||
      blockZ != 1 || sharedBytes != 0 || extra)
    return fail(CUDA_ERROR_INVALID_VALUE, "launch shape not emulated (1-D grids and blocks only)");
  const sconv::emu::EmulatedKernel *k = function->kernel;
  if (k->requiredBlock && blockX != k->requiredBlock)
    return fail(CUDA_ERROR_INVALID_VALUE, std::string("launch of ") + k->name + " with " +
                                              std::to_string(blockX) +
                                              " threads per block; its .reqntid is " +
                                              std::to_string(k->requiredBlock));
  if (!params || params[k->numParams] != nullptr)
    return fail(CUDA_ERROR_INVALID_VALUE, std::string("launch of ") + k->name +
                                              ": params must hold exactly " +
                                              std::to_string(k->numParams) +
                                              " values followed by nullptr");
  if (stream && stream->capturing()) {
    // A graph keeps copies of the parameter values, not the caller's storage.
    auto copies = std::make_shared<std::vector<std::vector<char>>>();
    for (unsigned i = 0; i < k->numParams; ++i) {
      const char *p = static_cast<const char *>(params[i]);
      copies->emplace_back(p, p + k->paramSizes[i]);
    }
    capture(stream, [=] {
      std::vector<void *> ptrs;
      for (auto &c : *copies)
        ptrs.push_back(c.data());
      ptrs.push_back(nullptr);
      return runKernel(k, gridX, blockX, ptrs.data());
    });
    return CUDA_SUCCESS;
  }
  if (!current)
    return fail(kInvalidContext, "no current context");
  return runKernel(k, gridX, blockX, params);
}

FAKE_API CUresult cuStreamBeginCapture_v2(CUstream stream, CUstreamCaptureMode) {
  if (!stream)
    return fail(CUDA_ERROR_STREAM_CAPTURE_UNSUPPORTED, "the legacy stream cannot capture");
  if (stream->capturing())
    return fail(kIllegalState, "already capturing");
  stream->capture = std::make_shared<Capture>();
  stream->capture->streams.push_back(stream);
  stream->tail.clear();
  stream->branch = 0;
  return CUDA_SUCCESS;
}

FAKE_API CUresult cuStreamEndCapture(CUstream stream, CUgraph *graph) {
  if (!stream || !stream->capturing())
    return fail(kIllegalState, "not capturing");
  *graph = nullptr;
  std::shared_ptr<Capture> c = stream->capture;
  if (c->streams.front() != stream)
    return fail(CUDA_ERROR_STREAM_CAPTURE_UNMATCHED, "capture ended on a stream that joined it");
  std::vector<size_t> todo = stream->tail; // what the origin's end waits for
  // The capture ends for every stream taking part, whatever the outcome.
  c->ended = true;
  for (CUstream s : c->streams) {
    s->capture.reset();
    s->tail.clear();
    s->branch = 0;
  }
  if (c->broken)
    return fail(kCaptureInvalidated, "capture was invalidated");
  // Every node must precede the origin's tail: a branch that was never joined back is an error.
  std::vector<bool> reached(c->nodes.size(), false);
  while (!todo.empty()) {
    const size_t i = todo.back();
    todo.pop_back();
    if (reached[i])
      continue;
    reached[i] = true;
    for (size_t d : c->nodes[i].deps)
      todo.push_back(d);
  }
  if (std::find(reached.begin(), reached.end(), false) != reached.end())
    return fail(CUDA_ERROR_STREAM_CAPTURE_UNJOINED,
                "capture ended with work on a joined stream that the origin stream never waited "
                "for");
  *graph = new CUgraph_st{std::move(c->nodes)};
  return CUDA_SUCCESS;
}

#ifndef SCONV_FAKE_CUDA_OLD
FAKE_API CUresult cuGraphInstantiateWithFlags(CUgraphExec *exec, CUgraph graph,
                                              unsigned long long) {
  if (!graph)
    return fail(CUDA_ERROR_INVALID_VALUE, "null graph");
  *exec = new CUgraphExec_st{graph->nodes};
  return CUDA_SUCCESS;
}
#endif

FAKE_API CUresult cuGraphLaunch(CUgraphExec exec, CUstream stream) {
  if (!current)
    return fail(kInvalidContext, "no current context");
  if (stream && stream->capturing())
    return fail(CUDA_ERROR_STREAM_CAPTURE_UNSUPPORTED, "graph launch while capturing");
  ++counters.graphLaunches;
  return replayGraph(exec->nodes, counters.graphLaunches);
}

FAKE_API CUresult cuGraphExecDestroy(CUgraphExec exec) {
  delete exec;
  return CUDA_SUCCESS;
}

FAKE_API CUresult cuGraphDestroy(CUgraph graph) {
  delete graph;
  return CUDA_SUCCESS;
}
