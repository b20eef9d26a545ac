// One submanifold conv without tile attributes: TiledKernelTest compiles it with a tuning database
// that measured its class at two map sizes with different winners.
func.func @subm16(%x: !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "w" : tensor<27x16x16xf32>
  %b = sconv.weight "b" : tensor<16xf32>
  %y = sconv.subm_conv %x, %w, %b {kernel = array<i64: 3, 3, 3>, dilation = array<i64: 1, 1, 1>}
      : (!sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>, tensor<27x16x16xf32>, tensor<16xf32>) -> !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}
