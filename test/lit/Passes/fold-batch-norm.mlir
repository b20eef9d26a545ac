// RUN: sconv-opt %s --sconv-fold-batch-norm --split-input-file | FileCheck %s

!c16 = !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
// CHECK-LABEL: func.func @subm_bn
// CHECK: %[[FW:.*]], %[[FB:.*]] = sconv.fold_bn %{{.*}} bias %{{.*}} bn(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) :
// CHECK: %[[Y:.*]] = sconv.subm_conv %{{.*}}, %[[FW]], %[[FB]]
// CHECK-NOT: sconv.batch_norm
// CHECK: return %[[Y]]
func.func @subm_bn(%x: !c16, %w: tensor<27x16x16xf32>, %b: tensor<16xf32>, %g: tensor<16xf32>, %be: tensor<16xf32>, %m: tensor<16xf32>, %v: tensor<16xf32>) -> !c16 {
  %y = sconv.subm_conv %x, %w, %b {kernel = array<i64: 3, 3, 3>, dilation = array<i64: 1, 1, 1>} : (!c16, tensor<27x16x16xf32>, tensor<16xf32>) -> !c16
  %z = sconv.batch_norm %y, %g, %be, %m, %v : (!c16, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> !c16
  return %z : !c16
}

// -----
// A conv without bias gets the folded bias.
!c16 = !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
!c32 = !sconv.voxels<32 x f32, shape [?, ?, ?], stride [2, 2, 2]>
// CHECK-LABEL: func.func @strided_no_bias
// CHECK: %[[FW:.*]], %[[FB:.*]] = sconv.fold_bn %{{[a-z0-9]+}} bn({{.*}}) {epsilon = 1.000000e-05 : f64}
// CHECK: sconv.conv %{{.*}}, %[[FW]], %[[FB]]
func.func @strided_no_bias(%x: !c16, %w: tensor<27x16x32xf32>, %g: tensor<32xf32>, %be: tensor<32xf32>, %m: tensor<32xf32>, %v: tensor<32xf32>) -> !c32 {
  %y = sconv.conv %x, %w {kernel = array<i64: 3, 3, 3>, stride = array<i64: 2, 2, 2>, padding = array<i64: 1, 1, 1>, dilation = array<i64: 1, 1, 1>} : (!c16, tensor<27x16x32xf32>) -> !c32
  %z = sconv.batch_norm %y, %g, %be, %m, %v {epsilon = 1.0e-05 : f64} : (!c32, tensor<32xf32>, tensor<32xf32>, tensor<32xf32>, tensor<32xf32>) -> !c32
  return %z : !c32
}

// -----
// Must NOT fire: the conv's output is also used elsewhere (the un-normalised value is needed).
!c16 = !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
// CHECK-LABEL: func.func @other_use
// CHECK-NOT: sconv.fold_bn
// CHECK: sconv.batch_norm
func.func @other_use(%x: !c16, %w: tensor<27x16x16xf32>, %g: tensor<16xf32>, %be: tensor<16xf32>, %m: tensor<16xf32>, %v: tensor<16xf32>) -> (!c16, !c16) {
  %y = sconv.subm_conv %x, %w {kernel = array<i64: 3, 3, 3>, dilation = array<i64: 1, 1, 1>} : (!c16, tensor<27x16x16xf32>) -> !c16
  %z = sconv.batch_norm %y, %g, %be, %m, %v : (!c16, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> !c16
  return %z, %y : !c16, !c16
}

// -----
// Must NOT fire: BN of something that is not a conv.
!c16 = !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
// CHECK-LABEL: func.func @not_a_conv
// CHECK-NOT: sconv.fold_bn
// CHECK: sconv.batch_norm
func.func @not_a_conv(%x: !c16, %g: tensor<16xf32>, %be: tensor<16xf32>, %m: tensor<16xf32>, %v: tensor<16xf32>) -> !c16 {
  %r = sconv.relu %x : !c16
  %z = sconv.batch_norm %r, %g, %be, %m, %v : (!c16, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> !c16
  return %z : !c16
}

// -----
// SPSS: weights folded AND the BN affine applied to the pass-through rows.
!c16 = !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
// CHECK-LABEL: func.func @spss_bn
// CHECK: %[[FW:.*]], %[[FB:.*]] = sconv.fold_bn
// CHECK: %[[S:.*]], %[[T:.*]] = sconv.bn_affine
// CHECK: sconv.spss_conv %{{.*}}, %[[FW]] bias %[[FB]] passthrough(%[[S]], %[[T]]) {{.*}}ratio = 5.000000e-01
func.func @spss_bn(%x: !c16, %w: tensor<27x16x16xf32>, %g: tensor<16xf32>, %be: tensor<16xf32>, %m: tensor<16xf32>, %v: tensor<16xf32>) -> !c16 {
  %y = sconv.spss_conv %x, %w {kernel = array<i64: 3, 3, 3>, dilation = array<i64: 1, 1, 1>, ratio = 0.5 : f64} : (!c16, tensor<27x16x16xf32>) -> !c16
  %z = sconv.batch_norm %y, %g, %be, %m, %v : (!c16, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> !c16
  return %z : !c16
}

// -----
// An SW-LK conv keeps its chosen form when a BatchNorm is folded into it.
!c16 = !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
// CHECK-LABEL: func.func @sw_lk_keeps_form
// CHECK: %[[W:.*]], %[[B:.*]] = sconv.fold_bn
// CHECK: sconv.sw_lk_conv %{{[^,]*}}, %[[W]] pe %{{.*}} bias %[[B]] {form = #sconv<sw_lk_form plain>, kernel_size = 5 : i64}
// CHECK-NOT: sconv.batch_norm
func.func @sw_lk_keeps_form(%x: !c16, %w: tensor<27x16x16xf32>, %pe: tensor<125x16xf32>, %g: tensor<16xf32>, %be: tensor<16xf32>, %m: tensor<16xf32>, %v: tensor<16xf32>) -> !c16 {
  %y = sconv.sw_lk_conv %x, %w pe %pe {kernel_size = 5 : i64, form = #sconv<sw_lk_form plain>} : (!c16, tensor<27x16x16xf32>, tensor<125x16xf32>) -> !c16
  %n = sconv.batch_norm %y, %g, %be, %m, %v : (!c16, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> !c16
  return %n : !c16
}
