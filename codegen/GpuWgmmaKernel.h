// The Hopper form of the tensor-core implicit-GEMM kernel (gpu_instruction = "wgmma", sm_90a
// only): the ABI, grid, rounding and one-writer-per-output rule of the mma.sync kernel
// (GpuMmaKernel.h), with the products computed by the warpgroup-wide asynchronous
// `wgmma.mma_async.m64nNk16` (f16 or bf16 operands, f32 accumulation).
//
// A block is one warpgroup (4 warps, 128 threads) and owns 64 * M consecutive output rows (M =
// rows per warp / 16 m-tiles of 64 rows; warp w holds rows 16w..16w+15 of each) and covers C_out
// in passes of N channels (N = C_out per warp: every warp holds all N columns of its rows). Per
// pass, for every (kernel offset, 16-channel chunk) step that some row of the block has a neighbour
// at (a block-wide vote: wgmma needs the whole warpgroup), each lane gathers its A fragments into
// registers exactly as the mma.sync kernel does, and the block stages the step's 16 x N slice of
// W[k], rounded, in shared memory, where the wgmma reads it through a matrix descriptor: the
// weights are loaded once per block and step instead of once per warp.
//
// Shared memory (no swizzle, "K-major" B: PTX ISA, "Shared Memory Matrix Layout"): two slots of
// 16 x N 16-bit values; in a slot, B(kk, n) lies at byte (n / 8) * 256 + (kk / 8) * 128 +
// (n % 8) * 16 + (kk % 8) * 2, i.e. 8 x 8 core matrices of 128 contiguous bytes, the two along K
// 128 bytes apart (the descriptor's leading-dimension offset) and successive ones along N 256 bytes
// apart (its stride-dimension offset).
//
// Pipeline (gpu_stages = P >= 2): the loop carries the A fragments and votes of the next P - 1
// steps, as the mma.sync kernel's register pipeline does; B is double-buffered one step ahead.
// Iteration t: fence.proxy.async + bar.sync (slot t % 2 written by every thread and visible to
// the tensor cores; every thread's wgmma of step t - 1, which read the other slot, complete);
// issue step t + P - 1's gathers and step t + 1's weight loads; wgmma of step t (fence, mma,
// commit, wait 0); then store step t + 1's weights into the other slot. The steps, the skip
// decisions and the accumulation order per output are those of the mma.sync kernel's k-loop (16
// products per step into one f32 accumulator), but a wgmma is not bound to sum in mma.sync's
// order inside a step, so the bits may differ from the mma.sync kernel's; both are checked
// against float64 on the rounded operands.
//
// The host twin: the block vote, the barrier, the rounding to 16 bits and the wgmma are calls into
// the test driver's emulator (test/unit/EmulatedWarpgroupOps.cpp), which decodes the descriptor
// and reads the twin's shared memory (a module global: the emulator runs one block at a time) by
// the PTX ISA's layout, written there independently of this builder. It computes a wgmma when
// the warpgroup meets at it, so it cannot show a missing wait or proxy fence; ptxas and the GPU
// suite are what check those.
#pragma once

#include "codegen/GpuGemmKernel.h"

namespace sconv {

/// Appends the wgmma kernel of `s` (s.tile.instruction == "wgmma") inside a gpu.module, with its
/// shared-memory global.
void createGpuWgmmaKernel(mlir::OpBuilder &b, mlir::Location loc, const GpuGemmSignature &s);
/// Appends its host twin (`name() + "_emu"`) and, once per module, the emulator hooks it calls.
void createGpuWgmmaTwin(mlir::OpBuilder &b, mlir::Location loc, const GpuGemmSignature &s);

} // namespace sconv
