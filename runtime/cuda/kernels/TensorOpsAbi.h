// The interface between the per-site tensor kernels (TensorOps.cu) and the host code that launches
// them (runtime/cuda/GpuTensorOps.cpp). These let a backbone's features stay in device memory from
// its first conv to its last: the pointwise ops between convs (ReLU, BN, residual add, concat, the constant channel) and
// the epilogue of fetch-on-demand convs run on the GPU instead of sending features to the host.
//
// Each kernel computes what the CPU's runtime/SiteOps.cpp computes for the same element, in fp32;
// every output element has one writer (grid-stride loops, no atomics), so results do not depend
// on scheduling. All run with kTensorBlock threads per block and any grid.
#pragma once
#include "runtime/cuda/kernels/DeviceDefs.h"

namespace sconv::gpu {

constexpr int kTensorBlock = 256;

#define SCONV_TENSOR_KERNELS(X)                                                                    \
  X(sconv_ops_fill_rows)                                                                           \
  X(sconv_ops_residual_relu)                                                                       \
  X(sconv_ops_scale_shift)                                                                         \
  X(sconv_ops_relu)                                                                                \
  X(sconv_ops_add)                                                                                 \
  X(sconv_ops_concat)                                                                              \
  X(sconv_ops_append_ones)                                                                         \
  X(sconv_ops_importance)                                                                          \
  X(sconv_ops_scale_by_importance)                                                                 \
  X(sconv_ops_merge_rows)                                                                          \
  X(sconv_ops_scatter_dense)

/// out[r][c] = row[c] for r < rows, c < channels; row == null writes zeros (a conv output that
/// starts from its bias, or from nothing).
SCONV_KERNEL void sconv_ops_fill_rows(float *out, i64 rows, i64 channels, const float *row);
/// out[i] = relu?(out[i] + residual[i]) for i < n; residual may be null (no add), relu is 0 or 1.
SCONV_KERNEL void sconv_ops_residual_relu(float *out, i64 n, const float *residual, int relu);
/// out[r][c] = in[r][c] * scale[c] + shift[c] (inference batch norm, scale and shift folded on the
/// host as batchNormInPlace does).
SCONV_KERNEL void sconv_ops_scale_shift(const float *in, float *out, i64 rows, i64 channels,
                                        const float *scale, const float *shift);
/// out[i] = max(in[i], 0).
SCONV_KERNEL void sconv_ops_relu(const float *in, float *out, i64 n);
/// out[i] = a[i] + b[i].
SCONV_KERNEL void sconv_ops_add(const float *a, const float *b, float *out, i64 n);
/// out[r] = (a[r][0..ca), b[r][0..cb)).
SCONV_KERNEL void sconv_ops_concat(const float *a, i64 ca, const float *b, i64 cb, float *out,
                                   i64 rows);
/// out[r] = (in[r][0..channels), 1.0f): the constant channel of SW-LK's plain form.
SCONV_KERNEL void sconv_ops_append_ones(const float *in, i64 channels, float *out, i64 rows);

// SPS-Conv (SPSS/SPRS) steps (the top-k ranking and the masked maps are in Pruning.cu and
// MaskedMaps.cu).
/// out[r] = (sum over c in order 0..C-1 of |in[r][c]|) / C in fp32: importanceMean's operations,
/// so the same bits (the ranking of near-equal sites depends on them).
SCONV_KERNEL void sconv_ops_importance(const float *in, i64 rows, i64 channels, float *out);
/// out[r][c] = in[r][c] * importanceSigmoid(m[r]) (scaleByImportance: runtime/ImportanceSigmoid.h
/// is the CPU's definition too, so the same bits).
SCONV_KERNEL void sconv_ops_scale_by_importance(const float *in, const float *m, float *out,
                                                i64 rows, i64 channels);
/// mergePruned: out[r] = computed[source[r]] where source[r] >= 0, else
/// (scale ? scale[c] * pass[r][c] : pass[r][c]) + (shift ? shift[c] : 0).
SCONV_KERNEL void sconv_ops_merge_rows(const float *pass, const float *computed, const int *source,
                                       i64 rows, i64 channels, const float *scale,
                                       const float *shift, float *out);

/// toDense's scatter: out[((b * channels + c) * depth + z) * height * width + y * width + x] =
/// in[r][c] for the site (b, z, y, x) of row r (`coords`: rows x 4). The sites are distinct and
/// inside the map (checked on the host first), so every written element has one writer; `out`
/// is zeroed before.
SCONV_KERNEL void sconv_ops_scatter_dense(const float *in, const int *coords, Rows rows,
                                          i64 channels, i64 depth, i64 height, i64 width,
                                          float *out);

} // namespace sconv::gpu
