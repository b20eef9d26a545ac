// Whole-frame graphs, the executor's half (FrameGraph.h): when a frame is replayed and when it is
// walked, the capacities, and the walk over capacities that a backend captures.
#include "runtime/Executor.h"
#include "runtime/FrameGraph.h"
#include "runtime/MapTransforms.h"
#include "runtime/SiteOps.h"

#include <algorithm>
#include <tuple>

namespace sconv::rt {

int64_t roundUpEighthOctave(int64_t n) {
  const int e = 63 - __builtin_clzll(uint64_t(n)) - 3; // 2^(e+3) <= n: steps of 2^e
  const int64_t step = int64_t(1) << e;
  return (n + step - 1) / step * step;
}

int64_t frameCapacity(int64_t count) {
  const int64_t want = count + count / 4;
  return want <= 256 ? 256 : roundUpEighthOctave(want);
}

std::unique_ptr<CapturedFrame>
ComputeBackend::captureFrame(const std::vector<int64_t> &capacities, size_t numOutputs,
                             const std::function<void(FrameRecorder &)> &walk) {
  (void)capacities, (void)numOutputs, (void)walk;
  throw NotCapturable("this backend does not capture frames");
}

namespace {

/// Frames are captured per entry and input shape (the geometry of every map follows from it).
std::string frameKey(const PlanEntry &entry, const std::vector<SparseTensor> &inputs) {
  std::string key = entry.name;
  for (const SparseTensor &t : inputs)
    key += "|" + std::to_string(t.batchSize) + ":" + std::to_string(t.spatialShape[0]) + "x" +
           std::to_string(t.spatialShape[1]) + "x" + std::to_string(t.spatialShape[2]) + ":" +
           std::to_string(t.channels);
  return key;
}

/// A tensor's sizes at a capacity: no sites, no features (they are in the backend).
std::shared_ptr<SparseTensor> shell(int64_t batch, const Int3 &shape, int64_t channels,
                                    int64_t rows) {
  auto t = std::make_shared<SparseTensor>();
  t->batchSize = batch;
  t->spatialShape = shape;
  t->channels = channels;
  t->numSites = rows;
  return t;
}

/// Failed captures in a row after which an entry stays eager (a capture that fails for want of
/// memory, say, is retried once after the next walked frame).
constexpr int kCaptureAttempts = 2;

} // namespace

std::vector<Output> Model::runFrame(const PlanEntry &entry, const std::vector<SparseTensor> &inputs,
                                    ThreadPool &pool) {
  FrameSlot &slot = frames_[frameKey(entry, inputs)];
  if (slot.frame) {
    bool fits = true;
    for (size_t i = 0; i < inputs.size(); ++i)
      fits = fits && inputs[i].numSites <= slot.capacities[i];
    std::vector<Output> outputs(entry.outputs.size());
    std::vector<int64_t> counts;
    if (fits && slot.frame->replay(inputs, outputs, counts)) {
      ++frameStats_.replays;
      return outputs;
    }
    // Outgrown (or an input the device rejected: the walk below gives the exact error).
    ++frameStats_.overflows;
  }
  std::vector<int64_t> counts;
  std::vector<Output> results = walk(entry, inputs, pool, nullptr, nullptr, &counts);
  ++frameStats_.eagerFrames;
  if (!slot.capturable)
    return results;
  std::vector<int64_t> capacities(counts.size());
  for (size_t s = 0; s < counts.size(); ++s)
    capacities[s] = std::max(frameCapacity(counts[s]),
                             s < slot.capacities.size() ? slot.capacities[s] : int64_t(0));
  slot.frame.reset(); // its buffers go before the new capture takes its own
  try {
    slot.frame = captureFrame(entry, inputs, capacities);
    slot.capacities = std::move(capacities);
    slot.failedCaptures = 0;
    ++frameStats_.captures;
  } catch (const NotCapturable &e) {
    slot.capturable = false;
    frameStats_.notCapturable = e.what();
  } catch (const Error &e) {
    frameStats_.notCapturable = e.what();
    slot.capturable = ++slot.failedCaptures < kCaptureAttempts;
  }
  return results;
}

std::unique_ptr<CapturedFrame> Model::captureFrame(const PlanEntry &entry,
                                                   const std::vector<SparseTensor> &inputs,
                                                   const std::vector<int64_t> &capacities) {
  return backend_->captureFrame(capacities, entry.outputs.size(), [&](FrameRecorder &rec) {
    // A value of the walk: sizes at capacity, features in the backend.
    struct Value {
      std::shared_ptr<SparseTensor> shape;
      DeviceTensorPtr device;
      std::shared_ptr<const KernelMap> map;
      int siteSet = -1, outSiteSet = -1;
      Int3 mapInShape{0, 0, 0}; // a map's input spatial shape
      bool dense = false;       // to_dense's result: x, scattered when the frame returns it
    };
    std::vector<Value> values(size_t(entry.numValues));
    auto capacity = [&](int siteSet) {
      if (siteSet < 0 || size_t(siteSet) >= capacities.size())
        throw Error("internal error: no capacity for site set " + std::to_string(siteSet));
      return capacities[size_t(siteSet)];
    };
    int nextSiteSet = 0;
    for (size_t i = 0; i < inputs.size(); ++i) {
      Value &v = values[size_t(entry.inputs[i].value)];
      v.siteSet = nextSiteSet++;
      v.shape = shell(inputs[i].batchSize, inputs[i].spatialShape, inputs[i].channels,
                      capacity(v.siteSet));
      v.device = rec.input(i, *v.shape);
    }
    auto unsupported = [](const PlanOp &op, const std::string &why) {
      throw NotCapturable("'" + op.name + "' (" + opKindName(op.kind) + ") " + why);
    };
    // Operand i as a sparse tensor whose features are in the backend.
    auto operand = [&](const PlanOp &op, size_t i) -> const Value & {
      const int v = op.inputs.at(i);
      if (v < 0 || !values[size_t(v)].device || values[size_t(v)].dense)
        unsupported(op, "reads a value that is not a sparse tensor in the backend");
      return values[size_t(v)];
    };
    auto mapOperand = [&](const PlanOp &op) -> const Value & {
      const Value &m = values[size_t(op.inputs.at(1))];
      if (!m.map)
        unsupported(op, "needs a map");
      return m;
    };
    auto need = [&](const PlanOp &op, DeviceTensorPtr d) {
      if (!d)
        unsupported(op, "has no form in this backend");
      return d;
    };
    auto optParam = [&](const PlanOp &op, size_t i) -> const float * {
      if (i >= op.params.size() || op.params[i].empty())
        return nullptr;
      return param(op.params[i], op.name).data();
    };
    using MapKey = std::tuple<int, int, Int3, Int3, Int3, Int3, Int3, int>; // ..., mask value
    std::map<MapKey, Value> maps;
    const ValueUses uses = valueUses(entry);
    for (size_t i = 0; i < entry.ops.size(); ++i) {
      const PlanOp &op = entry.ops[i];
      Value res;
      switch (op.kind) {
      case PlanOp::Kind::KernelMap: {
        // SPS-Conv's maps carry the mask: SPSS (Submanifold) and SPRS.
        const bool masked = op.inputs.size() > 1;
        const bool transposedConv = op.mapKind == MapKind::Transposed;
        if (masked ? op.mapKind != MapKind::Submanifold && op.mapKind != MapKind::Sprs
                   : op.mapKind == MapKind::Sprs)
          unsupported(op, "builds a " + std::string(mapKindName(op.mapKind)) + " map " +
                              (masked ? "with" : "without") + " a mask");
        const Value &x = values[size_t(op.inputs[0])];
        if (!x.shape)
          unsupported(op, "reads a value that is not a sparse tensor");
        const int maskId = masked ? op.inputs[1] : -1;
        const Value *mask = masked ? &operand(op, 1) : nullptr;
        if (mask && (mask->siteSet != x.siteSet || mask->shape->channels != 1))
          unsupported(op, "reads a mask that is not one value per input site");
        const MapKey key{x.siteSet,          int(op.mapKind),      op.geometry.kernel,
                         op.geometry.stride, op.geometry.padding,  op.geometry.dilation,
                         op.outputPadding,   maskId};
        auto it = maps.find(key);
        if (it == maps.end()) {
          Value m;
          m.siteSet = x.siteSet;
          m.outSiteSet =
              op.mapKind == MapKind::Submanifold && !masked ? x.siteSet : nextSiteSet++;
          // The CPU builder's geometry checks and output shape (no sites to check here).
          const auto sitesShell = shell(x.shape->batchSize, x.shape->spatialShape, 0, 0);
          KernelMap header =
              transposedConv
                  ? transposedConvMapHeader(*sitesShell, op.geometry, op.outputPadding)
                  : kernelMapHeader(*sitesShell, op.geometry);
          header.numIn = capacity(m.siteSet);
          header.numOut = capacity(m.outSiteSet);
          m.map = mask ? rec.maskedMap(m.siteSet, m.outSiteSet, *x.shape, *mask->device, header)
                       : rec.map(m.siteSet, m.outSiteSet, *x.shape, header, transposedConv);
          m.mapInShape = x.shape->spatialShape;
          it = maps.emplace(key, m).first;
        }
        res = it->second;
        break;
      }
      case PlanOp::Kind::TransposeMap: {
        const Value &fwd = values[size_t(op.inputs.at(0))];
        if (!fwd.map)
          unsupported(op, "transposes a value that is not a map");
        // transposeKernelMapHeader's, at capacities: from fwd's outputs back to its inputs.
        KernelMap header;
        header.geometry = fwd.map->geometry;
        header.volume = fwd.map->volume;
        header.batchSize = fwd.map->batchSize;
        header.numIn = fwd.map->numOut;
        header.numOut = fwd.map->numIn;
        header.outShape = fwd.mapInShape;
        res.map = rec.transposeMap(*fwd.map, header);
        res.siteSet = fwd.outSiteSet;
        res.outSiteSet = fwd.siteSet;
        break;
      }
      case PlanOp::Kind::ImplicitGemm: {
        const Value &x = operand(op, 0), &m = mapOperand(op);
        const KernelMap &map = *m.map;
        const DeviceTensor *residual = op.inputs[2] >= 0 ? operand(op, 2).device.get() : nullptr;
        res.device = backend_->implicitGemm(op, *x.device, x.shape->numSites, map, op.params[0],
                                            param(op.params[0], op.name).data(), op.params[1],
                                            optParam(op, 1), residual);
        res.shape = shell(map.batchSize, map.outShape, op.cout, map.numOut);
        res.siteSet = m.outSiteSet;
        break;
      }
      case PlanOp::Kind::PartitionSum: {
        const Value &x = operand(op, 0), &m = mapOperand(op);
        const int64_t C = x.shape->channels;
        if (op.gpuKernel.empty() ||
            m.map->volume != op.kernelSize * op.kernelSize * op.kernelSize)
          unsupported(op, "has no backend kernel for its map");
        res.device = need(op, backend_->partitionSum(op, *x.device, x.shape->numSites, C, *m.map,
                                                     op.params[0], optParam(op, 0)));
        res.shape = shell(x.shape->batchSize, x.shape->spatialShape, 27 * C, x.shape->numSites);
        res.siteSet = x.siteSet;
        break;
      }
      case PlanOp::Kind::BatchNorm:
      case PlanOp::Kind::Relu:
      case PlanOp::Kind::AppendOnes: {
        const Value &x = operand(op, 0);
        const int64_t rows = x.shape->numSites, C = x.shape->channels;
        int64_t channels = C;
        if (op.kind == PlanOp::Kind::BatchNorm) {
          BatchNormFactors f = batchNormFactors(C, optParam(op, 0), optParam(op, 1),
                                                optParam(op, 2), optParam(op, 3), op.epsilon);
          res.device = need(op, backend_->scaleShift(*x.device, rows, C, op.name, f.scale.data(),
                                                     f.shift.data()));
        } else if (op.kind == PlanOp::Kind::Relu) {
          res.device = need(op, backend_->relu(*x.device, rows, C));
        } else {
          res.device = need(op, backend_->appendOnes(*x.device, rows, C));
          channels = C + 1;
        }
        res.shape = shell(x.shape->batchSize, x.shape->spatialShape, channels, rows);
        res.siteSet = x.siteSet;
        break;
      }
      case PlanOp::Kind::Add:
      case PlanOp::Kind::Concat: {
        const Value &a = operand(op, 0), &b = operand(op, 1);
        if (a.siteSet != b.siteSet)
          unsupported(op, "has operands on different sites");
        const int64_t rows = a.shape->numSites, ca = a.shape->channels, cb = b.shape->channels;
        res.device = need(op, op.kind == PlanOp::Kind::Add
                                  ? backend_->add(*a.device, *b.device, rows, ca)
                                  : backend_->concat(*a.device, ca, *b.device, cb, rows));
        res.shape = shell(a.shape->batchSize, a.shape->spatialShape,
                          op.kind == PlanOp::Kind::Add ? ca : ca + cb, rows);
        res.siteSet = a.siteSet;
        break;
      }
      case PlanOp::Kind::ToDense:
        res = operand(op, 0);
        res.dense = true;
        break;
      case PlanOp::Kind::Importance: {
        const Value &x = operand(op, 0);
        res.device = need(op, backend_->importance(*x.device, x.shape->numSites,
                                                   x.shape->channels));
        res.shape = shell(x.shape->batchSize, x.shape->spatialShape, 1, x.shape->numSites);
        res.siteSet = x.siteSet;
        break;
      }
      case PlanOp::Kind::PruneMask: {
        const Value &m = operand(op, 0);
        if (m.shape->channels != 1)
          unsupported(op, "prunes by a tensor of more than one channel");
        res.device = rec.pruneMask(*m.device, m.siteSet, *m.shape, op.ratio, op.threshold);
        res.shape = m.shape;
        res.siteSet = m.siteSet;
        break;
      }
      case PlanOp::Kind::ScaleByImportance: {
        const Value &x = operand(op, 0), &m = operand(op, 1);
        if (m.siteSet != x.siteSet || m.shape->channels != 1)
          unsupported(op, "scales by a tensor that is not one value per site");
        res.device = need(op, backend_->scaleByImportance(*x.device, *m.device, x.shape->numSites,
                                                          x.shape->channels));
        res.shape = x.shape;
        res.siteSet = x.siteSet;
        break;
      }
      case PlanOp::Kind::MergePruned: {
        const Value &pass = operand(op, 0), &computed = operand(op, 1), &mask = operand(op, 2);
        const int spssMap = maskedRowsMap(entry, op);
        if (spssMap < 0 || values[size_t(spssMap)].siteSet != pass.siteSet ||
            mask.siteSet != pass.siteSet || computed.shape->channels != pass.shape->channels)
          unsupported(op, "merges rows that are not its mask's masked conv");
        const int64_t C = pass.shape->channels;
        res.device = need(op, backend_->mergeRows(*pass.device, *computed.device, *mask.device,
                                                  pass.shape->numSites, computed.shape->numSites,
                                                  C, op.name, optParam(op, 0), optParam(op, 1)));
        res.shape = pass.shape;
        res.siteSet = pass.siteSet;
        break;
      }
      default:
        unsupported(op, "has no form in a captured frame");
      }
      values[size_t(op.result)] = std::move(res);
      for (int v : op.inputs)
        if (v >= 0 && uses.lastUse[size_t(v)] == i && !uses.isOutput[size_t(v)])
          values[size_t(v)].device.reset(); // the backend may reuse its memory in the frame
    }
    for (size_t i = 0; i < entry.outputs.size(); ++i) {
      const Value &v = values[size_t(entry.outputs[i])];
      if (!v.device || !v.shape)
        throw NotCapturable("result " + std::to_string(i) + " of '" + entry.name +
                            "' is not a tensor in the backend");
      if (v.dense)
        rec.denseOutput(i, *v.device, v.siteSet, *v.shape);
      else
        rec.sparseOutput(i, *v.device, v.siteSet, *v.shape);
    }
  });
}

} // namespace sconv::rt
