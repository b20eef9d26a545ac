// The foundation of VoxelResBackBone8x's conv2 stage (CenterPoint): a strided SpConv + BN + ReLU,
// then two residual blocks (SubM3 -> BN -> ReLU -> SubM3 -> BN -> + identity -> ReLU).
// RUN: sconv-opt %s --sconv-graph-pipeline | FileCheck %s
// RUN: sconv-opt %s --sconv-graph-pipeline | grep -c '= sconv.kernel_map' | FileCheck %s --check-prefix=MAPS
// RUN: sconv-opt %s --sconv-graph-pipeline | grep -c '= sconv.implicit_gemm' | FileCheck %s --check-prefix=GEMMS

!c16 = !sconv.voxels<16 x f32, shape [41, 1600, 1408], stride [1, 1, 1]>
!c32 = !sconv.voxels<32 x f32, shape [21, 800, 704], stride [2, 2, 2]>

// One map per distinct geometry: the strided map, and one SubM map shared by all four SubM convs.
// MAPS: 2
// GEMMS: 5
// CHECK-LABEL: func.func @conv2_stage
// CHECK-SAME: (%[[X:[^:]*]]: !sconv.voxels
// CHECK: %[[FW:.*]], %[[FB:.*]] = sconv.fold_bn
// CHECK: %[[MS:.*]] = sconv.kernel_map %[[X]] {{.*}}kind = #sconv<map_kind regular>
// CHECK: %[[H0:.*]] = sconv.implicit_gemm %[[X]], %[[MS]], %[[FW]] bias %[[FB]] {activation = #sconv<activation relu>}
// CHECK: %[[M3:.*]] = sconv.kernel_map %[[H0]] {{.*}}kind = #sconv<map_kind submanifold>
// CHECK: %[[A1:.*]] = sconv.implicit_gemm %[[H0]], %[[M3]], %{{.*}} bias %{{.*}} {activation = #sconv<activation relu>}
// CHECK: %[[H1:.*]] = sconv.implicit_gemm %[[A1]], %[[M3]], %{{.*}} bias %{{.*}} residual %[[H0]] {activation = #sconv<activation relu>}
// CHECK: %[[A2:.*]] = sconv.implicit_gemm %[[H1]], %[[M3]], %{{.*}} bias %{{.*}} {activation = #sconv<activation relu>}
// CHECK: %[[H2:.*]] = sconv.implicit_gemm %[[A2]], %[[M3]], %{{.*}} bias %{{.*}} residual %[[H1]] {activation = #sconv<activation relu>}
// CHECK-NOT: sconv.batch_norm
// CHECK-NOT: sconv.relu
// CHECK-NOT: sconv.add
// CHECK: return %[[H2]]
func.func @conv2_stage(%x: !c16) -> !c32 {
  %w_down = sconv.weight "conv2.0.weight" : tensor<27x16x32xf32>
  %down = sconv.conv %x, %w_down {kernel = array<i64: 3, 3, 3>, stride = array<i64: 2, 2, 2>, padding = array<i64: 1, 1, 1>, dilation = array<i64: 1, 1, 1>} : (!c16, tensor<27x16x32xf32>) -> !c32
  %down_bn_g = sconv.weight "conv2.1.weight" : tensor<32xf32>
  %down_bn_b = sconv.weight "conv2.1.bias" : tensor<32xf32>
  %down_bn_m = sconv.weight "conv2.1.running_mean" : tensor<32xf32>
  %down_bn_v = sconv.weight "conv2.1.running_var" : tensor<32xf32>
  %down_bn = sconv.batch_norm %down, %down_bn_g, %down_bn_b, %down_bn_m, %down_bn_v : (!c32, tensor<32xf32>, tensor<32xf32>, tensor<32xf32>, tensor<32xf32>) -> !c32
  %h0 = sconv.relu %down_bn : !c32
  %w1a = sconv.weight "conv2.2.conv1.weight" : tensor<27x32x32xf32>
  %b1a = sconv.weight "conv2.2.conv1.bias" : tensor<32xf32>
  %c1a = sconv.subm_conv %h0, %w1a, %b1a {kernel = array<i64: 3, 3, 3>, dilation = array<i64: 1, 1, 1>} : (!c32, tensor<27x32x32xf32>, tensor<32xf32>) -> !c32
  %n1a_g = sconv.weight "conv2.2.bn1.weight" : tensor<32xf32>
  %n1a_b = sconv.weight "conv2.2.bn1.bias" : tensor<32xf32>
  %n1a_m = sconv.weight "conv2.2.bn1.running_mean" : tensor<32xf32>
  %n1a_v = sconv.weight "conv2.2.bn1.running_var" : tensor<32xf32>
  %n1a = sconv.batch_norm %c1a, %n1a_g, %n1a_b, %n1a_m, %n1a_v : (!c32, tensor<32xf32>, tensor<32xf32>, tensor<32xf32>, tensor<32xf32>) -> !c32
  %r1a = sconv.relu %n1a : !c32
  %w1b = sconv.weight "conv2.2.conv2.weight" : tensor<27x32x32xf32>
  %b1b = sconv.weight "conv2.2.conv2.bias" : tensor<32xf32>
  %c1b = sconv.subm_conv %r1a, %w1b, %b1b {kernel = array<i64: 3, 3, 3>, dilation = array<i64: 1, 1, 1>} : (!c32, tensor<27x32x32xf32>, tensor<32xf32>) -> !c32
  %n1b_g = sconv.weight "conv2.2.bn2.weight" : tensor<32xf32>
  %n1b_b = sconv.weight "conv2.2.bn2.bias" : tensor<32xf32>
  %n1b_m = sconv.weight "conv2.2.bn2.running_mean" : tensor<32xf32>
  %n1b_v = sconv.weight "conv2.2.bn2.running_var" : tensor<32xf32>
  %n1b = sconv.batch_norm %c1b, %n1b_g, %n1b_b, %n1b_m, %n1b_v : (!c32, tensor<32xf32>, tensor<32xf32>, tensor<32xf32>, tensor<32xf32>) -> !c32
  %s1 = sconv.add %n1b, %h0 : !c32
  %h1 = sconv.relu %s1 : !c32
  %w2a = sconv.weight "conv2.3.conv1.weight" : tensor<27x32x32xf32>
  %b2a = sconv.weight "conv2.3.conv1.bias" : tensor<32xf32>
  %c2a = sconv.subm_conv %h1, %w2a, %b2a {kernel = array<i64: 3, 3, 3>, dilation = array<i64: 1, 1, 1>} : (!c32, tensor<27x32x32xf32>, tensor<32xf32>) -> !c32
  %n2a_g = sconv.weight "conv2.3.bn1.weight" : tensor<32xf32>
  %n2a_b = sconv.weight "conv2.3.bn1.bias" : tensor<32xf32>
  %n2a_m = sconv.weight "conv2.3.bn1.running_mean" : tensor<32xf32>
  %n2a_v = sconv.weight "conv2.3.bn1.running_var" : tensor<32xf32>
  %n2a = sconv.batch_norm %c2a, %n2a_g, %n2a_b, %n2a_m, %n2a_v : (!c32, tensor<32xf32>, tensor<32xf32>, tensor<32xf32>, tensor<32xf32>) -> !c32
  %r2a = sconv.relu %n2a : !c32
  %w2b = sconv.weight "conv2.3.conv2.weight" : tensor<27x32x32xf32>
  %b2b = sconv.weight "conv2.3.conv2.bias" : tensor<32xf32>
  %c2b = sconv.subm_conv %r2a, %w2b, %b2b {kernel = array<i64: 3, 3, 3>, dilation = array<i64: 1, 1, 1>} : (!c32, tensor<27x32x32xf32>, tensor<32xf32>) -> !c32
  %n2b_g = sconv.weight "conv2.3.bn2.weight" : tensor<32xf32>
  %n2b_b = sconv.weight "conv2.3.bn2.bias" : tensor<32xf32>
  %n2b_m = sconv.weight "conv2.3.bn2.running_mean" : tensor<32xf32>
  %n2b_v = sconv.weight "conv2.3.bn2.running_var" : tensor<32xf32>
  %n2b = sconv.batch_norm %c2b, %n2b_g, %n2b_b, %n2b_m, %n2b_v : (!c32, tensor<32xf32>, tensor<32xf32>, tensor<32xf32>, tensor<32xf32>) -> !c32
  %s2 = sconv.add %n2b, %h1 : !c32
  %h2 = sconv.relu %s2 : !c32
  return %h2 : !c32
}
