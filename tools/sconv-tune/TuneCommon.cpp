// See TuneCommon.h.
#include "tools/sconv-tune/TuneCommon.h"

#include "runtime/LowPrecision.h"

#include "runtime/PointCloud.h"
#include "runtime/RandomParams.h"
#include "runtime/SiteOps.h"
#include "runtime/Voxelizer.h"

#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace sconv::tune {

using namespace sconv::rt;

double medianMs(int warmup, int repeat, const std::function<double()> &timedRun) {
  std::vector<double> times;
  for (int r = 0; r < warmup + repeat; ++r) {
    const double ms = timedRun();
    if (r >= warmup)
      times.push_back(ms);
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

bool swLkFormsAgree(const std::vector<float> &partition, const std::vector<float> &plain,
                    const std::string &precision) {
  if (partition.size() != plain.size())
    return false;
  double diff = 0, norm = 0;
  for (size_t i = 0; i < partition.size(); ++i) {
    const double d = double(partition[i]) - plain[i];
    diff += d * d;
    norm += double(partition[i]) * partition[i];
  }
  const double tol = precision == "f32" ? 1e-4 : precision == "f16" ? 5e-3 : 3e-2;
  return std::sqrt(diff) <= tol * std::sqrt(norm) + 1e-6;
}

void writeTextFile(const std::string &path, const std::string &text) {
  std::error_code ec;
  llvm::raw_fd_ostream f(path, ec);
  if (ec)
    throw Error("cannot write '" + path + "': " + ec.message());
  f << text;
  f.close();
  if (f.has_error()) {
    ec = f.error();
    f.clear_error(); // else the stream's destructor aborts
    throw Error("cannot write '" + path + "': " + ec.message());
  }
}

void runSconvc(const std::string &sconvc, const std::vector<std::string> &args) {
  std::vector<llvm::StringRef> argv = {sconvc};
  for (const std::string &a : args)
    argv.push_back(a);
  std::string err;
  if (llvm::sys::ExecuteAndWait(sconvc, argv, std::nullopt, {}, 0, 0, &err) != 0)
    throw Error("sconvc failed on " + args.front() + (err.empty() ? "" : ": " + err));
}


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

Instance SwLkInstance::asConv() const {
  return {input, map, int64_t(kernelSize) * kernelSize * kernelSize, groupGemm.cin / 27,
          groupGemm.cout};
}

Instance SwLkInstance::plainGemm() const {
  Instance g = asConv();
  if (pe) {
    g.input = std::make_shared<SparseTensor>(appendOnes(*input));
    g.cin += 1;
  }
  return g;
}

/// Runs the model on every frame and collects every compute step's operands.
Groups collect(const std::string &artifact, const std::vector<std::string> &inputs,
              const std::string &format, ThreadPool &pool, SwLkGroups *swLk) {
  Groups groups(bySignatureText);
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
    std::map<int, SwLkInstance> sumsOf; // partition sums by value, until their GEMM is seen
    tensors[entry.inputs.front().value] = std::make_shared<SparseTensor>(vox);
    RunObserver observe = [&](const PlanOp &op, const SparseTensor *s, const Output *,
                              const KernelMap *m) {
      if (op.kind == PlanOp::Kind::ImplicitGemm) {
        Instance in{tensors.at(op.inputs[0]), maps.at(op.inputs[1]), op.volume, op.cin, op.cout};
        groups[signatureOf(in, mapKinds.at(op.inputs[1]))].push_back(in);
        if (auto it = sumsOf.find(op.inputs[0]); swLk && it != sumsOf.end()) {
          it->second.groupGemm = in;
          (*swLk)[signatureOf(it->second.asConv(), kSwLkKind)].push_back(it->second);
          sumsOf.erase(it);
        }
      }
      if (op.kind == PlanOp::Kind::PartitionSum)
        sumsOf[op.result] = SwLkInstance{tensors.at(op.inputs[0]), maps.at(op.inputs[1]),
                                         int(op.kernelSize), !op.params[0].empty(), {}};
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


std::string candidateModule(const std::vector<CandidateStep> &steps) {
  std::string m;
  int n = 0;
  for (const CandidateStep &c : steps) {
    const std::string k = std::to_string(c.volume), cin = std::to_string(c.cin),
                      cout = std::to_string(c.cout), id = std::to_string(n++);
    const std::string vin = "!sconv.voxels<" + cin + " x f32, shape [?, ?, ?], stride [1, 1, 1]>";
    const std::string vout = "!sconv.voxels<" + cout + " x f32, shape [?, ?, ?], stride [1, 1, 1]>";
    const std::string wt = "tensor<" + k + "x" + cin + "x" + cout + "xf32>";
    const std::string bt = "tensor<" + cout + "xf32>";
    m += "func.func @t" + id + "(%x: " + vin + ") -> " + vout + " {\n" +
         "  %w = sconv.weight \"w" + id + "\" : " + wt + "\n" +
         "  %b = sconv.weight \"b" + id + "\" : " + bt + "\n" +
         "  %m = sconv.kernel_map %x {kind = #sconv<map_kind regular>, kernel = array<i64: " + k +
         ", 1, 1>, stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, " +
         "dilation = array<i64: 1, 1, 1>} : " + vin + " -> !sconv.kmap<" + k + ">\n" +
         "  %y = sconv.implicit_gemm %x, %m, %w bias %b {" + c.attributes + "} : (" + vin +
         ", !sconv.kmap<" + k + ">, " + wt + ", " + bt + ") -> " + vout + "\n  return %y : " +
         vout + "\n}\n";
  }
  return m;
}

std::vector<std::string> candidateKernels(const Plan &plan, size_t numSteps, bool gpu) {
  std::vector<std::string> kernels;
  for (size_t i = 0; i < numSteps; ++i) {
    std::string kernel;
    for (const PlanOp &op : plan.entry("t" + std::to_string(i)).ops)
      if (op.kind == PlanOp::Kind::ImplicitGemm)
        kernel = gpu ? op.gpuKernel : op.kernel;
    if (kernel.empty())
      throw Error("candidate t" + std::to_string(i) + " has no generated kernel");
    kernels.push_back(kernel);
  }
  return kernels;
}

ReferenceSample referenceSample(const Instance &in, const std::vector<float> &w,
                                const std::vector<float> &b, const std::string &precision) {
  const KernelMap &map = *in.map;
  ReferenceSample s;
  s.cout = in.cout;
  const std::vector<double> wr = roundToPrecision(w, precision);
  std::vector<double> xr(size_t(in.cin));
  std::mt19937_64 rng(7);
  for (int r = 0; r < 256 && map.numOut > 0; ++r) {
    const int64_t o = int64_t(rng() % uint64_t(map.numOut));
    s.rows.push_back(o);
    std::vector<double> ref(b.begin(), b.end()), mag(size_t(in.cout));
    for (int64_t co = 0; co < in.cout; ++co)
      mag[size_t(co)] = std::fabs(ref[size_t(co)]);
    for (int64_t k = 0; k < in.volume; ++k) {
      const int32_t i = map.nbr[size_t(o * in.volume + k)];
      if (i < 0)
        continue;
      roundToPrecision(in.input->feat(i), size_t(in.cin), precision, xr.data());
      for (int64_t ci = 0; ci < in.cin; ++ci) {
        const double *wrow = &wr[size_t((k * in.cin + ci) * in.cout)];
        for (int64_t co = 0; co < in.cout; ++co) {
          const double t = xr[size_t(ci)] * wrow[co];
          ref[size_t(co)] += t;
          mag[size_t(co)] += std::fabs(t);
        }
      }
    }
    s.ref.insert(s.ref.end(), ref.begin(), ref.end());
    s.mag.insert(s.mag.end(), mag.begin(), mag.end());
  }
  return s;
}

std::string checkAgainstReference(const ReferenceSample &s, const std::vector<float> &out) {
  for (size_t r = 0; r < s.rows.size(); ++r)
    for (int64_t co = 0; co < s.cout; ++co) {
      const size_t at = r * size_t(s.cout) + size_t(co);
      const double ref = s.ref[at];
      const double got = out[size_t(s.rows[r] * s.cout + co)];
      if (!(std::fabs(got - ref) <= 1e-4 * (1 + std::fabs(ref)) + 1e-6 * s.mag[at]))
        return "row " + std::to_string(s.rows[r]) + " channel " + std::to_string(co) +
               ": reference " + std::to_string(ref) + ", got " + std::to_string(got);
    }
  return "";
}

} // namespace sconv::tune
