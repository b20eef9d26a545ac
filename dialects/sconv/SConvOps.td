//===- SConvOps.td - sconv operations ------------------------------------------------------------===//
#ifndef SCONV_OPS_TD
#define SCONV_OPS_TD

include "dialects/sconv/SConvDialect.td"
include "dialects/sconv/SConvTypes.td"
include "dialects/sconv/SConvEnums.td"
include "mlir/IR/BuiltinAttributes.td"
include "mlir/IR/SymbolInterfaces.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def SConv_Voxels : Type<CPred<"::llvm::isa<::sconv::VoxelsType>($_self)">, "sparse voxel tensor",
                        "::sconv::VoxelsType">;
def SConv_KernelMap : Type<CPred<"::llvm::isa<::sconv::KernelMapType>($_self)">, "kernel map",
                           "::sconv::KernelMapType">;
def SConv_WeightTensor : TensorRankOf<[F32, F16, BF16], [3]>;
def SConv_BiasTensor : TensorRankOf<[F32, F16, BF16], [1]>;

//===----------------------------------------------------------------------===//
// Parameters
//===----------------------------------------------------------------------===//

def SConv_WeightOp : SConv_Op<"weight", [Pure]> {
  let summary = "a named model parameter (weights, bias, BN statistics)";
  let description = [{
    The value of a parameter comes from the weights file at run time (safetensors, keyed by name),
    so one compiled model can take new weights.

    ```mlir
    %w = sconv.weight "conv_input.0.weight" : tensor<27x4x16xf32>
    ```
  }];
  let arguments = (ins StrAttr:$name);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$name attr-dict `:` type($result)";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Graph-level convolutions
//===----------------------------------------------------------------------===//

def SConv_SubmConvOp : SConv_Op<"subm_conv", [Pure]> {
  let summary = "submanifold sparse convolution (SubMConv3d): output sites == input sites";
  let description = [{
    `out[o] = b + sum_delta W[delta] . in[o + delta * dilation]` for every input site `o`
    (OPERATORS.md). The kernel is odd per axis; weights are `[kz*ky*kx, C_in, C_out]`.

    ```mlir
    %y = sconv.subm_conv %x, %w, %b {kernel = array<i64: 3, 3, 3>, dilation = array<i64: 1, 1, 1>}
       : (!sconv.voxels<4 x f32, shape [41, 1600, 1408], stride [1, 1, 1]>, tensor<27x4x16xf32>,
          tensor<16xf32>) -> !sconv.voxels<16 x f32, shape [41, 1600, 1408], stride [1, 1, 1]>
    ```
  }];
  let arguments = (ins SConv_Voxels:$input, SConv_WeightTensor:$weight,
                       Optional<SConv_BiasTensor>:$bias,
                       DenseI64ArrayAttr:$kernel, DenseI64ArrayAttr:$dilation);
  let results = (outs SConv_Voxels:$result);
  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def SConv_ConvOp : SConv_Op<"conv", [Pure]> {
  let summary = "regular sparse convolution (SparseConv3d), strided or not";
  let description = [{
    `out[o] = b + sum_k W[k] . in[o*s - p + k*d]` over the kernel box, for every `o` in the output
    shape `floor((S + 2p - d*(k-1) - 1)/s) + 1` that has at least one active term (OPERATORS.md).

    ```mlir
    %y = sconv.conv %x, %w {kernel = array<i64: 3, 3, 3>, stride = array<i64: 2, 2, 2>,
                            padding = array<i64: 1, 1, 1>, dilation = array<i64: 1, 1, 1>}
       : (!sconv.voxels<16 x f32, shape [41, 1600, 1408], stride [1, 1, 1]>, tensor<27x16x32xf32>)
       -> !sconv.voxels<32 x f32, shape [21, 800, 704], stride [2, 2, 2]>
    ```
  }];
  let arguments = (ins SConv_Voxels:$input, SConv_WeightTensor:$weight,
                       Optional<SConv_BiasTensor>:$bias,
                       DenseI64ArrayAttr:$kernel, DenseI64ArrayAttr:$stride,
                       DenseI64ArrayAttr:$padding, DenseI64ArrayAttr:$dilation);
  let results = (outs SConv_Voxels:$result);
  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Kernel-map level (produced by --sconv-lower-to-kernel-maps)
//===----------------------------------------------------------------------===//

def SConv_KernelMapOp : SConv_Op<"kernel_map", [Pure]> {
  let summary = "build the kernel map of a conv geometry over a site set";
  let description = [{
    Finds, for each output site and each kernel offset, the input site that contributes. A
    `submanifold` map keeps the input sites as outputs; a `regular` map generates the output sites
    of a strided/padded/dilated conv. Two maps with the same input and the same attributes are the
    same map (the op is pure, so CSE shares them).

    ```mlir
    %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>,
           stride = array<i64: 1, 1, 1>, padding = array<i64: 1, 1, 1>, dilation = array<i64: 1, 1, 1>}
       : !sconv.voxels<16 x f32, shape [41, 1600, 1408], stride [1, 1, 1]> -> !sconv.kmap<27>
    ```
  }];
  let arguments = (ins SConv_Voxels:$input, SConv_MapKindAttr:$kind,
                       DenseI64ArrayAttr:$kernel, DenseI64ArrayAttr:$stride,
                       DenseI64ArrayAttr:$padding, DenseI64ArrayAttr:$dilation);
  let results = (outs SConv_KernelMap:$map);
  let assemblyFormat = "$input attr-dict `:` qualified(type($input)) `->` qualified(type($map))";
  let hasVerifier = 1;
}

def SConv_ImplicitGemmOp : SConv_Op<"implicit_gemm", [Pure]> {
  let summary = "output-stationary compute step of a conv over an explicit kernel map";
  let description = [{
    For each output site `o` of `map`: `out[o] = act(b + sum_k W[k] . in[map[o][k]])`, skipping
    absent entries. Each output row is written by exactly one thread of work: no atomics, the same
    bits every run. After codegen, `kernel` names the generated function that computes it.

    ```mlir
    %y = sconv.implicit_gemm %x, %m, %w, %b {activation = #sconv<activation none>}
       : (!sconv.voxels<4 x f32, shape [41, 1600, 1408], stride [1, 1, 1]>, !sconv.kmap<27>,
          tensor<27x4x16xf32>, tensor<16xf32>)
       -> !sconv.voxels<16 x f32, shape [41, 1600, 1408], stride [1, 1, 1]>
    ```
  }];
  let arguments = (ins SConv_Voxels:$input, SConv_KernelMap:$map, SConv_WeightTensor:$weight,
                       Optional<SConv_BiasTensor>:$bias,
                       DefaultValuedAttr<SConv_ActivationAttr, "::sconv::Activation::none">:$activation,
                       OptionalAttr<FlatSymbolRefAttr>:$kernel);
  let results = (outs SConv_Voxels:$result);
  let assemblyFormat = [{
    $input `,` $map `,` $weight (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

#endif // SCONV_OPS_TD
