#!/usr/bin/env python3
"""Per-layer chart of a sconv-bench JSON file as PNG (the same chart sconv-bench --svg draws).

    python3 bench/plot_layers.py bench/results/sconv_bench_cpu.json -o layers.png [--run 0]

One horizontal bar per plan op (median ms over the timed runs), coloured by kind: kernel maps,
GEMM compute, other per-site ops; one panel per model x frame run. Needs matplotlib.
"""
import argparse
import json
import sys

COLOURS = {"kernel_map": "#4e79a7", "transpose_map": "#4e79a7",
           "implicit_gemm": "#f28e2b", "partition_sum": "#f28e2b"}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("json", help="output of sconv-bench --json")
    ap.add_argument("-o", "--output", default="layers.png")
    ap.add_argument("--run", type=int, action="append",
                    help="index of a run in the file (repeatable; default: every measured run)")
    args = ap.parse_args()

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    with open(args.json) as f:
        report = json.load(f)
    runs = [r for r in report["runs"] if r.get("status") == "ok"]
    if args.run:
        runs = [report["runs"][i] for i in args.run if report["runs"][i].get("status") == "ok"]
    if not runs:
        print("plot_layers: no measured run in", args.json, file=sys.stderr)
        return 1
    heights = [max(2.0, 0.22 * len(r["layers"]) + 1.0) for r in runs]
    fig, axes = plt.subplots(len(runs), 1, figsize=(11, sum(heights)),
                             gridspec_kw={"height_ratios": heights}, squeeze=False)
    for ax, r in zip(axes[:, 0], runs):
        layers = r["layers"]
        labels = [f"{l['name']} {l['kind']}" for l in layers]
        ms = [l["ms"] for l in layers]
        ax.barh(range(len(layers)), ms, color=[COLOURS.get(l["kind"], "#9d9d9d") for l in layers])
        ax.set_yticks(range(len(layers)))
        ax.set_yticklabels(labels, fontsize=7, family="monospace")
        ax.invert_yaxis()
        ax.set_xlabel("ms (median of the timed runs)")
        t = r["total_ms"]["median"]
        ax.set_title(f"{r['model']} on {r['frame']} ({r['backend']}): total {t:.1f} ms, "
                     f"maps {r['kernel_map_ms']['median']:.1f}, compute {r['compute_ms']['median']:.1f}, "
                     f"{r['gflop_per_s']:.1f} GFLOP/s", fontsize=9)
        for i, v in enumerate(ms):
            ax.text(v, i, f" {v:.2f}", va="center", fontsize=6)
    m = report["machine"]
    fig.suptitle(f"sconv-bench {report['date']}: {m['cpu_model']}, {m['threads']} threads", fontsize=10)
    fig.legend(handles=[Patch(color="#4e79a7", label="kernel maps"),
                        Patch(color="#f28e2b", label="compute (GEMM)"),
                        Patch(color="#9d9d9d", label="other")], loc="upper right", fontsize=8)
    fig.tight_layout(rect=(0, 0, 1, 0.98))
    fig.savefig(args.output, dpi=110)
    print("wrote", args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
