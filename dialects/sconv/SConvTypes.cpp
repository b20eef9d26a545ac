// The sparse voxel tensor type: parsing of `?` dimensions and the type's own invariants.
#include "dialects/sconv/SConvOps.h"

#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace sconv;

/// `41, 1600, ?`: a spatial shape where `?` is a dimension only known at run time.
static ParseResult parseDimList(AsmParser &parser, SmallVector<int64_t> &dims) {
  return parser.parseCommaSeparatedList([&]() -> ParseResult {
    if (succeeded(parser.parseOptionalQuestion())) {
      dims.push_back(ShapedType::kDynamic);
      return success();
    }
    int64_t v;
    if (parser.parseInteger(v))
      return failure();
    dims.push_back(v);
    return success();
  });
}

static void printDimList(AsmPrinter &printer, ArrayRef<int64_t> dims) {
  llvm::interleaveComma(dims, printer, [&](int64_t d) {
    if (ShapedType::isDynamic(d))
      printer << "?";
    else
      printer << d;
  });
}

#define GET_TYPEDEF_CLASSES
#include "dialects/sconv/SConvTypes.cpp.inc"

bool VoxelsType::hasStaticShape() const {
  return llvm::none_of(getSpatialShape(), ShapedType::isDynamic);
}

LogicalResult VoxelsType::verify(function_ref<InFlightDiagnostic()> emitError, int64_t channels,
                                 Type elementType, ArrayRef<int64_t> spatialShape,
                                 ArrayRef<int64_t> stride) {
  if (channels <= 0)
    return emitError() << "sparse voxel tensor needs a positive channel count, got " << channels;
  if (!elementType.isF32() && !elementType.isF16() && !elementType.isBF16())
    return emitError() << "sparse voxel tensor features must be f32, f16 or bf16, got "
                       << elementType;
  if (spatialShape.size() != 3)
    return emitError() << "sparse voxel tensor has spatial rank 3 (D, H, W), got "
                       << spatialShape.size() << " dimensions";
  for (int64_t d : spatialShape)
    if (!ShapedType::isDynamic(d) && d <= 0)
      return emitError() << "spatial dimensions must be positive or '?', got " << d;
  if (stride.size() != 3)
    return emitError() << "tensor stride has one entry per spatial axis (3), got " << stride.size();
  for (int64_t s : stride)
    if (s <= 0)
      return emitError() << "tensor stride entries must be positive, got " << s;
  return success();
}

void SConvDialect::registerTypes() {
  addTypes<
#define GET_TYPEDEF_LIST
#include "dialects/sconv/SConvTypes.cpp.inc"
      >();
}
