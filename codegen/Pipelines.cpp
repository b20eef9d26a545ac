// The lowering pipelines of generated kernels: CPU kernels to the LLVM dialect, GPU kernels through
// the GPU dialect and NVVM to PTX/cubin. Written as pass lists so that sconvc, sconv-opt and the lit
// tests run exactly the same passes.
#include "codegen/Passes.h"

#include "mlir/Pass/PassRegistry.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace sconv;

// Kernels only use scf, vector, memref and arith; the order follows MLIR's own CPU pipelines
// (vector before memref so vector loads see memref descriptors, func last, casts reconciled).
static const char *kCpuPipeline =
    "convert-scf-to-cf,convert-vector-to-llvm,finalize-memref-to-llvm,convert-arith-to-llvm,"
    "convert-func-to-llvm,convert-cf-to-llvm,convert-index-to-llvm,reconcile-unrealized-casts";

LogicalResult sconv::buildCpuKernelLowering(OpPassManager &pm) {
  return parsePassPipeline(kCpuPipeline, pm);
}

LogicalResult sconv::buildGpuKernelLowering(OpPassManager &pm, const GpuLoweringOptions &o) {
  // The kernels are gpu.funcs already (GpuGemmKernel.h): attach the NVVM target, lower the one
  // gpu.module to NVVM, and serialise it (gpu-module-to-binary runs ptxas for cubins).
  std::string pipeline = llvm::formatv(
      "nvvm-attach-target{{chip={0} features={1} O=3},"
      "gpu.module(convert-scf-to-cf,convert-gpu-to-nvvm,canonicalize,reconcile-unrealized-casts),"
      "gpu-module-to-binary{{format={2}}",
      o.chip, o.features, o.format);
  return parsePassPipeline(pipeline, pm);
}

namespace {
struct NvvmPipelineOptions : PassPipelineOptions<NvvmPipelineOptions> {
  Option<std::string> chip{*this, "chip", llvm::cl::init("sm_90"), llvm::cl::desc("GPU chip")};
  Option<std::string> features{*this, "features", llvm::cl::init("+ptx80"),
                               llvm::cl::desc("PTX features")};
  Option<std::string> format{*this, "format", llvm::cl::init("isa"),
                             llvm::cl::desc("isa (PTX), bin (cubin) or fatbin")};
};
} // namespace

void sconv::registerCodegenPipelines() {
  PassPipelineRegistration<>(
      "sconv-lower-kernels-to-llvm", "Lower a CPU kernel module to the LLVM dialect",
      [](OpPassManager &pm) { (void)buildCpuKernelLowering(pm); });
  PassPipelineRegistration<NvvmPipelineOptions>(
      "sconv-lower-kernels-to-nvvm", "Lower a GPU kernel module to a gpu.binary of PTX/cubin",
      [](OpPassManager &pm, const NvvmPipelineOptions &opts) {
        GpuLoweringOptions o;
        o.chip = opts.chip;
        o.features = opts.features;
        o.format = opts.format;
        (void)buildGpuKernelLowering(pm, o);
      });
}
