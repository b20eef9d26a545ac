// Point files and voxelization: synthetic clouds with known means, the counters of VoxelReport, the
// OpenPCDet grid presets, and the real frames in ../shared/data.
#include "test/unit/ErrorOf.h"
#include "runtime/KernelMap.h"
#include "runtime/Voxelizer.h"
#include "test/reference/Reference.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>

#include <unistd.h>

using namespace sconv;
using rt::PointCloud;
using rt::VoxelConfig;
using rt::VoxelReport;

namespace {

using sconv::test::errorOf;

PointCloud cloudOf(int dims, std::vector<float> data) {
  PointCloud c;
  c.pointDims = dims;
  c.numPoints = int64_t(data.size()) / dims;
  c.data = std::move(data);
  return c;
}

/// 4 x 4 x 4 one-metre voxels over [0, 4)^3, features x, y, z, r.
VoxelConfig unitConfig() {
  VoxelConfig c;
  for (int a = 0; a < 3; ++a) {
    c.range[a] = 0;
    c.range[a + 3] = 4;
    c.voxelSize[a] = 1;
  }
  c.numFeatures = 4;
  c.maxPointsPerVoxel = 5;
  return c;
}

std::string dataFile(const char *name) { return std::string(SCONV_DATA_DIR) + "/" + name; }

bool haveData() { return std::filesystem::is_directory(SCONV_DATA_DIR); }

#define SKIP_WITHOUT_DATA()                                                                        \
  if (!haveData())                                                                                 \
  GTEST_SKIP() << "point-cloud data directory " << SCONV_DATA_DIR                                  \
               << " is absent (it lives in ../shared/data next to the project)"

TEST(Voxelizer, MeanOfPointsPerVoxelInFirstAppearanceOrder) {
  const PointCloud cloud = cloudOf(4, {
                                          2.5f, 1.5f, 3.5f, 1.0f, // voxel x2 y1 z3
                                          0.5f, 0.5f, 0.5f, 2.0f, // voxel x0 y0 z0
                                          2.1f, 1.9f, 3.1f, 3.0f, // voxel x2 y1 z3 again
                                      });
  VoxelReport rep;
  const rt::SparseTensor t = rt::voxelize(cloud, unitConfig(), &rep);
  ASSERT_EQ(t.numSites, 2);
  EXPECT_EQ(t.channels, 4);
  EXPECT_EQ(t.spatialShape, (rt::Int3{5, 4, 4})); // z padded by one
  EXPECT_EQ(t.batchSize, 1);
  EXPECT_EQ(t.coords, (std::vector<int32_t>{0, 3, 1, 2, 0, 0, 0, 0}));
  const std::vector<float> want = {2.3f, 1.7f, 3.3f, 2.0f, 0.5f, 0.5f, 0.5f, 2.0f};
  for (size_t i = 0; i < want.size(); ++i)
    EXPECT_NEAR(t.feats[i], want[i], 1e-6) << i;
  EXPECT_EQ(rep.inputPoints, 3);
  EXPECT_EQ(rep.voxels, 2);
  EXPECT_EQ(rep.droppedOutOfRange, 0);
  EXPECT_EQ(rep.rejectedNonFinite, 0);
  EXPECT_EQ(rep.truncatedPoints, 0);
  EXPECT_NO_THROW(t.validate());
}

TEST(Voxelizer, RejectsNonFinitePoints) {
  const float nan = std::nanf(""), inf = INFINITY;
  const PointCloud cloud = cloudOf(4, {nan, 1, 1, 1, 1, inf, 1, 1, 1, 1, 1, nan, 1, 1, 1, 1,
                                       1, 1, -inf, 1});
  VoxelReport rep;
  const rt::SparseTensor t = rt::voxelize(cloud, unitConfig(), &rep);
  EXPECT_EQ(rep.rejectedNonFinite, 4);
  EXPECT_EQ(rep.voxels, 1);
  EXPECT_EQ(t.numSites, 1);
  EXPECT_NO_THROW(t.validate());
}

TEST(Voxelizer, CapKeepsTheFirstPoints) {
  VoxelConfig cfg = unitConfig();
  cfg.maxPointsPerVoxel = 2;
  const PointCloud cloud = cloudOf(4, {0.1f, 0, 0, 1,   // kept
                                       0.3f, 0, 0, 3,   // kept
                                       0.5f, 0, 0, 100, // over the cap
                                       0.7f, 0, 0, 100, // over the cap
                                       3.5f, 0, 0, 7}); // another voxel
  VoxelReport rep;
  const rt::SparseTensor t = rt::voxelize(cloud, cfg, &rep);
  ASSERT_EQ(t.numSites, 2);
  EXPECT_EQ(rep.truncatedPoints, 2);
  EXPECT_NEAR(t.feats[0], 0.2f, 1e-6);
  EXPECT_NEAR(t.feats[3], 2.0f, 1e-6);
  EXPECT_NEAR(t.feats[7], 7.0f, 1e-6);
}

TEST(Voxelizer, DropsPointsOutsideTheRange) {
  const PointCloud cloud = cloudOf(4, {
                                          4.0f, 1, 1, 0,   // x == xmax is outside (index 4)
                                          -0.01f, 1, 1, 0, // below xmin
                                          1, 1, 9, 0,      // above zmax
                                          1, -3, 1, 0,     // below ymin
                                          3.99f, 3.99f, 3.99f, 0, // last voxel
                                          0, 0, 0, 0,      // first voxel (min is inclusive)
                                      });
  VoxelReport rep;
  const rt::SparseTensor t = rt::voxelize(cloud, unitConfig(), &rep);
  EXPECT_EQ(rep.droppedOutOfRange, 4);
  ASSERT_EQ(t.numSites, 2);
  EXPECT_EQ(t.coords, (std::vector<int32_t>{0, 3, 3, 3, 0, 0, 0, 0}));
}

TEST(Voxelizer, EmptyResultIsReportedNotThrown) {
  const PointCloud cloud = cloudOf(4, {10, 10, 10, 0});
  VoxelReport rep;
  const rt::SparseTensor t = rt::voxelize(cloud, unitConfig(), &rep);
  EXPECT_EQ(t.numSites, 0);
  EXPECT_EQ(rep.voxels, 0);
  EXPECT_EQ(rep.droppedOutOfRange, 1);
}

TEST(Voxelizer, BatchIndexAndFeatureSlice) {
  VoxelConfig cfg = unitConfig();
  cfg.numFeatures = 3;
  cfg.featureOffset = 3; // r, g, b of x, y, z, r, g, b
  const PointCloud cloud = cloudOf(6, {1.5f, 2.5f, 0.5f, 10, 20, 30, 1.2f, 2.2f, 0.2f, 20, 40, 60});
  const rt::SparseTensor t = rt::voxelize(cloud, cfg, nullptr, 2);
  EXPECT_EQ(t.batchSize, 3);
  EXPECT_EQ(t.coords, (std::vector<int32_t>{2, 0, 2, 1}));
  EXPECT_EQ(t.feats, (std::vector<float>{15, 30, 45}));
  cfg.featureOffset = 4;
  EXPECT_NE(errorOf([&] { rt::voxelize(cloud, cfg, nullptr); }).find("feature slice"),
            std::string::npos);
}

TEST(Voxelizer, PresetGridsMatchOpenPCDet) {
  EXPECT_EQ(rt::kittiConfig().spatialShape(), (rt::Int3{41, 1600, 1408}));
  EXPECT_EQ(rt::nuscenesConfig().spatialShape(), (rt::Int3{41, 1440, 1440}));
  EXPECT_EQ(rt::waymoConfig().spatialShape(), (rt::Int3{41, 1504, 1504}));
  EXPECT_EQ(rt::kittiConfig().numFeatures, 4);
  EXPECT_EQ(rt::nuscenesConfig().numFeatures, 5);
}

TEST(Voxelizer, BadConfigIsAnError) {
  VoxelConfig cfg = unitConfig();
  cfg.voxelSize[1] = 0;
  EXPECT_NE(errorOf([&] { cfg.validate(); }).find("voxel size along y"), std::string::npos);
  cfg = unitConfig();
  cfg.range[5] = cfg.range[2];
  EXPECT_NE(errorOf([&] { cfg.validate(); }).find("range along z"), std::string::npos);
  cfg = unitConfig();
  cfg.maxPointsPerVoxel = 0;
  EXPECT_THROW(cfg.validate(), rt::Error);
}

TEST(ConcatBatch, StacksSamplesWithBatchIndices) {
  const PointCloud a = cloudOf(4, {0.5f, 0.5f, 0.5f, 1});
  const PointCloud b = cloudOf(4, {1.5f, 0.5f, 0.5f, 2, 2.5f, 0.5f, 0.5f, 3});
  const rt::SparseTensor t = rt::concatBatch(
      {rt::voxelize(a, unitConfig(), nullptr), rt::voxelize(b, unitConfig(), nullptr)});
  EXPECT_EQ(t.batchSize, 2);
  EXPECT_EQ(t.numSites, 3);
  EXPECT_EQ(t.coords, (std::vector<int32_t>{0, 0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 2}));
  EXPECT_NO_THROW(t.validate());

  rt::SparseTensor other = rt::voxelize(a, unitConfig(), nullptr);
  other.spatialShape = {9, 9, 9};
  EXPECT_NE(errorOf([&] { rt::concatBatch({rt::voxelize(a, unitConfig(), nullptr), other}); })
                .find("sample 1"),
            std::string::npos);
  EXPECT_THROW(rt::concatBatch({}), rt::Error);
}

TEST(PointCloud, FormatNames) {
  EXPECT_EQ(rt::parsePointFormat("kitti"), rt::PointFormat::Kitti);
  EXPECT_EQ(rt::parsePointFormat("nuscenes"), rt::PointFormat::NuScenes);
  EXPECT_EQ(rt::parsePointFormat("xyzrgb"), rt::PointFormat::XyzRgb);
  EXPECT_EQ(rt::pointDims(rt::PointFormat::NuScenes), 5);
  EXPECT_STREQ(rt::pointFormatName(rt::PointFormat::XyzRgb), "xyzrgb");
  EXPECT_NE(errorOf([] { rt::parsePointFormat("las"); }).find("unknown point format 'las'"),
            std::string::npos);
}

class TempFile {
public:
  explicit TempFile(const std::string &bytes) {
    // Unique per process and object: ctest may run test cases of this binary in parallel.
    const std::string name = "sconv-voxelizer-test-" + std::to_string(::getpid()) + "-" +
                             std::to_string(reinterpret_cast<uintptr_t>(this)) + ".bin";
    path_ = (std::filesystem::temp_directory_path() / name).string();
    std::ofstream(path_, std::ios::binary).write(bytes.data(), std::streamsize(bytes.size()));
  }
  ~TempFile() { std::filesystem::remove(path_); }
  const std::string &path() const { return path_; }

private:
  std::string path_;
};

TEST(PointCloud, TruncatedFileIsAnError) {
  TempFile f(std::string(17, '\0'));
  const std::string msg = errorOf([&] { rt::readPointCloud(f.path(), rt::PointFormat::Kitti); });
  EXPECT_NE(msg.find("truncated or wrong format: 17 bytes is not a multiple of 16-byte points "
                     "(format kitti)"),
            std::string::npos)
      << msg;
}

TEST(PointCloud, EmptyAndMissingFilesAreErrors) {
  TempFile empty("");
  EXPECT_NE(
      errorOf([&] { rt::readPointCloud(empty.path(), rt::PointFormat::Kitti); }).find("empty"),
      std::string::npos);
  const std::string missing = "no-such-dir/no-such-file.bin";
  EXPECT_NE(errorOf([&] { rt::readPointCloud(missing, rt::PointFormat::Kitti); }).find(missing),
            std::string::npos);
}

TEST(PointCloud, ReadsWhatWasWritten) {
  const std::vector<float> v = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  TempFile f(std::string(reinterpret_cast<const char *>(v.data()), v.size() * sizeof(float)));
  const PointCloud c = rt::readPointCloud(f.path(), rt::PointFormat::NuScenes);
  EXPECT_EQ(c.numPoints, 2);
  EXPECT_EQ(c.pointDims, 5);
  EXPECT_EQ(c.data, v);
}

TEST(RealData, KittiFrontFrame) {
  SKIP_WITHOUT_DATA();
  const PointCloud cloud =
      rt::readPointCloud(dataFile("kitti_000008_front.bin"), rt::PointFormat::Kitti);
  EXPECT_EQ(cloud.numPoints, 17238);
  VoxelReport rep;
  const rt::SparseTensor t = rt::voxelize(cloud, rt::kittiConfig(), &rep);
  EXPECT_GT(t.numSites, 0);
  EXPECT_EQ(rep.voxels, t.numSites);
  EXPECT_EQ(rep.inputPoints, 17238);
  EXPECT_LE(t.numSites, rep.inputPoints - rep.droppedOutOfRange - rep.rejectedNonFinite);
  EXPECT_EQ(t.spatialShape, (rt::Int3{41, 1600, 1408}));
  EXPECT_NO_THROW(t.validate()); // every coordinate inside the shape, finite features
  for (int64_t r = 0; r < t.numSites; ++r)
    ASSERT_LT(t.coord(r)[1], 40) << "z padding slice must stay empty";
}

TEST(RealData, KittiFrameKernelMapsMatchReference) {
  SKIP_WITHOUT_DATA();
  const PointCloud cloud =
      rt::readPointCloud(dataFile("kitti_000008_front.bin"), rt::PointFormat::Kitti);
  const rt::SparseTensor t = rt::voxelize(cloud, rt::kittiConfig(), nullptr);
  const ref::SiteIndex index(t);
  rt::ThreadPool pool(2);
  rt::ConvGeometry subm; // 3x3x3 submanifold
  rt::ConvGeometry down;
  down.kind = rt::ConvKind::Regular;
  down.stride = {2, 2, 2};
  down.padding = {1, 1, 1};
  for (const rt::ConvGeometry &g : {subm, down}) {
    const rt::KernelMap m = rt::buildKernelMap(t, g, pool);
    if (g.kind == rt::ConvKind::Regular) {
      std::vector<int32_t> want;
      for (const ref::Site &s : ref::refConvOutputSites(t, g))
        want.insert(want.end(), s.begin(), s.end());
      ASSERT_EQ(m.outCoords, want);
    }
    for (int64_t o = 0; o < m.numOut; ++o) {
      const int32_t *c = m.outCoords.data() + 4 * o;
      for (int64_t k = 0; k < m.volume; ++k)
        ASSERT_EQ(m.nbr[size_t(o * m.volume + k)],
                  index.find(ref::refInputSite(g, {c[0], c[1], c[2], c[3]}, k)));
    }
  }
}

TEST(RealData, NuScenesAndScanNet) {
  SKIP_WITHOUT_DATA();
  const PointCloud nus =
      rt::readPointCloud(dataFile("nuscenes_lidar_top_sweep.bin"), rt::PointFormat::NuScenes);
  EXPECT_EQ(nus.numPoints, 34688);
  VoxelReport rep;
  const rt::SparseTensor a = rt::voxelize(nus, rt::nuscenesConfig(), &rep);
  EXPECT_GT(a.numSites, 0);
  EXPECT_EQ(a.channels, 5);
  EXPECT_NO_THROW(a.validate());

  const PointCloud scan =
      rt::readPointCloud(dataFile("scannet_scene0000_00.bin"), rt::PointFormat::XyzRgb);
  EXPECT_EQ(scan.numPoints, 40684);
  const VoxelConfig cfg = rt::scannetConfig(scan, 0.02f);
  const rt::SparseTensor b = rt::voxelize(scan, cfg, &rep);
  EXPECT_EQ(rep.droppedOutOfRange, 0) << "the bounding-box range must hold every point";
  EXPECT_GT(b.numSites, 0);
  EXPECT_EQ(b.channels, 3);
  EXPECT_NO_THROW(b.validate());
}

} // namespace
