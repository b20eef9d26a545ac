// See CpuKernels.h.
#include "runtime/CpuKernels.h"

#include <cerrno>
#include <cstring>
#include <dlfcn.h>
#include <sys/mman.h>
#include <unistd.h>

namespace sconv::rt {

CpuKernelLibrary::CpuKernelLibrary(const std::string &so) {
  fd_ = memfd_create("sconv-cpu-kernels", MFD_CLOEXEC);
  if (fd_ < 0)
    throw Error(std::string("cannot create an in-memory file for the CPU kernels: ") +
                std::strerror(errno));
  size_t done = 0;
  while (done < so.size()) {
    ssize_t n = ::write(fd_, so.data() + done, so.size() - done);
    if (n <= 0)
      throw Error(std::string("cannot stage the CPU kernels: ") + std::strerror(errno));
    done += size_t(n);
  }
  std::string path = "/proc/self/fd/" + std::to_string(fd_);
  handle_ = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle_)
    throw Error(std::string("cannot load the CPU kernels of the compiled model (compiled for "
                            "another CPU or OS?): ") +
                dlerror());
}

CpuKernelLibrary::~CpuKernelLibrary() {
  if (handle_)
    dlclose(handle_);
  if (fd_ >= 0)
    ::close(fd_);
}

ImplicitGemmFn CpuKernelLibrary::implicitGemm(const std::string &kernel) const {
  std::string sym = "_mlir_ciface_" + kernel;
  void *f = dlsym(handle_, sym.c_str());
  if (!f)
    throw Error("the compiled model's CPU kernels lack '" + kernel + "' (artifact corrupted?)");
  return reinterpret_cast<ImplicitGemmFn>(f);
}

} // namespace sconv::rt
