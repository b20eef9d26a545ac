// Turns the host side of a compiled module (funcs at the kernel-map level, after the graph
// pipeline and --sconv-generate-kernels) into the runtime's execution plan.
#pragma once

#include "mlir/IR/BuiltinOps.h"
#include "runtime/Plan.h"

#include <map>

namespace sconv {

/// Fills the plan's parameters, constants, parameter ops and entries from every public top-level
/// func of `module`; `constantData` receives the float32 bytes of each embedded constant, by its
/// section name. Emits an error on the op that cannot be planned and fails.
mlir::LogicalResult buildPlan(mlir::ModuleOp module, rt::Plan &plan,
                              std::map<std::string, std::string> &constantData);

} // namespace sconv
