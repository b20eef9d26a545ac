// (De)serialisation of the execution plan with llvm::json. The parser checks every field, since a
// manifest may be corrupted or come from another version.
#include "runtime/Plan.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"

#include <cstdlib>

namespace sconv::rt {

using llvm::json::Array;
using llvm::json::Object;
using llvm::json::Value;

int64_t ParamInfo::numElements() const {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

namespace {

const std::pair<PlanOp::Kind, const char *> kOpNames[] = {
    {PlanOp::Kind::KernelMap, "kernel_map"},
    {PlanOp::Kind::TransposeMap, "transpose_map"},
    {PlanOp::Kind::ImplicitGemm, "implicit_gemm"},
    {PlanOp::Kind::PartitionSum, "partition_sum"},
    {PlanOp::Kind::Importance, "importance"},
    {PlanOp::Kind::PruneMask, "prune_mask"},
    {PlanOp::Kind::ScaleByImportance, "scale_by_importance"},
    {PlanOp::Kind::MergePruned, "merge_pruned"},
    {PlanOp::Kind::BatchNorm, "batch_norm"},
    {PlanOp::Kind::Relu, "relu"},
    {PlanOp::Kind::Add, "add"},
    {PlanOp::Kind::Concat, "concat"},
    {PlanOp::Kind::AppendOnes, "append_ones"},
    {PlanOp::Kind::ToDense, "to_dense"},
};
const std::pair<MapKind, const char *> kMapNames[] = {{MapKind::Submanifold, "submanifold"},
                                                      {MapKind::Regular, "regular"},
                                                      {MapKind::Transposed, "transposed"},
                                                      {MapKind::Sprs, "sprs"}};
const std::pair<ParamOp::Kind, const char *> kParamOpNames[] = {
    {ParamOp::Kind::FoldBatchNorm, "fold_bn"},
    {ParamOp::Kind::BatchNormAffine, "bn_affine"},
    {ParamOp::Kind::Reshape, "reshape"},
    {ParamOp::Kind::ExpandSwLk, "expand_sw_lk"}};

template <typename E, size_t N>
const char *nameOf(const std::pair<E, const char *> (&table)[N], E e) {
  for (auto &[k, n] : table)
    if (k == e)
      return n;
  return "?";
}

[[noreturn]] void malformed(const std::string &what) {
  throw Error("malformed execution plan in the compiled model: " + what);
}

/// Mask splitting needs 2 to 8 offset ranges, at most one per offset; other dataflows none
/// (codegen's checkConfig says the same for the attributes the plan came from).
void checkSplits(const std::string &dataflow, int64_t splits, int64_t volume,
                 const std::string &ctx) {
  if (dataflow == "implicit_gemm_split" ? splits < 2 || splits > 8 || splits > volume
                                        : splits != 0)
    malformed(ctx + ": " + std::to_string(splits) + " offset ranges for dataflow " + dataflow +
              " over " + std::to_string(volume) + " offsets");
}

template <typename E, size_t N>
E parseName(const std::pair<E, const char *> (&table)[N], const std::string &s,
            const std::string &ctx) {
  for (auto &[k, n] : table)
    if (s == n)
      return k;
  malformed(ctx + ": unknown kind '" + s + "'");
}

int64_t getInt(const Object &o, llvm::StringRef key, const std::string &ctx) {
  auto v = o.getInteger(key);
  if (!v)
    malformed(ctx + ": missing integer '" + key.str() + "'");
  return *v;
}

double getNum(const Object &o, llvm::StringRef key, double fallback) {
  auto v = o.getNumber(key);
  return v ? *v : fallback;
}

std::string getStr(const Object &o, llvm::StringRef key, const std::string &ctx,
                   bool optional = false) {
  auto v = o.getString(key);
  if (!v) {
    if (optional)
      return "";
    malformed(ctx + ": missing string '" + key.str() + "'");
  }
  return v->str();
}

const Object &getObj(const Value &v, const std::string &ctx) {
  if (!v.getAsObject())
    malformed(ctx + " is not an object");
  return *v.getAsObject();
}

const Array &getArr(const Object &o, llvm::StringRef key, const std::string &ctx) {
  const Array *a = o.getArray(key);
  if (!a)
    malformed(ctx + ": missing array '" + key.str() + "'");
  return *a;
}

std::vector<int64_t> getInts(const Object &o, llvm::StringRef key, const std::string &ctx) {
  std::vector<int64_t> r;
  for (const Value &v : getArr(o, key, ctx)) {
    auto x = v.getAsInteger();
    if (!x)
      malformed(ctx + ": '" + key.str() + "' entries must be integers");
    r.push_back(*x);
  }
  return r;
}

std::vector<std::string> getStrs(const Object &o, llvm::StringRef key, const std::string &ctx) {
  std::vector<std::string> r;
  for (const Value &v : getArr(o, key, ctx)) {
    auto x = v.getAsString();
    if (!x)
      malformed(ctx + ": '" + key.str() + "' entries must be strings");
    r.push_back(x->str());
  }
  return r;
}

Int3 getInt3(const Object &o, llvm::StringRef key, const std::string &ctx) {
  std::vector<int64_t> v = getInts(o, key, ctx);
  if (v.size() != 3)
    malformed(ctx + ": '" + key.str() + "' needs 3 entries");
  return {int32_t(v[0]), int32_t(v[1]), int32_t(v[2])};
}

Array int3(const Int3 &v) { return Array{v[0], v[1], v[2]}; }

PlanOp parseOp(const Object &o, const std::string &ctx, int numValues) {
  PlanOp op;
  op.kind = parseName(kOpNames, getStr(o, "op", ctx), ctx);
  op.result = int(getInt(o, "result", ctx));
  op.name = getStr(o, "name", ctx, /*optional=*/true);
  for (int64_t v : getInts(o, "inputs", ctx)) {
    if (v < -1 || v >= numValues)
      malformed(ctx + ": value number out of range");
    op.inputs.push_back(int(v));
  }
  op.params = getStrs(o, "params", ctx);
  if (auto g = o.getString("gpu_kernel")) {
    op.gpuKernel = g->str();
    op.gpuThreads = getInt(o, "gpu_threads", ctx);
    op.gpuRowsPerBlock = getInt(o, "gpu_rows_per_block", ctx);
    op.gpuDataflow = o.getString("gpu_dataflow").value_or("implicit_gemm").str();
    if (op.gpuDataflow != "implicit_gemm" && op.gpuDataflow != "fetch_on_demand" &&
        op.gpuDataflow != "implicit_gemm_sorted" && op.gpuDataflow != "implicit_gemm_split")
      malformed(ctx + ": unknown GPU dataflow '" + op.gpuDataflow + "'");
    op.gpuSplits = o.getInteger("gpu_splits").value_or(0);
    op.gpuPrecision = o.getString("gpu_precision").value_or("f32").str();
    if (op.gpuPrecision != "f32" && op.gpuPrecision != "f16" && op.gpuPrecision != "bf16")
      malformed(ctx + ": unknown GPU precision '" + op.gpuPrecision + "'");
    if (op.gpuThreads < 1 || op.gpuThreads > 1024 || op.gpuRowsPerBlock < 0 ||
        (op.kind == PlanOp::Kind::ImplicitGemm && op.gpuRowsPerBlock < 1))
      malformed(ctx + ": bad GPU launch shape");
  }
  if (op.result < 0 || op.result >= numValues || op.inputs.empty() || op.inputs[0] < 0)
    malformed(ctx + ": missing operands or result");
  switch (op.kind) {
  case PlanOp::Kind::KernelMap:
    op.mapKind = parseName(kMapNames, getStr(o, "map_kind", ctx), ctx);
    op.geometry.kind =
        op.mapKind == MapKind::Submanifold ? ConvKind::Submanifold : ConvKind::Regular;
    op.geometry.kernel = getInt3(o, "kernel", ctx);
    op.geometry.stride = getInt3(o, "stride", ctx);
    op.geometry.padding = getInt3(o, "padding", ctx);
    op.geometry.dilation = getInt3(o, "dilation", ctx);
    op.outputPadding = getInt3(o, "output_padding", ctx);
    op.geometry.validate();
    break;
  case PlanOp::Kind::ImplicitGemm:
    op.kernel = getStr(o, "gemm_kernel", ctx);
    op.volume = getInt(o, "volume", ctx);
    op.cin = getInt(o, "cin", ctx);
    op.cout = getInt(o, "cout", ctx);
    op.relu = getStr(o, "activation", ctx) == "relu";
    if (auto d = o.getString("dataflow"))
      op.dataflow = d->str();
    op.cpuThreads = o.getInteger("cpu_threads").value_or(0);
    if (op.cpuThreads < 0)
      malformed(ctx + ": negative cpu_threads");
    op.cpuSplits = o.getInteger("cpu_splits").value_or(0);
    if (const Array *vs = o.getArray("variants"))
      for (const Value &vv : *vs) {
        const Object &v = getObj(vv, ctx + " variant");
        GemmVariant g;
        g.sizeBucket = int(getInt(v, "size_bucket", ctx + " variant"));
        g.kernel = getStr(v, "kernel", ctx + " variant");
        g.dataflow = v.getString("dataflow").value_or("implicit_gemm").str();
        g.cpuThreads = v.getInteger("cpu_threads").value_or(0);
        g.cpuSplits = v.getInteger("cpu_splits").value_or(0);
        if (!isKnownDataflow(g.dataflow))
          malformed(ctx + ": unknown variant dataflow '" + g.dataflow + "'");
        checkSplits(g.dataflow, g.cpuSplits, op.volume, ctx + " variant");
        op.variants.push_back(g);
      }
    if (!isKnownDataflow(op.dataflow))
      malformed(ctx + ": unknown dataflow '" + op.dataflow + "'");
    checkSplits(op.dataflow, op.cpuSplits, op.volume, ctx);
    if (!op.gpuKernel.empty())
      checkSplits(op.gpuDataflow, op.gpuSplits, op.volume, ctx + " (GPU)");
    if (op.params.size() != 2 || op.inputs.size() != 3)
      malformed(ctx + ": implicit_gemm takes 3 inputs and 2 params");
    break;
  case PlanOp::Kind::PruneMask:
    op.ratio = getNum(o, "ratio", -1);
    op.threshold = getNum(o, "threshold", -1);
    if ((op.ratio >= 0) == (op.threshold >= 0))
      malformed(ctx + ": prune_mask needs exactly one of ratio and threshold");
    break;
  case PlanOp::Kind::BatchNorm:
    op.epsilon = getNum(o, "epsilon", 1e-3);
    break;
  case PlanOp::Kind::PartitionSum:
    op.kernelSize = getInt(o, "kernel_size", ctx);
    break;
  default:
    break;
  }
  return op;
}

std::vector<std::vector<int64_t>> getShapes(const Object &o, const std::string &ctx) {
  std::vector<std::vector<int64_t>> r;
  for (const Value &v : getArr(o, "output_shapes", ctx)) {
    std::vector<int64_t> shape;
    const Array *a = v.getAsArray();
    if (!a)
      malformed(ctx + ": output_shapes entries must be arrays");
    for (const Value &d : *a) {
      auto x = d.getAsInteger();
      if (!x || *x <= 0)
        malformed(ctx + ": shape entries must be positive integers");
      shape.push_back(*x);
    }
    r.push_back(shape);
  }
  return r;
}

} // namespace

const char *opKindName(PlanOp::Kind kind) { return nameOf(kOpNames, kind); }
const char *mapKindName(MapKind kind) { return nameOf(kMapNames, kind); }

Plan Plan::parse(const std::string &manifest) {
  auto json = llvm::json::parse(manifest);
  if (!json) {
    llvm::consumeError(json.takeError());
    malformed("manifest is not valid JSON");
  }
  const Object &root = getObj(*json, "manifest");
  Plan plan;
  for (const Value &v : getArr(root, "params", "manifest")) {
    const Object &p = getObj(v, "param");
    ParamInfo info{getStr(p, "name", "param"), getInts(p, "shape", "param")};
    for (int64_t d : info.shape)
      if (d <= 0)
        malformed("param " + info.name + ": shape entries must be positive");
    plan.params.push_back(std::move(info));
  }
  if (const Array *cs = root.getArray("constants"))
    for (const Value &v : *cs) {
      const Object &c = getObj(v, "constant");
      plan.constants.push_back({getStr(c, "name", "constant"), getInts(c, "shape", "constant"),
                                getStr(c, "section", "constant")});
    }
  if (const Array *ps = root.getArray("param_ops"))
    for (const Value &v : *ps) {
      const Object &p = getObj(v, "param op");
      ParamOp op;
      op.kind = parseName(kParamOpNames, getStr(p, "op", "param op"), "param op");
      op.inputs = getStrs(p, "inputs", "param op");
      op.outputs = getStrs(p, "outputs", "param op");
      op.outputShapes = getShapes(p, "param op");
      op.epsilon = getNum(p, "epsilon", 1e-3);
      op.kernelSize = int64_t(getNum(p, "kernel_size", 0));
      if (op.outputShapes.size() != op.outputs.size())
        malformed("param op: one output shape per output");
      if (op.kind == ParamOp::Kind::ExpandSwLk &&
          (op.inputs.size() != 2 || op.outputs.size() != 1 || op.kernelSize < 3 ||
           op.kernelSize % 2 == 0))
        malformed("param op expand_sw_lk: needs inputs [weight, pe], one output and an odd "
                  "kernel_size >= 3");
      plan.paramOps.push_back(std::move(op));
    }
  for (const Value &v : getArr(root, "entries", "manifest")) {
    const Object &e = getObj(v, "entry");
    PlanEntry entry;
    entry.name = getStr(e, "name", "entry");
    std::string ctx = "entry " + entry.name;
    entry.numValues = int(getInt(e, "num_values", ctx));
    for (const Value &iv : getArr(e, "inputs", ctx)) {
      const Object &io = getObj(iv, ctx + " input");
      entry.inputs.push_back({int(getInt(io, "value", ctx)), getInt(io, "channels", ctx),
                              getInt3(io, "stride", ctx)});
    }
    int i = 0;
    for (const Value &ov : getArr(e, "ops", ctx))
      entry.ops.push_back(
          parseOp(getObj(ov, ctx + " op"), ctx + " op " + std::to_string(i++), entry.numValues));
    for (int64_t x : getInts(e, "outputs", ctx)) {
      if (x < 0 || x >= entry.numValues)
        malformed(ctx + ": output value out of range");
      entry.outputs.push_back(int(x));
    }
    plan.entries.push_back(std::move(entry));
  }
  if (auto cpu = root.getString("cpu_section"))
    plan.cpuSection = cpu->str();
  if (auto emu = root.getString("gpu_emulation_section"))
    plan.gpuEmulationSection = emu->str();
  if (const Array *gpus = root.getArray("gpu_images"))
    for (const Value &v : *gpus) {
      const Object &g = getObj(v, "gpu image");
      plan.gpuImages.push_back({getStr(g, "chip", "gpu image"), getStr(g, "section", "gpu image")});
    }
  return plan;
}

std::string Plan::toJson() const {
  Array paramsJ, constsJ, paramOpsJ, entriesJ, gpuJ;
  for (const ParamInfo &p : params)
    paramsJ.push_back(Object{{"name", p.name}, {"shape", Array(p.shape)}});
  for (const ConstParam &c : constants)
    constsJ.push_back(
        Object{{"name", c.name}, {"shape", Array(c.shape)}, {"section", c.section}});
  for (const ParamOp &p : paramOps) {
    Array shapes;
    for (const auto &s : p.outputShapes)
      shapes.push_back(Array(s));
    paramOpsJ.push_back(Object{{"op", nameOf(kParamOpNames, p.kind)},
                               {"inputs", Array(p.inputs)},
                               {"outputs", Array(p.outputs)},
                               {"output_shapes", std::move(shapes)},
                               {"epsilon", p.epsilon}});
    if (p.kind == ParamOp::Kind::ExpandSwLk)
      paramOpsJ.back().getAsObject()->try_emplace("kernel_size", p.kernelSize);
  }
  for (const PlanEntry &e : entries) {
    Array inputs, ops;
    for (const PlanInput &in : e.inputs)
      inputs.push_back(
          Object{{"value", in.value}, {"channels", in.channels}, {"stride", int3(in.stride)}});
    for (const PlanOp &op : e.ops) {
      Object o{{"op", opKindName(op.kind)}, {"result", op.result}, {"name", op.name},
               {"inputs", Array(op.inputs)}, {"params", Array(op.params)}};
      if (!op.gpuKernel.empty()) {
        o["gpu_kernel"] = op.gpuKernel;
        o["gpu_threads"] = op.gpuThreads;
        o["gpu_rows_per_block"] = op.gpuRowsPerBlock;
        if (op.gpuDataflow != "implicit_gemm")
          o["gpu_dataflow"] = op.gpuDataflow;
        if (op.gpuSplits)
          o["gpu_splits"] = op.gpuSplits;
        if (op.gpuPrecision != "f32")
          o["gpu_precision"] = op.gpuPrecision;
      }
      switch (op.kind) {
      case PlanOp::Kind::KernelMap:
        o["map_kind"] = nameOf(kMapNames, op.mapKind);
        o["kernel"] = int3(op.geometry.kernel);
        o["stride"] = int3(op.geometry.stride);
        o["padding"] = int3(op.geometry.padding);
        o["dilation"] = int3(op.geometry.dilation);
        o["output_padding"] = int3(op.outputPadding);
        break;
      case PlanOp::Kind::ImplicitGemm:
        o["gemm_kernel"] = op.kernel;
        o["volume"] = op.volume;
        o["cin"] = op.cin;
        o["cout"] = op.cout;
        o["activation"] = op.relu ? "relu" : "none";
        o["dataflow"] = op.dataflow;
        if (op.cpuThreads)
          o["cpu_threads"] = op.cpuThreads;
        if (op.cpuSplits)
          o["cpu_splits"] = op.cpuSplits;
        if (!op.variants.empty()) {
          Array vs;
          for (const GemmVariant &g : op.variants)
            vs.push_back(Object{{"size_bucket", g.sizeBucket},
                                {"kernel", g.kernel},
                                {"dataflow", g.dataflow},
                                {"cpu_threads", g.cpuThreads},
                                {"cpu_splits", g.cpuSplits}});
          o["variants"] = std::move(vs);
        }
        break;
      case PlanOp::Kind::PruneMask:
        if (op.ratio >= 0)
          o["ratio"] = op.ratio;
        else
          o["threshold"] = op.threshold;
        break;
      case PlanOp::Kind::BatchNorm:
        o["epsilon"] = op.epsilon;
        break;
      case PlanOp::Kind::PartitionSum:
        o["kernel_size"] = op.kernelSize;
        break;
      default:
        break;
      }
      ops.push_back(std::move(o));
    }
    entriesJ.push_back(Object{{"name", e.name},
                              {"num_values", e.numValues},
                              {"inputs", std::move(inputs)},
                              {"ops", std::move(ops)},
                              {"outputs", Array(e.outputs)}});
  }
  for (const GpuImage &g : gpuImages)
    gpuJ.push_back(Object{{"chip", g.chip}, {"section", g.section}});
  Object root{{"format", "sconv-artifact"},
              {"params", std::move(paramsJ)},
              {"constants", std::move(constsJ)},
              {"param_ops", std::move(paramOpsJ)},
              {"entries", std::move(entriesJ)},
              {"gpu_images", std::move(gpuJ)},
              {"sections", Array{}}};
  if (!cpuSection.empty())
    root["cpu_section"] = cpuSection;
  if (!gpuEmulationSection.empty())
    root["gpu_emulation_section"] = gpuEmulationSection;
  return llvm::formatv("{0:2}", Value(std::move(root))).str();
}

bool isKnownDataflow(const std::string &d) {
  return d == "implicit_gemm" || d == "gather_gemm_scatter" || d == "implicit_gemm_sorted" ||
         d == "fetch_on_demand" || d == "implicit_gemm_split";
}

GemmVariant chooseVariant(const PlanOp &op, int64_t rows) {
  if (op.variants.empty())
    return {0, op.kernel, op.dataflow, op.cpuThreads, op.cpuSplits};
  int bucket = 0;
  while (bucket < 62 && (int64_t(1) << (bucket + 1)) <= rows)
    ++bucket;
  const GemmVariant *best = &op.variants.front();
  for (const GemmVariant &v : op.variants) {
    const int d = std::abs(v.sizeBucket - bucket), bd = std::abs(best->sizeBucket - bucket);
    if (d < bd || (d == bd && v.sizeBucket > best->sizeBucket))
      best = &v;
  }
  // A map more than twice as large or small as any measured one: the measurement says little
  // about it, and the heuristic generalises better (measured on KITTI, docs/benchmarks.md).
  if (std::abs(best->sizeBucket - bucket) > 1)
    return {0, op.kernel, op.dataflow, op.cpuThreads, op.cpuSplits};
  return *best;
}

const PlanEntry &Plan::entry(const std::string &name) const {
  for (const PlanEntry &e : entries)
    if (e.name == name)
      return e;
  std::string known;
  for (const PlanEntry &e : entries)
    known += (known.empty() ? "" : ", ") + e.name;
  throw Error("the compiled model has no entry point '" + name + "' (it has: " + known + ")");
}

const ParamInfo *Plan::param(const std::string &name) const {
  for (const ParamInfo &p : params)
    if (p.name == name)
      return &p;
  return nullptr;
}

ValueUses valueUses(const PlanEntry &entry) {
  ValueUses u;
  u.lastUse.assign(size_t(entry.numValues), 0);
  u.isOutput.assign(size_t(entry.numValues), false);
  for (size_t i = 0; i < entry.ops.size(); ++i)
    for (int v : entry.ops[i].inputs)
      if (v >= 0)
        u.lastUse[size_t(v)] = i;
  for (int v : entry.outputs)
    u.isOutput[size_t(v)] = true;
  return u;
}

bool inputSitesHashed(const PlanEntry &entry, size_t input) {
  // Values on the input's sites: the input, then the results of per-site ops on them. A conv's or
  // partition sum's result lies on its map's output sites (unique by construction), a dense
  // output on none.
  std::vector<bool> onInputSites(size_t(entry.numValues), false);
  onInputSites[size_t(entry.inputs.at(input).value)] = true;
  for (const PlanOp &op : entry.ops) {
    const bool fromInput = !op.inputs.empty() && op.inputs[0] >= 0 &&
                           onInputSites[size_t(op.inputs[0])];
    switch (op.kind) {
    case PlanOp::Kind::KernelMap:
      if (fromInput)
        return true;
      break;
    case PlanOp::Kind::ImplicitGemm:
    case PlanOp::Kind::PartitionSum:
    case PlanOp::Kind::TransposeMap:
    case PlanOp::Kind::ToDense:
      break;
    default:
      if (op.result >= 0)
        onInputSites[size_t(op.result)] = fromInput;
    }
  }
  return false;
}

int maskedRowsMap(const PlanEntry &entry, const PlanOp &merge) {
  if (merge.kind != PlanOp::Kind::MergePruned || merge.inputs.size() < 3)
    return -1;
  auto producer = [&](int v) -> const PlanOp * {
    for (const PlanOp &op : entry.ops)
      if (v >= 0 && op.result == v)
        return &op;
    return nullptr;
  };
  const PlanOp *gemm = producer(merge.inputs[1]);
  if (!gemm || gemm->kind != PlanOp::Kind::ImplicitGemm || gemm->inputs.size() < 2)
    return -1;
  const PlanOp *map = producer(gemm->inputs[1]);
  const bool spss = map && map->kind == PlanOp::Kind::KernelMap &&
                    map->mapKind == MapKind::Submanifold && map->inputs.size() == 2 &&
                    map->inputs[1] == merge.inputs[2];
  return spss ? map->result : -1;
}

} // namespace sconv::rt
