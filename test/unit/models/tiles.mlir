// Kernel-map-level models pinning every tile configuration (and dataflow) the tuner may choose, for the
// numerics test of tuned configurations (TiledKernelTest.cpp). Generated; see that test.

func.func @a_r1l8(%x: !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "a_r1l8.w" : tensor<27x13x13xf32>
  %b = sconv.weight "a_r1l8.b" : tensor<13xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b residual %x {activation = #sconv<activation relu>, tile_rows = 1 : i64, tile_lanes = 8 : i64} : (!sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x13x13xf32>, tensor<13xf32>, !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @a_r1l16(%x: !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "a_r1l16.w" : tensor<27x13x13xf32>
  %b = sconv.weight "a_r1l16.b" : tensor<13xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b residual %x {activation = #sconv<activation relu>, tile_rows = 1 : i64, tile_lanes = 16 : i64} : (!sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x13x13xf32>, tensor<13xf32>, !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @a_r2l8(%x: !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "a_r2l8.w" : tensor<27x13x13xf32>
  %b = sconv.weight "a_r2l8.b" : tensor<13xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b residual %x {activation = #sconv<activation relu>, tile_rows = 2 : i64, tile_lanes = 8 : i64} : (!sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x13x13xf32>, tensor<13xf32>, !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @a_r2l16(%x: !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "a_r2l16.w" : tensor<27x13x13xf32>
  %b = sconv.weight "a_r2l16.b" : tensor<13xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b residual %x {activation = #sconv<activation relu>, tile_rows = 2 : i64, tile_lanes = 16 : i64} : (!sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x13x13xf32>, tensor<13xf32>, !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @a_r4l8(%x: !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "a_r4l8.w" : tensor<27x13x13xf32>
  %b = sconv.weight "a_r4l8.b" : tensor<13xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b residual %x {activation = #sconv<activation relu>, tile_rows = 4 : i64, tile_lanes = 8 : i64} : (!sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x13x13xf32>, tensor<13xf32>, !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @a_r4l16(%x: !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "a_r4l16.w" : tensor<27x13x13xf32>
  %b = sconv.weight "a_r4l16.b" : tensor<13xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b residual %x {activation = #sconv<activation relu>, tile_rows = 4 : i64, tile_lanes = 16 : i64} : (!sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x13x13xf32>, tensor<13xf32>, !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @a_r8l8(%x: !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "a_r8l8.w" : tensor<27x13x13xf32>
  %b = sconv.weight "a_r8l8.b" : tensor<13xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b residual %x {activation = #sconv<activation relu>, tile_rows = 8 : i64, tile_lanes = 8 : i64} : (!sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x13x13xf32>, tensor<13xf32>, !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @a_r8l16(%x: !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "a_r8l16.w" : tensor<27x13x13xf32>
  %b = sconv.weight "a_r8l16.b" : tensor<13xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b residual %x {activation = #sconv<activation relu>, tile_rows = 8 : i64, tile_lanes = 16 : i64} : (!sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x13x13xf32>, tensor<13xf32>, !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r1l8(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r1l8.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r1l8.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 1 : i64, tile_lanes = 8 : i64} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r1l16(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r1l16.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r1l16.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 1 : i64, tile_lanes = 16 : i64} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r1l32(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r1l32.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r1l32.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 1 : i64, tile_lanes = 32 : i64} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r1l64(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r1l64.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r1l64.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 1 : i64, tile_lanes = 64 : i64} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r2l8(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r2l8.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r2l8.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 2 : i64, tile_lanes = 8 : i64} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r2l16(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r2l16.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r2l16.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 2 : i64, tile_lanes = 16 : i64} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r2l32(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r2l32.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r2l32.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 2 : i64, tile_lanes = 32 : i64} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r2l64(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r2l64.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r2l64.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 2 : i64, tile_lanes = 64 : i64} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r4l8(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r4l8.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r4l8.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 4 : i64, tile_lanes = 8 : i64} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r4l16(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r4l16.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r4l16.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 4 : i64, tile_lanes = 16 : i64} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r4l32(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r4l32.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r4l32.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 4 : i64, tile_lanes = 32 : i64} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r4l64(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r4l64.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r4l64.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 4 : i64, tile_lanes = 64 : i64} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r8l8(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r8l8.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r8l8.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 8 : i64, tile_lanes = 8 : i64} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r8l16(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r8l16.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r8l16.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 8 : i64, tile_lanes = 16 : i64} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r8l32(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r8l32.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r8l32.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 8 : i64, tile_lanes = 32 : i64} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @c_r1l8(%x: !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]> {
  %w = sconv.weight "c_r1l8.w" : tensor<8x5x3xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind regular>, kernel = array<i64: 2, 2, 2>, stride = array<i64: 2, 2, 2>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<8>
  %y = sconv.implicit_gemm %x, %m, %w {tile_rows = 1 : i64, tile_lanes = 8 : i64} : (!sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<8>, tensor<8x5x3xf32>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
  return %y : !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
}

func.func @c_r2l8(%x: !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]> {
  %w = sconv.weight "c_r2l8.w" : tensor<8x5x3xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind regular>, kernel = array<i64: 2, 2, 2>, stride = array<i64: 2, 2, 2>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<8>
  %y = sconv.implicit_gemm %x, %m, %w {tile_rows = 2 : i64, tile_lanes = 8 : i64} : (!sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<8>, tensor<8x5x3xf32>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
  return %y : !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
}

func.func @c_r4l8(%x: !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]> {
  %w = sconv.weight "c_r4l8.w" : tensor<8x5x3xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind regular>, kernel = array<i64: 2, 2, 2>, stride = array<i64: 2, 2, 2>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<8>
  %y = sconv.implicit_gemm %x, %m, %w {tile_rows = 4 : i64, tile_lanes = 8 : i64} : (!sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<8>, tensor<8x5x3xf32>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
  return %y : !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
}

func.func @c_r8l8(%x: !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]> {
  %w = sconv.weight "c_r8l8.w" : tensor<8x5x3xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind regular>, kernel = array<i64: 2, 2, 2>, stride = array<i64: 2, 2, 2>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<8>
  %y = sconv.implicit_gemm %x, %m, %w {tile_rows = 8 : i64, tile_lanes = 8 : i64} : (!sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<8>, tensor<8x5x3xf32>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
  return %y : !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
}

// The same tiles by the gather-GEMM-scatter dataflow.
func.func @a_r1l8_g(%x: !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "a_r1l8_g.w" : tensor<27x13x13xf32>
  %b = sconv.weight "a_r1l8_g.b" : tensor<13xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b residual %x {activation = #sconv<activation relu>, tile_rows = 1 : i64, tile_lanes = 8 : i64, dataflow = "gather_gemm_scatter"} : (!sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x13x13xf32>, tensor<13xf32>, !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @a_r1l16_g(%x: !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "a_r1l16_g.w" : tensor<27x13x13xf32>
  %b = sconv.weight "a_r1l16_g.b" : tensor<13xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b residual %x {activation = #sconv<activation relu>, tile_rows = 1 : i64, tile_lanes = 16 : i64, dataflow = "gather_gemm_scatter"} : (!sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x13x13xf32>, tensor<13xf32>, !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @a_r2l8_g(%x: !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "a_r2l8_g.w" : tensor<27x13x13xf32>
  %b = sconv.weight "a_r2l8_g.b" : tensor<13xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b residual %x {activation = #sconv<activation relu>, tile_rows = 2 : i64, tile_lanes = 8 : i64, dataflow = "gather_gemm_scatter"} : (!sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x13x13xf32>, tensor<13xf32>, !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @a_r2l16_g(%x: !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "a_r2l16_g.w" : tensor<27x13x13xf32>
  %b = sconv.weight "a_r2l16_g.b" : tensor<13xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b residual %x {activation = #sconv<activation relu>, tile_rows = 2 : i64, tile_lanes = 16 : i64, dataflow = "gather_gemm_scatter"} : (!sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x13x13xf32>, tensor<13xf32>, !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @a_r4l8_g(%x: !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "a_r4l8_g.w" : tensor<27x13x13xf32>
  %b = sconv.weight "a_r4l8_g.b" : tensor<13xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b residual %x {activation = #sconv<activation relu>, tile_rows = 4 : i64, tile_lanes = 8 : i64, dataflow = "gather_gemm_scatter"} : (!sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x13x13xf32>, tensor<13xf32>, !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @a_r4l16_g(%x: !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "a_r4l16_g.w" : tensor<27x13x13xf32>
  %b = sconv.weight "a_r4l16_g.b" : tensor<13xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b residual %x {activation = #sconv<activation relu>, tile_rows = 4 : i64, tile_lanes = 16 : i64, dataflow = "gather_gemm_scatter"} : (!sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x13x13xf32>, tensor<13xf32>, !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @a_r8l8_g(%x: !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "a_r8l8_g.w" : tensor<27x13x13xf32>
  %b = sconv.weight "a_r8l8_g.b" : tensor<13xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b residual %x {activation = #sconv<activation relu>, tile_rows = 8 : i64, tile_lanes = 8 : i64, dataflow = "gather_gemm_scatter"} : (!sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x13x13xf32>, tensor<13xf32>, !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @a_r8l16_g(%x: !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "a_r8l16_g.w" : tensor<27x13x13xf32>
  %b = sconv.weight "a_r8l16_g.b" : tensor<13xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b residual %x {activation = #sconv<activation relu>, tile_rows = 8 : i64, tile_lanes = 16 : i64, dataflow = "gather_gemm_scatter"} : (!sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x13x13xf32>, tensor<13xf32>, !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r1l8_g(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r1l8_g.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r1l8_g.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 1 : i64, tile_lanes = 8 : i64, dataflow = "gather_gemm_scatter"} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r1l16_g(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r1l16_g.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r1l16_g.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 1 : i64, tile_lanes = 16 : i64, dataflow = "gather_gemm_scatter"} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r1l32_g(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r1l32_g.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r1l32_g.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 1 : i64, tile_lanes = 32 : i64, dataflow = "gather_gemm_scatter"} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r1l64_g(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r1l64_g.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r1l64_g.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 1 : i64, tile_lanes = 64 : i64, dataflow = "gather_gemm_scatter"} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r2l8_g(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r2l8_g.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r2l8_g.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 2 : i64, tile_lanes = 8 : i64, dataflow = "gather_gemm_scatter"} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r2l16_g(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r2l16_g.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r2l16_g.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 2 : i64, tile_lanes = 16 : i64, dataflow = "gather_gemm_scatter"} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r2l32_g(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r2l32_g.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r2l32_g.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 2 : i64, tile_lanes = 32 : i64, dataflow = "gather_gemm_scatter"} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r2l64_g(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r2l64_g.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r2l64_g.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 2 : i64, tile_lanes = 64 : i64, dataflow = "gather_gemm_scatter"} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r4l8_g(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r4l8_g.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r4l8_g.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 4 : i64, tile_lanes = 8 : i64, dataflow = "gather_gemm_scatter"} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r4l16_g(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r4l16_g.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r4l16_g.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 4 : i64, tile_lanes = 16 : i64, dataflow = "gather_gemm_scatter"} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r4l32_g(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r4l32_g.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r4l32_g.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 4 : i64, tile_lanes = 32 : i64, dataflow = "gather_gemm_scatter"} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r4l64_g(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r4l64_g.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r4l64_g.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 4 : i64, tile_lanes = 64 : i64, dataflow = "gather_gemm_scatter"} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r8l8_g(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r8l8_g.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r8l8_g.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 8 : i64, tile_lanes = 8 : i64, dataflow = "gather_gemm_scatter"} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r8l16_g(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r8l16_g.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r8l16_g.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 8 : i64, tile_lanes = 16 : i64, dataflow = "gather_gemm_scatter"} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r8l32_g(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r8l32_g.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r8l32_g.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 8 : i64, tile_lanes = 32 : i64, dataflow = "gather_gemm_scatter"} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @c_r1l8_g(%x: !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]> {
  %w = sconv.weight "c_r1l8_g.w" : tensor<8x5x3xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind regular>, kernel = array<i64: 2, 2, 2>, stride = array<i64: 2, 2, 2>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<8>
  %y = sconv.implicit_gemm %x, %m, %w {tile_rows = 1 : i64, tile_lanes = 8 : i64, dataflow = "gather_gemm_scatter"} : (!sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<8>, tensor<8x5x3xf32>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
  return %y : !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
}

func.func @c_r2l8_g(%x: !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]> {
  %w = sconv.weight "c_r2l8_g.w" : tensor<8x5x3xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind regular>, kernel = array<i64: 2, 2, 2>, stride = array<i64: 2, 2, 2>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<8>
  %y = sconv.implicit_gemm %x, %m, %w {tile_rows = 2 : i64, tile_lanes = 8 : i64, dataflow = "gather_gemm_scatter"} : (!sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<8>, tensor<8x5x3xf32>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
  return %y : !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
}

func.func @c_r4l8_g(%x: !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]> {
  %w = sconv.weight "c_r4l8_g.w" : tensor<8x5x3xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind regular>, kernel = array<i64: 2, 2, 2>, stride = array<i64: 2, 2, 2>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<8>
  %y = sconv.implicit_gemm %x, %m, %w {tile_rows = 4 : i64, tile_lanes = 8 : i64, dataflow = "gather_gemm_scatter"} : (!sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<8>, tensor<8x5x3xf32>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
  return %y : !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
}

func.func @c_r8l8_g(%x: !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]> {
  %w = sconv.weight "c_r8l8_g.w" : tensor<8x5x3xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind regular>, kernel = array<i64: 2, 2, 2>, stride = array<i64: 2, 2, 2>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<8>
  %y = sconv.implicit_gemm %x, %m, %w {tile_rows = 8 : i64, tile_lanes = 8 : i64, dataflow = "gather_gemm_scatter"} : (!sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<8>, tensor<8x5x3xf32>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
  return %y : !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
}

// The row-blocked tiles by the mask-sorted implicit GEMM (rows visited in neighbour-mask order).

func.func @a_r2l8_sorted(%x: !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "a_r2l8_sorted.w" : tensor<27x13x13xf32>
  %b = sconv.weight "a_r2l8_sorted.b" : tensor<13xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b residual %x {activation = #sconv<activation relu>, tile_rows = 2 : i64, tile_lanes = 8 : i64, dataflow = "implicit_gemm_sorted"} : (!sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x13x13xf32>, tensor<13xf32>, !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @a_r2l16_sorted(%x: !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "a_r2l16_sorted.w" : tensor<27x13x13xf32>
  %b = sconv.weight "a_r2l16_sorted.b" : tensor<13xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b residual %x {activation = #sconv<activation relu>, tile_rows = 2 : i64, tile_lanes = 16 : i64, dataflow = "implicit_gemm_sorted"} : (!sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x13x13xf32>, tensor<13xf32>, !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @a_r4l8_sorted(%x: !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "a_r4l8_sorted.w" : tensor<27x13x13xf32>
  %b = sconv.weight "a_r4l8_sorted.b" : tensor<13xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b residual %x {activation = #sconv<activation relu>, tile_rows = 4 : i64, tile_lanes = 8 : i64, dataflow = "implicit_gemm_sorted"} : (!sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x13x13xf32>, tensor<13xf32>, !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @a_r4l16_sorted(%x: !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "a_r4l16_sorted.w" : tensor<27x13x13xf32>
  %b = sconv.weight "a_r4l16_sorted.b" : tensor<13xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b residual %x {activation = #sconv<activation relu>, tile_rows = 4 : i64, tile_lanes = 16 : i64, dataflow = "implicit_gemm_sorted"} : (!sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x13x13xf32>, tensor<13xf32>, !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @a_r8l8_sorted(%x: !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "a_r8l8_sorted.w" : tensor<27x13x13xf32>
  %b = sconv.weight "a_r8l8_sorted.b" : tensor<13xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b residual %x {activation = #sconv<activation relu>, tile_rows = 8 : i64, tile_lanes = 8 : i64, dataflow = "implicit_gemm_sorted"} : (!sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x13x13xf32>, tensor<13xf32>, !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @a_r8l16_sorted(%x: !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "a_r8l16_sorted.w" : tensor<27x13x13xf32>
  %b = sconv.weight "a_r8l16_sorted.b" : tensor<13xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b residual %x {activation = #sconv<activation relu>, tile_rows = 8 : i64, tile_lanes = 16 : i64, dataflow = "implicit_gemm_sorted"} : (!sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x13x13xf32>, tensor<13xf32>, !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r2l8_sorted(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r2l8_sorted.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r2l8_sorted.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 2 : i64, tile_lanes = 8 : i64, dataflow = "implicit_gemm_sorted"} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r2l16_sorted(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r2l16_sorted.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r2l16_sorted.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 2 : i64, tile_lanes = 16 : i64, dataflow = "implicit_gemm_sorted"} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r2l32_sorted(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r2l32_sorted.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r2l32_sorted.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 2 : i64, tile_lanes = 32 : i64, dataflow = "implicit_gemm_sorted"} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r2l64_sorted(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r2l64_sorted.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r2l64_sorted.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 2 : i64, tile_lanes = 64 : i64, dataflow = "implicit_gemm_sorted"} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r4l8_sorted(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r4l8_sorted.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r4l8_sorted.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 4 : i64, tile_lanes = 8 : i64, dataflow = "implicit_gemm_sorted"} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r4l16_sorted(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r4l16_sorted.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r4l16_sorted.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 4 : i64, tile_lanes = 16 : i64, dataflow = "implicit_gemm_sorted"} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r4l32_sorted(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r4l32_sorted.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r4l32_sorted.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 4 : i64, tile_lanes = 32 : i64, dataflow = "implicit_gemm_sorted"} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r4l64_sorted(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r4l64_sorted.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r4l64_sorted.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 4 : i64, tile_lanes = 64 : i64, dataflow = "implicit_gemm_sorted"} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r8l8_sorted(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r8l8_sorted.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r8l8_sorted.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 8 : i64, tile_lanes = 8 : i64, dataflow = "implicit_gemm_sorted"} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r8l16_sorted(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r8l16_sorted.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r8l16_sorted.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 8 : i64, tile_lanes = 16 : i64, dataflow = "implicit_gemm_sorted"} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r8l32_sorted(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r8l32_sorted.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r8l32_sorted.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 8 : i64, tile_lanes = 32 : i64, dataflow = "implicit_gemm_sorted"} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @c_r2l8_sorted(%x: !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]> {
  %w = sconv.weight "c_r2l8_sorted.w" : tensor<8x5x3xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind regular>, kernel = array<i64: 2, 2, 2>, stride = array<i64: 2, 2, 2>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<8>
  %y = sconv.implicit_gemm %x, %m, %w {tile_rows = 2 : i64, tile_lanes = 8 : i64, dataflow = "implicit_gemm_sorted"} : (!sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<8>, tensor<8x5x3xf32>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
  return %y : !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
}

func.func @c_r4l8_sorted(%x: !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]> {
  %w = sconv.weight "c_r4l8_sorted.w" : tensor<8x5x3xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind regular>, kernel = array<i64: 2, 2, 2>, stride = array<i64: 2, 2, 2>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<8>
  %y = sconv.implicit_gemm %x, %m, %w {tile_rows = 4 : i64, tile_lanes = 8 : i64, dataflow = "implicit_gemm_sorted"} : (!sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<8>, tensor<8x5x3xf32>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
  return %y : !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
}

func.func @c_r8l8_sorted(%x: !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]> {
  %w = sconv.weight "c_r8l8_sorted.w" : tensor<8x5x3xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind regular>, kernel = array<i64: 2, 2, 2>, stride = array<i64: 2, 2, 2>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<8>
  %y = sconv.implicit_gemm %x, %m, %w {tile_rows = 8 : i64, tile_lanes = 8 : i64, dataflow = "implicit_gemm_sorted"} : (!sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<8>, tensor<8x5x3xf32>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
  return %y : !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
}

// Every tile by the fetch-on-demand dataflow (per offset, input rows read in place).

func.func @a_r1l8_fetch(%x: !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "a_r1l8_fetch.w" : tensor<27x13x13xf32>
  %b = sconv.weight "a_r1l8_fetch.b" : tensor<13xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b residual %x {activation = #sconv<activation relu>, tile_rows = 1 : i64, tile_lanes = 8 : i64, dataflow = "fetch_on_demand"} : (!sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x13x13xf32>, tensor<13xf32>, !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @a_r1l16_fetch(%x: !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "a_r1l16_fetch.w" : tensor<27x13x13xf32>
  %b = sconv.weight "a_r1l16_fetch.b" : tensor<13xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b residual %x {activation = #sconv<activation relu>, tile_rows = 1 : i64, tile_lanes = 16 : i64, dataflow = "fetch_on_demand"} : (!sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x13x13xf32>, tensor<13xf32>, !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @a_r2l8_fetch(%x: !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "a_r2l8_fetch.w" : tensor<27x13x13xf32>
  %b = sconv.weight "a_r2l8_fetch.b" : tensor<13xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b residual %x {activation = #sconv<activation relu>, tile_rows = 2 : i64, tile_lanes = 8 : i64, dataflow = "fetch_on_demand"} : (!sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x13x13xf32>, tensor<13xf32>, !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @a_r2l16_fetch(%x: !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "a_r2l16_fetch.w" : tensor<27x13x13xf32>
  %b = sconv.weight "a_r2l16_fetch.b" : tensor<13xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b residual %x {activation = #sconv<activation relu>, tile_rows = 2 : i64, tile_lanes = 16 : i64, dataflow = "fetch_on_demand"} : (!sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x13x13xf32>, tensor<13xf32>, !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @a_r4l8_fetch(%x: !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "a_r4l8_fetch.w" : tensor<27x13x13xf32>
  %b = sconv.weight "a_r4l8_fetch.b" : tensor<13xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b residual %x {activation = #sconv<activation relu>, tile_rows = 4 : i64, tile_lanes = 8 : i64, dataflow = "fetch_on_demand"} : (!sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x13x13xf32>, tensor<13xf32>, !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @a_r4l16_fetch(%x: !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "a_r4l16_fetch.w" : tensor<27x13x13xf32>
  %b = sconv.weight "a_r4l16_fetch.b" : tensor<13xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b residual %x {activation = #sconv<activation relu>, tile_rows = 4 : i64, tile_lanes = 16 : i64, dataflow = "fetch_on_demand"} : (!sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x13x13xf32>, tensor<13xf32>, !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @a_r8l8_fetch(%x: !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "a_r8l8_fetch.w" : tensor<27x13x13xf32>
  %b = sconv.weight "a_r8l8_fetch.b" : tensor<13xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b residual %x {activation = #sconv<activation relu>, tile_rows = 8 : i64, tile_lanes = 8 : i64, dataflow = "fetch_on_demand"} : (!sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x13x13xf32>, tensor<13xf32>, !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @a_r8l16_fetch(%x: !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "a_r8l16_fetch.w" : tensor<27x13x13xf32>
  %b = sconv.weight "a_r8l16_fetch.b" : tensor<13xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b residual %x {activation = #sconv<activation relu>, tile_rows = 8 : i64, tile_lanes = 16 : i64, dataflow = "fetch_on_demand"} : (!sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x13x13xf32>, tensor<13xf32>, !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r1l8_fetch(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r1l8_fetch.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r1l8_fetch.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 1 : i64, tile_lanes = 8 : i64, dataflow = "fetch_on_demand"} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r1l16_fetch(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r1l16_fetch.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r1l16_fetch.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 1 : i64, tile_lanes = 16 : i64, dataflow = "fetch_on_demand"} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r1l32_fetch(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r1l32_fetch.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r1l32_fetch.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 1 : i64, tile_lanes = 32 : i64, dataflow = "fetch_on_demand"} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r1l64_fetch(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r1l64_fetch.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r1l64_fetch.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 1 : i64, tile_lanes = 64 : i64, dataflow = "fetch_on_demand"} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r2l8_fetch(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r2l8_fetch.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r2l8_fetch.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 2 : i64, tile_lanes = 8 : i64, dataflow = "fetch_on_demand"} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r2l16_fetch(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r2l16_fetch.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r2l16_fetch.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 2 : i64, tile_lanes = 16 : i64, dataflow = "fetch_on_demand"} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r2l32_fetch(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r2l32_fetch.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r2l32_fetch.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 2 : i64, tile_lanes = 32 : i64, dataflow = "fetch_on_demand"} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r2l64_fetch(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r2l64_fetch.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r2l64_fetch.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 2 : i64, tile_lanes = 64 : i64, dataflow = "fetch_on_demand"} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r4l8_fetch(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r4l8_fetch.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r4l8_fetch.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 4 : i64, tile_lanes = 8 : i64, dataflow = "fetch_on_demand"} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r4l16_fetch(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r4l16_fetch.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r4l16_fetch.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 4 : i64, tile_lanes = 16 : i64, dataflow = "fetch_on_demand"} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r4l32_fetch(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r4l32_fetch.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r4l32_fetch.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 4 : i64, tile_lanes = 32 : i64, dataflow = "fetch_on_demand"} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r4l64_fetch(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r4l64_fetch.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r4l64_fetch.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 4 : i64, tile_lanes = 64 : i64, dataflow = "fetch_on_demand"} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r8l8_fetch(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r8l8_fetch.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r8l8_fetch.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 8 : i64, tile_lanes = 8 : i64, dataflow = "fetch_on_demand"} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r8l16_fetch(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r8l16_fetch.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r8l16_fetch.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 8 : i64, tile_lanes = 16 : i64, dataflow = "fetch_on_demand"} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r8l32_fetch(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r8l32_fetch.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r8l32_fetch.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 8 : i64, tile_lanes = 32 : i64, dataflow = "fetch_on_demand"} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @c_r1l8_fetch(%x: !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]> {
  %w = sconv.weight "c_r1l8_fetch.w" : tensor<8x5x3xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind regular>, kernel = array<i64: 2, 2, 2>, stride = array<i64: 2, 2, 2>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<8>
  %y = sconv.implicit_gemm %x, %m, %w {tile_rows = 1 : i64, tile_lanes = 8 : i64, dataflow = "fetch_on_demand"} : (!sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<8>, tensor<8x5x3xf32>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
  return %y : !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
}

func.func @c_r2l8_fetch(%x: !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]> {
  %w = sconv.weight "c_r2l8_fetch.w" : tensor<8x5x3xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind regular>, kernel = array<i64: 2, 2, 2>, stride = array<i64: 2, 2, 2>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<8>
  %y = sconv.implicit_gemm %x, %m, %w {tile_rows = 2 : i64, tile_lanes = 8 : i64, dataflow = "fetch_on_demand"} : (!sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<8>, tensor<8x5x3xf32>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
  return %y : !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
}

func.func @c_r4l8_fetch(%x: !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]> {
  %w = sconv.weight "c_r4l8_fetch.w" : tensor<8x5x3xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind regular>, kernel = array<i64: 2, 2, 2>, stride = array<i64: 2, 2, 2>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<8>
  %y = sconv.implicit_gemm %x, %m, %w {tile_rows = 4 : i64, tile_lanes = 8 : i64, dataflow = "fetch_on_demand"} : (!sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<8>, tensor<8x5x3xf32>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
  return %y : !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
}

func.func @c_r8l8_fetch(%x: !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]> {
  %w = sconv.weight "c_r8l8_fetch.w" : tensor<8x5x3xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind regular>, kernel = array<i64: 2, 2, 2>, stride = array<i64: 2, 2, 2>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<8>
  %y = sconv.implicit_gemm %x, %m, %w {tile_rows = 8 : i64, tile_lanes = 8 : i64, dataflow = "fetch_on_demand"} : (!sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<8>, tensor<8x5x3xf32>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
  return %y : !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
}

func.func @a_r2l8_split2(%x: !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "a_r2l8_split2.w" : tensor<27x13x13xf32>
  %b = sconv.weight "a_r2l8_split2.b" : tensor<13xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b residual %x {activation = #sconv<activation relu>, tile_rows = 2 : i64, tile_lanes = 8 : i64, dataflow = "implicit_gemm_split", tile_splits = 2 : i64} : (!sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x13x13xf32>, tensor<13xf32>, !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @a_r2l8_split3(%x: !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "a_r2l8_split3.w" : tensor<27x13x13xf32>
  %b = sconv.weight "a_r2l8_split3.b" : tensor<13xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b residual %x {activation = #sconv<activation relu>, tile_rows = 2 : i64, tile_lanes = 8 : i64, dataflow = "implicit_gemm_split", tile_splits = 3 : i64} : (!sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x13x13xf32>, tensor<13xf32>, !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @a_r2l16_split2(%x: !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "a_r2l16_split2.w" : tensor<27x13x13xf32>
  %b = sconv.weight "a_r2l16_split2.b" : tensor<13xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b residual %x {activation = #sconv<activation relu>, tile_rows = 2 : i64, tile_lanes = 16 : i64, dataflow = "implicit_gemm_split", tile_splits = 2 : i64} : (!sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x13x13xf32>, tensor<13xf32>, !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @a_r2l16_split3(%x: !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "a_r2l16_split3.w" : tensor<27x13x13xf32>
  %b = sconv.weight "a_r2l16_split3.b" : tensor<13xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b residual %x {activation = #sconv<activation relu>, tile_rows = 2 : i64, tile_lanes = 16 : i64, dataflow = "implicit_gemm_split", tile_splits = 3 : i64} : (!sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x13x13xf32>, tensor<13xf32>, !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @a_r4l8_split2(%x: !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "a_r4l8_split2.w" : tensor<27x13x13xf32>
  %b = sconv.weight "a_r4l8_split2.b" : tensor<13xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b residual %x {activation = #sconv<activation relu>, tile_rows = 4 : i64, tile_lanes = 8 : i64, dataflow = "implicit_gemm_split", tile_splits = 2 : i64} : (!sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x13x13xf32>, tensor<13xf32>, !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @a_r4l8_split3(%x: !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "a_r4l8_split3.w" : tensor<27x13x13xf32>
  %b = sconv.weight "a_r4l8_split3.b" : tensor<13xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b residual %x {activation = #sconv<activation relu>, tile_rows = 4 : i64, tile_lanes = 8 : i64, dataflow = "implicit_gemm_split", tile_splits = 3 : i64} : (!sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x13x13xf32>, tensor<13xf32>, !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @a_r4l16_split2(%x: !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "a_r4l16_split2.w" : tensor<27x13x13xf32>
  %b = sconv.weight "a_r4l16_split2.b" : tensor<13xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b residual %x {activation = #sconv<activation relu>, tile_rows = 4 : i64, tile_lanes = 16 : i64, dataflow = "implicit_gemm_split", tile_splits = 2 : i64} : (!sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x13x13xf32>, tensor<13xf32>, !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @a_r4l16_split3(%x: !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "a_r4l16_split3.w" : tensor<27x13x13xf32>
  %b = sconv.weight "a_r4l16_split3.b" : tensor<13xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b residual %x {activation = #sconv<activation relu>, tile_rows = 4 : i64, tile_lanes = 16 : i64, dataflow = "implicit_gemm_split", tile_splits = 3 : i64} : (!sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x13x13xf32>, tensor<13xf32>, !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @a_r8l8_split2(%x: !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "a_r8l8_split2.w" : tensor<27x13x13xf32>
  %b = sconv.weight "a_r8l8_split2.b" : tensor<13xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b residual %x {activation = #sconv<activation relu>, tile_rows = 8 : i64, tile_lanes = 8 : i64, dataflow = "implicit_gemm_split", tile_splits = 2 : i64} : (!sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x13x13xf32>, tensor<13xf32>, !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @a_r8l8_split3(%x: !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "a_r8l8_split3.w" : tensor<27x13x13xf32>
  %b = sconv.weight "a_r8l8_split3.b" : tensor<13xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b residual %x {activation = #sconv<activation relu>, tile_rows = 8 : i64, tile_lanes = 8 : i64, dataflow = "implicit_gemm_split", tile_splits = 3 : i64} : (!sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x13x13xf32>, tensor<13xf32>, !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @a_r8l16_split2(%x: !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "a_r8l16_split2.w" : tensor<27x13x13xf32>
  %b = sconv.weight "a_r8l16_split2.b" : tensor<13xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b residual %x {activation = #sconv<activation relu>, tile_rows = 8 : i64, tile_lanes = 16 : i64, dataflow = "implicit_gemm_split", tile_splits = 2 : i64} : (!sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x13x13xf32>, tensor<13xf32>, !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @a_r8l16_split3(%x: !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "a_r8l16_split3.w" : tensor<27x13x13xf32>
  %b = sconv.weight "a_r8l16_split3.b" : tensor<13xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b residual %x {activation = #sconv<activation relu>, tile_rows = 8 : i64, tile_lanes = 16 : i64, dataflow = "implicit_gemm_split", tile_splits = 3 : i64} : (!sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x13x13xf32>, tensor<13xf32>, !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r2l8_split3(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r2l8_split3.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r2l8_split3.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 2 : i64, tile_lanes = 8 : i64, dataflow = "implicit_gemm_split", tile_splits = 3 : i64} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r2l8_split8(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r2l8_split8.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r2l8_split8.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 2 : i64, tile_lanes = 8 : i64, dataflow = "implicit_gemm_split", tile_splits = 8 : i64} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r2l16_split3(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r2l16_split3.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r2l16_split3.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 2 : i64, tile_lanes = 16 : i64, dataflow = "implicit_gemm_split", tile_splits = 3 : i64} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r2l16_split8(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r2l16_split8.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r2l16_split8.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 2 : i64, tile_lanes = 16 : i64, dataflow = "implicit_gemm_split", tile_splits = 8 : i64} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r2l32_split3(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r2l32_split3.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r2l32_split3.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 2 : i64, tile_lanes = 32 : i64, dataflow = "implicit_gemm_split", tile_splits = 3 : i64} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r2l32_split8(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r2l32_split8.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r2l32_split8.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 2 : i64, tile_lanes = 32 : i64, dataflow = "implicit_gemm_split", tile_splits = 8 : i64} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r2l64_split3(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r2l64_split3.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r2l64_split3.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 2 : i64, tile_lanes = 64 : i64, dataflow = "implicit_gemm_split", tile_splits = 3 : i64} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r2l64_split8(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r2l64_split8.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r2l64_split8.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 2 : i64, tile_lanes = 64 : i64, dataflow = "implicit_gemm_split", tile_splits = 8 : i64} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r4l8_split3(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r4l8_split3.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r4l8_split3.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 4 : i64, tile_lanes = 8 : i64, dataflow = "implicit_gemm_split", tile_splits = 3 : i64} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r4l8_split8(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r4l8_split8.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r4l8_split8.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 4 : i64, tile_lanes = 8 : i64, dataflow = "implicit_gemm_split", tile_splits = 8 : i64} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r4l16_split3(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r4l16_split3.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r4l16_split3.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 4 : i64, tile_lanes = 16 : i64, dataflow = "implicit_gemm_split", tile_splits = 3 : i64} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r4l16_split8(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r4l16_split8.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r4l16_split8.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 4 : i64, tile_lanes = 16 : i64, dataflow = "implicit_gemm_split", tile_splits = 8 : i64} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r4l32_split3(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r4l32_split3.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r4l32_split3.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 4 : i64, tile_lanes = 32 : i64, dataflow = "implicit_gemm_split", tile_splits = 3 : i64} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r4l32_split8(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r4l32_split8.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r4l32_split8.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 4 : i64, tile_lanes = 32 : i64, dataflow = "implicit_gemm_split", tile_splits = 8 : i64} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r4l64_split3(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r4l64_split3.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r4l64_split3.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 4 : i64, tile_lanes = 64 : i64, dataflow = "implicit_gemm_split", tile_splits = 3 : i64} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r4l64_split8(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r4l64_split8.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r4l64_split8.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 4 : i64, tile_lanes = 64 : i64, dataflow = "implicit_gemm_split", tile_splits = 8 : i64} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r8l8_split3(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r8l8_split3.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r8l8_split3.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 8 : i64, tile_lanes = 8 : i64, dataflow = "implicit_gemm_split", tile_splits = 3 : i64} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r8l8_split8(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r8l8_split8.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r8l8_split8.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 8 : i64, tile_lanes = 8 : i64, dataflow = "implicit_gemm_split", tile_splits = 8 : i64} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r8l16_split3(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r8l16_split3.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r8l16_split3.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 8 : i64, tile_lanes = 16 : i64, dataflow = "implicit_gemm_split", tile_splits = 3 : i64} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r8l16_split8(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r8l16_split8.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r8l16_split8.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 8 : i64, tile_lanes = 16 : i64, dataflow = "implicit_gemm_split", tile_splits = 8 : i64} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r8l32_split3(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r8l32_split3.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r8l32_split3.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 8 : i64, tile_lanes = 32 : i64, dataflow = "implicit_gemm_split", tile_splits = 3 : i64} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r8l32_split8(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r8l32_split8.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r8l32_split8.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 8 : i64, tile_lanes = 32 : i64, dataflow = "implicit_gemm_split", tile_splits = 8 : i64} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @c_r2l8_split2(%x: !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]> {
  %w = sconv.weight "c_r2l8_split2.w" : tensor<8x5x3xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind regular>, kernel = array<i64: 2, 2, 2>, stride = array<i64: 2, 2, 2>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<8>
  %y = sconv.implicit_gemm %x, %m, %w {tile_rows = 2 : i64, tile_lanes = 8 : i64, dataflow = "implicit_gemm_split", tile_splits = 2 : i64} : (!sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<8>, tensor<8x5x3xf32>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
  return %y : !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
}

func.func @c_r2l8_split8(%x: !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]> {
  %w = sconv.weight "c_r2l8_split8.w" : tensor<8x5x3xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind regular>, kernel = array<i64: 2, 2, 2>, stride = array<i64: 2, 2, 2>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<8>
  %y = sconv.implicit_gemm %x, %m, %w {tile_rows = 2 : i64, tile_lanes = 8 : i64, dataflow = "implicit_gemm_split", tile_splits = 8 : i64} : (!sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<8>, tensor<8x5x3xf32>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
  return %y : !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
}

func.func @c_r4l8_split2(%x: !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]> {
  %w = sconv.weight "c_r4l8_split2.w" : tensor<8x5x3xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind regular>, kernel = array<i64: 2, 2, 2>, stride = array<i64: 2, 2, 2>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<8>
  %y = sconv.implicit_gemm %x, %m, %w {tile_rows = 4 : i64, tile_lanes = 8 : i64, dataflow = "implicit_gemm_split", tile_splits = 2 : i64} : (!sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<8>, tensor<8x5x3xf32>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
  return %y : !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
}

func.func @c_r4l8_split8(%x: !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]> {
  %w = sconv.weight "c_r4l8_split8.w" : tensor<8x5x3xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind regular>, kernel = array<i64: 2, 2, 2>, stride = array<i64: 2, 2, 2>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<8>
  %y = sconv.implicit_gemm %x, %m, %w {tile_rows = 4 : i64, tile_lanes = 8 : i64, dataflow = "implicit_gemm_split", tile_splits = 8 : i64} : (!sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<8>, tensor<8x5x3xf32>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
  return %y : !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
}

func.func @c_r8l8_split2(%x: !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]> {
  %w = sconv.weight "c_r8l8_split2.w" : tensor<8x5x3xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind regular>, kernel = array<i64: 2, 2, 2>, stride = array<i64: 2, 2, 2>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<8>
  %y = sconv.implicit_gemm %x, %m, %w {tile_rows = 8 : i64, tile_lanes = 8 : i64, dataflow = "implicit_gemm_split", tile_splits = 2 : i64} : (!sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<8>, tensor<8x5x3xf32>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
  return %y : !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
}

func.func @c_r8l8_split8(%x: !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]> {
  %w = sconv.weight "c_r8l8_split8.w" : tensor<8x5x3xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind regular>, kernel = array<i64: 2, 2, 2>, stride = array<i64: 2, 2, 2>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<8>
  %y = sconv.implicit_gemm %x, %m, %w {tile_rows = 8 : i64, tile_lanes = 8 : i64, dataflow = "implicit_gemm_split", tile_splits = 8 : i64} : (!sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<8>, tensor<8x5x3xf32>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
  return %y : !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
}

// 1-offset kernels wider than kCpuChannelBlock (256) input channels make one pass per block of
// input channels (600 = 256 + 256 + 88): every tile shape, the row-order, fetch-on-demand and
// gather dataflows, with bias and ReLU applied after the last pass.

func.func @w_r1l8(%x: !sconv.voxels<600 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<40 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "w_r1l8.w" : tensor<1x600x40xf32>
  %b = sconv.weight "w_r1l8.b" : tensor<40xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 1, 1, 1>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<600 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<1>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {activation = #sconv<activation relu>, tile_rows = 1 : i64, tile_lanes = 8 : i64} : (!sconv.voxels<600 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<1>, tensor<1x600x40xf32>, tensor<40xf32>) -> !sconv.voxels<40 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<40 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @w_r2l16(%x: !sconv.voxels<600 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<40 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "w_r2l16.w" : tensor<1x600x40xf32>
  %b = sconv.weight "w_r2l16.b" : tensor<40xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 1, 1, 1>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<600 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<1>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {activation = #sconv<activation relu>, tile_rows = 2 : i64, tile_lanes = 16 : i64} : (!sconv.voxels<600 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<1>, tensor<1x600x40xf32>, tensor<40xf32>) -> !sconv.voxels<40 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<40 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @w_r4l8(%x: !sconv.voxels<600 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<40 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "w_r4l8.w" : tensor<1x600x40xf32>
  %b = sconv.weight "w_r4l8.b" : tensor<40xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 1, 1, 1>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<600 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<1>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {activation = #sconv<activation relu>, tile_rows = 4 : i64, tile_lanes = 8 : i64} : (!sconv.voxels<600 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<1>, tensor<1x600x40xf32>, tensor<40xf32>) -> !sconv.voxels<40 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<40 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @w_r8l16(%x: !sconv.voxels<600 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<40 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "w_r8l16.w" : tensor<1x600x40xf32>
  %b = sconv.weight "w_r8l16.b" : tensor<40xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 1, 1, 1>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<600 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<1>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {activation = #sconv<activation relu>, tile_rows = 8 : i64, tile_lanes = 16 : i64} : (!sconv.voxels<600 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<1>, tensor<1x600x40xf32>, tensor<40xf32>) -> !sconv.voxels<40 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<40 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @w_r2l8_fetch(%x: !sconv.voxels<600 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<40 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "w_r2l8_fetch.w" : tensor<1x600x40xf32>
  %b = sconv.weight "w_r2l8_fetch.b" : tensor<40xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 1, 1, 1>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<600 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<1>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {activation = #sconv<activation relu>, tile_rows = 2 : i64, tile_lanes = 8 : i64, dataflow = "fetch_on_demand"} : (!sconv.voxels<600 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<1>, tensor<1x600x40xf32>, tensor<40xf32>) -> !sconv.voxels<40 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<40 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @w_r4l16_gather(%x: !sconv.voxels<600 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<40 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "w_r4l16_gather.w" : tensor<1x600x40xf32>
  %b = sconv.weight "w_r4l16_gather.b" : tensor<40xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 1, 1, 1>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<600 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<1>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {activation = #sconv<activation relu>, tile_rows = 4 : i64, tile_lanes = 16 : i64, dataflow = "gather_gemm_scatter"} : (!sconv.voxels<600 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<1>, tensor<1x600x40xf32>, tensor<40xf32>) -> !sconv.voxels<40 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<40 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}
