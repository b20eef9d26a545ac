// --sconv-lower-to-kernel-maps: each conv becomes `sconv.kernel_map` + `sconv.implicit_gemm`.
#include "passes/Passes.h"

#include "dialects/sconv/SConvGeometry.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace sconv {
#define GEN_PASS_DEF_LOWERTOKERNELMAPS
#include "passes/Passes.h.inc"
} // namespace sconv

using namespace mlir;
using namespace sconv;

namespace {

/// Builds the map op and the compute op that replace one conv.
Value lowerConv(PatternRewriter &rewriter, Operation *conv, MapKind kind, Value input,
                Value weight, Value bias, ArrayRef<int64_t> kernel, ArrayRef<int64_t> stride,
                ArrayRef<int64_t> padding, ArrayRef<int64_t> dilation, Type resultType) {
  Location loc = conv->getLoc();
  auto mapType = KernelMapType::get(rewriter.getContext(), volumeOf(kernel));
  auto map = KernelMapOp::create(rewriter, loc, mapType, input,
                                 MapKindAttr::get(rewriter.getContext(), kind),
                                 rewriter.getDenseI64ArrayAttr(kernel),
                                 rewriter.getDenseI64ArrayAttr(stride),
                                 rewriter.getDenseI64ArrayAttr(padding),
                                 rewriter.getDenseI64ArrayAttr(dilation));
  auto gemm = ImplicitGemmOp::create(
      rewriter, loc, resultType, input, map, weight, bias,
      ActivationAttr::get(rewriter.getContext(), Activation::none), FlatSymbolRefAttr());
  return gemm.getResult();
}

/// SubM conv -> canonical submanifold map (stride 1, padding 0) + implicit GEMM.
struct LowerSubmConv : OpRewritePattern<SubmConvOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(SubmConvOp op, PatternRewriter &rewriter) const override {
    SmallVector<int64_t> ones = {1, 1, 1}, zeros = {0, 0, 0};
    Value y = lowerConv(rewriter, op, MapKind::submanifold, op.getInput(), op.getWeight(),
                        op.getBias(), op.getKernel(), ones, zeros, op.getDilation(),
                        op.getType());
    rewriter.replaceOp(op, y);
    return success();
  }
};

/// Regular conv -> regular map (output sites generated) + implicit GEMM.
struct LowerRegularConv : OpRewritePattern<ConvOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ConvOp op, PatternRewriter &rewriter) const override {
    Value y = lowerConv(rewriter, op, MapKind::regular, op.getInput(), op.getWeight(),
                        op.getBias(), op.getKernel(), op.getStride(), op.getPadding(),
                        op.getDilation(), op.getType());
    rewriter.replaceOp(op, y);
    return success();
  }
};

struct LowerToKernelMapsPass : sconv::impl::LowerToKernelMapsBase<LowerToKernelMapsPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateLowerToKernelMapsPatterns(patterns);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace

void sconv::populateLowerToKernelMapsPatterns(RewritePatternSet &patterns) {
  patterns.add<LowerSubmConv, LowerRegularConv>(patterns.getContext());
}
