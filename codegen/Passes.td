//===- Passes.td - sconv codegen passes ----------------------------------------------------------===//
#ifndef SCONV_CODEGEN_PASSES_TD
#define SCONV_CODEGEN_PASSES_TD

include "mlir/Pass/PassBase.td"

def GenerateKernels : Pass<"sconv-generate-kernels", "mlir::ModuleOp"> {
  let summary = "Generate tiled loop kernels for every compute step, one nested module per target";
  let description = [{
    Each `sconv.implicit_gemm` gets a kernel function, shared by every op with the same signature
    (kernel volume, C_in, C_out, element type, bias, activation), named in the op's `kernel`
    attribute. For each requested target a nested module holds that target's version:

    - `@sconv_cpu_kernels`: rows in a `[begin, end)` range given by the runtime's thread pool; for
      each row a vector accumulator over C_out (in chunks of at most `vector-width` lanes), an
      `scf.for` over kernel offsets that skips absent neighbours, and an FMA over C_in. The function
      has `llvm.emit_c_interface`, the ABI the runtime calls.
    - `@sconv_gpu_kernels`: one `scf.parallel` over (row, output channel) with the same reduction
      per point, for --sconv-lower-kernels-to-nvvm to tile onto blocks and threads.

    Kernel ABI (both targets): `(in: memref<?xCinxT>, nbr: memref<?xKxi32>, w: memref<KxCinxCoutxT>,
    bias: memref<CoutxT>, residual: memref<?xCoutxT>, out: memref<?xCoutxT>, begin: index,
    end: index)`; `nbr[o][k]` is the input row or -1; bias and residual are read only when the op
    has them. Epilogue: `out = act(acc + bias + residual)`.
  }];
  let options = [
    ListOption<"targets", "targets", "std::string", "Targets to generate kernels for: cpu, gpu">,
    Option<"vectorWidth", "vector-width", "int64_t", "64",
           "Most C_out lanes in one CPU accumulator vector">,
  ];
  let dependentDialects = ["::mlir::arith::ArithDialect", "::mlir::func::FuncDialect",
                           "::mlir::math::MathDialect", "::mlir::memref::MemRefDialect", "::mlir::scf::SCFDialect",
                           "::mlir::vector::VectorDialect"];
}

def MergeGpuModules : Pass<"sconv-merge-gpu-modules", "mlir::ModuleOp"> {
  let summary = "Gather every outlined kernel into one gpu.module and drop the host launch code";
  let description = [{
    gpu-kernel-outlining makes one gpu.module per kernel; serialised, that is one PTX module per
    kernel. Merging them gives one PTX (and one cubin) per chip, which the runtime loads once per
    model. The host functions that held the gpu.launch_func ops are removed: the sconv runtime
    launches the kernels itself from the execution plan.
  }];
  let dependentDialects = ["::mlir::gpu::GPUDialect"];
}

#endif // SCONV_CODEGEN_PASSES_TD
