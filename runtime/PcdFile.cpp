// PCD reading (PCL's point cloud data format, versions 0.6/0.7): a text header of KEYWORD lines
// ending with "DATA ascii|binary", then one text line or one packed little-endian record per point.
#include "runtime/FileBytes.h"
#include "runtime/PointCloud.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <utility>

namespace sconv::rt {
namespace {

struct PcdField {
  std::string name;
  int size = 0;
  char type = 0; // F, I or U
  int count = 1;
  size_t byteOffset = 0;  // in a binary record
  size_t valueOffset = 0; // in an ascii line
};

struct PcdHeader {
  std::vector<PcdField> fields;
  int64_t points = 0;
  std::string data;     // "ascii" or "binary"
  size_t dataStart = 0; // first byte after the DATA line
  int dataLine = 0;     // its line number (1-based)
  size_t recordBytes = 0, recordValues = 0;
};

/// One dim of the result: element `elem` of field `field`; `packedShift` >= 0 takes one byte of a
/// packed rgb value (16: r, 8: g, 0: b).
struct Column {
  size_t field;
  int elem;
  int packedShift;
};

std::vector<std::string> splitWords(const std::string &line) {
  std::vector<std::string> words;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i])))
      ++i;
    size_t j = i;
    while (j < line.size() && !std::isspace(static_cast<unsigned char>(line[j])))
      ++j;
    if (j > i)
      words.push_back(line.substr(i, j - i));
    i = j;
  }
  return words;
}

class HeaderParser {
public:
  HeaderParser(const std::string &path, const std::string &bytes) : path_(path), bytes_(bytes) {}

  PcdHeader parse() {
    std::vector<std::string> names, sizes, types, counts;
    int64_t width = -1, height = 1, points = -1;
    size_t pos = 0;
    int lineNo = 0;
    while (pos < bytes_.size()) {
      size_t end = bytes_.find('\n', pos);
      if (end == std::string::npos)
        end = bytes_.size();
      const std::string line = bytes_.substr(pos, end - pos);
      pos = end + 1;
      ++lineNo;
      line_ = lineNo;
      const std::vector<std::string> w = splitWords(line);
      if (w.empty() || w[0][0] == '#')
        continue;
      const std::string &key = w[0];
      const std::vector<std::string> rest(w.begin() + 1, w.end());
      if (key == "VERSION" || key == "VIEWPOINT")
        continue; // the viewpoint is metadata: PCL does not apply it to the points either
      if (key == "FIELDS")
        names = rest;
      else if (key == "SIZE")
        sizes = rest;
      else if (key == "TYPE")
        types = rest;
      else if (key == "COUNT")
        counts = rest;
      else if (key == "WIDTH")
        width = single(key, rest);
      else if (key == "HEIGHT")
        height = single(key, rest);
      else if (key == "POINTS")
        points = single(key, rest);
      else if (key == "DATA") {
        if (rest.size() != 1)
          fail("DATA needs one word (ascii or binary)");
        PcdHeader h;
        h.data = rest[0];
        h.dataStart = std::min(pos, bytes_.size());
        h.dataLine = lineNo;
        finish(h, names, sizes, types, counts, width, height, points);
        return h;
      } else
        fail("unknown PCD header keyword '" + key + "'");
    }
    throw Error("'" + path_ + "' has no DATA line: not a PCD file, or its header is truncated");
  }

private:
  [[noreturn]] void fail(const std::string &msg) const {
    throw Error("'" + path_ + "' line " + std::to_string(line_) + ": " + msg);
  }

  int64_t number(const std::string &word) const {
    char *end = nullptr;
    errno = 0;
    const long long v = std::strtoll(word.c_str(), &end, 10);
    if (word.empty() || *end != '\0' || errno != 0)
      fail("'" + word + "' is not a whole number");
    return v;
  }

  int64_t single(const std::string &key, const std::vector<std::string> &rest) const {
    if (rest.size() != 1)
      fail(key + " needs one number");
    const int64_t v = number(rest[0]);
    if (v < 0)
      fail(key + " is negative");
    return v;
  }

  void finish(PcdHeader &h, const std::vector<std::string> &names,
              const std::vector<std::string> &sizes, const std::vector<std::string> &types,
              const std::vector<std::string> &counts, int64_t width, int64_t height,
              int64_t points) const {
    if (names.empty())
      fail("the header has no FIELDS line before DATA");
    if (sizes.size() != names.size() || types.size() != names.size())
      fail("FIELDS names " + std::to_string(names.size()) + " fields but SIZE gives " +
           std::to_string(sizes.size()) + " and TYPE " + std::to_string(types.size()));
    if (!counts.empty() && counts.size() != names.size())
      fail("FIELDS names " + std::to_string(names.size()) + " fields but COUNT gives " +
           std::to_string(counts.size()));
    for (size_t i = 0; i < names.size(); ++i) {
      PcdField f;
      f.name = names[i];
      f.size = int(number(sizes[i]));
      f.type = types[i].size() == 1 ? types[i][0] : '?';
      f.count = counts.empty() ? 1 : int(number(counts[i]));
      const bool ok = (f.type == 'F' && (f.size == 4 || f.size == 8)) ||
                      ((f.type == 'I' || f.type == 'U') &&
                       (f.size == 1 || f.size == 2 || f.size == 4 || f.size == 8));
      if (!ok)
        fail("field '" + f.name + "' has TYPE " + types[i] + " SIZE " + sizes[i] +
             " (supported: F 4/8, I or U 1/2/4/8)");
      if (f.count < 1)
        fail("field '" + f.name + "' has COUNT " + std::to_string(f.count));
      f.byteOffset = h.recordBytes;
      f.valueOffset = h.recordValues;
      h.recordBytes += size_t(f.size) * size_t(f.count);
      h.recordValues += size_t(f.count);
      h.fields.push_back(f);
    }
    if (width < 0 && points < 0)
      fail("the header gives neither WIDTH nor POINTS");
    if (width >= 0 && points >= 0 && width * height != points)
      fail("WIDTH x HEIGHT = " + std::to_string(width) + " x " + std::to_string(height) +
           " disagrees with POINTS " + std::to_string(points));
    h.points = points >= 0 ? points : width * height;
  }

  const std::string &path_;
  const std::string &bytes_;
  int line_ = 0;
};

double binaryValue(const char *p, char type, int size) {
  auto get = [p](auto v) {
    std::memcpy(&v, p, sizeof(v));
    return double(v);
  };
  if (type == 'F')
    return size == 4 ? get(float()) : get(double());
  if (type == 'I')
    return size == 1   ? get(int8_t())
           : size == 2 ? get(int16_t())
           : size == 4 ? get(int32_t())
                       : get(int64_t());
  return size == 1   ? get(uint8_t())
         : size == 2 ? get(uint16_t())
         : size == 4 ? get(uint32_t())
                     : get(uint64_t());
}

/// The 32 bits of a packed rgb value: PCL stores them as a float's bit pattern (TYPE F) or as an
/// unsigned integer (TYPE U/I).
uint32_t packedBits(const char *p) {
  uint32_t bits;
  std::memcpy(&bits, p, 4);
  return bits;
}

uint32_t packedBitsAscii(const std::string &word, char type, bool *ok) {
  char *end = nullptr;
  if (type == 'F') {
    const float f = std::strtof(word.c_str(), &end);
    *ok = *end == '\0';
    return packedBits(reinterpret_cast<const char *>(&f));
  }
  const unsigned long long v = std::strtoull(word.c_str(), &end, 10);
  *ok = *end == '\0';
  return uint32_t(v);
}

} // namespace

PointCloud readPcd(const std::string &path) {
  const std::string bytes = readFileBytes(path, "PCD file");
  if (bytes.empty())
    throw Error("PCD file '" + path + "' is empty");
  const PcdHeader h = HeaderParser(path, bytes).parse();
  const std::string file = "'" + path + "'";
  if (h.data == "binary_compressed")
    throw Error(file + ": DATA binary_compressed (LZF-compressed) PCD is not supported; convert "
                       "it to binary first, e.g. pcl_convert_pcd_ascii_binary in.pcd out.pcd 1");
  if (h.data != "ascii" && h.data != "binary")
    throw Error(file + ": unknown PCD DATA '" + h.data + "' (expected ascii or binary)");
  if (h.points == 0)
    throw Error(file + " has no points (POINTS 0)");

  // Dims: x, y, z first (the voxelizer's convention), then every other field in file order.
  PointCloud cloud;
  std::vector<Column> cols;
  for (const char *axis : {"x", "y", "z"}) {
    size_t i = 0;
    while (i < h.fields.size() && h.fields[i].name != axis)
      ++i;
    if (i == h.fields.size())
      throw Error(file + ": PCD FIELDS lack '" + axis + "' (x, y and z are required)");
    if (h.fields[i].count != 1)
      throw Error(file + ": PCD field '" + axis + "' has COUNT " +
                  std::to_string(h.fields[i].count) + ", expected 1");
    cols.push_back({i, 0, -1});
    cloud.fields.push_back(axis);
  }
  for (size_t i = 0; i < h.fields.size(); ++i) {
    const PcdField &f = h.fields[i];
    if (f.name == "x" || f.name == "y" || f.name == "z" || f.name == "_")
      continue;
    if ((f.name == "rgb" || f.name == "rgba") && f.size == 4 && f.count == 1) {
      for (auto [shift, name] : {std::pair{16, "r"}, std::pair{8, "g"}, std::pair{0, "b"}}) {
        cols.push_back({i, 0, shift});
        cloud.fields.push_back(name);
      }
      continue;
    }
    for (int e = 0; e < f.count; ++e) {
      cols.push_back({i, e, -1});
      cloud.fields.push_back(f.count == 1 ? f.name : f.name + std::to_string(e));
    }
  }
  cloud.pointDims = int(cols.size());
  cloud.numPoints = h.points;
  cloud.data.resize(size_t(h.points) * cols.size());
  float *out = cloud.data.data();

  if (h.data == "binary") {
    const size_t found = bytes.size() - h.dataStart;
    const uint64_t want = uint64_t(h.points) * h.recordBytes;
    const std::string need = "POINTS " + std::to_string(h.points) + " x " +
                             std::to_string(h.recordBytes) + "-byte records need " +
                             std::to_string(want) + " bytes after the header";
    if (found < want)
      throw Error(file + ": truncated PCD: " + need + ", found " + std::to_string(found));
    if (found > want)
      throw Error(file + ": PCD header and data disagree: " + need + ", found " +
                  std::to_string(found));
    for (int64_t p = 0; p < h.points; ++p) {
      const char *rec = bytes.data() + h.dataStart + size_t(p) * h.recordBytes;
      for (const Column &c : cols) {
        const PcdField &f = h.fields[c.field];
        const char *v = rec + f.byteOffset + size_t(c.elem) * size_t(f.size);
        *out++ = c.packedShift >= 0 ? float((packedBits(v) >> c.packedShift) & 0xffu)
                                    : float(binaryValue(v, f.type, f.size));
      }
    }
    return cloud;
  }

  // ASCII: one point per non-empty line; PCL writes "nan" for invalid points (strtod reads it).
  int64_t p = 0;
  size_t pos = h.dataStart;
  int lineNo = h.dataLine;
  std::vector<std::string> words;
  while (pos < bytes.size()) {
    size_t end = bytes.find('\n', pos);
    if (end == std::string::npos)
      end = bytes.size();
    words = splitWords(bytes.substr(pos, end - pos));
    pos = end + 1;
    ++lineNo;
    if (words.empty())
      continue;
    const std::string where = file + " line " + std::to_string(lineNo);
    if (p == h.points)
      throw Error(where + ": more point lines than POINTS " + std::to_string(h.points));
    if (words.size() != h.recordValues)
      throw Error(where + " has " + std::to_string(words.size()) + " values, FIELDS/COUNT give " +
                  std::to_string(h.recordValues));
    for (const Column &c : cols) {
      const PcdField &f = h.fields[c.field];
      const std::string &word = words[f.valueOffset + size_t(c.elem)];
      bool ok = false;
      if (c.packedShift >= 0) {
        *out++ = float((packedBitsAscii(word, f.type, &ok) >> c.packedShift) & 0xffu);
      } else {
        char *e = nullptr;
        *out++ = std::strtof(word.c_str(), &e);
        ok = *e == '\0';
      }
      if (!ok)
        throw Error(where + ": '" + word + "' is not a number");
    }
    ++p;
  }
  if (p < h.points)
    throw Error(file + ": truncated PCD: POINTS " + std::to_string(h.points) +
                " but the ascii data has " + std::to_string(p) + " point lines");
  return cloud;
}

} // namespace sconv::rt
