#!/usr/bin/env bash
# Runs every GPU check on a GPU machine from the folder scripts/gpu-carry.sh assembled, writing
# logs, outputs and numbers into OUTDIR. Each step is logged and its exit status summed up at the
# end; a failing step does not stop the others (one device session should show everything).
#   bash gpu-carry/gpu-suite.sh OUTDIR [steps]     steps: any of test,compare,memcheck,tune,bench
# The device tool allows 600 s per call: run the steps over several calls when all of them would
# take longer (e.g. "test,compare,memcheck", then "tune", then "bench"). Each step is killed after
# STEP_TIMEOUT seconds (default 300), so one hang cannot take the whole call.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$(mkdir -p "$1" && cd "$1" && pwd)
steps=${2:-test,compare,memcheck,tune,bench}
cd "$here"
export SCONV_GPU_TEST_MODELS=$here/models SCONV_TEST_DATA=$here/data
summary=()
step() { # name command...
  local name=$1; shift
  local t0=$(date +%s)
  timeout "${STEP_TIMEOUT:-300}" "$@" >"$out/$name.txt" 2>&1
  local rc=$?
  summary+=("$name: rc $rc, $(( $(date +%s) - t0 )) s")
  echo "== $name: rc $rc"; tail -3 "$out/$name.txt"
}
has() { [[ ",$steps," == *",$1,"* ]]; }
nvidia-smi --query-gpu=name,compute_cap,driver_version,memory.total --format=csv >"$out/device.txt" 2>&1
cat "$out/device.txt"

if has test; then
  # The real-driver instances only: the emulated ones ran where the binaries were built (their fake
  # driver library is not carried).
  step gpu-runtime-test bin/gpu-runtime-test \
    --gtest_filter='*/gpu:CudaDriver.SystemDriver*:CudaDriver.Missing*:CudaDriver.Toolkit*'
  step gpu-conv-test bin/gpu-conv-test --gtest_filter='*/gpu'
fi
frame=data/kitti_seq00_000000.bin
if has compare; then
  for m in cp cp-f16s2; do
    for d in cpu gpu; do
      step run-$m-$d bin/sconv-run examples/$m.sconv --input $frame --device $d --output "$out/$m-$d.npy"
    done
  done
  step run-lk-cpu bin/sconv-run examples/lk.sconv --input data/nuscenes_lidar_top_sweep.bin --device cpu --output "$out/lk-cpu.npy"
  step run-lk-gpu bin/sconv-run examples/lk.sconv --input data/nuscenes_lidar_top_sweep.bin --device gpu --output "$out/lk-gpu.npy"
  step compare-cp python3 gpu_compare.py "$out/cp-cpu.npy" "$out/cp-gpu.npy" --tol 1e-5
  step compare-cp-f16s2 python3 gpu_compare.py "$out/cp-cpu.npy" "$out/cp-f16s2-gpu.npy" --tol 2e-3
  step compare-lk python3 gpu_compare.py "$out/lk-cpu.npy" "$out/lk-gpu.npy" --tol 1e-5
  rm -f "$out"/*.npy
fi
if has memcheck; then
  sanitizer=/usr/local/cuda/bin/compute-sanitizer
  for m in cp cp-f16s2; do
    step memcheck-$m "$sanitizer" --tool memcheck --error-exitcode 3 bin/sconv-run examples/$m.sconv \
      --input data/kitti_000008_front.bin --device gpu
  done
fi
if has tune; then
  frames=data/kitti_000008_front.bin,data/kitti_seq00_000000.bin
  for p in f32 f16; do
    step tune-cp-$p bin/sconv-tune --prepared tune/cp-$p --input $frames -o "$out/tuning-cp-$p.json"
  done
  step tune-lk-f32 bin/sconv-tune --prepared tune/lk-f32 --input data/nuscenes_lidar_top_sweep.bin \
    -o "$out/tuning-lk-f32.json"
fi
if has bench; then
  step bench-cp bin/sconv-bench --model examples/cp.sconv,examples/cp-f16s2.sconv \
    --input data/kitti_000008_front.bin,data/kitti_seq00_000000.bin --device cpu,gpu --gpu-graph \
    --gpu-host-dense --repeat 10 --json "$out/bench-cp.json"
  step bench-lk bin/sconv-bench --model examples/lk.sconv --input data/nuscenes_lidar_top_sweep.bin \
    --device cpu,gpu --gpu-graph --repeat 10 --json "$out/bench-lk.json"
fi
printf '%s\n' "${summary[@]}" | tee "$out/summary.txt"
