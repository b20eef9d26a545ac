// See GpuGraphSegments.h.
#include "runtime/cuda/GpuGraphSegments.h"

namespace sconv::rt {

int64_t graphRows(int64_t n) {
  if (n <= 2048)
    return (n + 255) / 256 * 256;
  int e = 63 - __builtin_clzll(uint64_t(n)) - 3; // 2^(e+3) <= n: steps of 2^e, 8 per octave
  const int64_t step = int64_t(1) << e;
  return (n + step - 1) / step * step;
}

std::shared_ptr<DeviceBuffer> PersistentSlots::next(size_t bytes) {
  if (next_ == slots_.size())
    slots_.push_back(nullptr);
  std::shared_ptr<DeviceBuffer> &slot = slots_[next_++];
  // A slot still in use elsewhere (a tensor of the previous run someone holds) is left to them.
  if (!slot || slot->size() < bytes || slot.use_count() > 1)
    slot = std::make_shared<DeviceBuffer>(ctx_.allocate(bytes));
  return slot;
}

void GraphSegments::beginRun() {
  current_ = 0;
  tokens_.clear();
  launches_.clear();
}

void GraphSegments::defer(std::string token, std::function<void()> launch) {
  tokens_.push_back(std::move(token));
  launches_.push_back(std::move(launch));
}

void GraphSegments::flush() {
  if (launches_.empty())
    return;
  if (current_ == segments_.size())
    segments_.emplace_back();
  Segment &s = segments_[current_++];
  if (s.graph && s.tokens == tokens_) {
    ++stats_.replays;
    stats_.launchesReplayed += int64_t(launches_.size());
  } else {
    s.graph.reset();
    s.graph.emplace(GpuGraph::capture(ctx_, [&] {
      for (const auto &launch : launches_)
        launch();
    }));
    s.tokens = std::move(tokens_);
    ++stats_.captures;
  }
  tokens_.clear();
  launches_.clear();
  s.graph->launch();
}

} // namespace sconv::rt
