// The GPU implicit-GEMM kernel of a compute step, generated as a `gpu.func` with a fixed ABI (no
// outlining, so the parameters are exactly the ones below and the runtime can launch it from the
// plan), and its host twin (GpuKernelFunc.h).
//
// Kernel: `gpu.func @name(in, nbr, w, bias, residual, out, num_rows: index) kernel` (operands as
// in GemmAbi.h), 1-D grid of ceil(num_rows / rowsPerBlock) blocks of tile.threads() threads.
// Thread t of block b computes output rows b * rowsPerBlock + t / threadsCout + j * threadsRows
// (j < rowsPerThread) for channels t % threadsCout + n * threadsCout: each output
// element has exactly one writer (no atomics; the same bits every run), sums over offsets then
// C_in in the CPU kernels' order, and applies bias, residual and ReLU before its one store.
#pragma once

#include "codegen/KernelConfig.h"
#include "dialects/sconv/SConvOps.h"

#include "mlir/IR/Builders.h"

namespace sconv {

struct GpuGemmSignature {
  int64_t volume, cin, cout;
  mlir::Type elem;
  bool hasBias, hasResidual;
  Activation act;
  GpuTile tile;
  /// Fetch-on-demand (`gpu_dataflow = "fetch_on_demand"`): the kernel of one offset. It takes an
  /// extra `order: memref<?xi32>` operand before num_rows (the output rows of the offset's pairs;
  /// thread rows are positions in it), reads nbr (the offset's map column, n x 1) at the output
  /// row, and adds its products to out[row] (bias, residual and ReLU are the runtime's).
  bool fetch = false;
  /// Mask sorting (`gpu_dataflow = "implicit_gemm_sorted"`): the implicit GEMM with an `order`
  /// operand before num_rows; thread rows are positions in it (the rows sorted by mask).
  bool sorted = false;
  /// Mask splitting (`gpu_dataflow = "implicit_gemm_split"`): `order`, then `k_begin, k_end:
  /// index` before num_rows; the kernel adds the products of offsets [k_begin, k_end) to out[row]
  /// (bias, residual and ReLU are the runtime's). One kernel serves every split count.
  bool split = false;

  bool hasOrder() const { return fetch || sorted || split; }
  bool accumulates() const { return fetch || split; }

  /// The op's signature; the tile from its `gpu_tile`, else defaultGpuTile. With
  /// `gpu_dataflow = "fetch_on_demand"`: the 1-offset accumulating kernel it launches per offset;
  /// with `implicit_gemm_split`: the accumulating offset-range kernel. The tile carries the
  /// dataflow and `gpu_splits`.
  static GpuGemmSignature of(ImplicitGemmOp op);
  /// `sconv_gpu_igemm_k27_c16x32_f32_bias_relu_t32x8x2`: equal names, equal code.
  std::string name() const;
};

/// Appends the kernel to `module` (a gpu.module) at the builder's insertion point (the tensor-core
/// kernel of GpuMmaKernel.h when the tile's precision is f16 or bf16).
void createGpuGemmKernel(mlir::OpBuilder &b, mlir::Location loc, const GpuGemmSignature &s);
/// Appends the host twin (`name() + "_emu"`) at the builder's insertion point.
void createGpuGemmTwin(mlir::OpBuilder &b, mlir::Location loc, const GpuGemmSignature &s);

} // namespace sconv
