// Graph-level passes of sconv (declarations generated from Passes.td).
#pragma once

#include "dialects/sconv/SConvOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassManager.h"

namespace sconv {

#define GEN_PASS_DECL
#include "passes/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "passes/Passes.h.inc"

/// The graph-level pipeline, in order: SW-LK rewrite, BN folding, SPS decomposition, lowering to
/// kernel maps, map sharing, epilogue fusion, CSE. Registered as --sconv-graph-pipeline.
/// With `optimize` false, only what execution needs runs (SPS decomposition, lowering to kernel
/// maps): BN, ReLU and adds stay separate ops and every conv builds its own map. Tests compare
/// the two to show the optimisations are exact.
/// `chooseSwLkForm` (codegen's sconv-choose-sw-lk-form, configured by the caller) runs on each
/// function before the lowering; without it SW-LK convs keep their own form (else partition).
void buildGraphPipeline(mlir::OpPassManager &pm, bool optimize = true,
                        std::unique_ptr<mlir::Pass> chooseSwLkForm = nullptr);
void registerGraphPipeline();

} // namespace sconv
