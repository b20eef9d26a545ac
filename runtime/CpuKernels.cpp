// See CpuKernels.h.
#include "runtime/CpuKernels.h"

#include "runtime/MaskOrder.h"

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

void fillWithBias(float *out, int64_t n, int64_t cout, const float *bias, ThreadPool &pool,
                  int64_t maxTasks) {
  pool.parallelFor(0, n, cappedGrain(n, 256, maxTasks),
                   [&](int64_t lo, int64_t hi) { fillRowsWithBias(out, cout, bias, lo, hi); });
}

/// The per-offset dataflows read `byOffset` as the map's: it must be of the same shape.
void checkOffsetRows(const OffsetRows &byOffset, const KernelMap &map) {
  if (byOffset.numOut != map.numOut || int64_t(byOffset.count.size()) != map.volume)
    throw Error("per-offset rows of " + std::to_string(byOffset.numOut) + " rows x " +
                std::to_string(byOffset.count.size()) + " offsets for a map of " +
                std::to_string(map.numOut) + " x " + std::to_string(map.volume));
}

void applyResidualRelu(float *out, int64_t n, int64_t cout, const float *residual, bool relu,
                       ThreadPool &pool, int64_t maxTasks) {
  if (!residual && !relu)
    return;
  pool.parallelFor(0, n, cappedGrain(n, 256, maxTasks), [&](int64_t lo, int64_t hi) {
    addResidualRelu(out, residual, relu, lo * cout, hi * cout);
  });
}

/// The dataflows that add their products to the output pass by pass (mask splitting,
/// fetch-on-demand, gather-GEMM-scatter): the output starts from the bias, `passes()` adds to
/// it, and the residual and ReLU come last, once. Nothing to do for an empty map.
template <typename Passes>
void accumulateFromBias(float *out, int64_t n, int64_t cout, const float *bias,
                        const float *residual, bool relu, ThreadPool &pool, int64_t maxTasks,
                        Passes &&passes) {
  if (n == 0)
    return;
  fillWithBias(out, n, cout, bias, pool, maxTasks);
  passes();
  applyResidualRelu(out, n, cout, residual, relu, pool, maxTasks);
}

/// Descriptors of a GEMM over `rows` output rows whose neighbour table has `nbrRows` rows of
/// `volume` entries; an absent bias or residual becomes a one-element dummy the kernel never reads.
GemmDescriptors gemmDescriptors(const float *in, int64_t numIn, int64_t cin, const int32_t *nbr,
                                int64_t nbrRows, int64_t volume, const float *w, int64_t cout,
                                const float *bias, const float *residual, float *out,
                                int64_t rows) {
  static float none = 0.f;
  return {rowMajor(const_cast<float *>(in), {numIn, cin}),
          rowMajor(const_cast<int32_t *>(nbr), {nbrRows, volume}),
          rowMajor(const_cast<float *>(w), {volume, cin, cout}),
          rowMajor(bias ? const_cast<float *>(bias) : &none, {bias ? cout : 1}),
          rowMajor(residual ? const_cast<float *>(residual) : &none,
                   {residual ? rows : 1, residual ? cout : 1}),
          rowMajor(out, {rows, cout})};
}

/// Calls `call(descriptors, lo, hi)` on ranges of [0, rows) across the pool, each task with its
/// own copy of `d` (kernels take descriptors by pointer): the shared part of the GEMM runners.
template <typename Call>
void forRowRanges(int64_t rows, const GemmDescriptors &d, ThreadPool &pool, int64_t maxTasks,
                  Call call) {
  const int64_t grain =
      cappedGrain(rows, std::max<int64_t>(64, rows / (8 * pool.numThreads()) + 1), maxTasks);
  pool.parallelFor(0, rows, grain, [&](int64_t lo, int64_t hi) {
    GemmDescriptors copy = d;
    call(copy, lo, hi);
  });
}
/// forRowRanges over positions [0, m) of the row order `rows` (the kernel visits rows[lo..hi)),
/// each task with its own copy of the order's descriptor as well.
template <typename Call>
void forOrderedRows(const int32_t *rows, int64_t m, const GemmDescriptors &d, ThreadPool &pool,
                    int64_t maxTasks, Call call) {
  const auto orderD = rowMajor(const_cast<int32_t *>(rows), {m});
  forRowRanges(m, d, pool, maxTasks, [&](GemmDescriptors &copy, int64_t lo, int64_t hi) {
    auto order = orderD;
    call(copy, order, lo, hi);
  });
}
} // namespace

void fillRowsWithBias(float *out, int64_t cout, const float *bias, int64_t lo, int64_t hi) {
  for (int64_t o = lo; o < hi; ++o)
    for (int64_t c = 0; c < cout; ++c)
      out[o * cout + c] = bias ? bias[c] : 0.f;
}

void addResidualRelu(float *out, const float *residual, bool relu, int64_t lo, int64_t hi) {
  for (int64_t j = lo; j < hi; ++j) {
    const float v = out[j] + (residual ? residual[j] : 0.f);
    out[j] = relu && v < 0.f ? 0.f : v;
  }
}

SortedGemmFn CpuKernelLibrary::sortedGemm(const std::string &kernel) const {
  return reinterpret_cast<SortedGemmFn>(cInterface(kernel));
}

void runImplicitGemm(ImplicitGemmFn fn, const float *in, int64_t numIn, const KernelMap &map,
                     int64_t cin, int64_t cout, const float *w, const float *bias,
                     const float *residual, float *out, ThreadPool &pool, int64_t maxTasks) {
  if (map.numOut == 0)
    return;
  forRowRanges(map.numOut,
               gemmDescriptors(in, numIn, cin, map.nbr.data(), map.numOut, map.volume, w, cout,
                               bias, residual, out, map.numOut),
               pool, maxTasks, [&](GemmDescriptors &d, int64_t lo, int64_t hi) {
                 fn(&d.in, &d.nbr, &d.w, &d.bias, &d.residual, &d.out, lo, hi);
               });
}

void runImplicitGemmSorted(SortedGemmFn fn, const float *in, int64_t numIn, const KernelMap &map,
                           const std::vector<int32_t> &order, int64_t cin, int64_t cout,
                           const float *w, const float *bias, const float *residual, float *out,
                           ThreadPool &pool, int64_t maxTasks) {
  if (map.numOut == 0)
    return;
  if (int64_t(order.size()) != map.numOut)
    throw Error("mask-sorted GEMM: the row order has " + std::to_string(order.size()) +
                " rows, the map " + std::to_string(map.numOut));
  forOrderedRows(order.data(), map.numOut,
                 gemmDescriptors(in, numIn, cin, map.nbr.data(), map.numOut, map.volume, w, cout,
                                 bias, residual, out, map.numOut),
                 pool, maxTasks, [&](GemmDescriptors &d, auto &o, int64_t lo, int64_t hi) {
                   fn(&d.in, &d.nbr, &d.w, &d.bias, &d.residual, &d.out, &o, lo, hi);
                 });
}

SplitGemmFn CpuKernelLibrary::splitGemm(const std::string &kernel) const {
  return reinterpret_cast<SplitGemmFn>(cInterface(kernel));
}

void runImplicitGemmSplit(SplitGemmFn fn, const float *in, int64_t numIn, const KernelMap &map,
                          const SplitOrders &orders, int64_t cin, int64_t cout, const float *w,
                          const float *bias, const float *residual, bool relu, float *out,
                          ThreadPool &pool, int64_t maxTasks) {
  const int64_t n = map.numOut;
  accumulateFromBias(out, n, cout, bias, residual, relu, pool, maxTasks, [&] {
    for (size_t r = 0; r < orders.rows.size(); ++r) {
      const std::vector<int32_t> &rows = orders.rows[r];
      const int64_t m = int64_t(rows.size());
      if (m == 0)
        continue;
      if (orders.kBegin[r] < 0 || orders.kEnd[r] > map.volume || orders.kBegin[r] > orders.kEnd[r])
        throw Error("mask splitting: offset range [" + std::to_string(orders.kBegin[r]) + ", " +
                    std::to_string(orders.kEnd[r]) + ") outside the map's " +
                    std::to_string(map.volume) + " offsets");
      forOrderedRows(rows.data(), m,
                     gemmDescriptors(in, numIn, cin, map.nbr.data(), n, map.volume, w, cout,
                                     nullptr, nullptr, out, n),
                     pool, maxTasks, [&](GemmDescriptors &d, auto &o, int64_t lo, int64_t hi) {
                       fn(&d.in, &d.nbr, &d.w, &d.bias, &d.residual, &d.out, &o, orders.kBegin[r],
                          orders.kEnd[r], lo, hi);
                     });
    }
  });
}

void runFetchOnDemand(SortedGemmFn fetch1, const float *in, int64_t numIn, const KernelMap &map,
                      const OffsetRows &byOffset, int64_t cin, int64_t cout, const float *w,
                      const float *bias, const float *residual, bool relu, float *out,
                      ThreadPool &pool, int64_t maxTasks) {
  const int64_t n = map.numOut;
  accumulateFromBias(out, n, cout, bias, residual, relu, pool, maxTasks, [&] {
    checkOffsetRows(byOffset, map);
    // The kernel indexes the neighbour table by output row: offset k's column of the map, visited
    // at the rows that have a neighbour there.
    for (int64_t k = 0; k < map.volume; ++k) {
      const int64_t m = byOffset.count[size_t(k)];
      if (m == 0)
        continue;
      forOrderedRows(byOffset.rowsOf(k), m,
                     gemmDescriptors(in, numIn, cin, byOffset.column(k), n, 1, w + k * cin * cout,
                                     cout, nullptr, nullptr, out, n),
                     pool, maxTasks, [&](GemmDescriptors &d, auto &o, int64_t lo, int64_t hi) {
                       fetch1(&d.in, &d.nbr, &d.w, &d.bias, &d.residual, &d.out, &o, lo, hi);
                     });
    }
  });
}

void runGatherGemmScatter(ImplicitGemmFn gemm1, const float *in, int64_t numIn,
                          const KernelMap &map, const OffsetRows &byOffset, int64_t cin,
                          int64_t cout, const float *w, const float *bias, const float *residual,
                          bool relu, float *out, ThreadPool &pool, int64_t maxTasks) {
  const int64_t n = map.numOut;
  (void)numIn;
  accumulateFromBias(out, n, cout, bias, residual, relu, pool, maxTasks, [&] {
    checkOffsetRows(byOffset, map);
    KernelMap gathered; // the 1-offset GEMM's map: row r reads gathered row r
    gathered.volume = 1;
    std::vector<float> rowsIn, product;
    for (int64_t k = 0; k < map.volume; ++k) {
      const int64_t m = byOffset.count[size_t(k)];
      if (m == 0)
        continue;
      const int32_t *outRows = byOffset.rowsOf(k), *column = byOffset.column(k);
      gathered.numOut = gathered.numIn = m;
      gathered.nbr.resize(size_t(m));
      for (int64_t r = 0; r < m; ++r)
        gathered.nbr[size_t(r)] = int32_t(r);
      rowsIn.resize(size_t(m * cin));
      product.resize(size_t(m * cout));
      pool.parallelFor(0, m, cappedGrain(m, 512, maxTasks), [&](int64_t lo, int64_t hi) {
        for (int64_t r = lo; r < hi; ++r) {
          const float *src = in + int64_t(column[outRows[r]]) * cin;
          std::copy(src, src + cin, rowsIn.data() + r * cin);
        }
      });
      runImplicitGemm(gemm1, rowsIn.data(), m, gathered, cin, cout, w + k * cin * cout, nullptr,
                      nullptr, product.data(), pool, maxTasks);
      pool.parallelFor(0, m, cappedGrain(m, 512, maxTasks), [&](int64_t lo, int64_t hi) {
        for (int64_t r = lo; r < hi; ++r) {
          float *dst = out + int64_t(outRows[r]) * cout;
          const float *p = product.data() + r * cout;
          for (int64_t c = 0; c < cout; ++c)
            dst[c] += p[c];
        }
      });
    }
  });
}

} // namespace sconv::rt
