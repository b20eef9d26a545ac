#!/usr/bin/env python3
"""Splits the GPU runs of sconv-bench JSON files into where the time goes: the end-to-end median,
and the per-layer medians summed by kind (implicit GEMMs, kernel maps, to_dense, the rest).

On a GPU the end-to-end total comes from runs without the per-layer profile, the layer times from
runs with it (they synchronise after every step), so the parts need not add up to the total.

    python3 bench/gpu_bench_split.py bench-cp.json [bench-lk.json ...]
"""
import json
import sys


def main(paths):
    print(f"{'model':20} {'frame':24} {'backend':15} {'total':>7} {'gemm':>7} {'maps':>6} "
          f"{'dense':>7} {'other':>6}")
    for path in paths:
        with open(path) as f:
            report = json.load(f)
        for run in report['runs']:
            if run['backend'] == 'cpu' or run.get('status') != 'ok':
                continue
            by_kind = {'implicit_gemm': 0.0, 'kernel_map': 0.0, 'to_dense': 0.0}
            other = 0.0
            for layer in run['layers']:
                if layer['kind'] in by_kind:
                    by_kind[layer['kind']] += layer['ms']
                else:
                    other += layer['ms']
            print(f"{run['model']:20} {run['frame'][:24]:24} {run['backend']:15} "
                  f"{run['total_ms']['median']:7.2f} {by_kind['implicit_gemm']:7.3f} "
                  f"{by_kind['kernel_map']:6.3f} {by_kind['to_dense']:7.3f} {other:6.3f}")


if __name__ == '__main__':
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
