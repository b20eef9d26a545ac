//===- SConvOps.td - sconv operations ------------------------------------------------------------===//
#ifndef SCONV_OPS_TD
#define SCONV_OPS_TD

include "dialects/sconv/SConvDialect.td"
include "dialects/sconv/SConvTypes.td"
include "dialects/sconv/SConvEnums.td"
include "mlir/IR/BuiltinAttributes.td"
include "mlir/IR/SymbolInterfaces.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"

def SConv_Voxels : Type<CPred<"::llvm::isa<::sconv::VoxelsType>($_self)">, "sparse voxel tensor",
                        "::sconv::VoxelsType">;
def SConv_KernelMap : Type<CPred<"::llvm::isa<::sconv::KernelMapType>($_self)">, "kernel map",
                           "::sconv::KernelMapType">;
def SConv_WeightTensor : TensorRankOf<[F32, F16, BF16], [3]>;
def SConv_BiasTensor : TensorRankOf<[F32, F16, BF16], [1]>;

// Ops whose result has exactly the sites (and row order) of their first sparse operand.
def SConv_PreservesSites : NativeOpTrait<"PreservesSites"> {
  let cppNamespace = "::sconv::OpTrait";
}

include "dialects/sconv/SConvConvOps.td"
include "dialects/sconv/SConvPointwiseOps.td"
include "dialects/sconv/SConvKernelOps.td"

#endif // SCONV_OPS_TD
