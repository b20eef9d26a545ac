// The two forms of every generated GPU kernel (GpuGemmKernel.h, GpuPartitionSumKernel.h): a
// `gpu.func` kernel with a fixed ABI and its host twin. One body builder serves both, so the twin
// (run in the tests' driver emulator) executes the kernel's own index arithmetic and guards.
//
//   kernel: gpu.func @name(operands..., num_rows: index) kernel {nvvm.reqntid = [threads, 1, 1]}
//           with block = gpu.block_id x, thread = gpu.thread_id x (1-D grid and block)
//   twin:   func.func @name_emu(operands..., num_rows, block, thread: index)
//           {llvm.emit_c_interface}
//
// `nvvm.reqntid` makes the block size exact (PTX .reqntid): a launch with another block size fails
// instead of leaving work undone. (Not also known_block_size: it becomes .maxntid, which ptxas
// refuses next to .reqntid.)
#pragma once

#include "mlir/IR/Builders.h"

namespace sconv {

/// Builds the body at the builder's insertion point (inside the entry block, before the
/// terminator is added): `entry` holds the operands first.
using GpuBodyBuilder = llvm::function_ref<void(mlir::OpBuilder &, mlir::Location,
                                               mlir::Block &entry, mlir::Value numRows,
                                               mlir::Value block, mlir::Value thread)>;

/// Appends the kernel at the builder's insertion point (inside a gpu.module) and returns it.
mlir::Operation *createGpuKernel(mlir::OpBuilder &b, mlir::Location loc, llvm::StringRef name,
                                 llvm::ArrayRef<mlir::Type> operands, int64_t threads,
                                 GpuBodyBuilder body);
/// Appends the twin `name + "_emu"` at the builder's insertion point (inside a builtin.module).
void createGpuTwin(mlir::OpBuilder &b, mlir::Location loc, llvm::StringRef name,
                   llvm::ArrayRef<mlir::Type> operands, GpuBodyBuilder body);
/// Declares the emulator function `name` (a private func.func the fake driver provides) at the
/// builder's insertion point, once per module: the twins' warp-wide operations call it.
void declareEmulatorHook(mlir::OpBuilder &b, mlir::Location loc, llvm::StringRef name,
                         mlir::FunctionType type);

} // namespace sconv
