//===- SConvTypes.td - sconv types ---------------------------------------------------------------===//
#ifndef SCONV_TYPES_TD
#define SCONV_TYPES_TD

include "dialects/sconv/SConvDialect.td"
include "mlir/IR/AttrTypeBase.td"

class SConv_Type<string name, string typeMnemonic> : TypeDef<SConv_Dialect, name> {
  let mnemonic = typeMnemonic;
}

def SConv_VoxelsType : SConv_Type<"Voxels", "voxels"> {
  let summary = "a sparse voxel tensor: active sites of a 3D grid with one feature row each";
  let description = [{
    `!sconv.voxels<16 x f32, shape [41, 1600, 1408], stride [1, 1, 1]>` holds sites (batch, z, y, x)
    of a grid of spatial shape (D, H, W) (`?` where only known at run time) and 16 channels of f32
    per site. `stride` is the tensor stride: how many input voxels one site of this tensor spans
    per axis (1 for the voxelized input, doubled by each stride-2 conv). The number of sites is
    dynamic.
  }];
  let parameters = (ins "int64_t":$channels, "::mlir::Type":$elementType,
                        ArrayRefParameter<"int64_t">:$spatialShape,
                        ArrayRefParameter<"int64_t">:$stride);
  let assemblyFormat = [{
    `<` $channels `x` $elementType `,` `shape` ` ` `[` custom<DimList>($spatialShape) `]` `,`
        `stride` ` ` `[` $stride `]` `>`
  }];
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    bool hasStaticShape() const;
  }];
}

def SConv_KernelMapType : SConv_Type<"KernelMap", "kmap"> {
  let summary = "a kernel map: for each output site and kernel offset, the contributing input site";
  let description = [{
    `!sconv.kmap<27>` is the map of a conv with kernel volume 27. It also owns the output site set:
    a compute step over the map produces values on those sites.
  }];
  let parameters = (ins "int64_t":$volume);
  let assemblyFormat = "`<` $volume `>`";
}

#endif // SCONV_TYPES_TD
