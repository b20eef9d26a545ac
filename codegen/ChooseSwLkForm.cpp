// --sconv-choose-sw-lk-form: the partition or the plain form for each SW-LK conv, as measured by
// sconv-tune (the faster form depends on map density and device; docs/design.md).
#include "codegen/Passes.h"

#include "codegen/TuningDatabase.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"

namespace sconv {
#define GEN_PASS_DEF_CHOOSESWLKFORM
#include "codegen/Passes.h.inc"
} // namespace sconv

using namespace mlir;
using namespace sconv;

namespace {

struct ChooseSwLkFormPass : sconv::impl::ChooseSwLkFormBase<ChooseSwLkFormPass> {
  using ChooseSwLkFormBase::ChooseSwLkFormBase;

  void runOnOperation() override {
    auto forced = symbolizeSwLkForm(form);
    if (form != "auto" && !forced) {
      // At the module's location: on the module op MLIR would print the whole module after it.
      mlir::emitError(getOperation().getLoc())
          << "unknown SW-LK form '" << form << "' (expected auto, partition or plain)";
      return signalPassFailure();
    }
    std::optional<TuningDatabase> db;
    if (!forced && !database.empty()) {
      auto loaded = TuningDatabase::load(database);
      if (!loaded) {
        mlir::emitError(getOperation().getLoc()) << llvm::toString(loaded.takeError());
        return signalPassFailure();
      }
      db = std::move(*loaded);
    }
    const DeviceKey host = hostCpuKey();
    Builder b(&getContext());
    getOperation().walk([&](SwLkConvOp op) {
      std::optional<SwLkForm> chosen = forced;
      if (!chosen && db) {
        auto w = op.getWeight().getType();
        TuningSignature cls;
        cls.volume = op.getKernelSize() * op.getKernelSize() * op.getKernelSize();
        cls.cin = w.getDimSize(1);
        cls.cout = w.getDimSize(2);
        cls.kind = kSwLkKind;
        // A GPU's form was measured at the GPU kernels' precision; the CPU's at f32.
        TuningSignature gpuCls = cls;
        gpuCls.precision = gpuPrecision;
        std::optional<std::string> measured;
        for (const std::string &chip : gpuChips)
          if ((measured = db->lookupForm(nullptr, chip, gpuCls)))
            break;
        if (!measured)
          measured = db->lookupForm(&host, "", cls);
        if (measured)
          chosen = symbolizeSwLkForm(*measured);
      }
      if (!chosen)
        chosen = op.getForm().value_or(SwLkForm::partition);
      op.setFormAttr(SwLkFormAttr::get(&getContext(), *chosen));
    });
  }
};

} // namespace
