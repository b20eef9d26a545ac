// See MmaFragments.h.
#include "codegen/MmaFragments.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

using namespace mlir;
using namespace sconv;

namespace {
Value lessThan(OpBuilder &b, Location loc, Value x, Value y) {
  return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ult, x, y);
}
} // namespace

MmaLane MmaLane::of(OpBuilder &b, Location loc, Value thread) {
  Value c4 = constIndex(b, loc, 4), c32 = constIndex(b, loc, 32);
  MmaLane l;
  l.lane = arith::RemUIOp::create(b, loc, thread, c32);
  l.warp = arith::DivUIOp::create(b, loc, thread, c32);
  l.g = arith::DivUIOp::create(b, loc, l.lane, c4);
  l.q2 = arith::MulIOp::create(b, loc, arith::RemUIOp::create(b, loc, l.lane, c4),
                               constIndex(b, loc, 2));
  return l;
}

LaneRows LaneRows::of(OpBuilder &b, Location loc, const MmaLane &lane, int64_t mTiles, Value base,
                      int64_t tileStride, Value numRows) {
  LaneRows rows;
  Value c0 = constIndex(b, loc, 0);
  for (int64_t i = 0; i < 2 * mTiles; ++i) {
    Value tileRow = arith::AddIOp::create(b, loc, base, constIndex(b, loc, tileStride * (i / 2)));
    Value r = arith::AddIOp::create(
        b, loc, tileRow, arith::AddIOp::create(b, loc, lane.g, constIndex(b, loc, 8 * (i % 2))));
    Value ok = lessThan(b, loc, r, numRows);
    rows.row.push_back(r);
    rows.ok.push_back(ok);
    rows.safe.push_back(arith::SelectOp::create(b, loc, ok, r, c0));
  }
  return rows;
}

MmaStep MmaStep::of(OpBuilder &b, Location loc, Value step, int64_t cin, int64_t volume) {
  const int64_t chunks = (cin + 15) / 16;
  Value cChunks = constIndex(b, loc, chunks);
  MmaStep s;
  s.inRange = lessThan(b, loc, step, constIndex(b, loc, volume * chunks));
  Value st = arith::SelectOp::create(b, loc, s.inRange, step, constIndex(b, loc, 0));
  s.k = arith::DivUIOp::create(b, loc, st, cChunks);
  s.ci0 = arith::MulIOp::create(b, loc, arith::RemUIOp::create(b, loc, st, cChunks),
                                constIndex(b, loc, 16));
  return s;
}

LaneNeighbours LaneNeighbours::of(OpBuilder &b, Location loc, Value nbr, const LaneRows &rows,
                                  Value k) {
  Value zero32 = constI32(b, loc, 0);
  LaneNeighbours nb;
  for (size_t i = 0; i < rows.row.size(); ++i) {
    Value n = memref::LoadOp::create(b, loc, nbr, ValueRange{rows.safe[i], k});
    Value v = arith::AndIOp::create(
        b, loc, rows.ok[i], arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sge, n, zero32));
    nb.valid.push_back(v);
    nb.src.push_back(arith::IndexCastOp::create(b, loc, b.getIndexType(),
                                                arith::SelectOp::create(b, loc, v, n, zero32)));
    nb.any = nb.any ? Value(arith::OrIOp::create(b, loc, nb.any, v)) : v;
  }
  return nb;
}

FragmentColumns FragmentColumns::of(OpBuilder &b, Location loc, const MmaLane &lane, Value ci0,
                                    int64_t cin) {
  FragmentColumns c;
  Value base = arith::AddIOp::create(b, loc, ci0, lane.q2);
  for (int j = 0; j < 4; ++j) {
    c.col[j] = arith::AddIOp::create(b, loc, base, constIndex(b, loc, j % 2 + 8 * (j / 2)));
    c.ok[j] = lessThan(b, loc, c.col[j], constIndex(b, loc, cin));
  }
  return c;
}

Value sconv::guardedLoad(OpBuilder &b, Location loc, Value ref, ArrayRef<Value> idx,
                         ArrayRef<Value> clampOk, Value ok) {
  Value c0 = constIndex(b, loc, 0);
  SmallVector<Value> safe;
  for (auto [i, ci] : llvm::zip(idx, clampOk))
    safe.push_back(ci ? Value(arith::SelectOp::create(b, loc, ci, i, c0)) : i);
  Value x = memref::LoadOp::create(b, loc, ref, safe);
  return ok ? Value(arith::SelectOp::create(b, loc, ok, x, zeroOf(b, loc, x.getType()))) : x;
}

Value sconv::andOk(OpBuilder &b, Location loc, Value x, Value y) {
  return !x ? y : !y ? x : Value(arith::AndIOp::create(b, loc, x, y));
}

SmallVector<Value> sconv::loadAFragments(OpBuilder &b, Location loc, Value in,
                                         const LaneNeighbours &nb, const FragmentColumns &cols,
                                         int64_t mTiles) {
  SmallVector<Value> frags;
  for (int64_t m = 0; m < mTiles; ++m)
    for (int e = 0; e < 8; ++e) {
      int64_t r = 2 * m + (e / 2) % 2;
      int j = e % 2 + 2 * (e / 4);
      frags.push_back(guardedLoad(b, loc, in, {nb.src[r], cols.col[j]}, {Value(), cols.ok[j]},
                                  andOk(b, loc, nb.valid[r], cols.ok[j])));
    }
  return frags;
}

SmallVector<Value> sconv::loadMmaStep(OpBuilder &b, Location loc, const GpuGemmSignature &s,
                                      const GemmOperands &a, const LaneRows &rows,
                                      const MmaLane &lane, Value step, int64_t mTiles,
                                      function_ref<Value(OpBuilder &, Location, Value)> vote,
                                      int64_t numMore, MoreStepLoads more) {
  MmaStep st = MmaStep::of(b, loc, step, s.cin, s.volume);
  LaneNeighbours nb = LaneNeighbours::of(b, loc, a.nbr, rows, st.k);
  Value active = arith::AndIOp::create(b, loc, st.inRange, vote(b, loc, nb.any));
  auto loads = scf::IfOp::create(
      b, loc, active,
      [&](OpBuilder &cb, Location cl) {
        FragmentColumns cols = FragmentColumns::of(cb, cl, lane, st.ci0, s.cin);
        SmallVector<Value> frags = loadAFragments(cb, cl, a.in, nb, cols, mTiles);
        more(cb, cl, st, cols, frags);
        scf::YieldOp::create(cb, cl, frags);
      },
      [&](OpBuilder &eb, Location el) {
        scf::YieldOp::create(eb, el,
                             SmallVector<Value>(mTiles * 8 + numMore,
                                                zeroOf(eb, el, eb.getF32Type())));
      });
  SmallVector<Value> out = {active};
  llvm::append_range(out, loads.getResults());
  return out;
}

Value sconv::packHalf2(OpBuilder &b, Location loc, bool bf16, Value lo, Value hi) {
  Type half = bf16 ? Type(b.getBF16Type()) : Type(b.getF16Type());
  Value v = LLVM::PoisonOp::create(b, loc, VectorType::get({2}, half));
  for (auto [i, x] : llvm::enumerate(std::array<Value, 2>{lo, hi}))
    v = LLVM::InsertElementOp::create(b, loc, v, arith::TruncFOp::create(b, loc, half, x),
                                      constI32(b, loc, int32_t(i)));
  return v;
}

void sconv::storeMmaAccumulators(OpBuilder &b, Location loc, const GpuGemmSignature &s,
                                 const GemmOperands &a, const LaneRows &rows, const MmaLane &lane,
                                 Value nc, int64_t mTiles, int64_t nTiles, ValueRange acc) {
  Value cCout = constIndex(b, loc, s.cout);
  for (int64_t m = 0; m < mTiles; ++m)
    for (int64_t n = 0; n < nTiles; ++n)
      for (int e = 0; e < 4; ++e) {
        int64_t r = 2 * m + e / 2;
        Value co = arith::AddIOp::create(
            b, loc, nc,
            arith::AddIOp::create(b, loc, lane.q2, constIndex(b, loc, 8 * n + e % 2)));
        auto store = scf::IfOp::create(
            b, loc, arith::AndIOp::create(b, loc, rows.ok[r], lessThan(b, loc, co, cCout)),
            /*withElseRegion=*/false);
        OpBuilder::InsertionGuard guard(b);
        b.setInsertionPointToStart(store.thenBlock());
        Value v = acc[(m * nTiles + n) * 4 + e];
        if (s.hasBias)
          v = arith::AddFOp::create(b, loc, v,
                                    memref::LoadOp::create(b, loc, a.bias, ValueRange{co}));
        if (s.hasResidual)
          v = arith::AddFOp::create(
              b, loc, v, memref::LoadOp::create(b, loc, a.residual, ValueRange{rows.row[r], co}));
        memref::StoreOp::create(b, loc, applyActivation(b, loc, s.act, v), a.out,
                                ValueRange{rows.row[r], co});
      }
}
