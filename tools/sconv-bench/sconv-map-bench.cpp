// sconv-map-bench: times the two submanifold kernel-map builders (hash lookups per offset, and
// the block search of BlockedSubmanifoldMap.h) on real frames for a range of kernel sizes, A/B
// alternating within each round, checks that they build the same map, and prints and saves the
// medians. The measurement behind kBlockedSubmanifoldVolume (runtime/KernelMap.h).
#include "runtime/Error.h"
#include "runtime/KernelMap.h"
#include "runtime/PointCloud.h"
#include "runtime/ThreadPool.h"
#include "runtime/Voxelizer.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <chrono>
#include <fstream>

using namespace sconv::rt;
namespace cl = llvm::cl;

static cl::list<std::string> inputs("input", cl::desc("point files (comma separated)"),
                                    cl::CommaSeparated, cl::OneOrMore);
static cl::list<int> kernels("kernels", cl::desc("cubic kernel sizes (default 3,5,7,9,13,17)"),
                             cl::CommaSeparated);
static cl::opt<int> rounds("rounds", cl::desc("timed rounds per builder (median)"), cl::init(5));
static cl::opt<int> numThreads("num-threads", cl::desc("threads (0: all cores)"), cl::init(0));
static cl::opt<std::string> jsonFile("json", cl::desc("write the results as JSON"));

namespace {
double timeBuild(const SparseTensor &in, const ConvGeometry &g, ThreadPool &pool,
                 SubmanifoldMethod method, KernelMap &out) {
  const auto t = std::chrono::steady_clock::now();
  out = buildKernelMap(in, g, pool, OutputSiteMethod::Auto, method);
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}
double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}
} // namespace

int main(int argc, char **argv) {
  cl::ParseCommandLineOptions(argc, argv, "sconv-map-bench: submanifold kernel-map builders\n");
  try {
    std::vector<int> ks(kernels.begin(), kernels.end());
    if (ks.empty())
      ks = {3, 5, 7, 9, 13, 17};
    if (rounds < 1)
      throw Error("--rounds must be at least 1");
    ThreadPool pool(numThreads);
    llvm::json::Array results;
    llvm::outs() << "frame                              sites   kernel  lookup ms  blocks ms  "
                    "lookup/blocks\n";
    for (const std::string &path : inputs) {
      const PointFormat format = detectPointFormat(path);
      const PointCloud cloud = readPointCloud(path, format);
      const SparseTensor in = voxelize(cloud, gridFor(cloud, format, ""), nullptr);
      const std::string name = path.substr(path.find_last_of('/') + 1);
      for (int k : ks) {
        ConvGeometry g;
        g.kernel = {k, k, k};
        std::vector<double> lookup, blocks;
        KernelMap a, b;
        timeBuild(in, g, pool, SubmanifoldMethod::Lookup, a); // warm-up (allocator, caches)
        for (int r = 0; r < rounds; ++r) { // alternating, so drift hits both
          const bool lookupFirst = r % 2 == 0;
          for (int side = 0; side < 2; ++side)
            if ((side == 0) == lookupFirst)
              lookup.push_back(timeBuild(in, g, pool, SubmanifoldMethod::Lookup, a));
            else
              blocks.push_back(timeBuild(in, g, pool, SubmanifoldMethod::Blocks, b));
        }
        if (a.nbr != b.nbr || a.outCoords != b.outCoords)
          throw Error("the two builders disagree on " + name + " at kernel " + std::to_string(k));
        const double ml = median(lookup), mb = median(blocks);
        llvm::outs() << llvm::format("%-32s %7lld  %4d^3  %9.2f  %9.2f  %9.2fx\n", name.c_str(),
                                     (long long)in.numSites, k, ml, mb, ml / mb);
        results.push_back(llvm::json::Object{{"frame", name},
                                             {"sites", in.numSites},
                                             {"kernel", k},
                                             {"lookup_ms", ml},
                                             {"blocks_ms", mb},
                                             {"rounds", int64_t(rounds)}});
      }
    }
    if (!jsonFile.empty()) {
      std::ofstream f(jsonFile);
      if (!f)
        throw Error("cannot write '" + jsonFile + "'");
      std::string text;
      llvm::raw_string_ostream os(text);
      os << llvm::formatv("{0:2}", llvm::json::Value(std::move(results)));
      f << text << "\n";
      llvm::outs() << "wrote " << jsonFile << "\n";
    }
  } catch (const Error &e) {
    llvm::errs() << "sconv-map-bench: error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
