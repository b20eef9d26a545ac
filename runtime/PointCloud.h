// Point files: raw lidar / RGB-D records (flat little-endian float32, no header: the layouts the
// KITTI, nuScenes and ScanNet loaders of OpenPCDet / MinkowskiEngine read), PCL's PCD (ASCII and
// binary) and NumPy .npy arrays, and detection of which one a file is.
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
  Pcd,      // PCL point cloud data, DATA ascii or binary; dims: x, y, z, then the other fields
  Npy,      // NumPy .npy, float32 or float64, shape [N, D] in C order; dims as stored
  Auto,     // detect from the file (detectPointFormat)
};

/// "kitti", "nuscenes", "xyzrgb", "pcd", "npy", "auto" (case-sensitive). Throws Error listing the
/// known names.
PointFormat parsePointFormat(const std::string &name);
/// The name parsePointFormat accepts.
const char *pointFormatName(PointFormat format);
/// float32 values per point of the raw formats: 4, 5, 6; 0 for pcd, npy and auto (the file says).
int pointDims(PointFormat format);

struct PointCloud {
  int pointDims = 0;
  std::vector<float> data; // numPoints * pointDims, row-major
  int64_t numPoints = 0;
  /// What each dim holds ("x", "y", "z", "intensity", "r", ...), pointDims names; empty when the
  /// file does not say (.npy).
  std::vector<std::string> fields;

  const float *point(int64_t i) const { return data.data() + int64_t(pointDims) * i; }
};

/// Reads a whole point file; `Auto` detects the format first. Throws Error on a missing/unreadable
/// file (naming the path), an empty file or one with no point, a size that disagrees with the
/// format ("truncated or wrong format", with the bytes expected and found), or a malformed header.
PointCloud readPointCloud(const std::string &path, PointFormat format);

/// PCD: FIELDS must include x, y and z (COUNT 1); TYPE F (SIZE 4 or 8), I or U (SIZE 1, 2, 4, 8)
/// are read as float. Dims are x, y, z, then the other fields in file order (a field of COUNT n
/// gives n dims); a packed "rgb"/"rgba" field (SIZE 4) is unpacked into r, g, b (0..255); "_"
/// padding fields are skipped. DATA binary_compressed is rejected (convert it to binary).
PointCloud readPcd(const std::string &path);
/// .npy: '<f4' or '<f8', C order, shape (N, D) with D >= 3 (x, y, z first).
PointCloud readNpy(const std::string &path);

/// Which format a file is, never Auto. PCD and .npy by their header (magic bytes); otherwise only
/// a ".bin" file is taken as raw float32 records, and conservatively: its size must fit exactly
/// one of the raw layouts whose value ranges it also matches (kitti: reflectance in [0, 1] or
/// whole numbers 0..255; nuscenes: intensity in [0, 255] and ring a whole number 0..127; xyzrgb:
/// colours in [0, 1] or whole numbers 0..255). Throws Error asking for --format otherwise
/// (ambiguous, unknown extension, or a size no layout fits: "truncated or not a point file").
PointFormat detectPointFormat(const std::string &path);

/// The raw layout a cloud's dims correspond to, for choosing a voxel grid: 4 dims -> kitti,
/// 5 -> nuscenes, 6 -> xyzrgb (dims 3..5 named r, g, b when the file names them). Throws Error
/// naming the dims otherwise.
PointFormat rawLayoutOf(const PointCloud &cloud);

} // namespace sconv::rt
