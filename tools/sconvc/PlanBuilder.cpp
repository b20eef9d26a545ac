// See PlanBuilder.h.
#include "tools/sconvc/PlanBuilder.h"

#include "codegen/GpuGemmKernel.h"
#include "codegen/GpuPartitionSumKernel.h"
#include "dialects/sconv/SConvOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Location.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/Path.h"

using namespace mlir;

namespace sconv {
namespace {

rt::Int3 int3(ArrayRef<int64_t> v) { return {int32_t(v[0]), int32_t(v[1]), int32_t(v[2])}; }

std::vector<int64_t> shapeOf(Value v) {
  auto s = cast<RankedTensorType>(v.getType()).getShape();
  return {s.begin(), s.end()};
}

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

/// Names every parameter-like value (named weights, constants, parameter-time ops), recording
/// what the runtime needs to produce it.
class ParamResolver {
public:
  ParamResolver(rt::Plan &plan, std::map<std::string, std::string> &data)
      : plan_(plan), data_(data) {}

  /// The parameter name of `v` ("" for a null optional operand), or failure with an error on
  /// `user`.
  FailureOr<std::string> name(Operation *user, Value v) {
    if (!v)
      return std::string();
    if (auto it = names_.find(v); it != names_.end())
      return it->second;
    FailureOr<std::string> r = resolve(user, v);
    if (succeeded(r))
      names_[v] = *r;
    return r;
  }

private:
  FailureOr<std::string> resolve(Operation *user, Value v) {
    Operation *def = v.getDefiningOp();
    if (auto w = dyn_cast_or_null<WeightOp>(def)) {
      std::string n = w.getName().str();
      for (const rt::ParamInfo &p : plan_.params)
        if (p.name == n) {
          if (p.shape != shapeOf(v))
            return w.emitOpError() << "parameter '" << n << "' is used with two different shapes";
          return n;
        }
      plan_.params.push_back({n, shapeOf(v)});
      return n;
    }
    DenseElementsAttr dense;
    if (def && matchPattern(v, m_Constant(&dense))) {
      if (!dense.getElementType().isF32())
        return def->emitOpError() << "constant parameters must be f32";
      std::string n = "const." + std::to_string(counter_++);
      auto vals = llvm::to_vector(dense.getValues<float>());
      data_[n] = std::string(reinterpret_cast<const char *>(vals.data()), vals.size() * 4);
      plan_.constants.push_back({n, shapeOf(v), n});
      return n;
    }
    if (auto f = dyn_cast_or_null<FoldBatchNormOp>(def))
      return paramOp(f, rt::ParamOp::Kind::FoldBatchNorm,
                     {f.getWeight(), f.getBias(), f.getGamma(), f.getBeta(), f.getMean(),
                      f.getVar()},
                     f.getEpsilon().convertToDouble(), v);
    if (auto a = dyn_cast_or_null<BatchNormAffineOp>(def))
      return paramOp(a, rt::ParamOp::Kind::BatchNormAffine,
                     {a.getGamma(), a.getBeta(), a.getMean(), a.getVar()},
                     a.getEpsilon().convertToDouble(), v);
    if (auto x = dyn_cast_or_null<ExpandSwLkOp>(def)) {
      FailureOr<std::string> n = paramOp(x, rt::ParamOp::Kind::ExpandSwLk,
                                         {x.getWeight(), x.getPe()}, 0, v);
      if (succeeded(n))
        plan_.paramOps.back().kernelSize = x.getKernelSize();
      return n;
    }
    if (def && isa<tensor::CollapseShapeOp, tensor::ExpandShapeOp>(def))
      return paramOp(def, rt::ParamOp::Kind::Reshape, {def->getOperand(0)}, 0, v);
    return user->emitOpError() << "parameters must be named 'sconv.weight's, f32 constants or "
                                  "computed from them (fold_bn, bn_affine, expand_sw_lk, reshapes) to be "
                                  "compiled";
  }

  /// Emits a parameter op once for all its results; returns the name of result `v`.
  FailureOr<std::string> paramOp(Operation *op, rt::ParamOp::Kind kind, ArrayRef<Value> inputs,
                                 double eps, Value v) {
    rt::ParamOp p;
    p.kind = kind;
    p.epsilon = eps;
    for (Value in : inputs) {
      FailureOr<std::string> n = name(op, in);
      if (failed(n))
        return failure();
      p.inputs.push_back(*n);
    }
    std::string base = op->getName().stripDialect().str() + "." + std::to_string(counter_++);
    for (OpResult r : op->getResults()) {
      std::string n = base + "." + std::to_string(r.getResultNumber());
      names_[r] = n;
      p.outputs.push_back(n);
      p.outputShapes.push_back(shapeOf(r));
    }
    plan_.paramOps.push_back(std::move(p));
    return names_[v];
  }

  rt::Plan &plan_;
  std::map<std::string, std::string> &data_;
  llvm::DenseMap<Value, std::string> names_;
  int counter_ = 0;
};

class EntryPlanner {
public:
  EntryPlanner(ParamResolver &params) : params_(params) {}

  LogicalResult plan(func::FuncOp func, rt::PlanEntry &entry) {
    entry_ = &entry;
    entry.name = func.getSymName().str();
    for (BlockArgument arg : func.getArguments()) {
      auto t = dyn_cast<VoxelsType>(arg.getType());
      if (!t)
        return func.emitError() << "entry '" << entry.name << "' argument #" << arg.getArgNumber()
                                << " must be a sparse voxel tensor, got " << arg.getType();
      entry.inputs.push_back({id(arg), t.getChannels(), int3(t.getStride())});
    }
    for (Operation &op : func.getBody().front())
      if (failed(planOp(op)))
        return failure();
    return success();
  }

private:
  int id(Value v) {
    if (!v)
      return -1;
    auto [it, inserted] = ids_.try_emplace(v, entry_->numValues);
    if (inserted)
      ++entry_->numValues;
    return it->second;
  }

  LogicalResult add(Operation *op, rt::PlanOp::Kind kind, ArrayRef<Value> inputs,
                    ArrayRef<Value> params, rt::PlanOp p = {}) {
    p.kind = kind;
    p.name = opName(op);
    for (Value v : inputs)
      p.inputs.push_back(id(v));
    for (Value v : params) {
      FailureOr<std::string> n = params_.name(op, v);
      if (failed(n))
        return failure();
      p.params.push_back(*n);
    }
    p.result = id(op->getResult(0));
    entry_->ops.push_back(std::move(p));
    return success();
  }

  LogicalResult planOp(Operation &op) {
    using K = rt::PlanOp::Kind;
    if (auto m = dyn_cast<KernelMapOp>(op)) {
      rt::PlanOp p;
      switch (m.getKind()) {
      case MapKind::submanifold: p.mapKind = rt::MapKind::Submanifold; break;
      case MapKind::regular: p.mapKind = rt::MapKind::Regular; break;
      case MapKind::transposed: p.mapKind = rt::MapKind::Transposed; break;
      case MapKind::sprs: p.mapKind = rt::MapKind::Sprs; break;
      }
      p.geometry.kind = m.getKind() == MapKind::submanifold ? rt::ConvKind::Submanifold
                                                             : rt::ConvKind::Regular;
      p.geometry.kernel = int3(m.getKernel());
      p.geometry.stride = int3(m.getStride());
      p.geometry.padding = int3(m.getPadding());
      p.geometry.dilation = int3(m.getDilation());
      if (auto op = m.getOutputPadding())
        p.outputPadding = int3(*op);
      SmallVector<Value> in = {m.getInput()};
      if (m.getMask())
        in.push_back(m.getMask());
      return add(m, K::KernelMap, in, {}, p);
    }
    if (auto t = dyn_cast<TransposeMapOp>(op))
      return add(t, K::TransposeMap, {t.getMap()}, {});
    if (auto g = dyn_cast<ImplicitGemmOp>(op)) {
      if (!g.getKernelAttr())
        return g.emitOpError() << "has no generated kernel (run --sconv-generate-kernels)";
      rt::PlanOp p;
      auto wt = g.getWeight().getType();
      p.volume = wt.getDimSize(0);
      p.cin = wt.getDimSize(1);
      p.cout = wt.getDimSize(2);
      p.relu = g.getActivation() == Activation::relu;
      p.kernel = g.getKernelAttr().getValue().str();
      if (auto d = g.getDataflowAttr())
        p.dataflow = d.getValue().str();
      if (auto t = g.getTileThreadsAttr())
        p.cpuThreads = t.getInt();
      if (auto t = g.getTileSplitsAttr())
        p.cpuSplits = t.getInt();
      if (auto variants = g.getTileVariantsAttr())
        for (Attribute a : variants) {
          auto d = cast<DictionaryAttr>(a);
          auto kernel = d.getAs<FlatSymbolRefAttr>("kernel");
          if (!kernel)
            return g.emitOpError() << "has a tile variant without a generated kernel";
          rt::GemmVariant v;
          v.sizeBucket = int(d.getAs<IntegerAttr>("size_bucket").getInt());
          v.kernel = kernel.getValue().str();
          if (auto df = d.getAs<StringAttr>("dataflow"))
            v.dataflow = df.getValue().str();
          if (auto t = d.getAs<IntegerAttr>("tile_threads"))
            v.cpuThreads = t.getInt();
          if (auto t = d.getAs<IntegerAttr>("tile_splits"))
            v.cpuSplits = t.getInt();
          p.variants.push_back(v);
        }
      if (auto k = g.getGpuKernelAttr()) {
        GpuGemmSignature sig = GpuGemmSignature::of(g);
        p.gpuKernel = k.getValue().str();
        p.gpuThreads = sig.tile.threads();
        p.gpuRowsPerBlock = sig.tile.rowsPerBlock();
        p.gpuDataflow = sig.tile.dataflow;
        p.gpuSplits = sig.tile.splits;
        p.gpuPrecision = sig.tile.precision;
      }
      return add(g, K::ImplicitGemm, {g.getInput(), g.getMap(), g.getResidual()},
                 {g.getWeight(), g.getBias()}, p);
    }
    if (auto s = dyn_cast<PartitionSumOp>(op)) {
      rt::PlanOp p;
      p.kernelSize = s.getKernelSize();
      if (auto k = s.getGpuKernelAttr()) {
        p.gpuKernel = k.getValue().str();
        p.gpuThreads = GpuPartitionSumSignature::kThreads;
        p.gpuRowsPerBlock = 0; // one thread per (row, group, channel): see GpuPartitionSumKernel.h
      }
      return add(s, K::PartitionSum, {s.getInput(), s.getMap()}, {s.getPe()}, p);
    }
    if (auto i = dyn_cast<ImportanceOp>(op))
      return add(i, K::Importance, {i.getInput()}, {});
    if (auto m = dyn_cast<PruneMaskOp>(op)) {
      rt::PlanOp p;
      if (auto r = m.getRatioAttr())
        p.ratio = r.getValueAsDouble();
      if (auto t = m.getThresholdAttr())
        p.threshold = t.getValueAsDouble();
      return add(m, K::PruneMask, {m.getImportance()}, {}, p);
    }
    if (auto s = dyn_cast<ScaleByImportanceOp>(op))
      return add(s, K::ScaleByImportance, {s.getInput(), s.getImportance()}, {});
    if (auto m = dyn_cast<MergePrunedOp>(op))
      return add(m, K::MergePruned, {m.getPassthrough(), m.getComputed(), m.getMask()},
                 {m.getScale(), m.getShift()});
    if (auto b = dyn_cast<BatchNormOp>(op)) {
      rt::PlanOp p;
      p.epsilon = b.getEpsilon().convertToDouble();
      return add(b, K::BatchNorm, {b.getInput()},
                 {b.getGamma(), b.getBeta(), b.getMean(), b.getVar()}, p);
    }
    if (auto r = dyn_cast<ReluOp>(op))
      return add(r, K::Relu, {r.getInput()}, {});
    if (auto a = dyn_cast<AddOp>(op))
      return add(a, K::Add, {a.getLhs(), a.getRhs()}, {});
    if (auto c = dyn_cast<ConcatOp>(op))
      return add(c, K::Concat, {c.getLhs(), c.getRhs()}, {});
    if (auto a = dyn_cast<AppendOnesOp>(op))
      return add(a, K::AppendOnes, {a.getInput()}, {});
    if (auto d = dyn_cast<ToDenseOp>(op))
      return add(d, K::ToDense, {d.getInput()}, {});
    if (auto ret = dyn_cast<func::ReturnOp>(op)) {
      for (Value v : ret.getOperands())
        entry_->outputs.push_back(id(v));
      return success();
    }
    // Ops that neither read nor make sparse tensors (weights, constants, parameter-time ops)
    // are planned when a consumer needs them.
    auto isSparse = [](Type t) { return isa<VoxelsType, KernelMapType>(t); };
    if (llvm::none_of(op.getOperandTypes(), isSparse) &&
        llvm::none_of(op.getResultTypes(), isSparse))
      return success();
    return op.emitOpError() << "cannot be executed by the runtime; lower it first "
                               "(--sconv-graph-pipeline)";
  }

  ParamResolver &params_;
  rt::PlanEntry *entry_ = nullptr;
  llvm::DenseMap<Value, int> ids_;
};

} // namespace

LogicalResult buildPlan(ModuleOp module, rt::Plan &plan,
                        std::map<std::string, std::string> &constantData) {
  ParamResolver params(plan, constantData);
  for (auto func : module.getOps<func::FuncOp>()) {
    if (!func.isPublic() || func.isExternal())
      continue;
    rt::PlanEntry entry;
    EntryPlanner planner(params);
    if (failed(planner.plan(func, entry)))
      return failure();
    plan.entries.push_back(std::move(entry));
  }
  if (plan.entries.empty())
    return module.emitError() << "no public function to compile: a model is a func.func taking "
                                 "and returning sparse voxel tensors";
  return success();
}

} // namespace sconv
