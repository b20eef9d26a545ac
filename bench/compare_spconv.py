#!/usr/bin/env python3
"""sconv vs spconv 2.3.x on the same backbone, the same weights and the same voxels.

For each backbone (CenterPoint VoxelResBackBone8x = examples/centerpoint_kitti.mlir, SECOND
VoxelBackBone8x = examples/second_kitti.mlir) and each frame:

 1. compile the example with sconvc (unless --models-dir has it), make random weights with
    `sconv-run --save-weights` (sconv layout: conv [K, C_in, C_out], K flat over z, y, x;
    BatchNorm weight/bias/running_mean/running_var, eps 1e-3);
 2. dump our voxelized input (`sconv-bench --dump-voxels`: float32 [N, 4 + C], batch z y x feats)
    and our BEV output (`sconv-run --output`: [B, C*D, H, W], channel c*D + z);
 3. build the same network in spconv (OpenPCDet's module structure, so the state-dict names are
    the graph's parameter names), load the same weights (conv weights converted to the layout the
    installed spconv uses, read from module.weight.shape at run time), run it on the same voxels
    and compare `.dense()` viewed as [B, C*D, H, W] with ours: it must agree within tolerance
    before anything is timed;
 4. time both in the same run, A/B alternating for --rounds rounds (the order flips every round):
    ours through `sconv-bench --repeat R --warmup 1` (its median of the backbone run: kernel maps
    + compute + to_dense, voxelization excluded), spconv in this process (1 warm-up, then R
    timed forward passes of SparseConvTensor construction + backbone + .dense(), under
    torch.inference_mode()); the reported time is the median over rounds of each round's median.

Nothing is invented: when spconv (or torch) cannot be imported, or a spconv op fails on this
device, the result says so and records no spconv time.

    python3 bench/compare_spconv.py --build build --frames ../shared/data/kitti_000008_front.bin \
        --out bench/results
Needs numpy, torch and spconv (CPU: `pip install spconv torch`; GPU: spconv-cu126 + cumm-cu126).
"""
import argparse
import datetime
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time

import warnings

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BACKBONES = ("centerpoint_kitti", "second_kitti")
KITTI_SHAPE = [41, 1600, 1408]  # the sparse shape of the KITTI grid both backbones are built for


# ---- files ------------------------------------------------------------------------------------

def read_safetensors(path):
    """Every tensor of a safetensors file as float32 numpy arrays (sconv writes F32 only)."""
    with open(path, "rb") as f:
        n = int.from_bytes(f.read(8), "little")
        header = json.loads(f.read(n))
        data = f.read()
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        if info["dtype"] != "F32":
            raise ValueError(f"{path}: {name} is {info['dtype']}, expected F32")
        b, e = info["data_offsets"]
        out[name] = np.frombuffer(data[b:e], dtype="<f4").reshape(info["shape"]).copy()
    return out


def run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({r.returncode}):\n{r.stdout}\n{r.stderr}")
    return r.stdout


# ---- the spconv networks (OpenPCDet's VoxelBackBone8x / VoxelResBackBone8x, BN eps 1e-3) ------

def build_spconv(name, cin, fused_bias):
    import torch
    import torch.nn as nn
    import spconv.pytorch as spconv

    def bn(c):
        return nn.BatchNorm1d(c, eps=1e-3, momentum=0.01)

    def block(ci, co, k, s=1, p=0, key=None, kind="subm"):
        if kind == "subm":
            conv = spconv.SubMConv3d(ci, co, k, padding=p, bias=False, indice_key=key)
        else:
            conv = spconv.SparseConv3d(ci, co, k, stride=s, padding=p, bias=False, indice_key=key)
        return spconv.SparseSequential(conv, bn(co), nn.ReLU())

    class BasicBlock(spconv.SparseModule):
        """OpenPCDet's SparseBasicBlock: SubM3 (bias) -> BN -> ReLU -> SubM3 (bias) -> BN -> +x -> ReLU.

        spconv 2.3.x's CPU path rejects a conv bias at inference ("cpu don't support act and
        bias"), so on the CPU the convs are built without one and the bias is added by a separate
        torch add (conv1_bias / conv2_bias, loaded from conv1.bias / conv2.bias): the same
        arithmetic as spconv's own training-mode path, which adds the bias after the conv too."""

        def __init__(self, c, key):
            super().__init__()
            self.conv1 = spconv.SubMConv3d(c, c, 3, padding=1, bias=fused_bias, indice_key=key)
            self.bn1 = bn(c)
            self.relu = nn.ReLU()
            self.conv2 = spconv.SubMConv3d(c, c, 3, padding=1, bias=fused_bias, indice_key=key)
            self.bn2 = bn(c)
            if not fused_bias:
                self.conv1_bias = nn.Parameter(torch.zeros(c))
                self.conv2_bias = nn.Parameter(torch.zeros(c))

        def forward(self, x):
            identity = x.features
            out = self.conv1(x)
            f = out.features if fused_bias else out.features + self.conv1_bias
            out = out.replace_feature(self.relu(self.bn1(f)))
            out = self.conv2(out)
            f = out.features if fused_bias else out.features + self.conv2_bias
            out = out.replace_feature(self.relu(self.bn2(f) + identity))
            return out

    class Backbone(nn.Module):
        def __init__(self, res):
            super().__init__()
            self.conv_input = spconv.SparseSequential(
                spconv.SubMConv3d(cin, 16, 3, padding=1, bias=False, indice_key="subm1"), bn(16), nn.ReLU())
            if res:
                self.conv1 = spconv.SparseSequential(BasicBlock(16, "res1"), BasicBlock(16, "res1"))
            else:
                self.conv1 = spconv.SparseSequential(block(16, 16, 3, p=1, key="subm1"))
            c_prev = 16
            for st, (c, p) in enumerate([(32, 1), (64, 1), ((128 if res else 64), (0, 1, 1))], start=2):
                down = block(c_prev, c, 3, 2, p, key=f"spconv{st}", kind="spconv")
                if res:
                    rest = [BasicBlock(c, f"res{st}"), BasicBlock(c, f"res{st}")]
                else:
                    rest = [block(c, c, 3, p=1, key=f"subm{st}"), block(c, c, 3, p=1, key=f"subm{st}")]
                setattr(self, f"conv{st}", spconv.SparseSequential(down, *rest))
                c_prev = c
            self.conv_out = block(c_prev, 128, (3, 1, 1), (2, 1, 1), 0, key="spconv_down2", kind="spconv")

        def forward(self, x):
            for m in (self.conv_input, self.conv1, self.conv2, self.conv3, self.conv4, self.conv_out):
                x = m(x)
            return x

    if name == "centerpoint_kitti":
        return Backbone(res=True)
    if name == "second_kitti":
        return Backbone(res=False)
    raise ValueError(name)


def load_sconv_weights(net, weights):
    """Sets every parameter/buffer of `net` from sconv-layout tensors; returns the conv layout used."""
    import torch
    import spconv.pytorch as spconv

    layouts = set()
    convs = {n: m for n, m in net.named_modules() if isinstance(m, spconv.conv.SparseConvolution)}
    state = net.state_dict()
    new = {}
    for name, t in state.items():
        if name.endswith("num_batches_tracked"):
            new[name] = t
            continue
        src = name.replace(".conv1_bias", ".conv1.bias").replace(".conv2_bias", ".conv2.bias")
        if src not in weights:
            raise KeyError(f"spconv parameter {name} ({src}) not in the sconv weights file")
        w = weights[src]
        mod = convs.get(name.rsplit(".", 1)[0])
        if mod is not None and name.endswith(".weight"):
            k = tuple(mod.kernel_size)
            ci, co = mod.in_channels, mod.out_channels
            if w.shape != (k[0] * k[1] * k[2], ci, co):
                raise ValueError(f"{name}: sconv weight {w.shape}, expected {(k[0]*k[1]*k[2], ci, co)}")
            w5 = w.reshape(k[0], k[1], k[2], ci, co)  # [kz, ky, kx, C_in, C_out]
            shape = tuple(t.shape)
            if shape == (co, k[0], k[1], k[2], ci):      # spconv 2.x default (KRSC)
                w = w5.transpose(4, 0, 1, 2, 3)
                layouts.add("[C_out, kz, ky, kx, C_in] (KRSC)")
            elif shape == (k[0], k[1], k[2], ci, co):    # RSKC (spconv 1.x style)
                w = w5
                layouts.add("[kz, ky, kx, C_in, C_out] (RSKC)")
            else:
                raise ValueError(f"{name}: unknown spconv weight layout {shape}")
        if tuple(w.shape) != tuple(t.shape):
            raise ValueError(f"{name}: shape {w.shape} vs spconv {tuple(t.shape)}")
        new[name] = torch.from_numpy(np.ascontiguousarray(w))
    net.load_state_dict(new, strict=True)
    return sorted(layouts)


# ---- one backbone x frame -----------------------------------------------------------------------

def ours_round(args, model, frame, weights, reps, tmp):
    out = os.path.join(tmp, "round.json")
    run([args.sconv_bench, "--model", model, "--input", frame, "--weights", weights,
         "--repeat", str(reps), "--warmup", "1", "--cpu-threads", str(args.threads),
         "--device", "cpu" if args.device == "cpu" else "gpu",
         "--measure-peaks=false", "--per-layer=false", "--json", out])
    with open(out) as f:
        r = json.load(f)["runs"][0]
    return r["total_ms"]["median"], r["kernel_map_ms"]["median"], r["compute_ms"]["median"]


def compare_one(args, name, frame, tmp, env):
    import torch
    import spconv.pytorch as spconv

    res = {"backbone": name, "frame": os.path.basename(frame), "backend": args.device}
    model = os.path.join(args.models_dir, name + ".sconv")
    if not os.path.exists(model):
        os.makedirs(args.models_dir, exist_ok=True)
        run([args.sconvc, os.path.join(ROOT, "examples", name + ".mlir"), "--target", "cpu,sm_80,sm_90",
             "-o", model])
    weights = os.path.join(tmp, name + ".safetensors")
    run([args.sconv_run, model, "--input", frame, "--seed", str(args.seed), "--save-weights", weights])
    vox_path, ours_path = os.path.join(tmp, "vox.npy"), os.path.join(tmp, "ours.npy")
    run([args.sconv_bench, "--model", model, "--input", frame, "--weights", weights, "--repeat", "1",
         "--warmup", "0", "--measure-peaks=false", "--per-layer=false", "--dump-voxels", vox_path])
    run([args.sconv_run, model, "--input", frame, "--weights", weights, "--output", ours_path,
         "--device", "cpu" if args.device == "cpu" else "gpu"])
    dev = torch.device(args.device)
    vox = np.load(vox_path)
    ours = np.load(ours_path)
    res["voxels"] = int(vox.shape[0])

    net = build_spconv(name, vox.shape[1] - 4, fused_bias=(dev.type != "cpu"))
    res["spconv_weight_layout"] = load_sconv_weights(net, read_safetensors(weights))
    net = net.to(dev).eval()
    idx = torch.from_numpy(vox[:, :4].astype(np.int32)).to(dev)
    feats = torch.from_numpy(np.ascontiguousarray(vox[:, 4:])).to(dev)

    def forward():
        x = spconv.SparseConvTensor(feats, idx, KITTI_SHAPE, 1)
        y = net(x).dense()  # [B, C, D, H, W]
        if dev.type == "cuda":
            torch.cuda.synchronize()
        return y

    try:
        with torch.inference_mode():
            y = forward()
    except Exception as e:  # e.g. an op without a kernel for this device
        res["status"] = f"spconv failed on {args.device}: {type(e).__name__}: {e}"
        return res
    ref = y.reshape(y.shape[0], y.shape[1] * y.shape[2], y.shape[3], y.shape[4]).cpu().numpy()
    res["output_shape"] = {"sconv": list(ours.shape), "spconv": list(ref.shape)}
    if ours.shape != ref.shape:
        res["status"] = f"output shapes differ: sconv {ours.shape}, spconv {ref.shape}"
        return res
    diff = np.abs(ours.astype(np.float64) - ref.astype(np.float64))
    scale = float(np.abs(ref).max())
    res["check"] = {
        "max_abs_diff": float(diff.max()), "max_abs_spconv": scale,
        "max_rel_diff": float(diff.max() / max(scale, 1e-30)),
        "nonzero_sconv": int((ours != 0).sum()), "nonzero_spconv": int((ref != 0).sum()),
        "tolerance": f"max |sconv - spconv| <= {args.rtol:g} * max |spconv|",
    }
    print(f"  check: max |sconv - spconv| = {diff.max():.3e} (max |spconv| {scale:.3e}, "
          f"rel {diff.max() / max(scale, 1e-30):.2e})", flush=True)
    if not diff.max() <= args.rtol * max(scale, 1e-30):
        res["status"] = "outputs differ beyond tolerance: not timed"
        if dev.type == "cpu" and args.threads > 1:
            res["status"] += (" (spconv 2.3.x's CPU scatter-add shares its row pointers between "
                              "the threads of its parallel loop, so with more than one thread it "
                              "adds into wrong rows: use --threads 1; docs/benchmarks.md)")
        return res

    ours_rounds, maps_rounds, compute_rounds, sp_rounds = [], [], [], []
    for rnd in range(args.rounds):
        def time_spconv():
            with torch.inference_mode():
                forward()
                ts = []
                for _ in range(args.runs_per_round):
                    t = time.perf_counter()
                    forward()
                    ts.append((time.perf_counter() - t) * 1e3)
            sp_rounds.append(statistics.median(ts))

        def time_ours():
            t, m, c = ours_round(args, model, frame, weights, args.runs_per_round, tmp)
            ours_rounds.append(t)
            maps_rounds.append(m)
            compute_rounds.append(c)

        for f in ((time_ours, time_spconv) if rnd % 2 == 0 else (time_spconv, time_ours)):
            f()
        print(f"  round {rnd + 1}/{args.rounds}: sconv {ours_rounds[-1]:.1f} ms, "
              f"spconv {sp_rounds[-1]:.1f} ms", flush=True)
    med = statistics.median
    res.update({
        "status": "ok",
        "rounds": args.rounds, "runs_per_round": args.runs_per_round,
        "sconv_ms": med(ours_rounds), "sconv_kernel_map_ms": med(maps_rounds),
        "sconv_compute_ms": med(compute_rounds), "spconv_ms": med(sp_rounds),
        "sconv_round_ms": ours_rounds, "spconv_round_ms": sp_rounds,
    })
    res["ratio_sconv_over_spconv"] = res["sconv_ms"] / res["spconv_ms"]
    return res


def environment(args):
    env = {"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
           "python": platform.python_version(), "threads": args.threads, "device": args.device}
    try:
        with open("/proc/cpuinfo") as f:
            env["cpu_model"] = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), "unknown")
    except OSError:
        env["cpu_model"] = "unknown"
    env["cores"] = os.cpu_count()
    try:
        import torch
        import logging
        logging.getLogger("torch.fx").setLevel(logging.ERROR)  # a deprecation note spconv triggers
        env["torch"] = torch.__version__
        m = re.search(r"BLAS_INFO=([^,\s]+)", torch.__config__.show())
        env["torch_blas"] = m.group(1) if m else "unknown"
        torch.set_num_threads(args.threads)
        env["torch_threads"] = torch.get_num_threads()
    except Exception as e:
        env["error"] = f"torch cannot be imported: {type(e).__name__}: {e}"
        return env
    try:
        import spconv
        import cumm
        env["spconv"] = spconv.__version__
        env["cumm"] = cumm.__version__
        try:
            from spconv import constants
            env["spconv_all_weight_is_krsc"] = bool(getattr(constants, "ALL_WEIGHT_IS_KRSC", True))
        except Exception:
            pass
    except Exception as e:
        env["error"] = f"spconv cannot be imported: {type(e).__name__}: {e}"
    return env


def markdown(results, env):
    lines = [f"spconv {env.get('spconv', 'n/a')} (cumm {env.get('cumm', 'n/a')}), torch {env.get('torch', 'n/a')} "
             f"({env.get('torch_blas', '?')} BLAS), {env.get('threads')} threads, {env.get('cpu_model')}; "
             f"{env.get('date')}", "",
             "| backbone | frame | voxels | backend | sconv ms (maps + compute) | spconv ms | sconv / spconv | max rel. diff |",
             "|---|---|---|---|---|---|---|---|"]
    for r in results:
        chk = r.get("check", {})
        rel = f"{chk['max_rel_diff']:.1e}" if chk else "n/a"
        if r.get("status") == "ok":
            lines.append(f"| {r['backbone']} | {r['frame']} | {r['voxels']} | {r['backend']} | "
                         f"{r['sconv_ms']:.1f} ({r['sconv_kernel_map_ms']:.1f} + {r['sconv_compute_ms']:.1f}) | "
                         f"{r['spconv_ms']:.1f} | {r['ratio_sconv_over_spconv']:.2f} | {rel} |")
        else:
            lines.append(f"| {r['backbone']} | {r['frame']} | {r.get('voxels', 'n/a')} | {r['backend']} | "
                         f"not timed | not timed | {r.get('status')} | {rel} |")
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build"), help="sconv build folder (bin/ inside)")
    ap.add_argument("--models-dir", default=None, help="compiled examples (default: BUILD/bench)")
    ap.add_argument("--backbones", default=",".join(BACKBONES))
    ap.add_argument("--frames", default=os.path.join(ROOT, "..", "shared", "data", "kitti_000008_front.bin"),
                    help="comma-separated KITTI point files")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--runs-per-round", type=int, default=3)
    ap.add_argument("--threads", type=int, default=1,
                    help="threads of both (sconv --cpu-threads, torch.set_num_threads); default 1: "
                    "spconv 2.3.x's CPU scatter-add is not thread-safe (see docs/benchmarks.md)")
    ap.add_argument("--device", default="cpu", help="cpu (both on the CPU) or cuda (both on GPU 0: sconv's "
                    "GPU backend, spconv's CUDA build)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--rtol", type=float, default=1e-4,
                    help="pass when max |sconv - spconv| <= rtol * max |spconv|")
    ap.add_argument("--out", default=os.path.join(ROOT, "bench", "results"))
    args = ap.parse_args()
    warnings.filterwarnings("ignore")  # spconv's deprecation warnings under new torch versions
    bin_dir = os.path.join(args.build, "bin")
    args.sconvc = os.path.join(bin_dir, "sconvc")
    args.sconv_run = os.path.join(bin_dir, "sconv-run")
    args.sconv_bench = os.path.join(bin_dir, "sconv-bench")
    args.models_dir = args.models_dir or os.path.join(args.build, "bench")
    os.makedirs(args.out, exist_ok=True)

    env = environment(args)
    results = []
    print(f"compare_spconv: spconv {env.get('spconv', 'n/a')}, torch {env.get('torch', 'n/a')}, "
          f"{args.threads} threads, device {args.device}", flush=True)
    if "error" in env:
        print(f"compare_spconv: NOT MEASURED: {env['error']}", flush=True)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            for name in args.backbones.split(","):
                for frame in args.frames.split(","):
                    print(f"{name} on {os.path.basename(frame)}:", flush=True)
                    try:
                        r = compare_one(args, name, frame, tmp, env)
                    except Exception as e:
                        r = {"backbone": name, "frame": os.path.basename(frame), "backend": args.device,
                             "status": f"error: {type(e).__name__}: {e}"}
                    if r.get("status") == "ok":
                        print(f"  sconv {r['sconv_ms']:.1f} ms, spconv {r['spconv_ms']:.1f} ms, "
                              f"sconv/spconv {r['ratio_sconv_over_spconv']:.2f}", flush=True)
                    else:
                        print(f"  {r.get('status')}", flush=True)
                    results.append(r)
    tag = "cpu" if args.device == "cpu" else "gpu"
    with open(os.path.join(args.out, f"compare_spconv_{tag}.json"), "w") as f:
        json.dump({"environment": env, "results": results}, f, indent=1)
    with open(os.path.join(args.out, f"compare_spconv_{tag}.md"), "w") as f:
        if "error" in env:
            f.write(f"NOT MEASURED: {env['error']}\n")
        else:
            f.write(markdown(results, env))
    print(f"wrote {os.path.join(args.out, f'compare_spconv_{tag}.json')} and .md")
    ok = "error" not in env and all(r.get("status") == "ok" for r in results)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
