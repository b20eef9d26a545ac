// Per-site operators of the runtime (OPERATORS.md "Magnitude-guided importance", "SW-LK", "Other
// ops a backbone needs"; docs/operators-notes.md for the choices): SPS-Conv importance, pruning and
// merging, the SW-LK partition sums, BatchNorm, ReLU, add, concat and to_dense. Features are
// row-major [numSites, channels] fp32. Misuse (mismatched sizes, wrong channel counts, different
// site lists) throws Error; results never depend on a pool's thread count.
#pragma once
#include "runtime/KernelMap.h"

#include <cstdint>
#include <vector>

namespace sconv::rt {

// ---- SPS-Conv importance and pruning ---------------------------------------------------------

/// A tensor on `like`'s sites with `channels` channels and no features yet.
SparseTensor onSitesOf(const SparseTensor &like, int64_t channels);
/// A tensor on the output sites of `map` with `channels` channels and no features yet.
SparseTensor onOutputSites(const KernelMap &map, int64_t channels);

/// m per site: (sum_{c=0..C-1} |F[c]|, plain fp32 adds in channel order) / float(C). Bit-identical
/// to every other backend (the pruning decisions are taken on m). Throws when C == 0.
std::vector<float> importanceMean(const SparseTensor &x);

/// Top-k mode: per batch sample b with N_b sites, the floor(N_b * ratio) sites (one float64
/// multiplication) with the lowest m are pruned (0), the rest important (1); among equal m the
/// lexicographically smaller (b, z, y, x) is pruned first, so the mask does not depend on the row
/// order. ratio in [0, 1); m.size() == sites.numSites; batch indices in [0, batchSize); no NaN in m.
std::vector<uint8_t> pruneByRatio(const SparseTensor &sites, const std::vector<float> &m,
                                  double ratio);
/// The fp32 threshold on m of threshold mode: float(ln(t / (1 - t))) computed in float64. t in (0, 1).
float pruneThreshold(double t);
/// Threshold mode: pruned (0) where m <= pruneThreshold(t) (that is imp <= t), else important (1).
std::vector<uint8_t> pruneByThreshold(const std::vector<float> &m, double t);

/// F *= imp with imp = importanceSigmoid(m) (runtime/ImportanceSigmoid.h: 1 / (1 + exp(-m)) by a
/// definition the GPU shares bit for bit), per site. m.size() == x.numSites.
void scaleByImportance(SparseTensor &x, const std::vector<float> &m);

/// SPSS output assembly on passthrough's sites and rows: the important rows take the rows of
/// `computed` in order (computed.numSites must equal the number of important rows, its channels
/// passthrough's, and its coords the important sites in order); pruned rows take
/// scale[c] * F[c] + shift[c] (a BatchNorm folded into the conv), where a null scale means 1 and a
/// null shift means 0 (both null: F unchanged). scale and shift hold passthrough.channels values.
SparseTensor mergePruned(const SparseTensor &passthrough, const SparseTensor &computed,
                         const std::vector<uint8_t> &important, const float *scale,
                         const float *shift);
/// mergePruned's checks on sites and sizes only (features are not read; they may be elsewhere):
/// per passthrough row, the row of `computed` it takes, or -1 for a pruned row.
std::vector<int32_t> mergeSources(const SparseTensor &passthrough, const SparseTensor &computed,
                                  const std::vector<uint8_t> &important);

// ---- SW-LK partition sums ----------------------------------------------------------------------

/// The group sums of the efficient SW-LK form, one row per output of `map` (a k^3 submanifold map
/// over `in`, dilation as the map has it; a restricted map works too), channels 27 * C laid out
/// [g][c]:
///   G[o][13]   = in[map.nbr[o][centre]]                       (the site itself, no PE)
///   G[o][g]    = sum over idx != centre in group g with map.nbr[o][idx] >= 0 of
///                (in[map.nbr[o][idx]] + pe[idx])               (zero when no term exists)
/// with g = 9*seg(dz) + 3*seg(dy) + seg(dx) of the offset of flat index idx (seg: 0 / 1 / 2 for
/// < 0 / == 0 / > 0). pe is [k^3, C] or null (zeros). Terms are added in fp32 in increasing idx
/// order. The result has map.outCoords, map.outShape, map.batchSize. k odd >= 3.
SparseTensor partitionSum(const SparseTensor &in, const KernelMap &map, const float *pe, int k,
                          ThreadPool &pool);

/// The SW-LK group (0..26) of every flat offset of a k^3 kernel: 9*seg(dz) + 3*seg(dy) + seg(dx).
std::vector<int32_t> swLkGroups(int k);

/// The weight of SW-LK's plain form (docs/design.md, "SW-LK forms"), [k^3, C_in (+1), C_out]:
/// W'[d][c][:] = w27[g(d)][c][:], and with a position embedding pe [k^3, C_in] one more row per
/// offset, W'[d][C_in][:] = sum_c pe[d][c] * w27[g(d)][c][:] (in double, rounded once; zero at
/// the centre), the weight of appendOnes' channel. Throws on sizes that do not match.
std::vector<float> expandSwLkWeights(const std::vector<float> &w27, const std::vector<float> *pe,
                                     int k, int64_t cin, int64_t cout);

// ---- Pointwise ops -----------------------------------------------------------------------------

/// x's channels followed by a channel of 1.0 at every site (the plain SW-LK form's input).
SparseTensor appendOnes(const SparseTensor &x);

/// Inference BatchNorm: y = (x - mean) / sqrt(var + eps) * gamma + beta per channel, applied as
/// y = x * a + b with a = gamma / sqrt(var + eps) and b = beta - mean * a computed in float64.
/// Each parameter holds x.channels values; throws on a null parameter or var + eps <= 0.
void batchNormInPlace(SparseTensor &x, const float *gamma, const float *beta, const float *mean,
                      const float *var, double eps);
/// The per-channel a (scale) and b (shift) of batchNormInPlace, for applying it elsewhere (the
/// GPU); the same errors.
struct BatchNormFactors {
  std::vector<float> scale, shift;
};
BatchNormFactors batchNormFactors(int64_t channels, const float *gamma, const float *beta,
                                  const float *mean, const float *var, double eps);
void reluInPlace(SparseTensor &x);

// Checks of the per-site ops on sizes only (features not read: they may be on a GPU), shared by
// the ops above and the executor's GPU paths so both reject the same input with the same words.
/// importanceMean's: at least one channel.
void checkHasChannels(const SparseTensor &x, const char *what);
/// addInPlace's: equal channel counts.
void checkAddChannels(const SparseTensor &a, const SparseTensor &b);
/// a += b. Same numSites, channels, spatial shape and batch size, and the same coords in the same
/// row order (compared; throws when they differ).
void addInPlace(SparseTensor &a, const SparseTensor &b);
/// Channels of a followed by channels of b, per site; same requirements on the sites as addInPlace.
SparseTensor concat(const SparseTensor &a, const SparseTensor &b);
/// Dense BEV map [B, C*D, H, W] (row-major) with channel index c*D + z, zeros at inactive sites.
/// Throws when B*C*D*H*W exceeds 2^31 elements or a site lies outside batch x shape.
std::vector<float> toDense(const SparseTensor &x);
/// toDense's checks on the sites alone (features may be elsewhere, e.g. on a GPU): the number of
/// elements of the dense map, or the same errors as toDense.
int64_t denseSize(const SparseTensor &sites);

} // namespace sconv::rt
