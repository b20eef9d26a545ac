// sconv-convert-weights: rewrites an spconv / OpenPCDet state dict exported to safetensors into
// sconv's parameter layout (conv weights [K, C_in, C_out]), ready for sconv-run --weights.
// Uses only the runtime (no MLIR). See docs/weights.md.
//
//   sconv-convert-weights ckpt.safetensors -o backbone.safetensors [--layout spconv2]
//                         [--prefix backbone_3d.] [--verbose]
#include "runtime/Safetensors.h"
#include "runtime/SpconvWeights.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"

using namespace sconv::rt;
namespace cl = llvm::cl;

static cl::opt<std::string> inputFile(cl::Positional, cl::desc("<state dict .safetensors>"),
                                      cl::Required);
static cl::opt<std::string> outputFile("o", cl::desc("output .safetensors"), cl::value_desc("path"),
                                       cl::Required);
static cl::opt<std::string> layout("layout",
                                   cl::desc("conv weight layout of the input: spconv2 "
                                            "([C_out, kz, ky, kx, C_in], the default) or spconv1 "
                                            "([kz, ky, kx, C_in, C_out])"),
                                   cl::init("spconv2"));
static cl::opt<std::string> prefix("prefix",
                                   cl::desc("keep only tensors under this name prefix, without "
                                            "it (e.g. backbone_3d.)"),
                                   cl::init(""));
static cl::opt<bool> verbose("verbose", cl::desc("list every tensor written"), cl::init(false));

static int run() {
  SpconvConvertOptions options;
  options.layout = parseSpconvLayout(layout);
  options.stripPrefix = prefix;
  std::map<std::string, std::string> metadata;
  const std::map<std::string, TensorData> in = readSafetensors(inputFile, &metadata);
  SpconvConvertReport rep;
  const std::map<std::string, TensorData> out = convertSpconvStateDict(in, options, &rep);
  if (out.empty())
    throw Error("nothing to write: no tensor of '" + inputFile.getValue() + "' is kept" +
                (prefix.empty() ? "" : " (none is named '" + prefix.getValue() + "...')"));
  for (const std::string &d : rep.layoutDoubts)
    llvm::errs() << "sconv-convert-weights: warning: " << d << ": is --layout "
                 << spconvLayoutName(options.layout) << " right?\n";
  metadata["sconv_converted_from"] = spconvLayoutName(options.layout);
  writeSafetensors(outputFile, out, metadata);
  if (verbose)
    for (const auto &[name, t] : out)
      llvm::outs() << name << " " << formatShape(t.shape) << "\n";
  llvm::outs() << "wrote " << outputFile << ": " << out.size() << " tensors (" << rep.convWeights
               << " conv weights " << spconvLayoutName(options.layout) << " -> [K, C_in, C_out], "
               << rep.copied << " copied); dropped " << rep.droppedCounters
               << " num_batches_tracked";
  if (!prefix.empty())
    llvm::outs() << ", " << rep.droppedOutsidePrefix << " outside '" << prefix << "'";
  llvm::outs() << "\n";
  return 0;
}

int main(int argc, char **argv) {
  cl::ParseCommandLineOptions(argc, argv,
                              "convert an spconv/OpenPCDet state dict to sconv's weight layout\n");
  try {
    return run();
  } catch (const std::exception &e) {
    llvm::errs() << "sconv-convert-weights: error: " << e.what() << "\n";
    return 1;
  }
}
