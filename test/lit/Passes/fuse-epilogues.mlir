// RUN: sconv-opt %s --sconv-fuse-epilogues --split-input-file | FileCheck %s

!c16 = !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
// A residual block tail: relu(gemm + identity) -> one compute step.
// CHECK-LABEL: func.func @residual_relu
// CHECK-SAME: (%[[X:[^:]*]]: !sconv.voxels
// CHECK: %[[Y:.*]] = sconv.implicit_gemm %[[X]], %{{.*}}, %{{.*}} bias %{{.*}} residual %[[X]] {activation = #sconv<activation relu>}
// CHECK-NOT: sconv.add
// CHECK-NOT: sconv.relu
// CHECK: return %[[Y]]
func.func @residual_relu(%x: !c16, %w: tensor<27x16x16xf32>, %b: tensor<16xf32>) -> !c16 {
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !c16 -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b : (!c16, !sconv.kmap<27>, tensor<27x16x16xf32>, tensor<16xf32>) -> !c16
  %s = sconv.add %y, %x : !c16
  %r = sconv.relu %s : !c16
  return %r : !c16
}

// -----
!c16 = !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
// The identity on the left of the add works too.
// CHECK-LABEL: func.func @residual_left
// CHECK: sconv.implicit_gemm {{.*}} residual %arg0 :
func.func @residual_left(%x: !c16, %w: tensor<27x16x16xf32>) -> !c16 {
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !c16 -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w : (!c16, !sconv.kmap<27>, tensor<27x16x16xf32>) -> !c16
  %s = sconv.add %x, %y : !c16
  return %s : !c16
}

// -----
!c16 = !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
// Must NOT fire: the pre-activation value is also returned.
// CHECK-LABEL: func.func @other_use
// CHECK: %[[Y:.*]] = sconv.implicit_gemm
// CHECK-NOT: activation = #sconv<activation relu>
// CHECK: sconv.relu %[[Y]]
func.func @other_use(%x: !c16, %w: tensor<27x16x16xf32>) -> (!c16, !c16) {
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !c16 -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w : (!c16, !sconv.kmap<27>, tensor<27x16x16xf32>) -> !c16
  %r = sconv.relu %y : !c16
  return %r, %y : !c16, !c16
}

// -----
!c16 = !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
// Must NOT fire: add after a ReLU (relu(conv) + x is not conv + x then relu).
// CHECK-LABEL: func.func @relu_then_add
// CHECK: sconv.implicit_gemm {{.*}}{activation = #sconv<activation relu>}
// CHECK: sconv.add
func.func @relu_then_add(%x: !c16, %w: tensor<27x16x16xf32>) -> !c16 {
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !c16 -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w : (!c16, !sconv.kmap<27>, tensor<27x16x16xf32>) -> !c16
  %r = sconv.relu %y : !c16
  %s = sconv.add %r, %x : !c16
  return %s : !c16
}
