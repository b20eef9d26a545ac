//===- SConvKernelOps.td - the kernel-map level -------------------------------------------===//
// Kernel-map level (produced by --sconv-lower-to-kernel-maps)
//===----------------------------------------------------------------------===//

def SConv_KernelMapOp : SConv_Op<"kernel_map", [Pure]> {
  let summary = "build the kernel map of a conv geometry over a site set";
  let description = [{
    Finds, for each output site and each kernel offset, the input site that contributes. A
    `submanifold` map keeps the input sites as outputs (only the sites whose `mask` is nonzero,
    when a mask is given: SPSS computes important outputs only); a `regular` map generates the
    output sites of a strided/padded/dilated conv; `transposed` those of a transposed conv
    (with `output_padding`); `sprs` those of an SPRS conv (`mask` marks the important inputs). Two maps with the same input and the same attributes are the
    same map (the op is pure, so CSE shares them).

    ```mlir
    %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>,
           stride = array<i64: 1, 1, 1>, padding = array<i64: 1, 1, 1>, dilation = array<i64: 1, 1, 1>}
       : !sconv.voxels<16 x f32, shape [41, 1600, 1408], stride [1, 1, 1]> -> !sconv.kmap<27>
    ```
  }];
  let arguments = (ins SConv_Voxels:$input, Optional<SConv_Voxels>:$mask, SConv_MapKindAttr:$kind,
                       DenseI64ArrayAttr:$kernel, DenseI64ArrayAttr:$stride,
                       DenseI64ArrayAttr:$padding, DenseI64ArrayAttr:$dilation,
                       OptionalAttr<DenseI64ArrayAttr>:$output_padding);
  let results = (outs SConv_KernelMap:$map);
  let assemblyFormat = [{
    $input (`mask` $mask^ `:` qualified(type($mask)))? attr-dict `:` qualified(type($input))
    `->` qualified(type($map))
  }];
  let hasVerifier = 1;
}

def SConv_ImplicitGemmOp : SConv_Op<"implicit_gemm", [Pure, AttrSizedOperandSegments]> {
  let summary = "output-stationary compute step of a conv over an explicit kernel map";
  let description = [{
    For each output site `o` of `map`: `out[o] = act(b + sum_k W[k] . in[map[o][k]] + res[o])`,
    skipping absent entries; `residual` (on the map's output sites) and `activation` form the fused
    epilogue. `tile_rows` and `tile_lanes` choose the CPU tiling (output rows computed together so
    one weight load serves all of them, and C_out lanes per accumulator vector); absent, codegen
    uses its heuristic (codegen/KernelConfig.h); `sconvc --tuning-db` sets them from measurements.
    `dataflow = "gather_gemm_scatter"` computes the same result offset by offset (gather, GEMM with
    the offset's weight slice, scatter-add); `kernel` then names a 1-offset GEMM kernel. Each output row is written by exactly one thread of work: no atomics, the same
    bits every run. After codegen, `kernel` names the generated function that computes it.
    `tile_threads` caps the CPU threads the step runs on (0 or absent: the whole pool).
    `dataflow = "implicit_gemm_split"` with `tile_splits = s` is mask splitting: the offsets in s
    contiguous ranges, each a mask-sorted pass over the rows with a neighbour in that range
    (codegen/KernelConfig.h); `kernel` then takes the offset range as operands.
    `tile_variants` (from a tuning database that measured this conv class at several map sizes)
    lists CPU tiles by size: `{size_bucket = b, tile_rows, tile_lanes[, dataflow][, tile_threads]
    [, tile_splits]}`
    with b = floor(log2(output rows)); the runtime runs the variant whose bucket is nearest the
    actual map's (codegen adds each variant's `kernel`). The plain tile attributes are the
    variant used when the plan has no sizes (and the heuristic's fallback).
    `gpu_tile = array<i64: threads_cout, threads_rows, rows_per_thread>` chooses the GPU tiling
    (codegen/KernelConfig.h, `GpuTile`); after GPU codegen `gpu_kernel` names the generated
    `gpu.func` (its launch uses a block of `threads_cout * threads_rows` threads).
    `gpu_dataflow = "fetch_on_demand"` runs the step on the GPU offset by offset (a 1-offset
    accumulating kernel per offset's pairs) instead of as one output-stationary kernel;
    `"implicit_gemm_sorted"` runs the output-stationary kernel over the rows sorted by neighbour
    mask on the device; `"implicit_gemm_split"` with `gpu_splits = s` is mask splitting on the GPU
    (s offset ranges, each a launch over the rows sorted by their mask in that range).
    `gpu_precision = "f16"` or `"bf16"` runs the step's GPU kernel on tensor cores (`mma.sync`
    m16n8k16): inputs and weights rounded to that type as they are loaded, products accumulated in
    f32, the epilogue and the stored features f32; `gpu_tile` is then `[cout_per_warp, warps,
    rows_per_warp]`, and `gpu_stages = P` (1 to 4, default 1) software-pipelines it: the loads of
    the next P - 1 (offset, 16-channel) steps are in flight during each step's mma (the same bits
    as P = 1). Absent or `"f32"`: the SIMT f32 kernel. `gpu_instruction = "wgmma"` (with f16 or
    bf16; sm_90a only) runs it as warpgroup-wide `wgmma.mma_async` m64nNk16 with the weights
    staged in shared memory (`gpu_tile` then `[n, 4, rows_per_warp]`, one warpgroup per block,
    `gpu_stages` 2 to 4); absent or `"mma_sync"`: `mma.sync`.

    ```mlir
    %y = sconv.implicit_gemm %x, %m, %w bias %b {activation = #sconv<activation none>}
       : (!sconv.voxels<4 x f32, shape [41, 1600, 1408], stride [1, 1, 1]>, !sconv.kmap<27>,
          tensor<27x4x16xf32>, tensor<16xf32>)
       -> !sconv.voxels<16 x f32, shape [41, 1600, 1408], stride [1, 1, 1]>
    ```
  }];
  let arguments = (ins SConv_Voxels:$input, SConv_KernelMap:$map, SConv_WeightTensor:$weight,
                       Optional<SConv_BiasTensor>:$bias, Optional<SConv_Voxels>:$residual,
                       DefaultValuedAttr<SConv_ActivationAttr, "::sconv::Activation::none">:$activation,
                       OptionalAttr<FlatSymbolRefAttr>:$kernel,
                       OptionalAttr<I64Attr>:$tile_rows, OptionalAttr<I64Attr>:$tile_lanes,
                       OptionalAttr<StrAttr>:$dataflow, OptionalAttr<I64Attr>:$tile_threads,
                       OptionalAttr<I64Attr>:$tile_splits,
                       OptionalAttr<DictArrayAttr>:$tile_variants,
                       OptionalAttr<FlatSymbolRefAttr>:$gpu_kernel,
                       OptionalAttr<DenseI64ArrayAttr>:$gpu_tile,
                       OptionalAttr<StrAttr>:$gpu_dataflow,
                       OptionalAttr<I64Attr>:$gpu_splits,
                       OptionalAttr<StrAttr>:$gpu_precision,
                       OptionalAttr<I64Attr>:$gpu_stages,
                       OptionalAttr<StrAttr>:$gpu_instruction);
  let results = (outs SConv_Voxels:$result);
  let builders = [
    // The unfused, untiled step: no residual, no activation, codegen's heuristics decide.
    OpBuilder<(ins "::mlir::Type":$result, "::mlir::Value":$input, "::mlir::Value":$map,
                   "::mlir::Value":$weight, "::mlir::Value":$bias), [{
      build($_builder, $_state, result, input, map, weight, bias, ::mlir::Value(),
            ActivationAttr::get($_builder.getContext(), Activation::none),
            ::mlir::FlatSymbolRefAttr(), ::mlir::IntegerAttr(), ::mlir::IntegerAttr(),
            ::mlir::StringAttr(), ::mlir::IntegerAttr(), ::mlir::IntegerAttr(),
            ::mlir::ArrayAttr(),
            ::mlir::FlatSymbolRefAttr(), ::mlir::DenseI64ArrayAttr(), ::mlir::StringAttr(),
            ::mlir::IntegerAttr(), ::mlir::StringAttr(), ::mlir::IntegerAttr(),
            ::mlir::StringAttr());
    }]>];
  let assemblyFormat = [{
    $input `,` $map `,` $weight (`bias` $bias^)? (`residual` $residual^)? attr-dict `:`
    functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def SConv_TransposeMapOp : SConv_Op<"transpose_map", [Pure]> {
  let summary = "the transpose of a kernel map (an inverse conv reuses its forward conv's map)";
  let description = [{
    Output sites of the result are the input sites of `%map`; `t[i][k] = o` where `map[o][k] = i`.
  }];
  let arguments = (ins SConv_KernelMap:$map);
  let results = (outs SConv_KernelMap:$result);
  let assemblyFormat = "$map attr-dict `:` qualified(type($map)) `->` qualified(type($result))";
  let hasVerifier = 1;
}

def SConv_PartitionSumOp : SConv_Op<"partition_sum", [Pure, SConv_PreservesSites]> {
  let summary = "SW-LK gather: per site and per group, the sum of the group's neighbours (+ PE)";
  let description = [{
    With a submanifold `k^3` map: `G[o][13] = in[o]`, and for each other group g
    `G[o][g] = sum_{delta in g, map[o][delta] >= 0} (in[map[o][delta]] + PE[delta])`. The result
    has `27 * C_in` channels in `[g][c]` order, so a `[27 * C_in, C_out]` GEMM finishes the SW-LK
    conv: the GEMM cost of a 3^3 conv with the gather cost of a k^3 one.
      After GPU codegen, `gpu_kernel` names its generated `gpu.func` (codegen/GpuPartitionSumKernel.h).
  }];
  let arguments = (ins SConv_Voxels:$input, SConv_KernelMap:$map,
                       Optional<TensorRankOf<[F32, F16, BF16], [2]>>:$pe, I64Attr:$kernel_size,
                       OptionalAttr<FlatSymbolRefAttr>:$gpu_kernel);
  let results = (outs SConv_Voxels:$result);
  let assemblyFormat = [{
    $input `,` $map (`pe` $pe^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def SConv_ImportanceOp : SConv_Op<"importance", [Pure, SConv_PreservesSites]> {
  let summary = "SPS-Conv importance statistic m = mean_c |F[c]| per site (imp = sigmoid(m))";
  let description = [{
    One channel: `m`, summed in channel order in fp32 so that it is bit-identical on every backend
    (pruning decisions are made on `m`; see docs/operators-notes.md).
  }];
  let arguments = (ins SConv_Voxels:$input);
  let results = (outs SConv_Voxels:$result);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def SConv_PruneMaskOp : SConv_Op<"prune_mask", [Pure, SConv_PreservesSites]> {
  let summary = "1 for important sites, 0 for pruned ones (top-k per sample, or threshold)";
  let arguments = (ins SConv_Voxels:$importance, OptionalAttr<F64Attr>:$ratio,
                       OptionalAttr<F64Attr>:$threshold);
  let results = (outs SConv_Voxels:$result);
  let assemblyFormat = "$importance attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def SConv_ScaleByImportanceOp : SConv_Op<"scale_by_importance", [Pure, SConv_PreservesSites]> {
  let summary = "F' = F * sigmoid(m) per site";
  let arguments = (ins SConv_Voxels:$input, SConv_Voxels:$importance);
  let results = (outs SConv_Voxels:$result);
  let assemblyFormat = "$input `,` $importance attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def SConv_MergePrunedOp : SConv_Op<"merge_pruned", [Pure, SConv_PreservesSites, AttrSizedOperandSegments]> {
  let summary = "SPSS merge: computed rows at important sites, pass-through rows at pruned ones";
  let description = [{
    The result lives on `%passthrough`'s sites: where `%mask` is 1 it takes the row of `%computed`
    (whose sites are exactly the important ones, in order), elsewhere `scale * F' + shift` (or F'
    when no affine is given).
  }];
  let arguments = (ins SConv_Voxels:$passthrough, SConv_Voxels:$computed, SConv_Voxels:$mask,
                       Optional<SConv_BiasTensor>:$scale, Optional<SConv_BiasTensor>:$shift);
  let results = (outs SConv_Voxels:$result);
  let assemblyFormat = [{
    $passthrough `,` $computed `,` $mask (`affine` `(` $scale^ `,` $shift `)`)? attr-dict `:`
    functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Parameter-time ops: evaluated once when weights are loaded, not per frame
//===----------------------------------------------------------------------===//

def SConv_FoldBatchNormOp : SConv_Op<"fold_bn", [Pure]> {
  let summary = "weights and bias of a conv with the following BatchNorm folded in";
  let description = [{
    `scale = gamma / sqrt(var + eps)`; `W'[..., c] = W[..., c] * scale[c]`;
    `b'[c] = (b[c] - mean[c]) * scale[c] + beta[c]` (b = 0 when absent). The runtime evaluates it
    when parameters are set, so the per-frame graph only sees a conv with bias.
  }];
  let arguments = (ins AnyRankedTensor:$weight, Optional<SConv_BiasTensor>:$bias,
                       SConv_BiasTensor:$gamma, SConv_BiasTensor:$beta, SConv_BiasTensor:$mean,
                       SConv_BiasTensor:$var, DefaultValuedAttr<F64Attr, "1e-3">:$epsilon);
  let results = (outs AnyRankedTensor:$folded_weight, SConv_BiasTensor:$folded_bias);
  let assemblyFormat = [{
    $weight (`bias` $bias^)? `bn` `(` $gamma `,` $beta `,` $mean `,` $var `)` attr-dict `:`
    functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def SConv_BatchNormAffineOp : SConv_Op<"bn_affine", [Pure]> {
  let summary = "a BatchNorm as scale and shift: scale = gamma / sqrt(var + eps), shift = beta - mean * scale";
  let arguments = (ins SConv_BiasTensor:$gamma, SConv_BiasTensor:$beta, SConv_BiasTensor:$mean,
                       SConv_BiasTensor:$var, DefaultValuedAttr<F64Attr, "1e-3">:$epsilon);
  let results = (outs SConv_BiasTensor:$scale, SConv_BiasTensor:$shift);
  let assemblyFormat = [{
    $gamma `,` $beta `,` $mean `,` $var attr-dict `:` functional-type(operands, results)
  }];
}

def SConv_ExpandSwLkOp : SConv_Op<"expand_sw_lk", [Pure]> {
  let summary = "SW-LK's 27 group weights (and position embedding) as a plain k^3 conv weight";
  let description = [{
    `W'[d][c][:] = W[g(d)][c][:]` for every offset d of the k^3 kernel and input channel c; with a
    position embedding one more input row per offset, `W'[d][C_in][:] =
    sum_c PE[d][c] * W[g(d)][c][:]` (zero at the centre, which takes no embedding), the weight of
    the constant-one channel of `sconv.append_ones`. Summed in double and rounded once. Evaluated
    when parameters are set, like `fold_bn`.
  }];
  let arguments = (ins SConv_WeightTensor:$weight, Optional<TensorRankOf<[F32, F16, BF16], [2]>>:$pe,
                       I64Attr:$kernel_size);
  let results = (outs SConv_WeightTensor:$result);
  let assemblyFormat = [{
    $weight (`pe` $pe^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}
