// --sconv-graph-pipeline: the graph-level passes in the order that makes each one see what the
// previous one exposed (BN folding before fusion so a conv+BN+ReLU becomes one compute step; map
// sharing after lowering so every map is explicit).
#include "passes/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

void sconv::buildGraphPipeline(OpPassManager &pm, bool optimize,
                               std::unique_ptr<Pass> chooseSwLkForm) {
  OpPassManager &fpm = pm.nest<func::FuncOp>();
  if (optimize) {
    fpm.addPass(createRewriteLargeKernel());
    fpm.addPass(createFoldBatchNorm());
  }
  // After the rewrite, which creates SW-LK convs; the lowering builds the chosen form.
  if (chooseSwLkForm)
    fpm.addPass(std::move(chooseSwLkForm));
  fpm.addPass(createDecomposeSps());
  fpm.addPass(createLowerToKernelMaps());
  if (optimize) {
    fpm.addPass(createShareKernelMaps());
    fpm.addPass(createFuseEpilogues());
    fpm.addPass(createCSEPass());
  }
}

void sconv::registerGraphPipeline() {
  PassPipelineRegistration<>("sconv-graph-pipeline",
                             "Graph-level optimisation: fold, decompose, lower to kernel maps, "
                             "share maps, fuse epilogues",
                             [](OpPassManager &pm) { buildGraphPipeline(pm); });
}
