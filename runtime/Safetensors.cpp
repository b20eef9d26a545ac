// safetensors reading and writing (see Safetensors.h). The files are little-endian, as is every
// host we target, so raw bytes are copied into values without swapping.
#include "runtime/Safetensors.h"
#include "runtime/LowPrecision.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace sconv::rt {

int64_t TensorData::numElements() const {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

std::string formatShape(const std::vector<int64_t> &shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i)
    s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + "]";
}

namespace {

enum class DType { F64, F32, F16, BF16, I64, I32, I16, I8, U64, U32, U16, U8, Bool };

struct DTypeInfo {
  const char *name;
  DType type;
  int bytes;
};

constexpr DTypeInfo kDTypes[] = {
    {"F64", DType::F64, 8},   {"F32", DType::F32, 4}, {"F16", DType::F16, 2},
    {"BF16", DType::BF16, 2}, {"I64", DType::I64, 8}, {"I32", DType::I32, 4},
    {"I16", DType::I16, 2},   {"I8", DType::I8, 1},   {"U64", DType::U64, 8},
    {"U32", DType::U32, 4},   {"U16", DType::U16, 2}, {"U8", DType::U8, 1},
    {"BOOL", DType::Bool, 1},
};

const DTypeInfo *findDType(llvm::StringRef name) {
  for (const DTypeInfo &d : kDTypes)
    if (name == d.name)
      return &d;
  return nullptr;
}

std::string knownDTypes() {
  std::string s;
  for (const DTypeInfo &d : kDTypes)
    s += (s.empty() ? "" : ", ") + std::string(d.name);
  return s;
}

template <typename T> T load(const char *p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}

float convertOne(DType t, const char *p) {
  switch (t) {
  case DType::F64:
    return float(load<double>(p));
  case DType::F32:
    return load<float>(p);
  case DType::F16:
    return halfToFloat(load<uint16_t>(p));
  case DType::BF16:
    return bf16ToFloat(load<uint16_t>(p));
  case DType::I64:
    return float(load<int64_t>(p));
  case DType::I32:
    return float(load<int32_t>(p));
  case DType::I16:
    return float(load<int16_t>(p));
  case DType::I8:
    return float(load<int8_t>(p));
  case DType::U64:
    return float(load<uint64_t>(p));
  case DType::U32:
    return float(load<uint32_t>(p));
  case DType::U16:
    return float(load<uint16_t>(p));
  case DType::U8:
    return float(load<uint8_t>(p));
  case DType::Bool:
    return *p ? 1.f : 0.f;
  }
  return 0.f;
}

struct Entry {
  std::string name;
  const DTypeInfo *dtype = nullptr;
  std::vector<int64_t> shape;
  uint64_t begin = 0, end = 0;
};

/// Parses one header entry; `where` prefixes error messages ("'file': tensor 'name'").
Entry parseEntry(const std::string &where, const std::string &name, const llvm::json::Value &v,
                 uint64_t dataSize) {
  Entry e;
  e.name = name;
  const llvm::json::Object *o = v.getAsObject();
  if (!o)
    throw Error(where + " is not a JSON object");
  std::optional<llvm::StringRef> dtype = o->getString("dtype");
  if (!dtype)
    throw Error(where + " has no \"dtype\" string");
  e.dtype = findDType(*dtype);
  if (!e.dtype)
    throw Error(where + " has unknown dtype '" + dtype->str() + "' (supported: " + knownDTypes() +
                ")");
  const llvm::json::Array *shape = o->getArray("shape");
  if (!shape)
    throw Error(where + " has no \"shape\" array");
  // Bound the element count so that it cannot overflow (2^50 elements is far beyond any file).
  uint64_t count = 1;
  for (const llvm::json::Value &d : *shape) {
    std::optional<int64_t> n = d.getAsInteger();
    if (!n || *n < 0)
      throw Error(where + " has a shape entry that is not a non-negative integer");
    e.shape.push_back(*n);
    count = *n == 0 ? 0 : count * uint64_t(*n);
    if (count > (uint64_t(1) << 50))
      throw Error(where + " has an implausibly large shape " + formatShape(e.shape));
  }
  const llvm::json::Array *offs = o->getArray("data_offsets");
  if (!offs || offs->size() != 2)
    throw Error(where + " has no \"data_offsets\" pair [begin, end]");
  std::optional<int64_t> b = (*offs)[0].getAsInteger(), en = (*offs)[1].getAsInteger();
  if (!b || !en)
    throw Error(where + " has data_offsets that are not integers");
  if (*b < 0 || *en < 0)
    throw Error(where + " has negative data_offsets [" + std::to_string(*b) + ", " +
                std::to_string(*en) +
                "]: they would point before the byte buffer, into the header");
  e.begin = uint64_t(*b);
  e.end = uint64_t(*en);
  const std::string range = "[" + std::to_string(e.begin) + ", " + std::to_string(e.end) + "]";
  if (e.end < e.begin)
    throw Error(where + " has data_offsets " + range + " that end before they begin");
  if (e.end > dataSize)
    throw Error(where + " has data_offsets " + range + " past the end of the byte buffer (" +
                std::to_string(dataSize) +
                " bytes after the header): the file is truncated or "
                "its header is wrong");
  const uint64_t want = count * uint64_t(e.dtype->bytes);
  if (e.end - e.begin != want)
    throw Error(where + " has shape " + formatShape(e.shape) + " of " + e.dtype->name + " (" +
                std::to_string(want) + " bytes) but data_offsets " + range + " hold " +
                std::to_string(e.end - e.begin) + " bytes");
  return e;
}

} // namespace

std::map<std::string, TensorData> readSafetensors(const std::string &path,
                                                  std::map<std::string, std::string> *metadata) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw Error("safetensors file '" + path + "' is a directory");
  std::ifstream f(path, std::ios::binary | std::ios::ate);
  if (!f)
    throw Error("cannot open safetensors file '" + path + "': " + std::strerror(errno));
  const std::streamoff fileSize = f.tellg();
  f.seekg(0);
  const std::string file = "'" + path + "'";
  if (fileSize < 8)
    throw Error(file + " is not a safetensors file: " + std::to_string(fileSize) +
                " bytes is shorter than the 8-byte header length");
  char lenBytes[8];
  f.read(lenBytes, 8);
  const uint64_t headerLen = load<uint64_t>(lenBytes);
  if (headerLen > uint64_t(fileSize) - 8)
    throw Error(file + " is not a valid safetensors file: header length " +
                std::to_string(headerLen) + " runs past the end of the file (" +
                std::to_string(fileSize) + " bytes)");
  std::string header(size_t(headerLen), '\0');
  if (!f.read(header.data(), std::streamsize(headerLen)))
    throw Error("short read from " + file);
  llvm::Expected<llvm::json::Value> json = llvm::json::parse(header);
  if (!json) {
    std::string why = llvm::toString(json.takeError());
    throw Error(file + " has a malformed JSON header: " + why);
  }
  const llvm::json::Object *root = json->getAsObject();
  if (!root)
    throw Error(file + " has a JSON header that is not an object");

  const uint64_t dataSize = uint64_t(fileSize) - 8 - headerLen;
  std::vector<Entry> entries;
  for (const auto &kv : *root) {
    const std::string name = kv.first.str();
    if (name == "__metadata__") {
      const llvm::json::Object *m = kv.second.getAsObject();
      if (!m)
        throw Error(file + ": \"__metadata__\" is not a JSON object");
      for (const auto &mkv : *m) {
        std::optional<llvm::StringRef> s = mkv.second.getAsString();
        if (!s)
          throw Error(file + ": \"__metadata__\" entry '" + mkv.first.str() + "' is not a string");
        if (metadata)
          (*metadata)[mkv.first.str()] = s->str();
      }
      continue;
    }
    entries.push_back(parseEntry(file + ": tensor '" + name + "'", name, kv.second, dataSize));
  }
  // Tensors may not share bytes (the format forbids it, and it would mean a corrupt header).
  std::vector<const Entry *> byOffset;
  for (const Entry &e : entries)
    if (e.end > e.begin)
      byOffset.push_back(&e);
  std::sort(byOffset.begin(), byOffset.end(),
            [](const Entry *a, const Entry *b) { return a->begin < b->begin; });
  for (size_t i = 1; i < byOffset.size(); ++i)
    if (byOffset[i]->begin < byOffset[i - 1]->end)
      throw Error(file + ": tensors '" + byOffset[i - 1]->name + "' and '" + byOffset[i]->name +
                  "' have overlapping data_offsets");

  std::string data(size_t(dataSize), '\0');
  if (!f.read(data.data(), std::streamsize(dataSize)))
    throw Error("short read from " + file);
  std::map<std::string, TensorData> out;
  for (const Entry &e : entries) {
    TensorData t;
    t.shape = e.shape;
    const size_t n = size_t((e.end - e.begin) / uint64_t(e.dtype->bytes));
    t.values.resize(n);
    const char *p = data.data() + e.begin;
    if (e.dtype->type == DType::F32)
      std::memcpy(t.values.data(), p, n * sizeof(float));
    else
      for (size_t i = 0; i < n; ++i)
        t.values[i] = convertOne(e.dtype->type, p + i * size_t(e.dtype->bytes));
    out[e.name] = std::move(t);
  }
  return out;
}

void writeSafetensors(const std::string &path, const std::map<std::string, TensorData> &tensors,
                      const std::map<std::string, std::string> &metadata) {
  llvm::json::Object root;
  uint64_t offset = 0;
  for (const auto &[name, t] : tensors) {
    if (name.empty() || name == "__metadata__")
      throw Error("cannot write a tensor named '" + name + "' to safetensors file '" + path + "'");
    for (int64_t d : t.shape)
      if (d < 0)
        throw Error("tensor '" + name + "' has a negative dimension in shape " +
                    formatShape(t.shape));
    if (int64_t(t.values.size()) != t.numElements())
      throw Error("tensor '" + name + "' has shape " + formatShape(t.shape) + " (" +
                  std::to_string(t.numElements()) + " values) but holds " +
                  std::to_string(t.values.size()) + " values");
    llvm::json::Array shape;
    for (int64_t d : t.shape)
      shape.push_back(d);
    const uint64_t bytes = uint64_t(t.values.size()) * sizeof(float);
    root[name] = llvm::json::Object{
        {"dtype", "F32"},
        {"shape", std::move(shape)},
        {"data_offsets", llvm::json::Array{int64_t(offset), int64_t(offset + bytes)}}};
    offset += bytes;
  }
  if (!metadata.empty()) {
    llvm::json::Object m;
    for (const auto &[k, v] : metadata)
      m[k] = v;
    root["__metadata__"] = std::move(m);
  }
  std::string header;
  llvm::raw_string_ostream os(header);
  os << llvm::json::Value(std::move(root));
  os.flush();
  // Padding keeps the byte buffer 8-byte aligned, so readers may map it in place.
  header.append((8 - header.size() % 8) % 8, ' ');

  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  if (!f)
    throw Error("cannot write safetensors file '" + path + "': " + std::strerror(errno));
  const uint64_t len = header.size();
  f.write(reinterpret_cast<const char *>(&len), 8);
  f.write(header.data(), std::streamsize(header.size()));
  for (const auto &kv : tensors)
    f.write(reinterpret_cast<const char *>(kv.second.values.data()),
            std::streamsize(kv.second.values.size() * sizeof(float)));
  if (!f.flush())
    throw Error("error writing safetensors file '" + path + "': " + std::strerror(errno));
}

} // namespace sconv::rt
