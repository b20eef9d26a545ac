// Float64 reference operators beyond plain submanifold/regular conv (see ReferenceOps.h). Written
// for obviousness, not speed: every sum is spelled out over sites found with std::map.
#include "test/reference/ReferenceOps.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <tuple>

namespace sconv::ref {

using rt::Error;

namespace {

Site siteOf(const SparseTensor &t, int64_t r) {
  const int32_t *c = t.coord(r);
  return Site{c[0], c[1], c[2], c[3]};
}

Site siteOf(const RefTensor &t, int64_t r) {
  const int32_t *c = t.coords.data() + 4 * r;
  return Site{c[0], c[1], c[2], c[3]};
}

std::string str(const Int3 &v) {
  return "(" + std::to_string(v[0]) + ", " + std::to_string(v[1]) + ", " + std::to_string(v[2]) +
         ")";
}

std::string str(const Site &s) {
  return "(" + std::to_string(s[0]) + ", " + std::to_string(s[1]) + ", " + std::to_string(s[2]) +
         ", " + std::to_string(s[3]) + ")";
}

void checkTensor(const SparseTensor &t, const char *what) {
  if (t.numSites < 0 || t.channels < 0 || int64_t(t.coords.size()) != 4 * t.numSites ||
      int64_t(t.feats.size()) != t.numSites * t.channels)
    throw Error(std::string(what) + ": coords/feats sizes do not match numSites/channels");
}

void checkTensor(const RefTensor &t, const char *what) {
  if (t.numSites < 0 || t.channels < 0 || int64_t(t.coords.size()) != 4 * t.numSites ||
      int64_t(t.feats.size()) != t.numSites * t.channels)
    throw Error(std::string(what) + ": coords/feats sizes do not match numSites/channels");
}

/// C_out of a weight [rows, C_out] (rows = K * C_in); throws when the size does not divide.
int64_t outChannels(const std::vector<float> &weight, int64_t rows, const char *what) {
  if (rows <= 0 || weight.empty() || weight.size() % size_t(rows) != 0)
    throw Error(std::string(what) + ": weight size " + std::to_string(weight.size()) +
                " is not K*C_in*C_out with K*C_in = " + std::to_string(rows));
  return int64_t(weight.size()) / rows;
}

void checkBias(const std::vector<float> *bias, int64_t cout, const char *what) {
  if (bias && int64_t(bias->size()) != cout)
    throw Error(std::string(what) + ": bias has " + std::to_string(bias->size()) +
                " values, expected " + std::to_string(cout));
}

void checkMask(const std::vector<bool> &pruned, const SparseTensor &in, const char *what) {
  if (int64_t(pruned.size()) != in.numSites)
    throw Error(std::string(what) + ": pruned mask has " + std::to_string(pruned.size()) +
                " entries for " + std::to_string(in.numSites) + " sites");
}

void setBias(double *dst, const std::vector<float> *bias, int64_t cout) {
  for (int64_t co = 0; co < cout; ++co)
    dst[co] = bias ? double((*bias)[size_t(co)]) : 0.0;
}

/// dst[co] += sum_ci x[ci] * W[k][ci][co], W [K, cin, cout].
template <typename T>
void addProduct(double *dst, const T *x, const std::vector<float> &weight, int64_t k, int64_t cin,
                int64_t cout) {
  for (int64_t ci = 0; ci < cin; ++ci)
    for (int64_t co = 0; co < cout; ++co)
      dst[co] += double(x[ci]) * double(weight[size_t((k * cin + ci) * cout + co)]);
}

RefTensor emptyLike(const SparseTensor &in, int64_t channels) {
  RefTensor out;
  out.numSites = in.numSites;
  out.channels = channels;
  out.spatialShape = in.spatialShape;
  out.batchSize = in.batchSize;
  out.coords = in.coords;
  out.feats.assign(size_t(in.numSites * channels), 0.0);
  return out;
}

std::map<Site, int64_t> indexOf(const RefTensor &t, const char *what) {
  std::map<Site, int64_t> rows;
  for (int64_t r = 0; r < t.numSites; ++r)
    if (!rows.emplace(siteOf(t, r), r).second)
      throw Error(std::string(what) + ": duplicate site " + str(siteOf(t, r)));
  return rows;
}

/// Row of b holding each of a's sites, in a's order; throws unless the site sets are equal.
std::vector<int64_t> matchSites(const RefTensor &a, const RefTensor &b, const char *what) {
  checkTensor(a, what);
  checkTensor(b, what);
  if (a.spatialShape != b.spatialShape || a.batchSize != b.batchSize)
    throw Error(std::string(what) + ": spatial shapes or batch sizes differ");
  const std::map<Site, int64_t> ia = indexOf(a, what), ib = indexOf(b, what);
  if (a.numSites != b.numSites)
    throw Error(std::string(what) + ": site sets differ (" + std::to_string(a.numSites) + " vs " +
                std::to_string(b.numSites) + " sites)");
  std::vector<int64_t> rows(size_t(a.numSites));
  for (int64_t r = 0; r < a.numSites; ++r) {
    auto it = ib.find(siteOf(a, r));
    if (it == ib.end())
      throw Error(std::string(what) + ": site " + str(siteOf(a, r)) + " of the first input is " +
                  "missing from the second");
    rows[size_t(r)] = it->second;
  }
  return rows;
}

} // namespace

// ---- Inverse and transposed convolution -------------------------------------------------------

RefTensor refInverseConv(const SparseTensor &in, const std::vector<float> &weight,
                         const std::vector<float> *bias, const ConvGeometry &fwd,
                         const SparseTensor &fwdInput) {
  const char *what = "refInverseConv";
  if (fwd.kind != ConvKind::Regular)
    throw Error("refInverseConv: forward geometry is not regular");
  checkTensor(in, what);
  checkTensor(fwdInput, what);
  const Int3 grid = refOutputShape(fwdInput.spatialShape, fwd);
  if (in.spatialShape != grid || in.batchSize != fwdInput.batchSize)
    throw Error("refInverseConv: input shape " + str(in.spatialShape) +
                " is not the forward conv's output shape " + str(grid) +
                " (or the batch sizes differ)");
  const int64_t cout = outChannels(weight, fwd.volume() * in.channels, what);
  checkBias(bias, cout, what);
  const SiteIndex index(in);
  (void)SiteIndex(fwdInput); // throws on a duplicate output site
  RefTensor out = emptyLike(fwdInput, cout);
  for (int64_t r = 0; r < fwdInput.numSites; ++r) {
    const Site i = siteOf(fwdInput, r);
    double *dst = out.feats.data() + r * cout;
    setBias(dst, bias, cout);
    for (int64_t k = 0; k < fwd.volume(); ++k) {
      // Solve i = o*s - p + pos*d for o, axis by axis.
      const Int3 pos = refKernelPosition(fwd.kernel, k);
      Site o{i[0], 0, 0, 0};
      bool ok = true;
      for (int a = 0; a < 3 && ok; ++a) {
        const int64_t num = int64_t(i[a + 1]) + fwd.padding[a] - int64_t(pos[a]) * fwd.dilation[a];
        ok = num >= 0 && num % fwd.stride[a] == 0 && num / fwd.stride[a] < grid[a];
        o[a + 1] = ok ? int32_t(num / fwd.stride[a]) : 0;
      }
      const int64_t row = ok ? index.find(o) : -1;
      if (row >= 0)
        addProduct(dst, in.feat(row), weight, k, in.channels, cout);
    }
  }
  return out;
}

Int3 refConvTransposeShape(const Int3 &in, const ConvGeometry &g, const Int3 &outputPadding) {
  if (g.kind != ConvKind::Regular)
    throw Error("refConvTranspose: geometry is not regular");
  Int3 out;
  for (int a = 0; a < 3; ++a) {
    if (g.kernel[a] < 1 || g.stride[a] < 1 || g.dilation[a] < 1 || g.padding[a] < 0 || in[a] < 1)
      throw Error("refConvTranspose: bad geometry or input shape on axis " + std::to_string(a));
    if (outputPadding[a] < 0 || outputPadding[a] >= std::max(g.stride[a], g.dilation[a]))
      throw Error("refConvTranspose: output padding " + std::to_string(outputPadding[a]) +
                  " on axis " + std::to_string(a) + " is not in [0, max(stride, dilation))");
    const int64_t v = (int64_t(in[a]) - 1) * g.stride[a] - 2 * int64_t(g.padding[a]) +
                      int64_t(g.dilation[a]) * (g.kernel[a] - 1) + 1 + outputPadding[a];
    if (v < 1 || v > INT32_MAX)
      throw Error("refConvTranspose: output shape is not positive on axis " + std::to_string(a));
    out[a] = int32_t(v);
  }
  return out;
}

RefTensor refConvTranspose(const SparseTensor &in, const std::vector<float> &weight,
                           const std::vector<float> *bias, const ConvGeometry &g,
                           const Int3 &outputPadding) {
  const char *what = "refConvTranspose";
  checkTensor(in, what);
  const Int3 shape = refConvTransposeShape(in.spatialShape, g, outputPadding);
  const int64_t cout = outChannels(weight, g.volume() * in.channels, what);
  checkBias(bias, cout, what);
  (void)SiteIndex(in);                      // throws on a duplicate site
  std::map<Site, std::vector<double>> sums; // sorted by (b, z, y, x)
  for (int64_t r = 0; r < in.numSites; ++r) {
    const Site i = siteOf(in, r);
    for (int64_t k = 0; k < g.volume(); ++k) {
      const Int3 pos = refKernelPosition(g.kernel, k);
      Site o{i[0], 0, 0, 0};
      bool inside = true;
      for (int a = 0; a < 3; ++a) {
        const int64_t v =
            int64_t(i[a + 1]) * g.stride[a] - g.padding[a] + int64_t(pos[a]) * g.dilation[a];
        inside = inside && v >= 0 && v < shape[a];
        o[a + 1] = inside ? int32_t(v) : 0;
      }
      if (!inside)
        continue;
      auto it = sums.find(o);
      if (it == sums.end()) {
        it = sums.emplace(o, std::vector<double>(size_t(cout))).first;
        setBias(it->second.data(), bias, cout);
      }
      addProduct(it->second.data(), in.feat(r), weight, k, in.channels, cout);
    }
  }
  RefTensor out;
  out.numSites = int64_t(sums.size());
  out.channels = cout;
  out.spatialShape = shape;
  out.batchSize = in.batchSize;
  for (const auto &[site, row] : sums) {
    out.coords.insert(out.coords.end(), site.begin(), site.end());
    out.feats.insert(out.feats.end(), row.begin(), row.end());
  }
  return out;
}

// ---- SW-LK ------------------------------------------------------------------------------------

int refSwLkGroup(const Int3 &delta) {
  auto seg = [](int32_t v) { return v < 0 ? 0 : v == 0 ? 1 : 2; };
  return 9 * seg(delta[0]) + 3 * seg(delta[1]) + seg(delta[2]);
}

static void checkLargeKernel(int k, const char *what) {
  if (k < 3 || k % 2 == 0)
    throw Error(std::string(what) + ": kernel size " + std::to_string(k) +
                " is not an odd number >= 3");
}

RefTensor refSwLk(const SparseTensor &in, const std::vector<float> &weight,
                  const std::vector<float> &pe, const std::vector<float> *bias, int k) {
  const char *what = "refSwLk";
  checkLargeKernel(k, what);
  checkTensor(in, what);
  const int64_t cin = in.channels;
  const int64_t cout = outChannels(weight, 27 * cin, what);
  checkBias(bias, cout, what);
  const int64_t volume = int64_t(k) * k * k;
  if (!pe.empty() && int64_t(pe.size()) != volume * cin)
    throw Error("refSwLk: position embedding has " + std::to_string(pe.size()) +
                " values, expected k^3 * C_in = " + std::to_string(volume * cin) + " (or none)");
  const int32_t r = k / 2;
  const SiteIndex index(in);
  RefTensor out = emptyLike(in, cout);
  std::vector<double> xs(static_cast<size_t>(cin));
  for (int64_t row = 0; row < in.numSites; ++row) {
    const Site o = siteOf(in, row);
    double *dst = out.feats.data() + row * cout;
    setBias(dst, bias, cout);
    addProduct(dst, in.feat(row), weight, 13, cin, cout);
    for (int32_t dz = -r; dz <= r; ++dz)
      for (int32_t dy = -r; dy <= r; ++dy)
        for (int32_t dx = -r; dx <= r; ++dx) {
          if (dz == 0 && dy == 0 && dx == 0)
            continue;
          const int64_t z = int64_t(o[1]) + dz, y = int64_t(o[2]) + dy, x = int64_t(o[3]) + dx;
          if (z < 0 || z >= in.spatialShape[0] || y < 0 || y >= in.spatialShape[1] || x < 0 ||
              x >= in.spatialShape[2])
            continue;
          const int64_t nb = index.find(Site{o[0], int32_t(z), int32_t(y), int32_t(x)});
          if (nb < 0)
            continue;
          const int64_t idx = (int64_t(dz) + r) * k * k + (int64_t(dy) + r) * k + (dx + r);
          const float *f = in.feat(nb);
          for (int64_t ci = 0; ci < cin; ++ci)
            xs[size_t(ci)] =
                double(f[ci]) + (pe.empty() ? 0.0 : double(pe[size_t(idx * cin + ci)]));
          addProduct(dst, xs.data(), weight, refSwLkGroup({dz, dy, dx}), cin, cout);
        }
  }
  return out;
}

std::vector<float> groupConstantWeights(const std::vector<float> &w27, int k, int64_t cin,
                                        int64_t cout) {
  checkLargeKernel(k, "groupConstantWeights");
  if (cin < 1 || cout < 1 || int64_t(w27.size()) != 27 * cin * cout)
    throw Error("groupConstantWeights: weight size " + std::to_string(w27.size()) +
                " is not 27 * C_in * C_out");
  const int64_t block = cin * cout, volume = int64_t(k) * k * k;
  const int32_t r = k / 2;
  std::vector<float> w;
  w.reserve(size_t(volume * block));
  for (int64_t idx = 0; idx < volume; ++idx) {
    const Int3 pos = refKernelPosition({k, k, k}, idx);
    const int g = refSwLkGroup({pos[0] - r, pos[1] - r, pos[2] - r});
    w.insert(w.end(), w27.begin() + g * block, w27.begin() + (g + 1) * block);
  }
  return w;
}

// ---- Importance and pruning -------------------------------------------------------------------

std::vector<float> refImportanceMean(const SparseTensor &in) {
  checkTensor(in, "refImportanceMean");
  if (in.channels < 1)
    throw Error("refImportanceMean: tensor has no channels");
  std::vector<float> m(size_t(in.numSites));
  for (int64_t r = 0; r < in.numSites; ++r) {
    const float *f = in.feat(r);
    float s = 0.0f;
    for (int64_t c = 0; c < in.channels; ++c) {
      if (!std::isfinite(f[c]))
        throw Error("refImportanceMean: non-finite feature at row " + std::to_string(r));
      s += std::fabs(f[c]); // fp32, channel order 0..C-1
    }
    m[size_t(r)] = s / float(in.channels);
  }
  return m;
}

std::vector<double> refImportance(const SparseTensor &in) {
  std::vector<double> imp;
  for (float m : refImportanceMean(in))
    imp.push_back(1.0 / (1.0 + std::exp(-double(m))));
  return imp;
}

std::vector<bool> refPruned(const SparseTensor &in, double ratio) {
  if (!(ratio >= 0.0 && ratio < 1.0))
    throw Error("refPruned: ratio " + std::to_string(ratio) + " is not in [0, 1)");
  const std::vector<float> m = refImportanceMean(in);
  (void)SiteIndex(in); // throws on a duplicate site
  // Per batch sample: (m, site, row), ordered by m then coordinate.
  std::map<int32_t, std::vector<std::tuple<float, Site, int64_t>>> samples;
  for (int64_t r = 0; r < in.numSites; ++r)
    samples[in.coord(r)[0]].emplace_back(m[size_t(r)], siteOf(in, r), r);
  std::vector<bool> pruned(size_t(in.numSites), false);
  for (auto &[batch, sites] : samples) {
    std::sort(sites.begin(), sites.end());
    const auto count = int64_t(std::floor(double(sites.size()) * ratio));
    for (int64_t i = 0; i < count; ++i)
      pruned[size_t(std::get<2>(sites[size_t(i)]))] = true;
  }
  return pruned;
}

float refLogitThreshold(double t) {
  if (!(t > 0.0 && t < 1.0))
    throw Error("refPrunedThreshold: threshold " + std::to_string(t) + " is not in (0, 1)");
  return float(std::log(t / (1.0 - t)));
}

std::vector<bool> refPrunedThreshold(const SparseTensor &in, double t) {
  const float limit = refLogitThreshold(t);
  const std::vector<float> m = refImportanceMean(in);
  std::vector<bool> pruned(m.size());
  for (size_t r = 0; r < m.size(); ++r)
    pruned[r] = m[r] <= limit;
  return pruned;
}

RefTensor refSpss(const SparseTensor &in, const std::vector<float> &weight,
                  const std::vector<float> *bias, const ConvGeometry &g,
                  const std::vector<bool> &pruned) {
  const char *what = "refSpss";
  if (g.kind != ConvKind::Submanifold || g.kernel[0] % 2 == 0 || g.kernel[1] % 2 == 0 ||
      g.kernel[2] % 2 == 0)
    throw Error("refSpss: geometry is not submanifold with an odd kernel");
  checkTensor(in, what);
  checkMask(pruned, in, what);
  const int64_t c = in.channels;
  const int64_t cout = outChannels(weight, g.volume() * c, what);
  if (cout != c)
    throw Error("refSpss: C_in = " + std::to_string(c) +
                " differs from C_out = " + std::to_string(cout));
  checkBias(bias, cout, what);
  const SiteIndex index(in);
  const std::vector<double> imp = refImportance(in);
  std::vector<double> scaled(size_t(in.numSites * c)); // F' = F * imp
  for (int64_t r = 0; r < in.numSites; ++r)
    for (int64_t ci = 0; ci < c; ++ci)
      scaled[size_t(r * c + ci)] = double(in.feat(r)[ci]) * imp[size_t(r)];
  RefTensor out = emptyLike(in, cout);
  for (int64_t r = 0; r < in.numSites; ++r) {
    double *dst = out.feats.data() + r * cout;
    if (pruned[size_t(r)]) {
      std::copy_n(scaled.begin() + r * c, c, dst);
      continue;
    }
    setBias(dst, bias, cout);
    const Site o = siteOf(in, r);
    for (int64_t k = 0; k < g.volume(); ++k) {
      const int64_t nb = index.find(refInputSite(g, o, k));
      if (nb >= 0)
        addProduct(dst, scaled.data() + nb * c, weight, k, c, cout);
    }
  }
  return out;
}

RefTensor refSprs(const SparseTensor &in, const std::vector<float> &weight,
                  const std::vector<float> *bias, const ConvGeometry &g,
                  const std::vector<bool> &pruned) {
  const char *what = "refSprs";
  if (g.kind != ConvKind::Regular)
    throw Error("refSprs: geometry is not regular");
  checkTensor(in, what);
  checkMask(pruned, in, what);
  const int64_t cout = outChannels(weight, g.volume() * in.channels, what);
  checkBias(bias, cout, what);
  const SiteIndex index(in);
  RefTensor out;
  out.channels = cout;
  out.spatialShape = refOutputShape(in.spatialShape, g);
  out.batchSize = in.batchSize;
  std::vector<double> row(static_cast<size_t>(cout));
  // Every o with at least one active input in its window, sorted; keep those the SPRS rule admits.
  for (const Site &o : refConvOutputSites(in, g)) {
    bool keep = false;
    setBias(row.data(), bias, cout);
    for (int64_t k = 0; k < g.volume(); ++k) {
      const int64_t src = index.find(refInputSite(g, o, k));
      if (src < 0)
        continue;
      keep = keep || !pruned[size_t(src)];
      addProduct(row.data(), in.feat(src), weight, k, in.channels, cout);
    }
    if (!keep) {
      Site centre{o[0], 0, 0, 0};
      for (int a = 0; a < 3; ++a)
        centre[a + 1] = int32_t(int64_t(o[a + 1]) * g.stride[a] - g.padding[a] +
                                int64_t((g.kernel[a] - 1) / 2) * g.dilation[a]);
      const int64_t src = index.find(centre);
      keep = src >= 0 && pruned[size_t(src)];
    }
    if (!keep)
      continue;
    out.coords.insert(out.coords.end(), o.begin(), o.end());
    out.feats.insert(out.feats.end(), row.begin(), row.end());
    ++out.numSites;
  }
  return out;
}

// ---- Pointwise ops ----------------------------------------------------------------------------

RefTensor refBatchNorm(const RefTensor &in, const std::vector<float> &gamma,
                       const std::vector<float> &beta, const std::vector<float> &mean,
                       const std::vector<float> &var, double eps) {
  checkTensor(in, "refBatchNorm");
  const auto c = size_t(in.channels);
  if (gamma.size() != c || beta.size() != c || mean.size() != c || var.size() != c)
    throw Error("refBatchNorm: parameters must have " + std::to_string(c) + " values each");
  RefTensor out = in;
  for (size_t ci = 0; ci < c; ++ci) {
    const double v = double(var[ci]) + eps;
    if (!(v > 0.0))
      throw Error("refBatchNorm: var + eps is not positive for channel " + std::to_string(ci));
    const double scale = double(gamma[ci]) / std::sqrt(v);
    for (int64_t r = 0; r < in.numSites; ++r) {
      double &x = out.feats[size_t(r) * c + ci];
      x = (x - double(mean[ci])) * scale + double(beta[ci]);
    }
  }
  return out;
}

RefTensor refBatchNorm(const SparseTensor &in, const std::vector<float> &gamma,
                       const std::vector<float> &beta, const std::vector<float> &mean,
                       const std::vector<float> &var, double eps) {
  return refBatchNorm(toRef(in), gamma, beta, mean, var, eps);
}

RefTensor refRelu(const RefTensor &in) {
  checkTensor(in, "refRelu");
  RefTensor out = in;
  for (double &x : out.feats)
    x = x > 0.0 ? x : 0.0;
  return out;
}

RefTensor refRelu(const SparseTensor &in) { return refRelu(toRef(in)); }

RefTensor refAdd(const RefTensor &a, const RefTensor &b) {
  const std::vector<int64_t> rows = matchSites(a, b, "refAdd");
  if (a.channels != b.channels)
    throw Error("refAdd: channel counts differ (" + std::to_string(a.channels) + " vs " +
                std::to_string(b.channels) + ")");
  RefTensor out = a;
  for (int64_t r = 0; r < a.numSites; ++r)
    for (int64_t c = 0; c < a.channels; ++c)
      out.feats[size_t(r * a.channels + c)] += b.feats[size_t(rows[size_t(r)] * b.channels + c)];
  return out;
}

RefTensor refAdd(const SparseTensor &a, const SparseTensor &b) {
  return refAdd(toRef(a), toRef(b));
}

RefTensor refConcat(const RefTensor &a, const RefTensor &b) {
  const std::vector<int64_t> rows = matchSites(a, b, "refConcat");
  RefTensor out = a;
  out.channels = a.channels + b.channels;
  out.feats.clear();
  for (int64_t r = 0; r < a.numSites; ++r) {
    out.feats.insert(out.feats.end(), a.feats.begin() + r * a.channels,
                     a.feats.begin() + (r + 1) * a.channels);
    out.feats.insert(out.feats.end(), b.feats.begin() + rows[size_t(r)] * b.channels,
                     b.feats.begin() + (rows[size_t(r)] + 1) * b.channels);
  }
  return out;
}

RefTensor refConcat(const SparseTensor &a, const SparseTensor &b) {
  return refConcat(toRef(a), toRef(b));
}

RefTensor refLinear(const RefTensor &in, const std::vector<float> &weight,
                    const std::vector<float> *bias) {
  const char *what = "refLinear";
  checkTensor(in, what);
  const int64_t cout = outChannels(weight, in.channels, what);
  checkBias(bias, cout, what);
  RefTensor out = in;
  out.channels = cout;
  out.feats.assign(size_t(in.numSites * cout), 0.0);
  for (int64_t r = 0; r < in.numSites; ++r) {
    double *dst = out.feats.data() + r * cout;
    setBias(dst, bias, cout);
    addProduct(dst, in.feats.data() + r * in.channels, weight, 0, in.channels, cout);
  }
  return out;
}

RefTensor refLinear(const SparseTensor &in, const std::vector<float> &weight,
                    const std::vector<float> *bias) {
  return refLinear(toRef(in), weight, bias);
}

std::vector<double> refToDense(const RefTensor &in) {
  checkTensor(in, "refToDense");
  const int64_t B = in.batchSize, C = in.channels, D = in.spatialShape[0], H = in.spatialShape[1],
                W = in.spatialShape[2];
  if (B < 1 || D < 1 || H < 1 || W < 1)
    throw Error("refToDense: batch size and spatial shape must be positive");
  std::vector<double> dense(size_t(B * C * D * H * W), 0.0);
  indexOf(in, "refToDense"); // duplicates would make the scatter ambiguous
  for (int64_t r = 0; r < in.numSites; ++r) {
    const Site s = siteOf(in, r);
    if (s[0] < 0 || s[0] >= B || s[1] < 0 || s[1] >= D || s[2] < 0 || s[2] >= H || s[3] < 0 ||
        s[3] >= W)
      throw Error("refToDense: site " + str(s) + " lies outside the batch/shape");
    for (int64_t c = 0; c < C; ++c)
      dense[size_t(((s[0] * C * D + c * D + s[1]) * H + s[2]) * W + s[3])] =
          in.feats[size_t(r * C + c)];
  }
  return dense;
}

std::vector<double> refToDense(const SparseTensor &in) { return refToDense(toRef(in)); }

} // namespace sconv::ref
