// Shared by the GPU runtime's tests: the two drivers they run against (the system's libcuda where
// there is one, the emulating fake everywhere) and access to the fake's controls.
#pragma once
#include "runtime/cuda/GpuContext.h"

#include <gtest/gtest.h>

#include <dlfcn.h>

#include <functional>
#include <string>

namespace sconv::test {

/// The fake driver's controls (test/unit/FakeCudaDriver.cpp), through its library.
class FakeCuda {
public:
  explicit FakeCuda(const char *library = SCONV_FAKE_CUDA) {
    handle_ = dlopen(library, RTLD_NOW | RTLD_LOCAL);
    if (!handle_)
      throw rt::Error(std::string("cannot open the fake CUDA driver: ") + dlerror());
    reset_ = reinterpret_cast<void (*)()>(dlsym(handle_, "sconvFakeCudaReset"));
    set_ = reinterpret_cast<void (*)(const char *, long long)>(dlsym(handle_, "sconvFakeCudaSet"));
    get_ = reinterpret_cast<long long (*)(const char *)>(dlsym(handle_, "sconvFakeCudaGet"));
    if (!reset_ || !set_ || !get_)
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

private:
  void *handle_ = nullptr;
  void (*reset_)() = nullptr;
  void (*set_)(const char *, long long) = nullptr;
  long long (*get_)(const char *) = nullptr;
};

inline std::string errorOf(const std::function<void()> &f) {
  try {
    f();
  } catch (const rt::Error &e) {
    return e.what();
  }
  return "";
}

} // namespace sconv::test
