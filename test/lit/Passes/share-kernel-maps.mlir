// RUN: sconv-opt %s --sconv-lower-to-kernel-maps --sconv-share-kernel-maps | FileCheck %s
// RUN: sconv-opt %s --sconv-lower-to-kernel-maps --sconv-share-kernel-maps | grep -c '= sconv.kernel_map' | FileCheck %s --check-prefix=COUNT
// RUN: sconv-opt %s --sconv-lower-to-kernel-maps | grep -c '= sconv.kernel_map' | FileCheck %s --check-prefix=UNSHARED

!c16 = !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
!c32 = !sconv.voxels<32 x f32, shape [?, ?, ?], stride [2, 2, 2]>

// Two SubM convs in a chain read the same sites: one map, built on the chain's input. A dilated
// SubM needs its own map; the strided conv its own (regular) map; the inverse conv reuses the
// strided map transposed.
// CHECK-LABEL: func.func @chain
// CHECK-SAME: (%[[X:[^:]*]]: !sconv.voxels
// CHECK: %[[M3:.*]] = sconv.kernel_map %[[X]] {{.*}}kernel = array<i64: 3, 3, 3>, kind = #sconv<map_kind submanifold>
// CHECK: %[[Y0:.*]] = sconv.implicit_gemm %[[X]], %[[M3]]
// CHECK: %[[Y1:.*]] = sconv.implicit_gemm %[[Y0]], %[[M3]]
// CHECK: %[[MD:.*]] = sconv.kernel_map %[[X]] {dilation = array<i64: 2, 2, 2>
// CHECK: sconv.implicit_gemm %[[Y1]], %[[MD]]
// CHECK: %[[MS:.*]] = sconv.kernel_map %[[X]] {{.*}}kind = #sconv<map_kind regular>
// CHECK: %[[D:.*]] = sconv.implicit_gemm {{.*}}, %[[MS]]
// CHECK: %[[MT:.*]] = sconv.transpose_map %[[MS]]
// CHECK: sconv.implicit_gemm %[[D]], %[[MT]]
// CHECK: sconv.implicit_gemm %{{.*}}, %[[M3]]
// Three maps for five convs (and one transposed); without the pass, five.
// COUNT: 3
// UNSHARED: 5
func.func @chain(%x: !c16, %w: tensor<27x16x16xf32>, %ws: tensor<27x16x32xf32>, %wi: tensor<27x32x16xf32>) -> !c16 {
  %y0 = sconv.subm_conv %x, %w {kernel = array<i64: 3, 3, 3>, dilation = array<i64: 1, 1, 1>} : (!c16, tensor<27x16x16xf32>) -> !c16
  %y1 = sconv.subm_conv %y0, %w {kernel = array<i64: 3, 3, 3>, dilation = array<i64: 1, 1, 1>} : (!c16, tensor<27x16x16xf32>) -> !c16
  %y2 = sconv.subm_conv %y1, %w {kernel = array<i64: 3, 3, 3>, dilation = array<i64: 2, 2, 2>} : (!c16, tensor<27x16x16xf32>) -> !c16
  %d = sconv.conv %y2, %ws {kernel = array<i64: 3, 3, 3>, stride = array<i64: 2, 2, 2>, padding = array<i64: 1, 1, 1>, dilation = array<i64: 1, 1, 1>} : (!c16, tensor<27x16x32xf32>) -> !c32
  %u = sconv.inverse_conv %d, %y2, %wi {kernel = array<i64: 3, 3, 3>, stride = array<i64: 2, 2, 2>, padding = array<i64: 1, 1, 1>, dilation = array<i64: 1, 1, 1>} : (!c32, !c16, tensor<27x32x16xf32>) -> !c16
  // After the inverse conv we are back on %x's sites: this SubM shares the first map.
  %y3 = sconv.subm_conv %u, %w {kernel = array<i64: 3, 3, 3>, dilation = array<i64: 1, 1, 1>} : (!c16, tensor<27x16x16xf32>) -> !c16
  return %y3 : !c16
}
