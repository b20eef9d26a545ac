// Raw lidar / RGB-D point files: flat little-endian float32 records, no header (the layouts the
// KITTI, nuScenes and ScanNet loaders of OpenPCDet / MinkowskiEngine read).
#pragma once
#include "runtime/Error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace sconv::rt {

enum class PointFormat {
  Kitti,    // x, y, z, reflectance (16 bytes a point)
  NuScenes, // x, y, z, intensity, ring index (20 bytes a point)
  XyzRgb,   // x, y, z, r, g, b (24 bytes a point; ScanNet-style)
};

/// "kitti", "nuscenes", "xyzrgb" (case-sensitive). Throws Error listing the known names.
PointFormat parsePointFormat(const std::string &name);
/// The name parsePointFormat accepts.
const char *pointFormatName(PointFormat format);
/// float32 values per point: 4, 5, 6.
int pointDims(PointFormat format);

struct PointCloud {
  int pointDims = 0;
  std::vector<float> data; // numPoints * pointDims, row-major
  int64_t numPoints = 0;

  const float *point(int64_t i) const { return data.data() + int64_t(pointDims) * i; }
};

/// Reads a whole point file. Throws Error on a missing/unreadable file (naming the path), an empty
/// file, or a size that is not a multiple of the point size ("truncated or wrong format").
PointCloud readPointCloud(const std::string &path, PointFormat format);

} // namespace sconv::rt
