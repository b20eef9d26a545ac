// The message a call fails with: tests compare sconv's error messages with what they expect.
#pragma once
#include "runtime/Error.h"

#include <functional>
#include <string>

namespace sconv::test {

/// The message of the rt::Error `f` throws, or "" when it throws none.
inline std::string errorOf(const std::function<void()> &f) {
  try {
    f();
  } catch (const rt::Error &e) {
    return e.what();
  }
  return "";
}

} // namespace sconv::test
