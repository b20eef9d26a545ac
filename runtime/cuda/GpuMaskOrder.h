// Mask-sorted row orders on the GPU (kernels/MaskOrder.cu): the visiting order of the GPU's
// implicit_gemm_sorted and implicit_gemm_split dataflows, sorted where the map's table lives, so
// no table travels to the host for it.
#pragma once
#include "runtime/cuda/GpuContext.h"

namespace sconv::rt {

/// The n output rows of a map whose device table `nbr` has `volume` entries per row, sorted by
/// their neighbour mask over offsets [kBegin, kEnd) (runtime/MaskOrder.h's order, rows without a
/// neighbour in the range included, first): n int32 row numbers on the device.
DeviceBuffer maskOrderOnDevice(GpuContext &ctx, DevPtr<int32_t> nbr, int64_t n, int64_t volume,
                               int64_t kBegin, int64_t kEnd);

} // namespace sconv::rt
