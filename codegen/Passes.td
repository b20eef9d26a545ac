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

    - `@sconv_cpu_kernels`: rows in a `[begin, end)` range given by the runtime's thread pool, in
      blocks of `tile_rows` rows that share every weight-vector load; per row a vector accumulator
      over C_out in chunks of `tile_lanes` lanes, an `scf.for` over kernel offsets that skips
      absent neighbours, and an FMA over C_in. The tile comes from the op's attributes or the
      heuristic of codegen/KernelConfig.h, and is part of the kernel's name. The function has
      `llvm.emit_c_interface`, the ABI the runtime calls.
    - `@sconv_gpu_kernels`: one `scf.parallel` over (row, output channel) with the same reduction
      per point, for --sconv-lower-kernels-to-nvvm to tile onto blocks and threads.

    Kernel ABI (both targets): `(in: memref<?xCinxT>, nbr: memref<?xKxi32>, w: memref<KxCinxCoutxT>,
    bias: memref<CoutxT>, residual: memref<?xCoutxT>, out: memref<?xCoutxT>, begin: index,
    end: index)`; `nbr[o][k]` is the input row or -1; bias and residual are read only when the op
    has them. Epilogue: `out = act(acc + bias + residual)`.
  }];
  let options = [
    ListOption<"targets", "targets", "std::string", "Targets to generate kernels for: cpu, gpu">,
  ];
  let dependentDialects = ["::mlir::arith::ArithDialect", "::mlir::func::FuncDialect",
                           "::mlir::math::MathDialect", "::mlir::memref::MemRefDialect", "::mlir::scf::SCFDialect",
                           "::mlir::vector::VectorDialect"];
}

def ApplyTuning : Pass<"sconv-apply-tuning", "mlir::ModuleOp"> {
  let summary = "Set each compute step's tile from a tuning database measured on this machine";
  let description = [{
    For every `sconv.implicit_gemm` without `tile_rows`/`tile_lanes`, looks up its class (kernel
    volume, C_in, C_out, map kind, precision) for this machine's CPU in the database written by
    sconv-tune and sets the measured best tile. Classes the database lacks keep the heuristic.
    A database with no entry for this CPU is a warning (tuning is per machine); an unreadable,
    corrupted or foreign database is an error.
  }];
  let options = [
    Option<"database", "db", "std::string", "", "Path of the tuning database (JSON)">,
  ];
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
