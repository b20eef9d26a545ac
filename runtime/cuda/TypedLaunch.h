// Launching the runtime's CUDA C++ kernels with their parameters checked at compile time against
// the declarations both sides include (kernels/*Abi.h): a host argument of the wrong type or count
// does not build, instead of corrupting a launch that the emulator would never notice.
#pragma once
#include "runtime/Error.h"
#include "runtime/cuda/GpuContext.h"
#include "runtime/cuda/kernels/DeviceDefs.h"

#include <climits>
#include <cstdint>
#include <string>
#include <tuple>
#include <type_traits>

namespace sconv::rt {

/// A kernel parameter from a host argument: DevPtr<T> for T* (or const T*; DevPtr{} for null),
/// else the parameter's exact type.
template <typename P, typename A> P toKernelParam(const A &a) {
  if constexpr (std::is_pointer_v<P>) {
    static_assert(std::is_same_v<A, DevPtr<std::remove_const_t<std::remove_pointer_t<P>>>>,
                  "a device pointer parameter takes a DevPtr of the same element type");
    return reinterpret_cast<P>(static_cast<uintptr_t>(a.address));
  } else {
    static_assert(std::is_same_v<P, A>, "pass the kernel parameter's exact type");
    return a;
  }
}

/// A Rows parameter (kernels/DeviceDefs.h) for n rows known on the host.
inline gpu::Rows hostRows(int64_t n) { return {n, nullptr}; }
/// A Rows parameter for a captured frame: buffers of cap rows, the live count at `count` on the
/// device.
inline gpu::Rows deviceRows(int64_t cap, DevPtr<gpu::i64> count) {
  return {cap, reinterpret_cast<const gpu::i64 *>(static_cast<uintptr_t>(count.address))};
}

/// Launches a kernel declared with type Fn on `blocks` x `threads` (1-D); no launch for no blocks.
template <typename Fn> struct TypedLaunch;
template <typename... P> struct TypedLaunch<void(P...)> {
  template <typename... A>
  static void run(GpuContext &ctx, cu::CUfunction f, int64_t blocks, int threads,
                  const A &...args) {
    static_assert(sizeof...(P) == sizeof...(A), "argument count differs from the kernel's");
    if (blocks <= 0)
      return;
    if (blocks > INT_MAX)
      throw Error("a GPU launch of " + std::to_string(blocks) + " blocks is too large");
    std::tuple<P...> values(toKernelParam<P>(args)...);
    std::apply(
        [&](P &...v) {
          void *params[] = {static_cast<void *>(&v)..., nullptr};
          ctx.launch(f, Dim3{unsigned(blocks), 1, 1}, Dim3{unsigned(threads), 1, 1}, 0, params);
        },
        values);
  }
};

} // namespace sconv::rt
