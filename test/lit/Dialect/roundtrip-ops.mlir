// RUN: sconv-opt %s | sconv-opt | FileCheck %s
// RUN: sconv-opt %s --mlir-print-op-generic | sconv-opt | FileCheck %s

!c16 = !sconv.voxels<16 x f32, shape [41, 1600, 1408], stride [1, 1, 1]>
!c32 = !sconv.voxels<32 x f32, shape [21, 800, 704], stride [2, 2, 2]>
!c1 = !sconv.voxels<1 x f32, shape [41, 1600, 1408], stride [1, 1, 1]>
!d16 = !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
!u16 = !sconv.voxels<16 x f32, shape [?, ?, ?], stride [2, 2, 2]>

// CHECK-LABEL: func.func @unet_step
func.func @unet_step(%x: !c16, %w: tensor<27x16x32xf32>, %wi: tensor<27x32x16xf32>, %wl: tensor<32x16xf32>, %b: tensor<16xf32>) -> !c32 {
  %d = sconv.conv %x, %w {kernel = array<i64: 3, 3, 3>, stride = array<i64: 2, 2, 2>, padding = array<i64: 1, 1, 1>, dilation = array<i64: 1, 1, 1>} : (!c16, tensor<27x16x32xf32>) -> !c32
  // CHECK: %[[U:.*]] = sconv.inverse_conv %{{.*}}, %{{.*}}, %{{.*}} {dilation
  %u = sconv.inverse_conv %d, %x, %wi {kernel = array<i64: 3, 3, 3>, stride = array<i64: 2, 2, 2>, padding = array<i64: 1, 1, 1>, dilation = array<i64: 1, 1, 1>} : (!c32, !c16, tensor<27x32x16xf32>) -> !c16
  // CHECK: %[[C:.*]] = sconv.concat %[[U]], %{{.*}} : (!sconv.voxels<16 x f32{{.*}}>, !sconv.voxels<16 x f32{{.*}}>) -> !sconv.voxels<32 x f32
  %c = sconv.concat %u, %x : (!c16, !c16) -> !sconv.voxels<32 x f32, shape [41, 1600, 1408], stride [1, 1, 1]>
  // CHECK: sconv.linear %[[C]], %{{.*}}, %{{.*}} :
  %l = sconv.linear %c, %wl, %b : (!sconv.voxels<32 x f32, shape [41, 1600, 1408], stride [1, 1, 1]>, tensor<32x16xf32>, tensor<16xf32>) -> !c16
  // CHECK: sconv.relu %{{.*}} : !sconv.voxels<16 x f32
  %r = sconv.relu %l : !c16
  // CHECK: sconv.add %{{.*}}, %{{.*}} : !sconv.voxels<16 x f32
  %a = sconv.add %r, %x : !c16
  %d2 = sconv.conv %a, %w {kernel = array<i64: 3, 3, 3>, stride = array<i64: 2, 2, 2>, padding = array<i64: 1, 1, 1>, dilation = array<i64: 1, 1, 1>} : (!c16, tensor<27x16x32xf32>) -> !c32
  return %d2 : !c32
}

// CHECK-LABEL: func.func @large_kernel_and_pruning
func.func @large_kernel_and_pruning(%x: !c16, %w27: tensor<27x16x16xf32>, %pe: tensor<343x16xf32>, %b: tensor<16xf32>, %w: tensor<27x16x32xf32>,
    %g: tensor<16xf32>, %be: tensor<16xf32>, %m: tensor<16xf32>, %v: tensor<16xf32>) -> (!c16, !c32, tensor<?x656x1600x1408xf32>) {
  // CHECK: sconv.sw_lk_conv %{{.*}}, %{{.*}} pe %{{.*}} bias %{{.*}} {kernel_size = 7 : i64}
  %y = sconv.sw_lk_conv %x, %w27 pe %pe bias %b {kernel_size = 7 : i64} : (!c16, tensor<27x16x16xf32>, tensor<343x16xf32>, tensor<16xf32>) -> !c16
  // CHECK: sconv.sw_lk_conv {{.*}} {form = #sconv<sw_lk_form plain>, kernel_size = 7 : i64}
  %yp = sconv.sw_lk_conv %x, %w27 pe %pe bias %b {kernel_size = 7 : i64, form = #sconv<sw_lk_form plain>} : (!c16, tensor<27x16x16xf32>, tensor<343x16xf32>, tensor<16xf32>) -> !c16
  // CHECK: sconv.spss_conv %{{.*}}, %{{.*}} bias %{{.*}} passthrough(%{{.*}}, %{{.*}}) {dilation = array<i64: 1, 1, 1>, kernel = array<i64: 3, 3, 3>, ratio = 5.000000e-01 : f64}
  %s = sconv.spss_conv %y, %w27 bias %b passthrough(%g, %be) {kernel = array<i64: 3, 3, 3>, dilation = array<i64: 1, 1, 1>, ratio = 0.5 : f64} : (!c16, tensor<27x16x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> !c16
  // CHECK: sconv.batch_norm %{{.*}} {epsilon = 1.000000e-05 : f64}
  %n = sconv.batch_norm %s, %g, %be, %m, %v {epsilon = 1.0e-05 : f64} : (!c16, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> !c16
  // CHECK: sconv.sprs_conv {{.*}}threshold = 6.000000e-01 : f64
  %p = sconv.sprs_conv %n, %w {kernel = array<i64: 3, 3, 3>, stride = array<i64: 2, 2, 2>, padding = array<i64: 1, 1, 1>, dilation = array<i64: 1, 1, 1>, threshold = 0.6 : f64} : (!c16, tensor<27x16x32xf32>) -> !c32
  // CHECK: sconv.to_dense %{{.*}} : (!sconv.voxels<16 x f32{{.*}}>) -> tensor<?x656x1600x1408xf32>
  %bev = sconv.to_dense %n : (!c16) -> tensor<?x656x1600x1408xf32>
  return %n, %p, %bev : !c16, !c32, tensor<?x656x1600x1408xf32>
}

// CHECK-LABEL: func.func @transposed
func.func @transposed(%x: !u16, %w: tensor<8x16x16xf32>) -> !d16 {
  // CHECK: sconv.conv_transpose {{.*}}output_padding = array<i64: 0, 0, 0>
  %y = sconv.conv_transpose %x, %w {kernel = array<i64: 2, 2, 2>, stride = array<i64: 2, 2, 2>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>, output_padding = array<i64: 0, 0, 0>} : (!u16, tensor<8x16x16xf32>) -> !d16
  return %y : !d16
}

// CHECK-LABEL: func.func @kernel_level
func.func @kernel_level(%x: !c16, %w: tensor<27x16x16xf32>, %pe: tensor<125x16xf32>, %g: tensor<16xf32>, %be: tensor<16xf32>, %m: tensor<16xf32>, %v: tensor<16xf32>) -> !c16 {
  // CHECK: %[[I:.*]] = sconv.importance
  %imp = sconv.importance %x : (!c16) -> !c1
  // CHECK: %[[K:.*]] = sconv.prune_mask %[[I]] {ratio = 2.500000e-01 : f64}
  %keep = sconv.prune_mask %imp {ratio = 0.25 : f64} : (!c1) -> !c1
  %xs = sconv.scale_by_importance %x, %imp : (!c16, !c1) -> !c16
  // CHECK: sconv.kernel_map %{{.*}} mask %[[K]] : !sconv.voxels<1 x f32
  %map = sconv.kernel_map %xs mask %keep : !c1 {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !c16 -> !sconv.kmap<27>
  // CHECK: sconv.implicit_gemm {{.*}} residual %{{.*}} {activation = #sconv<activation relu>}
  %c = sconv.implicit_gemm %xs, %map, %w residual %xs {activation = #sconv<activation relu>} : (!c16, !sconv.kmap<27>, tensor<27x16x16xf32>, !c16) -> !c16
  // CHECK: sconv.implicit_gemm {{.*}} {gpu_precision = "bf16", gpu_stages = 3 : i64, gpu_tile = array<i64: 16, 4, 32>}
  %piped = sconv.implicit_gemm %xs, %map, %w {gpu_precision = "bf16", gpu_stages = 3 : i64, gpu_tile = array<i64: 16, 4, 32>} : (!c16, !sconv.kmap<27>, tensor<27x16x16xf32>) -> !c16
  // CHECK: sconv.implicit_gemm {{.*}} {gpu_instruction = "wgmma", gpu_precision = "f16", gpu_stages = 2 : i64, gpu_tile = array<i64: 64, 4, 16>}
  %wg = sconv.implicit_gemm %xs, %map, %w {gpu_instruction = "wgmma", gpu_precision = "f16", gpu_stages = 2 : i64, gpu_tile = array<i64: 64, 4, 16>} : (!c16, !sconv.kmap<27>, tensor<27x16x16xf32>) -> !c16
  // CHECK: %[[S:.*]], %[[T:.*]] = sconv.bn_affine
  %sc, %sh = sconv.bn_affine %g, %be, %m, %v : (tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<16xf32>, tensor<16xf32>)
  // CHECK: sconv.merge_pruned %{{.*}}, %{{.*}}, %[[K]] affine(%[[S]], %[[T]])
  %merged = sconv.merge_pruned %xs, %c, %keep affine(%sc, %sh) : (!c16, !c16, !c1, tensor<16xf32>, tensor<16xf32>) -> !c16
  // CHECK: %[[BIG:.*]] = sconv.kernel_map {{.*}} -> !sconv.kmap<125>
  %big = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 5, 5, 5>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !c16 -> !sconv.kmap<125>
  // CHECK: sconv.partition_sum %{{.*}}, %[[BIG]] pe %{{.*}} {kernel_size = 5 : i64} {{.*}} -> !sconv.voxels<432 x f32
  %sums = sconv.partition_sum %x, %big pe %pe {kernel_size = 5 : i64} : (!c16, !sconv.kmap<125>, tensor<125x16xf32>) -> !sconv.voxels<432 x f32, shape [41, 1600, 1408], stride [1, 1, 1]>
  // CHECK: sconv.transpose_map
  %t = sconv.transpose_map %big : !sconv.kmap<125> -> !sconv.kmap<125>
  // CHECK: sconv.fold_bn %{{.*}} bn(
  %fw, %fb = sconv.fold_bn %w bn(%g, %be, %m, %v) : (tensor<27x16x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> (tensor<27x16x16xf32>, tensor<16xf32>)
  // SW-LK's plain form: the constant-one channel and the expanded weights.
  // CHECK: sconv.append_ones %{{.*}} : (!sconv.voxels<16 x f32, {{.*}}) -> !sconv.voxels<17 x f32
  %ones = sconv.append_ones %x : (!c16) -> !sconv.voxels<17 x f32, shape [41, 1600, 1408], stride [1, 1, 1]>
  // CHECK: sconv.expand_sw_lk %{{.*}} pe %{{.*}} {kernel_size = 5 : i64} : (tensor<27x16x16xf32>, tensor<125x16xf32>) -> tensor<125x17x16xf32>
  %wx = sconv.expand_sw_lk %w pe %pe {kernel_size = 5 : i64} : (tensor<27x16x16xf32>, tensor<125x16xf32>) -> tensor<125x17x16xf32>
  // CHECK: sconv.expand_sw_lk %{{.*}} {kernel_size = 5 : i64} : (tensor<27x16x16xf32>) -> tensor<125x16x16xf32>
  %wn = sconv.expand_sw_lk %w {kernel_size = 5 : i64} : (tensor<27x16x16xf32>) -> tensor<125x16x16xf32>
  return %merged : !c16
}
