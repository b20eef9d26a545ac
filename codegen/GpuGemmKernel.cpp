// See GpuGemmKernel.h.
#include "codegen/GpuGemmKernel.h"

#include "codegen/GemmAbi.h"
#include "codegen/GpuKernelFunc.h"
#include "codegen/GpuMmaKernel.h"
#include "codegen/GpuWgmmaKernel.h"

#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace sconv;

GpuGemmSignature GpuGemmSignature::of(ImplicitGemmOp op) {
  auto w = op.getWeight().getType();
  std::string precision =
      op.getGpuPrecisionAttr() ? op.getGpuPrecisionAttr().getValue().str() : "f32";
  std::string instruction;
  if (auto i = op.getGpuInstructionAttr(); i && precision != "f32")
    instruction = i.getValue().str();
  GpuTile tile = defaultGpuTile(w.getDimSize(1), w.getDimSize(2), w.getDimSize(0), precision,
                                instruction);
  if (auto t = op.getGpuTileAttr(); t && t.size() == 3) {
    tile = {t[0], t[1], t[2], "implicit_gemm", precision};
    tile.instruction = instruction;
  }
  if (auto d = op.getGpuDataflowAttr())
    tile.dataflow = d.getValue().str();
  if (auto s = op.getGpuSplitsAttr())
    tile.splits = s.getInt();
  if (auto st = op.getGpuStagesAttr())
    tile.stages = st.getInt();
  GpuGemmSignature s{w.getDimSize(0),    w.getDimSize(1),       w.getDimSize(2),
                     w.getElementType(), bool(op.getBias()),    bool(op.getResidual()),
                     op.getActivation(), tile};
  s.fetch = tile.dataflow == "fetch_on_demand";
  s.sorted = tile.dataflow == "implicit_gemm_sorted";
  s.split = tile.dataflow == "implicit_gemm_split";
  if (s.fetch)
    s.volume = 1;
  if (s.accumulates()) { // the runtime applies bias, residual and activation
    s.hasBias = s.hasResidual = false;
    s.act = Activation::none;
  }
  return s;
}

std::string GpuGemmSignature::name() const {
  std::string t;
  llvm::raw_string_ostream os(t);
  os << elem;
  // The tile's shape only (GpuTile::str() marks the dataflow with a '/', not a symbol character;
  // here `fetch` says it).
  return llvm::formatv("sconv_gpu_igemm_k{0}_c{1}x{2}_{3}{4}{5}{6}_t{7}x{8}x{9}{10}{11}{12}", volume,
                       cin, cout, t, hasBias ? "_bias" : "", hasResidual ? "_res" : "",
                       act == Activation::relu ? "_relu" : "", tile.threadsCout, tile.threadsRows,
                       tile.rowsPerThread,
                       fetch    ? "_fetch"
                       : sorted ? "_sorted"
                       : split  ? "_split"
                                : "",
                       tile.wgmma()         ? "_wgmma_" + tile.precision
                       : tile.tensorCores() ? "_mma_" + tile.precision
                                            : "",
                       tile.stages != 1 ? "_s" + std::to_string(tile.stages) : "")
      .str();
}

namespace {

/// The kernel body (shared by the GPU kernel and its twin; see GpuGemmKernel.h).
/// `order`: the row order operand (fetch, sorted, split), else null; `kRange`: the offset range
/// operands (split), else null values (all offsets).
void buildBody(OpBuilder &b, Location loc, const GpuGemmSignature &s, const GemmOperands &a,
               Value order, std::pair<Value, Value> kRange, Value numRows, Value blockId,
               Value threadId) {
  const GpuTile &t = s.tile;
  Value c0 = constIndex(b, loc, 0), c1 = constIndex(b, loc, 1), cCin = constIndex(b, loc, s.cin),
        cCout = constIndex(b, loc, s.cout), cTc = constIndex(b, loc, t.threadsCout);
  Value tx = arith::RemUIOp::create(b, loc, threadId, cTc);
  Value ty = arith::DivUIOp::create(b, loc, threadId, cTc);
  Value firstRow = arith::AddIOp::create(
      b, loc, arith::MulIOp::create(b, loc, blockId, constIndex(b, loc, t.rowsPerBlock())), ty);

  // Rows of this thread; a row past the end reads row 0's neighbours (valid memory: the runtime
  // launches only for num_rows > 0), masked off, and stores nothing.
  // With an order operand, r is a position and the row is order[r].
  SmallVector<Value> rows, rowOk, safeRows;
  for (int64_t j = 0; j < t.rowsPerThread; ++j) {
    Value r = arith::AddIOp::create(b, loc, firstRow, constIndex(b, loc, j * t.threadsRows));
    Value ok = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ult, r, numRows);
    Value safe = arith::SelectOp::create(b, loc, ok, r, c0);
    if (order) {
      safe = arith::IndexCastOp::create(b, loc, b.getIndexType(),
                                        memref::LoadOp::create(b, loc, order, ValueRange{safe}));
      r = safe;
    }
    rows.push_back(r);
    rowOk.push_back(ok);
    safeRows.push_back(safe);
  }
  auto contract = arith::FastMathFlags::contract;
  int64_t R = t.rowsPerThread;

  auto channels = scf::ForOp::create(b, loc, tx, cCout, cTc);
  b.setInsertionPointToStart(channels.getBody());
  Value co = channels.getInductionVar();
  Value init = s.hasBias ? Value(memref::LoadOp::create(b, loc, a.bias, ValueRange{co}))
                         : zeroOf(b, loc, s.elem);
  SmallVector<Value> inits(R, init);
  if (s.accumulates()) // into the output rows (safe rows: valid memory, the store is guarded)
    for (int64_t j = 0; j < R; ++j)
      inits[j] = memref::LoadOp::create(b, loc, a.out, ValueRange{safeRows[j], co});
  Value kBegin = kRange.first ? kRange.first : c0;
  Value kEnd = kRange.second ? kRange.second : constIndex(b, loc, s.volume);
  auto offsets = scf::ForOp::create(
      b, loc, kBegin, kEnd, c1, inits,
      [&](OpBuilder &kb, Location l, Value k, ValueRange accs) {
        Value zero32 = arith::ConstantIntOp::create(kb, l, 0, 32);
        SmallVector<Value> valid, src;
        Value any;
        for (int64_t j = 0; j < R; ++j) {
          Value n = memref::LoadOp::create(kb, l, a.nbr, ValueRange{safeRows[j], k});
          Value v = arith::AndIOp::create(
              kb, l, rowOk[j], arith::CmpIOp::create(kb, l, arith::CmpIPredicate::sge, n, zero32));
          valid.push_back(v);
          src.push_back(arith::IndexCastOp::create(kb, l, kb.getIndexType(),
                                                   arith::SelectOp::create(kb, l, v, n, zero32)));
          any = any ? Value(arith::OrIOp::create(kb, l, any, v)) : v;
        }
        // Skip the offset when none of the thread's rows has a neighbour there.
        auto ifAny = scf::IfOp::create(
            kb, l, any,
            [&](OpBuilder &tb, Location tl) {
              Value fzero = zeroOf(tb, tl, s.elem);
              auto reduce = scf::ForOp::create(
                  tb, tl, c0, cCin, c1, accs,
                  [&](OpBuilder &cb, Location cl, Value ci, ValueRange acc) {
                    Value w = memref::LoadOp::create(cb, cl, a.w, ValueRange{k, ci, co});
                    SmallVector<Value> next;
                    for (int64_t j = 0; j < R; ++j) {
                      Value x = memref::LoadOp::create(cb, cl, a.in, ValueRange{src[j], ci});
                      x = arith::SelectOp::create(cb, cl, valid[j], x, fzero);
                      // mul + add with `contract`: NVPTX fuses them into fma.rn.f32 without a
                      // libdevice call (math.fma would become __nv_fmaf).
                      Value prod = arith::MulFOp::create(cb, cl, x, w, contract);
                      next.push_back(arith::AddFOp::create(cb, cl, acc[j], prod, contract));
                    }
                    scf::YieldOp::create(cb, cl, next);
                  });
              scf::YieldOp::create(tb, tl, reduce.getResults());
            },
            [&](OpBuilder &eb, Location el) { scf::YieldOp::create(eb, el, accs); });
        scf::YieldOp::create(kb, l, ifAny.getResults());
      });
  for (int64_t j = 0; j < R; ++j) {
    auto store = scf::IfOp::create(b, loc, rowOk[j], /*withElseRegion=*/false);
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(store.thenBlock());
    Value acc = offsets.getResult(j);
    if (s.hasResidual)
      acc = arith::AddFOp::create(b, loc, acc,
                                  memref::LoadOp::create(b, loc, a.residual, ValueRange{rows[j], co}));
    memref::StoreOp::create(b, loc, applyActivation(b, loc, s.act, acc), a.out,
                            ValueRange{rows[j], co});
  }
  b.setInsertionPointAfter(channels);
}

} // namespace

namespace {
SmallVector<Type> operandTypes(Builder &b, const GpuGemmSignature &s) {
  SmallVector<Type> types = gemmOperandTypes(b, s.volume, s.cin, s.cout, s.elem);
  if (s.hasOrder())
    types.push_back(MemRefType::get({ShapedType::kDynamic}, b.getI32Type()));
  if (s.split)
    types.append(2, b.getIndexType());
  return types;
}
void buildEither(OpBuilder &b, Location l, const GpuGemmSignature &s, Block &entry, Value rows,
                 Value block, Value thread) {
  std::pair<Value, Value> kRange;
  if (s.split)
    kRange = {entry.getArgument(7), entry.getArgument(8)};
  buildBody(b, l, s, GemmOperands(entry), s.hasOrder() ? entry.getArgument(6) : Value(), kRange,
            rows, block, thread);
}
} // namespace

void sconv::createGpuGemmKernel(OpBuilder &b, Location loc, const GpuGemmSignature &s) {
  if (s.tile.wgmma())
    return createGpuWgmmaKernel(b, loc, s);
  if (s.tile.tensorCores())
    return createGpuMmaKernel(b, loc, s);
  createGpuKernel(b, loc, s.name(), operandTypes(b, s), s.tile.threads(),
                  [&](OpBuilder &bb, Location l, Block &entry, Value rows, Value block,
                      Value thread) { buildEither(bb, l, s, entry, rows, block, thread); });
}

void sconv::createGpuGemmTwin(OpBuilder &b, Location loc, const GpuGemmSignature &s) {
  if (s.tile.wgmma())
    return createGpuWgmmaTwin(b, loc, s);
  if (s.tile.tensorCores())
    return createGpuMmaTwin(b, loc, s);
  createGpuTwin(b, loc, s.name(), operandTypes(b, s),
                [&](OpBuilder &bb, Location l, Block &entry, Value rows, Value block,
                    Value thread) { buildEither(bb, l, s, entry, rows, block, thread); });
}
