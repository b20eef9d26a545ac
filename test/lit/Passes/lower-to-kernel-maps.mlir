// RUN: sconv-opt %s --sconv-lower-to-kernel-maps | FileCheck %s
// RUN: sconv-opt %s --sconv-lower-to-kernel-maps --cse | FileCheck %s --check-prefix=CSE

!c16 = !sconv.voxels<16 x f32, shape [41, 1600, 1408], stride [1, 1, 1]>
!c32 = !sconv.voxels<32 x f32, shape [21, 800, 704], stride [2, 2, 2]>

// CHECK-LABEL: func.func @subm
// CHECK-SAME: (%[[X:.*]]: !sconv.voxels
// CHECK: %[[M:.*]] = sconv.kernel_map %[[X]] {dilation = array<i64: 2, 2, 2>, kernel = array<i64: 3, 3, 3>, kind = #sconv<map_kind submanifold>, padding = array<i64: 0, 0, 0>, stride = array<i64: 1, 1, 1>} : {{.*}} -> !sconv.kmap<27>
// CHECK: %[[Y:.*]] = sconv.implicit_gemm %[[X]], %[[M]], %{{.*}} bias %{{.*}} : {{.*}}tensor<16xf32>
// CHECK-NOT: sconv.subm_conv
// CHECK: return %[[Y]]
func.func @subm(%x: !c16, %w: tensor<27x16x16xf32>, %b: tensor<16xf32>) -> !c16 {
  %y = sconv.subm_conv %x, %w, %b {kernel = array<i64: 3, 3, 3>, dilation = array<i64: 2, 2, 2>}
      : (!c16, tensor<27x16x16xf32>, tensor<16xf32>) -> !c16
  return %y : !c16
}

// CHECK-LABEL: func.func @strided
// CHECK: sconv.kernel_map %{{.*}} {dilation = array<i64: 1, 1, 1>, kernel = array<i64: 3, 3, 3>, kind = #sconv<map_kind regular>, padding = array<i64: 1, 1, 1>, stride = array<i64: 2, 2, 2>}
// CHECK: sconv.implicit_gemm {{.*}} -> !sconv.voxels<32 x f32, shape [21, 800, 704], stride [2, 2, 2]>
func.func @strided(%x: !c16, %w: tensor<27x16x32xf32>) -> !c32 {
  %y = sconv.conv %x, %w {kernel = array<i64: 3, 3, 3>, stride = array<i64: 2, 2, 2>, padding = array<i64: 1, 1, 1>, dilation = array<i64: 1, 1, 1>}
      : (!c16, tensor<27x16x32xf32>) -> !c32
  return %y : !c32
}

// Two convs on the same input with the same geometry need one map; a different dilation needs its
// own. CSE merges the identical map ops because the map op is pure and canonical.
// CSE-LABEL: func.func @shared
// CSE-COUNT-2: sconv.kernel_map
// CSE-NOT: sconv.kernel_map
// CSE: return
// CHECK-LABEL: func.func @shared
// CHECK-COUNT-3: sconv.kernel_map
func.func @shared(%x: !c16, %w0: tensor<27x16x16xf32>, %w1: tensor<27x16x16xf32>) -> (!c16, !c16, !c16) {
  %a = sconv.subm_conv %x, %w0 {kernel = array<i64: 3, 3, 3>, dilation = array<i64: 1, 1, 1>} : (!c16, tensor<27x16x16xf32>) -> !c16
  %b = sconv.subm_conv %x, %w1 {kernel = array<i64: 3, 3, 3>, dilation = array<i64: 1, 1, 1>} : (!c16, tensor<27x16x16xf32>) -> !c16
  %c = sconv.subm_conv %x, %w1 {kernel = array<i64: 3, 3, 3>, dilation = array<i64: 2, 2, 2>} : (!c16, tensor<27x16x16xf32>) -> !c16
  return %a, %b, %c : !c16, !c16, !c16
}

// Ops that are not convolutions are left alone.
// CHECK-LABEL: func.func @untouched
// CHECK-NEXT: sconv.weight
// CHECK-NEXT: return
func.func @untouched() -> tensor<4xf32> {
  %w = sconv.weight "p" : tensor<4xf32>
  return %w : tensor<4xf32>
}
