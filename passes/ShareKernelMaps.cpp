// --sconv-share-kernel-maps: one kernel map per (site set, kind, geometry, mask).
#include "passes/Passes.h"

#include "dialects/sconv/SConvSites.h"
#include "llvm/ADT/DenseMap.h"

namespace sconv {
#define GEN_PASS_DEF_SHAREKERNELMAPS
#include "passes/Passes.h.inc"
} // namespace sconv

using namespace mlir;
using namespace sconv;

namespace {

struct ShareKernelMapsPass : sconv::impl::ShareKernelMapsBase<ShareKernelMapsPass> {
  void runOnOperation() override {
    // A map only reads its input's coordinates, so it can be built on whichever value first
    // defined that site set; after that, equal maps are equal (input, attributes, mask) tuples.
    // Key: the op with its input replaced, compared by operands + attribute dictionary.
    llvm::DenseMap<std::tuple<Value, Value, Attribute>, KernelMapOp> seenMaps;
    llvm::DenseMap<Value, TransposeMapOp> seenTransposes;
    getOperation().walk([&](Operation *op) {
      if (auto m = dyn_cast<KernelMapOp>(op)) {
        Value src = siteSource(m.getInput());
        if (src != m.getInput())
          m.getInputMutable().assign(src);
        auto key = std::make_tuple(src, m.getMask(), Attribute(m->getAttrDictionary()));
        auto [it, inserted] = seenMaps.try_emplace(key, m);
        if (!inserted) {
          m.getMap().replaceAllUsesWith(it->second.getMap());
          m.erase();
        }
      } else if (auto t = dyn_cast<TransposeMapOp>(op)) {
        auto [it, inserted] = seenTransposes.try_emplace(t.getMap(), t);
        if (!inserted) {
          t.getResult().replaceAllUsesWith(it->second.getResult());
          t.erase();
        }
      }
    });
  }
};

} // namespace
