// --sconv-rewrite-large-kernel: group-constant k^3 SubM conv -> SW-LK partition form.
#include "passes/Passes.h"

#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace sconv {
#define GEN_PASS_DEF_REWRITELARGEKERNEL
#include "passes/Passes.h.inc"
} // namespace sconv

using namespace mlir;
using namespace sconv;

namespace {

/// SW-LK group of flat offset index `idx` of a k^3 kernel (OPERATORS.md).
int64_t groupOf(int64_t idx, int64_t k) {
  int64_t r = k / 2;
  auto seg = [](int64_t v) { return v < 0 ? 0 : v == 0 ? 1 : 2; };
  int64_t dz = idx / (k * k) - r, dy = (idx / k) % k - r, dx = idx % k - r;
  return 9 * seg(dz) + 3 * seg(dy) + seg(dx);
}

struct RewriteGroupConstant : OpRewritePattern<SubmConvOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(SubmConvOp op, PatternRewriter &rw) const override {
    ArrayRef<int64_t> kernel = op.getKernel();
    int64_t k = kernel[0];
    if (k < 5 || kernel[1] != k || kernel[2] != k)
      return rw.notifyMatchFailure(op, "not a cubic kernel of size >= 5");
    if (llvm::any_of(op.getDilation(), [](int64_t d) { return d != 1; }))
      return rw.notifyMatchFailure(op, "dilated");
    DenseElementsAttr weights;
    if (!matchPattern(op.getWeight(), m_Constant(&weights)) ||
        !weights.getElementType().isF32())
      return rw.notifyMatchFailure(op, "weights are not an f32 constant");
    auto wt = cast<RankedTensorType>(op.getWeight().getType());
    int64_t slice = wt.getDimSize(1) * wt.getDimSize(2);
    auto values = llvm::to_vector(weights.getValues<float>());
    // The first slice seen in each group is the group's weight; every other must equal it.
    std::vector<int64_t> first(27, -1);
    for (int64_t idx = 0; idx < k * k * k; ++idx) {
      int64_t g = groupOf(idx, k);
      if (first[g] < 0) {
        first[g] = idx;
        continue;
      }
      if (!std::equal(values.begin() + idx * slice, values.begin() + (idx + 1) * slice,
                      values.begin() + first[g] * slice))
        return rw.notifyMatchFailure(op, "weights differ within an SW-LK group");
    }
    std::vector<float> grouped(size_t(27 * slice));
    for (int64_t g = 0; g < 27; ++g)
      std::copy(values.begin() + first[g] * slice, values.begin() + (first[g] + 1) * slice,
                grouped.begin() + g * slice);
    auto gt = RankedTensorType::get({27, wt.getDimSize(1), wt.getDimSize(2)}, wt.getElementType());
    Value w27 = arith::ConstantOp::create(rw, op.getLoc(),
                                          DenseElementsAttr::get(gt, ArrayRef<float>(grouped)));
    rw.replaceOpWithNewOp<SwLkConvOp>(op, op.getType(), op.getInput(), w27, /*pe=*/Value(),
                                      op.getBias(), rw.getI64IntegerAttr(k),
                                      /*form=*/SwLkFormAttr());
    return success();
  }
};

struct RewriteLargeKernelPass : sconv::impl::RewriteLargeKernelBase<RewriteLargeKernelPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<RewriteGroupConstant>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
