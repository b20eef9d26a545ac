// The kernel-map geometries both the CPU map tests (KernelMapTest.cpp) and the GPU map tests
// (GpuKernelMapTest.cpp) run: submanifold and regular convs of every kind of kernel, stride,
// padding and dilation, on random clouds of the given shape, size and batch.
#pragma once
#include "test/reference/TestTensors.h"

#include <ostream>
#include <vector>

namespace sconv::ref {

struct MapCase {
  const char *name;
  rt::ConvGeometry g;
  rt::Int3 shape;
  int64_t sites;
  int32_t batch;
};

/// Every case; `withExtremes` adds a huge dilation and a single-site cloud.
inline std::vector<MapCase> mapCases(bool withExtremes = true) {
  const rt::ConvKind S = rt::ConvKind::Submanifold, R = rt::ConvKind::Regular;
  std::vector<MapCase> cases = {
      {"subm_k3", geom(S, {3, 3, 3}), {12, 14, 16}, 600, 1},
      {"subm_k3_dense", geom(S, {3, 3, 3}), {6, 7, 8}, 300, 1},
      {"subm_k5_batch2", geom(S, {5, 5, 5}), {10, 12, 9}, 500, 2},
      {"subm_k3_dil2", geom(S, {3, 3, 3}, {1, 1, 1}, {0, 0, 0}, {2, 2, 2}), {10, 10, 10}, 400, 1},
      {"subm_k1", geom(S, {1, 1, 1}), {5, 5, 5}, 50, 1},
      {"subm_aniso_315", geom(S, {3, 1, 5}), {8, 9, 10}, 300, 2},
      {"reg_k2_s2", geom(R, {2, 2, 2}, {2, 2, 2}), {12, 14, 16}, 500, 1},
      {"reg_k2_s1", geom(R, {2, 2, 2}), {8, 8, 8}, 150, 1},
      {"reg_k3_s1", geom(R, {3, 3, 3}), {10, 10, 10}, 200, 1},
      {"reg_k3_s1_p1", geom(R, {3, 3, 3}, {1, 1, 1}, {1, 1, 1}), {10, 10, 10}, 200, 2},
      {"reg_k3_s2_p1", geom(R, {3, 3, 3}, {2, 2, 2}, {1, 1, 1}), {11, 13, 12}, 500, 2},
      {"reg_k3_s2_p1_dense", geom(R, {3, 3, 3}, {2, 2, 2}, {1, 1, 1}), {7, 6, 5}, 150, 1},
      {"reg_k5_s1_p2", geom(R, {5, 5, 5}, {1, 1, 1}, {2, 2, 2}), {9, 9, 9}, 120, 1},
      {"reg_k3_s2_p1_d2", geom(R, {3, 3, 3}, {2, 2, 2}, {1, 1, 1}, {2, 2, 2}), {14, 12, 13}, 400,
       2},
      {"reg_k3_s2_p2_d2", geom(R, {3, 3, 3}, {2, 2, 2}, {2, 2, 2}, {2, 2, 2}), {9, 10, 11}, 300, 1},
      {"reg_aniso_311_s211", geom(R, {3, 1, 1}, {2, 1, 1}), {41, 16, 14}, 700, 2},
      {"reg_k3_s3", geom(R, {3, 3, 3}, {3, 3, 3}), {12, 12, 12}, 300, 1},
      {"reg_k1_s2", geom(R, {1, 1, 1}, {2, 2, 2}), {9, 9, 9}, 200, 1},
      {"reg_k2_s3_gaps", geom(R, {2, 2, 2}, {3, 3, 3}), {12, 12, 12}, 300, 1},
      {"reg_mixed", geom(R, {3, 2, 1}, {1, 2, 3}, {1, 0, 0}, {2, 1, 1}), {10, 11, 12}, 400, 2},
  };
  if (withExtremes) {
    cases.push_back({"subm_k7_huge_dilation",
                     geom(S, {7, 7, 7}, {1, 1, 1}, {0, 0, 0}, {1 << 20, 70000, 1}), {6, 6, 6}, 150,
                     1});
    cases.push_back({"reg_single_site", geom(R, {3, 3, 3}, {2, 2, 2}, {1, 1, 1}), {5, 5, 5}, 1, 1});
  }
  return cases;
}

// gtest prints parameters in test listings; the name is what tells cases apart.
inline void PrintTo(const MapCase &c, std::ostream *os) { *os << c.name; }

/// A transposed conv (SparseConvTranspose3d) case: geometry as written on the transposed conv,
/// its output padding, and a two-sample cloud (twoSampleCloud) of n0 + n1 sites in `shape`. The
/// CPU map tests (RuntimeOpsTest.cpp) and the GPU ones (GpuMaskedMapTest.cpp) run them all.
struct TransposedConvCase {
  const char *name;
  rt::ConvGeometry g;
  rt::Int3 outputPadding;
  rt::Int3 shape;
  int64_t n0, n1;
};
inline void PrintTo(const TransposedConvCase &c, std::ostream *os) { *os << c.name; }

inline std::vector<TransposedConvCase> transposedConvCases() {
  const rt::ConvKind R = rt::ConvKind::Regular;
  return {
      {"k2s2_small", geom(R, {2, 2, 2}, {2, 2, 2}), {0, 0, 0}, {5, 6, 7}, 40, 10},
      {"k2s2", geom(R, {2, 2, 2}, {2, 2, 2}), {0, 0, 0}, {12, 14, 16}, 1200, 600},
      {"k3s2p1_op1", geom(R, {3, 3, 3}, {2, 2, 2}, {1, 1, 1}), {1, 1, 1}, {10, 11, 12}, 700, 900},
      {"k3s2p1_op0", geom(R, {3, 3, 3}, {2, 2, 2}, {1, 1, 1}), {0, 0, 0}, {10, 11, 12}, 500, 300},
      {"k3s2p1_large", geom(R, {3, 3, 3}, {2, 2, 2}, {1, 1, 1}), {1, 1, 1}, {21, 40, 40}, 3000,
       2000},
      {"k3s1p1", geom(R, {3, 3, 3}, {1, 1, 1}, {1, 1, 1}), {0, 0, 0}, {9, 9, 9}, 200, 250},
      {"k3s2_nopad_mixed_op", geom(R, {3, 3, 3}, {2, 2, 2}), {1, 0, 1}, {8, 9, 10}, 300, 200},
      {"k3s2p1d2_op1", geom(R, {3, 3, 3}, {2, 2, 2}, {1, 1, 1}, {2, 2, 2}), {1, 1, 1}, {9, 9, 9},
       300, 100},
      {"aniso_k312_s312", geom(R, {3, 1, 2}, {3, 1, 2}, {1, 0, 0}), {2, 0, 1}, {9, 10, 11}, 300,
       300},
  };
}

} // namespace sconv::ref
