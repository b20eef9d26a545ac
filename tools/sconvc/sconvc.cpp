// sconvc: compiles a model graph (.mlir in the sconv dialect) into one artifact file holding the
// execution plan, the CPU kernels as a native shared object, and PTX per GPU target.
//
//   sconvc model.mlir --target cpu,sm_90 -o model.sconv
//   sconvc model.mlir --emit=mlir            # the module after kernel generation
//   sconvc model.mlir --target sm_90 --emit=ptx -o k.ptx
#include "codegen/GpuBinary.h"
#include "codegen/HostObject.h"
#include "codegen/Passes.h"
#include "codegen/TuningDatabase.h"
#include "dialects/sconv/SConvOps.h"
#include "passes/Passes.h"
#include "runtime/Artifact.h"
#include "runtime/Safetensors.h"
#include "tools/sconvc/PlanBuilder.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ToolOutputFile.h"

#include <cmath>
#include <cstdlib>
#include <exception>

using namespace mlir;
namespace cl = llvm::cl;

static cl::opt<std::string> inputFile(cl::Positional, cl::desc("<model.mlir>"), cl::Required);
static cl::opt<std::string> outputFile("o", cl::desc("output file"), cl::value_desc("path"),
                                       cl::init("-"));
static cl::list<std::string> targets("target", cl::desc("targets: cpu, sm_80, sm_90, sm_90a, ..."),
                                     cl::CommaSeparated);
static cl::opt<std::string> emit("emit", cl::desc("artifact (default), mlir, llvm (CPU IR), ptx"),
                                 cl::init("artifact"));
static cl::opt<bool> graphOpt("graph-opt",
                              cl::desc("graph optimisations: BN folding, epilogue fusion, "
                                       "kernel-map sharing, SW-LK rewrite (default on)"),
                              cl::init(true));
static cl::opt<std::string> weightsFile("weights",
                                        cl::desc("embed these parameters (safetensors, sconv "
                                                 "layout) in the artifact; others stay settable "
                                                 "at run time"),
                                        cl::init(""));
static cl::opt<std::string> tuningDb("tuning-db",
                                     cl::desc("tile configurations measured by sconv-tune (JSON); "
                                              "signatures it lacks use the heuristic"),
                                     cl::init(""));
static cl::opt<bool> gpuEmulation(
    "gpu-emulation",
    cl::desc("also embed host twins of the GPU kernels, so the GPU path can run in a driver "
             "emulator (tests); needs a GPU target"),
    cl::init(false));
static cl::opt<bool> cubins("cubin",
                            cl::desc("also embed a cubin per GPU target, assembled by the CUDA "
                                     "toolkit's ptxas (loads without JIT; needs ptxas; default on)"),
                            cl::init(true));
static cl::opt<std::string> gpuPrecision(
    "gpu-precision",
    cl::desc("GPU conv kernels: f32 (SIMT, default), or f16 / bf16 on tensor cores (operands "
             "rounded to that type, f32 accumulation and features); CPU kernels stay f32"),
    cl::init("f32"));
static cl::opt<int> gpuStages(
    "gpu-stages",
    cl::desc("pipeline stages of the tensor-core kernels, 1 to 4: the (offset, channel chunk) "
             "steps whose loads are in flight during an mma (default 0: from --tuning-db, else 1); "
             "needs --gpu-precision f16 or bf16"),
    cl::init(0));
static cl::opt<std::string> gpuInstruction(
    "gpu-instruction",
    cl::desc("tensor-core instruction of the GPU conv kernels: mma_sync (sm_80 and newer) or "
             "wgmma (warpgroup MMA with weights staged in shared memory; every GPU target must "
             "be sm_90a); default: from --tuning-db, else mma_sync; needs --gpu-precision f16 "
             "or bf16"),
    cl::init(""));
static cl::opt<std::string> swLkForm(
    "sw-lk-form",
    cl::desc("SW-LK convs: auto (the form measured faster in --tuning-db, else partition), "
             "partition (per-group sums, then a 27-group GEMM) or plain (one k^3 GEMM)"),
    cl::init("auto"));
static cl::opt<std::string> cpuName("cpu", cl::desc("CPU to compile for (default: native)"),
                                    cl::init("native"));

namespace {

LogicalResult fail(const llvm::Twine &msg) {
  llvm::errs() << "sconvc: error: " << msg << "\n";
  return failure();
}

/// Reports an error and gives the process exit code.
int errorExit(const llvm::Twine &msg) {
  (void)fail(msg);
  return 1;
}

ModuleOp findKernelModule(ModuleOp top, llvm::StringRef target) {
  std::string name = sconv::kernelModuleName(target);
  for (auto m : top.getOps<ModuleOp>())
    if (m.getSymName() == name)
      return m;
  return nullptr;
}

/// A standalone copy of a nested kernel module, to lower without touching the graph.
OwningOpRef<ModuleOp> cloneKernels(ModuleOp top, llvm::StringRef target) {
  ModuleOp nested = findKernelModule(top, target);
  if (!nested)
    return OwningOpRef<ModuleOp>(ModuleOp::create(top.getLoc()));
  OwningOpRef<ModuleOp> copy(cast<ModuleOp>(nested->clone()));
  copy->setSymNameAttr(nullptr);
  return copy;
}

/// PTX ISA features for a chip: CUDA 13's ptxas needs PTX >= 8.0 for sm_90 (and rejects the
/// MLIR default +ptx60), 8.0 works for sm_80 as well.
std::string featuresFor(llvm::StringRef chip) { return "+ptx80"; }

LogicalResult compile(ModuleOp module, llvm::ArrayRef<std::string> wanted) {
  bool wantCpu = llvm::is_contained(wanted, "cpu");
  bool wantGpu =
      llvm::any_of(wanted, [](const std::string &t) { return sconv::isGpuTarget(t); });
  for (const std::string &t : wanted)
    if (t != "cpu" && !sconv::isGpuTarget(t))
      return fail("unknown target '" + t + "' (expected cpu, sm_80, sm_90, sm_90a, ...)");

  if (gpuEmulation && !wantGpu)
    return fail("--gpu-emulation needs a GPU target (e.g. --target cpu,sm_90)");
  if (gpuPrecision != "f32" && gpuPrecision != "f16" && gpuPrecision != "bf16")
    return fail("unknown --gpu-precision '" + gpuPrecision + "' (expected f32, f16 or bf16)");
  if (swLkForm != "auto" && swLkForm != "partition" && swLkForm != "plain")
    return fail("unknown --sw-lk-form '" + swLkForm + "' (expected auto, partition or plain)");
  if (gpuStages < 0 || gpuStages > 4)
    return fail("--gpu-stages must be 1 to 4 (0: from the tuning database), got " +
                std::to_string(gpuStages));
  if (gpuStages > 1 && gpuPrecision == "f32")
    return fail("--gpu-stages=" + std::to_string(gpuStages) +
                " pipelines the tensor-core kernels: it needs --gpu-precision f16 or bf16");
  if (!gpuInstruction.empty() && gpuInstruction != "mma_sync" && gpuInstruction != "wgmma")
    return fail("unknown --gpu-instruction '" + gpuInstruction + "' (expected mma_sync or wgmma)");
  if (!gpuInstruction.empty() && gpuPrecision == "f32")
    return fail("--gpu-instruction=" + gpuInstruction +
                " is a tensor-core instruction: it needs --gpu-precision f16 or bf16");
  for (const std::string &t : wanted)
    if (gpuInstruction == "wgmma" && sconv::isGpuTarget(t) && t != "sm_90a")
      return fail("--gpu-instruction=wgmma runs on sm_90a only (Hopper with its architecture-"
                  "specific features); target " + t + " cannot run it");
  if (gpuPrecision != "f32" && !wantGpu)
    return fail("--gpu-precision=" + gpuPrecision + " needs a GPU target (e.g. --target cpu,sm_80)");
  for (const std::string &t : wanted)
    if (gpuPrecision != "f32" && sconv::isGpuTarget(t) && std::atoi(t.c_str() + 3) < 80)
      return fail("--gpu-precision=" + gpuPrecision + " uses mma.sync m16n8k16 (sm_80 and newer); "
                  "target " + t + " is older");
  PassManager pm(module->getContext());
  std::string kernelTargets = std::string(wantCpu ? "cpu" : "") +
                              (wantCpu && wantGpu ? "," : "") + (wantGpu ? "gpu" : "") +
                              (gpuEmulation ? ",gpu_emu" : "");
  std::string chips;
  sconv::ChooseSwLkFormOptions formOptions;
  formOptions.form = swLkForm;
  formOptions.database = tuningDb;
  formOptions.gpuPrecision = gpuPrecision;
  for (const std::string &t : wanted)
    if (sconv::isGpuTarget(t)) {
      chips += (chips.empty() ? "" : ",") + t;
      formOptions.gpuChips.push_back(t);
    }
  sconv::buildGraphPipeline(pm, graphOpt, sconv::createChooseSwLkForm(formOptions));
  std::string precision = gpuPrecision == "f32"
                              ? ""
                              : "sconv-set-gpu-precision{precision=" + gpuPrecision +
                                    " stages=" + std::to_string(gpuStages) +
                                    (gpuInstruction.empty() ? ""
                                                            : " instruction=" + gpuInstruction) +
                                    "},";
  std::string tuning = tuningDb.empty() ? ""
                       : "sconv-apply-tuning{db=" + tuningDb +
                             (chips.empty() ? "" : " gpu-chips=" + chips) +
                             (wantCpu ? "" : " cpu=false") + "},";
  if (failed(parsePassPipeline(precision + tuning + "sconv-generate-kernels{targets=" + kernelTargets + "}", pm)))
    return fail("cannot build the compilation pipeline");
  if (failed(pm.run(module)))
    return failure();
  return success();
}

/// Moves the parameters found in a safetensors file into the artifact as constants, checking
/// shapes; the model then runs without a weights file (and still takes the others at run time).
void embedWeights(sconv::rt::Plan &plan, sconv::rt::Artifact &artifact, const std::string &path) {
  std::map<std::string, sconv::rt::TensorData> file = sconv::rt::readSafetensors(path);
  std::vector<sconv::rt::ParamInfo> remaining;
  for (sconv::rt::ParamInfo &p : plan.params) {
    auto it = file.find(p.name);
    if (it == file.end()) {
      remaining.push_back(p);
      continue;
    }
    if (it->second.shape != p.shape)
      throw sconv::rt::Error("parameter '" + p.name + "' has shape " +
                             sconv::rt::formatShape(p.shape) + " in the model but " +
                             sconv::rt::formatShape(it->second.shape) + " in '" + path + "'");
    for (float v : it->second.values)
      if (!std::isfinite(v))
        throw sconv::rt::Error("parameter '" + p.name + "' has a non-finite value in '" + path + "'");
    std::string section = "weight." + p.name;
    const std::vector<float> &v = it->second.values;
    artifact.sections[section] =
        std::string(reinterpret_cast<const char *>(v.data()), v.size() * sizeof(float));
    plan.constants.push_back({p.name, p.shape, section});
  }
  if (remaining.size() == plan.params.size())
    throw sconv::rt::Error("'" + path + "' has none of the model's " +
                           std::to_string(plan.params.size()) + " parameters");
  if (!remaining.empty())
    llvm::errs() << "sconvc: warning: " << remaining.size() << " parameter(s) not in '" << path
                 << "' (first: '" << remaining.front().name << "') must be set at run time\n";
  plan.params = std::move(remaining);
}

int run(MLIRContext &ctx) {
  std::string err;
  auto file = openInputFile(inputFile, &err);
  if (!file) {
    llvm::errs() << "sconvc: error: " << err << "\n";
    return 1;
  }
  llvm::SourceMgr sm;
  sm.AddNewSourceBuffer(std::move(file), llvm::SMLoc());
  // Diagnostics as file:line:col with the offending source line.
  SourceMgrDiagnosticHandler diagnostics(sm, &ctx);
  OwningOpRef<ModuleOp> module = parseSourceFile<ModuleOp>(sm, &ctx);
  if (!module)
    return 1;

  std::vector<std::string> wanted(targets.begin(), targets.end());
  if (wanted.empty())
    wanted.push_back("cpu");
  if (failed(compile(*module, wanted)))
    return 1;

  auto output = openOutputFile(outputFile, &err);
  if (!output) {
    llvm::errs() << "sconvc: error: " << err << "\n";
    return 1;
  }
  sconv::HostObjectOptions hostOpts;
  hostOpts.cpu = cpuName;

  if (emit == "mlir") {
    module->print(output->os());
    output->keep();
    return 0;
  }
  if (emit == "llvm") {
    auto cpu = cloneKernels(*module, "cpu");
    PassManager pm(&ctx);
    if (failed(sconv::buildCpuKernelLowering(pm)) || failed(pm.run(*cpu)))
      return 1;
    auto ir = sconv::emitHostLLVMIR(*cpu, hostOpts);
    if (!ir) {
      llvm::errs() << "sconvc: error: " << llvm::toString(ir.takeError()) << "\n";
      return 1;
    }
    output->os() << *ir;
    output->keep();
    return 0;
  }

  sconv::rt::Plan plan;
  sconv::rt::Artifact artifact;
  if (failed(sconv::buildPlan(*module, plan, artifact.sections)))
    return 1;
  if (!weightsFile.empty()) {
    try {
      embedWeights(plan, artifact, weightsFile);
    } catch (const std::exception &e) {
      llvm::errs() << "sconvc: error: " << e.what() << "\n";
      return 1;
    }
  }
  // A host module (CPU kernels or the GPU kernels' twins) as a shared object section.
  auto addHostSection = [&](llvm::StringRef target, const std::string &section) {
    auto host = cloneKernels(*module, target);
    PassManager pm(&ctx);
    if (failed(sconv::buildCpuKernelLowering(pm)) || failed(pm.run(*host)))
      return false;
    auto so = sconv::emitHostSharedObject(*host, hostOpts);
    if (!so) {
      llvm::errs() << "sconvc: error: " << llvm::toString(so.takeError()) << "\n";
      return false;
    }
    artifact.sections[section] = std::move(*so);
    return true;
  };
  if (gpuEmulation) {
    if (!addHostSection("gpu_emu", "gpu-emulation.so"))
      return 1;
    plan.gpuEmulationSection = "gpu-emulation.so";
  }
  for (const std::string &t : wanted) {
    if (t == "cpu") {
      if (!addHostSection("cpu", "cpu.so"))
        return 1;
      plan.cpuSection = "cpu.so";
      continue;
    }
    auto gpu = cloneKernels(*module, "gpu");
    sconv::GpuLoweringOptions gopts;
    gopts.chip = t;
    gopts.features = featuresFor(t);
    auto bin = sconv::compileGpuKernels(*gpu, gopts);
    if (!bin) {
      llvm::errs() << "sconvc: error: " << llvm::toString(bin.takeError()) << "\n";
      return 1;
    }
    if (emit == "ptx") {
      if (!plan.gpuImages.empty())
        return errorExit("--emit=ptx writes one PTX module: give one GPU target");
      output->os() << bin->data;
    }
    std::string section = "ptx." + bin->chip;
    plan.gpuImages.push_back({bin->chip, section});
    artifact.sections[section] = std::move(bin->data);
    if (emit == "artifact" && cubins) {
      // The same kernels assembled for this SM: tried first at load time (runtime/cuda/GpuModule.h).
      auto again = cloneKernels(*module, "gpu");
      gopts.format = "bin";
      auto cubin = sconv::compileGpuKernels(*again, gopts);
      if (!cubin) {
        llvm::errs() << "sconvc: error: " << llvm::toString(cubin.takeError())
                     << " (assembling cubins needs the CUDA toolkit's ptxas; --cubin=false "
                        "embeds PTX only)\n";
        return 1;
      }
      plan.gpuImages.push_back({cubin->chip, "cubin." + cubin->chip});
      artifact.sections["cubin." + cubin->chip] = std::move(cubin->data);
    }
  }
  if (emit == "ptx") {
    if (plan.gpuImages.empty())
      return errorExit("--emit=ptx needs a GPU target (e.g. --target sm_90)");
    output->keep();
    return 0;
  }
  if (emit != "artifact")
    return errorExit("unknown --emit kind '" + emit + "'");
  if (outputFile == "-")
    return errorExit("an artifact is binary: give an output file with -o");
  artifact.manifest = plan.toJson();
  output.reset(); // the artifact writer opens the file itself
  try {
    artifact.writeFile(outputFile);
  } catch (const std::exception &e) {
    llvm::errs() << "sconvc: error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  cl::ParseCommandLineOptions(argc, argv, "sconv model compiler\n");
  DialectRegistry registry;
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registerAllToLLVMIRTranslations(registry);
  registerAllPasses();
  sconv::registerSConvPasses();
  sconv::registerSConvCodegenPasses();
  registry.insert<sconv::SConvDialect>();
  MLIRContext ctx(registry);
  ctx.loadAllAvailableDialects();
  return run(ctx);
}
