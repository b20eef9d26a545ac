// The runtime's device code (runtime/cuda/kernels/RuntimeKernels.cu: kernel maps and tensor ops)
// compiled as host C++ for the emulator, and its entry table for the fake driver.
#define SCONV_KERNEL_EMULATION 1
#include "runtime/cuda/kernels/RuntimeKernels.cu"
#include "test/unit/EmulatedKernels.h"

#include <cstring>
#include <tuple>
#include <type_traits>
#include <utility>

namespace sconv::emu {
namespace {

template <typename Fn> struct Signature;
template <typename... P> struct Signature<void(P...)> {
  /// Unpacks cuLaunchKernel's params (pointers to each value) and calls f, as the driver would.
  template <size_t... I>
  static void call(void (*f)(P...), void **params, std::index_sequence<I...>) {
    std::tuple<std::decay_t<P>...> values;
    (std::memcpy(static_cast<void *>(&std::get<I>(values)), params[I], sizeof(P)), ...);
    std::apply(f, values);
  }
  static constexpr unsigned count = sizeof...(P);
  static constexpr unsigned sizes[16] = {unsigned(sizeof(P))...};
};

template <typename Fn, Fn *F> void threadBody(void *params) {
  Signature<Fn>::call(F, static_cast<void **>(params),
                      std::make_index_sequence<Signature<Fn>::count>());
}

template <typename Fn, Fn *F> constexpr EmulatedKernel entry(const char *name) {
  EmulatedKernel k{name, &threadBody<Fn, F>, Signature<Fn>::count, {}};
  for (unsigned i = 0; i < Signature<Fn>::count; ++i)
    k.paramSizes[i] = Signature<Fn>::sizes[i];
  return k;
}

} // namespace

#define SCONV_EMULATED_ENTRY(name)                                                                 \
  entry<decltype(sconv::gpu::name), &sconv::gpu::name>(#name),
const EmulatedKernel kEmulatedKernels[] = {SCONV_KMAP_KERNELS(SCONV_EMULATED_ENTRY)
                                               SCONV_TENSOR_KERNELS(SCONV_EMULATED_ENTRY)};
#undef SCONV_EMULATED_ENTRY
const size_t kNumEmulatedKernels = sizeof(kEmulatedKernels) / sizeof(kEmulatedKernels[0]);

} // namespace sconv::emu
