// Which values share a site set: the analysis behind same-site checks, inverse-conv matching and
// kernel-map sharing.
#pragma once

#include "mlir/IR/Value.h"

namespace sconv {

/// The value that first defined `v`'s site set: walks back through ops with the PreservesSites
/// trait. Two values with the same site source have the same sites in the same row order.
mlir::Value siteSource(mlir::Value v);

/// True when `a` and `b` provably have the same sites (same site source).
inline bool sameSites(mlir::Value a, mlir::Value b) { return siteSource(a) == siteSource(b); }

} // namespace sconv
