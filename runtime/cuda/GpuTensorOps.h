// Per-site tensor ops on device memory (kernels/TensorOps.cu): what keeps a backbone's features on
// the GPU between its convs. Each call queues one grid-stride launch on the context's stream and
// returns; the results equal runtime/SiteOps.cpp's element for element.
#pragma once
#include "runtime/cuda/GpuContext.h"

namespace sconv::rt::gpuops {

/// out[r][c] = row[c] (zeros for a null row) for rows x channels.
void fillRows(GpuContext &ctx, DevPtr<float> out, int64_t rows, int64_t channels,
              DevPtr<float> row);
/// out[i] = relu?(out[i] + residual[i]) for i < n; a null residual adds nothing.
void residualRelu(GpuContext &ctx, DevPtr<float> out, int64_t n, DevPtr<float> residual,
                  bool relu);
/// out[r][c] = in[r][c] * scale[c] + shift[c], each rounded (inference batch norm).
void scaleShift(GpuContext &ctx, DevPtr<float> in, DevPtr<float> out, int64_t rows,
                int64_t channels, DevPtr<float> scale, DevPtr<float> shift);
/// out[i] = max(in[i], 0).
void relu(GpuContext &ctx, DevPtr<float> in, DevPtr<float> out, int64_t n);
/// out[i] = a[i] + b[i].
void add(GpuContext &ctx, DevPtr<float> a, DevPtr<float> b, DevPtr<float> out, int64_t n);
/// out rows = a's ca channels then b's cb channels.
void concat(GpuContext &ctx, DevPtr<float> a, int64_t ca, DevPtr<float> b, int64_t cb,
            DevPtr<float> out, int64_t rows);

} // namespace sconv::rt::gpuops
