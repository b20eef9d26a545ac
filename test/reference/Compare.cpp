// expectClose: site sets must match exactly; values within the OPERATORS.md fp32 tolerance.
#include "test/reference/Compare.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace sconv::ref {

static std::string siteText(const int32_t *c) {
  std::ostringstream s;
  s << "(" << c[0] << ", " << c[1] << ", " << c[2] << ", " << c[3] << ")";
  return s.str();
}

static std::string shapeText(const Int3 &v) {
  std::ostringstream s;
  s << "(" << v[0] << ", " << v[1] << ", " << v[2] << ")";
  return s.str();
}

::testing::AssertionResult expectClose(const RefTensor &refIn, const SparseTensor &gotIn,
                                       double tol) {
  if (refIn.channels != gotIn.channels)
    return ::testing::AssertionFailure()
           << "channels differ: reference " << refIn.channels << ", got " << gotIn.channels;
  if (refIn.spatialShape != gotIn.spatialShape || refIn.batchSize != gotIn.batchSize)
    return ::testing::AssertionFailure()
           << "shape differs: reference batch " << refIn.batchSize << " x "
           << shapeText(refIn.spatialShape) << ", got batch " << gotIn.batchSize << " x "
           << shapeText(gotIn.spatialShape);
  if (int64_t(gotIn.coords.size()) != gotIn.numSites * 4 ||
      int64_t(gotIn.feats.size()) != gotIn.numSites * gotIn.channels)
    return ::testing::AssertionFailure() << "got tensor has inconsistent sizes";
  const RefTensor ref = sortedByCoord(refIn);
  const RefTensor got = sortedByCoord(toRef(gotIn));

  // First sorted position where the site sets diverge names the missing or extra site.
  const int64_t common = std::min(ref.numSites, got.numSites);
  for (int64_t r = 0; r <= common; ++r) {
    const bool refEnd = r == ref.numSites, gotEnd = r == got.numSites;
    if (refEnd && gotEnd)
      break;
    const int32_t *a = refEnd ? nullptr : ref.coords.data() + 4 * r;
    const int32_t *b = gotEnd ? nullptr : got.coords.data() + 4 * r;
    if (a && b && std::equal(a, a + 4, b))
      continue;
    auto f = ::testing::AssertionFailure();
    f << "site sets differ (reference " << ref.numSites << " sites, got " << got.numSites
      << "); first difference at sorted row " << r << ": ";
    if (!b || (a && std::lexicographical_compare(a, a + 4, b, b + 4)))
      f << "reference site " << siteText(a) << " is missing from the result";
    else
      f << "result has extra or duplicate site " << siteText(b);
    return f;
  }

  double worstRatio = 0, worstErr = 0, worstRef = 0, worstGot = 0;
  int64_t worstRow = -1, worstCh = 0;
  for (int64_t r = 0; r < ref.numSites; ++r)
    for (int64_t c = 0; c < ref.channels; ++c) {
      const double x = ref.feats[size_t(r * ref.channels + c)];
      const double y = got.feats[size_t(r * ref.channels + c)];
      const double err = std::fabs(x - y), bound = tol * (1 + std::fabs(x));
      const double ratio = std::isnan(err) ? INFINITY : err / bound;
      if (worstRow < 0 || ratio > worstRatio) {
        worstRatio = ratio;
        worstErr = err;
        worstRef = x;
        worstGot = y;
        worstRow = r;
        worstCh = c;
      }
    }
  if (worstRow >= 0 && !(worstRatio <= 1.0))
    return ::testing::AssertionFailure()
           << "value out of tolerance at site " << siteText(ref.coords.data() + 4 * worstRow)
           << " channel " << worstCh << ": reference " << worstRef << ", got " << worstGot
           << " (abs error " << worstErr << " > " << tol << " * (1 + |ref|))";
  auto ok = ::testing::AssertionSuccess();
  ok << ref.numSites << " sites, worst abs error " << worstErr;
  return ok;
}

} // namespace sconv::ref
