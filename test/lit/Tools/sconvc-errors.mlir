// RUN: not sconvc %s --target tpu -o %t 2>&1 | FileCheck %s --check-prefix=TARGET
// RUN: not sconvc %s --target cpu 2>&1 | FileCheck %s --check-prefix=STDOUT
// RUN: not sconvc %s --target cpu --emit=ptx -o %t 2>&1 | FileCheck %s --check-prefix=NOPTX
// RUN: not sconvc %t.missing.mlir -o %t 2>&1 | FileCheck %s --check-prefix=MISSING
// RUN: not sconvc %S/Inputs/not-a-weight.mlir -o %t 2>&1 | FileCheck %s --check-prefix=WEIGHT
// RUN: not sconvc %S/Inputs/malformed.mlir -o %t 2>&1 | FileCheck %s --check-prefix=PARSE
// RUN: not sconvc %s --target cpu --sw-lk-form=dense -o %t 2>&1 | FileCheck %s --check-prefix=FORM
// RUN: not sconvc %s --target cpu,sm_90 --gpu-stages=3 -o %t 2>&1 | FileCheck %s --check-prefix=STAGES-F32
// RUN: not sconvc %s --target cpu,sm_90 --gpu-precision=f16 --gpu-stages=9 -o %t 2>&1 | FileCheck %s --check-prefix=STAGES-RANGE
// RUN: sconvc %s --target cpu,sm_90 -o %t.sconv && test -s %t.sconv

// TARGET: sconvc: error: unknown target 'tpu' (expected cpu, sm_80, sm_90, sm_90a, ...)
// STDOUT: sconvc: error: an artifact is binary: give an output file with -o
// NOPTX: sconvc: error: --emit=ptx needs a GPU target (e.g. --target sm_90)
// MISSING: sconvc: error: cannot open input file
// FORM: sconvc: error: unknown --sw-lk-form 'dense' (expected auto, partition or plain)
// STAGES-F32: sconvc: error: --gpu-stages=3 pipelines the tensor-core kernels: it needs --gpu-precision f16 or bf16
// STAGES-RANGE: sconvc: error: --gpu-stages must be 1 to 4 (0: from the tuning database), got 9
// WEIGHT: not-a-weight.mlir:4:8: error: 'sconv.implicit_gemm' op parameters must be named 'sconv.weight's, f32 constants or computed from them
// PARSE: malformed.mlir:3:8: error: 'sconv.subm_conv' op requires attribute 'kernel'

!in = !sconv.voxels<4 x f32, shape [?, ?, ?], stride [1, 1, 1]>
func.func @m(%x: !in) -> !in {
  %w = sconv.weight "w" : tensor<27x4x4xf32>
  %y = sconv.subm_conv %x, %w {kernel = array<i64: 3, 3, 3>, dilation = array<i64: 1, 1, 1>} : (!in, tensor<27x4x4xf32>) -> !in
  return %y : !in
}
