// RUN: sconv-opt %s -split-input-file -verify-diagnostics

!in = !sconv.voxels<4 x f32, shape [41, 1600, 1408], stride [1, 1, 1]>
!c16 = !sconv.voxels<16 x f32, shape [41, 1600, 1408], stride [1, 1, 1]>
func.func @wrong_kernel_volume(%x: !in, %w: tensor<26x4x16xf32>) -> !c16 {
  // expected-error@+1 {{weight must be [K, C_in, C_out] with K = kernel volume 27}}
  %y = sconv.subm_conv %x, %w {kernel = array<i64: 3, 3, 3>, dilation = array<i64: 1, 1, 1>} : (!in, tensor<26x4x16xf32>) -> !c16
  return %y : !c16
}

// -----
!in = !sconv.voxels<4 x f32, shape [41, 1600, 1408], stride [1, 1, 1]>
!c16 = !sconv.voxels<16 x f32, shape [41, 1600, 1408], stride [1, 1, 1]>
func.func @cin_mismatch(%x: !in, %w: tensor<27x5x16xf32>) -> !c16 {
  // expected-error@+1 {{weight C_in (5) does not match the input's 4 channels}}
  %y = sconv.subm_conv %x, %w {kernel = array<i64: 3, 3, 3>, dilation = array<i64: 1, 1, 1>} : (!in, tensor<27x5x16xf32>) -> !c16
  return %y : !c16
}

// -----
!in = !sconv.voxels<4 x f32, shape [41, 1600, 1408], stride [1, 1, 1]>
!c16 = !sconv.voxels<16 x f32, shape [41, 1600, 1408], stride [1, 1, 1]>
func.func @cout_mismatch(%x: !in, %w: tensor<27x4x8xf32>) -> !c16 {
  // expected-error@+1 {{weight C_out (8) does not match the result's 16 channels}}
  %y = sconv.subm_conv %x, %w {kernel = array<i64: 3, 3, 3>, dilation = array<i64: 1, 1, 1>} : (!in, tensor<27x4x8xf32>) -> !c16
  return %y : !c16
}

// -----
!in = !sconv.voxels<4 x f32, shape [41, 1600, 1408], stride [1, 1, 1]>
!c16 = !sconv.voxels<16 x f32, shape [41, 1600, 1408], stride [1, 1, 1]>
func.func @even_subm_kernel(%x: !in, %w: tensor<8x4x16xf32>) -> !c16 {
  // expected-error@+1 {{submanifold convolution needs an odd kernel on every axis (its output sites are its input sites), got kernel size 2}}
  %y = sconv.subm_conv %x, %w {kernel = array<i64: 2, 2, 2>, dilation = array<i64: 1, 1, 1>} : (!in, tensor<8x4x16xf32>) -> !c16
  return %y : !c16
}

// -----
!in = !sconv.voxels<4 x f32, shape [41, 1600, 1408], stride [1, 1, 1]>
!c16 = !sconv.voxels<16 x f32, shape [41, 1600, 1408], stride [2, 2, 2]>
func.func @subm_changes_stride(%x: !in, %w: tensor<27x4x16xf32>) -> !c16 {
  // expected-error@+1 {{submanifold convolution keeps the input's sites}}
  %y = sconv.subm_conv %x, %w {kernel = array<i64: 3, 3, 3>, dilation = array<i64: 1, 1, 1>} : (!in, tensor<27x4x16xf32>) -> !c16
  return %y : !c16
}

// -----
!in = !sconv.voxels<16 x f32, shape [41, 1600, 1408], stride [1, 1, 1]>
!c32 = !sconv.voxels<32 x f32, shape [21, 800, 704], stride [2, 2, 2]>
func.func @zero_stride(%x: !in, %w: tensor<27x16x32xf32>) -> !c32 {
  // expected-error@+1 {{'stride' entries must be positive, got 0}}
  %y = sconv.conv %x, %w {kernel = array<i64: 3, 3, 3>, stride = array<i64: 2, 0, 2>, padding = array<i64: 1, 1, 1>, dilation = array<i64: 1, 1, 1>} : (!in, tensor<27x16x32xf32>) -> !c32
  return %y : !c32
}

// -----
!in = !sconv.voxels<16 x f32, shape [41, 1600, 1408], stride [1, 1, 1]>
!c32 = !sconv.voxels<32 x f32, shape [21, 800, 704], stride [2, 2, 2]>
func.func @negative_padding(%x: !in, %w: tensor<27x16x32xf32>) -> !c32 {
  // expected-error@+1 {{'padding' entries must be non-negative, got -1}}
  %y = sconv.conv %x, %w {kernel = array<i64: 3, 3, 3>, stride = array<i64: 2, 2, 2>, padding = array<i64: -1, 1, 1>, dilation = array<i64: 1, 1, 1>} : (!in, tensor<27x16x32xf32>) -> !c32
  return %y : !c32
}

// -----
!in = !sconv.voxels<16 x f32, shape [41, 1600, 1408], stride [1, 1, 1]>
!c32 = !sconv.voxels<32 x f32, shape [21, 800, 704], stride [2, 2, 2]>
func.func @two_axes(%x: !in, %w: tensor<9x16x32xf32>) -> !c32 {
  // expected-error@+1 {{'kernel' needs one entry per spatial axis (z, y, x), got 2}}
  %y = sconv.conv %x, %w {kernel = array<i64: 3, 3>, stride = array<i64: 2, 2, 2>, padding = array<i64: 1, 1, 1>, dilation = array<i64: 1, 1, 1>} : (!in, tensor<9x16x32xf32>) -> !c32
  return %y : !c32
}

// -----
!in = !sconv.voxels<16 x f32, shape [41, 1600, 1408], stride [1, 1, 1]>
!c32 = !sconv.voxels<32 x f32, shape [20, 800, 704], stride [2, 2, 2]>
func.func @wrong_output_shape(%x: !in, %w: tensor<27x16x32xf32>) -> !c32 {
  // expected-error@+1 {{result spatial shape on axis 0 must be 21 = floor((S + 2p - d*(k-1) - 1)/s) + 1, got 20}}
  %y = sconv.conv %x, %w {kernel = array<i64: 3, 3, 3>, stride = array<i64: 2, 2, 2>, padding = array<i64: 1, 1, 1>, dilation = array<i64: 1, 1, 1>} : (!in, tensor<27x16x32xf32>) -> !c32
  return %y : !c32
}

// -----
!in = !sconv.voxels<16 x f32, shape [41, 1600, 1408], stride [1, 1, 1]>
!c32 = !sconv.voxels<32 x f32, shape [21, 800, 704], stride [1, 2, 2]>
func.func @wrong_tensor_stride(%x: !in, %w: tensor<27x16x32xf32>) -> !c32 {
  // expected-error@+1 {{result tensor stride on axis 0 must be 2 (input tensor stride times conv stride), got 1}}
  %y = sconv.conv %x, %w {kernel = array<i64: 3, 3, 3>, stride = array<i64: 2, 2, 2>, padding = array<i64: 1, 1, 1>, dilation = array<i64: 1, 1, 1>} : (!in, tensor<27x16x32xf32>) -> !c32
  return %y : !c32
}

// -----
!in = !sconv.voxels<16 x f32, shape [2, 1600, 1408], stride [1, 1, 1]>
!c32 = !sconv.voxels<32 x f32, shape [1, 800, 704], stride [2, 2, 2]>
func.func @kernel_too_big(%x: !in, %w: tensor<125x16x32xf32>) -> !c32 {
  // expected-error@+1 {{the kernel does not fit axis 0 (input extent 2): the output would be empty}}
  %y = sconv.conv %x, %w {kernel = array<i64: 5, 5, 5>, stride = array<i64: 2, 2, 2>, padding = array<i64: 0, 2, 2>, dilation = array<i64: 1, 1, 1>} : (!in, tensor<125x16x32xf32>) -> !c32
  return %y : !c32
}

// -----
!in = !sconv.voxels<4 x f32, shape [41, 1600, 1408], stride [1, 1, 1]>
!c16 = !sconv.voxels<16 x f32, shape [41, 1600, 1408], stride [1, 1, 1]>
func.func @bias_shape(%x: !in, %w: tensor<27x4x16xf32>, %b: tensor<8xf32>) -> !c16 {
  // expected-error@+1 {{bias must be [C_out] = [16] of 'f32', got 'tensor<8xf32>'}}
  %y = sconv.subm_conv %x, %w, %b {kernel = array<i64: 3, 3, 3>, dilation = array<i64: 1, 1, 1>} : (!in, tensor<27x4x16xf32>, tensor<8xf32>) -> !c16
  return %y : !c16
}

// -----
!in = !sconv.voxels<4 x f32, shape [41, 1600, 1408], stride [1, 1, 1]>
!c16 = !sconv.voxels<16 x f16, shape [41, 1600, 1408], stride [1, 1, 1]>
func.func @element_type_mismatch(%x: !in, %w: tensor<27x4x16xf32>) -> !c16 {
  // expected-error@+1 {{input, weight and result must share one element type, got 'f32', 'f32', 'f16'}}
  %y = sconv.subm_conv %x, %w {kernel = array<i64: 3, 3, 3>, dilation = array<i64: 1, 1, 1>} : (!in, tensor<27x4x16xf32>) -> !c16
  return %y : !c16
}

// -----
!in = !sconv.voxels<4 x f32, shape [41, 1600, 1408], stride [1, 1, 1]>
func.func @map_volume(%x: !in) {
  // expected-error@+1 {{map volume 26 does not match the kernel volume 27}}
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 1, 1, 1>, dilation = array<i64: 1, 1, 1>} : !in -> !sconv.kmap<26>
  return
}

// -----
!in = !sconv.voxels<4 x f32, shape [41, 1600, 1408], stride [1, 1, 1]>
!c16 = !sconv.voxels<16 x f32, shape [41, 1600, 1408], stride [1, 1, 1]>
func.func @gemm_volume(%x: !in, %m: !sconv.kmap<27>, %w: tensor<8x4x16xf32>) -> !c16 {
  // expected-error@+1 {{weight must be [K, C_in, C_out] with K = kernel volume 27}}
  %y = sconv.implicit_gemm %x, %m, %w : (!in, !sconv.kmap<27>, tensor<8x4x16xf32>) -> !c16
  return %y : !c16
}

// -----
// expected-error@+1 {{sparse voxel tensor needs a positive channel count, got 0}}
func.func @zero_channels(%x: !sconv.voxels<0 x f32, shape [4, 4, 4], stride [1, 1, 1]>) {
  return
}

// -----
// expected-error@+1 {{sparse voxel tensor has spatial rank 3 (D, H, W), got 2 dimensions}}
func.func @rank2(%x: !sconv.voxels<4 x f32, shape [4, 4], stride [1, 1, 1]>) {
  return
}

// -----
// expected-error@+1 {{sparse voxel tensor features must be f32, f16 or bf16, got 'i32'}}
func.func @int_feats(%x: !sconv.voxels<4 x i32, shape [4, 4, 4], stride [1, 1, 1]>) {
  return
}

// -----
func.func @empty_name() {
  // expected-error@+1 {{parameter name must not be empty}}
  %w = sconv.weight "" : tensor<27x4x16xf32>
  return
}

// -----
func.func @weight_rank(%x: !sconv.voxels<4 x f32, shape [4, 4, 4], stride [1, 1, 1]>, %w: tensor<27x4xf32>) {
  // expected-error@+1 {{operand #1 must be 3D tensor of 32-bit float or 16-bit float or bfloat16 type values}}
  %y = sconv.subm_conv %x, %w {kernel = array<i64: 3, 3, 3>, dilation = array<i64: 1, 1, 1>} : (!sconv.voxels<4 x f32, shape [4, 4, 4], stride [1, 1, 1]>, tensor<27x4xf32>) -> !sconv.voxels<4 x f32, shape [4, 4, 4], stride [1, 1, 1]>
  return
}
