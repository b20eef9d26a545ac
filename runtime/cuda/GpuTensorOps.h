// Per-site tensor ops on device memory (kernels/TensorOps.cu): what keeps a backbone's features on
// the GPU between its convs. Each call queues one grid-stride launch on the context's stream and
// returns; the results equal runtime/SiteOps.cpp's element for element.
#pragma once
#include "runtime/cuda/GpuContext.h"
#include "runtime/cuda/kernels/DeviceDefs.h"

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
/// out rows = in's channels then 1.0.
void appendOnes(GpuContext &ctx, DevPtr<float> in, int64_t channels, DevPtr<float> out,
                int64_t rows);

/// out[r] = mean over channels of |in[r][c]| (importanceMean's operations: the same bits).
void importance(GpuContext &ctx, DevPtr<float> in, int64_t rows, int64_t channels,
                DevPtr<float> out);
/// out[r][c] = in[r][c] * importanceSigmoid(m[r]) (scaleByImportance's bits).
void scaleByImportance(GpuContext &ctx, DevPtr<float> in, DevPtr<float> m, DevPtr<float> out,
                       int64_t rows, int64_t channels);
/// mergePruned's rows: computed[source[r]] where source[r] >= 0, else the affine pass-through.
void mergeRows(GpuContext &ctx, DevPtr<float> pass, DevPtr<float> computed, DevPtr<int32_t> source,
               int64_t rows, int64_t channels, DevPtr<float> scale, DevPtr<float> shift,
               DevPtr<float> out);

/// toDense's scatter of rows x channels features at their sites (`coords`, rows x 4, distinct and
/// inside [B, D, H, W]) into `out` ([B, channels * D, H, W], zeroed before).
void scatterDense(GpuContext &ctx, DevPtr<float> in, DevPtr<int32_t> coords, gpu::Rows rows,
                  int64_t channels, int64_t depth, int64_t height, int64_t width,
                  DevPtr<float> out);

} // namespace sconv::rt::gpuops
