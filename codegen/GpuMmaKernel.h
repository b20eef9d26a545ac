// The tensor-core form of the GPU implicit-GEMM kernel (gpu_precision = "f16" / "bf16"): the same
// ABI, grid and one-writer-per-output rule as the SIMT kernel (GpuGemmKernel.h), with the products
// computed by warp-wide `mma.sync.m16n8k16` (f16 or bf16 operands, f32 accumulation).
//
// A block holds `warps` warps stacked along the output rows; warp w of block b owns rows
// b * rowsPerBlock + w * rowsPerWarp + [0, rowsPerWarp) and covers C_out in passes of coutPerWarp
// channels. Per pass: for every kernel offset that some row of the warp has a neighbour at (a warp
// vote, so the whole warp skips together, as mma.sync requires), and per 16 input channels, each lane
// loads its fragment of the gathered input rows (rounded to the precision; zero for a missing
// neighbour, a row past the end or a channel past C_in) and of W[k] (zero past C_in / C_out), and
// the warp issues one mma per (16-row, 8-channel) tile. The epilogue (bias, residual, ReLU) is f32
// on the accumulators, and each output element is stored by the one lane that holds it.
//
// The (offset, 16-channel chunk) steps run as one flat loop; with `stages` P > 1 it is a software
// pipeline in registers: the loop carries the votes and fragments of the next P - 1 steps, and an
// iteration issues the loads of step t + P - 1 before the mma of step t (same steps, same order,
// same bits as P = 1).
//
// Fragment layouts: codegen/MmaFragments.h (shared with the wgmma kernel), plus B (16 x 8,
// "col"): b[e], e < 4: row 2q + e % 2 + 8 * (e / 2), column g, lane = 4g + q.
//
// The host twin cannot run a warp-wide instruction one thread at a time: there the vote and the
// mma are calls into the test driver's emulator (`sconv_emu_warp_any`, `sconv_emu_mma_m16n8k16`,
// test/unit/EmulatedWarpOps.cpp), which runs the block's threads as coroutines, gathers the 32
// lanes' registers, and applies the layouts above. Every load, guard and index of the kernel is
// the twin's own code.
#pragma once

#include "codegen/GpuGemmKernel.h"

namespace sconv {

/// Appends the tensor-core kernel of `s` (s.tile.tensorCores()) inside a gpu.module.
void createGpuMmaKernel(mlir::OpBuilder &b, mlir::Location loc, const GpuGemmSignature &s);
/// Appends its host twin (`name() + "_emu"`) and, once per module, the emulator hooks it calls.
void createGpuMmaTwin(mlir::OpBuilder &b, mlir::Location loc, const GpuGemmSignature &s);

} // namespace sconv
