// --sconv-generate-kernels: tiled loop kernels for the compute steps, one nested module per target.
#include "codegen/Passes.h"

#include "codegen/GemmAbi.h"
#include "codegen/GpuGemmKernel.h"
#include "codegen/GpuPartitionSumKernel.h"
#include "codegen/KernelConfig.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/Support/FormatVariadic.h"

namespace sconv {
#define GEN_PASS_DEF_GENERATEKERNELS
#include "codegen/Passes.h.inc"
} // namespace sconv

using namespace mlir;
using namespace sconv;

std::string sconv::kernelModuleName(StringRef target) {
  return ("sconv_" + target + "_kernels").str();
}

namespace {

/// What decides the code of an implicit-GEMM kernel; ops with equal signatures share one kernel.
struct GemmSignature {
  int64_t volume, cin, cout;
  Type elem;
  bool hasBias, hasResidual;
  Activation act;
  KernelConfig config;

  static GemmSignature of(ImplicitGemmOp op) {
    auto w = op.getWeight().getType();
    // The heuristic applies as a whole when the op says nothing; an explicit tile means
    // exactly that tile (missing fields: one row, whole vectors, implicit GEMM).
    bool explicitTile = op.getTileRowsAttr() || op.getTileLanesAttr() || op.getDataflowAttr() ||
                        op.getTileSplitsAttr();
    KernelConfig c = explicitTile ? KernelConfig{}
                                  : defaultConfig(w.getDimSize(1), w.getDimSize(2), w.getDimSize(0));
    if (auto r = op.getTileRowsAttr())
      c.rows = r.getInt();
    if (auto l = op.getTileLanesAttr())
      c.lanes = l.getInt();
    if (auto d = op.getDataflowAttr())
      c.dataflow = d.getValue().str();
    if (auto t = op.getTileThreadsAttr())
      c.threads = t.getInt(); // a run-time knob: checked here, not part of the kernel's code
    if (auto t = op.getTileSplitsAttr())
      c.splits = t.getInt(); // likewise
    return {w.getDimSize(0), w.getDimSize(1), w.getDimSize(2), w.getElementType(),
            bool(op.getBias()), bool(op.getResidual()), op.getActivation(), c};
  }
  std::string name() const {
    std::string t;
    llvm::raw_string_ostream os(t);
    os << elem;
    return llvm::formatv("sconv_igemm_k{0}_c{1}x{2}_{3}{4}{5}{6}_r{7}l{8}{9}", volume, cin, cout,
                         t, hasBias ? "_bias" : "", hasResidual ? "_res" : "",
                         act == Activation::relu ? "_relu" : "", config.rows, config.lanes,
                         fetch()   ? "_fetch"
                         : split() ? "_split"
                         : sorted() ? "_sorted"
                                    : "")
        .str();
  }
  /// Rows are visited through an `order` operand: mask-sorted implicit GEMM, the 1-offset
  /// kernel of fetch-on-demand (whose `order` holds the output rows of one offset's pairs) and
  /// the offset-range kernel of mask splitting (whose `order` holds one range's rows).
  bool sorted() const {
    return config.dataflow == "implicit_gemm_sorted" || fetch() || split();
  }
  /// Fetch-on-demand: the kernel adds to the output rows instead of starting from the bias.
  bool fetch() const { return config.dataflow == "fetch_on_demand"; }
  /// Mask splitting: the kernel adds the products of offsets [kBegin, kEnd) (two more operands)
  /// to the output rows.
  bool split() const { return config.dataflow == "implicit_gemm_split"; }
  bool accumulates() const { return fetch() || split(); }
};

/// Creates `func.func @name(in, nbr, w, bias, residual, out, [order,] [kBegin, kEnd,] begin,
/// end)` (GemmAbi.h) with an empty entry block; a mask-sorted kernel computes rows
/// order[begin..end), a split kernel only the offsets [kBegin, kEnd).
func::FuncOp createKernelFunc(OpBuilder &b, Location loc, const GemmSignature &s, StringRef name) {
  SmallVector<Type> args = gemmOperandTypes(b, s.volume, s.cin, s.cout, s.elem);
  if (s.sorted())
    args.push_back(MemRefType::get({ShapedType::kDynamic}, b.getI32Type()));
  if (s.split())
    args.append(2, b.getIndexType());
  args.append(2, b.getIndexType());
  auto func = func::FuncOp::create(b, loc, name, b.getFunctionType(args, {}));
  func.addEntryBlock();
  return func;
}

Value cIdx(OpBuilder &b, Location loc, int64_t v) { return constIndex(b, loc, v); }

/// `if nbr[o][k] >= 0 { i = nbr[o][k]; body(i) } else { acc }`: skips absent neighbours.
Value ifNeighbour(OpBuilder &b, Location loc, Value nbr, Value o, Value k, Value acc,
                  function_ref<Value(OpBuilder &, Location, Value)> body) {
  Value i32 = memref::LoadOp::create(b, loc, nbr, ValueRange{o, k});
  Value zero = arith::ConstantIntOp::create(b, loc, 0, 32);
  Value valid = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sge, i32, zero);
  // Result types are inferred from the yields.
  auto ifOp = scf::IfOp::create(
      b, loc, valid,
      [&](OpBuilder &tb, Location l) {
        Value i = arith::IndexCastOp::create(tb, l, tb.getIndexType(), i32);
        scf::YieldOp::create(tb, l, body(tb, l, i));
      },
      [&](OpBuilder &eb, Location l) { scf::YieldOp::create(eb, l, acc); });
  return ifOp.getResult(0);
}

/// The kernel's arguments by role: the GEMM operands, then `order` (only in kernels that visit
/// rows through it), the offset range (only in split kernels) and the row range.
struct KernelArgs : GemmOperands {
  Value order, kBegin, kEnd, begin, end;
  KernelArgs(Block &entry, const GemmSignature &s) : GemmOperands(entry) {
    unsigned next = 6;
    if (s.sorted())
      order = entry.getArgument(next++);
    if (s.split()) {
      kBegin = entry.getArgument(next++);
      kEnd = entry.getArgument(next++);
    }
    begin = entry.getArgument(next++);
    end = entry.getArgument(next);
  }
  /// The offsets the kernel visits: [kBegin, kEnd), or all of them.
  std::pair<Value, Value> offsetRange(OpBuilder &b, Location loc, int64_t volume) const {
    if (kBegin)
      return {kBegin, kEnd};
    return {constIndex(b, loc, 0), constIndex(b, loc, volume)};
  }
  /// The output row at position j: j itself, or order[j] in a mask-sorted kernel.
  Value rowAt(OpBuilder &b, Location loc, Value j) const {
    if (!order)
      return j;
    Value r = memref::LoadOp::create(b, loc, order, ValueRange{j});
    return arith::IndexCastOp::create(b, loc, b.getIndexType(), r);
  }
};

/// Epilogue of one output row's chunk: + residual, activation, store.
void storeChunk(OpBuilder &b, Location loc, const GemmSignature &s, const KernelArgs &a,
                VectorType vt, Value acc, Value o, Value chunk) {
  if (s.hasResidual)
    acc = arith::AddFOp::create(b, loc, acc,
                                vector::LoadOp::create(b, loc, vt, a.residual, ValueRange{o, chunk}));
  vector::StoreOp::create(b, loc, applyActivation(b, loc, s.act, acc), a.out, ValueRange{o, chunk});
}

Value initialAcc(OpBuilder &b, Location loc, const GemmSignature &s, const KernelArgs &a,
                 VectorType vt, Value chunk, Value row) {
  if (s.accumulates()) // out[row] += this kernel's products
    return vector::LoadOp::create(b, loc, vt, a.out, ValueRange{row, chunk});
  return s.hasBias ? Value(vector::LoadOp::create(b, loc, vt, a.bias, ValueRange{chunk}))
                   : Value(arith::ConstantOp::create(b, loc, cast<TypedAttr>(b.getZeroAttr(vt))));
}

/// The input channels [lo, hi) one pass of a channel-blocked kernel visits (buildCpuBody):
/// the first pass starts from the usual initial value, later ones from the output row the
/// previous pass stored, and only the last applies the epilogue. Null values: one pass over
/// every channel.
struct ChannelBlock {
  Value lo, hi, first, last;
};

/// The row's initial accumulator in a pass over `cb`.
Value blockInitialAcc(OpBuilder &b, Location loc, const GemmSignature &s, const KernelArgs &a,
                      VectorType vt, Value chunk, Value row, const ChannelBlock &cb) {
  if (!cb.first)
    return initialAcc(b, loc, s, a, vt, chunk, row);
  auto ifOp = scf::IfOp::create(
      b, loc, cb.first,
      [&](OpBuilder &tb, Location l) {
        scf::YieldOp::create(tb, l, initialAcc(tb, l, s, a, vt, chunk, row));
      },
      [&](OpBuilder &eb, Location l) {
        scf::YieldOp::create(eb, l,
                             Value(vector::LoadOp::create(eb, l, vt, a.out, ValueRange{row, chunk})));
      });
  return ifOp.getResult(0);
}

/// Stores the row's accumulator after a pass over `cb`: with the epilogue after the last pass.
void blockStoreChunk(OpBuilder &b, Location loc, const GemmSignature &s, const KernelArgs &a,
                     VectorType vt, Value acc, Value o, Value chunk, const ChannelBlock &cb) {
  if (!cb.last)
    return storeChunk(b, loc, s, a, vt, acc, o, chunk);
  scf::IfOp::create(
      b, loc, cb.last,
      [&](OpBuilder &tb, Location l) {
        storeChunk(tb, l, s, a, vt, acc, o, chunk);
        scf::YieldOp::create(tb, l);
      },
      [&](OpBuilder &eb, Location l) {
        vector::StoreOp::create(eb, l, acc, a.out, ValueRange{o, chunk});
        scf::YieldOp::create(eb, l);
      });
}

/// One output row o: for each C_out chunk: acc = bias; for k: if nbr: for ci: acc += in[i][ci] *
/// W[k][ci][chunk]. The chunk accumulator is one LLVM vector kept in registers.
void buildRow(OpBuilder &b, Location loc, const GemmSignature &s, const KernelArgs &a, Value o,
              const ChannelBlock &cb) {
  Value c1 = cIdx(b, loc, 1);
  Value c0 = cb.lo ? cb.lo : cIdx(b, loc, 0), cCin = cb.hi ? cb.hi : cIdx(b, loc, s.cin);
  auto [kLo, kHi] = a.offsetRange(b, loc, s.volume);
  for (int64_t first = 0; first < s.cout; first += s.config.lanes) {
    auto vt = VectorType::get({std::min(s.config.lanes, s.cout - first)}, s.elem);
    Value chunk = cIdx(b, loc, first);
    auto offsets = scf::ForOp::create(
        b, loc, kLo, kHi, c1, ValueRange{blockInitialAcc(b, loc, s, a, vt, chunk, o, cb)},
        [&](OpBuilder &kb, Location l, Value k, ValueRange acc) {
          Value next = ifNeighbour(kb, l, a.nbr, o, k, acc[0], [&](OpBuilder &tb, Location tl,
                                                                    Value i) {
            auto channels = scf::ForOp::create(
                tb, tl, c0, cCin, c1, ValueRange{acc[0]},
                [&](OpBuilder &cb, Location cl, Value ci, ValueRange acc2) {
                  Value x = memref::LoadOp::create(cb, cl, a.in, ValueRange{i, ci});
                  Value xs = vector::BroadcastOp::create(cb, cl, vt, x);
                  Value wv = vector::LoadOp::create(cb, cl, vt, a.w, ValueRange{k, ci, chunk});
                  scf::YieldOp::create(cb, cl, Value(vector::FMAOp::create(cb, cl, xs, wv, acc2[0])));
                });
            return channels.getResult(0);
          });
          scf::YieldOp::create(kb, l, next);
        });
    blockStoreChunk(b, loc, s, a, vt, offsets.getResult(0), o, chunk, cb);
  }
}

/// R output rows (positions o0..o0+R-1) together: each weight vector W[k][ci][chunk] is loaded once and used
/// by all R accumulators. A row without a neighbour at offset k contributes a selected zero (no
/// branch per row); the offset is skipped only when no row of the block has it.
void buildRowBlock(OpBuilder &b, Location loc, const GemmSignature &s, const KernelArgs &a,
                   Value o0, const ChannelBlock &cb) {
  int64_t R = s.config.rows;
  Value c1 = cIdx(b, loc, 1);
  Value c0 = cb.lo ? cb.lo : cIdx(b, loc, 0), cCin = cb.hi ? cb.hi : cIdx(b, loc, s.cin);
  auto [kLo, kHi] = a.offsetRange(b, loc, s.volume);
  SmallVector<Value> rows;
  for (int64_t r = 0; r < R; ++r)
    rows.push_back(a.rowAt(b, loc, arith::AddIOp::create(b, loc, o0, cIdx(b, loc, r))));
  for (int64_t first = 0; first < s.cout; first += s.config.lanes) {
    auto vt = VectorType::get({std::min(s.config.lanes, s.cout - first)}, s.elem);
    Value chunk = cIdx(b, loc, first);
    // Every row starts from the bias (loaded once), or from its own output row when accumulating.
    const bool perRow = s.accumulates() || cb.first; // a later channel pass: its own out row
    Value shared = perRow ? Value() : initialAcc(b, loc, s, a, vt, chunk, rows[0]);
    SmallVector<Value> init;
    for (int64_t r = 0; r < R; ++r)
      init.push_back(perRow ? blockInitialAcc(b, loc, s, a, vt, chunk, rows[r], cb) : shared);
    auto offsets = scf::ForOp::create(
        b, loc, kLo, kHi, c1, init, [&](OpBuilder &kb, Location l, Value k, ValueRange accs) {
          Value zero32 = arith::ConstantIntOp::create(kb, l, 0, 32);
          SmallVector<Value> valid, safe;
          Value any;
          for (int64_t r = 0; r < R; ++r) {
            Value i32 = memref::LoadOp::create(kb, l, a.nbr, ValueRange{rows[r], k});
            Value v = arith::CmpIOp::create(kb, l, arith::CmpIPredicate::sge, i32, zero32);
            valid.push_back(v);
            safe.push_back(arith::IndexCastOp::create(
                kb, l, kb.getIndexType(), arith::SelectOp::create(kb, l, v, i32, zero32)));
            any = any ? Value(arith::OrIOp::create(kb, l, any, v)) : v;
          }
          auto ifAny = scf::IfOp::create(
              kb, l, any,
              [&](OpBuilder &tb, Location tl) {
                Value fzero = arith::ConstantOp::create(tb, tl, cast<TypedAttr>(tb.getZeroAttr(s.elem)));
                auto channels = scf::ForOp::create(
                    tb, tl, c0, cCin, c1, accs,
                    [&](OpBuilder &cb, Location cl, Value ci, ValueRange acc) {
                      Value wv = vector::LoadOp::create(cb, cl, vt, a.w, ValueRange{k, ci, chunk});
                      SmallVector<Value> next;
                      for (int64_t r = 0; r < R; ++r) {
                        Value x = memref::LoadOp::create(cb, cl, a.in, ValueRange{safe[r], ci});
                        x = arith::SelectOp::create(cb, cl, valid[r], x, fzero);
                        Value xs = vector::BroadcastOp::create(cb, cl, vt, x);
                        next.push_back(vector::FMAOp::create(cb, cl, xs, wv, acc[r]));
                      }
                      scf::YieldOp::create(cb, cl, next);
                    });
                scf::YieldOp::create(tb, tl, channels.getResults());
              },
              [&](OpBuilder &eb, Location el) { scf::YieldOp::create(eb, el, accs); });
          scf::YieldOp::create(kb, l, ifAny.getResults());
        });
    for (int64_t r = 0; r < R; ++r)
      blockStoreChunk(b, loc, s, a, vt, offsets.getResult(r), rows[r], chunk, cb);
  }
}

/// CPU: rows in [begin, end) from the runtime's thread pool, in blocks of `rows` (full blocks,
/// then the remaining rows one by one). A 1-offset kernel wider than kCpuChannelBlock input
/// channels makes several passes over the rows, one per block of input channels (see
/// KernelConfig.h): each pass's weight block then stays in cache for all the rows.
void buildCpuBody(OpBuilder &b, Location loc, func::FuncOp func, const GemmSignature &s) {
  Block &entry = func.getBody().front();
  b.setInsertionPointToStart(&entry);
  KernelArgs a(entry, s);
  Value c1 = cIdx(b, loc, 1);
  ChannelBlock cb;
  if (s.volume == 1 && s.cin > kCpuChannelBlock) {
    Value cBlock = cIdx(b, loc, kCpuChannelBlock), cCin = cIdx(b, loc, s.cin);
    auto passes = scf::ForOp::create(b, loc, cIdx(b, loc, 0), cCin, cBlock);
    b.setInsertionPointToStart(passes.getBody());
    cb.lo = passes.getInductionVar();
    Value next = arith::AddIOp::create(b, loc, cb.lo, cBlock);
    cb.hi = arith::MinSIOp::create(b, loc, next, cCin);
    cb.first = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, cb.lo, cIdx(b, loc, 0));
    cb.last = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sge, next, cCin);
  }
  Value tailStart = a.begin;
  if (s.config.rows > 1) {
    Value cR = cIdx(b, loc, s.config.rows);
    Value n = arith::SubIOp::create(b, loc, a.end, a.begin);
    Value full = arith::MulIOp::create(b, loc, arith::DivUIOp::create(b, loc, n, cR), cR);
    tailStart = arith::AddIOp::create(b, loc, a.begin, full);
    auto blocks = scf::ForOp::create(b, loc, a.begin, tailStart, cR);
    b.setInsertionPointToStart(blocks.getBody());
    buildRowBlock(b, loc, s, a, blocks.getInductionVar(), cb);
    b.setInsertionPointAfter(blocks);
  }
  auto tail = scf::ForOp::create(b, loc, tailStart, a.end, c1);
  b.setInsertionPointToStart(tail.getBody());
  buildRow(b, loc, s, a, a.rowAt(b, loc, tail.getInductionVar()), cb);
  b.setInsertionPointToEnd(&entry);
  func::ReturnOp::create(b, loc);
}

struct GenerateKernelsPass : sconv::impl::GenerateKernelsBase<GenerateKernelsPass> {
  using GenerateKernelsBase::GenerateKernelsBase;

  void runOnOperation() override {
    ModuleOp top = getOperation();
    SmallVector<std::string> wanted(targets.begin(), targets.end());
    if (wanted.empty())
      wanted.push_back("cpu");
    for (const std::string &t : wanted)
      if (t != "cpu" && t != "gpu" && t != "gpu_emu") {
        top.emitError() << "unknown kernel target '" << t << "' (expected cpu, gpu or gpu_emu)";
        return signalPassFailure();
      }
    bool wantGpu = llvm::is_contained(wanted, "gpu") || llvm::is_contained(wanted, "gpu_emu");

    // Signatures in first-use order, so the output is deterministic.
    llvm::MapVector<StringAttr, GemmSignature> kernels;
    // The kernel that computes a step of signature s, registered once; returns its name.
    auto addKernel = [&](GemmSignature s) {
      if (s.config.dataflow == "gather_gemm_scatter")
        // The same tile as a GEMM over gathered rows: a 1-offset kernel without epilogue (the
        // runtime adds bias, residual and activation after the scatter).
        s = GemmSignature{1, s.cin, s.cout, s.elem, false, false, Activation::none,
                          KernelConfig{s.config.rows, s.config.lanes}};
      else if (s.config.dataflow == "fetch_on_demand")
        // Per offset, the pairs' input rows are read in place and their products added to the
        // output rows: a 1-offset accumulating kernel (bias, residual, activation by the runtime).
        s = GemmSignature{1, s.cin, s.cout, s.elem, false, false, Activation::none,
                          KernelConfig{s.config.rows, s.config.lanes, "fetch_on_demand"}};
      else if (s.config.dataflow == "implicit_gemm_split")
        // Per offset range, the range's products are added to the output rows: an accumulating
        // kernel over all offsets with the range as operands (bias, residual, activation by the
        // runtime), so one kernel serves every split count.
        s = GemmSignature{s.volume, s.cin, s.cout, s.elem, false, false, Activation::none,
                          KernelConfig{s.config.rows, s.config.lanes, "implicit_gemm_split"}};
      s.config.threads = s.config.splits = 0; // run-time knobs: kernels differing only in them are one kernel
      auto name = StringAttr::get(&getContext(), s.name());
      kernels.insert({name, s});
      return name;
    };
    llvm::MapVector<StringAttr, GpuGemmSignature> gpuKernels;
    WalkResult walk = top.walk([&](ImplicitGemmOp op) {
      GemmSignature s = GemmSignature::of(op);
      if (std::string why = checkConfig(s.config, s.cout, s.volume); !why.empty()) {
        op.emitOpError() << "invalid tile configuration: " << why;
        return WalkResult::interrupt();
      }
      if (!s.elem.isF32()) {
        op.emitOpError() << "codegen supports f32 features so far; got " << s.elem;
        return WalkResult::interrupt();
      }
      if (wantGpu) {
        GpuGemmSignature g = GpuGemmSignature::of(op);
        if (std::string why = checkGpuTile(g.tile, op.getWeight().getType().getDimSize(0));
            !why.empty()) {
          op.emitOpError() << "invalid GPU tile configuration: " << why;
          return WalkResult::interrupt();
        }
        auto name = StringAttr::get(op.getContext(), g.name());
        op.setGpuKernelAttr(FlatSymbolRefAttr::get(name));
        gpuKernels.insert({name, g});
      }
      // Recorded on the op: the plan (and any later pass) must run this dataflow.
      if (s.config.dataflow != "implicit_gemm")
        op.setDataflowAttr(StringAttr::get(op.getContext(), s.config.dataflow));
      op.setKernelAttr(FlatSymbolRefAttr::get(addKernel(s)));
      // Size variants from a tuning database: one kernel each, named in the variant.
      if (auto variants = op.getTileVariantsAttr()) {
        SmallVector<Attribute> named;
        for (Attribute a : variants) {
          auto d = cast<DictionaryAttr>(a);
          GemmSignature v = s;
          v.config = KernelConfig{d.getAs<IntegerAttr>("tile_rows").getInt(),
                                  d.getAs<IntegerAttr>("tile_lanes").getInt(),
                                  d.getAs<StringAttr>("dataflow")
                                      ? d.getAs<StringAttr>("dataflow").getValue().str()
                                      : "implicit_gemm",
                                  d.getAs<IntegerAttr>("tile_threads")
                                      ? d.getAs<IntegerAttr>("tile_threads").getInt()
                                      : 0,
                                  d.getAs<IntegerAttr>("tile_splits")
                                      ? d.getAs<IntegerAttr>("tile_splits").getInt()
                                      : 0};
          if (std::string why = checkConfig(v.config, v.cout, v.volume); !why.empty()) {
            op.emitOpError() << "invalid tile variant " << d << ": " << why;
            return WalkResult::interrupt();
          }
          NamedAttrList fields(d);
          fields.set("kernel", FlatSymbolRefAttr::get(addKernel(v)));
          named.push_back(fields.getDictionary(op.getContext()));
        }
        op.setTileVariantsAttr(ArrayAttr::get(op.getContext(), named));
      }
      return WalkResult::advance();
    });
    if (walk.wasInterrupted())
      return signalPassFailure();
    // SW-LK partition sums get GPU kernels too (on the CPU the runtime computes them itself).
    llvm::MapVector<StringAttr, GpuPartitionSumSignature> gpuSums;
    if (wantGpu) {
      walk = top.walk([&](PartitionSumOp op) {
        if (!op.getInput().getType().getElementType().isF32()) {
          op.emitOpError() << "GPU codegen supports f32 features so far; got "
                           << op.getInput().getType().getElementType();
          return WalkResult::interrupt();
        }
        GpuPartitionSumSignature g = GpuPartitionSumSignature::of(op);
        auto name = StringAttr::get(op.getContext(), g.name());
        op.setGpuKernelAttr(FlatSymbolRefAttr::get(name));
        gpuSums.insert({name, g});
        return WalkResult::advance();
      });
      if (walk.wasInterrupted())
        return signalPassFailure();
    }

    OpBuilder b(&getContext());
    Location loc = top.getLoc();
    for (const std::string &target : wanted) {
      ModuleOp mod = getOrCreateTargetModule(b, top, target);
      if (target == "gpu") {
        // One gpu.module for the whole model: one PTX (and one cubin) per chip, loaded once.
        gpu::GPUModuleOp gm;
        for (auto m : mod.getOps<gpu::GPUModuleOp>())
          gm = m;
        if (!gm) {
          b.setInsertionPointToEnd(mod.getBody());
          gm = gpu::GPUModuleOp::create(b, loc, "sconv_kernels");
        }
        SymbolTable symbols(gm);
        for (auto &[name, sig] : gpuKernels)
          if (!symbols.lookup(name.getValue())) {
            b.setInsertionPointToEnd(gm.getBody());
            createGpuGemmKernel(b, loc, sig);
          }
        for (auto &[name, sig] : gpuSums)
          if (!symbols.lookup(name.getValue())) {
            b.setInsertionPointToEnd(gm.getBody());
            createGpuPartitionSumKernel(b, loc, sig);
          }
        continue;
      }
      SymbolTable symbols(mod);
      if (target == "gpu_emu") {
        for (auto &[name, sig] : gpuKernels)
          if (!symbols.lookup((name.getValue() + "_emu").str())) {
            b.setInsertionPointToEnd(mod.getBody());
            createGpuGemmTwin(b, loc, sig);
          }
        for (auto &[name, sig] : gpuSums)
          if (!symbols.lookup((name.getValue() + "_emu").str())) {
            b.setInsertionPointToEnd(mod.getBody());
            createGpuPartitionSumTwin(b, loc, sig);
          }
        continue;
      }
      for (auto &[name, sig] : kernels) {
        if (symbols.lookup(name.getValue()))
          continue;
        b.setInsertionPointToEnd(mod.getBody());
        func::FuncOp f = createKernelFunc(b, loc, sig, name.getValue());
        f->setAttr("llvm.emit_c_interface", b.getUnitAttr());
        buildCpuBody(b, loc, f, sig);
        symbols.insert(f);
      }
    }
  }

  ModuleOp getOrCreateTargetModule(OpBuilder &b, ModuleOp top, StringRef target) {
    std::string name = kernelModuleName(target);
    for (auto m : top.getOps<ModuleOp>())
      if (m.getSymName() == name)
        return m;
    b.setInsertionPointToEnd(top.getBody());
    auto m = ModuleOp::create(b, top.getLoc(), StringRef(name));
    m->setAttr("sconv.target", b.getStringAttr(target));
    if (target == "gpu")
      m->setAttr(gpu::GPUDialect::getContainerModuleAttrName(), b.getUnitAttr());
    return m;
  }
};

} // namespace
