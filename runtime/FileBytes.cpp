// See FileBytes.h.
#include "runtime/FileBytes.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace sconv::rt {

std::string readFileBytes(const std::string &path, const std::string &what) {
  // An ifstream opens a directory without complaint and then fails to read; say what it is.
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw Error(what + " '" + path + "' is a directory");
  std::ifstream file(path, std::ios::binary | std::ios::ate);
  if (!file)
    throw Error("cannot open " + what + " '" + path + "': " + std::strerror(errno));
  const std::streamoff size = file.tellg();
  if (size < 0)
    throw Error("cannot read the size of " + what + " '" + path + "'");
  std::string bytes(size_t(size), '\0');
  file.seekg(0);
  if (!file.read(bytes.data(), size))
    throw Error("short read from " + what + " '" + path + "'");
  return bytes;
}

} // namespace sconv::rt
