// See GpuTune.h. Not yet run on a GPU (none was lent while it was written): docs/gpu.md.
#include "tools/sconv-tune/GpuTune.h"

#include "runtime/Artifact.h"
#include "runtime/RandomParams.h"
#include "runtime/cuda/GpuConvLaunch.h"
#include "runtime/cuda/GpuMaskOrder.h"
#include "runtime/cuda/GpuModule.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <optional>

namespace sconv::tune {

using namespace sconv::rt;

namespace {

/// One instance's operands on the device (the per-offset tables only when a fetch-on-demand
/// candidate needs them; the mask orders of the launch in flight for sorted and split ones).
struct DeviceInstance {
  const KernelMap *map = nullptr;
  DeviceBuffer in, nbr, out;
  int64_t numIn = 0, numOut = 0;
  std::optional<FetchTables> fetch;
  std::vector<DeviceBuffer> orders;
};

/// The attributes that select tile `t` on an implicit_gemm op.
std::string gpuTileAttributes(const GpuTile &t) {
  std::string a = "gpu_tile = array<i64: " + std::to_string(t.threadsCout) + ", " +
                  std::to_string(t.threadsRows) + ", " + std::to_string(t.rowsPerThread) + ">";
  if (t.dataflow != "implicit_gemm")
    a += ", gpu_dataflow = \"" + t.dataflow + "\"";
  if (t.splits)
    a += ", gpu_splits = " + std::to_string(t.splits) + " : i64";
  if (t.tensorCores())
    a += ", gpu_precision = \"" + t.precision + "\"";
  if (t.stages != 1)
    a += ", gpu_stages = " + std::to_string(t.stages) + " : i64";
  return a;
}

} // namespace

DeviceKey gpuDeviceKey(const GpuDeviceInfo &dev) {
  // The toolkit whose ptxas assembles the candidates (configure time): with the driver, what
  // turns the same PTX into the code that was timed.
  return {dev.chip(), dev.name,
          "driver=" + std::to_string(dev.driverVersion) + ",toolkit=" SCONV_CUDA_TOOLKIT_VERSION};
}

void tuneGpu(const Groups &groups, const GpuTuneOptions &o, TuningDatabase &db) {
  GpuContext ctx(0);
  tuneGpu(ctx, groups, o, db);
}

void tuneGpu(GpuContext &ctx, const Groups &groups, const GpuTuneOptions &o, TuningDatabase &db) {
  const GpuDeviceInfo &dev = ctx.device();
  const std::string chip = dev.chip();
  const DeviceKey key = gpuDeviceKey(dev);
  llvm::errs() << "tuning on " << dev.describe() << "\n";

  std::map<std::tuple<int64_t, int64_t, int64_t>, std::vector<GpuTile>> cands;
  std::vector<CandidateStep> steps;
  std::map<std::pair<std::tuple<int64_t, int64_t, int64_t>, std::string>, size_t> stepOf;
  for (auto &[sig, list] : groups) {
    auto cls = std::make_tuple(sig.volume, sig.cin, sig.cout);
    if (cands.count(cls))
      continue;
    std::vector<GpuTile> c = candidateGpuTiles(sig.cout, sig.volume, o.precision);
    GpuTile d = defaultGpuTile(sig.cin, sig.cout, sig.volume, o.precision);
    if (std::find(c.begin(), c.end(), d) == c.end())
      c.push_back(d);
    for (const GpuTile &t : c) {
      stepOf[{cls, t.str()}] = steps.size();
      steps.push_back({sig.volume, sig.cin, sig.cout, gpuTileAttributes(t)});
    }
    cands[cls] = std::move(c);
  }
  const std::string mlir = o.workDir + "/gpu-candidates.mlir",
                    artifactPath = o.workDir + "/gpu-candidates.sconv";
  {
    std::error_code ec;
    llvm::raw_fd_ostream f(mlir, ec);
    if (ec)
      throw Error("cannot write '" + mlir + "': " + ec.message());
    f << candidateModule(steps);
  }
  llvm::errs() << "compiling " << steps.size() << " candidate GPU kernels for " << chip << "\n";
  std::vector<std::string> args = {mlir, "--target", chip, "-o", artifactPath};
  args.insert(args.end(), o.extraSconvcArgs.begin(), o.extraSconvcArgs.end());
  runSconvc(o.sconvc, args);
  Artifact art = Artifact::readFile(artifactPath);
  if (o.onCandidates)
    o.onCandidates(art);
  Plan plan = Plan::parse(art.manifest);
  GpuModule module(ctx, deviceImagesOf(art, plan), "the candidate kernels");
  const std::vector<std::string> kernels = candidateKernels(plan, steps.size(), /*gpu=*/true);

  size_t total = 0, done = 0;
  for (auto &[sig, list] : groups)
    total += cands[{sig.volume, sig.cin, sig.cout}].size();
  const auto start = Clock::now();
  double sumDef = 0, sumBest = 0;
  std::string table;
  for (auto &[sig, list] : groups) {
    ParamInfo wp{"w", {sig.volume, sig.cin, sig.cout}}, bp{"b", {sig.cout}};
    std::vector<float> w = randomParam(wp, 3), b = randomParam(bp, 4);
    DeviceBuffer dW = ctx.uploadVector(w), dB = ctx.uploadVector(b);
    std::vector<DeviceInstance> dev;
    for (const Instance &in : list) {
      DeviceInstance d;
      d.map = in.map.get();
      d.numIn = in.input->numSites;
      d.numOut = in.map->numOut;
      d.in = ctx.uploadVector(in.input->feats);
      d.nbr = ctx.uploadVector(in.map->nbr);
      d.out = ctx.allocate(size_t(d.numOut * sig.cout) * sizeof(float));
      dev.push_back(std::move(d));
    }
    // Through the backend's own launch code (GpuConvLaunch.h): what is timed is what runs.
    auto launch = [&](cu::CUfunction fn, const GpuTile &t, DeviceInstance &d) {
      const GpuConvShape shape{sig.cin, sig.cout, sig.volume, t.threads(), t.rowsPerBlock(),
                               /*relu=*/false};
      GpuConvOperands ops;
      ops.in = d.in.as<float>();
      ops.numIn = d.numIn;
      ops.numOut = d.numOut;
      ops.w = dW.as<float>();
      ops.bias = dB.as<float>();
      ops.out = d.out.as<float>();
      GpuMapSources sources;
      sources.nbr = d.nbr.as<int32_t>();
      sources.fetch = [&]() -> const FetchTables & {
        if (!d.fetch)
          d.fetch = fetchTablesOnDevice(ctx, d.nbr.as<int32_t>(), d.numOut, sig.volume);
        return *d.fetch;
      };
      // Sorted in every launch, as for the CPU candidates: each is charged its whole sort (the
      // executor sorts once per map and run, shared by the convs on the map).
      d.orders.clear();
      sources.order = [&](int64_t kBegin, int64_t kEnd) {
        d.orders.push_back(
            maskOrderOnDevice(ctx, sources.nbr, d.numOut, sig.volume, kBegin, kEnd));
        return d.orders.back().as<int32_t>();
      };
      launchGpuConv(ctx, fn, shape, t.dataflow, t.splits, ops, sources);
    };
    const GpuTile def = defaultGpuTile(sig.cin, sig.cout, sig.volume, o.precision);
    GpuTile best = def;
    double bestMs = 1e300, defMs = 0;
    for (const GpuTile &t : cands[{sig.volume, sig.cin, sig.cout}]) {
      cu::CUfunction fn = module.function(
          kernels[stepOf.at({{sig.volume, sig.cin, sig.cout}, t.str()})].c_str());
      launch(fn, t, dev.front());
      std::vector<float> out(size_t(dev.front().numOut * sig.cout));
      ctx.download(out.data(), dev.front().out.address(), out.size() * sizeof(float));
      if (std::string err = checkAgainstReference(list.front(), w, b, out, o.precision);
          !err.empty())
        throw Error("GPU candidate " + t.str() + " for " + sig.str() + " is wrong: " + err);
      const double med = medianMs(o.warmup, o.repeat, [&] {
        GpuEvent begin(ctx), end(ctx);
        begin.record();
        for (DeviceInstance &d : dev)
          launch(fn, t, d);
        end.record();
        return end.millisecondsSince(begin);
      });
      if (t == def)
        defMs = med;
      if (med < bestMs)
        bestMs = med, best = t;
      ++done;
      const double elapsed = msSince(start) / 1000;
      llvm::errs() << llvm::format("[%zu/%zu] %-44s gpu %-9s %9.3f ms   ETA %.0f s\n", done, total,
                                   sig.str().c_str(), t.str().c_str(), med,
                                   elapsed / double(done) * double(total - done));
    }
    sumDef += defMs;
    sumBest += bestMs;
    table += llvm::formatv("{0,-44} {1,5}  {2,-9} {3,9:f3}  {4,-9} {5,9:f3}  {6,6:f2}x\n",
                           sig.str(), list.size(), def.str(), defMs, best.str(), bestMs,
                           defMs / bestMs)
                 .str();
    TuningSignature measured = sig;
    measured.precision = o.precision;
    TuningEntry e{measured, {}, bestMs, defMs, int64_t(list.size()), best};
    db.upsert(key, e);
  }
  llvm::outs() << "\nsignature                                     maps  default          ms  "
                  "tuned            ms  speed-up\n"
               << table
               << llvm::format("all compute steps on %s: %.3f ms untuned, %.3f ms tuned (%.2fx)\n",
                               dev.name.c_str(), sumDef, sumBest, sumDef / sumBest);
}

} // namespace sconv::tune
