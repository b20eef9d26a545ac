// GPU kernel maps against the CPU runtime's (runtime/KernelMap.cpp, itself checked against brute
// force in KernelMapTest.cpp): equal bit for bit on random clouds of every geometry kind, on a
// real KITTI frame, for both output-site methods; the same bits twice; the same Error messages for
// bad input. Plus the context's memory pool, events and graph capture on the device.
//
// Every test runs twice: on "gpu", the system's driver and GPU 0 (skipped, visibly, where there is
// none), and on "emulated", the fake driver of test/unit/FakeCudaDriver.cpp that runs the same
// kernels, compiled for the host, in a coroutine emulator with shuffled thread order. The emulated
// runs check the host code and the kernels' logic everywhere; only the "gpu" runs check the PTX,
// the hardware and the real driver.
#include "test/reference/MapCases.h"
#include "runtime/KernelMap.h"
#include "runtime/PointCloud.h"
#include "runtime/Voxelizer.h"
#include "runtime/MaskOrder.h"
#include "runtime/cuda/GpuKernelMap.h"
#include "runtime/cuda/GpuMaskOrder.h"
#include "runtime/cuda/RuntimeKernels.h"
#include "runtime/cuda/kernels/KernelMapAbi.h"
#include "test/reference/RandomCloud.h"
#include "test/reference/TestTensors.h"
#include "test/unit/GpuMapFixture.h"

#include <gtest/gtest.h>

#include <filesystem>

using namespace sconv;
using rt::ConvGeometry;
using rt::ConvKind;
using rt::Int3;
using rt::KernelMap;
using rt::OutputSiteMethod;
using sconv::test::errorOf;
using sconv::test::FakeCuda;
using sconv::test::GpuKernelMap;
using sconv::test::sameMap;

using ref::geom;
using ref::MapCase;
using ref::mapCases;

namespace {

INSTANTIATE_TEST_SUITE_P(Drivers, GpuKernelMap, ::testing::Values("emulated", "gpu"),
                         sconv::test::driverName);

TEST_P(GpuKernelMap, MatchesCpuOnRandomClouds) {
  for (const MapCase &c : mapCases()) {
    SCOPED_TRACE(c.name);
    const rt::SparseTensor in = ref::randomCloud(42, c.sites, 1, c.shape, c.batch);
    const KernelMap cpu = rt::buildKernelMap(in, c.g, pool_);
    for (OutputSiteMethod method :
         {OutputSiteMethod::Auto, OutputSiteMethod::Bitmap, OutputSiteMethod::Sort}) {
      if (c.g.kind == ConvKind::Submanifold && method != OutputSiteMethod::Auto)
        continue;
      SCOPED_TRACE(method == OutputSiteMethod::Bitmap ? "bitmap"
                   : method == OutputSiteMethod::Sort ? "sort"
                                                      : "auto");
      EXPECT_TRUE(sameMap(cpu, rt::buildKernelMapGpu(*ctx_, in, c.g, method)));
    }
  }
}

TEST_P(GpuKernelMap, SameBitsTwice) {
  // Emulated launches shuffle thread and block order differently every time.
  const rt::SparseTensor in = ref::randomCloud(7, 3000, 1, {20, 40, 36}, 2);
  for (const ConvGeometry &g : {geom(ConvKind::Submanifold, {3, 3, 3}),
                                geom(ConvKind::Regular, {3, 3, 3}, {2, 2, 2}, {1, 1, 1})})
    for (OutputSiteMethod method : {OutputSiteMethod::Bitmap, OutputSiteMethod::Sort}) {
      const KernelMap a = rt::buildKernelMapGpu(*ctx_, in, g, method);
      const KernelMap b = rt::buildKernelMapGpu(*ctx_, in, g, method);
      EXPECT_EQ(a.outCoords, b.outCoords);
      EXPECT_EQ(a.nbr, b.nbr);
      EXPECT_TRUE(sameMap(rt::buildKernelMap(in, g, pool_), a));
    }
}

TEST_P(GpuKernelMap, LargerCloud) {
  // Several scan levels and radix tiles (the emulated run stays smaller to stay quick).
  const int64_t n = emulated() ? 6000 : 200000;
  const rt::SparseTensor in = ref::randomCloud(31, n, 0, {41, 400, 352}, 2);
  for (const ConvGeometry &g : {geom(ConvKind::Submanifold, {3, 3, 3}),
                                geom(ConvKind::Regular, {3, 3, 3}, {2, 2, 2}, {1, 1, 1}),
                                geom(ConvKind::Regular, {3, 3, 3}, {1, 1, 1}, {1, 1, 1})}) {
    const KernelMap cpu = rt::buildKernelMap(in, g, pool_);
    EXPECT_TRUE(sameMap(cpu, rt::buildKernelMapGpu(*ctx_, in, g, OutputSiteMethod::Auto)));
    if (g.kind == ConvKind::Regular) {
      EXPECT_TRUE(sameMap(cpu, rt::buildKernelMapGpu(*ctx_, in, g, OutputSiteMethod::Sort)));
    }
  }
}

TEST_P(GpuKernelMap, KittiFrame) {
  const std::string path = sconv::test::dataFile("kitti_000008_front.bin");
  if (!std::filesystem::exists(path))
    GTEST_SKIP() << "real data not found at " << path << " (../shared/data is absent)";
  const rt::SparseTensor frame =
      rt::voxelize(rt::readPointCloud(path, rt::PointFormat::Kitti), rt::kittiConfig(), nullptr);
  ASSERT_GT(frame.numSites, 10000);
  // SECOND's first stages: SubM 3^3 on the input, then a strided 3^3 (41 -> 21 -> 11), and the
  // maps of the next level computed on the GPU's own output sites.
  const ConvGeometry subm = geom(ConvKind::Submanifold, {3, 3, 3});
  const ConvGeometry down = geom(ConvKind::Regular, {3, 3, 3}, {2, 2, 2}, {1, 1, 1});
  rt::SparseTensor level = frame;
  for (int stage = 0; stage < 2; ++stage) {
    SCOPED_TRACE("stage " + std::to_string(stage));
    EXPECT_TRUE(sameMap(rt::buildKernelMap(level, subm, pool_),
                        rt::buildKernelMapGpu(*ctx_, level, subm)));
    const KernelMap cpu = rt::buildKernelMap(level, down, pool_);
    const KernelMap gpuMap = rt::buildKernelMapGpu(*ctx_, level, down, OutputSiteMethod::Bitmap);
    EXPECT_TRUE(sameMap(cpu, gpuMap));
    EXPECT_TRUE(sameMap(cpu, rt::buildKernelMapGpu(*ctx_, level, down, OutputSiteMethod::Sort)));
    // The next level's sites: the strided conv's output.
    rt::SparseTensor next;
    next.numSites = gpuMap.numOut;
    next.channels = 0;
    next.spatialShape = gpuMap.outShape;
    next.batchSize = gpuMap.batchSize;
    next.coords = gpuMap.outCoords;
    level = std::move(next);
  }
}

TEST_P(GpuKernelMap, DeviceResidentMap) {
  const rt::SparseTensor in = ref::randomCloud(3, 800, 1, {16, 16, 16}, 1);
  const ConvGeometry g = geom(ConvKind::Regular, {3, 3, 3}, {2, 2, 2}, {1, 1, 1});
  const rt::DeviceKernelMap d = rt::buildKernelMapOnDevice(*ctx_, in, g);
  EXPECT_TRUE(d.meta.nbr.empty());
  EXPECT_GE(d.nbr.size(), size_t(d.meta.numOut * d.meta.volume * 4));
  EXPECT_TRUE(sameMap(rt::buildKernelMap(in, g, pool_), d.download(*ctx_)));
}

TEST_P(GpuKernelMap, EmptyInput) {
  rt::SparseTensor in;
  in.spatialShape = {8, 8, 8};
  for (const ConvGeometry &g : {geom(ConvKind::Submanifold, {3, 3, 3}),
                                geom(ConvKind::Regular, {3, 3, 3}, {2, 2, 2}, {1, 1, 1})})
    EXPECT_TRUE(sameMap(rt::buildKernelMap(in, g, pool_), rt::buildKernelMapGpu(*ctx_, in, g)));
}

TEST_P(GpuKernelMap, BadInputGivesTheCpuErrors) {
  const rt::SparseTensor good = ref::randomCloud(1, 40, 1, {6, 6, 6}, 2);
  std::vector<std::pair<std::string, rt::SparseTensor>> inputs;
  rt::SparseTensor dup = good;
  std::copy_n(dup.coords.begin() + 4 * 3, 4, dup.coords.begin() + 4 * 17);
  inputs.push_back({"duplicate", dup});
  rt::SparseTensor outside = good;
  outside.coords[4 * 9 + 2] = 6;
  inputs.push_back({"outside", outside});
  rt::SparseTensor badBatch = good;
  badBatch.coords[4 * 5] = 2;
  inputs.push_back({"batch index", badBatch});
  rt::SparseTensor hugeBatch = good;
  hugeBatch.batchSize = 1 << 15;
  inputs.push_back({"batch size", hugeBatch});
  rt::SparseTensor shortCoords = good;
  shortCoords.coords.pop_back();
  inputs.push_back({"coords size", shortCoords});
  for (const ConvGeometry &g :
       {geom(ConvKind::Submanifold, {3, 3, 3}),
        geom(ConvKind::Regular, {3, 3, 3}, {2, 2, 2}, {1, 1, 1}),
        geom(ConvKind::Submanifold, {2, 2, 2}), geom(ConvKind::Regular, {9, 9, 9})}) {
    for (const auto &[what, in] : inputs) {
      SCOPED_TRACE(what);
      for (OutputSiteMethod method : {OutputSiteMethod::Bitmap, OutputSiteMethod::Sort}) {
        const std::string cpu = errorOf([&] { rt::buildKernelMap(in, g, pool_, method); });
        ASSERT_FALSE(cpu.empty());
        EXPECT_EQ(errorOf([&] { rt::buildKernelMapGpu(*ctx_, in, g, method); }), cpu);
      }
    }
  }
  // The context stays usable after an error.
  EXPECT_TRUE(sameMap(rt::buildKernelMap(good, geom(ConvKind::Submanifold, {3, 3, 3}), pool_),
                      rt::buildKernelMapGpu(*ctx_, good, geom(ConvKind::Submanifold, {3, 3, 3}))));
}

TEST_P(GpuKernelMap, PoolReusesAndReportsOutOfMemory) {
  rt::DevicePool &pool = ctx_->pool();
  const auto before = pool.stats();
  {
    rt::DeviceBuffer a = ctx_->allocate(3 << 20);
    std::vector<int> host(3 << 18, 7), back(3 << 18, 0);
    ctx_->upload(a.address(), host.data(), host.size() * 4);
    ctx_->download(back.data(), a.address(), back.size() * 4);
    EXPECT_EQ(back, host);
  }
  rt::DeviceBuffer b = ctx_->allocate(3 << 20);
  EXPECT_EQ(pool.stats().reuses, before.reuses + 1);
  b.reset();
  const size_t tooMuch = ctx_->device().totalMemory + (size_t(1) << 30);
  const std::string e = errorOf([&] { ctx_->allocate(tooMuch); });
  EXPECT_NE(e.find("GPU out of memory: asked for " + std::to_string(tooMuch) + " bytes"),
            std::string::npos)
      << e;
  EXPECT_NE(e.find(" free of "), std::string::npos) << e;
}

TEST_P(GpuKernelMap, GraphCaptureReplaysWork) {
  // A fill and a kernel (the kernel maps' popcount) captured once, replayed on new input.
  rt::GpuModule module(*ctx_, rt::runtimeDeviceImages(), "kernel maps");
  const rt::cu::CUfunction popc = module.function("sconv_kmap_bitmap_popc");
  const int64_t words = 5000;
  rt::DeviceBuffer bits = ctx_->allocate(words * 8), counts = ctx_->allocate(words * 8),
                   scratch = ctx_->allocate(4096);
  const rt::DevPtr<gpu::u64> bitsPtr = bits.as<gpu::u64>(), countsPtr = counts.as<gpu::u64>();
  const gpu::i64 n = words;
  rt::GpuGraph graph = rt::GpuGraph::capture(*ctx_, [&] {
    ctx_->fill(scratch.address(), 0x5a, 4096);
    rt::launchKernel(*ctx_, popc, rt::Dim3{20, 1, 1}, rt::Dim3{256, 1, 1}, 0, bitsPtr, n,
                     countsPtr);
  });
  for (uint64_t pattern : {0x1ull, 0xffull, 0x8000000000000001ull}) {
    std::vector<uint64_t> in(words);
    for (int64_t w = 0; w < words; ++w)
      in[size_t(w)] = w % 3 == 0 ? pattern : 0;
    ctx_->upload(bits.address(), in.data(), in.size() * 8);
    graph.launch();
    std::vector<uint64_t> out(words), fill(512);
    ctx_->download(out.data(), counts.address(), out.size() * 8);
    ctx_->download(fill.data(), scratch.address(), 4096);
    for (int64_t w = 0; w < words; ++w)
      ASSERT_EQ(out[size_t(w)], uint64_t(__builtin_popcountll(in[size_t(w)]))) << w;
    EXPECT_EQ(fill[0], 0x5a5a5a5a5a5a5a5aull);
  }
  // Waiting for the stream inside a capture is refused, and the stream stays usable.
  EXPECT_NE(errorOf([&] {
              rt::GpuGraph::capture(*ctx_, [&] { ctx_->synchronize(); });
            }).find("cuStreamSynchronize"),
            std::string::npos);
  ctx_->synchronize();
}

TEST_P(GpuKernelMap, SideStreamBranchesOfACaptureJoinTheMainStream) {
  // Whole-frame captures put coordinate work on the side stream (GpuFrameGraph.h): a branch forked
  // from the main stream and joined back. Here the side branch counts bits (the maps' popcount)
  // and main, after the join, copies the counts; main's own fill runs beside the branch. The fake
  // driver replays the graph in other orders each launch (origin first, branch first, random), so
  // a missing edge shows as stale counts.
  rt::GpuModule module(*ctx_, rt::runtimeDeviceImages(), "kernel maps");
  const rt::cu::CUfunction popc = module.function("sconv_kmap_bitmap_popc");
  const int64_t words = 3000;
  rt::DeviceBuffer bits = ctx_->allocate(words * 8), counts = ctx_->allocate(words * 8),
                   copied = ctx_->allocate(words * 8), scratch = ctx_->allocate(4096);
  const gpu::i64 n = words;
  auto queue = [&](bool join) {
    ctx_->orderAfter(ctx_->sideStream(), ctx_->mainStream()); // fork: side joins the capture
    {
      rt::GpuContext::SideStream side(*ctx_);
      EXPECT_EQ(ctx_->stream(), ctx_->sideStream());
      rt::launchKernel(*ctx_, popc, rt::Dim3{12, 1, 1}, rt::Dim3{256, 1, 1}, 0,
                       bits.as<gpu::u64>(), n, counts.as<gpu::u64>());
    }
    EXPECT_EQ(ctx_->stream(), ctx_->mainStream());
    ctx_->fill(scratch.address(), 0x3c, 4096);
    if (join)
      ctx_->orderAfter(ctx_->mainStream(), ctx_->sideStream());
    ctx_->copy(copied.address(), counts.address(), words * 8);
  };
  rt::GpuGraph graph = rt::GpuGraph::capture(*ctx_, [&] { queue(true); });
  for (int round = 0; round < 6; ++round) {
    std::vector<uint64_t> in(words);
    for (int64_t w = 0; w < words; ++w)
      in[size_t(w)] = (w + round) % 4 == 0 ? (0x0101010101010101ull << round) : uint64_t(round);
    ctx_->upload(bits.address(), in.data(), in.size() * 8);
    ctx_->fill(copied.address(), 0xff, words * 8);
    graph.launch();
    std::vector<uint64_t> out(words);
    ctx_->download(out.data(), copied.address(), out.size() * 8);
    for (int64_t w = 0; w < words; ++w)
      ASSERT_EQ(out[size_t(w)], uint64_t(__builtin_popcountll(in[size_t(w)])))
          << "round " << round << ", word " << w;
  }
  // A branch never joined back: the driver refuses to end the capture, and both streams stay
  // usable.
  const std::string e = errorOf([&] { rt::GpuGraph::capture(*ctx_, [&] { queue(false); }); });
  EXPECT_NE(e.find("CUDA_ERROR_STREAM_CAPTURE_UNJOINED"), std::string::npos) << e;
  // Outside a capture the two streams are ordered by the same events.
  std::vector<uint64_t> in(words, 0x7ull);
  ctx_->upload(bits.address(), in.data(), in.size() * 8);
  queue(true);
  std::vector<uint64_t> out(words);
  ctx_->download(out.data(), copied.address(), out.size() * 8);
  EXPECT_EQ(out.front(), 3u);
  EXPECT_EQ(out.back(), 3u);
  // Blocks released on the side stream are not handed to the main stream's work, which the GPU
  // may run at the same time.
  rt::cu::CUdeviceptr released;
  {
    rt::GpuContext::SideStream side(*ctx_);
    released = ctx_->allocate(77777).address();
  }
  rt::DeviceBuffer onMain = ctx_->allocate(77777);
  EXPECT_NE(onMain.address(), released);
  {
    rt::GpuContext::SideStream side(*ctx_);
    EXPECT_EQ(ctx_->allocate(77777).address(), released);
  }
  ctx_->synchronize();
}

TEST_P(GpuKernelMap, EventsTimeDeviceWork) {
  rt::GpuEvent start(*ctx_), stop(*ctx_);
  const rt::SparseTensor in = ref::randomCloud(9, 2000, 0, {30, 30, 30}, 1);
  start.record();
  const rt::DeviceKernelMap m =
      rt::buildKernelMapOnDevice(*ctx_, in, geom(ConvKind::Submanifold, {3, 3, 3}));
  stop.record();
  EXPECT_EQ(m.meta.numOut, in.numSites);
  const float ms = stop.millisecondsSince(start);
  EXPECT_GE(ms, 0.f);
  EXPECT_LT(ms, 60000.f);
}

// ---- module loading on the emulated driver (device and driver versions are settings there) ----

TEST(GpuModuleLoading, PicksWhatTheDeviceRuns) {
  if (rt::runtimeDeviceImages().empty())
    GTEST_SKIP() << "this build has no kernel-map device code";
  struct Case {
    int major, minor;
    bool acceptCubin;
    const char *chip;
    rt::DeviceImageFormat format;
  };
  const std::vector<rt::DeviceImage> images = rt::runtimeDeviceImages();
  const bool haveCubins = std::any_of(images.begin(), images.end(), [](const rt::DeviceImage &im) {
    return im.format == rt::DeviceImageFormat::Cubin;
  });
  const rt::DeviceImageFormat P = rt::DeviceImageFormat::Ptx, C = rt::DeviceImageFormat::Cubin;
  for (const Case &c : {Case{9, 0, false, "sm_90", P}, Case{8, 0, false, "sm_80", P},
                        Case{8, 6, false, "sm_80", P}, Case{12, 0, false, "sm_90", P},
                        Case{9, 0, true, "sm_90", haveCubins ? C : P},
                        Case{8, 9, true, "sm_80", haveCubins ? C : P}}) {
    SCOPED_TRACE(std::to_string(c.major) + "." + std::to_string(c.minor) +
                 (c.acceptCubin ? " with cubins" : ""));
    FakeCuda fake;
    fake.set("sm_major", c.major);
    fake.set("sm_minor", c.minor);
    fake.set("accept_cubin", c.acceptCubin);
    rt::GpuContext ctx(rt::CudaDriver::load(SCONV_FAKE_CUDA), 0);
    rt::GpuModule m(ctx, rt::runtimeDeviceImages(), "kernel maps");
    EXPECT_EQ(m.loadedChip(), c.chip);
    EXPECT_EQ(m.loadedFormat(), c.format);
    EXPECT_NE(m.function("sconv_kmap_subm_map"), nullptr);
    EXPECT_NE(errorOf([&] { m.function("sconv_kmap_no_such_kernel"); })
                  .find("kernel maps (" + std::string(c.format == P ? "PTX" : "cubin") + " for " +
                        c.chip + ") has no kernel 'sconv_kmap_no_such_kernel'"),
              std::string::npos);
  }
}

TEST(GpuModuleLoading, TooOldGpuIsExplained) {
  if (rt::runtimeDeviceImages().empty())
    GTEST_SKIP() << "this build has no kernel-map device code";
  FakeCuda fake;
  fake.set("sm_major", 7);
  fake.set("sm_minor", 5);
  rt::GpuContext ctx(rt::CudaDriver::load(SCONV_FAKE_CUDA), 0);
  const std::string e = errorOf([&] {
    rt::GpuModule m(ctx, rt::runtimeDeviceImages(), "the compiled model");
  });
  EXPECT_NE(e.find("the compiled model has PTX for sm_80, sm_90"), std::string::npos) << e;
  EXPECT_NE(e.find("but this GPU (sconv fake GPU (host emulation)) is sm_75 and none of it can "
                   "run there: the driver cannot JIT PTX built for a newer SM"),
            std::string::npos)
      << e;
  // And the kernel-map entry point says the same.
  const rt::SparseTensor in = ref::randomCloud(1, 10, 0, {4, 4, 4}, 1);
  EXPECT_NE(errorOf([&] {
              rt::buildKernelMapGpu(ctx, in, geom(ConvKind::Submanifold, {3, 3, 3}));
            }).find("sconv's runtime kernels has PTX for sm_80, sm_90"),
            std::string::npos);
}

TEST(GpuModuleLoading, TooOldDriverForThePtxIsExplained) {
  if (rt::runtimeDeviceImages().empty())
    GTEST_SKIP() << "this build has no kernel-map device code";
  FakeCuda fake;
  fake.set("driver_version", 11080); // CUDA 11.8: PTX ISA 7.8 at most
  rt::GpuContext ctx(rt::CudaDriver::load(SCONV_FAKE_CUDA), 0);
  const std::string e = errorOf([&] {
    rt::GpuModule m(ctx, rt::runtimeDeviceImages(), "kernel maps");
  });
  EXPECT_NE(e.find("could not load kernel maps on sconv fake GPU"), std::string::npos) << e;
  EXPECT_NE(e.find("PTX for sm_90: CUDA_ERROR_UNSUPPORTED_PTX_VERSION"), std::string::npos) << e;
  EXPECT_NE(e.find("its PTX ISA 8.0 needs a driver for CUDA 12.0 or newer; update the NVIDIA "
                   "driver"),
            std::string::npos)
      << e;
  EXPECT_NE(e.find("[ptxas fatal : Unsupported .version 8.0]"), std::string::npos) << e;
}

/// Rows in mask order on the device (the visiting order of the GPU's mask-sorted and mask-split
/// GEMMs) and fetch-on-demand's map by offset equal the CPU's, for every geometry: over all offsets (maskOrder) and per offset range
/// (splitOrders, which leaves out the rows without a neighbour in the range; the device keeps
/// them, first). Includes ranges of one offset (8 over a 2x2x2 kernel) and 125-offset kernels
/// (masks folded mod 64).
TEST_P(GpuKernelMap, RowOrdersMatchTheCpu) {
  int ranges = 0;
  for (const MapCase &c : mapCases()) {
    SCOPED_TRACE(c.name);
    const rt::SparseTensor in = ref::randomCloud(43, c.sites, 1, c.shape, c.batch);
    const KernelMap map = rt::buildKernelMap(in, c.g, pool_);
    const rt::DeviceBuffer nbr = ctx_->uploadVector(map.nbr);
    auto deviceOrder = [&](int64_t kBegin, int64_t kEnd) {
      rt::DeviceBuffer d = rt::maskOrderOnDevice(*ctx_, nbr.as<int32_t>(), map.numOut,
                                                 map.volume, kBegin, kEnd);
      std::vector<int32_t> order(static_cast<size_t>(map.numOut));
      ctx_->download(order.data(), d.address(), order.size() * 4);
      return order;
    };
    EXPECT_EQ(deviceOrder(0, map.volume), rt::maskOrder(map, pool_));
    // Fetch-on-demand's map by offset.
    const rt::FetchTables t = rt::fetchTablesOnDevice(*ctx_, nbr.as<int32_t>(), map.numOut,
                                                      map.volume);
    const rt::OffsetRows want = rt::offsetRows(map, pool_);
    EXPECT_EQ(t.start, want.start);
    EXPECT_EQ(t.count, want.count);
    std::vector<int32_t> columns(want.columns.size()), rows(want.rows.size());
    ctx_->download(columns.data(), t.columns.address(), columns.size() * 4);
    ctx_->download(rows.data(), t.orders.address(), rows.size() * 4);
    EXPECT_EQ(columns, want.columns);
    EXPECT_EQ(rows, want.rows);
    for (int64_t splits : {int64_t(2), int64_t(3), std::min<int64_t>(8, map.volume)}) {
      if (splits > map.volume || splits < 2)
        continue;
      const rt::SplitOrders cpu = rt::splitOrders(map, splits, pool_);
      for (int64_t r = 0; r < splits; ++r) {
        std::vector<int32_t> got = deviceOrder(cpu.kBegin[size_t(r)], cpu.kEnd[size_t(r)]);
        // The rows without a neighbour in the range come first on the device; the rest in the
        // CPU's order.
        const size_t empty = got.size() - cpu.rows[size_t(r)].size();
        for (size_t j = 0; j < empty; ++j)
          for (int64_t k = cpu.kBegin[size_t(r)]; k < cpu.kEnd[size_t(r)]; ++k)
            ASSERT_LT(map.nbr[size_t(got[j] * map.volume + k)], 0) << "row " << got[j];
        EXPECT_EQ(std::vector<int32_t>(got.begin() + std::ptrdiff_t(empty), got.end()),
                  cpu.rows[size_t(r)])
            << "range " << r << " of " << splits;
        ++ranges;
      }
    }
  }
  EXPECT_GT(ranges, 20);
  // Bad ranges are named.
  const rt::DeviceBuffer one = ctx_->uploadVector(std::vector<int32_t>{0, -1});
  EXPECT_NE(errorOf([&] { rt::maskOrderOnDevice(*ctx_, one.as<int32_t>(), 1, 2, 1, 3); })
                .find("offset range [1, 3) outside a map of 2 offsets"),
            std::string::npos);
}

} // namespace
