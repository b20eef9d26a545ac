// --sconv-lower-to-kernel-maps: every convolution becomes an explicit map-building step
// (`sconv.kernel_map`, or `sconv.transpose_map` of the forward map for an inverse conv) and a
// compute step over the map (`sconv.implicit_gemm`, preceded by `sconv.partition_sum` for SW-LK
// in its partition form; its plain form is one k^3 GEMM with expanded weights).
#include "passes/Passes.h"

#include "dialects/sconv/SConvGeometry.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"
#include "llvm/ADT/DenseMap.h"

namespace sconv {
#define GEN_PASS_DEF_LOWERTOKERNELMAPS
#include "passes/Passes.h.inc"
} // namespace sconv

using namespace mlir;
using namespace sconv;

namespace {

struct Geometry {
  SmallVector<int64_t> kernel, stride, padding, dilation;
};

Value buildMap(OpBuilder &b, Location loc, Value input, MapKind kind, const Geometry &g,
               Value mask = Value(), DenseI64ArrayAttr outputPadding = nullptr) {
  MLIRContext *ctx = b.getContext();
  return KernelMapOp::create(b, loc, KernelMapType::get(ctx, volumeOf(g.kernel)), input, mask,
                             MapKindAttr::get(ctx, kind), b.getDenseI64ArrayAttr(g.kernel),
                             b.getDenseI64ArrayAttr(g.stride), b.getDenseI64ArrayAttr(g.padding),
                             b.getDenseI64ArrayAttr(g.dilation), outputPadding);
}

Value buildGemm(OpBuilder &b, Location loc, Type result, Value input, Value map, Value weight,
                Value bias) {
  return ImplicitGemmOp::create(b, loc, result, input, map, weight, bias);
}

/// The canonical submanifold geometry (stride 1, padding 0) so equal maps are equal ops.
Geometry submanifold(ArrayRef<int64_t> kernel, ArrayRef<int64_t> dilation) {
  return {SmallVector<int64_t>(kernel), {1, 1, 1}, {0, 0, 0}, SmallVector<int64_t>(dilation)};
}

/// A [C_in, C_out] or [27, C_in, C_out] parameter as [1, rows, C_out], the weight of a 1x1x1 GEMM.
Value asOneByOneWeight(OpBuilder &b, Location loc, Value w) {
  auto t = cast<RankedTensorType>(w.getType());
  int64_t cout = t.getShape().back(), rows = t.getNumElements() / cout;
  if (t.getRank() == 3) {
    auto flat = RankedTensorType::get({rows, cout}, t.getElementType());
    w = tensor::CollapseShapeOp::create(b, loc, flat, w,
                                        ArrayRef<ReassociationIndices>{{0, 1}, {2}});
  }
  auto out = RankedTensorType::get({1, rows, cout}, t.getElementType());
  return tensor::ExpandShapeOp::create(b, loc, out, w,
                                       ArrayRef<ReassociationIndices>{{0, 1}, {2}});
}

/// SW-LK's plain form: one implicit GEMM over the k^3 map with the group weights expanded per
/// offset. With a position embedding the input gets a constant-one channel whose weight row per
/// offset is PE[d] . W[g(d)], so every present neighbour adds its embedding's product: the
/// contract's sum_d W[g(d)] . (in[o+d] + PE[d]) split into its two terms.
Value buildPlainSwLk(OpBuilder &b, SwLkConvOp c, Value map) {
  Location loc = c.getLoc();
  int64_t k = c.getKernelSize();
  auto w = cast<RankedTensorType>(c.getWeight().getType());
  Value x = c.getInput();
  if (c.getPe()) {
    auto in = c.getInput().getType();
    auto withOnes = VoxelsType::get(b.getContext(), in.getChannels() + 1, in.getElementType(),
                                    in.getSpatialShape(), in.getStride());
    x = AppendOnesOp::create(b, loc, withOnes, x);
  }
  auto expandedType = RankedTensorType::get(
      {k * k * k, w.getDimSize(1) + (c.getPe() ? 1 : 0), w.getDimSize(2)}, w.getElementType());
  Value expanded = ExpandSwLkOp::create(b, loc, expandedType, c.getWeight(), c.getPe(),
                                        c.getKernelSizeAttr());
  return buildGemm(b, loc, c.getType(), x, map, expanded, c.getBias());
}

struct LowerToKernelMapsPass : sconv::impl::LowerToKernelMapsBase<LowerToKernelMapsPass> {
  void runOnOperation() override {
    // Inverse convs need their forward conv, which is rewritten first (it dominates them):
    // pair them up while both still exist.
    llvm::DenseMap<Operation *, Operation *> forwardOf;
    WalkResult r = getOperation().walk([&](InverseConvOp inv) {
      ConvOp fwd = inv.findForwardConv();
      if (!fwd) {
        inv.emitOpError() << "has no matching forward conv";
        return WalkResult::interrupt();
      }
      forwardOf[inv] = fwd;
      return WalkResult::advance();
    });
    if (r.wasInterrupted())
      return signalPassFailure();

    llvm::DenseMap<Operation *, Value> forwardMap;
    SmallVector<Operation *> convs;
    getOperation().walk([&](Operation *op) {
      if (isa<SubmConvOp, ConvOp, InverseConvOp, ConvTransposeOp, SwLkConvOp, LinearOp>(op))
        convs.push_back(op);
    });
    OpBuilder b(&getContext());
    for (Operation *op : convs) {
      b.setInsertionPoint(op);
      Location loc = op->getLoc();
      Value y;
      if (auto c = dyn_cast<SubmConvOp>(op)) {
        Value m = buildMap(b, loc, c.getInput(), MapKind::submanifold,
                           submanifold(c.getKernel(), c.getDilation()));
        y = buildGemm(b, loc, c.getType(), c.getInput(), m, c.getWeight(), c.getBias());
      } else if (auto c = dyn_cast<ConvOp>(op)) {
        Geometry g{SmallVector<int64_t>(c.getKernel()), SmallVector<int64_t>(c.getStride()),
                   SmallVector<int64_t>(c.getPadding()), SmallVector<int64_t>(c.getDilation())};
        Value m = buildMap(b, loc, c.getInput(), MapKind::regular, g);
        forwardMap[c] = m;
        y = buildGemm(b, loc, c.getType(), c.getInput(), m, c.getWeight(), c.getBias());
      } else if (auto c = dyn_cast<InverseConvOp>(op)) {
        Value fwd = forwardMap.lookup(forwardOf.lookup(c));
        Value m = TransposeMapOp::create(b, loc, fwd.getType(), fwd);
        y = buildGemm(b, loc, c.getType(), c.getInput(), m, c.getWeight(), c.getBias());
      } else if (auto c = dyn_cast<ConvTransposeOp>(op)) {
        Geometry g{SmallVector<int64_t>(c.getKernel()), SmallVector<int64_t>(c.getStride()),
                   SmallVector<int64_t>(c.getPadding()), SmallVector<int64_t>(c.getDilation())};
        Value m = buildMap(b, loc, c.getInput(), MapKind::transposed, g, Value(),
                           c.getOutputPaddingAttr());
        y = buildGemm(b, loc, c.getType(), c.getInput(), m, c.getWeight(), c.getBias());
      } else if (auto c = dyn_cast<SwLkConvOp>(op)) {
        int64_t k = c.getKernelSize();
        auto in = c.getInput().getType();
        Value big = buildMap(b, loc, c.getInput(), MapKind::submanifold,
                             submanifold({k, k, k}, {1, 1, 1}));
        if (c.getForm() == SwLkForm::plain) {
          y = buildPlainSwLk(b, c, big);
        } else {
          // Partition form: per-group neighbour sums over the k^3 map, then one GEMM with the 27
          // group weights stacked as [27 * C_in, C_out] over the identity (1x1x1) map.
          auto sumsType = VoxelsType::get(&getContext(), 27 * in.getChannels(),
                                          in.getElementType(), in.getSpatialShape(),
                                          in.getStride());
          Value sums = PartitionSumOp::create(b, loc, sumsType, c.getInput(), big, c.getPe(),
                                              c.getKernelSizeAttr(), FlatSymbolRefAttr());
          Value one =
              buildMap(b, loc, sums, MapKind::submanifold, submanifold({1, 1, 1}, {1, 1, 1}));
          y = buildGemm(b, loc, c.getType(), sums, one, asOneByOneWeight(b, loc, c.getWeight()),
                        c.getBias());
        }
      } else if (auto c = dyn_cast<LinearOp>(op)) {
        Value one = buildMap(b, loc, c.getInput(), MapKind::submanifold,
                             submanifold({1, 1, 1}, {1, 1, 1}));
        y = buildGemm(b, loc, c.getType(), c.getInput(), one,
                      asOneByOneWeight(b, loc, c.getWeight()), c.getBias());
      }
      op->getResult(0).replaceAllUsesWith(y);
    }
    // Erase in reverse so no erased op still has users.
    for (Operation *op : llvm::reverse(convs))
      op->erase();
  }
};

} // namespace
