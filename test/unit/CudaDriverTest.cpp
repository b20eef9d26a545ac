// The dlopen'd driver: the system driver loads or says clearly why not; a missing library, a driver
// lacking symbols and a failing cuInit each give a message naming the library and what to fix;
// every symbol of the table exists in the CUDA 13 driver (its toolkit link stub exports them all);
// device query and CUresult -> Error conversion.
#include "test/unit/GpuTestUtil.h"

#include <gtest/gtest.h>

using namespace sconv;
using sconv::test::errorOf;
using sconv::test::FakeCuda;

namespace {

TEST(CudaDriver, SystemDriverLoadsOrSaysWhy) {
  std::shared_ptr<const rt::CudaDriver> driver;
  const std::string error = errorOf([&] { driver = rt::CudaDriver::system(); });
  if (!driver) {
    // The message must name the library and say what to do.
    EXPECT_NE(error.find("libcuda.so.1"), std::string::npos) << error;
    EXPECT_TRUE(error.find("no NVIDIA driver found (libcuda.so.1 not loadable)") !=
                    std::string::npos ||
                error.find("cuInit failed") != std::string::npos ||
                error.find("lacks") != std::string::npos)
        << error;
    // Asking again gives the same answer (the failure is remembered, not retried).
    EXPECT_EQ(errorOf([] { rt::CudaDriver::system(); }), error);
    GTEST_SKIP() << "no usable NVIDIA driver on this machine: " << error;
  }
  EXPECT_GE(driver->version(), 12000) << "sconv needs a driver for CUDA 12.0 or newer";
  const int n = rt::gpuCount(*driver);
  ASSERT_GT(n, 0);
  for (int i = 0; i < n; ++i) {
    const rt::GpuDeviceInfo info = rt::queryGpu(*driver, i);
    EXPECT_FALSE(info.name.empty());
    EXPECT_GE(info.smMajor, 3);
    EXPECT_GT(info.totalMemory, size_t(0));
    EXPECT_GT(info.multiprocessors, 0);
    std::printf("GPU %d: %s\n", i, info.describe().c_str());
  }
}

TEST(CudaDriver, MissingLibraryIsNamed) {
  const std::string e = errorOf([] { rt::CudaDriver::load("libsconv-no-such-cuda.so.1"); });
  EXPECT_NE(e.find("no NVIDIA driver found (libsconv-no-such-cuda.so.1 not loadable)"),
            std::string::npos)
      << e;
  EXPECT_NE(e.find("libcuda.so.1"), std::string::npos) << "says what provides the driver: " << e;
}

TEST(CudaDriver, TooOldDriverListsWhatItLacks) {
  // The "old" fake lacks cuGraphInstantiateWithFlags and cuEventElapsedTime_v2; the latter has a
  // same-signature fallback (cuEventElapsedTime), so only the former is missing.
  const std::string e = errorOf([] { rt::CudaDriver::load(SCONV_FAKE_CUDA_OLD); });
  EXPECT_NE(e.find("lacks cuGraphInstantiateWithFlags:"), std::string::npos) << e;
  EXPECT_EQ(e.find("cuEventElapsedTime"), std::string::npos) << e;
  EXPECT_NE(e.find("(it reports CUDA 13.0)"), std::string::npos) << e;
  EXPECT_NE(e.find("update the NVIDIA driver"), std::string::npos) << e;
}

TEST(CudaDriver, ToolkitStubExportsEverySymbol) {
#ifdef SCONV_CUDA_STUB_LIBRARY
  // The toolkit's link stub exports the CUDA 13 driver API, and its cuInit fails with
  // CUDA_ERROR_STUB_LIBRARY: reaching cuInit proves every symbol of the table resolved.
  const std::string e = errorOf([] { rt::CudaDriver::load(SCONV_CUDA_STUB_LIBRARY); });
  EXPECT_EQ(e.find("lacks"), std::string::npos) << e;
  EXPECT_NE(e.find("cuInit failed"), std::string::npos) << e;
  EXPECT_NE(e.find("CUDA_ERROR_STUB_LIBRARY"), std::string::npos) << e;
  EXPECT_NE(e.find("link stub, not a driver"), std::string::npos) << e;
#else
  GTEST_SKIP() << "the CUDA toolkit's libcuda stub was not found when sconv was configured";
#endif
}

TEST(CudaDriver, CuInitFailureIsExplained) {
  FakeCuda fake;
  fake.set("init_result", rt::cu::CUDA_ERROR_NO_DEVICE);
  const std::string e = errorOf([] { rt::CudaDriver::load(SCONV_FAKE_CUDA); });
  EXPECT_NE(e.find("loaded but cuInit failed: CUDA_ERROR_NO_DEVICE (no CUDA-capable device is "
                   "detected)"),
            std::string::npos)
      << e;
  EXPECT_NE(e.find("CUDA_VISIBLE_DEVICES"), std::string::npos) << e;
}

TEST(CudaDriver, ErrorsNameTheCallAndPlace) {
  FakeCuda fake;
  auto driver = rt::CudaDriver::load(SCONV_FAKE_CUDA);
  EXPECT_EQ(driver->version(), 13000);
  EXPECT_EQ(driver->errorText(rt::cu::CUDA_ERROR_OUT_OF_MEMORY),
            "CUDA_ERROR_OUT_OF_MEMORY (out of memory)");
  EXPECT_EQ(driver->errorText(12345), "CUresult 12345");
  // No current context: the driver refuses, and the Error carries name, call and location.
  driver->cuCtxSetCurrent(nullptr);
  rt::cu::CUdeviceptr p = 0;
  const std::string e = errorOf([&] { SCONV_CU_CHECK(*driver, cuMemAlloc(&p, 64)); });
  EXPECT_NE(e.find("cuMemAlloc(&p, 64) failed: CUDA_ERROR_INVALID_CONTEXT"), std::string::npos)
      << e;
  EXPECT_NE(e.find("(test/unit/CudaDriverTest.cpp:"), std::string::npos) << e;
}

TEST(CudaDriver, DeviceQuery) {
  FakeCuda fake;
  fake.set("sm_major", 8);
  fake.set("sm_minor", 6);
  fake.set("total_memory", 3ll << 30);
  fake.set("multiprocessors", 7);
  fake.set("driver_version", 12040);
  auto driver = rt::CudaDriver::load(SCONV_FAKE_CUDA);
  EXPECT_EQ(rt::gpuCount(*driver), 1);
  const rt::GpuDeviceInfo info = rt::queryGpu(*driver, 0);
  EXPECT_EQ(info.name, "sconv fake GPU (host emulation)");
  EXPECT_EQ(info.chip(), "sm_86");
  EXPECT_EQ(info.totalMemory, size_t(3) << 30);
  EXPECT_EQ(info.multiprocessors, 7);
  EXPECT_EQ(info.driverVersion, 12040);
  EXPECT_EQ(info.describe(),
            "sconv fake GPU (host emulation) (sm_86, 7 SMs, 3.0 GiB, driver for CUDA 12.4)");
  EXPECT_NE(errorOf([&] { rt::queryGpu(*driver, 1); }).find("GPU 1 does not exist: the driver "
                                                            "sees 1 GPU"),
            std::string::npos);
}

TEST(CudaDriver, ContextLifetime) {
  FakeCuda fake;
  auto driver = rt::CudaDriver::load(SCONV_FAKE_CUDA);
  {
    rt::GpuContext ctx(driver, 0);
    EXPECT_EQ(fake.get("context_refs"), 1);
    rt::DeviceBuffer a = ctx.allocate(1000);
    rt::DeviceBuffer b = ctx.allocate(5000);
    EXPECT_EQ(fake.get("live_allocations"), 2);
    a.reset();
    EXPECT_EQ(fake.get("live_allocations"), 2) << "the pool keeps freed blocks";
  }
  // The context frees the pool's blocks and returns its primary-context reference.
  EXPECT_EQ(fake.get("live_allocations"), 0);
  EXPECT_EQ(fake.get("context_refs"), 0);
}

} // namespace
