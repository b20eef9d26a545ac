// Shared by the GPU runtime's tests: the two drivers they run against (the system's libcuda where
// there is one, the emulating fake everywhere) and access to the fake's controls.
#pragma once
#include "test/unit/ErrorOf.h"
#include "runtime/cuda/GpuContext.h"

#include <gtest/gtest.h>

#include <dlfcn.h>

#include <cstdlib>
#include <functional>
#include <string>

namespace sconv::test {

/// A file of the real point clouds (../shared/data, fixed at configure time), or of the directory
/// $SCONV_TEST_DATA names: GPU builds run on other machines, where ../shared is elsewhere.
inline std::string dataFile(const char *name) {
  const char *dir = std::getenv("SCONV_TEST_DATA");
  return std::string(dir && *dir ? dir : SCONV_DATA_DIR) + "/" + name;
}

/// The fake driver's controls (test/unit/FakeCudaDriver.cpp), through its library.
class FakeCuda {
public:
  /// `exportWarpOps`: the library's symbols become visible to libraries loaded later, so that the
  /// host twins of tensor-core kernels (in a model's CPU code) resolve the emulated warp-wide
  /// instructions they call (EmulatedWarpOps.cpp).
  explicit FakeCuda(const char *library = SCONV_FAKE_CUDA, bool exportWarpOps = false) {
    handle_ = dlopen(library, RTLD_NOW | (exportWarpOps ? RTLD_GLOBAL : RTLD_LOCAL));
    if (!handle_)
      throw rt::Error(std::string("cannot open the fake CUDA driver: ") + dlerror());
    reset_ = reinterpret_cast<void (*)()>(dlsym(handle_, "sconvFakeCudaReset"));
    set_ = reinterpret_cast<void (*)(const char *, long long)>(dlsym(handle_, "sconvFakeCudaSet"));
    get_ = reinterpret_cast<long long (*)(const char *)>(dlsym(handle_, "sconvFakeCudaGet"));
    registerTwin_ = reinterpret_cast<RegisterTwinFn>(dlsym(handle_, "sconvFakeCudaRegisterTwin"));
    if (!reset_ || !set_ || !get_ || !registerTwin_)
      throw rt::Error("the fake CUDA driver lacks its controls");
    reset_();
  }
  ~FakeCuda() {
    reset_();
    dlclose(handle_);
  }
  FakeCuda(const FakeCuda &) = delete;
  FakeCuda &operator=(const FakeCuda &) = delete;
  void set(const char *key, long long value) { set_(key, value); }
  long long get(const char *key) { return get_(key); }
  using TwinCall = void (*)(void *twin, void **params, unsigned long long block,
                            unsigned long long thread);
  /// Runs kernel `name` (of any PTX module that declares it) as `call(twin, ...)` per thread
  /// (as coroutines when `warpWide`: the twin meets its warp's other lanes).
  void registerTwin(const std::string &name, TwinCall call, void *twin, unsigned numParams,
                    unsigned requiredBlock, bool warpWide) {
    registerTwin_(name.c_str(), call, twin, numParams, requiredBlock, int(warpWide));
  }

private:
  void *handle_ = nullptr;
  void (*reset_)() = nullptr;
  void (*set_)(const char *, long long) = nullptr;
  long long (*get_)(const char *) = nullptr;
  using RegisterTwinFn = void (*)(const char *, TwinCall, void *, unsigned, unsigned, int);
  RegisterTwinFn registerTwin_ = nullptr;
};

} // namespace sconv::test
