// Point format detection (see detectPointFormat in PointCloud.h). Raw .bin files have no header,
// and a size alone often fits several layouts (a KITTI sweep of 3n points is also a whole number
// of 24-byte xyzrgb records), so a layout must also fit the values: read with the wrong record
// size, the extra columns pick up coordinates, which are neither whole numbers nor confined to the
// small non-negative ranges of intensities, ring indices and colours. When that does not settle
// it, the caller is asked for --format rather than guessing.
#include "runtime/FileBytes.h"
#include "runtime/PointCloud.h"

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace sconv::rt {
namespace {

bool isPcdHeader(const std::string &head) {
  if (head.compare(0, 6, "# .PCD") == 0)
    return true;
  // Other writers skip the comment: the first keyword line then opens the file.
  size_t pos = 0;
  while (pos < head.size() && head[pos] == '#') {
    pos = head.find('\n', pos);
    if (pos == std::string::npos)
      return false;
    ++pos;
  }
  return head.compare(pos, 8, "VERSION ") == 0 || head.compare(pos, 7, "FIELDS ") == 0;
}

bool isWhole(float v) { return std::floor(v) == v; }

/// Every value of column `c` (of `dims` per record) in [0, 1], or every one a whole number in
/// [0, 255] (intensities and colours are written both ways).
bool unitOrByte(const std::vector<float> &v, int dims, int c) {
  bool unit = true, byte = true;
  for (size_t i = size_t(c); i < v.size() && (unit || byte); i += size_t(dims)) {
    unit = unit && v[i] >= 0.f && v[i] <= 1.f;
    byte = byte && v[i] >= 0.f && v[i] <= 255.f && isWhole(v[i]);
  }
  return unit || byte;
}

bool valuesFit(PointFormat f, const std::vector<float> &v) {
  switch (f) {
  case PointFormat::Kitti:
    return unitOrByte(v, 4, 3);
  case PointFormat::NuScenes:
    for (size_t i = 0; i + 4 < v.size(); i += 5)
      if (!(v[i + 3] >= 0.f && v[i + 3] <= 255.f) ||
          !(v[i + 4] >= 0.f && v[i + 4] <= 127.f && isWhole(v[i + 4])))
        return false;
    return true;
  case PointFormat::XyzRgb:
    return unitOrByte(v, 6, 3) && unitOrByte(v, 6, 4) && unitOrByte(v, 6, 5);
  default:
    return false;
  }
}

const char *whatFits(PointFormat f) {
  switch (f) {
  case PointFormat::Kitti:
    return "reflectance in [0, 1] or whole numbers 0..255";
  case PointFormat::NuScenes:
    return "intensity in [0, 255], ring index a whole number 0..127";
  default:
    return "colours in [0, 1] or whole numbers 0..255";
  }
}

} // namespace

PointFormat detectPointFormat(const std::string &path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw Error("point file '" + path + "' is a directory");
  std::string head(64, '\0');
  {
    std::ifstream f(path, std::ios::binary);
    if (!f)
      throw Error("cannot open point file '" + path + "': " + std::strerror(errno));
    f.read(head.data(), std::streamsize(head.size()));
    head.resize(size_t(f.gcount()));
  }
  if (head.compare(0, 6, "\x93NUMPY") == 0)
    return PointFormat::Npy;
  if (isPcdHeader(head))
    return PointFormat::Pcd;

  const std::string ask = ": give --format (kitti, nuscenes, xyzrgb, pcd or npy)";
  std::string ext = std::filesystem::path(path).extension().string();
  for (char &c : ext)
    c = char(std::tolower(static_cast<unsigned char>(c)));
  if (ext != ".bin")
    throw Error("cannot detect the format of '" + path +
                "': no PCD header, no .npy magic, and only .bin files are taken as raw float32 "
                "points" +
                ask);
  const std::string bytes = readFileBytes(path, "point file");
  if (bytes.empty())
    throw Error("point file '" + path + "' is empty");
  const size_t size = bytes.size();
  std::vector<PointFormat> bySize;
  for (PointFormat f : {PointFormat::Kitti, PointFormat::NuScenes, PointFormat::XyzRgb})
    if (size % (size_t(pointDims(f)) * sizeof(float)) == 0)
      bySize.push_back(f);
  if (bySize.empty())
    throw Error("point file '" + path +
                "': truncated or not a raw point file: " + std::to_string(size) +
                " bytes is not a multiple of 16 (kitti), 20 (nuscenes) or 24 (xyzrgb) bytes "
                "a point");
  std::vector<float> values(size / sizeof(float));
  std::memcpy(values.data(), bytes.data(), values.size() * sizeof(float));
  std::vector<PointFormat> fits;
  std::string sizeFits, tried;
  for (PointFormat f : bySize) {
    sizeFits += (sizeFits.empty() ? "" : " or ") + std::string(pointFormatName(f));
    tried += std::string(tried.empty() ? "" : "; ") + pointFormatName(f) + ": " + whatFits(f);
    if (valuesFit(f, values))
      fits.push_back(f);
  }
  if (fits.size() == 1)
    return fits.front();
  const std::string sizeText = std::to_string(size) + " bytes fits " + sizeFits + " records";
  if (fits.empty())
    throw Error("cannot detect the format of '" + path + "': " + sizeText +
                ", but its values fit none (" + tried +
                "); it may be truncated or in another "
                "layout" +
                ask);
  std::string both;
  for (PointFormat f : fits)
    both += (both.empty() ? "" : " and ") + std::string(pointFormatName(f));
  throw Error("cannot detect the format of '" + path + "': " + sizeText + ", and its values fit " +
              both + " alike" + ask);
}

} // namespace sconv::rt
