!in = !sconv.voxels<4 x f32, shape [?, ?, ?], stride [1, 1, 1]>
func.func @m(%x: !in) -> !in {
  %w = tensor.empty() : tensor<27x4x4xf32>
  %y = sconv.subm_conv %x, %w {kernel = array<i64: 3, 3, 3>, dilation = array<i64: 1, 1, 1>} : (!in, tensor<27x4x4xf32>) -> !in
  return %y : !in
}
