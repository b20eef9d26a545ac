// The runtime's own device code as one translation unit (one module per GPU context): kernel maps
// (plain, masked, transposed), SPS pruning, mask-sorted row orders and per-site tensor ops.
// runtime/cuda/CMakeLists.txt
// compiles this file to PTX per target.
#include "runtime/cuda/kernels/KernelMaps.cu"
#include "runtime/cuda/kernels/MaskedMaps.cu"
#include "runtime/cuda/kernels/MaskOrder.cu"
#include "runtime/cuda/kernels/Pruning.cu"
#include "runtime/cuda/kernels/TensorOps.cu"
