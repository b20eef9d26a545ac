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
    if (!db) {
      getOperation().emitError() << llvm::toString(db.takeError());
      return signalPassFailure();
    }
    DeviceKey host = hostCpuKey();
    if (!db->entries(host)) {
      getOperation().emitWarning()
          << "tuning database '" << database << "' has no measurements for this CPU (" << host.name
          << "); using the default tiles. Run sconv-tune on this machine.";
      return;
    }
    Builder b(&getContext());
    getOperation().walk([&](ImplicitGemmOp op) {
      if (op.getTileRowsAttr() || op.getTileLanesAttr())
        return;
      auto w = op.getWeight().getType();
      TuningSignature cls;
      cls.volume = w.getDimSize(0);
      cls.cin = w.getDimSize(1);
      cls.cout = w.getDimSize(2);
      cls.kind = mapKindOf(op.getMap());
      if (auto c = db->lookup(host, cls)) {
        op.setTileRowsAttr(b.getI64IntegerAttr(c->rows));
        op.setTileLanesAttr(b.getI64IntegerAttr(c->lanes));
        if (c->dataflow != "implicit_gemm")
          op.setDataflowAttr(b.getStringAttr(c->dataflow));
        if (c->threads)
          op.setTileThreadsAttr(b.getI64IntegerAttr(c->threads));
      }
      // Measured at several map sizes with different winners: the runtime picks by size.
      auto bySize = db->lookupBySize(host, cls);
      bool differ = llvm::any_of(bySize, [&](auto &v) { return !(v.second == bySize[0].second); });
      if (bySize.size() > 1 && differ) {
        SmallVector<Attribute> variants;
        for (auto &[bucket, c] : bySize) {
          SmallVector<NamedAttribute> f = {b.getNamedAttr("size_bucket", b.getI64IntegerAttr(bucket)),
                                           b.getNamedAttr("tile_rows", b.getI64IntegerAttr(c.rows)),
                                           b.getNamedAttr("tile_lanes", b.getI64IntegerAttr(c.lanes))};
          if (c.dataflow != "implicit_gemm")
            f.push_back(b.getNamedAttr("dataflow", b.getStringAttr(c.dataflow)));
          if (c.threads)
            f.push_back(b.getNamedAttr("tile_threads", b.getI64IntegerAttr(c.threads)));
          variants.push_back(b.getDictionaryAttr(f));
        }
        op.setTileVariantsAttr(b.getArrayAttr(variants));
      }
    });
  }
};

} // namespace
