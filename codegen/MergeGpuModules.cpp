// --sconv-merge-gpu-modules: one gpu.module per model instead of one per kernel.
#include "codegen/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"

namespace sconv {
#define GEN_PASS_DEF_MERGEGPUMODULES
#include "codegen/Passes.h.inc"
} // namespace sconv

using namespace mlir;

namespace {

struct MergeGpuModulesPass : sconv::impl::MergeGpuModulesBase<MergeGpuModulesPass> {
  void runOnOperation() override {
    ModuleOp top = getOperation();
    // Host code only launched the kernels; the runtime does that from the plan.
    for (auto f : llvm::make_early_inc_range(top.getOps<func::FuncOp>()))
      f.erase();
    SmallVector<gpu::GPUModuleOp> modules(top.getOps<gpu::GPUModuleOp>());
    if (modules.empty())
      return;
    gpu::GPUModuleOp merged = modules.front();
    merged.setSymName("sconv_kernels");
    Block &dest = merged.getBodyRegion().front();
    for (gpu::GPUModuleOp m : llvm::drop_begin(modules)) {
      Block &src = m.getBodyRegion().front();
      for (Operation &op : llvm::make_early_inc_range(src.without_terminator())) {
        if (auto sym = dyn_cast<SymbolOpInterface>(op))
          if (SymbolTable::lookupSymbolIn(merged, sym.getName())) {
            op.emitError() << "kernel '" << sym.getName() << "' is defined twice";
            return signalPassFailure();
          }
        op.moveBefore(&dest, dest.without_terminator().end());
      }
      m.erase();
    }
  }
};

} // namespace
