// Single-conv models for the compiled-kernel numerics test (CompiledConvTest.cpp): every
// channel count, kernel, stride, padding and dilation the foundation issue names. Spatial
// shapes are dynamic so one artifact serves every random grid. Parameters are named <entry>.w/.b.

func.func @subm_k3_c1x16(%x: !sconv.voxels<1 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "subm_k3_c1x16.w" : tensor<27x1x16xf32>
  %b = sconv.weight "subm_k3_c1x16.b" : tensor<16xf32>
  %y = sconv.subm_conv %x, %w, %b {kernel = array<i64: 3, 3, 3>, dilation = array<i64: 1, 1, 1>}
      : (!sconv.voxels<1 x f32, shape [?, ?, ?], stride [1, 1, 1]>, tensor<27x1x16xf32>, tensor<16xf32>) -> !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @subm_k3_c3x5(%x: !sconv.voxels<3 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "subm_k3_c3x5.w" : tensor<27x3x5xf32>
  %y = sconv.subm_conv %x, %w {kernel = array<i64: 3, 3, 3>, dilation = array<i64: 1, 1, 1>}
      : (!sconv.voxels<3 x f32, shape [?, ?, ?], stride [1, 1, 1]>, tensor<27x3x5xf32>) -> !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @subm_k3_c13x13(%x: !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "subm_k3_c13x13.w" : tensor<27x13x13xf32>
  %b = sconv.weight "subm_k3_c13x13.b" : tensor<13xf32>
  %y = sconv.subm_conv %x, %w, %b {kernel = array<i64: 3, 3, 3>, dilation = array<i64: 1, 1, 1>}
      : (!sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>, tensor<27x13x13xf32>, tensor<13xf32>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @subm_k3_c16x16(%x: !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "subm_k3_c16x16.w" : tensor<27x16x16xf32>
  %y = sconv.subm_conv %x, %w {kernel = array<i64: 3, 3, 3>, dilation = array<i64: 1, 1, 1>}
      : (!sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>, tensor<27x16x16xf32>) -> !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @subm_k3_c64x64(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "subm_k3_c64x64.w" : tensor<27x64x64xf32>
  %b = sconv.weight "subm_k3_c64x64.b" : tensor<64xf32>
  %y = sconv.subm_conv %x, %w, %b {kernel = array<i64: 3, 3, 3>, dilation = array<i64: 1, 1, 1>}
      : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @subm_k5_c5x1(%x: !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<1 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "subm_k5_c5x1.w" : tensor<125x5x1xf32>
  %b = sconv.weight "subm_k5_c5x1.b" : tensor<1xf32>
  %y = sconv.subm_conv %x, %w, %b {kernel = array<i64: 5, 5, 5>, dilation = array<i64: 1, 1, 1>}
      : (!sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>, tensor<125x5x1xf32>, tensor<1xf32>) -> !sconv.voxels<1 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<1 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @subm_k5_c16x13(%x: !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "subm_k5_c16x13.w" : tensor<125x16x13xf32>
  %y = sconv.subm_conv %x, %w {kernel = array<i64: 5, 5, 5>, dilation = array<i64: 1, 1, 1>}
      : (!sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>, tensor<125x16x13xf32>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @subm_k3_d2_c16x16(%x: !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "subm_k3_d2_c16x16.w" : tensor<27x16x16xf32>
  %b = sconv.weight "subm_k3_d2_c16x16.b" : tensor<16xf32>
  %y = sconv.subm_conv %x, %w, %b {kernel = array<i64: 3, 3, 3>, dilation = array<i64: 2, 2, 2>}
      : (!sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>, tensor<27x16x16xf32>, tensor<16xf32>) -> !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @subm_k135_c4x16(%x: !sconv.voxels<4 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "subm_k135_c4x16.w" : tensor<15x4x16xf32>
  %b = sconv.weight "subm_k135_c4x16.b" : tensor<16xf32>
  %y = sconv.subm_conv %x, %w, %b {kernel = array<i64: 1, 3, 5>, dilation = array<i64: 1, 1, 1>}
      : (!sconv.voxels<4 x f32, shape [?, ?, ?], stride [1, 1, 1]>, tensor<15x4x16xf32>, tensor<16xf32>) -> !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @conv_k3_s2_p1_c16x32(%x: !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<32 x f32, shape [?, ?, ?], stride [2, 2, 2]> {
  %w = sconv.weight "conv_k3_s2_p1_c16x32.w" : tensor<27x16x32xf32>
  %y = sconv.conv %x, %w {kernel = array<i64: 3, 3, 3>, stride = array<i64: 2, 2, 2>, padding = array<i64: 1, 1, 1>, dilation = array<i64: 1, 1, 1>}
      : (!sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>, tensor<27x16x32xf32>) -> !sconv.voxels<32 x f32, shape [?, ?, ?], stride [2, 2, 2]>
  return %y : !sconv.voxels<32 x f32, shape [?, ?, ?], stride [2, 2, 2]>
}

func.func @conv_k2_s2_p0_c5x3(%x: !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]> {
  %w = sconv.weight "conv_k2_s2_p0_c5x3.w" : tensor<8x5x3xf32>
  %b = sconv.weight "conv_k2_s2_p0_c5x3.b" : tensor<3xf32>
  %y = sconv.conv %x, %w, %b {kernel = array<i64: 2, 2, 2>, stride = array<i64: 2, 2, 2>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>}
      : (!sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>, tensor<8x5x3xf32>, tensor<3xf32>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
  return %y : !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
}

func.func @conv_k3_s1_p0_c13x16(%x: !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "conv_k3_s1_p0_c13x16.w" : tensor<27x13x16xf32>
  %y = sconv.conv %x, %w {kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>}
      : (!sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>, tensor<27x13x16xf32>) -> !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @conv_k3_s1_p1_c1x64(%x: !sconv.voxels<1 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "conv_k3_s1_p1_c1x64.w" : tensor<27x1x64xf32>
  %b = sconv.weight "conv_k3_s1_p1_c1x64.b" : tensor<64xf32>
  %y = sconv.conv %x, %w, %b {kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 1, 1, 1>, dilation = array<i64: 1, 1, 1>}
      : (!sconv.voxels<1 x f32, shape [?, ?, ?], stride [1, 1, 1]>, tensor<27x1x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @conv_k3_s2_p011_c64x64(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [2, 2, 2]> {
  %w = sconv.weight "conv_k3_s2_p011_c64x64.w" : tensor<27x64x64xf32>
  %y = sconv.conv %x, %w {kernel = array<i64: 3, 3, 3>, stride = array<i64: 2, 2, 2>, padding = array<i64: 0, 1, 1>, dilation = array<i64: 1, 1, 1>}
      : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, tensor<27x64x64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [2, 2, 2]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [2, 2, 2]>
}

func.func @conv_k311_s211_p0_c64x128(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<128 x f32, shape [?, ?, ?], stride [2, 1, 1]> {
  %w = sconv.weight "conv_k311_s211_p0_c64x128.w" : tensor<3x64x128xf32>
  %b = sconv.weight "conv_k311_s211_p0_c64x128.b" : tensor<128xf32>
  %y = sconv.conv %x, %w, %b {kernel = array<i64: 3, 1, 1>, stride = array<i64: 2, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>}
      : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, tensor<3x64x128xf32>, tensor<128xf32>) -> !sconv.voxels<128 x f32, shape [?, ?, ?], stride [2, 1, 1]>
  return %y : !sconv.voxels<128 x f32, shape [?, ?, ?], stride [2, 1, 1]>
}

func.func @conv_k3_s1_p2_d2_c3x5(%x: !sconv.voxels<3 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "conv_k3_s1_p2_d2_c3x5.w" : tensor<27x3x5xf32>
  %b = sconv.weight "conv_k3_s1_p2_d2_c3x5.b" : tensor<5xf32>
  %y = sconv.conv %x, %w, %b {kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 2, 2, 2>, dilation = array<i64: 2, 2, 2>}
      : (!sconv.voxels<3 x f32, shape [?, ?, ?], stride [1, 1, 1]>, tensor<27x3x5xf32>, tensor<5xf32>) -> !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @conv_k5_s2_p2_c16x16(%x: !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<16 x f32, shape [?, ?, ?], stride [2, 2, 2]> {
  %w = sconv.weight "conv_k5_s2_p2_c16x16.w" : tensor<125x16x16xf32>
  %y = sconv.conv %x, %w {kernel = array<i64: 5, 5, 5>, stride = array<i64: 2, 2, 2>, padding = array<i64: 2, 2, 2>, dilation = array<i64: 1, 1, 1>}
      : (!sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>, tensor<125x16x16xf32>) -> !sconv.voxels<16 x f32, shape [?, ?, ?], stride [2, 2, 2]>
  return %y : !sconv.voxels<16 x f32, shape [?, ?, ?], stride [2, 2, 2]>
}

func.func @subm_k3_c4x16(%x: !sconv.voxels<4 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "subm_k3_c4x16.w" : tensor<27x4x16xf32>
  %b = sconv.weight "subm_k3_c4x16.b" : tensor<16xf32>
  %y = sconv.subm_conv %x, %w, %b {kernel = array<i64: 3, 3, 3>, dilation = array<i64: 1, 1, 1>}
      : (!sconv.voxels<4 x f32, shape [?, ?, ?], stride [1, 1, 1]>, tensor<27x4x16xf32>, tensor<16xf32>) -> !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

// A chain: two SubM convs on the same sites (one kernel map serves both) then a strided conv.
func.func @chain(%x: !sconv.voxels<4 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<32 x f32, shape [?, ?, ?], stride [2, 2, 2]> {
  %w0 = sconv.weight "chain.w0" : tensor<27x4x16xf32>
  %b0 = sconv.weight "chain.b0" : tensor<16xf32>
  %w1 = sconv.weight "chain.w1" : tensor<27x16x16xf32>
  %w2 = sconv.weight "chain.w2" : tensor<27x16x32xf32>
  %y0 = sconv.subm_conv %x, %w0, %b0 {kernel = array<i64: 3, 3, 3>, dilation = array<i64: 1, 1, 1>}
      : (!sconv.voxels<4 x f32, shape [?, ?, ?], stride [1, 1, 1]>, tensor<27x4x16xf32>, tensor<16xf32>) -> !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  %y1 = sconv.subm_conv %y0, %w1 {kernel = array<i64: 3, 3, 3>, dilation = array<i64: 1, 1, 1>}
      : (!sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>, tensor<27x16x16xf32>) -> !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  %y2 = sconv.conv %y1, %w2 {kernel = array<i64: 3, 3, 3>, stride = array<i64: 2, 2, 2>, padding = array<i64: 1, 1, 1>, dilation = array<i64: 1, 1, 1>}
      : (!sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>, tensor<27x16x32xf32>) -> !sconv.voxels<32 x f32, shape [?, ?, ?], stride [2, 2, 2]>
  return %y2 : !sconv.voxels<32 x f32, shape [?, ?, ?], stride [2, 2, 2]>
}
