#!/usr/bin/env python3
"""Writes the example backbones (examples/*.mlir) from ../shared/design/BACKBONES.md, layer by layer.

The generated files are committed; this script is only needed to change them. Parameter names
follow OpenPCDet / MinkowskiEngine state dicts (conv1.0.conv1.weight, conv1.0.bn1.running_var, ...)
so a converted checkpoint (tools/sconv-convert-weights) loads by name.
    python3 examples/gen_backbones.py
"""
import os


class Graph:
    def __init__(self, name, in_ch, shape):
        self.name, self.lines, self.n = name, [], 0
        self.in_type = self.vt(in_ch, shape, (1, 1, 1))
        self.x = ("%x", in_ch, shape, (1, 1, 1))

    @staticmethod
    def vt(c, shape, stride):
        s = ", ".join("?" if d is None else str(d) for d in shape)
        return f"!sconv.voxels<{c} x f32, shape [{s}], stride [{stride[0]}, {stride[1]}, {stride[2]}]>"

    def fresh(self):
        self.n += 1
        return f"%v{self.n}"

    def weight(self, name, shape):
        v = self.fresh()
        self.lines.append(f'  {v} = sconv.weight "{name}" : tensor<{"x".join(map(str, shape))}xf32>')
        return v

    @staticmethod
    def arr(v):
        return "array<i64: %d, %d, %d>" % tuple(v)

    def conv(self, x, cout, k, s=(1, 1, 1), p=(0, 0, 0), subm=True, name="", bias=False):
        v, c, shape, stride = x
        k = (k,) * 3 if isinstance(k, int) else k
        s = (s,) * 3 if isinstance(s, int) else s
        p = (p,) * 3 if isinstance(p, int) else p
        w = self.weight(name + ".weight", [k[0] * k[1] * k[2], c, cout])
        ops, tys = f"{v}, {w}", f"{self.vt(c, shape, stride)}, tensor<{k[0]*k[1]*k[2]}x{c}x{cout}xf32>"
        if bias:
            b = self.weight(name + ".bias", [cout])
            ops += f", {b}"
            tys += f", tensor<{cout}xf32>"
        if subm:
            oshape, ostride = shape, stride
            attrs = f"{{kernel = {self.arr(k)}, dilation = {self.arr((1, 1, 1))}}}"
            op = "subm_conv"
        else:
            oshape = tuple(None if d is None else (d + 2 * pp - (kk - 1) - 1) // ss + 1
                           for d, kk, ss, pp in zip(shape, k, s, p))
            ostride = tuple(a * b for a, b in zip(stride, s))
            attrs = (f"{{kernel = {self.arr(k)}, stride = {self.arr(s)}, padding = {self.arr(p)}, "
                     f"dilation = {self.arr((1, 1, 1))}}}")
            op = "conv"
        r = self.fresh()
        self.lines.append(f"  {r} = sconv.{op} {ops} {attrs} : ({tys}) -> {self.vt(cout, oshape, ostride)}")
        return (r, cout, oshape, ostride)

    def sw_lk(self, x, cout, k, name, bias=True):
        v, c, shape, stride = x
        w = self.weight(name + ".weight", [27, c, cout])
        pe = self.weight(name + ".position_embedding", [k ** 3, c])
        ops = f"{v}, {w} pe {pe}"
        tys = f"{self.vt(c, shape, stride)}, tensor<27x{c}x{cout}xf32>, tensor<{k**3}x{c}xf32>"
        if bias:
            b = self.weight(name + ".bias", [cout])
            ops += f" bias {b}"
            tys += f", tensor<{cout}xf32>"
        r = self.fresh()
        self.lines.append(f"  {r} = sconv.sw_lk_conv {ops} {{kernel_size = {k} : i64}} : ({tys}) -> {self.vt(cout, shape, stride)}")
        return (r, cout, shape, stride)

    def spss(self, x, name, ratio, bias=True):
        v, c, shape, stride = x
        w = self.weight(name + ".weight", [27, c, c])
        ops, tys = f"{v}, {w}", f"{self.vt(c, shape, stride)}, tensor<27x{c}x{c}xf32>"
        if bias:
            b = self.weight(name + ".bias", [c])
            ops += f" bias {b}"
            tys += f", tensor<{c}xf32>"
        r = self.fresh()
        self.lines.append(f"  {r} = sconv.spss_conv {ops} {{kernel = {self.arr((3,3,3))}, dilation = {self.arr((1,1,1))}, ratio = {ratio} : f64}} : ({tys}) -> {self.vt(c, shape, stride)}")
        return (r, c, shape, stride)

    def sprs(self, x, cout, k, s, p, name, ratio):
        v, c, shape, stride = x
        oshape = tuple(None if d is None else (d + 2 * pp - (kk - 1) - 1) // ss + 1 for d, kk, ss, pp in zip(shape, k, s, p))
        ostride = tuple(a * b for a, b in zip(stride, s))
        w = self.weight(name + ".weight", [k[0] * k[1] * k[2], c, cout])
        r = self.fresh()
        self.lines.append(f"  {r} = sconv.sprs_conv {v}, {w} {{kernel = {self.arr(k)}, stride = {self.arr(s)}, padding = {self.arr(p)}, dilation = {self.arr((1,1,1))}, ratio = {ratio} : f64}} : ({self.vt(c, shape, stride)}, tensor<{k[0]*k[1]*k[2]}x{c}x{cout}xf32>) -> {self.vt(cout, oshape, ostride)}")
        return (r, cout, oshape, ostride)

    def inverse(self, x, sites, cout, k, s, name):
        v, c, shape, stride = x
        sv, sc, sshape, sstride = sites
        w = self.weight(name + ".weight", [k ** 3, c, cout])
        r = self.fresh()
        self.lines.append(f"  {r} = sconv.inverse_conv {v}, {sv}, {w} {{kernel = {self.arr((k,)*3)}, stride = {self.arr((s,)*3)}, padding = {self.arr((0,0,0))}, dilation = {self.arr((1,1,1))}}} : ({self.vt(c, shape, stride)}, {self.vt(sc, sshape, sstride)}, tensor<{k**3}x{c}x{cout}xf32>) -> {self.vt(cout, sshape, sstride)}")
        return (r, cout, sshape, sstride)

    def bn(self, x, name):
        v, c, shape, stride = x
        ps = [self.weight(f"{name}.{n}", [c]) for n in ("weight", "bias", "running_mean", "running_var")]
        r = self.fresh()
        t = self.vt(c, shape, stride)
        self.lines.append(f"  {r} = sconv.batch_norm {v}, {', '.join(ps)} : ({t}, {', '.join([f'tensor<{c}xf32>'] * 4)}) -> {t}")
        return (r, c, shape, stride)

    def relu(self, x):
        r = self.fresh()
        self.lines.append(f"  {r} = sconv.relu {x[0]} : {self.vt(x[1], x[2], x[3])}")
        return (r,) + x[1:]

    def add(self, a, b):
        r = self.fresh()
        self.lines.append(f"  {r} = sconv.add {a[0]}, {b[0]} : {self.vt(a[1], a[2], a[3])}")
        return (r,) + a[1:]

    def concat(self, a, b):
        r = self.fresh()
        c = a[1] + b[1]
        self.lines.append(f"  {r} = sconv.concat {a[0]}, {b[0]} : ({self.vt(*a[1:])}, {self.vt(*b[1:])}) -> {self.vt(c, a[2], a[3])}")
        return (r, c, a[2], a[3])

    def linear(self, x, cout, name):
        v, c, shape, stride = x
        w = self.weight(name + ".weight", [c, cout])
        b = self.weight(name + ".bias", [cout])
        r = self.fresh()
        self.lines.append(f"  {r} = sconv.linear {v}, {w}, {b} : ({self.vt(c, shape, stride)}, tensor<{c}x{cout}xf32>, tensor<{cout}xf32>) -> {self.vt(cout, shape, stride)}")
        return (r, cout, shape, stride)

    def to_dense(self, x):
        v, c, (d, h, w), stride = x
        r = self.fresh()
        t = f"tensor<?x{c*d}x{h}x{w}xf32>"
        self.lines.append(f"  {r} = sconv.to_dense {v} : ({self.vt(c, (d, h, w), stride)}) -> {t}")
        return r, t

    def cbr(self, x, cout, k, s=1, p=0, subm=True, name="", bias=False):
        """conv -> BN -> ReLU, named like OpenPCDet's post_act_block (name.0 conv, name.1 BN)."""
        y = self.conv(x, cout, k, s, p, subm, name + ".0", bias)
        return self.relu(self.bn(y, name + ".1"))

    def write(self, out, out_type, doc):
        body = "\n".join(self.lines)
        txt = (f"// {doc}\n// Generated by examples/gen_backbones.py from ../shared/design/BACKBONES.md.\n"
               f"func.func @{self.name}(%x: {self.in_type}) -> {out_type} {{\n{body}\n  return {out} : {out_type}\n}}\n")
        open(f"{self.name}.mlir", "w").write(txt)


KITTI, NUSC = (41, 1600, 1408), (41, 1440, 1440)


def res_block(g, x, name, k=3, conv=None):
    """SparseBasicBlock: conv1 -> BN -> ReLU -> conv2 -> BN -> + identity -> ReLU (convs with bias)."""
    conv = conv or (lambda g, x, n: g.conv(x, x[1], k, name=n, bias=True))
    y = g.relu(g.bn(conv(g, x, name + ".conv1"), name + ".bn1"))
    y = g.bn(conv(g, y, name + ".conv2"), name + ".bn2")
    return g.relu(g.add(y, x))


def voxel_res_backbone(name, shape, cin, doc, stage_k=(3, 3, 3, 3), lk=None, sps=None):
    """VoxelResBackBone8x (CenterPoint); lk = SW-LK kernel of stage 1 (LargeKernel3D); sps = ratio."""
    g = Graph(name, cin, shape)
    x = g.cbr(g.x, 16, 3, name="conv_input")
    def block_conv(stage):
        if stage == 1 and lk:
            return lambda g, x, n: g.sw_lk(x, x[1], lk, n)
        if sps is not None:
            return lambda g, x, n: g.spss(x, n, sps)
        return lambda g, x, n: g.conv(x, x[1], stage_k[stage - 1], name=n, bias=True)
    for i in range(2):
        x = res_block(g, x, f"conv1.{i}", conv=block_conv(1))
    downs = [(32, 3, (1, 1, 1)), (64, 3, (1, 1, 1)), (128, 3, (0, 1, 1))]
    if lk:  # LargeKernel3D: conv2/conv3 downsample with k5 s2 p2
        downs = [(32, 5, (2, 2, 2)), (64, 5, (2, 2, 2)), (128, 3, (0, 1, 1))]
    for st, (c, k, p) in enumerate(downs, start=2):
        if sps is not None:
            x = g.relu(g.bn(g.sprs(x, c, (k,) * 3, (2, 2, 2), p, f"conv{st}.0.0", sps), f"conv{st}.0.1"))
        else:
            x = g.cbr(x, c, k, 2, p, subm=False, name=f"conv{st}.0")
        for i in range(2):
            x = res_block(g, x, f"conv{st}.{i+1}", conv=block_conv(st))
    x = g.cbr(x, 128, (3, 1, 1), (2, 1, 1), (0, 0, 0), subm=False, name="conv_out")
    out, t = g.to_dense(x)
    g.write(out, t, doc)


def voxel_backbone(name, shape, cin, doc):
    """VoxelBackBone8x (SECOND): post-activation blocks, convs without bias."""
    g = Graph(name, cin, shape)
    x = g.cbr(g.x, 16, 3, name="conv_input")
    x = g.cbr(x, 16, 3, name="conv1.0")
    for st, (c, p) in enumerate([(32, (1, 1, 1)), (64, (1, 1, 1)), (64, (0, 1, 1))], start=2):
        x = g.cbr(x, c, 3, 2, p, subm=False, name=f"conv{st}.0")
        for i in range(2):
            x = g.cbr(x, c, 3, name=f"conv{st}.{i+1}")
    x = g.cbr(x, 128, (3, 1, 1), (2, 1, 1), (0, 0, 0), subm=False, name="conv_out")
    out, t = g.to_dense(x)
    g.write(out, t, doc)


def basic_block(g, x, cout, name, lk=None):
    """MinkUNet BasicBlock: SubM3 -> BN -> ReLU -> SubM3 -> BN -> + identity/projection -> ReLU."""
    def conv(x, c, n):
        return g.sw_lk(x, c, lk, n, bias=False) if lk else g.conv(x, c, 3, name=n)
    y = g.relu(g.bn(conv(x, cout, name + ".conv1"), name + ".norm1"))
    y = g.bn(conv(y, cout, name + ".conv2"), name + ".norm2")
    skip = x
    if x[1] != cout:  # 1x1 SubM + BN projection when the channel count changes
        skip = g.bn(g.conv(x, cout, 1, name=name + ".downsample.0"), name + ".downsample.1")
    return g.relu(g.add(y, skip))


def minkunet34c(name, cin, doc, lk=None, classes=20):
    g = Graph(name, cin, (None, None, None))
    planes, layers = (32, 64, 128, 256, 256, 128, 96, 96), (2, 3, 4, 6, 2, 2, 2, 2)
    x = g.relu(g.bn(g.conv(g.x, 32, 5, name="conv0p1s1"), "bn0"))
    skips = [x]
    for i in range(4):
        d = g.relu(g.bn(g.conv(x, x[1], 2, 2, 0, subm=False, name=f"conv{i+1}p{2**i}s2"), f"bn{i+1}"))
        x = d
        for j in range(layers[i]):
            x = basic_block(g, x, planes[i], f"block{i+1}.{j}", lk=lk)
        skips.append(x)
    for i in range(4):
        # The decoder returns to the encoder's sites: the matching stride-2 conv's map, transposed.
        up = g.inverse(x, skips[3 - i], planes[4 + i], 2, 2, f"convtr{4+i}p{2**(4-i)}s2")
        x = g.relu(g.bn(up, f"bntr{4+i}"))
        x = g.concat(x, skips[3 - i])
        for j in range(layers[4 + i]):
            x = basic_block(g, x, planes[4 + i], f"block{5+i}.{j}")
    out = g.linear(x, classes, "final")
    g.write(out[0], g.vt(*out[1:]), doc)


if __name__ == "__main__":
    os.chdir(os.path.dirname(os.path.abspath(__file__)))
    voxel_backbone("second_kitti", KITTI, 4, "SECOND VoxelBackBone8x on the KITTI grid (x, y, z, r input).")
    voxel_res_backbone("centerpoint_kitti", KITTI, 4, "CenterPoint VoxelResBackBone8x on the KITTI grid.")
    voxel_res_backbone("centerpoint_nuscenes", NUSC, 5, "CenterPoint VoxelResBackBone8x on the nuScenes grid (5 input channels).")
    voxel_res_backbone("sps_centerpoint_nuscenes", NUSC, 5, "SPS-CenterPoint: residual-block SubMs -> SPSS, stride-2 convs -> SPRS (ratio 0.5).", sps=0.5)
    voxel_res_backbone("lk3d_det_nuscenes", NUSC, 5, "LargeKernel3D detection backbone: stage-1 SW-LK k=7, stages 2-4 SubM k=5,5,3.", stage_k=(7, 5, 5, 3), lk=7)
    voxel_res_backbone("lk3d_det_k17_nuscenes", NUSC, 5, "LargeKernel3D detection backbone with stage-1 SW-LK k=17 (the Waymo scaling case).", stage_k=(17, 5, 5, 3), lk=17)
    minkunet34c("minkunet34c_scannet", 3, "MinkUNet34C segmentation (ScanNet, RGB input, 20 classes).")
    minkunet34c("lk3d_minkunet34c_scannet", 3, "LargeKernel3D MinkUNet34C: SW-LK k=7 in encoder blocks 1-4, SubM3 in the decoder.", lk=7)
