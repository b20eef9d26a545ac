//===- Passes.td - sconv graph-level passes ------------------------------------------------------===//
#ifndef SCONV_PASSES_TD
#define SCONV_PASSES_TD

include "mlir/Pass/PassBase.td"

def LowerToKernelMaps : Pass<"sconv-lower-to-kernel-maps", "mlir::func::FuncOp"> {
  let summary = "Make kernel maps explicit: each conv becomes a map-building step plus a compute step";
  let description = [{
    `sconv.subm_conv` and `sconv.conv` become an `sconv.kernel_map` (which sites feed which output
    through which offset) and an `sconv.implicit_gemm` over that map. Submanifold maps are written
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
  let dependentDialects = ["::sconv::SConvDialect"];
}

#endif // SCONV_PASSES_TD
