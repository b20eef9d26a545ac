// Device code for NVIDIA GPUs: runs the GPU kernel lowering on a kernel module and collects the
// PTX (or cubin) of each kernel from the resulting gpu.binary ops.
#pragma once

#include "codegen/Passes.h"
#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace sconv {

/// The device code of a model for one chip: every kernel in one PTX module. The entry point of a
/// kernel is its `gpu.func` name (an implicit_gemm's `gpu_kernel` symbol).
struct GpuBinary {
  std::string chip; // sm_80, sm_90, ...
  std::string data; // PTX text (format isa) or cubin bytes (format bin)
};

/// A unit attribute on a gpu.func built on instructions only sm_90a has (wgmma): lowering the
/// module for another chip fails with the kernel's name.
inline constexpr const char *kRequiresSm90aAttr = "sconv.requires_sm_90a";

/// Lowers `kernels` (a @sconv_gpu_kernels module; modified in place) for one chip.
llvm::Expected<GpuBinary> compileGpuKernels(mlir::ModuleOp kernels,
                                            const GpuLoweringOptions &options);

} // namespace sconv
