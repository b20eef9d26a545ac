// Kernel-map-level steps run on the GPU in row order (_gi), in mask order (_gs, gpu_dataflow
// implicit_gemm_sorted) and by mask splitting (_gx, implicit_gemm_split with 2, 3 or 8 ranges;
// 8 is one offset per range on the 2x2x2 strided conv), for GpuConvTest: all three must give the
// same bits. Generated from gpu-fetch.mlir (its CPU tiles and rotating GPU tiles).

func.func @a_r2l8_gi(%x: !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "a_r2l8_gi.w" : tensor<27x13x13xf32>
  %b = sconv.weight "a_r2l8_gi.b" : tensor<13xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b residual %x {activation = #sconv<activation relu>, tile_rows = 2 : i64, tile_lanes = 8 : i64, gpu_tile = array<i64: 64, 4, 4>} : (!sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x13x13xf32>, tensor<13xf32>, !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @a_r2l8_gs(%x: !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "a_r2l8_gs.w" : tensor<27x13x13xf32>
  %b = sconv.weight "a_r2l8_gs.b" : tensor<13xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b residual %x {activation = #sconv<activation relu>, tile_rows = 2 : i64, tile_lanes = 8 : i64, gpu_dataflow = "implicit_gemm_sorted", gpu_tile = array<i64: 64, 4, 4>} : (!sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x13x13xf32>, tensor<13xf32>, !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @a_r2l8_gx(%x: !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "a_r2l8_gx.w" : tensor<27x13x13xf32>
  %b = sconv.weight "a_r2l8_gx.b" : tensor<13xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b residual %x {activation = #sconv<activation relu>, tile_rows = 2 : i64, tile_lanes = 8 : i64, gpu_dataflow = "implicit_gemm_split", gpu_splits = 2 : i64, gpu_tile = array<i64: 64, 4, 4>} : (!sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x13x13xf32>, tensor<13xf32>, !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @a_r4l16_gi(%x: !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "a_r4l16_gi.w" : tensor<27x13x13xf32>
  %b = sconv.weight "a_r4l16_gi.b" : tensor<13xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b residual %x {activation = #sconv<activation relu>, tile_rows = 4 : i64, tile_lanes = 16 : i64, gpu_tile = array<i64: 32, 8, 2>} : (!sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x13x13xf32>, tensor<13xf32>, !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @a_r4l16_gs(%x: !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "a_r4l16_gs.w" : tensor<27x13x13xf32>
  %b = sconv.weight "a_r4l16_gs.b" : tensor<13xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b residual %x {activation = #sconv<activation relu>, tile_rows = 4 : i64, tile_lanes = 16 : i64, gpu_dataflow = "implicit_gemm_sorted", gpu_tile = array<i64: 32, 8, 2>} : (!sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x13x13xf32>, tensor<13xf32>, !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @a_r4l16_gx(%x: !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "a_r4l16_gx.w" : tensor<27x13x13xf32>
  %b = sconv.weight "a_r4l16_gx.b" : tensor<13xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b residual %x {activation = #sconv<activation relu>, tile_rows = 4 : i64, tile_lanes = 16 : i64, gpu_dataflow = "implicit_gemm_split", gpu_splits = 3 : i64, gpu_tile = array<i64: 32, 8, 2>} : (!sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x13x13xf32>, tensor<13xf32>, !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r2l32_gi(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r2l32_gi.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r2l32_gi.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 2 : i64, tile_lanes = 32 : i64, gpu_tile = array<i64: 128, 2, 1>} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r2l32_gs(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r2l32_gs.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r2l32_gs.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 2 : i64, tile_lanes = 32 : i64, gpu_dataflow = "implicit_gemm_sorted", gpu_tile = array<i64: 128, 2, 1>} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r2l32_gx(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r2l32_gx.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r2l32_gx.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 2 : i64, tile_lanes = 32 : i64, gpu_dataflow = "implicit_gemm_split", gpu_splits = 3 : i64, gpu_tile = array<i64: 128, 2, 1>} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r8l16_gi(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r8l16_gi.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r8l16_gi.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 8 : i64, tile_lanes = 16 : i64, gpu_tile = array<i64: 16, 16, 1>} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r8l16_gs(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r8l16_gs.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r8l16_gs.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 8 : i64, tile_lanes = 16 : i64, gpu_dataflow = "implicit_gemm_sorted", gpu_tile = array<i64: 16, 16, 1>} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r8l16_gx(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r8l16_gx.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r8l16_gx.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 8 : i64, tile_lanes = 16 : i64, gpu_dataflow = "implicit_gemm_split", gpu_splits = 8 : i64, gpu_tile = array<i64: 16, 16, 1>} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @c_r2l8_gi(%x: !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]> {
  %w = sconv.weight "c_r2l8_gi.w" : tensor<8x5x3xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind regular>, kernel = array<i64: 2, 2, 2>, stride = array<i64: 2, 2, 2>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<8>
  %y = sconv.implicit_gemm %x, %m, %w {tile_rows = 2 : i64, tile_lanes = 8 : i64, gpu_tile = array<i64: 128, 2, 1>} : (!sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<8>, tensor<8x5x3xf32>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
  return %y : !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
}

func.func @c_r2l8_gs(%x: !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]> {
  %w = sconv.weight "c_r2l8_gs.w" : tensor<8x5x3xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind regular>, kernel = array<i64: 2, 2, 2>, stride = array<i64: 2, 2, 2>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<8>
  %y = sconv.implicit_gemm %x, %m, %w {tile_rows = 2 : i64, tile_lanes = 8 : i64, gpu_dataflow = "implicit_gemm_sorted", gpu_tile = array<i64: 128, 2, 1>} : (!sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<8>, tensor<8x5x3xf32>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
  return %y : !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
}

func.func @c_r2l8_gx(%x: !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]> {
  %w = sconv.weight "c_r2l8_gx.w" : tensor<8x5x3xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind regular>, kernel = array<i64: 2, 2, 2>, stride = array<i64: 2, 2, 2>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<8>
  %y = sconv.implicit_gemm %x, %m, %w {tile_rows = 2 : i64, tile_lanes = 8 : i64, gpu_dataflow = "implicit_gemm_split", gpu_splits = 8 : i64, gpu_tile = array<i64: 128, 2, 1>} : (!sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<8>, tensor<8x5x3xf32>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
  return %y : !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
}

func.func @c_r4l8_gi(%x: !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]> {
  %w = sconv.weight "c_r4l8_gi.w" : tensor<8x5x3xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind regular>, kernel = array<i64: 2, 2, 2>, stride = array<i64: 2, 2, 2>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<8>
  %y = sconv.implicit_gemm %x, %m, %w {tile_rows = 4 : i64, tile_lanes = 8 : i64, gpu_tile = array<i64: 32, 8, 2>} : (!sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<8>, tensor<8x5x3xf32>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
  return %y : !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
}

func.func @c_r4l8_gs(%x: !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]> {
  %w = sconv.weight "c_r4l8_gs.w" : tensor<8x5x3xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind regular>, kernel = array<i64: 2, 2, 2>, stride = array<i64: 2, 2, 2>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<8>
  %y = sconv.implicit_gemm %x, %m, %w {tile_rows = 4 : i64, tile_lanes = 8 : i64, gpu_dataflow = "implicit_gemm_sorted", gpu_tile = array<i64: 32, 8, 2>} : (!sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<8>, tensor<8x5x3xf32>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
  return %y : !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
}

func.func @c_r4l8_gx(%x: !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]> {
  %w = sconv.weight "c_r4l8_gx.w" : tensor<8x5x3xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind regular>, kernel = array<i64: 2, 2, 2>, stride = array<i64: 2, 2, 2>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<8>
  %y = sconv.implicit_gemm %x, %m, %w {tile_rows = 4 : i64, tile_lanes = 8 : i64, gpu_dataflow = "implicit_gemm_split", gpu_splits = 2 : i64, gpu_tile = array<i64: 32, 8, 2>} : (!sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<8>, tensor<8x5x3xf32>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
  return %y : !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
}
