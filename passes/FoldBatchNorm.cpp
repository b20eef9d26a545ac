// --sconv-fold-batch-norm: conv followed by inference BN -> conv with folded weights and bias.
#include "passes/Passes.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace sconv {
#define GEN_PASS_DEF_FOLDBATCHNORM
#include "passes/Passes.h.inc"
} // namespace sconv

using namespace mlir;
using namespace sconv;

namespace {

/// The conv rebuilt with new weight and bias operands (everything else unchanged), or null when
/// `op` is not a conv BN can fold into.
Operation *rebuildConv(PatternRewriter &rw, Operation *op, Value w, Value b) {
  Location loc = op->getLoc();
  Type t = op->getResult(0).getType();
  if (auto c = dyn_cast<SubmConvOp>(op))
    return SubmConvOp::create(rw, loc, t, c.getInput(), w, b, c.getKernelAttr(),
                              c.getDilationAttr());
  if (auto c = dyn_cast<ConvOp>(op))
    return ConvOp::create(rw, loc, t, c.getInput(), w, b, c.getKernelAttr(), c.getStrideAttr(),
                          c.getPaddingAttr(), c.getDilationAttr());
  if (auto c = dyn_cast<InverseConvOp>(op))
    return InverseConvOp::create(rw, loc, t, c.getInput(), c.getSites(), w, b, c.getKernelAttr(),
                                 c.getStrideAttr(), c.getPaddingAttr(), c.getDilationAttr());
  if (auto c = dyn_cast<ConvTransposeOp>(op))
    return ConvTransposeOp::create(rw, loc, t, c.getInput(), w, b, c.getKernelAttr(),
                                   c.getStrideAttr(), c.getPaddingAttr(), c.getDilationAttr(),
                                   c.getOutputPaddingAttr());
  if (auto c = dyn_cast<SwLkConvOp>(op))
    return SwLkConvOp::create(rw, loc, t, c.getInput(), w, c.getPe(), b, c.getKernelSizeAttr(),
                              c.getFormAttr());
  if (auto c = dyn_cast<SprsConvOp>(op))
    return SprsConvOp::create(rw, loc, t, c.getInput(), w, b, c.getKernelAttr(), c.getStrideAttr(),
                              c.getPaddingAttr(), c.getDilationAttr(), c.getRatioAttr(),
                              c.getThresholdAttr());
  if (auto c = dyn_cast<LinearOp>(op))
    return LinearOp::create(rw, loc, t, c.getInput(), w, b);
  return nullptr;
}

struct FoldIntoConv : OpRewritePattern<BatchNormOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(BatchNormOp bn, PatternRewriter &rw) const override {
    Operation *conv = bn.getInput().getDefiningOp();
    if (!conv || !bn.getInput().hasOneUse())
      return rw.notifyMatchFailure(bn, "input is not a conv used only by this BN");
    if (isa<SpssConvOp>(conv))
      return foldIntoSpss(bn, cast<SpssConvOp>(conv), rw);
    if (!isa<SubmConvOp, ConvOp, InverseConvOp, ConvTransposeOp, SwLkConvOp, SprsConvOp, LinearOp>(
            conv))
      return rw.notifyMatchFailure(bn, "producer is not a foldable conv");
    Value w = conv->getOperand(isa<InverseConvOp>(conv) ? 2 : 1);
    Value b = getBias(conv);
    auto [fw, fb] = fold(rw, bn, w, b);
    Operation *folded = rebuildConv(rw, conv, fw, fb);
    rw.replaceOp(bn, folded->getResult(0));
    rw.eraseOp(conv);
    return success();
  }

  static Value getBias(Operation *conv) {
    if (auto c = dyn_cast<SubmConvOp>(conv)) return c.getBias();
    if (auto c = dyn_cast<ConvOp>(conv)) return c.getBias();
    if (auto c = dyn_cast<InverseConvOp>(conv)) return c.getBias();
    if (auto c = dyn_cast<ConvTransposeOp>(conv)) return c.getBias();
    if (auto c = dyn_cast<SwLkConvOp>(conv)) return c.getBias();
    if (auto c = dyn_cast<SprsConvOp>(conv)) return c.getBias();
    if (auto c = dyn_cast<LinearOp>(conv)) return c.getBias();
    return nullptr;
  }

  /// fold_bn at the BN's position, where the BN parameters and the conv's weights all dominate.
  static std::pair<Value, Value> fold(PatternRewriter &rw, BatchNormOp bn, Value w, Value b) {
    auto wt = cast<RankedTensorType>(w.getType());
    auto bt = RankedTensorType::get({wt.getShape().back()}, wt.getElementType());
    auto f = FoldBatchNormOp::create(rw, bn.getLoc(), wt, bt, w, b, bn.getGamma(), bn.getBeta(),
                                     bn.getMean(), bn.getVar(), bn.getEpsilonAttr());
    return {f.getFoldedWeight(), f.getFoldedBias()};
  }

  /// SPSS: fold into the conv weights, and apply the same affine to the pass-through rows, which
  /// are not conv outputs (folding into the weights alone would leave them un-normalised).
  LogicalResult foldIntoSpss(BatchNormOp bn, SpssConvOp c, PatternRewriter &rw) const {
    if (c.getPtScale())
      return rw.notifyMatchFailure(bn, "SPSS already has a pass-through affine");
    auto [fw, fb] = fold(rw, bn, c.getWeight(), c.getBias());
    auto ct = bn.getGamma().getType();
    auto aff = BatchNormAffineOp::create(rw, bn.getLoc(), ct, ct, bn.getGamma(), bn.getBeta(),
                                         bn.getMean(), bn.getVar(), bn.getEpsilonAttr());
    auto folded = SpssConvOp::create(rw, c.getLoc(), c.getType(), c.getInput(), fw, fb,
                                     aff.getScale(), aff.getShift(), c.getKernelAttr(),
                                     c.getDilationAttr(), c.getRatioAttr(), c.getThresholdAttr());
    rw.replaceOp(bn, folded.getResult());
    rw.eraseOp(c);
    return success();
  }
};

struct FoldBatchNormPass : sconv::impl::FoldBatchNormBase<FoldBatchNormPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<FoldIntoConv>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
