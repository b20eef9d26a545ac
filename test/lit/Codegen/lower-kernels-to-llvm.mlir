// RUN: sconv-opt %inputs/stem.mlir --pass-pipeline='builtin.module(func.func(sconv-lower-to-kernel-maps),cse,sconv-generate-kernels{targets=cpu},builtin.module(sconv-lower-kernels-to-llvm))' | FileCheck %s
// RUN: sconvc %inputs/stem.mlir --emit=llvm -o - | FileCheck %s --check-prefix=IR

// The CPU kernel module is fully in the LLVM dialect, with the C interface the runtime calls.
// CHECK: module @sconv_cpu_kernels
// CHECK: llvm.func @sconv_igemm_k27_c4x16_f32_bias_r1l16(
// CHECK: llvm.intr.fmuladd
// CHECK: llvm.func @_mlir_ciface_sconv_igemm_k27_c4x16_f32_bias_r1l16(
// CHECK: llvm.func @_mlir_ciface_sconv_igemm_k27_c16x16_f32_r1l16(
// CHECK: llvm.func @_mlir_ciface_sconv_igemm_k27_c16x32_f32_r1l32(
// CHECK-NOT: scf.
// CHECK-NOT: memref.

// The optimised LLVM IR keeps vector FMAs over C_out.
// IR: define void @_mlir_ciface_sconv_igemm_k27_c4x16_f32_bias_r1l16(
// IR: @llvm.fmuladd.v{{[0-9]+}}f32
