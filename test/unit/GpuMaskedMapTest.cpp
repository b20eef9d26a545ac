// SPS-Conv on the GPU before its GEMMs: pruning masks (runtime/cuda/GpuPruning.h) against the
// CPU's pruneByRatio / pruneByThreshold, the masked maps (SPSS restricted submanifold rows, SPRS
// output sites), the transposed maps of inverse convs and the maps of transposed convs
// (GpuKernelMap.h) against runtime/MapTransforms.cpp, all bit for bit, with the CPU's error
// messages. The CPU functions are
// themselves checked against brute force in KernelMapTest.cpp and RuntimeOpsTest.cpp.
//
// Like GpuKernelMapTest.cpp, every test runs on "emulated" (the fake driver) and on "gpu".
#include "runtime/MapTransforms.h"
#include "runtime/SiteOps.h"
#include "runtime/cuda/GpuKernelMap.h"
#include "runtime/cuda/GpuPruning.h"
#include "test/reference/MapCases.h"
#include "test/reference/RandomCloud.h"
#include "test/unit/GpuMapFixture.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

using namespace sconv;
using rt::ConvGeometry;
using rt::ConvKind;
using rt::KernelMap;
using rt::OutputSiteMethod;
using sconv::test::errorOf;
using sconv::test::sameMap;

namespace {

class GpuSpsMaps : public sconv::test::GpuKernelMap {
protected:
  rt::DeviceBuffer upload(const std::vector<float> &v) { return ctx_->uploadVector(v); }
  /// The mask as PruneMask leaves it: one float per site, 0 or 1.
  rt::DeviceBuffer uploadMask(const std::vector<uint8_t> &important) {
    return upload(std::vector<float>(important.begin(), important.end()));
  }
  std::vector<uint8_t> downloadMask(const rt::DeviceBuffer &b, int64_t n) {
    std::vector<float> f(static_cast<size_t>(n));
    if (n)
      ctx_->download(f.data(), b.address(), f.size() * 4);
    std::vector<uint8_t> m(f.size());
    for (size_t i = 0; i < f.size(); ++i) {
      EXPECT_TRUE(f[i] == 0.0f || f[i] == 1.0f) << "mask value " << f[i] << " at row " << i;
      m[i] = f[i] != 0.0f;
    }
    return m;
  }
};
INSTANTIATE_TEST_SUITE_P(Drivers, GpuSpsMaps, ::testing::Values("emulated", "gpu"),
                         sconv::test::driverName);

/// Importance values in [0, 2): continuous, or `levels` distinct values (ties decided by the
/// site order), with signed zeros mixed in (-0 and +0 are equal to the CPU's comparison).
std::vector<float> randomImportance(uint64_t seed, int64_t n, int levels) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<float> u(0.0f, 2.0f);
  std::vector<float> m(static_cast<size_t>(n));
  for (float &v : m) {
    v = u(rng);
    if (levels > 0)
      v = std::floor(v * float(levels) / 2.0f);
  }
  for (int64_t r = 0; r < n; r += 17)
    m[size_t(r)] = (r / 17) % 2 ? -0.0f : 0.0f;
  return m;
}

TEST_P(GpuSpsMaps, PruneMasksMatchTheCpu) {
  for (int batch : {1, 3}) {
    const rt::SparseTensor sites = ref::randomCloud(11 + batch, 3000, 0, {20, 40, 36}, batch);
    for (int levels : {0, 4}) {
      SCOPED_TRACE("batch " + std::to_string(batch) + ", levels " + std::to_string(levels));
      const std::vector<float> m = randomImportance(uint64_t(batch * 10 + levels), 3000, levels);
      const rt::DeviceBuffer dm = upload(m);
      for (double ratio : {0.0, 0.1, 0.5, 0.75, 0.999}) {
        SCOPED_TRACE("ratio " + std::to_string(ratio));
        const rt::DeviceBuffer mask =
            rt::pruneMaskOnDevice(*ctx_, sites, dm.as<float>(), ratio, -1.0);
        ASSERT_TRUE(mask);
        EXPECT_EQ(downloadMask(mask, sites.numSites), rt::pruneByRatio(sites, m, ratio));
      }
      for (double t : {0.5, 0.6, 0.8}) {
        const rt::DeviceBuffer mask = rt::pruneMaskOnDevice(*ctx_, sites, dm.as<float>(), -1.0, t);
        EXPECT_EQ(downloadMask(mask, sites.numSites), rt::pruneByThreshold(m, t));
      }
    }
  }
  // No sites at all, and a sample with no sites.
  rt::SparseTensor none;
  none.spatialShape = {4, 4, 4};
  none.batchSize = 2;
  EXPECT_TRUE(downloadMask(rt::pruneMaskOnDevice(*ctx_, none, upload({}).as<float>(), 0.5, -1),
                           0)
                  .empty());
}

TEST_P(GpuSpsMaps, PruneMaskBadInput) {
  const rt::SparseTensor sites = ref::randomCloud(3, 200, 0, {8, 8, 8}, 2);
  std::vector<float> m = randomImportance(5, 200, 0);
  m[57] = NAN;
  m[120] = NAN;
  const std::string cpu = errorOf([&] { rt::pruneByRatio(sites, m, 0.5); });
  ASSERT_FALSE(cpu.empty());
  EXPECT_EQ(errorOf([&] { rt::pruneMaskOnDevice(*ctx_, sites, upload(m).as<float>(), 0.5, -1); }),
            cpu);
  const std::vector<float> good = randomImportance(5, 200, 0);
  const rt::DeviceBuffer dm = upload(good);
  EXPECT_EQ(errorOf([&] { rt::pruneMaskOnDevice(*ctx_, sites, dm.as<float>(), -1, 1.5); }),
            errorOf([&] { rt::pruneByThreshold(good, 1.5); }));
  // What the GPU does not rank leaves the mask to the CPU, which names the problem.
  rt::SparseTensor outside = sites;
  outside.coords[4 * 9 + 3] = 8;
  EXPECT_FALSE(rt::pruneMaskOnDevice(*ctx_, outside, dm.as<float>(), 0.5, -1));
  rt::SparseTensor badBatch = sites;
  badBatch.coords[4 * 9] = 2;
  EXPECT_FALSE(rt::pruneMaskOnDevice(*ctx_, badBatch, dm.as<float>(), 0.5, -1));
  EXPECT_FALSE(rt::pruneMaskOnDevice(*ctx_, sites, dm.as<float>(), 1.0, -1));
}

TEST_P(GpuSpsMaps, MaskedMapsMatchTheCpu) {
  for (const ref::MapCase &c : ref::mapCases()) {
    SCOPED_TRACE(c.name);
    const rt::SparseTensor in = ref::randomCloud(42, c.sites, 1, c.shape, c.batch);
    if (c.g.kind == ConvKind::Submanifold && c.g.volume() == 1)
      continue; // SPSS needs a kernel with neighbours (the executor takes k = 1 as identity)
    std::mt19937 rng(7);
    std::vector<uint8_t> some(size_t(in.numSites)), all(size_t(in.numSites), 1),
        none(size_t(in.numSites), 0);
    for (uint8_t &v : some)
      v = rng() % 10 < 3;
    for (const auto &[maskName, important] :
         {std::pair{"30% important", some}, std::pair{"all important", all},
          std::pair{"none important", none}}) {
      SCOPED_TRACE(maskName);
      const rt::DeviceBuffer mask = uploadMask(important);
      if (c.g.kind == ConvKind::Submanifold) {
        const KernelMap cpu = rt::buildRestrictedSubmanifoldMap(in, c.g, important, pool_);
        EXPECT_TRUE(sameMap(cpu, rt::buildMaskedMapOnDevice(*ctx_, in, c.g, mask.as<float>(),
                                                            in.numSites)
                                     .download(*ctx_)));
        continue;
      }
      const KernelMap cpu = rt::buildSprsMap(in, c.g, important, pool_);
      for (OutputSiteMethod method : {OutputSiteMethod::Bitmap, OutputSiteMethod::Sort})
        EXPECT_TRUE(sameMap(cpu, rt::buildMaskedMapOnDevice(*ctx_, in, c.g, mask.as<float>(),
                                                            in.numSites, method)
                                     .download(*ctx_)));
    }
  }
}

TEST_P(GpuSpsMaps, MaskedMapBadInputGivesTheCpuErrors) {
  const rt::SparseTensor good = ref::randomCloud(1, 40, 1, {6, 6, 6}, 2);
  const std::vector<uint8_t> important(40, 1);
  const rt::DeviceBuffer mask = uploadMask(important);
  rt::SparseTensor dup = good;
  std::copy_n(dup.coords.begin() + 4 * 3, 4, dup.coords.begin() + 4 * 17);
  rt::SparseTensor outside = good;
  outside.coords[4 * 9 + 2] = 6;
  for (const ConvGeometry &g : {ref::geom(ConvKind::Submanifold, {3, 3, 3}),
                                ref::geom(ConvKind::Regular, {3, 3, 3}, {2, 2, 2}, {1, 1, 1})}) {
    auto cpu = [&](const rt::SparseTensor &in, const std::vector<uint8_t> &m) {
      return errorOf([&] {
        if (g.kind == ConvKind::Submanifold)
          rt::buildRestrictedSubmanifoldMap(in, g, m, pool_);
        else
          rt::buildSprsMap(in, g, m, pool_);
      });
    };
    for (const rt::SparseTensor *in : {&dup, &outside}) {
      const std::string want = cpu(*in, important);
      ASSERT_FALSE(want.empty());
      EXPECT_EQ(errorOf([&] {
                  rt::buildMaskedMapOnDevice(*ctx_, *in, g, mask.as<float>(), 40);
                }),
                want);
    }
    const std::string shortMask = cpu(good, std::vector<uint8_t>(39, 1));
    ASSERT_FALSE(shortMask.empty());
    EXPECT_EQ(errorOf([&] { rt::buildMaskedMapOnDevice(*ctx_, good, g, mask.as<float>(), 39); }),
              shortMask);
  }
}

TEST_P(GpuSpsMaps, TransposedMapsMatchTheCpu) {
  for (const ref::MapCase &c : ref::mapCases()) {
    if (c.g.kind != ConvKind::Regular)
      continue;
    SCOPED_TRACE(c.name);
    const rt::SparseTensor in = ref::randomCloud(9, c.sites, 1, c.shape, c.batch);
    const KernelMap fwd = rt::buildKernelMap(in, c.g, pool_);
    const rt::DeviceBuffer table = ctx_->uploadVector(fwd.nbr);
    const KernelMap cpu = rt::transposeKernelMap(fwd, in);
    EXPECT_TRUE(sameMap(cpu, rt::transposeKernelMapGpu(*ctx_, fwd, table.as<int32_t>(), in)));
    // Leaving the table on the device: the same table there, none on the host.
    rt::DeviceBuffer kept;
    KernelMap onDevice = rt::transposeKernelMapGpu(*ctx_, fwd, table.as<int32_t>(), in, &kept);
    EXPECT_TRUE(onDevice.nbrElsewhere);
    EXPECT_TRUE(onDevice.nbr.empty());
    onDevice.nbr.resize(cpu.nbr.size());
    if (!onDevice.nbr.empty())
      ctx_->download(onDevice.nbr.data(), kept.address(), onDevice.nbr.size() * 4);
    EXPECT_TRUE(sameMap(cpu, onDevice));
  }
}

TEST_P(GpuSpsMaps, TransposedMapBadInputGivesTheCpuErrors) {
  const rt::SparseTensor in = ref::randomCloud(4, 300, 1, {10, 10, 10}, 1);
  const KernelMap fwd =
      rt::buildKernelMap(in, ref::geom(ConvKind::Regular, {2, 2, 2}, {2, 2, 2}), pool_);
  ASSERT_GE(fwd.numOut, 2);
  // Two outputs reaching the same (input, offset): not invertible.
  KernelMap twice = fwd;
  int64_t k = 0;
  while (twice.nbr[size_t(k)] < 0)
    ++k;
  twice.nbr[size_t(twice.volume + k)] = twice.nbr[size_t(k)];
  KernelMap outOfRange = fwd;
  outOfRange.nbr[5] = int32_t(fwd.numIn);
  KernelMap otherInput = fwd;
  otherInput.numIn = fwd.numIn + 1;
  for (const KernelMap *bad : {&twice, &outOfRange, &otherInput}) {
    const std::string cpu = errorOf([&] { rt::transposeKernelMap(*bad, in); });
    ASSERT_FALSE(cpu.empty());
    const rt::DeviceBuffer table = ctx_->uploadVector(bad->nbr);
    EXPECT_EQ(errorOf([&] { rt::transposeKernelMapGpu(*ctx_, *bad, table.as<int32_t>(), in); }),
              cpu);
  }
}

TEST_P(GpuSpsMaps, TransposedConvMapsMatchTheCpu) {
  for (const ref::TransposedConvCase &c : ref::transposedConvCases()) {
    SCOPED_TRACE(c.name);
    const rt::SparseTensor in = ref::twoSampleCloud(23, c.n0, c.n1, 1, c.shape);
    const KernelMap cpu = rt::buildTransposedConvMap(in, c.g, c.outputPadding, pool_);
    ASSERT_GT(cpu.numOut, 0);
    const rt::DeviceKernelMap gpu =
        rt::buildTransposedConvMapOnDevice(*ctx_, in, c.g, c.outputPadding);
    EXPECT_TRUE(sameMap(cpu, gpu.download(*ctx_)));
    // Same bits again (the marks and the scatter race on nothing that shows).
    EXPECT_TRUE(sameMap(
        cpu, rt::buildTransposedConvMapOnDevice(*ctx_, in, c.g, c.outputPadding).download(*ctx_)));
  }
  // No sites: no rows, the output shape all the same.
  rt::SparseTensor empty;
  empty.spatialShape = {4, 5, 6};
  const ConvGeometry g = ref::geom(ConvKind::Regular, {3, 3, 3}, {2, 2, 2}, {1, 1, 1});
  EXPECT_TRUE(sameMap(rt::buildTransposedConvMap(empty, g, {1, 1, 1}, pool_),
                      rt::buildTransposedConvMapOnDevice(*ctx_, empty, g, {1, 1, 1})
                          .download(*ctx_)));
}

TEST_P(GpuSpsMaps, TransposedConvMapBadInputGivesTheCpuErrors) {
  const rt::SparseTensor good = ref::randomCloud(6, 60, 1, {6, 7, 8}, 2);
  const ConvGeometry g = ref::geom(ConvKind::Regular, {3, 3, 3}, {2, 2, 2}, {1, 1, 1});
  rt::SparseTensor dup = good;
  std::copy_n(dup.coord(3), 4, dup.coords.data() + 4 * 40);
  rt::SparseTensor outside = good;
  outside.coords[4 * 17 + 2] = 7; // y past the shape
  rt::SparseTensor badBatch = good;
  badBatch.coords[4 * 29] = 2;
  rt::SparseTensor shortCoords = good;
  shortCoords.coords.pop_back();
  struct Case {
    const char *name;
    const rt::SparseTensor &in;
    ConvGeometry g;
    rt::Int3 outputPadding;
  };
  const Case cases[] = {
      {"duplicate site", dup, g, {1, 1, 1}},
      {"site outside the shape", outside, g, {1, 1, 1}},
      {"batch index out of range", badBatch, g, {0, 0, 0}},
      {"coords not 4 per site", shortCoords, g, {0, 0, 0}},
      {"output padding too large", good, g, {2, 0, 0}},
      {"submanifold geometry", good, ref::geom(ConvKind::Submanifold, {3, 3, 3}), {0, 0, 0}},
      {"padding eats the output", good, ref::geom(ConvKind::Regular, {1, 1, 1}, {1, 1, 1}, {7, 0, 0}),
       {0, 0, 0}},
  };
  for (const Case &c : cases) {
    SCOPED_TRACE(c.name);
    const std::string cpu =
        errorOf([&] { rt::buildTransposedConvMap(c.in, c.g, c.outputPadding, pool_); });
    ASSERT_FALSE(cpu.empty());
    EXPECT_EQ(errorOf([&] { rt::buildTransposedConvMapOnDevice(*ctx_, c.in, c.g, c.outputPadding); }),
              cpu);
  }
}

} // namespace
