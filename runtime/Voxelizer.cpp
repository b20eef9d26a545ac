// Voxelization with MeanVFE features (see Voxelizer.h for the conventions copied from OpenPCDet).
#include "runtime/Voxelizer.h"
#include "runtime/CoordHash.h"

#include <cmath>
#include <string>
#include <unordered_map>

namespace sconv::rt {

std::array<int32_t, 3> VoxelConfig::gridSizeXYZ() const {
  std::array<int32_t, 3> g;
  for (int a = 0; a < 3; ++a)
    g[a] = int32_t(std::lround((double(range[a + 3]) - double(range[a])) / double(voxelSize[a])));
  return g;
}

Int3 VoxelConfig::spatialShape() const {
  const std::array<int32_t, 3> g = gridSizeXYZ();
  return {g[2] + 1, g[1], g[0]};
}

void VoxelConfig::validate(int pointDims) const {
  static const char *axes[3] = {"x", "y", "z"};
  for (int a = 0; a < 3; ++a) {
    if (!(voxelSize[a] > 0) || !std::isfinite(voxelSize[a]))
      throw Error(std::string("voxel config: voxel size along ") + axes[a] + " is " +
                  std::to_string(voxelSize[a]) + ", must be positive");
    if (!(range[a + 3] > range[a]) || !std::isfinite(range[a]) || !std::isfinite(range[a + 3]))
      throw Error(std::string("voxel config: range along ") + axes[a] + " [" +
                  std::to_string(range[a]) + ", " + std::to_string(range[a + 3]) + "] is empty");
    // Every extent (z padded by one) must stay below 2^16 for the kernel maps' site keys.
    const double cells = (double(range[a + 3]) - double(range[a])) / double(voxelSize[a]);
    if (!(cells >= 0.5 && cells < double(kMaxExtent - 2)))
      throw Error(std::string("voxel config: ") + std::to_string(cells) + " voxels along " +
                  axes[a] + " (must be between 1 and " + std::to_string(kMaxExtent - 2) + ")");
  }
  if (maxPointsPerVoxel < 1)
    throw Error("voxel config: maxPointsPerVoxel must be >= 1, got " +
                std::to_string(maxPointsPerVoxel));
  if (numFeatures < 1 || featureOffset < 0)
    throw Error("voxel config: feature slice [" + std::to_string(featureOffset) + ", " +
                std::to_string(featureOffset + numFeatures) + ") is invalid");
  if (pointDims > 0 && featureOffset + numFeatures > pointDims)
    throw Error("voxel config: feature slice [" + std::to_string(featureOffset) + ", " +
                std::to_string(featureOffset + numFeatures) + ") needs more than the " +
                std::to_string(pointDims) + " dims of each point");
}

static VoxelConfig makeConfig(std::array<float, 6> range, std::array<float, 3> voxel,
                              int features) {
  VoxelConfig c;
  for (int i = 0; i < 6; ++i)
    c.range[i] = range[i];
  for (int i = 0; i < 3; ++i)
    c.voxelSize[i] = voxel[i];
  c.maxPointsPerVoxel = 5;
  c.numFeatures = features;
  return c;
}

VoxelConfig kittiConfig() {
  return makeConfig({0.f, -40.f, -3.f, 70.4f, 40.f, 1.f}, {0.05f, 0.05f, 0.1f}, 4);
}
VoxelConfig nuscenesConfig() {
  return makeConfig({-54.f, -54.f, -5.f, 54.f, 54.f, 3.f}, {0.075f, 0.075f, 0.2f}, 5);
}
VoxelConfig waymoConfig() {
  return makeConfig({-75.2f, -75.2f, -2.f, 75.2f, 75.2f, 4.f}, {0.1f, 0.1f, 0.15f}, 5);
}

VoxelConfig scannetConfig(const PointCloud &cloud, float voxelSize) {
  if (cloud.pointDims < 6)
    throw Error("scannet config: points have " + std::to_string(cloud.pointDims) +
                " dims, expected x, y, z, r, g, b");
  if (!(voxelSize > 0))
    throw Error("scannet config: voxel size must be positive");
  float lo[3] = {INFINITY, INFINITY, INFINITY}, hi[3] = {-INFINITY, -INFINITY, -INFINITY};
  for (int64_t i = 0; i < cloud.numPoints; ++i) {
    const float *p = cloud.point(i);
    bool finite = true;
    for (int d = 0; d < cloud.pointDims; ++d)
      finite = finite && std::isfinite(p[d]);
    if (!finite)
      continue;
    for (int a = 0; a < 3; ++a) {
      lo[a] = std::fmin(lo[a], p[a]);
      hi[a] = std::fmax(hi[a], p[a]);
    }
  }
  if (!(lo[0] <= hi[0]))
    throw Error("scannet config: the cloud has no finite point");
  VoxelConfig c;
  for (int a = 0; a < 3; ++a) {
    // Same float arithmetic as voxelize, so the largest point gets index cells - 1.
    const int32_t cells = int32_t(std::floor((hi[a] - lo[a]) / voxelSize)) + 1;
    c.range[a] = lo[a];
    c.range[a + 3] = lo[a] + float(cells) * voxelSize;
    c.voxelSize[a] = voxelSize;
  }
  c.maxPointsPerVoxel = 5;
  c.numFeatures = 3;
  c.featureOffset = 3;
  return c;
}

SparseTensor voxelize(const PointCloud &cloud, const VoxelConfig &config, VoxelReport *report,
                      int32_t batchIndex) {
  config.validate(cloud.pointDims);
  if (batchIndex < 0 || batchIndex + 1 >= kMaxBatch)
    throw Error("voxelize: batch index " + std::to_string(batchIndex) + " is out of range");
  if (int64_t(cloud.data.size()) != cloud.numPoints * cloud.pointDims)
    throw Error("voxelize: point cloud holds " + std::to_string(cloud.data.size()) +
                " floats, expected numPoints*pointDims");
  const std::array<int32_t, 3> grid = config.gridSizeXYZ();
  const int F = config.numFeatures, cap = config.maxPointsPerVoxel;
  VoxelReport rep;
  rep.inputPoints = cloud.numPoints;

  std::unordered_map<uint64_t, int32_t> voxelOf; // linear (z, y, x) index -> voxel row
  voxelOf.reserve(size_t(cloud.numPoints));
  std::vector<int32_t> coords;
  std::vector<double> sums;
  std::vector<int32_t> counts;
  for (int64_t i = 0; i < cloud.numPoints; ++i) {
    const float *p = cloud.point(i);
    bool finite = true;
    for (int d = 0; d < cloud.pointDims; ++d)
      finite = finite && std::isfinite(p[d]);
    if (!finite) {
      ++rep.rejectedNonFinite;
      continue;
    }
    int32_t idx[3]; // x, y, z
    bool inside = true;
    for (int a = 0; a < 3 && inside; ++a) {
      const float f = std::floor((p[a] - config.range[a]) / config.voxelSize[a]);
      inside = f >= 0.f && f < float(grid[a]);
      idx[a] = inside ? int32_t(f) : 0;
    }
    if (!inside) {
      ++rep.droppedOutOfRange;
      continue;
    }
    const uint64_t key = (uint64_t(idx[2]) * uint64_t(grid[1]) + uint64_t(idx[1])) *
                             uint64_t(grid[0]) + uint64_t(idx[0]);
    auto [it, isNew] = voxelOf.try_emplace(key, int32_t(counts.size()));
    const int32_t v = it->second;
    if (isNew) {
      coords.insert(coords.end(), {batchIndex, idx[2], idx[1], idx[0]});
      sums.resize(sums.size() + size_t(F), 0.0);
      counts.push_back(0);
    }
    if (counts[size_t(v)] >= cap) {
      ++rep.truncatedPoints;
      continue;
    }
    ++counts[size_t(v)];
    double *s = sums.data() + int64_t(v) * F;
    for (int f = 0; f < F; ++f)
      s[f] += double(p[config.featureOffset + f]);
  }

  SparseTensor t;
  t.numSites = int64_t(counts.size());
  t.channels = F;
  t.spatialShape = config.spatialShape();
  t.batchSize = batchIndex + 1;
  t.coords = std::move(coords);
  t.feats.resize(size_t(t.numSites * F));
  for (int64_t v = 0; v < t.numSites; ++v)
    for (int f = 0; f < F; ++f)
      t.feats[size_t(v * F + f)] = float(sums[size_t(v * F + f)] / double(counts[size_t(v)]));
  rep.voxels = t.numSites;
  if (report)
    *report = rep;
  return t;
}

SparseTensor concatBatch(const std::vector<SparseTensor> &samples) {
  if (samples.empty())
    throw Error("concatBatch: no samples");
  SparseTensor out;
  out.channels = samples[0].channels;
  out.spatialShape = samples[0].spatialShape;
  out.batchSize = 0;
  int64_t sites = 0;
  for (const SparseTensor &s : samples)
    sites += s.numSites;
  out.coords.reserve(size_t(sites * 4));
  out.feats.reserve(size_t(sites * out.channels));
  for (size_t i = 0; i < samples.size(); ++i) {
    const SparseTensor &s = samples[i];
    if (s.channels != out.channels || s.spatialShape != out.spatialShape)
      throw Error("concatBatch: sample " + std::to_string(i) + " has " +
                  std::to_string(s.channels) + " channels and shape (" +
                  std::to_string(s.spatialShape[0]) + ", " + std::to_string(s.spatialShape[1]) +
                  ", " + std::to_string(s.spatialShape[2]) + "), sample 0 has " +
                  std::to_string(out.channels) + " and (" + std::to_string(out.spatialShape[0]) +
                  ", " + std::to_string(out.spatialShape[1]) + ", " +
                  std::to_string(out.spatialShape[2]) + ")");
    if (int64_t(s.coords.size()) != s.numSites * 4 ||
        int64_t(s.feats.size()) != s.numSites * s.channels)
      throw Error("concatBatch: sample " + std::to_string(i) + " has inconsistent sizes");
    for (int64_t r = 0; r < s.numSites; ++r) {
      const int32_t *c = s.coord(r);
      out.coords.insert(out.coords.end(), {c[0] + out.batchSize, c[1], c[2], c[3]});
    }
    out.feats.insert(out.feats.end(), s.feats.begin(), s.feats.end());
    out.batchSize += s.batchSize;
  }
  out.numSites = sites;
  if (out.batchSize >= kMaxBatch)
    throw Error("concatBatch: " + std::to_string(out.batchSize) +
                " samples exceed the batch limit");
  return out;
}

VoxelConfig gridFor(const PointCloud &cloud, PointFormat fmt, const std::string &name,
                    std::string *chosen) {
  std::string g = name;
  if (g.empty()) {
    if (fmt == PointFormat::Pcd || fmt == PointFormat::Npy)
      fmt = rawLayoutOf(cloud);
    g = fmt == PointFormat::Kitti ? "kitti" : fmt == PointFormat::NuScenes ? "nuscenes" : "scannet";
  }
  if (chosen)
    *chosen = g;
  if (g == "kitti")
    return kittiConfig();
  if (g == "nuscenes")
    return nuscenesConfig();
  if (g == "waymo")
    return waymoConfig();
  if (g == "scannet")
    return scannetConfig(cloud);
  throw Error("unknown grid '" + g + "' (expected kitti, nuscenes, waymo or scannet)");
}

} // namespace sconv::rt
