// The sconv ops. Include this to use them; it includes the dialect and types.
#pragma once

#include "dialects/sconv/SConvDialect.h"
#include "dialects/sconv/SConvTraits.h"

#define GET_OP_CLASSES
#include "dialects/sconv/SConvOps.h.inc"
