// --sconv-apply-tuning: tiles from the tuning database.
#include "codegen/Passes.h"

#include "codegen/TuningDatabase.h"

namespace sconv {
#define GEN_PASS_DEF_APPLYTUNING
#include "codegen/Passes.h.inc"
} // namespace sconv

using namespace mlir;
using namespace sconv;

namespace {

/// The map kind as the tuner records it.
std::string mapKindOf(Value map) {
  if (map.getDefiningOp<TransposeMapOp>())
    return "transpose";
  if (auto m = map.getDefiningOp<KernelMapOp>())
    return stringifyMapKind(m.getKind()).str();
  return "unknown";
}

struct ApplyTuningPass : sconv::impl::ApplyTuningBase<ApplyTuningPass> {
  using ApplyTuningBase::ApplyTuningBase;

  void runOnOperation() override {
    if (database.empty())
      return;
    auto db = TuningDatabase::load(database);
    // Diagnostics at the module's location, not on the module op: MLIR would print the whole
    // module after each (printOpOnDiagnostic).
    const Location loc = getOperation().getLoc();
    if (!db) {
      mlir::emitError(loc) << llvm::toString(db.takeError());
      return signalPassFailure();
    }
    DeviceKey host = hostCpuKey();
    const bool cpu = cpuTarget && db->entries(host) != nullptr;
    if (cpuTarget && !cpu)
      mlir::emitWarning(loc)
          << "tuning database '" << database << "' has no measurements for this CPU (" << host.name
          << "); using the default tiles. Run sconv-tune on this machine.";
    SmallVector<std::string> chips;
    for (const std::string &c : gpuChips)
      if (db->hasTarget(c))
        chips.push_back(c);
    if (!gpuChips.empty() && chips.empty())
      mlir::emitWarning(loc)
          << "tuning database '" << database << "' has no measurements for the GPU targets ("
          << llvm::join(gpuChips, ", ") << "); using the default GPU tiles. Run sconv-tune "
          << "--device gpu on such a GPU.";
    if (!cpu && chips.empty())
      return;
    Builder b(&getContext());
    getOperation().walk([&](ImplicitGemmOp op) {
      auto w = op.getWeight().getType();
      TuningSignature cls;
      cls.volume = w.getDimSize(0);
      cls.cin = w.getDimSize(1);
      cls.cout = w.getDimSize(2);
      cls.kind = mapKindOf(op.getMap());
      // GPU tile and dataflow: from the first GPU target the database measured this class on, at
      // the step's GPU precision.
      TuningSignature gpuCls = cls;
      if (auto p = op.getGpuPrecisionAttr())
        gpuCls.precision = p.getValue().str();
      if (!op.getGpuTileAttr())
        for (const std::string &chip : chips)
          if (auto t = db->lookupGpu(chip, gpuCls)) {
            // A step whose instruction was chosen (sconvc --gpu-instruction) takes only a tile
            // measured with that instruction: another's tile shape means something else.
            if (auto want = op.getGpuInstructionAttr();
                want && want.getValue() != (t->instruction.empty() ? "mma_sync" : t->instruction))
              break;
            op.setGpuTileAttr(b.getDenseI64ArrayAttr({t->threadsCout, t->threadsRows,
                                                      t->rowsPerThread}));
            if (t->stages != 1 && !op.getGpuStagesAttr())
              op.setGpuStagesAttr(b.getI64IntegerAttr(t->stages));
            if (!t->instruction.empty() && !op.getGpuInstructionAttr())
              op.setGpuInstructionAttr(b.getStringAttr(t->instruction));
            if (t->dataflow != "implicit_gemm" && !op.getGpuDataflowAttr()) {
              op.setGpuDataflowAttr(b.getStringAttr(t->dataflow));
              if (t->splits)
                op.setGpuSplitsAttr(b.getI64IntegerAttr(t->splits));
            }
            break;
          }
      if (!cpu || op.getTileRowsAttr() || op.getTileLanesAttr() || op.getTileVariantsAttr())
        return;
      // The measured tile of every size bucket; the runtime uses the one of the map's bucket (or
      // a neighbouring one), and the heuristic (the op's own tile) for sizes never measured.
      auto bySize = db->lookupBySize(host, cls);
      if (!bySize.empty()) {
        SmallVector<Attribute> variants;
        for (auto &[bucket, c] : bySize) {
          SmallVector<NamedAttribute> f = {b.getNamedAttr("size_bucket", b.getI64IntegerAttr(bucket)),
                                           b.getNamedAttr("tile_rows", b.getI64IntegerAttr(c.rows)),
                                           b.getNamedAttr("tile_lanes", b.getI64IntegerAttr(c.lanes))};
          if (c.dataflow != "implicit_gemm")
            f.push_back(b.getNamedAttr("dataflow", b.getStringAttr(c.dataflow)));
          if (c.threads)
            f.push_back(b.getNamedAttr("tile_threads", b.getI64IntegerAttr(c.threads)));
          if (c.splits)
            f.push_back(b.getNamedAttr("tile_splits", b.getI64IntegerAttr(c.splits)));
          variants.push_back(b.getDictionaryAttr(f));
        }
        op.setTileVariantsAttr(b.getArrayAttr(variants));
      }
    });
  }
};

} // namespace
