// See RandomParams.h.
#include "runtime/RandomParams.h"

#include <cmath>
#include <random>

namespace sconv::rt {

static bool endsWith(const std::string &s, const char *suffix) {
  std::string t(suffix);
  return s.size() >= t.size() && s.compare(s.size() - t.size(), t.size(), t) == 0;
}

std::vector<float> randomParam(const ParamInfo &param, uint64_t seed) {
  // Seed from the name too, so adding a parameter does not change the others.
  uint64_t h = seed * 0x9E3779B97F4A7C15ull;
  for (char c : param.name)
    h = (h ^ uint8_t(c)) * 0x100000001B3ull;
  std::mt19937_64 rng(h);
  float lo = -0.1f, hi = 0.1f;
  if (param.shape.size() >= 2) {
    int64_t fanIn = param.numElements() / param.shape.back();
    hi = float(std::sqrt(3.0 / double(std::max<int64_t>(fanIn, 1))));
    lo = -hi;
  } else if (endsWith(param.name, "var")) {
    lo = 0.5f, hi = 1.5f;
  } else if (endsWith(param.name, "weight") || endsWith(param.name, "gamma")) {
    lo = 0.9f, hi = 1.1f;
  }
  std::uniform_real_distribution<float> dist(lo, hi);
  std::vector<float> v(size_t(param.numElements()));
  for (float &x : v)
    x = dist(rng);
  return v;
}

} // namespace sconv::rt
