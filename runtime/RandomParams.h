// Deterministic random parameters for tests and benchmarks when no weights file is given: scaled
// like a trained network so activations neither vanish nor explode through a deep backbone.
#pragma once
#include "runtime/Plan.h"

#include <cstdint>
#include <vector>

namespace sconv::rt {

/// Values for one parameter, from its name and shape and a seed (same inputs, same values on every
/// machine). Conv weights [K, C_in, C_out]: uniform(+-sqrt(3 / (K*C_in))) (unit variance out for
/// unit variance in). Rank-1 parameters by name: "*var" uniform(0.5, 1.5), "*weight"/"*gamma"
/// uniform(0.9, 1.1), anything else (bias, mean, beta) uniform(+-0.1).
std::vector<float> randomParam(const ParamInfo &param, uint64_t seed);

} // namespace sconv::rt
