// NumPy .npy reading: "\x93NUMPY", version, header length, a Python dict literal
// {'descr': '<f4', 'fortran_order': False, 'shape': (N, D), } padded with spaces, then the data.
// Only what a point array needs: little-endian float32/float64, C order, two dimensions.
#include "runtime/FileBytes.h"
#include "runtime/PointCloud.h"

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace sconv::rt {
namespace {

/// The text after `'key':` (spaces skipped), or npos when the key is absent.
size_t valueOf(const std::string &header, const std::string &key) {
  for (const char *q : {"'", "\""}) {
    const size_t k = header.find(q + key + q);
    if (k == std::string::npos)
      continue;
    size_t i = header.find(':', k);
    if (i == std::string::npos)
      return i;
    ++i;
    while (i < header.size() && header[i] == ' ')
      ++i;
    return i;
  }
  return std::string::npos;
}

} // namespace

PointCloud readNpy(const std::string &path) {
  const std::string bytes = readFileBytes(path, ".npy file");
  const std::string file = "'" + path + "'";
  if (bytes.size() < 10 || bytes.compare(0, 6, "\x93NUMPY") != 0)
    throw Error(file + " is not a .npy file (no \\x93NUMPY magic)");
  const int major = uint8_t(bytes[6]);
  if (major < 1 || major > 3)
    throw Error(file + " has .npy version " + std::to_string(major) + " (this reader knows 1-3)");
  // Version 1 has a 16-bit header length, versions 2 and 3 a 32-bit one.
  const size_t lenBytes = major == 1 ? 2 : 4;
  if (bytes.size() < 8 + lenBytes)
    throw Error(file + " is truncated inside the .npy preamble");
  uint32_t headerLen = 0;
  std::memcpy(&headerLen, bytes.data() + 8, lenBytes); // little-endian host
  const size_t dataStart = 8 + lenBytes + size_t(headerLen);
  if (dataStart > bytes.size())
    throw Error(file + " is truncated: the .npy header needs " + std::to_string(dataStart) +
                " bytes, the file has " + std::to_string(bytes.size()));
  const std::string header = bytes.substr(8 + lenBytes, headerLen);

  size_t i = valueOf(header, "descr");
  if (i == std::string::npos || i >= header.size() || (header[i] != '\'' && header[i] != '"'))
    throw Error(file + ": the .npy header has no 'descr'");
  const size_t close = header.find(header[i], i + 1);
  const std::string descr = header.substr(i + 1, close == std::string::npos ? 0 : close - i - 1);
  int itemBytes = 0;
  if (descr == "<f4")
    itemBytes = 4;
  else if (descr == "<f8")
    itemBytes = 8;
  else
    throw Error(file + " holds dtype '" + descr +
                "'; point arrays must be little-endian float32 '<f4' or float64 '<f8'");

  i = valueOf(header, "fortran_order");
  if (i == std::string::npos)
    throw Error(file + ": the .npy header has no 'fortran_order'");
  if (header.compare(i, 4, "True") == 0)
    throw Error(file + " is in Fortran order; save a C-order array "
                       "(np.save(path, np.ascontiguousarray(points)))");

  i = valueOf(header, "shape");
  if (i == std::string::npos || i >= header.size() || header[i] != '(')
    throw Error(file + ": the .npy header has no 'shape' tuple");
  const size_t end = header.find(')', i);
  if (end == std::string::npos)
    throw Error(file + ": the .npy header's 'shape' tuple is not closed");
  std::vector<int64_t> shape;
  const std::string shapeText = header.substr(i, end - i + 1);
  for (size_t p = i + 1; p < end;) {
    while (p < end && (header[p] == ' ' || header[p] == ','))
      ++p;
    if (p >= end)
      break;
    char *stop = nullptr;
    errno = 0;
    const long long v = std::strtoll(header.c_str() + p, &stop, 10);
    if (stop == header.c_str() + p || v < 0 || errno != 0)
      throw Error(file + ": the .npy shape " + shapeText + " is malformed");
    shape.push_back(v);
    p = size_t(stop - header.c_str());
  }
  if (shape.size() != 2 || shape[1] < 3)
    throw Error(file + " has shape " + shapeText +
                "; a point array must be 2-D (N, D) with D >= 3 (x, y, z, ...)");
  if (shape[0] == 0)
    throw Error(file + " has no points (shape " + shapeText + ")");
  if (shape[1] > 1024 || shape[0] > (int64_t(1) << 40))
    throw Error(file + " has an implausible point array shape " + shapeText);

  const uint64_t want = uint64_t(shape[0]) * uint64_t(shape[1]) * uint64_t(itemBytes);
  const uint64_t found = bytes.size() - dataStart;
  const std::string need = "shape " + shapeText + " of " + descr + " needs " +
                           std::to_string(want) + " bytes of data, found " + std::to_string(found);
  if (found < want)
    throw Error(file + " is truncated: " + need);
  if (found > want)
    throw Error(file + ": .npy header and data disagree: " + need);

  PointCloud cloud;
  cloud.pointDims = int(shape[1]);
  cloud.numPoints = shape[0];
  cloud.data.resize(size_t(shape[0] * shape[1]));
  const char *src = bytes.data() + dataStart;
  if (itemBytes == 4) {
    std::memcpy(cloud.data.data(), src, size_t(want));
  } else {
    for (size_t k = 0; k < cloud.data.size(); ++k) {
      double d;
      std::memcpy(&d, src + 8 * k, 8);
      cloud.data[k] = float(d);
    }
  }
  return cloud;
}

} // namespace sconv::rt
