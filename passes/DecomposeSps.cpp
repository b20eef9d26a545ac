// --sconv-decompose-sps: SPSS/SPRS into importance, mask, restricted conv, merge.
#include "passes/Passes.h"

#include "dialects/sconv/SConvGeometry.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace sconv {
#define GEN_PASS_DEF_DECOMPOSESPS
#include "passes/Passes.h.inc"
} // namespace sconv

using namespace mlir;
using namespace sconv;

namespace {

/// A one-channel tensor on `like`'s grid (importance statistics and masks).
VoxelsType oneChannel(VoxelsType like) {
  return VoxelsType::get(like.getContext(), 1, like.getElementType(), like.getSpatialShape(),
                         like.getStride());
}

/// importance + prune_mask of `x`: (m, mask).
std::pair<Value, Value> importanceSplit(PatternRewriter &rw, Location loc, Value x,
                                        FloatAttr ratio, FloatAttr threshold) {
  VoxelsType one = oneChannel(cast<VoxelsType>(x.getType()));
  Value m = ImportanceOp::create(rw, loc, one, x);
  Value mask = PruneMaskOp::create(rw, loc, one, m, ratio, threshold);
  return {m, mask};
}

Value buildMap(PatternRewriter &rw, Location loc, Value input, Value mask, MapKind kind,
               ArrayRef<int64_t> kernel, ArrayRef<int64_t> stride, ArrayRef<int64_t> padding,
               ArrayRef<int64_t> dilation) {
  MLIRContext *ctx = rw.getContext();
  return KernelMapOp::create(rw, loc, KernelMapType::get(ctx, volumeOf(kernel)), input, mask,
                             MapKindAttr::get(ctx, kind), rw.getDenseI64ArrayAttr(kernel),
                             rw.getDenseI64ArrayAttr(stride), rw.getDenseI64ArrayAttr(padding),
                             rw.getDenseI64ArrayAttr(dilation), DenseI64ArrayAttr());
}

Value gemm(PatternRewriter &rw, Location loc, Type t, Value x, Value map, Value w, Value b) {
  return ImplicitGemmOp::create(rw, loc, t, x, map, w, b);
}

struct DecomposeSpss : OpRewritePattern<SpssConvOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(SpssConvOp op, PatternRewriter &rw) const override {
    Location loc = op.getLoc();
    auto [m, mask] = importanceSplit(rw, loc, op.getInput(), op.getRatioAttr(),
                                     op.getThresholdAttr());
    Value scaled = ScaleByImportanceOp::create(rw, loc, op.getInput().getType(), op.getInput(), m);
    // Outputs: the important sites only; neighbours: every site (important or pruned).
    Value map = buildMap(rw, loc, scaled, mask, MapKind::submanifold, op.getKernel(), {1, 1, 1},
                         {0, 0, 0}, op.getDilation());
    Value computed = gemm(rw, loc, op.getType(), scaled, map, op.getWeight(), op.getBias());
    Value merged = MergePrunedOp::create(rw, loc, op.getType(), scaled, computed, mask,
                                         op.getPtScale(), op.getPtShift());
    rw.replaceOp(op, merged);
    return success();
  }
};

struct DecomposeSprs : OpRewritePattern<SprsConvOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(SprsConvOp op, PatternRewriter &rw) const override {
    Location loc = op.getLoc();
    auto [m, mask] = importanceSplit(rw, loc, op.getInput(), op.getRatioAttr(),
                                     op.getThresholdAttr());
    (void)m;
    Value map = buildMap(rw, loc, op.getInput(), mask, MapKind::sprs, op.getKernel(),
                         op.getStride(), op.getPadding(), op.getDilation());
    rw.replaceOp(op, gemm(rw, loc, op.getType(), op.getInput(), map, op.getWeight(), op.getBias()));
    return success();
  }
};

struct DecomposeSpsPass : sconv::impl::DecomposeSpsBase<DecomposeSpsPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<DecomposeSpss, DecomposeSprs>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
