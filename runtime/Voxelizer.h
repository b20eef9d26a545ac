// Point cloud -> sparse voxel tensor, as OpenPCDet detectors (SECOND, PV-RCNN, CenterPoint) feed
// their sparse backbones: a fixed grid over a range, at most maxPointsPerVoxel points per voxel
// (first come), and MeanVFE features (the mean of the kept points' feature dims).
#pragma once
#include "runtime/PointCloud.h"
#include "runtime/SparseTensor.h"

#include <array>

namespace sconv::rt {

struct VoxelConfig {
  float range[6] = {0, 0, 0, 1, 1, 1}; // xmin, ymin, zmin, xmax, ymax, zmax (metres)
  float voxelSize[3] = {1, 1, 1};      // x, y, z
  int maxPointsPerVoxel = 5;
  int numFeatures = 4;   // point dims that become features ...
  int featureOffset = 0; // ... starting at this dim (0: x, y, z, ...; 3 for rgb of xyzrgb)

  /// Voxels per axis in (x, y, z) order: round((max - min) / voxel), as OpenPCDet computes grid_size.
  std::array<int32_t, 3> gridSizeXYZ() const;
  /// The sparse tensor shape (D, H, W) = (gridZ + 1, gridY, gridX): OpenPCDet pads z by one, so
  /// strided backbones divide it the way the released checkpoints expect (41 -> 21 -> 11 -> 5 -> 2).
  Int3 spatialShape() const;
  /// Throws Error on a non-positive voxel size, an empty range, maxPointsPerVoxel < 1, a feature
  /// slice outside `pointDims` (when pointDims > 0), or a grid too large for 16-bit site keys.
  void validate(int pointDims = 0) const;
};

/// KITTI (SECOND/PV-RCNN): range [0,-40,-3, 70.4,40,1], voxel [0.05,0.05,0.1], x,y,z,r
/// -> [41,1600,1408].
VoxelConfig kittiConfig();
/// nuScenes (CenterPoint): range +-54 m, z [-5,3], voxel [0.075,0.075,0.2], 5 dims -> [41,1440,1440].
VoxelConfig nuscenesConfig();
/// Waymo (CenterPoint/PV-RCNN): range +-75.2 m, z [-2,4], voxel [0.1,0.1,0.15], 5 dims
/// -> [41,1504,1504].
VoxelConfig waymoConfig();
/// ScanNet-style xyzrgb: the range is the bounding box of the cloud's finite points (the max end
/// widened to a whole number of voxels), features r, g, b. Throws Error on a cloud that has fewer
/// than 6 dims or no finite point.
VoxelConfig scannetConfig(const PointCloud &cloud, float voxelSize = 0.02f);

/// The voxel grid for a cloud: the named preset ("kitti", "nuscenes", "waymo", "scannet"), or
/// with an empty name the preset of the cloud's format (PCD and .npy: of the raw layout their
/// dims match). `chosen` receives the preset's name. Throws Error for an unknown name.
VoxelConfig gridFor(const PointCloud &cloud, PointFormat format, const std::string &name,
                    std::string *chosen = nullptr);

struct VoxelReport {
  int64_t inputPoints = 0;
  int64_t droppedOutOfRange = 0; // finite points outside the grid
  int64_t rejectedNonFinite = 0; // points with a NaN or Inf in any dim
  int64_t voxels = 0;
  int64_t truncatedPoints = 0; // points that landed in a voxel already holding maxPointsPerVoxel
};

/// Voxelizes one sample into batch `batchIndex` (batchSize = batchIndex + 1). Voxel rows come in
/// order of first appearance in the file; coords are (b, z, y, x) with voxel index
/// floor((p - min) / voxel) per axis (in float32, like spconv's generator). A result with no voxel
/// is returned as is (numSites == 0); `report` (optional) says why. Throws Error on a bad config.
SparseTensor voxelize(const PointCloud &cloud, const VoxelConfig &config, VoxelReport *report,
                      int32_t batchIndex = 0);

/// Stacks samples into one batch: sample i's batch indices are shifted by the batch sizes of the
/// samples before it (batch-1 samples get indices 0..B-1). Throws Error on an empty list or on
/// samples whose channels or spatial shapes differ.
SparseTensor concatBatch(const std::vector<SparseTensor> &samples);

} // namespace sconv::rt
