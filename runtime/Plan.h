// The execution plan inside a compiled model: what sconvc decided, as plain data. Values are
// numbered; each op reads values and defines one. The runtime interprets it (Executor.h).
#pragma once
#include "runtime/ConvGeometry.h"

#include <string>
#include <vector>

namespace sconv::rt {

struct ParamInfo {
  std::string name;
  std::vector<int64_t> shape;
  int64_t numElements() const;
};

struct PlanInput {
  int value = -1;
  int64_t channels = 0;
  Int3 stride{1, 1, 1};
};

struct PlanOp {
  enum class Kind { KernelMap, ImplicitGemm };
  Kind kind = Kind::KernelMap;
  int result = -1;
  int input = -1;
  // KernelMap: the conv geometry. ImplicitGemm: the map value and the parameters.
  ConvGeometry geometry;
  int map = -1;
  std::string weight, bias; // parameter names; bias may be empty
  std::string kernel;       // generated kernel symbol
  int64_t volume = 0, cin = 0, cout = 0;
  bool relu = false;
  std::string name;         // the op's location in the source graph, for profiles and errors
};

struct PlanEntry {
  std::string name;
  int numValues = 0;
  std::vector<PlanInput> inputs;
  std::vector<PlanOp> ops;
  std::vector<int> outputs;
};

/// The device code for one chip; the entry point of kernel K is `K_kernel`.
struct GpuImage {
  std::string chip;    // sm_80, sm_90, ...
  std::string section; // artifact section holding the PTX
};

struct Plan {
  std::vector<ParamInfo> params;
  std::vector<PlanEntry> entries;
  std::string cpuSection; // artifact section holding the CPU kernels' shared object ("" if none)
  std::vector<GpuImage> gpuImages;

  /// Parses the manifest JSON; throws Error naming the first malformed field.
  static Plan parse(const std::string &manifest);
  /// The manifest JSON of this plan (sections are added by Artifact::writeFile).
  std::string toJson() const;
  const PlanEntry &entry(const std::string &name) const;
  const ParamInfo *param(const std::string &name) const;
};

} // namespace sconv::rt
