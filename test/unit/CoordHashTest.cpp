// CoordHash: lookups of present and absent sites, range handling, duplicate and range errors.
#include "test/unit/ErrorOf.h"
#include "runtime/CoordHash.h"
#include "test/reference/RandomCloud.h"

#include <gtest/gtest.h>

#include <functional>

using namespace sconv;
using rt::CoordHash;

namespace {

using sconv::test::errorOf;

TEST(CoordHash, FindsEveryRowOfARandomCloud) {
  const rt::SparseTensor t = ref::randomCloud(1, 5000, 0, {20, 30, 40}, 3);
  CoordHash h;
  h.build(t.coords.data(), t.numSites, t.batchSize, t.spatialShape);
  EXPECT_EQ(h.size(), 5000);
  for (int64_t r = 0; r < t.numSites; ++r) {
    const int32_t *c = t.coord(r);
    ASSERT_EQ(h.lookup(c[0], c[1], c[2], c[3]), r);
  }
}

TEST(CoordHash, AbsentSitesReturnMinusOne) {
  const std::vector<int32_t> coords = {0, 1, 2, 3, 1, 1, 2, 3, 0, 0, 0, 0};
  CoordHash h;
  h.build(coords.data(), 3, 2, {4, 4, 4});
  EXPECT_EQ(h.lookup(0, 1, 2, 3), 0);
  EXPECT_EQ(h.lookup(1, 1, 2, 3), 1);
  EXPECT_EQ(h.lookup(0, 0, 0, 0), 2);
  EXPECT_EQ(h.lookup(0, 1, 2, 2), -1);
  EXPECT_EQ(h.lookup(1, 0, 0, 0), -1);
  EXPECT_EQ(h.lookup(0, 3, 3, 3), -1);
}

TEST(CoordHash, OutOfShapeQueriesReturnMinusOne) {
  // (0, 0, 0, 0) is present: out-of-range probes must not alias it through key packing.
  const std::vector<int32_t> coords = {0, 0, 0, 0, 0, 3, 3, 3};
  CoordHash h;
  h.build(coords.data(), 2, 1, {4, 4, 4});
  EXPECT_EQ(h.lookup(0, -1, 0, 0), -1);
  EXPECT_EQ(h.lookup(0, 0, -1, 0), -1);
  EXPECT_EQ(h.lookup(0, 0, 0, -1), -1);
  EXPECT_EQ(h.lookup(0, 4, 3, 3), -1);
  EXPECT_EQ(h.lookup(0, 3, 3, 4), -1);
  EXPECT_EQ(h.lookup(1, 0, 0, 0), -1);
  EXPECT_EQ(h.lookup(-1, 0, 0, 0), -1);
  EXPECT_EQ(h.lookup(0, 65536, 0, 0), -1);
  EXPECT_EQ(h.lookup(0, 0, 0, 0), 0);
}

TEST(CoordHash, EmptyAndUnbuiltTables) {
  CoordHash unbuilt;
  EXPECT_EQ(unbuilt.lookup(0, 0, 0, 0), -1);
  CoordHash empty;
  empty.build(nullptr, 0, 1, {2, 2, 2});
  EXPECT_EQ(empty.size(), 0);
  EXPECT_EQ(empty.lookup(0, 1, 1, 1), -1);
}

TEST(CoordHash, DuplicateSiteNamesTheCoordinate) {
  const std::vector<int32_t> coords = {0, 1, 2, 3, 0, 2, 2, 2, 0, 1, 2, 3};
  CoordHash h;
  const std::string msg = errorOf([&] { h.build(coords.data(), 3, 1, {4, 4, 4}); });
  EXPECT_NE(msg.find("duplicate site (0, 1, 2, 3)"), std::string::npos) << msg;
  EXPECT_NE(msg.find("rows 0 and 2"), std::string::npos) << msg;
}

TEST(CoordHash, OutOfRangeSiteIsAnError) {
  CoordHash h;
  const std::vector<int32_t> bigZ = {0, 4, 0, 0};
  EXPECT_NE(errorOf([&] { h.build(bigZ.data(), 1, 1, {4, 4, 4}); }).find("(0, 4, 0, 0)"),
            std::string::npos);
  const std::vector<int32_t> negX = {0, 0, 0, -1};
  EXPECT_NE(errorOf([&] { h.build(negX.data(), 1, 1, {4, 4, 4}); }).find("outside"),
            std::string::npos);
  const std::vector<int32_t> badBatch = {2, 0, 0, 0};
  EXPECT_NE(errorOf([&] { h.build(badBatch.data(), 1, 2, {4, 4, 4}); }).find("outside"),
            std::string::npos);
}

TEST(CoordHash, KeyRangeLimits) {
  CoordHash h;
  const std::vector<int32_t> c = {0, 0, 0, 0};
  EXPECT_NE(errorOf([&] { h.build(c.data(), 1, 1 << 15, {4, 4, 4}); }).find("batch size"),
            std::string::npos);
  EXPECT_NE(errorOf([&] { h.build(c.data(), 1, 1, {4, 1 << 16, 4}); }).find("along y"),
            std::string::npos);
  // The largest allowed values work, including the extreme corner site.
  const std::vector<int32_t> corner = {(1 << 15) - 2, 65534, 65534, 65534};
  h.build(corner.data(), 1, (1 << 15) - 1, {65535, 65535, 65535});
  EXPECT_EQ(h.lookup((1 << 15) - 2, 65534, 65534, 65534), 0);
  EXPECT_EQ(h.lookup((1 << 15) - 2, 65534, 65534, 65533), -1);
}

} // namespace
