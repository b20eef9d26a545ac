// sconv-run: runs a compiled model (.sconv from sconvc) on a point cloud file and reports what it
// did: voxelization, output shape and checksum, a per-layer time table (kernel map vs compute),
// total time and peak memory. Uses only the runtime (no MLIR).
//
//   sconv-run model.sconv --input frame.bin [--format auto] [--grid kitti]
//             [--weights backbone.safetensors | --seed 1 [--save-weights random.safetensors]]
#include "runtime/Executor.h"
#include "runtime/cuda/CudaDriver.h"
#include "runtime/cuda/GpuBackend.h"
#include "runtime/cuda/GpuContext.h"
#include "runtime/PointCloud.h"
#include "runtime/RandomParams.h"
#include "runtime/Safetensors.h"
#include "runtime/Voxelizer.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <cmath>
#include <fstream>
#include <map>
#include <sys/resource.h>

using namespace sconv::rt;
namespace cl = llvm::cl;

static cl::OptionCategory runCategory("sconv-run options");

static cl::opt<std::string> modelFile(cl::Positional, cl::desc("<model.sconv>"), cl::Required, cl::cat(runCategory));
static cl::list<std::string> inputFiles("input",
                                        cl::desc("point cloud file(s); several (comma separated) "
                                                 "run as one batch, one sample each"),
                                        cl::CommaSeparated, cl::OneOrMore, cl::cat(runCategory));
static cl::opt<std::string> format("format",
                                   cl::desc("auto (detect; the default), kitti, nuscenes, xyzrgb, "
                                            "pcd, npy"),
                                   cl::init("auto"), cl::cat(runCategory));
static cl::opt<std::string> grid("grid",
                                 cl::desc("voxel grid: kitti, nuscenes, waymo, scannet "
                                          "(default: from the format)"),
                                 cl::init(""), cl::cat(runCategory));
static cl::opt<std::string> entryName("entry", cl::desc("entry point (default: the first)"),
                                      cl::init(""), cl::cat(runCategory));
static cl::opt<std::string> weightsFile("weights",
                                        cl::desc("parameters from a safetensors file in sconv's "
                                                 "layout (see sconv-convert-weights); default: "
                                                 "deterministic random weights"),
                                        cl::init(""), cl::cat(runCategory));
static cl::opt<uint64_t> seed("seed", cl::desc("seed of the random weights"), cl::init(1), cl::cat(runCategory));
static cl::opt<std::string> saveWeights("save-weights",
                                        cl::desc("write the random weights used to this "
                                                 "safetensors file"),
                                        cl::init(""), cl::cat(runCategory));
static cl::opt<int> threads("cpu-threads", cl::desc("CPU threads (0: all cores)"), cl::init(0), cl::cat(runCategory));
static cl::opt<std::string> device("device",
                                   cl::desc("where the convolutions run: auto (the GPU when there "
                                            "is one and the model has GPU code, else the CPU), "
                                            "gpu, or cpu"),
                                   cl::init("auto"), cl::cat(runCategory));
static cl::opt<bool> gpuGraph("gpu-graph",
                              cl::desc("on the GPU, capture the compute steps as CUDA graphs and "
                                       "replay them on frames of similar size (docs/gpu.md)"),
                              cl::init(false), cl::cat(runCategory));
static cl::opt<bool> gpuFrameGraph(
    "gpu-frame-graph",
    cl::desc("on the GPU, capture each frame whole, kernel maps included, as one CUDA graph and "
             "replay it for the frames that fit its capacities (docs/gpu.md, frame graphs)"),
    cl::init(false), cl::cat(runCategory));
static cl::opt<int> repeat("repeat", cl::desc("runs to time (the median is reported)"),
                           cl::init(1), cl::cat(runCategory));
static cl::opt<std::string> outputFile("output",
                                       cl::desc("write the result as .npy float32 [N, 4 + C]: "
                                                "batch, z, y, x, features"),
                                       cl::init(""), cl::cat(runCategory));

namespace {

/// Attaches the GPU backend as --device asks; returns the report line. With "auto", a GPU that
/// cannot be used is reported and the run stays on the CPU; with "gpu" it is an error.
std::string chooseDevice(Model &model, std::unique_ptr<GpuContext> &gpu, int cpuThreads) {
  const std::string cpuLine = "CPU, " + std::to_string(cpuThreads) + " threads (generated kernels)";
  if (device == "cpu")
    return cpuLine + " (--device=cpu)";
  if (device != "auto" && device != "gpu")
    throw Error("--device must be auto, gpu or cpu, got '" + device + "'");
  try {
    if (!hasGpuCode(model))
      throw Error("the model has no GPU code (compile it with --target cpu,sm_80,sm_90)");
    auto driver = CudaDriver::system();
    if (gpuCount(*driver) == 0)
      throw Error("the NVIDIA driver sees no GPU");
    gpu = std::make_unique<GpuContext>(0);
    auto backend = std::make_shared<GpuBackend>(*gpu, model);
    backend->setGraphMode(gpuGraph);
    backend->setFrameGraphs(gpuFrameGraph);
    std::string line = backend->describe() +
                       "; convolutions and their kernel maps on the GPU" +
                       (gpuFrameGraph ? " (each frame, maps included, as one replayed CUDA graph)"
                        : gpuGraph    ? " (compute steps as replayed CUDA graphs)"
                                      : "") +
                       ", other ops on the CPU (" + std::to_string(cpuThreads) + " threads)";
    model.setBackend(std::move(backend));
    return line;
  } catch (const Error &e) {
    if (device == "gpu")
      throw;
    std::string why = e.what();
    return cpuLine + "; no GPU used: " + why.substr(0, why.find(": libcuda"));
  }
}

/// The NumPy .npy header for a float32 C-order array of `shape`.
std::string npyHeader(const std::vector<int64_t> &shape) {
  std::string dims;
  for (int64_t d : shape)
    dims += std::to_string(d) + ", ";
  std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }";
  header.append(64 - (10 + header.size() + 1) % 64, ' ');
  header += '\n';
  uint16_t len = uint16_t(header.size());
  return std::string("\x93NUMPY\x01\x00", 8) + std::string(reinterpret_cast<char *>(&len), 2) +
         header;
}

/// The BEV map as .npy float32 [B, C*D, H, W].
void writeDenseNpy(const std::string &path, const Output &o) {
  std::ofstream f(path, std::ios::binary);
  if (!f)
    throw Error("cannot write '" + path + "'");
  f << npyHeader(o.shape);
  f.write(reinterpret_cast<const char *>(o.values.data()), std::streamsize(o.values.size() * 4));
}

void writeNpy(const std::string &path, const SparseTensor &t) {
  std::ofstream f(path, std::ios::binary);
  if (!f)
    throw Error("cannot write '" + path + "'");
  int64_t cols = 4 + t.channels;
  f << npyHeader({t.numSites, cols});
  std::vector<float> row(static_cast<size_t>(cols));
  for (int64_t i = 0; i < t.numSites; ++i) {
    for (int c = 0; c < 4; ++c)
      row[c] = float(t.coord(i)[c]);
    std::copy(t.feat(i), t.feat(i) + t.channels, row.begin() + 4);
    f.write(reinterpret_cast<const char *>(row.data()), cols * sizeof(float));
  }
}

double peakMemoryMiB() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return double(u.ru_maxrss) / 1024.0;
}

int run() {
  using clock = std::chrono::steady_clock;
  auto ms = [](clock::time_point a, clock::time_point b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
  };
  auto t0 = clock::now();
  std::unique_ptr<GpuContext> gpu; // outlives the model, whose GPU backend uses it
  std::unique_ptr<Model> model = Model::load(modelFile);
  const Plan &plan = model->plan();
  const PlanEntry &entry = entryName.empty() ? plan.entries.front() : plan.entry(entryName);
  std::string weightsLine;
  if (!weightsFile.empty()) {
    if (!saveWeights.empty())
      throw Error("--save-weights writes the random weights; it cannot be used with --weights");
    const int64_t unused = model->loadWeights(weightsFile);
    weightsLine = weightsFile + " (" + std::to_string(plan.params.size()) + " parameters set" +
                  (unused ? ", " + std::to_string(unused) + " tensors of the file unused" : "") +
                  ")";
  } else if (plan.params.empty()) {
    weightsLine = "embedded in the artifact (sconvc --weights)";
  } else {
    std::map<std::string, TensorData> saved;
    for (const ParamInfo &p : plan.params) {
      std::vector<float> v = randomParam(p, seed);
      if (!saveWeights.empty())
        saved[p.name] = {p.shape, v};
      model->setParam(p.name, std::move(v));
    }
    weightsLine = "deterministic random (seed " + std::to_string(seed) + ")";
    if (!saveWeights.empty()) {
      writeSafetensors(saveWeights, saved, {{"sconv_random_seed", std::to_string(seed)}});
      weightsLine += ", saved to " + saveWeights.getValue();
    }
  }
  ThreadPool pool(threads);
  llvm::outs() << "model    " << modelFile << ": entry '" << entry.name << "', "
               << entry.ops.size() << " ops, " << plan.params.size() << " parameters\n";
  llvm::outs() << "weights  " << weightsLine << "\n";
  const std::string deviceLine = chooseDevice(*model, gpu, pool.numThreads());
  llvm::outs() << "device   " << deviceLine << "\n";

  auto t1 = clock::now();
  std::vector<SparseTensor> samples;
  PointFormat fmt = PointFormat::Auto;
  for (const std::string &inputFile : inputFiles) {
    fmt = parsePointFormat(format);
    const bool detected = fmt == PointFormat::Auto;
    if (detected)
      fmt = detectPointFormat(inputFile);
    PointCloud cloud = readPointCloud(inputFile, fmt);
    std::string gridName;
    VoxelConfig cfg = gridFor(cloud, fmt, grid, &gridName);
    VoxelReport rep;
    SparseTensor vox = voxelize(cloud, cfg, &rep);
    llvm::outs() << "input    " << inputFile << " (" << pointFormatName(fmt)
                 << (detected ? ", detected" : "") << ", " << cloud.pointDims
                 << " dims): " << rep.inputPoints << " points, " << rep.droppedOutOfRange
                 << " out of range, " << rep.rejectedNonFinite << " non-finite rejected -> "
                 << vox.numSites << " voxels, grid [" << vox.spatialShape[0] << ", "
                 << vox.spatialShape[1] << ", " << vox.spatialShape[2] << "]\n";
    if (vox.numSites == 0)
      throw Error("'" + inputFile + "' has no point inside the " + gridName + " grid (" +
                  std::to_string(rep.inputPoints) + " points, " +
                  std::to_string(rep.droppedOutOfRange) + " out of range, " +
                  std::to_string(rep.rejectedNonFinite) +
                  " non-finite): nothing to run on (empty cloud)");
    samples.push_back(std::move(vox));
  }
  SparseTensor vox = samples.size() == 1 ? std::move(samples.front()) : concatBatch(samples);
  auto t2 = clock::now();
  llvm::outs() << "batch    " << vox.batchSize << " sample(s), " << vox.numSites
               << " voxels (voxelization " << llvm::format("%.1f", ms(t1, t2)) << " ms)\n";
  if (vox.channels != entry.inputs.front().channels)
    throw Error("the model's input takes " + std::to_string(entry.inputs.front().channels) +
                " channels but the voxelized " + pointFormatName(fmt) + " cloud has " +
                std::to_string(vox.channels));

  std::vector<Output> out;
  std::vector<OpProfile> prof;
  std::vector<double> totals;
  // In graph mode the timed runs go without the per-step profile (which waits after every step,
  // ending a graph segment each time); the layer table comes from one more, profiled run.
  auto *graphed = dynamic_cast<GpuBackend *>(model->backend());
  if (graphed && !graphed->graphMode() && !graphed->frameGraphs())
    graphed = nullptr;
  for (int r = 0; r < std::max(1, repeat.getValue()); ++r) {
    std::vector<OpProfile> p;
    auto a = clock::now();
    out = model->runOutputs(entry.name, {vox}, pool, graphed ? nullptr : &p);
    totals.push_back(ms(a, clock::now()));
    if (graphed)
      continue;
    if (r == 0)
      prof = p;
    else
      for (size_t i = 0; i < p.size(); ++i)
        prof[i].ms = std::min(prof[i].ms, p[i].ms);
  }
  std::sort(totals.begin(), totals.end());
  double median = totals[totals.size() / 2];
  if (graphed) {
    if (graphed->frameGraphs()) {
      const Model::FrameStats f = model->frameStats();
      llvm::outs() << "frames   " << f.captures << " capture(s), " << f.replays
                   << " replay(s), " << f.eagerFrames << " walked frame(s) in the timed runs"
                   << (f.notCapturable.empty() ? "" : "; not captured: " + f.notCapturable)
                   << "\n";
    }
    if (graphed->graphMode()) {
      const GraphSegments::Stats g = graphed->graphStats();
      llvm::outs() << "graph    " << g.captures << " capture(s), " << g.replays
                   << " replay(s) of " << g.launchesReplayed << " launches in the timed runs\n";
    }
    llvm::outs() << "the layer table below is from one more run with the per-step profile\n";
    model->runOutputs(entry.name, {vox}, pool, &prof);
  }

  llvm::outs() << "\nlayer                              kind            rows      ms  ran\n";
  double mapMs = 0, gemmMs = 0;
  for (const OpProfile &p : prof) {
    (p.kind == "kernel_map" || p.kind == "transpose_map" ? mapMs : gemmMs) += p.ms;
    llvm::outs() << llvm::format("%-34s %-13s %8lld %8.2f  %s\n", p.name.c_str(),
                                 p.kind.c_str(), (long long)p.rows, p.ms, p.impl.c_str());
  }
  llvm::outs() << llvm::format("kernel maps %.2f ms, compute %.2f ms%s\n", mapMs, gemmMs,
                               repeat > 1 ? " (per layer: best of the runs)" : "");

  const Output &result = out.front();
  const std::vector<float> &vals = result.dense ? result.values : result.sparse.feats;
  double sum = 0, sumAbs = 0;
  int64_t nonzero = 0;
  for (float v : vals) {
    sum += v;
    sumAbs += std::fabs(v);
    nonzero += v != 0.f;
  }
  if (result.dense) {
    llvm::outs() << "\noutput   dense BEV map [" << result.shape[0] << ", " << result.shape[1]
                 << ", " << result.shape[2] << ", " << result.shape[3] << "], " << nonzero
                 << " nonzero values\n";
  } else {
    const SparseTensor &y = result.sparse;
    llvm::outs() << "\noutput   " << y.numSites << " sites x " << y.channels
                 << " channels, grid [" << y.spatialShape[0] << ", " << y.spatialShape[1] << ", "
                 << y.spatialShape[2] << "]\n";
  }
  llvm::outs() << llvm::format("checksum sum %.6e, sum|x| %.6e\n", sum, sumAbs);
  llvm::outs() << llvm::format("time     %.2f ms backbone (median of %d), %.1f ms end to end; "
                               "peak memory %.1f MiB\n",
                               median, int(totals.size()), ms(t0, clock::now()), peakMemoryMiB());
  if (!outputFile.empty()) {
    if (result.dense)
      writeDenseNpy(outputFile, result);
    else
      writeNpy(outputFile, result.sparse);
    llvm::outs() << "wrote    " << outputFile << "\n";
  }
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  cl::HideUnrelatedOptions(runCategory);
  cl::ParseCommandLineOptions(argc, argv, "run a compiled sconv model on a point cloud\n");
  try {
    return run();
  } catch (const std::exception &e) {
    llvm::outs().flush(); // what was reported so far comes before the error, even in one pipe
    llvm::errs() << "sconv-run: error: " << e.what() << "\n";
    return 1;
  }
}
