// Errors raised by the runtime. The runtime reports bad input (malformed files, coordinates out of
// range, wrong weight shapes, ...) by throwing sconv::rt::Error with a message that names the problem;
// tools catch it at the top and print it.
#pragma once
#include <stdexcept>
#include <string>

namespace sconv::rt {

struct Error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

} // namespace sconv::rt
