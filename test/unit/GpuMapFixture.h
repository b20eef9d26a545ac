// The fixture of the GPU kernel-map suites (GpuKernelMapTest.cpp, GpuMaskedMapTest.cpp): each test
// runs on "emulated" (the fake driver, everywhere) and on "gpu" (the system driver and GPU 0,
// skipped visibly where there is none); and map equality that names the first differing entry.
#pragma once
#include "runtime/KernelMap.h"
#include "runtime/ThreadPool.h"
#include "test/unit/GpuTestUtil.h"

#include <memory>

namespace sconv::test {

/// Field-by-field equality, reporting the first differing entry rather than whole vectors.
inline ::testing::AssertionResult sameMap(const rt::KernelMap &want,
                                          const rt::KernelMap &got) {
  auto fail = [](const std::string &what) { return ::testing::AssertionFailure() << what; };
  if (!(want.geometry == got.geometry))
    return fail("geometry differs");
  if (want.numIn != got.numIn || want.numOut != got.numOut || want.volume != got.volume ||
      want.batchSize != got.batchSize || want.outShape != got.outShape)
    return fail("sizes differ: numOut " + std::to_string(want.numOut) + " vs " +
                std::to_string(got.numOut));
  if (want.outCoords.size() != got.outCoords.size() || want.nbr.size() != got.nbr.size())
    return fail("table sizes differ");
  for (size_t i = 0; i < want.outCoords.size(); ++i)
    if (want.outCoords[i] != got.outCoords[i])
      return fail("output site row " + std::to_string(i / 4) + " differs");
  for (size_t i = 0; i < want.nbr.size(); ++i)
    if (want.nbr[i] != got.nbr[i])
      return fail("nbr[" + std::to_string(i / size_t(want.volume)) + "][" +
                  std::to_string(i % size_t(want.volume)) + "] = " + std::to_string(got.nbr[i]) +
                  ", CPU has " + std::to_string(want.nbr[i]));
  return ::testing::AssertionSuccess();
}

class GpuKernelMap : public ::testing::TestWithParam<std::string> {
protected:
  void SetUp() override {
    if (GetParam() == "gpu") {
      const std::string why = errorOf([&] { driver_ = rt::CudaDriver::system(); });
      if (!driver_)
        GTEST_SKIP() << "no usable NVIDIA driver: " << why;
      if (rt::gpuCount(*driver_) == 0)
        GTEST_SKIP() << "the NVIDIA driver sees no GPU";
    } else {
      fake_ = std::make_unique<FakeCuda>();
      driver_ = rt::CudaDriver::load(SCONV_FAKE_CUDA);
    }
    ctx_ = std::make_unique<rt::GpuContext>(driver_, 0);
  }
  bool emulated() const { return fake_ != nullptr; }

  std::unique_ptr<FakeCuda> fake_;
  std::shared_ptr<const rt::CudaDriver> driver_;
  std::unique_ptr<rt::GpuContext> ctx_;
  rt::ThreadPool pool_{2};
};

inline std::string driverName(const ::testing::TestParamInfo<std::string> &info) {
  return info.param;
}

} // namespace sconv::test
