// See KernelConfig.h.
#include "codegen/KernelConfig.h"

#include <algorithm>

namespace sconv {

namespace {
/// Mask splitting's range count, for CPU configs and GPU tiles alike: 2 to 8 ranges, at most one
/// per offset, and none for another dataflow.
std::string checkSplits(const std::string &dataflow, int64_t splits, int64_t volume) {
  if (dataflow == "implicit_gemm_split" && (splits < 2 || splits > 8 || splits > volume))
    return "mask splitting needs 2 to 8 offset ranges, at most the kernel's " +
           std::to_string(volume) + " offsets; got " + std::to_string(splits);
  if (dataflow != "implicit_gemm_split" && splits != 0)
    return "splits (" + std::to_string(splits) + ") is a knob of implicit_gemm_split only, not of " +
           dataflow;
  return "";
}
} // namespace

std::string checkConfig(const KernelConfig &c, int64_t cout, int64_t volume) {
  if (c.dataflow != "implicit_gemm" && c.dataflow != "gather_gemm_scatter" &&
      c.dataflow != "implicit_gemm_sorted" && c.dataflow != "fetch_on_demand" &&
      c.dataflow != "implicit_gemm_split")
    return "unknown dataflow '" + c.dataflow +
           "' (expected implicit_gemm, implicit_gemm_sorted, implicit_gemm_split, "
           "gather_gemm_scatter or fetch_on_demand)";
  if (std::string why = checkSplits(c.dataflow, c.splits, volume); !why.empty())
    return why;
  if (c.rows != 1 && c.rows != 2 && c.rows != 4 && c.rows != 8)
    return "tile rows must be 1, 2, 4 or 8, got " + std::to_string(c.rows);
  if (c.lanes != 4 && c.lanes != 8 && c.lanes != 16 && c.lanes != 32 && c.lanes != 64)
    return "tile lanes must be 4, 8, 16, 32 or 64, got " + std::to_string(c.lanes);
  if (c.threads != 0 && (c.threads < 0 || c.threads > 256 || (c.threads & (c.threads - 1))))
    return "threads must be 0 (all) or a power of two up to 256, got " +
           std::to_string(c.threads);
  if (c.rows * std::min(c.lanes, cout) > 256)
    return "tile of " + std::to_string(c.rows) + " rows x " + std::to_string(c.lanes) +
           " lanes needs more accumulator registers than a CPU has (limit 256 floats)";
  return "";
}

KernelConfig defaultConfig(int64_t cin, int64_t cout, int64_t volume) {
  (void)volume;
  // From sconv-tune on CenterPoint / KITTI (docs/benchmarks.md): wide layers win most by keeping
  // one offset's weights in cache; fetch-on-demand does that without gather-GEMM-scatter's copies
  // (1.1-1.8x faster than it on the 64x64, 64x128 and 128x128 layers). Middle ones win by
  // register blocking.
  if (cin * cout >= 4096)
    return {2, 32, "fetch_on_demand"};
  if (cin * cout >= 2048)
    return {1, 64};
  if (cin * cout >= 1024)
    return {2, 32};
  int64_t lanes = 4; // the smallest vector holding all of C_out, at most 64
  while (lanes < cout && lanes < 64)
    lanes *= 2;
  return {1, lanes};
}

std::vector<KernelConfig> candidateConfigs(int64_t cout, int64_t volume) {
  std::vector<KernelConfig> out;
  auto add = [&](const KernelConfig &c) {
    if (checkConfig(c, cout, volume).empty() && c.lanes <= std::max<int64_t>(8, cout * 2))
      out.push_back(c);
  };
  for (int64_t rows : {1, 2, 4, 8})
    for (int64_t lanes : {8, 16, 32, 64}) {
      for (const char *dataflow :
           {"implicit_gemm", "gather_gemm_scatter", "implicit_gemm_sorted", "fetch_on_demand"}) {
        // Sorting only pays when rows share a block.
        if (rows == 1 && std::string(dataflow) == "implicit_gemm_sorted")
          continue;
        add({rows, lanes, dataflow});
      }
      // Splitting refines sorting: also row-blocked tiles only, and only where a range still
      // holds several offsets.
      if (rows > 1 && rows < 8 && volume >= 8)
        for (int64_t splits : {2, 3})
          add({rows, lanes, "implicit_gemm_split", 0, splits});
    }
  return out;
}

namespace {
bool isPow2(int64_t v) { return v > 0 && (v & (v - 1)) == 0; }
} // namespace

namespace {
bool oneOf(int64_t v, std::initializer_list<int64_t> set) {
  return std::find(set.begin(), set.end(), v) != set.end();
}

/// The registers of a tensor-core tile: accumulators, and the P - 1 staged steps' fragments.
std::string checkStagedRegisters(const GpuTile &t, int64_t acc, int64_t frag) {
  if (int64_t regs = acc + (t.stages - 1) * frag; regs > 128)
    return std::to_string(t.stages) + " pipeline stages of a " + std::to_string(t.rowsPerWarp()) +
           " x " + std::to_string(t.coutPerWarp()) + " warp tile hold " + std::to_string(regs) +
           " floats per thread (accumulators and staged fragments; at most 128)";
  return "";
}

std::string checkWgmmaTile(const GpuTile &t) {
  if (t.coutPerWarp() < 8 || t.coutPerWarp() > 128 || t.coutPerWarp() % 8)
    return "a wgmma's N (C_out per warp) must be 8 to 128 in steps of 8, got " +
           std::to_string(t.coutPerWarp());
  if (t.warps() != 4)
    return "a wgmma block is one warpgroup (4 warps), got " + std::to_string(t.warps());
  if (!oneOf(t.rowsPerWarp(), {16, 32}))
    return "wgmma rows per warp must be 16 or 32 (one or two 64-row m-tiles), got " +
           std::to_string(t.rowsPerWarp());
  const int64_t acc = t.rowsPerWarp() / 16 * t.coutPerWarp() / 2;
  if (acc > 64)
    return "a wgmma tile of " + std::to_string(4 * t.rowsPerWarp()) + " x " +
           std::to_string(t.coutPerWarp()) + " needs " + std::to_string(acc) +
           " accumulators per thread (at most 64)";
  if (t.dataflow != "implicit_gemm")
    return "tensor cores run the implicit_gemm dataflow only, got '" + t.dataflow + "'";
  if (t.stages < 2 || t.stages > 4)
    return "wgmma pipeline stages must be 2 to 4 (B is staged one step ahead), got " +
           std::to_string(t.stages);
  return checkStagedRegisters(t, acc, t.rowsPerWarp() / 16 * 8);
}

std::string checkTensorCoreTile(const GpuTile &t) {
  if (t.wgmma())
    return checkWgmmaTile(t);
  if (!t.instruction.empty() && t.instruction != "mma_sync")
    return "unknown tensor-core instruction '" + t.instruction + "' (expected mma_sync or wgmma)";
  if (!oneOf(t.coutPerWarp(), {8, 16, 32, 64}))
    return "C_out per warp must be 8, 16, 32 or 64 (whole m16n8k16 tiles), got " +
           std::to_string(t.coutPerWarp());
  if (!oneOf(t.warps(), {1, 2, 4, 8}))
    return "warps per block must be 1, 2, 4 or 8, got " + std::to_string(t.warps());
  if (!oneOf(t.rowsPerWarp(), {16, 32, 64}))
    return "rows per warp must be 16, 32 or 64, got " + std::to_string(t.rowsPerWarp());
  if (int64_t acc = t.rowsPerWarp() / 16 * (t.coutPerWarp() / 8) * 4; acc > 64)
    return "a warp tile of " + std::to_string(t.rowsPerWarp()) + " x " +
           std::to_string(t.coutPerWarp()) + " needs " + std::to_string(acc) +
           " accumulators per thread (at most 64)";
  if (t.dataflow != "implicit_gemm")
    return "tensor cores run the implicit_gemm dataflow only, got '" + t.dataflow + "'";
  if (t.stages < 1 || t.stages > 4)
    return "pipeline stages must be 1 to 4, got " + std::to_string(t.stages);
  int64_t acc = t.rowsPerWarp() / 16 * (t.coutPerWarp() / 8) * 4;
  int64_t frag = t.rowsPerWarp() / 16 * 8 + t.coutPerWarp() / 8 * 4;
  return checkStagedRegisters(t, acc, frag);
}
} // namespace

std::string checkGpuTile(const GpuTile &t, int64_t volume) {
  if (std::string why = checkSplits(t.dataflow, t.splits, volume); !why.empty())
    return why;
  if (t.precision != "f32" && t.precision != "f16" && t.precision != "bf16")
    return "unknown GPU precision '" + t.precision + "' (expected f32, f16 or bf16)";
  if (t.tensorCores())
    return checkTensorCoreTile(t);
  if (!t.instruction.empty())
    return "the tensor-core instruction '" + t.instruction +
           "' needs precision f16 or bf16, not f32";
  if (t.stages != 1)
    return "pipeline stages (" + std::to_string(t.stages) +
           ") are a knob of the tensor-core kernel (f16 / bf16) only; the f32 SIMT kernel has 1";
  if (!isPow2(t.threadsCout) || t.threadsCout > 128)
    return "threads along C_out must be a power of two up to 128, got " +
           std::to_string(t.threadsCout);
  if (!isPow2(t.threadsRows))
    return "threads along rows must be a power of two, got " + std::to_string(t.threadsRows);
  if (t.threads() < 32 || t.threads() > 1024)
    return "a block of " + std::to_string(t.threads()) +
           " threads is outside [32, 1024] (one warp to the limit of every GPU since sm_80)";
  if (t.rowsPerThread != 1 && t.rowsPerThread != 2 && t.rowsPerThread != 4 &&
      t.rowsPerThread != 8)
    return "rows per thread must be 1, 2, 4 or 8, got " + std::to_string(t.rowsPerThread);
  if (t.dataflow != "implicit_gemm" && t.dataflow != "fetch_on_demand" &&
      t.dataflow != "implicit_gemm_sorted" && t.dataflow != "implicit_gemm_split")
    return "unknown GPU dataflow '" + t.dataflow +
           "' (expected implicit_gemm, fetch_on_demand, implicit_gemm_sorted or "
           "implicit_gemm_split)";
  return "";
}

GpuTile defaultGpuTile(int64_t cin, int64_t cout, int64_t volume, const std::string &precision,
                       const std::string &instruction) {
  // Chosen from the first GPU tuning run (H100, 2026-11-22, docs/gpu-runs.md): summed over
  // CenterPoint's and the LargeKernel3D detector's 27 f32 classes these tiles take 42.6 ms where
  // the tuned ones take 40.2 and the former defaults (32 x 8 x 2, 16 x 16 x 2) 56.8; over
  // CenterPoint's 17 f16 classes 4.04 ms, tuned 3.71, former (n x 4 warps x 32 rows) 9.13.
  (void)cin;
  auto pow2Within = [](int64_t v, int64_t lo, int64_t hi) {
    int64_t p = lo;
    while (p < v && p < hi)
      p *= 2;
    return p;
  };
  if (precision != "f32" && instruction == "wgmma")
    return {pow2Within(cout, 16, 128), 4, 16, "implicit_gemm", precision, 0, 2, "wgmma"};
  if (precision != "f32") {
    // One warp of 16 rows per block, the warp as wide as C_out allows, 3 pipeline stages (or as
    // many as the tile's registers allow): many small blocks keep every SM busy on sparse rows.
    GpuTile t{pow2Within(cout, 8, 64), 1, 16, "implicit_gemm", precision};
    for (t.stages = 3; t.stages > 1 && !checkGpuTile(t, volume).empty(); --t.stages) {
    }
    return t;
  }
  // Blocks of 128 threads; wide layers put a thread on every output channel (up to 128) and give
  // it 2 rows, narrow ones spread the block over more rows, one each.
  if (cout >= 64) {
    const int64_t tc = pow2Within(cout, 1, 128);
    return {tc, 128 / tc, 2};
  }
  const int64_t tc = pow2Within(cout, 1, 32);
  return {tc, 128 / tc, 1};
}

std::vector<GpuTile> candidateGpuTiles(int64_t cout, int64_t volume,
                                       const std::string &precision, bool wgmma) {
  std::vector<GpuTile> out;
  if (precision != "f32" && wgmma)
    for (int64_t n : {16, 32, 64, 128})
      for (int64_t rows : {16, 32})
        for (int64_t stages : {2, 3}) {
          GpuTile t{n, 4, rows, "implicit_gemm", precision, 0, stages, "wgmma"};
          if (n <= std::max<int64_t>(16, cout * 2) && checkGpuTile(t, volume).empty())
            out.push_back(t);
        }
  if (precision != "f32") {
    for (int64_t n : {8, 16, 32, 64})
      for (int64_t warps : {1, 2, 4, 8})
        for (int64_t rows : {16, 32, 64})
          for (int64_t stages : {1, 2, 3}) {
            GpuTile t{n, warps, rows, "implicit_gemm", precision, 0, stages};
            if (n <= std::max<int64_t>(8, cout * 2) && checkGpuTile(t, volume).empty())
              out.push_back(t);
          }
    return out;
  }
  for (int64_t tc : {8, 16, 32, 64, 128}) {
    if (tc > std::max<int64_t>(8, cout * 2))
      continue;
    for (int64_t threads : {64, 128, 256, 512})
      for (int64_t rpt : {1, 2, 4}) {
        GpuTile t{tc, threads / tc, rpt};
        if (!checkGpuTile(t, volume).empty())
          continue;
        out.push_back(t);
        if ((threads == 128 || threads == 256) && rpt <= 2) {
          for (const char *d : {"fetch_on_demand", "implicit_gemm_sorted"}) {
            t.dataflow = d;
            out.push_back(t);
          }
          if (volume >= 8)
            for (int64_t splits : {2, 3}) {
              t.dataflow = "implicit_gemm_split";
              t.splits = splits;
              out.push_back(t);
            }
        }
      }
  }
  return out;
}

} // namespace sconv
