// Graph mode of the GPU backend: a backbone's compute steps captured once as CUDA graphs and
// replayed frame after frame.
//
// A graph replays fixed launches: the same kernels, device addresses and sizes. Per frame the
// sites, and so every size, change. Graph mode makes the launches frame-invariant anyway:
//  - every feature tensor and map table lives in a persistent slot kept from run to run: a request
//    gets the first free slot large enough (or a new one), so the same requests in the same order
//    get the same addresses, and memory follows the live set;
//  - every launch covers graphRows(n) rows instead of n: the tables' extra rows are -1 (no
//    neighbour), so the extra output rows get the bias and are never read by a real row, and
//    the executor reads only the first n rows. Sizes repeat while each layer stays in its bucket.
// The launches of the steps between two host synchronisations form a segment. Each is recorded
// as a token (its exact kernel, addresses and sizes) and a closure; at the end of the segment
// (flush) the tokens are compared with those the segment's graph was captured from: equal, the
// graph is replayed (one cuGraphLaunch, the closures are not run); different, the closures are
// captured into a new graph, which is launched. Kernel maps, which read sizes back to the host,
// are built eagerly between segments and copied into their slots (padded with -1).
#pragma once
#include "runtime/cuda/GpuContext.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sconv::rt {

/// The rows a graph-mode launch covers for n rows: n rounded up to a multiple of 256 up to 2048,
/// beyond that to eight steps per octave (at most 12.5% more).
int64_t graphRows(int64_t n);

/// The exact inputs of one launch, as bytes.
class LaunchToken {
public:
  LaunchToken &operator<<(uint64_t v) {
    bytes_.append(reinterpret_cast<const char *>(&v), sizeof v);
    return *this;
  }
  LaunchToken &operator<<(const void *p) { return *this << uint64_t(uintptr_t(p)); }
  std::string take() { return std::move(bytes_); }

private:
  std::string bytes_;
};

/// Device buffers whose address lasts from run to run (see the top of this file). A slot is in use
/// while someone holds its shared_ptr (a tensor, a run's table); memory follows the live set.
class PersistentSlots {
public:
  explicit PersistentSlots(GpuContext &ctx) : ctx_(ctx) {}
  /// The first free slot of at least `bytes`, or a new one.
  std::shared_ptr<DeviceBuffer> next(size_t bytes);
  size_t count() const { return slots_.size(); }

private:
  GpuContext &ctx_;
  std::vector<std::shared_ptr<DeviceBuffer>> slots_;
};

class GraphSegments {
public:
  explicit GraphSegments(GpuContext &ctx) : ctx_(ctx) {}
  /// A new run: its first segment is segment 0 again; launches left from an aborted run dropped.
  void beginRun();
  /// Adds a launch (its token and the closure that queues it) to the current segment.
  void defer(std::string token, std::function<void()> launch);
  /// Ends the current segment: replays its graph or captures a new one (see the top).
  void flush();

  struct Stats {
    int64_t captures = 0, replays = 0, launchesReplayed = 0;
  };
  const Stats &stats() const { return stats_; }

private:
  struct Segment {
    std::vector<std::string> tokens;
    std::optional<GpuGraph> graph;
  };
  GpuContext &ctx_;
  std::vector<Segment> segments_;
  size_t current_ = 0;
  std::vector<std::string> tokens_;
  std::vector<std::function<void()>> launches_;
  Stats stats_;
};

} // namespace sconv::rt
