// Coroutine-per-thread execution of 1-D kernel launches (see KernelEmulator.h).
#define SCONV_KERNEL_EMULATION 1
#include "test/unit/KernelEmulator.h"
#include "runtime/cuda/kernels/DeviceDefs.h"

#include <ucontext.h>

#include <algorithm>
#include <exception>
#include <memory>
#include <numeric>
#include <random>
#include <vector>

namespace sconv::emu {
namespace {

constexpr size_t kStackBytes = 128 * 1024;

enum class State { Ready, AtBarrier, AtWarpBarrier, Done };

struct Fiber {
  ucontext_t context;
  State state = State::Ready;
  unsigned index = 0;
};

struct Launch {
  ucontext_t scheduler;
  Fiber *current = nullptr;
  unsigned block = 0, blockSize = 0, gridSize = 0;
  void (*body)(void *) = nullptr;
  void *arg = nullptr;
  std::string error;
};

Launch *active = nullptr; // one launch at a time (the fake driver runs launches in order)

void fiberMain() {
  Launch &l = *active;
  try {
    l.body(l.arg);
  } catch (const std::exception &e) {
    if (l.error.empty())
      l.error = std::string("exception in kernel thread: ") + e.what();
  } catch (...) {
    if (l.error.empty())
      l.error = "unknown exception in kernel thread";
  }
  l.current->state = State::Done;
  // Returning resumes uc_link: the scheduler.
}

} // namespace

std::string runGrid(void (*threadBody)(void *), void *arg, unsigned gridSize, unsigned blockSize,
                    uint64_t seed) {
  if (active)
    return "nested launch";
  Launch l;
  l.body = threadBody;
  l.arg = arg;
  l.blockSize = blockSize;
  l.gridSize = gridSize;
  active = &l;
  std::vector<Fiber> fibers(blockSize);
  // Stacks are kept between launches (allocating and clearing megabytes per launch would dominate).
  static std::unique_ptr<char[]> stacks;
  static size_t stackCount = 0;
  if (stackCount < blockSize) {
    stacks.reset(new char[size_t(blockSize) * kStackBytes]);
    stackCount = blockSize;
  }
  std::mt19937_64 rng(seed);
  std::vector<unsigned> blocks(gridSize);
  std::iota(blocks.begin(), blocks.end(), 0u);
  if (seed)
    std::shuffle(blocks.begin(), blocks.end(), rng);
  std::vector<unsigned> order(blockSize);

  for (unsigned b : blocks) {
    l.block = b;
    for (unsigned t = 0; t < blockSize; ++t) {
      Fiber &f = fibers[t];
      f.index = t;
      f.state = State::Ready;
      getcontext(&f.context);
      f.context.uc_stack.ss_sp = stacks.get() + size_t(t) * kStackBytes;
      f.context.uc_stack.ss_size = kStackBytes;
      f.context.uc_link = &l.scheduler;
      makecontext(&f.context, fiberMain, 0);
    }
    for (;;) {
      std::iota(order.begin(), order.end(), 0u);
      if (seed)
        std::shuffle(order.begin(), order.end(), rng);
      for (unsigned t : order) {
        Fiber &f = fibers[t];
        if (f.state != State::Ready)
          continue;
        l.current = &f;
        swapcontext(&l.scheduler, &f.context);
      }
      // A warp whose 32 threads all wait at a warp barrier goes on first.
      bool released = false;
      for (unsigned w0 = 0; w0 < blockSize; w0 += 32) {
        const unsigned end = std::min(w0 + 32, blockSize);
        if (std::all_of(fibers.begin() + w0, fibers.begin() + end,
                        [](const Fiber &f) { return f.state == State::AtWarpBarrier; })) {
          for (unsigned t = w0; t < end; ++t)
            fibers[t].state = State::Ready;
          released = true;
        }
      }
      if (released)
        continue;
      auto count = [&](State s) {
        return size_t(std::count_if(fibers.begin(), fibers.end(),
                                    [s](const Fiber &f) { return f.state == s; }));
      };
      const size_t waiting = count(State::AtBarrier), atWarp = count(State::AtWarpBarrier);
      if (waiting == 0 && atWarp == 0)
        break; // every thread finished
      if (atWarp) {
        // Some thread of a warp exited or waits at a block barrier while the rest of its warp
        // waits at a warp-wide instruction: undefined on a GPU.
        l.error = "block " + std::to_string(b) + ": " + std::to_string(atWarp) +
                  " threads wait at a warp-wide instruction that the rest of their warp did not "
                  "reach";
        break;
      }
      if (waiting != blockSize) {
        // Some threads returned while others wait at a barrier: undefined on a GPU, an error here.
        // The waiting fibers are abandoned (their stacks are reset with the next block).
        l.error = "block " + std::to_string(b) + ": " + std::to_string(blockSize - waiting) +
                  " threads exited while " + std::to_string(waiting) +
                  " waited at a barrier";
        break;
      }
      for (Fiber &f : fibers)
        f.state = State::Ready;
    }
    if (!l.error.empty())
      break;
  }
  active = nullptr;
  return l.error;
}

void warpBarrier() {
  Launch &l = *active;
  Fiber *f = l.current;
  f->state = State::AtWarpBarrier;
  swapcontext(&f->context, &l.scheduler);
}

void reportError(const std::string &why) {
  if (active && active->error.empty())
    active->error = why;
}

} // namespace sconv::emu

// The hooks DeviceDefs.h declares for emulated kernels.
namespace sconv::gpu::emu {
unsigned threadIndex() { return sconv::emu::active->current->index; }
unsigned blockIndex() { return sconv::emu::active->block; }
unsigned blockSize() { return sconv::emu::active->blockSize; }
unsigned gridSize() { return sconv::emu::active->gridSize; }
void barrier() {
  sconv::emu::Launch &l = *sconv::emu::active;
  sconv::emu::Fiber *f = l.current;
  f->state = sconv::emu::State::AtBarrier;
  swapcontext(&f->context, &l.scheduler);
}
} // namespace sconv::gpu::emu
