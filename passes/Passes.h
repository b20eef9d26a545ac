// Graph-level passes of sconv (declarations generated from Passes.td).
#pragma once

#include "dialects/sconv/SConvOps.h"
#include "mlir/Pass/Pass.h"

namespace sconv {

#define GEN_PASS_DECL
#include "passes/Passes.h.inc"

/// Rewrites of --sconv-lower-to-kernel-maps, for use in other pattern sets.
void populateLowerToKernelMapsPatterns(mlir::RewritePatternSet &patterns);

#define GEN_PASS_REGISTRATION
#include "passes/Passes.h.inc"

} // namespace sconv
