// See GpuBinary.h.
#include "codegen/GpuBinary.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Pass/PassManager.h"

using namespace mlir;

llvm::Expected<std::vector<sconv::GpuKernelBinary>>
sconv::compileGpuKernels(ModuleOp kernels, const GpuLoweringOptions &options) {
  PassManager pm(kernels->getContext(), ModuleOp::getOperationName());
  if (failed(buildGpuKernelLowering(pm, options)))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "cannot build the GPU lowering pipeline");
  if (failed(pm.run(kernels)))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "lowering the GPU kernels for " + options.chip + " failed");
  std::vector<GpuKernelBinary> out;
  for (auto bin : kernels.getOps<gpu::BinaryOp>()) {
    for (Attribute a : bin.getObjects()) {
      auto obj = cast<gpu::ObjectAttr>(a);
      std::string entry = bin.getSymName().str();
      // gpu-kernel-outlining names the kernel module and function <func>_kernel.
      std::string kernel = StringRef(entry).drop_back(StringRef("_kernel").size()).str();
      out.push_back({kernel, entry, options.chip, obj.getObject().getValue().str()});
    }
  }
  return out;
}
