// sconv-tune: measures, on this machine and on real kernel maps from the user's frames, which
// tile configuration makes each class of convs fastest, and records it in a tuning database that
// `sconvc --tuning-db` reads.
//
//   sconv-tune model.mlir --input frame1.bin,frame2.bin -o tuning.json
//
// Convs are grouped by signature (kernel volume, C_in, C_out, map kind, precision, and buckets of
// map size and density). Every candidate (codegen/KernelConfig.h) of each signature is compiled by
// sconvc, checked against a float64 reference on sampled rows of a real map, then timed (warm-up,
// median of --repeat runs of all the signature's maps). The table at the end compares the best
// with the untuned default.
#include "codegen/TuningDatabase.h"
#include "runtime/Executor.h"
#include "runtime/MaskOrder.h"
#include "runtime/PointCloud.h"
#include "runtime/RandomParams.h"
#include "runtime/Voxelizer.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <map>
#include <random>

using namespace sconv;
using namespace sconv::rt;
namespace cl = llvm::cl;

static cl::OptionCategory tuneCategory("sconv-tune options");
static cl::opt<std::string> modelFile(cl::Positional, cl::desc("<model.mlir>"), cl::Required,
                                      cl::cat(tuneCategory));
static cl::list<std::string> inputs("input", cl::desc("point cloud files (comma separated)"),
                                    cl::CommaSeparated, cl::OneOrMore, cl::cat(tuneCategory));
static cl::opt<std::string> format("format", cl::desc("point format (default: auto)"),
                                   cl::init("auto"), cl::cat(tuneCategory));
static cl::opt<std::string> outputFile("o", cl::desc("tuning database to write (merged into "
                                                     "when it exists)"),
                                       cl::Required, cl::cat(tuneCategory));
static cl::opt<int> repeat("repeat", cl::desc("timed runs per candidate (median)"), cl::init(5),
                           cl::cat(tuneCategory));
static cl::opt<int> warmup("warmup", cl::desc("untimed runs per candidate"), cl::init(1),
                           cl::cat(tuneCategory));
static cl::opt<int> threads("cpu-threads", cl::desc("CPU threads (0: all cores)"), cl::init(0),
                            cl::cat(tuneCategory));
static cl::opt<std::string> sconvcPath("sconvc", cl::desc("the sconvc to compile with (default: "
                                                          "next to sconv-tune, else PATH)"),
                                       cl::init(""), cl::cat(tuneCategory));

namespace {

using Clock = std::chrono::steady_clock;
double msSince(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

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

void runSconvc(const std::string &sconvc, const std::vector<std::string> &args) {
  std::vector<llvm::StringRef> argv = {sconvc};
  for (const std::string &a : args)
    argv.push_back(a);
  std::string err;
  if (llvm::sys::ExecuteAndWait(sconvc, argv, std::nullopt, {}, 0, 0, &err) != 0)
    throw Error("sconvc failed on " + args.front() + (err.empty() ? "" : ": " + err));
}

/// One compute step seen while running a frame: its input, its map, and what it computes.
struct Instance {
  std::shared_ptr<SparseTensor> input;
  std::shared_ptr<KernelMap> map;
  int64_t volume, cin, cout;
};

TuningSignature signatureOf(const Instance &in, const std::string &kind) {
  TuningSignature s;
  s.volume = in.volume;
  s.cin = in.cin;
  s.cout = in.cout;
  s.kind = kind;
  s.sizeBucket = in.map->numOut > 0 ? int(std::floor(std::log2(double(in.map->numOut)))) : 0;
  double density = in.map->numOut > 0 ? double(in.map->numPairs()) /
                                            double(in.map->numOut * in.volume)
                                      : 0;
  s.densityBucket = std::min(3, int(density * 4));
  return s;
}

const char *mapKindName(MapKind k) {
  switch (k) {
  case MapKind::Submanifold: return "submanifold";
  case MapKind::Regular: return "regular";
  case MapKind::Transposed: return "transposed";
  case MapKind::Sprs: return "sprs";
  }
  return "?";
}

/// Runs the model on every frame and collects every compute step's operands.
std::map<TuningSignature, std::vector<Instance>, bool (*)(const TuningSignature &, const TuningSignature &)>
collect(const std::string &artifact, ThreadPool &pool) {
  auto less = +[](const TuningSignature &a, const TuningSignature &b) { return a.str() < b.str(); };
  std::map<TuningSignature, std::vector<Instance>, decltype(less)> groups(less);
  std::unique_ptr<Model> model = Model::load(artifact);
  for (const ParamInfo &p : model->plan().params)
    model->setParam(p.name, randomParam(p, 1));
  const PlanEntry &entry = model->plan().entries.front();
  for (const std::string &path : inputs) {
    PointFormat fmt = format == "auto" ? detectPointFormat(path) : parsePointFormat(format);
    PointCloud cloud = readPointCloud(path, fmt);
    VoxelConfig cfg = gridFor(cloud, fmt, "");
    VoxelReport rep;
    SparseTensor vox = voxelize(cloud, cfg, &rep);
    if (vox.numSites == 0)
      throw Error("'" + path + "' has no point inside the grid");
    std::map<int, std::shared_ptr<SparseTensor>> tensors;
    std::map<int, std::shared_ptr<KernelMap>> maps;
    std::map<int, std::string> mapKinds;
    tensors[entry.inputs.front().value] = std::make_shared<SparseTensor>(vox);
    RunObserver observe = [&](const PlanOp &op, const SparseTensor *s, const Output *,
                              const KernelMap *m) {
      if (op.kind == PlanOp::Kind::ImplicitGemm) {
        Instance in{tensors.at(op.inputs[0]), maps.at(op.inputs[1]), op.volume, op.cin, op.cout};
        groups[signatureOf(in, mapKinds.at(op.inputs[1]))].push_back(in);
      }
      if (s)
        tensors[op.result] = std::make_shared<SparseTensor>(*s);
      if (m) {
        maps[op.result] = std::make_shared<KernelMap>(*m);
        mapKinds[op.result] = op.kind == PlanOp::Kind::TransposeMap ? "transpose"
                                                                    : mapKindName(op.mapKind);
      }
    };
    model->runOutputs(entry.name, {vox}, pool, nullptr, &observe);
    llvm::errs() << "collected kernel maps from " << path << " (" << vox.numSites << " voxels)\n";
  }
  return groups;
}

/// The generated kernel a candidate compiles to (codegen's naming; a gather-GEMM-scatter
/// candidate is a 1-offset GEMM without epilogue).
std::string kernelName(int64_t k, int64_t cin, int64_t cout, const KernelConfig &c) {
  bool gather = c.dataflow == "gather_gemm_scatter";
  return "sconv_igemm_k" + std::to_string(gather ? 1 : k) + "_c" + std::to_string(cin) + "x" +
         std::to_string(cout) + (gather ? "_f32" : "_f32_bias") + "_r" + std::to_string(c.rows) +
         "l" + std::to_string(c.lanes) +
         (c.dataflow == "implicit_gemm_sorted" ? "_sorted" : "");
}

/// A module with one compute step per (class, candidate), for sconvc to compile in one go.
std::string candidateModule(const std::vector<std::tuple<int64_t, int64_t, int64_t>> &classes,
                            std::map<std::tuple<int64_t, int64_t, int64_t>, std::vector<KernelConfig>> &cands) {
  std::string m;
  int n = 0;
  for (auto [k, cin, cout] : classes)
    for (const KernelConfig &c : cands[{k, cin, cout}]) {
      std::string vin = "!sconv.voxels<" + std::to_string(cin) + " x f32, shape [?, ?, ?], stride [1, 1, 1]>";
      std::string vout = "!sconv.voxels<" + std::to_string(cout) + " x f32, shape [?, ?, ?], stride [1, 1, 1]>";
      std::string wt = "tensor<" + std::to_string(k) + "x" + std::to_string(cin) + "x" + std::to_string(cout) + "xf32>";
      std::string bt = "tensor<" + std::to_string(cout) + "xf32>";
      m += "func.func @t" + std::to_string(n) + "(%x: " + vin + ") -> " + vout + " {\n" +
           "  %w = sconv.weight \"w" + std::to_string(n) + "\" : " + wt + "\n" +
           "  %b = sconv.weight \"b" + std::to_string(n) + "\" : " + bt + "\n" +
           "  %m = sconv.kernel_map %x {kind = #sconv<map_kind regular>, kernel = array<i64: " +
           std::to_string(k) + ", 1, 1>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, " +
           "dilation = array<i64: 1, 1, 1>} : " + vin + " -> !sconv.kmap<" + std::to_string(k) + ">\n" +
           "  %y = sconv.implicit_gemm %x, %m, %w bias %b {tile_rows = " + std::to_string(c.rows) +
           " : i64, tile_lanes = " + std::to_string(c.lanes) + " : i64, dataflow = \"" +
           c.dataflow + "\"} : (" + vin + ", !sconv.kmap<" +
           std::to_string(k) + ">, " + wt + ", " + bt + ") -> " + vout + "\n  return %y : " + vout + "\n}\n";
      ++n;
    }
  return m;
}

/// Runs a candidate over every row of an instance's map, as the executor does. A mask-sorted
/// candidate sorts the rows in every run (the executor sorts once per map and run, shared by the
/// convs on that map: this charges each conv the whole sort).
void runKernel(const CpuKernelLibrary &lib, const std::string &kernel, const KernelConfig &c,
               const Instance &in, const std::vector<float> &w, const std::vector<float> &b,
               std::vector<float> &out, ThreadPool &pool) {
  out.assign(size_t(in.map->numOut * in.cout), 0.f);
  if (c.dataflow == "implicit_gemm_sorted") {
    rt::runImplicitGemmSorted(lib.sortedGemm(kernel), in.input->feats.data(),
                              in.input->numSites, *in.map, rt::maskOrder(*in.map, pool), in.cin,
                              in.cout, w.data(), b.data(), nullptr, out.data(), pool, c.threads);
    return;
  }
  ImplicitGemmFn fn = lib.implicitGemm(kernel);
  if (c.dataflow == "gather_gemm_scatter")
    rt::runGatherGemmScatter(fn, in.input->feats.data(), in.input->numSites, *in.map, in.cin,
                             in.cout, w.data(), b.data(), nullptr, false, out.data(), pool,
                             c.threads);
  else
    rt::runImplicitGemm(fn, in.input->feats.data(), in.input->numSites, *in.map, in.cin, in.cout,
                        w.data(), b.data(), nullptr, out.data(), pool, c.threads);
}

/// Empty when `out` matches a float64 evaluation on up to 256 sampled rows; else the first error.
std::string checkAgainstReference(const Instance &in, const std::vector<float> &w,
                                  const std::vector<float> &b, const std::vector<float> &out) {
  const KernelMap &map = *in.map;
  std::mt19937_64 rng(7);
  for (int s = 0; s < 256 && map.numOut > 0; ++s) {
    int64_t o = int64_t(rng() % uint64_t(map.numOut));
    for (int64_t co = 0; co < in.cout; ++co) {
      double ref = b[size_t(co)], mag = std::fabs(b[size_t(co)]);
      for (int64_t k = 0; k < in.volume; ++k) {
        int32_t i = map.nbr[size_t(o * in.volume + k)];
        if (i < 0)
          continue;
        for (int64_t ci = 0; ci < in.cin; ++ci) {
          double t = double(in.input->feat(i)[ci]) * w[size_t((k * in.cin + ci) * in.cout + co)];
          ref += t;
          mag += std::fabs(t);
        }
      }
      double got = out[size_t(o * in.cout + co)];
      if (!(std::fabs(got - ref) <= 1e-4 * (1 + std::fabs(ref)) + 1e-6 * mag))
        return "row " + std::to_string(o) + " channel " + std::to_string(co) + ": reference " +
               std::to_string(ref) + ", got " + std::to_string(got);
    }
  }
  return "";
}

int run(const char *argv0) {
  // Fail early on a database we could not merge into.
  TuningDatabase db;
  if (llvm::sys::fs::exists(outputFile)) {
    auto loaded = TuningDatabase::load(outputFile);
    if (!loaded)
      throw Error(llvm::toString(loaded.takeError()) + " (not overwritten; remove it or pick "
                                                       "another -o)");
    db = std::move(*loaded);
  }
  std::string sconvc = findSconvc(argv0);
  llvm::SmallString<128> dir;
  if (llvm::sys::fs::createUniqueDirectory("sconv-tune", dir))
    throw Error("cannot create a temporary directory");
  std::string modelArtifact = (dir + "/model.sconv").str();
  runSconvc(sconvc, {modelFile, "--target", "cpu", "-o", modelArtifact});
  ThreadPool pool(threads);
  auto groups = collect(modelArtifact, pool);

  // Candidates per class (K, C_in, C_out), the untuned default included.
  std::vector<std::tuple<int64_t, int64_t, int64_t>> classes;
  std::map<std::tuple<int64_t, int64_t, int64_t>, std::vector<KernelConfig>> cands;
  for (auto &[sig, list] : groups) {
    auto key = std::make_tuple(sig.volume, sig.cin, sig.cout);
    if (cands.count(key))
      continue;
    classes.push_back(key);
    std::vector<KernelConfig> c = candidateConfigs(sig.cout);
    KernelConfig d = defaultConfig(sig.cin, sig.cout, sig.volume);
    if (std::find(c.begin(), c.end(), d) == c.end())
      c.push_back(d);
    cands[key] = c;
  }
  std::string candPath = (dir + "/candidates.mlir").str(), candArtifact = (dir + "/candidates.sconv").str();
  {
    std::ofstream f(candPath);
    f << candidateModule(classes, cands);
  }
  llvm::errs() << "compiling " << [&] { size_t n = 0; for (auto &[k, v] : cands) n += v.size(); return n; }()
               << " candidate kernels for " << classes.size() << " conv classes\n";
  runSconvc(sconvc, {candPath, "--target", "cpu", "-o", candArtifact});
  Artifact art = Artifact::readFile(candArtifact);
  CpuKernelLibrary lib(art.sections.at("cpu.so"));

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
    KernelConfig def = defaultConfig(sig.cin, sig.cout, sig.volume);
    KernelConfig best{};
    double bestMs = 1e300, defMs = 0;
    std::vector<KernelConfig> tiles = cands[{sig.volume, sig.cin, sig.cout}];
    for (size_t ci = 0; ci < tiles.size() + threadCounts.size(); ++ci) {
      KernelConfig c = best;
      if (ci < tiles.size())
        c = tiles[ci];
      else
        c.threads = threadCounts[ci - tiles.size()];
      const std::string kernel = kernelName(sig.volume, sig.cin, sig.cout, c);
      runKernel(lib, kernel, c, list.front(), w, b, out, pool);
      if (std::string err = checkAgainstReference(list.front(), w, b, out); !err.empty())
        throw Error("candidate " + c.str() + " for " + sig.str() + " is wrong: " + err);
      std::vector<double> times;
      for (int r = 0; r < warmup + repeat; ++r) {
        auto t = Clock::now();
        for (const Instance &in : list)
          runKernel(lib, kernel, c, in, w, b, out, pool);
        if (r >= warmup)
          times.push_back(msSince(t));
      }
      std::sort(times.begin(), times.end());
      double med = times[times.size() / 2];
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
    rows.push_back({sig, list.size(), def, best, defMs, bestMs});
    db.upsert(device, TuningEntry{sig, best, bestMs, defMs, int64_t(list.size())});
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
  if (auto err = db.save(outputFile))
    throw Error(llvm::toString(std::move(err)));
  llvm::outs() << "wrote " << outputFile << " for " << device.name << "\n";
  llvm::sys::fs::remove_directories(dir);
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
