// Registers the sconv dialect's types, attributes and ops.
#include "dialects/sconv/SConvOps.h"

#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace sconv;

#include "dialects/sconv/SConvDialect.cpp.inc"
#include "dialects/sconv/SConvEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "dialects/sconv/SConvAttrs.cpp.inc"

void SConvDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "dialects/sconv/SConvOps.cpp.inc"
      >();
  registerTypes();
  addAttributes<
#define GET_ATTRDEF_LIST
#include "dialects/sconv/SConvAttrs.cpp.inc"
      >();
}
