// The CUDA driver API, loaded at run time with dlopen("libcuda.so.1"): the runtime has no link-time
// dependency on libcuda, so one binary runs on machines with and without an NVIDIA GPU.
//
// The driver's C types are declared here (namespace sconv::rt::cu) rather than taken from the CUDA
// toolkit's cuda.h, so building the runtime needs no toolkit either. The opaque handle types are the
// same global structs cuda.h names (CUstream_st, ...), and test/unit/CudaTypesTest.cpp checks every
// constant and function signature below against cuda.h wherever the toolkit is installed.
//
// One line per driver function in SCONV_CUDA_DRIVER_FUNCTIONS: the member name, the symbol the
// driver exports for the ABI these declarations follow (the versioned names cuda.h maps to, such as
// cuMemAlloc_v2), and the parameters. Loading resolves every symbol or fails as a whole with an Error
// that says what to fix.
#pragma once
#include "runtime/Error.h"

#include <cstddef>
#include <memory>
#include <string>

// Opaque driver handles, spelled as cuda.h spells them so that both headers can meet in one file.
struct CUctx_st;
struct CUmod_st;
struct CUfunc_st;
struct CUstream_st;
struct CUevent_st;
struct CUgraph_st;
struct CUgraphExec_st;

namespace sconv::rt::cu {

using CUresult = int;
using CUdevice = int;
using CUdeviceptr = unsigned long long;
using CUcontext = CUctx_st *;
using CUmodule = CUmod_st *;
using CUfunction = CUfunc_st *;
using CUstream = CUstream_st *;
using CUevent = CUevent_st *;
using CUgraph = CUgraph_st *;
using CUgraphExec = CUgraphExec_st *;
using CUdevice_attribute = int;   // enum CUdevice_attribute_enum in cuda.h
using CUjit_option = int;         // enum CUjit_option_enum
using CUstreamCaptureMode = int;  // enum CUstreamCaptureMode_enum

// The values this runtime uses (CUresult, attributes, JIT options, flags).
inline constexpr CUresult CUDA_SUCCESS = 0;
inline constexpr CUresult CUDA_ERROR_INVALID_VALUE = 1;
inline constexpr CUresult CUDA_ERROR_OUT_OF_MEMORY = 2;
inline constexpr CUresult CUDA_ERROR_NOT_INITIALIZED = 3;
inline constexpr CUresult CUDA_ERROR_STUB_LIBRARY = 34;
inline constexpr CUresult CUDA_ERROR_NO_DEVICE = 100;
inline constexpr CUresult CUDA_ERROR_INVALID_DEVICE = 101;
inline constexpr CUresult CUDA_ERROR_INVALID_IMAGE = 200;
inline constexpr CUresult CUDA_ERROR_INVALID_CONTEXT = 201;
inline constexpr CUresult CUDA_ERROR_NO_BINARY_FOR_GPU = 209;
inline constexpr CUresult CUDA_ERROR_INVALID_PTX = 218;
inline constexpr CUresult CUDA_ERROR_JIT_COMPILER_NOT_FOUND = 221;
inline constexpr CUresult CUDA_ERROR_UNSUPPORTED_PTX_VERSION = 222;
inline constexpr CUresult CUDA_ERROR_INVALID_HANDLE = 400;
inline constexpr CUresult CUDA_ERROR_ILLEGAL_STATE = 401;
inline constexpr CUresult CUDA_ERROR_NOT_FOUND = 500;
inline constexpr CUresult CUDA_ERROR_ILLEGAL_ADDRESS = 700;
inline constexpr CUresult CUDA_ERROR_LAUNCH_FAILED = 719;
inline constexpr CUresult CUDA_ERROR_NOT_SUPPORTED = 801;
inline constexpr CUresult CUDA_ERROR_SYSTEM_DRIVER_MISMATCH = 803;
inline constexpr CUresult CUDA_ERROR_STREAM_CAPTURE_UNSUPPORTED = 900;
inline constexpr CUresult CUDA_ERROR_STREAM_CAPTURE_INVALIDATED = 901;
inline constexpr CUresult CUDA_ERROR_STREAM_CAPTURE_UNMATCHED = 903;
inline constexpr CUresult CUDA_ERROR_STREAM_CAPTURE_UNJOINED = 904;
inline constexpr CUresult CUDA_ERROR_STREAM_CAPTURE_ISOLATION = 905;

inline constexpr CUdevice_attribute CU_DEVICE_ATTRIBUTE_MAX_THREADS_PER_BLOCK = 1;
inline constexpr CUdevice_attribute CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT = 16;
inline constexpr CUdevice_attribute CU_DEVICE_ATTRIBUTE_L2_CACHE_SIZE = 38;
inline constexpr CUdevice_attribute CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR = 75;
inline constexpr CUdevice_attribute CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR = 76;

inline constexpr CUjit_option CU_JIT_INFO_LOG_BUFFER = 3;
inline constexpr CUjit_option CU_JIT_INFO_LOG_BUFFER_SIZE_BYTES = 4;
inline constexpr CUjit_option CU_JIT_ERROR_LOG_BUFFER = 5;
inline constexpr CUjit_option CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES = 6;
inline constexpr CUjit_option CU_JIT_LOG_VERBOSE = 12;

inline constexpr CUstreamCaptureMode CU_STREAM_CAPTURE_MODE_GLOBAL = 0;
inline constexpr CUstreamCaptureMode CU_STREAM_CAPTURE_MODE_THREAD_LOCAL = 1;
inline constexpr CUstreamCaptureMode CU_STREAM_CAPTURE_MODE_RELAXED = 2;

inline constexpr unsigned CU_STREAM_NON_BLOCKING = 0x1;
inline constexpr unsigned CU_EVENT_DEFAULT = 0x0;
inline constexpr unsigned CU_EVENT_DISABLE_TIMING = 0x2;

} // namespace sconv::rt::cu

// X(member, exported symbol, (parameters)). Every symbol exists in drivers for CUDA 12.0 and newer
// (PTX ISA 8.0, what the kernels are built for, needs 12.0 anyway). cuCtxCreate is deliberately
// absent: its current ABI (cuCtxCreate_v4) needs a 12.5 driver, and the primary context, shared
// with any CUDA runtime code in the process, is what a library should use.
#define SCONV_CUDA_DRIVER_FUNCTIONS(X)                                                             \
  X(cuInit, cuInit, (unsigned int flags))                                                          \
  X(cuDriverGetVersion, cuDriverGetVersion, (int *version))                                        \
  X(cuGetErrorName, cuGetErrorName, (CUresult error, const char **name))                           \
  X(cuGetErrorString, cuGetErrorString, (CUresult error, const char **text))                       \
  X(cuDeviceGetCount, cuDeviceGetCount, (int *count))                                              \
  X(cuDeviceGet, cuDeviceGet, (CUdevice * device, int ordinal))                                    \
  X(cuDeviceGetName, cuDeviceGetName, (char *name, int length, CUdevice device))                   \
  X(cuDeviceGetAttribute, cuDeviceGetAttribute,                                                    \
    (int *value, CUdevice_attribute attribute, CUdevice device))                                   \
  X(cuDeviceTotalMem, cuDeviceTotalMem_v2, (size_t * bytes, CUdevice device))                      \
  X(cuDevicePrimaryCtxRetain, cuDevicePrimaryCtxRetain, (CUcontext * context, CUdevice device))    \
  X(cuDevicePrimaryCtxRelease, cuDevicePrimaryCtxRelease_v2, (CUdevice device))                    \
  X(cuCtxSetCurrent, cuCtxSetCurrent, (CUcontext context))                                         \
  X(cuModuleLoadDataEx, cuModuleLoadDataEx,                                                        \
    (CUmodule * module, const void *image, unsigned int numOptions, CUjit_option *options,         \
     void **optionValues))                                                                         \
  X(cuModuleGetFunction, cuModuleGetFunction,                                                      \
    (CUfunction * function, CUmodule module, const char *name))                                    \
  X(cuModuleUnload, cuModuleUnload, (CUmodule module))                                             \
  X(cuMemGetInfo, cuMemGetInfo_v2, (size_t * freeBytes, size_t * totalBytes))                      \
  X(cuMemAlloc, cuMemAlloc_v2, (CUdeviceptr * pointer, size_t bytes))                              \
  X(cuMemFree, cuMemFree_v2, (CUdeviceptr pointer))                                                \
  X(cuMemcpyHtoDAsync, cuMemcpyHtoDAsync_v2,                                                       \
    (CUdeviceptr dst, const void *src, size_t bytes, CUstream stream))                             \
  X(cuMemcpyDtoHAsync, cuMemcpyDtoHAsync_v2,                                                       \
    (void *dst, CUdeviceptr src, size_t bytes, CUstream stream))                                   \
  X(cuMemcpyDtoDAsync, cuMemcpyDtoDAsync_v2,                                                       \
    (CUdeviceptr dst, CUdeviceptr src, size_t bytes, CUstream stream))                             \
  X(cuMemsetD8Async, cuMemsetD8Async,                                                              \
    (CUdeviceptr dst, unsigned char value, size_t count, CUstream stream))                         \
  X(cuStreamCreate, cuStreamCreate, (CUstream * stream, unsigned int flags))                       \
  X(cuStreamSynchronize, cuStreamSynchronize, (CUstream stream))                                   \
  X(cuStreamDestroy, cuStreamDestroy_v2, (CUstream stream))                                        \
  X(cuStreamWaitEvent, cuStreamWaitEvent, (CUstream stream, CUevent event, unsigned int flags))    \
  X(cuEventCreate, cuEventCreate, (CUevent * event, unsigned int flags))                           \
  X(cuEventRecord, cuEventRecord, (CUevent event, CUstream stream))                                \
  X(cuEventSynchronize, cuEventSynchronize, (CUevent event))                                       \
  X(cuEventElapsedTime, cuEventElapsedTime_v2, (float *milliseconds, CUevent start, CUevent end))  \
  X(cuEventDestroy, cuEventDestroy_v2, (CUevent event))                                            \
  X(cuLaunchKernel, cuLaunchKernel,                                                                \
    (CUfunction function, unsigned int gridX, unsigned int gridY, unsigned int gridZ,              \
     unsigned int blockX, unsigned int blockY, unsigned int blockZ, unsigned int sharedBytes,      \
     CUstream stream, void **params, void **extra))                                                \
  X(cuStreamBeginCapture, cuStreamBeginCapture_v2, (CUstream stream, CUstreamCaptureMode mode))    \
  X(cuStreamEndCapture, cuStreamEndCapture, (CUstream stream, CUgraph * graph))                    \
  X(cuGraphInstantiate, cuGraphInstantiateWithFlags,                                               \
    (CUgraphExec * exec, CUgraph graph, unsigned long long flags))                                 \
  X(cuGraphLaunch, cuGraphLaunch, (CUgraphExec exec, CUstream stream))                             \
  X(cuGraphExecDestroy, cuGraphExecDestroy, (CUgraphExec exec))                                    \
  X(cuGraphDestroy, cuGraphDestroy, (CUgraph graph))

// Older exported names tried when the preferred symbol is missing, for functions whose signature
// did not change: cuEventElapsedTime_v2 first appears in 12.8 drivers.
#define SCONV_CUDA_DRIVER_FALLBACKS(Y) Y(cuEventElapsedTime, cuEventElapsedTime)

namespace sconv::rt {

/// The resolved driver. Every function pointer is non-null once construction succeeded.
class CudaDriver {
public:
  /// The system driver ("libcuda.so.1"), loaded and cuInit'ed once per process. Throws Error, the
  /// same message every call, when it cannot be used: "no NVIDIA driver found (libcuda.so.1 not
  /// loadable): ...", a driver too old for a symbol, or cuInit failing (no device, stub library).
  static std::shared_ptr<const CudaDriver> system();
  /// Loads a specific library (a path, or a name for the dynamic linker's search), resolves every
  /// symbol and calls cuInit(0). Throws Error as system() does, naming `library`.
  static std::shared_ptr<const CudaDriver> load(const std::string &library);

  ~CudaDriver();
  CudaDriver(const CudaDriver &) = delete;
  CudaDriver &operator=(const CudaDriver &) = delete;

  const std::string &library() const { return library_; }
  /// The driver's CUDA version as cuDriverGetVersion reports it (e.g. 12040 for 12.4).
  int version() const { return version_; }
  /// "CUDA_ERROR_OUT_OF_MEMORY (out of memory)", or "CUresult 12345" for a code the driver does
  /// not name.
  std::string errorText(cu::CUresult result) const;
  /// Throws Error "<what> failed: <errorText> (<file>:<line>)" unless result is CUDA_SUCCESS.
  void check(cu::CUresult result, const char *what, const char *file, int line) const;

#define SCONV_CUDA_DRIVER_MEMBER(name, symbol, params)                                             \
  using name##_fn = cu::CUresult(*) params;                                                        \
  name##_fn name = nullptr;
  // The parameter lists name cu:: types unqualified.
  using CUresult = cu::CUresult;
  using CUdevice = cu::CUdevice;
  using CUdeviceptr = cu::CUdeviceptr;
  using CUcontext = cu::CUcontext;
  using CUmodule = cu::CUmodule;
  using CUfunction = cu::CUfunction;
  using CUstream = cu::CUstream;
  using CUevent = cu::CUevent;
  using CUgraph = cu::CUgraph;
  using CUgraphExec = cu::CUgraphExec;
  using CUdevice_attribute = cu::CUdevice_attribute;
  using CUjit_option = cu::CUjit_option;
  using CUstreamCaptureMode = cu::CUstreamCaptureMode;
  SCONV_CUDA_DRIVER_FUNCTIONS(SCONV_CUDA_DRIVER_MEMBER)
#undef SCONV_CUDA_DRIVER_MEMBER

private:
  CudaDriver() = default;
  void *handle_ = nullptr;
  std::string library_;
  int version_ = 0;
};

/// "12.4" for 12040.
std::string cudaVersionText(int version);

namespace detail {
/// The path below the project root ("runtime/cuda/GpuContext.cpp") for error messages.
const char *sourcePath(const char *file);
} // namespace detail

} // namespace sconv::rt

/// Evaluates `driver.call` (e.g. SCONV_CU_CHECK(drv, cuMemFree(p))) and throws sconv::rt::Error with
/// the driver's error name, the call and the source location when it does not return CUDA_SUCCESS.
#define SCONV_CU_CHECK(driver, call) (driver).check((driver).call, #call, __FILE__, __LINE__)
