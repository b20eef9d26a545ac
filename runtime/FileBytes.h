// Whole-file reading with the runtime's error messages, shared by the point and weight readers.
#pragma once
#include "runtime/Error.h"

#include <string>

namespace sconv::rt {

/// The bytes of `path`. `what` names the kind of file in errors ("point file"): throws Error
/// "<what> '<path>' is a directory" or "cannot open <what> '<path>': <reason>".
std::string readFileBytes(const std::string &path, const std::string &what);

} // namespace sconv::rt
