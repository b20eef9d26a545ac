// sconv-tune: measures, on this machine and on real kernel maps from the user's frames, which
// tile configuration makes each class of convs fastest, and records it in a tuning database that
// `sconvc --tuning-db` reads.
//
//   sconv-tune model.mlir --input frame1.bin,frame2.bin -o tuning.json [--device gpu]
//
// GPU tuning in two phases, for a GPU machine without the compiler (it needs only the runtime):
//   sconv-tune model.mlir --input frames --device gpu --gpu-chip sm_90 --prepare dir  (compiler)
//   sconv-tune --prepared dir --input frames -o tuning.json                         (GPU machine)
//
// Convs are grouped by signature (kernel volume, C_in, C_out, map kind, precision, and buckets of
// map size and density). Every candidate (codegen/KernelConfig.h) of each signature is compiled by
// sconvc, checked against a float64 reference on sampled rows of a real map, then timed (warm-up,
// median of --repeat runs of all the signature's maps). The table at the end compares the best
// with the untuned default. SW-LK convs also get their form measured (partition sums + the
// 27-group GEMM against one plain k^3 GEMM, each with its tuned tile; docs/design.md).
#include "codegen/TuningDatabase.h"
#include "tools/sconv-tune/GpuTune.h"
#include "tools/sconv-tune/TuneCommon.h"
#include "runtime/Executor.h"
#include "runtime/CpuGemm.h"
#include "runtime/PointCloud.h"
#include "runtime/RandomParams.h"
#include "runtime/SiteOps.h"
#include "runtime/Voxelizer.h"

#include "llvm/ADT/ScopeExit.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <optional>
#include <random>

using namespace sconv;
using namespace sconv::rt;
using namespace sconv::tune;
namespace cl = llvm::cl;

static cl::OptionCategory tuneCategory("sconv-tune options");
static cl::opt<std::string> modelFile(cl::Positional, cl::desc("<model.mlir>"),
                                      cl::cat(tuneCategory));
static cl::list<std::string> inputs("input", cl::desc("point cloud files (comma separated)"),
                                    cl::CommaSeparated, cl::OneOrMore, cl::cat(tuneCategory));
static cl::opt<std::string> format("format", cl::desc("point format (default: auto)"),
                                   cl::init("auto"), cl::cat(tuneCategory));
static cl::opt<std::string> outputFile("o", cl::desc("tuning database to write (merged into "
                                                     "when it exists)"),
                                       cl::cat(tuneCategory));
static cl::opt<int> repeat("repeat", cl::desc("timed runs per candidate (median)"), cl::init(5),
                           cl::cat(tuneCategory));
static cl::opt<int> warmup("warmup", cl::desc("untimed runs per candidate"), cl::init(1),
                           cl::cat(tuneCategory));
static cl::opt<int> threads("cpu-threads", cl::desc("CPU threads (0: all cores)"), cl::init(0),
                            cl::cat(tuneCategory));
static cl::opt<double> minGain("min-gain",
                               cl::desc("keep the default (or the best tile before a thread cap) "
                                        "unless a candidate is faster by at least this fraction: "
                                        "single timings on a shared machine are noisy"),
                               cl::init(0.03), cl::cat(tuneCategory));
static cl::opt<std::string> device("device",
                                   cl::desc("what to tune: cpu (the default; tiles, dataflow, "
                                            "threads) or gpu (GPU tiles on GPU 0)"),
                                   cl::init("cpu"), cl::cat(tuneCategory));
static cl::opt<std::string> gpuPrecision(
    "gpu-precision",
    cl::desc("with --device gpu: f32 (SIMT tiles, default), or f16 / bf16 (tensor-core warp "
             "tiles, for models compiled with sconvc --gpu-precision)"),
    cl::init("f32"), cl::cat(tuneCategory));
static cl::opt<std::string> prepareDir(
    "prepare",
    cl::desc("with --device gpu and --gpu-chip: compile every candidate for that chip into this "
             "directory and stop (no GPU needed); time them on the GPU with --prepared"),
    cl::init(""), cl::cat(tuneCategory));
static cl::opt<std::string> gpuChip("gpu-chip", cl::desc("the chip --prepare compiles for (sm_80, "
                                                         "sm_90, ...), or a direct search's target "
                                                         "(default: GPU 0's); sm_90a adds wgmma "
                                                         "tiles to the tensor-core candidates"),
                                    cl::init(""), cl::cat(tuneCategory));
static cl::opt<std::string> preparedDir(
    "prepared",
    cl::desc("time on GPU 0 the candidates sconv-tune --prepare compiled into this directory "
             "(no model.mlir and no sconvc needed)"),
    cl::init(""), cl::cat(tuneCategory));
static cl::opt<std::string> prepareTuningDb(
    "tuning-db",
    cl::desc("with --prepare: compile the SW-LK forms with the GPU tiles of this database (a "
             "first --prepared run's output)"),
    cl::init(""), cl::cat(tuneCategory));
static cl::opt<std::string> sconvcPath("sconvc", cl::desc("the sconvc to compile with (default: "
                                                          "next to sconv-tune, else PATH)"),
                                       cl::init(""), cl::cat(tuneCategory));

namespace {

std::string findSconvc(const char *argv0) {
  if (!sconvcPath.empty())
    return sconvcPath;
  std::string self = llvm::sys::fs::getMainExecutable(argv0, (void *)&findSconvc);
  llvm::SmallString<256> sibling(llvm::sys::path::parent_path(self));
  llvm::sys::path::append(sibling, "sconvc");
  if (llvm::sys::fs::can_execute(sibling))
    return sibling.str().str();
  if (auto p = llvm::sys::findProgramByName("sconvc"))
    return *p;
  throw Error("cannot find sconvc (give --sconvc)");
}

/// Runs a candidate over every row of an instance's map, as the executor does. A mask-sorted
/// or split candidate sorts the rows in every run (the executor sorts once per map and run,
/// shared by the convs on that map: this charges each conv the whole sort).
void runKernel(const CpuKernelLibrary &lib, const std::string &kernel, const KernelConfig &c,
               const Instance &in, const std::vector<float> &w, const std::vector<float> &b,
               std::vector<float> &out, ThreadPool &pool) {
  out.assign(size_t(in.map->numOut * in.cout), 0.f);
  rt::RowOrders orders;
  rt::runCpuGemm(lib, {0, kernel, c.dataflow, c.threads, c.splits},
                 {in.input->feats.data(), in.input->numSites, in.map.get(), in.cin, in.cout,
                  w.data(), b.data(), nullptr, false, out.data()},
                 orders, pool);
}

/// Checks the options' combination before anything runs.
void checkOptions() {
  if (device != "cpu" && device != "gpu")
    throw Error("--device must be cpu or gpu, got '" + device + "'");
  if (gpuPrecision != "f32" && gpuPrecision != "f16" && gpuPrecision != "bf16")
    throw Error("--gpu-precision must be f32, f16 or bf16, got '" + gpuPrecision + "'");
  if (!preparedDir.empty()) {
    if (!modelFile.empty() || !prepareDir.empty() || !gpuChip.empty() || !prepareTuningDb.empty())
      throw Error("--prepared times what --prepare compiled: it takes no model.mlir, --prepare, "
                  "--gpu-chip or --tuning-db (the directory fixes them)");
    if (device.getNumOccurrences() && device != "gpu")
      throw Error("--prepared tunes GPU kernels: --device must be gpu");
  } else if (modelFile.empty()) {
    throw Error("no model: give model.mlir (or --prepared DIR)");
  }
  if (gpuPrecision != "f32" && device != "gpu" && preparedDir.empty())
    throw Error("--gpu-precision=" + gpuPrecision + " tunes tensor-core GPU kernels: it needs "
                "--device gpu (CPU kernels are f32)");
  if (!prepareDir.empty()) {
    if (device != "gpu")
      throw Error("--prepare compiles GPU candidates: it needs --device gpu (CPU tuning runs "
                  "where the compiler is)");
    if (gpuChip.empty() || !isGpuTarget(gpuChip))
      throw Error("--prepare needs --gpu-chip, the GPU's chip (sm_80, sm_90, ...)" +
                  (gpuChip.empty() ? std::string() : ", got '" + gpuChip + "'"));
  } else {
    if (!prepareTuningDb.empty())
      throw Error("--tuning-db goes with --prepare (a direct GPU search compiles the SW-LK forms "
                  "with the tiles it has just measured)");
    if (!gpuChip.empty() && (device != "gpu" || !isGpuTarget(gpuChip)))
      throw Error("--gpu-chip names the GPU target to tune for (GPU 0's chip, or sm_90a on an "
                  "sm_90 GPU): it needs --device gpu" +
                  (gpuChip.empty() ? std::string() : " and a GPU chip, got '" + gpuChip + "'"));
    if (outputFile.empty())
      throw Error("no output database: give -o tuning.json");
  }
}

int run(const char *argv0) {
  checkOptions();
  // Fail early on a database we could not merge into.
  TuningDatabase db;
  if (!outputFile.empty() && llvm::sys::fs::exists(outputFile)) {
    auto loaded = TuningDatabase::load(outputFile);
    if (!loaded)
      throw Error(llvm::toString(loaded.takeError()) + " (not overwritten; remove it or pick "
                                                       "another -o)");
    db = std::move(*loaded);
  }
  std::optional<PreparedGpuTune> prepared;
  if (!preparedDir.empty()) {
    prepared = PreparedGpuTune::load(preparedDir);
    if (gpuPrecision.getNumOccurrences() && gpuPrecision != prepared->precision)
      throw Error("'" + preparedDir + "' was prepared at --gpu-precision=" + prepared->precision +
                  ", not " + gpuPrecision);
  }
  const bool gpu = device == "gpu" || prepared;
  // GPU 0 before anything else runs: no GPU or driver is an error up front, not after collecting.
  std::unique_ptr<GpuContext> ctx;
  if (gpu && prepareDir.empty())
    ctx = std::make_unique<GpuContext>(0);
  // The compiler is needed for everything but timing prepared candidates.
  const std::string sconvc = prepared ? "" : findSconvc(argv0);
  llvm::SmallString<128> dir;
  if (!prepareDir.empty()) {
    if (auto ec = llvm::sys::fs::create_directories(prepareDir))
      throw Error("cannot create '" + prepareDir + "': " + ec.message());
    dir = prepareDir.getValue();
  } else if (!prepared && llvm::sys::fs::createUniqueDirectory("sconv-tune", dir)) {
    throw Error("cannot create a temporary directory");
  }
  // The temporary directory goes on every way out, errors included; a --prepare one stays.
  llvm::scope_exit removeTemporary([&] {
    if (prepareDir.empty() && !dir.empty())
      llvm::sys::fs::remove_directories(dir);
  });
  std::string modelArtifact = prepared ? prepared->path(PreparedGpuTune::kModel)
                                       : (dir + "/" + PreparedGpuTune::kModel).str();
  if (!prepared)
    runSconvc(sconvc, {modelFile, "--target", "cpu", "-o", modelArtifact});
  ThreadPool pool(threads);
  SwLkGroups swLk(bySignatureText);
  auto groups = collect(modelArtifact, inputs, format, pool, &swLk);
  // SW-LK's plain form is a k^3 GEMM the model (in partition form) does not run: its class joins
  // the tile search on the SW-LK convs' own inputs and maps, and the forms are compared after.
  for (auto &[sig, list] : swLk)
    for (const SwLkInstance &lk : list) {
      Instance g = lk.plainGemm();
      groups[signatureOf(g, "submanifold")].push_back(g);
    }
  if (gpu) {
    // The kernel maps (and so the signatures) come from the CPU run; the kernels run on the GPU.
    GpuTuneOptions gpuOptions{sconvc, dir.str().str(), repeat, warmup};
    gpuOptions.precision = prepared ? prepared->precision : gpuPrecision.getValue();
    gpuOptions.minGain = minGain;
    gpuOptions.prepared = prepared;
    if (prepareDir.empty())
      gpuOptions.chip = gpuChip;
    if (!prepareDir.empty()) {
      PreparedGpuTune p;
      p.dir = prepareDir;
      p.chip = gpuChip;
      p.precision = gpuPrecision;
      prepareGpuTune(groups, swLk, p, gpuOptions, prepareTuningDb);
      llvm::outs() << "prepared " << p.candidates.size() << " candidate kernels"
                   << (p.forms.empty() ? "" : " and the forms of " +
                                                  std::to_string(p.forms.size()) + " SW-LK class(es)")
                   << " for " << p.chip << " in " << prepareDir
                   << "; time them on the GPU with: sconv-tune --prepared <that directory> "
                      "--input <the same frames> -o tuning.json\n";
      return 0;
    }
    tuneGpu(*ctx, groups, gpuOptions, db);
    tuneGpuSwLkForms(*ctx, swLk, gpuOptions, db, pool);
    if (auto err = db.save(outputFile))
      throw Error(llvm::toString(std::move(err)));
    llvm::outs() << "wrote " << outputFile << "\n";
    return 0;
  }

  // Candidates per class (K, C_in, C_out), the untuned default included.
  std::vector<std::tuple<int64_t, int64_t, int64_t>> classes;
  std::map<std::tuple<int64_t, int64_t, int64_t>, std::vector<KernelConfig>> cands;
  for (auto &[sig, list] : groups) {
    auto key = std::make_tuple(sig.volume, sig.cin, sig.cout);
    if (cands.count(key))
      continue;
    classes.push_back(key);
    std::vector<KernelConfig> c = candidateConfigs(sig.cout, sig.volume);
    KernelConfig d = defaultConfig(sig.cin, sig.cout, sig.volume);
    if (std::find(c.begin(), c.end(), d) == c.end())
      c.push_back(d);
    cands[key] = c;
  }
  std::string candPath = (dir + "/candidates.mlir").str(), candArtifact = (dir + "/candidates.sconv").str();
  std::vector<CandidateStep> steps;
  std::map<std::pair<std::tuple<int64_t, int64_t, int64_t>, std::string>, size_t> stepOf;
  for (auto [k, cin, cout] : classes)
    for (const KernelConfig &c : cands[{k, cin, cout}]) {
      stepOf[{{k, cin, cout}, c.str()}] = steps.size();
      steps.push_back({k, cin, cout,
                       "tile_rows = " + std::to_string(c.rows) + " : i64, tile_lanes = " +
                           std::to_string(c.lanes) + " : i64, dataflow = \"" + c.dataflow +
                           "\"" +
                           (c.splits ? ", tile_splits = " + std::to_string(c.splits) + " : i64"
                                     : "")});
    }
  writeTextFile(candPath, candidateModule(steps));
  llvm::errs() << "compiling " << [&] { size_t n = 0; for (auto &[k, v] : cands) n += v.size(); return n; }()
               << " candidate kernels for " << classes.size() << " conv classes\n";
  runSconvc(sconvc, {candPath, "--target", "cpu", "-o", candArtifact});
  Artifact art = Artifact::readFile(candArtifact);
  CpuKernelLibrary lib(art.sections.at("cpu.so"));
  const std::vector<std::string> kernels =
      candidateKernels(Plan::parse(art.manifest), steps.size(), /*gpu=*/false);

  // After the tile, the thread count: the best tile again on 1, 2, 4, ... threads (fewer than the
  // pool; the pool itself was measured with the tile). Results do not depend on it (rows are
  // independent), so only the time is compared.
  std::vector<int64_t> threadCounts;
  for (int64_t t = 1; t < pool.numThreads(); t *= 2)
    threadCounts.push_back(t);
  size_t total = 0, done = 0;
  for (auto &[sig, list] : groups)
    total += cands[{sig.volume, sig.cin, sig.cout}].size() + threadCounts.size();
  auto start = Clock::now();
  DeviceKey device = hostCpuKey();
  struct Row { TuningSignature sig; size_t n; KernelConfig def, best; double defMs, bestMs; };
  std::vector<Row> rows;
  for (auto &[sig, list] : groups) {
    ParamInfo wp{"w", {sig.volume, sig.cin, sig.cout}}, bp{"b", {sig.cout}};
    std::vector<float> w = randomParam(wp, 3), b = randomParam(bp, 4), out;
    const ReferenceSample reference = referenceSample(list.front(), w, b);
    KernelConfig def = defaultConfig(sig.cin, sig.cout, sig.volume);
    KernelConfig best{};
    double bestMs = 1e300, defMs = 0;
    std::vector<KernelConfig> tiles = cands[{sig.volume, sig.cin, sig.cout}];
    // A candidate replaces the default (and a thread cap the best tile) only when it is faster by
    // --min-gain: noise alone must not make the tuned model slower than the untuned one.
    auto keepUnlessClearlyBetter = [&](const KernelConfig &incumbent, double incumbentMs) {
      if (!(best == incumbent) && bestMs > incumbentMs * (1 - minGain))
        best = incumbent, bestMs = incumbentMs;
    };
    KernelConfig bestTile{};
    double bestTileMs = 0;
    for (size_t ci = 0; ci < tiles.size() + threadCounts.size(); ++ci) {
      if (ci == tiles.size()) { // the tiles are done: settle the tile before the thread caps
        keepUnlessClearlyBetter(def, defMs);
        bestTile = best, bestTileMs = bestMs;
      }
      KernelConfig c = best;
      if (ci < tiles.size())
        c = tiles[ci];
      else
        c = bestTile, c.threads = threadCounts[ci - tiles.size()];
      KernelConfig tile = c;
      tile.threads = 0; // a cap runs its tile's kernel
      const std::string &kernel =
          kernels[stepOf.at({{sig.volume, sig.cin, sig.cout}, tile.str()})];
      runKernel(lib, kernel, c, list.front(), w, b, out, pool);
      if (std::string err = checkAgainstReference(reference, out); !err.empty())
        throw Error("candidate " + c.str() + " for " + sig.str() + " is wrong: " + err);
      const double med = medianMs(warmup, repeat, [&] {
        auto t = Clock::now();
        for (const Instance &in : list)
          runKernel(lib, kernel, c, in, w, b, out, pool);
        return msSince(t);
      });
      if (c == def)
        defMs = med;
      if (med < bestMs)
        bestMs = med, best = c;
      ++done;
      double elapsed = msSince(start) / 1000;
      llvm::errs() << llvm::format("[%zu/%zu] %-44s %-16s %8.2f ms   ETA %.0f s\n", done, total,
                                   sig.str().c_str(), c.str().c_str(), med,
                                   elapsed / double(done) * double(total - done));
    }
    if (threadCounts.empty())
      keepUnlessClearlyBetter(def, defMs);
    else
      keepUnlessClearlyBetter(bestTile, bestTileMs);
    rows.push_back({sig, list.size(), def, best, defMs, bestMs});
    db.upsert(device, TuningEntry{sig, best, bestMs, defMs, int64_t(list.size())});
  }

  // SW-LK: partition sums + the 27-group GEMM against the plain k^3 GEMM, each with its tuned
  // tile, end to end over the signature's convs; the form goes into the database.
  std::map<std::string, KernelConfig> tunedTile;
  for (const Row &r : rows)
    tunedTile[r.sig.str()] = r.best;
  auto kernelOf = [&](const Instance &in, KernelConfig &config) -> const std::string & {
    const TuningSignature sig = signatureOf(in, "submanifold");
    auto it = tunedTile.find(sig.str());
    config = it != tunedTile.end() ? it->second : defaultConfig(in.cin, in.cout, in.volume);
    KernelConfig tile = config;
    tile.threads = 0;
    return kernels[stepOf.at({{in.volume, in.cin, in.cout}, tile.str()})];
  };
  struct FormRow { TuningSignature sig; size_t n; double partitionMs, plainMs; std::string form; };
  std::vector<FormRow> forms;
  for (auto &[sig, list] : swLk) {
    const SwLkInstance &first = list.front();
    const int k = first.kernelSize;
    const int64_t cin = first.groupGemm.cin / 27, cout = first.groupGemm.cout;
    const std::vector<float> w27 = randomParam(ParamInfo{"w", {27, cin, cout}}, 5),
                             b = randomParam(ParamInfo{"b", {cout}}, 6),
                             pe = randomParam(ParamInfo{"pe", {int64_t(k) * k * k, cin}}, 7);
    const std::vector<float> wx = expandSwLkWeights(w27, first.pe ? &pe : nullptr, k, cin, cout);
    auto partitionForm = [&](const SwLkInstance &lk, std::vector<float> &out) {
      Instance g = lk.groupGemm;
      g.input = std::make_shared<SparseTensor>(
          partitionSum(*lk.input, *lk.map, lk.pe ? pe.data() : nullptr, k, pool));
      KernelConfig c;
      const std::string &kernel = kernelOf(g, c);
      runKernel(lib, kernel, c, g, w27, b, out, pool); // [27, C_in, C_out] is [27 C_in, C_out]
    };
    auto plainForm = [&](const SwLkInstance &lk, std::vector<float> &out) {
      const Instance g = lk.plainGemm(); // the constant-one channel is part of its cost
      KernelConfig c;
      const std::string &kernel = kernelOf(g, c);
      runKernel(lib, kernel, c, g, wx, b, out, pool);
    };
    // The two forms compute the same conv (norm-wise; they round differently).
    std::vector<float> a, p;
    partitionForm(first, a);
    plainForm(first, p);
    if (!swLkFormsAgree(a, p, "f32"))
      throw Error("the plain and partition forms of " + sig.str() + " disagree");
    auto timeForm = [&](auto &&form) {
      return medianMs(warmup, repeat, [&] {
        auto t = Clock::now();
        for (const SwLkInstance &lk : list)
          form(lk, a);
        return msSince(t);
      });
    };
    const double partitionMs = timeForm(partitionForm), plainMs = timeForm(plainForm);
    // Partition is the untuned form: plain must be clearly faster (as for tiles).
    const std::string form = plainMs < partitionMs * (1 - minGain) ? "plain" : "partition";
    forms.push_back({sig, list.size(), partitionMs, plainMs, form});
    TuningEntry e{sig, {}, std::min(partitionMs, plainMs), partitionMs, int64_t(list.size())};
    e.form = form;
    db.upsert(device, e);
  }

  llvm::outs() << "\nsignature                                     maps  default           ms     "
                  "tuned             ms  speed-up\n";
  double sumDef = 0, sumBest = 0;
  for (const Row &r : rows) {
    sumDef += r.defMs;
    sumBest += r.bestMs;
    llvm::outs() << llvm::format("%-44s %5zu  %-16s %8.2f  %-16s %8.2f  %6.2fx\n", r.sig.str().c_str(),
                                 r.n, r.def.str().c_str(), r.defMs, r.best.str().c_str(), r.bestMs,
                                 r.defMs / r.bestMs);
  }
  llvm::outs() << llvm::format("all compute steps: %.2f ms untuned, %.2f ms tuned (%.2fx)\n", sumDef,
                               sumBest, sumDef / sumBest);
  if (!forms.empty()) {
    llvm::outs() << "\nSW-LK convs (tuned tiles)                     maps  partition ms    plain ms  "
                    "form       speed-up\n";
    for (const FormRow &f : forms)
      llvm::outs() << llvm::format("%-44s %5zu  %12.2f  %10.2f  %-9s  %6.2fx\n", f.sig.str().c_str(),
                                   f.n, f.partitionMs, f.plainMs, f.form.c_str(),
                                   f.partitionMs / std::min(f.partitionMs, f.plainMs));
  }
  if (auto err = db.save(outputFile))
    throw Error(llvm::toString(std::move(err)));
  llvm::outs() << "wrote " << outputFile << " for " << device.name << "\n";
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  cl::HideUnrelatedOptions(tuneCategory);
  cl::ParseCommandLineOptions(argc, argv, "autotune sconv kernels on real frames\n");
  try {
    return run(argv[0]);
  } catch (const std::exception &e) {
    llvm::errs() << "sconv-tune: error: " << e.what() << "\n";
    return 1;
  }
}
