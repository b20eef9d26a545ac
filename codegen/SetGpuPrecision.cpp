// sconv-set-gpu-precision: see Passes.td. Precision changes results (operands are rounded), so it
// is the user's choice (sconvc --gpu-precision), never the tuner's.
#include "codegen/Passes.h"

namespace sconv {
#define GEN_PASS_DEF_SETGPUPRECISION
#include "codegen/Passes.h.inc"
} // namespace sconv

using namespace mlir;
using namespace sconv;

namespace {
struct SetGpuPrecisionPass : sconv::impl::SetGpuPrecisionBase<SetGpuPrecisionPass> {
  using SetGpuPrecisionBase::SetGpuPrecisionBase;
  void runOnOperation() override {
    // Errors at the module's location: on the module op MLIR would print the whole module after.
    auto fail = [&] { return mlir::emitError(getOperation().getLoc()); };
    if (precision != "f32" && precision != "f16" && precision != "bf16") {
      fail() << "unknown GPU precision '" << precision
                                 << "' (expected f32, f16 or bf16)";
      return signalPassFailure();
    }
    if (stages < 0 || stages > 4) {
      fail() << "pipeline stages must be 1 to 4 (0: tuned), got "
                                 << static_cast<int64_t>(stages);
      return signalPassFailure();
    }
    if (stages > 1 && precision == "f32") {
      fail() << "pipeline stages (" << static_cast<int64_t>(stages)
                                 << ") pipeline the tensor-core kernels: they need precision "
                                    "f16 or bf16, not f32";
      return signalPassFailure();
    }
    if (!instruction.empty() && instruction != "mma_sync" && instruction != "wgmma") {
      fail() << "unknown tensor-core instruction '" << instruction
             << "' (expected mma_sync or wgmma)";
      return signalPassFailure();
    }
    if (!instruction.empty() && precision == "f32") {
      fail() << "the tensor-core instruction " << instruction
             << " needs precision f16 or bf16, not f32";
      return signalPassFailure();
    }
    auto attr = StringAttr::get(&getContext(), precision);
    getOperation().walk([&](ImplicitGemmOp op) {
      if (op.getGpuPrecisionAttr())
        return;
      // Only the row-order implicit GEMM has a tensor-core form (the others keep f32).
      if (auto d = op.getGpuDataflowAttr(); d && d.getValue() != "implicit_gemm")
        return;
      op.setGpuPrecisionAttr(attr);
      if (stages > 0 && !op.getGpuStagesAttr())
        op.setGpuStagesAttr(IntegerAttr::get(IntegerType::get(&getContext(), 64), stages));
      if (!instruction.empty() && !op.getGpuInstructionAttr())
        op.setGpuInstructionAttr(StringAttr::get(&getContext(), instruction));
    });
  }
};
} // namespace
