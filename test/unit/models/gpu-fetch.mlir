// Kernel-map-level steps run on the GPU by fetch-on-demand (gpu_dataflow), with the CPU tiles of
// models/tiles.mlir and a rotating GPU tile, for GpuConvTest. Generated from tiles.mlir.

func.func @a_r1l8_gf(%x: !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "a_r1l8_gf.w" : tensor<27x13x13xf32>
  %b = sconv.weight "a_r1l8_gf.b" : tensor<13xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b residual %x {activation = #sconv<activation relu>, tile_rows = 1 : i64, tile_lanes = 8 : i64, gpu_dataflow = "fetch_on_demand", gpu_tile = array<i64: 32, 8, 2>} : (!sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x13x13xf32>, tensor<13xf32>, !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @a_r1l16_gf(%x: !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "a_r1l16_gf.w" : tensor<27x13x13xf32>
  %b = sconv.weight "a_r1l16_gf.b" : tensor<13xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b residual %x {activation = #sconv<activation relu>, tile_rows = 1 : i64, tile_lanes = 16 : i64, gpu_dataflow = "fetch_on_demand", gpu_tile = array<i64: 16, 16, 1>} : (!sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x13x13xf32>, tensor<13xf32>, !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @a_r2l8_gf(%x: !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "a_r2l8_gf.w" : tensor<27x13x13xf32>
  %b = sconv.weight "a_r2l8_gf.b" : tensor<13xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b residual %x {activation = #sconv<activation relu>, tile_rows = 2 : i64, tile_lanes = 8 : i64, gpu_dataflow = "fetch_on_demand", gpu_tile = array<i64: 64, 4, 4>} : (!sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x13x13xf32>, tensor<13xf32>, !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @a_r2l16_gf(%x: !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "a_r2l16_gf.w" : tensor<27x13x13xf32>
  %b = sconv.weight "a_r2l16_gf.b" : tensor<13xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b residual %x {activation = #sconv<activation relu>, tile_rows = 2 : i64, tile_lanes = 16 : i64, gpu_dataflow = "fetch_on_demand", gpu_tile = array<i64: 8, 8, 2>} : (!sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x13x13xf32>, tensor<13xf32>, !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @a_r4l8_gf(%x: !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "a_r4l8_gf.w" : tensor<27x13x13xf32>
  %b = sconv.weight "a_r4l8_gf.b" : tensor<13xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b residual %x {activation = #sconv<activation relu>, tile_rows = 4 : i64, tile_lanes = 8 : i64, gpu_dataflow = "fetch_on_demand", gpu_tile = array<i64: 128, 2, 1>} : (!sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x13x13xf32>, tensor<13xf32>, !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @a_r4l16_gf(%x: !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "a_r4l16_gf.w" : tensor<27x13x13xf32>
  %b = sconv.weight "a_r4l16_gf.b" : tensor<13xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b residual %x {activation = #sconv<activation relu>, tile_rows = 4 : i64, tile_lanes = 16 : i64, gpu_dataflow = "fetch_on_demand", gpu_tile = array<i64: 32, 8, 2>} : (!sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x13x13xf32>, tensor<13xf32>, !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @a_r8l8_gf(%x: !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "a_r8l8_gf.w" : tensor<27x13x13xf32>
  %b = sconv.weight "a_r8l8_gf.b" : tensor<13xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b residual %x {activation = #sconv<activation relu>, tile_rows = 8 : i64, tile_lanes = 8 : i64, gpu_dataflow = "fetch_on_demand", gpu_tile = array<i64: 16, 16, 1>} : (!sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x13x13xf32>, tensor<13xf32>, !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @a_r8l16_gf(%x: !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "a_r8l16_gf.w" : tensor<27x13x13xf32>
  %b = sconv.weight "a_r8l16_gf.b" : tensor<13xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b residual %x {activation = #sconv<activation relu>, tile_rows = 8 : i64, tile_lanes = 16 : i64, gpu_dataflow = "fetch_on_demand", gpu_tile = array<i64: 64, 4, 4>} : (!sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x13x13xf32>, tensor<13xf32>, !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r1l8_gf(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r1l8_gf.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r1l8_gf.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 1 : i64, tile_lanes = 8 : i64, gpu_dataflow = "fetch_on_demand", gpu_tile = array<i64: 8, 8, 2>} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r1l16_gf(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r1l16_gf.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r1l16_gf.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 1 : i64, tile_lanes = 16 : i64, gpu_dataflow = "fetch_on_demand", gpu_tile = array<i64: 128, 2, 1>} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r1l32_gf(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r1l32_gf.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r1l32_gf.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 1 : i64, tile_lanes = 32 : i64, gpu_dataflow = "fetch_on_demand", gpu_tile = array<i64: 32, 8, 2>} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r1l64_gf(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r1l64_gf.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r1l64_gf.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 1 : i64, tile_lanes = 64 : i64, gpu_dataflow = "fetch_on_demand", gpu_tile = array<i64: 16, 16, 1>} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r2l8_gf(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r2l8_gf.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r2l8_gf.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 2 : i64, tile_lanes = 8 : i64, gpu_dataflow = "fetch_on_demand", gpu_tile = array<i64: 64, 4, 4>} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r2l16_gf(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r2l16_gf.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r2l16_gf.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 2 : i64, tile_lanes = 16 : i64, gpu_dataflow = "fetch_on_demand", gpu_tile = array<i64: 8, 8, 2>} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r2l32_gf(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r2l32_gf.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r2l32_gf.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 2 : i64, tile_lanes = 32 : i64, gpu_dataflow = "fetch_on_demand", gpu_tile = array<i64: 128, 2, 1>} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r2l64_gf(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r2l64_gf.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r2l64_gf.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 2 : i64, tile_lanes = 64 : i64, gpu_dataflow = "fetch_on_demand", gpu_tile = array<i64: 32, 8, 2>} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r4l8_gf(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r4l8_gf.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r4l8_gf.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 4 : i64, tile_lanes = 8 : i64, gpu_dataflow = "fetch_on_demand", gpu_tile = array<i64: 16, 16, 1>} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r4l16_gf(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r4l16_gf.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r4l16_gf.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 4 : i64, tile_lanes = 16 : i64, gpu_dataflow = "fetch_on_demand", gpu_tile = array<i64: 64, 4, 4>} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r4l32_gf(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r4l32_gf.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r4l32_gf.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 4 : i64, tile_lanes = 32 : i64, gpu_dataflow = "fetch_on_demand", gpu_tile = array<i64: 8, 8, 2>} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r4l64_gf(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r4l64_gf.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r4l64_gf.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 4 : i64, tile_lanes = 64 : i64, gpu_dataflow = "fetch_on_demand", gpu_tile = array<i64: 128, 2, 1>} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r8l8_gf(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r8l8_gf.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r8l8_gf.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 8 : i64, tile_lanes = 8 : i64, gpu_dataflow = "fetch_on_demand", gpu_tile = array<i64: 32, 8, 2>} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r8l16_gf(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r8l16_gf.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r8l16_gf.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 8 : i64, tile_lanes = 16 : i64, gpu_dataflow = "fetch_on_demand", gpu_tile = array<i64: 16, 16, 1>} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @b_r8l32_gf(%x: !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "b_r8l32_gf.w" : tensor<27x64x64xf32>
  %b = sconv.weight "b_r8l32_gf.b" : tensor<64xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = 8 : i64, tile_lanes = 32 : i64, gpu_dataflow = "fetch_on_demand", gpu_tile = array<i64: 64, 4, 4>} : (!sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>) -> !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @c_r1l8_gf(%x: !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]> {
  %w = sconv.weight "c_r1l8_gf.w" : tensor<8x5x3xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind regular>, kernel = array<i64: 2, 2, 2>, stride = array<i64: 2, 2, 2>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<8>
  %y = sconv.implicit_gemm %x, %m, %w {tile_rows = 1 : i64, tile_lanes = 8 : i64, gpu_dataflow = "fetch_on_demand", gpu_tile = array<i64: 8, 8, 2>} : (!sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<8>, tensor<8x5x3xf32>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
  return %y : !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
}

func.func @c_r2l8_gf(%x: !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]> {
  %w = sconv.weight "c_r2l8_gf.w" : tensor<8x5x3xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind regular>, kernel = array<i64: 2, 2, 2>, stride = array<i64: 2, 2, 2>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<8>
  %y = sconv.implicit_gemm %x, %m, %w {tile_rows = 2 : i64, tile_lanes = 8 : i64, gpu_dataflow = "fetch_on_demand", gpu_tile = array<i64: 128, 2, 1>} : (!sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<8>, tensor<8x5x3xf32>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
  return %y : !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
}

func.func @c_r4l8_gf(%x: !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]> {
  %w = sconv.weight "c_r4l8_gf.w" : tensor<8x5x3xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind regular>, kernel = array<i64: 2, 2, 2>, stride = array<i64: 2, 2, 2>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<8>
  %y = sconv.implicit_gemm %x, %m, %w {tile_rows = 4 : i64, tile_lanes = 8 : i64, gpu_dataflow = "fetch_on_demand", gpu_tile = array<i64: 32, 8, 2>} : (!sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<8>, tensor<8x5x3xf32>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
  return %y : !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
}

func.func @c_r8l8_gf(%x: !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]> {
  %w = sconv.weight "c_r8l8_gf.w" : tensor<8x5x3xf32>
  %m = sconv.kernel_map %x {kind = #sconv<map_kind regular>, kernel = array<i64: 2, 2, 2>, stride = array<i64: 2, 2, 2>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]> -> !sconv.kmap<8>
  %y = sconv.implicit_gemm %x, %m, %w {tile_rows = 8 : i64, tile_lanes = 8 : i64, gpu_dataflow = "fetch_on_demand", gpu_tile = array<i64: 16, 16, 1>} : (!sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.kmap<8>, tensor<8x5x3xf32>) -> !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
  return %y : !sconv.voxels<3 x f32, shape [?, ?, ?], stride [2, 2, 2]>
}
