// RUN: sconvc %inputs/stem.mlir --target sm_90 --emit=ptx -o - | FileCheck %s --check-prefix=SM90
// RUN: sconvc %inputs/stem.mlir --target sm_80 --emit=ptx -o - | FileCheck %s --check-prefix=SM80
// RUN: sconvc %inputs/stem.mlir --target sm_90a --emit=ptx -o - | FileCheck %s --check-prefix=SM90A
// RUN: sconv-opt %inputs/stem.mlir --pass-pipeline='builtin.module(func.func(sconv-lower-to-kernel-maps),cse,sconv-generate-kernels{targets=gpu},builtin.module(sconv-lower-kernels-to-nvvm{chip=sm_90}))' | FileCheck %s --check-prefix=MLIR

// The entry names are the gpu.func names (the runtime launches them from the plan), with exactly
// the block size codegen chose.
// SM90: .version 8.0
// SM90-NOT: .version
// SM90: .target sm_90
// SM90: .visible .entry sconv_gpu_igemm_k27_c4x16_f32_bias_t16x8x1(
// SM90: .reqntid 128, 1, 1
// SM90: fma.rn.f32
// SM90: .visible .entry sconv_gpu_igemm_k27_c16x16_f32_t16x8x1(
// SM90: .visible .entry sconv_gpu_igemm_k27_c16x32_f32_t32x4x1(
// SM80: .target sm_80
// SM80: .entry sconv_gpu_igemm_k27_c4x16_f32_bias_t16x8x1(
// SM90A: .target sm_90a

// One binary for all kernels of the model, and no host code.
// MLIR-NOT: gpu.launch_func
// MLIR: gpu.binary @sconv_kernels [#gpu.object<#nvvm.target<O = 3, chip = "sm_90", features = "+ptx80">
// MLIR-SAME: .visible .entry sconv_gpu_igemm_k27_c4x16_f32_bias_t16x8x1(
// MLIR-SAME: .visible .entry sconv_gpu_igemm_k27_c16x32_f32_t32x4x1(
// MLIR-NOT: gpu.binary
