// Kernel maps: for each output site and each kernel offset, the input row that contributes (or -1).
// One map serves every conv with the same input coordinates, output coordinates and geometry.
#pragma once
#include "runtime/ConvGeometry.h"
#include "runtime/ThreadPool.h"

namespace sconv::rt {

struct KernelMap {
  ConvGeometry geometry;
  int64_t numIn = 0;
  int64_t numOut = 0;
  int64_t volume = 0;
  int32_t batchSize = 1;
  Int3 outShape{0, 0, 0};
  /// Output-stationary form, numOut x volume: input row feeding output o through offset k, or -1.
  std::vector<int32_t> nbr;
  /// numOut x 4 output sites. Submanifold: the input coordinates, same row order. Regular: sorted
  /// lexicographically by (b, z, y, x), so the order does not depend on threading.
  std::vector<int32_t> outCoords;

  /// True while nbr lives only in the compute backend that built the map (ComputeBackend.h): nbr
  /// is empty here until ComputeBackend::fetchMapTable copies it. Only the executor makes such
  /// maps, and it fetches the table before any host code reads nbr.
  bool nbrElsewhere = false;

  /// Number of (output, offset) pairs with an active input: the useful multiply-add rows.
  int64_t numPairs() const;
};

/// How a regular conv's output site set is collected and indexed (the map is identical; only cost
/// differs). Bitmap: one bit per site of the (batch x output shape) grid, set in parallel, read out
/// in order (sorted for free), output rows by rank. Sort: candidate keys per input chunk, sorted and
/// deduplicated, output rows from a CoordHash. Auto picks the bitmap unless it (12 bytes per 64
/// grid sites) would be larger than both 64 MiB and the candidate list.
enum class OutputSiteMethod { Auto, Bitmap, Sort };

/// How a submanifold map is built. Lookup: a hash probe per (row, offset) of half the kernel, the
/// other half mirrored. Blocks: sites bucketed into cubes and each row's window searched cube by
/// cube (BlockedSubmanifoldMap.h), which wins for large kernels. Auto picks Blocks from
/// kBlockedSubmanifoldVolume offsets on. Both give the same map.
enum class SubmanifoldMethod { Auto, Lookup, Blocks };
/// The smallest kernel volume Auto builds by blocks (measured: docs/design.md "Kernel maps").
inline constexpr int64_t kBlockedSubmanifoldVolume = 343;

/// Checks `in` and `geometry` as every map builder does (geometry, coordinate array size, key
/// range of input and output grids, in that order; Error on failure) and returns a map with
/// geometry, numIn, volume, batchSize and outShape set. The CPU and GPU builders share it so
/// their errors are the same.
KernelMap kernelMapHeader(const SparseTensor &in, const ConvGeometry &geometry);

/// Builds the map of `geometry` over the active sites of `in` (only coords, shape and batch are
/// read). Submanifold maps use the symmetry nbr[o][k] = i  <=>  nbr[i][K-1-k] = o to halve the
/// lookups. The result does not depend on the pool's thread count. Throws Error on invalid geometry
/// or input (duplicate or out-of-shape sites, batch >= 2^15, an extent >= 2^16).
KernelMap buildKernelMap(const SparseTensor &in, const ConvGeometry &geometry, ThreadPool &pool);
/// Same, forcing the output-site method of regular convs or the submanifold method (for tests
/// and benchmarks).
KernelMap buildKernelMap(const SparseTensor &in, const ConvGeometry &geometry, ThreadPool &pool,
                         OutputSiteMethod method,
                         SubmanifoldMethod submanifold = SubmanifoldMethod::Auto);

} // namespace sconv::rt
