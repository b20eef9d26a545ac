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

// SW-LK, partition form (the default): group sums over the k^3 map, then a GEMM with the 27
// stacked group weights over the identity map.
// CHECK-LABEL: func.func @sw_lk_partition
// CHECK-SAME: (%[[X:[^:]*]]: !sconv.voxels
// CHECK: %[[BIG:.*]] = sconv.kernel_map %[[X]] {{{.*}}kernel = array<i64: 5, 5, 5>, kind = #sconv<map_kind submanifold>{{.*}}} : {{.*}} -> !sconv.kmap<125>
// CHECK: %[[S:.*]] = sconv.partition_sum %[[X]], %[[BIG]] pe %{{.*}} {kernel_size = 5 : i64} {{.*}} -> !sconv.voxels<432 x f32
// CHECK: %[[ONE:.*]] = sconv.kernel_map %[[S]] {{.*}} -> !sconv.kmap<1>
// CHECK: sconv.implicit_gemm %[[S]], %[[ONE]], %{{.*}} bias %{{.*}} : (!sconv.voxels<432 x f32, {{.*}}, tensor<1x432x16xf32>, tensor<16xf32>)
// CHECK-NOT: sconv.sw_lk_conv
func.func @sw_lk_partition(%x: !c16, %w: tensor<27x16x16xf32>, %pe: tensor<125x16xf32>, %b: tensor<16xf32>) -> !c16 {
  %y = sconv.sw_lk_conv %x, %w pe %pe bias %b {kernel_size = 5 : i64} : (!c16, tensor<27x16x16xf32>, tensor<125x16xf32>, tensor<16xf32>) -> !c16
  return %y : !c16
}

// SW-LK, plain form: one GEMM over the k^3 map with the expanded weights; the position embedding
// rides on a constant-one channel (one more weight row per offset).
// CHECK-LABEL: func.func @sw_lk_plain
// CHECK-SAME: (%[[X:[^:]*]]: {{.*}}, %[[W:[^:]*]]: tensor<27x16x16xf32>, %[[PE:[^:]*]]: tensor<125x16xf32>
// CHECK: %[[BIG:.*]] = sconv.kernel_map %[[X]] {{.*}} -> !sconv.kmap<125>
// CHECK: %[[X1:.*]] = sconv.append_ones %[[X]] : {{.*}} -> !sconv.voxels<17 x f32
// CHECK: %[[WX:.*]] = sconv.expand_sw_lk %[[W]] pe %[[PE]] {kernel_size = 5 : i64} : {{.*}} -> tensor<125x17x16xf32>
// CHECK: sconv.implicit_gemm %[[X1]], %[[BIG]], %[[WX]] bias %{{.*}} : (!sconv.voxels<17 x f32, {{.*}}, !sconv.kmap<125>, tensor<125x17x16xf32>, tensor<16xf32>)
// CHECK-NOT: sconv.partition_sum
func.func @sw_lk_plain(%x: !c16, %w: tensor<27x16x16xf32>, %pe: tensor<125x16xf32>, %b: tensor<16xf32>) -> !c16 {
  %y = sconv.sw_lk_conv %x, %w pe %pe bias %b {kernel_size = 5 : i64, form = #sconv<sw_lk_form plain>} : (!c16, tensor<27x16x16xf32>, tensor<125x16xf32>, tensor<16xf32>) -> !c16
  return %y : !c16
}

// Without a position embedding there is no constant channel.
// CHECK-LABEL: func.func @sw_lk_plain_no_pe
// CHECK-NOT: sconv.append_ones
// CHECK: sconv.expand_sw_lk %{{[^ ]*}} {kernel_size = 7 : i64} : (tensor<27x16x16xf32>) -> tensor<343x16x16xf32>
// CHECK: sconv.implicit_gemm %{{[^,]*}}, %{{.*}} : (!sconv.voxels<16 x f32, {{.*}}, !sconv.kmap<343>, tensor<343x16x16xf32>)
func.func @sw_lk_plain_no_pe(%x: !c16, %w: tensor<27x16x16xf32>) -> !c16 {
  %y = sconv.sw_lk_conv %x, %w {kernel_size = 7 : i64, form = #sconv<sw_lk_form plain>} : (!c16, tensor<27x16x16xf32>) -> !c16
  return %y : !c16
}
