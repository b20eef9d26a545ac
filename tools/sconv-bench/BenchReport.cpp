// Table, JSON and SVG output of sconv-bench.
#include "tools/sconv-bench/BenchReport.h"
#include "runtime/Error.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/JSON.h"

#include <algorithm>
#include <cmath>
#include <system_error>

namespace sconv::bench {

Spread spreadOf(std::vector<double> v) {
  Spread s;
  s.count = int(v.size());
  if (v.empty())
    return s;
  std::sort(v.begin(), v.end());
  auto pct = [&](double q) {
    const double pos = q * double(v.size() - 1);
    const size_t lo = size_t(std::floor(pos));
    const size_t hi = std::min(v.size() - 1, lo + 1);
    return v[lo] + (pos - double(lo)) * (v[hi] - v[lo]);
  };
  s.min = v.front();
  s.max = v.back();
  s.median = pct(0.5);
  s.p10 = pct(0.1);
  s.p90 = pct(0.9);
  return s;
}

double RunResult::computeGflopPerS() const {
  return computeMs.median > 0 ? flops / computeMs.median * 1e-6 : 0;
}

namespace {

std::string pct(double part, double whole) {
  if (!(whole > 0) || !std::isfinite(part / whole))
    return "n/a";
  char b[32];
  std::snprintf(b, sizeof b, "%.1f%%", 100.0 * part / whole);
  return b;
}

std::string shapeText(const RunResult &r) {
  return "[" + std::to_string(r.shape[0]) + ", " + std::to_string(r.shape[1]) + ", " +
         std::to_string(r.shape[2]) + "]";
}

void spreadRow(llvm::raw_ostream &os, const char *what, const Spread &s) {
  os << llvm::format("  %-14s %9.2f %9.2f %9.2f %9.2f %9.2f\n", what, s.median, s.min, s.p10,
                     s.p90, s.max);
}

std::string clip(const std::string &s, size_t n) {
  return s.size() <= n ? s : s.substr(0, n - 2) + "..";
}

} // namespace

void printRun(llvm::raw_ostream &os, const BenchReport &rep, const RunResult &r, bool layers) {
  os << "\n== " << r.model << " x " << r.frame << " x " << r.backend << " ==\n";
  if (r.status != "ok") {
    os << "status    " << r.status << "\n";
    return;
  }
  os << "input     " << r.format << ", " << r.points << " points -> " << r.voxels
     << " voxels, grid " << shapeText(r) << " (" << r.grid << "); read "
     << llvm::format("%.2f", r.readMs) << " ms, voxelize "
     << llvm::format("%.2f ms median (min %.2f, max %.2f)", r.voxelizeMs.median, r.voxelizeMs.min,
                     r.voxelizeMs.max)
     << "\n";
  os << "runs      " << r.warmup << " warm-up + " << r.repeat << " timed, " << r.threads
     << " threads\n";
  os << "time (ms)         median       min       p10       p90       max\n";
  spreadRow(os, "total", r.totalMs);
  spreadRow(os, "kernel maps", r.mapsMs);
  spreadRow(os, "compute", r.computeMs);
  os << llvm::format("work      %.3f GFLOP useful (2 * map pairs * C_in * C_out), %.1f MB "
                     "compulsory traffic\n",
                     r.flops * 1e-9, r.bytes * 1e-6);
  const MachinePeaks &p = rep.peaks;
  os << llvm::format("rate      %.2f GFLOP/s end to end = %s of the GEMM rate; %.2f GFLOP/s in "
                     "compute ops = %s\n",
                     r.gflopPerS(), pct(r.gflopPerS(), p.gemmGflops).c_str(),
                     r.computeGflopPerS(), pct(r.computeGflopPerS(), p.gemmGflops).c_str());
  os << llvm::format("          %.2f GB/s compulsory = %s of the triad bandwidth\n", r.gbPerS(),
                     pct(r.gbPerS(), p.triadGBs).c_str());
  if (p.gemmGflops > 0 && p.triadGBs > 0)
    os << llvm::format("roofline  %.2f ms lower bound (per layer max(FLOP/GEMM rate, bytes/"
                       "bandwidth), summed) = %s of the median\n",
                       r.rooflineMs, pct(r.rooflineMs, r.totalMs.median).c_str());
  else
    os << "roofline  n/a (machine peaks not measured)\n";
  os << "memory    ";
  if (r.hwmMiB >= 0)
    os << llvm::format("peak RSS %.1f MiB during these runs (VmHWM, reset before the warm-up); ",
                       r.hwmMiB);
  os << llvm::format("maxrss %.1f MiB (getrusage: process-wide, since start)\n", r.maxrssMiB);
  os << "output    " << r.outputDesc << llvm::format(", checksum %.6e\n", r.checksum);
  if (!layers)
    return;
  os << "\n  layer                          kind                rows    GFLOP       MB    ms "
        "med  bound ms  %bound\n";
  for (const LayerResult &l : r.layers)
    os << llvm::format("  %-30s %-14s %9lld %8.3f %8.2f %9.3f %9.3f %7s\n",
                       clip(l.name, 30).c_str(), l.kind.c_str(), (long long)l.rows,
                       l.flops * 1e-9, l.bytes * 1e-6, l.ms, l.boundMs,
                       pct(l.boundMs, l.ms).c_str());
}

bool isChannelSkip(const RunResult &r) {
  return r.status.rfind("skipped: the model takes", 0) == 0;
}

void printSummary(llvm::raw_ostream &os, const BenchReport &rep) {
  if (rep.loadStart >= 0)
    os << llvm::format("\nload      1-minute load average %.2f at the start, %.2f at the end (%d "
                       "cores): other processes compete when it is above 0\n",
                       rep.loadStart, rep.loadEnd, rep.cores);
  os << "\nsummary (ms: median of the timed runs; spread p10..p90; %GEMM and %BW: end-to-end "
        "rate over the measured peaks)\n";
  os << "model                          frame                        backend    voxels   vox ms   "
        "total ms         p10..p90    maps ms  compute ms  GFLOP/s  %GEMM    %BW   peak MiB\n";
  // Pairs whose channel counts differ (a model list x a frame list) are only counted when there
  // are many of them; every other status is listed.
  int channelSkips = 0;
  for (const RunResult &r : rep.runs)
    channelSkips += isChannelSkip(r);
  const bool listChannelSkips = channelSkips <= 3;
  for (const RunResult &r : rep.runs) {
    if (isChannelSkip(r) && !listChannelSkips)
      continue;
    os << llvm::format("%-30s %-28s %-8s ", clip(r.model, 30).c_str(),
                       clip(r.frame, 28).c_str(), r.backend.c_str());
    if (r.status != "ok") {
      os << r.status << "\n";
      continue;
    }
    char spread[48];
    std::snprintf(spread, sizeof spread, "%.1f..%.1f", r.totalMs.p10, r.totalMs.p90);
    os << llvm::format("%8lld %8.2f %10.2f %16s %10.2f %11.2f %8.2f %6s %6s %10.1f\n",
                       (long long)r.voxels, r.voxelizeMs.median, r.totalMs.median, spread,
                       r.mapsMs.median, r.computeMs.median, r.gflopPerS(),
                       pct(r.gflopPerS(), rep.peaks.gemmGflops).c_str(),
                       pct(r.gbPerS(), rep.peaks.triadGBs).c_str(),
                       r.hwmMiB >= 0 ? r.hwmMiB : r.maxrssMiB);
  }
  if (!listChannelSkips)
    os << "(" << channelSkips << " model x frame pairs not run: the model's input channels differ "
       << "from the frame's; listed in the JSON)\n";
}

// ---- JSON ----------------------------------------------------------------------------------------

namespace {

double finite(double v) { return std::isfinite(v) ? v : 0.0; }

void spreadJson(llvm::json::OStream &j, llvm::StringRef key, const Spread &s) {
  j.attributeObject(key, [&] {
    j.attribute("median", finite(s.median));
    j.attribute("min", finite(s.min));
    j.attribute("p10", finite(s.p10));
    j.attribute("p90", finite(s.p90));
    j.attribute("max", finite(s.max));
    j.attribute("count", s.count);
  });
}

double ratio(double a, double b) { return b > 0 ? finite(a / b) : 0.0; }

} // namespace

void writeJson(const std::string &path, const BenchReport &rep) {
  std::error_code ec;
  llvm::raw_fd_ostream f(path, ec);
  if (ec)
    throw rt::Error("cannot write '" + path + "': " + ec.message());
  llvm::json::OStream j(f, 1);
  const MachinePeaks &p = rep.peaks;
  j.object([&] {
    j.attribute("tool", "sconv-bench");
    j.attribute("date", rep.date);
    j.attributeObject("machine", [&] {
      j.attribute("cpu_model", rep.cpuModel);
      j.attribute("cores", rep.cores);
      j.attribute("threads", rep.threads);
      j.attribute("kernel", rep.kernel);
      j.attribute("loadavg_1m_start", rep.loadStart);
      j.attribute("loadavg_1m_end", rep.loadEnd);
      j.attribute("peaks_measured", p.measured);
      j.attribute("peaks_note", p.note);
      j.attributeObject("gemm", [&] {
        j.attribute("gflop_per_s", finite(p.gemmGflops));
        j.attribute("isa", p.gemmIsa);
        j.attribute("n", p.gemmN);
        j.attribute("threads", p.threads);
        j.attribute("check_max_rel_error", finite(p.gemmCheckError));
        j.attribute("what", "our own cache-blocked fp32 GEMM loop (packed B, 6 x 2-vector "
                            "register tile), not a vendor BLAS; best of several runs");
      });
      j.attributeObject("bandwidth", [&] {
        j.attribute("gbyte_per_s", finite(p.triadGBs));
        j.attribute("array_bytes", p.triadArrayBytes);
        j.attribute("threads", p.threads);
        j.attribute("what", "STREAM-triad-like a = b + s * c, 12 bytes per element counted; "
                            "best of several runs");
      });
    });
    j.attributeArray("backends", [&] {
      j.object([&] {
        j.attribute("name", "cpu");
        j.attribute("status", "measured");
      });
      j.object([&] {
        j.attribute("name", "gpu");
        j.attribute("status", rep.gpuStatus);
      });
    });
    j.attribute("weights", rep.weights);
    j.attributeArray("runs", [&] {
      for (const RunResult &r : rep.runs)
        j.object([&] {
          j.attribute("model", r.model);
          j.attribute("frame", r.frame);
          j.attribute("backend", r.backend);
          j.attribute("status", r.status);
          if (r.status != "ok")
            return;
          j.attributeObject("input", [&] {
            j.attribute("format", r.format);
            j.attribute("grid", r.grid);
            j.attribute("points", r.points);
            j.attribute("voxels", r.voxels);
            j.attributeArray("shape", [&] {
              for (int32_t d : r.shape)
                j.value(int64_t(d));
            });
            j.attribute("read_ms", finite(r.readMs));
          });
          spreadJson(j, "voxelize_ms", r.voxelizeMs);
          j.attribute("warmup", r.warmup);
          j.attribute("repeat", r.repeat);
          j.attribute("threads", r.threads);
          spreadJson(j, "total_ms", r.totalMs);
          spreadJson(j, "kernel_map_ms", r.mapsMs);
          spreadJson(j, "compute_ms", r.computeMs);
          j.attribute("flops", r.flops);
          j.attribute("bytes", r.bytes);
          j.attribute("gflop_per_s", finite(r.gflopPerS()));
          j.attribute("compute_gflop_per_s", finite(r.computeGflopPerS()));
          j.attribute("gemm_fraction", ratio(r.gflopPerS(), p.gemmGflops));
          j.attribute("compute_gemm_fraction", ratio(r.computeGflopPerS(), p.gemmGflops));
          j.attribute("gbyte_per_s", finite(r.gbPerS()));
          j.attribute("bandwidth_fraction", ratio(r.gbPerS(), p.triadGBs));
          j.attribute("roofline_ms", finite(r.rooflineMs));
          j.attribute("roofline_fraction", ratio(r.rooflineMs, r.totalMs.median));
          j.attribute("maxrss_mib", finite(r.maxrssMiB));
          if (r.hwmMiB >= 0)
            j.attribute("peak_rss_mib", finite(r.hwmMiB));
          else
            j.attribute("peak_rss_mib", nullptr);
          j.attribute("output", r.outputDesc);
          j.attribute("checksum", finite(r.checksum));
          j.attributeArray("layers", [&] {
            for (const LayerResult &l : r.layers)
              j.object([&] {
                j.attribute("name", l.name);
                j.attribute("kind", l.kind);
                j.attribute("rows", l.rows);
                j.attribute("flops", l.flops);
                j.attribute("bytes", l.bytes);
                j.attribute("ms", finite(l.ms));
                j.attribute("bound_ms", finite(l.boundMs));
              });
          });
        });
    });
  });
  f << "\n";
  if (f.has_error())
    throw rt::Error("cannot write '" + path + "'");
}

// ---- SVG -----------------------------------------------------------------------------------------

namespace {

std::string xmlEscape(const std::string &s) {
  std::string o;
  for (char c : s) {
    switch (c) {
    case '&': o += "&amp;"; break;
    case '<': o += "&lt;"; break;
    case '>': o += "&gt;"; break;
    case '"': o += "&quot;"; break;
    default: o += c;
    }
  }
  return o;
}

const char *kindColour(const std::string &kind) {
  if (kind == "kernel_map" || kind == "transpose_map")
    return "#4e79a7";
  if (kind == "implicit_gemm" || kind == "partition_sum")
    return "#f28e2b";
  return "#9d9d9d";
}

} // namespace

void writeSvg(const std::string &path, const BenchReport &rep) {
  std::error_code ec;
  llvm::raw_fd_ostream f(path, ec);
  if (ec)
    throw rt::Error("cannot write '" + path + "': " + ec.message());
  const int width = 1000, labelW = 330, barX = 340, barMax = 540, rowH = 15, headH = 44;
  int height = 60;
  for (const RunResult &r : rep.runs)
    if (r.status == "ok")
      height += headH + rowH * int(r.layers.size()) + 20;
  f << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\"" << height
    << "\" viewBox=\"0 0 " << width << " " << height
    << "\" font-family=\"DejaVu Sans Mono, monospace\" font-size=\"11\">\n";
  f << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  f << "<text x=\"10\" y=\"20\" font-size=\"14\" font-weight=\"bold\">sconv-bench: per-layer "
       "time (median of the timed runs)</text>\n";
  f << "<text x=\"10\" y=\"38\">" << xmlEscape(rep.date + ", " + rep.cpuModel + ", " +
                                               std::to_string(rep.threads) + " threads")
    << "</text>\n";
  // Legend.
  const std::pair<const char *, const char *> legend[] = {
      {"kernel_map", "kernel maps"}, {"implicit_gemm", "compute (GEMM)"}, {"relu", "other"}};
  int lx = 560;
  for (const auto &[kind, label] : legend) {
    f << "<rect x=\"" << lx << "\" y=\"28\" width=\"12\" height=\"12\" fill=\"" << kindColour(kind)
      << "\"/><text x=\"" << lx + 16 << "\" y=\"38\">" << label << "</text>\n";
    lx += 140;
  }
  int y = 60;
  for (const RunResult &r : rep.runs) {
    if (r.status != "ok")
      continue;
    double maxMs = 1e-9;
    for (const LayerResult &l : r.layers)
      maxMs = std::max(maxMs, l.ms);
    char sub[200];
    std::snprintf(sub, sizeof sub,
                  "total %.2f ms (maps %.2f, compute %.2f), %lld voxels, %.2f GFLOP/s",
                  r.totalMs.median, r.mapsMs.median, r.computeMs.median, (long long)r.voxels,
                  r.gflopPerS());
    f << "<text x=\"10\" y=\"" << y + 14 << "\" font-size=\"13\" font-weight=\"bold\">"
      << xmlEscape(r.model + " on " + r.frame + " (" + r.backend + ")") << "</text>\n";
    f << "<text x=\"10\" y=\"" << y + 30 << "\">" << xmlEscape(sub) << "</text>\n";
    y += headH;
    for (const LayerResult &l : r.layers) {
      const double w = std::max(0.5, barMax * l.ms / maxMs);
      f << "<text x=\"" << labelW << "\" y=\"" << y + 11 << "\" text-anchor=\"end\">"
        << xmlEscape(clip(l.name, 30) + " " + l.kind) << "</text>";
      f << "<rect x=\"" << barX << "\" y=\"" << y + 2 << "\" width=\""
        << llvm::format("%.1f", w) << "\" height=\"" << rowH - 3 << "\" fill=\""
        << kindColour(l.kind) << "\"><title>"
        << xmlEscape(l.name + " " + l.kind + ": " + std::to_string(l.rows) + " rows") << "</title></rect>";
      f << "<text x=\"" << llvm::format("%.1f", barX + w + 4) << "\" y=\"" << y + 11 << "\">"
        << llvm::format("%.2f ms", l.ms) << "</text>\n";
      y += rowH;
    }
    y += 20;
  }
  f << "</svg>\n";
  if (f.has_error())
    throw rt::Error("cannot write '" + path + "'");
}

} // namespace sconv::bench
