// What sconv-tune's CPU and GPU searches share: running sconvc, collecting every compute step's
// operands from real frames, grouping them by signature, the candidate module, and the float64
// check every candidate passes before it is timed.
#pragma once
#include "codegen/TuningDatabase.h"
#include "runtime/Executor.h"

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace sconv::tune {

using Clock = std::chrono::steady_clock;
inline double msSince(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

/// The median time of `repeat` runs after `warmup` untimed ones; `timedRun` runs once and returns
/// how long that took in ms (host clock or device events).
double medianMs(int warmup, int repeat, const std::function<double()> &timedRun);

/// Whether the partition and plain forms of an SW-LK conv agree, norm-wise: they round
/// differently (partition sums in double, the plain form's folded PE rows), and on tensor cores
/// (`precision` f16 / bf16) they round different operands (relative 1e-4, 5e-3, 3e-2).
bool swLkFormsAgree(const std::vector<float> &partition, const std::vector<float> &plain,
                    const std::string &precision);

/// Writes `text` to `path`; throws Error naming the file when it cannot.
void writeTextFile(const std::string &path, const std::string &text);

/// Runs sconvc with `args`; throws Error when it fails.
void runSconvc(const std::string &sconvc, const std::vector<std::string> &args);

/// One compute step seen while running a frame: its input, its map, and what it computes.
struct Instance {
  std::shared_ptr<rt::SparseTensor> input;
  std::shared_ptr<rt::KernelMap> map;
  int64_t volume, cin, cout;
};

TuningSignature signatureOf(const Instance &in, const std::string &kind);

/// One SW-LK conv seen while running a frame in its partition form: its input and k^3 map, and
/// the 27-group GEMM step that follows its partition sums (`groupGemm`: input the sums).
struct SwLkInstance {
  std::shared_ptr<rt::SparseTensor> input;
  std::shared_ptr<rt::KernelMap> map;
  int kernelSize;
  bool pe; // with a position embedding (the plain form then has one more input channel)
  Instance groupGemm;
  /// The conv as a k^3 instance (for its signature: kind sw_lk, k^3, C_in, C_out, buckets).
  Instance asConv() const;
  /// The plain form's GEMM: the input (with its constant-one channel when pe) over the k^3 map.
  Instance plainGemm() const;
};

inline bool bySignatureText(const TuningSignature &a, const TuningSignature &b) {
  return a.str() < b.str();
}
using Groups = std::map<TuningSignature, std::vector<Instance>,
                        bool (*)(const TuningSignature &, const TuningSignature &)>;

using SwLkGroups = std::map<TuningSignature, std::vector<SwLkInstance>,
                            bool (*)(const TuningSignature &, const TuningSignature &)>;

/// Runs the compiled model on every input frame (random weights) and groups every compute step's
/// operands by signature; with `swLk`, the SW-LK convs too (by their sw_lk signature).
Groups collect(const std::string &artifact, const std::vector<std::string> &inputs,
               const std::string &format, rt::ThreadPool &pool, SwLkGroups *swLk = nullptr);

/// One candidate compute step: a kernel-map-level implicit GEMM with bias and these attributes.
struct CandidateStep {
  int64_t volume, cin, cout;
  std::string attributes; // e.g. "tile_rows = 2 : i64, tile_lanes = 32 : i64"
};
/// A module with function @t<i> for steps[i], for sconvc to compile in one go.
std::string candidateModule(const std::vector<CandidateStep> &steps);
/// The kernel the compiler generated for each of `numSteps` candidate steps (entry @t<i>'s
/// implicit GEMM: its CPU kernel, or its GPU kernel when `gpu`), in step order.
std::vector<std::string> candidateKernels(const rt::Plan &plan, size_t numSteps, bool gpu);

/// A float64 evaluation of an instance on up to 256 sampled rows, computed once per class so that
/// checking each of its (often hundreds of) candidates costs only the comparison. With `precision`
/// f16 or bf16 (tensor-core candidates) the input features and weights are rounded to it first,
/// as the kernel rounds them.
struct ReferenceSample {
  int64_t cout = 0;
  std::vector<int64_t> rows;
  std::vector<double> ref, mag; // [sampled row][cout]
};
ReferenceSample referenceSample(const Instance &in, const std::vector<float> &w,
                                const std::vector<float> &b, const std::string &precision = "f32");

/// Empty when `out` (all rows of the sampled instance) matches the sample; else the first error.
std::string checkAgainstReference(const ReferenceSample &sample, const std::vector<float> &out);

} // namespace sconv::tune
