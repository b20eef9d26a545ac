// Numerics of every tile configuration the tuner may pick (models/tiles.mlir pins each one on a
// kernel-map-level compute step, by both dataflows), against the float64 reference: row blocks
// with their tails,
// lane chunks that do not divide C_out, the residual + ReLU epilogue, a strided map. Also the
// tuning database's round trip and its errors.
#include "codegen/TuningDatabase.h"
#include "runtime/Executor.h"
#include "runtime/RandomParams.h"
#include "test/reference/Compare.h"
#include "test/reference/RandomCloud.h"
#include "test/reference/ReferenceOps.h"

#include "llvm/Support/FileSystem.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <set>

using namespace sconv;
using namespace sconv::rt;

namespace {

TEST(TiledKernels, EveryCandidateMatchesTheReference) {
  std::unique_ptr<Model> m = Model::load(SCONV_TILES_ARTIFACT);
  ThreadPool pool(0);
  int checked = 0;
  for (const PlanEntry &e : m->plan().entries) {
    std::map<std::string, std::vector<float>> p;
    for (const ParamInfo &info : m->plan().params)
      if (info.name.rfind(e.name + ".", 0) == 0) {
        p[info.name.substr(e.name.size() + 1)] = randomParam(info, 5);
        m->setParam(info.name, p[info.name.substr(e.name.size() + 1)]);
      }
    ConvGeometry g;
    ref::RefTensor expect;
    SparseTensor x;
    switch (e.name[0]) {
    case 'a': // 13 -> 13 with bias, residual and ReLU; 2999 rows: every block size leaves a tail
      x = ref::randomCloud(1, 2999, 13, {16, 24, 24}, 2);
      expect = ref::refRelu(ref::refAdd(ref::refSubmConv(x, p["w"], &p["b"], g), ref::toRef(x)));
      break;
    case 'b':
      x = ref::randomCloud(2, 1501, 64, {12, 20, 20}, 2);
      expect = ref::refSubmConv(x, p["w"], &p["b"], g);
      break;
    case 'w': // 600 -> 40, 1x1x1, bias and ReLU: three passes over the input channels
      x = ref::randomCloud(4, 1333, 600, {10, 16, 16}, 2);
      g.kernel = {1, 1, 1};
      expect = ref::refRelu(ref::refSubmConv(x, p["w"], &p["b"], g));
      break;
    default:
      x = ref::randomCloud(3, 1203, 5, {10, 18, 18}, 2);
      g.kind = ConvKind::Regular;
      g.kernel = g.stride = {2, 2, 2};
      expect = ref::refConv(x, p["w"], nullptr, g);
    }
    EXPECT_TRUE(ref::expectClose(expect, m->run(e.name, {x}, pool).at(0))) << e.name;
    ++checked;
  }
  // Four dataflows; mask sorting and splitting (into two counts of ranges each) on row blocks
  // only.
  EXPECT_EQ(checked, 3 * (8 + 15 + 4) + 20 * 3 + 6);
}

/// Mask sorting changes only the order in which rows are visited, and mask splitting also the
/// order of the offset ranges' passes, not the order in which a row adds its terms: the same bits
/// as implicit GEMM for every row-blocked tile (splits into 2, 3 or 8 ranges, 8 being one
/// offset each on the 2x2x2 strided conv).
TEST(TiledKernels, MaskSortedAndSplitGiveTheSameBitsAsUnsorted) {
  std::unique_ptr<Model> m = Model::load(SCONV_TILES_ARTIFACT);
  ThreadPool pool(0);
  for (const ParamInfo &info : m->plan().params)
    m->setParam(info.name, randomParam(info, 11));
  int compared = 0;
  for (const PlanEntry &e : m->plan().entries) {
    const size_t at = std::min(e.name.find("_sorted"), e.name.find("_split"));
    if (at == std::string::npos)
      continue;
    const std::string plain = e.name.substr(0, at);
    // Same weights for both (the sorted entry's parameters are its own).
    for (const ParamInfo &info : m->plan().params)
      if (info.name.rfind(plain + ".", 0) == 0)
        m->setParam(e.name + info.name.substr(plain.size()), m->paramValues(info.name));
    const int64_t channels = e.inputs[0].channels;
    SparseTensor x = ref::randomCloud(21, 2501, channels, {14, 22, 22}, 2);
    std::vector<float> a = m->run(plain, {x}, pool).at(0).feats,
                       b = m->run(e.name, {x}, pool).at(0).feats;
    ASSERT_EQ(a.size(), b.size()) << e.name;
    EXPECT_EQ(0, std::memcmp(a.data(), b.data(), a.size() * 4)) << e.name;
    ++compared;
  }
  EXPECT_EQ(compared, 20 * 3);
}

/// A thread cap changes only how rows are split among threads: the same bits, by both dataflows.
TEST(TiledKernels, ThreadCapsGiveTheSameBits) {
  std::unique_ptr<Model> m = Model::load(SCONV_TILES_ARTIFACT);
  ThreadPool pool(4);
  for (const ParamInfo &info : m->plan().params)
    m->setParam(info.name, randomParam(info, 9));
  SparseTensor x = ref::randomCloud(4, 3001, 64, {12, 20, 20}, 2);
  int checked = 0;
  for (const PlanEntry &e : m->plan().entries) {
    if (e.name[0] != 'b')
      continue;
    Plan &plan = const_cast<Plan &>(m->plan()); // the same model with another cap per run
    PlanOp *gemm = nullptr;
    for (PlanEntry &pe : plan.entries)
      if (pe.name == e.name)
        for (PlanOp &op : pe.ops)
          if (op.kind == PlanOp::Kind::ImplicitGemm)
            gemm = &op;
    ASSERT_NE(gemm, nullptr);
    std::vector<float> all;
    for (int64_t cap : {0, 1, 2, 3, 64}) {
      gemm->cpuThreads = cap;
      std::vector<float> y = m->run(e.name, {x}, pool).at(0).feats;
      if (cap == 0)
        all = y;
      else
        EXPECT_EQ(0, std::memcmp(all.data(), y.data(), all.size() * 4)) << e.name << " cap " << cap;
    }
    gemm->cpuThreads = 0;
    ++checked;
  }
  EXPECT_GE(checked, 8);
}

TEST(TileVariants, TheNearestSizeBucketWins) {
  PlanOp op;
  op.kernel = "plain";
  op.dataflow = "implicit_gemm";
  EXPECT_EQ(chooseVariant(op, 1000).kernel, "plain"); // no variants: the op's own
  op.variants = {{13, "k13", "gather_gemm_scatter", 1}, {15, "k15", "implicit_gemm", 0}};
  EXPECT_EQ(chooseVariant(op, 1).kernel, "plain");      // bucket 0: far from any measurement
  EXPECT_EQ(chooseVariant(op, 4095).kernel, "plain");   // bucket 11: two away
  EXPECT_EQ(chooseVariant(op, 8191).kernel, "k13");     // bucket 12
  EXPECT_EQ(chooseVariant(op, 8192).kernel, "k13");     // bucket 13
  EXPECT_EQ(chooseVariant(op, 16384).kernel, "k15");    // bucket 14: a tie, the larger wins
  EXPECT_EQ(chooseVariant(op, 1 << 16).kernel, "k15");  // bucket 16
  EXPECT_EQ(chooseVariant(op, 1 << 20).kernel, "plain"); // bucket 20
  EXPECT_EQ(chooseVariant(op, 8192).dataflow, "gather_gemm_scatter");
  EXPECT_EQ(chooseVariant(op, 8192).cpuThreads, 1);
}

/// Size variants and GPU launch fields survive the manifest round trip; unknown dataflows in them
/// are malformed plans, named as such.
TEST(TileVariants, ManifestRoundTripAndMalformedDataflows) {
  std::unique_ptr<Model> m = Model::load(SCONV_TILES_ARTIFACT);
  Plan plan = m->plan();
  PlanOp *gemm = nullptr;
  for (PlanOp &op : plan.entries.front().ops)
    if (op.kind == PlanOp::Kind::ImplicitGemm)
      gemm = &op;
  ASSERT_NE(gemm, nullptr);
  gemm->variants = {{12, "ka", "fetch_on_demand", 1},
                    {15, "kb", "implicit_gemm", 0},
                    {16, "kc", "implicit_gemm_split", 0, 3}};
  gemm->gpuKernel = "gk";
  gemm->gpuThreads = 256;
  gemm->gpuRowsPerBlock = 16;
  gemm->gpuDataflow = "implicit_gemm_split";
  gemm->gpuSplits = 3;
  gemm->gpuPrecision = "bf16";
  const std::string json = plan.toJson();
  Plan back = Plan::parse(json);
  const PlanOp *g = nullptr;
  for (const PlanOp &op : back.entries.front().ops)
    if (op.kind == PlanOp::Kind::ImplicitGemm)
      g = &op;
  ASSERT_NE(g, nullptr);
  ASSERT_EQ(g->variants.size(), 3u);
  EXPECT_EQ(g->variants[2].dataflow, "implicit_gemm_split");
  EXPECT_EQ(g->variants[2].cpuSplits, 3);
  EXPECT_EQ(g->variants[0].sizeBucket, 12);
  EXPECT_EQ(g->variants[0].kernel, "ka");
  EXPECT_EQ(g->variants[0].dataflow, "fetch_on_demand");
  EXPECT_EQ(g->variants[0].cpuThreads, 1);
  EXPECT_EQ(g->variants[1].kernel, "kb");
  EXPECT_EQ(g->gpuKernel, "gk");
  EXPECT_EQ(g->gpuThreads, 256);
  EXPECT_EQ(g->gpuRowsPerBlock, 16);
  EXPECT_EQ(g->gpuDataflow, "implicit_gemm_split");
  EXPECT_EQ(g->gpuSplits, 3);
  EXPECT_EQ(g->gpuPrecision, "bf16");
  auto replaced = [&](const std::string &from, const std::string &to) {
    std::string j = json;
    const size_t at = j.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return at == std::string::npos ? j : j.replace(at, from.size(), to);
  };
  auto errorOf = [](const std::string &manifest) {
    try {
      Plan::parse(manifest);
    } catch (const Error &e) {
      return std::string(e.what());
    }
    return std::string();
  };
  EXPECT_NE(errorOf(replaced("\"gpu_splits\": 3", "\"gpu_splits\": 9"))
                .find("9 offset ranges for dataflow implicit_gemm_split"),
            std::string::npos);
  EXPECT_NE(errorOf(replaced("\"gpu_dataflow\": \"implicit_gemm_split\"",
                             "\"gpu_dataflow\": \"warp_magic\""))
                .find("unknown GPU dataflow 'warp_magic'"),
            std::string::npos);
  EXPECT_NE(errorOf(replaced("\"gpu_precision\": \"bf16\"", "\"gpu_precision\": \"fp8\""))
                .find("unknown GPU precision 'fp8'"),
            std::string::npos);
  EXPECT_NE(errorOf(replaced("\"dataflow\": \"fetch_on_demand\"", "\"dataflow\": \"im2col\""))
                .find("unknown variant dataflow 'im2col'"),
            std::string::npos);
  // Mask splitting's range count: 2 to 8 and at most the offsets; no other dataflow has one.
  EXPECT_NE(errorOf(replaced("\"cpu_splits\": 3", "\"cpu_splits\": 1"))
                .find("1 offset ranges for dataflow implicit_gemm_split"),
            std::string::npos);
  EXPECT_NE(errorOf(replaced("\"cpu_splits\": 0", "\"cpu_splits\": 2"))
                .find("2 offset ranges for dataflow fetch_on_demand"),
            std::string::npos);
}

std::string tempPath(const char *name) {
  llvm::SmallString<128> p;
  llvm::sys::fs::createTemporaryFile(name, "json", p);
  return p.str().str();
}

TEST(TuningDatabase, RoundTripAndLookup) {
  TuningDatabase db;
  DeviceKey here = hostCpuKey(), other{"cpu", "another", "x"};
  TuningSignature s{27, 64, 64, "submanifold", "f32", 13, 2};
  db.upsert(here, {s, {2, 32}, 1.5, 2.0, 3});
  TuningSignature dense = s;
  dense.densityBucket = 3;
  db.upsert(here, {dense, {4, 16}, 1.0, 1.2, 9}); // more samples: wins at compile time
  db.upsert(other, {s, {8, 8, "implicit_gemm", 2}, 1, 1, 1});
  TuningSignature k125 = s;
  k125.volume = 125;
  db.upsert(other, {k125, {4, 16, "implicit_gemm_split", 0, 3}, 1, 1, 1});
  db.upsert(here, {s, {1, 64}, 1.4, 2.0, 3}); // replaces the first entry
  DeviceKey h100{"sm_90", "NVIDIA H100 80GB HBM3", "driver=12040"};
  TuningEntry g{s, {}, 0.5, 0.7, 4, GpuTile{16, 8, 4}};
  db.upsert(h100, g);
  TuningSignature s16{27, 16, 16, "submanifold", "f32", 13, 2};
  db.upsert(h100, {s16, {}, 0.2, 0.3, 4, GpuTile{32, 4, 2, "fetch_on_demand"}});
  TuningSignature s32{27, 32, 32, "submanifold", "f32", 13, 2};
  db.upsert(h100, {s32, {}, 0.2, 0.3, 4, GpuTile{16, 8, 2, "implicit_gemm_split", "f32", 3}});
  TuningSignature s16h = s16;
  s16h.precision = "f16"; // a tensor-core tile: its own class
  db.upsert(h100, {s16h, {}, 0.1, 0.2, 4, GpuTile{16, 2, 64, "implicit_gemm", "f16"}});
  TuningSignature s32h = s32;
  s32h.precision = "bf16"; // a pipelined tensor-core tile
  db.upsert(h100, {s32h, {}, 0.1, 0.2, 4, GpuTile{32, 4, 32, "implicit_gemm", "bf16", 0, 3}});
  // SW-LK forms: per class, the entry with the most samples; a CPU form is this CPU's only.
  TuningSignature lk{343, 16, 16, kSwLkKind, "f32", 14, 1}, lkSparse = lk;
  lkSparse.densityBucket = 0;
  TuningEntry plainLk{lk, {}, 3.0, 9.0, 4};
  plainLk.form = "plain";
  TuningEntry partitionLk{lkSparse, {}, 5.0, 5.0, 2};
  partitionLk.form = "partition";
  db.upsert(here, plainLk);
  db.upsert(here, partitionLk);
  db.upsert(h100, partitionLk);
  std::string path = tempPath("db");
  ASSERT_FALSE(bool(db.save(path)));
  auto loaded = TuningDatabase::load(path);
  ASSERT_TRUE(bool(loaded)) << llvm::toString(loaded.takeError());
  EXPECT_EQ(loaded->numDevices(), 3u);
  EXPECT_EQ(loaded->lookupForm(&here, "", lk), std::optional<std::string>("plain"));
  EXPECT_EQ(loaded->lookupForm(&other, "", lk), std::nullopt);
  EXPECT_EQ(loaded->lookupForm(nullptr, "sm_90", lk), std::optional<std::string>("partition"));
  EXPECT_EQ(loaded->lookupForm(nullptr, "sm_80", lk), std::nullopt);
  EXPECT_TRUE(loaded->lookupBySize(here, lk).empty()); // a form is not a tile
  EXPECT_FALSE(loaded->lookupGpu("sm_90", lk).has_value());
  EXPECT_EQ(*loaded->lookupGpu("sm_90", s16h), (GpuTile{16, 2, 64, "implicit_gemm", "f16"}));
  EXPECT_EQ(*loaded->lookupGpu("sm_90", s32h),
            (GpuTile{32, 4, 32, "implicit_gemm", "bf16", 0, 3}));
  EXPECT_EQ(*loaded->lookupGpu("sm_90", s), (GpuTile{16, 8, 4}));
  EXPECT_EQ(*loaded->lookupGpu("sm_90", s16), (GpuTile{32, 4, 2, "fetch_on_demand"}));
  EXPECT_EQ(*loaded->lookupGpu("sm_90", s32), (GpuTile{16, 8, 2, "implicit_gemm_split", "f32", 3}));
  EXPECT_FALSE(loaded->lookupGpu("sm_80", s).has_value());
  EXPECT_TRUE(loaded->hasTarget("sm_90"));
  ASSERT_EQ(loaded->entries(here)->size(), 4u);
  EXPECT_EQ(loaded->entries(here)->front().config, (KernelConfig{1, 64}));
  using BySize = std::vector<std::pair<int, KernelConfig>>;
  EXPECT_EQ(loaded->lookupBySize(here, s), (BySize{{13, KernelConfig{4, 16}}}));
  EXPECT_EQ(loaded->lookupBySize(other, s), (BySize{{13, KernelConfig{8, 8, "implicit_gemm", 2}}}));
  EXPECT_EQ(loaded->lookupBySize(other, k125),
            (BySize{{13, KernelConfig{4, 16, "implicit_gemm_split", 0, 3}}}));
  EXPECT_TRUE(loaded->lookupBySize(here, TuningSignature{27, 16, 16, "submanifold"}).empty());
  EXPECT_EQ(loaded->entries(DeviceKey{"cpu", "unknown", ""}), nullptr);
  llvm::sys::fs::remove(path);
}

/// Pipeline stages are a tensor-core knob with a register budget; the tuner's space spans them.
TEST(GpuTileCheck, PipelineStages) {
  GpuTile t{32, 4, 32, "implicit_gemm", "f16", 0, 3}; // 32 accumulators + 2 x 32 staged floats
  EXPECT_EQ(checkGpuTile(t, 27), "");
  EXPECT_EQ(t.str(), "32x4x32/f16/s3");
  t.stages = 4; // 32 + 3 x 32 = 128: the limit
  EXPECT_EQ(checkGpuTile(t, 27), "");
  t.stages = 5;
  EXPECT_EQ(checkGpuTile(t, 27), "pipeline stages must be 1 to 4, got 5");
  t.stages = 0;
  EXPECT_EQ(checkGpuTile(t, 27), "pipeline stages must be 1 to 4, got 0");
  GpuTile wide{64, 2, 32, "implicit_gemm", "bf16", 0, 3}; // 64 + 2 x 48 = 160
  EXPECT_EQ(checkGpuTile(wide, 27), "3 pipeline stages of a 32 x 64 warp tile hold 160 floats "
                                    "per thread (accumulators and staged fragments; at most 128)");
  GpuTile simt{32, 8, 2};
  simt.stages = 2;
  EXPECT_NE(checkGpuTile(simt, 27).find("a knob of the tensor-core kernel"), std::string::npos);
  std::set<int64_t> stages;
  for (const GpuTile &c : candidateGpuTiles(32, 27, "f16")) {
    EXPECT_EQ(checkGpuTile(c, 27), "") << c.str();
    stages.insert(c.stages);
  }
  EXPECT_EQ(stages, (std::set<int64_t>{1, 2, 3}));
  for (const GpuTile &c : candidateGpuTiles(32, 27, "f32"))
    EXPECT_EQ(c.stages, 1) << c.str();
  // The defaults pipeline 3 stages deep where the tile's registers allow (the H100 tuning run),
  // and always give a valid tile.
  EXPECT_EQ(defaultGpuTile(16, 32, 27, "f16").stages, 3);
  for (const char *precision : {"f32", "f16", "bf16"})
    for (int64_t cout : {1, 3, 13, 16, 32, 48, 64, 100, 128, 256, 512})
      for (int64_t volume : {1, 27, 125, 343}) {
        const GpuTile t = defaultGpuTile(16, cout, volume, precision);
        EXPECT_EQ(checkGpuTile(t, volume), "") << precision << " cout " << cout << ": " << t.str();
        EXPECT_GE(t.threads(), 32) << t.str();
      }
}

/// wgmma tiles: one warpgroup per block, N in steps of 8, 2-4 stages; the tuner offers them only
/// for sm_90a, next to the mma.sync tiles.
TEST(GpuTileCheck, WgmmaTiles) {
  GpuTile t{64, 4, 16, "implicit_gemm", "f16", 0, 2, "wgmma"};
  EXPECT_EQ(checkGpuTile(t, 27), "");
  EXPECT_EQ(t.str(), "64x4x16/f16/wgmma/s2");
  EXPECT_EQ(t.threads(), 128);
  EXPECT_EQ(t.rowsPerBlock(), 64);
  EXPECT_FALSE(t == (GpuTile{64, 4, 16, "implicit_gemm", "f16", 0, 2}));
  t.threadsCout = 24; // any multiple of 8
  EXPECT_EQ(checkGpuTile(t, 27), "");
  t.threadsCout = 20;
  EXPECT_EQ(checkGpuTile(t, 27), "a wgmma's N (C_out per warp) must be 8 to 128 in steps of 8, got 20");
  t = {64, 2, 16, "implicit_gemm", "f16", 0, 2, "wgmma"};
  EXPECT_EQ(checkGpuTile(t, 27), "a wgmma block is one warpgroup (4 warps), got 2");
  t = {64, 4, 64, "implicit_gemm", "f16", 0, 2, "wgmma"};
  EXPECT_EQ(checkGpuTile(t, 27),
            "wgmma rows per warp must be 16 or 32 (one or two 64-row m-tiles), got 64");
  t = {128, 4, 32, "implicit_gemm", "bf16", 0, 2, "wgmma"};
  EXPECT_EQ(checkGpuTile(t, 27), "a wgmma tile of 128 x 128 needs 128 accumulators per thread (at "
                                 "most 64)");
  t = {64, 4, 16, "implicit_gemm", "f16", 0, 1, "wgmma"};
  EXPECT_EQ(checkGpuTile(t, 27),
            "wgmma pipeline stages must be 2 to 4 (B is staged one step ahead), got 1");
  t = {64, 4, 16, "implicit_gemm_sorted", "f16", 0, 2, "wgmma"};
  EXPECT_NE(checkGpuTile(t, 27).find("implicit_gemm dataflow only"), std::string::npos);
  t = {64, 4, 16, "implicit_gemm", "f32", 0, 1, "wgmma"};
  EXPECT_EQ(checkGpuTile(t, 27), "the tensor-core instruction 'wgmma' needs precision f16 or bf16, "
                                 "not f32");
  t = {64, 4, 16, "implicit_gemm", "f16", 0, 1, "hmma"};
  EXPECT_EQ(checkGpuTile(t, 27), "unknown tensor-core instruction 'hmma' (expected mma_sync or wgmma)");

  size_t wgmma = 0;
  for (const GpuTile &c : candidateGpuTiles(32, 27, "f16", /*wgmma=*/true)) {
    EXPECT_EQ(checkGpuTile(c, 27), "") << c.str();
    wgmma += c.wgmma();
  }
  EXPECT_GT(wgmma, 0u);
  for (const GpuTile &c : candidateGpuTiles(32, 27, "f16"))
    EXPECT_FALSE(c.wgmma()) << c.str();
  for (const GpuTile &c : candidateGpuTiles(32, 27, "f32", /*wgmma=*/true))
    EXPECT_FALSE(c.wgmma()) << c.str();
  for (const char *precision : {"f16", "bf16"})
    for (int64_t cout : {1, 3, 13, 16, 32, 48, 64, 100, 128, 256})
      for (int64_t volume : {1, 27, 125}) {
        const GpuTile d = defaultGpuTile(16, cout, volume, precision, "wgmma");
        EXPECT_TRUE(d.wgmma());
        EXPECT_EQ(checkGpuTile(d, volume), "") << precision << " cout " << cout << ": " << d.str();
      }
}

TEST(TuningDatabase, BadFilesAreClearErrors) {
  auto expectError = [](const std::string &text, const std::string &message) {
    std::string path = tempPath("bad");
    std::ofstream(path) << text;
    auto db = TuningDatabase::load(path);
    ASSERT_FALSE(bool(db)) << text;
    std::string msg = llvm::toString(db.takeError());
    EXPECT_NE(msg.find(message), std::string::npos) << msg;
    llvm::sys::fs::remove(path);
  };
  expectError("{\"format\": \"sconv-tuning\", ", "is corrupted (not valid JSON");
  expectError("[1, 2]", "is not an sconv tuning database");
  expectError("{\"format\": \"sconv-tuning\", \"version\": 99, \"devices\": []}",
              "unsupported version");
  expectError("{\"format\": \"sconv-tuning\", \"version\": 1, \"devices\": [{\"device\": {\"target\": "
              "\"cpu\"}, \"entries\": [{\"signature\": {\"volume\": 27, \"cin\": 4, \"cout\": 4}, "
              "\"config\": {\"rows\": 2, \"lanes\": 5}}]}]}",
              "tile lanes must be 4, 8, 16, 32 or 64, got 5");
  expectError("{\"format\": \"sconv-tuning\", \"version\": 1, \"devices\": [{\"device\": {\"target\": "
              "\"cpu\"}, \"entries\": [{\"signature\": {\"volume\": 8, \"cin\": 4, \"cout\": 4}, "
              "\"config\": {\"rows\": 2, \"lanes\": 8, \"dataflow\": \"implicit_gemm_split\", "
              "\"splits\": 9}}]}]}",
              "mask splitting needs 2 to 8 offset ranges, at most the kernel's 8 offsets; got 9");
  expectError("{\"format\": \"sconv-tuning\", \"version\": 1, \"devices\": [{\"device\": {\"target\": "
              "\"sm_90\"}, \"entries\": [{\"signature\": {\"volume\": 27, \"cin\": 4, \"cout\": 4}, "
              "\"gpu_tile\": [32, 8, 1], \"gpu_dataflow\": \"implicit_gemm_sorted\", "
              "\"gpu_splits\": 2}]}]}",
              "splits (2) is a knob of implicit_gemm_split only, not of implicit_gemm_sorted");
  // Pipeline stages: tensor-core tiles only, 1 to 4, within the register budget.
  const std::string h100Entry = "{\"format\": \"sconv-tuning\", \"version\": 1, \"devices\": "
                                "[{\"device\": {\"target\": \"sm_90\"}, \"entries\": "
                                "[{\"signature\": {\"volume\": 27, \"cin\": 32, \"cout\": 32, ";
  expectError(h100Entry + "\"precision\": \"f16\"}, \"gpu_tile\": [32, 4, 32], "
                          "\"gpu_stages\": 7}]}]}",
              "pipeline stages must be 1 to 4, got 7");
  expectError(h100Entry + "\"precision\": \"f16\"}, \"gpu_tile\": [32, 4, 64], "
                          "\"gpu_stages\": 3}]}]}",
              "3 pipeline stages of a 64 x 32 warp tile hold 160 floats");
  expectError(h100Entry + "\"precision\": \"f32\"}, \"gpu_tile\": [32, 8, 1], "
                          "\"gpu_stages\": 2}]}]}",
              "pipeline stages (2) are a knob of the tensor-core kernel (f16 / bf16) only");
  expectError("{\"format\": \"sconv-tuning\", \"version\": 1, \"devices\": [{\"device\": {\"target\": "
              "\"cpu\"}, \"entries\": [{\"signature\": {\"volume\": 343, \"cin\": 4, \"cout\": 4, "
              "\"kind\": \"sw_lk\"}, \"form\": \"sparse\"}]}]}",
              "SW-LK form 'sparse' is not partition or plain");
  auto missing = TuningDatabase::load("/nonexistent/tuning.json");
  ASSERT_FALSE(bool(missing));
  EXPECT_NE(llvm::toString(missing.takeError()).find("cannot be read"), std::string::npos);
}

/// End to end: a database measured at two map sizes with different winners makes sconvc compile
/// both variants into the plan, and the runtime runs the one for each map's size; both are right.
TEST(TileVariants, CompiledFromADatabaseAndPickedBySize) {
  TuningDatabase db;
  TuningSignature small{27, 16, 16, "submanifold", "f32", 8, 0},
      large{27, 16, 16, "submanifold", "f32", 14, 0};
  db.upsert(hostCpuKey(), {small, {1, 16}, 0.1, 0.1, 2});
  db.upsert(hostCpuKey(), {large, {4, 8, "gather_gemm_scatter", 1}, 1, 2, 3});
  const std::string dbPath = tempPath("variants"), model = tempPath("variants-model");
  ASSERT_FALSE(bool(db.save(dbPath)));
  const std::string cmd = std::string(SCONV_SCONVC) + " " + SCONV_VARIANTS_MODEL +
                          " --target cpu --tuning-db " + dbPath + " -o " + model;
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  std::unique_ptr<Model> m = Model::load(model);
  const PlanOp *gemm = nullptr;
  for (const PlanOp &op : m->plan().entries.front().ops)
    if (op.kind == PlanOp::Kind::ImplicitGemm)
      gemm = &op;
  ASSERT_NE(gemm, nullptr);
  ASSERT_EQ(gemm->variants.size(), 2u);
  EXPECT_EQ(gemm->variants[0].kernel, "sconv_igemm_k27_c16x16_f32_bias_r1l16");
  EXPECT_EQ(gemm->variants[1].kernel, "sconv_igemm_k1_c16x16_f32_r4l8");
  EXPECT_EQ(gemm->variants[1].dataflow, "gather_gemm_scatter");
  EXPECT_EQ(gemm->variants[1].cpuThreads, 1);
  EXPECT_EQ(chooseVariant(*gemm, 300).sizeBucket, 8);
  EXPECT_EQ(chooseVariant(*gemm, 20000).sizeBucket, 14);
  std::vector<float> w = randomParam({"w", {27, 16, 16}}, 1), b = randomParam({"b", {16}}, 2);
  m->setParam("w", w);
  m->setParam("b", b);
  ThreadPool pool(0);
  for (int64_t n : {300, 20000}) {
    SparseTensor x = ref::randomCloud(uint64_t(n), n, 16, {30, 64, 64}, 1);
    std::vector<OpProfile> prof;
    EXPECT_TRUE(ref::expectClose(ref::refSubmConv(x, w, &b, ConvGeometry{}),
                                 m->run("subm16", {x}, pool, &prof).at(0)))
        << n << " sites";
    std::string ran;
    for (const OpProfile &p : prof)
      ran += p.impl;
    EXPECT_EQ(ran, n == 300 ? "sconv_igemm_k27_c16x16_f32_bias_r1l16 (implicit_gemm)"
                            : "sconv_igemm_k1_c16x16_f32_r4l8 (gather_gemm_scatter)");
  }
  llvm::sys::fs::remove(dbPath);
  llvm::sys::fs::remove(model);
}

} // namespace
