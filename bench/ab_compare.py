#!/usr/bin/env python3
"""A/B timing of two compiled models on the same frame, alternating so drift on a noisy machine
hits both equally: R rounds, each runs sconv-bench on A then B (or B then A on odd rounds) with a
few timed runs, and the report is the median of each side's per-round medians and their ratio.

    python3 bench/ab_compare.py A.sconv B.sconv frame.bin [--rounds 8] [--repeat 3] [--out f.json]
"""
import argparse, json, os, re, statistics, subprocess, sys

def median_total(bench, model, frame, repeat):
    out = subprocess.run([bench, "--model", model, "--input", frame, "--repeat", str(repeat),
                          "--warmup", "1"], capture_output=True, text=True, check=True).stdout
    m = re.search(r"^\s+total\s+([0-9.]+)", out, re.M)
    if not m:
        sys.exit("could not read the total from sconv-bench:\n" + out)
    return float(m.group(1))

def main():
    p = argparse.ArgumentParser()
    p.add_argument("a"); p.add_argument("b"); p.add_argument("frame")
    p.add_argument("--rounds", type=int, default=8); p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--bench", default=os.path.join(os.path.dirname(__file__), "..", "build", "bin", "sconv-bench"))
    p.add_argument("--out")
    args = p.parse_args()
    a, b = [], []
    for r in range(args.rounds):
        order = [(args.a, a), (args.b, b)] if r % 2 == 0 else [(args.b, b), (args.a, a)]
        for model, acc in order:
            acc.append(median_total(args.bench, model, args.frame, args.repeat))
        print(f"round {r + 1}/{args.rounds}: A {a[-1]:.1f} ms, B {b[-1]:.1f} ms", flush=True)
    ma, mb = statistics.median(a), statistics.median(b)
    res = {"a": args.a, "b": args.b, "frame": os.path.basename(args.frame), "rounds": args.rounds,
           "a_round_medians_ms": a, "b_round_medians_ms": b, "a_median_ms": ma, "b_median_ms": mb,
           "b_over_a": mb / ma, "b_faster_in_rounds": sum(y < x for x, y in zip(a, b))}
    print(f"A {os.path.basename(args.a)}: {ma:.1f} ms   B {os.path.basename(args.b)}: {mb:.1f} ms   "
          f"B/A = {mb / ma:.3f} (B faster in {res['b_faster_in_rounds']} of {args.rounds} rounds)")
    if args.out:
        json.dump(res, open(args.out, "w"), indent=2)

if __name__ == "__main__":
    main()
