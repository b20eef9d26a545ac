// See GpuGraphSegments.h.
#include "runtime/cuda/GpuGraphSegments.h"
#include "runtime/FrameGraph.h" // roundUpEighthOctave

namespace sconv::rt {

int64_t graphRows(int64_t n) {
  if (n <= 2048)
    return (n + 255) / 256 * 256;
  return roundUpEighthOctave(n);
}

std::shared_ptr<DeviceBuffer> PersistentSlots::next(size_t bytes) {
  // The first slot nothing holds any more that is large enough: a tensor that died earlier in the
  // run leaves its slot to a later one. Safe in stream order: a deferred reader of the old tensor
  // comes before the new writer in the captured sequence, and eager writers flush the segment
  // first. Deterministic: the same requests in the same order get the same slots.
  for (const std::shared_ptr<DeviceBuffer> &slot : slots_)
    if (slot.use_count() == 1 && slot->size() >= bytes)
      return slot;
  slots_.push_back(std::make_shared<DeviceBuffer>(ctx_.allocate(bytes)));
  return slots_.back();
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
