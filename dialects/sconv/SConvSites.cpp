// See SConvSites.h.
#include "dialects/sconv/SConvSites.h"

#include "dialects/sconv/SConvOps.h"

using namespace mlir;
using namespace sconv;

/// The site source of the outputs of a map, or null when the map makes new sites.
static Value mapOutputSites(Value map) {
  if (auto km = map.getDefiningOp<KernelMapOp>())
    if (km.getKind() == MapKind::submanifold && !km.getMask())
      return km.getInput();
  if (auto t = map.getDefiningOp<TransposeMapOp>())
    if (auto fwd = t.getMap().getDefiningOp<KernelMapOp>())
      return fwd.getInput();
  return nullptr;
}

Value sconv::siteSource(Value v) {
  while (Operation *def = v.getDefiningOp()) {
    // A compute step over a map that keeps (or, transposed, restores) a site set.
    if (auto gemm = dyn_cast<ImplicitGemmOp>(def)) {
      if (Value src = mapOutputSites(gemm.getMap())) {
        v = src;
        continue;
      }
      break;
    }
    // An inverse conv returns to the sites its forward conv started from.
    if (auto inv = dyn_cast<InverseConvOp>(def)) {
      v = inv.getSites();
      continue;
    }
    if (!def->hasTrait<OpTrait::PreservesSites>())
      break;
    Value next;
    for (Value operand : def->getOperands())
      if (isa<VoxelsType>(operand.getType())) {
        next = operand;
        break;
      }
    if (!next)
      break;
    v = next;
  }
  return v;
}
