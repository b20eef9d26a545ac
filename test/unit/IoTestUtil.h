// Helpers for the file-format tests (io-test): temporary files and error messages.
#pragma once
#include "test/unit/ErrorOf.h"
#include "runtime/Error.h"

#include <atomic>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include <unistd.h>

namespace sconv::iotest {

using sconv::test::errorOf;

/// A path in the temp directory, unique per process and object (ctest runs test cases of one
/// binary in parallel processes), removed on destruction. `suffix` keeps extensions meaningful.
class TempPath {
public:
  explicit TempPath(const std::string &suffix) {
    static std::atomic<int> counter{0};
    const std::string name =
        "sconv-io-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + suffix;
    path_ = (std::filesystem::temp_directory_path() / name).string();
  }
  TempPath(const std::string &suffix, const std::string &bytes) : TempPath(suffix) { write(bytes); }
  ~TempPath() {
    std::error_code ec;
    std::filesystem::remove(path_, ec);
  }
  TempPath(const TempPath &) = delete;
  TempPath &operator=(const TempPath &) = delete;

  void write(const std::string &bytes) const {
    std::ofstream(path_, std::ios::binary).write(bytes.data(), std::streamsize(bytes.size()));
  }
  const std::string &path() const { return path_; }

private:
  std::string path_;
};

/// The raw bytes of a vector of trivially copyable values (little-endian host).
template <typename T> std::string bytesOf(const std::vector<T> &v) {
  return std::string(reinterpret_cast<const char *>(v.data()), v.size() * sizeof(T));
}

template <typename T> std::string bytesOf(T v) {
  std::string s(sizeof(T), '\0');
  std::memcpy(s.data(), &v, sizeof(T));
  return s;
}

} // namespace sconv::iotest
