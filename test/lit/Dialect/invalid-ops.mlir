// RUN: sconv-opt %s -split-input-file -verify-diagnostics

!c16 = !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
!c32 = !sconv.voxels<32 x f32, shape [?, ?, ?], stride [1, 1, 1]>
func.func @spss_channels(%x: !c16, %w: tensor<27x16x32xf32>) -> !c32 {
  // expected-error@+1 {{SPSS needs C_in == C_out (pruned sites pass their features through), got C_in = 16, C_out = 32}}
  %y = sconv.spss_conv %x, %w {kernel = array<i64: 3, 3, 3>, dilation = array<i64: 1, 1, 1>, ratio = 0.5 : f64} : (!c16, tensor<27x16x32xf32>) -> !c32
  return %y : !c32
}

// -----
!c16 = !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
func.func @spss_ratio_range(%x: !c16, %w: tensor<27x16x16xf32>) -> !c16 {
  // expected-error@+1 {{pruning ratio must be in [0, 1), got 1}}
  %y = sconv.spss_conv %x, %w {kernel = array<i64: 3, 3, 3>, dilation = array<i64: 1, 1, 1>, ratio = 1.0 : f64} : (!c16, tensor<27x16x16xf32>) -> !c16
  return %y : !c16
}

// -----
!c16 = !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
func.func @spss_both_modes(%x: !c16, %w: tensor<27x16x16xf32>) -> !c16 {
  // expected-error@+1 {{needs exactly one of 'ratio' (top-k pruning) and 'threshold'}}
  %y = sconv.spss_conv %x, %w {kernel = array<i64: 3, 3, 3>, dilation = array<i64: 1, 1, 1>, ratio = 0.5 : f64, threshold = 0.6 : f64} : (!c16, tensor<27x16x16xf32>) -> !c16
  return %y : !c16
}

// -----
!c16 = !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
!c32 = !sconv.voxels<32 x f32, shape [?, ?, ?], stride [2, 2, 2]>
func.func @sprs_threshold_range(%x: !c16, %w: tensor<27x16x32xf32>) -> !c32 {
  // expected-error@+1 {{importance threshold must be in (0, 1), got 1.5}}
  %y = sconv.sprs_conv %x, %w {kernel = array<i64: 3, 3, 3>, stride = array<i64: 2, 2, 2>, padding = array<i64: 1, 1, 1>, dilation = array<i64: 1, 1, 1>, threshold = 1.5 : f64} : (!c16, tensor<27x16x32xf32>) -> !c32
  return %y : !c32
}

// -----
!c16 = !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
!c32 = !sconv.voxels<32 x f32, shape [?, ?, ?], stride [2, 2, 2]>
func.func @inverse_without_forward(%d: !c32, %x: !c16, %w: tensor<27x32x16xf32>) -> !c16 {
  // expected-error@+1 {{needs a matching forward conv}}
  %y = sconv.inverse_conv %d, %x, %w {kernel = array<i64: 3, 3, 3>, stride = array<i64: 2, 2, 2>, padding = array<i64: 1, 1, 1>, dilation = array<i64: 1, 1, 1>} : (!c32, !c16, tensor<27x32x16xf32>) -> !c16
  return %y : !c16
}

// -----
!c16 = !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
!c32 = !sconv.voxels<32 x f32, shape [?, ?, ?], stride [2, 2, 2]>
func.func @inverse_other_geometry(%x: !c16, %w: tensor<27x16x32xf32>, %wi: tensor<27x32x16xf32>) -> !c16 {
  %d = sconv.conv %x, %w {kernel = array<i64: 3, 3, 3>, stride = array<i64: 2, 2, 2>, padding = array<i64: 1, 1, 1>, dilation = array<i64: 1, 1, 1>} : (!c16, tensor<27x16x32xf32>) -> !c32
  // expected-error@+1 {{needs a matching forward conv}}
  %y = sconv.inverse_conv %d, %x, %wi {kernel = array<i64: 3, 3, 3>, stride = array<i64: 2, 2, 2>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : (!c32, !c16, tensor<27x32x16xf32>) -> !c16
  return %y : !c16
}

// -----
!c16 = !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
func.func @swlk_even(%x: !c16, %w: tensor<27x16x16xf32>) -> !c16 {
  // expected-error@+1 {{SW-LK needs an odd kernel size >= 3, got 6}}
  %y = sconv.sw_lk_conv %x, %w {kernel_size = 6 : i64} : (!c16, tensor<27x16x16xf32>) -> !c16
  return %y : !c16
}

// -----
!c16 = !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
func.func @swlk_weights(%x: !c16, %w: tensor<343x16x16xf32>) -> !c16 {
  // expected-error@+1 {{weight must be [K, C_in, C_out] with K = kernel volume 27}}
  %y = sconv.sw_lk_conv %x, %w {kernel_size = 7 : i64} : (!c16, tensor<343x16x16xf32>) -> !c16
  return %y : !c16
}

// -----
!c16 = !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
func.func @swlk_pe(%x: !c16, %w: tensor<27x16x16xf32>, %pe: tensor<27x16xf32>) -> !c16 {
  // expected-error@+1 {{position embedding must be [k^3, C_in] = [343, 16], got 'tensor<27x16xf32>'}}
  %y = sconv.sw_lk_conv %x, %w pe %pe {kernel_size = 7 : i64} : (!c16, tensor<27x16x16xf32>, tensor<27x16xf32>) -> !c16
  return %y : !c16
}

// -----
!c16 = !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
func.func @add_other_sites(%a: !c16, %b: !c16) -> !c16 {
  // expected-error@+1 {{operands must be on the same sites}}
  %y = sconv.add %a, %b : !c16
  return %y : !c16
}

// -----
!c16 = !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
func.func @concat_channels(%a: !c16) -> !c16 {
  // expected-error@+1 {{result has 16 channels, expected 16 + 16}}
  %y = sconv.concat %a, %a : (!c16, !c16) -> !c16
  return %y : !c16
}

// -----
!c16 = !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
func.func @linear_shape(%x: !c16, %w: tensor<8x16xf32>) -> !c16 {
  // expected-error@+1 {{weight must be [C_in, C_out] = [16, 16], got 'tensor<8x16xf32>'}}
  %y = sconv.linear %x, %w : (!c16, tensor<8x16xf32>) -> !c16
  return %y : !c16
}

// -----
!c16 = !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
func.func @bn_param(%x: !c16, %g: tensor<8xf32>, %p: tensor<16xf32>) -> !c16 {
  // expected-error@+1 {{'gamma' must be [16], got 'tensor<8xf32>'}}
  %y = sconv.batch_norm %x, %g, %p, %p, %p : (!c16, tensor<8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> !c16
  return %y : !c16
}

// -----
!c16 = !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
func.func @to_dense_dynamic(%x: !c16) -> tensor<?x16x4x4xf32> {
  // expected-error@+1 {{to_dense needs a static spatial shape}}
  %y = sconv.to_dense %x : (!c16) -> tensor<?x16x4x4xf32>
  return %y : tensor<?x16x4x4xf32>
}

// -----
!s = !sconv.voxels<16 x f32, shape [2, 8, 8], stride [1, 1, 1]>
func.func @to_dense_shape(%x: !s) -> tensor<?x16x8x8xf32> {
  // expected-error@+1 {{result must be [B, C*D, H, W] = [?, 32, 8, 8]}}
  %y = sconv.to_dense %x : (!s) -> tensor<?x16x8x8xf32>
  return %y : tensor<?x16x8x8xf32>
}

// -----
!a = !sconv.voxels<16 x f32, shape [4, 4, 4], stride [2, 2, 2]>
!b = !sconv.voxels<16 x f32, shape [9, 8, 8], stride [1, 1, 1]>
func.func @transpose_output_shape(%x: !a, %w: tensor<8x16x16xf32>) -> !b {
  // expected-error@+1 {{result spatial shape on axis 0 must be 8 = (S-1)*s - 2p + d*(k-1) + 1 + output_padding, got 9}}
  %y = sconv.conv_transpose %x, %w {kernel = array<i64: 2, 2, 2>, stride = array<i64: 2, 2, 2>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>, output_padding = array<i64: 0, 0, 0>} : (!a, tensor<8x16x16xf32>) -> !b
  return %y : !b
}

// -----
!c16 = !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
func.func @sprs_map_needs_mask(%x: !c16) -> () {
  // expected-error@+1 {{an sprs map needs the importance mask of its input}}
  %m = sconv.kernel_map %x {kind = #sconv<map_kind sprs>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 2, 2, 2>, padding = array<i64: 1, 1, 1>, dilation = array<i64: 1, 1, 1>} : !c16 -> !sconv.kmap<27>
  return
}

// -----
!c16 = !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
func.func @prune_channels(%x: !c16) -> () {
  // expected-error@+1 {{'importance' must have one channel}}
  %m = sconv.prune_mask %x {ratio = 0.5 : f64} : (!c16) -> !c16
  return
}

// -----
!c16 = !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
func.func @partition_volume(%x: !c16, %m: !sconv.kmap<27>) -> () {
  // expected-error@+1 {{needs the k^3 = 125 submanifold map, got volume 27}}
  %s = sconv.partition_sum %x, %m {kernel_size = 5 : i64} : (!c16, !sconv.kmap<27>) -> !sconv.voxels<432 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return
}

// -----
!c16 = !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
!c1 = !sconv.voxels<1 x f32, shape [?, ?, ?], stride [1, 1, 1]>
func.func @gemm_residual_type(%x: !c16, %m: !sconv.kmap<27>, %w: tensor<27x16x16xf32>, %r: !c1) -> () {
  // expected-error@+1 {{residual must have the result's type}}
  %y = sconv.implicit_gemm %x, %m, %w residual %r : (!c16, !sconv.kmap<27>, tensor<27x16x16xf32>, !c1) -> !c16
  return
}

// -----
!c16 = !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
func.func @gemm_gpu_tile_size(%x: !c16, %m: !sconv.kmap<27>, %w: tensor<27x16x16xf32>) -> () {
  // expected-error@+1 {{gpu_tile is [threads_cout, threads_rows, rows_per_thread], got 2 value(s)}}
  %y = sconv.implicit_gemm %x, %m, %w {gpu_tile = array<i64: 32, 8>} : (!c16, !sconv.kmap<27>, tensor<27x16x16xf32>) -> !c16
  return
}

// -----
!c16 = !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
func.func @gemm_gpu_precision(%x: !c16, %m: !sconv.kmap<27>, %w: tensor<27x16x16xf32>) -> () {
  // expected-error@+1 {{gpu_precision must be f32, f16 or bf16, got 'f8'}}
  %y = sconv.implicit_gemm %x, %m, %w {gpu_precision = "f8"} : (!c16, !sconv.kmap<27>, tensor<27x16x16xf32>) -> !c16
  return
}

// -----
!c16 = !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
func.func @gemm_tensor_cores_fetch(%x: !c16, %m: !sconv.kmap<27>, %w: tensor<27x16x16xf32>) -> () {
  // expected-error@+1 {{gpu_precision f16 (tensor cores) runs the implicit_gemm dataflow only, not fetch_on_demand}}
  %y = sconv.implicit_gemm %x, %m, %w {gpu_precision = "f16", gpu_dataflow = "fetch_on_demand"} : (!c16, !sconv.kmap<27>, tensor<27x16x16xf32>) -> !c16
  return
}

// -----
!c16 = !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
func.func @gemm_stages_without_tensor_cores(%x: !c16, %m: !sconv.kmap<27>, %w: tensor<27x16x16xf32>) -> () {
  // expected-error@+1 {{gpu_stages 2 pipelines the tensor-core kernel; it needs gpu_precision f16 or bf16}}
  %y = sconv.implicit_gemm %x, %m, %w {gpu_stages = 2 : i64} : (!c16, !sconv.kmap<27>, tensor<27x16x16xf32>) -> !c16
  return
}

// -----
!c16 = !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
func.func @gemm_unknown_instruction(%x: !c16, %m: !sconv.kmap<27>, %w: tensor<27x16x16xf32>) -> () {
  // expected-error@+1 {{gpu_instruction must be mma_sync or wgmma, got 'tcgen05'}}
  %y = sconv.implicit_gemm %x, %m, %w {gpu_precision = "f16", gpu_instruction = "tcgen05"} : (!c16, !sconv.kmap<27>, tensor<27x16x16xf32>) -> !c16
  return
}

// -----
!c16 = !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
func.func @gemm_wgmma_without_tensor_cores(%x: !c16, %m: !sconv.kmap<27>, %w: tensor<27x16x16xf32>) -> () {
  // expected-error@+1 {{gpu_instruction wgmma is a tensor-core instruction; it needs gpu_precision f16 or bf16}}
  %y = sconv.implicit_gemm %x, %m, %w {gpu_instruction = "wgmma"} : (!c16, !sconv.kmap<27>, tensor<27x16x16xf32>) -> !c16
  return
}

// -----
!c16 = !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
func.func @append_ones_channels(%x: !c16) -> () {
  // expected-error@+1 {{result must have C_in + 1 = 17 channels of the input's element type}}
  %y = sconv.append_ones %x : (!c16) -> !c16
  return
}

// -----
!c16 = !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
func.func @append_ones_grid(%x: !c16) -> () {
  // expected-error@+1 {{keeps its input's sites: result shape and tensor stride must equal the input's}}
  %y = sconv.append_ones %x : (!c16) -> !sconv.voxels<17 x f32, shape [?, ?, ?], stride [2, 2, 2]>
  return
}

// -----
func.func @expand_sw_lk_groups(%w: tensor<26x16x16xf32>) -> () {
  // expected-error@+1 {{weight must hold the 27 SW-LK group weights [27, C_in, C_out]}}
  %x = sconv.expand_sw_lk %w {kernel_size = 5 : i64} : (tensor<26x16x16xf32>) -> tensor<125x16x16xf32>
  return
}

// -----
func.func @expand_sw_lk_even(%w: tensor<27x16x16xf32>) -> () {
  // expected-error@+1 {{SW-LK needs an odd kernel size >= 3, got 4}}
  %x = sconv.expand_sw_lk %w {kernel_size = 4 : i64} : (tensor<27x16x16xf32>) -> tensor<64x16x16xf32>
  return
}

// -----
func.func @expand_sw_lk_pe(%w: tensor<27x16x16xf32>, %pe: tensor<125x8xf32>) -> () {
  // expected-error@+1 {{position embedding must be [125, 16]}}
  %x = sconv.expand_sw_lk %w pe %pe {kernel_size = 5 : i64} : (tensor<27x16x16xf32>, tensor<125x8xf32>) -> tensor<125x17x16xf32>
  return
}

// -----
func.func @expand_sw_lk_result(%w: tensor<27x16x16xf32>, %pe: tensor<125x16xf32>) -> () {
  // expected-error@+1 {{result must be [k^3, C_in + 1, C_out] = [125, 17, 16]}}
  %x = sconv.expand_sw_lk %w pe %pe {kernel_size = 5 : i64} : (tensor<27x16x16xf32>, tensor<125x16xf32>) -> tensor<125x16x16xf32>
  return
}

// -----
!c16 = !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
func.func @sw_lk_form(%x: !c16, %w: tensor<27x16x16xf32>) -> () {
  // expected-error@+2 {{expected ::sconv::SwLkForm to be one of: partition, plain}}
  // expected-error@+1 {{failed to parse SConv_SwLkFormAttr parameter 'value'}}
  %y = sconv.sw_lk_conv %x, %w {kernel_size = 5 : i64, form = #sconv<sw_lk_form dense>} : (!c16, tensor<27x16x16xf32>) -> !c16
  return
}
