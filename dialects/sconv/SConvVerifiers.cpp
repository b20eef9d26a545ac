// Verifiers of the sconv ops. Every message says what is wrong and what was expected, because the
// graphs come from users converting their own models.
#include "dialects/sconv/SConvGeometry.h"
#include "dialects/sconv/SConvOps.h"

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

LogicalResult SubmConvOp::verify() {
  SmallVector<int64_t> ones = {1, 1, 1}, zeros = {0, 0, 0};
  if (failed(verifyGeometry(*this, getKernel(), ones, zeros, getDilation(), /*submanifold=*/true)))
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

LogicalResult KernelMapOp::verify() {
  bool subm = getKind() == MapKind::submanifold;
  if (failed(verifyGeometry(*this, getKernel(), getStride(), getPadding(), getDilation(), subm)))
    return failure();
  if (getMap().getType().getVolume() != volumeOf(getKernel()))
    return emitOpError() << "map volume " << getMap().getType().getVolume()
                         << " does not match the kernel volume " << volumeOf(getKernel());
  return success();
}

LogicalResult ImplicitGemmOp::verify() {
  return verifyConvOperands(*this, getInput().getType(), getWeight().getType(),
                            getBias() ? getBias().getType() : Type(), getResult().getType(),
                            getMap().getType().getVolume());
}
