//===- SConvEnums.td - sconv enums ---------------------------------------------------------------===//
#ifndef SCONV_ENUMS_TD
#define SCONV_ENUMS_TD

include "mlir/IR/EnumAttr.td"
include "dialects/sconv/SConvDialect.td"

def SConv_MapKind : I32EnumAttr<"MapKind", "how a kernel map chooses its output sites", [
    I32EnumAttrCase<"submanifold", 0>,
    I32EnumAttrCase<"regular", 1>,
    I32EnumAttrCase<"transposed", 2>,
    I32EnumAttrCase<"sprs", 3>,
  ]> {
  let cppNamespace = "::sconv";
  let genSpecializedAttr = 0;
}
def SConv_MapKindAttr : EnumAttr<SConv_Dialect, SConv_MapKind, "map_kind">;

def SConv_Activation : I32EnumAttr<"Activation", "activation applied in a conv's epilogue", [
    I32EnumAttrCase<"none", 0>,
    I32EnumAttrCase<"relu", 1>,
  ]> {
  let cppNamespace = "::sconv";
  let genSpecializedAttr = 0;
}
def SConv_ActivationAttr : EnumAttr<SConv_Dialect, SConv_Activation, "activation">;

// How an SW-LK conv is computed (docs/design.md, "SW-LK forms"): the partition form (per-group
// neighbour sums, then a 27-group GEMM) or the plain form (one k^3 implicit GEMM with the group
// weights expanded per offset and the position embedding as a constant-one channel).
def SConv_SwLkForm : I32EnumAttr<"SwLkForm", "how an SW-LK conv is computed", [
    I32EnumAttrCase<"partition", 0>,
    I32EnumAttrCase<"plain", 1>,
  ]> {
  let cppNamespace = "::sconv";
  let genSpecializedAttr = 0;
}
def SConv_SwLkFormAttr : EnumAttr<SConv_Dialect, SConv_SwLkForm, "sw_lk_form">;

#endif // SCONV_ENUMS_TD
