// See CpuGemm.h.
#include "runtime/CpuGemm.h"

namespace sconv::rt {

const std::vector<int32_t> &RowOrders::sorted(const KernelMap &map, ThreadPool &pool) {
  auto it = sorted_.find(&map);
  if (it == sorted_.end())
    it = sorted_.emplace(&map, maskOrder(map, pool)).first;
  return it->second;
}

const SplitOrders &RowOrders::split(const KernelMap &map, int64_t splits, ThreadPool &pool) {
  auto key = std::make_pair(&map, splits);
  auto it = split_.find(key);
  if (it == split_.end())
    it = split_.emplace(key, splitOrders(map, splits, pool)).first;
  return it->second;
}

const OffsetRows &RowOrders::byOffset(const KernelMap &map, ThreadPool &pool) {
  auto it = byOffset_.find(&map);
  if (it == byOffset_.end())
    it = byOffset_.emplace(&map, offsetRows(map, pool)).first;
  return it->second;
}

void runCpuGemm(const CpuKernelLibrary &lib, const GemmVariant &impl, const CpuGemmOperands &g,
                RowOrders &orders, ThreadPool &pool) {
  const KernelMap &map = *g.map;
  if (map.numOut == 0)
    return;
  const int64_t cap = impl.cpuThreads;
  if (impl.dataflow == "implicit_gemm_sorted")
    runImplicitGemmSorted(lib.sortedGemm(impl.kernel), g.in, g.numIn, map,
                          orders.sorted(map, pool), g.cin, g.cout, g.w, g.bias, g.residual, g.out,
                          pool, cap);
  else if (impl.dataflow == "implicit_gemm_split")
    runImplicitGemmSplit(lib.splitGemm(impl.kernel), g.in, g.numIn, map,
                         orders.split(map, impl.cpuSplits, pool), g.cin, g.cout, g.w, g.bias,
                         g.residual, g.relu, g.out, pool, cap);
  else if (impl.dataflow == "fetch_on_demand")
    runFetchOnDemand(lib.sortedGemm(impl.kernel), g.in, g.numIn, map, orders.byOffset(map, pool),
                     g.cin, g.cout, g.w, g.bias, g.residual, g.relu, g.out, pool, cap);
  else if (impl.dataflow == "gather_gemm_scatter")
    runGatherGemmScatter(lib.implicitGemm(impl.kernel), g.in, g.numIn, map,
                         orders.byOffset(map, pool), g.cin, g.cout, g.w, g.bias, g.residual, g.relu,
                         g.out, pool, cap);
  else if (impl.dataflow == "implicit_gemm")
    runImplicitGemm(lib.implicitGemm(impl.kernel), g.in, g.numIn, map, g.cin, g.cout, g.w,
                    g.bias, g.residual, g.out, pool, cap);
  else
    throw Error("unknown CPU dataflow '" + impl.dataflow + "'");
}

} // namespace sconv::rt
