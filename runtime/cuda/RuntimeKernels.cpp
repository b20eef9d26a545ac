// See RuntimeKernels.h.
#include "runtime/cuda/RuntimeKernels.h"
#include "runtime/cuda/kernels/KernelMapAbi.h"
#include "runtime/cuda/kernels/TensorOpsAbi.h"

namespace sconv::rt {

namespace detail {
/// Written by runtime/cuda/EmbedDeviceImages.cmake into the build directory.
struct EmbeddedDeviceImage {
  const char *chip;
  int format; // 0 PTX, 1 cubin
  const unsigned char *data;
  unsigned long long size;
};
extern const EmbeddedDeviceImage kRuntimeKernelImages[];
extern const unsigned kRuntimeKernelImageCount;
extern const char *const kRuntimeKernelBuildNote;
} // namespace detail

std::vector<DeviceImage> runtimeDeviceImages() {
  std::vector<DeviceImage> images;
  for (unsigned i = 0; i < detail::kRuntimeKernelImageCount; ++i) {
    const detail::EmbeddedDeviceImage &e = detail::kRuntimeKernelImages[i];
    DeviceImage im;
    im.chip = e.chip;
    im.format = e.format == 1 ? DeviceImageFormat::Cubin : DeviceImageFormat::Ptx;
    im.bytes = std::string_view(reinterpret_cast<const char *>(e.data), size_t(e.size));
    images.push_back(im);
  }
  return images;
}

std::vector<std::string> runtimeKernelNames() {
  return {
#define SCONV_RUNTIME_KERNEL_NAME(name) #name,
      SCONV_KMAP_KERNELS(SCONV_RUNTIME_KERNEL_NAME)
      SCONV_TENSOR_KERNELS(SCONV_RUNTIME_KERNEL_NAME)
#undef SCONV_RUNTIME_KERNEL_NAME
  };
}

namespace {
std::vector<DeviceImage> imagesOrError() {
  std::vector<DeviceImage> im = runtimeDeviceImages();
  if (im.empty())
    throw Error(std::string("this sconv build has no GPU device code for kernel maps and tensor "
                            "ops: ") +
                detail::kRuntimeKernelBuildNote);
  return im;
}
} // namespace

RuntimeKernels::RuntimeKernels(GpuContext &ctx)
    : module_(ctx, imagesOrError(), "sconv's runtime kernels") {}

} // namespace sconv::rt
