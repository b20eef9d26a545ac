// How a compute step is tiled for the CPU: the knobs the tuner searches and codegen obeys.
// Codegen reads them from `tile_rows` / `tile_lanes` on `sconv.implicit_gemm`; when they are
// absent, `defaultConfig` is the documented heuristic.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace sconv {

struct KernelConfig {
  /// Output rows computed together: one weight-vector load serves all of them, so weight traffic
  /// drops by this factor (the decisive effect for wide layers, whose weights leave L1/L2).
  int64_t rows = 1;
  /// C_out lanes per accumulator vector (one LLVM vector; C_out is covered in chunks).
  int64_t lanes = 64;

  bool operator==(const KernelConfig &o) const { return rows == o.rows && lanes == o.lanes; }
  std::string str() const { return "rows=" + std::to_string(rows) + " lanes=" + std::to_string(lanes); }
};

/// Empty when valid, else why not: rows in {1, 2, 4, 8}; lanes in {4, 8, 16, 32, 64}; and
/// rows x min(lanes, C_out) accumulator floats within 256 (32 AVX2 or 16 AVX-512 registers,
/// beyond which accumulators spill to the stack on every FMA).
std::string checkConfig(const KernelConfig &c, int64_t cout);

/// The heuristic for signatures the tuning database lacks: wide layers (C_in * C_out >= 2048)
/// block 4 rows of 16 lanes to reuse weights from registers; narrow ones keep one row and the
/// whole C_out (up to 64 lanes) in one accumulator.
KernelConfig defaultConfig(int64_t cin, int64_t cout, int64_t volume);

/// Every valid configuration, the tuner's search space.
std::vector<KernelConfig> candidateConfigs(int64_t cout);

} // namespace sconv
