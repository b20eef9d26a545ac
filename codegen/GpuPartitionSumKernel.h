// The GPU kernel of `sconv.partition_sum` (the gather half of the SW-LK rewrite) and its host twin
// (GpuKernelFunc.h).
//
// Kernel: `gpu.func @name(in: memref<?xCxf32>, nbr: memref<?xK^3xi32>, pe: memref<K^3xCxf32>,
// out: memref<?x(27*C)xf32>, num_rows: index) kernel`, 256 threads per block, one thread per
// (output row o, group g, channel c): the sum over the neighbours of o in g's box of kernel
// positions (per axis: below, at or above the centre), in increasing kernel-position order, of
// in[i][c] + pe[k][c] (the centre without its embedding), accumulated in f64 and rounded once:
// the CPU runtime's partitionSum operation for operation, so the results are the same bits. `pe`
// is read only when the op has one.
#pragma once

#include "dialects/sconv/SConvOps.h"

#include "mlir/IR/Builders.h"

namespace sconv {

struct GpuPartitionSumSignature {
  int64_t kernelSize, channels;
  bool hasPe;

  static GpuPartitionSumSignature of(PartitionSumOp op);
  /// `sconv_gpu_psum_k7_c16_pe`.
  std::string name() const;
  static constexpr int64_t kThreads = 256;
};

void createGpuPartitionSumKernel(mlir::OpBuilder &b, mlir::Location loc,
                                 const GpuPartitionSumSignature &s);
void createGpuPartitionSumTwin(mlir::OpBuilder &b, mlir::Location loc,
                               const GpuPartitionSumSignature &s);

} // namespace sconv
