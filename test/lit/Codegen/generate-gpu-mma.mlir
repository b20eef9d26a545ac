// Tensor-core kernels (gpu_precision f16 / bf16): sconv-set-gpu-precision marks the steps, codegen
// emits a gpu.func of warp-wide mma.sync m16n8k16 (and a host twin calling the emulator's warp
// ops), invalid warp tiles are named errors.
// RUN: sconv-opt %s --sconv-set-gpu-precision="precision=f16" --sconv-generate-kernels="targets=gpu" --split-input-file -verify-diagnostics | FileCheck %s
// RUN: sconv-opt %s --sconv-set-gpu-precision="precision=bf16" --sconv-generate-kernels="targets=gpu_emu" --split-input-file -verify-diagnostics | FileCheck %s --check-prefix=TWIN
// RUN: not sconv-opt %s --sconv-set-gpu-precision="precision=f8" --split-input-file 2>&1 | FileCheck %s --check-prefix=BADP
// RUN: not sconv-opt %s --sconv-set-gpu-precision="precision=f16 stages=5" --split-input-file 2>&1 | FileCheck %s --check-prefix=BADS
// RUN: not sconv-opt %s --sconv-set-gpu-precision="precision=f32 stages=2" --split-input-file 2>&1 | FileCheck %s --check-prefix=BADS32
// Unpipelined (stages=1): the pass marks the tensor-core steps with it; their kernel loads each
// step in its loop (one vote per offset).
// RUN: sconv-opt %s --sconv-set-gpu-precision="precision=f16 stages=1" --sconv-generate-kernels="targets=gpu" --split-input-file -verify-diagnostics | FileCheck %s --check-prefix=ONE

!c16 = !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
!c32 = !sconv.voxels<32 x f32, shape [?, ?, ?], stride [1, 1, 1]>

// The default warp tile for C_out = 32: one warp (32 threads) of 16 rows x 32 channels, 1 x 4 mma
// per 16 input channels, 3 pipeline stages: the kernel loads two steps ahead before its loop (two
// votes) and one step ahead per iteration (one vote), the mma of the carried step guarded by its
// carried flag.
// CHECK-LABEL: gpu.module @sconv_kernels
// CHECK: gpu.func @sconv_gpu_igemm_k27_c16x32_f32_bias_relu_t32x1x16_mma_f16_s3(
// CHECK-SAME: nvvm.reqntid = array<i32: 32, 1, 1>
// CHECK: scf.for
// CHECK-COUNT-2: nvvm.vote.sync any
// CHECK: scf.for {{.*}} iter_args
// CHECK: nvvm.vote.sync any
// CHECK-NOT: nvvm.vote.sync
// CHECK: scf.if
// CHECK-COUNT-4: nvvm.mma.sync {{.*}}layoutA = #nvvm.mma_layout<row>, layoutB = #nvvm.mma_layout<col>, shape = #nvvm.shape<m = 16, n = 8, k = 16>} : (vector<2xf16>, vector<2xf16>, f32) -> !llvm.struct<(f32, f32, f32, f32)>
// CHECK-NOT: nvvm.mma.sync
// CHECK: gpu.return
// The fetch-on-demand step has no tensor-core form: it stays f32.
// CHECK: gpu.func @sconv_gpu_igemm_k1_c16x32_f32_t32x8x2_fetch(
// CHECK-NOT: nvvm.mma.sync
// CHECK: gpu.return

// ONE: sconv.implicit_gemm {{.*}}gpu_kernel = @sconv_gpu_igemm_k27_c16x32_f32_bias_relu_t32x1x16_mma_f16, gpu_precision = "f16", gpu_stages = 1 : i64
// ONE: gpu.func @sconv_gpu_igemm_k27_c16x32_f32_bias_relu_t32x1x16_mma_f16(
// ONE: scf.for
// ONE: nvvm.vote.sync any
// ONE-NOT: nvvm.vote.sync
// ONE-COUNT-4: nvvm.mma.sync
// ONE-NOT: nvvm.mma.sync
// ONE: gpu.return
// ONE: gpu.func @sconv_gpu_igemm_k1_c16x32_f32_t32x8x2_fetch(

// TWIN: func.func private @sconv_emu_warp_any(i32) -> i32
// TWIN: func.func private @sconv_emu_mma_m16n8k16(i32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, memref<4xf32>)
// TWIN: func.func @sconv_gpu_igemm_k27_c16x32_f32_bias_relu_t32x1x16_mma_bf16_s3_emu(
// TWIN: memref.alloca() : memref<4xf32>
// TWIN: call @sconv_emu_warp_any
// TWIN: call @sconv_emu_mma_m16n8k16
func.func @mma(%x: !c16, %m: !sconv.kmap<27>, %w: tensor<27x16x32xf32>, %b: tensor<32xf32>) -> !c32 {
  %0 = sconv.implicit_gemm %x, %m, %w bias %b {activation = #sconv<activation relu>} : (!c16, !sconv.kmap<27>, tensor<27x16x32xf32>, tensor<32xf32>) -> !c32
  %1 = sconv.implicit_gemm %x, %m, %w {gpu_dataflow = "fetch_on_demand", gpu_tile = array<i64: 32, 8, 2>} : (!c16, !sconv.kmap<27>, tensor<27x16x32xf32>) -> !c32
  return %0 : !c32
}

// -----
!c16 = !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
func.func @bad_warp_tile(%x: !c16, %m: !sconv.kmap<27>, %w: tensor<27x16x16xf32>) -> !c16 {
  // expected-error@+1 {{invalid GPU tile configuration: rows per warp must be 16, 32 or 64, got 48}}
  %0 = sconv.implicit_gemm %x, %m, %w {gpu_tile = array<i64: 16, 4, 48>} : (!c16, !sconv.kmap<27>, tensor<27x16x16xf32>) -> !c16
  return %0 : !c16
}

// -----
!c16 = !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
func.func @too_many_accumulators(%x: !c16, %m: !sconv.kmap<27>, %w: tensor<27x16x16xf32>) -> !c16 {
  // expected-error@+1 {{invalid GPU tile configuration: a warp tile of 64 x 64 needs 128 accumulators per thread (at most 64)}}
  %0 = sconv.implicit_gemm %x, %m, %w {gpu_tile = array<i64: 64, 2, 64>} : (!c16, !sconv.kmap<27>, tensor<27x16x16xf32>) -> !c16
  return %0 : !c16
}

// BADP: unknown GPU precision 'f8' (expected f32, f16 or bf16)
// BADS: pipeline stages must be 1 to 4 (0: tuned), got 5
// BADS32: pipeline stages (2) pipeline the tensor-core kernels: they need precision f16 or bf16, not f32
