// Conv geometry arithmetic shared by the verifiers and the passes (the runtime has its own copy of
// the same formulas in runtime/ConvGeometry.h, because the runtime must not depend on MLIR).
#pragma once

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Operation.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>

namespace sconv {

/// Output extent of one axis of a regular conv: floor((S + 2p - d*(k-1) - 1)/s) + 1, or
/// ShapedType::kDynamic when S is dynamic.
int64_t convOutputDim(int64_t in, int64_t kernel, int64_t stride, int64_t padding,
                      int64_t dilation);

/// Checks the per-axis geometry attributes of a conv: 3 entries each, kernel/stride/dilation > 0,
/// padding >= 0, and for submanifold convs an odd kernel. Emits an error on `op` naming the field.
mlir::LogicalResult verifyGeometry(mlir::Operation *op, llvm::ArrayRef<int64_t> kernel,
                                   llvm::ArrayRef<int64_t> stride, llvm::ArrayRef<int64_t> padding,
                                   llvm::ArrayRef<int64_t> dilation, bool submanifold);

/// Checks weight `[K, C_in, C_out]` and optional bias `[C_out]` against the input and result
/// tensor types and the kernel volume K.
mlir::LogicalResult verifyConvOperands(mlir::Operation *op, mlir::Type input, mlir::Type weight,
                                       mlir::Type bias, mlir::Type result, int64_t volume);

/// Checks a pruning specification: exactly one of ratio (in [0, 1)) and threshold (in (0, 1)).
mlir::LogicalResult verifyPruning(mlir::Operation *op, mlir::FloatAttr ratio,
                                  mlir::FloatAttr threshold);

/// Checks that `result` sits on `input`'s sites: same spatial shape and tensor stride.
mlir::LogicalResult verifySameGrid(mlir::Operation *op, mlir::Type input, mlir::Type result);

/// Checks a rank-1 per-channel parameter [channels].
mlir::LogicalResult verifyChannelParam(mlir::Operation *op, llvm::StringRef name, mlir::Type t,
                                       int64_t channels);

inline int64_t volumeOf(llvm::ArrayRef<int64_t> kernel) {
  int64_t v = 1;
  for (int64_t k : kernel)
    v *= k;
  return v;
}

} // namespace sconv
