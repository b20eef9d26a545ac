#!/usr/bin/env bash
# The main job: set up, compile an example backbone with sconvc (CPU code plus PTX and cubins for
# sm_80 and sm_90), run it with sconv-run on a real KITTI frame from ../shared/data (its convs on
# the GPU when there is one, else on the CPU), and print what it did and how long it took.
#   scripts/run-example.sh [model.mlir] [point-file] [extra sconv-run options...]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
model=${1:-examples/centerpoint_kitti.mlir}
frame=${2:-../shared/data/kitti_seq00_000000.bin}
shift $(( $# > 2 ? 2 : $# )) || true
out=build/run/$(basename "${model%.mlir}").sconv
mkdir -p build/run
start=$(date +%s%N)
build/bin/sconvc "$model" --target cpu,sm_80,sm_90 -o "$out"
echo "compiled $model -> $out in $(( ($(date +%s%N) - start) / 1000000 )) ms"
build/bin/sconv-run "$out" --input "$frame" --repeat 5 "$@"
