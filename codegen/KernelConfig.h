// How a compute step is tiled for the CPU: the knobs the tuner searches and codegen obeys.
// Codegen reads them from `tile_rows` / `tile_lanes` on `sconv.implicit_gemm`; when they are
// absent, `defaultConfig` is the documented heuristic.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace sconv {

struct KernelConfig {
  /// Output rows computed together: one weight-vector load serves all of them, so weight traffic
  /// drops by this factor (the decisive effect for wide layers, whose weights leave L1/L2).
  int64_t rows = 1;
  /// C_out lanes per accumulator vector (one LLVM vector; C_out is covered in chunks).
  int64_t lanes = 64;
  /// "implicit_gemm": output-stationary, every output row reads all its neighbours' weights.
  /// "gather_gemm_scatter": per kernel offset, gather the rows that have a neighbour there, one
  /// GEMM with that offset's weight slice (which stays in cache), scatter-add; offsets in order, so
  /// still deterministic. Codegen emits the GEMM as a 1-offset kernel with the same tile.
  /// "implicit_gemm_sorted": implicit GEMM over the rows in the order of their neighbour masks
  /// (runtime/MaskOrder.h), so the rows of a block mostly share their offsets and fewer of the
  /// block's FMAs multiply a selected zero. The same bits as implicit_gemm.
  /// "fetch_on_demand": per kernel offset, the rows with a neighbour there read their input rows in
  /// place and add the products (W[k] stays in cache) to their output rows: gather-GEMM-scatter
  /// without the gathered copy, the product buffer and the scatter pass.
  /// "implicit_gemm_split": mask splitting. The kernel offsets are cut into `splits` contiguous
  /// ranges; per range, in order, a mask-sorted implicit GEMM over only that range's offsets
  /// visits only the rows with a neighbour in it, sorted by their mask *within* the range (a
  /// shorter mask: rows group better than under the whole mask), and adds to the output rows.
  /// The output starts from the bias; residual and activation come last. Every output row still
  /// adds its terms in offset order: the same bits as implicit_gemm.
  std::string dataflow = "implicit_gemm";
  /// Most threads the step runs on (its rows split into at most this many tasks); 0: the whole
  /// pool. Small layers lose more to waking and joining workers than they gain from them.
  int64_t threads = 0;
  /// implicit_gemm_split: the number of offset ranges (2 to 8, at most the kernel volume); 0 for
  /// every other dataflow. A run-time knob like `threads`: one kernel serves every split count.
  int64_t splits = 0;

  bool operator==(const KernelConfig &o) const {
    return rows == o.rows && lanes == o.lanes && dataflow == o.dataflow && threads == o.threads &&
           splits == o.splits;
  }
  std::string str() const {
    return (dataflow == "gather_gemm_scatter"    ? "gather "
            : dataflow == "implicit_gemm_sorted" ? "sorted "
            : dataflow == "fetch_on_demand"      ? "fetch "
            : dataflow == "implicit_gemm_split"  ? "split" + std::to_string(splits) + " "
                                                 : "") +
           std::string("rows=") +
           std::to_string(rows) + " lanes=" + std::to_string(lanes) +
           (threads ? " thr=" + std::to_string(threads) : "");
  }
};

/// Empty when valid, else why not: rows in {1, 2, 4, 8}; lanes in {4, 8, 16, 32, 64}; threads 0
/// or a power of two up to 256; splits in [2, min(8, volume)] for implicit_gemm_split and 0
/// otherwise; and
/// rows x min(lanes, C_out) accumulator floats within 256 (32 AVX2 or 16 AVX-512 registers,
/// beyond which accumulators spill to the stack on every FMA).
std::string checkConfig(const KernelConfig &c, int64_t cout, int64_t volume);

/// Input channels per pass of a CPU 1-offset kernel (the SW-LK partition form's group GEMMs are
/// 27 x C_in wide: 6912 x 256 weights are 7 MB, re-read from L3 by every row block when one pass
/// visits them all). With more input channels the kernel makes one pass over its rows per block of
/// this many: 256 x 256 fp32 weights are 256 KB, within a core's L2. The sums are the same bits
/// (the accumulator goes through the fp32 output row between passes, exactly).
constexpr int64_t kCpuChannelBlock = 256;

/// The heuristic for signatures the tuning database lacks (measured, see KernelConfig.cpp): C_in x
/// C_out >= 4096 fetch-on-demand with 2 x 32 tiles; >= 2048 one row of 64 lanes; >= 1024
/// 2 rows of 32 lanes; narrower layers one row with all of C_out in one accumulator.
KernelConfig defaultConfig(int64_t cin, int64_t cout, int64_t volume);

/// Every valid configuration worth timing, the tuner's search space (mask splitting into 2 or 3
/// ranges for row-blocked tiles of kernels with at least 8 offsets).
std::vector<KernelConfig> candidateConfigs(int64_t cout, int64_t volume);

/// How a compute step is tiled for the GPU. Codegen reads it from `gpu_tile = array<i64: a, b, c>`,
/// `gpu_dataflow` and `gpu_precision`.
///
/// precision "f32" (SIMT, GpuGemmKernel.h): `[threadsCout, threadsRows, rowsPerThread]`, a block
/// of threadsCout x threadsRows threads (1-D, threads along C_out first, so weight reads and output
/// writes are coalesced and a warp shares its input rows); each thread computes rowsPerThread
/// output rows (one weight load serves all of them) for C_out channels tx, tx + threadsCout, ...
/// `dataflow`: "implicit_gemm" (one launch over all output rows and offsets), "fetch_on_demand"
/// (one launch per kernel offset over that offset's pairs only), "implicit_gemm_sorted" (one
/// launch over the rows in the order of their neighbour masks, sorted on the device, so the rows
/// a warp computes mostly take the same branches) or "implicit_gemm_split" (mask splitting: per
/// offset range, one launch over the rows sorted by their mask within the range, adding to the
/// output; `splits` ranges).
///
/// precision "f16" / "bf16" (tensor cores, GpuMmaKernel.h): the same three numbers read as
/// `[cout per warp, warps, rows per warp]`: a block of `warps` warps stacked along the rows; each
/// warp computes rows-per-warp x cout-per-warp outputs per pass over C_out as m16n8k16 tiles.
/// Named accessors below say which reading a caller means. Implicit GEMM only.
struct GpuTile {
  int64_t threadsCout = 32, threadsRows = 8, rowsPerThread = 1;
  std::string dataflow = "implicit_gemm";
  std::string precision = "f32";
  /// implicit_gemm_split: the number of offset ranges (as KernelConfig::splits); 0 otherwise.
  int64_t splits = 0;
  /// Pipeline stages of the tensor-core kernel (GpuMmaKernel.h): how many (offset, 16-channel
  /// chunk) steps of a warp's operands are loaded ahead of the mma that uses them, as a software
  /// pipeline in registers: 1 loads each step just before its mma; P > 1 keeps the global loads of
  /// the next P - 1 steps in flight during the mma. 1 for the SIMT kernel.
  int64_t stages = 1;
  /// The tensor-core instruction: "mma_sync" (warp-wide mma.sync.m16n8k16, sm_80 and newer) or
  /// "wgmma" (warpgroup-wide wgmma.mma_async.m64nNk16 with B staged in shared memory, sm_90a
  /// only; GpuWgmmaKernel.h). Empty for the f32 SIMT kernel.
  std::string instruction;

  bool tensorCores() const { return precision != "f32"; }
  bool wgmma() const { return instruction == "wgmma"; }
  int64_t coutPerWarp() const { return threadsCout; }  // tensor cores
  int64_t warps() const { return threadsRows; }        // tensor cores
  int64_t rowsPerWarp() const { return rowsPerThread; } // tensor cores
  int64_t threads() const { return tensorCores() ? 32 * warps() : threadsCout * threadsRows; }
  /// Both readings: threadsRows x rowsPerThread = warps x rowsPerWarp.
  int64_t rowsPerBlock() const { return threadsRows * rowsPerThread; }
  bool operator==(const GpuTile &o) const {
    return threadsCout == o.threadsCout && threadsRows == o.threadsRows &&
           rowsPerThread == o.rowsPerThread && dataflow == o.dataflow &&
           precision == o.precision && splits == o.splits && stages == o.stages &&
           wgmma() == o.wgmma();
  }
  /// "32x8x1", "32x8x1/fetch" for fetch-on-demand, "/sorted", "/split3", "32x4x32/f16" on
  /// tensor cores, "32x4x32/f16/s3" with 3 pipeline stages, "64x4x16/f16/wgmma/s2" on wgmma.
  std::string str() const {
    return std::to_string(threadsCout) + "x" + std::to_string(threadsRows) + "x" +
           std::to_string(rowsPerThread) +
           (dataflow == "fetch_on_demand"        ? "/fetch"
            : dataflow == "implicit_gemm_sorted" ? "/sorted"
            : dataflow == "implicit_gemm_split"  ? "/split" + std::to_string(splits)
                                                 : "") +
           (tensorCores() ? "/" + precision : "") + (wgmma() ? "/wgmma" : "") +
           (stages != 1 ? "/s" + std::to_string(stages) : "");
  }
};

/// Empty when valid, else why not. f32: threadsCout a power of two in [1, 128]; threadsRows a
/// power of two; 32 <= threads per block <= 1024 (at least one warp, at most what every SM >= 8.0
/// runs); rowsPerThread in {1, 2, 4, 8}; dataflow implicit_gemm, fetch_on_demand,
/// implicit_gemm_sorted or implicit_gemm_split (splits in [2, min(8, volume)]; 0 for the others).
/// Tensor cores: cout per warp in {8, 16, 32, 64}, warps in {1, 2, 4, 8}, rows per warp in
/// {16, 32, 64}, at most 64 accumulators per thread (rows/16 x cout/8 x 4), implicit_gemm;
/// stages 1 to 4 with the accumulators and the P - 1 staged steps' fragments (rows/16 x 8 +
/// cout/8 x 4 floats each) at most 128 floats per thread (of 255 registers; the rest hold
/// addresses and indices). Stages other than 1 need tensor cores. Precision f32, f16 or bf16.
/// wgmma (instruction "wgmma"): one warpgroup (4 warps) per block, rows per warp 16 or 32 (m-tiles
/// of 64 rows), C_out per warp (the wgmma's N) 8 to 128 in steps of 8 with at most 64 accumulators
/// per thread, stages 2 to 4 (B is staged one step ahead, which needs the next step's vote) within
/// the same 128 floats.
std::string checkGpuTile(const GpuTile &t, int64_t volume);

/// The GPU heuristic, set from the H100 tuning run (KernelConfig.cpp says by how much). f32: 128
/// threads per block; C_out >= 64: threads along C_out cover C_out up to 128, two rows per thread;
/// narrower: they cover C_out up to 32, one row per thread. Tensor cores: one warp of 16 rows, C_out
/// per warp the smallest of 8, 16, 32, 64 covering C_out (up to 64), 3 pipeline stages or as many
/// as the tile's registers allow. wgmma: one warpgroup of 64 rows, N the smallest power of two from
/// 16 covering C_out (up to 128), 2 stages (not yet measured on a GPU).
GpuTile defaultGpuTile(int64_t cin, int64_t cout, int64_t volume,
                       const std::string &precision = "f32", const std::string &instruction = "");

/// Every valid GPU tile worth timing for a C_out, kernel volume and precision (the GPU tuner's
/// search space). f32: implicit-GEMM tiles over block shapes and rows per thread, and, with
/// blocks of 128 or 256 threads and 1 or 2 rows per thread, fetch-on-demand, mask sorting and
/// mask splitting into 2 or 3 ranges (kernels of at least 8 offsets). Tensor cores: every valid
/// warp tile with C_out per warp at most twice C_out, each with 1, 2 and 3 pipeline stages where
/// valid; with `wgmma` (the chip is sm_90a) also wgmma tiles of N in {16, 32, 64, 128} (at most
/// twice C_out), 1 or 2 m-tiles, 2 or 3 stages.
std::vector<GpuTile> candidateGpuTiles(int64_t cout, int64_t volume,
                                       const std::string &precision = "f32", bool wgmma = false);

} // namespace sconv
