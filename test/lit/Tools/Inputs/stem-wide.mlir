// A small backbone stem used by the codegen and tool tests: SubM 4->16 (bias), SubM 16->16 on the
// same sites, then a stride-2 SparseConv 16->32 (the first stages of SECOND/CenterPoint).
!in = !sconv.voxels<4 x f32, shape [41, 1600, 1408], stride [1, 1, 1]>
!c16 = !sconv.voxels<32 x f32, shape [41, 1600, 1408], stride [1, 1, 1]>
!c32 = !sconv.voxels<32 x f32, shape [21, 800, 704], stride [2, 2, 2]>
func.func @stem(%x: !in) -> !c32 {
  %w0 = sconv.weight "conv_input.weight" : tensor<27x4x32xf32>
  %b0 = sconv.weight "conv_input.bias" : tensor<32xf32>
  %w1 = sconv.weight "conv1.weight" : tensor<27x32x32xf32>
  %w2 = sconv.weight "conv2.weight" : tensor<27x32x32xf32>
  %y0 = sconv.subm_conv %x, %w0, %b0 {kernel = array<i64: 3, 3, 3>, dilation = array<i64: 1, 1, 1>}
      : (!in, tensor<27x4x32xf32>, tensor<32xf32>) -> !c16
  %y1 = sconv.subm_conv %y0, %w1 {kernel = array<i64: 3, 3, 3>, dilation = array<i64: 1, 1, 1>}
      : (!c16, tensor<27x32x32xf32>) -> !c16
  %y2 = sconv.conv %y1, %w2 {kernel = array<i64: 3, 3, 3>, stride = array<i64: 2, 2, 2>, padding = array<i64: 1, 1, 1>, dilation = array<i64: 1, 1, 1>}
      : (!c16, tensor<27x32x32xf32>) -> !c32
  return %y2 : !c32
}
