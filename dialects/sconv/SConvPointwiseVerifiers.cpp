// Verifiers of the per-site ops (BN, add, concat, to_dense).
#include "dialects/sconv/SConvGeometry.h"
#include "dialects/sconv/SConvOps.h"
#include "dialects/sconv/SConvSites.h"

using namespace mlir;
using namespace sconv;

LogicalResult BatchNormOp::verify() {
  int64_t c = getInput().getType().getChannels();
  if (getInput().getType() != getResult().getType())
    return emitOpError() << "result type must equal the input type";
  for (auto [name, v] : {std::pair<StringRef, Value>{"gamma", getGamma()}, {"beta", getBeta()},
                         {"mean", getMean()}, {"var", getVar()}})
    if (failed(verifyChannelParam(*this, name, v.getType(), c)))
      return failure();
  if (getEpsilon().convertToDouble() <= 0.0)
    return emitOpError() << "epsilon must be positive";
  return success();
}

static LogicalResult verifySameSiteOperands(Operation *op, Value lhs, Value rhs) {
  if (!sameSites(lhs, rhs))
    return op->emitOpError() << "operands must be on the same sites (one must derive from the "
                                "other's site set through site-preserving ops)";
  return success();
}

LogicalResult AddOp::verify() { return verifySameSiteOperands(*this, getLhs(), getRhs()); }

LogicalResult ConcatOp::verify() {
  auto a = getLhs().getType(), b = getRhs().getType(), out = getResult().getType();
  if (a.getSpatialShape() != b.getSpatialShape() || a.getStride() != b.getStride() ||
      a.getElementType() != b.getElementType())
    return emitOpError() << "operands must share spatial shape, tensor stride and element type";
  if (out.getChannels() != a.getChannels() + b.getChannels())
    return emitOpError() << "result has " << out.getChannels() << " channels, expected "
                         << a.getChannels() << " + " << b.getChannels();
  if (failed(verifySameGrid(*this, a, out)))
    return failure();
  return verifySameSiteOperands(*this, getLhs(), getRhs());
}

LogicalResult AppendOnesOp::verify() {
  auto in = getInput().getType(), out = getResult().getType();
  if (out.getChannels() != in.getChannels() + 1 || out.getElementType() != in.getElementType())
    return emitOpError() << "result must have C_in + 1 = " << in.getChannels() + 1
                         << " channels of the input's element type, got " << out;
  return verifySameGrid(*this, in, out);
}

LogicalResult ToDenseOp::verify() {
  auto in = getInput().getType();
  auto out = getResult().getType();
  if (!in.hasStaticShape())
    return emitOpError() << "to_dense needs a static spatial shape";
  auto s = in.getSpatialShape();
  int64_t expect[3] = {in.getChannels() * s[0], s[1], s[2]};
  for (int i = 0; i < 3; ++i)
    if (out.getDimSize(i + 1) != expect[i])
      return emitOpError() << "result must be [B, C*D, H, W] = [?, " << expect[0] << ", "
                           << expect[1] << ", " << expect[2] << "], got " << out;
  if (out.getElementType() != in.getElementType())
    return emitOpError() << "result element type must be the input's";
  return success();
}
