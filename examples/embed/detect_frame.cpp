// The smallest deployment of a compiled sconv backbone, as a detector's C++ program would embed
// it: load the artifact (sconvc model.mlir --target cpu,sm_80,sm_90 -o model.sconv) and its
// weights, voxelize a LiDAR sweep, run the backbone on GPU 0 when there is one (the BEV map left
// in device memory for a 2D head on the same GPU) or on the CPU, and hand the map on.
//
//   detect_frame model.sconv points.bin [weights.safetensors]
//
// It links the runtime alone (sconv_runtime, sconv_runtime_cuda): no MLIR, no compiler, and no
// link-time libcuda (the driver is opened at run time). Without weights it sets deterministic
// random ones, as sconv-run does, so that it runs on any compiled model.
#include "runtime/Executor.h"
#include "runtime/PointCloud.h"
#include "runtime/RandomParams.h"
#include "runtime/ThreadPool.h"
#include "runtime/Voxelizer.h"
#include "runtime/cuda/CudaDriver.h"
#include "runtime/cuda/GpuBackend.h"
#include "runtime/cuda/GpuContext.h"

#include <chrono>
#include <cstdio>
#include <memory>

using namespace sconv::rt;

namespace {

/// GPU 0 as the model's backend, or nullptr (and why) when this machine cannot run it there.
std::unique_ptr<GpuContext> attachGpu(Model &model, std::string &why) {
  try {
    if (!hasGpuCode(model))
      throw Error("the artifact has no GPU code (compile it with --target cpu,sm_80,sm_90)");
    if (gpuCount(*CudaDriver::system()) == 0)
      throw Error("the NVIDIA driver sees no GPU");
    auto ctx = std::make_unique<GpuContext>(0);
    auto backend = std::make_shared<GpuBackend>(*ctx, model);
    backend->setKeepDenseOutputs(true); // the head reads the BEV map where it was made
    model.setBackend(std::move(backend));
    return ctx;
  } catch (const Error &e) {
    why = e.what();
    return nullptr;
  }
}

int run(int argc, char **argv) {
  if (argc < 3 || argc > 4) {
    std::fprintf(stderr, "usage: %s model.sconv points.bin [weights.safetensors]\n", argv[0]);
    return 2;
  }
  // The context must outlive the model (its backend) and every kept output.
  std::unique_ptr<GpuContext> gpu;
  std::unique_ptr<Model> model = Model::load(argv[1]);
  if (argc == 4)
    model->loadWeights(argv[3]);
  else
    for (const ParamInfo &p : model->plan().params)
      model->setParam(p.name, randomParam(p, 1));
  std::string noGpu;
  gpu = attachGpu(*model, noGpu);
  std::printf("device  %s\n", gpu ? model->backend()->describe().c_str()
                                   : ("CPU (" + noGpu + ")").c_str());

  // A KITTI-style sweep (x, y, z, intensity float32); the format is detected from the file.
  const PointFormat format = detectPointFormat(argv[2]);
  const PointCloud cloud = readPointCloud(argv[2], format);
  const SparseTensor voxels = voxelize(cloud, gridFor(cloud, format, ""), nullptr);
  if (voxels.numSites == 0)
    throw Error(std::string("'") + argv[2] + "' has no point inside the grid");

  ThreadPool pool(0); // every core, for the steps that run on the CPU
  const std::string &entry = model->plan().entries.front().name;
  for (int frame = 0; frame < 3; ++frame) { // the first run loads kernels and fills the pools
    const auto start = std::chrono::steady_clock::now();
    std::vector<Output> out = model->runOutputs(entry, {voxels}, pool);
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    Output &bev = out.front();
    if (!bev.dense)
      throw Error("the model's first result is not a dense BEV map");
    std::printf("frame %d: %lld voxels -> BEV map [%lld, %lld, %lld, %lld] %s in %.2f ms\n", frame,
                (long long)voxels.numSites, (long long)bev.shape[0], (long long)bev.shape[1],
                (long long)bev.shape[2], (long long)bev.shape[3],
                bev.kept ? "on the GPU" : "in host memory", ms);
    // A head on the GPU would read bev.kept->address() (bev.kept->bytes() bytes of float32);
    // this example brings the last frame's map to the host to summarise it.
    if (frame == 2) {
      bev.fetchValues();
      double sum = 0;
      long long nonzero = 0;
      for (float v : bev.values) {
        sum += v;
        nonzero += v != 0.f;
      }
      std::printf("checksum %.6e over %lld nonzero values\n", sum, nonzero);
      if (nonzero == 0)
        throw Error("the BEV map is all zeros");
    }
  }
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception &e) {
    std::fprintf(stderr, "detect_frame: error: %s\n", e.what());
    return 1;
  }
}
