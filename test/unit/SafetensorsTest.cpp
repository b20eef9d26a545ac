// safetensors: round trip through our writer and reader, the dtypes converted on reading
// (hand-built files with known bit patterns), and one test per malformed-file error.
#include "runtime/Safetensors.h"
#include "test/unit/IoTestUtil.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

using namespace sconv;
using iotest::bytesOf;
using iotest::errorOf;
using iotest::TempPath;
using rt::TensorData;

namespace {

/// A safetensors file from a header text and the byte buffer.
std::string fileOf(const std::string &header, const std::string &data) {
  return bytesOf(uint64_t(header.size())) + header + data;
}

/// The error reading a hand-built file with this header and byte buffer.
std::string readError(const std::string &header, const std::string &data) {
  TempPath f(".safetensors", fileOf(header, data));
  return errorOf([&] { rt::readSafetensors(f.path()); });
}

#define EXPECT_CONTAINS(text, part)                                                                \
  EXPECT_NE(std::string(text).find(part), std::string::npos) << "message: " << (text)

TEST(Safetensors, RoundTrip) {
  std::map<std::string, TensorData> in;
  in["conv1.weight"] = {{2, 3}, {0, 1, 2, 3, 4, 5}};
  in["bn.bias"] = {{4}, {-1.5f, 0.25f, 1e-30f, 3e30f}};
  in["scalar"] = {{}, {42.f}};
  in["empty"] = {{0, 5}, {}};
  TempPath f(".safetensors");
  rt::writeSafetensors(f.path(), in, {{"format", "pt"}, {"note", "test"}});

  std::map<std::string, std::string> meta;
  const std::map<std::string, TensorData> out = rt::readSafetensors(f.path(), &meta);
  ASSERT_EQ(out.size(), in.size());
  for (const auto &[name, t] : in) {
    ASSERT_TRUE(out.count(name)) << name;
    EXPECT_EQ(out.at(name).shape, t.shape) << name;
    EXPECT_EQ(out.at(name).values, t.values) << name;
  }
  EXPECT_EQ(meta.at("format"), "pt");
  EXPECT_EQ(meta.at("note"), "test");

  // The byte buffer starts 8-byte aligned, as the reference writer leaves it.
  std::ifstream raw(f.path(), std::ios::binary);
  uint64_t headerLen = 0;
  raw.read(reinterpret_cast<char *>(&headerLen), 8);
  EXPECT_EQ(headerLen % 8, 0u);
}

TEST(Safetensors, ConvertsOtherDtypesToFloat) {
  // F16: 1, -2, 0.5, 65504 (max), 2^-24 (smallest subnormal), +inf.
  const std::vector<uint16_t> f16 = {0x3C00, 0xC000, 0x3800, 0x7BFF, 0x0001, 0x7C00};
  // BF16: 1, -3, 2^-126 (smallest normal).
  const std::vector<uint16_t> bf16 = {0x3F80, 0xC040, 0x0080};
  const std::vector<double> f64 = {1.5, -1e-3};
  const std::vector<int64_t> i64 = {7, -3};
  const std::vector<uint8_t> boolean = {1, 0};
  const std::string data =
      bytesOf(f16) + bytesOf(bf16) + bytesOf(f64) + bytesOf(i64) + bytesOf(boolean);
  const std::string header = R"({"h":{"dtype":"F16","shape":[2,3],"data_offsets":[0,12]},)"
                             R"("b":{"dtype":"BF16","shape":[3],"data_offsets":[12,18]},)"
                             R"("d":{"dtype":"F64","shape":[2],"data_offsets":[18,34]},)"
                             R"("n":{"dtype":"I64","shape":[2],"data_offsets":[34,50]},)"
                             R"("t":{"dtype":"BOOL","shape":[2],"data_offsets":[50,52]}})";
  TempPath f(".safetensors", fileOf(header, data));
  const auto t = rt::readSafetensors(f.path());
  EXPECT_EQ(t.at("h").shape, (std::vector<int64_t>{2, 3}));
  const std::vector<float> &h = t.at("h").values;
  EXPECT_EQ(h[0], 1.f);
  EXPECT_EQ(h[1], -2.f);
  EXPECT_EQ(h[2], 0.5f);
  EXPECT_EQ(h[3], 65504.f);
  EXPECT_EQ(h[4], std::ldexp(1.f, -24));
  EXPECT_TRUE(std::isinf(h[5]) && h[5] > 0);
  EXPECT_EQ(t.at("b").values, (std::vector<float>{1.f, -3.f, std::ldexp(1.f, -126)}));
  EXPECT_EQ(t.at("d").values, (std::vector<float>{1.5f, -1e-3f}));
  EXPECT_EQ(t.at("n").values, (std::vector<float>{7.f, -3.f}));
  EXPECT_EQ(t.at("t").values, (std::vector<float>{1.f, 0.f}));
}

TEST(Safetensors, MissingAndShortFiles) {
  const std::string missing = "no-such-dir/weights.safetensors";
  const std::string msg = errorOf([&] { rt::readSafetensors(missing); });
  EXPECT_CONTAINS(msg, "cannot open safetensors file '" + missing + "'");

  TempPath shortFile(".safetensors", "abc");
  EXPECT_CONTAINS(errorOf([&] { rt::readSafetensors(shortFile.path()); }),
                  "3 bytes is shorter than the 8-byte header length");
}

TEST(Safetensors, HeaderLengthPastTheEnd) {
  TempPath f(".safetensors", bytesOf(uint64_t(1000)) + "{}");
  EXPECT_CONTAINS(errorOf([&] { rt::readSafetensors(f.path()); }),
                  "header length 1000 runs past the end of the file (10 bytes)");
}

TEST(Safetensors, MalformedJson) {
  EXPECT_CONTAINS(readError(R"({"a": {"dtype": "F32",)", ""), "malformed JSON header");
  EXPECT_CONTAINS(readError("[1, 2]", ""), "JSON header that is not an object");
  EXPECT_CONTAINS(readError(R"({"a": 3})", ""), "tensor 'a' is not a JSON object");
  EXPECT_CONTAINS(readError(R"({"a": {"shape": [1], "data_offsets": [0, 4]}})", bytesOf(1.f)),
                  "tensor 'a' has no \"dtype\"");
  EXPECT_CONTAINS(readError(R"({"a": {"dtype": "F32", "data_offsets": [0, 4]}})", bytesOf(1.f)),
                  "tensor 'a' has no \"shape\"");
  EXPECT_CONTAINS(readError(R"({"a": {"dtype": "F32", "shape": [1]}})", bytesOf(1.f)),
                  "tensor 'a' has no \"data_offsets\"");
  EXPECT_CONTAINS(
      readError(R"({"a": {"dtype": "F32", "shape": [-1], "data_offsets": [0, 4]}})", ""),
      "shape entry that is not a non-negative integer");
  EXPECT_CONTAINS(readError(R"({"__metadata__": {"k": 1}})", ""),
                  "\"__metadata__\" entry 'k' is not a string");
}

TEST(Safetensors, UnknownDtype) {
  const std::string msg =
      readError(R"({"w": {"dtype": "Q4", "shape": [1], "data_offsets": [0, 1]}})", "x");
  EXPECT_CONTAINS(msg, "tensor 'w' has unknown dtype 'Q4'");
  EXPECT_CONTAINS(msg, "F32, F16, BF16");
}

TEST(Safetensors, OffsetsOutOfRange) {
  EXPECT_CONTAINS(
      readError(R"({"w": {"dtype": "F32", "shape": [100], "data_offsets": [0, 400]}})",
                bytesOf(std::vector<float>{1, 2})),
      "data_offsets [0, 400] past the end of the byte buffer (8 bytes after the header)");
  EXPECT_CONTAINS(
      readError(R"({"w": {"dtype": "F32", "shape": [1], "data_offsets": [-8, -4]}})", ""),
      "into the header");
  EXPECT_CONTAINS(
      readError(R"({"w": {"dtype": "F32", "shape": [0], "data_offsets": [4, 0]}})", bytesOf(1.f)),
      "end before they begin");
}

TEST(Safetensors, OverlappingTensors) {
  EXPECT_CONTAINS(readError(R"({"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]},)"
                            R"( "b": {"dtype": "F32", "shape": [2], "data_offsets": [4, 12]}})",
                            bytesOf(std::vector<float>{1, 2, 3})),
                  "tensors 'a' and 'b' have overlapping data_offsets");
}

TEST(Safetensors, ShapeAndSizeDisagree) {
  EXPECT_CONTAINS(readError(R"({"w": {"dtype": "F32", "shape": [3], "data_offsets": [0, 8]}})",
                            bytesOf(std::vector<float>{1, 2})),
                  "tensor 'w' has shape [3] of F32 (12 bytes) but data_offsets [0, 8] hold 8 "
                  "bytes");
}

TEST(Safetensors, WriteErrors) {
  TempPath f(".safetensors");
  EXPECT_CONTAINS(errorOf([&] {
                    rt::writeSafetensors(f.path(), {{"w", {{2, 2}, {1, 2, 3}}}});
                  }),
                  "tensor 'w' has shape [2, 2] (4 values) but holds 3 values");
  EXPECT_CONTAINS(errorOf([&] {
                    rt::writeSafetensors(f.path(), {{"__metadata__", {{1}, {1}}}});
                  }),
                  "cannot write a tensor named '__metadata__'");
  EXPECT_CONTAINS(errorOf([&] {
                    rt::writeSafetensors("no-such-dir/out.safetensors", {{"w", {{1}, {1}}}});
                  }),
                  "cannot write safetensors file 'no-such-dir/out.safetensors'");
}

} // namespace
