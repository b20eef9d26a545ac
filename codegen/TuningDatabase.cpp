// See TuningDatabase.h.
#include "codegen/TuningDatabase.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/TargetParser/Host.h"

#include <algorithm>
#include <fstream>
#include <map>

namespace sconv {

using llvm::json::Array;
using llvm::json::Object;

static constexpr int64_t kFormatVersion = 1;

DeviceKey hostCpuKey() {
  DeviceKey k;
  k.target = "cpu";
  std::ifstream info("/proc/cpuinfo");
  std::string line;
  while (std::getline(info, line))
    if (line.rfind("model name", 0) == 0) {
      k.name = line.substr(line.find(':') + 2);
      break;
    }
  if (k.name.empty())
    k.name = llvm::sys::getHostCPUName().str();
  std::vector<std::string> feats;
  for (auto &f : llvm::sys::getHostCPUFeatures())
    if (f.second)
      feats.push_back(f.first().str());
  std::sort(feats.begin(), feats.end());
  k.features = llvm::sys::getHostCPUName().str() + ":";
  for (const std::string &f : feats)
    k.features += "+" + f;
  return k;
}

std::string TuningSignature::str() const {
  return llvm::formatv("k{0} {1}x{2} {3} {4} rows~2^{5} density q{6}", volume, cin, cout, kind,
                       precision, sizeBucket, densityBucket)
      .str();
}

namespace {

llvm::Error bad(const std::string &path, const std::string &what) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "tuning database '" + path + "' " + what);
}

} // namespace

llvm::Expected<TuningDatabase> TuningDatabase::load(const std::string &path) {
  auto buf = llvm::MemoryBuffer::getFile(path);
  if (!buf)
    return bad(path, "cannot be read: " + buf.getError().message());
  auto json = llvm::json::parse((*buf)->getBuffer());
  if (!json) {
    std::string msg = llvm::toString(json.takeError());
    return bad(path, "is corrupted (not valid JSON: " + msg + ")");
  }
  const Object *root = json->getAsObject();
  if (!root || root->getString("format") != std::optional<llvm::StringRef>("sconv-tuning"))
    return bad(path, "is not an sconv tuning database (no \"format\": \"sconv-tuning\")");
  if (root->getInteger("version") != kFormatVersion)
    return bad(path, "has an unsupported version (this sconv reads version " +
                         std::to_string(kFormatVersion) + "); re-run sconv-tune");
  const Array *devices = root->getArray("devices");
  if (!devices)
    return bad(path, "has no device list");
  TuningDatabase db;
  for (const llvm::json::Value &dv : *devices) {
    const Object *d = dv.getAsObject();
    const Object *key = d ? d->getObject("device") : nullptr;
    const Array *entries = d ? d->getArray("entries") : nullptr;
    if (!key || !entries)
      return bad(path, "has a malformed device record");
    DeviceKey k{key->getString("target").value_or("").str(), key->getString("name").value_or("").str(),
                key->getString("features").value_or("").str()};
    if (k.target.empty())
      return bad(path, "has a device without a target");
    std::vector<TuningEntry> list;
    for (const llvm::json::Value &ev : *entries) {
      const Object *e = ev.getAsObject();
      const Object *sig = e ? e->getObject("signature") : nullptr;
      const Object *cfg = e ? e->getObject("config") : nullptr;
      const Array *gpuTile = e ? e->getArray("gpu_tile") : nullptr;
      const bool gpu = isGpuTarget(k.target);
      const bool form = sig && sig->getString("kind") == std::optional<llvm::StringRef>(kSwLkKind);
      if (!sig || (form ? !e->getString("form") : gpu ? !gpuTile : !cfg))
        return bad(path, "has a malformed entry for device " + k.str());
      TuningEntry t;
      t.signature.volume = sig->getInteger("volume").value_or(0);
      t.signature.cin = sig->getInteger("cin").value_or(0);
      t.signature.cout = sig->getInteger("cout").value_or(0);
      t.signature.kind = sig->getString("kind").value_or("").str();
      t.signature.precision = sig->getString("precision").value_or("f32").str();
      t.signature.sizeBucket = int(sig->getInteger("size_bucket").value_or(0));
      t.signature.densityBucket = int(sig->getInteger("density_bucket").value_or(0));
      if (form) {
        t.form = e->getString("form")->str();
      } else if (gpu) {
        if (gpuTile->size() != 3)
          return bad(path, "has a GPU tile that is not [threads_cout, threads_rows, "
                           "rows_per_thread]");
        t.gpuTile = {(*gpuTile)[0].getAsInteger().value_or(0),
                     (*gpuTile)[1].getAsInteger().value_or(0),
                     (*gpuTile)[2].getAsInteger().value_or(0),
                     e->getString("gpu_dataflow").value_or("implicit_gemm").str(),
                     // A GPU tile is measured at its signature's precision (tensor-core tiles
                     // at f16 / bf16).
                     t.signature.precision,
                     e->getInteger("gpu_splits").value_or(0),
                     e->getInteger("gpu_stages").value_or(1),
                     e->getString("gpu_instruction").value_or("").str()};
      } else {
        t.config.rows = cfg->getInteger("rows").value_or(0);
        t.config.lanes = cfg->getInteger("lanes").value_or(0);
        t.config.dataflow = cfg->getString("dataflow").value_or("implicit_gemm").str();
        t.config.threads = cfg->getInteger("threads").value_or(0);
        t.config.splits = cfg->getInteger("splits").value_or(0);
      }
      t.bestMs = e->getNumber("best_ms").value_or(0);
      t.defaultMs = e->getNumber("default_ms").value_or(0);
      t.samples = e->getInteger("samples").value_or(0);
      if (t.signature.volume <= 0 || t.signature.cin <= 0 || t.signature.cout <= 0)
        return bad(path, "has an entry with a malformed signature");
      if (std::string why = form ? (t.form == "partition" || t.form == "plain"
                                        ? ""
                                        : "SW-LK form '" + t.form + "' is not partition or plain")
                            : gpu ? checkGpuTile(t.gpuTile, t.signature.volume)
                                  : checkConfig(t.config, t.signature.cout, t.signature.volume);
          !why.empty())
        return bad(path, "has an invalid configuration for " + t.signature.str() + ": " + why);
      list.push_back(t);
    }
    db.devices_.push_back({k, std::move(list)});
  }
  return db;
}

llvm::Error TuningDatabase::save(const std::string &path) const {
  Array devices;
  for (const auto &[k, list] : devices_) {
    Array entries;
    for (const TuningEntry &t : list) {
      Object e{{"signature", Object{{"volume", t.signature.volume},
                                    {"cin", t.signature.cin},
                                    {"cout", t.signature.cout},
                                    {"kind", t.signature.kind},
                                    {"precision", t.signature.precision},
                                    {"size_bucket", t.signature.sizeBucket},
                                    {"density_bucket", t.signature.densityBucket}}},
               {"best_ms", t.bestMs},
               {"default_ms", t.defaultMs},
               {"samples", t.samples}};
      if (t.signature.kind == kSwLkKind) {
        e["form"] = t.form;
      } else if (isGpuTarget(k.target)) {
        e["gpu_tile"] = Array{t.gpuTile.threadsCout, t.gpuTile.threadsRows, t.gpuTile.rowsPerThread};
        if (t.gpuTile.dataflow != "implicit_gemm")
          e["gpu_dataflow"] = t.gpuTile.dataflow;
        if (t.gpuTile.splits)
          e["gpu_splits"] = t.gpuTile.splits;
        if (t.gpuTile.stages != 1)
          e["gpu_stages"] = t.gpuTile.stages;
        if (!t.gpuTile.instruction.empty())
          e["gpu_instruction"] = t.gpuTile.instruction;
      } else {
        e["config"] = Object{{"rows", t.config.rows},
                             {"lanes", t.config.lanes},
                             {"dataflow", t.config.dataflow},
                             {"threads", t.config.threads}};
        if (t.config.splits)
          e["config"].getAsObject()->try_emplace("splits", t.config.splits);
      }
      entries.push_back(std::move(e));
    }
    devices.push_back(Object{
        {"device", Object{{"target", k.target}, {"name", k.name}, {"features", k.features}}},
        {"entries", std::move(entries)}});
  }
  Object root{{"format", "sconv-tuning"}, {"version", kFormatVersion}, {"devices", std::move(devices)}};
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec);
  if (ec)
    return bad(path, "cannot be written: " + ec.message());
  os << llvm::formatv("{0:2}", llvm::json::Value(std::move(root))) << "\n";
  return llvm::Error::success();
}

void TuningDatabase::upsert(const DeviceKey &device, const TuningEntry &entry) {
  for (auto &[k, list] : devices_)
    if (k == device) {
      for (TuningEntry &e : list)
        if (e.signature == entry.signature) {
          e = entry;
          return;
        }
      list.push_back(entry);
      return;
    }
  devices_.push_back({device, {entry}});
}

const std::vector<TuningEntry> *TuningDatabase::entries(const DeviceKey &device) const {
  for (const auto &[k, list] : devices_)
    if (k == device)
      return &list;
  return nullptr;
}

std::vector<std::pair<int, KernelConfig>>
TuningDatabase::lookupBySize(const DeviceKey &device, const TuningSignature &cls) const {
  std::vector<std::pair<int, KernelConfig>> out;
  const std::vector<TuningEntry> *list = entries(device);
  if (!list)
    return out;
  std::map<int, const TuningEntry *> best; // size bucket -> entry with the most samples
  for (const TuningEntry &e : *list)
    if (e.signature.sameClass(cls) && e.form.empty()) {
      const TuningEntry *&b = best[e.signature.sizeBucket];
      if (!b || e.samples > b->samples)
        b = &e;
    }
  for (auto &[bucket, e] : best)
    out.push_back({bucket, e->config});
  return out;
}

std::optional<GpuTile> TuningDatabase::lookupGpu(const std::string &chip,
                                                 const TuningSignature &cls) const {
  for (const auto &[k, list] : devices_) {
    if (k.target != chip)
      continue;
    const TuningEntry *best = nullptr;
    for (const TuningEntry &e : list)
      if (e.signature.sameClass(cls) && e.form.empty() && (!best || e.samples > best->samples))
        best = &e;
    if (best)
      return best->gpuTile;
  }
  return std::nullopt;
}

std::optional<std::string> TuningDatabase::lookupForm(const DeviceKey *cpu, const std::string &chip,
                                                      const TuningSignature &cls) const {
  for (const auto &[k, list] : devices_) {
    if (cpu ? !(k == *cpu) : k.target != chip)
      continue;
    const TuningEntry *best = nullptr;
    for (const TuningEntry &e : list)
      if (e.signature.sameClass(cls) && !e.form.empty() && (!best || e.samples > best->samples))
        best = &e;
    if (best)
      return best->form;
  }
  return std::nullopt;
}

bool TuningDatabase::hasTarget(const std::string &target) const {
  for (const auto &[k, list] : devices_)
    if (k.target == target)
      return true;
  return false;
}

} // namespace sconv
