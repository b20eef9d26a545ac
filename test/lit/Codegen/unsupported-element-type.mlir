// RUN: sconv-opt %s --sconv-generate-kernels -verify-diagnostics

!h4 = !sconv.voxels<4 x f16, shape [?, ?, ?], stride [1, 1, 1]>
func.func @f16(%x: !h4, %m: !sconv.kmap<27>, %w: tensor<27x4x4xf16>) -> !h4 {
  // expected-error@+1 {{codegen supports f32 features so far; got 'f16'}}
  %0 = sconv.implicit_gemm %x, %m, %w : (!h4, !sconv.kmap<27>, tensor<27x4x4xf16>) -> !h4
  return %0 : !h4
}
