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
  if (t.tensorCores() && !t.instruction.empty())
    a += ", gpu_instruction = \"" + t.instruction + "\"";
  return a;
}

} // namespace

DeviceKey gpuDeviceKey(const GpuDeviceInfo &dev, const std::string &toolkit) {
  // The toolkit whose ptxas assembles the candidates (configure time): with the driver, what
  // turns the same PTX into the code that was timed.
  return {dev.chip(), dev.name,
          "driver=" + std::to_string(dev.driverVersion) + ",toolkit=" +
              (toolkit.empty() ? std::string(SCONV_CUDA_TOOLKIT_VERSION) : toolkit)};
}

std::string tunedChip(const GpuDeviceInfo &dev, const GpuTuneOptions &o) {
  const std::string chip = o.prepared ? o.prepared->chip : o.chip.empty() ? dev.chip() : o.chip;
  if (!targetRunsOn(chip, dev.chip()))
    throw Error("GPU candidates for " + chip + " cannot run on GPU 0 (" + dev.chip() +
                "): tune for " + dev.chip() + (dev.sm() == 90 ? " or sm_90a" : ""));
  return chip;
}

DeviceKey gpuDeviceKey(const GpuDeviceInfo &dev, const GpuTuneOptions &o) {
  DeviceKey key = gpuDeviceKey(dev, o.prepared ? o.prepared->toolkit : "");
  // Candidates compiled for sm_90a (wgmma among them) are measurements for that target: what
  // sconvc --target sm_90a looks up.
  key.target = tunedChip(dev, o);
  return key;
}

std::string candidateKey(int64_t volume, int64_t cin, int64_t cout, const GpuTile &t) {
  return std::to_string(volume) + "x" + std::to_string(cin) + "x" + std::to_string(cout) + " " +
         t.str();
}

namespace {

using Class = std::tuple<int64_t, int64_t, int64_t>; // (K, C_in, C_out)

/// Every candidate tile (the default included) of every class in `groups`, as compute steps.
struct GpuCandidateSet {
  std::map<Class, std::vector<GpuTile>> tiles;
  std::vector<CandidateStep> steps;
  std::vector<std::string> keys; // candidateKey of each step
  std::map<std::string, size_t> stepOf;
};

/// `chip`: what the candidates are compiled for; sm_90a adds the wgmma tiles.
GpuCandidateSet gpuCandidates(const Groups &groups, const std::string &precision,
                              const std::string &chip) {
  GpuCandidateSet set;
  for (auto &[sig, list] : groups) {
    auto cls = std::make_tuple(sig.volume, sig.cin, sig.cout);
    if (set.tiles.count(cls))
      continue;
    std::vector<GpuTile> c =
        candidateGpuTiles(sig.cout, sig.volume, precision, /*wgmma=*/chip == "sm_90a");
    GpuTile d = defaultGpuTile(sig.cin, sig.cout, sig.volume, precision);
    if (std::find(c.begin(), c.end(), d) == c.end())
      c.push_back(d);
    for (const GpuTile &t : c) {
      set.keys.push_back(candidateKey(sig.volume, sig.cin, sig.cout, t));
      set.stepOf[set.keys.back()] = set.steps.size();
      set.steps.push_back({sig.volume, sig.cin, sig.cout, gpuTileAttributes(t)});
    }
    set.tiles[cls] = std::move(c);
  }
  return set;
}

/// Compiles the candidate steps for `chip` into `artifactPath` (the module beside it).
void compileGpuCandidates(const GpuCandidateSet &set, const std::string &chip,
                          const GpuTuneOptions &o, const std::string &artifactPath) {
  const std::string mlir = artifactPath.substr(0, artifactPath.rfind('.')) + ".mlir";
  writeTextFile(mlir, candidateModule(set.steps));
  llvm::errs() << "compiling " << set.steps.size() << " candidate GPU kernels for " << chip << "\n";
  std::vector<std::string> args = {mlir, "--target", chip, "-o", artifactPath};
  args.insert(args.end(), o.extraSconvcArgs.begin(), o.extraSconvcArgs.end());
  runSconvc(o.sconvc, args);
}

/// Drops the PTX of an artifact that has the chip's cubin: prepared candidates only ever load on
/// that chip (PreparedGpuTune::checkFor), and the PTX is most of the bytes that must travel.
void keepOnlyCubin(const std::string &path, const std::string &chip) {
  Artifact art = Artifact::readFile(path);
  Plan plan = Plan::parse(art.manifest);
  const bool hasCubin = std::any_of(plan.gpuImages.begin(), plan.gpuImages.end(),
                                    [&](const GpuImage &g) {
                                      return g.chip == chip && g.section.rfind("cubin.", 0) == 0;
                                    });
  if (!hasCubin) // no ptxas where it was compiled: the PTX is all there is
    return;
  std::vector<GpuImage> kept;
  for (const GpuImage &g : plan.gpuImages)
    if (g.section.rfind("cubin.", 0) == 0)
      kept.push_back(g);
    else
      art.sections.erase(g.section);
  plan.gpuImages = kept;
  art.manifest = plan.toJson();
  art.writeFile(path);
}

} // namespace

void prepareGpuTune(const Groups &groups, const SwLkGroups &swLk, PreparedGpuTune &prepared,
                    const GpuTuneOptions &o, const std::string &tuningDb) {
  const GpuCandidateSet set = gpuCandidates(groups, prepared.precision, prepared.chip);
  compileGpuCandidates(set, prepared.chip, o, prepared.path(PreparedGpuTune::kCandidates));
  keepOnlyCubin(prepared.path(PreparedGpuTune::kCandidates), prepared.chip);
  prepared.candidates = set.keys;
  prepared.toolkit = SCONV_CUDA_TOOLKIT_VERSION;
  prepared.forms.clear();
  for (const auto &[sig, list] : swLk)
    prepared.forms.push_back(sig.str());
  prepared.formTiles = tuningDb.empty() ? "default" : tuningDb;
  if (!swLk.empty())
    compileSwLkForms(swLk, prepared.chip, o, tuningDb, prepared.dir);
  prepared.save();
}

void tuneGpu(const Groups &groups, const GpuTuneOptions &o, TuningDatabase &db) {
  GpuContext ctx(0);
  tuneGpu(ctx, groups, o, db);
}

void tuneGpu(GpuContext &ctx, const Groups &groups, const GpuTuneOptions &o, TuningDatabase &db) {
  const GpuDeviceInfo &dev = ctx.device();
  if (o.prepared)
    o.prepared->checkFor(dev.chip(), o.precision);
  const DeviceKey key = gpuDeviceKey(dev, o);
  const std::string &chip = key.target; // tunedChip: what the candidates are compiled for
  llvm::errs() << "tuning on " << dev.describe() << "\n";

  // For sm_90a (on an sm_90 GPU) the candidates include wgmma tiles.
  const GpuCandidateSet set = gpuCandidates(groups, o.precision, chip);
  const std::string artifactPath = o.prepared ? o.prepared->path(PreparedGpuTune::kCandidates)
                                              : o.workDir + "/" + PreparedGpuTune::kCandidates;
  if (!o.prepared)
    compileGpuCandidates(set, chip, o, artifactPath);
  Artifact art = Artifact::readFile(artifactPath);
  if (o.onCandidates)
    o.onCandidates(art);
  Plan plan = Plan::parse(art.manifest);
  GpuModule module(ctx, deviceImagesOf(art, plan), "the candidate kernels");
  // The kernel of each candidate: entry t<i> of the artifact, i its step here or, prepared, its
  // position in the prepared index (found by key: the classes seen here may be fewer).
  std::vector<std::string> kernels;
  if (!o.prepared) {
    kernels = candidateKernels(plan, set.steps.size(), /*gpu=*/true);
  } else {
    const std::vector<std::string> all =
        candidateKernels(plan, o.prepared->candidates.size(), /*gpu=*/true);
    for (const std::string &k : set.keys) {
      auto it = std::find(o.prepared->candidates.begin(), o.prepared->candidates.end(), k);
      if (it == o.prepared->candidates.end())
        throw Error("the candidates prepared in '" + o.prepared->dir + "' lack " + k +
                    ": prepare again with the same model and frames");
      kernels.push_back(all[size_t(it - o.prepared->candidates.begin())]);
    }
  }
  auto &cands = set.tiles;
  auto kernelOf = [&](const TuningSignature &sig, const GpuTile &t) -> const std::string & {
    return kernels[set.stepOf.at(candidateKey(sig.volume, sig.cin, sig.cout, t))];
  };

  size_t total = 0, done = 0;
  for (auto &[sig, list] : groups)
    total += cands.at({sig.volume, sig.cin, sig.cout}).size();
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
      // Fetch tables and sorted orders are built in every launch: each candidate is charged its
      // whole preparation (the executor builds them once per map and run, shared by the convs on
      // the map). Built once and reused, fetch-on-demand won classes on the H100 where it then ran
      // 1.45x slower in the model than the implicit GEMM it replaced.
      d.fetch.reset();
      sources.fetch = [&]() -> const FetchTables & {
        if (!d.fetch)
          d.fetch = fetchTablesOnDevice(ctx, d.nbr.as<int32_t>(), d.numOut, sig.volume);
        return *d.fetch;
      };
      d.orders.clear();
      sources.order = [&](int64_t kBegin, int64_t kEnd) {
        d.orders.push_back(
            maskOrderOnDevice(ctx, sources.nbr, d.numOut, sig.volume, kBegin, kEnd));
        return d.orders.back().as<int32_t>();
      };
      launchGpuConv(ctx, fn, shape, t.dataflow, t.splits, ops, sources);
    };
    const ReferenceSample reference = referenceSample(list.front(), w, b, o.precision);
    const GpuTile def = defaultGpuTile(sig.cin, sig.cout, sig.volume, o.precision);
    GpuTile best = def;
    double bestMs = 1e300, defMs = 0;
    for (const GpuTile &t : cands.at({sig.volume, sig.cin, sig.cout})) {
      cu::CUfunction fn = module.function(kernelOf(sig, t).c_str());
      launch(fn, t, dev.front());
      std::vector<float> out(size_t(dev.front().numOut * sig.cout));
      ctx.download(out.data(), dev.front().out.address(), out.size() * sizeof(float));
      if (std::string err = checkAgainstReference(reference, out);
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
