// See Executor.h. The plan interpreter: one value table per run; kernel maps cached per (site set,
// map kind, geometry, mask) so a map is built once however often the graph asks for it.
#include "runtime/Executor.h"
#include "runtime/CoordHash.h"

#include "runtime/MapTransforms.h"
#include "runtime/CpuGemm.h"
#include "runtime/Safetensors.h"
#include "runtime/SiteOps.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <map>
#include <tuple>

namespace sconv::rt {

void Output::fetchValues() {
  if (!kept)
    return;
  values = kept->download();
  kept.reset();
}

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
  for (const ParamInfo &p : m->plan_.params)
    m->shapes_[p.name] = p.shape;
  for (const ConstParam &c : m->plan_.constants) {
    auto it = m->artifact_.sections.find(c.section);
    int64_t n = 1;
    for (int64_t d : c.shape)
      n *= d;
    if (it == m->artifact_.sections.end() || int64_t(it->second.size()) != n * 4)
      throw Error("'" + path + "' has a missing or truncated constant '" + c.name + "'");
    std::vector<float> v(static_cast<size_t>(n));
    std::memcpy(v.data(), it->second.data(), size_t(n) * 4);
    m->derived_[c.name] = std::move(v);
    m->shapes_[c.name] = c.shape;
  }
  for (const ParamOp &op : m->plan_.paramOps)
    for (size_t i = 0; i < op.outputs.size(); ++i)
      m->shapes_[op.outputs[i]] = op.outputShapes[i];
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
  derivedStale_ = true;
  dropFrames(); // they read the parameters' device copies
  if (backend_)
    backend_->paramsChanged();
}

void Model::setBackend(std::shared_ptr<ComputeBackend> backend) {
  dropFrames();
  backend_ = std::move(backend);
  if (backend_)
    backend_->paramsChanged();
}

void Model::dropFrames() { frames_.clear(); }

int64_t Model::loadWeights(const std::string &path) {
  std::map<std::string, TensorData> file = readSafetensors(path);
  // Check everything before setting anything, so a bad file leaves the model as it was.
  std::vector<std::string> missing, wrongShape;
  for (const ParamInfo &p : plan_.params) {
    auto it = file.find(p.name);
    if (it == file.end())
      missing.push_back(p.name);
    else if (it->second.shape != p.shape)
      wrongShape.push_back("parameter '" + p.name + "' has shape " + formatShape(p.shape) +
                           " in the model but " + formatShape(it->second.shape) + " in '" +
                           path + "'");
  }
  if (!wrongShape.empty())
    throw Error(wrongShape.front() +
                (wrongShape.size() > 1 ? " (and " + std::to_string(wrongShape.size() - 1) +
                                             " more parameter(s) with another shape)"
                                       : ""));
  if (!missing.empty()) {
    std::string msg = std::to_string(missing.size()) + " of " +
                      std::to_string(plan_.params.size()) + " parameter(s) missing from '" +
                      path + "': ";
    const size_t shown = std::min<size_t>(missing.size(), 8);
    for (size_t i = 0; i < shown; ++i)
      msg += (i ? ", '" : "'") + missing[i] + "'";
    if (shown < missing.size())
      msg += ", ...";
    // A checkpoint exported whole names the backbone's tensors with a module prefix.
    for (const auto &kv : file) {
      const std::string &n = kv.first;
      if (n.size() > missing[0].size() && n.compare(n.size() - missing[0].size(),
                                                    missing[0].size(), missing[0]) == 0) {
        msg += " (the file has '" + n + "': strip its prefix with sconv-convert-weights --prefix)";
        break;
      }
    }
    throw Error(msg);
  }
  for (const ParamInfo &p : plan_.params) {
    const std::vector<float> &v = file.at(p.name).values;
    for (size_t i = 0; i < v.size(); ++i)
      if (!std::isfinite(v[i]))
        throw Error("parameter '" + p.name + "' has a non-finite value at index " +
                    std::to_string(i) + " in '" + path + "'");
  }
  for (const ParamInfo &p : plan_.params)
    setParam(p.name, std::move(file.at(p.name).values));
  return int64_t(file.size()) - int64_t(plan_.params.size());
}

std::vector<std::string> Model::missingParams() const {
  std::vector<std::string> missing;
  for (const ParamInfo &p : plan_.params)
    if (!params_.count(p.name))
      missing.push_back(p.name);
  return missing;
}

const std::vector<float> &Model::param(const std::string &name, const std::string &user) const {
  if (auto it = params_.find(name); it != params_.end())
    return it->second;
  if (auto it = derived_.find(name); it != derived_.end())
    return it->second;
  throw Error("parameter '" + name + "' (used by " + user + ") has not been set; load weights "
              "first");
}

namespace {

/// A value of the plan at run time. Tensors carry a site-set id: tensors on the same sites (same
/// rows, same order) share it. Maps carry the site set of their inputs and of their outputs.
struct RtValue {
  /// A sparse tensor's sites, and its features unless they live only in the backend: then
  /// tensor->feats is empty and `device` holds them (ComputeBackend.h, residency).
  std::shared_ptr<SparseTensor> tensor;
  DeviceTensorPtr device;
  std::shared_ptr<const KernelMap> map;
  std::shared_ptr<const SparseTensor> mapInput; // maps: the tensor whose sites they read
  std::shared_ptr<Output> dense; // not const: the entry hands it over at the end
  int siteSet = -1;
  int outSiteSet = -1;
};

using MapKey = std::tuple<int, int, Int3, Int3, Int3, Int3, Int3, int>;

double msSince(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

std::vector<uint8_t> maskOf(const SparseTensor &m) {
  std::vector<uint8_t> r(size_t(m.numSites));
  for (int64_t i = 0; i < m.numSites; ++i)
    r[size_t(i)] = m.feats[size_t(i)] != 0.f;
  return r;
}

/// Result tensors (no features yet) on `like`'s sites or a map's output sites.
std::shared_ptr<SparseTensor> sitesLike(const SparseTensor &like, int64_t channels) {
  return std::make_shared<SparseTensor>(onSitesOf(like, channels));
}
std::shared_ptr<SparseTensor> sitesOf(const KernelMap &map, int64_t channels) {
  return std::make_shared<SparseTensor>(onOutputSites(map, channels));
}

/// A one-channel tensor on `like`'s sites.
std::shared_ptr<SparseTensor> oneChannel(const SparseTensor &like, std::vector<float> values) {
  auto t = sitesLike(like, 1);
  t->feats = std::move(values);
  return t;
}

/// The identity map of a 1x1x1 submanifold conv: no hashing needed.
KernelMap identityMap(const SparseTensor &in, const ConvGeometry &g) {
  KernelMap m;
  m.geometry = g;
  m.numIn = m.numOut = in.numSites;
  m.volume = 1;
  m.batchSize = in.batchSize;
  m.outShape = in.spatialShape;
  m.outCoords = in.coords;
  m.nbr.resize(size_t(in.numSites));
  for (int64_t i = 0; i < in.numSites; ++i)
    m.nbr[size_t(i)] = int32_t(i);
  return m;
}

} // namespace

std::vector<SparseTensor> Model::run(const std::string &name,
                                     const std::vector<SparseTensor> &inputs, ThreadPool &pool,
                                     std::vector<OpProfile> *profile) {
  std::vector<SparseTensor> sparse;
  for (Output &o : runOutputs(name, inputs, pool, profile)) {
    if (o.dense)
      throw Error("entry '" + name + "' returns a dense map: use runOutputs");
    sparse.push_back(std::move(o.sparse));
  }
  return sparse;
}

std::vector<Output> Model::runOutputs(const std::string &name,
                                      const std::vector<SparseTensor> &inputs, ThreadPool &pool,
                                      std::vector<OpProfile> *profile,
                                      const RunObserver *observer) {
  const PlanEntry &entry = plan_.entry(name);
  if (inputs.size() != entry.inputs.size())
    throw Error("entry '" + name + "' takes " + std::to_string(entry.inputs.size()) +
                " input tensor(s), got " + std::to_string(inputs.size()));
  prepareParams();
  // Fail before any work on a parameter the entry needs and nobody set.
  for (const PlanOp &op : entry.ops)
    for (const std::string &p : op.params)
      if (!p.empty())
        (void)param(p, op.name);
  for (size_t i = 0; i < inputs.size(); ++i) {
    const SparseTensor &t = inputs[i];
    if (t.channels != entry.inputs[i].channels)
      throw Error("input " + std::to_string(i) + " of '" + name + "' needs " +
                  std::to_string(entry.inputs[i].channels) + " channels, got " +
                  std::to_string(t.channels));
    t.validate();
    // Duplicate sites are found by the coordinate hash a kernel map builds; an input no map
    // indexes (e.g. one that only reaches to_dense) is hashed here, or a duplicate would silently
    // keep one of its rows.
    if (!inputSitesHashed(entry, i)) {
      CoordHash sites;
      sites.build(t.coords.data(), t.numSites, int32_t(t.batchSize), t.spatialShape);
    }
  }
  // Whole-frame graphs (FrameGraph.h) replace the walk; a profile or an observer needs the walk.
  if (backend_ && backend_->frameGraphs() && !profile && !observer)
    return runFrame(entry, inputs, pool);
  return walk(entry, inputs, pool, profile, observer, nullptr);
}

std::vector<Output> Model::walk(const PlanEntry &entry, const std::vector<SparseTensor> &inputs,
                                ThreadPool &pool, std::vector<OpProfile> *profile,
                                const RunObserver *observer, std::vector<int64_t> *siteCounts) {
  std::vector<RtValue> values(size_t(entry.numValues));
  int nextSiteSet = 0;
  // The number of sites of each site set (for frame capacities).
  auto countSites = [&](int siteSet, int64_t sites) {
    if (siteCounts) {
      if (siteCounts->size() <= size_t(siteSet))
        siteCounts->resize(size_t(siteSet) + 1, 0);
      (*siteCounts)[size_t(siteSet)] = sites;
    }
  };
  for (size_t i = 0; i < inputs.size(); ++i) {
    values[size_t(entry.inputs[i].value)].tensor = std::make_shared<SparseTensor>(inputs[i]);
    values[size_t(entry.inputs[i].value)].siteSet = nextSiteSet;
    countSites(nextSiteSet++, inputs[i].numSites);
  }
  std::map<MapKey, RtValue> mapCache;
  RowOrders rowOrders; // per map, for the mask-sorted and per-offset dataflows
  if (backend_)
    backend_->beginRun();
  // Buffer reuse: a feature tensor is freed right after its last reader, so peak memory follows
  // the live set of the plan rather than its length (maps stay cached for the whole run).
  const ValueUses uses = valueUses(entry);
  const std::vector<size_t> &lastUse = uses.lastUse;
  const std::vector<bool> &isOutput = uses.isOutput;
  size_t opIndex = 0;
  // An operand's sites and sizes (its features may be in the backend only).
  auto metaAt = [&](const PlanOp &op, size_t i) -> const SparseTensor & {
    int v = op.inputs.at(i);
    if (v < 0 || !values[size_t(v)].tensor)
      throw Error("malformed plan: operand " + std::to_string(i) + " of '" + op.name +
                  "' is not a sparse tensor");
    return *values[size_t(v)].tensor;
  };
  // Residency: the one way host code reaches features. Copies them out of the backend the first
  // time the host needs them.
  auto hostValue = [&](int v) -> const SparseTensor & {
    RtValue &val = values[size_t(v)];
    SparseTensor &t = *val.tensor;
    const size_t n = size_t(t.numSites * t.channels);
    if (t.feats.size() != n) {
      if (!val.device || !backend_)
        throw Error("internal error: the features of value " + std::to_string(v) +
                    " are neither on the host nor in the backend");
      t.feats.resize(n);
      backend_->download(*val.device, t.feats.data(), n);
    }
    return t;
  };
  auto tensorAt = [&](const PlanOp &op, size_t i) -> const SparseTensor & {
    (void)metaAt(op, i);
    return hostValue(op.inputs[i]);
  };
  // The features of operand i in the backend, moved in the first time a backend step reads them.
  auto deviceAt = [&](const PlanOp &op, size_t i) -> const DeviceTensor & {
    const SparseTensor &t = metaAt(op, i);
    RtValue &val = values[size_t(op.inputs[i])];
    if (!val.device)
      val.device = backend_->upload(t.feats.data(), t.numSites, t.channels);
    return *val.device;
  };
  // The one way host code reaches a map's neighbour table: a backend may have kept it (nbrElsewhere).
  // (The value table holds maps as const; every one was made by this run as a KernelMap, so
  // filling in its table is safe.)
  auto hostMap = [&](const std::shared_ptr<const KernelMap> &m) -> const KernelMap & {
    if (m->nbrElsewhere)
      backend_->fetchMapTable(const_cast<KernelMap &>(*m));
    return *m;
  };
  auto optParam = [&](const PlanOp &op, size_t i) -> const float * {
    if (i >= op.params.size() || op.params[i].empty())
      return nullptr;
    return param(op.params[i], op.name).data();
  };

  for (const PlanOp &op : entry.ops) {
    auto t0 = std::chrono::steady_clock::now();
    std::string ranBy; // OpProfile::impl
    RtValue &res = values[size_t(op.result)];
    const RtValue &in0 = values[size_t(op.inputs[0])];
    // The result of a per-site step run in the backend: on x's sites, features left there.
    auto keepInBackend = [&](const SparseTensor &x, int64_t channels, DeviceTensorPtr device) {
      res.tensor = sitesLike(x, channels);
      res.device = std::move(device);
      res.siteSet = in0.siteSet;
      ranBy = "gpu";
    };
    switch (op.kind) {
    case PlanOp::Kind::KernelMap: {
      const SparseTensor &x = metaAt(op, 0); // sites only
      int maskId = op.inputs.size() > 1 ? op.inputs[1] : -1;
      MapKey key{in0.siteSet,         int(op.mapKind),       op.geometry.kernel,
                 op.geometry.stride,  op.geometry.padding,   op.geometry.dilation,
                 op.outputPadding,    maskId};
      auto it = mapCache.find(key);
      if (it == mapCache.end()) {
        std::shared_ptr<KernelMap> map;
        bool keepsSites = false;
        // Profiles name the map a backend built: "gpu submanifold", "gpu sprs", "gpu spss", ...
        auto byBackend = [&](std::shared_ptr<KernelMap> m) {
          if (m)
            ranBy = std::string("gpu ") +
                    (maskId >= 0 && op.mapKind == MapKind::Submanifold ? "spss"
                                                                       : mapKindName(op.mapKind));
          return m;
        };
        // The SPS maps read the mask where it is: in the backend when one built it.
        auto maskedOnBackend = [&]() -> std::shared_ptr<KernelMap> {
          if (!backend_)
            return nullptr;
          return byBackend(backend_->buildMaskedMap(
              x, op.geometry, deviceAt(op, 1), metaAt(op, 1).numSites * metaAt(op, 1).channels));
        };
        switch (op.mapKind) {
        case MapKind::Submanifold:
          if (maskId >= 0) {
            if (!(map = maskedOnBackend()))
              map = std::make_shared<KernelMap>(buildRestrictedSubmanifoldMap(
                  x, op.geometry, maskOf(tensorAt(op, 1)), pool));
          } else {
            keepsSites = true;
            if (op.geometry.volume() == 1)
              map = std::make_shared<KernelMap>(identityMap(x, op.geometry));
            else if (!(backend_ && (map = byBackend(backend_->buildMap(x, op.geometry)))))
              map = std::make_shared<KernelMap>(buildKernelMap(x, op.geometry, pool));
          }
          break;
        case MapKind::Regular:
          if (!(backend_ && (map = byBackend(backend_->buildMap(x, op.geometry)))))
            map = std::make_shared<KernelMap>(buildKernelMap(x, op.geometry, pool));
          break;
        case MapKind::Transposed:
          if (!(backend_ && (map = byBackend(backend_->buildTransposedConvMap(
                                 x, op.geometry, op.outputPadding)))))
            map = std::make_shared<KernelMap>(
                buildTransposedConvMap(x, op.geometry, op.outputPadding, pool));
          break;
        case MapKind::Sprs:
          if (!(map = maskedOnBackend()))
            map = std::make_shared<KernelMap>(
                buildSprsMap(x, op.geometry, maskOf(tensorAt(op, 1)), pool));
          break;
        }
        RtValue v;
        v.map = map;
        v.mapInput = in0.tensor;
        v.siteSet = in0.siteSet;
        v.outSiteSet = keepsSites ? in0.siteSet : nextSiteSet++;
        if (!keepsSites)
          countSites(v.outSiteSet, map->numOut);
        it = mapCache.emplace(key, v).first;
      }
      res = it->second;
      break;
    }
    case PlanOp::Kind::TransposeMap: {
      if (!in0.map)
        throw Error("malformed plan: '" + op.name + "' transposes a value that is not a map");
      if (!(backend_ && (res.map = backend_->transposeMap(*in0.map, *in0.mapInput))))
        res.map = std::make_shared<KernelMap>(
            transposeKernelMap(hostMap(in0.map), *in0.mapInput, pool));
      else
        ranBy = "gpu";
      res.siteSet = in0.outSiteSet;
      res.outSiteSet = in0.siteSet;
      break;
    }
    case PlanOp::Kind::ImplicitGemm: {
      const SparseTensor &x = metaAt(op, 0);
      const RtValue &mv = values[size_t(op.inputs[1])];
      if (!mv.map || mv.siteSet != in0.siteSet)
        throw Error("malformed plan: '" + op.name + "' uses a map built on other sites");
      if (!cpu_ && !backend_)
        throw Error("the compiled model has no CPU kernels (compile it with --target cpu)");
      const KernelMap &map = *mv.map;
      if (x.channels != op.cin || map.volume != op.volume)
        throw Error("malformed plan: '" + op.name + "' disagrees with its operands' sizes");
      const SparseTensor *residual = op.inputs[2] >= 0 ? &metaAt(op, 2) : nullptr;
      if (residual && (residual->numSites != map.numOut || residual->channels != op.cout))
        throw Error("'" + op.name + "': the residual is not on the conv's output sites");
      auto out = sitesOf(map, op.cout);
      const float *w = param(op.params[0], op.name).data();
      const float *b = optParam(op, 1);
      const GemmVariant impl = chooseVariant(op, map.numOut); // tuned per map size, if at all
      if (profile)
        ranBy = backend_ ? "gpu " + op.gpuKernel : impl.kernel + " (" + impl.dataflow + ")";
      if (backend_) {
        // The result stays in the backend (an empty conv has no features to hold).
        if (map.numOut > 0)
          res.device = backend_->implicitGemm(op, deviceAt(op, 0), x.numSites, map, op.params[0],
                                              w, op.params[1], b,
                                              residual ? &deviceAt(op, 2) : nullptr);
        res.tensor = out;
        res.siteSet = mv.outSiteSet;
        break;
      }
      out->feats.assign(size_t(map.numOut * op.cout), 0.f);
      runCpuGemm(*cpu_, impl,
                 {tensorAt(op, 0).feats.data(), x.numSites, &map, op.cin, op.cout, w, b,
                  residual ? tensorAt(op, 2).feats.data() : nullptr, op.relu, out->feats.data()},
                 rowOrders, pool);
      res.tensor = out;
      res.siteSet = mv.outSiteSet;
      break;
    }
    case PlanOp::Kind::PartitionSum: {
      const RtValue &mv = values[size_t(op.inputs[1])];
      if (!mv.map)
        throw Error("malformed plan: '" + op.name + "' needs a map");
      const SparseTensor &x = metaAt(op, 0);
      const KernelMap &map = *mv.map;
      const int64_t K = op.kernelSize * op.kernelSize * op.kernelSize;
      if (backend_ && !op.gpuKernel.empty() && map.volume == K && map.numIn == x.numSites) {
        if (DeviceTensorPtr d = backend_->partitionSum(op, deviceAt(op, 0), x.numSites,
                                                       x.channels, map, op.params[0],
                                                       optParam(op, 0))) {
          res.tensor = sitesOf(map, 27 * x.channels);
          res.device = std::move(d);
          res.siteSet = in0.siteSet;
          ranBy = "gpu " + op.gpuKernel;
          break;
        }
      }
      res.tensor = std::make_shared<SparseTensor>(
          partitionSum(tensorAt(op, 0), hostMap(mv.map), optParam(op, 0), int(op.kernelSize),
                       pool));
      res.siteSet = in0.siteSet;
      break;
    }
    case PlanOp::Kind::Importance: {
      if (backend_) {
        const SparseTensor &x = metaAt(op, 0);
        checkHasChannels(x, "importanceMean");
        if (DeviceTensorPtr d = backend_->importance(deviceAt(op, 0), x.numSites, x.channels)) {
          keepInBackend(x, 1, std::move(d));
          break;
        }
      }
      const SparseTensor &x = tensorAt(op, 0);
      res.tensor = oneChannel(x, importanceMean(x));
      res.siteSet = in0.siteSet;
      break;
    }
    case PlanOp::Kind::PruneMask: {
      if (backend_ && metaAt(op, 0).channels == 1) { // else the CPU names the problem
        const SparseTensor &m = metaAt(op, 0);
        if (DeviceTensorPtr d = backend_->pruneMask(deviceAt(op, 0), m, op.ratio, op.threshold)) {
          keepInBackend(m, 1, std::move(d));
          break;
        }
      }
      const SparseTensor &m = tensorAt(op, 0);
      std::vector<uint8_t> keep = op.ratio >= 0 ? pruneByRatio(m, m.feats, op.ratio)
                                                : pruneByThreshold(m.feats, op.threshold);
      res.tensor = oneChannel(m, std::vector<float>(keep.begin(), keep.end()));
      res.siteSet = in0.siteSet;
      break;
    }
    case PlanOp::Kind::ScaleByImportance: {
      const SparseTensor &x = metaAt(op, 0), &m = metaAt(op, 1);
      if (backend_ && m.channels == 1 && m.numSites == x.numSites) { // else the CPU names it
        // The sigmoid is one definition on both sides (ImportanceSigmoid.h): the same bits.
        if (DeviceTensorPtr d = backend_->scaleByImportance(deviceAt(op, 0), deviceAt(op, 1),
                                                            x.numSites, x.channels)) {
          keepInBackend(x, x.channels, std::move(d));
          break;
        }
      }
      auto scaled = std::make_shared<SparseTensor>(tensorAt(op, 0));
      scaleByImportance(*scaled, tensorAt(op, 1).feats);
      res.tensor = scaled;
      res.siteSet = in0.siteSet;
      break;
    }
    case PlanOp::Kind::MergePruned: {
      // The backend merges by the mask alone when the plan computed the rows on the mask's
      // important sites (maskedRowsMap, on the pass-through's sites); otherwise the CPU checks
      // them site by site.
      const int spssMap = maskedRowsMap(entry, op);
      if (backend_ && spssMap >= 0 && values[size_t(spssMap)].siteSet == in0.siteSet &&
          values[size_t(op.inputs[2])].siteSet == in0.siteSet) {
        const SparseTensor &pass = metaAt(op, 0), &computed = metaAt(op, 1),
                           &mask = metaAt(op, 2);
        if (computed.channels == pass.channels && mask.channels == 1 &&
            mask.numSites == pass.numSites) {
          if (DeviceTensorPtr d = backend_->mergeRows(
                  deviceAt(op, 0), deviceAt(op, 1), deviceAt(op, 2), pass.numSites,
                  computed.numSites, pass.channels, op.name, optParam(op, 0), optParam(op, 1))) {
            keepInBackend(pass, pass.channels, std::move(d));
            break;
          }
        }
      }
      res.tensor = std::make_shared<SparseTensor>(mergePruned(
          tensorAt(op, 0), tensorAt(op, 1), maskOf(tensorAt(op, 2)), optParam(op, 0),
          optParam(op, 1)));
      res.siteSet = in0.siteSet;
      break;
    }
    case PlanOp::Kind::BatchNorm: {
      const SparseTensor &x = metaAt(op, 0);
      if (backend_) {
        // Per-channel factors as the CPU computes them, applied on the device.
        BatchNormFactors f = batchNormFactors(x.channels, optParam(op, 0), optParam(op, 1),
                                              optParam(op, 2), optParam(op, 3), op.epsilon);
        if (DeviceTensorPtr d = backend_->scaleShift(deviceAt(op, 0), x.numSites, x.channels,
                                                     op.name, f.scale.data(), f.shift.data())) {
          keepInBackend(x, x.channels, std::move(d));
          break;
        }
      }
      auto y = std::make_shared<SparseTensor>(tensorAt(op, 0));
      batchNormInPlace(*y, optParam(op, 0), optParam(op, 1), optParam(op, 2), optParam(op, 3),
                       op.epsilon);
      res.tensor = y;
      res.siteSet = in0.siteSet;
      break;
    }
    case PlanOp::Kind::Relu: {
      const SparseTensor &x = metaAt(op, 0);
      if (backend_) {
        if (DeviceTensorPtr d = backend_->relu(deviceAt(op, 0), x.numSites, x.channels)) {
          keepInBackend(x, x.channels, std::move(d));
          break;
        }
      }
      auto y = std::make_shared<SparseTensor>(tensorAt(op, 0));
      reluInPlace(*y);
      res.tensor = y;
      res.siteSet = in0.siteSet;
      break;
    }
    case PlanOp::Kind::Add:
    case PlanOp::Kind::Concat: {
      const RtValue &in1 = values[size_t(op.inputs[1])];
      if (in1.siteSet != in0.siteSet)
        throw Error("'" + op.name + "': operands are on different sites");
      const SparseTensor &a = metaAt(op, 0), &b = metaAt(op, 1);
      if (backend_) {
        // Same sites (checked above, by site set); the channel counts are checked here as the
        // CPU ops check them.
        DeviceTensorPtr d;
        if (op.kind == PlanOp::Kind::Add) {
          checkAddChannels(a, b);
          d = backend_->add(deviceAt(op, 0), deviceAt(op, 1), a.numSites, a.channels);
        } else {
          d = backend_->concat(deviceAt(op, 0), a.channels, deviceAt(op, 1), b.channels,
                               a.numSites);
        }
        if (d) {
          const int64_t channels =
              op.kind == PlanOp::Kind::Add ? a.channels : a.channels + b.channels;
          keepInBackend(a, channels, std::move(d));
          break;
        }
      }
      if (op.kind == PlanOp::Kind::Add) {
        auto y = std::make_shared<SparseTensor>(tensorAt(op, 0));
        addInPlace(*y, tensorAt(op, 1));
        res.tensor = y;
      } else {
        res.tensor = std::make_shared<SparseTensor>(concat(tensorAt(op, 0), tensorAt(op, 1)));
      }
      res.siteSet = in0.siteSet;
      break;
    }
    case PlanOp::Kind::AppendOnes: {
      const SparseTensor &x = metaAt(op, 0);
      if (backend_) {
        if (DeviceTensorPtr d = backend_->appendOnes(deviceAt(op, 0), x.numSites, x.channels)) {
          keepInBackend(x, x.channels + 1, std::move(d));
          break;
        }
      }
      res.tensor = std::make_shared<SparseTensor>(appendOnes(tensorAt(op, 0)));
      res.siteSet = in0.siteSet;
      break;
    }
    case PlanOp::Kind::ToDense: {
      const SparseTensor &x = metaAt(op, 0);
      auto d = std::make_shared<Output>();
      d->dense = true;
      d->shape = {x.batchSize, x.channels * x.spatialShape[0], x.spatialShape[1],
                  x.spatialShape[2]};
      // Features still in the backend: scattered there, the map downloaded once.
      const RtValue &v = values[size_t(op.inputs[0])];
      if (backend_ && v.device && x.feats.empty()) {
        const int64_t elements = denseSize(x); // toDense's errors, before any device work
        // An entry's result may stay in the backend (its owner's choice); anything a later step
        // reads on the host comes back.
        if (isOutput[size_t(op.result)])
          d->kept = backend_->toDenseKept(*v.device, x, elements);
        if (d->kept || backend_->toDense(*v.device, x, elements, d->values))
          ranBy = "gpu";
      }
      if (ranBy.empty())
        d->values = toDense(tensorAt(op, 0));
      res.dense = d;
      break;
    }
    }
    if (observer)
      (*observer)(op, res.tensor ? &hostValue(op.result) : nullptr, res.dense.get(),
                  res.map ? &hostMap(res.map) : nullptr);
    for (int v : op.inputs)
      if (v >= 0 && lastUse[size_t(v)] == opIndex && !isOutput[size_t(v)]) {
        values[size_t(v)].tensor.reset();
        values[size_t(v)].device.reset();
      }
    ++opIndex;
    if (profile) {
      // The step's own time: wait for what it queued in the backend.
      if (backend_)
        backend_->synchronize();
      const double ms = msSince(t0);
      int64_t rows = res.tensor ? res.tensor->numSites : res.map ? res.map->numOut : 0;
      int64_t flops = 0; // (counting pairs may wait for the backend: after the timing)
      if (op.kind == PlanOp::Kind::ImplicitGemm) {
        const KernelMap &m = *values[size_t(op.inputs[1])].map;
        // Where the table is (same const-cast rationale as hostMap's).
        const int64_t pairs =
            m.nbrElsewhere ? backend_->mapPairs(const_cast<KernelMap &>(m)) : m.numPairs();
        flops = 2 * pairs * op.cin * op.cout;
      }
      profile->push_back({op.name, opKindName(op.kind), ms, rows, flops, ranBy});
    }
  }

  std::vector<Output> results;
  for (size_t i = 0; i < entry.outputs.size(); ++i) {
    const int v = entry.outputs[i];
    RtValue &rv = values[size_t(v)];
    if (rv.dense) {
      // A dense map is tens of MB (CenterPoint's BEV: 36 MB): hand it over rather than copy it
      // (the copy's page faults and bytes were most of the per-run time outside the steps), unless
      // the entry returns the same value again.
      const bool again = std::find(entry.outputs.begin() + long(i) + 1, entry.outputs.end(), v) !=
                         entry.outputs.end();
      if (again || rv.dense.use_count() > 1)
        results.push_back(*rv.dense);
      else
        results.push_back(std::move(*rv.dense));
    } else if (rv.tensor) {
      Output o;
      o.sparse = hostValue(v);
      results.push_back(std::move(o));
    } else {
      throw Error("malformed plan: output value " + std::to_string(v) + " is not a tensor");
    }
  }
  return results;
}

} // namespace sconv::rt
