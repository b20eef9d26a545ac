// Float64 reference implementations written straight from the OPERATORS.md formulas, deliberately
// independent of the runtime's CoordHash / KernelMap / kernelOffset: sites are found with std::map,
// offsets and output shapes are recomputed here. Slow; for tests on small clouds only.
#pragma once
#include "runtime/ConvGeometry.h"

#include <array>
#include <map>
#include <vector>

namespace sconv::ref {

using rt::ConvGeometry;
using rt::ConvKind;
using rt::Int3;
using rt::SparseTensor;

using Site = std::array<int32_t, 4>; // (batch, z, y, x)

struct RefTensor {
  std::vector<int32_t> coords; // numSites * 4
  std::vector<double> feats;   // numSites * channels
  int64_t numSites = 0, channels = 0;
  Int3 spatialShape{0, 0, 0};
  int32_t batchSize = 1;
};

/// Site -> row of a tensor's coordinates (std::map; throws on a duplicate site).
class SiteIndex {
public:
  explicit SiteIndex(const SparseTensor &t);
  /// Row of the site, or -1.
  int64_t find(const Site &s) const;
  const std::map<Site, int64_t> &sites() const { return rows_; }

private:
  std::map<Site, int64_t> rows_;
};

/// Position inside the kernel box of flat index k: row-major (z, y, x), 0..k-1 per axis.
Int3 refKernelPosition(const Int3 &kernel, int64_t k);
/// Output shape of a regular conv: floor((S + 2p - d*(k-1) - 1)/s) + 1 per axis (S for submanifold).
/// Throws when not positive.
Int3 refOutputShape(const Int3 &in, const ConvGeometry &g);
/// The input site output `o` reads through flat kernel index k:
///   submanifold  o + (pos - r)*d       regular  o*s - p + pos*d
/// Coordinates may land outside the shape (64-bit arithmetic, clamped to int32 range).
Site refInputSite(const ConvGeometry &g, const Site &o, int64_t k);
/// Output sites of a regular conv (every o in batch x output shape with at least one active term),
/// sorted lexicographically; found by enumerating, for each input and kernel position, the o that
/// reads it.
std::vector<Site> refConvOutputSites(const SparseTensor &in, const ConvGeometry &g);

/// Weights are [K, C_in, C_out] with K = g.volume(), C_in = in.channels; bias (optional) [C_out].
RefTensor refSubmConv(const SparseTensor &in, const std::vector<float> &weight,
                      const std::vector<float> *bias, const ConvGeometry &g);
RefTensor refConv(const SparseTensor &in, const std::vector<float> &weight,
                  const std::vector<float> *bias, const ConvGeometry &g);
/// Regular conv by brute force over every output position of the dense output grid and every
/// kernel position: for cross-checking refConv (and the output-site rule) on small grids.
RefTensor refDenseConv(const SparseTensor &in, const std::vector<float> &weight,
                       const std::vector<float> *bias, const ConvGeometry &g);

/// The same tensor with rows sorted by (b, z, y, x).
RefTensor sortedByCoord(RefTensor t);
/// A runtime tensor widened to float64.
RefTensor toRef(const SparseTensor &t);
/// A reference result rounded to float, to feed the next layer as the compiled model stores it.
SparseTensor fromRef(const RefTensor &r);

} // namespace sconv::ref
