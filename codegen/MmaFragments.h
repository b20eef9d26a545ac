// The pieces the two tensor-core kernels share (mma.sync, GpuMmaKernel.h; wgmma, GpuWgmmaKernel.h):
// a lane's place in the fragment layouts, the rows it holds, the gathered A fragments of one
// (kernel offset, 16-channel chunk) step, and the f32 epilogue on the accumulators.
//
// Both instructions use the same per-warp layouts (PTX ISA, "Matrix Fragments for mma.m16n8k16"
// and "Register Fragments" of wgmma .m64nNk16, where warp w of the warpgroup holds rows
// 16w..16w+15), lane = 4g + q:
//   A (16 x 16):        a[e], e < 8: row g + 8 * ((e / 2) % 2), column 2q + e % 2 + 8 * (e / 4)
//   C, D (16 x 8 each): c[4n + e], e < 4: row g + 8 * (e / 2), column 8n + 2q + e % 2
// so a lane's rows are, per 16-row m-tile m, g and g + 8 of that tile ([2m] and [2m + 1] below);
// where the m-tiles lie is the kernel's choice.
#pragma once

#include "codegen/GemmAbi.h"
#include "codegen/GpuGemmKernel.h"

namespace sconv {

/// A lane's coordinates: lane (thread % 32), warp (thread / 32), g = lane / 4, q2 = 2 (lane % 4).
struct MmaLane {
  mlir::Value lane, warp, g, q2;
  static MmaLane of(mlir::OpBuilder &b, mlir::Location loc, mlir::Value thread);
};

/// The output rows a lane holds: [2m + h] is row g + 8h of its m-tile m; `ok` when below the
/// row count; `safe` is the row, or 0 past the end (row 0's neighbours are valid memory: the
/// runtime launches only for num_rows > 0).
struct LaneRows {
  llvm::SmallVector<mlir::Value> row, ok, safe;
  /// M-tile m of this lane's warp starts at row `base + m * tileStride`.
  static LaneRows of(mlir::OpBuilder &b, mlir::Location loc, const MmaLane &lane, int64_t mTiles,
                     mlir::Value base, int64_t tileStride, mlir::Value numRows);
};

/// One step of the flat (kernel offset, 16-channel chunk) loop, offset-major.
struct MmaStep {
  mlir::Value inRange; // step < steps (a step past the last is inactive)
  mlir::Value k, ci0;  // its offset and first input channel (of step 0 when out of range)
  static MmaStep of(mlir::OpBuilder &b, mlir::Location loc, mlir::Value step, int64_t cin,
                    int64_t volume);
};

/// The input rows of a lane's rows at offset k: `valid[i]` (the row exists and has a neighbour),
/// `src[i]` (that neighbour, or 0), and whether any of them is valid.
struct LaneNeighbours {
  llvm::SmallVector<mlir::Value> valid, src;
  mlir::Value any;
  static LaneNeighbours of(mlir::OpBuilder &b, mlir::Location loc, mlir::Value nbr,
                           const LaneRows &rows, mlir::Value k);
};

/// Input channel j of a lane's fragment columns (2q + j % 2 + 8 (j / 2)) of the chunk at ci0, and
/// whether it is below C_in.
struct FragmentColumns {
  mlir::Value col[4], ok[4];
  static FragmentColumns of(mlir::OpBuilder &b, mlir::Location loc, const MmaLane &lane,
                            mlir::Value ci0, int64_t cin);
};

/// x = ref[idx...] when `ok` holds (null: always), else 0; an index whose `clampOk` (null: none)
/// fails is replaced by 0, so the address stays valid either way.
mlir::Value guardedLoad(mlir::OpBuilder &b, mlir::Location loc, mlir::Value ref,
                        llvm::ArrayRef<mlir::Value> idx, llvm::ArrayRef<mlir::Value> clampOk,
                        mlir::Value ok);
/// x && y where either may be null (true).
mlir::Value andOk(mlir::OpBuilder &b, mlir::Location loc, mlir::Value x, mlir::Value y);

/// The lane's A fragments of m-tiles 0..mTiles-1 (8 each, f32, not yet rounded; 0 for a missing
/// neighbour or a channel past C_in).
llvm::SmallVector<mlir::Value> loadAFragments(mlir::OpBuilder &b, mlir::Location loc,
                                              mlir::Value in, const LaneNeighbours &nb,
                                              const FragmentColumns &cols, int64_t mTiles);

/// Loads step `step` of the flat (offset, chunk) loop (any index: past the last it is inactive):
/// returns [active, the lane's A fragments of mTiles m-tiles (8 each), then what `more` appends]
/// (zeros when inactive). `vote` turns the lane's "some row of mine has a neighbour" (i1) into the
/// decision of the group that executes the MMA together (every lane reaches it); `more` loads the
/// kernel's other per-step operands (numMore values) under the same condition.
using MoreStepLoads = llvm::function_ref<void(mlir::OpBuilder &, mlir::Location, const MmaStep &,
                                              const FragmentColumns &,
                                              llvm::SmallVectorImpl<mlir::Value> &)>;
llvm::SmallVector<mlir::Value>
loadMmaStep(mlir::OpBuilder &b, mlir::Location loc, const GpuGemmSignature &s,
            const GemmOperands &a, const LaneRows &rows, const MmaLane &lane, mlir::Value step,
            int64_t mTiles, llvm::function_ref<mlir::Value(mlir::OpBuilder &, mlir::Location,
                                                           mlir::Value)> vote,
            int64_t numMore, MoreStepLoads more);

/// Two f32 values rounded (round to nearest even, as cvt.rn) to f16 or bf16 and packed as one
/// 32-bit register, the first in the low half: a vector<2 x half> (NVVM / LLVM dialect values).
mlir::Value packHalf2(mlir::OpBuilder &b, mlir::Location loc, bool bf16, mlir::Value lo,
                      mlir::Value hi);

/// Stores accumulators `acc` ([(m * nTiles + n) * 4 + e], the C/D layout above) of the pass over
/// output channels from `nc`: bias, residual and activation in f32, one store per element, by
/// the lane that holds it.
void storeMmaAccumulators(mlir::OpBuilder &b, mlir::Location loc, const GpuGemmSignature &s,
                          const GemmOperands &a, const LaneRows &rows, const MmaLane &lane,
                          mlir::Value nc, int64_t mTiles, int64_t nTiles, mlir::ValueRange acc);

} // namespace sconv
