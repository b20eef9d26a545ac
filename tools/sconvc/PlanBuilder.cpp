// See PlanBuilder.h.
#include "tools/sconvc/PlanBuilder.h"

#include "dialects/sconv/SConvOps.h"
#include "mlir/IR/Location.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/Path.h"

using namespace mlir;

namespace sconv {
namespace {

rt::Int3 int3(ArrayRef<int64_t> v) { return {int32_t(v[0]), int32_t(v[1]), int32_t(v[2])}; }

/// "file:line" of an op, for per-layer profiles and error messages of the runtime.
std::string opName(Operation *op) {
  Location loc = op->getLoc();
  if (auto named = dyn_cast<NameLoc>(loc))
    return named.getName().str();
  if (auto flc = dyn_cast<FileLineColLoc>(loc))
    return (llvm::sys::path::filename(flc.getFilename().getValue()) + ":" +
            Twine(flc.getLine()))
        .str();
  return op->getName().getStringRef().str();
}

/// The parameter name behind a weight/bias operand.
FailureOr<std::string> paramName(Operation *user, Value v) {
  auto w = v.getDefiningOp<WeightOp>();
  if (!w)
    return user->emitOpError() << "weights and biases must come from 'sconv.weight' (named "
                                  "parameters) to be compiled";
  return w.getName().str();
}

LogicalResult planFunc(func::FuncOp func, rt::Plan &plan) {
  rt::PlanEntry entry;
  entry.name = func.getSymName().str();
  llvm::DenseMap<Value, int> ids;
  auto idOf = [&](Value v) {
    auto [it, inserted] = ids.try_emplace(v, entry.numValues);
    if (inserted)
      ++entry.numValues;
    return it->second;
  };
  for (BlockArgument arg : func.getArguments()) {
    auto t = dyn_cast<VoxelsType>(arg.getType());
    if (!t)
      return func.emitError() << "entry '" << entry.name << "' argument #" << arg.getArgNumber()
                              << " must be a sparse voxel tensor, got " << arg.getType();
    entry.inputs.push_back({idOf(arg), t.getChannels(), int3(t.getStride())});
  }
  for (Operation &op : func.getBody().front()) {
    if (isa<WeightOp>(op))
      continue;
    if (auto map = dyn_cast<KernelMapOp>(op)) {
      rt::PlanOp p;
      p.kind = rt::PlanOp::Kind::KernelMap;
      p.input = idOf(map.getInput());
      p.result = idOf(map.getMap());
      p.geometry.kind = map.getKind() == MapKind::submanifold ? rt::ConvKind::Submanifold
                                                               : rt::ConvKind::Regular;
      p.geometry.kernel = int3(map.getKernel());
      p.geometry.stride = int3(map.getStride());
      p.geometry.padding = int3(map.getPadding());
      p.geometry.dilation = int3(map.getDilation());
      p.name = opName(&op);
      entry.ops.push_back(p);
      continue;
    }
    if (auto gemm = dyn_cast<ImplicitGemmOp>(op)) {
      if (!gemm.getKernelAttr())
        return gemm.emitOpError() << "has no generated kernel (run --sconv-generate-kernels)";
      rt::PlanOp p;
      p.kind = rt::PlanOp::Kind::ImplicitGemm;
      p.input = idOf(gemm.getInput());
      p.map = idOf(gemm.getMap());
      p.result = idOf(gemm.getResult());
      auto w = paramName(gemm, gemm.getWeight());
      if (failed(w))
        return failure();
      p.weight = *w;
      if (gemm.getBias()) {
        auto b = paramName(gemm, gemm.getBias());
        if (failed(b))
          return failure();
        p.bias = *b;
      }
      auto wt = gemm.getWeight().getType();
      p.volume = wt.getDimSize(0);
      p.cin = wt.getDimSize(1);
      p.cout = wt.getDimSize(2);
      p.relu = gemm.getActivation() == Activation::relu;
      p.kernel = gemm.getKernelAttr().getValue().str();
      p.name = opName(&op);
      entry.ops.push_back(p);
      continue;
    }
    if (auto ret = dyn_cast<func::ReturnOp>(op)) {
      for (Value v : ret.getOperands())
        entry.outputs.push_back(idOf(v));
      continue;
    }
    // Ops that neither read nor make sparse tensors (constants, ...) matter only through their
    // users, which report them (e.g. a weight that is not a named parameter).
    auto isSparse = [](Type t) { return isa<VoxelsType, KernelMapType>(t); };
    if (llvm::none_of(op.getOperandTypes(), isSparse) && llvm::none_of(op.getResultTypes(), isSparse))
      continue;
    return op.emitOpError() << "cannot be executed by the runtime yet; lower it first (e.g. "
                               "--sconv-lower-to-kernel-maps)";
  }
  plan.entries.push_back(std::move(entry));
  return success();
}

} // namespace

LogicalResult buildPlan(ModuleOp module, rt::Plan &plan) {
  llvm::StringMap<std::pair<std::vector<int64_t>, Operation *>> params;
  WalkResult r = module.walk([&](WeightOp w) {
    auto shape = w.getType().getShape();
    auto [it, inserted] =
        params.try_emplace(w.getName(), std::vector<int64_t>(shape.begin(), shape.end()),
                           w.getOperation());
    if (!inserted && it->second.first != std::vector<int64_t>(shape.begin(), shape.end())) {
      w.emitOpError() << "parameter '" << w.getName() << "' is used with two different shapes";
      return WalkResult::interrupt();
    }
    if (inserted)
      plan.params.push_back({w.getName().str(), it->second.first});
    return WalkResult::advance();
  });
  if (r.wasInterrupted())
    return failure();
  for (auto func : module.getOps<func::FuncOp>())
    if (func.isPublic() && !func.isExternal())
      if (failed(planFunc(func, plan)))
        return failure();
  if (plan.entries.empty())
    return module.emitError() << "no public function to compile: a model is a func.func taking "
                                 "and returning sparse voxel tensors";
  return success();
}

} // namespace sconv
