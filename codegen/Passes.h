// Codegen passes and pipelines: kernel generation and the lowering of kernels to LLVM (CPU) and
// NVVM/PTX (GPU).
#pragma once

#include "dialects/sconv/SConvOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassManager.h"

namespace sconv {

#define GEN_PASS_DECL
#include "codegen/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "codegen/Passes.h.inc"

/// Name of the nested module holding the kernels of `target` ("cpu", "gpu" or "gpu_emu").
std::string kernelModuleName(llvm::StringRef target);

/// Options of the GPU kernel lowering.
struct GpuLoweringOptions {
  std::string chip = "sm_90";      // sm_80, sm_90, sm_90a, ...
  std::string features = "+ptx80"; // PTX ISA version; CUDA 13's ptxas rejects the +ptx60 default
  std::string format = "isa";      // gpu-module-to-binary format: isa (PTX), bin (cubin), fatbin
};

/// The lowering of a CPU kernel module (the nested @sconv_cpu_kernels) to the LLVM dialect.
mlir::LogicalResult buildCpuKernelLowering(mlir::OpPassManager &pm);
/// The lowering of a GPU kernel module to gpu.binary (PTX or cubin) for one chip.
mlir::LogicalResult buildGpuKernelLowering(mlir::OpPassManager &pm,
                                           const GpuLoweringOptions &options);
/// Registers --sconv-lower-kernels-to-llvm and --sconv-lower-kernels-to-nvvm for sconv-opt.
void registerCodegenPipelines();

} // namespace sconv
