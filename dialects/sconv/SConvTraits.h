// Op traits of the sconv dialect (referenced from ODS).
#pragma once

#include "mlir/IR/OpDefinition.h"

namespace sconv::OpTrait {

/// The op's result has exactly the sites, in the same row order, of its first sparse operand. Site
/// analyses (map sharing, inverse-conv matching, same-site checks of add/concat) look through it.
template <typename ConcreteType>
class PreservesSites : public mlir::OpTrait::TraitBase<ConcreteType, PreservesSites> {};

} // namespace sconv::OpTrait
