// Kernel maps beyond the plain submanifold / regular ones of KernelMap.h: the transposed map of an
// inverse convolution, the map of a dense-style transposed convolution, and the two maps of SPS-Conv
// (restricted submanifold rows for SPSS, pruned output sites for SPRS). See OPERATORS.md and
// docs/operators-notes.md for the semantics. Like buildKernelMap, every builder's result is
// independent of the pool's thread count, and bad arguments throw Error.
#pragma once
#include "runtime/KernelMap.h"

#include <cstdint>
#include <vector>

namespace sconv::rt {

/// The map of the inverse conv (SparseInverseConv3d) that undoes the regular conv `fwd` built over
/// `fwdInput`: outputs are fwdInput's sites in its row order (outCoords = fwdInput.coords,
/// outShape = fwdInput.spatialShape, batchSize = fwdInput.batchSize, numOut = fwdInput.numSites),
/// inputs are fwd's outputs (numIn = fwd.numOut), same volume and kernel order, and
///   t.nbr[i*K + k] = o  where  fwd.nbr[o*K + k] = i,  else -1.
/// geometry = fwd.geometry (it describes the forward conv, not this map's site relation). Throws
/// Error when fwd does not belong to fwdInput (numIn / sizes disagree, an entry is out of range) or
/// when two outputs of fwd reach the same (i, k): "map is not invertible" (never the case for a map
/// from buildKernelMap, where i and k determine o).
KernelMap transposeKernelMap(const KernelMap &fwd, const SparseTensor &fwdInput);
/// transposeKernelMap's checks (the same errors, except the per-entry ones) and its result before
/// the scatter: every nbr entry -1. For builders elsewhere (the GPU).
KernelMap transposeKernelMapHeader(const KernelMap &fwd, const SparseTensor &fwdInput);
/// Same, with the scatter spread over the pool (same result, same errors).
KernelMap transposeKernelMap(const KernelMap &fwd, const SparseTensor &fwdInput, ThreadPool &pool);

/// Output shape of a transposed conv, per axis (S-1)*s - 2p + d*(k-1) + 1 + outputPadding. Throws
/// unless g is a valid Regular geometry, 0 <= outputPadding < max(stride, dilation) (torch's rule)
/// and the result is positive.
Int3 convTransposeOutputShape(const Int3 &in, const ConvGeometry &g, const Int3 &outputPadding);

/// The map of a transposed conv (SparseConvTranspose3d, dense ConvTranspose3d site generation).
/// g must be Regular (kernel, stride, padding, dilation as written on the transposed conv).
/// Output sites: every o = i*s - p + kpos(k)*d (i an active input, kpos the kernel position of flat
/// index k, row-major z, y, x) inside convTransposeOutputShape(...), deduplicated and sorted by
/// (b, z, y, x); nbr[o*K + k] = i when o == i*s - p + kpos(k)*d (i is unique), else -1.
/// geometry = g, outShape = the transposed output shape, numIn = in.numSites.
KernelMap buildTransposedConvMap(const SparseTensor &in, const ConvGeometry &g, Int3 outputPadding,
                                 ThreadPool &pool);
/// buildTransposedConvMap's checks and its result's sizes, before the sites are validated (a
/// CoordHash over them: in range, no duplicates) and the map is built: no output rows yet. For
/// builders elsewhere (the GPU), which validate the sites their own way.
KernelMap transposedConvMapHeader(const SparseTensor &in, const ConvGeometry &g,
                                  const Int3 &outputPadding);

/// The argument checks of the two masked maps below (the kind of g picks which: Submanifold for
/// SPSS, Regular for SPRS), shared with the GPU builders so both reject the same input with the
/// same words: a valid geometry, 4 coords per site, one mask entry per site, and for SPSS the key
/// range of the input.
void checkMaskedMapArgs(const SparseTensor &in, const ConvGeometry &g, size_t maskEntries);

/// SPSS: the submanifold map of g (kind Submanifold) with output rows only for the sites with
/// important[row] != 0, in input row order (outCoords = those sites, numOut = their count). The
/// neighbours are looked up among all input sites (important and pruned); numIn = in.numSites.
KernelMap buildRestrictedSubmanifoldMap(const SparseTensor &in, const ConvGeometry &g,
                                        const std::vector<uint8_t> &important, ThreadPool &pool);

/// The flat kernel index of SPRS's window centre: (k - 1) / 2 per axis, row-major (z, y, x).
int64_t sprsCentreOffset(const ConvGeometry &g);

/// SPRS: the regular map of g (kind Regular) restricted to the output sites whose kernel window
/// holds at least one important input, plus those whose window centre o*s - p + r*d
/// (r = (k-1)/2 per axis, a kernel position for even k too) is a pruned input site. Rows sorted by
/// (b, z, y, x); nbr over all active inputs (important and pruned), exactly the regular map's rows.
/// With every site important it equals buildKernelMap(in, g, pool).
KernelMap buildSprsMap(const SparseTensor &in, const ConvGeometry &g,
                       const std::vector<uint8_t> &important, ThreadPool &pool);

} // namespace sconv::rt
