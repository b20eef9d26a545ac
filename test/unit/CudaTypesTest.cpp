// runtime/cuda/CudaDriver.h declares the driver's types, constants and function signatures itself
// (so that building sconv needs no CUDA toolkit). Where the toolkit's cuda.h is available this file
// checks all of them against it at compile time: the handle types are identical, the constants
// have cuda.h's values, and each table entry's exported symbol is a cuda.h function with the same
// number of parameters, each of the same size and kind (pointer or not).
#include "runtime/cuda/CudaDriver.h"

#include <gtest/gtest.h>

#include <type_traits>

// Capture our function types before cuda.h's macros (cuMemAlloc -> cuMemAlloc_v2, ...) apply.
namespace ours {
#define SCONV_OUR_TYPE(name, symbol, params) using name##_t = sconv::rt::CudaDriver::name##_fn;
SCONV_CUDA_DRIVER_FUNCTIONS(SCONV_OUR_TYPE)
#undef SCONV_OUR_TYPE
} // namespace ours

#ifdef SCONV_HAVE_CUDA_H
#include <cuda.h>

namespace {

template <typename A, typename B> constexpr bool sameKind() {
  return sizeof(A) == sizeof(B) && std::is_pointer_v<A> == std::is_pointer_v<B>;
}
template <typename A, typename B> struct SameShape : std::false_type {};
template <typename RA, typename... A, typename RB, typename... B>
struct SameShape<RA (*)(A...), RB (*)(B...)> {
  static constexpr bool value = sizeof...(A) == sizeof...(B) && sizeof(RA) == sizeof(RB) &&
                                (sameKind<A, B>() && ...);
};

namespace cu = sconv::rt::cu;

#define SCONV_CHECK_SIGNATURE(name, symbol, params)                                                \
  static_assert(SameShape<ours::name##_t, decltype(&::symbol)>::value,                             \
                #symbol " differs from cuda.h");
SCONV_CUDA_DRIVER_FUNCTIONS(SCONV_CHECK_SIGNATURE)
#define SCONV_CHECK_FALLBACK(name, older)                                                          \
  static_assert(SameShape<ours::name##_t, decltype(&::older)>::value, #older " differs");
// The fallback names are macros in cuda.h (renamed to the current symbol), so this checks the
// current signature; the older symbols are declared with the same parameters in its legacy part.
SCONV_CUDA_DRIVER_FALLBACKS(SCONV_CHECK_FALLBACK)

static_assert(std::is_same_v<cu::CUcontext, ::CUcontext>);
static_assert(std::is_same_v<cu::CUmodule, ::CUmodule>);
static_assert(std::is_same_v<cu::CUfunction, ::CUfunction>);
static_assert(std::is_same_v<cu::CUstream, ::CUstream>);
static_assert(std::is_same_v<cu::CUevent, ::CUevent>);
static_assert(std::is_same_v<cu::CUgraph, ::CUgraph>);
static_assert(std::is_same_v<cu::CUgraphExec, ::CUgraphExec>);
static_assert(std::is_same_v<cu::CUdeviceptr, ::CUdeviceptr>);
static_assert(std::is_same_v<cu::CUdevice, ::CUdevice>);
static_assert(sizeof(cu::CUresult) == sizeof(::CUresult));
static_assert(sizeof(cu::CUjit_option) == sizeof(::CUjit_option));
static_assert(sizeof(cu::CUdevice_attribute) == sizeof(::CUdevice_attribute));
static_assert(sizeof(cu::CUstreamCaptureMode) == sizeof(::CUstreamCaptureMode));

#define SCONV_CHECK_VALUE(name) static_assert(cu::name == int(::name), #name " differs from cuda.h");
SCONV_CHECK_VALUE(CUDA_SUCCESS)
SCONV_CHECK_VALUE(CUDA_ERROR_INVALID_VALUE)
SCONV_CHECK_VALUE(CUDA_ERROR_OUT_OF_MEMORY)
SCONV_CHECK_VALUE(CUDA_ERROR_NOT_INITIALIZED)
SCONV_CHECK_VALUE(CUDA_ERROR_STUB_LIBRARY)
SCONV_CHECK_VALUE(CUDA_ERROR_NO_DEVICE)
SCONV_CHECK_VALUE(CUDA_ERROR_INVALID_DEVICE)
SCONV_CHECK_VALUE(CUDA_ERROR_INVALID_IMAGE)
SCONV_CHECK_VALUE(CUDA_ERROR_INVALID_CONTEXT)
SCONV_CHECK_VALUE(CUDA_ERROR_NO_BINARY_FOR_GPU)
SCONV_CHECK_VALUE(CUDA_ERROR_INVALID_PTX)
SCONV_CHECK_VALUE(CUDA_ERROR_JIT_COMPILER_NOT_FOUND)
SCONV_CHECK_VALUE(CUDA_ERROR_UNSUPPORTED_PTX_VERSION)
SCONV_CHECK_VALUE(CUDA_ERROR_INVALID_HANDLE)
SCONV_CHECK_VALUE(CUDA_ERROR_ILLEGAL_STATE)
SCONV_CHECK_VALUE(CUDA_ERROR_NOT_FOUND)
SCONV_CHECK_VALUE(CUDA_ERROR_ILLEGAL_ADDRESS)
SCONV_CHECK_VALUE(CUDA_ERROR_LAUNCH_FAILED)
SCONV_CHECK_VALUE(CUDA_ERROR_NOT_SUPPORTED)
SCONV_CHECK_VALUE(CUDA_ERROR_SYSTEM_DRIVER_MISMATCH)
SCONV_CHECK_VALUE(CUDA_ERROR_STREAM_CAPTURE_UNSUPPORTED)
SCONV_CHECK_VALUE(CUDA_ERROR_STREAM_CAPTURE_INVALIDATED)
SCONV_CHECK_VALUE(CUDA_ERROR_STREAM_CAPTURE_UNMATCHED)
SCONV_CHECK_VALUE(CUDA_ERROR_STREAM_CAPTURE_UNJOINED)
SCONV_CHECK_VALUE(CUDA_ERROR_STREAM_CAPTURE_ISOLATION)
SCONV_CHECK_VALUE(CU_DEVICE_ATTRIBUTE_MAX_THREADS_PER_BLOCK)
SCONV_CHECK_VALUE(CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT)
SCONV_CHECK_VALUE(CU_DEVICE_ATTRIBUTE_L2_CACHE_SIZE)
SCONV_CHECK_VALUE(CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR)
SCONV_CHECK_VALUE(CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR)
SCONV_CHECK_VALUE(CU_JIT_INFO_LOG_BUFFER)
SCONV_CHECK_VALUE(CU_JIT_INFO_LOG_BUFFER_SIZE_BYTES)
SCONV_CHECK_VALUE(CU_JIT_ERROR_LOG_BUFFER)
SCONV_CHECK_VALUE(CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES)
SCONV_CHECK_VALUE(CU_JIT_LOG_VERBOSE)
SCONV_CHECK_VALUE(CU_STREAM_CAPTURE_MODE_GLOBAL)
SCONV_CHECK_VALUE(CU_STREAM_CAPTURE_MODE_THREAD_LOCAL)
SCONV_CHECK_VALUE(CU_STREAM_CAPTURE_MODE_RELAXED)
static_assert(cu::CU_STREAM_NON_BLOCKING == unsigned(::CU_STREAM_NON_BLOCKING));
static_assert(cu::CU_EVENT_DEFAULT == unsigned(::CU_EVENT_DEFAULT));
static_assert(cu::CU_EVENT_DISABLE_TIMING == unsigned(::CU_EVENT_DISABLE_TIMING));

} // namespace

TEST(CudaTypes, MatchTheToolkitHeader) {
  // Everything is checked at compile time above; this records that the check ran.
  SUCCEED() << "checked against cuda.h for CUDA " << CUDA_VERSION;
}
#else
TEST(CudaTypes, MatchTheToolkitHeader) {
  GTEST_SKIP() << "cuda.h was not found when sconv was configured: the driver declarations in "
                  "runtime/cuda/CudaDriver.h were not checked against it";
}
#endif
