// Point file reading. Files are read whole: the largest (a 64-beam sweep) is about 2 MB.
#include "runtime/PointCloud.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace sconv::rt {

PointFormat parsePointFormat(const std::string &name) {
  if (name == "kitti")
    return PointFormat::Kitti;
  if (name == "nuscenes")
    return PointFormat::NuScenes;
  if (name == "xyzrgb")
    return PointFormat::XyzRgb;
  throw Error("unknown point format '" + name + "' (expected kitti, nuscenes or xyzrgb)");
}

const char *pointFormatName(PointFormat format) {
  switch (format) {
  case PointFormat::Kitti:
    return "kitti";
  case PointFormat::NuScenes:
    return "nuscenes";
  case PointFormat::XyzRgb:
    return "xyzrgb";
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
  }
  throw Error("invalid PointFormat value " + std::to_string(int(format)));
}

PointCloud readPointCloud(const std::string &path, PointFormat format) {
  const int dims = pointDims(format);
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw Error("point file '" + path + "' is a directory");
  std::ifstream file(path, std::ios::binary | std::ios::ate);
  if (!file)
    throw Error("cannot open point file '" + path + "': " + std::strerror(errno));
  const std::streamoff size = file.tellg();
  if (size < 0)
    throw Error("cannot read the size of point file '" + path + "'");
  if (size == 0)
    throw Error("point file '" + path + "' is empty");
  const int64_t pointBytes = int64_t(dims) * int64_t(sizeof(float));
  if (size % pointBytes != 0)
    throw Error("point file '" + path + "': truncated or wrong format: " + std::to_string(size) +
                " bytes is not a multiple of " + std::to_string(pointBytes) +
                "-byte points (format " + pointFormatName(format) + ")");
  PointCloud cloud;
  cloud.pointDims = dims;
  cloud.numPoints = int64_t(size) / pointBytes;
  cloud.data.resize(size_t(size) / sizeof(float));
  file.seekg(0);
  // The files are little-endian float32, as is every host we target.
  if (!file.read(reinterpret_cast<char *>(cloud.data.data()), size))
    throw Error("short read from point file '" + path + "'");
  return cloud;
}

} // namespace sconv::rt
