#!/usr/bin/env bash
# The main job: set up, compile an example backbone with sconvc, run it with sconv-run on a real
# KITTI frame from ../shared/data, and print what it did and how long it took.
#   scripts/run-example.sh [model.mlir] [point-file] [extra sconv-run options...]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
model=${1:-examples/centerpoint_kitti.mlir}
frame=${2:-../shared/data/kitti_seq00_000000.bin}
shift $(( $# > 2 ? 2 : $# )) || true
out=build/examples/$(basename "${model%.mlir}").sconv
mkdir -p build/examples
start=$(date +%s%N)
build/bin/sconvc "$model" --target cpu -o "$out"
echo "compiled $model -> $out in $(( ($(date +%s%N) - start) / 1000000 )) ms"
build/bin/sconv-run "$out" --input "$frame" --repeat 5 "$@"
