// (De)serialisation of the execution plan with llvm::json. The parser checks every field, since a
// manifest may be corrupted or come from another version.
#include "runtime/Plan.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"

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

[[noreturn]] void malformed(const std::string &what) {
  throw Error("malformed execution plan in the compiled model: " + what);
}

int64_t getInt(const Object &o, llvm::StringRef key, const std::string &ctx) {
  auto v = o.getInteger(key);
  if (!v)
    malformed(ctx + ": missing integer '" + key.str() + "'");
  return *v;
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

Int3 getInt3(const Object &o, llvm::StringRef key, const std::string &ctx) {
  const Array &a = getArr(o, key, ctx);
  if (a.size() != 3)
    malformed(ctx + ": '" + key.str() + "' needs 3 entries");
  Int3 r;
  for (int i = 0; i < 3; ++i) {
    auto v = a[i].getAsInteger();
    if (!v)
      malformed(ctx + ": '" + key.str() + "' entries must be integers");
    r[i] = int32_t(*v);
  }
  return r;
}

Array int3(const Int3 &v) { return Array{v[0], v[1], v[2]}; }

PlanOp parseOp(const Object &o, const std::string &ctx, int numValues) {
  PlanOp op;
  std::string kind = getStr(o, "op", ctx);
  op.result = int(getInt(o, "result", ctx));
  op.input = int(getInt(o, "input", ctx));
  op.name = getStr(o, "name", ctx, /*optional=*/true);
  if (op.result < 0 || op.result >= numValues || op.input < 0 || op.input >= numValues)
    malformed(ctx + ": value number out of range");
  if (kind == "kernel_map") {
    op.kind = PlanOp::Kind::KernelMap;
    std::string mk = getStr(o, "kind", ctx);
    if (mk == "submanifold")
      op.geometry.kind = ConvKind::Submanifold;
    else if (mk == "regular")
      op.geometry.kind = ConvKind::Regular;
    else
      malformed(ctx + ": unknown map kind '" + mk + "'");
    op.geometry.kernel = getInt3(o, "kernel", ctx);
    op.geometry.stride = getInt3(o, "stride", ctx);
    op.geometry.padding = getInt3(o, "padding", ctx);
    op.geometry.dilation = getInt3(o, "dilation", ctx);
    op.geometry.validate();
  } else if (kind == "implicit_gemm") {
    op.kind = PlanOp::Kind::ImplicitGemm;
    op.map = int(getInt(o, "map", ctx));
    if (op.map < 0 || op.map >= numValues)
      malformed(ctx + ": map value out of range");
    op.weight = getStr(o, "weight", ctx);
    op.bias = getStr(o, "bias", ctx, /*optional=*/true);
    op.kernel = getStr(o, "kernel", ctx);
    op.volume = getInt(o, "volume", ctx);
    op.cin = getInt(o, "cin", ctx);
    op.cout = getInt(o, "cout", ctx);
    op.relu = getStr(o, "activation", ctx) == "relu";
  } else {
    malformed(ctx + ": unknown op '" + kind + "'");
  }
  return op;
}

} // namespace

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
    ParamInfo info;
    info.name = getStr(p, "name", "param");
    for (const Value &d : getArr(p, "shape", "param " + info.name)) {
      auto x = d.getAsInteger();
      if (!x || *x <= 0)
        malformed("param " + info.name + ": shape entries must be positive integers");
      info.shape.push_back(*x);
    }
    plan.params.push_back(std::move(info));
  }
  for (const Value &v : getArr(root, "entries", "manifest")) {
    const Object &e = getObj(v, "entry");
    PlanEntry entry;
    entry.name = getStr(e, "name", "entry");
    std::string ctx = "entry " + entry.name;
    entry.numValues = int(getInt(e, "num_values", ctx));
    for (const Value &iv : getArr(e, "inputs", ctx)) {
      const Object &io = getObj(iv, ctx + " input");
      PlanInput in;
      in.value = int(getInt(io, "value", ctx));
      in.channels = getInt(io, "channels", ctx);
      in.stride = getInt3(io, "stride", ctx);
      entry.inputs.push_back(in);
    }
    int i = 0;
    for (const Value &ov : getArr(e, "ops", ctx))
      entry.ops.push_back(
          parseOp(getObj(ov, ctx + " op"), ctx + " op " + std::to_string(i++), entry.numValues));
    for (const Value &ov : getArr(e, "outputs", ctx)) {
      auto x = ov.getAsInteger();
      if (!x || *x < 0 || *x >= entry.numValues)
        malformed(ctx + ": output value out of range");
      entry.outputs.push_back(int(*x));
    }
    plan.entries.push_back(std::move(entry));
  }
  if (auto cpu = root.getString("cpu_section"))
    plan.cpuSection = cpu->str();
  if (const Array *gpus = root.getArray("gpu_images"))
    for (const Value &v : *gpus) {
      const Object &g = getObj(v, "gpu image");
      plan.gpuImages.push_back({getStr(g, "chip", "gpu image"), getStr(g, "section", "gpu image")});
    }
  return plan;
}

std::string Plan::toJson() const {
  Array paramsJ, entriesJ, gpuJ;
  for (const ParamInfo &p : params)
    paramsJ.push_back(Object{{"name", p.name}, {"shape", Array(p.shape)}});
  for (const PlanEntry &e : entries) {
    Array inputs, ops, outputs(e.outputs);
    for (const PlanInput &in : e.inputs)
      inputs.push_back(
          Object{{"value", in.value}, {"channels", in.channels}, {"stride", int3(in.stride)}});
    for (const PlanOp &op : e.ops) {
      Object o{{"result", op.result}, {"input", op.input}, {"name", op.name}};
      if (op.kind == PlanOp::Kind::KernelMap) {
        o["op"] = "kernel_map";
        o["kind"] = op.geometry.kind == ConvKind::Submanifold ? "submanifold" : "regular";
        o["kernel"] = int3(op.geometry.kernel);
        o["stride"] = int3(op.geometry.stride);
        o["padding"] = int3(op.geometry.padding);
        o["dilation"] = int3(op.geometry.dilation);
      } else {
        o["op"] = "implicit_gemm";
        o["map"] = op.map;
        o["weight"] = op.weight;
        if (!op.bias.empty())
          o["bias"] = op.bias;
        o["kernel"] = op.kernel;
        o["volume"] = op.volume;
        o["cin"] = op.cin;
        o["cout"] = op.cout;
        o["activation"] = op.relu ? "relu" : "none";
      }
      ops.push_back(std::move(o));
    }
    entriesJ.push_back(Object{{"name", e.name},
                              {"num_values", e.numValues},
                              {"inputs", std::move(inputs)},
                              {"ops", std::move(ops)},
                              {"outputs", std::move(outputs)}});
  }
  for (const GpuImage &g : gpuImages)
    gpuJ.push_back(Object{{"chip", g.chip}, {"section", g.section}});
  Object root{{"format", "sconv-artifact"},
              {"params", std::move(paramsJ)},
              {"entries", std::move(entriesJ)},
              {"gpu_images", std::move(gpuJ)},
              {"sections", Array{}}};
  if (!cpuSection.empty())
    root["cpu_section"] = cpuSection;
  return llvm::formatv("{0:2}", Value(std::move(root))).str();
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

} // namespace sconv::rt
