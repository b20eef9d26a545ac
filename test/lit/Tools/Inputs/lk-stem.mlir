// The stem of a LargeKernel3D detector for the tuner's SW-LK form search: SubM 4->16, then two
// SW-LK 7^3 convs with position embeddings (the second one without a bias).
!in = !sconv.voxels<4 x f32, shape [41, 1600, 1408], stride [1, 1, 1]>
!c16 = !sconv.voxels<16 x f32, shape [41, 1600, 1408], stride [1, 1, 1]>
func.func @lk_stem(%x: !in) -> !c16 {
  %w0 = sconv.weight "conv_input.weight" : tensor<27x4x16xf32>
  %b0 = sconv.weight "conv_input.bias" : tensor<16xf32>
  %w1 = sconv.weight "lk1.weight" : tensor<27x16x16xf32>
  %pe1 = sconv.weight "lk1.position_embedding" : tensor<343x16xf32>
  %b1 = sconv.weight "lk1.bias" : tensor<16xf32>
  %w2 = sconv.weight "lk2.weight" : tensor<27x16x16xf32>
  %pe2 = sconv.weight "lk2.position_embedding" : tensor<343x16xf32>
  %y0 = sconv.subm_conv %x, %w0, %b0 {kernel = array<i64: 3, 3, 3>, dilation = array<i64: 1, 1, 1>}
      : (!in, tensor<27x4x16xf32>, tensor<16xf32>) -> !c16
  %y1 = sconv.sw_lk_conv %y0, %w1 pe %pe1 bias %b1 {kernel_size = 7 : i64}
      : (!c16, tensor<27x16x16xf32>, tensor<343x16xf32>, tensor<16xf32>) -> !c16
  %r1 = sconv.relu %y1 : !c16
  %y2 = sconv.sw_lk_conv %r1, %w2 pe %pe2 {kernel_size = 7 : i64}
      : (!c16, tensor<27x16x16xf32>, tensor<343x16xf32>) -> !c16
  return %y2 : !c16
}
