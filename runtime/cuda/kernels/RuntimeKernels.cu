// The runtime's own device code as one translation unit (one module per GPU context): kernel maps
// and per-site tensor ops. runtime/cuda/CMakeLists.txt compiles this file to PTX per target.
#include "runtime/cuda/kernels/KernelMaps.cu"
#include "runtime/cuda/kernels/TensorOps.cu"
