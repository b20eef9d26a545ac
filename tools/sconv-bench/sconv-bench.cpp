// sconv-bench: times compiled models (.sconv) on real point clouds the way
// ../shared/design/ARCHITECTURE.md ("Performance method") asks: after warm-up, the median and
// spread of many runs, kernel-map time apart from compute, useful FLOPs, and the achieved fraction
// of what this machine measurably does (GEMM rate, memory bandwidth, both measured at start-up).
// Uses only the runtime (no MLIR), like sconv-run.
//
//   sconv-bench --model a.sconv[,b.sconv] --input f1.bin[,f2.bin] [--repeat 10] [--warmup 2]
//               [--cpu-threads T] [--json out.json] [--svg out.svg] [--weights w.safetensors]
#include "tools/sconv-bench/BenchReport.h"
#include "tools/sconv-bench/MachinePeaks.h"

#include "runtime/Executor.h"
#include "runtime/PointCloud.h"
#include "runtime/RandomParams.h"
#include "runtime/Voxelizer.h"
#include "runtime/cuda/GpuBackend.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <cmath>
#include <ctime>
#include <fstream>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <thread>

using namespace sconv::rt;
using namespace sconv::bench;
namespace cl = llvm::cl;

static cl::OptionCategory benchCategory("sconv-bench options");

static cl::list<std::string> models("model", cl::desc("compiled models (.sconv), comma-separated"),
                                    cl::CommaSeparated, cl::OneOrMore, cl::cat(benchCategory));
static cl::list<std::string> inputs("input", cl::desc("point cloud files, comma-separated"),
                                    cl::CommaSeparated, cl::OneOrMore, cl::cat(benchCategory));
static cl::opt<std::string> format("format",
                                   cl::desc("point format of every input: auto (detect; the "
                                            "default), kitti, nuscenes, xyzrgb, pcd, npy"),
                                   cl::init("auto"), cl::cat(benchCategory));
static cl::opt<std::string> grid("grid",
                                 cl::desc("voxel grid: kitti, nuscenes, waymo, scannet "
                                          "(default: from the format)"),
                                 cl::init(""), cl::cat(benchCategory));
static cl::opt<int> repeat("repeat", cl::desc("timed runs per model and frame"), cl::init(10),
                           cl::cat(benchCategory));
static cl::opt<int> warmup("warmup", cl::desc("untimed runs before them"), cl::init(2),
                           cl::cat(benchCategory));
static cl::opt<std::string> device("device",
                                   cl::desc("backends to measure: auto (the CPU, and the GPU when "
                                            "there is one; the default), cpu, gpu, or cpu,gpu"),
                                   cl::init("auto"), cl::cat(benchCategory));
static cl::opt<int> threads("cpu-threads", cl::desc("CPU threads (0: all cores)"), cl::init(0),
                            cl::cat(benchCategory));
static cl::opt<std::string> jsonFile("json", cl::desc("write every number as JSON to this file"),
                                     cl::init(""), cl::cat(benchCategory));
static cl::opt<std::string> svgFile("svg", cl::desc("write a per-layer bar chart (SVG) to this file"),
                                    cl::init(""), cl::cat(benchCategory));
static cl::opt<std::string> weightsFile("weights",
                                        cl::desc("parameters from a safetensors file in sconv's "
                                                 "layout, for every model; default: "
                                                 "deterministic random weights"),
                                        cl::init(""), cl::cat(benchCategory));
static cl::opt<uint64_t> seed("seed", cl::desc("seed of the random weights (as sconv-run's)"),
                              cl::init(1), cl::cat(benchCategory));
static cl::opt<std::string> dumpVoxels("dump-voxels",
                                       cl::desc("write the voxelized input as .npy float32 "
                                                "[N, 4 + C]: batch, z, y, x, features (one "
                                                "--input only)"),
                                       cl::init(""), cl::cat(benchCategory));
static cl::opt<bool> gpuGraph("gpu-graph",
                              cl::desc("also time the GPU backend in graph mode (its compute "
                                       "steps captured as CUDA graphs and replayed), as backend "
                                       "gpu-graph next to gpu"),
                              cl::init(false), cl::cat(benchCategory));
static cl::opt<bool> gpuFrameGraph(
    "gpu-frame-graph",
    cl::desc("also time the GPU backend with whole-frame graphs (each frame, kernel maps "
             "included, one replayed CUDA graph), as backend gpu-frame (and gpu-frame-kept with "
             "--gpu-keep-dense), each next to its one-stream baseline gpu-frame-1s "
             "(gpu-frame-kept-1s): the kernel maps queued between the convs instead of on a "
             "branch of the graph beside them"),
    cl::init(false), cl::cat(benchCategory));
static cl::opt<bool> gpuHostDense("gpu-host-dense",
                                  cl::desc("also time the GPU backend with to_dense on the host "
                                           "(the last features downloaded and scattered there), "
                                           "as backend gpu-host-dense: the baseline of to_dense "
                                           "on the device"),
                                  cl::init(false), cl::cat(benchCategory));
static cl::opt<bool> gpuKeepDense(
    "gpu-keep-dense",
    cl::desc("also time the GPU backend (graph mode with --gpu-graph) keeping dense outputs on "
             "the device (GpuBackend::setKeepDenseOutputs: what a 2D head on the same GPU reads), "
             "as backend gpu-kept; the checksum downloads the map after the timed runs"),
    cl::init(false), cl::cat(benchCategory));
static cl::opt<bool> perLayer("per-layer", cl::desc("print the per-layer table of each run"),
                              cl::init(true), cl::cat(benchCategory));
static cl::opt<bool> measurePeaks("measure-peaks",
                                  cl::desc("measure the GEMM rate and memory bandwidth at "
                                           "start-up (about a second)"),
                                  cl::init(true), cl::cat(benchCategory));

namespace {

using Clock = std::chrono::steady_clock;
double msSince(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

std::string baseName(const std::string &path) { return llvm::sys::path::filename(path).str(); }

std::string utcNow() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char b[32];
  std::strftime(b, sizeof b, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return b;
}

std::string kernelRelease() {
  utsname u{};
  if (uname(&u) != 0)
    return "unknown";
  return std::string(u.sysname) + " " + u.release + " " + u.machine;
}

/// The 1-minute load average, -1 when unknown.
double loadAverage() {
  std::ifstream f("/proc/loadavg");
  double v = -1;
  if (!(f >> v))
    return -1;
  return v;
}

double maxrssMiB() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return double(u.ru_maxrss) / 1024.0;
}

/// Resets the kernel's peak-RSS mark of this process (Linux clear_refs "5"); false where that is
/// not possible, and then VmHWM is not reported.
bool resetPeakRss() {
  std::ofstream f("/proc/self/clear_refs");
  if (!f)
    return false;
  f << "5";
  f.flush();
  return bool(f);
}

/// VmHWM of /proc/self/status in MiB, -1 when absent.
double peakRssMiB() {
  std::ifstream f("/proc/self/status");
  std::string line;
  while (std::getline(f, line))
    if (line.rfind("VmHWM:", 0) == 0)
      return std::atof(line.c_str() + 6) / 1024.0;
  return -1;
}

/// One frame, read and voxelized once; the voxelization is timed `repeat` times.
struct Frame {
  std::string path, format, grid;
  int64_t points = 0;
  double readMs = 0;
  Spread voxelizeMs;
  SparseTensor vox;
};


Frame loadFrame(const std::string &path, int timedRuns) {
  Frame fr;
  fr.path = path;
  auto t0 = Clock::now();
  PointFormat fmt = parsePointFormat(format);
  if (fmt == PointFormat::Auto)
    fmt = detectPointFormat(path);
  PointCloud cloud = readPointCloud(path, fmt);
  fr.readMs = msSince(t0);
  fr.format = pointFormatName(fmt);
  fr.points = cloud.numPoints;
  VoxelConfig cfg = gridFor(cloud, fmt, grid, &fr.grid);
  std::vector<double> times;
  for (int r = 0; r < std::max(1, timedRuns); ++r) {
    auto t = Clock::now();
    fr.vox = voxelize(cloud, cfg, nullptr);
    times.push_back(msSince(t));
  }
  fr.voxelizeMs = spreadOf(times);
  return fr;
}

/// The .npy header for a float32 C-order array of `shape`.
std::string npyHeader(int64_t rows, int64_t cols) {
  std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" +
                       std::to_string(rows) + ", " + std::to_string(cols) + "), }";
  header.append(64 - (10 + header.size() + 1) % 64, ' ');
  header += '\n';
  const uint16_t len = uint16_t(header.size());
  return std::string("\x93NUMPY\x01\x00", 8) + std::string(reinterpret_cast<const char *>(&len), 2) +
         header;
}

void writeVoxelsNpy(const std::string &path, const SparseTensor &t) {
  std::ofstream f(path, std::ios::binary);
  if (!f)
    throw Error("cannot write '" + path + "'");
  const int64_t cols = 4 + t.channels;
  f << npyHeader(t.numSites, cols);
  std::vector<float> row(static_cast<size_t>(cols));
  for (int64_t i = 0; i < t.numSites; ++i) {
    for (int c = 0; c < 4; ++c)
      row[size_t(c)] = float(t.coord(i)[c]); // < 2^16: exact in float32
    std::copy(t.feat(i), t.feat(i) + t.channels, row.begin() + 4);
    f.write(reinterpret_cast<const char *>(row.data()), std::streamsize(cols * sizeof(float)));
  }
  if (!f)
    throw Error("cannot write '" + path + "'");
}

/// Compulsory bytes of each plan op: the fewest float32/int32 bytes it must read and write,
/// assuming every operand and result crosses memory exactly once. Conv (implicit_gemm): input
/// features, weights, output (and residual) features; kernel map: input coordinates in, the
/// neighbour table (and the new output coordinates of a regular map) out; per-site ops: operands
/// in, result out; to_dense: the sparse features in, the whole dense map out (zeros included).
/// The map's neighbour table is not counted as a conv's input: a fused dataflow need not store it.
std::vector<int64_t> opBytes(const PlanEntry &e, const std::vector<OpProfile> &prof,
                             const SparseTensor &in, const std::vector<Output> &outs) {
  std::vector<int64_t> bytes(prof.size(), 0);
  if (prof.size() != e.ops.size())
    return bytes;
  const size_t nv = size_t(std::max(e.numValues, 1));
  std::vector<int64_t> rows(nv, 0), ch(nv, 0), vol(nv, 0);
  auto at = [&](std::vector<int64_t> &v, int i) -> int64_t & {
    static int64_t dummy;
    return i >= 0 && size_t(i) < nv ? v[size_t(i)] : (dummy = 0);
  };
  for (const PlanInput &pi : e.inputs) {
    at(rows, pi.value) = in.numSites;
    at(ch, pi.value) = pi.channels;
  }
  for (size_t i = 0; i < prof.size(); ++i) {
    const PlanOp &op = e.ops[i];
    const int64_t n = prof[i].rows;
    const int in0 = op.inputs.empty() ? -1 : op.inputs[0];
    const int in1 = op.inputs.size() > 1 ? op.inputs[1] : -1;
    const int64_t r0 = at(rows, in0), c0 = at(ch, in0);
    int64_t b = 0, c = c0;
    switch (op.kind) {
    case PlanOp::Kind::KernelMap: {
      const int64_t k = op.geometry.volume();
      b = 16 * r0 + 4 * k * n + (op.mapKind == MapKind::Submanifold ? 0 : 16 * n);
      at(vol, op.result) = k;
      c = 0;
      break;
    }
    case PlanOp::Kind::TransposeMap:
      b = 4 * at(vol, in0) * (r0 + n);
      at(vol, op.result) = at(vol, in0);
      c = 0;
      break;
    case PlanOp::Kind::ImplicitGemm: {
      const bool residual = op.inputs.size() > 2 && op.inputs[2] >= 0;
      b = 4 * (r0 * op.cin + op.volume * op.cin * op.cout + n * op.cout * (residual ? 2 : 1));
      c = op.cout;
      break;
    }
    case PlanOp::Kind::PartitionSum:
      b = 4 * (r0 * c0 + n * c0);
      break;
    case PlanOp::Kind::Importance:
      b = 4 * (r0 * c0 + n);
      c = 1;
      break;
    case PlanOp::Kind::PruneMask:
      b = 8 * n;
      c = 1;
      break;
    case PlanOp::Kind::ScaleByImportance:
      b = 4 * n * (2 * c0 + 1);
      break;
    case PlanOp::Kind::MergePruned:
      b = 4 * (r0 * c0 + at(rows, in1) * at(ch, in1) + n + n * c0);
      break;
    case PlanOp::Kind::BatchNorm:
    case PlanOp::Kind::Relu:
      b = 8 * n * c0;
      break;
    case PlanOp::Kind::Add:
      b = 12 * n * c0;
      break;
    case PlanOp::Kind::Concat:
      c = c0 + at(ch, in1);
      b = 8 * n * c;
      break;
    case PlanOp::Kind::ToDense: {
      int64_t dense = 0;
      for (size_t j = 0; j < e.outputs.size() && j < outs.size(); ++j)
        if (e.outputs[j] == op.result && outs[j].dense)
          dense = int64_t(outs[j].values.size());
      b = 4 * r0 * c0 + 4 * dense;
      break;
    }
    }
    bytes[i] = b;
    at(rows, op.result) = op.kind == PlanOp::Kind::ToDense ? r0 : n;
    at(ch, op.result) = c;
  }
  return bytes;
}

bool isMapKind(const std::string &kind) {
  return kind == "kernel_map" || kind == "transpose_map";
}

std::string outputDescription(const Output &o) {
  if (o.dense)
    return "dense [" + std::to_string(o.shape[0]) + ", " + std::to_string(o.shape[1]) + ", " +
           std::to_string(o.shape[2]) + ", " + std::to_string(o.shape[3]) + "]";
  return "sparse " + std::to_string(o.sparse.numSites) + " sites x " +
         std::to_string(o.sparse.channels) + " channels";
}

RunResult runOne(Model &model, const std::string &modelPath, const Frame &fr, ThreadPool &pool,
                 const MachinePeaks &peaks, const std::string &backend) {
  const PlanEntry &entry = model.plan().entries.front();
  RunResult r;
  r.model = baseName(modelPath);
  r.frame = baseName(fr.path);
  r.backend = backend;
  r.format = fr.format;
  r.grid = fr.grid;
  r.points = fr.points;
  r.voxels = fr.vox.numSites;
  for (int a = 0; a < 3; ++a)
    r.shape[a] = fr.vox.spatialShape[a];
  r.readMs = fr.readMs;
  r.voxelizeMs = fr.voxelizeMs;
  r.threads = pool.numThreads();
  if (entry.inputs.size() != 1) {
    r.status = "skipped: entry '" + entry.name + "' takes " + std::to_string(entry.inputs.size()) +
               " inputs (sconv-bench feeds one voxelized cloud)";
    return r;
  }
  if (fr.vox.numSites == 0) {
    r.status = "skipped: no point of the frame is inside the " + fr.grid + " grid";
    return r;
  }
  if (fr.vox.channels != entry.inputs.front().channels) {
    r.status = "skipped: the model takes " + std::to_string(entry.inputs.front().channels) +
               " input channels, the " + fr.format + " frame has " +
               std::to_string(fr.vox.channels);
    return r;
  }
  const bool hwm = resetPeakRss();
  r.warmup = std::max(0, warmup.getValue());
  r.repeat = std::max(1, repeat.getValue());
  std::vector<Output> out;
  for (int w = 0; w < r.warmup; ++w)
    out = model.runOutputs(entry.name, {fr.vox}, pool, nullptr);
  std::vector<double> totals, maps, compute;
  std::vector<std::vector<double>> layerMs;
  std::vector<OpProfile> last;
  for (int t = 0; t < r.repeat; ++t) {
    // On a GPU the profile waits for every step (and counts each conv's pairs for its FLOPs):
    // there the total comes from a run without it, the split and the layers from one with it.
    if (backend != "cpu") {
      auto a = Clock::now();
      out = model.runOutputs(entry.name, {fr.vox}, pool, nullptr);
      totals.push_back(msSince(a));
    }
    std::vector<OpProfile> prof;
    auto a = Clock::now();
    out = model.runOutputs(entry.name, {fr.vox}, pool, &prof);
    if (backend == "cpu")
      totals.push_back(msSince(a));
    double m = 0, c = 0;
    for (const OpProfile &p : prof)
      (isMapKind(p.kind) ? m : c) += p.ms;
    maps.push_back(m);
    compute.push_back(c);
    if (layerMs.empty())
      layerMs.resize(prof.size());
    for (size_t i = 0; i < prof.size() && i < layerMs.size(); ++i)
      layerMs[i].push_back(prof[i].ms);
    last = std::move(prof);
  }
  for (Output &o : out)
    o.fetchValues(); // a kept dense map (gpu-kept), for the checksum
  r.totalMs = spreadOf(totals);
  r.mapsMs = spreadOf(maps);
  r.computeMs = spreadOf(compute);
  r.maxrssMiB = maxrssMiB();
  r.hwmMiB = hwm ? peakRssMiB() : -1;
  const std::vector<int64_t> bytes = opBytes(entry, last, fr.vox, out);
  for (size_t i = 0; i < last.size(); ++i) {
    LayerResult l;
    l.name = last[i].name;
    l.kind = last[i].kind;
    l.rows = last[i].rows;
    l.flops = last[i].flops;
    l.bytes = bytes[i];
    l.ms = spreadOf(layerMs[i]).median;
    if (peaks.gemmGflops > 0 && peaks.triadGBs > 0)
      l.boundMs = std::max(double(l.flops) / (peaks.gemmGflops * 1e6),
                           double(l.bytes) / (peaks.triadGBs * 1e6));
    r.flops += l.flops;
    r.bytes += l.bytes;
    r.rooflineMs += l.boundMs;
    r.layers.push_back(std::move(l));
  }
  if (!out.empty()) {
    const Output &o = out.front();
    r.outputDesc = outputDescription(o);
    const std::vector<float> &vals = o.dense ? o.values : o.sparse.feats;
    double sum = 0;
    for (float v : vals)
      sum += v;
    r.checksum = sum;
  }
  r.status = "ok";
  return r;
}

void setWeights(Model &model) {
  if (!weightsFile.empty()) {
    model.loadWeights(weightsFile);
    return;
  }
  for (const ParamInfo &p : model.plan().params)
    model.setParam(p.name, randomParam(p, seed));
}

int run() {
  if (!dumpVoxels.empty() && inputs.size() != 1)
    throw Error("--dump-voxels takes one --input (got " + std::to_string(inputs.size()) + ")");
  BenchReport rep;
  rep.date = utcNow();
  rep.cpuModel = cpuModelName();
  rep.kernel = kernelRelease();
  rep.cores = int(std::thread::hardware_concurrency());
  rep.loadStart = loadAverage();
  rep.weights = weightsFile.empty() ? "deterministic random (seed " + std::to_string(seed) + ")"
                                    : weightsFile.getValue();
  // Before any thread of ours exists: the measurement forks.
  if (measurePeaks)
    rep.peaks = measureMachinePeaks(threads);
  else
    rep.peaks.note = "not measured (--measure-peaks=false)";
  ThreadPool pool(threads);
  rep.threads = pool.numThreads();

  llvm::raw_ostream &os = llvm::outs();
  os << "sconv-bench " << rep.date << "\n";
  os << "machine   " << rep.cpuModel << ", " << rep.cores << " cores; " << rep.threads
     << " threads used; " << rep.kernel << "\n";
  const MachinePeaks &pk = rep.peaks;
  if (pk.measured) {
    os << llvm::format("peaks     GEMM %.1f GFLOP/s (our own cache-blocked fp32 loop, %s, "
                       "n=%lld, %d threads; not a vendor BLAS)\n",
                       pk.gemmGflops, pk.gemmIsa.c_str(), (long long)pk.gemmN, pk.threads);
    os << llvm::format("          memory bandwidth %.1f GB/s (STREAM-triad-like a = b + s*c, 3 x "
                       "%lld MiB, %d threads)\n",
                       pk.triadGBs, (long long)(pk.triadArrayBytes >> 20), pk.threads);
  } else {
    os << "peaks     " << pk.note << "\n";
  }
  // Backends: the CPU always (unless --device=gpu), GPU 0 when asked for or (auto) present.
  if (device != "auto" && device != "cpu" && device != "gpu" && device != "cpu,gpu")
    throw Error("--device must be auto, cpu, gpu or cpu,gpu, got '" + device + "'");
  const bool wantCpu = device != "gpu", wantGpu = device != "cpu";
  std::unique_ptr<GpuContext> gpu;
  if (wantGpu) {
    try {
      auto driver = CudaDriver::system();
      if (gpuCount(*driver) == 0)
        throw Error("the NVIDIA driver sees no GPU");
      gpu = std::make_unique<GpuContext>(0);
      rep.gpuStatus = "measured on " + gpu->device().describe() +
                      " (convs and their maps on the GPU, tensors through host memory per step)";
    } catch (const Error &e) {
      if (device == "gpu" || device == "cpu,gpu")
        throw;
      std::string why = e.what();
      rep.gpuStatus = "not measured: " + why.substr(0, why.find(": libcuda"));
    }
  }
  os << "backends  cpu (generated kernels): " << (wantCpu ? "measured" : "not measured")
     << "; gpu: " << rep.gpuStatus << "\n";
  os << "weights   " << rep.weights << "\n";

  std::vector<Frame> frames;
  for (const std::string &path : inputs)
    frames.push_back(loadFrame(path, repeat));
  if (!dumpVoxels.empty()) {
    writeVoxelsNpy(dumpVoxels, frames.front().vox);
    os << "wrote     " << dumpVoxels << " (" << frames.front().vox.numSites << " voxels)\n";
  }

  for (const std::string &path : models) {
    std::unique_ptr<Model> model = Model::load(path);
    setWeights(*model);
    std::vector<std::pair<std::string, std::shared_ptr<ComputeBackend>>> backends;
    if (wantCpu)
      backends.push_back({"cpu", nullptr});
    if (gpu && hasGpuCode(*model)) {
      backends.push_back({"gpu", std::make_shared<GpuBackend>(*gpu, *model)});
      if (gpuGraph) {
        auto graphed = std::make_shared<GpuBackend>(*gpu, *model);
        graphed->setGraphMode(true);
        backends.push_back({"gpu-graph", std::move(graphed)});
      }
      if (gpuKeepDense) {
        auto kept = std::make_shared<GpuBackend>(*gpu, *model);
        kept->setGraphMode(gpuGraph);
        kept->setKeepDenseOutputs(true);
        backends.push_back({"gpu-kept", std::move(kept)});
      }
      if (gpuFrameGraph) {
        // Each next to its one-stream baseline (-1s: the maps between the convs, not beside).
        for (bool keep : {false, true}) {
          if (keep && !gpuKeepDense)
            continue;
          for (bool mapStream : {true, false}) {
            auto framed = std::make_shared<GpuBackend>(*gpu, *model);
            framed->setFrameGraphs(true);
            framed->setFrameMapStream(mapStream);
            framed->setKeepDenseOutputs(keep);
            backends.push_back({std::string(keep ? "gpu-frame-kept" : "gpu-frame") +
                                    (mapStream ? "" : "-1s"),
                                std::move(framed)});
          }
        }
      }
      if (gpuHostDense) {
        auto hostDense = std::make_shared<GpuBackend>(*gpu, *model);
        hostDense->setDenseOnDevice(false);
        backends.push_back({"gpu-host-dense", std::move(hostDense)});
      }
    } else if (gpu)
      os << "note      " << baseName(path) << " has no GPU code (compile it with --target "
         << "cpu,sm_80,sm_90): CPU only\n";
    for (auto &[name, backend] : backends) {
      model->setBackend(backend);
      const Model::FrameStats before = model->frameStats();
      for (const Frame &fr : frames) {
        RunResult r = runOne(*model, path, fr, pool, rep.peaks, name);
        if (!isChannelSkip(r) || models.size() * frames.size() <= 3)
          printRun(os, rep, r, perLayer);
        os.flush();
        rep.runs.push_back(std::move(r));
      }
      if (backend && backend->frameGraphs()) {
        // The totals are of replays only where the frames fit the captured capacities.
        const Model::FrameStats &f = model->frameStats();
        os << "frames    " << name << " " << baseName(path) << ": "
           << f.captures - before.captures << " capture(s), " << f.replays - before.replays
           << " replay(s), " << f.eagerFrames - before.eagerFrames << " walked frame(s)"
           << (f.notCapturable.empty() ? "" : "; not captured: " + f.notCapturable) << "\n";
      }
    }
    model->setBackend(nullptr);
  }
  rep.loadEnd = loadAverage();
  printSummary(os, rep);
  if (!jsonFile.empty()) {
    writeJson(jsonFile, rep);
    os << "wrote     " << jsonFile << "\n";
  }
  if (!svgFile.empty()) {
    writeSvg(svgFile, rep);
    os << "wrote     " << svgFile << "\n";
  }
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  cl::HideUnrelatedOptions(benchCategory);
  cl::ParseCommandLineOptions(argc, argv,
                              "time compiled sconv models on point clouds (median and spread, "
                              "kernel maps vs compute, FLOP rate vs the machine's)\n");
  try {
    return run();
  } catch (const std::exception &e) {
    llvm::outs().flush();
    llvm::errs() << "sconv-bench: error: " << e.what() << "\n";
    return 1;
  }
}
