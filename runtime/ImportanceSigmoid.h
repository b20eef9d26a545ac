// The sigmoid of SPS-Conv's scale_by_importance, defined as one fixed sequence of IEEE double
// operations so that the CPU (runtime/SiteOps.cpp) and the GPU (runtime/cuda/kernels/TensorOps.cu)
// compute the same bits.
//
// Why not std::exp: the CPU's expf is the C library's (its bits depend on the library version and
// on which FMA variant it picks at load time) and the GPU has no such function at all. With the
// factors computed by one definition on both sides, the GPU computes them where the importance is
// (no download per SPS layer) and a captured frame (runtime/FrameGraph.h) needs no host step.
//
// exp(x) is computed in double: x = k ln2 + r (Cody-Waite, k = floor(x / ln2 + 1/2), the
// high part of ln2 short enough that k * kLn2Hi is exact), e^r by its Taylor series to degree 12
// (|r| <= 0.35: truncation below 1e-14), times 2^k built from bits. 1 / (1 + e) is then rounded to
// float once: the result is the correctly rounded float sigmoid except within ~1e-14 of a rounding
// boundary, far inside the tolerance any reference allows.
//
// Every multiply and add is a separate rounding: on the device through NVVM's _rn intrinsics
// (clang contracts a * b + c into an FMA in CUDA code by default); on the host the including
// translation units are compiled with -ffp-contract=off (runtime/CMakeLists.txt, and the test
// emulator's in test/unit/CMakeLists.txt).
#pragma once

#if defined(__CUDA__) && defined(__CUDA_ARCH__)
#define SCONV_SIGMOID_FN static __attribute__((device)) inline
#else
#define SCONV_SIGMOID_FN static inline
#endif

namespace sconv::sigmoid_detail {

#if defined(__CUDA__) && defined(__CUDA_ARCH__)
SCONV_SIGMOID_FN double add(double a, double b) { return __nvvm_add_rn_d(a, b); }
SCONV_SIGMOID_FN double mul(double a, double b) { return __nvvm_mul_rn_d(a, b); }
SCONV_SIGMOID_FN double div(double a, double b) { return __nvvm_div_rn_d(a, b); }
#else
SCONV_SIGMOID_FN double add(double a, double b) { return a + b; }
SCONV_SIGMOID_FN double mul(double a, double b) { return a * b; }
SCONV_SIGMOID_FN double div(double a, double b) { return a / b; }
#endif

/// e^x for -40 <= x <= 110 (the caller's range).
SCONV_SIGMOID_FN double expInRange(double x) {
  constexpr double kInvLn2 = 1.4426950408889634074;
  // ln 2 split so that kLn2Hi has 21 trailing zero bits: k * kLn2Hi is exact for |k| < 2^21.
  constexpr double kLn2Hi = 6.93147180369123816490e-01;
  constexpr double kLn2Lo = 1.90821492927058770002e-10;
  const double k = __builtin_floor(add(mul(x, kInvLn2), 0.5));
  const double r = add(add(x, -mul(k, kLn2Hi)), -mul(k, kLn2Lo));
  // Taylor series of e^r, Horner form, from the degree-12 term down.
  double p = 1.0 / 479001600.0; // 1/12!
  constexpr double kInvFactorial[12] = {
      1.0 / 39916800.0, 1.0 / 3628800.0, 1.0 / 362880.0, 1.0 / 40320.0,
      1.0 / 5040.0,     1.0 / 720.0,     1.0 / 120.0,    1.0 / 24.0,
      1.0 / 6.0,        1.0 / 2.0,       1.0,            1.0}; // 1/11! .. 1/0!
  for (double c : kInvFactorial)
    p = add(mul(p, r), c);
  // 2^k from its bits (|k| <= 160: a normal double).
  const unsigned long long bits = (unsigned long long)((long long)k + 1023) << 52;
  return mul(p, __builtin_bit_cast(double, bits));
}

} // namespace sconv::sigmoid_detail

namespace sconv {

/// 1 / (1 + e^-m) rounded to float; NaN for NaN, 0 for -inf, 1 for +inf.
SCONV_SIGMOID_FN float importanceSigmoid(float m) {
  if (m != m)
    return m;
  const double x = -double(m);
  if (x > 110.0) // 1 / (1 + e^110) < 2^-158: below the least float
    return 0.0f;
  if (x < -40.0) // 1 - e^-40 rounds to 1.0f
    return 1.0f;
  using namespace sigmoid_detail;
  return float(div(1.0, add(1.0, expInRange(x))));
}

} // namespace sconv

#undef SCONV_SIGMOID_FN
