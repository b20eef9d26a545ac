// RUN: sconv-opt %s --sconv-decompose-sps | FileCheck %s

!c16 = !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
!c32 = !sconv.voxels<32 x f32, shape [?, ?, ?], stride [2, 2, 2]>

// CHECK-LABEL: func.func @spss
// CHECK-SAME: (%[[X:[^:]*]]: !sconv.voxels
// CHECK: %[[M:.*]] = sconv.importance %[[X]] : {{.*}} -> !sconv.voxels<1 x f32
// CHECK: %[[K:.*]] = sconv.prune_mask %[[M]] {ratio = 5.000000e-01 : f64}
// CHECK: %[[S:.*]] = sconv.scale_by_importance %[[X]], %[[M]]
// CHECK: %[[MAP:.*]] = sconv.kernel_map %[[S]] mask %[[K]] : {{.*}}kind = #sconv<map_kind submanifold>
// CHECK: %[[C:.*]] = sconv.implicit_gemm %[[S]], %[[MAP]], %{{.*}} bias
// CHECK: %[[R:.*]] = sconv.merge_pruned %[[S]], %[[C]], %[[K]]
// CHECK: return %[[R]]
func.func @spss(%x: !c16, %w: tensor<27x16x16xf32>, %b: tensor<16xf32>) -> !c16 {
  %y = sconv.spss_conv %x, %w bias %b {kernel = array<i64: 3, 3, 3>, dilation = array<i64: 1, 1, 1>, ratio = 0.5 : f64} : (!c16, tensor<27x16x16xf32>, tensor<16xf32>) -> !c16
  return %y : !c16
}

// CHECK-LABEL: func.func @sprs
// CHECK-SAME: (%[[X:[^:]*]]: !sconv.voxels
// CHECK: %[[M:.*]] = sconv.importance %[[X]]
// CHECK: %[[K:.*]] = sconv.prune_mask %[[M]] {threshold = 6.000000e-01 : f64}
// CHECK: %[[MAP:.*]] = sconv.kernel_map %[[X]] mask %[[K]] : {{.*}}kind = #sconv<map_kind sprs>, padding = array<i64: 1, 1, 1>, stride = array<i64: 2, 2, 2>
// CHECK: sconv.implicit_gemm %[[X]], %[[MAP]]
// CHECK-NOT: sconv.scale_by_importance
func.func @sprs(%x: !c16, %w: tensor<27x16x32xf32>) -> !c32 {
  %y = sconv.sprs_conv %x, %w {kernel = array<i64: 3, 3, 3>, stride = array<i64: 2, 2, 2>, padding = array<i64: 1, 1, 1>, dilation = array<i64: 1, 1, 1>, threshold = 0.6 : f64} : (!c16, tensor<27x16x32xf32>) -> !c32
  return %y : !c32
}

// Ordinary convs are untouched.
// CHECK-LABEL: func.func @plain
// CHECK-NOT: sconv.importance
// CHECK: sconv.subm_conv
func.func @plain(%x: !c16, %w: tensor<27x16x16xf32>) -> !c16 {
  %y = sconv.subm_conv %x, %w {kernel = array<i64: 3, 3, 3>, dilation = array<i64: 1, 1, 1>} : (!c16, tensor<27x16x16xf32>) -> !c16
  return %y : !c16
}
