// See Artifact.h.
#include "runtime/Artifact.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"

#include <cstring>
#include <fstream>
#include <sstream>

namespace sconv::rt {

static const char kMagic[8] = {'S', 'C', 'O', 'N', 'V', 'A', 'R', 'T'};
static constexpr uint64_t kAlign = 64;

Artifact Artifact::readFile(const std::string &path) {
  std::ifstream f(path, std::ios::binary);
  if (!f)
    throw Error("cannot open compiled model '" + path + "'");
  std::string bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  const uint64_t header = 8 + 4 + 4 + 8;
  if (bytes.size() < header || std::memcmp(bytes.data(), kMagic, 8) != 0)
    throw Error("'" + path + "' is not a compiled sconv model (bad magic); compile it with sconvc");
  uint32_t version;
  uint64_t manifestSize;
  std::memcpy(&version, bytes.data() + 8, 4);
  std::memcpy(&manifestSize, bytes.data() + 16, 8);
  if (version != kArtifactVersion)
    throw Error("'" + path + "' has artifact version " + std::to_string(version) +
                ", this runtime reads version " + std::to_string(kArtifactVersion) +
                ": recompile it with the matching sconvc");
  if (manifestSize > bytes.size() - header)
    throw Error("'" + path + "' is truncated (manifest runs past the end of the file)");
  Artifact a;
  a.manifest = bytes.substr(header, manifestSize);
  auto json = llvm::json::parse(a.manifest);
  if (!json) {
    llvm::consumeError(json.takeError());
    throw Error("'" + path + "' has a corrupted manifest (not valid JSON)");
  }
  const llvm::json::Array *table = json->getAsObject()
                                       ? json->getAsObject()->getArray("sections")
                                       : nullptr;
  if (!table)
    throw Error("'" + path + "' has a manifest without a section table");
  for (const llvm::json::Value &v : *table) {
    const llvm::json::Object *s = v.getAsObject();
    auto name = s ? s->getString("name") : std::nullopt;
    auto off = s ? s->getInteger("offset") : std::nullopt;
    auto size = s ? s->getInteger("size") : std::nullopt;
    if (!name || !off || !size || *off < 0 || *size < 0)
      throw Error("'" + path + "' has a malformed section entry");
    if (uint64_t(*off) > bytes.size() || uint64_t(*size) > bytes.size() - uint64_t(*off))
      throw Error("'" + path + "' is truncated: section '" + name->str() + "' runs past the end");
    a.sections[name->str()] = bytes.substr(*off, *size);
  }
  return a;
}

void Artifact::writeFile(const std::string &path) const {
  // The section table lives in the manifest, so lay out the sections first, then patch the table
  // in; offsets depend on the manifest size, so iterate until the size is stable.
  auto json = llvm::json::parse(manifest);
  if (!json || !json->getAsObject())
    throw Error("internal: artifact manifest is not a JSON object");
  llvm::json::Object root = *json->getAsObject();
  std::string text;
  uint64_t start = 0;
  for (int iter = 0; iter < 4; ++iter) {
    uint64_t header = 8 + 4 + 4 + 8;
    uint64_t off = (header + text.size() + kAlign - 1) / kAlign * kAlign;
    if (iter > 0 && off == start)
      break;
    start = off;
    llvm::json::Array table;
    for (const auto &[name, data] : sections) {
      table.push_back(llvm::json::Object{{"name", name}, {"offset", int64_t(off)},
                                         {"size", int64_t(data.size())}});
      off = (off + data.size() + kAlign - 1) / kAlign * kAlign;
    }
    root["sections"] = std::move(table);
    text = llvm::formatv("{0:2}", llvm::json::Value(llvm::json::Object(root))).str();
  }
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  if (!f)
    throw Error("cannot write '" + path + "'");
  uint32_t version = kArtifactVersion, reserved = 0;
  uint64_t manifestSize = text.size();
  f.write(kMagic, 8);
  f.write(reinterpret_cast<const char *>(&version), 4);
  f.write(reinterpret_cast<const char *>(&reserved), 4);
  f.write(reinterpret_cast<const char *>(&manifestSize), 8);
  f << text;
  uint64_t pos = 24 + text.size();
  for (const auto &[name, data] : sections) {
    uint64_t aligned = (pos + kAlign - 1) / kAlign * kAlign;
    f << std::string(aligned - pos, '\0') << data;
    pos = aligned + data.size();
  }
  if (!f)
    throw Error("writing '" + path + "' failed");
}

} // namespace sconv::rt
