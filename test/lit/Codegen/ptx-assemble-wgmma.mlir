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
// CHECK: wgmma.mma_async.sync.aligned.m64n{{[0-9]+}}k16.f32.f16.f16
// CHECK: wgmma.commit_group.sync.aligned
// CHECK: wgmma.wait_group.sync.aligned 0

// REGS-NOT: {{[1-9][0-9]* bytes (stack frame|spill)}}
// REGS: Used {{[0-9]+}} registers
// REGS-NOT: {{[1-9][0-9]* bytes (stack frame|spill)}}

// CP: wgmma.mma_async.sync.aligned.m64n128k16.f32.bf16.bf16
