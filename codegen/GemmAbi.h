// The operands every generated implicit-GEMM kernel takes, on every target, and small IR-building
// helpers the CPU and GPU kernel builders share.
//
// Operands, in order: in memref<?xCinxT>, nbr memref<?xKxi32> (input row of output o at offset k,
// or -1), w memref<KxCinxCoutxT>, bias memref<CoutxT>, residual memref<?xCoutxT>, out
// memref<?xCoutxT>. Bias and residual are always present (one ABI for the runtime) and read only
// when the kernel was generated with them. Targets add their own trailing operands: the CPU
// kernels a row range [begin, end), the GPU kernels the number of output rows.
#pragma once

#include "dialects/sconv/SConvOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Builders.h"

namespace sconv {

/// The six memref operand types of a kernel for K offsets, C_in -> C_out, element type `elem`.
inline llvm::SmallVector<mlir::Type> gemmOperandTypes(mlir::Builder &b, int64_t volume,
                                                      int64_t cin, int64_t cout,
                                                      mlir::Type elem) {
  int64_t dyn = mlir::ShapedType::kDynamic;
  return {mlir::MemRefType::get({dyn, cin}, elem),
          mlir::MemRefType::get({dyn, volume}, b.getI32Type()),
          mlir::MemRefType::get({volume, cin, cout}, elem),
          mlir::MemRefType::get({cout}, elem),
          mlir::MemRefType::get({dyn, cout}, elem),
          mlir::MemRefType::get({dyn, cout}, elem)};
}

/// The six memref operands by role (the first six arguments of `entry`).
struct GemmOperands {
  mlir::Value in, nbr, w, bias, residual, out;
  explicit GemmOperands(mlir::Block &entry)
      : in(entry.getArgument(0)), nbr(entry.getArgument(1)), w(entry.getArgument(2)),
        bias(entry.getArgument(3)), residual(entry.getArgument(4)), out(entry.getArgument(5)) {}
};

inline mlir::Value constIndex(mlir::OpBuilder &b, mlir::Location loc, int64_t v) {
  return mlir::arith::ConstantIndexOp::create(b, loc, v);
}

inline mlir::Value constI32(mlir::OpBuilder &b, mlir::Location loc, int32_t v) {
  return mlir::arith::ConstantIntOp::create(b, loc, v, 32);
}

inline mlir::Value zeroOf(mlir::OpBuilder &b, mlir::Location loc, mlir::Type t) {
  return mlir::arith::ConstantOp::create(b, loc, mlir::cast<mlir::TypedAttr>(b.getZeroAttr(t)));
}

/// The fused activation of an epilogue (scalar or vector).
inline mlir::Value applyActivation(mlir::OpBuilder &b, mlir::Location loc, Activation act,
                                   mlir::Value v) {
  if (act == Activation::none)
    return v;
  return mlir::arith::MaximumFOp::create(b, loc, v, zeroOf(b, loc, v.getType()));
}

} // namespace sconv
