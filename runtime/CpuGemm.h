// An ImplicitGemm step on the CPU: the dataflow a plan (or the tuner) chose, run over a map with
// the row orders it needs, computed once per map and shared by the convs on that map.
#pragma once
#include "runtime/CpuKernels.h"
#include "runtime/MaskOrder.h"
#include "runtime/Plan.h"

#include <map>
#include <utility>

namespace sconv::rt {

/// The row orders of the mask-sorted and per-offset dataflows, per map (and split count), for one
/// run.
class RowOrders {
public:
  const std::vector<int32_t> &sorted(const KernelMap &map, ThreadPool &pool);
  const SplitOrders &split(const KernelMap &map, int64_t splits, ThreadPool &pool);
  /// The map by offset, for the per-offset dataflows (fetch-on-demand, gather-GEMM-scatter).
  const OffsetRows &byOffset(const KernelMap &map, ThreadPool &pool);

private:
  std::map<const KernelMap *, std::vector<int32_t>> sorted_;
  std::map<std::pair<const KernelMap *, int64_t>, SplitOrders> split_;
  std::map<const KernelMap *, OffsetRows> byOffset_;
};

/// The operands of one step: in (numIn x cin), map, w (volume x cin x cout), bias and residual
/// (null when absent), relu, out (map.numOut x cout, overwritten).
struct CpuGemmOperands {
  const float *in = nullptr;
  int64_t numIn = 0;
  const KernelMap *map = nullptr;
  int64_t cin = 0, cout = 0;
  const float *w = nullptr, *bias = nullptr, *residual = nullptr;
  bool relu = false;
  float *out = nullptr;
};

/// Runs `impl` (kernel, dataflow, thread cap, splits) from `lib` on `ops`.
void runCpuGemm(const CpuKernelLibrary &lib, const GemmVariant &impl, const CpuGemmOperands &ops,
                RowOrders &orders, ThreadPool &pool);

} // namespace sconv::rt
