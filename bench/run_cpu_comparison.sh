#!/usr/bin/env bash
# The CPU benchmark in one command (see docs/benchmarks.md):
#
#   bash bench/run_cpu_comparison.sh
#
# 1. builds sconvc, sconv-run and sconv-bench (configuring build/ when needed);
# 2. compiles the eight example backbones into build/bench/;
# 3. runs sconv-bench on the real frames of ../shared/data, each model on the frames whose channel
#    count it takes (KITTI: 4, nuScenes: 5, ScanNet: 3; the other pairs are listed as skipped);
# 4. sets up a Python virtual environment (build/bench-venv) with numpy, torch and spconv's CPU
#    wheel from PyPI and runs bench/compare_spconv.py (CenterPoint and SECOND, same weights, same
#    voxels, outputs checked before timing, A/B alternating).
#
# Results go to bench/results/: sconv_bench_cpu.{txt,json,svg}, compare_spconv_cpu.{txt,json,md}.
# Settings from the environment: BUILD (build), DATA (../shared/data), REPEAT (5), WARMUP (1),
# ROUNDS (5), RUNS_PER_ROUND (3), CMP_THREADS (1), SKIP_SPCONV=1 (sconv-bench only).
# The benchmark scripts need Python; the build and the tests do not.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
DATA=${DATA:-../shared/data}
OUT=bench/results
REPEAT=${REPEAT:-5}
WARMUP=${WARMUP:-1}
ROUNDS=${ROUNDS:-5}
RUNS_PER_ROUND=${RUNS_PER_ROUND:-3}
CMP_THREADS=${CMP_THREADS:-1}

if [ ! -d "$DATA" ]; then
  echo "run_cpu_comparison: no point clouds at $DATA (set DATA)" >&2
  exit 1
fi
if [ ! -f "$BUILD/build.ninja" ]; then
  cmake -G Ninja -S . -B "$BUILD" -DLLVM_EXTERNAL_LIT=/usr/lib/llvm-22/bin/lit
fi
ninja -C "$BUILD" -j"${SCONV_JOBS:-2}" sconvc sconv-run sconv-bench

mkdir -p "$BUILD/bench" "$OUT"
models=()
for m in centerpoint_kitti second_kitti centerpoint_nuscenes sps_centerpoint_nuscenes \
         lk3d_det_nuscenes lk3d_det_k17_nuscenes minkunet34c_scannet lk3d_minkunet34c_scannet; do
  "$BUILD/bin/sconvc" "examples/$m.mlir" -o "$BUILD/bench/$m.sconv"
  models+=("$BUILD/bench/$m.sconv")
done
frames=()
for f in kitti_000008_front kitti_seq00_000000 kitti_seq00_000001 kitti_seq00_000004 \
         kitti_seq00_000005 nuscenes_lidar_top_sweep scannet_scene0000_00; do
  frames+=("$DATA/$f.bin")
done

echo "== sconv-bench: ${#models[@]} models x ${#frames[@]} frames, $WARMUP warm-up + $REPEAT timed runs"
"$BUILD/bin/sconv-bench" --model "$(IFS=,; echo "${models[*]}")" --input "$(IFS=,; echo "${frames[*]}")" \
  --repeat "$REPEAT" --warmup "$WARMUP" \
  --json "$OUT/sconv_bench_cpu.json" --svg "$OUT/sconv_bench_cpu.svg" | tee "$OUT/sconv_bench_cpu.txt"

if [ "${SKIP_SPCONV:-0}" = 1 ]; then
  exit 0
fi
echo "== spconv comparison (CPU, $CMP_THREADS thread(s))"
VENV="$BUILD/bench-venv"
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c "import numpy, torch, spconv" 2>/dev/null; then
  # spconv (no suffix) is spconv's CPU-only wheel; torch from PyPI (its CUDA libraries are not
  # used here). A failure is reported by compare_spconv.py as "not measured", never faked.
  "$VENV/bin/pip" install numpy torch spconv matplotlib || echo "run_cpu_comparison: pip install failed"
fi
frames_cmp="$DATA/kitti_000008_front.bin,$DATA/kitti_seq00_000000.bin"
set +e
"$VENV/bin/python" bench/compare_spconv.py --build "$BUILD" --frames "$frames_cmp" \
  --rounds "$ROUNDS" --runs-per-round "$RUNS_PER_ROUND" --threads "$CMP_THREADS" --out "$OUT" \
  2>&1 | tee "$OUT/compare_spconv_cpu.txt"
status=${PIPESTATUS[0]}
set -e
if [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c "import matplotlib" 2>/dev/null; then
  "$VENV/bin/python" bench/plot_layers.py "$OUT/sconv_bench_cpu.json" -o "$BUILD/bench/layers.png" || true
fi
echo "results in $OUT/"
exit "$status"
