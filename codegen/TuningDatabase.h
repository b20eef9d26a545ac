// The persistent tuning database: per device (CPU model and ISA features; GPU name, SM, driver
// and toolkit versions), the best measured kernel configuration per conv signature. Written by
// sconv-tune, read by `sconvc --tuning-db`. MLIR-free, so the tuner can link it without MLIR.
#pragma once

#include "codegen/KernelConfig.h"

#include "llvm/Support/Error.h"

#include <optional>
#include <string>
#include <vector>

namespace sconv {

/// Whether a device target is a GPU chip ("sm_80", "sm_90a").
inline bool isGpuTarget(const std::string &target) { return target.rfind("sm_", 0) == 0; }

/// What a measurement is valid for. Two keys match when every field is equal.
struct DeviceKey {
  std::string target;   // "cpu" (GPU keys: "sm_90", ...)
  std::string name;     // CPU model name / GPU name
  std::string features; // ISA features (CPU) / "driver=...,toolkit=..." (GPU)
  bool operator==(const DeviceKey &o) const {
    return target == o.target && name == o.name && features == o.features;
  }
  std::string str() const { return target + " | " + name + " | " + features; }
};

/// This machine's CPU: model name from /proc/cpuinfo, LLVM's host CPU name and enabled features.
DeviceKey hostCpuKey();

/// A class of convs that want the same configuration.
struct TuningSignature {
  int64_t volume = 0, cin = 0, cout = 0;
  std::string kind;              // map kind: submanifold, regular, transposed, sprs, transpose
  std::string precision = "f32";
  int sizeBucket = 0;            // floor(log2(output rows))
  int densityBucket = 0;         // neighbours present / (rows * volume), in quarters 0..3
  bool sameClass(const TuningSignature &o) const {
    return volume == o.volume && cin == o.cin && cout == o.cout && kind == o.kind &&
           precision == o.precision;
  }
  bool operator==(const TuningSignature &o) const {
    return sameClass(o) && sizeBucket == o.sizeBucket && densityBucket == o.densityBucket;
  }
  std::string str() const;
};

/// The signature kind of an SW-LK conv's form choice (its entries hold `form`, not a tile).
inline constexpr const char *kSwLkKind = "sw_lk";

struct TuningEntry {
  TuningSignature signature;
  KernelConfig config; // CPU devices
  double bestMs = 0, defaultMs = 0; // medians over the measured kernel maps
  int64_t samples = 0;              // kernel maps measured
  GpuTile gpuTile;                  // instead of config on GPU devices (target "sm_...")
  /// Instead of config / gpuTile for kind kSwLkKind: "partition" or "plain" (the faster form of
  /// the SW-LK conv; volume is k^3, cin and cout the conv's channels).
  std::string form;
};

class TuningDatabase {
public:
  /// Reads a database; an unreadable, malformed or foreign file is an error that says which.
  static llvm::Expected<TuningDatabase> load(const std::string &path);
  llvm::Error save(const std::string &path) const;

  /// Adds or replaces the entry of (device, signature).
  void upsert(const DeviceKey &device, const TuningEntry &entry);
  /// The entries of a device, or null when the database has none for it.
  const std::vector<TuningEntry> *entries(const DeviceKey &device) const;
  /// The configuration per measured size bucket of a conv class (per bucket the density bucket with
  /// the most samples), by increasing size bucket; empty when none was measured.
  std::vector<std::pair<int, KernelConfig>> lookupBySize(const DeviceKey &device,
                                                         const TuningSignature &cls) const;
  /// The GPU tile for a conv class measured on a GPU of this chip ("sm_90"): of the first such
  /// device that measured the class, the entry with the most samples.
  std::optional<GpuTile> lookupGpu(const std::string &chip, const TuningSignature &cls) const;
  /// The measured SW-LK form ("partition" / "plain") of a class (kind kSwLkKind) on a device
  /// with this target ("cpu": this device key only; a GPU chip: the first device of that chip
  /// that measured it), of the entry with the most samples.
  std::optional<std::string> lookupForm(const DeviceKey *cpu, const std::string &chip,
                                        const TuningSignature &cls) const;
  /// Whether any device of the database has this target ("cpu" matches no GPU chip).
  bool hasTarget(const std::string &target) const;
  size_t numDevices() const { return devices_.size(); }

private:
  std::vector<std::pair<DeviceKey, std::vector<TuningEntry>>> devices_;
};

} // namespace sconv
