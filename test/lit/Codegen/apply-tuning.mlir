// sconv-apply-tuning with GPU measurements (CPU ones are keyed by the host's CPU, so sconv-tune's
// own lit test covers them): each step gets the tile, dataflow, splits and pipeline stages measured
// for its class (kernel volume, C_in, C_out, map kind) on the first GPU target the database has,
// at the step's GPU precision; a step that already has a tile keeps it.
// RUN: echo '{"format": "sconv-tuning", "version": 1, "devices": [{"device": {"target": "sm_90", "name": "H100", "features": "driver=13000"}, "entries": [{"signature": {"volume": 27, "cin": 16, "cout": 32, "kind": "submanifold", "precision": "f16"}, "gpu_tile": [32, 2, 32], "gpu_stages": 3, "samples": 1}, {"signature": {"volume": 27, "cin": 16, "cout": 16, "kind": "submanifold", "precision": "f32"}, "gpu_tile": [16, 8, 2], "gpu_dataflow": "implicit_gemm_split", "gpu_splits": 3, "samples": 1}]}]}' > %t.db.json
// RUN: sconv-opt %s --sconv-apply-tuning='db=%t.db.json gpu-chips=sm_90 cpu=false' 2>&1 | FileCheck %s
// CHECK-NOT: warning
// CHECK-LABEL: func.func @steps
// CHECK: sconv.implicit_gemm {{.*}}{gpu_precision = "f16", gpu_stages = 3 : i64, gpu_tile = array<i64: 32, 2, 32>}
// CHECK: sconv.implicit_gemm {{.*}}{gpu_dataflow = "implicit_gemm_split", gpu_splits = 3 : i64, gpu_tile = array<i64: 16, 8, 2>}
// CHECK: sconv.implicit_gemm {{.*}}{gpu_tile = array<i64: 8, 32, 1>}
//
// Compiling CPU code too: a database without this CPU's measurements is a warning (default CPU
// tiles); one without the GPU targets' likewise.
// RUN: sconv-opt %s --sconv-apply-tuning='db=%t.db.json gpu-chips=sm_90' 2>&1 | FileCheck %s --check-prefix=NOCPU
// NOCPU: warning: tuning database '{{.*}}' has no measurements for this CPU
// RUN: sconv-opt %s --sconv-apply-tuning='db=%t.db.json gpu-chips=sm_80 cpu=false' 2>&1 | FileCheck %s --check-prefix=NOGPU
// NOGPU: warning: tuning database '{{.*}}' has no measurements for the GPU targets (sm_80); using the default GPU tiles
// NOGPU-NOT: gpu_stages
//
// A tensor-core tile measured with wgmma on sm_90a carries its instruction.
// RUN: echo '{"format": "sconv-tuning", "version": 1, "devices": [{"device": {"target": "sm_90a", "name": "H100", "features": ""}, "entries": [{"signature": {"volume": 27, "cin": 16, "cout": 32, "kind": "submanifold", "precision": "f16"}, "gpu_tile": [32, 4, 32], "gpu_stages": 2, "gpu_instruction": "wgmma", "samples": 1}]}]}' > %t.wgmma.json
// RUN: sconv-opt %s --sconv-apply-tuning='db=%t.wgmma.json gpu-chips=sm_90a cpu=false' 2>&1 | FileCheck %s --check-prefix=WGMMA
// WGMMA: sconv.implicit_gemm {{.*}}{gpu_instruction = "wgmma", gpu_precision = "f16", gpu_stages = 2 : i64, gpu_tile = array<i64: 32, 4, 32>}
// A step whose instruction is already chosen ignores a tile measured with the other one.
// RUN: sed 's/{gpu_precision = "f16"}/{gpu_precision = "f16", gpu_instruction = "mma_sync"}/' %s | sconv-opt --sconv-apply-tuning='db=%t.wgmma.json gpu-chips=sm_90a cpu=false' 2>&1 | FileCheck %s --check-prefix=KEEP
// KEEP: sconv.implicit_gemm {{.*}}{gpu_instruction = "mma_sync", gpu_precision = "f16"}
// An entry whose wgmma tile is not one (a warpgroup is 4 warps) is an error.
// RUN: echo '{"format": "sconv-tuning", "version": 1, "devices": [{"device": {"target": "sm_90a", "name": "H100", "features": ""}, "entries": [{"signature": {"volume": 27, "cin": 16, "cout": 32, "kind": "submanifold", "precision": "f16"}, "gpu_tile": [32, 2, 32], "gpu_stages": 2, "gpu_instruction": "wgmma", "samples": 1}]}]}' > %t.wg2.json
// RUN: not sconv-opt %s --sconv-apply-tuning='db=%t.wg2.json gpu-chips=sm_90a cpu=false' 2>&1 | FileCheck %s --check-prefix=WGMMA-BAD
// WGMMA-BAD: a wgmma block is one warpgroup (4 warps), got 2
//
// Bad databases are errors: corrupted, or an entry whose pipeline stages break the register budget.
// RUN: echo '{"format": "sconv-tuning", ' > %t.bad.json
// RUN: not sconv-opt %s --sconv-apply-tuning='db=%t.bad.json cpu=false' 2>&1 | FileCheck %s --check-prefix=CORRUPT
// CORRUPT: is corrupted (not valid JSON
// RUN: echo '{"format": "sconv-tuning", "version": 1, "devices": [{"device": {"target": "sm_90", "name": "H100", "features": ""}, "entries": [{"signature": {"volume": 27, "cin": 16, "cout": 32, "kind": "submanifold", "precision": "f16"}, "gpu_tile": [32, 4, 64], "gpu_stages": 3, "samples": 1}]}]}' > %t.regs.json
// RUN: not sconv-opt %s --sconv-apply-tuning='db=%t.regs.json gpu-chips=sm_90 cpu=false' 2>&1 | FileCheck %s --check-prefix=REGS
// REGS: has an invalid configuration for k27 16x32 submanifold f16 {{.*}}: 3 pipeline stages of a 64 x 32 warp tile hold 160 floats per thread

!c16 = !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
!c32 = !sconv.voxels<32 x f32, shape [?, ?, ?], stride [1, 1, 1]>
func.func @steps(%x: !c16, %w: tensor<27x16x32xf32>, %w2: tensor<27x16x16xf32>) -> (!c32, !c16, !c16) {
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !c16 -> !sconv.kmap<27>
  %a = sconv.implicit_gemm %x, %m, %w {gpu_precision = "f16"} : (!c16, !sconv.kmap<27>, tensor<27x16x32xf32>) -> !c32
  %b = sconv.implicit_gemm %x, %m, %w2 : (!c16, !sconv.kmap<27>, tensor<27x16x16xf32>) -> !c16
  %c = sconv.implicit_gemm %x, %m, %w2 {gpu_tile = array<i64: 8, 32, 1>} : (!c16, !sconv.kmap<27>, tensor<27x16x16xf32>) -> !c16
  return %a, %b, %c : !c32, !c16, !c16
}
