// The compiled-model file (`.sconv`) that sconvc writes and the runtime loads:
//
//   "SCONVART" | u32 version | u32 reserved | u64 manifest size | manifest (JSON) | sections...
//
// The manifest holds the execution plan (see Plan.h), the parameter list and a table of named
// binary sections (offset from the start of the file, size): the CPU kernels' shared object,
// PTX/cubin per SM, optionally the weights. Sections are 64-byte aligned.
#pragma once
#include "runtime/Error.h"

#include <cstdint>
#include <map>
#include <string>

namespace sconv::rt {

constexpr uint32_t kArtifactVersion = 1;

struct Artifact {
  std::string manifest;                       // JSON text
  std::map<std::string, std::string> sections; // name -> bytes

  /// Throws Error naming the file and what is wrong (missing, not an artifact, truncated, version).
  static Artifact readFile(const std::string &path);
  void writeFile(const std::string &path) const;
};

} // namespace sconv::rt
