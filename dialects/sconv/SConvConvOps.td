//===- SConvConvOps.td - parameters and convolutions ----------------------------------------===//
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

def SConv_SubmConvOp : SConv_Op<"subm_conv", [Pure, SConv_PreservesSites]> {
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

def SConv_InverseConvOp : SConv_Op<"inverse_conv", [Pure]> {
  let summary = "inverse convolution (SparseInverseConv3d): undoes a strided regular conv";
  let description = [{
    `%sites` is the *input* of the matching forward `sconv.conv` (same kernel, stride, padding and
    dilation), whose output sites are `%input`'s. The result lives on `%sites`'s sites and is
    computed through the forward kernel map transposed:
    `out[i] = b + sum_k W[k] . in[o]` over the `(o, k)` with `fwd[o][k] = i`.

    ```mlir
    %up = sconv.inverse_conv %down, %x, %w {kernel = array<i64: 2, 2, 2>, stride = array<i64: 2, 2, 2>,
            padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>}
        : (!sconv.voxels<64 x f32, ...>, !sconv.voxels<32 x f32, ...>, tensor<8x64x32xf32>)
        -> !sconv.voxels<32 x f32, ...>
    ```
  }];
  let arguments = (ins SConv_Voxels:$input, SConv_Voxels:$sites, SConv_WeightTensor:$weight,
                       Optional<SConv_BiasTensor>:$bias,
                       DenseI64ArrayAttr:$kernel, DenseI64ArrayAttr:$stride,
                       DenseI64ArrayAttr:$padding, DenseI64ArrayAttr:$dilation);
  let results = (outs SConv_Voxels:$result);
  let assemblyFormat = [{
    $input `,` $sites `,` $weight (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// The forward strided conv this op inverts, or null when there is none.
    ConvOp findForwardConv();
  }];
}

def SConv_ConvTransposeOp : SConv_Op<"conv_transpose", [Pure]> {
  let summary = "transposed sparse convolution (SparseConvTranspose3d)";
  let description = [{
    Output sites are generated as a dense ConvTranspose3d would: `o = i*s - p + k*d` for every
    active input `i` and kernel position `k` inside the output shape
    `(S - 1)*s - 2p + d*(k - 1) + 1 + output_padding`; `out[o] = b + sum W[k] . in[i]`.
    The result tensor stride is the input's divided by the conv stride.
  }];
  let arguments = (ins SConv_Voxels:$input, SConv_WeightTensor:$weight,
                       Optional<SConv_BiasTensor>:$bias,
                       DenseI64ArrayAttr:$kernel, DenseI64ArrayAttr:$stride,
                       DenseI64ArrayAttr:$padding, DenseI64ArrayAttr:$dilation,
                       DenseI64ArrayAttr:$output_padding);
  let results = (outs SConv_Voxels:$result);
  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def SConv_SwLkConvOp : SConv_Op<"sw_lk_conv", [Pure, SConv_PreservesSites, AttrSizedOperandSegments]> {
  let summary = "spatial-partition large-kernel convolution (LargeKernel3D SW-LK)";
  let description = [{
    A submanifold conv with an odd `kernel_size` k whose k^3 offsets share 27 weights by group
    `g(delta) = 9*seg(dz) + 3*seg(dy) + seg(dx)` (seg = 0 below, 1 at, 2 above zero), plus an
    optional position embedding `pe` `[k^3, C_in]` added to each neighbour:
    `out[o] = b + W[13] . in[o] + sum_{delta != 0} W[g(delta)] . (in[o + delta] + PE[idx(delta)])`.

    `form` chooses the lowering (`sconv-lower-to-kernel-maps`): `partition` (the default) or
    `plain`; `sconvc --sw-lk-form` and the tuning database (`sconv-choose-sw-lk-form`) set it.

    ```mlir
    %y = sconv.sw_lk_conv %x, %w pe %pe {kernel_size = 7 : i64}
       : (!sconv.voxels<16 x f32, ...>, tensor<27x16x16xf32>, tensor<343x16xf32>) -> !sconv.voxels<16 x f32, ...>
    ```
  }];
  let arguments = (ins SConv_Voxels:$input, SConv_WeightTensor:$weight,
                       Optional<TensorRankOf<[F32, F16, BF16], [2]>>:$pe,
                       Optional<SConv_BiasTensor>:$bias, I64Attr:$kernel_size,
                       OptionalAttr<SConv_SwLkFormAttr>:$form);
  let results = (outs SConv_Voxels:$result);
  let assemblyFormat = [{
    $input `,` $weight (`pe` $pe^)? (`bias` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def SConv_SpssConvOp : SConv_Op<"spss_conv", [Pure, SConv_PreservesSites, AttrSizedOperandSegments]> {
  let summary = "spatially pruned submanifold conv (SPS-Conv SPSS)";
  let description = [{
    `imp = sigmoid(mean_c |F[c]|)`; per batch sample the `floor(N_b * ratio)` lowest-importance
    sites (or those with `imp <= threshold`) are pruned. With `F' = F * imp`: important outputs get
    `b + sum W[delta] . F'[o + delta*d]`, pruned ones pass `F'[o]` through, through the optional
    per-channel affine `pt_scale * F'[o] + pt_shift` (set when a BatchNorm is folded in).
    Requires C_in == C_out. Exactly one of `ratio` (in [0, 1)) and `threshold` (in (0, 1)).
  }];
  let arguments = (ins SConv_Voxels:$input, SConv_WeightTensor:$weight,
                       Optional<SConv_BiasTensor>:$bias,
                       Optional<SConv_BiasTensor>:$pt_scale, Optional<SConv_BiasTensor>:$pt_shift,
                       DenseI64ArrayAttr:$kernel, DenseI64ArrayAttr:$dilation,
                       OptionalAttr<F64Attr>:$ratio, OptionalAttr<F64Attr>:$threshold);
  let results = (outs SConv_Voxels:$result);
  let assemblyFormat = [{
    $input `,` $weight (`bias` $bias^)? (`passthrough` `(` $pt_scale^ `,` $pt_shift `)`)? attr-dict
    `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def SConv_SprsConvOp : SConv_Op<"sprs_conv", [Pure]> {
  let summary = "spatially pruned regular (downsampling) conv (SPS-Conv SPRS)";
  let description = [{
    Same importance split of the input as `sconv.spss_conv`. Output sites: those whose kernel window
    holds an important input site, plus those whose window centre is a pruned input site; features
    from the regular-conv formula over all active inputs in the window (docs/operators-notes.md).
  }];
  let arguments = (ins SConv_Voxels:$input, SConv_WeightTensor:$weight,
                       Optional<SConv_BiasTensor>:$bias,
                       DenseI64ArrayAttr:$kernel, DenseI64ArrayAttr:$stride,
                       DenseI64ArrayAttr:$padding, DenseI64ArrayAttr:$dilation,
                       OptionalAttr<F64Attr>:$ratio, OptionalAttr<F64Attr>:$threshold);
  let results = (outs SConv_Voxels:$result);
  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def SConv_LinearOp : SConv_Op<"linear", [Pure, SConv_PreservesSites]> {
  let summary = "per-site linear layer (1x1 conv): out[o] = b + in[o] . W";
  let arguments = (ins SConv_Voxels:$input, TensorRankOf<[F32, F16, BF16], [2]>:$weight,
                       Optional<SConv_BiasTensor>:$bias);
  let results = (outs SConv_Voxels:$result);
  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}
