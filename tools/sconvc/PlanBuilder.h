// Turns the host side of a compiled module (funcs of sconv.kernel_map / sconv.implicit_gemm ops
// after --sconv-generate-kernels) into the runtime's execution plan.
#pragma once

#include "mlir/IR/BuiltinOps.h"
#include "runtime/Plan.h"

namespace sconv {

/// Fills `plan.params` and `plan.entries` from every public top-level func of `module`. Emits an
/// error on the op that cannot be planned (an op with no runtime counterpart yet, a weight that is
/// not a named sconv.weight, a parameter name used with two shapes) and fails.
mlir::LogicalResult buildPlan(mlir::ModuleOp module, rt::Plan &plan);

} // namespace sconv
