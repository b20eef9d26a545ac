// Mask sorting and splitting on the GPU (gpu_dataflow implicit_gemm_sorted / implicit_gemm_split):
// the sorted kernel is the implicit GEMM with an order operand and its epilogue; the split kernel
// takes the order and the offset range, accumulates into the output rows and has no epilogue
// (the runtime fills the bias and applies residual and ReLU), and one kernel serves every split
// count. Tensor cores leave both in f32; bad split counts are named errors.
// RUN: sconv-opt %s --sconv-set-gpu-precision="precision=f16" --sconv-generate-kernels="targets=gpu" --split-input-file -verify-diagnostics | FileCheck %s

!c16 = !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
!c32 = !sconv.voxels<32 x f32, shape [?, ?, ?], stride [1, 1, 1]>

// CHECK-LABEL: func.func @sorted_and_split
// CHECK: gpu_dataflow = "implicit_gemm_sorted", gpu_kernel = @sconv_gpu_igemm_k27_c16x32_f32_bias_relu_t32x8x2_sorted, gpu_tile
// CHECK-NOT: gpu_precision
// CHECK: gpu_dataflow = "implicit_gemm_split", gpu_kernel = @[[SPLIT:sconv_gpu_igemm_k27_c16x32_f32_t32x8x2_split]], gpu_splits = 2 : i64
// CHECK: gpu_dataflow = "implicit_gemm_split", gpu_kernel = @[[SPLIT]], gpu_splits = 3 : i64
// CHECK: gpu.func @sconv_gpu_igemm_k27_c16x32_f32_bias_relu_t32x8x2_sorted(%{{.*}}: memref<?x16xf32>, %{{.*}}: memref<?x27xi32>, %{{.*}}: memref<27x16x32xf32>, %{{.*}}: memref<32xf32>, %{{.*}}: memref<?x32xf32>, %{{.*}}: memref<?x32xf32>, %[[ORD:.*]]: memref<?xi32>, %{{.*}}: index)
// CHECK: memref.load %[[ORD]]
// CHECK: arith.maximumf
// CHECK: gpu.return
// CHECK: gpu.func @[[SPLIT]](%{{.*}}: memref<?x16xf32>, %{{.*}}: memref<?x27xi32>, %{{.*}}: memref<27x16x32xf32>, %{{.*}}: memref<32xf32>, %{{.*}}: memref<?x32xf32>, %[[OUT:.*]]: memref<?x32xf32>, %[[ORD2:.*]]: memref<?xi32>, %[[KB:.*]]: index, %[[KE:.*]]: index, %{{.*}}: index)
// CHECK: memref.load %[[ORD2]]
// CHECK: memref.load %[[OUT]]
// CHECK: scf.for %{{.*}} = %[[KB]] to %[[KE]]
// CHECK-NOT: arith.maximumf
// CHECK: gpu.return
// CHECK-NOT: gpu.func @[[SPLIT]]
func.func @sorted_and_split(%x: !c16, %m: !sconv.kmap<27>, %w: tensor<27x16x32xf32>, %b: tensor<32xf32>) -> (!c32, !c32, !c32) {
  %0 = sconv.implicit_gemm %x, %m, %w bias %b {activation = #sconv<activation relu>, gpu_dataflow = "implicit_gemm_sorted", gpu_tile = array<i64: 32, 8, 2>} : (!c16, !sconv.kmap<27>, tensor<27x16x32xf32>, tensor<32xf32>) -> !c32
  %1 = sconv.implicit_gemm %x, %m, %w bias %b {activation = #sconv<activation relu>, gpu_dataflow = "implicit_gemm_split", gpu_splits = 2 : i64, gpu_tile = array<i64: 32, 8, 2>} : (!c16, !sconv.kmap<27>, tensor<27x16x32xf32>, tensor<32xf32>) -> !c32
  %2 = sconv.implicit_gemm %x, %m, %w {gpu_dataflow = "implicit_gemm_split", gpu_splits = 3 : i64, gpu_tile = array<i64: 32, 8, 2>} : (!c16, !sconv.kmap<27>, tensor<27x16x32xf32>) -> !c32
  return %0, %1, %2 : !c32, !c32, !c32
}

// -----
!c16 = !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
func.func @too_many_ranges(%x: !c16, %m: !sconv.kmap<8>, %w: tensor<8x16x16xf32>) -> !c16 {
  // expected-error@+1 {{invalid GPU tile configuration: mask splitting needs 2 to 8 offset ranges, at most the kernel's 8 offsets; got 9}}
  %0 = sconv.implicit_gemm %x, %m, %w {gpu_dataflow = "implicit_gemm_split", gpu_splits = 9 : i64} : (!c16, !sconv.kmap<8>, tensor<8x16x16xf32>) -> !c16
  return %0 : !c16
}

// -----
!c16 = !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
func.func @splits_without_splitting(%x: !c16, %m: !sconv.kmap<27>, %w: tensor<27x16x16xf32>) -> !c16 {
  // expected-error@+1 {{invalid GPU tile configuration: splits (2) is a knob of implicit_gemm_split only, not of implicit_gemm_sorted}}
  %0 = sconv.implicit_gemm %x, %m, %w {gpu_dataflow = "implicit_gemm_sorted", gpu_splits = 2 : i64} : (!c16, !sconv.kmap<27>, tensor<27x16x16xf32>) -> !c16
  return %0 : !c16
}
