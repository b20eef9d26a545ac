// Point files beyond raw records: PCD (ascii and binary, field order, packed rgb, COUNT, padding),
// NumPy .npy (float32/float64, header versions), format detection on synthetic and real files,
// and the errors for truncated or malformed files.
#include "runtime/PointCloud.h"
#include "test/unit/IoTestUtil.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace sconv;
using iotest::bytesOf;
using iotest::errorOf;
using iotest::TempPath;
using rt::PointCloud;
using rt::PointFormat;

namespace {

#define EXPECT_CONTAINS(text, part)                                                                \
  EXPECT_NE(std::string(text).find(part), std::string::npos) << "message: " << (text)

std::string pcdHeader(const std::string &fields, const std::string &size, const std::string &type,
                      const std::string &count, int points, const std::string &data) {
  return "# .PCD v0.7 - Point Cloud Data file format\nVERSION 0.7\nFIELDS " + fields + "\nSIZE " +
         size + "\nTYPE " + type + "\nCOUNT " + count + "\nWIDTH " + std::to_string(points) +
         "\nHEIGHT 1\nVIEWPOINT 0 0 0 1 0 0 0\nPOINTS " + std::to_string(points) + "\nDATA " +
         data + "\n";
}

/// x y z intensity, all float32, 3 points.
std::string xyziHeader(const std::string &data, int points = 3) {
  return pcdHeader("x y z intensity", "4 4 4 4", "F F F F", "1 1 1 1", points, data);
}

std::string pcdError(const std::string &bytes) {
  TempPath f(".pcd", bytes);
  return errorOf([&] { rt::readPcd(f.path()); });
}

/// A .npy file: header dict padded to a multiple of 64 bytes, as numpy writes it.
std::string npyOf(const std::string &descr, const std::string &shape, const std::string &data,
                  bool fortran = false, int version = 1) {
  std::string dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") +
                     ", 'shape': " + shape + ", }";
  const size_t preamble = version == 1 ? 10 : 12;
  dict.append(63 - (preamble + dict.size()) % 64, ' ');
  dict += '\n';
  std::string out = std::string("\x93NUMPY", 6) + char(version) + char(0);
  out += version == 1 ? bytesOf(uint16_t(dict.size())) : bytesOf(uint32_t(dict.size()));
  return out + dict + data;
}

std::string npyError(const std::string &bytes) {
  TempPath f(".npy", bytes);
  return errorOf([&] { rt::readNpy(f.path()); });
}

TEST(PointFormats, Names) {
  for (PointFormat f : {PointFormat::Kitti, PointFormat::NuScenes, PointFormat::XyzRgb,
                        PointFormat::Pcd, PointFormat::Npy, PointFormat::Auto})
    EXPECT_EQ(rt::parsePointFormat(rt::pointFormatName(f)), f);
  EXPECT_EQ(rt::pointDims(PointFormat::Pcd), 0);
  EXPECT_EQ(rt::pointDims(PointFormat::Auto), 0);
  EXPECT_CONTAINS(
      errorOf([] { rt::parsePointFormat("ply"); }),
      "unknown point format 'ply' (expected auto, kitti, nuscenes, xyzrgb, pcd or npy)");
}

TEST(Pcd, AsciiPutsXyzFirst) {
  TempPath f(".pcd", pcdHeader("intensity x y z", "4 4 4 4", "F F F F", "1 1 1 1", 3, "ascii") +
                         "0.5 1 2 3\n0.25 4 5 6\r\n\nnan 7 8 9\n");
  const PointCloud c = rt::readPcd(f.path());
  ASSERT_EQ(c.numPoints, 3);
  ASSERT_EQ(c.pointDims, 4);
  EXPECT_EQ(c.fields, (std::vector<std::string>{"x", "y", "z", "intensity"}));
  EXPECT_EQ(std::vector<float>(c.data.begin(), c.data.begin() + 8),
            (std::vector<float>{1, 2, 3, 0.5f, 4, 5, 6, 0.25f}));
  EXPECT_EQ(c.point(2)[0], 7.f);
  EXPECT_TRUE(std::isnan(c.point(2)[3])) << "PCL writes invalid points as nan";
  EXPECT_EQ(rt::rawLayoutOf(c), PointFormat::Kitti);
}

TEST(Pcd, AsciiCountAndPaddingFields) {
  TempPath f(".pcd",
             pcdHeader("x y z normal _", "4 4 4 4 1", "F F F F U", "1 1 1 3 2", 1, "ascii") +
                 "1 2 3 0.1 0.2 0.3 0 0\n");
  const PointCloud c = rt::readPcd(f.path());
  EXPECT_EQ(c.fields, (std::vector<std::string>{"x", "y", "z", "normal0", "normal1", "normal2"}));
  EXPECT_EQ(c.data, (std::vector<float>{1, 2, 3, 0.1f, 0.2f, 0.3f}));
  EXPECT_CONTAINS(errorOf([&] { rt::rawLayoutOf(c); }), "6 dims (x y z normal0 normal1 normal2)");
}

TEST(Pcd, BinaryWithPackedRgbAndIntegers) {
  // Records: x y z (float32), rgb (packed in a float's bits), ring (uint16) = 18 bytes.
  std::string data;
  const uint32_t rgbBits[2] = {0x00FF8001u, 0x00102030u};
  for (int p = 0; p < 2; ++p) {
    data += bytesOf(std::vector<float>{float(p) + 0.5f, -1.f, 2.f});
    float rgb;
    std::memcpy(&rgb, &rgbBits[p], 4);
    data += bytesOf(rgb) + bytesOf(uint16_t(7 + p));
  }
  TempPath f(".pcd",
             pcdHeader("x y z rgb ring", "4 4 4 4 2", "F F F F U", "1 1 1 1 1", 2, "binary") +
                 data);
  const PointCloud c = rt::readPcd(f.path());
  EXPECT_EQ(c.fields, (std::vector<std::string>{"x", "y", "z", "r", "g", "b", "ring"}));
  EXPECT_EQ(c.data, (std::vector<float>{0.5f, -1, 2, 255, 128, 1, 7, //
                                        1.5f, -1, 2, 16, 32, 48, 8}));
}

TEST(Pcd, BinaryDoublesAndSignedIntegers) {
  std::string data = bytesOf(std::vector<double>{1.25, -2.5, 3.75}) + bytesOf(int16_t(-3));
  TempPath f(".pcd", pcdHeader("x y z t", "8 8 8 2", "F F F I", "1 1 1 1", 1, "binary") + data);
  EXPECT_EQ(rt::readPcd(f.path()).data, (std::vector<float>{1.25f, -2.5f, 3.75f, -3.f}));
}

TEST(Pcd, PackedRgbInAscii) {
  // PCL prints a TYPE F rgb as the float whose bits hold the colour; TYPE U as the integer.
  float rgb;
  const uint32_t bits = 0x00FF8001u;
  std::memcpy(&rgb, &bits, 4);
  char text[64];
  std::snprintf(text, sizeof text, "%.9g", double(rgb));
  TempPath f(".pcd",
             pcdHeader("x y z rgb rgba", "4 4 4 4 4", "F F F F U", "1 1 1 1 1", 1, "ascii") +
                 "0 0 0 " + text + " " + std::to_string(0x00102030u) + "\n");
  EXPECT_EQ(rt::readPcd(f.path()).data, (std::vector<float>{0, 0, 0, 255, 128, 1, 16, 32, 48}));
}

TEST(Pcd, TruncatedAndOverlongBinary) {
  const std::string full = bytesOf(std::vector<float>(12, 1.f)); // 3 points x 16 bytes
  EXPECT_CONTAINS(pcdError(xyziHeader("binary") + full.substr(0, 40)),
                  "truncated PCD: POINTS 3 x 16-byte records need 48 bytes after the header, "
                  "found 40");
  EXPECT_CONTAINS(pcdError(xyziHeader("binary") + full + "xxxx"),
                  "PCD header and data disagree: POINTS 3 x 16-byte records need 48 bytes after "
                  "the header, found 52");
}

TEST(Pcd, TruncatedAndMalformedAscii) {
  EXPECT_CONTAINS(pcdError(xyziHeader("ascii") + "1 2 3 4\n5 6 7 8\n"),
                  "truncated PCD: POINTS 3 but the ascii data has 2 point lines");
  EXPECT_CONTAINS(pcdError(xyziHeader("ascii") + "1 2 3 4\n5 6 7\n"),
                  "line 13 has 3 values, FIELDS/COUNT give 4");
  EXPECT_CONTAINS(pcdError(xyziHeader("ascii") + "1 2 3 abc\n"), "'abc' is not a number");
  EXPECT_CONTAINS(pcdError(xyziHeader("ascii", 1) + "1 2 3 4\n5 6 7 8\n"),
                  "more point lines than POINTS 1");
}

TEST(Pcd, HeaderErrors) {
  EXPECT_CONTAINS(pcdError(xyziHeader("binary_compressed") + "xxxx"),
                  "DATA binary_compressed (LZF-compressed) PCD is not supported");
  EXPECT_CONTAINS(pcdError(xyziHeader("zip")), "unknown PCD DATA 'zip'");
  EXPECT_CONTAINS(pcdError(pcdHeader("x y intensity", "4 4 4", "F F F", "1 1 1", 1, "ascii")),
                  "PCD FIELDS lack 'z'");
  EXPECT_CONTAINS(pcdError("VERSION 0.7\nFIELDS x y z\nSIZE 4 4 4\n"), "has no DATA line");
  EXPECT_CONTAINS(pcdError("VERSION 0.7\nCOLOR red\nDATA ascii\n"),
                  "line 2: unknown PCD header keyword 'COLOR'");
  EXPECT_CONTAINS(pcdError(pcdHeader("x y z", "4 4", "F F F", "1 1 1", 1, "ascii")),
                  "FIELDS names 3 fields but SIZE gives 2 and TYPE 3");
  EXPECT_CONTAINS(pcdError(pcdHeader("x y z", "4 4 2", "F F F", "1 1 1", 1, "ascii")),
                  "field 'z' has TYPE F SIZE 2");
  EXPECT_CONTAINS(pcdError(pcdHeader("x y z", "4 4 4", "F F F", "1 1 1", 0, "ascii")),
                  "has no points (POINTS 0)");
  EXPECT_CONTAINS(pcdError("FIELDS x y z\nSIZE 4 4 4\nTYPE F F F\nWIDTH 4\nHEIGHT 2\nPOINTS 5\n"
                           "DATA ascii\n"),
                  "WIDTH x HEIGHT = 4 x 2 disagrees with POINTS 5");
  EXPECT_CONTAINS(pcdError("FIELDS x y z\nSIZE 4 4 4\nTYPE F F F\nWIDTH three\nDATA ascii\n"),
                  "'three' is not a whole number");
  EXPECT_CONTAINS(pcdError(""), "is empty");
}

TEST(Npy, Float32AndFloat64) {
  const std::vector<float> v = {1, 2, 3, 0.5f, -4, 5, -6, 0.25f};
  TempPath a(".npy", npyOf("<f4", "(2, 4)", bytesOf(v)));
  const PointCloud c = rt::readNpy(a.path());
  EXPECT_EQ(c.numPoints, 2);
  EXPECT_EQ(c.pointDims, 4);
  EXPECT_EQ(c.data, v);
  EXPECT_TRUE(c.fields.empty());
  EXPECT_EQ(rt::rawLayoutOf(c), PointFormat::Kitti);

  const std::vector<double> d = {1.5, -2.25, 3, 4, 5, 6};
  TempPath b(".npy", npyOf("<f8", "(1, 6)", bytesOf(d), false, 2));
  const PointCloud e = rt::readNpy(b.path());
  EXPECT_EQ(e.data, (std::vector<float>{1.5f, -2.25f, 3, 4, 5, 6}));
  EXPECT_EQ(rt::rawLayoutOf(e), PointFormat::XyzRgb);
}

TEST(Npy, Errors) {
  const std::string data = bytesOf(std::vector<float>(8, 1.f));
  EXPECT_CONTAINS(npyError(npyOf("<f4", "(2, 4)", data.substr(0, 28))),
                  "is truncated: shape (2, 4) of <f4 needs 32 bytes of data, found 28");
  EXPECT_CONTAINS(npyError(npyOf("<f4", "(2, 4)", data + "xx")),
                  ".npy header and data disagree: shape (2, 4) of <f4 needs 32 bytes of data, "
                  "found 34");
  EXPECT_CONTAINS(npyError(npyOf("<f4", "(2, 4)", data, true)), "is in Fortran order");
  EXPECT_CONTAINS(npyError(npyOf(">f4", "(2, 4)", data)), "holds dtype '>f4'");
  EXPECT_CONTAINS(npyError(npyOf("<i4", "(2, 4)", data)), "holds dtype '<i4'");
  EXPECT_CONTAINS(npyError(npyOf("<f4", "(8,)", data)),
                  "has shape (8,); a point array must be 2-D");
  EXPECT_CONTAINS(npyError(npyOf("<f4", "(4, 2)", data)), "has shape (4, 2)");
  EXPECT_CONTAINS(npyError(npyOf("<f4", "(0, 4)", "")), "has no points");
  EXPECT_CONTAINS(npyError("not numpy at all"), "is not a .npy file");
  EXPECT_CONTAINS(npyError(npyOf("<f4", "(2, 4)", data).substr(0, 40)),
                  "the .npy header needs 128 bytes, the file has 40");
}

/// Raw records of `dims` floats.
std::string raw(const std::vector<float> &v) { return bytesOf(v); }

TEST(Detect, ByMagic) {
  TempPath npy(".bin", npyOf("<f4", "(1, 4)", raw({1, 2, 3, 4})));
  EXPECT_EQ(rt::detectPointFormat(npy.path()), PointFormat::Npy);
  TempPath pcd(".txt", xyziHeader("ascii", 1) + "1 2 3 4\n");
  EXPECT_EQ(rt::detectPointFormat(pcd.path()), PointFormat::Pcd);
  TempPath bare(".pcd", "VERSION .7\nFIELDS x y z\nSIZE 4 4 4\nTYPE F F F\nPOINTS 1\nDATA ascii\n"
                        "1 2 3\n");
  EXPECT_EQ(rt::detectPointFormat(bare.path()), PointFormat::Pcd);
  const PointCloud c = rt::readPointCloud(bare.path(), PointFormat::Auto);
  EXPECT_EQ(c.data, (std::vector<float>{1, 2, 3}));
}

TEST(Detect, RawBinBySizeAndValues) {
  // 3 KITTI points = 48 bytes: also two xyzrgb records, whose "colours" would be coordinates.
  TempPath kitti(".bin", raw({-10.5f, 3.25f, -1.7f, 0.3f, 20.1f, -5.2f, -1.6f, 0.99f, //
                              5.5f, 1.5f, 0.2f, 0.f}));
  EXPECT_EQ(rt::detectPointFormat(kitti.path()), PointFormat::Kitti);
  // 4 nuScenes points = 80 bytes: also five KITTI records.
  TempPath nus(".BIN", raw({-3.1f, 4.2f,  -1.8f, 12, 5, 10.5f,  -7.25f, -1.7f, 200, 31, //
                            0.5f,  0.25f, 1.5f,  0,  0, -20.2f, 8.8f,   -1.1f, 3,   17}));
  EXPECT_EQ(rt::detectPointFormat(nus.path()), PointFormat::NuScenes);
  // 2 xyzrgb points = 48 bytes: also three KITTI records.
  TempPath rgb(".bin", raw({1.25f, 2.5f, 0.75f, 255, 128, 0, 3.5f, 1.125f, 2.25f, 10, 20, 30}));
  EXPECT_EQ(rt::detectPointFormat(rgb.path()), PointFormat::XyzRgb);
  // 20 bytes fits only one nuScenes point.
  TempPath one(".bin", raw({1, 2, 3, 4, 5}));
  EXPECT_EQ(rt::detectPointFormat(one.path()), PointFormat::NuScenes);
}

TEST(Detect, AmbiguousOrUnfitRawFilesAskForFormat) {
  TempPath zeros(".bin", std::string(48, '\0'));
  const std::string both = errorOf([&] { rt::detectPointFormat(zeros.path()); });
  EXPECT_CONTAINS(
      both, "48 bytes fits kitti or xyzrgb records, and its values fit kitti and xyzrgb alike");
  EXPECT_CONTAINS(both, "give --format");

  TempPath none(".bin", raw({1, 2, 3, -5}));
  EXPECT_CONTAINS(errorOf([&] { rt::detectPointFormat(none.path()); }),
                  "16 bytes fits kitti records, but its values fit none");

  TempPath ext(".xyz", raw({1, 2, 3, 0.5f}));
  EXPECT_CONTAINS(errorOf([&] { rt::detectPointFormat(ext.path()); }),
                  "only .bin files are taken as raw float32 points: give --format");
}

TEST(Detect, TruncatedEmptyAndMissing) {
  TempPath t(".bin", std::string(17, '\1'));
  EXPECT_CONTAINS(errorOf([&] { rt::readPointCloud(t.path(), PointFormat::Auto); }),
                  "truncated or not a raw point file: 17 bytes is not a multiple of 16 (kitti), "
                  "20 (nuscenes) or 24 (xyzrgb) bytes a point");
  EXPECT_CONTAINS(errorOf([&] { rt::readPointCloud(t.path(), PointFormat::Kitti); }),
                  "expected 16 or 32 bytes, the last point has 1 of its 16");
  TempPath e(".bin", "");
  EXPECT_CONTAINS(errorOf([&] { rt::detectPointFormat(e.path()); }), "is empty");
  EXPECT_CONTAINS(errorOf([] { rt::detectPointFormat("no-such-dir/x.bin"); }),
                  "cannot open point file 'no-such-dir/x.bin'");
}

TEST(Detect, RealFrames) {
  if (!std::filesystem::is_directory(SCONV_DATA_DIR))
    GTEST_SKIP() << "point-cloud data directory " << SCONV_DATA_DIR
                 << " is absent (it lives in ../shared/data next to the project)";
  const std::string dir = std::string(SCONV_DATA_DIR) + "/";
  for (const char *f :
       {"kitti_seq00_000000.bin", "kitti_seq00_000001.bin", "kitti_seq00_000004.bin",
        "kitti_seq00_000005.bin", "kitti_000008_front.bin"})
    EXPECT_EQ(rt::detectPointFormat(dir + f), PointFormat::Kitti) << f;
  EXPECT_EQ(rt::detectPointFormat(dir + "nuscenes_lidar_top_sweep.bin"), PointFormat::NuScenes);
  EXPECT_EQ(rt::detectPointFormat(dir + "scannet_scene0000_00.bin"), PointFormat::XyzRgb);
}

TEST(Detect, RawLayoutOfFileClouds) {
  PointCloud c;
  c.pointDims = 5;
  EXPECT_EQ(rt::rawLayoutOf(c), PointFormat::NuScenes);
  c.pointDims = 3;
  c.fields = {"x", "y", "z"};
  EXPECT_CONTAINS(errorOf([&] { rt::rawLayoutOf(c); }), "points with 3 dims (x y z) match no");
}

} // namespace
