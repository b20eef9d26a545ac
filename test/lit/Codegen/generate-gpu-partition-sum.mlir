// RUN: sconv-opt %s --sconv-generate-kernels="targets=gpu,gpu_emu" | FileCheck %s

// SW-LK partition sums get a GPU kernel (and a host twin): one thread per (row, group, channel),
// the group's box of kernel positions walked in increasing order, f64 accumulation rounded once,
// the centre without its position embedding.
!c8 = !sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]>
!c216 = !sconv.voxels<216 x f32, shape [?, ?, ?], stride [1, 1, 1]>
func.func @swlk(%x: !c8, %m: !sconv.kmap<125>, %pe: tensor<125x8xf32>) -> (!c216, !c216) {
  %a = sconv.partition_sum %x, %m pe %pe {kernel_size = 5 : i64} : (!c8, !sconv.kmap<125>, tensor<125x8xf32>) -> !c216
  %b = sconv.partition_sum %x, %m {kernel_size = 5 : i64} : (!c8, !sconv.kmap<125>) -> !c216
  return %a, %b : !c216, !c216
}
// CHECK: sconv.partition_sum {{.*}} {gpu_kernel = @sconv_gpu_psum_k5_c8_pe, kernel_size = 5 : i64}
// CHECK: sconv.partition_sum {{.*}} {gpu_kernel = @sconv_gpu_psum_k5_c8, kernel_size = 5 : i64}
// CHECK: gpu.func @sconv_gpu_psum_k5_c8_pe(%{{.*}}: memref<?x8xf32>, %{{.*}}: memref<?x125xi32>, %[[PE:.*]]: memref<125x8xf32>, %[[OUT:.*]]: memref<?x216xf32>, %[[ROWS:.*]]: index) kernel attributes {nvvm.reqntid = array<i32: 256, 1, 1>}
// CHECK: arith.cmpi ult, %{{.*}}, %[[ROWS]]
// CHECK: scf.for {{.*}} -> (f64)
// CHECK: scf.for {{.*}} -> (f64)
// CHECK: scf.for {{.*}} -> (f64)
// CHECK: arith.extf
// CHECK: arith.cmpi ne, %{{.*}}, %c62
// CHECK: memref.load %[[PE]]
// CHECK: arith.truncf {{.*}} : f64 to f32
// CHECK: memref.store {{.*}}, %[[OUT]]
// CHECK: gpu.func @sconv_gpu_psum_k5_c8(
// CHECK-NOT: memref.load %arg2
// CHECK: gpu.return
// CHECK: func.func @sconv_gpu_psum_k5_c8_pe_emu(
// CHECK: func.func @sconv_gpu_psum_k5_c8_emu(
