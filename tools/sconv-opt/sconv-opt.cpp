// sconv-opt: mlir-opt with the sconv dialect and passes, plus every upstream dialect, pass and
// LLVM IR translation the lowering uses (gpu-module-to-binary needs the translations registered).
#include "codegen/Passes.h"
#include "dialects/sconv/SConvOps.h"
#include "passes/Passes.h"

#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  mlir::registerAllToLLVMIRTranslations(registry);
  mlir::registerAllPasses();
  registry.insert<sconv::SConvDialect>();
  sconv::registerSConvPasses();
  sconv::registerGraphPipeline();
  sconv::registerSConvCodegenPasses();
  sconv::registerCodegenPipelines();
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "sconv optimizer driver\n", registry));
}
