// Host CPU code from the LLVM dialect: LLVM IR, optimised, compiled to a position-independent
// object, then linked into a shared object the runtime can dlopen. No JIT: a deployed program
// needs only the runtime and the artifact.
#pragma once

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/Error.h"

#include <string>

namespace sconv {

struct HostObjectOptions {
  std::string cpu = "native";   // "native" = this machine's CPU and features; or an LLVM CPU name
  unsigned optLevel = 3;
  std::string linker = "";      // C compiler driver used to link; empty = find cc, gcc or clang
};

/// Translates `module` (already in the LLVM dialect) to LLVM IR, optimises it and returns the bytes
/// of a shared object that exports its functions.
llvm::Expected<std::string> emitHostSharedObject(mlir::ModuleOp module,
                                                 const HostObjectOptions &options);

/// The LLVM IR of `module` as text, for --emit=llvm and tests.
llvm::Expected<std::string> emitHostLLVMIR(mlir::ModuleOp module, const HostObjectOptions &options);

} // namespace sconv
