// ThreadPool: coverage of the range, chunking, reuse, exceptions, nesting.
#include "runtime/ThreadPool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>

using sconv::rt::ThreadPool;

namespace {

TEST(ThreadPool, CoversEveryIndexExactlyOnce) {
  for (int threads : {1, 2, 4, 7}) {
    ThreadPool pool(threads);
    EXPECT_EQ(pool.numThreads(), threads);
    for (int64_t n : {1, 2, 3, 100, 1000, 12345}) {
      std::vector<std::atomic<int>> hits(size_t(n) + 20);
      pool.parallelFor(10, 10 + n, 7, [&](int64_t b, int64_t e) {
        for (int64_t i = b; i < e; ++i)
          hits[size_t(i)]++;
      });
      for (int64_t i = 0; i < n + 20; ++i)
        ASSERT_EQ(hits[size_t(i)].load(), (i >= 10 && i < 10 + n) ? 1 : 0)
            << "threads " << threads << " n " << n << " i " << i;
    }
  }
}

TEST(ThreadPool, ChunksRespectGrain) {
  ThreadPool pool(4);
  std::atomic<int> small{0}, calls{0};
  pool.parallelFor(0, 1000, 64, [&](int64_t b, int64_t e) {
    calls++;
    if (e - b < 64 && e != 1000)
      small++;
  });
  EXPECT_EQ(small.load(), 0);
  EXPECT_GE(calls.load(), 1);
  EXPECT_LE(calls.load(), 1000 / 64 + 1);
}

TEST(ThreadPool, EmptyAndReversedRangesDoNothing) {
  ThreadPool pool(3);
  int calls = 0;
  pool.parallelFor(5, 5, 1, [&](int64_t, int64_t) { calls++; });
  pool.parallelFor(9, 2, 1, [&](int64_t, int64_t) { calls++; });
  EXPECT_EQ(calls, 0);
}

TEST(ThreadPool, ReusableForManyCalls) {
  ThreadPool pool(4);
  for (int round = 0; round < 2000; ++round) {
    std::atomic<int64_t> sum{0};
    pool.parallelFor(0, 64, 1, [&](int64_t b, int64_t e) {
      for (int64_t i = b; i < e; ++i)
        sum += i;
    });
    ASSERT_EQ(sum.load(), 64 * 63 / 2) << "round " << round;
  }
}

TEST(ThreadPool, ExceptionPropagatesAndPoolStaysUsable) {
  ThreadPool pool(4);
  EXPECT_THROW(pool.parallelFor(0, 1000, 1,
                                [&](int64_t b, int64_t) {
                                  if (b >= 500)
                                    throw std::runtime_error("boom");
                                }),
               std::runtime_error);
  // Serial path (single chunk) propagates too.
  EXPECT_THROW(pool.parallelFor(0, 3, 100, [](int64_t, int64_t) { throw std::logic_error("x"); }),
               std::logic_error);
  std::atomic<int64_t> n{0};
  pool.parallelFor(0, 1000, 1, [&](int64_t b, int64_t e) { n += e - b; });
  EXPECT_EQ(n.load(), 1000);
}

TEST(ThreadPool, NestedCallRunsInline) {
  ThreadPool pool(3);
  std::atomic<int64_t> n{0};
  pool.parallelFor(0, 16, 1, [&](int64_t b, int64_t e) {
    for (int64_t i = b; i < e; ++i)
      pool.parallelFor(0, 10, 1, [&](int64_t b2, int64_t e2) { n += e2 - b2; });
  });
  EXPECT_EQ(n.load(), 160);
}

TEST(ThreadPool, ConcurrentCallersAreSerialized) {
  ThreadPool pool(3);
  std::atomic<int64_t> n{0};
  std::vector<std::thread> callers;
  for (int t = 0; t < 4; ++t)
    callers.emplace_back([&] {
      for (int r = 0; r < 50; ++r)
        pool.parallelFor(0, 100, 1, [&](int64_t b, int64_t e) { n += e - b; });
    });
  for (auto &t : callers)
    t.join();
  EXPECT_EQ(n.load(), 4 * 50 * 100);
}

TEST(ThreadPool, DefaultSizeIsPositive) {
  ThreadPool pool;
  EXPECT_GE(pool.numThreads(), 1);
}

} // namespace
