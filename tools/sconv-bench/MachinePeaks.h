// What the machine can do, measured at start-up by two small built-in loops, so that a model's
// time can be put next to the best the same machine does on dense work:
//   - GEMM rate: our own cache-blocked single-precision GEMM loop (packed B panels, a 6 x 2-vector
//     register tile, AVX-512 / AVX2+FMA / SSE picked at run time) on all benchmark threads. It is
//     not a vendor BLAS: a tuned BLAS would reach somewhat more, so fractions of it are upper
//     estimates of how close a model gets to the machine.
//   - memory bandwidth: a STREAM-triad-like loop a[i] = b[i] + s * c[i] over arrays much larger than
//     the last-level cache, on all benchmark threads; 12 bytes per element counted (STREAM's
//     convention: the write-allocate read of `a` is not counted).
// Both report the best of several repetitions.
#pragma once
#include <cstdint>
#include <string>

namespace sconv::bench {

struct MachinePeaks {
  bool measured = false;
  int threads = 0;
  // GEMM
  double gemmGflops = 0;  // best of the repetitions, 2*n^3 / time
  std::string gemmIsa;    // "avx512f", "avx2+fma", "sse2"
  int64_t gemmN = 0;      // square matrices n x n x n
  double gemmCheckError = 0; // max relative error of sampled C elements vs a double dot product
  // triad
  double triadGBs = 0;        // best of the repetitions, 10^9 bytes per second
  int64_t triadArrayBytes = 0; // size of each of the three arrays
  std::string note; // how they were run (in a child process, or why not)
};

/// Runs both microbenchmarks on `threads` threads (<= 0: all cores) in a forked child process, so
/// their buffers do not raise the benchmark process's peak memory; falls back to running them in
/// this process when fork fails (and says so in `note`). Call before any other thread exists.
MachinePeaks measureMachinePeaks(int threads);

/// "model name" of the first processor in /proc/cpuinfo ("unknown" when absent).
std::string cpuModelName();

} // namespace sconv::bench
