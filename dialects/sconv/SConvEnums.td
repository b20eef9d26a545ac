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

#endif // SCONV_ENUMS_TD
