// See GpuBinary.h.
#include "codegen/GpuBinary.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Pass/PassManager.h"

using namespace mlir;

llvm::Expected<sconv::GpuBinary>
sconv::compileGpuKernels(ModuleOp kernels, const GpuLoweringOptions &options) {
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
