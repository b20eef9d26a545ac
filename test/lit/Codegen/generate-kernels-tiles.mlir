// RUN: sconv-opt %s --sconv-generate-kernels="targets=cpu" --split-input-file -verify-diagnostics | FileCheck %s

!c4 = !sconv.voxels<4 x f32, shape [?, ?, ?], stride [1, 1, 1]>
!c13 = !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>

// A row-blocked tile: 4 rows share each weight-vector load (absent neighbours select zero), then
// the remaining rows one at a time; 8 lanes split C_out = 13 into chunks of 8 and 5.
// CHECK-LABEL: func.func @sconv_igemm_k27_c4x13_f32_r4l8(
// CHECK: %[[C4:.*]] = arith.constant 4 : index
// CHECK: %[[FULL:.*]] = arith.addi
// CHECK: scf.for %[[O0:.*]] = %{{.*}} to %[[FULL]] step %[[C4]]
// CHECK: scf.for {{.*}} -> (vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>)
// CHECK: arith.ori
// CHECK: scf.if
// CHECK-COUNT-4: arith.select
// CHECK: vector.store {{.*}} vector<5xf32>
// CHECK: scf.for %{{.*}} = %[[FULL]] to
func.func @blocked(%x: !c4, %m: !sconv.kmap<27>, %w: tensor<27x4x13xf32>) -> !c13 {
  %0 = sconv.implicit_gemm %x, %m, %w {tile_rows = 4 : i64, tile_lanes = 8 : i64} : (!c4, !sconv.kmap<27>, tensor<27x4x13xf32>) -> !c13
  return %0 : !c13
}

// -----
!c4 = !sconv.voxels<4 x f32, shape [?, ?, ?], stride [1, 1, 1]>
!c13 = !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
func.func @bad_rows(%x: !c4, %m: !sconv.kmap<27>, %w: tensor<27x4x13xf32>) -> !c13 {
  // expected-error@+1 {{invalid tile configuration: tile rows must be 1, 2, 4 or 8, got 3}}
  %0 = sconv.implicit_gemm %x, %m, %w {tile_rows = 3 : i64} : (!c4, !sconv.kmap<27>, tensor<27x4x13xf32>) -> !c13
  return %0 : !c13
}

// -----
!c64 = !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
func.func @too_many_registers(%x: !c64, %m: !sconv.kmap<27>, %w: tensor<27x64x64xf32>) -> !c64 {
  // expected-error@+1 {{tile of 8 rows x 64 lanes needs more accumulator registers than a CPU has (limit 256 floats)}}
  %0 = sconv.implicit_gemm %x, %m, %w {tile_rows = 8 : i64, tile_lanes = 64 : i64} : (!c64, !sconv.kmap<27>, tensor<27x64x64xf32>) -> !c64
  return %0 : !c64
}

// -----
// Gather-GEMM-scatter: the op names a 1-offset GEMM without epilogue; the runtime gathers, calls
// it per offset and adds bias/residual/activation. A wide layer gets fetch-on-demand from the
// heuristic: a 1-offset accumulating kernel with an order operand. The choice is written on the
// op so the plan follows it.
!c64 = !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
// CHECK-LABEL: func.func @gather
func.func @gather(%x: !c64, %m: !sconv.kmap<27>, %w: tensor<27x64x64xf32>, %b: tensor<64xf32>) -> (!c64, !c64) {
  // CHECK: sconv.implicit_gemm {{.*}}dataflow = "gather_gemm_scatter", kernel = @sconv_igemm_k1_c64x64_f32_r4l16, tile_lanes = 16 : i64, tile_rows = 4 : i64
  %0 = sconv.implicit_gemm %x, %m, %w bias %b residual %x {activation = #sconv<activation relu>, tile_rows = 4 : i64, tile_lanes = 16 : i64, dataflow = "gather_gemm_scatter"} : (!c64, !sconv.kmap<27>, tensor<27x64x64xf32>, tensor<64xf32>, !c64) -> !c64
  // CHECK: sconv.implicit_gemm {{.*}}dataflow = "fetch_on_demand", kernel = @sconv_igemm_k1_c64x64_f32_r2l32_fetch}
  %1 = sconv.implicit_gemm %x, %m, %w : (!c64, !sconv.kmap<27>, tensor<27x64x64xf32>) -> !c64
  return %0, %1 : !c64, !c64
}
// CHECK: func.func @sconv_igemm_k1_c64x64_f32_r4l16(%{{.*}}: memref<?x64xf32>, %{{.*}}: memref<?x1xi32>, %{{.*}}: memref<1x64x64xf32>
// CHECK: func.func @sconv_igemm_k1_c64x64_f32_r2l32_fetch(%{{.*}}: memref<?x64xf32>, %{{.*}}: memref<?x1xi32>, %{{.*}}: memref<1x64x64xf32>, %{{.*}}: memref<64xf32>, %{{.*}}: memref<?x64xf32>, %[[OUT:.*]]: memref<?x64xf32>, %[[ORDER:.*]]: memref<?xi32>, %{{.*}}: index, %{{.*}}: index)
// CHECK: memref.load %[[ORDER]]
// CHECK: vector.load %[[OUT]]

// -----
!c64 = !sconv.voxels<64 x f32, shape [?, ?, ?], stride [1, 1, 1]>
func.func @bad_dataflow(%x: !c64, %m: !sconv.kmap<27>, %w: tensor<27x64x64xf32>) -> !c64 {
  // expected-error@+1 {{invalid tile configuration: unknown dataflow 'im2col' (expected implicit_gemm, implicit_gemm_sorted, implicit_gemm_split, gather_gemm_scatter or fetch_on_demand)}}
  %0 = sconv.implicit_gemm %x, %m, %w {dataflow = "im2col"} : (!c64, !sconv.kmap<27>, tensor<27x64x64xf32>) -> !c64
  return %0 : !c64
}

// -----
!c4 = !sconv.voxels<4 x f32, shape [?, ?, ?], stride [1, 1, 1]>
!c13 = !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
func.func @bad_threads(%x: !c4, %m: !sconv.kmap<27>, %w: tensor<27x4x13xf32>) -> !c13 {
  // expected-error@+1 {{invalid tile configuration: threads must be 0 (all) or a power of two up to 256, got 3}}
  %0 = sconv.implicit_gemm %x, %m, %w {tile_threads = 3 : i64} : (!c4, !sconv.kmap<27>, tensor<27x4x13xf32>) -> !c13
  return %0 : !c13
}

// -----
!c4 = !sconv.voxels<4 x f32, shape [?, ?, ?], stride [1, 1, 1]>
!c13 = !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
// A thread cap alone keeps the heuristic tile and the same kernel (it is a run-time knob).
// CHECK-LABEL: func.func @threads_only
// CHECK: kernel = @sconv_igemm_k27_c4x13_f32_r1l16, tile_threads = 1 : i64
func.func @threads_only(%x: !c4, %m: !sconv.kmap<27>, %w: tensor<27x4x13xf32>) -> !c13 {
  %0 = sconv.implicit_gemm %x, %m, %w {tile_threads = 1 : i64} : (!c4, !sconv.kmap<27>, tensor<27x4x13xf32>) -> !c13
  return %0 : !c13
}

// -----
// Mask splitting: one accumulating kernel over all 27 offsets that takes its offset range and row
// order as operands; both split counts share it (the count is a run-time knob, kept on the op).
!c4 = !sconv.voxels<4 x f32, shape [?, ?, ?], stride [1, 1, 1]>
!c13 = !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
// CHECK-LABEL: func.func @split
func.func @split(%x: !c4, %m: !sconv.kmap<27>, %w: tensor<27x4x13xf32>, %b: tensor<13xf32>) -> (!c13, !c13) {
  // CHECK: dataflow = "implicit_gemm_split", kernel = @[[K:sconv_igemm_k27_c4x13_f32_r2l16_split]], tile_lanes = 16 : i64, tile_rows = 2 : i64, tile_splits = 2 : i64
  %0 = sconv.implicit_gemm %x, %m, %w bias %b {activation = #sconv<activation relu>, tile_rows = 2 : i64, tile_lanes = 16 : i64, dataflow = "implicit_gemm_split", tile_splits = 2 : i64} : (!c4, !sconv.kmap<27>, tensor<27x4x13xf32>, tensor<13xf32>) -> !c13
  // CHECK: kernel = @[[K]], tile_lanes = 16 : i64, tile_rows = 2 : i64, tile_splits = 3 : i64
  %1 = sconv.implicit_gemm %x, %m, %w {tile_rows = 2 : i64, tile_lanes = 16 : i64, dataflow = "implicit_gemm_split", tile_splits = 3 : i64} : (!c4, !sconv.kmap<27>, tensor<27x4x13xf32>) -> !c13
  return %0, %1 : !c13, !c13
}
// The row block's offset loop runs from the kBegin operand to the kEnd operand; accumulators start
// from the output rows (bias and ReLU are the runtime's, after the last range).
// CHECK: func.func @[[K]](%{{.*}}: memref<?x4xf32>, %{{.*}}: memref<?x27xi32>, %{{.*}}: memref<27x4x13xf32>, %{{.*}}: memref<13xf32>, %{{.*}}: memref<?x13xf32>, %[[OUT:.*]]: memref<?x13xf32>, %[[ORDER:.*]]: memref<?xi32>, %[[KB:.*]]: index, %[[KE:.*]]: index, %{{.*}}: index, %{{.*}}: index)
// CHECK: memref.load %[[ORDER]]
// CHECK: vector.load %[[OUT]]
// CHECK: scf.for %{{.*}} = %[[KB]] to %[[KE]]
// CHECK-NOT: arith.maximumf
// CHECK: return
// CHECK-NOT: @sconv_igemm_k27_c4x13_f32_r2l16_split

// -----
!c4 = !sconv.voxels<4 x f32, shape [?, ?, ?], stride [1, 1, 1]>
!c13 = !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
func.func @split_one_range(%x: !c4, %m: !sconv.kmap<27>, %w: tensor<27x4x13xf32>) -> !c13 {
  // expected-error@+1 {{invalid tile configuration: mask splitting needs 2 to 8 offset ranges, at most the kernel's 27 offsets; got 1}}
  %0 = sconv.implicit_gemm %x, %m, %w {tile_rows = 2 : i64, dataflow = "implicit_gemm_split", tile_splits = 1 : i64} : (!c4, !sconv.kmap<27>, tensor<27x4x13xf32>) -> !c13
  return %0 : !c13
}

// -----
!c4 = !sconv.voxels<4 x f32, shape [?, ?, ?], stride [1, 1, 1]>
!c13 = !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
func.func @split_more_ranges_than_offsets(%x: !c4, %m: !sconv.kmap<1>, %w: tensor<1x4x13xf32>) -> !c13 {
  // expected-error@+1 {{invalid tile configuration: mask splitting needs 2 to 8 offset ranges, at most the kernel's 1 offsets; got 2}}
  %0 = sconv.implicit_gemm %x, %m, %w {dataflow = "implicit_gemm_split", tile_splits = 2 : i64} : (!c4, !sconv.kmap<1>, tensor<1x4x13xf32>) -> !c13
  return %0 : !c13
}

// -----
!c4 = !sconv.voxels<4 x f32, shape [?, ?, ?], stride [1, 1, 1]>
!c13 = !sconv.voxels<13 x f32, shape [?, ?, ?], stride [1, 1, 1]>
func.func @splits_without_splitting(%x: !c4, %m: !sconv.kmap<27>, %w: tensor<27x4x13xf32>) -> !c13 {
  // expected-error@+1 {{invalid tile configuration: splits (2) is a knob of implicit_gemm_split only, not of implicit_gemm_sorted}}
  %0 = sconv.implicit_gemm %x, %m, %w {tile_rows = 2 : i64, dataflow = "implicit_gemm_sorted", tile_splits = 2 : i64} : (!c4, !sconv.kmap<27>, tensor<27x4x13xf32>) -> !c13
  return %0 : !c13
}

// -----
// A 1-offset kernel wider than 256 input channels makes one pass over its rows per block of 256
// (600 = 256 + 256 + 88): the first pass starts from the bias, later ones from the output row;
// the epilogue (ReLU) comes after the last pass only. A 256-wide one makes a single pass.
!c600 = !sconv.voxels<600 x f32, shape [?, ?, ?], stride [1, 1, 1]>
!c256 = !sconv.voxels<256 x f32, shape [?, ?, ?], stride [1, 1, 1]>
!c40 = !sconv.voxels<40 x f32, shape [?, ?, ?], stride [1, 1, 1]>
// CHECK-LABEL: func.func @sconv_igemm_k1_c256x40_f32_bias_relu_r2l8(
// CHECK-NOT: arith.minsi
// CHECK: return
// CHECK-LABEL: func.func @sconv_igemm_k1_c600x40_f32_bias_relu_r2l8(
// CHECK-DAG: %[[C256:.*]] = arith.constant 256 : index
// CHECK-DAG: %[[C600:.*]] = arith.constant 600 : index
// CHECK: scf.for %[[LO:.*]] = %{{.*}} to %[[C600]] step %[[C256]]
// CHECK: %[[NEXT:.*]] = arith.addi %[[LO]], %[[C256]]
// CHECK: %[[HI:.*]] = arith.minsi %[[NEXT]], %[[C600]]
// CHECK: %[[FIRST:.*]] = arith.cmpi eq, %[[LO]]
// CHECK: %[[LAST:.*]] = arith.cmpi sge, %[[NEXT]], %[[C600]]
// CHECK: scf.if %[[FIRST]] -> (vector<8xf32>)
// CHECK: vector.load %arg3
// CHECK: } else {
// CHECK: vector.load %arg5
// CHECK: scf.for %{{.*}} = %[[LO]] to %[[HI]]
// CHECK: scf.if %[[LAST]] {
// CHECK: arith.maximumf
// CHECK: } else {
// CHECK: vector.store
func.func @channel_passes(%x: !c600, %y: !c256, %m: !sconv.kmap<1>, %w: tensor<1x600x40xf32>, %w2: tensor<1x256x40xf32>, %b: tensor<40xf32>) -> (!c40, !c40) {
  %0 = sconv.implicit_gemm %y, %m, %w2 bias %b {activation = #sconv<activation relu>, tile_rows = 2 : i64, tile_lanes = 8 : i64} : (!c256, !sconv.kmap<1>, tensor<1x256x40xf32>, tensor<40xf32>) -> !c40
  %1 = sconv.implicit_gemm %x, %m, %w bias %b {activation = #sconv<activation relu>, tile_rows = 2 : i64, tile_lanes = 8 : i64} : (!c600, !sconv.kmap<1>, tensor<1x600x40xf32>, tensor<40xf32>) -> !c40
  return %0, %1 : !c40, !c40
}
