// RUN: sconv-opt %s | sconv-opt | FileCheck %s
// RUN: sconv-opt %s --mlir-print-op-generic | sconv-opt | FileCheck %s

!in = !sconv.voxels<4 x f32, shape [41, 1600, 1408], stride [1, 1, 1]>
!c16 = !sconv.voxels<16 x f32, shape [41, 1600, 1408], stride [1, 1, 1]>
!c32 = !sconv.voxels<32 x f32, shape [21, 800, 704], stride [2, 2, 2]>
!dyn = !sconv.voxels<13 x f16, shape [?, ?, 64], stride [1, 1, 1]>

// CHECK-LABEL: func.func @subm_and_conv
// CHECK-SAME: (%[[X:.*]]: !sconv.voxels<4 x f32, shape [41, 1600, 1408], stride [1, 1, 1]>)
func.func @subm_and_conv(%x: !in) -> !c32 {
  // CHECK: %[[W0:.*]] = sconv.weight "conv_input.weight" : tensor<27x4x16xf32>
  %w0 = sconv.weight "conv_input.weight" : tensor<27x4x16xf32>
  %b0 = sconv.weight "conv_input.bias" : tensor<16xf32>
  // CHECK: %[[Y:.*]] = sconv.subm_conv %[[X]], %[[W0]], %{{.*}} {dilation = array<i64: 1, 1, 1>, kernel = array<i64: 3, 3, 3>}
  %y = sconv.subm_conv %x, %w0, %b0 {kernel = array<i64: 3, 3, 3>, dilation = array<i64: 1, 1, 1>}
      : (!in, tensor<27x4x16xf32>, tensor<16xf32>) -> !c16
  %w1 = sconv.weight "conv2.weight" : tensor<27x16x32xf32>
  // CHECK: sconv.conv %[[Y]], %{{.*}} {dilation = array<i64: 1, 1, 1>, kernel = array<i64: 3, 3, 3>, padding = array<i64: 1, 1, 1>, stride = array<i64: 2, 2, 2>}
  // CHECK-SAME: -> !sconv.voxels<32 x f32, shape [21, 800, 704], stride [2, 2, 2]>
  %z = sconv.conv %y, %w1 {kernel = array<i64: 3, 3, 3>, stride = array<i64: 2, 2, 2>,
                           padding = array<i64: 1, 1, 1>, dilation = array<i64: 1, 1, 1>}
      : (!c16, tensor<27x16x32xf32>) -> !c32
  return %z : !c32
}

// CHECK-LABEL: func.func @dynamic_shape_f16
// CHECK: !sconv.voxels<13 x f16, shape [?, ?, 64], stride [1, 1, 1]>
func.func @dynamic_shape_f16(%x: !dyn, %w: tensor<125x13x13xf16>) -> !dyn {
  // CHECK: sconv.subm_conv {{.*}}dilation = array<i64: 2, 2, 2>, kernel = array<i64: 5, 5, 5>
  %y = sconv.subm_conv %x, %w {kernel = array<i64: 5, 5, 5>, dilation = array<i64: 2, 2, 2>}
      : (!dyn, tensor<125x13x13xf16>) -> !dyn
  return %y : !dyn
}

// CHECK-LABEL: func.func @kernel_map_level
func.func @kernel_map_level(%x: !in, %w: tensor<27x4x16xf32>, %b: tensor<16xf32>) -> !c16 {
  // CHECK: %[[M:.*]] = sconv.kernel_map %{{.*}} {dilation = array<i64: 1, 1, 1>, kernel = array<i64: 3, 3, 3>, kind = #sconv<map_kind submanifold>, padding = array<i64: 1, 1, 1>, stride = array<i64: 1, 1, 1>} : {{.*}} -> !sconv.kmap<27>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>,
         stride = array<i64: 1, 1, 1>, padding = array<i64: 1, 1, 1>, dilation = array<i64: 1, 1, 1>}
      : !in -> !sconv.kmap<27>
  // CHECK: sconv.implicit_gemm %{{.*}}, %[[M]], %{{.*}} bias %{{.*}} {activation = #sconv<activation relu>}
  %y = sconv.implicit_gemm %x, %m, %w bias %b {activation = #sconv<activation relu>}
      : (!in, !sconv.kmap<27>, tensor<27x4x16xf32>, tensor<16xf32>) -> !c16
  return %y : !c16
}
