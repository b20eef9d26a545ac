// Float64 reference implementations of the OPERATORS.md operators beyond plain submanifold/regular
// convolution: inverse and transposed convolution, SW-LK large-kernel convolution, SPS-Conv
// importance/pruning with SPSS and SPRS, BatchNorm, ReLU, add, concat, linear, to_dense. Where
// OPERATORS.md leaves a choice open these follow docs/operators-notes.md. Like Reference.h, they
// are independent of the runtime's CoordHash / KernelMap (sites are found with std::map /
// SiteIndex), slow, and meant for tests on small clouds only. Bad arguments throw rt::Error.
#pragma once
#include "test/reference/Reference.h"

#include <vector>

namespace sconv::ref {

// ---- Inverse and transposed convolution -------------------------------------------------------

/// SparseInverseConv3d: undoes the regular conv `fwd` (kind Regular) applied to `fwdInput`. `in`
/// lives on that conv's output grid (in.spatialShape must equal refOutputShape(fwdInput's shape,
/// fwd) and the batch sizes must agree). Output sites: exactly fwdInput's sites, in its row order,
/// with its shape and batch size:
///   out[i] = b + sum over (o in in, k) with  i == o*s - p + pos(k)*d  of  W[k] . in[o]
/// Weights [K, C_in, C_out] in the forward conv's kernel order, C_in = in.channels.
RefTensor refInverseConv(const SparseTensor &in, const std::vector<float> &weight,
                         const std::vector<float> *bias, const ConvGeometry &fwd,
                         const SparseTensor &fwdInput);

/// Output shape of a transposed conv: (S-1)*s - 2p + d*(k-1) + 1 + outputPadding per axis.
/// Throws unless 0 <= outputPadding < max(stride, dilation) (torch's rule) and the result is
/// positive. g.kind must be Regular (kernel/stride/padding/dilation are read as given).
Int3 refConvTransposeShape(const Int3 &in, const ConvGeometry &g, const Int3 &outputPadding);
/// SparseConvTranspose3d with dense ConvTranspose3d site generation: output sites are every
/// o = i*s - p + pos(k)*d (i an active input, k any kernel position) inside
/// refConvTransposeShape(...), sorted by (b, z, y, x); out[o] = b + sum over those (i, k) of
/// W[k] . in[i]. Weights [K, C_in, C_out], no flip. The result's spatialShape is the output shape.
RefTensor refConvTranspose(const SparseTensor &in, const std::vector<float> &weight,
                           const std::vector<float> *bias, const ConvGeometry &g,
                           const Int3 &outputPadding);

// ---- SW-LK (spatial-partition large-kernel) convolution ---------------------------------------

/// Group of a centred offset: 9*seg(dz) + 3*seg(dy) + seg(dx), with seg(v) = 0 for v < 0,
/// 1 for v == 0, 2 for v > 0.
int refSwLkGroup(const Int3 &delta);
/// Literal SW-LK submanifold conv (dilation 1), output sites and row order = in's:
///   out[o] = b + W[13] . in[o]
///            + sum_{delta != 0 in [-r, r]^3, o+delta active}
///                  W[g(delta)] . (in[o+delta] + PE[idx(delta)])
/// with k = 2r+1 odd >= 3, W [27, C_in, C_out], PE [k^3, C_in] or empty (= zeros),
/// idx(delta) = (dz+r)*k*k + (dy+r)*k + (dx+r).
RefTensor refSwLk(const SparseTensor &in, const std::vector<float> &weight,
                  const std::vector<float> &pe, const std::vector<float> *bias, int k);
/// The plain k^3 submanifold weight [k^3, C_in, C_out] in which every offset carries its group's
/// W27 row block: refSubmConv(in, groupConstantWeights(W, k, ...), bias, kernel {k,k,k}) equals
/// refSwLk(in, W, {}, bias, k). Only valid for zero PE.
std::vector<float> groupConstantWeights(const std::vector<float> &w27, int k, int64_t cin,
                                        int64_t cout);

// ---- SPS-Conv importance and pruning (docs/operators-notes.md) --------------------------------

/// m per site, exactly as the notes fix it: s = sum_{c=0..C-1} |F[c]| accumulated in fp32 in
/// channel order, m = s / float(C) (fp32 division). Throws when C == 0.
std::vector<float> refImportanceMean(const SparseTensor &in);
/// imp = 1 / (1 + exp(-m)) in float64, m from refImportanceMean.
std::vector<double> refImportance(const SparseTensor &in);
/// Top-k mode: per batch sample with N_b sites, the floor(N_b * ratio) sites with the lowest m are
/// pruned (true); ties in m go to the lexicographically smaller (b, z, y, x) first. The product
/// N_b * ratio is one float64 multiplication (so 10 * 0.7 prunes 7). ratio in [0, 1).
std::vector<bool> refPruned(const SparseTensor &in, double ratio);
/// float(ln(t / (1 - t))) computed in float64 and rounded once to fp32. t in (0, 1).
float refLogitThreshold(double t);
/// Threshold mode: pruned where m <= refLogitThreshold(t) (i.e. imp <= t). Note that t = 0.5 still
/// prunes sites whose features are all zero (m = 0, imp = 0.5 <= 0.5).
std::vector<bool> refPrunedThreshold(const SparseTensor &in, double t);

/// SPSS: g submanifold (odd kernel, dilation), C_in == C_out. With F' = F * imp at every site
/// (imp in float64): important o: b + sum_delta W[delta] . F'[o + delta*d] (neighbours include
/// pruned sites); pruned o: F'[o] (no bias). Output sites and row order = in's.
RefTensor refSpss(const SparseTensor &in, const std::vector<float> &weight,
                  const std::vector<float> *bias, const ConvGeometry &g,
                  const std::vector<bool> &pruned);
/// SPRS: g regular. Output sites: every o of the regular conv's output grid whose kernel window
/// holds at least one important input site, plus every o whose window centre o*s - p + r*d
/// (r = (k-1)/2 per axis) is a pruned input site; sorted by (b, z, y, x). Features: the regular
/// conv formula over all active inputs in the window, with the unscaled F.
RefTensor refSprs(const SparseTensor &in, const std::vector<float> &weight,
                  const std::vector<float> *bias, const ConvGeometry &g,
                  const std::vector<bool> &pruned);

// ---- Pointwise ops (sites and row order of the (first) input) ---------------------------------

/// (x - mean) / sqrt(var + eps) * gamma + beta per channel; each parameter has C values.
RefTensor refBatchNorm(const RefTensor &in, const std::vector<float> &gamma,
                       const std::vector<float> &beta, const std::vector<float> &mean,
                       const std::vector<float> &var, double eps);
RefTensor refBatchNorm(const SparseTensor &in, const std::vector<float> &gamma,
                       const std::vector<float> &beta, const std::vector<float> &mean,
                       const std::vector<float> &var, double eps);
RefTensor refRelu(const RefTensor &in);
RefTensor refRelu(const SparseTensor &in);
/// a + b matched by coordinate (b's row order is free). Throws unless both hold the same site set,
/// channels, spatial shape and batch size. Rows in a's order.
RefTensor refAdd(const RefTensor &a, const RefTensor &b);
RefTensor refAdd(const SparseTensor &a, const SparseTensor &b);
/// Channels of a followed by channels of b, matched by coordinate; same requirements as refAdd
/// except for the channel counts. Rows in a's order.
RefTensor refConcat(const RefTensor &a, const RefTensor &b);
RefTensor refConcat(const SparseTensor &a, const SparseTensor &b);
/// 1x1 layer: out[o] = b + W^T in[o], W [C_in, C_out].
RefTensor refLinear(const RefTensor &in, const std::vector<float> &weight,
                    const std::vector<float> *bias);
RefTensor refLinear(const SparseTensor &in, const std::vector<float> &weight,
                    const std::vector<float> *bias);

/// Dense BEV map [B, C*D, H, W] (row-major) with channel index c*D + z, zeros at inactive sites.
std::vector<double> refToDense(const RefTensor &in);
std::vector<double> refToDense(const SparseTensor &in);

} // namespace sconv::ref
