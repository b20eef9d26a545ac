// The sconv dialect: types, attributes and ops (see SConvOps.td for the op definitions).
#pragma once

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "dialects/sconv/SConvDialect.h.inc"
#include "dialects/sconv/SConvEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "dialects/sconv/SConvAttrs.h.inc"

#define GET_TYPEDEF_CLASSES
#include "dialects/sconv/SConvTypes.h.inc"
