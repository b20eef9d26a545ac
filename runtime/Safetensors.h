// safetensors files (the format of Hugging Face's `safetensors`, which PyTorch state dicts are
// commonly exported to):
//
//   u64 little-endian N | N bytes of JSON header | byte buffer
//
// The header maps each tensor name to {"dtype", "shape", "data_offsets": [begin, end]} (offsets
// into the byte buffer, little-endian, C order); an optional "__metadata__" entry maps strings to
// strings. Weights are float32 in the runtime, so every tensor is converted to float32 on reading.
#pragma once
#include "runtime/Error.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace sconv::rt {

struct TensorData {
  std::vector<int64_t> shape;
  std::vector<float> values; // C order; size is the product of shape (1 for a scalar)

  int64_t numElements() const;
};

/// "[27, 4, 16]": how shapes are written in error messages and tool output.
std::string formatShape(const std::vector<int64_t> &shape);

/// Reads every tensor of a safetensors file. F32, F16, BF16 and F64 are converted to float32;
/// integer and bool tensors (I8..I64, U8..U64, BOOL: e.g. BatchNorm's num_batches_tracked) are
/// converted too (exact below 2^24). `metadata` (optional) receives "__metadata__".
/// Throws Error naming the file and the problem: missing file, header length past the end of the
/// file, malformed JSON or entry, unknown dtype, offsets out of range or overlapping another
/// tensor, or a byte range whose size disagrees with dtype and shape.
std::map<std::string, TensorData>
readSafetensors(const std::string &path, std::map<std::string, std::string> *metadata = nullptr);

/// Writes the tensors as F32 (names in map order, data contiguous, header padded with spaces to a
/// multiple of 8 bytes as the reference implementation does). Throws Error when a tensor's value
/// count disagrees with its shape, a name is empty or "__metadata__", or the file cannot be
/// written.
void writeSafetensors(const std::string &path, const std::map<std::string, TensorData> &tensors,
                      const std::map<std::string, std::string> &metadata = {});

} // namespace sconv::rt
