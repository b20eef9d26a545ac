// Kernel maps built on the GPU. The result is the CPU runtime's buildKernelMap result bit for bit:
// the same nbr[o][k] table (-1 for absent, the same flat kernel order), the same output sites in
// the same order (input order for submanifold convs, sorted by (b, z, y, x) for regular ones), and
// the same Error messages for bad input. The device code is runtime/cuda/kernels/KernelMaps.cu,
// part of the runtime's embedded device code (RuntimeKernels.h).
#pragma once
#include "runtime/KernelMap.h"
#include "runtime/cuda/GpuModule.h"
#include "runtime/cuda/TypedLaunch.h"

namespace sconv::rt {

/// A coordinate hash on the device (CoordHash's layout: open addressing, capacity mask + 1).
struct DeviceSiteHash {
  DeviceBuffer keys, vals;
  gpu::u64 mask = 0;
};

/// A kernel map whose tables live in device memory (what GPU convs consume). Its buffers belong to
/// the context's memory pool: destroy it before the GpuContext.
struct DeviceKernelMap {
  /// Everything but the tables: geometry, numIn, numOut, volume, batchSize, outShape.
  KernelMap meta;
  DeviceBuffer nbr;       // numOut x volume int32, -1 for absent
  DeviceBuffer outCoords; // numOut x 4 int32 (b, z, y, x)

  /// Copies the tables to the host: the full KernelMap.
  KernelMap download(GpuContext &ctx) const;
};

/// Builds the map of `geometry` over the sites of `in` (coords, shape and batch are read; the
/// features are not). `method` chooses how regular convs collect their output sites (bitmap over
/// the output grid, or sort + unique of the candidates); the map does not depend on it. Throws
/// Error as buildKernelMap does, or when the GPU code cannot be loaded or fails.
DeviceKernelMap buildKernelMapOnDevice(GpuContext &ctx, const SparseTensor &in,
                                       const ConvGeometry &geometry,
                                       OutputSiteMethod method = OutputSiteMethod::Auto);
/// buildKernelMapOnDevice, then download.
KernelMap buildKernelMapGpu(GpuContext &ctx, const SparseTensor &in, const ConvGeometry &geometry,
                            OutputSiteMethod method = OutputSiteMethod::Auto);

/// Bytes of the bitmap method's output grid for a map of these sizes (bits + per-word ranks:
/// 16 bytes per 64 sites of batch x outShape).
uint64_t outputBitmapBytes(const KernelMap &header);
/// The largest such bitmap a captured frame keeps, or an eager transposed conv builds (beyond it
/// eager regular maps sort and transposed conv maps are built on the CPU).
constexpr uint64_t kMaxOutputBitmapBytes = uint64_t(1) << 30;

/// buildTransposedConvMap (MapTransforms.h: a transposed conv's sites and map) on the device, by
/// bitmap: the same map and the same errors as the CPU builder. Meant for output grids within
/// kMaxOutputBitmapBytes.
DeviceKernelMap buildTransposedConvMapOnDevice(GpuContext &ctx, const SparseTensor &in,
                                               const ConvGeometry &geometry,
                                               const Int3 &outputPadding);

/// The SPS-Conv maps on the device: buildRestrictedSubmanifoldMap (geometry Submanifold: SPSS) or
/// buildSprsMap (Regular: SPRS) of MapTransforms.h with important[r] = mask[r] != 0, where `mask`
/// holds maskEntries floats in device memory (PruneMask's one-channel result). The same map and
/// the same errors as the CPU builders.
DeviceKernelMap buildMaskedMapOnDevice(GpuContext &ctx, const SparseTensor &in,
                                       const ConvGeometry &geometry, DevPtr<float> mask,
                                       int64_t maskEntries,
                                       OutputSiteMethod method = OutputSiteMethod::Auto);

/// transposeKernelMap (the map of the inverse conv undoing `fwd`) computed on the device from
/// fwd's table there (`fwdNbr`); fwd's host tables are read for the checks and to report a bad
/// map. Returns the full map; or, when deviceTable is not null, the map with its table left there
/// (nbr empty, nbrElsewhere set).
KernelMap transposeKernelMapGpu(GpuContext &ctx, const KernelMap &fwd, DevPtr<int32_t> fwdNbr,
                                const SparseTensor &fwdInput, DeviceBuffer *deviceTable = nullptr);

// ---- Maps inside a captured frame (GpuFrameGraph.h) ------------------------------------------
// Queued work only: nothing is read back, sizes are capacities, live counts stay on the device.

/// A site set of a captured frame: coordinates of up to `cap` sites and the live count, both on
/// the device.
struct FrameSites {
  DevPtr<int32_t> coords; // cap x 4 (b, z, y, x)
  int64_t cap = 0;
  DevPtr<gpu::i64> count;
};

/// Queues the hash of `sites` (batch and spatial shape from `shape`). A site outside batch x
/// shape or a duplicate sets *errorRow = min(*errorRow, row), as buildKernelMapOnDevice's hash.
DeviceSiteHash queueFrameHash(GpuContext &ctx, const FrameSites &sites, const SparseTensor &shape,
                             DevPtr<int> errorRow);

/// Queues the map of header.geometry over `in` (batch and spatial shape from `inShape`) into a new
/// table of header.numOut x volume rows, -1 where absent and in every row past the live count.
/// Submanifold maps read `hash` (in's); regular and transposed conv maps (`transposedConv`:
/// header as transposedConvMapHeader's) mark a bitmap over the output grid and write their
/// output sites to `out` (coordinates, and the count, which may exceed out.cap: nothing is
/// written past it, and the host sees the overflow). Throws NotCapturable when the bitmap would
/// be over kMaxOutputBitmapBytes.
DeviceBuffer queueFrameMap(GpuContext &ctx, const FrameSites &in, const SparseTensor &inShape,
                           const DeviceSiteHash *hash, const FrameSites *out,
                           const KernelMap &header, bool transposedConv = false);

/// Queues the SPS-Conv map of header.geometry (Submanifold: SPSS, Regular: SPRS) over `in` with
/// the importance mask `mask` (in.cap floats, 0 = pruned; rows past the live count pruned) into
/// a new table of out.cap x volume rows, -1 where absent and past the live count; the output
/// sites and their count go to `out` (never written past out.cap). The same rows, in the same
/// order, as buildMaskedMapOnDevice. SPSS reads `hash` (in's). Throws NotCapturable for an SPRS
/// bitmap too large to keep in a frame.
DeviceBuffer queueFrameMaskedMap(GpuContext &ctx, const FrameSites &in,
                                 const SparseTensor &inShape, const DeviceSiteHash *hash,
                                 const FrameSites &out, DevPtr<float> mask,
                                 const KernelMap &header);

/// Queues the transposed map of `fwd` (its table `fwdNbr`, fwd.numOut x volume) into a new table
/// of header.numOut x volume, -1 where absent. A forward entry out of range or a map that is not
/// invertible sets *bad to 1 (transposeKernelMapGpu then reports transposeKernelMap's error; a
/// frame points it at its error row: the replay stands down and the walk reports it).
DeviceBuffer queueTransposedTable(GpuContext &ctx, DevPtr<int32_t> fwdNbr, const KernelMap &fwd,
                                  const KernelMap &header, DevPtr<int> bad);

} // namespace sconv::rt
