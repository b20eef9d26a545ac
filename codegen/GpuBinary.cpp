// See GpuBinary.h.
#include "codegen/GpuBinary.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Pass/PassManager.h"

using namespace mlir;

llvm::Expected<sconv::GpuBinary>
sconv::compileGpuKernels(ModuleOp kernels, const GpuLoweringOptions &options) {
  // Kernels built on sm_90a-only instructions (wgmma) cannot be lowered for another chip: say
  // which, instead of letting ptxas or the driver refuse the module.
  std::string needs90a;
  kernels.walk([&](gpu::GPUFuncOp f) {
    if (f->hasAttr(kRequiresSm90aAttr) && needs90a.empty())
      needs90a = f.getName().str();
  });
  if (!needs90a.empty() && options.chip != "sm_90a")
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "kernel " + needs90a +
                                       " uses wgmma, which only sm_90a has; it cannot be built "
                                       "for " + options.chip);
  PassManager pm(kernels->getContext(), ModuleOp::getOperationName());
  if (failed(buildGpuKernelLowering(pm, options)))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "cannot build the GPU lowering pipeline");
  if (failed(pm.run(kernels)))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "lowering the GPU kernels for " + options.chip + " failed");
  // One gpu.module (@sconv_kernels), serialised to one binary with one object.
  GpuBinary out{options.chip, ""};
  for (auto bin : kernels.getOps<gpu::BinaryOp>())
    for (Attribute a : bin.getObjects())
      out.data += cast<gpu::ObjectAttr>(a).getObject().getValue().str();
  return out;
}
