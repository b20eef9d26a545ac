// See Executor.h.
#include "runtime/Executor.h"

#include <chrono>
#include <cmath>
#include <map>
#include <tuple>

namespace sconv::rt {

std::unique_ptr<Model> Model::load(const std::string &path) {
  std::unique_ptr<Model> m(new Model());
  m->artifact_ = Artifact::readFile(path);
  m->plan_ = Plan::parse(m->artifact_.manifest);
  if (!m->plan_.cpuSection.empty()) {
    auto it = m->artifact_.sections.find(m->plan_.cpuSection);
    if (it == m->artifact_.sections.end())
      throw Error("'" + path + "' lacks its CPU kernel section '" + m->plan_.cpuSection + "'");
    m->cpu_ = std::make_unique<CpuKernelLibrary>(it->second);
  }
  return m;
}

void Model::setParam(const std::string &name, std::vector<float> values) {
  const ParamInfo *info = plan_.param(name);
  if (!info)
    throw Error("the model has no parameter named '" + name + "'");
  if (int64_t(values.size()) != info->numElements()) {
    std::string shape;
    for (int64_t d : info->shape)
      shape += (shape.empty() ? "" : "x") + std::to_string(d);
    throw Error("parameter '" + name + "' has shape [" + shape + "] (" +
                std::to_string(info->numElements()) + " values), got " +
                std::to_string(values.size()) + " values");
  }
  for (size_t i = 0; i < values.size(); ++i)
    if (!std::isfinite(values[i]))
      throw Error("parameter '" + name + "' has a non-finite value at index " + std::to_string(i));
  params_[name] = std::move(values);
}

std::vector<std::string> Model::missingParams() const {
  std::vector<std::string> missing;
  for (const ParamInfo &p : plan_.params)
    if (!params_.count(p.name))
      missing.push_back(p.name);
  return missing;
}

namespace {

/// A value of the plan at run time. Tensors carry a site-set id: tensors on the same sites share
/// it, so a kernel map is built once per (site set, geometry) even when the graph asks twice.
struct RtValue {
  std::shared_ptr<const SparseTensor> tensor;
  std::shared_ptr<const KernelMap> map;
  int siteSet = -1;       // tensors: their site set; maps: their input site set
  int outSiteSet = -1;    // maps: the site set of their outputs
};

using MapKey = std::tuple<int, int, Int3, Int3, Int3, Int3>;
MapKey mapKey(int siteSet, const ConvGeometry &g) {
  return {siteSet, int(g.kind), g.kernel, g.stride, g.padding, g.dilation};
}

double msSince(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

} // namespace

std::vector<SparseTensor> Model::run(const std::string &name,
                                     const std::vector<SparseTensor> &inputs, ThreadPool &pool,
                                     std::vector<OpProfile> *profile) const {
  const PlanEntry &entry = plan_.entry(name);
  if (inputs.size() != entry.inputs.size())
    throw Error("entry '" + name + "' takes " + std::to_string(entry.inputs.size()) +
                " input tensor(s), got " + std::to_string(inputs.size()));
  for (const PlanOp &op : entry.ops)
    for (const std::string *p : {&op.weight, &op.bias})
      if (op.kind == PlanOp::Kind::ImplicitGemm && !p->empty() && !params_.count(*p))
        throw Error("parameter '" + *p + "' (used by " + op.name +
                    ") has not been set; load weights first");
  if (!cpu_)
    throw Error("the compiled model has no CPU kernels (compile it with --target cpu)");

  std::vector<RtValue> values(entry.numValues);
  int nextSiteSet = 0;
  for (size_t i = 0; i < inputs.size(); ++i) {
    const SparseTensor &t = inputs[i];
    if (t.channels != entry.inputs[i].channels)
      throw Error("input " + std::to_string(i) + " of '" + name + "' needs " +
                  std::to_string(entry.inputs[i].channels) + " channels, got " +
                  std::to_string(t.channels));
    t.validate();
    values[entry.inputs[i].value] = {std::make_shared<SparseTensor>(t), nullptr, nextSiteSet++};
  }
  std::map<MapKey, RtValue> mapCache;

  for (const PlanOp &op : entry.ops) {
    auto t0 = std::chrono::steady_clock::now();
    const RtValue &in = values[op.input];
    if (!in.tensor)
      throw Error("malformed plan: op '" + op.name + "' reads a value that is not a tensor");
    if (op.kind == PlanOp::Kind::KernelMap) {
      MapKey key = mapKey(in.siteSet, op.geometry);
      auto it = mapCache.find(key);
      if (it == mapCache.end()) {
        auto map = std::make_shared<KernelMap>(buildKernelMap(*in.tensor, op.geometry, pool));
        int out = op.geometry.kind == ConvKind::Submanifold ? in.siteSet : nextSiteSet++;
        it = mapCache.emplace(key, RtValue{nullptr, map, in.siteSet, out}).first;
      }
      values[op.result] = it->second;
      if (profile)
        profile->push_back({op.name, "kernel_map", msSince(t0), it->second.map->numOut});
      continue;
    }
    const RtValue &mv = values[op.map];
    if (!mv.map || mv.siteSet != in.siteSet)
      throw Error("malformed plan: op '" + op.name + "' uses a map built on other sites");
    const KernelMap &map = *mv.map;
    const SparseTensor &x = *in.tensor;
    if (x.channels != op.cin || map.volume != op.volume)
      throw Error("malformed plan: op '" + op.name + "' disagrees with its operands' sizes");
    auto out = std::make_shared<SparseTensor>();
    out->numSites = map.numOut;
    out->channels = op.cout;
    out->spatialShape = map.outShape;
    out->batchSize = map.batchSize;
    out->coords = map.outCoords;
    out->feats.assign(size_t(map.numOut * op.cout), 0.f);
    const std::vector<float> &w = params_.at(op.weight);
    const std::vector<float> *b = op.bias.empty() ? nullptr : &params_.at(op.bias);
    if (map.numOut > 0) {
      ImplicitGemmFn fn = cpu_->implicitGemm(op.kernel);
      auto inD = rowMajor(const_cast<float *>(x.feats.data()), {x.numSites, op.cin});
      auto nbrD = rowMajor(const_cast<int32_t *>(map.nbr.data()), {map.numOut, op.volume});
      auto wD = rowMajor(const_cast<float *>(w.data()), {op.volume, op.cin, op.cout});
      static float noBias = 0.f;
      auto bD = rowMajor(b ? const_cast<float *>(b->data()) : &noBias, {b ? op.cout : 1});
      auto outD = rowMajor(out->feats.data(), {map.numOut, op.cout});
      // Enough rows per task to amortise the call, few enough to balance sparse neighbourhoods.
      int64_t grain = std::max<int64_t>(64, map.numOut / (8 * pool.numThreads()) + 1);
      pool.parallelFor(0, map.numOut, grain, [&](int64_t lo, int64_t hi) {
        auto i = inD;
        auto n = nbrD;
        auto ww = wD;
        auto bb = bD;
        auto o = outD;
        fn(&i, &n, &ww, &bb, &o, lo, hi);
      });
    }
    values[op.result] = {out, nullptr, mv.outSiteSet};
    if (profile)
      profile->push_back({op.name, "implicit_gemm", msSince(t0), map.numOut});
  }

  std::vector<SparseTensor> results;
  for (int v : entry.outputs) {
    if (!values[v].tensor)
      throw Error("malformed plan: output value " + std::to_string(v) + " is not a tensor");
    results.push_back(*values[v].tensor);
  }
  return results;
}

} // namespace sconv::rt
