// The generated GPU conv kernels, run by the runtime's GPU backend (runtime/cuda/GpuBackend.h) and
// checked value by value against the CPU backend and a float64 reference.
//
// Every test runs on two drivers: "emulated" (the tests' fake libcuda everywhere: the model's PTX is
// loaded and launched through the real host code path, and each launch runs the kernel's host twin,
// generated from the same IR builder as the gpu.func and embedded by sconvc --gpu-emulation, over
// the launch's blocks and threads in a shuffled order) and "gpu" (GPU 0 through the system driver;
// skips where there is none). The models are compiled by sconvc at build time for cpu, sm_80 and
// sm_90.
//
// Per run: every kernel map the GPU built equals the CPU's bit for bit; every tensor agrees with
// the CPU backend's within 1e-5 * (1 + |x|); every implicit-GEMM step's output agrees with a float64
// evaluation of the same step on the GPU run's own inputs (OPERATORS.md fp32 tolerance); every
// SW-LK partition sum equals the CPU's bit for bit.
#include "runtime/Executor.h"
#include "runtime/PointCloud.h"
#include "runtime/RandomParams.h"
#include "runtime/Voxelizer.h"
#include "runtime/cuda/KernelLaunch.h"
#include "runtime/cuda/GpuBackend.h"
#include "test/reference/Compare.h"
#include "runtime/LowPrecision.h"
#include "test/reference/RandomCloud.h"
#include "test/unit/ErrorOf.h"
#include "test/unit/GpuTestUtil.h"
#include "tools/sconv-tune/GpuTune.h"

#include "llvm/Support/FileSystem.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <tuple>

using namespace sconv;
using namespace sconv::rt;
using sconv::test::errorOf;
using sconv::test::FakeCuda;

namespace {

using GemmTwinFn = void (*)(MemRefDesc<float, 2> *, MemRefDesc<int32_t, 2> *,
                            MemRefDesc<float, 3> *, MemRefDesc<float, 1> *,
                            MemRefDesc<float, 2> *, MemRefDesc<float, 2> *, int64_t numRows,
                            int64_t block, int64_t thread);
using PartitionSumTwinFn = void (*)(MemRefDesc<float, 2> *, MemRefDesc<int32_t, 2> *,
                                    MemRefDesc<float, 2> *, MemRefDesc<float, 2> *,
                                    int64_t numRows, int64_t block, int64_t thread);

/// One thread of a generated kernel, as the fake driver runs it: the launch's params unpacked by
/// the same code that packs them for cuLaunchKernel.
void callGemmTwin(void *fn, void **params, unsigned long long block, unsigned long long thread) {
  GemmKernelArgs a = GemmKernelArgs::fromParams(params);
  reinterpret_cast<GemmTwinFn>(fn)(&a.in, &a.nbr, &a.w, &a.bias, &a.residual, &a.out, a.numRows,
                                   int64_t(block), int64_t(thread));
}
using OrderedTwinFn = void (*)(MemRefDesc<float, 2> *, MemRefDesc<int32_t, 2> *,
                               MemRefDesc<float, 3> *, MemRefDesc<float, 1> *,
                               MemRefDesc<float, 2> *, MemRefDesc<float, 2> *,
                               MemRefDesc<int32_t, 1> *, int64_t numRows, int64_t block,
                               int64_t thread);
/// Fetch-on-demand's 1-offset kernel and the mask-sorted GEMM: the GEMM operands and an order.
void callOrderedTwin(void *fn, void **params, unsigned long long block,
                     unsigned long long thread) {
  OrderedKernelArgs a = OrderedKernelArgs::fromParams(params);
  reinterpret_cast<OrderedTwinFn>(fn)(&a.in, &a.nbr, &a.w, &a.bias, &a.residual, &a.out, &a.order,
                                      a.numRows, int64_t(block), int64_t(thread));
}
using SplitTwinFn = void (*)(MemRefDesc<float, 2> *, MemRefDesc<int32_t, 2> *,
                             MemRefDesc<float, 3> *, MemRefDesc<float, 1> *,
                             MemRefDesc<float, 2> *, MemRefDesc<float, 2> *,
                             MemRefDesc<int32_t, 1> *, int64_t kBegin, int64_t kEnd,
                             int64_t numRows, int64_t block, int64_t thread);
void callSplitTwin(void *fn, void **params, unsigned long long block, unsigned long long thread) {
  SplitKernelArgs a = SplitKernelArgs::fromParams(params);
  reinterpret_cast<SplitTwinFn>(fn)(&a.in, &a.nbr, &a.w, &a.bias, &a.residual, &a.out, &a.order,
                                    a.kBegin, a.kEnd, a.numRows, int64_t(block),
                                    int64_t(thread));
}
void callPartitionSumTwin(void *fn, void **params, unsigned long long block,
                          unsigned long long thread) {
  PartitionSumKernelArgs a = PartitionSumKernelArgs::fromParams(params);
  reinterpret_cast<PartitionSumTwinFn>(fn)(&a.in, &a.nbr, &a.pe, &a.out, a.numRows,
                                           int64_t(block), int64_t(thread));
}

/// Makes the fake driver run every GPU kernel of `plan` by its twin from `twins`.
void registerTwins(FakeCuda &fake, const CpuKernelLibrary &twins, const Plan &plan) {
  for (const PlanEntry &e : plan.entries)
    for (const PlanOp &op : e.ops) {
      if (op.gpuKernel.empty())
        continue;
      const bool gemm = op.kind == PlanOp::Kind::ImplicitGemm;
      const bool ordered = gemm && (op.gpuDataflow == "fetch_on_demand" ||
                                    op.gpuDataflow == "implicit_gemm_sorted");
      const bool split = gemm && op.gpuDataflow == "implicit_gemm_split";
      fake.registerTwin(op.gpuKernel,
                        split     ? callSplitTwin
                        : ordered ? callOrderedTwin
                        : gemm    ? callGemmTwin
                                  : callPartitionSumTwin,
                        twins.cInterface(op.gpuKernel + "_emu"),
                        split     ? SplitKernelArgs::kNumParams
                        : ordered ? OrderedKernelArgs::kNumParams
                        : gemm    ? GemmKernelArgs::kNumParams
                                  : PartitionSumKernelArgs::kNumParams,
                        unsigned(op.gpuThreads), op.gpuPrecision != "f32");
    }
}

ThreadPool &pool() {
  static ThreadPool p(0);
  return p;
}

/// A test model: compiled by sconvc at build time (the full build), or for a runtime-only build (a
/// GPU machine without LLVM/MLIR) compiled by a full build elsewhere and found in the directory
/// $SCONV_GPU_TEST_MODELS names (scripts/gpu-carry.sh).
std::string gpuModel(const char *name) {
  const char *dir = std::getenv("SCONV_GPU_TEST_MODELS");
  return std::string(dir && *dir ? dir : SCONV_GPU_MODELS_DIR) + "/" + name + ".sconv";
}

/// Why the test models cannot be read, or empty: a runtime-only build without
/// $SCONV_GPU_TEST_MODELS has none (its tests skip, saying so); a full build always has them.
std::string missingModels() {
#ifdef SCONV_GPU_MODELS_PREBUILT
  if (!llvm::sys::fs::exists(gpuModel("convs")))
    return "test models not found at '" + gpuModel("convs") + "': this runtime-only build reads "
           "the models a full build compiled, from $SCONV_GPU_TEST_MODELS";
#endif
  return "";
}

/// GPU 0's chip ("sm_90"), or empty without a driver or a GPU.
std::string gpuZeroChip() {
  std::string chip;
  errorOf([&] {
    std::shared_ptr<const CudaDriver> d = CudaDriver::system();
    if (gpuCount(*d) > 0)
      chip = queryGpu(*d, 0).chip();
  });
  return chip;
}

/// A compiled model with the GPU backend on one driver. Members are destroyed in reverse order:
/// the model (and its backend's buffers) before the context, the context before the fake driver.
class GpuSession {
public:
  GpuSession(const std::string &driverKind, const std::string &artifact) {
    std::shared_ptr<const CudaDriver> driver;
    skipReason = missingModels();
    if (!skipReason.empty())
      return;
    if (driverKind == "gpu") {
      skipReason = errorOf([&] { driver = CudaDriver::system(); });
      if (skipReason.empty() && gpuCount(*driver) == 0)
        skipReason = "the NVIDIA driver sees no GPU";
      if (!skipReason.empty())
        return;
    } else {
      fake = std::make_unique<FakeCuda>(SCONV_FAKE_CUDA, /*exportWarpOps=*/true);
      driver = CudaDriver::load(SCONV_FAKE_CUDA);
    }
    model = Model::load(artifact);
    if (fake) {
      // The twins are a host shared object inside the artifact, loaded like the CPU kernels.
      twins = std::make_unique<CpuKernelLibrary>(
          model->artifact().sections.at(model->plan().gpuEmulationSection));
      registerTwins(*fake, *twins, model->plan());
    }
    ctx = std::make_unique<GpuContext>(driver, 0);
    backend = std::make_shared<GpuBackend>(*ctx, *model);
  }
  ~GpuSession() {
    if (model)
      model->setBackend(nullptr);
  }
  /// On the emulator, fresh device memory reads as large indices from now on, so a table or
  /// buffer a kernel should have filled and did not shows up in the results.
  void showUnfilledMemory() {
    if (fake)
      fake->set("garbage", 0x35);
  }

  std::string skipReason;
  std::unique_ptr<FakeCuda> fake;
  std::unique_ptr<CpuKernelLibrary> twins;
  std::unique_ptr<GpuContext> ctx;
  std::unique_ptr<Model> model;
  std::shared_ptr<GpuBackend> backend;
};

/// Every value a run defines, by value number.
struct Captured {
  std::map<int, SparseTensor> tensors;
  std::map<int, KernelMap> maps;
  std::map<int, Output> dense;
};

Captured runCaptured(Model &m, const std::string &entry, const SparseTensor &input) {
  Captured c;
  c.tensors[m.plan().entry(entry).inputs.at(0).value] = input;
  RunObserver obs = [&](const PlanOp &op, const SparseTensor *s, const Output *d,
                        const KernelMap *k) {
    if (s)
      c.tensors[op.result] = *s;
    if (d)
      c.dense[op.result] = *d;
    if (k)
      c.maps[op.result] = *k;
  };
  (void)m.runOutputs(entry, {input}, pool(), nullptr, &obs);
  return c;
}

/// The step `op` in float64 on the inputs the run gave it (input features and weights rounded to
/// the step's GPU precision first, as its tensor-core kernel rounds them: the products are then
/// exact and only the f32 accumulation differs). `magnitude`, when given, receives per output
/// element the sum of the absolute values of everything added into it.
ref::RefTensor float64Gemm(const Model &m, const PlanOp &op, const Captured &c,
                           const std::string &precision = "f32",
                           std::vector<double> *magnitude = nullptr) {
  const SparseTensor &x = c.tensors.at(op.inputs[0]);
  const KernelMap &map = c.maps.at(op.inputs[1]);
  const SparseTensor *res = op.inputs[2] >= 0 ? &c.tensors.at(op.inputs[2]) : nullptr;
  const std::vector<float> &w = m.paramValues(op.params[0]);
  const std::vector<float> *b = op.params[1].empty() ? nullptr : &m.paramValues(op.params[1]);
  ref::RefTensor r;
  r.numSites = map.numOut;
  r.channels = op.cout;
  r.spatialShape = map.outShape;
  r.batchSize = map.batchSize;
  r.coords = map.outCoords;
  r.feats.assign(size_t(map.numOut * op.cout), 0.0);
  if (magnitude)
    magnitude->assign(r.feats.size(), 0.0);
  // Operands rounded once, rows spread over the pool: a whole real frame's backbone is some 10^10
  // products.
  const std::vector<double> xr = rt::roundToPrecision(x.feats, precision),
                            wr = rt::roundToPrecision(w, precision);
  pool().parallelFor(0, map.numOut, 64, [&](int64_t begin, int64_t end) {
    std::vector<double> acc(size_t(op.cout)), mag(size_t(op.cout));
    for (int64_t o = begin; o < end; ++o) {
      for (int64_t co = 0; co < op.cout; ++co) {
        acc[size_t(co)] = b ? (*b)[size_t(co)] : 0.0;
        mag[size_t(co)] = std::fabs(acc[size_t(co)]);
      }
      for (int64_t k = 0; k < op.volume; ++k) {
        const int32_t i = map.nbr[size_t(o * op.volume + k)];
        if (i < 0)
          continue;
        for (int64_t ci = 0; ci < op.cin; ++ci) {
          const double xv = xr[size_t(i * op.cin + ci)];
          const double *wrow = &wr[size_t((k * op.cin + ci) * op.cout)];
          for (int64_t co = 0; co < op.cout; ++co) {
            const double p = xv * wrow[co];
            acc[size_t(co)] += p;
            mag[size_t(co)] += std::fabs(p);
          }
        }
      }
      for (int64_t co = 0; co < op.cout; ++co) {
        const size_t at = size_t(o * op.cout + co);
        double a = acc[size_t(co)], m = mag[size_t(co)];
        if (res) {
          a += res->feats[at];
          m += std::fabs(res->feats[at]);
        }
        if (op.relu)
          a = std::max(a, 0.0);
        r.feats[at] = a;
        if (magnitude)
          (*magnitude)[at] = m;
      }
    }
  });
  return r;
}

::testing::AssertionResult sameMap(const KernelMap &a, const KernelMap &b) {
  if (a.numOut != b.numOut || a.numIn != b.numIn || a.volume != b.volume)
    return ::testing::AssertionFailure() << "map sizes differ: " << a.numOut << "x" << a.volume
                                         << " vs " << b.numOut << "x" << b.volume;
  if (a.nbr != b.nbr)
    return ::testing::AssertionFailure() << "neighbour tables differ";
  if (a.outCoords != b.outCoords || a.outShape != b.outShape)
    return ::testing::AssertionFailure() << "output sites differ";
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult closeTensors(const SparseTensor &gpu, const SparseTensor &cpu,
                                        double tol) {
  if (gpu.numSites != cpu.numSites || gpu.channels != cpu.channels || gpu.coords != cpu.coords)
    return ::testing::AssertionFailure() << "different sites or channels";
  for (size_t i = 0; i < gpu.feats.size(); ++i) {
    const double g = gpu.feats[i], c = cpu.feats[i];
    if (!(std::fabs(g - c) <= tol * (1 + std::fabs(c))))
      return ::testing::AssertionFailure() << "value " << i << ": GPU " << g << ", CPU " << c;
  }
  return ::testing::AssertionSuccess();
}

int partitionSums = 0; // SW-LK partition sums checked so far (by checkEntry)

/// Every value of `entry` run on the CPU, then on the session's GPU (its backend set afterwards).
std::pair<Captured, Captured> cpuAndGpuRuns(GpuSession &s, const std::string &entry,
                                            const SparseTensor &input) {
  s.model->setBackend(nullptr);
  Captured cpu = runCaptured(*s.model, entry, input);
  s.model->setBackend(s.backend);
  return {std::move(cpu), runCaptured(*s.model, entry, input)};
}

/// Runs `entry` on the CPU and on the session's GPU and checks the GPU run as described at the
/// top. Returns the number of implicit-GEMM steps checked.
int checkEntry(GpuSession &s, const std::string &entry, const SparseTensor &input) {
  Model &m = *s.model;
  const auto [cpu, gpu] = cpuAndGpuRuns(s, entry, input);
  int gemms = 0;
  for (const PlanOp &op : m.plan().entry(entry).ops) {
    SCOPED_TRACE(entry + ": " + op.name + " (" + opKindName(op.kind) + ")");
    if (auto it = gpu.maps.find(op.result); it != gpu.maps.end())
      EXPECT_TRUE(sameMap(it->second, cpu.maps.at(op.result)));
    if (auto it = gpu.tensors.find(op.result); it != gpu.tensors.end())
      EXPECT_TRUE(closeTensors(it->second, cpu.tensors.at(op.result), 1e-5));
    if (auto it = gpu.dense.find(op.result); it != gpu.dense.end()) {
      SparseTensor g, c; // compare the dense values with the same helper
      g.feats = it->second.values;
      c.feats = cpu.dense.at(op.result).values;
      g.numSites = c.numSites = 1;
      EXPECT_TRUE(closeTensors(g, c, 1e-5));
    }
    if (op.kind == PlanOp::Kind::ImplicitGemm) {
      EXPECT_TRUE(ref::expectClose(float64Gemm(m, op, gpu), gpu.tensors.at(op.result)));
      ++gemms;
    }
    if (op.kind == PlanOp::Kind::PartitionSum) {
      // The GPU kernel performs the CPU's operations in the CPU's order: the same bits.
      EXPECT_TRUE(closeTensors(gpu.tensors.at(op.result), cpu.tensors.at(op.result), 0.0));
      ++partitionSums;
    }
  }
  return gemms;
}

void setRandomParams(Model &m, uint64_t seed) {
  for (const ParamInfo &p : m.plan().params)
    m.setParam(p.name, randomParam(p, seed));
}

/// A random cloud of batch 2 for entry `e` of a test model, seeded by its name (the operator
/// model's bev_c3 needs a small grid for its dense map).
SparseTensor entryInput(const PlanEntry &e, uint64_t seedOffset, int64_t sites,
                        Int3 grid = {16, 24, 24}) {
  const bool bev = e.name.find("bev_c3") != std::string::npos; // bev_c3, conv_bev_c3
  return ref::randomCloud(std::hash<std::string>()(e.name) + seedOffset, bev ? 200 : sites,
                          e.inputs[0].channels, bev ? Int3{4, 12, 10} : grid, /*batchSize=*/2);
}

/// The entry's results with the CPU kernels (the session's GPU backend set again afterwards).
std::vector<Output> cpuOutputs(GpuSession &s, const std::string &entry, const SparseTensor &in) {
  s.model->setBackend(nullptr);
  std::vector<Output> out = s.model->runOutputs(entry, {in}, pool());
  s.model->setBackend(s.backend);
  return out;
}

class GpuConv : public ::testing::TestWithParam<std::string> {};

TEST_P(GpuConv, EveryConvConfigurationMatchesCpuAndFloat64) {
  GpuSession s(GetParam(), gpuModel("convs"));
  if (!s.skipReason.empty())
    GTEST_SKIP() << s.skipReason;
  setRandomParams(*s.model, 3);
  int gemms = 0;
  for (const PlanEntry &e : s.model->plan().entries) {
    gemms += checkEntry(s, e.name, entryInput(e, 0, 1500));
  }
  EXPECT_GE(gemms, 19); // every entry of convs.mlir ran a GPU GEMM (the chain three)
}

TEST_P(GpuConv, EveryOperatorModelMatchesCpu) {
  GpuSession s(GetParam(), gpuModel("ops"));
  if (!s.skipReason.empty())
    GTEST_SKIP() << s.skipReason;
  setRandomParams(*s.model, 5);
  int gemms = 0;
  partitionSums = 0;
  for (const PlanEntry &e : s.model->plan().entries)
    gemms += checkEntry(s, e.name, entryInput(e, 0, 1200));
  EXPECT_GE(gemms, 20);
  EXPECT_EQ(partitionSums, 6); // SW-LK k = 3, 5, 7, 9, 17 and the real-frame k = 7 model
}

// SW-LK's plain form (sconvc --sw-lk-form=plain) on the device: the constant-one channel, the
// k^3 GEMM over expanded weights, and with no observer every step of it on the GPU. The k = 17
// entry is left out: its 4913-offset GEMM takes minutes on the one-thread-at-a-time emulator.
TEST_P(GpuConv, SwLkPlainFormMatchesCpuAndFloat64) {
  GpuSession s(GetParam(), gpuModel("ops-plain-lk"));
  if (!s.skipReason.empty())
    GTEST_SKIP() << s.skipReason;
  setRandomParams(*s.model, 9);
  int gemms = 0;
  for (const char *entry : {"swlk_k3_c8", "swlk_k5_c8", "swlk_k7_c8", "swlk_k9_c8"}) {
    const PlanEntry &e = s.model->plan().entry(entry);
    std::vector<OpProfile> profile;
    gemms += checkEntry(s, entry, entryInput(e, 0, 900));
    (void)s.model->runOutputs(entry, {entryInput(e, 0, 900)}, pool(), &profile);
    std::set<std::string> onGpu;
    for (const OpProfile &p : profile)
      if (p.impl.rfind("gpu", 0) == 0)
        onGpu.insert(p.kind);
    for (const char *kind : {"kernel_map", "append_ones", "implicit_gemm"})
      EXPECT_TRUE(onGpu.count(kind)) << entry << ": " << kind << " did not run on the GPU";
    EXPECT_FALSE(onGpu.count("partition_sum")) << entry << " is not in its plain form";
  }
  EXPECT_EQ(gemms, 4);
}

/// Runs `entry` without an observer (features move to the host only where the executor needs
/// them) and returns its outputs, and in `gpuKinds` the kinds of the steps that ran on the GPU.
std::vector<Output> runResident(Model &m, const std::string &entry, const SparseTensor &input,
                                std::set<std::string> *gpuKinds) {
  std::vector<OpProfile> profile;
  std::vector<Output> out = m.runOutputs(entry, {input}, pool(), &profile);
  for (const OpProfile &p : profile)
    if (p.impl.rfind("gpu", 0) == 0) {
      gpuKinds->insert(p.kind);
      if (p.kind == "kernel_map")
        gpuKinds->insert(p.impl); // which map: "gpu spss", "gpu sprs", ...
    }
  return out;
}

::testing::AssertionResult closeOutputs(const std::vector<Output> &gpu,
                                        const std::vector<Output> &cpu, double tol = 1e-5) {
  if (gpu.size() != cpu.size())
    return ::testing::AssertionFailure() << "output counts differ";
  for (size_t i = 0; i < gpu.size(); ++i) {
    if (gpu[i].dense != cpu[i].dense || gpu[i].shape != cpu[i].shape)
      return ::testing::AssertionFailure() << "output " << i << ": different kinds or shapes";
    SparseTensor g = gpu[i].sparse, c = cpu[i].sparse;
    if (gpu[i].dense) {
      g.feats = gpu[i].values;
      c.feats = cpu[i].values;
    }
    if (auto r = closeTensors(g, c, tol); !r)
      return r << " (output " << i << ")";
  }
  return ::testing::AssertionSuccess();
}

// Residency: with no observer asking for every step, features stay on the device between steps;
// BN, ReLU, residual adds and concats between convs run there (the unfused operator model keeps
// them as steps of their own), and the results still equal the CPU's.
TEST_P(GpuConv, PerSiteOpsRunOnTheDeviceBetweenConvs) {
  GpuSession s(GetParam(), gpuModel("ops-unfused"));
  if (!s.skipReason.empty())
    GTEST_SKIP() << s.skipReason;
  setRandomParams(*s.model, 17);
  std::set<std::string> gpuKinds;
  for (const PlanEntry &e : s.model->plan().entries) {
    SCOPED_TRACE(e.name);
    const SparseTensor in = entryInput(e, 1, 1000);
    const std::vector<Output> cpu = cpuOutputs(s, e.name, in);
    EXPECT_TRUE(closeOutputs(runResident(*s.model, e.name, in, &gpuKinds), cpu));
  }
  for (const char *kind : {"implicit_gemm", "partition_sum", "batch_norm", "relu", "add", "concat",
                           "to_dense", "importance", "prune_mask", "scale_by_importance", "merge_pruned",
                           "transpose_map", "gpu submanifold", "gpu regular", "gpu spss",
                           "gpu sprs", "gpu transposed"})
    EXPECT_TRUE(gpuKinds.count(kind)) << kind << " never ran on the GPU";
  // to_dense's host path (sconv-bench --gpu-host-dense, the baseline) gives the same map.
  s.backend->setDenseOnDevice(false);
  const SparseTensor in = entryInput(s.model->plan().entry("conv_bev_c3"), 1, 1000);
  std::set<std::string> hostDenseKinds;
  EXPECT_TRUE(closeOutputs(runResident(*s.model, "conv_bev_c3", in, &hostDenseKinds),
                           cpuOutputs(s, "conv_bev_c3", in)));
  EXPECT_FALSE(hostDenseKinds.count("to_dense"));
  s.backend->setDenseOnDevice(true);
}

// With setKeepDenseOutputs an entry's dense result stays on the device (Output::kept): its values
// are not on the host, the map never crosses the bus, and downloaded it is the CPU's map, eager
// and in graph mode. Without to_dense on the device there is nothing to keep: the values come back.
TEST_P(GpuConv, KeptDenseOutputsStayOnTheDevice) {
  GpuSession s(GetParam(), gpuModel("ops"));
  if (!s.skipReason.empty())
    GTEST_SKIP() << s.skipReason;
  setRandomParams(*s.model, 17);
  const SparseTensor in = entryInput(s.model->plan().entry("conv_bev_c3"), 2, 1000);
  const std::vector<Output> cpu = cpuOutputs(s, "conv_bev_c3", in);
  ASSERT_EQ(cpu.size(), 1u);
  ASSERT_TRUE(cpu[0].dense);
  const size_t mapBytes = cpu[0].values.size() * sizeof(float);
  s.backend->setKeepDenseOutputs(true);
  for (bool graph : {false, true}) {
    SCOPED_TRACE(graph ? "graph mode" : "eager");
    s.backend->setGraphMode(graph);
    const int64_t downloadedBefore = s.backend->traffic().downloadedBytes;
    std::vector<Output> gpu = s.model->runOutputs("conv_bev_c3", {in}, pool());
    ASSERT_EQ(gpu.size(), 1u);
    ASSERT_TRUE(gpu[0].kept);
    EXPECT_TRUE(gpu[0].values.empty());
    EXPECT_NE(gpu[0].kept->address(), 0u);
    EXPECT_EQ(gpu[0].kept->bytes(), mapBytes);
    EXPECT_LT(s.backend->traffic().downloadedBytes - downloadedBefore, int64_t(mapBytes));
    gpu[0].fetchValues();
    EXPECT_FALSE(gpu[0].kept);
    EXPECT_TRUE(closeOutputs(gpu, cpu));
  }
  s.backend->setGraphMode(false);
  s.backend->setDenseOnDevice(false);
  std::vector<Output> host = s.model->runOutputs("conv_bev_c3", {in}, pool());
  ASSERT_EQ(host.size(), 1u);
  EXPECT_FALSE(host[0].kept);
  EXPECT_TRUE(closeOutputs(host, cpu));
  s.backend->setDenseOnDevice(true);
  s.backend->setKeepDenseOutputs(false);
}

// SPS-Conv layers stay on the device from input to result: the importance, the mask, the
// scaling (the shared sigmoid) and the merge (row sources from the mask) move no features over
// the bus; the result is the CPU's. Unfused, so every step is its own.
TEST_P(GpuConv, SpsLayersMoveOnlyTheirInputAndResult) {
  GpuSession s(GetParam(), gpuModel("ops-unfused"));
  if (!s.skipReason.empty())
    GTEST_SKIP() << s.skipReason;
  setRandomParams(*s.model, 29);
  for (const char *entry : {"spss_r05_c8", "spss_t06_c8", "spss_bn_c8", "sprs_r05_c8x16"}) {
    SCOPED_TRACE(entry);
    const SparseTensor in = entryInput(s.model->plan().entry(entry), 4, 2000);
    const std::vector<Output> cpu = cpuOutputs(s, entry, in);
    const GpuBackend::Traffic before = s.backend->traffic();
    std::set<std::string> gpuKinds;
    const std::vector<Output> gpu = runResident(*s.model, entry, in, &gpuKinds);
    EXPECT_TRUE(closeOutputs(gpu, cpu));
    const GpuBackend::Traffic &after = s.backend->traffic();
    EXPECT_EQ(after.uploadedBytes - before.uploadedBytes, int64_t(in.feats.size() * 4));
    EXPECT_EQ(after.downloadedBytes - before.downloadedBytes,
              int64_t(gpu.at(0).sparse.feats.size() * 4));
    for (const char *kind : {"importance", "prune_mask", "implicit_gemm"})
      EXPECT_TRUE(gpuKinds.count(kind)) << kind;
    if (std::string(entry).rfind("spss", 0) == 0)
      for (const char *kind : {"scale_by_importance", "merge_pruned", "gpu spss"})
        EXPECT_TRUE(gpuKinds.count(kind)) << kind;
  }
}

// The features of a conv chain cross the bus twice: the input in, the result out; of its maps only
// the output sites of the strided conv come back.
TEST_P(GpuConv, AConvChainMovesOnlyItsInputAndResult) {
  GpuSession s(GetParam(), gpuModel("convs"));
  if (!s.skipReason.empty())
    GTEST_SKIP() << s.skipReason;
  setRandomParams(*s.model, 19);
  SparseTensor in = ref::randomCloud(23, 2500, 4, {20, 32, 32}, 1);
  const std::vector<Output> cpu = cpuOutputs(s, "chain", in);
  const GpuBackend::Traffic before = s.backend->traffic();
  std::set<std::string> gpuKinds;
  const std::vector<Output> gpu = runResident(*s.model, "chain", in, &gpuKinds);
  EXPECT_TRUE(closeOutputs(gpu, cpu));
  const GpuBackend::Traffic &after = s.backend->traffic();
  EXPECT_EQ(after.uploadedBytes - before.uploadedBytes, int64_t(in.feats.size() * 4));
  EXPECT_EQ(after.downloadedBytes - before.downloadedBytes,
            int64_t(gpu.at(0).sparse.feats.size() * 4));
  EXPECT_EQ(gpuKinds, std::set<std::string>({"implicit_gemm", "kernel_map", "gpu submanifold",
                                              "gpu regular"}));
  // The maps' neighbour tables stay on the device: only the strided conv's output sites come back
  // (the submanifold map's are the input's), with a profile too (its FLOP counts come from pairs
  // counted on the device, equal to the CPU's).
  EXPECT_EQ(after.mapBytesDownloaded - before.mapBytesDownloaded,
            gpu.at(0).sparse.numSites * 16);
  std::vector<OpProfile> gpuProfile, cpuProfile;
  s.model->runOutputs("chain", {in}, pool(), &gpuProfile);
  s.model->setBackend(nullptr);
  s.model->runOutputs("chain", {in}, pool(), &cpuProfile);
  s.model->setBackend(s.backend);
  ASSERT_EQ(gpuProfile.size(), cpuProfile.size());
  int gemms = 0;
  for (size_t i = 0; i < gpuProfile.size(); ++i)
    if (gpuProfile[i].kind == "implicit_gemm") {
      EXPECT_GT(gpuProfile[i].flops, 0);
      EXPECT_EQ(gpuProfile[i].flops, cpuProfile[i].flops) << gpuProfile[i].name;
      ++gemms;
    }
  EXPECT_EQ(gemms, 3);
  const GpuBackend::Traffic plainBefore = s.backend->traffic();
  const std::vector<Output> plain = s.model->runOutputs("chain", {in}, pool());
  EXPECT_TRUE(closeOutputs(plain, cpu));
  EXPECT_EQ(s.backend->traffic().mapBytesDownloaded - plainBefore.mapBytesDownloaded,
            plain.at(0).sparse.numSites * 16);
}

TEST_P(GpuConv, FetchOnDemandMatchesCpuAndFloat64) {
  GpuSession s(GetParam(), gpuModel("fetch"));
  if (!s.skipReason.empty())
    GTEST_SKIP() << s.skipReason;
  setRandomParams(*s.model, 13);
  int gemms = 0;
  for (const PlanEntry &e : s.model->plan().entries) {
    gemms += checkEntry(s, e.name, entryInput(e, 0, 1300, {14, 22, 22}));
  }
  EXPECT_EQ(gemms, 27); // every tile of tiles.mlir, each with one of five GPU tiles
  // The per-offset tables are built on the device: a plain run (no observer, no profile) copies
  // no map table back (the entries' maps are submanifold: not even output sites).
  const PlanEntry &e = s.model->plan().entries.front();
  const SparseTensor in = entryInput(e, 0, 1300, {14, 22, 22});
  const GpuBackend::Traffic before = s.backend->traffic();
  const std::vector<Output> plain = s.model->runOutputs(e.name, {in}, pool());
  EXPECT_TRUE(closeOutputs(plain, cpuOutputs(s, e.name, in)));
  EXPECT_EQ(s.backend->traffic().mapBytesDownloaded, before.mapBytesDownloaded);
}

/// Mask sorting (rows sorted on the device) and mask splitting (a launch per offset range over the
/// rows sorted within it, into the bias-filled output, residual and ReLU last) change the order
/// in which rows and ranges are visited, not the order of any output's terms: the same bits as the
/// implicit GEMM in row order, and close to the CPU and float64.
TEST_P(GpuConv, MaskSortedAndSplitGiveTheSameBitsAsRowOrder) {
  GpuSession s(GetParam(), gpuModel("sorted"));
  if (!s.skipReason.empty())
    GTEST_SKIP() << s.skipReason;
  setRandomParams(*s.model, 17);
  int gemms = 0, same = 0;
  std::map<std::string, std::vector<float>> rowOrder; // by base name
  for (const PlanEntry &e : s.model->plan().entries) {
    const std::string base = e.name.substr(0, e.name.size() - 3), kind = e.name.substr(base.size());
    // The row-order form's weights for all three forms of a step (entries come in that order).
    if (kind != "_gi")
      for (const ParamInfo &info : s.model->plan().params)
        if (info.name.rfind(e.name + ".", 0) == 0)
          s.model->setParam(info.name, s.model->paramValues(base + "_gi" +
                                                            info.name.substr(e.name.size())));
    SparseTensor in = ref::randomCloud(std::hash<std::string>()(base), 1400,
                                       e.inputs[0].channels, {14, 22, 22}, 2);
    gemms += checkEntry(s, e.name, in);
    s.model->setBackend(s.backend);
    std::vector<float> y = s.model->run(e.name, {in}, pool()).at(0).feats;
    if (kind == "_gi") {
      rowOrder[base] = y;
      continue;
    }
    ASSERT_TRUE(rowOrder.count(base)) << e.name;
    ASSERT_EQ(y.size(), rowOrder[base].size()) << e.name;
    EXPECT_EQ(0, std::memcmp(y.data(), rowOrder[base].data(), y.size() * 4)) << e.name;
    ++same;
  }
  EXPECT_EQ(gemms, 18);
  EXPECT_EQ(same, 12);
}

/// Graph mode (GpuGraphSegments.h): a frame's compute steps are captured as graphs, and replayed
/// for a next frame whose layers stay in their size buckets (here: the same sites, new features);
/// a frame of other sizes is captured anew. Every result is the eager run's, bit for bit, for the
/// conv chain, every operator model (BN, ReLU, adds and concats between convs deferred; SPS
/// steps, to_dense and fetch-on-demand eager between segments) and the mask-sorted and mask-split
/// GEMMs (their row orders in slots too).
TEST_P(GpuConv, GraphModeReplaysFramesWithTheEagerBits) {
  for (const std::string &artifact : {gpuModel("convs"), gpuModel("ops-unfused"),
                                      gpuModel("sorted")}) {
    const bool oneSegmentEach = artifact == gpuModel("sorted");
    GpuSession s(GetParam(), artifact);
    if (!s.skipReason.empty())
      GTEST_SKIP() << s.skipReason;
    setRandomParams(*s.model, 29);
    s.model->setBackend(s.backend);
    for (const PlanEntry &e : s.model->plan().entries) {
      SCOPED_TRACE(e.name);
      const SparseTensor a = entryInput(e, 0, 1400), b = entryInput(e, 1, 2900);
      SparseTensor a2 = a; // the same sites, other features: the same sizes
      for (float &v : a2.feats)
        v = 0.5f - 0.75f * v;
      const std::vector<SparseTensor> frames = {a, a2, b, a};
      std::vector<std::vector<Output>> eager;
      s.backend->setGraphMode(false);
      for (const SparseTensor &f : frames)
        eager.push_back(s.model->runOutputs(e.name, {f}, pool()));
      s.backend->setGraphMode(true);
      for (size_t i = 0; i < frames.size(); ++i) {
        const GraphSegments::Stats before = s.backend->graphStats();
        EXPECT_TRUE(closeOutputs(s.model->runOutputs(e.name, {frames[i]}, pool()), eager[i], 0.0))
            << "frame " << i;
        const GraphSegments::Stats after = s.backend->graphStats();
        if (e.name == "chain" || oneSegmentEach) {
          // The chain's three convs (a sorted or split step's launches) are one segment: captured
          // for a, replayed for a2 (no new capture), captured again for b and for a after it.
          EXPECT_EQ(after.captures - before.captures, i == 1 ? 0 : 1) << "frame " << i;
          EXPECT_EQ(after.replays - before.replays, i == 1 ? 1 : 0) << "frame " << i;
        }
      }
      s.backend->setGraphMode(false);
    }
  }
}

/// Whole-frame graphs (runtime/FrameGraph.h): the first frame is walked and captured, kernel maps
/// included, with capacities from its counts; a frame that fits is replayed (one graph launch, no
/// host round trip between steps); one that outgrows a capacity is walked again and captured at
/// larger capacities. Every result is the walked frame's, bit for bit: the conv chain, every
/// operator model (inverse convs' transposed maps, transposed convs' output sites and SPS-Conv's
/// masks and masked maps built in the graph too) and the mask-sorted and mask-split GEMMs. A frame with a duplicate site, which only
/// the device hash sees in a replay, gets the walk's exact error; so does the empty cloud's
/// frame, which replays.
TEST_P(GpuConv, FrameGraphsReplayFramesWithTheEagerBits) {
  for (const std::string &artifact : {gpuModel("convs"), gpuModel("ops-unfused"),
                                      gpuModel("sorted")}) {
    GpuSession s(GetParam(), artifact);
    if (!s.skipReason.empty())
      GTEST_SKIP() << s.skipReason;
    setRandomParams(*s.model, 37);
    s.showUnfilledMemory();
    s.model->setBackend(s.backend);
    int replayedEntries = 0;
    std::set<std::string> eagerEntries;
    for (const PlanEntry &e : s.model->plan().entries) {
      SCOPED_TRACE(artifact + ": " + e.name);
      // SPS-Conv's masks depend on the features: its site sets' counts change with them, so a
      // frame with other features may outgrow a capacity that its sites alone would fit.
      const bool featureSized = std::any_of(e.ops.begin(), e.ops.end(), [](const PlanOp &op) {
        return op.kind == PlanOp::Kind::PruneMask;
      });
      const SparseTensor a = entryInput(e, 0, 1400), b = entryInput(e, 1, 2900),
                         c = entryInput(e, 2, 700);
      SparseTensor a2 = a; // the same sites, other features
      for (float &v : a2.feats)
        v = 0.5f - 0.75f * v;
      SparseTensor empty = a;
      empty.numSites = 0;
      empty.coords.clear();
      empty.feats.clear();
      const std::vector<SparseTensor> frames = {a, a2, b, a, c, empty};
      std::vector<std::vector<Output>> eager;
      for (const SparseTensor &f : frames)
        eager.push_back(s.model->runOutputs(e.name, {f}, pool()));
      s.backend->setFrameGraphs(true);
      const Model::FrameStats before = s.model->frameStats();
      for (size_t i = 0; i < frames.size(); ++i) {
        EXPECT_TRUE(closeOutputs(s.model->runOutputs(e.name, {frames[i]}, pool()), eager[i], 0.0))
            << "frame " << i;
      }
      const Model::FrameStats after = s.model->frameStats();
      if (after.captures > before.captures) {
        ++replayedEntries;
        // a: walked, captured; a2: replayed; b: outgrew, walked, captured again (the BEV
        // entries' clouds all have 200 sites: replayed); a, c and the empty frame: replayed.
        const int64_t grew = b.numSites > frameCapacity(a.numSites);
        const int64_t walked = after.eagerFrames - before.eagerFrames;
        EXPECT_EQ(after.captures - before.captures, walked);
        EXPECT_EQ(after.replays - before.replays, int64_t(frames.size()) - walked);
        if (featureSized) // a, b and any frame that outgrew; the last three fit b's capacities
          EXPECT_GE(after.replays - before.replays, 3);
        else
          EXPECT_EQ(walked, 1 + grew);
        // A duplicate site: no input check on the host finds it, the device hash does.
        SparseTensor dup = a;
        std::copy(dup.coord(0), dup.coord(0) + 4, &dup.coords[4]);
        const std::string message = errorOf([&] { s.model->runOutputs(e.name, {dup}, pool()); });
        s.backend->setFrameGraphs(false);
        EXPECT_EQ(message, errorOf([&] { s.model->runOutputs(e.name, {dup}, pool()); }));
        // (An entry without a kernel map, bev_c3, hashes its input's sites on the host.)
        EXPECT_NE(message.find("duplicate site"), std::string::npos) << message;
        // Inputs the host checks reject: the same words with a captured frame as without.
        SparseTensor outside = a, nan = a;
        outside.coords[1] = int32_t(outside.spatialShape[0]);
        nan.feats[0] = std::nanf("");
        for (const SparseTensor *bad : {&outside, &nan}) {
          s.backend->setFrameGraphs(true);
          const std::string framed = errorOf([&] { s.model->runOutputs(e.name, {*bad}, pool()); });
          s.backend->setFrameGraphs(false);
          EXPECT_FALSE(framed.empty());
          EXPECT_EQ(framed, errorOf([&] { s.model->runOutputs(e.name, {*bad}, pool()); }));
        }
      } else {
        EXPECT_EQ(after.eagerFrames - before.eagerFrames, int64_t(frames.size()));
        EXPECT_FALSE(after.notCapturable.empty());
        eagerEntries.insert(e.name);
      }
      s.backend->setFrameGraphs(false);
    }
    // ops-unfused: every entry is captured: inverse convs (transposed maps), transposed convs,
    // SW-LK in both forms, SPS-Conv (masks, masked maps, merges), the residual block, concat and
    // to_dense.
    if (artifact == gpuModel("ops-unfused")) {
      EXPECT_EQ(eagerEntries, std::set<std::string>{});
      EXPECT_GE(replayedEntries, 22);
    } else {
      EXPECT_GE(replayedEntries, 2);
    }
  }
}

/// Graph mode keeps every tensor in a slot with a fixed address, but a slot whose tensor died is
/// given to a later one (memory follows the live set): the unfused residual block's eight tensors
/// fit in three slots, and a second run of the same frame needs no new one.
TEST_P(GpuConv, GraphModeReusesSlotsOfDeadTensors) {
  GpuSession s(GetParam(), gpuModel("ops-unfused"));
  if (!s.skipReason.empty())
    GTEST_SKIP() << s.skipReason;
  setRandomParams(*s.model, 31);
  s.model->setBackend(s.backend);
  const PlanEntry &e = s.model->plan().entry("res_block_c16");
  int tensors = 1; // the uploaded input
  for (const PlanOp &op : e.ops)
    tensors += op.kind != PlanOp::Kind::KernelMap && op.kind != PlanOp::Kind::TransposeMap;
  const SparseTensor in = entryInput(e, 0, 1500);
  const std::vector<Output> eager = s.model->runOutputs(e.name, {in}, pool());
  s.backend->setGraphMode(true);
  EXPECT_TRUE(closeOutputs(s.model->runOutputs(e.name, {in}, pool()), eager, 0.0));
  const size_t slots = s.backend->graphTensorSlots();
  EXPECT_GE(tensors, 8);
  EXPECT_LE(int(slots), 3);
  EXPECT_TRUE(closeOutputs(s.model->runOutputs(e.name, {in}, pool()), eager, 0.0));
  EXPECT_EQ(s.backend->graphTensorSlots(), slots);
  EXPECT_EQ(s.backend->graphStats().replays, 1);
  s.backend->setGraphMode(false);
}

TEST_P(GpuConv, SameBitsEveryRun) {
  GpuSession s(GetParam(), gpuModel("convs"));
  if (!s.skipReason.empty())
    GTEST_SKIP() << s.skipReason;
  setRandomParams(*s.model, 7);
  s.model->setBackend(s.backend);
  SparseTensor in = ref::randomCloud(11, 3000, 4, {20, 32, 32}, 1);
  std::vector<SparseTensor> first = s.model->run("chain", {in}, pool());
  if (s.fake)
    s.fake->set("seed", 12345); // another block and thread order
  std::vector<SparseTensor> second = s.model->run("chain", {in}, pool());
  ASSERT_EQ(first[0].feats.size(), second[0].feats.size());
  EXPECT_EQ(0, std::memcmp(first[0].feats.data(), second[0].feats.data(),
                           first[0].feats.size() * sizeof(float)));
  EXPECT_EQ(first[0].coords, second[0].coords);
}

/// A voxelized real frame of ../shared/data in `frame`; or why the test is skipped (no data, no
/// GPU session).
std::string realFrame(const GpuSession &s, const char *file, PointFormat format,
                      const VoxelConfig &config, SparseTensor &frame) {
  const std::string path = sconv::test::dataFile(file);
  if (!std::filesystem::exists(path))
    return "real data not found at " + path + " (../shared/data is absent)";
  if (!s.skipReason.empty())
    return s.skipReason;
  frame = voxelize(readPointCloud(path, format), config, nullptr);
  return "";
}

/// The voxelized KITTI frame the real-data tests use.
std::string realKittiFrame(const GpuSession &s, SparseTensor &frame) {
  return realFrame(s, "kitti_000008_front.bin", PointFormat::Kitti, kittiConfig(), frame);
}

/// The sites of `in` for which keep(b, z, y, x) holds, in order.
template <typename Keep> SparseTensor cropSites(const SparseTensor &in, Keep keep) {
  SparseTensor crop = in;
  crop.coords.clear();
  crop.feats.clear();
  crop.numSites = 0;
  for (int64_t i = 0; i < in.numSites; ++i)
    if (const int32_t *c = in.coord(i); keep(c[0], c[1], c[2], c[3])) {
      crop.coords.insert(crop.coords.end(), c, c + 4);
      crop.feats.insert(crop.feats.end(), in.feat(i), in.feat(i) + in.channels);
      ++crop.numSites;
    }
  return crop;
}

/// The sites of a voxelized KITTI frame with x < xMax and 650 < y < 950 (voxels), in order.
SparseTensor cropFrame(const SparseTensor &in, int xMax) {
  return cropSites(in, [&](int, int, int y, int x) { return x < xMax && y > 650 && y < 950; });
}

/// `frames` of `entry` run eagerly (frame graphs off): what the replays must reproduce bit for bit.
std::vector<std::vector<Output>> walkedFrames(GpuSession &s, const std::string &entry,
                                              const std::vector<SparseTensor> &frames) {
  std::vector<std::vector<Output>> walked;
  for (const SparseTensor &f : frames)
    walked.push_back(s.model->runOutputs(entry, {f}, pool()));
  return walked;
}

/// The frame counts after frames 0, 1, 2, 0 of a real-data frame-graph test, where frame 1 fits
/// frame 0's capacities and frame 2 outgrows them: 0 walked and captured, 1 replayed, 2 walked
/// and captured again, 0 replayed; no step refused.
void expectTwoCapturesTwoReplays(const Model::FrameStats &f) {
  EXPECT_EQ(f.notCapturable, "");
  EXPECT_EQ(f.captures, 2);
  EXPECT_EQ(f.replays, 2);
  EXPECT_EQ(f.eagerFrames, 2);
}

/// CenterPoint as whole-frame graphs on real data: three crops of a KITTI frame (the whole frame
/// and two crops on a real GPU) of different sizes, each frame's BEV map the walked frame's bit
/// for bit, replayed where the sites fit (both strided stages' output sites counted on the
/// device), and with dense outputs kept on the device (Output::kept, a copy the caller owns: a
/// later replay does not change it).
TEST_P(GpuConv, FrameGraphsRunCenterPointOnRealFrames) {
  SparseTensor full;
  GpuSession s(GetParam(), gpuModel("centerpoint"));
  if (const std::string skip = realKittiFrame(s, full); !skip.empty())
    GTEST_SKIP() << skip;
  setRandomParams(*s.model, 3);
  s.showUnfilledMemory();
  const bool emulated = GetParam() == "emulated";
  // Captured on the first, replayed on the second (fewer sites), walked and captured again on the
  // third (more), replayed on the first again.
  const std::vector<SparseTensor> frames = {
      emulated ? cropFrame(full, 250) : cropFrame(full, 900),
      emulated ? cropFrame(full, 200) : cropFrame(full, 700),
      emulated ? cropFrame(full, 400) : full};
  ASSERT_GT(frames[2].numSites, frameCapacity(frames[0].numSites));
  s.model->setBackend(s.backend);
  const std::string entry = "centerpoint_kitti";
  const std::vector<std::vector<Output>> walked = walkedFrames(s, entry, frames);
  s.backend->setFrameGraphs(true);
  s.backend->setKeepDenseOutputs(true);
  std::vector<Output> keptFirst;
  for (size_t i : {0, 1, 2, 0}) {
    std::vector<Output> out = s.model->runOutputs(entry, {frames[i]}, pool());
    ASSERT_EQ(out.size(), 1u);
    ASSERT_TRUE(out[0].kept) << "frame " << i;
    if (keptFirst.empty())
      keptFirst = out; // fetched after the later replays
    else
      out[0].fetchValues();
    EXPECT_TRUE(closeOutputs(out, walked[i], 0.0)) << "frame " << i;
  }
  keptFirst[0].fetchValues();
  EXPECT_TRUE(closeOutputs(keptFirst, walked[0], 0.0));
  expectTwoCapturesTwoReplays(s.model->frameStats());
  // Captured with the maps on the main stream too (the benchmark's one-stream baseline): the
  // same bits.
  s.backend->setKeepDenseOutputs(false);
  s.backend->setFrameMapStream(false);
  s.model->setBackend(s.backend); // drops the captured frames
  for (size_t i : {0, 1})
    EXPECT_TRUE(closeOutputs(s.model->runOutputs(entry, {frames[i]}, pool()), walked[i], 0.0))
        << "one stream, frame " << i;
  EXPECT_EQ(s.model->frameStats().replays, 3);
  s.backend->setFrameMapStream(true);
  s.backend->setFrameGraphs(false);
}

/// The voxelized nuScenes sweep of ../shared/data in `frame`; or why the test is skipped.
std::string realNuScenesFrame(const GpuSession &s, SparseTensor &frame) {
  return realFrame(s, "nuscenes_lidar_top_sweep.bin", PointFormat::NuScenes, nuscenesConfig(),
                   frame);
}

/// The sites of `in` with lo <= y, x < hi (voxels), in order: a square around the sensor.
SparseTensor cropSquare(const SparseTensor &in, int lo, int hi) {
  return cropSites(in, [&](int, int, int y, int x) {
    return y >= lo && y < hi && x >= lo && x < hi;
  });
}

/// SPS-Conv's CenterPoint (SPSS residual blocks, SPRS downsampling, top-k masks at ratio 0.5) on
/// a real nuScenes sweep. Eagerly, every step on the GPU equals the CPU's (importance, masks,
/// masked maps, scaled and merged rows; GEMMs against float64). As whole-frame graphs (masks,
/// masked maps and their site counts on the device), over crops of three sizes: every BEV map is
/// the walked frame's bit for bit, the smaller crop replayed, the larger one walked and captured
/// again. (The whole sweep on a real GPU; small squares around the sensor on the emulator.)
TEST_P(GpuConv, SpsCenterPointOnRealFrames) {
  SparseTensor full;
  GpuSession s(GetParam(), gpuModel("sps-centerpoint"));
  if (const std::string skip = realNuScenesFrame(s, full); !skip.empty())
    GTEST_SKIP() << skip;
  setRandomParams(*s.model, 5);
  s.showUnfilledMemory();
  const bool emulated = GetParam() == "emulated";
  const std::string entry = "sps_centerpoint_nuscenes";
  const SparseTensor checked = emulated ? cropSquare(full, 660, 780) : full;
  ASSERT_GT(checked.numSites, 2000);
  EXPECT_GE(checkEntry(s, entry, checked), 20);
  // Captured on the first, replayed on the second (fewer sites), walked and captured again on the
  // third (more), replayed on the first again.
  const std::vector<SparseTensor> frames = {
      emulated ? cropSquare(full, 680, 760) : cropSquare(full, 420, 1020),
      emulated ? cropSquare(full, 684, 756) : cropSquare(full, 470, 970),
      emulated ? checked : full};
  ASSERT_GT(frames[2].numSites, frameCapacity(frames[0].numSites));
  ASSERT_LT(frames[1].numSites, frames[0].numSites);
  s.model->setBackend(s.backend);
  const std::vector<std::vector<Output>> walked = walkedFrames(s, entry, frames);
  s.backend->setFrameGraphs(true);
  for (size_t i : {0, 1, 2, 0})
    EXPECT_TRUE(closeOutputs(s.model->runOutputs(entry, {frames[i]}, pool()), walked[i], 0.0))
        << "frame " << i;
  expectTwoCapturesTwoReplays(s.model->frameStats());
  s.backend->setFrameGraphs(false);
}

TEST_P(GpuConv, CenterPointOnARealKittiFrame) {
  SparseTensor in;
  GpuSession s(GetParam(), gpuModel("centerpoint"));
  if (const std::string skip = realKittiFrame(s, in); !skip.empty())
    GTEST_SKIP() << skip;
  setRandomParams(*s.model, 1);
  if (GetParam() == "emulated")
    // The emulator runs one GPU thread at a time: a 12 m crop keeps the frame's real structure
    // at a fraction of the cost (the full frame runs on a real GPU).
    in = cropFrame(in, 300);
  ASSERT_GT(in.numSites, 500);
  EXPECT_GE(checkEntry(s, "centerpoint_kitti", in), 12);
  // Graph mode on the whole backbone, where a GPU runs it fast (the emulator checks graph mode on
  // the smaller models): one segment, captured on the first run and replayed on the second, with
  // the eager bits.
  if (GetParam() == "gpu") {
    s.model->setBackend(s.backend);
    const std::vector<Output> eager = s.model->runOutputs("centerpoint_kitti", {in}, pool());
    s.backend->setGraphMode(true);
    for (int run = 0; run < 2; ++run)
      EXPECT_TRUE(closeOutputs(s.model->runOutputs("centerpoint_kitti", {in}, pool()), eager, 0.0))
          << "graph-mode run " << run;
    EXPECT_EQ(s.backend->graphStats().captures, 1);
    EXPECT_EQ(s.backend->graphStats().replays, 1);
    s.backend->setGraphMode(false);
  }
}

/// The tensor-core kernels (sconvc --gpu-precision=f16 / bf16) on every conv configuration: each
/// step's output equals float64 on its operands rounded to the precision, within f32 accumulation
/// error (1e-5 of the magnitude summed; unrounded inputs miss it: mutation-checked), the kernel maps
/// equal the CPU's, and a second run under another block and thread order gives the same bits.
/// The software-pipelined kernels (--gpu-stages 3 at f16, 2 at bf16) pass the same checks and
/// give exactly the bits of the unpipelined kernel of their precision (same steps, same mma order).
TEST_P(GpuConv, TensorCoreStepsMatchFloat64OnRoundedOperands) {
  struct Variant {
    std::string precision;
    std::string artifact;
    int64_t stages;
    bool wgmma = false;
  };
  // (precision, instruction, entry, step result) -> the output of the variant's first (fewest
  // stages) kernel
  std::map<std::tuple<std::string, bool, std::string, int>, std::vector<float>> firstBits;
  for (const auto &[precision, artifact, stages, wgmma] :
       {Variant{"f16", gpuModel("convs-f16"), 1},
        Variant{"bf16", gpuModel("convs-bf16"), 1},
        Variant{"f16", gpuModel("convs-f16-s3"), 3},
        Variant{"bf16", gpuModel("convs-bf16-s2"), 2},
        Variant{"f16", gpuModel("convs-f16-wgmma-s2"), 2, true},
        Variant{"f16", gpuModel("convs-f16-wgmma-s3"), 3, true},
        Variant{"bf16", gpuModel("convs-bf16-wgmma-s2"), 2, true}}) {
    SCOPED_TRACE(precision + (wgmma ? " wgmma" : " mma.sync") + " with " +
                 std::to_string(stages) + " stage(s)");
    if (std::string chip = GetParam() == "gpu" ? gpuZeroChip() : "";
        wgmma && !chip.empty() && chip != "sm_90") {
      std::cout << "wgmma kernels are sm_90a code; GPU 0 is " << chip << ": variant skipped\n";
      continue;
    }
    GpuSession s(GetParam(), artifact);
    if (!s.skipReason.empty())
      GTEST_SKIP() << s.skipReason;
    setRandomParams(*s.model, 13);
    SparseTensor full, realCrop;
    if (realKittiFrame(s, full).empty()) {
      realCrop = cropFrame(full, 150);
      EXPECT_GT(realCrop.numSites, 500); // several wgmma blocks of real neighbourhoods
    }
    int gemms = 0;
    for (const PlanEntry &e : s.model->plan().entries) {
      // Random sites, and for the chain (4 input channels, as a voxelized frame has) a crop of
      // the real KITTI frame too.
      std::vector<std::pair<std::string, SparseTensor>> inputs = {{e.name, entryInput(e, 1, 400)}};
      if (e.name == "chain" && !realCrop.coords.empty())
        inputs.push_back({e.name + " on KITTI", realCrop});
      for (const auto &[label, in] : inputs) {
        SCOPED_TRACE(label);
        Model &m = *s.model;
        const auto [cpu, gpu] = cpuAndGpuRuns(s, e.name, in);
        for (const PlanOp &op : e.ops) {
          SCOPED_TRACE(e.name + ": " + op.name);
          if (auto it = gpu.maps.find(op.result); it != gpu.maps.end())
            EXPECT_TRUE(sameMap(it->second, cpu.maps.at(op.result)));
          if (op.kind != PlanOp::Kind::ImplicitGemm)
            continue;
          EXPECT_EQ(op.gpuPrecision, precision);
          const std::string suffix = "_s" + std::to_string(stages);
          EXPECT_EQ(op.gpuKernel.size() > suffix.size() &&
                        op.gpuKernel.compare(op.gpuKernel.size() - suffix.size(), suffix.size(),
                                             suffix) == 0,
                    stages != 1)
              << op.gpuKernel << " is not the kernel of " << stages << " stage(s)";
          EXPECT_EQ(op.gpuKernel.find("_wgmma_") != std::string::npos, wgmma) << op.gpuKernel;
          std::vector<double> mag;
          const ref::RefTensor want = float64Gemm(m, op, gpu, precision, &mag);
          const SparseTensor &got = gpu.tensors.at(op.result);
          ASSERT_EQ(got.feats.size(), want.feats.size());
          ASSERT_EQ(got.coords, want.coords);
          size_t bad = 0, first = 0;
          for (size_t i = 0; i < want.feats.size(); ++i)
            if (!(std::fabs(got.feats[i] - want.feats[i]) <= 1e-5 * mag[i] + 1e-6) && !bad++)
              first = i;
          EXPECT_EQ(bad, 0u) << "first at " << first << ": GPU " << got.feats[first]
                             << ", float64 " << want.feats[first];
          // Pipelining changes when operands are loaded, never what is summed in which order: the
          // same bits as the same instruction's kernel with fewer stages. (mma.sync and wgmma may
          // sum a step's products in different orders: each is only held to float64.)
          const auto key = std::make_tuple(precision, wgmma, label, op.result);
          if (auto [it, fresh] = firstBits.try_emplace(key, got.feats); !fresh)
            EXPECT_EQ(0, std::memcmp(got.feats.data(), it->second.data(),
                                     got.feats.size() * sizeof(float)))
                << "the pipelined kernel's bits differ from the one with fewer stages";
          ++gemms;
        }
        if (e.name == "chain") { // the same bits under another block and thread order
          std::vector<SparseTensor> a = m.run(e.name, {in}, pool());
          if (s.fake)
            s.fake->set("seed", 4242);
          std::vector<SparseTensor> b = m.run(e.name, {in}, pool());
          EXPECT_EQ(0, std::memcmp(a[0].feats.data(), b[0].feats.data(),
                                   a[0].feats.size() * sizeof(float)));
        }
      }
    }
    EXPECT_GE(gemms, 19);
  }
}

std::string driverName(const ::testing::TestParamInfo<std::string> &info) { return info.param; }
INSTANTIATE_TEST_SUITE_P(Drivers, GpuConv, ::testing::Values("emulated", "gpu"), driverName);

/// The parameters of every generated entry in the embedded PTX are the ones KernelLaunch.h packs
/// (the emulated runs cannot catch a mismatch: the twins are called through the same unpacking).
TEST(GpuConvAbi, EveryGeneratedEntryTakesTheLaunchersParameters) {
  if (const std::string why = missingModels(); !why.empty())
    GTEST_SKIP() << why;
  for (const std::string &artifact :
       {gpuModel("convs"), gpuModel("ops"), gpuModel("ops-plain-lk"), gpuModel("convs-f16"),
        gpuModel("convs-bf16"), gpuModel("convs-f16-s3"), gpuModel("convs-bf16-s2"),
        gpuModel("convs-f16-wgmma-s2")}) {
    SCOPED_TRACE(artifact);
    std::unique_ptr<Model> m = Model::load(artifact);
    std::map<std::string, size_t> expected; // entry -> parameter count
    for (const PlanEntry &e : m->plan().entries)
      for (const PlanOp &op : e.ops)
        if (!op.gpuKernel.empty())
          expected[op.gpuKernel] = op.kind == PlanOp::Kind::ImplicitGemm
                                       ? GemmKernelArgs::kNumParams
                                       : PartitionSumKernelArgs::kNumParams;
    // PTX and cubin for sm_80 and sm_90 (the wgmma model: for sm_90a alone)
    const bool wgmma = artifact.find("wgmma") != std::string::npos;
    ASSERT_EQ(m->plan().gpuImages.size(), wgmma ? 2u : 4u);
    if (wgmma)
      for (const GpuImage &img : m->plan().gpuImages)
        EXPECT_EQ(img.chip, "sm_90a");
    for (const GpuImage &img : m->plan().gpuImages) {
      const std::string &ptx = m->artifact().sections.at(img.section);
      if (img.section.rfind("cubin.", 0) == 0) {
        EXPECT_EQ(ptx.compare(0, 4, "\x7f" "ELF"), 0) << img.section << " is not an ELF cubin";
        continue;
      }
      EXPECT_NE(ptx.find(".target " + img.chip), std::string::npos);
      EXPECT_NE(ptx.find(".version 8.0"), std::string::npos);
      std::set<std::string> entries;
      const std::regex entryRe(R"(\.entry (\w+)\(([^)]*)\))");
      for (auto it = std::sregex_iterator(ptx.begin(), ptx.end(), entryRe);
           it != std::sregex_iterator(); ++it) {
        const std::string name = (*it)[1], params = (*it)[2];
        size_t count = 0, u64 = 0;
        for (size_t at = params.find(".param"); at != std::string::npos;
             at = params.find(".param", at + 1))
          ++count;
        for (size_t at = params.find(".param .u64"); at != std::string::npos;
             at = params.find(".param .u64", at + 1))
          ++u64;
        ASSERT_TRUE(expected.count(name)) << name << " is not launched by the plan";
        EXPECT_EQ(count, expected[name]) << name;
        EXPECT_EQ(u64, count) << name << ": every parameter is 8 bytes";
        EXPECT_NE(ptx.find(".reqntid", it->position()), std::string::npos);
        entries.insert(name);
      }
      EXPECT_EQ(entries.size(), expected.size()) << "a kernel of the plan is missing for "
                                                 << img.chip;
    }
  }
}

TEST(GpuConvErrors, AModelWithoutGpuCodeSaysHowToGetIt) {
  if (const std::string why = missingModels(); !why.empty())
    GTEST_SKIP() << why;
  FakeCuda fake;
  GpuContext ctx(CudaDriver::load(SCONV_FAKE_CUDA), 0);
  std::unique_ptr<Model> cpuOnly = Model::load(gpuModel("cpu-only"));
  EXPECT_NE(errorOf([&] { GpuBackend b(ctx, *cpuOnly); }).find("has no GPU code: compile it with a GPU target"),
            std::string::npos);
}

TEST(GpuConvErrors, AGpuOlderThanTheModelsCodeIsNamed) {
  if (const std::string why = missingModels(); !why.empty())
    GTEST_SKIP() << why;
  FakeCuda fake;
  fake.set("sm_major", 7);
  fake.set("sm_minor", 5);
  GpuContext ctx(CudaDriver::load(SCONV_FAKE_CUDA), 0);
  std::unique_ptr<Model> m = Model::load(gpuModel("convs"));
  const std::string why = errorOf([&] { GpuBackend b(ctx, *m); });
  EXPECT_NE(why.find("sm_75"), std::string::npos) << why;
  EXPECT_NE(why.find("sm_80"), std::string::npos) << why;
}

TEST(GpuConvErrors, OutOfDeviceMemoryNamesTheSize) {
  GpuSession s("emulated", gpuModel("convs"));
  if (!s.skipReason.empty())
    GTEST_SKIP() << s.skipReason;
  s.fake->set("total_memory", 1 << 20); // read at each allocation
  setRandomParams(*s.model, 1);
  s.model->setBackend(s.backend);
  SparseTensor in = ref::randomCloud(3, 20000, 64, {40, 64, 64}, 1);
  const std::string why = errorOf([&] { s.model->run("subm_k3_c64x64", {in}, pool()); });
  EXPECT_NE(why.find("GPU out of memory: asked for"), std::string::npos) << why;
}

/// Four frames of one cloud through `subm_k3_c64x64` with frame graphs, on an emulated device of
/// `deviceBytes`: each result checked against the walked first run; the frame counts returned.
Model::FrameStats framesOnADeviceOf(long long deviceBytes) {
  GpuSession s("emulated", gpuModel("convs"));
  s.fake->set("total_memory", deviceBytes);
  setRandomParams(*s.model, 1);
  s.model->setBackend(s.backend);
  const std::string entry = "subm_k3_c64x64";
  const SparseTensor in = ref::randomCloud(3, 3000, 64, {40, 64, 64}, 1);
  const std::vector<Output> walked = s.model->runOutputs(entry, {in}, pool());
  s.backend->setFrameGraphs(true);
  for (int frame = 0; frame < 4; ++frame)
    EXPECT_TRUE(closeOutputs(s.model->runOutputs(entry, {in}, pool()), walked, 0.0)) << frame;
  return s.model->frameStats();
}

TEST(GpuConvErrors, OutOfMemoryInAFrameCaptureLeavesTheFramesWalked) {
  // A device with room for a walked frame but not for a captured one beside it (a captured frame
  // has its own pool): the capture fails with the pool's out-of-memory words (kept in the frame
  // stats) and the frames are walked instead, with the same results.
  if (const std::string why = missingModels(); !why.empty())
    GTEST_SKIP() << why;
  // Measured on the emulator: the walked frames need about 2.5 MB of this device, a capture beside
  // them about 5.5 MB in all.
  const Model::FrameStats small = framesOnADeviceOf(3900000);
  EXPECT_EQ(small.captures, 0);
  EXPECT_EQ(small.replays, 0);
  EXPECT_EQ(small.eagerFrames, 4);
  EXPECT_NE(small.notCapturable.find("GPU out of memory: asked for"), std::string::npos)
      << small.notCapturable;
  // With room for both the same frames are captured once and replayed: the room was the cause.
  const Model::FrameStats roomy = framesOnADeviceOf(1ll << 30);
  EXPECT_EQ(roomy.captures, 1);
  EXPECT_EQ(roomy.replays, 3);
  EXPECT_EQ(roomy.notCapturable, "");
}

// sconv-tune's GPU searches compile their candidates with sconvc: full build only.
#ifdef SCONV_SCONVC

/// Options of the GPU searches on the emulated driver: candidates compiled with their host twins,
/// which are registered with `fake` (and kept in `twins`) before the search loads them.
tune::GpuTuneOptions emulatedTuneOptions(const std::string &workDir, const std::string &precision,
                                         FakeCuda &fake,
                                         std::vector<std::unique_ptr<CpuKernelLibrary>> &twins) {
  tune::GpuTuneOptions o;
  o.sconvc = SCONV_SCONVC;
  o.workDir = workDir;
  o.repeat = 1;
  o.warmup = 0;
  o.precision = precision;
  o.extraSconvcArgs = {"--gpu-emulation"};
  o.onCandidates = [&fake, &twins](const Artifact &art) {
    Plan plan = Plan::parse(art.manifest);
    twins.push_back(std::make_unique<CpuKernelLibrary>(art.sections.at(plan.gpuEmulationSection)));
    registerTwins(fake, *twins.back(), plan);
  };
  return o;
}

/// One conv class (K = 27, C_in 16, C_out `cout`) with one instance on `sites` random sites.
std::pair<tune::Groups, TuningSignature> oneConvClass(int64_t sites, int64_t cout) {
  tune::Instance in;
  in.input = std::make_shared<SparseTensor>(ref::randomCloud(5, sites, 16, {12, 20, 20}, 1));
  ConvGeometry g;
  in.map = std::make_shared<KernelMap>(buildKernelMap(*in.input, g, pool()));
  in.volume = 27, in.cin = 16, in.cout = cout;
  tune::Groups groups(tune::bySignatureText);
  const TuningSignature sig = tune::signatureOf(in, "submanifold");
  groups[sig].push_back(in);
  return {std::move(groups), sig};
}

/// Runs the GPU tile search on the emulated driver for one conv class (K = 27, C_in 16, C_out
/// `cout`, `sites` random sites) at `precision`; returns the database and the class's signature.
std::pair<TuningDatabase, TuningSignature> emulatedGpuSearch(FakeCuda &fake, int64_t sites,
                                                            int64_t cout,
                                                            const std::string &precision,
                                                            const std::string &chip = "") {
  GpuContext ctx(CudaDriver::load(SCONV_FAKE_CUDA), 0);
  auto [groups, sig] = oneConvClass(sites, cout);
  llvm::SmallString<128> dir;
  EXPECT_FALSE(llvm::sys::fs::createUniqueDirectory("gpu-tune-test", dir));
  std::vector<std::unique_ptr<CpuKernelLibrary>> twins;
  tune::GpuTuneOptions o = emulatedTuneOptions(dir.str().str(), precision, fake, twins);
  o.chip = chip;
  TuningDatabase db;
  tune::tuneGpu(ctx, groups, o, db);
  llvm::sys::fs::remove_directories(dir);
  return {std::move(db), sig};
}

/// The GPU tile search of sconv-tune --device gpu, on the emulated driver: every candidate is
/// compiled, loaded, launched through the real launch path, checked against float64 and timed with
/// device events, and the best lands in the database under the GPU's device key.
TEST(GpuTune, TheSearchChecksTimesAndRecordsGpuTiles) {
  FakeCuda fake;
  const long long launchesBefore = fake.get("launches");
  auto [db, sig] = emulatedGpuSearch(fake, 900, 32, "f32");
  const std::vector<GpuTile> tiles = candidateGpuTiles(32, 27);
  // Every dataflow is searched (each candidate is checked against float64 before it is timed: a
  // wrong one throws).
  for (const char *d : {"implicit_gemm", "fetch_on_demand", "implicit_gemm_sorted",
                        "implicit_gemm_split"})
    EXPECT_GT(std::count_if(tiles.begin(), tiles.end(),
                            [&](const GpuTile &t) { return t.dataflow == d; }),
              0)
        << d;
  EXPECT_GE(fake.get("launches") - launchesBefore, (long long)(tiles.size() * 2));
  ASSERT_EQ(db.numDevices(), 1u);
  auto tile = db.lookupGpu("sm_90", sig);
  ASSERT_TRUE(tile.has_value());
  EXPECT_EQ(checkGpuTile(*tile, 27), "");
}

/// At f16 the search runs the tensor-core warp tiles (checked against float64 on rounded operands)
/// and records the winner under the f16 class only.
/// Searched for sm_90a (on the fake sm_90 GPU), the tensor-core candidates include wgmma tiles,
/// each checked against float64 and timed like the others; the result is recorded for sm_90a.
TEST(GpuTune, TensorCoreSearchRecordsWarpTilesAtItsPrecision) {
  FakeCuda fake(SCONV_FAKE_CUDA, /*exportWarpOps=*/true);
  const long long launchesBefore = fake.get("launches");
  auto [db, sig] = emulatedGpuSearch(fake, 300, 16, "f16", "sm_90a");
  const std::vector<GpuTile> tiles = candidateGpuTiles(16, 27, "f16", /*wgmma=*/true);
  EXPECT_GT(std::count_if(tiles.begin(), tiles.end(), [](const GpuTile &t) { return t.wgmma(); }),
            0);
  EXPECT_GE(fake.get("launches") - launchesBefore, (long long)(tiles.size() * 2));
  TuningSignature f16 = sig;
  f16.precision = "f16";
  auto tile = db.lookupGpu("sm_90a", f16);
  ASSERT_TRUE(tile.has_value());
  EXPECT_TRUE(tile->tensorCores());
  EXPECT_EQ(checkGpuTile(*tile, 27), "");
  EXPECT_FALSE(db.lookupGpu("sm_90", f16).has_value()); // measured for sm_90a
  EXPECT_FALSE(db.lookupGpu("sm_90a", sig).has_value()); // not an f32 measurement
  // A target GPU 0 cannot run is refused before anything is compiled.
  EXPECT_NE(errorOf([&] { emulatedGpuSearch(fake, 300, 16, "f16", "sm_100a"); })
                .find("GPU candidates for sm_100a cannot run on GPU 0 (sm_90): tune for sm_90 "
                      "or sm_90a"),
            std::string::npos);
}

/// The SW-LK form search of sconv-tune --device gpu on the emulated driver: both forms compiled
/// (with the database's tiles) and run through the GPU backend on the class's own inputs, checked
/// against each other, and the form recorded under the GPU's key at the search's precision by the
/// rule "plain only when faster by --min-gain" (emulated timings mean nothing, so the test drives
/// the rule with gains no timing can meet or miss). The GPU tile the database holds for the plain
/// form's k^3 GEMM is the one its kernel is compiled with.
/// A small SW-LK conv (k = 5, 8 -> 8 channels, with a position embedding) on a random cloud.
tune::SwLkInstance smallSwLk() {
  tune::SwLkInstance lk;
  lk.input = std::make_shared<SparseTensor>(ref::randomCloud(21, 300, 8, {10, 16, 16}, 1));
  ConvGeometry g;
  g.kernel = {5, 5, 5};
  lk.map = std::make_shared<KernelMap>(buildKernelMap(*lk.input, g, pool()));
  lk.kernelSize = 5;
  lk.pe = true;
  lk.groupGemm.cin = 27 * 8;
  lk.groupGemm.cout = 8;
  return lk;
}

TEST(GpuTune, SwLkFormSearchRecordsTheGpusForm) {
  FakeCuda fake(SCONV_FAKE_CUDA, /*exportWarpOps=*/true);
  GpuContext ctx(CudaDriver::load(SCONV_FAKE_CUDA), 0);
  ThreadPool &p = pool();
  const tune::SwLkInstance lk = smallSwLk();
  tune::SwLkGroups groups(tune::bySignatureText);
  const TuningSignature sig = tune::signatureOf(lk.asConv(), kSwLkKind);
  groups[sig].push_back(lk);
  groups[sig].push_back(lk); // two convs of the class: both timed
  for (const char *precision : {"f32", "f16"})
    for (double minGain : {1.0, -1e9}) { // plain can never / always win
      SCOPED_TRACE(std::string(precision) + " min-gain " + std::to_string(minGain));
      llvm::SmallString<128> dir;
      ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("gpu-form-test", dir));
      std::vector<std::unique_ptr<CpuKernelLibrary>> twins;
      tune::GpuTuneOptions o = emulatedTuneOptions(dir.str().str(), precision, fake, twins);
      o.minGain = minGain;
      std::vector<std::string> gemmKernels;
      o.onCandidates = [&, registerCandidates = o.onCandidates](const Artifact &art) {
        registerCandidates(art);
        const Plan plan = Plan::parse(art.manifest);
        for (const PlanEntry &e : plan.entries)
          for (const PlanOp &op : e.ops)
            if (op.kind == PlanOp::Kind::ImplicitGemm)
              gemmKernels.push_back(op.gpuKernel);
      };
      TuningDatabase db;
      TuningSignature plainGemm = tune::signatureOf(lk.plainGemm(), "submanifold");
      plainGemm.precision = precision;
      const GpuTile tuned = std::string(precision) == "f32"
                                ? GpuTile{8, 16, 2}
                                : GpuTile{8, 2, 16, "implicit_gemm", precision};
      db.upsert(tune::gpuDeviceKey(ctx.device()), {plainGemm, {}, 1, 1, 1, tuned});
      const long long launchesBefore = fake.get("launches");
      tune::tuneGpuSwLkForms(ctx, groups, o, db, p);
      llvm::sys::fs::remove_directories(dir);
      EXPECT_GT(fake.get("launches"), launchesBefore); // the forms ran on the (emulated) device
      const std::string tileName = "_t" + std::to_string(tuned.threadsCout) + "x" +
                                   std::to_string(tuned.threadsRows) + "x" +
                                   std::to_string(tuned.rowsPerThread);
      EXPECT_EQ(std::count_if(gemmKernels.begin(), gemmKernels.end(),
                              [&](const std::string &k) {
                                return k.find("_k125_c9x8_") != std::string::npos &&
                                       k.find(tileName) != std::string::npos;
                              }),
                1)
          << "the plain form's GEMM does not use the database's tile " << tuned.str();
      TuningSignature measured = sig;
      measured.precision = precision;
      EXPECT_EQ(db.lookupForm(nullptr, "sm_90", measured),
                std::optional<std::string>(minGain > 0 ? "partition" : "plain"));
      TuningSignature other = sig;
      other.precision = std::string(precision) == "f32" ? "f16" : "f32";
      EXPECT_EQ(db.lookupForm(nullptr, "sm_90", other), std::nullopt);
      ASSERT_EQ(db.numDevices(), 1u);
    }
}

/// sconv-tune's two phases: `--prepare` compiles every candidate and both SW-LK forms for a chip
/// (where the compiler is), `--prepared` times them on the GPU with no compiler (the options name a
/// sconvc that does not exist: any compile would fail). The prepared run records what a direct
/// search records, keyed by the toolkit that prepared the kernels; a directory that does not fit
/// the GPU, the precision or the classes seen is a named error.
TEST(GpuTune, PreparedCandidatesAreTimedWithoutTheCompiler) {
  FakeCuda fake(SCONV_FAKE_CUDA, /*exportWarpOps=*/true);
  GpuContext ctx(CudaDriver::load(SCONV_FAKE_CUDA), 0);
  auto [groups, sig] = oneConvClass(300, 8);
  const tune::SwLkInstance lk = smallSwLk();
  tune::SwLkGroups swLk(tune::bySignatureText);
  const TuningSignature lkSig = tune::signatureOf(lk.asConv(), kSwLkKind);
  swLk[lkSig].push_back(lk);
  const TuningSignature plainSig = tune::signatureOf(lk.plainGemm(), "submanifold");
  groups[plainSig].push_back(lk.plainGemm());

  llvm::SmallString<128> dir;
  ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("gpu-prepare-test", dir));
  std::vector<std::unique_ptr<CpuKernelLibrary>> twins;
  tune::GpuTuneOptions compile = emulatedTuneOptions(dir.str().str(), "f32", fake, twins);
  ASSERT_FALSE(llvm::sys::fs::copy_file(gpuModel("cpu-only"),
                                        dir + "/" + tune::PreparedGpuTune::kModel));
  tune::PreparedGpuTune prepared;
  prepared.dir = dir.str().str();
  prepared.chip = "sm_90";
  prepared.precision = "f32";
  tune::prepareGpuTune(groups, swLk, prepared, compile, /*tuningDb=*/"");
  EXPECT_EQ(prepared.forms, std::vector<std::string>{lkSig.str()});
  EXPECT_EQ(prepared.formTiles, "default");
  // Prepared for one chip: its cubin travels, not the PTX.
  const Artifact candidates = Artifact::readFile(prepared.path(tune::PreparedGpuTune::kCandidates));
  const Plan candidatePlan = Plan::parse(candidates.manifest);
  ASSERT_EQ(candidatePlan.gpuImages.size(), 1u);
  EXPECT_EQ(candidatePlan.gpuImages.front().section, "cubin.sm_90");
  EXPECT_EQ(candidates.sections.count("ptx.sm_90"), 0u);

  tune::GpuTuneOptions timing = emulatedTuneOptions("", "f32", fake, twins);
  fake.set("accept_cubin", 1); // the prepared candidates are cubins only
  timing.sconvc = "/nonexistent/sconvc";
  timing.prepared = tune::PreparedGpuTune::load(dir.str().str());
  EXPECT_EQ(timing.prepared->candidates, prepared.candidates);
  TuningDatabase db;
  ThreadPool &p = pool();
  tune::tuneGpu(ctx, groups, timing, db);
  tune::tuneGpuSwLkForms(ctx, swLk, timing, db, p);
  ASSERT_EQ(db.numDevices(), 1u);
  const std::optional<GpuTile> tile = db.lookupGpu("sm_90", sig);
  ASSERT_TRUE(tile.has_value());
  EXPECT_EQ(checkGpuTile(*tile, 27), "");
  EXPECT_TRUE(db.lookupGpu("sm_90", plainSig).has_value());
  EXPECT_TRUE(db.lookupForm(nullptr, "sm_90", lkSig).has_value());
  EXPECT_NE(db.entries(tune::gpuDeviceKey(ctx.device(), prepared.toolkit)), nullptr);

  // Another chip, another precision, a class not prepared: named, before anything is timed.
  auto errorOfTune = [&](const tune::GpuTuneOptions &o, const tune::Groups &g) {
    return errorOf([&] {
      TuningDatabase scratch;
      tune::tuneGpu(ctx, g, o, scratch);
    });
  };
  tune::GpuTuneOptions otherChip = timing;
  otherChip.prepared->chip = "sm_80";
  EXPECT_NE(errorOfTune(otherChip, groups).find("prepared for sm_80, but this GPU is sm_90"),
            std::string::npos);
  // Candidates prepared for sm_90a (the architecture-specific target: wgmma tiles join the
  // tensor-core ones) run on this sm_90 GPU and are recorded for sm_90a, what sconvc --target
  // sm_90a looks up.
  tune::GpuTuneOptions archSpecific = timing;
  archSpecific.prepared->chip = "sm_90a";
  TuningDatabase db90a;
  tune::tuneGpu(ctx, groups, archSpecific, db90a);
  EXPECT_TRUE(db90a.lookupGpu("sm_90a", sig).has_value());
  EXPECT_FALSE(db90a.lookupGpu("sm_90", sig).has_value());
  tune::GpuTuneOptions otherPrecision = timing;
  otherPrecision.precision = "f16";
  EXPECT_NE(errorOfTune(otherPrecision, groups).find("prepared at --gpu-precision=f32, not f16"),
            std::string::npos);
  auto [unprepared, unpreparedSig] = oneConvClass(300, 24);
  EXPECT_NE(errorOfTune(timing, unprepared).find("lack 27x16x24"), std::string::npos);

  // A damaged or incomplete directory.
  const std::string index = (dir + "/" + tune::PreparedGpuTune::kIndex).str();
  {
    std::ofstream f(index);
    f << "{\"format\": \"sconv-tune-prepared\", \"version\": 7}";
  }
  EXPECT_NE(errorOf([&] { tune::PreparedGpuTune::load(dir.str().str()); })
                .find("version 7, this sconv-tune reads version 1"),
            std::string::npos);
  {
    std::ofstream f(index);
    f << "{\"candidates\": [";
  }
  EXPECT_NE(errorOf([&] { tune::PreparedGpuTune::load(dir.str().str()); })
                .find("is not a sconv-tune --prepare index"),
            std::string::npos);
  prepared.save();
  ASSERT_FALSE(llvm::sys::fs::remove(dir + "/" + tune::PreparedGpuTune::kFormModels[1]));
  EXPECT_NE(errorOf([&] { tune::PreparedGpuTune::load(dir.str().str()); })
                .find("gpu-form-plain.sconv' is missing"),
            std::string::npos);
  ASSERT_FALSE(llvm::sys::fs::remove(dir + "/" + tune::PreparedGpuTune::kCandidates));
  EXPECT_NE(errorOf([&] { tune::PreparedGpuTune::load(dir.str().str()); })
                .find("gpu-candidates.sconv' is missing"),
            std::string::npos);
  llvm::sys::fs::remove_directories(dir);
  EXPECT_NE(errorOf([&] { tune::PreparedGpuTune::load(dir.str().str()); }).find("cannot read"),
            std::string::npos);
}

#endif // SCONV_SCONVC

} // namespace
