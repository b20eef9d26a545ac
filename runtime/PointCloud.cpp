// Point format names, raw point files and the dispatch by format. Files are read whole: the
// largest (a 64-beam sweep) is about 2 MB. PCD and .npy live in PcdFile.cpp and NpyFile.cpp,
// detection in PointFormatDetection.cpp.
#include "runtime/PointCloud.h"
#include "runtime/FileBytes.h"

#include <cstring>

namespace sconv::rt {

PointFormat parsePointFormat(const std::string &name) {
  for (PointFormat f : {PointFormat::Kitti, PointFormat::NuScenes, PointFormat::XyzRgb,
                        PointFormat::Pcd, PointFormat::Npy, PointFormat::Auto})
    if (name == pointFormatName(f))
      return f;
  throw Error("unknown point format '" + name +
              "' (expected auto, kitti, nuscenes, xyzrgb, pcd or npy)");
}

const char *pointFormatName(PointFormat format) {
  switch (format) {
  case PointFormat::Kitti:
    return "kitti";
  case PointFormat::NuScenes:
    return "nuscenes";
  case PointFormat::XyzRgb:
    return "xyzrgb";
  case PointFormat::Pcd:
    return "pcd";
  case PointFormat::Npy:
    return "npy";
  case PointFormat::Auto:
    return "auto";
  }
  throw Error("invalid PointFormat value " + std::to_string(int(format)));
}

int pointDims(PointFormat format) {
  switch (format) {
  case PointFormat::Kitti:
    return 4;
  case PointFormat::NuScenes:
    return 5;
  case PointFormat::XyzRgb:
    return 6;
  case PointFormat::Pcd:
  case PointFormat::Npy:
  case PointFormat::Auto:
    return 0;
  }
  throw Error("invalid PointFormat value " + std::to_string(int(format)));
}

static std::vector<std::string> rawFields(PointFormat format) {
  switch (format) {
  case PointFormat::Kitti:
    return {"x", "y", "z", "intensity"};
  case PointFormat::NuScenes:
    return {"x", "y", "z", "intensity", "ring"};
  case PointFormat::XyzRgb:
    return {"x", "y", "z", "r", "g", "b"};
  default:
    return {};
  }
}

static PointCloud readRaw(const std::string &path, PointFormat format) {
  const int dims = pointDims(format);
  const std::string bytes = readFileBytes(path, "point file");
  if (bytes.empty())
    throw Error("point file '" + path + "' is empty");
  const int64_t size = int64_t(bytes.size());
  const int64_t pointBytes = int64_t(dims) * int64_t(sizeof(float));
  if (size % pointBytes != 0)
    throw Error("point file '" + path + "': truncated or wrong format: " + std::to_string(size) +
                " bytes is not a multiple of " + std::to_string(pointBytes) +
                "-byte points (format " + pointFormatName(format) + "): expected " +
                std::to_string(size / pointBytes * pointBytes) + " or " +
                std::to_string((size / pointBytes + 1) * pointBytes) +
                " bytes, the last point has " + std::to_string(size % pointBytes) + " of its " +
                std::to_string(pointBytes));
  PointCloud cloud;
  cloud.pointDims = dims;
  cloud.numPoints = size / pointBytes;
  cloud.fields = rawFields(format);
  cloud.data.resize(size_t(size) / sizeof(float));
  // The files are little-endian float32, as is every host we target.
  std::memcpy(cloud.data.data(), bytes.data(), bytes.size());
  return cloud;
}

PointCloud readPointCloud(const std::string &path, PointFormat format) {
  if (format == PointFormat::Auto)
    format = detectPointFormat(path);
  switch (format) {
  case PointFormat::Pcd:
    return readPcd(path);
  case PointFormat::Npy:
    return readNpy(path);
  default:
    return readRaw(path, format);
  }
}

PointFormat rawLayoutOf(const PointCloud &cloud) {
  const std::vector<std::string> &f = cloud.fields;
  const bool namedRgb = f.size() == 6 && f[3] == "r" && f[4] == "g" && f[5] == "b";
  if (cloud.pointDims == 4)
    return PointFormat::Kitti;
  if (cloud.pointDims == 5)
    return PointFormat::NuScenes;
  if (cloud.pointDims == 6 && (f.empty() || namedRgb))
    return PointFormat::XyzRgb;
  std::string names;
  for (const std::string &n : f)
    names += (names.empty() ? "" : " ") + n;
  throw Error("points with " + std::to_string(cloud.pointDims) + " dims" +
              (names.empty() ? "" : " (" + names + ")") +
              " match no voxel grid preset (4 dims: x y z intensity, 5: x y z intensity ring, "
              "6: x y z r g b): choose a grid explicitly");
}

} // namespace sconv::rt
