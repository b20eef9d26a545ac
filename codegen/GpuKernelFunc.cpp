// See GpuKernelFunc.h.
#include "codegen/GpuKernelFunc.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"

using namespace mlir;

Operation *sconv::createGpuKernel(OpBuilder &b, Location loc, StringRef name,
                                  ArrayRef<Type> operands, int64_t threads, GpuBodyBuilder body) {
  SmallVector<Type> args(operands);
  args.push_back(b.getIndexType());
  auto f = gpu::GPUFuncOp::create(b, loc, name, b.getFunctionType(args, {}));
  f->setAttr(gpu::GPUDialect::getKernelFuncAttrName(), b.getUnitAttr());
  f->setAttr("nvvm.reqntid", b.getDenseI32ArrayAttr({int32_t(threads), 1, 1}));
  OpBuilder::InsertionGuard guard(b);
  Block &entry = f.getBody().front();
  b.setInsertionPointToStart(&entry);
  Value blockId = gpu::BlockIdOp::create(b, loc, gpu::Dimension::x);
  Value threadId = gpu::ThreadIdOp::create(b, loc, gpu::Dimension::x);
  body(b, loc, entry, entry.getArgument(operands.size()), blockId, threadId);
  gpu::ReturnOp::create(b, loc);
  return f;
}

void sconv::createGpuTwin(OpBuilder &b, Location loc, StringRef name, ArrayRef<Type> operands,
                          GpuBodyBuilder body) {
  SmallVector<Type> args(operands);
  args.append(3, b.getIndexType()); // num_rows, block, thread
  auto f = func::FuncOp::create(b, loc, (name + "_emu").str(), b.getFunctionType(args, {}));
  f->setAttr("llvm.emit_c_interface", b.getUnitAttr());
  OpBuilder::InsertionGuard guard(b);
  Block *entry = f.addEntryBlock();
  b.setInsertionPointToStart(entry);
  const unsigned n = operands.size();
  body(b, loc, *entry, entry->getArgument(n), entry->getArgument(n + 1), entry->getArgument(n + 2));
  func::ReturnOp::create(b, loc);
}

void sconv::declareEmulatorHook(OpBuilder &b, Location loc, StringRef name, FunctionType type) {
  if (SymbolTable::lookupSymbolIn(b.getInsertionBlock()->getParentOp(), name))
    return;
  func::FuncOp::create(b, loc, name, type).setPrivate();
}
