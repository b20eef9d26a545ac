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
    - `@sconv_gpu_kernels` (`gpu.container_module`): one `gpu.module @sconv_kernels` with a
      `gpu.func` kernel per GPU signature (tile from `gpu_tile` or the GPU heuristic, named in the
      op's `gpu_kernel`): a 1-D grid of row blocks, threads along C_out, each thread
      `rows_per_thread` rows, no atomics (codegen/GpuGemmKernel.h). The ABI is the function's own
      signature (no outlining): the runtime launches it from the plan.
    - `@sconv_gpu_emu_kernels`: the GPU kernels' host twins (`<kernel>_emu`, block and thread
      index as arguments), for running the GPU kernels' logic in a driver emulator in tests.

    Kernel operands (every target, codegen/GemmAbi.h): `(in: memref<?xCinxT>, nbr:
    memref<?xKxi32>, w: memref<KxCinxCoutxT>, bias: memref<CoutxT>, residual: memref<?xCoutxT>,
    out: memref<?xCoutxT>)`, then `begin, end: index` (CPU) or `num_rows: index` (GPU);
    `nbr[o][k]` is the input row or -1; bias and residual are read only when the op has them.
    Epilogue: `out = act(acc + bias + residual)`.
  }];
  let options = [
    ListOption<"targets", "targets", "std::string", "Targets to generate kernels for: cpu, gpu, gpu_emu">,
  ];
  let dependentDialects = ["::mlir::arith::ArithDialect", "::mlir::func::FuncDialect", "::mlir::gpu::GPUDialect",
                           "::mlir::LLVM::LLVMDialect", "::mlir::NVVM::NVVMDialect",
                           "::mlir::math::MathDialect", "::mlir::memref::MemRefDialect", "::mlir::scf::SCFDialect",
                           "::mlir::vector::VectorDialect"];
}

def SetGpuPrecision : Pass<"sconv-set-gpu-precision", "mlir::ModuleOp"> {
  let summary = "Choose the GPU precision of every compute step that has none";
  let description = [{
    Sets `gpu_precision` on every `sconv.implicit_gemm` without one: "f16" or "bf16" runs its GPU
    kernel on tensor cores (operands rounded to that type, f32 accumulation, f32 features); "f32"
    the SIMT kernel. Steps on another GPU dataflow than the row-order implicit GEMM (fetch-on-demand,
    mask sorting, mask splitting) stay f32 (they have no tensor-core form). CPU kernels are f32
    whatever this says. `stages` (1 to 4; 0: leave it to the tuning database, else 1) also sets
    the pipeline depth `gpu_stages` of the tensor-core steps without one, and `instruction`
    ("mma_sync" or "wgmma") their `gpu_instruction`. Runs before
    `sconv-apply-tuning`, which looks up GPU tiles measured at the step's precision (and keeps
    stages set here).
  }];
  let options = [
    Option<"precision", "precision", "std::string", "\"f32\"", "f32, f16 or bf16">,
    Option<"stages", "stages", "int64_t", "0",
           "pipeline stages of the tensor-core kernels, 1 to 4 (0: tuned or 1)">,
    Option<"instruction", "instruction", "std::string", "\"\"",
           "tensor-core instruction: mma_sync or wgmma (sm_90a only); empty: tuned or mma_sync">,
  ];
}

def ApplyTuning : Pass<"sconv-apply-tuning", "mlir::ModuleOp"> {
  let summary = "Set each compute step's tile from a tuning database measured on this machine";
  let description = [{
    For every `sconv.implicit_gemm` without `tile_rows`/`tile_lanes`, looks up its class (kernel
    volume, C_in, C_out, map kind, precision) for this machine's CPU in the database written by
    sconv-tune and sets the measured best tile (rows, lanes, dataflow, thread cap: of the size
    bucket with the most samples). When the class was measured at several map sizes with
    different winners, `tile_variants` lists one tile per size bucket and the runtime picks the one
    nearest each map's size. Classes the database lacks keep the heuristic. For the GPU targets in
    `gpu-chips`, `gpu_tile` comes from a GPU of that chip in the database (the first target that
    measured the class).
    A database with no entry for this CPU is a warning (tuning is per machine); an unreadable,
    corrupted or foreign database is an error.
  }];
  let options = [
    Option<"database", "db", "std::string", "", "Path of the tuning database (JSON)">,
    ListOption<"gpuChips", "gpu-chips", "std::string",
               "GPU targets being compiled for (sm_80, ...): their measured GPU tiles apply">,
    Option<"cpuTarget", "cpu", "bool", "true",
           "CPU code is being compiled: this CPU's measured tiles apply (and their absence is "
           "warned about)">,
  ];
}

def ChooseSwLkForm : Pass<"sconv-choose-sw-lk-form", "mlir::func::FuncOp"> {
  let summary = "Choose how each SW-LK conv is computed: partition sums or one plain k^3 GEMM";
  let description = [{
    Sets `form` on every `sconv.sw_lk_conv`. Per output row with P neighbours the plain form costs
    P x C_in x C_out multiply-adds, the partition form P x C_in additions and a 27-group GEMM:
    which is faster depends on the map density and the device, so it is measured (sconv-tune) and
    read from the database: the class (k^3, C_in, C_out, kind `sw_lk`) as measured on a GPU of the
    first of `gpu-chips` the database has it for, at `gpu-precision` (the GPU is where the model
    runs when one is present), else on this CPU (at f32). Without a measurement an op keeps its
    own `form`, else gets the partition form (the contract's efficient form; docs/design.md).
    `form=partition|plain` forces one form on every SW-LK conv. Runs after
    `sconv-rewrite-large-kernel` and before `sconv-lower-to-kernel-maps`, which builds the chosen
    form. Errors as `sconv-apply-tuning`.
  }];
  let options = [
    Option<"form", "form", "std::string", "\"auto\"",
           "auto (from the database, else as given, else partition), partition or plain">,
    Option<"database", "db", "std::string", "", "Path of the tuning database (JSON)">,
    ListOption<"gpuChips", "gpu-chips", "std::string", "GPU targets being compiled for">,
    Option<"gpuPrecision", "gpu-precision", "std::string", "\"f32\"",
           "precision of the GPU kernels (f32, f16 or bf16): the GPU measurement to look up">,
  ];
}

#endif // SCONV_CODEGEN_PASSES_TD
