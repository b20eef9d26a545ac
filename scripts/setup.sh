#!/usr/bin/env bash
# Installs what is missing (Debian packages), configures and builds sconv in ./build.
# Idempotent, and quiet when everything is already there. Usage: scripts/setup.sh
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(cmake ninja-build g++ python3 libgtest-dev libbenchmark-dev
          libmlir-22-dev mlir-22-tools llvm-22-dev llvm-22-tools clang-22)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/tmp/sconv-apt.log 2>&1 || { cat /tmp/sconv-apt.log; exit 1; }
fi

if [ ! -f build/build.ninja ]; then
  cmake -G Ninja -S . -B build -DCMAKE_BUILD_TYPE=Release \
    -DLLVM_EXTERNAL_LIT=/usr/lib/llvm-22/bin/lit >/tmp/sconv-configure.log 2>&1 ||
    { cat /tmp/sconv-configure.log; exit 1; }
fi
# Two cores on the machines this runs on; more jobs only thrash memory.
ninja -C build -j"${SCONV_JOBS:-2}" >/tmp/sconv-build.log 2>&1 || { tail -60 /tmp/sconv-build.log; exit 1; }
echo "setup: build ready in ./build"
