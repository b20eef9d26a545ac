//===- SConvPointwiseOps.td - per-site ops: BN, ReLU, add, concat, to_dense ------------------===//

def SConv_BatchNormOp : SConv_Op<"batch_norm", [Pure, SConv_PreservesSites]> {
  let summary = "inference BatchNorm per channel: (x - mean) / sqrt(var + eps) * gamma + beta";
  let description = [{
    ```mlir
    %y = sconv.batch_norm %x, %gamma, %beta, %mean, %var {epsilon = 1.0e-03 : f64}
       : (!sconv.voxels<16 x f32, ...>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>)
       -> !sconv.voxels<16 x f32, ...>
    ```
    `--sconv-fold-batch-norm` folds it into the conv that produces `%x`.
  }];
  let arguments = (ins SConv_Voxels:$input, SConv_BiasTensor:$gamma, SConv_BiasTensor:$beta,
                       SConv_BiasTensor:$mean, SConv_BiasTensor:$var,
                       DefaultValuedAttr<F64Attr, "1e-3">:$epsilon);
  let results = (outs SConv_Voxels:$result);
  let assemblyFormat = [{
    $input `,` $gamma `,` $beta `,` $mean `,` $var attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def SConv_ReluOp : SConv_Op<"relu", [Pure, SConv_PreservesSites, SameOperandsAndResultType]> {
  let summary = "max(x, 0) per feature";
  let arguments = (ins SConv_Voxels:$input);
  let results = (outs SConv_Voxels:$result);
  let assemblyFormat = "$input attr-dict `:` qualified(type($result))";
}

def SConv_AddOp : SConv_Op<"add", [Pure, SConv_PreservesSites, SameOperandsAndResultType]> {
  let summary = "residual add of two tensors on the same sites";
  let arguments = (ins SConv_Voxels:$lhs, SConv_Voxels:$rhs);
  let results = (outs SConv_Voxels:$result);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` qualified(type($result))";
  let hasVerifier = 1;
}

def SConv_ConcatOp : SConv_Op<"concat", [Pure, SConv_PreservesSites]> {
  let summary = "channel concat of two tensors on the same sites (U-Net skips)";
  let arguments = (ins SConv_Voxels:$lhs, SConv_Voxels:$rhs);
  let results = (outs SConv_Voxels:$result);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def SConv_AppendOnesOp : SConv_Op<"append_ones", [Pure, SConv_PreservesSites]> {
  let summary = "the input's channels followed by one channel of 1.0 at every site";
  let description = [{
    The constant channel of SW-LK's plain form: a GEMM weight row on it adds a per-offset vector
    for every present neighbour (the position embedding's contribution, `sconv.expand_sw_lk`).
  }];
  let arguments = (ins SConv_Voxels:$input);
  let results = (outs SConv_Voxels:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def SConv_ToDenseOp : SConv_Op<"to_dense", [Pure]> {
  let summary = "scatter into a dense BEV map [B, C*D, H, W] (channel index c*D + z)";
  let arguments = (ins SConv_Voxels:$input);
  let results = (outs TensorRankOf<[F32, F16, BF16], [4]>:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}
