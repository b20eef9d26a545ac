// What sconv-bench measured, as plain data, and the three ways it is written out: a table for
// people (stdout), JSON for scripts (bench/plot_layers.py, bench/compare_spconv.py) and a per-layer
// horizontal bar chart as SVG.
#pragma once
#include "tools/sconv-bench/MachinePeaks.h"

#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <string>
#include <vector>

namespace sconv::bench {

/// Order statistics of a set of samples (percentiles interpolate linearly between order
/// statistics, as numpy.percentile does by default).
struct Spread {
  double median = 0, min = 0, p10 = 0, p90 = 0, max = 0;
  int count = 0;
};
Spread spreadOf(std::vector<double> samples);

/// One plan op, over the timed runs.
struct LayerResult {
  std::string name, kind;
  int64_t rows = 0;  // output sites (output rows of a kernel map)
  int64_t flops = 0; // useful FLOPs (OpProfile.flops)
  int64_t bytes = 0; // compulsory bytes (see the comment at opBytes in sconv-bench.cpp)
  double ms = 0;     // median over the timed runs
  double boundMs = 0; // max(flops / GEMM rate, bytes / bandwidth): the machine's lower bound
};

struct RunResult {
  std::string model, frame, backend;
  std::string status; // "ok", or why it was not run ("skipped: ...", "not built yet", "error: ...")
  // input
  std::string format, grid;
  int64_t points = 0, voxels = 0;
  int32_t shape[3] = {0, 0, 0};
  double readMs = 0;
  Spread voxelizeMs;
  // runs
  int warmup = 0, repeat = 0, threads = 0;
  Spread totalMs, mapsMs, computeMs;
  int64_t flops = 0, bytes = 0;
  double rooflineMs = 0;
  double maxrssMiB = 0;   // getrusage ru_maxrss: process-wide, since the process started
  double hwmMiB = -1;     // VmHWM after a reset before this run's warm-up; -1 when unavailable
  std::vector<LayerResult> layers;
  // output
  std::string outputDesc;
  double checksum = 0;

  double gflopPerS() const { return totalMs.median > 0 ? flops / totalMs.median * 1e-6 : 0; }
  double computeGflopPerS() const;
  double gbPerS() const { return totalMs.median > 0 ? bytes / totalMs.median * 1e-6 : 0; }
};

struct BenchReport {
  std::string date; // ISO 8601, UTC
  std::string cpuModel, kernel, weights;
  /// The GPU backend: "measured on <GPU>", or why not ("not measured: ...").
  std::string gpuStatus = "not measured";
  int cores = 0, threads = 0;
  /// /proc/loadavg's 1-minute load when the benchmark started and ended (-1: unknown): other
  /// processes on the machine compete for the cores and skew the times.
  double loadStart = -1, loadEnd = -1;
  MachinePeaks peaks;
  std::vector<RunResult> runs;
};

/// A model x frame pair not run because the channel counts differ (many of them are expected when
/// several models and frames are given; the summary counts rather than lists them then).
bool isChannelSkip(const RunResult &run);
/// The readable summary table and the per-run detail (layer tables when `layers`).
void printRun(llvm::raw_ostream &os, const BenchReport &report, const RunResult &run, bool layers);
void printSummary(llvm::raw_ostream &os, const BenchReport &report);
/// Throws sconv::rt::Error when the file cannot be written.
void writeJson(const std::string &path, const BenchReport &report);
void writeSvg(const std::string &path, const BenchReport &report);

} // namespace sconv::bench
