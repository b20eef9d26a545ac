// RUN: sconv-opt %s --sconv-generate-kernels="targets=cpu,gpu" | FileCheck %s
// RUN: not sconv-opt %s --sconv-generate-kernels="targets=tpu" 2>&1 | FileCheck %s --check-prefix=BADTARGET

!c4 = !sconv.voxels<4 x f32, shape [?, ?, ?], stride [1, 1, 1]>
!c13 = !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>

// Two ops with one signature share one kernel; each target gets its own module.
// CHECK-LABEL: func.func @graph
// CHECK: sconv.implicit_gemm {{.*}} {kernel = @sconv_igemm_k27_c4x13_f32_bias_r1l16}
// CHECK: sconv.implicit_gemm {{.*}} {kernel = @sconv_igemm_k27_c4x13_f32_bias_r1l16}
// CHECK: sconv.implicit_gemm {{.*}} {activation = #sconv<activation relu>, kernel = @sconv_igemm_k27_c4x13_f32_relu_r1l16}
func.func @graph(%x: !c4, %m: !sconv.kmap<27>, %w: tensor<27x4x13xf32>, %b: tensor<13xf32>) -> (!c13, !c13, !c13) {
  %0 = sconv.implicit_gemm %x, %m, %w bias %b : (!c4, !sconv.kmap<27>, tensor<27x4x13xf32>, tensor<13xf32>) -> !c13
  %1 = sconv.implicit_gemm %x, %m, %w bias %b : (!c4, !sconv.kmap<27>, tensor<27x4x13xf32>, tensor<13xf32>) -> !c13
  %2 = sconv.implicit_gemm %x, %m, %w {activation = #sconv<activation relu>} : (!c4, !sconv.kmap<27>, tensor<27x4x13xf32>) -> !c13
  return %0, %1, %2 : !c13, !c13, !c13
}

// CPU: rows from the runtime's range, a vector accumulator over C_out seeded from the bias, absent
// neighbours skipped, an FMA per input channel, the C interface the runtime calls.
// CHECK: module @sconv_cpu_kernels attributes {sconv.target = "cpu"}
// CHECK: func.func @sconv_igemm_k27_c4x13_f32_bias_r1l16(%[[IN:.*]]: memref<?x4xf32>, %[[NBR:.*]]: memref<?x27xi32>, %[[W:.*]]: memref<27x4x13xf32>, %[[B:.*]]: memref<13xf32>, %[[RES:.*]]: memref<?x13xf32>, %[[OUT:.*]]: memref<?x13xf32>, %[[BEGIN:.*]]: index, %[[END:.*]]: index) attributes {llvm.emit_c_interface}
// CHECK: scf.for %[[O:.*]] = %[[BEGIN]] to %[[END]]
// CHECK: %[[INIT:.*]] = vector.load %[[B]]
// CHECK: scf.for {{.*}} iter_args({{.*}} = %[[INIT]]) -> (vector<13xf32>)
// CHECK: memref.load %[[NBR]][%[[O]]
// CHECK: arith.cmpi sge
// CHECK: scf.if
// CHECK: vector.fma
// CHECK: vector.store {{.*}}, %[[OUT]][%[[O]]
// CHECK: func.func @sconv_igemm_k27_c4x13_f32_relu_r1l16
// CHECK-NOT: vector.load %{{.*}} : memref<13xf32>
// CHECK: arith.maximumf
// GPU: one parallel loop over (row, channel) with a scalar reduction.
// CHECK: module @sconv_gpu_kernels attributes {sconv.target = "gpu"}
// CHECK: func.func @sconv_igemm_k27_c4x13_f32_bias_r1l16
// CHECK: scf.parallel
// CHECK: arith.mulf {{.*}} fastmath<contract>
// CHECK: arith.addf {{.*}} fastmath<contract>
// CHECK: memref.store


// BADTARGET: unknown kernel target 'tpu' (expected cpu or gpu)
