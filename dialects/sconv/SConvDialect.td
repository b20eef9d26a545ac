//===- SConvDialect.td - the sconv dialect ------------------------------------------------------===//
//
// The sparse-convolution dialect: sparse voxel tensors and the operators of OPERATORS.md, plus the
// kernel-map level that the lowering passes produce (an explicit map-building step and a compute
// step that consumes the map).
//
//===---------------------------------------------------------------------------------------------===//
#ifndef SCONV_DIALECT_TD
#define SCONV_DIALECT_TD

include "mlir/IR/OpBase.td"

def SConv_Dialect : Dialect {
  let name = "sconv";
  let cppNamespace = "::sconv";
  let summary = "Sparse 3D convolutional networks (submanifold, regular, large-kernel, pruned).";
  let description = [{
    Values of type `!sconv.voxels` are sets of active sites with one feature row each. Graph-level
    ops (`sconv.subm_conv`, `sconv.conv`, ...) follow `OPERATORS.md`. Lowering makes the kernel maps
    explicit (`sconv.kernel_map`) and turns each conv into a compute step over a map
    (`sconv.implicit_gemm`), which codegen turns into tiled loops for the CPU and the GPU.
  }];
  let useDefaultTypePrinterParser = 1;
  let useDefaultAttributePrinterParser = 1;
  let extraClassDeclaration = [{
    void registerTypes();
  }];
  let dependentDialects = ["::mlir::func::FuncDialect"];
}

class SConv_Op<string mnemonic, list<Trait> traits = []> : Op<SConv_Dialect, mnemonic, traits>;

#endif // SCONV_DIALECT_TD
