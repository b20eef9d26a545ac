!in = !sconv.voxels<4 x f32, shape [?, ?, ?], stride [1, 1, 1]>
func.func @m(%x: !in, %w: tensor<27x4x4xf32>) -> !in {
  %y = sconv.subm_conv %x, %w {dilation = array<i64: 1, 1, 1>} : (!in, tensor<27x4x4xf32>) -> !in
  return %y : !in
}
