// RUN: not sconvc %s --target tpu -o %t 2>&1 | FileCheck %s --check-prefix=TARGET
// RUN: not sconvc %s --target cpu 2>&1 | FileCheck %s --check-prefix=STDOUT
// RUN: not sconvc %s --target cpu --emit=ptx -o %t 2>&1 | FileCheck %s --check-prefix=NOPTX
// RUN: not sconvc %t.missing.mlir -o %t 2>&1 | FileCheck %s --check-prefix=MISSING
// RUN: not sconvc %S/Inputs/not-a-weight.mlir -o %t 2>&1 | FileCheck %s --check-prefix=WEIGHT
// RUN: not sconvc %S/Inputs/malformed.mlir -o %t 2>&1 | FileCheck %s --check-prefix=PARSE
// RUN: not sconvc %s --target cpu --sw-lk-form=dense -o %t 2>&1 | FileCheck %s --check-prefix=FORM
// RUN: not sconvc %s --target cpu,sm_90 --gpu-stages=3 -o %t 2>&1 | FileCheck %s --check-prefix=STAGES-F32
// RUN: not sconvc %s --target cpu,sm_90 --gpu-precision=f16 --gpu-stages=9 -o %t 2>&1 | FileCheck %s --check-prefix=STAGES-RANGE
// RUN: not sconvc %s --target cpu,sm_90 --gpu-precision=f16 --gpu-instruction=wgmma -o %t 2>&1 | FileCheck %s --check-prefix=WGMMA-CHIP
// RUN: not sconvc %s --target sm_90a --gpu-instruction=wgmma -o %t 2>&1 | FileCheck %s --check-prefix=WGMMA-F32
// RUN: not sconvc %s --target sm_90a --gpu-precision=f16 --gpu-instruction=hmma -o %t 2>&1 | FileCheck %s --check-prefix=WGMMA-NAME
// A model that asks for wgmma itself (as a tuning database may) cannot be lowered for sm_90.
// RUN: echo '{"format": "sconv-tuning", "version": 1, "devices": [{"device": {"target": "sm_90", "name": "H100", "features": ""}, "entries": [{"signature": {"volume": 27, "cin": 4, "cout": 4, "kind": "submanifold", "precision": "f16"}, "gpu_tile": [16, 4, 16], "gpu_stages": 2, "gpu_instruction": "wgmma", "samples": 1}]}]}' > %t.wgmma.json
// RUN: not sconvc %s --target sm_90 --gpu-precision=f16 --tuning-db=%t.wgmma.json --emit=ptx -o %t 2>&1 | FileCheck %s --check-prefix=WGMMA-LOWER
// RUN: not sconvc %s --target sm_90a --gpu-precision=f16 --gpu-instruction=wgmma --gpu-stages=1 --emit=ptx -o %t 2>&1 | FileCheck %s --check-prefix=WGMMA-STAGES
// RUN: sconvc %s --target cpu,sm_90 -o %t.sconv && test -s %t.sconv

// TARGET: sconvc: error: unknown target 'tpu' (expected cpu, sm_80, sm_90, sm_90a, ...)
// STDOUT: sconvc: error: an artifact is binary: give an output file with -o
// NOPTX: sconvc: error: --emit=ptx needs a GPU target (e.g. --target sm_90)
// MISSING: sconvc: error: cannot open input file
// FORM: sconvc: error: unknown --sw-lk-form 'dense' (expected auto, partition or plain)
// STAGES-F32: sconvc: error: --gpu-stages=3 pipelines the tensor-core kernels: it needs --gpu-precision f16 or bf16
// STAGES-RANGE: sconvc: error: --gpu-stages must be 1 to 4 (0: from the tuning database), got 9
// WGMMA-CHIP: sconvc: error: --gpu-instruction=wgmma runs on sm_90a only (Hopper with its architecture-specific features); target sm_90 cannot run it
// WGMMA-F32: sconvc: error: --gpu-instruction=wgmma is a tensor-core instruction: it needs --gpu-precision f16 or bf16
// WGMMA-NAME: sconvc: error: unknown --gpu-instruction 'hmma' (expected mma_sync or wgmma)
// WGMMA-LOWER: sconvc: error: kernel sconv_gpu_igemm_k27_c4x4_f32_t16x4x16_wgmma_f16_s2 uses wgmma, which only sm_90a has; it cannot be built for sm_90
// WGMMA-STAGES: error: 'sconv.implicit_gemm' op invalid GPU tile configuration: wgmma pipeline stages must be 2 to 4 (B is staged one step ahead), got 1
// WEIGHT: not-a-weight.mlir:4:8: error: 'sconv.implicit_gemm' op parameters must be named 'sconv.weight's, f32 constants or computed from them
// PARSE: malformed.mlir:3:8: error: 'sconv.subm_conv' op requires attribute 'kernel'

!in = !sconv.voxels<4 x f32, shape [?, ?, ?], stride [1, 1, 1]>
func.func @m(%x: !in) -> !in {
  %w = sconv.weight "w" : tensor<27x4x4xf32>
  %y = sconv.subm_conv %x, %w {kernel = array<i64: 3, 3, 3>, dilation = array<i64: 1, 1, 1>} : (!in, tensor<27x4x4xf32>) -> !in
  return %y : !in
}
