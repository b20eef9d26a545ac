// RUN: sconvc %inputs/stem.mlir --target sm_90 --emit=ptx -o - | FileCheck %s --check-prefix=SM90
// RUN: sconvc %inputs/stem.mlir --target sm_80 --emit=ptx -o - | FileCheck %s --check-prefix=SM80
// RUN: sconvc %inputs/stem.mlir --target sm_90a --emit=ptx -o - | FileCheck %s --check-prefix=SM90A
// RUN: sconv-opt %inputs/stem.mlir --pass-pipeline='builtin.module(func.func(sconv-lower-to-kernel-maps),cse,sconv-generate-kernels{targets=gpu},builtin.module(sconv-lower-kernels-to-nvvm{chip=sm_90 tile-rows=2 tile-channels=64}))' | FileCheck %s --check-prefix=MLIR

// SM90: .version 8.0
// SM90-NOT: .version
// SM90: .target sm_90
// SM90: .visible .entry sconv_igemm_k27_c4x16_f32_bias_r1l16_kernel(
// SM90: fma.rn.f32
// SM90: .visible .entry sconv_igemm_k27_c16x16_f32_r1l16_kernel(
// SM90: .visible .entry sconv_igemm_k27_c16x32_f32_r1l32_kernel(
// SM80: .target sm_80
// SM80: .entry sconv_igemm_k27_c4x16_f32_bias_r1l16_kernel(
// SM90A: .target sm_90a

// One binary for all kernels of the model; the host launch code is gone.
// MLIR-NOT: gpu.launch_func
// MLIR: gpu.binary @sconv_kernels [#gpu.object<#nvvm.target<O = 3, chip = "sm_90", features = "+ptx80">
// MLIR-SAME: .visible .entry sconv_igemm_k27_c4x16_f32_bias_r1l16_kernel(
// MLIR-SAME: .visible .entry sconv_igemm_k27_c16x32_f32_r1l32_kernel(
// MLIR-NOT: gpu.binary
