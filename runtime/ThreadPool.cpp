// Fixed worker pool. One job at a time: parallelFor publishes the job under mu_, bumps generation_,
// and every worker acknowledges every generation (active_ counts down to 0) before parallelFor
// returns, so no worker can miss a job or run a stale one.
#include "runtime/ThreadPool.h"

#include <algorithm>

namespace sconv::rt {

// The pool whose job the current thread is running (worker or participating caller); used to run
// nested parallelFor calls serially instead of deadlocking on callMu_.
static thread_local const ThreadPool *tlsRunningPool = nullptr;

ThreadPool::ThreadPool(int numThreads) {
  if (numThreads <= 0)
    numThreads = int(std::max(1u, std::thread::hardware_concurrency()));
  workers_.reserve(numThreads - 1);
  for (int i = 0; i + 1 < numThreads; ++i)
    workers_.emplace_back([this] { workerLoop(); });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard<std::mutex> lk(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  for (std::thread &t : workers_)
    t.join();
}

void ThreadPool::runChunks(std::unique_lock<std::mutex> &lk) {
  const ThreadPool *saved = tlsRunningPool;
  tlsRunningPool = this;
  while (next_ < end_) {
    const int64_t b = next_;
    const int64_t e = std::min(end_, b + chunk_);
    next_ = e;
    const auto *fn = job_;
    lk.unlock();
    std::exception_ptr err;
    try {
      (*fn)(b, e);
    } catch (...) {
      err = std::current_exception();
    }
    lk.lock();
    if (err) {
      if (!error_)
        error_ = err;
      next_ = end_; // stop handing out chunks: the call fails anyway
    }
  }
  tlsRunningPool = saved;
}

void ThreadPool::workerLoop() {
  uint64_t seen = 0;
  std::unique_lock<std::mutex> lk(mu_);
  for (;;) {
    cv_.wait(lk, [&] { return stop_ || generation_ != seen; });
    if (stop_)
      return;
    seen = generation_;
    runChunks(lk);
    if (--active_ == 0)
      doneCv_.notify_one();
  }
}

void ThreadPool::parallelFor(int64_t begin, int64_t end, int64_t grain,
                             const std::function<void(int64_t, int64_t)> &fn) {
  if (begin >= end)
    return;
  grain = std::max<int64_t>(grain, 1);
  const int64_t n = end - begin;
  // Serial when there is nothing to share or we are already inside a job of this pool.
  if (workers_.empty() || n <= grain || tlsRunningPool == this) {
    fn(begin, end);
    return;
  }
  // ~4 chunks per thread balances uneven rows without much locking.
  const int64_t chunk = std::max(grain, (n + 4 * numThreads() - 1) / (4 * numThreads()));

  std::lock_guard<std::mutex> callLock(callMu_);
  std::unique_lock<std::mutex> lk(mu_);
  job_ = &fn;
  next_ = begin;
  end_ = end;
  chunk_ = chunk;
  error_ = nullptr;
  active_ = int(workers_.size());
  ++generation_;
  cv_.notify_all();
  runChunks(lk);
  doneCv_.wait(lk, [&] { return active_ == 0; });
  job_ = nullptr;
  std::exception_ptr err = error_;
  error_ = nullptr;
  lk.unlock();
  if (err)
    std::rethrow_exception(err);
}

} // namespace sconv::rt
