// The index of a `sconv-tune --prepare` directory (GpuTune.h, PreparedGpuTune): written where the
// compiler is, read where the GPU is. It is plain JSON so that a person can see what was prepared;
// every field is checked when it is read back, since the directory travels between machines.
#include "tools/sconv-tune/GpuTune.h"

#include "runtime/Error.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

namespace sconv::tune {

using rt::Error;

namespace {
constexpr int kFormatVersion = 1;
constexpr const char *kFormatName = "sconv-tune-prepared";
} // namespace

void PreparedGpuTune::save() const {
  llvm::json::Array cands, formList;
  for (const std::string &c : candidates)
    cands.push_back(c);
  for (const std::string &f : forms)
    formList.push_back(f);
  llvm::json::Object o{{"format", kFormatName},
                       {"version", kFormatVersion},
                       {"chip", chip},
                       {"precision", precision},
                       {"toolkit", toolkit},
                       {"candidates", std::move(cands)},
                       {"sw_lk_forms", std::move(formList)},
                       {"sw_lk_form_tiles", formTiles}};
  std::string text;
  llvm::raw_string_ostream os(text);
  os << llvm::formatv("{0:2}", llvm::json::Value(std::move(o))) << "\n";
  writeTextFile(path(kIndex), text);
}

PreparedGpuTune PreparedGpuTune::load(const std::string &dir) {
  PreparedGpuTune p;
  p.dir = dir;
  const std::string index = p.path(kIndex);
  auto bad = [&](const std::string &why) {
    return Error("'" + index + "' is not a sconv-tune --prepare index: " + why);
  };
  auto buffer = llvm::MemoryBuffer::getFile(index);
  if (!buffer)
    throw Error("cannot read '" + index + "' (" + buffer.getError().message() +
                "): --prepared wants the directory sconv-tune --prepare wrote");
  llvm::Expected<llvm::json::Value> value = llvm::json::parse((*buffer)->getBuffer());
  if (!value)
    throw bad(llvm::toString(value.takeError()));
  const llvm::json::Object *o = value->getAsObject();
  if (!o)
    throw bad("not a JSON object");
  auto text = [&](const char *field) {
    std::optional<llvm::StringRef> s = o->getString(field);
    if (!s)
      throw bad(std::string("no string field '") + field + "'");
    return s->str();
  };
  auto list = [&](const char *field) {
    const llvm::json::Array *a = o->getArray(field);
    if (!a)
      throw bad(std::string("no array field '") + field + "'");
    std::vector<std::string> out;
    for (const llvm::json::Value &v : *a) {
      std::optional<llvm::StringRef> s = v.getAsString();
      if (!s)
        throw bad(std::string("'") + field + "' holds a non-string");
      out.push_back(s->str());
    }
    return out;
  };
  if (text("format") != kFormatName)
    throw bad("format '" + text("format") + "'");
  if (o->getInteger("version") != kFormatVersion)
    throw bad("version " + std::to_string(o->getInteger("version").value_or(-1)) +
              ", this sconv-tune reads version " + std::to_string(kFormatVersion));
  p.chip = text("chip");
  p.precision = text("precision");
  p.toolkit = text("toolkit");
  p.candidates = list("candidates");
  p.forms = list("sw_lk_forms");
  p.formTiles = text("sw_lk_form_tiles");
  if (p.chip.rfind("sm_", 0) != 0)
    throw bad("chip '" + p.chip + "' is not a GPU chip");
  if (p.precision != "f32" && p.precision != "f16" && p.precision != "bf16")
    throw bad("precision '" + p.precision + "'");
  std::vector<const char *> files = {kModel, kCandidates};
  if (!p.forms.empty())
    files.insert(files.end(), std::begin(kFormModels), std::end(kFormModels));
  for (const char *file : files)
    if (!llvm::sys::fs::exists(p.path(file)))
      throw Error("'" + p.path(file) + "' is missing: copy the whole --prepare directory");
  return p;
}

void PreparedGpuTune::checkFor(const std::string &gpuChip, const std::string &gpuPrecision) const {
  if (!targetRunsOn(chip, gpuChip))
    throw Error("the candidates in '" + dir + "' were prepared for " + chip + ", but this GPU is " +
                gpuChip + ": prepare them with --gpu-chip " + gpuChip);
  if (gpuPrecision != precision)
    throw Error("the candidates in '" + dir + "' were prepared at --gpu-precision=" + precision +
                ", not " + gpuPrecision);
}

} // namespace sconv::tune
