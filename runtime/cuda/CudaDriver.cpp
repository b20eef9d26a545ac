// Loading libcuda with dlopen: resolve the whole table or fail with one message saying what to fix.
#include "runtime/cuda/CudaDriver.h"

#include <dlfcn.h>

#include <cstring>
#include <mutex>

namespace sconv::rt {

namespace detail {
const char *sourcePath(const char *file) {
  // Sources are compiled by absolute path: keep the part from the last top-level folder name that
  // uses this macro, so that messages do not carry the build machine's paths.
  const char *best = nullptr;
  for (const char *marker : {"/runtime/", "/test/", "/tools/"})
    for (const char *p = std::strstr(file, marker); p; p = std::strstr(p + 1, marker))
      if (!best || p > best)
        best = p;
  return best ? best + 1 : file;
}
} // namespace detail

std::string cudaVersionText(int version) {
  return std::to_string(version / 1000) + "." + std::to_string((version % 1000) / 10);
}

namespace {

/// A symbol from `handle`, or null.
void *symbol(void *handle, const char *name) {
  dlerror();
  return dlsym(handle, name);
}

const char *fallbackSymbol(const char *member) {
#define SCONV_CUDA_FALLBACK(name, older)                                                           \
  if (std::strcmp(member, #name) == 0)                                                             \
    return #older;
  SCONV_CUDA_DRIVER_FALLBACKS(SCONV_CUDA_FALLBACK)
#undef SCONV_CUDA_FALLBACK
  return nullptr;
}

/// Names of the codes this runtime tests for, for drivers that cannot name them.
const char *knownErrorName(cu::CUresult r) {
  switch (r) {
#define SCONV_CU_NAME(code)                                                                        \
  case cu::code:                                                                                   \
    return #code;
    SCONV_CU_NAME(CUDA_SUCCESS)
    SCONV_CU_NAME(CUDA_ERROR_INVALID_VALUE)
    SCONV_CU_NAME(CUDA_ERROR_OUT_OF_MEMORY)
    SCONV_CU_NAME(CUDA_ERROR_NOT_INITIALIZED)
    SCONV_CU_NAME(CUDA_ERROR_STUB_LIBRARY)
    SCONV_CU_NAME(CUDA_ERROR_NO_DEVICE)
    SCONV_CU_NAME(CUDA_ERROR_INVALID_DEVICE)
    SCONV_CU_NAME(CUDA_ERROR_INVALID_IMAGE)
    SCONV_CU_NAME(CUDA_ERROR_INVALID_CONTEXT)
    SCONV_CU_NAME(CUDA_ERROR_NO_BINARY_FOR_GPU)
    SCONV_CU_NAME(CUDA_ERROR_INVALID_PTX)
    SCONV_CU_NAME(CUDA_ERROR_JIT_COMPILER_NOT_FOUND)
    SCONV_CU_NAME(CUDA_ERROR_UNSUPPORTED_PTX_VERSION)
    SCONV_CU_NAME(CUDA_ERROR_INVALID_HANDLE)
    SCONV_CU_NAME(CUDA_ERROR_ILLEGAL_STATE)
    SCONV_CU_NAME(CUDA_ERROR_NOT_FOUND)
    SCONV_CU_NAME(CUDA_ERROR_ILLEGAL_ADDRESS)
    SCONV_CU_NAME(CUDA_ERROR_LAUNCH_FAILED)
    SCONV_CU_NAME(CUDA_ERROR_NOT_SUPPORTED)
    SCONV_CU_NAME(CUDA_ERROR_SYSTEM_DRIVER_MISMATCH)
    SCONV_CU_NAME(CUDA_ERROR_STREAM_CAPTURE_UNSUPPORTED)
    SCONV_CU_NAME(CUDA_ERROR_STREAM_CAPTURE_INVALIDATED)
#undef SCONV_CU_NAME
  default:
    return nullptr;
  }
}

} // namespace

std::shared_ptr<const CudaDriver> CudaDriver::load(const std::string &library) {
  void *handle = dlopen(library.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    const char *why = dlerror();
    throw Error("no NVIDIA driver found (" + library + " not loadable): " +
                std::string(why ? why : "unknown dlopen error") +
                ". Install the NVIDIA driver (it provides libcuda.so.1) or add its directory to "
                "LD_LIBRARY_PATH; without a GPU, use the CPU backend");
  }
  std::shared_ptr<CudaDriver> d(new CudaDriver());
  d->handle_ = handle;
  d->library_ = library;

  std::string missing;
#define SCONV_CUDA_RESOLVE(name, sym, params)                                                      \
  {                                                                                                \
    void *p = symbol(handle, #sym);                                                                \
    if (!p)                                                                                        \
      if (const char *older = fallbackSymbol(#name))                                               \
        p = symbol(handle, older);                                                                 \
    if (p)                                                                                         \
      d->name = reinterpret_cast<name##_fn>(p);                                                    \
    else                                                                                           \
      missing += std::string(missing.empty() ? "" : ", ") + #sym;                                  \
  }
  SCONV_CUDA_DRIVER_FUNCTIONS(SCONV_CUDA_RESOLVE)
#undef SCONV_CUDA_RESOLVE

  if (!missing.empty()) {
    std::string version;
    if (d->cuDriverGetVersion && d->cuDriverGetVersion(&d->version_) == cu::CUDA_SUCCESS)
      version = " (it reports CUDA " + cudaVersionText(d->version_) + ")";
    throw Error("the NVIDIA driver in " + library + version + " lacks " + missing +
                ": sconv needs a driver for CUDA 12.0 or newer; update the NVIDIA driver");
  }
  if (d->cuDriverGetVersion(&d->version_) != cu::CUDA_SUCCESS)
    d->version_ = 0;
  const cu::CUresult init = d->cuInit(0);
  if (init != cu::CUDA_SUCCESS) {
    std::string hint;
    if (init == cu::CUDA_ERROR_STUB_LIBRARY)
      hint = ": this is the CUDA toolkit's link stub, not a driver; put the real driver's "
             "libcuda.so.1 first on the library path";
    else if (init == cu::CUDA_ERROR_NO_DEVICE)
      hint = ": no GPU is visible to this process (check nvidia-smi and CUDA_VISIBLE_DEVICES)";
    else if (init == cu::CUDA_ERROR_SYSTEM_DRIVER_MISMATCH)
      hint = ": the NVIDIA kernel module and libcuda.so.1 come from different driver versions "
             "(reinstall the driver or reboot after an update)";
    const std::string version =
        d->version_ > 0 ? " (CUDA " + cudaVersionText(d->version_) + ")" : std::string();
    throw Error("the NVIDIA driver in " + library + version + " loaded but cuInit failed: " +
                d->errorText(init) + hint);
  }
  return d;
}

std::shared_ptr<const CudaDriver> CudaDriver::system() {
  static std::once_flag once;
  static std::shared_ptr<const CudaDriver> driver;
  static std::string failure;
  std::call_once(once, [] {
    try {
      driver = load("libcuda.so.1");
    } catch (const Error &e) {
      failure = e.what();
    }
  });
  if (!driver)
    throw Error(failure);
  return driver;
}

CudaDriver::~CudaDriver() {
  if (handle_)
    dlclose(handle_);
}

std::string CudaDriver::errorText(cu::CUresult result) const {
  const char *name = nullptr, *text = nullptr;
  if (cuGetErrorName && cuGetErrorName(result, &name) != cu::CUDA_SUCCESS)
    name = nullptr;
  if (cuGetErrorString && cuGetErrorString(result, &text) != cu::CUDA_SUCCESS)
    text = nullptr;
  if (!name)
    name = knownErrorName(result); // the driver may not name codes (the toolkit's stub does not)
  std::string s = name ? std::string(name) : "CUresult " + std::to_string(result);
  if (text)
    s += std::string(" (") + text + ")";
  return s;
}

void CudaDriver::check(cu::CUresult result, const char *what, const char *file, int line) const {
  if (result == cu::CUDA_SUCCESS)
    return;
  throw Error(std::string(what) + " failed: " + errorText(result) + " (" +
              detail::sourcePath(file) + ":" + std::to_string(line) + ")");
}

} // namespace sconv::rt
