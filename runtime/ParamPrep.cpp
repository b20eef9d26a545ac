// Parameter-time ops of the plan (BN folding, BN affine, SW-LK weight expansion, reshapes): evaluated once when
// parameters change, so the per-frame graph only sees convs with bias.
#include "runtime/Executor.h"
#include "runtime/SiteOps.h"

#include <algorithm>
#include <cmath>

namespace sconv::rt {

void Model::prepareParams() {
  if (!derivedStale_)
    return;
  auto available = [&](const std::string &n) {
    return n.empty() || params_.count(n) || derived_.count(n);
  };
  for (const ParamOp &op : plan_.paramOps) {
    // Ops whose inputs are not all set yet are skipped; a run that needs their outputs reports
    // the missing parameter.
    if (!std::all_of(op.inputs.begin(), op.inputs.end(), available))
      continue;
    auto in = [&](size_t i) -> const std::vector<float> & { return param(op.inputs[i], "a folded parameter"); };
    switch (op.kind) {
    case ParamOp::Kind::Reshape:
      derived_[op.outputs[0]] = in(0);
      break;
    case ParamOp::Kind::ExpandSwLk: {
      // Output [k^3, C_in (+1 with an embedding), C_out]: the channel counts come from its shape.
      const std::vector<int64_t> &shape = op.outputShapes[0];
      const bool withPe = !op.inputs[1].empty();
      if (shape.size() != 3)
        throw Error("expand_sw_lk: its output shape is not [k^3, rows, C_out]");
      derived_[op.outputs[0]] =
          expandSwLkWeights(in(0), withPe ? &in(1) : nullptr, int(op.kernelSize),
                            shape[1] - (withPe ? 1 : 0), shape[2]);
      break;
    }
    case ParamOp::Kind::BatchNormAffine:
    case ParamOp::Kind::FoldBatchNorm: {
      bool fold = op.kind == ParamOp::Kind::FoldBatchNorm;
      size_t first = fold ? 2 : 0; // gamma's position
      const auto &gamma = in(first), &beta = in(first + 1), &mean = in(first + 2),
                 &var = in(first + 3);
      size_t c = gamma.size();
      // scale and shift in double, rounded once: the folded conv matches conv-then-BN to float
      // rounding.
      std::vector<double> scale(c);
      for (size_t i = 0; i < c; ++i) {
        if (!(double(var[i]) + op.epsilon > 0))
          throw Error("BatchNorm parameter '" + op.inputs[first + 3] + "' has var + eps <= 0 at "
                      "channel " + std::to_string(i) + ": the normalisation is undefined");
        scale[i] = double(gamma[i]) / std::sqrt(double(var[i]) + op.epsilon);
      }
      if (!fold) {
        std::vector<float> s(c), t(c);
        for (size_t i = 0; i < c; ++i) {
          s[i] = float(scale[i]);
          t[i] = float(double(beta[i]) - double(mean[i]) * scale[i]);
        }
        derived_[op.outputs[0]] = std::move(s);
        derived_[op.outputs[1]] = std::move(t);
        break;
      }
      const auto &w = in(0);
      if (w.size() % c != 0)
        throw Error("cannot fold BatchNorm: weight size is not a multiple of its channels");
      std::vector<float> fw(w.size()), fb(c);
      for (size_t i = 0; i < w.size(); ++i)
        fw[i] = float(double(w[i]) * scale[i % c]);
      const std::vector<float> *b = op.inputs[1].empty() ? nullptr : &in(1);
      for (size_t i = 0; i < c; ++i)
        fb[i] = float(((b ? double((*b)[i]) : 0.0) - double(mean[i])) * scale[i] + double(beta[i]));
      derived_[op.outputs[0]] = std::move(fw);
      derived_[op.outputs[1]] = std::move(fb);
      break;
    }
    }
  }
  derivedStale_ = false;
}

} // namespace sconv::rt
