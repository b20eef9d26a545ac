// wgmma kernels (gpu_instruction = "wgmma", sm_90a): sconv-set-gpu-precision marks the steps, codegen
// emits a gpu.func of one warpgroup (128 threads) whose weights are staged in a shared-memory
// global, a block-wide vote per step, and warpgroup MMAs with A in registers (inline PTX: NVVM's
// op takes A from shared memory only); the twin calls the emulator's warpgroup hooks instead.
// RUN: sconv-opt %s --sconv-set-gpu-precision="precision=f16 instruction=wgmma" --sconv-generate-kernels="targets=gpu" | FileCheck %s
// RUN: sconv-opt %s --sconv-set-gpu-precision="precision=bf16 instruction=wgmma stages=3" --sconv-generate-kernels="targets=gpu_emu" | FileCheck %s --check-prefix=TWIN
// RUN: not sconv-opt %s --sconv-set-gpu-precision="precision=f16 instruction=hmma" 2>&1 | FileCheck %s --check-prefix=BADI
// RUN: not sconv-opt %s --sconv-set-gpu-precision="precision=f32 instruction=wgmma" 2>&1 | FileCheck %s --check-prefix=BADF32

!c16 = !sconv.voxels<16 x f32, shape [?, ?, ?], stride [1, 1, 1]>
!c32 = !sconv.voxels<32 x f32, shape [?, ?, ?], stride [1, 1, 1]>

// The default wgmma tile for C_out = 32: N = 32, one 64-row m-tile, 2 stages; B's two slots of
// 16 x 32 16-bit values (1024 elements) in shared memory.
// CHECK-LABEL: gpu.module @sconv_kernels
// CHECK: memref.global "private" @sconv_gpu_igemm_k27_c16x32_f32_bias_relu_t32x4x16_wgmma_f16_s2_smem_b : memref<1024xi16, 3> {alignment = 128 : i64}
// CHECK: gpu.func @sconv_gpu_igemm_k27_c16x32_f32_bias_relu_t32x4x16_wgmma_f16_s2(
// CHECK-SAME: nvvm.reqntid = array<i32: 128, 1, 1>
// CHECK-SAME: sconv.requires_sm_90a
// CHECK: memref.get_global @sconv_gpu_igemm_k27_c16x32_f32_bias_relu_t32x4x16_wgmma_f16_s2_smem_b
// CHECK: scf.for
// CHECK: nvvm.barrier #nvvm.reduction<or>
// CHECK: scf.for {{.*}} iter_args
// CHECK: nvvm.fence.proxy {kind = #nvvm.proxy_kind<async.shared>, space = #nvvm.shared_space<cta>}
// CHECK-NEXT: nvvm.barrier
// CHECK: nvvm.barrier #nvvm.reduction<or>
// CHECK: scf.if
// CHECK: llvm.inline_asm has_side_effects "wgmma.fence.sync.aligned;\0A\09wgmma.mma_async.sync.aligned.m64n32k16.f32.f16.f16 {$0, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15}, {$32, $33, $34, $35}, $36, 1, 1, 1, 0;\0A\09wgmma.commit_group.sync.aligned;\0A\09wgmma.wait_group.sync.aligned 0;"
// CHECK-NOT: nvvm.wgmma
// CHECK: memref.store {{.*}} : memref<1024xi16, 3>
// CHECK: gpu.return

// TWIN: memref.global "private" @sconv_gpu_igemm_k27_c16x32_f32_bias_relu_t32x4x16_wgmma_bf16_s3_emu_smem_b : memref<1024xi16>
// TWIN: func.func @sconv_gpu_igemm_k27_c16x32_f32_bias_relu_t32x4x16_wgmma_bf16_s3_emu(
// TWIN: call @sconv_emu_block_any
// TWIN: call @sconv_emu_block_barrier
// TWIN: call @sconv_emu_wgmma_m64k16
// TWIN: call @sconv_emu_half_bits

// A block of 128 rows (gpu_tile [N, 4, 32]): its two 64-row m-tiles' mmas share B's descriptor
// and go into one group between one fence and one wait.
// RUN: sconv-opt %s --sconv-generate-kernels="targets=gpu" | FileCheck %s --check-prefix=TWO
// TWO: gpu.func @sconv_gpu_igemm_k27_c16x32_f32_t16x4x32_wgmma_f16_s2(
// TWO: llvm.inline_asm has_side_effects "wgmma.fence.sync.aligned;\0A\09wgmma.mma_async.sync.aligned.m64n16k16.f32.f16.f16 {$0, $1, $2, $3, $4, $5, $6, $7}, {$32, $33, $34, $35}, $40, 1, 1, 1, 0;\0A\09wgmma.mma_async.sync.aligned.m64n16k16.f32.f16.f16 {$8, $9, $10, $11, $12, $13, $14, $15}, {$36, $37, $38, $39}, $40, 1, 1, 1, 0;\0A\09wgmma.commit_group.sync.aligned;\0A\09wgmma.wait_group.sync.aligned 0;", "=f,=f,=f,=f,=f,=f,=f,=f,=f,=f,=f,=f,=f,=f,=f,=f,0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,r,r,r,r,r,r,r,r,l"

// BADI: unknown tensor-core instruction 'hmma' (expected mma_sync or wgmma)
// BADF32: the tensor-core instruction wgmma needs precision f16 or bf16, not f32

func.func @steps(%x: !c16, %w: tensor<27x16x32xf32>, %b: tensor<32xf32>) -> !c32 {
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !c16 -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w bias %b {activation = #sconv<activation relu>} : (!c16, !sconv.kmap<27>, tensor<27x16x32xf32>, tensor<32xf32>) -> !c32
  return %y : !c32
}

func.func @two_tiles(%x: !c16, %w: tensor<27x16x32xf32>) -> !c32 {
  %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>} : !c16 -> !sconv.kmap<27>
  %y = sconv.implicit_gemm %x, %m, %w {gpu_instruction = "wgmma", gpu_precision = "f16", gpu_stages = 2 : i64, gpu_tile = array<i64: 16, 4, 32>} : (!c16, !sconv.kmap<27>, tensor<27x16x32xf32>) -> !c32
  return %y : !c32
}
