// Verifiers of the kernel-map-level and parameter-time ops.
#include "dialects/sconv/SConvGeometry.h"
#include "dialects/sconv/SConvOps.h"

using namespace mlir;
using namespace sconv;

static LogicalResult verifyOneChannel(Operation *op, StringRef name, Type t) {
  if (cast<VoxelsType>(t).getChannels() != 1)
    return op->emitOpError() << "'" << name << "' must have one channel, got " << t;
  return success();
}

LogicalResult KernelMapOp::verify() {
  MapKind kind = getKind();
  bool subm = kind == MapKind::submanifold;
  if (failed(verifyGeometry(*this, getKernel(), getStride(), getPadding(), getDilation(), subm)))
    return failure();
  if (getMap().getType().getVolume() != volumeOf(getKernel()))
    return emitOpError() << "map volume " << getMap().getType().getVolume()
                         << " does not match the kernel volume " << volumeOf(getKernel());
  if (kind == MapKind::sprs && !getMask())
    return emitOpError() << "an sprs map needs the importance mask of its input";
  if ((kind == MapKind::regular || kind == MapKind::transposed) && getMask())
    return emitOpError() << "only submanifold and sprs maps take a mask";
  if (getMask() && failed(verifyOneChannel(*this, "mask", getMask().getType())))
    return failure();
  if (getOutputPadding().has_value() != (kind == MapKind::transposed))
    return emitOpError() << "'output_padding' is given exactly for transposed maps";
  return success();
}

LogicalResult ImplicitGemmOp::verify() {
  if (getResidual() && getResidual().getType() != getResult().getType())
    return emitOpError() << "residual must have the result's type, got "
                         << getResidual().getType();
  if (auto variants = getTileVariantsAttr())
    for (Attribute a : variants) {
      auto d = cast<DictionaryAttr>(a);
      for (StringRef key : {"size_bucket", "tile_rows", "tile_lanes"})
        if (!d.getAs<IntegerAttr>(key))
          return emitOpError() << "tile_variants entry " << d << " lacks the integer '" << key
                               << "'";
    }
  if (auto t = getGpuTileAttr(); t && t.size() != 3)
    return emitOpError() << "gpu_tile is [threads_cout, threads_rows, rows_per_thread], got "
                         << t.size() << " value(s)";
  if (auto st = getGpuStagesAttr();
      st && (!getGpuPrecisionAttr() || getGpuPrecisionAttr().getValue() == "f32") &&
      st.getInt() != 1)
    return emitOpError() << "gpu_stages " << st.getInt()
                         << " pipelines the tensor-core kernel; it needs gpu_precision f16 or bf16";
  if (auto i = getGpuInstructionAttr()) {
    if (i.getValue() != "mma_sync" && i.getValue() != "wgmma")
      return emitOpError() << "gpu_instruction must be mma_sync or wgmma, got '" << i.getValue()
                           << "'";
    if (!getGpuPrecisionAttr() || getGpuPrecisionAttr().getValue() == "f32")
      return emitOpError() << "gpu_instruction " << i.getValue()
                           << " is a tensor-core instruction; it needs gpu_precision f16 or bf16";
  }
  if (auto p = getGpuPrecisionAttr()) {
    if (p.getValue() != "f32" && p.getValue() != "f16" && p.getValue() != "bf16")
      return emitOpError() << "gpu_precision must be f32, f16 or bf16, got '" << p.getValue()
                           << "'";
    if (p.getValue() != "f32" && getGpuDataflowAttr() &&
        getGpuDataflowAttr().getValue() != "implicit_gemm")
      return emitOpError() << "gpu_precision " << p.getValue()
                           << " (tensor cores) runs the implicit_gemm dataflow only, not "
                           << getGpuDataflowAttr().getValue();
  }
  return verifyConvOperands(*this, getInput().getType(), getWeight().getType(),
                            getBias() ? getBias().getType() : Type(), getResult().getType(),
                            getMap().getType().getVolume());
}

LogicalResult TransposeMapOp::verify() {
  if (getMap().getType() != getResult().getType())
    return emitOpError() << "a transposed map keeps the kernel volume";
  return success();
}

LogicalResult PartitionSumOp::verify() {
  int64_t k = getKernelSize();
  if (k < 3 || k % 2 == 0)
    return emitOpError() << "SW-LK needs an odd kernel size >= 3, got " << k;
  if (getMap().getType().getVolume() != k * k * k)
    return emitOpError() << "needs the k^3 = " << k * k * k << " submanifold map, got volume "
                         << getMap().getType().getVolume();
  auto in = getInput().getType(), out = getResult().getType();
  if (out.getChannels() != 27 * in.getChannels())
    return emitOpError() << "result has 27 * C_in = " << 27 * in.getChannels()
                         << " channels, got " << out.getChannels();
  if (getPe()) {
    auto pe = getPe().getType();
    if (pe.getDimSize(0) != k * k * k || pe.getDimSize(1) != in.getChannels())
      return emitOpError() << "position embedding must be [" << k * k * k << ", "
                           << in.getChannels() << "], got " << pe;
  }
  return verifySameGrid(*this, in, out);
}

LogicalResult ImportanceOp::verify() {
  if (failed(verifyOneChannel(*this, "result", getResult().getType())))
    return failure();
  return verifySameGrid(*this, getInput().getType(), getResult().getType());
}

LogicalResult PruneMaskOp::verify() {
  if (failed(verifyOneChannel(*this, "importance", getImportance().getType())) ||
      failed(verifyOneChannel(*this, "result", getResult().getType())))
    return failure();
  return verifyPruning(*this, getRatioAttr(), getThresholdAttr());
}

LogicalResult ScaleByImportanceOp::verify() {
  if (failed(verifyOneChannel(*this, "importance", getImportance().getType())))
    return failure();
  if (getInput().getType() != getResult().getType())
    return emitOpError() << "result type must equal the input type";
  return success();
}

LogicalResult MergePrunedOp::verify() {
  auto pt = getPassthrough().getType();
  if (pt != getResult().getType())
    return emitOpError() << "result type must equal the pass-through operand's";
  if (getComputed().getType().getChannels() != pt.getChannels())
    return emitOpError() << "computed rows must have " << pt.getChannels() << " channels";
  if (failed(verifyOneChannel(*this, "mask", getMask().getType())))
    return failure();
  if (getScale() &&
      (failed(verifyChannelParam(*this, "scale", getScale().getType(), pt.getChannels())) ||
       failed(verifyChannelParam(*this, "shift", getShift().getType(), pt.getChannels()))))
    return failure();
  return success();
}

LogicalResult FoldBatchNormOp::verify() {
  auto w = getWeight().getType();
  int64_t c = w.getDimSize(w.getRank() - 1);
  if (getFoldedWeight().getType() != w)
    return emitOpError() << "folded weight must have the weight's type";
  for (auto [name, v] : {std::pair<StringRef, Value>{"gamma", getGamma()}, {"beta", getBeta()},
                         {"mean", getMean()}, {"var", getVar()}, {"folded_bias", getFoldedBias()}})
    if (failed(verifyChannelParam(*this, name, v.getType(), c)))
      return failure();
  if (getBias() && failed(verifyChannelParam(*this, "bias", getBias().getType(), c)))
    return failure();
  return success();
}

LogicalResult ExpandSwLkOp::verify() {
  int64_t k = getKernelSize();
  if (k < 3 || k % 2 == 0)
    return emitOpError() << "SW-LK needs an odd kernel size >= 3, got " << k;
  auto w = getWeight().getType(), out = getResult().getType();
  if (w.getDimSize(0) != 27)
    return emitOpError() << "weight must hold the 27 SW-LK group weights [27, C_in, C_out], got "
                         << w;
  int64_t cin = w.getDimSize(1), cout = w.getDimSize(2);
  if (getPe()) {
    auto pe = getPe().getType();
    if (pe.getDimSize(0) != k * k * k || pe.getDimSize(1) != cin)
      return emitOpError() << "position embedding must be [" << k * k * k << ", " << cin
                           << "], got " << pe;
  }
  // One more input row per offset with a position embedding: the constant-one channel's weight.
  int64_t rows = cin + (getPe() ? 1 : 0);
  if (out.getDimSize(0) != k * k * k || out.getDimSize(1) != rows || out.getDimSize(2) != cout ||
      out.getElementType() != w.getElementType())
    return emitOpError() << "result must be [k^3, C_in" << (getPe() ? " + 1" : "")
                         << ", C_out] = [" << k * k * k << ", " << rows << ", " << cout
                         << "] of the weight's element type, got " << out;
  return success();
}
