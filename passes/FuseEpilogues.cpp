// --sconv-fuse-epilogues: residual add and ReLU become the epilogue of the compute step.
#include "passes/Passes.h"

#include "mlir/IR/Dominance.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace sconv {
#define GEN_PASS_DEF_FUSEEPILOGUES
#include "passes/Passes.h.inc"
} // namespace sconv

using namespace mlir;
using namespace sconv;

namespace {

/// A use that reads only the coordinates of a value (a kernel map built on its sites): an
/// epilogue changes features, never sites, so such uses do not block fusion.
bool readsOnlySites(OpOperand &use) {
  auto map = dyn_cast<KernelMapOp>(use.getOwner());
  return map && use.get() == map.getInput();
}

/// A compute step whose features feed only `user`: its epilogue can absorb the user.
ImplicitGemmOp soleProducer(Value v, Operation *user) {
  auto g = v.getDefiningOp<ImplicitGemmOp>();
  if (!g)
    return nullptr;
  for (OpOperand &use : v.getUses())
    if (use.getOwner() != user && !readsOnlySites(use))
      return nullptr;
  return g;
}

/// Replaces `consumer` and the step `g` it reads by one step with a new residual and activation.
/// The new step goes where `g` was when the residual is available there (so maps built on `g`'s
/// sites still come after it); otherwise at the consumer, if nothing but the consumer reads `g`.
LogicalResult rebuild(PatternRewriter &rw, Operation *consumer, ImplicitGemmOp g, Value residual,
                      Activation act) {
  bool atProducer = !residual || DominanceInfo().properlyDominates(residual, g);
  if (!atProducer && !g.getResult().hasOneUse())
    return rw.notifyMatchFailure(consumer, "the residual is defined after maps read the sites");
  rw.setInsertionPoint(atProducer ? g.getOperation() : consumer);
  auto fused = ImplicitGemmOp::create(rw, g.getLoc(), g.getType(), g.getInput(), g.getMap(),
                                      g.getWeight(), g.getBias(), residual,
                                      ActivationAttr::get(rw.getContext(), act), g.getKernelAttr(),
                                      g.getTileRowsAttr(), g.getTileLanesAttr(), g.getDataflowAttr(),
                                      g.getTileThreadsAttr(), g.getTileSplitsAttr(),
                                      g.getTileVariantsAttr(),
                                      g.getGpuKernelAttr(), g.getGpuTileAttr(),
                                      g.getGpuDataflowAttr(), g.getGpuSplitsAttr(),
                                      g.getGpuPrecisionAttr(), g.getGpuStagesAttr(),
                                      g.getGpuInstructionAttr());
  rw.replaceOp(consumer, fused.getResult());
  rw.replaceOp(g, fused.getResult()); // the coordinate-only readers
  return success();
}

/// add(gemm, r) or add(r, gemm) -> gemm residual r, when the gemm has no epilogue yet.
struct FuseResidualAdd : OpRewritePattern<AddOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(AddOp add, PatternRewriter &rw) const override {
    for (auto [mine, other] : {std::pair{add.getLhs(), add.getRhs()}, {add.getRhs(), add.getLhs()}}) {
      ImplicitGemmOp g = soleProducer(mine, add);
      if (!g || g.getResidual() || g.getActivation() != Activation::none || mine == other)
        continue;
      if (succeeded(rebuild(rw, add, g, other, Activation::none)))
        return success();
    }
    return rw.notifyMatchFailure(add, "no operand is a compute step free to take the add");
  }
};

/// relu(gemm) -> gemm {activation = relu}.
struct FuseRelu : OpRewritePattern<ReluOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ReluOp relu, PatternRewriter &rw) const override {
    ImplicitGemmOp g = soleProducer(relu.getInput(), relu);
    if (!g || g.getActivation() != Activation::none)
      return rw.notifyMatchFailure(relu, "input is not a compute step used only here");
    return rebuild(rw, relu, g, g.getResidual(), Activation::relu);
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
