// See CpuKernels.h.
#include "runtime/CpuKernels.h"

#include <algorithm>
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

void *CpuKernelLibrary::cInterface(const std::string &function) const {
  std::string sym = "_mlir_ciface_" + function;
  void *f = dlsym(handle_, sym.c_str());
  if (!f)
    throw Error("the compiled model's host code lacks '" + function + "' (artifact corrupted?)");
  return f;
}

ImplicitGemmFn CpuKernelLibrary::implicitGemm(const std::string &kernel) const {
  return reinterpret_cast<ImplicitGemmFn>(cInterface(kernel));
}

namespace {
/// A grain of at least `grain` rows that splits n rows into at most maxTasks tasks (0: any).
int64_t cappedGrain(int64_t n, int64_t grain, int64_t maxTasks) {
  return maxTasks > 0 ? std::max(grain, (n + maxTasks - 1) / maxTasks) : grain;
}

/// The per-offset dataflows' start: every output row = bias (or 0).
void fillWithBias(float *out, int64_t n, int64_t cout, const float *bias, ThreadPool &pool,
                  int64_t maxTasks) {
  pool.parallelFor(0, n, cappedGrain(n, 256, maxTasks), [&](int64_t lo, int64_t hi) {
    for (int64_t o = lo; o < hi; ++o)
      for (int64_t c = 0; c < cout; ++c)
        out[o * cout + c] = bias ? bias[c] : 0.f;
  });
}

/// The per-offset dataflows' end: + residual, then ReLU.
void applyResidualRelu(float *out, int64_t n, int64_t cout, const float *residual, bool relu,
                       ThreadPool &pool, int64_t maxTasks) {
  if (!residual && !relu)
    return;
  pool.parallelFor(0, n, cappedGrain(n, 256, maxTasks), [&](int64_t lo, int64_t hi) {
    for (int64_t j = lo * cout; j < hi * cout; ++j) {
      float v = out[j] + (residual ? residual[j] : 0.f);
      out[j] = relu && v < 0.f ? 0.f : v;
    }
  });
}
} // namespace

SortedGemmFn CpuKernelLibrary::sortedGemm(const std::string &kernel) const {
  return reinterpret_cast<SortedGemmFn>(cInterface(kernel));
}

namespace {
/// Calls `call(descriptors...)` on row ranges of the map across the pool: the shared part of the
/// implicit-GEMM runners (each task passes its own descriptor copies, which kernels take by
/// pointer).
template <typename Call>
void forRowRanges(const float *in, int64_t numIn, const KernelMap &map, int64_t cin, int64_t cout,
                  const float *w, const float *bias, const float *residual, float *out,
                  ThreadPool &pool, int64_t maxTasks, Call call) {
  static float none = 0.f;
  auto inD = rowMajor(const_cast<float *>(in), {numIn, cin});
  auto nbrD = rowMajor(const_cast<int32_t *>(map.nbr.data()), {map.numOut, map.volume});
  auto wD = rowMajor(const_cast<float *>(w), {map.volume, cin, cout});
  auto bD = rowMajor(bias ? const_cast<float *>(bias) : &none, {bias ? cout : 1});
  auto rD = rowMajor(residual ? const_cast<float *>(residual) : &none,
                     {residual ? map.numOut : 1, residual ? cout : 1});
  auto outD = rowMajor(out, {map.numOut, cout});
  int64_t grain = cappedGrain(
      map.numOut, std::max<int64_t>(64, map.numOut / (8 * pool.numThreads()) + 1), maxTasks);
  pool.parallelFor(0, map.numOut, grain, [&](int64_t lo, int64_t hi) {
    auto i = inD;
    auto n = nbrD;
    auto ww = wD;
    auto bb = bD;
    auto rr = rD;
    auto o = outD;
    call(&i, &n, &ww, &bb, &rr, &o, lo, hi);
  });
}
} // namespace

void runImplicitGemmSorted(SortedGemmFn fn, const float *in, int64_t numIn, const KernelMap &map,
                           const std::vector<int32_t> &order, int64_t cin, int64_t cout,
                           const float *w, const float *bias, const float *residual, float *out,
                           ThreadPool &pool, int64_t maxTasks) {
  if (map.numOut == 0)
    return;
  if (int64_t(order.size()) != map.numOut)
    throw Error("mask-sorted GEMM: the row order has " + std::to_string(order.size()) +
                " rows, the map " + std::to_string(map.numOut));
  auto orderD = rowMajor(const_cast<int32_t *>(order.data()), {map.numOut});
  forRowRanges(in, numIn, map, cin, cout, w, bias, residual, out, pool, maxTasks,
               [&](auto *i, auto *n, auto *ww, auto *bb, auto *rr, auto *o, int64_t lo,
                   int64_t hi) {
                 auto od = orderD;
                 fn(i, n, ww, bb, rr, o, &od, lo, hi);
               });
}

void runImplicitGemm(ImplicitGemmFn fn, const float *in, int64_t numIn, const KernelMap &map,
                     int64_t cin, int64_t cout, const float *w, const float *bias,
                     const float *residual, float *out, ThreadPool &pool, int64_t maxTasks) {
  if (map.numOut == 0)
    return;
  forRowRanges(in, numIn, map, cin, cout, w, bias, residual, out, pool, maxTasks,
               [&](auto *i, auto *n, auto *ww, auto *bb, auto *rr, auto *o, int64_t lo,
                   int64_t hi) { fn(i, n, ww, bb, rr, o, lo, hi); });
}

void runFetchOnDemand(SortedGemmFn fetch1, const float *in, int64_t numIn, const KernelMap &map,
                      int64_t cin, int64_t cout, const float *w, const float *bias,
                      const float *residual, bool relu, float *out, ThreadPool &pool,
                      int64_t maxTasks) {
  const int64_t n = map.numOut, K = map.volume;
  if (n == 0)
    return;
  fillWithBias(out, n, cout, bias, pool, maxTasks);
  // The kernel indexes the neighbour table by output row: offset k's column of the map, visited
  // at the rows that have a neighbour there (`outRows`, ascending).
  std::vector<int32_t> column(static_cast<size_t>(n)), outRows;
  for (int64_t k = 0; k < K; ++k) {
    outRows.clear();
    for (int64_t o = 0; o < n; ++o) {
      const int32_t i = map.nbr[size_t(o * K + k)];
      column[size_t(o)] = i;
      if (i >= 0)
        outRows.push_back(int32_t(o));
    }
    const int64_t m = int64_t(outRows.size());
    if (m == 0)
      continue;
    auto inD = rowMajor(const_cast<float *>(in), {numIn, cin});
    auto nbrD = rowMajor(column.data(), {n, int64_t(1)});
    auto wD = rowMajor(const_cast<float *>(w + k * cin * cout), {int64_t(1), cin, cout});
    static float none = 0.f;
    auto noneD = rowMajor(&none, {int64_t(1)});
    auto noneRes = rowMajor(&none, {int64_t(1), int64_t(1)});
    auto outD = rowMajor(out, {n, cout});
    auto orderD = rowMajor(outRows.data(), {m});
    const int64_t grain =
        cappedGrain(m, std::max<int64_t>(64, m / (8 * pool.numThreads()) + 1), maxTasks);
    pool.parallelFor(0, m, grain, [&](int64_t lo, int64_t hi) {
      auto i = inD;
      auto nb = nbrD;
      auto ww = wD;
      auto bb = noneD;
      auto rr = noneRes;
      auto o = outD;
      auto od = orderD;
      fetch1(&i, &nb, &ww, &bb, &rr, &o, &od, lo, hi);
    });
  }
  applyResidualRelu(out, n, cout, residual, relu, pool, maxTasks);
}

void runGatherGemmScatter(ImplicitGemmFn gemm1, const float *in, int64_t numIn,
                          const KernelMap &map, int64_t cin, int64_t cout, const float *w,
                          const float *bias, const float *residual, bool relu, float *out,
                          ThreadPool &pool, int64_t maxTasks) {
  const int64_t n = map.numOut, K = map.volume;
  if (n == 0)
    return;
  fillWithBias(out, n, cout, bias, pool, maxTasks);
  KernelMap gathered; // the 1-offset GEMM's map: row m reads gathered row m
  gathered.volume = 1;
  std::vector<int32_t> outRows;
  std::vector<float> rowsIn, product;
  for (int64_t k = 0; k < K; ++k) {
    outRows.clear();
    gathered.nbr.clear();
    for (int64_t o = 0; o < n; ++o)
      if (int32_t i = map.nbr[size_t(o * K + k)]; i >= 0) {
        gathered.nbr.push_back(int32_t(outRows.size()));
        outRows.push_back(int32_t(o));
      }
    const int64_t m = int64_t(outRows.size());
    if (m == 0)
      continue;
    gathered.numOut = gathered.numIn = m;
    rowsIn.resize(size_t(m * cin));
    product.resize(size_t(m * cout));
    pool.parallelFor(0, m, cappedGrain(m, 512, maxTasks), [&](int64_t lo, int64_t hi) {
      for (int64_t r = lo; r < hi; ++r) {
        const float *src = in + int64_t(map.nbr[size_t(outRows[size_t(r)] * K + k)]) * cin;
        std::copy(src, src + cin, rowsIn.data() + r * cin);
      }
    });
    runImplicitGemm(gemm1, rowsIn.data(), m, gathered, cin, cout, w + k * cin * cout, nullptr,
                    nullptr, product.data(), pool, maxTasks);
    pool.parallelFor(0, m, cappedGrain(m, 512, maxTasks), [&](int64_t lo, int64_t hi) {
      for (int64_t r = lo; r < hi; ++r) {
        float *dst = out + int64_t(outRows[size_t(r)]) * cout;
        const float *p = product.data() + r * cout;
        for (int64_t c = 0; c < cout; ++c)
          dst[c] += p[c];
      }
    });
  }
  (void)numIn;
  applyResidualRelu(out, n, cout, residual, relu, pool, maxTasks);
}

} // namespace sconv::rt
