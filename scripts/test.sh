#!/usr/bin/env bash
# Sets up (install, configure, build) and runs every test: lit (IR, passes, codegen, PTX, tools)
# and GoogleTest (runtime, kernel maps, compiled-kernel numerics) through ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cd build
ctest --output-on-failure -j"${SCONV_JOBS:-2}"
