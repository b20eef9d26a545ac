// SPS-Conv pruning masks on the GPU (kernels/Pruning.cu): the top-k and threshold modes of
// runtime/SiteOps.h (pruneByRatio, pruneByThreshold) over an importance that lives in device
// memory, with the same result bit for bit and the same errors.
#pragma once
#include "runtime/SparseTensor.h"
#include "runtime/cuda/GpuContext.h"
#include "runtime/cuda/GpuKernelMap.h"

namespace sconv::rt {

/// The mask (one float per site of `sites`: 0 pruned, 1 important) of PruneMask over the
/// importance m (sites.numSites floats on the device): top-k with `ratio` when ratio >= 0, else
/// threshold mode with `threshold`. Only the coordinates of `sites` are read. Returns an empty
/// buffer when the GPU cannot rank these sites exactly as the CPU does (a site outside the spatial
/// shape): the caller then prunes on the CPU.
DeviceBuffer pruneMaskOnDevice(GpuContext &ctx, const SparseTensor &sites, DevPtr<float> m,
                               double ratio, double threshold);

/// mergePruned's row sources from the mask (`rows` floats): source[r] = the rank of r among the
/// important rows where mask[r] != 0 (and that rank < computedRows), else -1. Queued only.
DeviceBuffer queueMergeSources(GpuContext &ctx, DevPtr<float> mask, int64_t rows,
                               int64_t computedRows);

/// pruneMaskOnDevice inside a captured frame (GpuFrameGraph.h): over `sites` (batch and spatial
/// shape from `shape`), with the per-sample sizes counted on the device. Rows past the live count
/// are marked pruned. A NaN importance (top-k) sets *errorRow: the replay stands down and the
/// walked frame reports pruneByRatio's error. Queued only.
DeviceBuffer queueFramePruneMask(GpuContext &ctx, const FrameSites &sites,
                                 const SparseTensor &shape, DevPtr<float> m, double ratio,
                                 double threshold, DevPtr<int> errorRow);

} // namespace sconv::rt
