// Output shapes and kernel-index decoding for sparse convolutions (OPERATORS.md formulas).
#include "runtime/ConvGeometry.h"

#include <string>

namespace sconv::rt {

static const char *axisName(int a) { return a == 0 ? "z" : a == 1 ? "y" : "x"; }

static std::string int3Text(const Int3 &v) {
  return "(" + std::to_string(v[0]) + ", " + std::to_string(v[1]) + ", " + std::to_string(v[2]) +
         ")";
}

static int64_t floorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

Int3 ConvGeometry::outputShape(const Int3 &in) const {
  for (int a = 0; a < 3; ++a)
    if (in[a] <= 0)
      throw Error("conv input shape " + int3Text(in) + " must be positive");
  if (kind == ConvKind::Submanifold)
    return in;
  Int3 out;
  for (int a = 0; a < 3; ++a) {
    int64_t num = int64_t(in[a]) + 2 * int64_t(padding[a]) -
                  int64_t(dilation[a]) * (kernel[a] - 1) - 1;
    int64_t n = floorDiv(num, stride[a]) + 1;
    if (n <= 0)
      throw Error(std::string("conv output extent along ") + axisName(a) + " is " +
                  std::to_string(n) + " (input " + std::to_string(in[a]) + ", kernel " +
                  std::to_string(kernel[a]) + ", stride " + std::to_string(stride[a]) +
                  ", padding " + std::to_string(padding[a]) + ", dilation " +
                  std::to_string(dilation[a]) + "): the kernel does not fit");
    if (n > INT32_MAX)
      throw Error(std::string("conv output extent along ") + axisName(a) + " overflows int32");
    out[a] = int32_t(n);
  }
  return out;
}

void ConvGeometry::validate() const {
  if (kind != ConvKind::Submanifold && kind != ConvKind::Regular)
    throw Error("conv geometry: unknown kind " + std::to_string(int(kind)));
  for (int a = 0; a < 3; ++a) {
    if (kernel[a] <= 0)
      throw Error("conv geometry: kernel " + int3Text(kernel) + " must be positive");
    if (stride[a] <= 0)
      throw Error("conv geometry: stride " + int3Text(stride) + " must be positive");
    if (dilation[a] <= 0)
      throw Error("conv geometry: dilation " + int3Text(dilation) + " must be positive");
    if (padding[a] < 0)
      throw Error("conv geometry: padding " + int3Text(padding) + " must be non-negative");
  }
  if (kind == ConvKind::Submanifold) {
    for (int a = 0; a < 3; ++a) {
      if (kernel[a] % 2 == 0)
        throw Error("conv geometry: submanifold conv needs an odd kernel, got " + int3Text(kernel));
      if (stride[a] != 1)
        throw Error("conv geometry: submanifold conv needs stride 1, got " + int3Text(stride));
    }
  }
}

Int3 kernelPosition(const ConvGeometry &g, int64_t k) {
  if (k < 0 || k >= g.volume())
    throw Error("kernel index " + std::to_string(k) + " outside [0, " +
                std::to_string(g.volume()) + ")");
  Int3 pos;
  pos[2] = int32_t(k % g.kernel[2]);
  pos[1] = int32_t((k / g.kernel[2]) % g.kernel[1]);
  pos[0] = int32_t(k / (int64_t(g.kernel[2]) * g.kernel[1]));
  return pos;
}

Int3 kernelOffset(const ConvGeometry &g, int64_t k) {
  Int3 off = kernelPosition(g, k);
  for (int a = 0; a < 3; ++a)
    if (g.kernel[a] % 2 == 1)
      off[a] -= g.kernel[a] / 2;
  return off;
}

} // namespace sconv::rt
