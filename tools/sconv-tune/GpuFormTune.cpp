// sconv-tune --device gpu: the SW-LK form search on the GPU (see GpuTune.h). Unlike the tile
// search, which launches one generated kernel at a time, a form is several steps (partition sums
// and the group GEMM, or the constant-one channel and the k^3 GEMM), so each form is compiled as
// a one-conv model with the tiles just measured and run through the runtime's GPU backend: what is
// timed is what a compiled backbone runs.
#include "tools/sconv-tune/GpuTune.h"

#include "runtime/Error.h"
#include "runtime/Executor.h"
#include "runtime/RandomParams.h"
#include "runtime/cuda/GpuBackend.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>


using namespace sconv::rt;

namespace sconv::tune {

namespace {

constexpr const char *kForms[] = {"partition", "plain"};

/// Entry `lk<i>`: the conv of signature i alone, on its instances' grid (parameters w<i>, pe<i>,
/// b<i>). Compiled once per form (sconvc --sw-lk-form).
std::string formModule(const std::vector<const SwLkInstance *> &firsts,
                       const std::vector<TuningSignature> &sigs) {
  std::string m;
  for (size_t i = 0; i < sigs.size(); ++i) {
    const SwLkInstance &lk = *firsts[i];
    const TuningSignature &s = sigs[i];
    const Int3 &g = lk.input->spatialShape;
    auto voxels = [&](int64_t c) {
      return llvm::formatv("!sconv.voxels<{0} x f32, shape [{1}, {2}, {3}], stride [1, 1, 1]>", c,
                           g[0], g[1], g[2])
          .str();
    };
    const std::string in = voxels(s.cin), out = voxels(s.cout),
                      w = llvm::formatv("tensor<27x{0}x{1}xf32>", s.cin, s.cout).str(),
                      pe = llvm::formatv("tensor<{0}x{1}xf32>", s.volume, s.cin).str(),
                      b = llvm::formatv("tensor<{0}xf32>", s.cout).str();
    m += llvm::formatv("func.func @lk{0}(%x: {1}) -> {2} {{\n", i, in, out).str();
    m += llvm::formatv("  %w = sconv.weight \"w{0}\" : {1}\n", i, w).str();
    if (lk.pe)
      m += llvm::formatv("  %pe = sconv.weight \"pe{0}\" : {1}\n", i, pe).str();
    m += llvm::formatv("  %b = sconv.weight \"b{0}\" : {1}\n", i, b).str();
    m += llvm::formatv("  %y = sconv.sw_lk_conv %x, %w{0} bias %b {{kernel_size = {1} : i64} : "
                       "({2}, {3}{4}, {5}) -> {6}\n",
                       lk.pe ? " pe %pe" : "", lk.kernelSize, in, w, lk.pe ? ", " + pe : "", b,
                       out)
             .str();
    m += llvm::formatv("  return %y : {0}\n}\n", out).str();
  }
  return m;
}

std::string formArtifact(const std::string &dir, int form) {
  return dir + "/" + PreparedGpuTune::kFormModels[form];
}

} // namespace

void compileSwLkForms(const SwLkGroups &swLk, const std::string &chip, const GpuTuneOptions &o,
                      const std::string &tuningDb, const std::string &dir) {
  std::vector<TuningSignature> sigs;
  std::vector<const SwLkInstance *> firsts;
  for (const auto &[sig, list] : swLk) {
    sigs.push_back(sig);
    firsts.push_back(&list.front());
  }
  const std::string mlir = dir + "/gpu-forms.mlir";
  writeTextFile(mlir, formModule(firsts, sigs));
  llvm::errs() << "compiling both forms of " << sigs.size() << " SW-LK conv class(es) for "
               << chip << "\n";
  for (int f = 0; f < 2; ++f) {
    // GPU code only: every step of an SW-LK conv runs on the device (and a CPU part would only
    // warn that the database has no tiles for this CPU).
    std::vector<std::string> args = {mlir, "--target", chip,
                                     std::string("--sw-lk-form=") + kForms[f], "-o",
                                     formArtifact(dir, f)};
    if (!tuningDb.empty())
      args.insert(args.end(), {"--tuning-db", tuningDb});
    if (o.precision != "f32")
      args.push_back("--gpu-precision=" + o.precision);
    args.insert(args.end(), o.extraSconvcArgs.begin(), o.extraSconvcArgs.end());
    runSconvc(o.sconvc, args);
  }
}

void tuneGpuSwLkForms(GpuContext &ctx, const SwLkGroups &swLk, const GpuTuneOptions &o,
                      TuningDatabase &db, ThreadPool &pool) {
  if (swLk.empty())
    return;
  const DeviceKey key = gpuDeviceKey(ctx.device(), o);
  std::vector<TuningSignature> sigs;
  for (const auto &[sig, list] : swLk)
    sigs.push_back(sig);
  // Entry lk<i> of the form models is the i-th class compiled: here the i-th of `swLk`; prepared,
  // the one the index names (the classes seen here may be fewer).
  std::vector<std::string> entries;
  std::string dir = o.workDir;
  if (o.prepared) {
    o.prepared->checkFor(key.target, o.precision);
    dir = o.prepared->dir;
    for (const TuningSignature &sig : sigs) {
      const std::vector<std::string> &forms = o.prepared->forms;
      auto it = std::find(forms.begin(), forms.end(), sig.str());
      if (it == forms.end())
        throw Error("the SW-LK forms prepared in '" + dir + "' lack " + sig.str() +
                    ": prepare again with the same model and frames");
      entries.push_back("lk" + std::to_string(it - forms.begin()));
    }
    if (o.prepared->formTiles == "default")
      llvm::errs() << "note: the SW-LK forms were prepared with the default GPU tiles; prepare "
                      "again with --tuning-db (this run's database) to compare them with the "
                      "tuned ones\n";
  } else {
    // The tiles measured so far (this GPU's, for the group GEMM and the plain k^3 GEMM) apply.
    const std::string dbPath = o.workDir + "/gpu-forms.json";
    if (auto err = db.save(dbPath))
      throw Error(llvm::toString(std::move(err)));
    compileSwLkForms(swLk, key.target, o, dbPath, dir);
    for (size_t i = 0; i < sigs.size(); ++i)
      entries.push_back("lk" + std::to_string(i));
  }
  std::unique_ptr<Model> models[2];
  for (int f = 0; f < 2; ++f) {
    models[f] = Model::load(formArtifact(dir, f));
    if (o.onCandidates)
      o.onCandidates(models[f]->artifact());
    for (const ParamInfo &p : models[f]->plan().params) // the same values in both forms
      models[f]->setParam(p.name, randomParam(p, 11));
    models[f]->setBackend(std::make_shared<GpuBackend>(ctx, *models[f]));
  }

  std::string table;
  for (size_t i = 0; i < sigs.size(); ++i) {
    const std::vector<SwLkInstance> &list = swLk.at(sigs[i]);
    const std::string &entry = entries[i];
    // The two forms compute the same conv.
    std::vector<float> outs[2];
    for (int f = 0; f < 2; ++f)
      outs[f] = models[f]->run(entry, {*list.front().input}, pool).front().feats;
    if (!swLkFormsAgree(outs[0], outs[1], o.precision))
      throw Error("the plain and partition forms of " + sigs[i].str() + " disagree on the GPU");
    // Device time of the form's own steps (the k^3 kernel map is the same for both: left out);
    // the executor synchronises after each step when profiling.
    double ms[2];
    for (int f = 0; f < 2; ++f)
      ms[f] = medianMs(o.warmup, o.repeat, [&] {
        double sum = 0;
        for (const SwLkInstance &lk : list) {
          std::vector<OpProfile> profile;
          (void)models[f]->run(entry, {*lk.input}, pool, &profile);
          for (const OpProfile &p : profile)
            if (p.kind != "kernel_map")
              sum += p.ms;
        }
        return sum;
      });
    // Partition is the untuned form: plain must be clearly faster.
    const bool plain = ms[1] < ms[0] * (1 - o.minGain);
    TuningSignature measured = sigs[i];
    measured.precision = o.precision;
    TuningEntry e{measured, {}, ms[plain ? 1 : 0], ms[0], int64_t(list.size())};
    e.form = plain ? "plain" : "partition";
    db.upsert(key, e);
    table += llvm::formatv("{0,-44} {1,5}  {2,12:f3}  {3,10:f3}  {4,-9}  {5,6:f2}x\n",
                           measured.str(), list.size(), ms[0], ms[1], e.form, ms[0] / e.bestMs)
                 .str();
  }
  for (auto &m : models)
    m->setBackend(nullptr);
  llvm::outs() << "\nSW-LK forms on " << ctx.device().name
               << "\nsignature                                    convs  partition ms    plain ms  "
                  "form       speed-up\n"
               << table;
}

} // namespace sconv::tune
