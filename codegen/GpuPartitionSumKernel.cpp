// See GpuPartitionSumKernel.h.
#include "codegen/GpuPartitionSumKernel.h"

#include "codegen/GemmAbi.h"
#include "codegen/GpuKernelFunc.h"

#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace sconv;

GpuPartitionSumSignature GpuPartitionSumSignature::of(PartitionSumOp op) {
  return {int64_t(op.getKernelSize()), op.getInput().getType().getChannels(), bool(op.getPe())};
}

std::string GpuPartitionSumSignature::name() const {
  return llvm::formatv("sconv_gpu_psum_k{0}_c{1}{2}", kernelSize, channels, hasPe ? "_pe" : "")
      .str();
}

namespace {

SmallVector<Type> operandTypes(Builder &b, const GpuPartitionSumSignature &s) {
  int64_t dyn = ShapedType::kDynamic, K = s.kernelSize * s.kernelSize * s.kernelSize;
  Type f32 = b.getF32Type();
  return {MemRefType::get({dyn, s.channels}, f32), MemRefType::get({dyn, K}, b.getI32Type()),
          MemRefType::get({K, s.channels}, f32), MemRefType::get({dyn, 27 * s.channels}, f32)};
}

/// Of segment 0 (below the centre), 1 (the centre) or 2 (above), the kernel positions [lo, hi).
std::pair<Value, Value> segmentRange(OpBuilder &b, Location loc, Value seg, int64_t k) {
  const int64_t h = k / 2;
  Value c0 = constIndex(b, loc, 0), c1 = constIndex(b, loc, 1);
  Value isBelow = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, seg, c0);
  Value isCentre = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, seg, c1);
  Value lo = arith::SelectOp::create(
      b, loc, isBelow, c0,
      arith::SelectOp::create(b, loc, isCentre, constIndex(b, loc, h), constIndex(b, loc, h + 1)));
  Value hi = arith::SelectOp::create(
      b, loc, isBelow, constIndex(b, loc, h),
      arith::SelectOp::create(b, loc, isCentre, constIndex(b, loc, h + 1), constIndex(b, loc, k)));
  return {lo, hi};
}

void buildBody(OpBuilder &b, Location loc, const GpuPartitionSumSignature &s, Block &entry,
               Value numRows, Value blockId, Value threadId) {
  Value in = entry.getArgument(0), nbr = entry.getArgument(1), pe = entry.getArgument(2),
        out = entry.getArgument(3);
  const int64_t k = s.kernelSize, C = s.channels, centre = (k * k * k) / 2;
  Value c1 = constIndex(b, loc, 1), cC = constIndex(b, loc, C), c3 = constIndex(b, loc, 3),
        c27 = constIndex(b, loc, 27), ck = constIndex(b, loc, k);
  Value flat = arith::AddIOp::create(
      b, loc, arith::MulIOp::create(b, loc, blockId, constIndex(b, loc, s.kThreads)), threadId);
  Value c = arith::RemUIOp::create(b, loc, flat, cC);
  Value rest = arith::DivUIOp::create(b, loc, flat, cC);
  Value g = arith::RemUIOp::create(b, loc, rest, c27);
  Value o = arith::DivUIOp::create(b, loc, rest, c27);
  Value inRange = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ult, o, numRows);
  auto guard = scf::IfOp::create(b, loc, inRange, /*withElseRegion=*/false);
  OpBuilder::InsertionGuard ig(b);
  b.setInsertionPointToStart(guard.thenBlock());

  // g = 9 * seg(z) + 3 * seg(y) + seg(x).
  auto [zLo, zHi] = segmentRange(b, loc, arith::DivUIOp::create(b, loc, g, constIndex(b, loc, 9)), k);
  auto [yLo, yHi] = segmentRange(
      b, loc, arith::RemUIOp::create(b, loc, arith::DivUIOp::create(b, loc, g, c3), c3), k);
  auto [xLo, xHi] = segmentRange(b, loc, arith::RemUIOp::create(b, loc, g, c3), k);

  Type f64 = b.getF64Type();
  Value zero = zeroOf(b, loc, f64);
  Value cCentre = constIndex(b, loc, centre);
  Value zero32 = arith::ConstantIntOp::create(b, loc, 0, 32);
  // Positions z, y, x ascending: kernel positions idx = (z * k + y) * k + x in increasing order.
  auto zLoop = scf::ForOp::create(
      b, loc, zLo, zHi, c1, ValueRange{zero}, [&](OpBuilder &zb, Location l, Value z, ValueRange za) {
        auto yLoop = scf::ForOp::create(
            zb, l, yLo, yHi, c1, za, [&](OpBuilder &yb, Location l2, Value y, ValueRange ya) {
              auto xLoop = scf::ForOp::create(
                  yb, l2, xLo, xHi, c1, ya,
                  [&](OpBuilder &xb, Location l3, Value x, ValueRange xa) {
                    Value idx = arith::AddIOp::create(
                        xb, l3,
                        arith::MulIOp::create(
                            xb, l3,
                            arith::AddIOp::create(xb, l3, arith::MulIOp::create(xb, l3, z, ck), y),
                            ck),
                        x);
                    Value i32 = memref::LoadOp::create(xb, l3, nbr, ValueRange{o, idx});
                    Value has = arith::CmpIOp::create(xb, l3, arith::CmpIPredicate::sge, i32, zero32);
                    auto add = scf::IfOp::create(
                        xb, l3, has,
                        [&](OpBuilder &tb, Location tl) {
                          Value i = arith::IndexCastOp::create(tb, tl, tb.getIndexType(), i32);
                          Value v = arith::ExtFOp::create(
                              tb, tl, f64, memref::LoadOp::create(tb, tl, in, ValueRange{i, c}).getResult());
                          if (s.hasPe) {
                            // The centre is the site itself: no position embedding.
                            Value notCentre = arith::CmpIOp::create(
                                tb, tl, arith::CmpIPredicate::ne, idx, cCentre);
                            Value p = arith::ExtFOp::create(
                                tb, tl, f64, memref::LoadOp::create(tb, tl, pe, ValueRange{idx, c}).getResult());
                            v = arith::AddFOp::create(
                                tb, tl, v,
                                arith::SelectOp::create(tb, tl, notCentre, p, zeroOf(tb, tl, f64)));
                          }
                          scf::YieldOp::create(tb, tl,
                                               Value(arith::AddFOp::create(tb, tl, xa[0], v)));
                        },
                        [&](OpBuilder &eb, Location el) { scf::YieldOp::create(eb, el, xa[0]); });
                    scf::YieldOp::create(xb, l3, add.getResults());
                  });
              scf::YieldOp::create(yb, l2, xLoop.getResults());
            });
        scf::YieldOp::create(zb, l, yLoop.getResults());
      });
  Value sum = arith::TruncFOp::create(b, loc, b.getF32Type(), zLoop.getResult(0));
  Value col = arith::AddIOp::create(b, loc, arith::MulIOp::create(b, loc, g, cC), c);
  memref::StoreOp::create(b, loc, sum, out, ValueRange{o, col});
}

} // namespace

void sconv::createGpuPartitionSumKernel(OpBuilder &b, Location loc,
                                        const GpuPartitionSumSignature &s) {
  createGpuKernel(b, loc, s.name(), operandTypes(b, s), s.kThreads,
                  [&](OpBuilder &bb, Location l, Block &entry, Value rows, Value block,
                      Value thread) { buildBody(bb, l, s, entry, rows, block, thread); });
}

void sconv::createGpuPartitionSumTwin(OpBuilder &b, Location loc,
                                      const GpuPartitionSumSignature &s) {
  createGpuTwin(b, loc, s.name(), operandTypes(b, s),
                [&](OpBuilder &bb, Location l, Block &entry, Value rows, Value block,
                    Value thread) { buildBody(bb, l, s, entry, rows, block, thread); });
}
