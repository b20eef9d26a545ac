// Generated op definitions of the sconv dialect; the hand-written verifiers are in
// SConvVerifiers.cpp.
#include "dialects/sconv/SConvOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace sconv;

#define GET_OP_CLASSES
#include "dialects/sconv/SConvOps.cpp.inc"
