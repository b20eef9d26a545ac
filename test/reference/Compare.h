// GoogleTest comparison of a backend's output against a float64 reference (OPERATORS.md tolerances).
#pragma once
#include "test/reference/Reference.h"

#include <gtest/gtest.h>

namespace sconv::ref {

/// Passes when `got` holds exactly the reference's site set (row order ignored), the same channels,
/// shape and batch size, and every value satisfies |got - ref| <= tol * (1 + |ref|) (NaN fails).
/// The failure message names the first mismatching coordinate or the worst value.
::testing::AssertionResult expectClose(const RefTensor &ref, const SparseTensor &got,
                                       double tol = 1e-4);

} // namespace sconv::ref
