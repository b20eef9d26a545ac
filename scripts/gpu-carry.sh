#!/usr/bin/env bash
# Assembles gpu-carry/: everything a GPU machine without LLVM/MLIR needs to run sconv's GPU checks
# (docs/gpu-runs.md). The runtime-only binaries (they link LLVMSupport statically), the GPU test
# models and the example backbones compiled here for the chip, sconv-tune candidates prepared for
# it (sconv-tune --prepare), the real frames, and the script that runs it all there:
#   scripts/gpu-carry.sh [chip]              here (default chip: sm_90; SCONV_CARRY_TUNE=0: no
#                                            tuning candidates, for runs without the tune step)
#   tar xzf gpu-carry.tgz && bash gpu-carry/gpu-suite.sh OUTDIR
#                                            on the GPU machine (the device tool: carry
#                                            gpu-carry.tgz, the folder packed)
# The pack must stay under the device tool's 64 MiB carry limit with the working tree; the script
# says its size and fails when it is too close.
set -euo pipefail
cd "$(dirname "$0")/.."
chip=${1:-sm_90}
jobs=${SCONV_JOBS:-2}
bash scripts/setup.sh
ninja -C build -j"$jobs" sconv-gpu-test-models >/dev/null
if [ ! -f build-rt/build.ninja ]; then
  cmake -G Ninja -S . -B build-rt -DSCONV_RUNTIME_ONLY=ON -DCMAKE_BUILD_TYPE=Release \
    -DLLVM_EXTERNAL_LIT=/usr/lib/llvm-22/bin/lit >/dev/null
fi
ninja -C build-rt -j"$jobs" gpu-runtime-test gpu-conv-test sconv-run sconv-bench sconv-tune detect_frame \
  >/dev/null

# The folder itself passes the carry limit once the tuning candidates are in (67 MiB in the
# fourteenth session), so it travels packed: the artifacts are mostly PTX and cubin text, which
# gzip shrinks about fourfold, and every GPU machine has tar and gzip.
pack() {
  rm -f gpu-carry.tgz
  tar czf gpu-carry.tgz gpu-carry
  local mib=$(( ($(stat -c %s gpu-carry.tgz) + 1048575) / 1048576 ))
  echo "gpu-carry: $(du -sm gpu-carry | cut -f1) MiB, packed into gpu-carry.tgz: $mib MiB $1"
  if [ "$mib" -gt 56 ]; then # the working tree travels too
    echo "gpu-carry.tgz is over 56 MiB: with the working tree it would pass the device tool's" \
      "64 MiB carry limit" >&2
    exit 1
  fi
}

rm -rf gpu-carry gpu-carry.tgz
mkdir -p gpu-carry/bin gpu-carry/models gpu-carry/data gpu-carry/examples gpu-carry/tune
cp build-rt/bin/{gpu-runtime-test,gpu-conv-test,sconv-run,sconv-bench,sconv-tune,detect_frame} gpu-carry/bin/
strip gpu-carry/bin/* # symbols are a sixth of the bytes, and the carry limit is tight
cp build/test/unit/gpu-models/*.sconv gpu-carry/models/
for f in kitti_000008_front kitti_seq00_000000 nuscenes_lidar_top_sweep; do
  cp ../shared/data/$f.bin gpu-carry/data/
done
cp scripts/gpu-suite.sh bench/gpu_compare.py gpu-carry/

sconvc=build/bin/sconvc
$sconvc examples/centerpoint_kitti.mlir --target cpu,$chip -o gpu-carry/examples/cp.sconv
$sconvc examples/centerpoint_kitti.mlir --target cpu,$chip --gpu-precision=f16 --gpu-stages=2 \
  -o gpu-carry/examples/cp-f16s2.sconv
$sconvc examples/centerpoint_kitti.mlir --target cpu,$chip --gpu-precision=f16 -o gpu-carry/examples/cp-f16.sconv
$sconvc examples/lk3d_det_nuscenes.mlir --target cpu,$chip -o gpu-carry/examples/lk.sconv
$sconvc examples/sps_centerpoint_nuscenes.mlir --target cpu,$chip -o gpu-carry/examples/sps.sconv
# Hopper's warpgroup MMA (wgmma, sm_90a code: it runs on the sm_90 chips) next to mma.sync: the
# suite compares it with the CPU and benchmarks it against cp-f16 in one run.
if [ "$chip" = sm_90 ]; then
  $sconvc examples/centerpoint_kitti.mlir --target cpu,sm_90a --gpu-precision=f16 \
    --gpu-instruction=wgmma --gpu-stages=2 -o gpu-carry/examples/cp-f16wg.sconv
fi
# The same with the tuning databases measured on a GPU of this chip (examples/tuning/, from
# sconv-tune --prepared there): the suite benchmarks tuned against untuned in one run.
if [ "$chip" = sm_90 ]; then
  db=examples/tuning/h100
  $sconvc examples/centerpoint_kitti.mlir --target cpu,$chip --tuning-db $db-cp-f32.json \
    -o gpu-carry/examples/cp-tuned.sconv
  $sconvc examples/centerpoint_kitti.mlir --target cpu,$chip --gpu-precision=f16 \
    --tuning-db $db-cp-f16.json -o gpu-carry/examples/cp-f16-tuned.sconv
  $sconvc examples/lk3d_det_nuscenes.mlir --target cpu,$chip --tuning-db $db-lk-f32.json \
    -o gpu-carry/examples/lk-tuned.sconv
fi
if [ "${SCONV_CARRY_TUNE:-1}" = 0 ]; then # no tuning candidates: a run without the tune step
  pack "for $chip, without tuning candidates"
  exit 0
fi
# Tuning candidates for CenterPoint, f32 (SIMT tiles) and f16 (tensor-core tiles and stages).
for precision in f32 f16; do
  build/bin/sconv-tune examples/centerpoint_kitti.mlir --input ../shared/data/kitti_000008_front.bin \
    --device gpu --gpu-chip "$chip" --gpu-precision=$precision --prepare gpu-carry/tune/cp-$precision \
    >/dev/null 2>gpu-carry/tune/prepare-cp-$precision.log
  rm -f gpu-carry/tune/cp-$precision/*.mlir
done
# Optionally (SCONV_CARRY_WGMMA_TUNE=1; packed 20 MiB with them) the f16 candidates for sm_90a, which
# add wgmma tiles: the tuner then picks wgmma for the classes where it pays.
if [ "$chip" = sm_90 ] && [ "${SCONV_CARRY_WGMMA_TUNE:-0}" = 1 ]; then
  build/bin/sconv-tune examples/centerpoint_kitti.mlir --input ../shared/data/kitti_000008_front.bin \
    --device gpu --gpu-chip sm_90a --gpu-precision=f16 --prepare gpu-carry/tune/cp-f16-sm90a \
    >/dev/null 2>gpu-carry/tune/prepare-cp-f16-sm90a.log
  rm -f gpu-carry/tune/cp-f16-sm90a/*.mlir
fi
# And for the LargeKernel3D detector (f32; its SW-LK form too), on the nuScenes sweep.
build/bin/sconv-tune examples/lk3d_det_nuscenes.mlir --input ../shared/data/nuscenes_lidar_top_sweep.bin \
  --device gpu --gpu-chip "$chip" --prepare gpu-carry/tune/lk-f32 >/dev/null 2>gpu-carry/tune/prepare-lk-f32.log
rm -f gpu-carry/tune/lk-f32/*.mlir
pack "for $chip"
