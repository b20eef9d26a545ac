// Verifiers of the sconv ops. Every message says what is wrong and what was expected, because the
// graphs come from users converting their own models.
#include "dialects/sconv/SConvGeometry.h"
#include "dialects/sconv/SConvOps.h"
#include "dialects/sconv/SConvSites.h"

using namespace mlir;
using namespace sconv;

int64_t sconv::convOutputDim(int64_t in, int64_t kernel, int64_t stride, int64_t padding,
                             int64_t dilation) {
  if (ShapedType::isDynamic(in))
    return ShapedType::kDynamic;
  int64_t num = in + 2 * padding - dilation * (kernel - 1) - 1;
  // floor division: a negative numerator means no output position at all.
  return num < 0 ? 0 : num / stride + 1;
}

static LogicalResult checkAxes(Operation *op, StringRef name, ArrayRef<int64_t> v, int64_t min) {
  if (v.size() != 3)
    return op->emitOpError() << "'" << name << "' needs one entry per spatial axis (z, y, x), got "
                             << v.size();
  for (int64_t x : v)
    if (x < min)
      return op->emitOpError() << "'" << name << "' entries must be "
                               << (min == 0 ? "non-negative" : "positive") << ", got " << x;
  return success();
}

LogicalResult sconv::verifyGeometry(Operation *op, ArrayRef<int64_t> kernel,
                                    ArrayRef<int64_t> stride, ArrayRef<int64_t> padding,
                                    ArrayRef<int64_t> dilation, bool submanifold) {
  if (failed(checkAxes(op, "kernel", kernel, 1)) || failed(checkAxes(op, "stride", stride, 1)) ||
      failed(checkAxes(op, "padding", padding, 0)) ||
      failed(checkAxes(op, "dilation", dilation, 1)))
    return failure();
  if (submanifold) {
    for (int64_t k : kernel)
      if (k % 2 == 0)
        return op->emitOpError() << "submanifold convolution needs an odd kernel on every axis "
                                    "(its output sites are its input sites), got kernel size "
                                 << k;
    for (int64_t s : stride)
      if (s != 1)
        return op->emitOpError() << "submanifold convolution has stride 1, got " << s;
  }
  return success();
}

LogicalResult sconv::verifyConvOperands(Operation *op, Type input, Type weight, Type bias,
                                        Type result, int64_t volume) {
  auto in = cast<VoxelsType>(input);
  auto out = cast<VoxelsType>(result);
  auto w = cast<RankedTensorType>(weight);
  if (w.getDimSize(0) != volume)
    return op->emitOpError() << "weight must be [K, C_in, C_out] with K = kernel volume " << volume
                             << ", got " << w;
  if (w.getDimSize(1) != in.getChannels())
    return op->emitOpError() << "weight C_in (" << w.getDimSize(1)
                             << ") does not match the input's " << in.getChannels()
                             << " channels";
  if (w.getDimSize(2) != out.getChannels())
    return op->emitOpError() << "weight C_out (" << w.getDimSize(2)
                             << ") does not match the result's " << out.getChannels()
                             << " channels";
  if (w.getElementType() != in.getElementType() || out.getElementType() != in.getElementType())
    return op->emitOpError() << "input, weight and result must share one element type, got "
                             << in.getElementType() << ", " << w.getElementType() << ", "
                             << out.getElementType();
  if (bias) {
    auto b = cast<RankedTensorType>(bias);
    if (b.getDimSize(0) != out.getChannels() || b.getElementType() != out.getElementType())
      return op->emitOpError() << "bias must be [C_out] = [" << out.getChannels() << "] of "
                               << out.getElementType() << ", got " << b;
  }
  return success();
}

/// Result sites of a conv: the spatial shape follows the output-shape formula and the tensor stride
/// multiplies by the conv stride.
static LogicalResult verifyResultGeometry(Operation *op, VoxelsType in, VoxelsType out,
                                          ArrayRef<int64_t> kernel, ArrayRef<int64_t> stride,
                                          ArrayRef<int64_t> padding, ArrayRef<int64_t> dilation) {
  for (int axis = 0; axis < 3; ++axis) {
    int64_t expect = convOutputDim(in.getSpatialShape()[axis], kernel[axis], stride[axis],
                                   padding[axis], dilation[axis]);
    if (expect == 0)
      return op->emitOpError() << "the kernel does not fit axis " << axis << " (input extent "
                               << in.getSpatialShape()[axis] << "): the output would be empty";
    int64_t got = out.getSpatialShape()[axis];
    if (!ShapedType::isDynamic(expect) && got != expect)
      return op->emitOpError() << "result spatial shape on axis " << axis << " must be " << expect
                               << " = floor((S + 2p - d*(k-1) - 1)/s) + 1, got " << got;
    if (out.getStride()[axis] != in.getStride()[axis] * stride[axis])
      return op->emitOpError() << "result tensor stride on axis " << axis << " must be "
                               << in.getStride()[axis] * stride[axis]
                               << " (input tensor stride times conv stride), got "
                               << out.getStride()[axis];
  }
  return success();
}

LogicalResult WeightOp::verify() {
  if (getName().empty())
    return emitOpError() << "parameter name must not be empty";
  return success();
}

/// The geometry of a submanifold conv: odd kernel, stride 1, no padding, positive dilation.
static LogicalResult verifySubmanifoldKernel(Operation *op, ArrayRef<int64_t> kernel,
                                             ArrayRef<int64_t> dilation) {
  SmallVector<int64_t> ones = {1, 1, 1}, zeros = {0, 0, 0};
  return verifyGeometry(op, kernel, ones, zeros, dilation, /*submanifold=*/true);
}

LogicalResult SubmConvOp::verify() {
  if (failed(verifySubmanifoldKernel(*this, getKernel(), getDilation())))
    return failure();
  auto in = getInput().getType(), out = getResult().getType();
  if (in.getSpatialShape() != out.getSpatialShape() || in.getStride() != out.getStride())
    return emitOpError() << "submanifold convolution keeps the input's sites: result shape and "
                            "tensor stride must equal the input's";
  return verifyConvOperands(*this, in, getWeight().getType(),
                            getBias() ? getBias().getType() : Type(), out, volumeOf(getKernel()));
}

LogicalResult ConvOp::verify() {
  if (failed(verifyGeometry(*this, getKernel(), getStride(), getPadding(), getDilation(),
                            /*submanifold=*/false)))
    return failure();
  if (failed(verifyResultGeometry(*this, getInput().getType(), getResult().getType(), getKernel(),
                                  getStride(), getPadding(), getDilation())))
    return failure();
  return verifyConvOperands(*this, getInput().getType(), getWeight().getType(),
                            getBias() ? getBias().getType() : Type(), getResult().getType(),
                            volumeOf(getKernel()));
}


LogicalResult sconv::verifyPruning(Operation *op, FloatAttr ratio, FloatAttr threshold) {
  if (bool(ratio) == bool(threshold))
    return op->emitOpError() << "needs exactly one of 'ratio' (top-k pruning) and 'threshold'";
  if (ratio && (ratio.getValueAsDouble() < 0.0 || ratio.getValueAsDouble() >= 1.0))
    return op->emitOpError() << "pruning ratio must be in [0, 1), got " << ratio.getValueAsDouble();
  if (threshold && (threshold.getValueAsDouble() <= 0.0 || threshold.getValueAsDouble() >= 1.0))
    return op->emitOpError() << "importance threshold must be in (0, 1), got "
                             << threshold.getValueAsDouble();
  return success();
}

LogicalResult sconv::verifySameGrid(Operation *op, Type input, Type result) {
  auto in = cast<VoxelsType>(input), out = cast<VoxelsType>(result);
  if (in.getSpatialShape() != out.getSpatialShape() || in.getStride() != out.getStride())
    return op->emitOpError() << "keeps its input's sites: result shape and tensor stride must equal "
                                "the input's";
  return success();
}

LogicalResult sconv::verifyChannelParam(Operation *op, StringRef name, Type t, int64_t channels) {
  auto r = cast<RankedTensorType>(t);
  if (r.getRank() != 1 || r.getDimSize(0) != channels)
    return op->emitOpError() << "'" << name << "' must be [" << channels << "], got " << t;
  return success();
}

//===----------------------------------------------------------------------===//
// Convolutions added for the full operator set
//===----------------------------------------------------------------------===//

ConvOp InverseConvOp::findForwardConv() {
  auto conv = siteSource(getInput()).getDefiningOp<ConvOp>();
  if (!conv || !sameSites(conv.getInput(), getSites()))
    return nullptr;
  if (conv.getKernel() != getKernel() || conv.getStride() != getStride() ||
      conv.getPadding() != getPadding() || conv.getDilation() != getDilation())
    return nullptr;
  return conv;
}

LogicalResult InverseConvOp::verify() {
  if (failed(verifyGeometry(*this, getKernel(), getStride(), getPadding(), getDilation(),
                            /*submanifold=*/false)))
    return failure();
  if (failed(verifySameGrid(*this, getSites().getType(), getResult().getType())))
    return failure();
  if (failed(verifyConvOperands(*this, getInput().getType(), getWeight().getType(),
                                getBias() ? getBias().getType() : Type(), getResult().getType(),
                                volumeOf(getKernel()))))
    return failure();
  if (!findForwardConv())
    return emitOpError() << "needs a matching forward conv: its input must be the result (through "
                            "site-preserving ops) of an 'sconv.conv' with the same kernel, stride, "
                            "padding and dilation whose input has the sites of operand #1";
  return success();
}

LogicalResult ConvTransposeOp::verify() {
  if (failed(verifyGeometry(*this, getKernel(), getStride(), getPadding(), getDilation(),
                            /*submanifold=*/false)))
    return failure();
  ArrayRef<int64_t> op = getOutputPadding();
  if (op.size() != 3)
    return emitOpError() << "'output_padding' needs one entry per spatial axis, got " << op.size();
  auto in = getInput().getType(), out = getResult().getType();
  for (int a = 0; a < 3; ++a) {
    if (op[a] < 0 || op[a] >= std::max(getStride()[a], getDilation()[a]))
      return emitOpError() << "'output_padding' must be in [0, max(stride, dilation)), got "
                           << op[a] << " on axis " << a;
    int64_t s = in.getSpatialShape()[a];
    if (!ShapedType::isDynamic(s)) {
      int64_t expect = (s - 1) * getStride()[a] - 2 * getPadding()[a] +
                       getDilation()[a] * (getKernel()[a] - 1) + 1 + op[a];
      if (expect <= 0)
        return emitOpError() << "the output would be empty on axis " << a;
      if (out.getSpatialShape()[a] != expect)
        return emitOpError() << "result spatial shape on axis " << a << " must be " << expect
                             << " = (S-1)*s - 2p + d*(k-1) + 1 + output_padding, got "
                             << out.getSpatialShape()[a];
    }
    if (in.getStride()[a] % getStride()[a] != 0 ||
        out.getStride()[a] != in.getStride()[a] / getStride()[a])
      return emitOpError() << "result tensor stride on axis " << a
                           << " must be the input's divided by the conv stride ("
                           << in.getStride()[a] << " / " << getStride()[a] << ")";
  }
  return verifyConvOperands(*this, in, getWeight().getType(),
                            getBias() ? getBias().getType() : Type(), out, volumeOf(getKernel()));
}

LogicalResult SwLkConvOp::verify() {
  int64_t k = getKernelSize();
  if (k < 3 || k % 2 == 0)
    return emitOpError() << "SW-LK needs an odd kernel size >= 3, got " << k;
  if (failed(verifySameGrid(*this, getInput().getType(), getResult().getType())))
    return failure();
  if (failed(verifyConvOperands(*this, getInput().getType(), getWeight().getType(),
                                getBias() ? getBias().getType() : Type(), getResult().getType(),
                                27)))
    return failure();
  if (getPe()) {
    auto pe = getPe().getType();
    int64_t cin = getInput().getType().getChannels();
    if (pe.getDimSize(0) != k * k * k || pe.getDimSize(1) != cin)
      return emitOpError() << "position embedding must be [k^3, C_in] = [" << k * k * k << ", "
                           << cin << "], got " << pe;
  }
  return success();
}

LogicalResult SpssConvOp::verify() {
  if (failed(verifySubmanifoldKernel(*this, getKernel(), getDilation())))
    return failure();
  auto in = getInput().getType(), out = getResult().getType();
  if (in.getChannels() != out.getChannels())
    return emitOpError() << "SPSS needs C_in == C_out (pruned sites pass their features through), "
                            "got C_in = "
                         << in.getChannels() << ", C_out = " << out.getChannels();
  if (failed(verifySameGrid(*this, in, out)) || failed(verifyPruning(*this, getRatioAttr(), getThresholdAttr())))
    return failure();
  if (getPtScale() &&
      (failed(verifyChannelParam(*this, "pt_scale", getPtScale().getType(), out.getChannels())) ||
       failed(verifyChannelParam(*this, "pt_shift", getPtShift().getType(), out.getChannels()))))
    return failure();
  return verifyConvOperands(*this, in, getWeight().getType(),
                            getBias() ? getBias().getType() : Type(), out, volumeOf(getKernel()));
}

LogicalResult SprsConvOp::verify() {
  if (failed(verifyGeometry(*this, getKernel(), getStride(), getPadding(), getDilation(),
                            /*submanifold=*/false)) ||
      failed(verifyPruning(*this, getRatioAttr(), getThresholdAttr())))
    return failure();
  if (failed(verifyResultGeometry(*this, getInput().getType(), getResult().getType(), getKernel(),
                                  getStride(), getPadding(), getDilation())))
    return failure();
  return verifyConvOperands(*this, getInput().getType(), getWeight().getType(),
                            getBias() ? getBias().getType() : Type(), getResult().getType(),
                            volumeOf(getKernel()));
}

LogicalResult LinearOp::verify() {
  auto in = getInput().getType(), out = getResult().getType();
  auto w = getWeight().getType();
  if (w.getDimSize(0) != in.getChannels() || w.getDimSize(1) != out.getChannels())
    return emitOpError() << "weight must be [C_in, C_out] = [" << in.getChannels() << ", "
                         << out.getChannels() << "], got " << w;
  if (getBias() && failed(verifyChannelParam(*this, "bias", getBias().getType(), out.getChannels())))
    return failure();
  return verifySameGrid(*this, in, out);
}
