// --sconv-fuse-epilogues: residual add and ReLU become the epilogue of the compute step.
#include "passes/Passes.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace sconv {
#define GEN_PASS_DEF_FUSEEPILOGUES
#include "passes/Passes.h.inc"
} // namespace sconv

using namespace mlir;
using namespace sconv;

namespace {

/// A compute step whose result feeds only `user`: its epilogue can absorb the user.
ImplicitGemmOp soleProducer(Value v) {
  auto g = v.getDefiningOp<ImplicitGemmOp>();
  return g && v.hasOneUse() ? g : nullptr;
}

/// The same compute step with a new residual and activation, built at `at` (where every operand
/// of the old step and the residual dominate).
ImplicitGemmOp rebuild(PatternRewriter &rw, Operation *at, ImplicitGemmOp g, Value residual,
                       Activation act) {
  rw.setInsertionPoint(at);
  return ImplicitGemmOp::create(rw, g.getLoc(), g.getType(), g.getInput(), g.getMap(),
                                g.getWeight(), g.getBias(), residual,
                                ActivationAttr::get(rw.getContext(), act), g.getKernelAttr());
}

/// add(gemm, r) or add(r, gemm) -> gemm residual r, when the gemm has no epilogue yet.
struct FuseResidualAdd : OpRewritePattern<AddOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(AddOp add, PatternRewriter &rw) const override {
    for (auto [mine, other] : {std::pair{add.getLhs(), add.getRhs()}, {add.getRhs(), add.getLhs()}}) {
      ImplicitGemmOp g = soleProducer(mine);
      if (!g || g.getResidual() || g.getActivation() != Activation::none || mine == other)
        continue;
      ImplicitGemmOp fused = rebuild(rw, add, g, other, Activation::none);
      rw.replaceOp(add, fused.getResult());
      rw.eraseOp(g);
      return success();
    }
    return rw.notifyMatchFailure(add, "no operand is a compute step free to take the add");
  }
};

/// relu(gemm) -> gemm {activation = relu}.
struct FuseRelu : OpRewritePattern<ReluOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ReluOp relu, PatternRewriter &rw) const override {
    ImplicitGemmOp g = soleProducer(relu.getInput());
    if (!g || g.getActivation() != Activation::none)
      return rw.notifyMatchFailure(relu, "input is not a compute step used only here");
    ImplicitGemmOp fused = rebuild(rw, relu, g, g.getResidual(), Activation::relu);
    rw.replaceOp(relu, fused.getResult());
    rw.eraseOp(g);
    return success();
  }
};

struct FuseEpiloguesPass : sconv::impl::FuseEpiloguesBase<FuseEpiloguesPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<FuseResidualAdd, FuseRelu>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
