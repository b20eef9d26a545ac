// Rounding f32 to the operand types of the tensor-core kernels (f16, bf16), as the GPU's
// cvt.rn.{f16,bf16}.f32 does: to nearest, ties to even, subnormals kept, overflow to infinity.
// Used by the float64 checks of tensor-core steps (tests, the GPU tuner) and the emulated mma.sync
// and wgmma; and decoding f16 / bf16 bits to f32 (safetensors weights, the emulated wgmma's B).
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace sconv::rt {

/// x rounded to a float with `bits` significant bits whose smallest positive (subnormal) value is
/// 2^minExp and whose largest finite value is maxFinite.
inline float roundToSignificand(float x, int bits, int minExp, float maxFinite) {
  if (!std::isfinite(x) || x == 0.0f)
    return x;
  const double a = std::fabs(double(x));
  int e;
  std::frexp(a, &e); // a = m * 2^e, m in [0.5, 1)
  const int quantumExp = std::max(e - bits, minExp);
  // a / 2^quantumExp is exact (a power-of-two scale); nearbyint rounds ties to even.
  const double r = std::nearbyint(std::ldexp(a, -quantumExp)) * std::ldexp(1.0, quantumExp);
  if (r > double(maxFinite))
    return std::copysign(INFINITY, x);
  return std::copysign(float(r), x);
}

/// f16: 11 significant bits, subnormals down to 2^-24, largest finite 65504.
inline float roundToF16(float x) { return roundToSignificand(x, 11, -24, 65504.0f); }
/// bf16: 8 significant bits, subnormals down to 2^-133, largest finite (2 - 2^-7) * 2^127.
inline float roundToBf16(float x) {
  return roundToSignificand(x, 8, -133, float(std::ldexp(255.0, 120)));
}
/// "f16", "bf16", or anything else (f32): x unchanged.
inline float roundToPrecision(float x, const std::string &precision) {
  return precision == "f16" ? roundToF16(x) : precision == "bf16" ? roundToBf16(x) : x;
}

/// v[0, n) rounded as roundToPrecision and widened to double, the operands of a float64 reference:
/// the precision name is compared once, not per element.
inline void roundToPrecision(const float *v, size_t n, const std::string &precision, double *out) {
  float (*round)(float) = precision == "f16"    ? roundToF16
                          : precision == "bf16" ? roundToBf16
                                                : [](float x) { return x; };
  for (size_t i = 0; i < n; ++i)
    out[i] = double(round(v[i]));
}
inline std::vector<double> roundToPrecision(const std::vector<float> &v,
                                            const std::string &precision) {
  std::vector<double> out(v.size());
  roundToPrecision(v.data(), v.size(), precision, out.data());
  return out;
}

// IEEE binary16 -> binary32, exact for every value (subnormals, infinities and NaN included).
inline float halfToFloat(uint16_t h) {
  const uint32_t sign = uint32_t(h & 0x8000u) << 16;
  const uint32_t exp = (h >> 10) & 0x1fu;
  const uint32_t mant = h & 0x3ffu;
  uint32_t bits;
  if (exp == 0) {
    if (mant == 0)
      bits = sign;
    else {
      const float v = std::ldexp(float(mant), -24); // subnormal: mant * 2^-24
      return sign ? -v : v;
    }
  } else if (exp == 31) {
    bits = sign | 0x7f800000u | (mant << 13);
  } else {
    bits = sign | ((exp + 112u) << 23) | (mant << 13); // rebias 15 -> 127
  }
  float f;
  std::memcpy(&f, &bits, 4);
  return f;
}

// bfloat16 is the top half of a float32.
inline float bf16ToFloat(uint16_t h) {
  const uint32_t bits = uint32_t(h) << 16;
  float f;
  std::memcpy(&f, &bits, 4);
  return f;
}

} // namespace sconv::rt
