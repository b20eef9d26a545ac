// Per-site tensor kernels (declared, with their contracts, in TensorOpsAbi.h). Compiled to PTX by
// clang with the kernel-map code (RuntimeKernels.cu) and, for tests, as host C++ (DeviceDefs.h).
#include "runtime/cuda/kernels/TensorOpsAbi.h"
#include "runtime/ImportanceSigmoid.h"

namespace sconv::gpu {

SCONV_KERNEL void sconv_ops_fill_rows(float *out, i64 rows, i64 channels, const float *row) {
  const i64 n = rows * channels;
  for (i64 i = gridStart(); i < n; i += gridStep())
    out[i] = row ? row[i % channels] : 0.0f;
}

SCONV_KERNEL void sconv_ops_residual_relu(float *out, i64 n, const float *residual, int relu) {
  for (i64 i = gridStart(); i < n; i += gridStep()) {
    float v = out[i];
    if (residual)
      v += residual[i];
    if (relu)
      v = v > 0.0f ? v : 0.0f;
    out[i] = v;
  }
}

SCONV_KERNEL void sconv_ops_scale_shift(const float *in, float *out, i64 rows, i64 channels,
                                        const float *scale, const float *shift) {
  const i64 n = rows * channels;
  for (i64 i = gridStart(); i < n; i += gridStep()) {
    const i64 c = i % channels;
    // Rounded product, then rounded sum, as the CPU computes it (no fused multiply-add).
    out[i] = addRn(mulRn(in[i], scale[c]), shift[c]);
  }
}

SCONV_KERNEL void sconv_ops_relu(const float *in, float *out, i64 n) {
  for (i64 i = gridStart(); i < n; i += gridStep())
    out[i] = in[i] > 0.0f ? in[i] : 0.0f;
}

SCONV_KERNEL void sconv_ops_add(const float *a, const float *b, float *out, i64 n) {
  for (i64 i = gridStart(); i < n; i += gridStep())
    out[i] = a[i] + b[i];
}

SCONV_KERNEL void sconv_ops_concat(const float *a, i64 ca, const float *b, i64 cb, float *out,
                                   i64 rows) {
  const i64 width = ca + cb, n = rows * width;
  for (i64 i = gridStart(); i < n; i += gridStep()) {
    const i64 r = i / width, c = i - r * width;
    out[i] = c < ca ? a[r * ca + c] : b[r * cb + (c - ca)];
  }
}

SCONV_KERNEL void sconv_ops_append_ones(const float *in, i64 channels, float *out, i64 rows) {
  const i64 width = channels + 1, n = rows * width;
  for (i64 i = gridStart(); i < n; i += gridStep()) {
    const i64 r = i / width, c = i - r * width;
    out[i] = c < channels ? in[r * channels + c] : 1.0f;
  }
}

SCONV_KERNEL void sconv_ops_importance(const float *in, i64 rows, i64 channels, float *out) {
  const float fc = float(channels);
  for (i64 r = gridStart(); r < rows; r += gridStep()) {
    const float *f = in + r * channels;
    float s = 0.0f;
    for (i64 c = 0; c < channels; ++c)
      s = addRn(s, __builtin_fabsf(f[c]));
    out[r] = s / fc;
  }
}

SCONV_KERNEL void sconv_ops_scale_by_importance(const float *in, const float *m, float *out,
                                                i64 rows, i64 channels) {
  const i64 n = rows * channels;
  for (i64 i = gridStart(); i < n; i += gridStep())
    out[i] = mulRn(in[i], importanceSigmoid(m[i / channels]));
}

SCONV_KERNEL void sconv_ops_merge_rows(const float *pass, const float *computed, const int *source,
                                       i64 rows, i64 channels, const float *scale,
                                       const float *shift, float *out) {
  const i64 n = rows * channels;
  for (i64 i = gridStart(); i < n; i += gridStep()) {
    const i64 r = i / channels, c = i - r * channels;
    const int from = source[r];
    if (from >= 0) {
      out[i] = computed[i64(from) * channels + c];
      continue;
    }
    const float f = pass[i];
    out[i] = addRn(scale ? mulRn(scale[c], f) : f, shift ? shift[c] : 0.0f);
  }
}

SCONV_KERNEL void sconv_ops_scatter_dense(const float *in, const int *coords, Rows rows,
                                          i64 channels, i64 depth, i64 height, i64 width,
                                          float *out) {
  const i64 n = liveRows(rows) * channels, plane = height * width;
  for (i64 i = gridStart(); i < n; i += gridStep()) {
    const i64 r = i / channels, c = i - r * channels;
    const int *s = coords + 4 * r;
    out[((i64(s[0]) * channels + c) * depth + s[1]) * plane + i64(s[2]) * width + s[3]] = in[i];
  }
}

} // namespace sconv::gpu
