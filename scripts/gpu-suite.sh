#!/usr/bin/env bash
# Runs every GPU check on a GPU machine from the folder scripts/gpu-carry.sh assembled, writing
# logs, outputs and numbers into OUTDIR. Each step is logged and its exit status summed up at the
# end; a failing step does not stop the others (one device session should show everything).
#   bash gpu-carry/gpu-suite.sh OUTDIR [steps]     steps: any of test,compare,memcheck,tune,bench
# The device tool allows 600 s per call: run the steps over several calls when all of them would
# take longer (e.g. "test,compare,memcheck", then "tune", then "bench"). Each step is killed after
# STEP_TIMEOUT seconds (default 300), and none runs past SUITE_SECONDS (default 560) from the start,
# so one hang cannot take the whole call and the summary is always written. GPU_CONV_FILTER
# narrows gpu-conv-test (default '*/gpu'); TUNE_ARGS is added to each sconv-tune (e.g. --repeat 3);
# BENCH_FLAGS replaces sconv-bench's backend and repeat flags.
# The device tool returns at most 8 files: the step logs go into OUTDIR/logs.tar.gz, beside
# summary.txt and the JSON files (tuning databases, benchmark numbers).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$(mkdir -p "$1" && cd "$1" && pwd)
steps=${2:-test,compare,memcheck,tune,bench}
cd "$here"
export SCONV_GPU_TEST_MODELS=$here/models SCONV_TEST_DATA=$here/data
summary=()
start=$(date +%s)
deadline=$(( start + ${SUITE_SECONDS:-560} ))
mkdir -p "$out/logs"
step() { # name command...
  local name=$1; shift
  local t0=$(date +%s)
  local limit=$(( deadline - t0 - 10 ))
  (( limit > ${STEP_TIMEOUT:-300} )) && limit=${STEP_TIMEOUT:-300}
  if (( limit < 5 )); then
    summary+=("$name: skipped, the suite's ${SUITE_SECONDS:-560} s are spent"); return
  fi
  timeout "$limit" "$@" >"$out/logs/$name.txt" 2>&1
  local rc=$?
  summary+=("$name: rc $rc, $(( $(date +%s) - t0 )) s")
  echo "== $name: rc $rc"; tail -3 "$out/logs/$name.txt"
}
has() { [[ ",$steps," == *",$1,"* ]]; }
nvidia-smi --query-gpu=name,compute_cap,driver_version,memory.total --format=csv >"$out/logs/device.txt" 2>&1
cat "$out/logs/device.txt"

if has test; then
  # The real-driver instances only: the emulated ones ran where the binaries were built (their fake
  # driver library is not carried).
  step gpu-runtime-test bin/gpu-runtime-test \
    --gtest_filter='*/gpu:CudaDriver.SystemDriver*:CudaDriver.Missing*:CudaDriver.Toolkit*'
  step gpu-conv-test bin/gpu-conv-test --gtest_filter="${GPU_CONV_FILTER:-*/gpu}"
  # The embedding example (examples/embed): on a GPU its BEV map must stay there.
  step embed-detect-frame bash -c 'out=$(bin/detect_frame examples/cp.sconv data/kitti_000008_front.bin) &&
    echo "$out" && grep -q "on the GPU" <<<"$out"'
fi
# Every compiled variant in examples/ (cp*: CenterPoint on KITTI, lk*: the LargeKernel3D detector
# on nuScenes, sps*: SPS-Conv's CenterPoint on nuScenes; *f16*: tensor-core kernels) runs on the
# GPU and is compared with its family's CPU run.
family() { echo "${1%%-*}"; }
input_of() {
  case "$(family "$1")" in
  lk | sps) echo data/nuscenes_lidar_top_sweep.bin ;;
  *) echo "$2" ;;
  esac
}
if has compare; then
  frame=data/kitti_seq00_000000.bin
  for m in cp lk sps; do
    step run-$m-cpu bin/sconv-run examples/$m.sconv --input "$(input_of $m $frame)" --device cpu \
      --output "$out/$m-cpu.npy"
  done
  for f in examples/*.sconv; do
    m=$(basename "$f" .sconv)
    tol=1e-5
    [[ $m == *f16* ]] && tol=2e-3 # f16 operands, f32 accumulation
    step run-$m-gpu bin/sconv-run "$f" --input "$(input_of $m $frame)" --device gpu --output "$out/$m-gpu.npy"
    step compare-$m python3 gpu_compare.py "$out/$(family $m)-cpu.npy" "$out/$m-gpu.npy" --tol $tol
  done
  # Whole-frame graphs: the first run walked and captured, the others replayed (the result
  # written is the last replay's).
  for m in cp lk sps; do
    step run-$m-gpu-frame bin/sconv-run examples/$m.sconv --input "$(input_of $m $frame)" \
      --device gpu --gpu-frame-graph --repeat 3 --output "$out/$m-gpu-frame.npy"
    step compare-$m-frame python3 gpu_compare.py "$out/$m-cpu.npy" "$out/$m-gpu-frame.npy" --tol 1e-5
  done
  rm -f "$out"/*.npy
fi
if has memcheck; then
  sanitizer=$(command -v compute-sanitizer || echo /usr/local/cuda/bin/compute-sanitizer)
  for f in examples/*.sconv; do
    m=$(basename "$f" .sconv)
    step memcheck-$m "$sanitizer" --tool memcheck --error-exitcode 3 bin/sconv-run "$f" \
      --input "$(input_of $m data/kitti_000008_front.bin)" --device gpu
  done
fi
if has tune; then
  frames=data/kitti_000008_front.bin,data/kitti_seq00_000000.bin
  for p in f32 f16; do
    step tune-cp-$p bin/sconv-tune --prepared tune/cp-$p --input $frames -o "$out/tuning-cp-$p.json" ${TUNE_ARGS:-}
  done
  if [ -d tune/cp-f16-sm90a ]; then # wgmma tiles among the candidates (gpu-carry.sh, optional)
    step tune-cp-f16-sm90a bin/sconv-tune --prepared tune/cp-f16-sm90a --input $frames \
      -o "$out/tuning-cp-f16-sm90a.json" ${TUNE_ARGS:-}
  fi
  step tune-lk-f32 bin/sconv-tune --prepared tune/lk-f32 --input data/nuscenes_lidar_top_sweep.bin \
    -o "$out/tuning-lk-f32.json" ${TUNE_ARGS:-}
fi
models() { # every compiled variant of a model: examples/PREFIX*.sconv (e.g. cp, cp-tuned, cp-f16)
  local files=(examples/"$1"*.sconv)
  local IFS=,
  echo "${files[*]}"
}
if has bench; then
  # BENCH_FLAGS replaces the backends and repeats (e.g. "--device gpu --gpu-keep-dense --repeat 20").
  flags=(${BENCH_FLAGS:---device cpu,gpu --gpu-graph --gpu-frame-graph --gpu-keep-dense --gpu-host-dense --repeat 20})
  step bench-cp bin/sconv-bench --model "$(models cp)" \
    --input data/kitti_000008_front.bin,data/kitti_seq00_000000.bin "${flags[@]}" --json "$out/bench-cp.json"
  step bench-lk bin/sconv-bench --model "$(models lk)" --input data/nuscenes_lidar_top_sweep.bin \
    "${flags[@]}" --json "$out/bench-lk.json"
  step bench-sps bin/sconv-bench --model "$(models sps)" --input data/nuscenes_lidar_top_sweep.bin \
    "${flags[@]}" --json "$out/bench-sps.json"
fi
{ cat "$out/logs/device.txt"; printf '%s\n' "${summary[@]}"; } | tee "$out/summary.txt"
tar -czf "$out/logs.tar.gz" -C "$out" logs && rm -rf "$out/logs"
