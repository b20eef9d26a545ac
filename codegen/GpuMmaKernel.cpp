// See GpuMmaKernel.h.
#include "codegen/GpuMmaKernel.h"

#include "codegen/GemmAbi.h"
#include "codegen/GpuKernelFunc.h"
#include "codegen/MmaFragments.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/BuiltinOps.h"

using namespace mlir;
using namespace sconv;

namespace {

constexpr const char *kEmuAny = "sconv_emu_warp_any";
constexpr const char *kEmuMma = "sconv_emu_mma_m16n8k16";

/// The two warp-collective operations of the kernel, as the GPU or the twin performs them.
struct WarpCollectives {
  virtual ~WarpCollectives() = default;
  /// Whether `pred` (i1) holds on any lane of the warp; the same on every lane.
  virtual Value any(OpBuilder &b, Location loc, Value pred) = 0;
  /// D = A x B + C of one m16n8k16 tile. `a` (8), `b` (4): this lane's fragments as f32, not yet
  /// rounded; `c` (4): its accumulators. Returns its 4 elements of D.
  virtual SmallVector<Value> mma(OpBuilder &b, Location loc, ArrayRef<Value> a, ArrayRef<Value> bv,
                                 ArrayRef<Value> c) = 0;
};

/// NVVM: vote.sync.any and mma.sync.aligned.m16n8k16.row.col.f32.{f16,bf16}.
struct NvvmCollectives : WarpCollectives {
  bool bf16;
  explicit NvvmCollectives(bool bf16) : bf16(bf16) {}

  Value any(OpBuilder &b, Location loc, Value pred) override {
    return NVVM::VoteSyncOp::create(b, loc, b.getI1Type(), constI32(b, loc, -1), pred,
                                    NVVM::VoteSyncKind::any);
  }
  /// One 32-bit operand register: vector<2xf16> for f16, i32 for bf16 (the forms the NVVM op
  /// takes).
  Value pack(OpBuilder &b, Location loc, Value lo, Value hi) {
    Value v = packHalf2(b, loc, bf16, lo, hi);
    return bf16 ? Value(LLVM::BitcastOp::create(b, loc, b.getI32Type(), v)) : v;
  }
  SmallVector<Value> mma(OpBuilder &b, Location loc, ArrayRef<Value> a, ArrayRef<Value> bv,
                         ArrayRef<Value> c) override {
    SmallVector<Value> ra, rb;
    for (int e = 0; e < 8; e += 2)
      ra.push_back(pack(b, loc, a[e], a[e + 1]));
    for (int e = 0; e < 4; e += 2)
      rb.push_back(pack(b, loc, bv[e], bv[e + 1]));
    Type f32 = b.getF32Type();
    auto result = LLVM::LLVMStructType::getLiteral(b.getContext(), {f32, f32, f32, f32});
    NVVM::MMATypes t = bf16 ? NVVM::MMATypes::bf16 : NVVM::MMATypes::f16;
    Value d = NVVM::MmaOp::create(b, loc, result, ra, rb, c, {16, 8, 16}, std::nullopt,
                                  std::nullopt, std::array<NVVM::MMATypes, 2>{t, t},
                                  std::array<NVVM::MMALayout, 2>{NVVM::MMALayout::row,
                                                                 NVVM::MMALayout::col});
    SmallVector<Value> out;
    for (int64_t e = 0; e < 4; ++e)
      out.push_back(LLVM::ExtractValueOp::create(b, loc, d, ArrayRef<int64_t>{e}));
    return out;
  }
};

/// The twin: calls into the emulator (declared by declareEmulatorHooks), which exchanges the
/// registers of the warp's lanes. Kind 1 = f16, 2 = bf16.
struct EmulatedCollectives : WarpCollectives {
  bool bf16;
  Value result; // memref<4xf32> at the function's entry: one stack slot for every call
  EmulatedCollectives(OpBuilder &b, Location loc, bool bf16) : bf16(bf16) {
    result = memref::AllocaOp::create(b, loc, MemRefType::get({4}, b.getF32Type()));
  }
  Value any(OpBuilder &b, Location loc, Value pred) override {
    Value p = arith::ExtUIOp::create(b, loc, b.getI32Type(), pred);
    Value r = func::CallOp::create(b, loc, kEmuAny, TypeRange{b.getI32Type()}, ValueRange{p})
                  .getResult(0);
    return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, r, constI32(b, loc, 0));
  }
  SmallVector<Value> mma(OpBuilder &b, Location loc, ArrayRef<Value> a, ArrayRef<Value> bv,
                         ArrayRef<Value> c) override {
    SmallVector<Value> args = {constI32(b, loc, bf16 ? 2 : 1)};
    llvm::append_range(args, a);
    llvm::append_range(args, bv);
    llvm::append_range(args, c);
    args.push_back(result);
    func::CallOp::create(b, loc, kEmuMma, TypeRange{}, args);
    SmallVector<Value> out;
    for (int64_t e = 0; e < 4; ++e)
      out.push_back(memref::LoadOp::create(b, loc, result, ValueRange{constIndex(b, loc, e)}));
    return out;
  }
};

void declareEmulatorHooks(OpBuilder &b, Location loc) {
  Type i32 = b.getI32Type(), f32 = b.getF32Type();
  declareEmulatorHook(b, loc, kEmuAny, b.getFunctionType({i32}, {i32}));
  SmallVector<Type> mmaArgs = {i32};
  mmaArgs.append(16, f32);
  mmaArgs.push_back(MemRefType::get({4}, f32));
  declareEmulatorHook(b, loc, kEmuMma, b.getFunctionType(mmaArgs, {}));
}

void buildBody(OpBuilder &b, Location loc, const GpuGemmSignature &s, const GemmOperands &a,
               Value numRows, Value blockId, Value threadId, WarpCollectives &warp) {
  const GpuTile &t = s.tile;
  const int64_t M = t.rowsPerWarp() / 16, N = t.coutPerWarp() / 8;
  Value c0 = constIndex(b, loc, 0), c1 = constIndex(b, loc, 1), cCout = constIndex(b, loc, s.cout);
  auto lt = [&](OpBuilder &ob, Value x, Value y) -> Value {
    return arith::CmpIOp::create(ob, loc, arith::CmpIPredicate::ult, x, y);
  };
  MmaLane lane = MmaLane::of(b, loc, threadId);
  // Warp w of block b owns rows b * rowsPerBlock + w * rowsPerWarp + [0, rowsPerWarp).
  Value warpRow = arith::AddIOp::create(
      b, loc, arith::MulIOp::create(b, loc, blockId, constIndex(b, loc, t.rowsPerBlock())),
      arith::MulIOp::create(b, loc, lane.warp, constIndex(b, loc, t.rowsPerWarp())));
  LaneRows rows = LaneRows::of(b, loc, lane, M, warpRow, 16, numRows);
  Value fzero = zeroOf(b, loc, b.getF32Type());

  // The warp walks the steps (offset k, 16-channel chunk) in the order offset-major, chunk-minor.
  // One step's operands: whether any row of the warp has a neighbour at k (warp-uniform), then this
  // lane's A fragments (8 per m-tile) and B fragments (4 per n-tile).
  const int64_t numSteps = s.volume * ((s.cin + 15) / 16);
  const int64_t numAcc = M * N * 4, numFrag = M * 8 + N * 4, P = t.stages;
  Value cSteps = constIndex(b, loc, numSteps);
  auto passes = scf::ForOp::create(b, loc, c0, cCout, constIndex(b, loc, t.coutPerWarp()));
  b.setInsertionPointToStart(passes.getBody());
  Value nc = passes.getInductionVar();

  // Loads step `step` (any index: a step past the last is inactive and loads nothing). Every lane
  // reaches the vote, so it is one warp-wide vote whatever the rows.
  auto loadStep = [&](OpBuilder &kb, Location l, Value step) -> SmallVector<Value> {
    // The whole warp skips an offset none of its rows has a neighbour at (mma.sync needs every
    // lane, so the decision must be the warp's); B: 4 fragments of W[k] per n-tile.
    return loadMmaStep(
        kb, l, s, a, rows, lane, step, M,
        [&](OpBuilder &vb, Location vl, Value any) { return warp.any(vb, vl, any); }, N * 4,
        [&](OpBuilder &cb, Location cl, const MmaStep &st, const FragmentColumns &cols,
            SmallVectorImpl<Value> &frags) {
          for (int64_t n = 0; n < N; ++n) {
            Value co = arith::AddIOp::create(
                cb, cl, nc, arith::AddIOp::create(cb, cl, lane.g, constIndex(cb, cl, 8 * n)));
            Value coOk = lt(cb, co, cCout);
            for (int e = 0; e < 4; ++e) {
              int j = e % 2 + 2 * (e / 2);
              frags.push_back(guardedLoad(cb, cl, a.w, {st.k, cols.col[j], co},
                                          {Value(), cols.ok[j], coOk},
                                          andOk(cb, cl, cols.ok[j], coOk)));
            }
          }
        });
  };

  // Software pipeline of depth P (the tile's `stages`): the loop carries the loaded operands of
  // the next P - 1 steps, and each iteration issues the loads of step t + P - 1 before the mma of
  // step t, so P - 1 steps of global loads are in flight while the tensor cores work. The steps'
  // order and the mma sequence are those of P = 1: the same bits.
  SmallVector<Value> init(numAcc, fzero);
  for (int64_t j = 0; j + 1 < P; ++j)
    llvm::append_range(init, loadStep(b, loc, constIndex(b, loc, j)));
  auto steps = scf::ForOp::create(
      b, loc, c0, cSteps, c1, init,
      [&](OpBuilder &kb, Location l, Value step, ValueRange carried) {
        SmallVector<Value> ahead = loadStep(
            kb, l, arith::AddIOp::create(kb, l, step, constIndex(kb, l, P - 1)));
        ValueRange accs = carried.take_front(numAcc);
        ValueRange staged = carried.drop_front(numAcc);
        ValueRange cur = P > 1 ? staged.take_front(1 + numFrag) : ValueRange(ahead);
        auto compute = scf::IfOp::create(
            kb, l, cur[0],
            [&](OpBuilder &cb, Location cl) {
              SmallVector<Value> next(accs.begin(), accs.end());
              for (int64_t m = 0; m < M; ++m)
                for (int64_t n = 0; n < N; ++n) {
                  auto c = ArrayRef<Value>(next).slice((m * N + n) * 4, 4);
                  SmallVector<Value> fa(cur.begin() + 1 + 8 * m, cur.begin() + 9 + 8 * m);
                  SmallVector<Value> fb(cur.begin() + 1 + 8 * M + 4 * n,
                                        cur.begin() + 5 + 8 * M + 4 * n);
                  SmallVector<Value> d = warp.mma(cb, cl, fa, fb, c);
                  std::copy(d.begin(), d.end(), next.begin() + (m * N + n) * 4);
                }
              scf::YieldOp::create(cb, cl, next);
            },
            [&](OpBuilder &eb, Location el) { scf::YieldOp::create(eb, el, accs); });
        SmallVector<Value> yield(compute.getResults());
        if (P > 1) {
          llvm::append_range(yield, staged.drop_front(1 + numFrag));
          llvm::append_range(yield, ahead);
        }
        scf::YieldOp::create(kb, l, yield);
      });
  // Epilogue: accumulator e of tile (m, n) is row 2m + e / 2 of this lane, channel 2q + e % 2.
  storeMmaAccumulators(b, loc, s, a, rows, lane, nc, M, N,
                       steps.getResults().take_front(numAcc));
  b.setInsertionPointAfter(passes);
}

} // namespace

void sconv::createGpuMmaKernel(OpBuilder &b, Location loc, const GpuGemmSignature &s) {
  createGpuKernel(b, loc, s.name(), gemmOperandTypes(b, s.volume, s.cin, s.cout, s.elem),
                  s.tile.threads(),
                  [&](OpBuilder &bb, Location l, Block &entry, Value rows, Value block,
                      Value thread) {
                    NvvmCollectives warp(s.tile.precision == "bf16");
                    buildBody(bb, l, s, GemmOperands(entry), rows, block, thread, warp);
                  });
}

void sconv::createGpuMmaTwin(OpBuilder &b, Location loc, const GpuGemmSignature &s) {
  declareEmulatorHooks(b, loc);
  createGpuTwin(b, loc, s.name(), gemmOperandTypes(b, s.volume, s.cin, s.cout, s.elem),
                [&](OpBuilder &bb, Location l, Block &entry, Value rows, Value block,
                    Value thread) {
                  EmulatedCollectives warp(bb, l, s.tile.precision == "bf16");
                  buildBody(bb, l, s, GemmOperands(entry), rows, block, thread, warp);
                });
}
