// --sconv-generate-kernels: tiled loop kernels for the compute steps, one nested module per target.
#include "codegen/Passes.h"

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

  static GemmSignature of(ImplicitGemmOp op) {
    auto w = op.getWeight().getType();
    return {w.getDimSize(0), w.getDimSize(1), w.getDimSize(2), w.getElementType(),
            bool(op.getBias()), bool(op.getResidual()), op.getActivation()};
  }
  std::string name() const {
    std::string t;
    llvm::raw_string_ostream os(t);
    os << elem;
    return llvm::formatv("sconv_igemm_k{0}_c{1}x{2}_{3}{4}{5}{6}", volume, cin, cout, t,
                         hasBias ? "_bias" : "", hasResidual ? "_res" : "",
                         act == Activation::relu ? "_relu" : "")
        .str();
  }
};

/// Creates `func.func @name(in, nbr, w, bias, residual, out, begin, end)` with an empty entry
/// block. Bias and residual are always in the signature (one ABI for the runtime) and only read
/// when the signature says the op has them.
func::FuncOp createKernelFunc(OpBuilder &b, Location loc, const GemmSignature &s, StringRef name) {
  int64_t dyn = ShapedType::kDynamic;
  Type i32 = b.getI32Type(), idx = b.getIndexType();
  SmallVector<Type> args = {MemRefType::get({dyn, s.cin}, s.elem),
                            MemRefType::get({dyn, s.volume}, i32),
                            MemRefType::get({s.volume, s.cin, s.cout}, s.elem),
                            MemRefType::get({s.cout}, s.elem),
                            MemRefType::get({dyn, s.cout}, s.elem),
                            MemRefType::get({dyn, s.cout}, s.elem),
                            idx,
                            idx};
  auto func = func::FuncOp::create(b, loc, name, b.getFunctionType(args, {}));
  func.addEntryBlock();
  return func;
}

Value cIdx(OpBuilder &b, Location loc, int64_t v) {
  return arith::ConstantIndexOp::create(b, loc, v);
}

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

Value applyActivation(OpBuilder &b, Location loc, Activation act, Value v) {
  if (act == Activation::none)
    return v;
  Value zero = arith::ConstantOp::create(b, loc, cast<TypedAttr>(b.getZeroAttr(v.getType())));
  return arith::MaximumFOp::create(b, loc, v, zero);
}

/// CPU: for o in [begin, end): for each C_out chunk: acc = bias; for k: if nbr: for ci: acc +=
/// in[i][ci] * W[k][ci][chunk]; out[o][chunk] = act(acc). The chunk accumulator is one LLVM vector
/// kept in registers; W rows are contiguous along C_out, so each FMA reads one vector of weights.
void buildCpuBody(OpBuilder &b, Location loc, func::FuncOp func, const GemmSignature &s,
                  int64_t vectorWidth) {
  Block &entry = func.getBody().front();
  b.setInsertionPointToStart(&entry);
  Value in = entry.getArgument(0), nbr = entry.getArgument(1), w = entry.getArgument(2),
        bias = entry.getArgument(3), residual = entry.getArgument(4), out = entry.getArgument(5),
        begin = entry.getArgument(6), end = entry.getArgument(7);
  Value c0 = cIdx(b, loc, 0), c1 = cIdx(b, loc, 1), cK = cIdx(b, loc, s.volume),
        cCin = cIdx(b, loc, s.cin);
  auto rows = scf::ForOp::create(b, loc, begin, end, c1);
  b.setInsertionPointToStart(rows.getBody());
  Value o = rows.getInductionVar();
  for (int64_t first = 0; first < s.cout; first += vectorWidth) {
    int64_t lanes = std::min(vectorWidth, s.cout - first);
    auto vt = VectorType::get({lanes}, s.elem);
    Value chunk = cIdx(b, loc, first);
    Value init = s.hasBias ? Value(vector::LoadOp::create(b, loc, vt, bias, ValueRange{chunk}))
                           : Value(arith::ConstantOp::create(
                                 b, loc, cast<TypedAttr>(b.getZeroAttr(vt))));
    auto offsets = scf::ForOp::create(
        b, loc, c0, cK, c1, ValueRange{init},
        [&](OpBuilder &kb, Location l, Value k, ValueRange acc) {
          Value next = ifNeighbour(kb, l, nbr, o, k, acc[0], [&](OpBuilder &tb, Location tl,
                                                                  Value i) {
            auto channels = scf::ForOp::create(
                tb, tl, c0, cCin, c1, ValueRange{acc[0]},
                [&](OpBuilder &cb, Location cl, Value ci, ValueRange a) {
                  Value x = memref::LoadOp::create(cb, cl, in, ValueRange{i, ci});
                  Value xs = vector::BroadcastOp::create(cb, cl, vt, x);
                  Value wv = vector::LoadOp::create(cb, cl, vt, w, ValueRange{k, ci, chunk});
                  Value fma = vector::FMAOp::create(cb, cl, xs, wv, a[0]);
                  scf::YieldOp::create(cb, cl, fma);
                });
            return channels.getResult(0);
          });
          scf::YieldOp::create(kb, l, next);
        });
    Value acc = offsets.getResult(0);
    if (s.hasResidual)
      acc = arith::AddFOp::create(
          b, loc, acc, vector::LoadOp::create(b, loc, vt, residual, ValueRange{o, chunk}));
    Value result = applyActivation(b, loc, s.act, acc);
    vector::StoreOp::create(b, loc, result, out, ValueRange{o, chunk});
  }
  b.setInsertionPointToEnd(&entry);
  func::ReturnOp::create(b, loc);
}

/// GPU: scf.parallel over (row, output channel), each point reducing over offsets and C_in into a
/// scalar. --sconv-lower-kernels-to-nvvm tiles the parallel loop onto blocks and threads: threads
/// run along C_out, so weight reads and output writes are coalesced.
void buildGpuBody(OpBuilder &b, Location loc, func::FuncOp func, const GemmSignature &s) {
  Block &entry = func.getBody().front();
  b.setInsertionPointToStart(&entry);
  Value in = entry.getArgument(0), nbr = entry.getArgument(1), w = entry.getArgument(2),
        bias = entry.getArgument(3), residual = entry.getArgument(4), out = entry.getArgument(5),
        begin = entry.getArgument(6), end = entry.getArgument(7);
  Value c0 = cIdx(b, loc, 0), c1 = cIdx(b, loc, 1), cK = cIdx(b, loc, s.volume),
        cCin = cIdx(b, loc, s.cin), cCout = cIdx(b, loc, s.cout);
  scf::ParallelOp::create(
      b, loc, ValueRange{begin, c0}, ValueRange{end, cCout}, ValueRange{c1, c1},
      [&](OpBuilder &pb, Location l, ValueRange ivs) {
        Value o = ivs[0], co = ivs[1];
        Value init = s.hasBias ? Value(memref::LoadOp::create(pb, l, bias, ValueRange{co}))
                               : Value(arith::ConstantOp::create(
                                     pb, l, cast<TypedAttr>(pb.getZeroAttr(s.elem))));
        auto offsets = scf::ForOp::create(
            pb, l, c0, cK, c1, ValueRange{init},
            [&](OpBuilder &kb, Location kl, Value k, ValueRange acc) {
              Value next = ifNeighbour(kb, kl, nbr, o, k, acc[0], [&](OpBuilder &tb,
                                                                       Location tl, Value i) {
                auto channels = scf::ForOp::create(
                    tb, tl, c0, cCin, c1, ValueRange{acc[0]},
                    [&](OpBuilder &cb, Location cl, Value ci, ValueRange a) {
                      Value x = memref::LoadOp::create(cb, cl, in, ValueRange{i, ci});
                      Value wv = memref::LoadOp::create(cb, cl, w, ValueRange{k, ci, co});
                      // mul + add with `contract`: NVPTX fuses them into fma.rn.f32 without a
                      // libdevice call (math.fma would become __nv_fmaf).
                      auto contract = arith::FastMathFlags::contract;
                      Value prod = arith::MulFOp::create(cb, cl, x, wv, contract);
                      Value fma = arith::AddFOp::create(cb, cl, a[0], prod, contract);
                      scf::YieldOp::create(cb, cl, fma);
                    });
                return channels.getResult(0);
              });
              scf::YieldOp::create(kb, kl, next);
            });
        Value acc = offsets.getResult(0);
        if (s.hasResidual)
          acc = arith::AddFOp::create(pb, l, acc,
                                      memref::LoadOp::create(pb, l, residual, ValueRange{o, co}));
        Value result = applyActivation(pb, l, s.act, acc);
        memref::StoreOp::create(pb, l, result, out, ValueRange{o, co});
      });
  func::ReturnOp::create(b, loc);
}

struct GenerateKernelsPass : sconv::impl::GenerateKernelsBase<GenerateKernelsPass> {
  using GenerateKernelsBase::GenerateKernelsBase;

  void runOnOperation() override {
    ModuleOp top = getOperation();
    if (vectorWidth < 1) {
      top.emitError() << "vector-width must be positive, got " << vectorWidth;
      return signalPassFailure();
    }
    SmallVector<std::string> wanted(targets.begin(), targets.end());
    if (wanted.empty())
      wanted.push_back("cpu");
    for (const std::string &t : wanted)
      if (t != "cpu" && t != "gpu") {
        top.emitError() << "unknown kernel target '" << t << "' (expected cpu or gpu)";
        return signalPassFailure();
      }

    // Signatures in first-use order, so the output is deterministic.
    llvm::MapVector<StringAttr, GemmSignature> kernels;
    WalkResult walk = top.walk([&](ImplicitGemmOp op) {
      GemmSignature s = GemmSignature::of(op);
      if (!s.elem.isF32()) {
        op.emitOpError() << "codegen supports f32 features so far; got " << s.elem;
        return WalkResult::interrupt();
      }
      auto name = StringAttr::get(op.getContext(), s.name());
      op.setKernelAttr(FlatSymbolRefAttr::get(name));
      kernels.insert({name, s});
      return WalkResult::advance();
    });
    if (walk.wasInterrupted())
      return signalPassFailure();

    OpBuilder b(&getContext());
    for (const std::string &target : wanted) {
      ModuleOp mod = getOrCreateTargetModule(b, top, target);
      SymbolTable symbols(mod);
      for (auto &[name, sig] : kernels) {
        if (symbols.lookup(name.getValue()))
          continue;
        b.setInsertionPointToEnd(mod.getBody());
        func::FuncOp f = createKernelFunc(b, top.getLoc(), sig, name.getValue());
        if (target == "cpu") {
          f->setAttr("llvm.emit_c_interface", b.getUnitAttr());
          buildCpuBody(b, top.getLoc(), f, sig, vectorWidth);
        } else {
          buildGpuBody(b, top.getLoc(), f, sig);
        }
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
    return m;
  }
};

} // namespace
