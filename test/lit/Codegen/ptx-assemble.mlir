// The emitted PTX must be accepted by NVIDIA's assembler for every supported SM.
// REQUIRES: ptxas
// RUN: sconvc %inputs/stem.mlir --target sm_80 --emit=ptx -o %t.sm80.ptx
// RUN: %ptxas -arch=sm_80 %t.sm80.ptx -o %t.sm80.cubin
// RUN: sconvc %inputs/stem.mlir --target sm_90 --emit=ptx -o %t.sm90.ptx
// RUN: %ptxas -arch=sm_90 %t.sm90.ptx -o %t.sm90.cubin
// RUN: sconvc %inputs/stem.mlir --target sm_90a --emit=ptx -o %t.sm90a.ptx
// RUN: %ptxas -arch=sm_90a %t.sm90a.ptx -o %t.sm90a.cubin
// RUN: sconvc %S/../../unit/models/convs.mlir --target sm_90 --emit=ptx -o %t.all.ptx
// RUN: %ptxas -arch=sm_90 %t.all.ptx -o %t.all.cubin
// RUN: test -s %t.sm90.cubin
// Every kernel variant the examples and operator models produce (bias, residual, ReLU, the 1x1
// GEMM of SW-LK and linear layers, strided/inverse maps) assembles for each SM.
// RUN: sconvc %S/../../unit/models/ops.mlir --target sm_90a --emit=ptx -o %t.ops.ptx
// RUN: %ptxas -arch=sm_90a %t.ops.ptx -o %t.ops.cubin
// The fetch-on-demand kernels (an order operand, accumulating into the output rows).
// RUN: sconvc %S/../../unit/models/gpu-fetch.mlir --target sm_90a --emit=ptx -o %t.fetch.ptx
// RUN: %ptxas -arch=sm_90a %t.fetch.ptx -o %t.fetch.cubin
// RUN: grep -c "_fetch(" %t.fetch.ptx | FileCheck %s --check-prefix=FETCH
// FETCH: {{[1-9][0-9]*}}
// The mask-sorted (an order operand) and mask-split kernels (order, offset range, accumulating),
// for sm_80 and sm_90a.
// RUN: sconvc %S/../../unit/models/gpu-sorted.mlir --target sm_80 --emit=ptx -o %t.sorted80.ptx
// RUN: %ptxas -arch=sm_80 %t.sorted80.ptx -o %t.sorted80.cubin
// RUN: sconvc %S/../../unit/models/gpu-sorted.mlir --target sm_90a --emit=ptx -o %t.sorted.ptx
// RUN: %ptxas -arch=sm_90a %t.sorted.ptx -o %t.sorted.cubin
// RUN: grep -c "_sorted(" %t.sorted.ptx | FileCheck %s --check-prefix=SORTED
// RUN: grep -c "_split(" %t.sorted.ptx | FileCheck %s --check-prefix=SORTED
// SORTED: {{[1-9][0-9]*}}
// RUN: sconvc %S/../../../examples/centerpoint_kitti.mlir --target sm_80 --emit=ptx -o %t.cp80.ptx
// RUN: %ptxas -arch=sm_80 %t.cp80.ptx -o %t.cp80.cubin
// RUN: sconvc %S/../../../examples/lk3d_minkunet34c_scannet.mlir --target sm_90 --emit=ptx -o %t.mu90.ptx
// RUN: %ptxas -arch=sm_90 %t.mu90.ptx -o %t.mu90.cubin
// RUN: grep -c "_res_relu_t" %t.cp80.ptx | FileCheck %s --check-prefix=FUSED
// FUSED: {{[1-9][0-9]*}}
