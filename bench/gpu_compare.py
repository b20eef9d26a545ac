#!/usr/bin/env python3
"""Compares two sconv-run outputs (.npy, [N, 4 + C] sparse rows or a dense map), e.g. the CPU's
and the GPU's: same sites, then ||a - b|| / ||a|| over the features and the largest difference.

    python3 bench/gpu_compare.py cpu.npy gpu.npy [--tol 1e-5]
"""
import argparse, sys
import numpy as np

p = argparse.ArgumentParser()
p.add_argument("a"); p.add_argument("b"); p.add_argument("--tol", type=float, default=1e-5)
args = p.parse_args()
a, b = np.load(args.a).astype(np.float64), np.load(args.b).astype(np.float64)
if a.shape != b.shape:
    sys.exit(f"shapes differ: {a.shape} vs {b.shape}")
if a.ndim == 2 and not np.array_equal(a[:, :4], b[:, :4]):
    sys.exit("the site lists differ")
fa, fb = (a[:, 4:], b[:, 4:]) if a.ndim == 2 else (a, b)
if not (np.isfinite(fa).all() and np.isfinite(fb).all()):
    sys.exit("non-finite values")
rel = np.linalg.norm(fa - fb) / max(np.linalg.norm(fa), 1e-300)
print(f"{args.a} vs {args.b}: shape {a.shape}, rel L2 {rel:.3e}, max |diff| {np.abs(fa - fb).max():.3e}, "
      f"max |a| {np.abs(fa).max():.3e}: {'OK' if rel <= args.tol else 'ABOVE ' + str(args.tol)}")
