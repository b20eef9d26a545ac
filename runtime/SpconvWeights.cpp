// See SpconvWeights.h.
#include "runtime/SpconvWeights.h"

namespace sconv::rt {

SpconvLayout parseSpconvLayout(const std::string &name) {
  if (name == "spconv2")
    return SpconvLayout::Spconv2;
  if (name == "spconv1")
    return SpconvLayout::Spconv1;
  throw Error("unknown weight layout '" + name + "' (expected spconv2 or spconv1)");
}

const char *spconvLayoutName(SpconvLayout layout) {
  return layout == SpconvLayout::Spconv2 ? "spconv2" : "spconv1";
}

namespace {

/// The kernel dims (kz, ky, kx) of a 5-D weight read in `layout`.
std::vector<int64_t> kernelDims(const std::vector<int64_t> &s, SpconvLayout layout) {
  return layout == SpconvLayout::Spconv2 ? std::vector<int64_t>{s[1], s[2], s[3]}
                                         : std::vector<int64_t>{s[0], s[1], s[2]};
}

bool cubic(const std::vector<int64_t> &k) { return k[0] == k[1] && k[1] == k[2]; }

bool endsWith(const std::string &s, const std::string &suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

} // namespace

TensorData convertSpconvConvWeight(const std::string &name, const TensorData &w,
                                   SpconvLayout layout) {
  if (w.shape.size() != 5)
    throw Error("conv weight '" + name + "' has shape " + formatShape(w.shape) +
                ", expected 5 dims in " + spconvLayoutName(layout) + " layout");
  if (int64_t(w.values.size()) != w.numElements())
    throw Error("conv weight '" + name + "' has shape " + formatShape(w.shape) + " but " +
                std::to_string(w.values.size()) + " values");
  const std::vector<int64_t> &s = w.shape;
  const std::vector<int64_t> k = kernelDims(s, layout);
  const int64_t volume = k[0] * k[1] * k[2];
  TensorData out;
  if (layout == SpconvLayout::Spconv1) {
    // [kz, ky, kx, C_in, C_out] is [K, C_in, C_out] already, row-major.
    out.shape = {volume, s[3], s[4]};
    out.values = w.values;
    return out;
  }
  const int64_t cout = s[0], cin = s[4];
  out.shape = {volume, cin, cout};
  out.values.resize(w.values.size());
  // in[co][k][ci] (k = (z*ky + y)*kx + x, contiguous in spconv 2.x) -> out[k][ci][co].
  for (int64_t co = 0; co < cout; ++co)
    for (int64_t kk = 0; kk < volume; ++kk) {
      const float *src = w.values.data() + (co * volume + kk) * cin;
      float *dst = out.values.data() + kk * cin * cout + co;
      for (int64_t ci = 0; ci < cin; ++ci)
        dst[ci * cout] = src[ci];
    }
  return out;
}

std::map<std::string, TensorData>
convertSpconvStateDict(const std::map<std::string, TensorData> &stateDict,
                       const SpconvConvertOptions &options, SpconvConvertReport *report) {
  SpconvConvertReport local;
  SpconvConvertReport &rep = report ? *report : local;
  std::map<std::string, TensorData> out;
  for (const auto &[fullName, t] : stateDict) {
    std::string name = fullName;
    if (!options.stripPrefix.empty()) {
      if (name.compare(0, options.stripPrefix.size(), options.stripPrefix) != 0) {
        ++rep.droppedOutsidePrefix;
        continue;
      }
      name = name.substr(options.stripPrefix.size());
      if (name.empty())
        throw Error("tensor '" + fullName + "' has no name left after removing the prefix '" +
                    options.stripPrefix + "'");
    }
    // BatchNorm's step counter is training state, not a parameter.
    if (endsWith(name, "num_batches_tracked")) {
      ++rep.droppedCounters;
      continue;
    }
    if (t.shape.size() == 5) {
      const SpconvLayout other =
          options.layout == SpconvLayout::Spconv2 ? SpconvLayout::Spconv1 : SpconvLayout::Spconv2;
      if (!cubic(kernelDims(t.shape, options.layout)) && cubic(kernelDims(t.shape, other)))
        rep.layoutDoubts.push_back("'" + fullName + "' " + formatShape(t.shape) +
                                   " has a cubic kernel only in " + spconvLayoutName(other) +
                                   " layout");
      out[name] = convertSpconvConvWeight(fullName, t, options.layout);
      ++rep.convWeights;
      continue;
    }
    out[name] = t;
    ++rep.copied;
  }
  return out;
}

} // namespace sconv::rt
