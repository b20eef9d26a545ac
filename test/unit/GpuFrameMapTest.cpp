// The pieces of a captured frame's map work (GpuKernelMap.h queueFrame*, GpuPruning.h
// queueFramePruneMask) called directly, outside any capture: site sets sized for a capacity with
// the live count on the device, rows past it holding garbage that must never be read. Each result
// must equal the eager builder's on the live rows (the eager builders equal the CPU's: the other
// GPU map suites), with every table row past the count absent and every mask row past it pruned;
// the counts a map writes are its output's live count. The model-level frame tests
// (GpuConvTest.cpp) see these only through whole entries; here each is pinned on its own, NaN
// importance included (it flags the frame's error row, which only a frame has).
#include "runtime/FrameGraph.h"
#include "runtime/MapTransforms.h"
#include "runtime/SiteOps.h"
#include "runtime/cuda/GpuKernelMap.h"
#include "runtime/cuda/GpuPruning.h"
#include "test/reference/MapCases.h"
#include "test/reference/RandomCloud.h"
#include "test/unit/GpuMapFixture.h"

#include <gtest/gtest.h>

#include <climits>
#include <cmath>

using namespace sconv;
using rt::ConvGeometry;
using rt::ConvKind;
using rt::KernelMap;

namespace {

class GpuFrameMaps : public sconv::test::GpuKernelMap {
protected:
  /// A site set at capacity `cap` holding `t`'s sites, the rows past them garbage (coordinates
  /// far outside any grid, and a duplicate of row 0: both would be errors if read).
  struct Sites {
    rt::DeviceBuffer coords, count;
    rt::FrameSites view;
  };
  Sites sitesAt(const rt::SparseTensor &t, int64_t cap) {
    std::vector<int32_t> c(size_t(cap) * 4, 0x35353535);
    std::copy(t.coords.begin(), t.coords.end(), c.begin());
    if (cap > t.numSites && t.numSites > 0)
      std::copy_n(t.coords.begin(), 4, c.begin() + 4 * t.numSites);
    return liveCount(ctx_->uploadVector(c), cap, t.numSites);
  }
  /// An output site set of capacity `cap`: coordinates preset to garbage, count unknown.
  Sites outputAt(int64_t cap) {
    return liveCount(ctx_->uploadVector(std::vector<int32_t>(size_t(cap) * 4, 0x35353535)), cap,
                     -7);
  }
  Sites liveCount(rt::DeviceBuffer coords, int64_t cap, int64_t count) {
    Sites s;
    s.coords = std::move(coords);
    s.count = ctx_->uploadVector(std::vector<int64_t>{count});
    s.view = {s.coords.as<int32_t>(), cap, s.count.as<gpu::i64>()};
    return s;
  }
  int64_t countOf(const Sites &s) {
    int64_t n = 0;
    ctx_->download(&n, s.count.address(), 8);
    return n;
  }
  rt::DeviceBuffer noErrorRow() { return ctx_->uploadVector(std::vector<int32_t>{INT_MAX}); }
  int32_t errorRowOf(const rt::DeviceBuffer &b) {
    int32_t r = 0;
    ctx_->download(&r, b.address(), 4);
    return r;
  }

  /// The frame's map of `header` over `in` at capacities (input in.numSites + 29 rows, output
  /// eager.numOut + 41), checked against the eager map `eager`: the same live rows, sites and
  /// count, and only absent entries past the count.
  void expectFrameMapMatches(const rt::SparseTensor &in, KernelMap header, const KernelMap &eager,
                             bool transposedConv) {
    const int64_t inCap = in.numSites + 29, outCap = eager.numOut + 41, K = eager.volume;
    const Sites inSites = sitesAt(in, inCap);
    const Sites out = outputAt(outCap);
    const rt::DeviceBuffer errorRow = noErrorRow();
    const rt::DeviceSiteHash hash =
        rt::queueFrameHash(*ctx_, inSites.view, in, errorRow.as<int>());
    const bool subm = header.geometry.kind == ConvKind::Submanifold;
    header.numIn = inCap;
    header.numOut = subm ? inCap : outCap;
    const rt::DeviceBuffer table = rt::queueFrameMap(*ctx_, inSites.view, in, &hash,
                                                     subm ? nullptr : &out.view, header,
                                                     transposedConv);
    EXPECT_EQ(errorRowOf(errorRow), INT_MAX) << "rows past the count were read";
    const int64_t rows = subm ? in.numSites : countOf(out);
    ASSERT_EQ(rows, eager.numOut);
    std::vector<int32_t> nbr(size_t(header.numOut * K));
    ctx_->download(nbr.data(), table.address(), nbr.size() * 4);
    for (int64_t i = 0; i < header.numOut * K; ++i) {
      const int32_t want = i < rows * K ? eager.nbr[size_t(i)] : -1;
      if (nbr[size_t(i)] != want) {
        ADD_FAILURE() << "nbr[" << i / K << "][" << i % K << "] = " << nbr[size_t(i)] << ", want "
                      << want;
        break;
      }
    }
    if (!subm) {
      std::vector<int32_t> coords(size_t(rows) * 4);
      if (rows)
        ctx_->download(coords.data(), out.coords.address(), coords.size() * 4);
      EXPECT_EQ(coords, eager.outCoords);
    }
  }
};
INSTANTIATE_TEST_SUITE_P(Drivers, GpuFrameMaps, ::testing::Values("emulated", "gpu"),
                         sconv::test::driverName);

TEST_P(GpuFrameMaps, MapsAtCapacityMatchTheEagerOnes) {
  for (const ref::MapCase &c : ref::mapCases(/*withExtremes=*/false)) {
    SCOPED_TRACE(c.name);
    const rt::SparseTensor in = ref::randomCloud(61, c.sites, 1, c.shape, c.batch);
    expectFrameMapMatches(in, rt::kernelMapHeader(in, c.g), rt::buildKernelMap(in, c.g, pool_),
                          false);
  }
}

TEST_P(GpuFrameMaps, TransposedConvMapsAtCapacityMatchTheEagerOnes) {
  for (const ref::TransposedConvCase &c : ref::transposedConvCases()) {
    SCOPED_TRACE(c.name);
    const rt::SparseTensor in = ref::twoSampleCloud(62, c.n0, c.n1, 1, c.shape);
    expectFrameMapMatches(in, rt::transposedConvMapHeader(in, c.g, c.outputPadding),
                          rt::buildTransposedConvMap(in, c.g, c.outputPadding, pool_), true);
  }
}

TEST_P(GpuFrameMaps, MapsWhoseBitmapPassesOneGiBAreNotCapturable) {
  // An output grid of 2048^3 sites needs a 2 GiB bitmap: a frame refuses it (NotCapturable, so the
  // entry stays eager) before queueing anything over the grid, naming the map's kind.
  const rt::SparseTensor small = ref::randomCloud(64, 10, 1, {2048, 2048, 2048}, 1);
  const rt::SparseTensor half = ref::randomCloud(65, 10, 1, {1024, 1024, 1024}, 1);
  const Sites out = outputAt(64);
  const rt::DeviceBuffer mask = ctx_->uploadVector(std::vector<float>(64, 1.0f));
  auto refusal = [&](const rt::SparseTensor &in, KernelMap header, bool transposedConv,
                     bool sprs) {
    const Sites inSites = sitesAt(in, 64);
    header.numIn = 64;
    header.numOut = 64;
    try {
      if (sprs)
        rt::queueFrameMaskedMap(*ctx_, inSites.view, in, nullptr, out.view, mask.as<float>(),
                                header);
      else
        rt::queueFrameMap(*ctx_, inSites.view, in, nullptr, &out.view, header, transposedConv);
    } catch (const rt::NotCapturable &e) {
      return std::string(e.what());
    }
    return std::string("no NotCapturable");
  };
  const ConvGeometry regular = ref::geom(ConvKind::Regular, {3, 3, 3}, {1, 1, 1}, {1, 1, 1});
  EXPECT_EQ(refusal(small, rt::kernelMapHeader(small, regular), false, false),
            "a regular map over 8589934592 output grid sites needs a bitmap over 1 GiB; such maps "
            "are built eagerly");
  EXPECT_EQ(refusal(small, rt::kernelMapHeader(small, regular), false, true),
            "an SPRS map over 8589934592 output grid sites needs a bitmap over 1 GiB; such maps "
            "are built eagerly");
  const ConvGeometry up = ref::geom(ConvKind::Regular, {2, 2, 2}, {2, 2, 2});
  EXPECT_EQ(refusal(half, rt::transposedConvMapHeader(half, up, {0, 0, 0}), true, false),
            "a transposed conv map over 8589934592 output grid sites needs a bitmap over 1 GiB; "
            "such maps are built eagerly");
}

TEST_P(GpuFrameMaps, PruneMasksAtCapacityAndNanImportance) {
  const rt::SparseTensor sites = ref::randomCloud(63, 900, 0, {12, 20, 18}, 3);
  std::vector<float> m(size_t(sites.numSites));
  for (size_t i = 0; i < m.size(); ++i)
    m[i] = std::sin(float(i) * 0.37f) + float(i % 5); // ties across samples, distinct in each
  const int64_t cap = sites.numSites + 100;
  const Sites in = sitesAt(sites, cap);
  std::vector<float> padded(m);
  padded.resize(size_t(cap), NAN); // rows past the count: never read, so no NaN report
  const rt::DeviceBuffer dm = ctx_->uploadVector(padded);
  auto frameMask = [&](const rt::DeviceBuffer &importance, double ratio, double threshold,
                       const rt::DeviceBuffer &errorRow) {
    const rt::DeviceBuffer mask = rt::queueFramePruneMask(
        *ctx_, in.view, sites, importance.as<float>(), ratio, threshold, errorRow.as<int>());
    std::vector<float> v(static_cast<size_t>(cap));
    ctx_->download(v.data(), mask.address(), v.size() * 4);
    return v;
  };
  auto expectMask = [&](const std::vector<float> &got, const std::vector<uint8_t> &want) {
    for (int64_t r = 0; r < cap; ++r)
      if (got[size_t(r)] != (r < sites.numSites ? float(want[size_t(r)]) : 0.0f)) {
        ADD_FAILURE() << "mask row " << r << " = " << got[size_t(r)];
        return;
      }
  };
  for (double ratio : {0.0, 0.3, 0.9}) {
    SCOPED_TRACE("ratio " + std::to_string(ratio));
    const rt::DeviceBuffer errorRow = noErrorRow();
    expectMask(frameMask(dm, ratio, -1.0, errorRow), rt::pruneByRatio(sites, m, ratio));
    EXPECT_EQ(errorRowOf(errorRow), INT_MAX);
  }
  {
    const rt::DeviceBuffer errorRow = noErrorRow();
    expectMask(frameMask(dm, -1.0, 0.7, errorRow), rt::pruneByThreshold(m, 0.7));
    EXPECT_EQ(errorRowOf(errorRow), INT_MAX);
  }
  // A NaN among the live rows: the frame's error row names the first (the replay stands down,
  // and the walked frame gives pruneByRatio's error for the same row).
  std::vector<float> withNan = padded;
  withNan[412] = NAN;
  withNan[77] = NAN;
  const rt::DeviceBuffer dn = ctx_->uploadVector(withNan);
  const rt::DeviceBuffer errorRow = noErrorRow();
  (void)frameMask(dn, 0.5, -1.0, errorRow);
  EXPECT_EQ(errorRowOf(errorRow), 77);
  std::vector<float> live(withNan.begin(), withNan.begin() + sites.numSites);
  EXPECT_NE(test::errorOf([&] { rt::pruneByRatio(sites, live, 0.5); }).find("row 77"),
            std::string::npos);
}

} // namespace
