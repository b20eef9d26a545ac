// RUN: sconv-opt %s --sconv-generate-kernels="targets=cpu,gpu,gpu_emu" | FileCheck %s
// RUN: not sconv-opt %s --sconv-generate-kernels="targets=tpu" 2>&1 | FileCheck %s --check-prefix=BADTARGET

!c4 = !sconv.voxels<4 x f32, shape [?, ?, ?], stride [1, 1, 1]>
!c13 = !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>

// Two ops with one signature share one kernel; each target gets its own module.
// CHECK-LABEL: func.func @graph
// CHECK: sconv.implicit_gemm {{.*}} {gpu_kernel = @sconv_gpu_igemm_k27_c4x13_f32_bias_t16x8x1, kernel = @sconv_igemm_k27_c4x13_f32_bias_r1l16}
// CHECK: sconv.implicit_gemm {{.*}} {gpu_kernel = @sconv_gpu_igemm_k27_c4x13_f32_bias_t16x8x1, kernel = @sconv_igemm_k27_c4x13_f32_bias_r1l16}
// CHECK: sconv.implicit_gemm {{.*}} {activation = #sconv<activation relu>, gpu_kernel = @sconv_gpu_igemm_k27_c4x13_f32_relu_t64x2x2, gpu_tile = array<i64: 64, 2, 2>, kernel = @sconv_igemm_k27_c4x13_f32_relu_r1l16}
func.func @graph(%x: !c4, %m: !sconv.kmap<27>, %w: tensor<27x4x13xf32>, %b: tensor<13xf32>) -> (!c13, !c13, !c13) {
  %0 = sconv.implicit_gemm %x, %m, %w bias %b : (!c4, !sconv.kmap<27>, tensor<27x4x13xf32>, tensor<13xf32>) -> !c13
  %1 = sconv.implicit_gemm %x, %m, %w bias %b : (!c4, !sconv.kmap<27>, tensor<27x4x13xf32>, tensor<13xf32>) -> !c13
  %2 = sconv.implicit_gemm %x, %m, %w {activation = #sconv<activation relu>, gpu_tile = array<i64: 64, 2, 2>} : (!c4, !sconv.kmap<27>, tensor<27x4x13xf32>) -> !c13
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
// GPU: one gpu.module of kernels with the fixed ABI (operands + row count), an exact block size,
// rows from the block and thread index (threads along C_out first), stores guarded by the row
// count. The default tile for C_out = 13: 16 x 8 threads, one row each.
// CHECK: module @sconv_gpu_kernels attributes {gpu.container_module, sconv.target = "gpu"}
// CHECK: gpu.module @sconv_kernels
// CHECK: gpu.func @sconv_gpu_igemm_k27_c4x13_f32_bias_t16x8x1(%[[GIN:.*]]: memref<?x4xf32>, %{{.*}}: memref<?x27xi32>, %[[GW:.*]]: memref<27x4x13xf32>, %{{.*}}: memref<13xf32>, %{{.*}}: memref<?x13xf32>, %[[GOUT:.*]]: memref<?x13xf32>, %[[ROWS:.*]]: index) kernel attributes {nvvm.reqntid = array<i32: 128, 1, 1>}
// CHECK: %[[BID:.*]] = gpu.block_id x
// CHECK: %[[TID:.*]] = gpu.thread_id x
// CHECK: arith.remui %[[TID]]
// CHECK: arith.divui %[[TID]]
// CHECK: arith.cmpi ult, %{{.*}}, %[[ROWS]]
// CHECK: scf.for
// CHECK: memref.load %[[GW]]
// CHECK: arith.mulf {{.*}} fastmath<contract>
// CHECK: arith.addf {{.*}} fastmath<contract>
// CHECK: scf.if
// CHECK-NEXT: memref.store {{.*}}, %[[GOUT]]
// CHECK-NOT: memref.store
// CHECK: gpu.return
// Two rows per thread (the tile 64 x 2 x 2): both rows guarded, each weight load shared by them.
// CHECK: gpu.func @sconv_gpu_igemm_k27_c4x13_f32_relu_t64x2x2(%{{.*}}: memref<?x4xf32>, %{{.*}}: memref<?x27xi32>, %[[GW2:.*]]: memref<27x4x13xf32>, %{{.*}}: memref<?x13xf32>, %[[GOUT2:.*]]: memref<?x13xf32>, %[[ROWS2:.*]]: index) kernel attributes {nvvm.reqntid = array<i32: 128, 1, 1>
// CHECK: arith.cmpi ult, %{{.*}}, %[[ROWS2]]
// CHECK: arith.cmpi ult, %{{.*}}, %[[ROWS2]]
// CHECK: scf.for
// CHECK: memref.load %[[GW2]]
// CHECK: arith.mulf {{.*}} fastmath<contract>
// CHECK: arith.addf {{.*}} fastmath<contract>
// CHECK: arith.mulf {{.*}} fastmath<contract>
// CHECK: arith.addf {{.*}} fastmath<contract>
// CHECK: scf.if
// CHECK: arith.maximumf
// CHECK-NEXT: memref.store {{.*}}, %[[GOUT2]]
// CHECK: scf.if
// CHECK: arith.maximumf
// CHECK-NEXT: memref.store {{.*}}, %[[GOUT2]]
// CHECK: gpu.return
// The host twins: the same body with the block and thread index as arguments.
// CHECK: module @sconv_gpu_emu_kernels attributes {sconv.target = "gpu_emu"}
// CHECK: func.func @sconv_gpu_igemm_k27_c4x13_f32_bias_t16x8x1_emu({{.*}}, %[[N:.*]]: index, %[[B2:.*]]: index, %[[T2:.*]]: index) attributes {llvm.emit_c_interface}
// CHECK-NOT: gpu.thread_id
// CHECK: arith.remui %[[T2]]

// BADTARGET: unknown kernel target 'tpu' (expected cpu, gpu or gpu_emu)
