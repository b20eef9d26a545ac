// Graph-level models for the op numerics test (CompiledOpsTest.cpp): every operator of
// OPERATORS.md through sconvc's graph pipeline and generated kernels. Parameters are <entry>.<name>.

func.func @inverse_k2s2_c8(%x: !sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %wd = sconv.weight "inverse_k2s2_c8.wd" : tensor<8x8x16xf32>
  %wi = sconv.weight "inverse_k2s2_c8.wi" : tensor<8x16x8xf32>
  %bi = sconv.weight "inverse_k2s2_c8.bi" : tensor<8xf32>
  %d = sconv.conv %x, %wd {kernel = array<i64: 2, 2, 2>, stride = array<i64: 2, 2, 2>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : (!sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]>, tensor<8x8x16xf32>) -> !sconv.voxels<16 x f32, shape [?, ?, ?], stride [2, 2, 2]>
  %u = sconv.inverse_conv %d, %x, %wi, %bi {kernel = array<i64: 2, 2, 2>, stride = array<i64: 2, 2, 2>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : (!sconv.voxels<16 x f32, shape [?, ?, ?], stride [2, 2, 2]>, !sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]>, tensor<8x16x8xf32>, tensor<8xf32>) -> !sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %u : !sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @real_inverse_c4(%x: !sconv.voxels<4 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<4 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %wd = sconv.weight "real_inverse_c4.wd" : tensor<8x4x16xf32>
  %wi = sconv.weight "real_inverse_c4.wi" : tensor<8x16x4xf32>
  %bi = sconv.weight "real_inverse_c4.bi" : tensor<4xf32>
  %d = sconv.conv %x, %wd {kernel = array<i64: 2, 2, 2>, stride = array<i64: 2, 2, 2>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : (!sconv.voxels<4 x f32, shape [?, ?, ?], stride [1, 1, 1]>, tensor<8x4x16xf32>) -> !sconv.voxels<16 x f32, shape [?, ?, ?], stride [2, 2, 2]>
  %u = sconv.inverse_conv %d, %x, %wi, %bi {kernel = array<i64: 2, 2, 2>, stride = array<i64: 2, 2, 2>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : (!sconv.voxels<16 x f32, shape [?, ?, ?], stride [2, 2, 2]>, !sconv.voxels<4 x f32, shape [?, ?, ?], stride [1, 1, 1]>, tensor<8x16x4xf32>, tensor<4xf32>) -> !sconv.voxels<4 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %u : !sconv.voxels<4 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @convT_k2s2_c16x8(%x: !sconv.voxels<16 x f32, shape [?, ?, ?], stride [2, 2, 2]>) -> !sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "convT_k2s2_c16x8.w" : tensor<8x16x8xf32>
  %b = sconv.weight "convT_k2s2_c16x8.b" : tensor<8xf32>
  %y = sconv.conv_transpose %x, %w, %b {kernel = array<i64: 2, 2, 2>, stride = array<i64: 2, 2, 2>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>, output_padding = array<i64: 0, 0, 0>} : (!sconv.voxels<16 x f32, shape [?, ?, ?], stride [2, 2, 2]>, tensor<8x16x8xf32>, tensor<8xf32>) -> !sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @convT_k3s2p1op1_c4x5(%x: !sconv.voxels<4 x f32, shape [?, ?, ?], stride [2, 2, 2]>) -> !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "convT_k3s2p1op1_c4x5.w" : tensor<27x4x5xf32>
  %b = sconv.weight "convT_k3s2p1op1_c4x5.b" : tensor<5xf32>
  %y = sconv.conv_transpose %x, %w, %b {kernel = array<i64: 3, 3, 3>, stride = array<i64: 2, 2, 2>, padding = array<i64: 1, 1, 1>, dilation = array<i64: 1, 1, 1>, output_padding = array<i64: 1, 1, 1>} : (!sconv.voxels<4 x f32, shape [?, ?, ?], stride [2, 2, 2]>, tensor<27x4x5xf32>, tensor<5xf32>) -> !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @swlk_k3_c8(%x: !sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "swlk_k3_c8.w" : tensor<27x8x8xf32>
  %pe = sconv.weight "swlk_k3_c8.pe" : tensor<27x8xf32>
  %b = sconv.weight "swlk_k3_c8.b" : tensor<8xf32>
  %y = sconv.sw_lk_conv %x, %w pe %pe bias %b {kernel_size = 3 : i64} : (!sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]>, tensor<27x8x8xf32>, tensor<27x8xf32>, tensor<8xf32>) -> !sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @swlk_k5_c8(%x: !sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "swlk_k5_c8.w" : tensor<27x8x8xf32>
  %pe = sconv.weight "swlk_k5_c8.pe" : tensor<125x8xf32>
  %b = sconv.weight "swlk_k5_c8.b" : tensor<8xf32>
  %y = sconv.sw_lk_conv %x, %w pe %pe bias %b {kernel_size = 5 : i64} : (!sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]>, tensor<27x8x8xf32>, tensor<125x8xf32>, tensor<8xf32>) -> !sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @swlk_k7_c8(%x: !sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "swlk_k7_c8.w" : tensor<27x8x8xf32>
  %pe = sconv.weight "swlk_k7_c8.pe" : tensor<343x8xf32>
  %b = sconv.weight "swlk_k7_c8.b" : tensor<8xf32>
  %y = sconv.sw_lk_conv %x, %w pe %pe bias %b {kernel_size = 7 : i64} : (!sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]>, tensor<27x8x8xf32>, tensor<343x8xf32>, tensor<8xf32>) -> !sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @swlk_k9_c8(%x: !sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "swlk_k9_c8.w" : tensor<27x8x8xf32>
  %pe = sconv.weight "swlk_k9_c8.pe" : tensor<729x8xf32>
  %b = sconv.weight "swlk_k9_c8.b" : tensor<8xf32>
  %y = sconv.sw_lk_conv %x, %w pe %pe bias %b {kernel_size = 9 : i64} : (!sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]>, tensor<27x8x8xf32>, tensor<729x8xf32>, tensor<8xf32>) -> !sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @swlk_k17_c8(%x: !sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "swlk_k17_c8.w" : tensor<27x8x8xf32>
  %pe = sconv.weight "swlk_k17_c8.pe" : tensor<4913x8xf32>
  %b = sconv.weight "swlk_k17_c8.b" : tensor<8xf32>
  %y = sconv.sw_lk_conv %x, %w pe %pe bias %b {kernel_size = 17 : i64} : (!sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]>, tensor<27x8x8xf32>, tensor<4913x8xf32>, tensor<8xf32>) -> !sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @real_swlk_k7_c4(%x: !sconv.voxels<4 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<4 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "real_swlk_k7_c4.w" : tensor<27x4x4xf32>
  %pe = sconv.weight "real_swlk_k7_c4.pe" : tensor<343x4xf32>
  %b = sconv.weight "real_swlk_k7_c4.b" : tensor<4xf32>
  %y = sconv.sw_lk_conv %x, %w pe %pe bias %b {kernel_size = 7 : i64} : (!sconv.voxels<4 x f32, shape [?, ?, ?], stride [1, 1, 1]>, tensor<27x4x4xf32>, tensor<343x4xf32>, tensor<4xf32>) -> !sconv.voxels<4 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<4 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @spss_r05_c8(%x: !sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "spss_r05_c8.w" : tensor<27x8x8xf32>
  %b = sconv.weight "spss_r05_c8.b" : tensor<8xf32>
  %y = sconv.spss_conv %x, %w bias %b {kernel = array<i64: 3, 3, 3>, dilation = array<i64: 1, 1, 1>, ratio = 0.5 : f64} : (!sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]>, tensor<27x8x8xf32>, tensor<8xf32>) -> !sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @spss_r0_c8(%x: !sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "spss_r0_c8.w" : tensor<27x8x8xf32>
  %b = sconv.weight "spss_r0_c8.b" : tensor<8xf32>
  %y = sconv.spss_conv %x, %w bias %b {kernel = array<i64: 3, 3, 3>, dilation = array<i64: 1, 1, 1>, ratio = 0.0 : f64} : (!sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]>, tensor<27x8x8xf32>, tensor<8xf32>) -> !sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @spss_t06_c8(%x: !sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "spss_t06_c8.w" : tensor<27x8x8xf32>
  %b = sconv.weight "spss_t06_c8.b" : tensor<8xf32>
  %y = sconv.spss_conv %x, %w bias %b {kernel = array<i64: 3, 3, 3>, dilation = array<i64: 1, 1, 1>, threshold = 0.6 : f64} : (!sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]>, tensor<27x8x8xf32>, tensor<8xf32>) -> !sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @real_spss_c4(%x: !sconv.voxels<4 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<4 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "real_spss_c4.w" : tensor<27x4x4xf32>
  %b = sconv.weight "real_spss_c4.b" : tensor<4xf32>
  %y = sconv.spss_conv %x, %w bias %b {kernel = array<i64: 3, 3, 3>, dilation = array<i64: 1, 1, 1>, ratio = 0.5 : f64} : (!sconv.voxels<4 x f32, shape [?, ?, ?], stride [1, 1, 1]>, tensor<27x4x4xf32>, tensor<4xf32>) -> !sconv.voxels<4 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %y : !sconv.voxels<4 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @sprs_r05_c8x16(%x: !sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<16 x f32, shape [?, ?, ?], stride [2, 2, 2]> {
  %w = sconv.weight "sprs_r05_c8x16.w" : tensor<27x8x16xf32>
  %b = sconv.weight "sprs_r05_c8x16.b" : tensor<16xf32>
  %y = sconv.sprs_conv %x, %w, %b {kernel = array<i64: 3, 3, 3>, stride = array<i64: 2, 2, 2>, padding = array<i64: 1, 1, 1>, dilation = array<i64: 1, 1, 1>, ratio = 0.5 : f64} : (!sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]>, tensor<27x8x16xf32>, tensor<16xf32>) -> !sconv.voxels<16 x f32, shape [?, ?, ?], stride [2, 2, 2]>
  return %y : !sconv.voxels<16 x f32, shape [?, ?, ?], stride [2, 2, 2]>
}

func.func @sprs_r0_c8x16(%x: !sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<16 x f32, shape [?, ?, ?], stride [2, 2, 2]> {
  %w = sconv.weight "sprs_r0_c8x16.w" : tensor<27x8x16xf32>
  %b = sconv.weight "sprs_r0_c8x16.b" : tensor<16xf32>
  %y = sconv.sprs_conv %x, %w, %b {kernel = array<i64: 3, 3, 3>, stride = array<i64: 2, 2, 2>, padding = array<i64: 1, 1, 1>, dilation = array<i64: 1, 1, 1>, ratio = 0.0 : f64} : (!sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]>, tensor<27x8x16xf32>, tensor<16xf32>) -> !sconv.voxels<16 x f32, shape [?, ?, ?], stride [2, 2, 2]>
  return %y : !sconv.voxels<16 x f32, shape [?, ?, ?], stride [2, 2, 2]>
}

func.func @real_sprs_c4x8(%x: !sconv.voxels<4 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<8 x f32, shape [?, ?, ?], stride [2, 2, 2]> {
  %w = sconv.weight "real_sprs_c4x8.w" : tensor<27x4x8xf32>
  %b = sconv.weight "real_sprs_c4x8.b" : tensor<8xf32>
  %y = sconv.sprs_conv %x, %w, %b {kernel = array<i64: 3, 3, 3>, stride = array<i64: 2, 2, 2>, padding = array<i64: 1, 1, 1>, dilation = array<i64: 1, 1, 1>, ratio = 0.5 : f64} : (!sconv.voxels<4 x f32, shape [?, ?, ?], stride [1, 1, 1]>, tensor<27x4x8xf32>, tensor<8xf32>) -> !sconv.voxels<8 x f32, shape [?, ?, ?], stride [2, 2, 2]>
  return %y : !sconv.voxels<8 x f32, shape [?, ?, ?], stride [2, 2, 2]>
}

func.func @spss_bn_c8(%x: !sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "spss_bn_c8.w" : tensor<27x8x8xf32>
  %b = sconv.weight "spss_bn_c8.b" : tensor<8xf32>
  %y = sconv.spss_conv %x, %w bias %b {kernel = array<i64: 3, 3, 3>, dilation = array<i64: 1, 1, 1>, ratio = 0.5 : f64} : (!sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]>, tensor<27x8x8xf32>, tensor<8xf32>) -> !sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  %n_gamma = sconv.weight "spss_bn_c8.n_gamma" : tensor<8xf32>
  %n_beta = sconv.weight "spss_bn_c8.n_beta" : tensor<8xf32>
  %n_mean = sconv.weight "spss_bn_c8.n_mean" : tensor<8xf32>
  %n_var = sconv.weight "spss_bn_c8.n_var" : tensor<8xf32>
  %n = sconv.batch_norm %y, %n_gamma, %n_beta, %n_mean, %n_var : (!sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) -> !sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %n : !sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @res_block_c16(%x: !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w1 = sconv.weight "res_block_c16.w1" : tensor<27x16x16xf32>
  %b1 = sconv.weight "res_block_c16.b1" : tensor<16xf32>
  %c1 = sconv.subm_conv %x, %w1, %b1 {kernel = array<i64: 3, 3, 3>, dilation = array<i64: 1, 1, 1>} : (!sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>, tensor<27x16x16xf32>, tensor<16xf32>) -> !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  %n1_gamma = sconv.weight "res_block_c16.n1_gamma" : tensor<16xf32>
  %n1_beta = sconv.weight "res_block_c16.n1_beta" : tensor<16xf32>
  %n1_mean = sconv.weight "res_block_c16.n1_mean" : tensor<16xf32>
  %n1_var = sconv.weight "res_block_c16.n1_var" : tensor<16xf32>
  %n1 = sconv.batch_norm %c1, %n1_gamma, %n1_beta, %n1_mean, %n1_var : (!sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  %r1 = sconv.relu %n1 : !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  %w2 = sconv.weight "res_block_c16.w2" : tensor<27x16x16xf32>
  %b2 = sconv.weight "res_block_c16.b2" : tensor<16xf32>
  %c2 = sconv.subm_conv %r1, %w2, %b2 {kernel = array<i64: 3, 3, 3>, dilation = array<i64: 1, 1, 1>} : (!sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>, tensor<27x16x16xf32>, tensor<16xf32>) -> !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  %n2_gamma = sconv.weight "res_block_c16.n2_gamma" : tensor<16xf32>
  %n2_beta = sconv.weight "res_block_c16.n2_beta" : tensor<16xf32>
  %n2_mean = sconv.weight "res_block_c16.n2_mean" : tensor<16xf32>
  %n2_var = sconv.weight "res_block_c16.n2_var" : tensor<16xf32>
  %n2 = sconv.batch_norm %c2, %n2_gamma, %n2_beta, %n2_mean, %n2_var : (!sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  %s = sconv.add %n2, %x : !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  %r2 = sconv.relu %s : !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %r2 : !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

func.func @concat_linear_c8(%x: !sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]> {
  %w = sconv.weight "concat_linear_c8.w" : tensor<27x8x8xf32>
  %y = sconv.subm_conv %x, %w {kernel = array<i64: 3, 3, 3>, dilation = array<i64: 1, 1, 1>} : (!sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]>, tensor<27x8x8xf32>) -> !sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  %c = sconv.concat %y, %x : (!sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]>, !sconv.voxels<8 x f32, shape [?, ?, ?], stride [1, 1, 1]>) -> !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  %wl = sconv.weight "concat_linear_c8.wl" : tensor<16x5xf32>
  %bl = sconv.weight "concat_linear_c8.bl" : tensor<5xf32>
  %l = sconv.linear %c, %wl, %bl : (!sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>, tensor<16x5xf32>, tensor<5xf32>) -> !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>
  return %l : !sconv.voxels<5 x f32, shape [?, ?, ?], stride [1, 1, 1]>
}

// to_dense of a conv's result: with a GPU backend the features are on the device, where the map
// is scattered (GpuBackend::toDense).
func.func @conv_bev_c3(%x: !sconv.voxels<3 x f32, shape [4, 12, 10], stride [1, 1, 1]>) -> tensor<?x20x12x10xf32> {
  %w = sconv.weight "conv_bev_c3.w" : tensor<27x3x5xf32>
  %b = sconv.weight "conv_bev_c3.b" : tensor<5xf32>
  %y = sconv.subm_conv %x, %w, %b {kernel = array<i64: 3, 3, 3>, dilation = array<i64: 1, 1, 1>} : (!sconv.voxels<3 x f32, shape [4, 12, 10], stride [1, 1, 1]>, tensor<27x3x5xf32>, tensor<5xf32>) -> !sconv.voxels<5 x f32, shape [4, 12, 10], stride [1, 1, 1]>
  %d = sconv.to_dense %y : (!sconv.voxels<5 x f32, shape [4, 12, 10], stride [1, 1, 1]>) -> tensor<?x20x12x10xf32>
  return %d : tensor<?x20x12x10xf32>
}

func.func @bev_c3(%x: !sconv.voxels<3 x f32, shape [4, 12, 10], stride [1, 1, 1]>) -> tensor<?x12x12x10xf32> {
  %d = sconv.to_dense %x : (!sconv.voxels<3 x f32, shape [4, 12, 10], stride [1, 1, 1]>) -> tensor<?x12x12x10xf32>
  return %d : tensor<?x12x12x10xf32>
}
