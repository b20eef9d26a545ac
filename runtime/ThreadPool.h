// A small fixed pool of worker threads with a blocking parallel-for: the CPU backend's only
// scheduler (kernels are called on row ranges, kernel maps are built over output ranges).
#pragma once
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace sconv::rt {

class ThreadPool {
public:
  /// numThreads <= 0 means std::thread::hardware_concurrency().
  explicit ThreadPool(int numThreads = 0);
  ~ThreadPool();
  ThreadPool(const ThreadPool &) = delete;
  ThreadPool &operator=(const ThreadPool &) = delete;

  int numThreads() const { return int(workers_.size()) + 1; }
  /// Calls fn(begin, end) on disjoint chunks covering [begin, end), each at least `grain` long
  /// (except the last), on the pool and the calling thread; returns when all are done. An exception
  /// thrown by fn is rethrown here (the first one; chunks not yet started are then skipped).
  /// begin >= end returns at once. Calls from several threads are serialized; a call made from inside
  /// fn (nested) runs serially on the calling thread instead of deadlocking.
  void parallelFor(int64_t begin, int64_t end, int64_t grain,
                   const std::function<void(int64_t, int64_t)> &fn);

private:
  void workerLoop();
  /// Takes chunks of the current job until none are left; `lk` holds mu_ and is held again on return.
  void runChunks(std::unique_lock<std::mutex> &lk);
  std::vector<std::thread> workers_;
  std::mutex callMu_; // one parallelFor at a time
  std::mutex mu_;
  std::condition_variable cv_, doneCv_;
  const std::function<void(int64_t, int64_t)> *job_ = nullptr;
  int64_t next_ = 0, end_ = 0, chunk_ = 1;
  int active_ = 0;
  uint64_t generation_ = 0;
  bool stop_ = false;
  std::exception_ptr error_;
};

} // namespace sconv::rt
