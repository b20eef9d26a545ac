// REQUIRES: ptxas
// The wgmma kernels (sm_90a): every conv configuration of the GPU tests in f16 (2 stages) and
// CenterPoint's layers in bf16 (3 stages; N up to 128) assemble with ptxas for sm_90a, with no
// stack frame or spills; the PTX holds the block vote, the proxy fence, the warpgroup MMA with A
// in registers and its commit and wait.
// RUN: sconvc %S/../../unit/models/convs.mlir --target sm_90a --gpu-precision=f16 --gpu-instruction=wgmma --gpu-stages=2 --emit=ptx -o %t.convs.ptx
// RUN: %ptxas -arch=sm_90a -v %t.convs.ptx -o %t.convs.cubin 2>&1 | FileCheck %s --check-prefix=REGS
// RUN: FileCheck %s --input-file=%t.convs.ptx
// RUN: sconvc %S/../../../examples/centerpoint_kitti.mlir --target sm_90a --gpu-precision=bf16 --gpu-instruction=wgmma --gpu-stages=3 --emit=ptx -o %t.cp.ptx
// RUN: %ptxas -arch=sm_90a -v %t.cp.ptx -o %t.cp.cubin 2>&1 | FileCheck %s --check-prefix=REGS
// RUN: FileCheck %s --input-file=%t.cp.ptx --check-prefix=CP
// ptxas refuses the same PTX for plain sm_90 (wgmma needs the architecture-specific target).
// RUN: sed 's/^\.target sm_90a/.target sm_90/' %t.convs.ptx > %t.plain.ptx
// RUN: not %ptxas -arch=sm_90 %t.plain.ptx -o %t.plain.cubin

// CHECK: .target sm_90a
// CHECK: .shared .align 128 .b8 {{.*}}_wgmma_f16_s2_smem_b
// CHECK: bar.red.or.pred
// CHECK: fence.proxy.async.shared::cta
// CHECK: bar.sync
// CHECK: wgmma.fence.sync.aligned
// CHECK-NEXT: wgmma.mma_async.sync.aligned.m64n{{[0-9]+}}k16.f32.f16.f16
// CHECK-NEXT: wgmma.commit_group.sync.aligned
// CHECK-NEXT: wgmma.wait_group.sync.aligned 0
// Nothing may touch a register between the fence and the mma (the PTX ISA leaves it undefined):
// no fence anywhere is followed by anything but its mma. (A separate fence once let LLVM put a
// `mov.b32 %r, 0` for an A register of zeros there, in the small-C_in kernels.)
// RUN: grep -A1 'wgmma.fence.sync.aligned' %t.convs.ptx | not grep -v -e 'wgmma.fence' -e 'wgmma.mma_async' -e '^--$'
// RUN: grep -A1 'wgmma.fence.sync.aligned' %t.cp.ptx | not grep -v -e 'wgmma.fence' -e 'wgmma.mma_async' -e '^--$'

// Blocks of 128 rows (two 64-row m-tiles, here from a tuning database) issue both tiles' mmas
// after one fence and wait for them once, as one group.
// RUN: echo '{"format": "sconv-tuning", "version": 1, "devices": [{"device": {"target": "sm_90a", "name": "H100", "features": ""}, "entries": [{"signature": {"volume": 27, "cin": 16, "cout": 16, "kind": "submanifold", "precision": "f16"}, "gpu_tile": [16, 4, 32], "gpu_stages": 2, "gpu_instruction": "wgmma", "samples": 1}, {"signature": {"volume": 27, "cin": 64, "cout": 64, "kind": "submanifold", "precision": "f16"}, "gpu_tile": [64, 4, 32], "gpu_stages": 3, "gpu_instruction": "wgmma", "samples": 1}]}]}' > %t.two.json
// RUN: sconvc %S/../../../examples/centerpoint_kitti.mlir --target sm_90a --gpu-precision=f16 --tuning-db %t.two.json --emit=ptx -o %t.two.ptx
// RUN: %ptxas -arch=sm_90a -v %t.two.ptx -o %t.two.cubin 2>&1 | FileCheck %s --check-prefix=REGS
// RUN: FileCheck %s --input-file=%t.two.ptx --check-prefix=TWO
// RUN: grep -A1 'wgmma.fence.sync.aligned' %t.two.ptx | not grep -v -e 'wgmma.fence' -e 'wgmma.mma_async' -e '^--$'

// TWO: .entry sconv_gpu_igemm_k27_c16x16_f32_bias_relu_t16x4x32_wgmma_f16_s2(
// TWO: wgmma.fence.sync.aligned
// TWO-NEXT: wgmma.mma_async.sync.aligned.m64n16k16.f32.f16.f16
// TWO-NEXT: wgmma.mma_async.sync.aligned.m64n16k16.f32.f16.f16
// TWO-NEXT: wgmma.commit_group.sync.aligned
// TWO-NEXT: wgmma.wait_group.sync.aligned 0
// TWO: .entry sconv_gpu_igemm_k27_c64x64_f32_bias_relu_t64x4x32_wgmma_f16_s3(
// TWO: wgmma.fence.sync.aligned
// TWO-NEXT: wgmma.mma_async.sync.aligned.m64n64k16.f32.f16.f16
// TWO-NEXT: wgmma.mma_async.sync.aligned.m64n64k16.f32.f16.f16
// TWO-NEXT: wgmma.commit_group.sync.aligned

// REGS-NOT: {{[1-9][0-9]* bytes (stack frame|spill)}}
// REGS: Used {{[0-9]+}} registers
// REGS-NOT: {{[1-9][0-9]* bytes (stack frame|spill)}}

// CP: wgmma.mma_async.sync.aligned.m64n128k16.f32.bf16.bf16
