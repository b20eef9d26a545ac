// See HostObject.h.
#include "codegen/HostObject.h"

#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/SubtargetFeature.h"

using namespace llvm;

namespace {

Expected<std::unique_ptr<TargetMachine>> makeHostMachine(const sconv::HostObjectOptions &o) {
  InitializeNativeTarget();
  InitializeNativeTargetAsmPrinter();
  Triple triple(sys::getDefaultTargetTriple());
  std::string err;
  const Target *target = TargetRegistry::lookupTarget(triple, err);
  if (!target)
    return createStringError(inconvertibleErrorCode(), "no LLVM target for host: " + err);
  std::string cpu = o.cpu, features;
  if (cpu == "native") {
    cpu = sys::getHostCPUName().str();
    SubtargetFeatures f;
    for (auto &kv : sys::getHostCPUFeatures())
      f.AddFeature(kv.first(), kv.second);
    features = f.getString();
  }
  TargetOptions opts;
  std::unique_ptr<TargetMachine> tm(target->createTargetMachine(
      triple, cpu, features, opts, Reloc::PIC_, std::nullopt, CodeGenOptLevel::Aggressive));
  if (!tm)
    return createStringError(inconvertibleErrorCode(), "cannot create a target machine for " + cpu);
  return std::move(tm);
}

Expected<std::unique_ptr<Module>> toOptimisedIR(mlir::ModuleOp module, LLVMContext &ctx,
                                                TargetMachine &tm, unsigned optLevel) {
  mlir::DialectRegistry registry;
  mlir::registerBuiltinDialectTranslation(registry);
  mlir::registerLLVMDialectTranslation(registry);
  module->getContext()->appendDialectRegistry(registry);
  std::unique_ptr<Module> ir = mlir::translateModuleToLLVMIR(module, ctx, "sconv_kernels");
  if (!ir)
    return createStringError(inconvertibleErrorCode(),
                             "translation of the CPU kernels to LLVM IR failed");
  ir->setDataLayout(tm.createDataLayout());
  ir->setTargetTriple(tm.getTargetTriple());

  LoopAnalysisManager lam;
  FunctionAnalysisManager fam;
  CGSCCAnalysisManager cgam;
  ModuleAnalysisManager mam;
  PassBuilder pb(&tm);
  pb.registerModuleAnalyses(mam);
  pb.registerCGSCCAnalyses(cgam);
  pb.registerFunctionAnalyses(fam);
  pb.registerLoopAnalyses(lam);
  pb.crossRegisterProxies(lam, fam, cgam, mam);
  OptimizationLevel level = optLevel >= 3   ? OptimizationLevel::O3
                            : optLevel == 2 ? OptimizationLevel::O2
                            : optLevel == 1 ? OptimizationLevel::O1
                                            : OptimizationLevel::O0;
  ModulePassManager mpm = level == OptimizationLevel::O0
                              ? pb.buildO0DefaultPipeline(level)
                              : pb.buildPerModuleDefaultPipeline(level);
  mpm.run(*ir, mam);
  return std::move(ir);
}

Expected<std::string> findLinker(const sconv::HostObjectOptions &o) {
  if (!o.linker.empty())
    return o.linker;
  for (const char *name : {"cc", "gcc", "clang", "clang-22"})
    if (auto p = sys::findProgramByName(name))
      return *p;
  return createStringError(inconvertibleErrorCode(),
                           "no C compiler driver (cc, gcc or clang) found to link the CPU kernels");
}

} // namespace

Expected<std::string> sconv::emitHostLLVMIR(mlir::ModuleOp module, const HostObjectOptions &o) {
  auto tm = makeHostMachine(o);
  if (!tm)
    return tm.takeError();
  LLVMContext ctx;
  auto ir = toOptimisedIR(module, ctx, **tm, o.optLevel);
  if (!ir)
    return ir.takeError();
  std::string text;
  raw_string_ostream os(text);
  (*ir)->print(os, nullptr);
  return text;
}

Expected<std::string> sconv::emitHostSharedObject(mlir::ModuleOp module,
                                                  const HostObjectOptions &o) {
  auto tm = makeHostMachine(o);
  if (!tm)
    return tm.takeError();
  LLVMContext ctx;
  auto ir = toOptimisedIR(module, ctx, **tm, o.optLevel);
  if (!ir)
    return ir.takeError();

  SmallString<128> objPath, soPath;
  if (auto ec = sys::fs::createTemporaryFile("sconv-kernels", "o", objPath))
    return errorCodeToError(ec);
  if (auto ec = sys::fs::createTemporaryFile("sconv-kernels", "so", soPath))
    return errorCodeToError(ec);
  FileRemover removeObj(objPath), removeSo(soPath);
  {
    std::error_code ec;
    raw_fd_ostream os(objPath, ec, sys::fs::OF_None);
    if (ec)
      return errorCodeToError(ec);
    legacy::PassManager pm;
    if ((*tm)->addPassesToEmitFile(pm, os, nullptr, CodeGenFileType::ObjectFile))
      return createStringError(inconvertibleErrorCode(), "the host target cannot emit objects");
    pm.run(**ir);
  }
  auto linker = findLinker(o);
  if (!linker)
    return linker.takeError();
  SmallVector<StringRef> args = {*linker, "-shared", "-nostdlib", "-o", soPath, objPath};
  std::string errMsg;
  int rc = sys::ExecuteAndWait(*linker, args, std::nullopt, {}, 0, 0, &errMsg);
  if (rc != 0)
    return createStringError(inconvertibleErrorCode(),
                             "linking the CPU kernels with " + *linker + " failed (exit " +
                                 std::to_string(rc) + ") " + errMsg);
  auto buf = MemoryBuffer::getFile(soPath, /*IsText=*/false);
  if (!buf)
    return errorCodeToError(buf.getError());
  return (*buf)->getBuffer().str();
}
