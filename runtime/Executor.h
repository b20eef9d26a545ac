// Runs a compiled model on the CPU: loads the artifact, takes parameters by name, and interprets
// the plan (build kernel maps, call generated kernels on row ranges across the thread pool).
#pragma once
#include "runtime/Artifact.h"
#include "runtime/CpuKernels.h"
#include "runtime/KernelMap.h"
#include "runtime/Plan.h"

#include <map>
#include <memory>

namespace sconv::rt {

/// Time spent per plan op, in execution order.
struct OpProfile {
  std::string name;
  std::string kind; // "kernel_map" or "implicit_gemm"
  double ms = 0;
  int64_t rows = 0; // output sites
};

class Model {
public:
  /// Throws Error when the file is not a valid compiled model or its CPU kernels cannot load.
  static std::unique_ptr<Model> load(const std::string &path);

  const Plan &plan() const { return plan_; }
  /// Sets a parameter; throws Error for an unknown name or a size that disagrees with its shape,
  /// or a NaN/Inf value.
  void setParam(const std::string &name, std::vector<float> values);
  /// Names of parameters not set yet.
  std::vector<std::string> missingParams() const;

  /// Runs entry `name` on `inputs` (one sparse tensor per graph input). Throws Error on a missing
  /// parameter, a channel-count mismatch or invalid input tensors.
  std::vector<SparseTensor> run(const std::string &name, const std::vector<SparseTensor> &inputs,
                                ThreadPool &pool, std::vector<OpProfile> *profile = nullptr) const;

private:
  Model() = default;
  Plan plan_;
  Artifact artifact_;
  std::unique_ptr<CpuKernelLibrary> cpu_;
  std::map<std::string, std::vector<float>> params_;
};

} // namespace sconv::rt
