// Choosing and loading device code for the GPU at hand (see GpuModule.h for the rules).
#include "runtime/cuda/GpuModule.h"
#include "runtime/Artifact.h"
#include "runtime/Plan.h"

#include <algorithm>
#include <cctype>
#include <tuple>

namespace sconv::rt {

GpuChip parseGpuChip(const std::string &chip) {
  GpuChip c;
  size_t i = 3, digits = 0;
  int number = 0;
  if (chip.compare(0, 3, "sm_") == 0)
    for (; i < chip.size() && std::isdigit(static_cast<unsigned char>(chip[i])) && digits < 4;
         ++i, ++digits)
      number = number * 10 + (chip[i] - '0');
  const bool suffixOk = i == chip.size() || (i + 1 == chip.size() && (chip[i] == 'a' || chip[i] == 'f'));
  if (digits < 2 || !suffixOk)
    throw Error("'" + chip + "' is not a GPU target: expected sm_<major><minor>[a|f], e.g. sm_90");
  c.major = number / 10;
  c.minor = number % 10;
  c.suffix = i < chip.size() ? chip[i] : 0;
  return c;
}

namespace {

bool cubinRuns(const GpuChip &c, int major, int minor) {
  if (c.suffix == 'a')
    return c.major == major && c.minor == minor;
  return c.major == major && c.minor <= minor;
}

bool ptxRuns(const GpuChip &c, int major, int minor) {
  if (c.suffix == 'a')
    return c.major == major && c.minor == minor;
  if (c.suffix == 'f')
    return c.major == major && c.minor <= minor;
  return std::make_pair(c.major, c.minor) <= std::make_pair(major, minor);
}

const char *formatName(DeviceImageFormat f) { return f == DeviceImageFormat::Ptx ? "PTX" : "cubin"; }

/// "PTX for sm_80, sm_90 and cubin for sm_90".
std::string inventory(const std::vector<DeviceImage> &images) {
  std::string out;
  for (DeviceImageFormat f : {DeviceImageFormat::Ptx, DeviceImageFormat::Cubin}) {
    std::string chips;
    for (const DeviceImage &im : images)
      if (im.format == f)
        chips += (chips.empty() ? "" : ", ") + im.chip;
    if (!chips.empty())
      out += (out.empty() ? "" : " and ") + std::string(formatName(f)) + " for " + chips;
  }
  return out.empty() ? "no device code" : out;
}

std::string trimmed(const char *log) {
  std::string s(log);
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || s.back() == '\0'))
    s.pop_back();
  return s;
}

} // namespace

std::vector<size_t> rankDeviceImages(const std::vector<DeviceImage> &images, int smMajor,
                                     int smMinor) {
  // Sort key: cubins before PTX, then the newest SM, then arch-specific before plain before family.
  using Key = std::tuple<int, int, int, int>;
  std::vector<std::pair<Key, size_t>> ranked;
  for (size_t i = 0; i < images.size(); ++i) {
    GpuChip c;
    try {
      c = parseGpuChip(images[i].chip);
    } catch (const Error &) {
      continue; // an unknown target can never be chosen
    }
    const bool cubin = images[i].format == DeviceImageFormat::Cubin;
    if (cubin ? !cubinRuns(c, smMajor, smMinor) : !ptxRuns(c, smMajor, smMinor))
      continue;
    const int suffixRank = c.suffix == 'a' ? 0 : c.suffix == 0 ? 1 : 2;
    ranked.push_back({Key{cubin ? 0 : 1, -c.major, -c.minor, suffixRank}, i});
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto &a, const auto &b) { return a.first < b.first; });
  std::vector<size_t> order;
  for (const auto &r : ranked)
    order.push_back(r.second);
  return order;
}

int ptxIsaVersion(std::string_view ptx) {
  // The first ".version X.Y" directive (comments come before it in LLVM's output).
  const size_t at = ptx.find(".version");
  if (at == std::string_view::npos)
    return 0;
  size_t i = at + 8;
  while (i < ptx.size() && (ptx[i] == ' ' || ptx[i] == '\t'))
    ++i;
  int major = 0, minor = 0, digits = 0;
  for (; i < ptx.size() && std::isdigit(static_cast<unsigned char>(ptx[i])); ++i, ++digits)
    major = major * 10 + (ptx[i] - '0');
  if (digits == 0 || i >= ptx.size() || ptx[i] != '.')
    return 0;
  ++i;
  digits = 0;
  for (; i < ptx.size() && std::isdigit(static_cast<unsigned char>(ptx[i])); ++i, ++digits)
    minor = minor * 10 + (ptx[i] - '0');
  return digits ? major * 10 + minor : 0;
}

int minDriverForPtxIsa(int isa) {
  // PTX ISA -> first CUDA release that accepts it (NVIDIA's PTX ISA release history).
  static const std::pair<int, int> table[] = {
      {70, 11000}, {71, 11010}, {72, 11020}, {73, 11030}, {74, 11040}, {75, 11050},
      {76, 11060}, {77, 11070}, {78, 11080}, {80, 12000}, {81, 12010}, {82, 12020},
      {83, 12030}, {84, 12040}, {85, 12050}, {86, 12070}, {87, 12080}, {88, 12090},
      {90, 13000}};
  for (const auto &[v, driver] : table)
    if (v == isa)
      return driver;
  return 0;
}

std::vector<DeviceImage> deviceImagesOf(const Artifact &artifact, const Plan &plan) {
  std::vector<DeviceImage> images;
  for (const GpuImage &g : plan.gpuImages) {
    auto it = artifact.sections.find(g.section);
    if (it == artifact.sections.end())
      throw Error("the compiled model lists GPU code for " + g.chip + " in section '" + g.section +
                  "', which the file does not contain");
    DeviceImage im;
    im.chip = g.chip;
    im.format = g.section.compare(0, 6, "cubin.") == 0 ? DeviceImageFormat::Cubin
                                                       : DeviceImageFormat::Ptx;
    im.bytes = it->second;
    images.push_back(im);
  }
  return images;
}

GpuModule::GpuModule(GpuContext &ctx, const std::vector<DeviceImage> &images, std::string what)
    : ctx_(ctx), what_(std::move(what)) {
  const GpuDeviceInfo &dev = ctx.device();
  const std::vector<size_t> order = rankDeviceImages(images, dev.smMajor, dev.smMinor);
  if (order.empty())
    throw Error(what_ + " has " + inventory(images) + " but this GPU (" + dev.name + ") is " +
                dev.chip() +
                " and none of it can run there: the driver cannot JIT PTX built for a newer SM, "
                "and a cubin runs only on its own major version (" +
                std::to_string(dev.smMajor) + ".x) at or above its minor; build for " +
                dev.chip() + " (or an older SM), or use the CPU backend");

  const CudaDriver &d = ctx.driver();
  ctx.makeCurrent();
  std::string attempts;
  for (size_t idx : order) {
    const DeviceImage &im = images[idx];
    // The driver wants PTX NUL-terminated, and an aligned image: copy it.
    std::string data(im.bytes);
    if (im.format == DeviceImageFormat::Ptx)
      data.push_back('\0');
    char errorLog[8192] = {}, infoLog[8192] = {};
    cu::CUjit_option options[] = {cu::CU_JIT_ERROR_LOG_BUFFER,
                                  cu::CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES,
                                  cu::CU_JIT_INFO_LOG_BUFFER,
                                  cu::CU_JIT_INFO_LOG_BUFFER_SIZE_BYTES};
    void *values[] = {errorLog, reinterpret_cast<void *>(sizeof errorLog - 1), infoLog,
                      reinterpret_cast<void *>(sizeof infoLog - 1)};
    cu::CUmodule m = nullptr;
    const cu::CUresult r = d.cuModuleLoadDataEx(&m, data.data(), 4, options, values);
    if (r == cu::CUDA_SUCCESS) {
      module_ = m;
      loadedChip_ = im.chip;
      loadedFormat_ = im.format;
      log_ = trimmed(infoLog);
      return;
    }
    std::string attempt = std::string(formatName(im.format)) + " for " + im.chip + ": " +
                          d.errorText(r);
    if (im.format == DeviceImageFormat::Ptx) {
      const int isa = ptxIsaVersion(im.bytes);
      const int need = minDriverForPtxIsa(isa);
      if (need && d.version() && d.version() < need)
        attempt += " (its PTX ISA " + std::to_string(isa / 10) + "." + std::to_string(isa % 10) +
                   " needs a driver for CUDA " + cudaVersionText(need) +
                   " or newer; update the NVIDIA driver)";
    }
    if (errorLog[0])
      attempt += " [" + trimmed(errorLog) + "]";
    attempts += (attempts.empty() ? "" : "; ") + attempt;
  }
  throw Error("could not load " + what_ + " on " + dev.describe() + ": " + attempts);
}

GpuModule::~GpuModule() {
  if (module_) {
    ctx_.driver().cuCtxSetCurrent(ctx_.context());
    ctx_.driver().cuModuleUnload(module_);
  }
}

cu::CUfunction GpuModule::function(const char *name) const {
  ctx_.makeCurrent();
  cu::CUfunction f = nullptr;
  const cu::CUresult r = ctx_.driver().cuModuleGetFunction(&f, module_, name);
  if (r != cu::CUDA_SUCCESS)
    throw Error(what_ + " (" + std::string(formatName(loadedFormat_)) + " for " + loadedChip_ +
                ") has no kernel '" + name + "': " + ctx_.driver().errorText(r));
  return f;
}

} // namespace sconv::rt
