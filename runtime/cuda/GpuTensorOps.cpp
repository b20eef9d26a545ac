// See GpuTensorOps.h.
#include "runtime/cuda/GpuTensorOps.h"
#include "runtime/cuda/RuntimeKernels.h"
#include "runtime/cuda/TypedLaunch.h"
#include "runtime/cuda/kernels/TensorOpsAbi.h"

#include <algorithm>

namespace sconv::rt::gpuops {

using gpu::i64;

namespace {

enum KernelId {
#define SCONV_TENSOR_ENUM(name) k_##name,
  SCONV_TENSOR_KERNELS(SCONV_TENSOR_ENUM)
#undef SCONV_TENSOR_ENUM
      kNumKernels
};

/// The tensor-op entries of the runtime's module, resolved once per context.
struct TensorOpKernels {
  explicit TensorOpKernels(GpuContext &ctx) {
    const RuntimeKernels &module = ctx.attachment<RuntimeKernels>();
    const char *const names[] = {
#define SCONV_TENSOR_NAME(name) #name,
        SCONV_TENSOR_KERNELS(SCONV_TENSOR_NAME)
#undef SCONV_TENSOR_NAME
    };
    for (int i = 0; i < kNumKernels; ++i)
      fn[i] = module.function(names[i]);
  }
  cu::CUfunction fn[kNumKernels] = {};
};

/// Blocks of a grid-stride launch over n elements: one element per thread up to a cap that keeps
/// every SM busy several times over (the loop takes the rest).
int64_t gridFor(int64_t n) {
  constexpr int64_t kMaxBlocks = 8192;
  return std::min<int64_t>((n + gpu::kTensorBlock - 1) / gpu::kTensorBlock, kMaxBlocks);
}

} // namespace

#define TENSOR_LAUNCH(name, n, ...)                                                                \
  TypedLaunch<decltype(gpu::name)>::run(ctx, ctx.attachment<TensorOpKernels>().fn[k_##name],       \
                                        gridFor(n), gpu::kTensorBlock, __VA_ARGS__)

void fillRows(GpuContext &ctx, DevPtr<float> out, int64_t rows, int64_t channels,
              DevPtr<float> row) {
  TENSOR_LAUNCH(sconv_ops_fill_rows, rows * channels, out, i64(rows), i64(channels), row);
}

void residualRelu(GpuContext &ctx, DevPtr<float> out, int64_t n, DevPtr<float> residual,
                  bool relu) {
  TENSOR_LAUNCH(sconv_ops_residual_relu, n, out, i64(n), residual, int(relu));
}

void scaleShift(GpuContext &ctx, DevPtr<float> in, DevPtr<float> out, int64_t rows,
                int64_t channels, DevPtr<float> scale, DevPtr<float> shift) {
  TENSOR_LAUNCH(sconv_ops_scale_shift, rows * channels, in, out, i64(rows), i64(channels), scale,
                shift);
}

void relu(GpuContext &ctx, DevPtr<float> in, DevPtr<float> out, int64_t n) {
  TENSOR_LAUNCH(sconv_ops_relu, n, in, out, i64(n));
}

void add(GpuContext &ctx, DevPtr<float> a, DevPtr<float> b, DevPtr<float> out, int64_t n) {
  TENSOR_LAUNCH(sconv_ops_add, n, a, b, out, i64(n));
}

void concat(GpuContext &ctx, DevPtr<float> a, int64_t ca, DevPtr<float> b, int64_t cb,
            DevPtr<float> out, int64_t rows) {
  TENSOR_LAUNCH(sconv_ops_concat, rows * (ca + cb), a, i64(ca), b, i64(cb), out, i64(rows));
}

void appendOnes(GpuContext &ctx, DevPtr<float> in, int64_t channels, DevPtr<float> out,
                int64_t rows) {
  TENSOR_LAUNCH(sconv_ops_append_ones, rows * (channels + 1), in, i64(channels), out, i64(rows));
}

void importance(GpuContext &ctx, DevPtr<float> in, int64_t rows, int64_t channels,
                DevPtr<float> out) {
  TENSOR_LAUNCH(sconv_ops_importance, rows, in, i64(rows), i64(channels), out);
}

void scaleByImportance(GpuContext &ctx, DevPtr<float> in, DevPtr<float> m, DevPtr<float> out,
                       int64_t rows, int64_t channels) {
  TENSOR_LAUNCH(sconv_ops_scale_by_importance, rows * channels, in, m, out, i64(rows),
                i64(channels));
}

void mergeRows(GpuContext &ctx, DevPtr<float> pass, DevPtr<float> computed, DevPtr<int32_t> source,
               int64_t rows, int64_t channels, DevPtr<float> scale, DevPtr<float> shift,
               DevPtr<float> out) {
  TENSOR_LAUNCH(sconv_ops_merge_rows, rows * channels, pass, computed, source, i64(rows),
                i64(channels), scale, shift, out);
}

void scatterDense(GpuContext &ctx, DevPtr<float> in, DevPtr<int32_t> coords, gpu::Rows rows,
                  int64_t channels, int64_t depth, int64_t height, int64_t width,
                  DevPtr<float> out) {
  TENSOR_LAUNCH(sconv_ops_scatter_dense, rows.cap * channels, in, coords, rows, i64(channels),
                i64(depth), i64(height), i64(width), out);
}

#undef TENSOR_LAUNCH

} // namespace sconv::rt::gpuops
