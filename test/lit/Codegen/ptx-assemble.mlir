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
