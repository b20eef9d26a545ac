// The start-up microbenchmarks (see MachinePeaks.h). Our own code: a plainly written blocked GEMM
// with a register tile in GCC/Clang vector extensions, compiled three times for different
// instruction sets and picked at run time, and a triad loop.
#include "tools/sconv-bench/MachinePeaks.h"
#include "runtime/ThreadPool.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <fstream>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace sconv::bench {
namespace {

using Clock = std::chrono::steady_clock;
double secondsSince(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// ---- GEMM: C[n x n] += A[n x n] * B[n x n], row-major ------------------------------------------
//
// B is packed once (not timed) into panels of NR = 2 vectors of columns: panel p holds
// B[k][p*NR .. p*NR+NR) for every k, contiguously. The work is split into tiles of MR = 6 rows;
// a task takes a group of tiles and walks k in blocks of KC, then panels, then tiles, so a panel's
// KC x NR block stays in L1 while the tiles of the group reuse it.
constexpr int kMR = 6;
constexpr int64_t kKC = 240;
constexpr int64_t kTilesPerTask = 16;

typedef float V4 __attribute__((vector_size(16)));
typedef float V8 __attribute__((vector_size(32)));
typedef float V16 __attribute__((vector_size(64)));

struct GemmArgs {
  const float *a;
  const float *bPacked;
  float *c;
  int64_t n;
};

/// Rows [tile0*MR, tile1*MR) of C; V has W lanes, a panel is 2 vectors wide.
template <typename V, int W>
[[gnu::always_inline]] inline void gemmTiles(const GemmArgs &g, int64_t tile0, int64_t tile1) {
  constexpr int NR = 2 * W;
  const int64_t n = g.n, panels = n / NR;
  for (int64_t k0 = 0; k0 < n; k0 += kKC) {
    const int64_t k1 = std::min(n, k0 + kKC);
    for (int64_t p = 0; p < panels; ++p) {
      const float *bp = g.bPacked + p * n * NR;
      for (int64_t t = tile0; t < tile1; ++t) {
        const int64_t i0 = t * kMR;
        float *c = g.c + i0 * n + p * NR;
        V acc[kMR][2];
        for (int r = 0; r < kMR; ++r) {
          std::memcpy(&acc[r][0], c + r * n, sizeof(V));
          std::memcpy(&acc[r][1], c + r * n + W, sizeof(V));
        }
        const float *a = g.a + i0 * n;
        for (int64_t k = k0; k < k1; ++k) {
          V b0, b1;
          std::memcpy(&b0, bp + k * NR, sizeof(V));
          std::memcpy(&b1, bp + k * NR + W, sizeof(V));
          for (int r = 0; r < kMR; ++r) {
            const float s = a[r * n + k];
            acc[r][0] = acc[r][0] + s * b0;
            acc[r][1] = acc[r][1] + s * b1;
          }
        }
        for (int r = 0; r < kMR; ++r) {
          std::memcpy(c + r * n, &acc[r][0], sizeof(V));
          std::memcpy(c + r * n + W, &acc[r][1], sizeof(V));
        }
      }
    }
  }
}

__attribute__((target("avx512f"))) void gemmTilesAvx512(const GemmArgs &g, int64_t t0,
                                                        int64_t t1) {
  gemmTiles<V16, 16>(g, t0, t1);
}
__attribute__((target("avx2,fma"))) void gemmTilesAvx2(const GemmArgs &g, int64_t t0,
                                                       int64_t t1) {
  gemmTiles<V8, 8>(g, t0, t1);
}
void gemmTilesSse(const GemmArgs &g, int64_t t0, int64_t t1) { gemmTiles<V4, 4>(g, t0, t1); }

void measureGemm(rt::ThreadPool &pool, MachinePeaks &out) {
  using Fn = void (*)(const GemmArgs &, int64_t, int64_t);
  Fn fn = gemmTilesSse;
  int W = 4;
  out.gemmIsa = "sse2";
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f")) {
    fn = gemmTilesAvx512, W = 16, out.gemmIsa = "avx512f";
  } else if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
    fn = gemmTilesAvx2, W = 8, out.gemmIsa = "avx2+fma";
  }
  // 960 = 6 * 160 = 32 * 30: whole tiles and panels for every vector width, 1.77 GFLOP a run.
  const int64_t n = 960, NR = 2 * W;
  out.gemmN = n;
  std::vector<float> a(size_t(n * n)), b(size_t(n * n)), bp(size_t(n * n)), c(size_t(n * n));
  for (int64_t i = 0; i < n * n; ++i) {
    a[size_t(i)] = float((i * 7 + 3) % 13) / 13.f - 0.5f;
    b[size_t(i)] = float((i * 5 + 1) % 11) / 11.f - 0.5f;
  }
  for (int64_t p = 0; p < n / NR; ++p)
    for (int64_t k = 0; k < n; ++k)
      for (int64_t j = 0; j < NR; ++j)
        bp[size_t((p * n + k) * NR + j)] = b[size_t(k * n + p * NR + j)];
  GemmArgs g{a.data(), bp.data(), c.data(), n};
  const int64_t tiles = n / kMR, tasks = (tiles + kTilesPerTask - 1) / kTilesPerTask;
  auto once = [&] {
    std::fill(c.begin(), c.end(), 0.f);
    auto t = Clock::now();
    pool.parallelFor(0, tasks, 1, [&](int64_t lo, int64_t hi) {
      for (int64_t task = lo; task < hi; ++task)
        fn(g, task * kTilesPerTask, std::min(tiles, (task + 1) * kTilesPerTask));
    });
    return secondsSince(t);
  };
  once(); // warm-up: caches, page faults, clocks
  double best = 1e30, spent = 0;
  for (int rep = 0; rep < 20 && (rep < 3 || spent < 0.3); ++rep) {
    const double s = once();
    best = std::min(best, s);
    spent += s;
  }
  out.gemmGflops = 2.0 * double(n) * double(n) * double(n) / best * 1e-9;
  // A few elements against a double-precision dot product: the loop really computes A * B.
  double worst = 0;
  for (int64_t s = 0; s < 16; ++s) {
    const int64_t i = (s * 131) % n, j = (s * 257 + 11) % n;
    double ref = 0, mag = 0;
    for (int64_t k = 0; k < n; ++k) {
      ref += double(a[size_t(i * n + k)]) * double(b[size_t(k * n + j)]);
      mag += std::fabs(double(a[size_t(i * n + k)]) * double(b[size_t(k * n + j)]));
    }
    worst = std::max(worst, std::fabs(double(c[size_t(i * n + j)]) - ref) / std::max(mag, 1e-30));
  }
  out.gemmCheckError = worst;
}

// ---- triad: a = b + s * c ------------------------------------------------------------------------
void measureTriad(rt::ThreadPool &pool, MachinePeaks &out) {
  const int64_t n = int64_t(16) << 20; // 16 Mi floats: 64 MiB an array, 192 MiB in all
  out.triadArrayBytes = n * int64_t(sizeof(float));
  std::unique_ptr<float[]> a(new float[size_t(n)]), b(new float[size_t(n)]),
      c(new float[size_t(n)]);
  const int64_t grain = std::max<int64_t>(1 << 16, n / (4 * pool.numThreads()));
  // First touch by the threads that will use the pages.
  pool.parallelFor(0, n, grain, [&](int64_t lo, int64_t hi) {
    for (int64_t i = lo; i < hi; ++i)
      a[size_t(i)] = 0.f, b[size_t(i)] = 1.f, c[size_t(i)] = 2.f;
  });
  const float s = 3.f;
  auto once = [&] {
    auto t = Clock::now();
    pool.parallelFor(0, n, grain, [&](int64_t lo, int64_t hi) {
      float *__restrict pa = a.get();
      const float *__restrict pb = b.get();
      const float *__restrict pc = c.get();
      for (int64_t i = lo; i < hi; ++i)
        pa[i] = pb[i] + s * pc[i];
    });
    return secondsSince(t);
  };
  once();
  double best = 1e30;
  for (int rep = 0; rep < 6; ++rep)
    best = std::min(best, once());
  out.triadGBs = 3.0 * double(out.triadArrayBytes) / best * 1e-9;
  if (a[size_t(n / 2)] != 7.f) // keep the stores; and a sanity check
    out.triadGBs = 0;
}

MachinePeaks measureHere(int threads) {
  MachinePeaks m;
  rt::ThreadPool pool(threads);
  m.threads = pool.numThreads();
  measureGemm(pool, m);
  measureTriad(pool, m);
  m.measured = true;
  return m;
}

// The child sends the numbers as one line of text: "threads gflops n err triad bytes isa".
std::string encode(const MachinePeaks &m) {
  char buf[256];
  std::snprintf(buf, sizeof buf, "%d %.17g %lld %.17g %.17g %lld %s\n", m.threads, m.gemmGflops,
                (long long)m.gemmN, m.gemmCheckError, m.triadGBs, (long long)m.triadArrayBytes,
                m.gemmIsa.c_str());
  return buf;
}

bool decode(const std::string &s, MachinePeaks &m) {
  long long n = 0, bytes = 0;
  char isa[64] = {0};
  if (std::sscanf(s.c_str(), "%d %lg %lld %lg %lg %lld %63s", &m.threads, &m.gemmGflops, &n,
                  &m.gemmCheckError, &m.triadGBs, &bytes, isa) != 7)
    return false;
  m.gemmN = n;
  m.triadArrayBytes = bytes;
  m.gemmIsa = isa;
  m.measured = true;
  return true;
}

} // namespace

MachinePeaks measureMachinePeaks(int threads) {
  int fds[2];
  if (pipe(fds) == 0) {
    const pid_t pid = fork();
    if (pid == 0) {
      close(fds[0]);
      std::string line;
      try {
        line = encode(measureHere(threads));
      } catch (...) {
        line = "error\n";
      }
      ssize_t ignored = write(fds[1], line.data(), line.size());
      (void)ignored;
      close(fds[1]);
      _exit(0);
    }
    close(fds[1]);
    if (pid > 0) {
      std::string text;
      char buf[256];
      ssize_t got;
      while ((got = read(fds[0], buf, sizeof buf)) > 0)
        text.append(buf, size_t(got));
      close(fds[0]);
      int status = 0;
      waitpid(pid, &status, 0);
      MachinePeaks m;
      if (decode(text, m)) {
        m.note = "measured in a child process (its buffers do not count in this process's peak "
                 "memory)";
        return m;
      }
      MachinePeaks failed;
      failed.note = "the measuring child process failed; rates not measured";
      return failed;
    }
    close(fds[0]);
  }
  MachinePeaks m = measureHere(threads);
  m.note = "measured in this process (fork failed): its 192 MiB of triad arrays count in the "
           "process's peak memory";
  return m;
}

std::string cpuModelName() {
  std::ifstream f("/proc/cpuinfo");
  std::string line;
  while (std::getline(f, line)) {
    if (line.rfind("model name", 0) == 0) {
      size_t colon = line.find(':');
      if (colon != std::string::npos) {
        std::string v = line.substr(colon + 1);
        size_t b = v.find_first_not_of(" \t");
        return b == std::string::npos ? "unknown" : v.substr(b);
      }
    }
  }
  return "unknown";
}

} // namespace sconv::bench
