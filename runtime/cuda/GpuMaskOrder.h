// The GEMM dataflows' row orders on the GPU (kernels/MaskOrder.cu), built where the map's table
// lives, so no table travels to the host for them: rows sorted by neighbour mask (the
// implicit_gemm_sorted and implicit_gemm_split dataflows) and the map by offset
// (fetch-on-demand).
#pragma once
#include "runtime/cuda/GpuConvLaunch.h"
#include "runtime/cuda/GpuContext.h"

namespace sconv::rt {

/// The n output rows of a map whose device table `nbr` has `volume` entries per row, sorted by
/// their neighbour mask over offsets [kBegin, kEnd) (runtime/MaskOrder.h's order, rows without a
/// neighbour in the range included, first): n int32 row numbers on the device.
DeviceBuffer maskOrderOnDevice(GpuContext &ctx, DevPtr<int32_t> nbr, int64_t n, int64_t volume,
                               int64_t kBegin, int64_t kEnd);

/// Fetch-on-demand's tables of the same map (runtime/MaskOrder.h's offsetRows, on the device):
/// each offset's column of the table and its rows with a neighbour there, ascending. Only the
/// volume + 1 row counts come to the host (they size the launches).
FetchTables fetchTablesOnDevice(GpuContext &ctx, DevPtr<int32_t> nbr, int64_t n, int64_t volume);

/// The number of pairs (entries >= 0) of the map's device table of `cells` entries: a profile's
/// FLOP count without the table's copy to the host.
int64_t countPairsOnDevice(GpuContext &ctx, DevPtr<int32_t> nbr, int64_t cells);

} // namespace sconv::rt
