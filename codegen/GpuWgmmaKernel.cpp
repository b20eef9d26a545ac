// See GpuWgmmaKernel.h.
#include "codegen/GpuWgmmaKernel.h"

#include "codegen/GemmAbi.h"
#include "codegen/GpuBinary.h"
#include "codegen/GpuKernelFunc.h"
#include "codegen/MmaFragments.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace sconv;

namespace {

constexpr const char *kEmuBlockAny = "sconv_emu_block_any";
constexpr const char *kEmuBarrier = "sconv_emu_block_barrier";
constexpr const char *kEmuHalfBits = "sconv_emu_half_bits";
constexpr const char *kEmuWgmma = "sconv_emu_wgmma_m64k16";

// The shared-memory layout of B (GpuWgmmaKernel.h): byte offsets of the core matrices.
constexpr int64_t kLeadingByteOffset = 128; // the next 8 rows along K
constexpr int64_t kStrideByteOffset = 256;  // the next 8 columns along N

/// What the GPU and the twin do differently: the warpgroup-wide and shared-memory operations.
struct WarpgroupOps {
  bool bf16;
  explicit WarpgroupOps(bool bf16) : bf16(bf16) {}
  virtual ~WarpgroupOps() = default;
  /// Whether `pred` (i1) holds on any thread of the block; the same on every thread. A barrier.
  virtual Value blockAny(OpBuilder &b, Location loc, Value pred) = 0;
  /// Makes every thread's shared-memory stores so far visible to the tensor cores' reads, and
  /// waits for the block.
  virtual void publishShared(OpBuilder &b, Location loc) = 0;
  /// The block's B buffer (memref<elements x i16>) and its address as a descriptor sees it (i64).
  virtual Value sharedB(OpBuilder &b, Location loc) = 0;
  virtual Value sharedAddress(OpBuilder &b, Location loc, Value smem) = 0;
  /// f32 rounded to the precision (round to nearest even), as its 16 bits (i16).
  virtual Value halfBits(OpBuilder &b, Location loc, Value x) = 0;
  /// D = A x B + D of the block's M m64nNk16 tiles, which share B: `a` this lane's 8 A
  /// fragment values (f32, not yet rounded) per tile, `desc` B's descriptor, `acc` the tiles'
  /// N / 2 accumulators each; returns them updated, after every tile's wgmma completed.
  virtual SmallVector<Value> wgmma(OpBuilder &b, Location loc, int64_t n, ArrayRef<Value> a,
                                   Value desc, ValueRange acc) = 0;
};

/// Unsigned index arithmetic by constants, as the B-slice indexing below writes it.
struct IndexOps {
  OpBuilder &b;
  Location l;
  Value c(int64_t v) const { return constIndex(b, l, v); }
  Value add(Value x, Value y) const { return arith::AddIOp::create(b, l, x, y); }
  Value mul(Value x, int64_t k) const { return arith::MulIOp::create(b, l, x, c(k)); }
  Value div(Value x, int64_t k) const { return arith::DivUIOp::create(b, l, x, c(k)); }
  Value rem(Value x, int64_t k) const { return arith::RemUIOp::create(b, l, x, c(k)); }
};

std::string sharedName(const GpuGemmSignature &s, StringRef suffix) {
  return (s.name() + suffix).str();
}

/// A private, uninitialised, 128-byte aligned global of `elements` i16 in `space` (3: shared).
void declareSharedGlobal(OpBuilder &b, Location loc, StringRef name, int64_t elements,
                         Attribute space) {
  auto type = MemRefType::get({elements}, b.getI16Type(), MemRefLayoutAttrInterface(), space);
  memref::GlobalOp::create(b, loc, name, b.getStringAttr("private"), type, Attribute(),
                           /*constant=*/false, b.getI64IntegerAttr(128));
}

int64_t sharedElements(const GpuGemmSignature &s) { return 2 * 16 * s.tile.coutPerWarp(); }

struct NvvmWarpgroupOps : WarpgroupOps {
  std::string global;
  int64_t elements;
  NvvmWarpgroupOps(const GpuGemmSignature &s)
      : WarpgroupOps(s.tile.precision == "bf16"), global(sharedName(s, "_smem_b")),
        elements(sharedElements(s)) {}

  Value blockAny(OpBuilder &b, Location loc, Value pred) override {
    Value p = arith::ExtUIOp::create(b, loc, b.getI32Type(), pred);
    Value r = NVVM::BarrierOp::create(
                  b, loc, b.getI32Type(), Value(), Value(),
                  NVVM::BarrierReductionAttr::get(b.getContext(), NVVM::BarrierReduction::OR), p)
                  .getRes();
    return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, r, constI32(b, loc, 0));
  }
  void publishShared(OpBuilder &b, Location loc) override {
    // Generic-proxy stores, read by wgmma through the async proxy: fence.proxy.async.shared::cta.
    NVVM::FenceProxyOp::create(
        b, loc, NVVM::ProxyKind::async_shared,
        NVVM::SharedSpaceAttr::get(b.getContext(), NVVM::SharedSpace::shared_cta));
    NVVM::BarrierOp::create(b, loc);
  }
  Value sharedB(OpBuilder &b, Location loc) override {
    auto type = MemRefType::get({elements}, b.getI16Type(), MemRefLayoutAttrInterface(),
                                b.getI64IntegerAttr(3));
    return memref::GetGlobalOp::create(b, loc, type, global);
  }
  Value sharedAddress(OpBuilder &b, Location loc, Value smem) override {
    Value p = memref::ExtractAlignedPointerAsIndexOp::create(b, loc, smem);
    return arith::IndexCastOp::create(b, loc, b.getI64Type(), p);
  }
  Value halfBits(OpBuilder &b, Location loc, Value x) override {
    Type half = bf16 ? Type(b.getBF16Type()) : Type(b.getF16Type());
    return arith::BitcastOp::create(b, loc, b.getI16Type(),
                                    arith::TruncFOp::create(b, loc, half, x));
  }
  /// One 32-bit A register ("r" operand of the inline PTX).
  Value pack(OpBuilder &b, Location loc, Value lo, Value hi) {
    return LLVM::BitcastOp::create(b, loc, b.getI32Type(), packHalf2(b, loc, bf16, lo, hi));
  }
  SmallVector<Value> wgmma(OpBuilder &b, Location loc, int64_t n, ArrayRef<Value> a, Value desc,
                           ValueRange acc) override {
    // wgmma.mma_async with A in registers: d, {a0..a3}, b-desc, scale-d, imm-scale-a,
    // imm-scale-b, imm-trans-b. The accumulators are read and written ("+f": outputs tied to
    // inputs); scale-d = 1 accumulates (they start at 0).
    //
    // The fence, the mmas, their commit and the wait are one asm statement. Apart, LLVM may place
    // register writes between the fence and an mma (it did: `mov.b32 %r, 0` for an A register
    // of zeros, when C_in <= 5), which the PTX ISA leaves undefined, and nothing would keep a
    // read of the accumulators after the wait. As one statement, every operand is in its
    // register before the fence, and the results exist only after the wait. The M tiles' mmas
    // go into one group, so the tensor cores take the second while the first is in flight
    // (each waited for its own group before: the tiles ran one after the other).
    const int64_t k = n / 2, M = int64_t(a.size()) / 8, outs = M * k;
    std::string constraints;
    for (int64_t i = 0; i < outs; ++i)
      constraints += (i ? ",=f" : "=f");
    for (int64_t i = 0; i < outs; ++i)
      constraints += "," + std::to_string(i);
    for (int64_t i = 0; i < 4 * M; ++i)
      constraints += ",r";
    constraints += ",l";
    const char *type = bf16 ? "bf16" : "f16";
    const int64_t firstA = 2 * outs, descOperand = firstA + 4 * M;
    std::string text = "wgmma.fence.sync.aligned;\n\t";
    for (int64_t m = 0; m < M; ++m) {
      std::string d;
      for (int64_t i = 0; i < k; ++i)
        d += (i ? ", $" : "$") + std::to_string(m * k + i);
      const int64_t a0 = firstA + 4 * m;
      text += llvm::formatv("wgmma.mma_async.sync.aligned.m64n{0}k16.f32.{1}.{1} "
                            "{{{2}}, {{${3}, ${4}, ${5}, ${6}}, ${7}, 1, 1, 1, 0;\n\t",
                            n, type, d, a0, a0 + 1, a0 + 2, a0 + 3, descOperand)
                  .str();
    }
    text += "wgmma.commit_group.sync.aligned;\n\t"
            "wgmma.wait_group.sync.aligned 0;";
    SmallVector<Value> operands(acc.begin(), acc.end());
    for (int64_t e = 0; e < 8 * M; e += 2)
      operands.push_back(pack(b, loc, a[size_t(e)], a[size_t(e + 1)]));
    operands.push_back(desc);
    Type f32 = b.getF32Type();
    auto result = LLVM::LLVMStructType::getLiteral(b.getContext(), SmallVector<Type>(outs, f32));
    Value r = LLVM::InlineAsmOp::create(b, loc, result, operands, text, constraints,
                                        /*has_side_effects=*/true, /*is_align_stack=*/false,
                                        LLVM::tailcallkind::TailCallKind::None,
                                        LLVM::AsmDialectAttr(), ArrayAttr())
                  .getRes();
    SmallVector<Value> out;
    for (int64_t i = 0; i < outs; ++i)
      out.push_back(LLVM::ExtractValueOp::create(b, loc, r, ArrayRef<int64_t>{i}));
    return out;
  }
};

/// The twin: calls into the emulator (declareEmulatorHooks). Kind 1 = f16, 2 = bf16.
struct EmulatedWarpgroupOps : WarpgroupOps {
  std::string global;
  int64_t elements;
  Value accs; // memref<N/2 x f32> at the function's entry: one stack slot for every call
  EmulatedWarpgroupOps(OpBuilder &b, Location loc, const GpuGemmSignature &s)
      : WarpgroupOps(s.tile.precision == "bf16"), global(sharedName(s, "_emu_smem_b")),
        elements(sharedElements(s)) {
    accs = memref::AllocaOp::create(b, loc,
                                    MemRefType::get({s.tile.coutPerWarp() / 2}, b.getF32Type()));
  }
  Value kind(OpBuilder &b, Location loc) { return constI32(b, loc, bf16 ? 2 : 1); }
  Value blockAny(OpBuilder &b, Location loc, Value pred) override {
    Value p = arith::ExtUIOp::create(b, loc, b.getI32Type(), pred);
    Value r = func::CallOp::create(b, loc, kEmuBlockAny, TypeRange{b.getI32Type()}, ValueRange{p})
                  .getResult(0);
    return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, r, constI32(b, loc, 0));
  }
  void publishShared(OpBuilder &b, Location loc) override {
    func::CallOp::create(b, loc, kEmuBarrier, TypeRange{}, ValueRange{});
  }
  Value sharedB(OpBuilder &b, Location loc) override {
    return memref::GetGlobalOp::create(b, loc, MemRefType::get({elements}, b.getI16Type()),
                                       global);
  }
  // The emulator resolves descriptor addresses against the buffer it is handed: they start at 0.
  Value sharedAddress(OpBuilder &b, Location loc, Value) override {
    return arith::ConstantIntOp::create(b, loc, 0, 64);
  }
  Value halfBits(OpBuilder &b, Location loc, Value x) override {
    return func::CallOp::create(b, loc, kEmuHalfBits, TypeRange{b.getI16Type()},
                                ValueRange{kind(b, loc), x})
        .getResult(0);
  }
  SmallVector<Value> wgmma(OpBuilder &b, Location loc, int64_t n, ArrayRef<Value> a, Value desc,
                           ValueRange acc) override {
    // The emulator computes each tile at its call; the tiles' order does not change the bits.
    SmallVector<Value> out;
    for (int64_t m = 0; m < int64_t(a.size()) / 8; ++m)
      llvm::append_range(out, tile(b, loc, n, a.slice(size_t(8 * m), 8), desc,
                                   acc.slice(size_t(m * n / 2), size_t(n / 2))));
    return out;
  }
  SmallVector<Value> tile(OpBuilder &b, Location loc, int64_t n, ArrayRef<Value> a, Value desc,
                          ValueRange acc) {
    for (auto [i, v] : llvm::enumerate(acc))
      memref::StoreOp::create(b, loc, v, accs, ValueRange{constIndex(b, loc, int64_t(i))});
    SmallVector<Value> args = {kind(b, loc), constI32(b, loc, int32_t(n))};
    llvm::append_range(args, a);
    // The hook takes dynamically sized memrefs (one declaration for every kernel).
    auto dynamic = [&](Value m) -> Value {
      auto t = cast<MemRefType>(m.getType());
      return memref::CastOp::create(
          b, loc, MemRefType::get({ShapedType::kDynamic}, t.getElementType()), m);
    };
    args.push_back(dynamic(sharedB(b, loc)));
    args.push_back(desc);
    args.push_back(dynamic(accs));
    func::CallOp::create(b, loc, kEmuWgmma, TypeRange{}, args);
    SmallVector<Value> out;
    for (size_t i = 0; i < acc.size(); ++i)
      out.push_back(memref::LoadOp::create(b, loc, accs, ValueRange{constIndex(b, loc, i)}));
    return out;
  }
};

void declareEmulatorHooks(OpBuilder &b, Location loc, const GpuGemmSignature &s) {
  Type i16 = b.getI16Type(), i32 = b.getI32Type(), i64 = b.getI64Type(), f32 = b.getF32Type();
  declareEmulatorHook(b, loc, kEmuBlockAny, b.getFunctionType({i32}, {i32}));
  declareEmulatorHook(b, loc, kEmuBarrier, b.getFunctionType({}, {}));
  declareEmulatorHook(b, loc, kEmuHalfBits, b.getFunctionType({i32, f32}, {i16}));
  // The B buffer's size differs per kernel: the hook takes a dynamically sized memref.
  SmallVector<Type> args = {i32, i32};
  args.append(8, f32);
  args.push_back(MemRefType::get({ShapedType::kDynamic}, i16));
  args.push_back(i64);
  args.push_back(MemRefType::get({ShapedType::kDynamic}, f32));
  declareEmulatorHook(b, loc, kEmuWgmma, b.getFunctionType(args, {}));
  declareSharedGlobal(b, loc, sharedName(s, "_emu_smem_b"), sharedElements(s), Attribute());
}

void buildBody(OpBuilder &b, Location loc, const GpuGemmSignature &s, const GemmOperands &a,
               Value numRows, Value blockId, Value threadId, WarpgroupOps &wg) {
  const GpuTile &t = s.tile;
  const int64_t M = t.rowsPerWarp() / 16, N = t.coutPerWarp(), N8 = N / 8;
  const int64_t numAcc = M * N / 2, numFrag = M * 8, P = t.stages, perThread = N / 8;
  Value c0 = constIndex(b, loc, 0), c1 = constIndex(b, loc, 1), cCout = constIndex(b, loc, s.cout);
  auto lt = [&](OpBuilder &ob, Location l, Value x, Value y) -> Value {
    return arith::CmpIOp::create(ob, l, arith::CmpIPredicate::ult, x, y);
  };
  MmaLane lane = MmaLane::of(b, loc, threadId);
  // Block b owns rows b * 64M + [0, 64M); warp w holds rows 16w..16w+15 of each 64-row m-tile.
  Value blockRow = arith::AddIOp::create(
      b, loc, arith::MulIOp::create(b, loc, blockId, constIndex(b, loc, 64 * M)),
      arith::MulIOp::create(b, loc, lane.warp, constIndex(b, loc, 16)));
  LaneRows rows = LaneRows::of(b, loc, lane, M, blockRow, 64, numRows);
  Value fzero = zeroOf(b, loc, b.getF32Type());
  Value smem = wg.sharedB(b, loc);
  Value smemBase = wg.sharedAddress(b, loc, smem);

  const int64_t numSteps = s.volume * ((s.cin + 15) / 16);
  Value cSteps = constIndex(b, loc, numSteps);
  auto passes = scf::ForOp::create(b, loc, c0, cCout, constIndex(b, loc, N));
  b.setInsertionPointToStart(passes.getBody());
  Value nc = passes.getInductionVar();

  // A step's votes and A fragments: [active, 8M fragments]. The vote is a block barrier.
  auto loadA = [&](OpBuilder &kb, Location l, Value step) -> SmallVector<Value> {
    return loadMmaStep(
        kb, l, s, a, rows, lane, step, M,
        [&](OpBuilder &vb, Location vl, Value any) { return wg.blockAny(vb, vl, any); }, 0,
        [](OpBuilder &, Location, const MmaStep &, const FragmentColumns &,
           SmallVectorImpl<Value> &) {});
  };
  // This thread's share of step `step`'s B slice, 16 x N of W[k][ci0 + kk][nc + n]: elements
  // e = thread + 128 j (j < N / 8). A warp's 32 elements are 8 consecutive channels n (lane % 8)
  // of 4 rows kk two apart (lane / 8), so that its 16-bit stores into the core matrices (rows of
  // 16 bytes, (n % 8) * 16 + (kk % 8) * 2) land in 32 different banks: with 32 consecutive
  // channels of one kk, as first written, they met in 8 banks (4-way conflicts). The loads stay
  // whole 32-byte sectors. Then e / 32 = r: kk parity r % 2, kk / 8 = (r / 2) % 2, n / 8 = r / 4.
  // f32, 0 past C_in or C_out. Only for an active step.
  auto bElement = [&](OpBuilder &kb, Location l, int64_t j) -> std::pair<Value, Value> {
    const IndexOps x{kb, l};
    Value e = x.add(threadId, x.c(128 * j));
    Value laneIdx = x.rem(e, 32), r = x.div(e, 32);
    Value kk = x.add(x.add(x.mul(x.rem(x.div(r, 2), 2), 8), x.mul(x.div(laneIdx, 8), 2)),
                     x.rem(r, 2));
    Value n = x.add(x.mul(x.div(r, 4), 8), x.rem(laneIdx, 8));
    return {kk, n};
  };
  auto loadB = [&](OpBuilder &kb, Location l, Value step, Value active) -> SmallVector<Value> {
    auto loads = scf::IfOp::create(
        kb, l, active,
        [&](OpBuilder &cb, Location cl) {
          MmaStep st = MmaStep::of(cb, cl, step, s.cin, s.volume);
          SmallVector<Value> vals;
          for (int64_t j = 0; j < perThread; ++j) {
            auto [kk, n] = bElement(cb, cl, j);
            Value ci = arith::AddIOp::create(cb, cl, st.ci0, kk);
            Value co = arith::AddIOp::create(cb, cl, nc, n);
            Value ciOk = lt(cb, cl, ci, constIndex(cb, cl, s.cin)), coOk = lt(cb, cl, co, cCout);
            vals.push_back(guardedLoad(cb, cl, a.w, {st.k, ci, co}, {Value(), ciOk, coOk},
                                       andOk(cb, cl, ciOk, coOk)));
          }
          scf::YieldOp::create(cb, cl, vals);
        },
        [&](OpBuilder &eb, Location el) {
          scf::YieldOp::create(eb, el, SmallVector<Value>(perThread, fzero));
        });
    return SmallVector<Value>(loads.getResults());
  };
  // Stores them, rounded, into slot `slot` (index 0 or 1) in the layout of GpuWgmmaKernel.h.
  auto storeB = [&](OpBuilder &kb, Location l, Value slot, ArrayRef<Value> vals) {
    const IndexOps x{kb, l};
    Value slotBase = x.mul(slot, 16 * N);
    for (int64_t j = 0; j < perThread; ++j) {
      auto [kk, n] = bElement(kb, l, j);
      // Core matrix (n / 8, kk / 8), row n % 8, element kk % 8; in 16-bit elements:
      // (n / 8) * 128 + (kk / 8) * 64 + (n % 8) * 8 + kk % 8.
      Value idx = slotBase;
      for (Value p : {x.mul(x.div(n, 8), kStrideByteOffset / 2),
                      x.mul(x.div(kk, 8), kLeadingByteOffset / 2), x.mul(x.rem(n, 8), 8),
                      x.rem(kk, 8)})
        idx = x.add(idx, p);
      memref::StoreOp::create(kb, l, wg.halfBits(kb, l, vals[j]), smem, ValueRange{idx});
    }
  };
  auto ifActive = [&](OpBuilder &kb, Location l, Value active, auto body) {
    auto op = scf::IfOp::create(kb, l, active, /*withElseRegion=*/false);
    OpBuilder::InsertionGuard guard(kb);
    kb.setInsertionPointToStart(op.thenBlock());
    body(kb, l);
  };
  // The descriptor of slot `slot`: start address, leading and stride byte offsets (all >> 4), no
  // swizzle, base offset 0.
  auto descriptor = [&](OpBuilder &kb, Location l, Value slot) -> Value {
    Value addr = arith::AddIOp::create(
        kb, l, smemBase,
        arith::MulIOp::create(kb, l, arith::IndexCastOp::create(kb, l, kb.getI64Type(), slot),
                              arith::ConstantIntOp::create(kb, l, 32 * N, 64)));
    Value start = arith::AndIOp::create(
        kb, l,
        arith::ShRUIOp::create(kb, l, addr, arith::ConstantIntOp::create(kb, l, 4, 64)),
        arith::ConstantIntOp::create(kb, l, 0x3fff, 64));
    const int64_t fixed = ((kLeadingByteOffset >> 4) << 16) | ((kStrideByteOffset >> 4) << 32);
    return arith::OrIOp::create(kb, l, start, arith::ConstantIntOp::create(kb, l, fixed, 64));
  };

  // Prologue: the votes and A fragments of steps 0..P-2 (their votes are barriers: every thread
  // has finished the previous pass, wgmma included, before anyone writes slot 0 below), then step
  // 0's B into slot 0.
  SmallVector<Value> init(numAcc, fzero);
  for (int64_t j = 0; j + 1 < P; ++j)
    llvm::append_range(init, loadA(b, loc, constIndex(b, loc, j)));
  {
    Value active0 = init[numAcc];
    SmallVector<Value> b0 = loadB(b, loc, c0, active0);
    ifActive(b, loc, active0, [&](OpBuilder &kb, Location l) { storeB(kb, l, c0, b0); });
  }
  const int64_t stagedSize = 1 + numFrag;
  auto steps = scf::ForOp::create(
      b, loc, c0, cSteps, c1, init,
      [&](OpBuilder &kb, Location l, Value step, ValueRange carried) {
        wg.publishShared(kb, l);
        Value slot = arith::RemUIOp::create(kb, l, step, constIndex(kb, l, 2));
        Value nextSlot = arith::SubIOp::create(kb, l, c1, slot);
        Value nextStep = arith::AddIOp::create(kb, l, step, c1);
        SmallVector<Value> ahead =
            loadA(kb, l, arith::AddIOp::create(kb, l, step, constIndex(kb, l, P - 1)));
        ValueRange accs = carried.take_front(numAcc);
        ValueRange staged = carried.drop_front(numAcc);
        ValueRange cur = staged.take_front(stagedSize);
        Value nextActive = P > 2 ? staged[stagedSize] : ahead[0];
        SmallVector<Value> bNext = loadB(kb, l, nextStep, nextActive);
        auto compute = scf::IfOp::create(
            kb, l, cur[0],
            [&](OpBuilder &cb, Location cl) {
              Value desc = descriptor(cb, cl, slot);
              SmallVector<Value> fa(cur.begin() + 1, cur.begin() + 1 + 8 * M);
              scf::YieldOp::create(cb, cl, wg.wgmma(cb, cl, N, fa, desc, accs));
            },
            [&](OpBuilder &eb, Location el) { scf::YieldOp::create(eb, el, accs); });
        ifActive(kb, l, nextActive,
                 [&](OpBuilder &sb, Location sl) { storeB(sb, sl, nextSlot, bNext); });
        SmallVector<Value> yield(compute.getResults());
        llvm::append_range(yield, staged.drop_front(stagedSize));
        llvm::append_range(yield, ahead);
        scf::YieldOp::create(kb, l, yield);
      });
  // Epilogue: accumulator 4n + e of m-tile m is row 2m + e / 2 of this lane, channel
  // 8n + 2q + e % 2: the mma.sync kernel's layout with N / 8 tiles.
  storeMmaAccumulators(b, loc, s, a, rows, lane, nc, M, N8, steps.getResults().take_front(numAcc));
  b.setInsertionPointAfter(passes);
}

} // namespace

void sconv::createGpuWgmmaKernel(OpBuilder &b, Location loc, const GpuGemmSignature &s) {
  declareSharedGlobal(b, loc, sharedName(s, "_smem_b"), sharedElements(s),
                      b.getI64IntegerAttr(3));
  Operation *kernel = createGpuKernel(
      b, loc, s.name(), gemmOperandTypes(b, s.volume, s.cin, s.cout, s.elem), s.tile.threads(),
      [&](OpBuilder &bb, Location l, Block &entry, Value rows, Value block, Value thread) {
        NvvmWarpgroupOps wg(s);
        buildBody(bb, l, s, GemmOperands(entry), rows, block, thread, wg);
      });
  kernel->setAttr(kRequiresSm90aAttr, b.getUnitAttr());
}

void sconv::createGpuWgmmaTwin(OpBuilder &b, Location loc, const GpuGemmSignature &s) {
  declareEmulatorHooks(b, loc, s);
  createGpuTwin(b, loc, s.name(), gemmOperandTypes(b, s.volume, s.cin, s.cout, s.elem),
                [&](OpBuilder &bb, Location l, Block &entry, Value rows, Value block,
                    Value thread) {
                  EmulatedWarpgroupOps wg(bb, l, s);
                  buildBody(bb, l, s, GemmOperands(entry), rows, block, thread, wg);
                });
}
