// Float64 reference convolutions (see Reference.h). Written for obviousness, not speed.
#include "test/reference/Reference.h"

#include <algorithm>
#include <numeric>
#include <set>
#include <string>

namespace sconv::ref {

using rt::Error;

SiteIndex::SiteIndex(const SparseTensor &t) {
  for (int64_t r = 0; r < t.numSites; ++r) {
    const int32_t *c = t.coord(r);
    if (!rows_.emplace(Site{c[0], c[1], c[2], c[3]}, r).second)
      throw Error("reference: duplicate site at row " + std::to_string(r));
  }
}

int64_t SiteIndex::find(const Site &s) const {
  auto it = rows_.find(s);
  return it == rows_.end() ? -1 : it->second;
}

Int3 refKernelPosition(const Int3 &kernel, int64_t k) {
  // k = (pz * ky + py) * kx + px
  return {int32_t(k / (int64_t(kernel[1]) * kernel[2])), int32_t(k / kernel[2] % kernel[1]),
          int32_t(k % kernel[2])};
}

Int3 refOutputShape(const Int3 &in, const ConvGeometry &g) {
  if (g.kind == ConvKind::Submanifold)
    return in;
  Int3 out;
  for (int a = 0; a < 3; ++a) {
    const int64_t num = int64_t(in[a]) + 2 * int64_t(g.padding[a]) -
                        int64_t(g.dilation[a]) * (g.kernel[a] - 1) - 1;
    if (num < 0)
      throw Error("reference: kernel does not fit the input");
    out[a] = int32_t(num / g.stride[a] + 1);
  }
  return out;
}

static int32_t clampToInt32(int64_t v) {
  return int32_t(std::clamp<int64_t>(v, INT32_MIN, INT32_MAX));
}

Site refInputSite(const ConvGeometry &g, const Site &o, int64_t k) {
  const Int3 pos = refKernelPosition(g.kernel, k);
  Site s{o[0], 0, 0, 0};
  for (int a = 0; a < 3; ++a) {
    int64_t v;
    if (g.kind == ConvKind::Submanifold)
      v = int64_t(o[a + 1]) + int64_t(pos[a] - g.kernel[a] / 2) * g.dilation[a];
    else
      v = int64_t(o[a + 1]) * g.stride[a] - g.padding[a] + int64_t(pos[a]) * g.dilation[a];
    s[a + 1] = clampToInt32(v);
  }
  return s;
}

static bool insideGrid(const Site &s, int32_t batch, const Int3 &shape) {
  if (s[0] < 0 || s[0] >= batch)
    return false;
  for (int a = 0; a < 3; ++a)
    if (s[a + 1] < 0 || s[a + 1] >= shape[a])
      return false;
  return true;
}

std::vector<Site> refConvOutputSites(const SparseTensor &in, const ConvGeometry &g) {
  const Int3 out = refOutputShape(in.spatialShape, g);
  std::set<Site> sites;
  for (int64_t r = 0; r < in.numSites; ++r) {
    const int32_t *c = in.coord(r);
    for (int64_t k = 0; k < g.volume(); ++k) {
      // Solve c = o*s - p + pos*d for o, axis by axis.
      const Int3 pos = refKernelPosition(g.kernel, k);
      Site o{c[0], 0, 0, 0};
      bool ok = true;
      for (int a = 0; a < 3 && ok; ++a) {
        const int64_t num = int64_t(c[a + 1]) + g.padding[a] - int64_t(pos[a]) * g.dilation[a];
        ok = num >= 0 && num % g.stride[a] == 0 && num / g.stride[a] < out[a];
        o[a + 1] = ok ? int32_t(num / g.stride[a]) : 0;
      }
      if (ok)
        sites.insert(o);
    }
  }
  return {sites.begin(), sites.end()};
}

namespace {

int64_t outChannels(const SparseTensor &in, const std::vector<float> &weight,
                    const ConvGeometry &g) {
  const int64_t rows = g.volume() * in.channels;
  if (rows <= 0 || weight.size() % size_t(rows) != 0)
    throw Error("reference: weight size " + std::to_string(weight.size()) +
                " is not K*C_in*C_out with K*C_in = " + std::to_string(rows));
  return int64_t(weight.size()) / rows;
}

/// out[site] = bias + sum_k W[k] . in[inputSite(site, k)]; returns whether any term existed.
bool accumulate(const SparseTensor &in, const SiteIndex &index, const std::vector<float> &weight,
                const std::vector<float> *bias, const ConvGeometry &g, int64_t cout,
                const Site &site, double *dst) {
  for (int64_t co = 0; co < cout; ++co)
    dst[co] = bias ? double((*bias)[size_t(co)]) : 0.0;
  bool any = false;
  for (int64_t k = 0; k < g.volume(); ++k) {
    const Site src = refInputSite(g, site, k);
    if (!insideGrid(src, in.batchSize, in.spatialShape))
      continue;
    const int64_t row = index.find(src);
    if (row < 0)
      continue;
    any = true;
    const float *x = in.feat(row);
    for (int64_t ci = 0; ci < in.channels; ++ci)
      for (int64_t co = 0; co < cout; ++co)
        dst[co] += double(x[ci]) * double(weight[size_t((k * in.channels + ci) * cout + co)]);
  }
  return any;
}

void checkBias(const std::vector<float> *bias, int64_t cout) {
  if (bias && int64_t(bias->size()) != cout)
    throw Error("reference: bias has " + std::to_string(bias->size()) + " values, expected " +
                std::to_string(cout));
}

} // namespace

RefTensor refSubmConv(const SparseTensor &in, const std::vector<float> &weight,
                      const std::vector<float> *bias, const ConvGeometry &g) {
  if (g.kind != ConvKind::Submanifold)
    throw Error("refSubmConv: geometry is not submanifold");
  const int64_t cout = outChannels(in, weight, g);
  checkBias(bias, cout);
  const SiteIndex index(in);
  RefTensor out;
  out.numSites = in.numSites;
  out.channels = cout;
  out.spatialShape = in.spatialShape;
  out.batchSize = in.batchSize;
  out.coords = in.coords;
  out.feats.assign(size_t(in.numSites * cout), 0.0);
  for (int64_t r = 0; r < in.numSites; ++r) {
    const int32_t *c = in.coord(r);
    accumulate(in, index, weight, bias, g, cout, Site{c[0], c[1], c[2], c[3]},
               out.feats.data() + r * cout);
  }
  return out;
}

RefTensor refConv(const SparseTensor &in, const std::vector<float> &weight,
                  const std::vector<float> *bias, const ConvGeometry &g) {
  if (g.kind != ConvKind::Regular)
    throw Error("refConv: geometry is not regular");
  const int64_t cout = outChannels(in, weight, g);
  checkBias(bias, cout);
  const SiteIndex index(in);
  const std::vector<Site> sites = refConvOutputSites(in, g);
  RefTensor out;
  out.numSites = int64_t(sites.size());
  out.channels = cout;
  out.spatialShape = refOutputShape(in.spatialShape, g);
  out.batchSize = in.batchSize;
  out.feats.assign(size_t(out.numSites * cout), 0.0);
  for (size_t r = 0; r < sites.size(); ++r) {
    out.coords.insert(out.coords.end(), sites[r].begin(), sites[r].end());
    accumulate(in, index, weight, bias, g, cout, sites[r], out.feats.data() + r * cout);
  }
  return out;
}

RefTensor refDenseConv(const SparseTensor &in, const std::vector<float> &weight,
                       const std::vector<float> *bias, const ConvGeometry &g) {
  if (g.kind != ConvKind::Regular)
    throw Error("refDenseConv: geometry is not regular");
  const int64_t cout = outChannels(in, weight, g);
  checkBias(bias, cout);
  const SiteIndex index(in);
  const Int3 shape = refOutputShape(in.spatialShape, g);
  RefTensor out;
  out.channels = cout;
  out.spatialShape = shape;
  out.batchSize = in.batchSize;
  std::vector<double> row(static_cast<size_t>(cout));
  for (int32_t b = 0; b < in.batchSize; ++b)
    for (int32_t z = 0; z < shape[0]; ++z)
      for (int32_t y = 0; y < shape[1]; ++y)
        for (int32_t x = 0; x < shape[2]; ++x)
          if (accumulate(in, index, weight, bias, g, cout, Site{b, z, y, x}, row.data())) {
            out.coords.insert(out.coords.end(), {b, z, y, x});
            out.feats.insert(out.feats.end(), row.begin(), row.end());
            ++out.numSites;
          }
  return out;
}

RefTensor sortedByCoord(RefTensor t) {
  std::vector<int64_t> perm(size_t(t.numSites));
  std::iota(perm.begin(), perm.end(), 0);
  auto siteOf = [&](int64_t r) {
    const int32_t *c = t.coords.data() + 4 * r;
    return Site{c[0], c[1], c[2], c[3]};
  };
  std::sort(perm.begin(), perm.end(), [&](int64_t a, int64_t b) { return siteOf(a) < siteOf(b); });
  RefTensor s = t;
  for (int64_t i = 0; i < t.numSites; ++i) {
    std::copy_n(t.coords.begin() + 4 * perm[size_t(i)], 4, s.coords.begin() + 4 * i);
    std::copy_n(t.feats.begin() + t.channels * perm[size_t(i)], t.channels,
                s.feats.begin() + t.channels * i);
  }
  return s;
}

RefTensor toRef(const SparseTensor &t) {
  RefTensor r;
  r.numSites = t.numSites;
  r.channels = t.channels;
  r.spatialShape = t.spatialShape;
  r.batchSize = t.batchSize;
  r.coords = t.coords;
  r.feats.assign(t.feats.begin(), t.feats.end());
  return r;
}

SparseTensor fromRef(const RefTensor &r) {
  SparseTensor t;
  t.numSites = r.numSites;
  t.channels = r.channels;
  t.spatialShape = r.spatialShape;
  t.batchSize = r.batchSize;
  t.coords = r.coords;
  t.feats.assign(r.feats.begin(), r.feats.end());
  return t;
}

} // namespace sconv::ref
