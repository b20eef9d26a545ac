//===- Passes.td - sconv graph-level passes ------------------------------------------------------===//
#ifndef SCONV_PASSES_TD
#define SCONV_PASSES_TD

include "mlir/Pass/PassBase.td"

def LowerToKernelMaps : Pass<"sconv-lower-to-kernel-maps", "mlir::func::FuncOp"> {
  let summary = "Make kernel maps explicit: each conv becomes a map-building step plus a compute step";
  let description = [{
    Every convolution (`subm_conv`, `conv`, `inverse_conv`, `conv_transpose`, `sw_lk_conv`,
    `linear`) becomes an `sconv.kernel_map` (which sites feed which output through which offset)
    and an `sconv.implicit_gemm` over that map. An inverse conv uses `sconv.transpose_map` of its
    forward conv's map; SW-LK becomes `sconv.partition_sum` over the k^3 map and one GEMM with the
    27 group weights over the identity map (as does `linear`), or, with `form = plain`, one GEMM
    over the k^3 map with `sconv.expand_sw_lk` weights (and `sconv.append_ones` for the position
    embedding). Submanifold maps are written
    in a canonical form (stride 1, padding 0) so that convs with the same input and geometry end up
    with identical map ops, which CSE then merges into one.

    Before:
    ```mlir
    %y = sconv.subm_conv %x, %w {kernel = array<i64: 3, 3, 3>, dilation = array<i64: 1, 1, 1>} : ...
    ```
    After:
    ```mlir
    %m = sconv.kernel_map %x {kind = #sconv<map_kind submanifold>, kernel = array<i64: 3, 3, 3>,
           stride = array<i64: 1, 1, 1>, padding = array<i64: 0, 0, 0>, dilation = array<i64: 1, 1, 1>}
    %y = sconv.implicit_gemm %x, %m, %w : ...
    ```
  }];
  let dependentDialects = ["::sconv::SConvDialect", "::mlir::tensor::TensorDialect"];
}

def FoldBatchNorm : Pass<"sconv-fold-batch-norm", "mlir::func::FuncOp"> {
  let summary = "Fold an inference BatchNorm into the conv that produces its input";
  let description = [{
    `batch_norm(conv(x, W, b))` becomes `conv(x, W', b')` with
    `(W', b') = sconv.fold_bn(W, b, gamma, beta, mean, var)`, evaluated once when the parameters
    are loaded. For SPSS the pass-through rows are not conv outputs: the BN affine is attached to
    them as `passthrough(scale, shift)`. Does not fire when the conv's result has other uses.

    Before: `%y = sconv.subm_conv %x, %w ... ; %z = sconv.batch_norm %y, %g, %b, %m, %v`
    After: `%w2, %b2 = sconv.fold_bn %w bn(%g, %b, %m, %v) ; %z = sconv.subm_conv %x, %w2, %b2`
  }];
  let dependentDialects = ["::sconv::SConvDialect"];
}

def FuseEpilogues : Pass<"sconv-fuse-epilogues", "mlir::func::FuncOp"> {
  let summary = "Fold a residual add and a ReLU into the compute step that produces the value";
  let description = [{
    `relu(add(implicit_gemm(...), r))` becomes `implicit_gemm(...) residual r {activation = relu}`:
    the intermediate never goes to memory. Does not fire when the compute step's result has other
    uses, or when an activation is already applied before the add.
  }];
  let dependentDialects = ["::sconv::SConvDialect"];
}

def ShareKernelMaps : Pass<"sconv-share-kernel-maps", "mlir::func::FuncOp"> {
  let summary = "One kernel map per (site set, geometry): what spconv users write as indice_key";
  let description = [{
    Each map is rebuilt on the value that first defined its input's site set (looking through
    site-preserving ops and compute steps over submanifold maps), and maps with the same site set,
    kind, geometry and mask are merged. An inverse conv already uses its forward map transposed.
  }];
  let dependentDialects = ["::sconv::SConvDialect"];
}

def DecomposeSps : Pass<"sconv-decompose-sps", "mlir::func::FuncOp"> {
  let summary = "Split SPSS/SPRS into importance, pruning mask, restricted conv and merge";
  let description = [{
    `spss_conv` becomes `importance` -> `prune_mask` -> `scale_by_importance` -> a submanifold
    map restricted to important outputs -> `implicit_gemm` -> `merge_pruned`, so only important
    outputs cost a GEMM row. `sprs_conv` becomes `importance` -> `prune_mask` -> an `sprs` map ->
    `implicit_gemm`.
  }];
  let dependentDialects = ["::sconv::SConvDialect"];
}

def RewriteLargeKernel : Pass<"sconv-rewrite-large-kernel", "mlir::func::FuncOp"> {
  let summary = "A k^3 SubM conv with weights constant within the 27 SW-LK groups -> sw_lk_conv";
  let description = [{
    Released LargeKernel3D checkpoints store a plain k^3 submanifold conv whose weights are the
    group means. When the weights are known (a constant) and constant within every group, the
    conv is exactly an SW-LK conv with those 27 weights and no position embedding: the rewrite
    keeps the result and cuts the GEMM cost to that of a 3^3 conv. Does not fire when any group
    holds two different weight slices, for k < 5, or for dilated convs.
  }];
  let dependentDialects = ["::sconv::SConvDialect", "::mlir::arith::ArithDialect"];
}

#endif // SCONV_PASSES_TD
